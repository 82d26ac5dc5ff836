//! `Retry-After` values and HTTP dates through a whole response: the
//! delay asked for, measured from the response's `Date`, capped at any
//! maximum.

#![no_main]

use std::time::{Duration, UNIX_EPOCH};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use oauth_triage::HttpResponse;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    /// The response's `Date`, in seconds after 1970 (kept within the years
    /// an HTTP date can write).
    date_secs: u32,
    max_secs: u64,
    max_nanos: u32,
    value: &'a str,
}

fuzz_target!(|input: Input<'_>| {
    let max = Duration::new(input.max_secs, input.max_nanos % 1_000_000_000);
    let now = UNIX_EPOCH + Duration::from_secs(u64::from(input.date_secs));
    let date = httpdate::fmt_http_date(now);
    let response = HttpResponse::new(503)
        .header("Date", date.as_str())
        .header("Retry-After", input.value)
        .max_retry_after(max);
    let delay = response.retry_after();
    if let Some(delay) = delay {
        assert!(delay <= max);
    }
    let value = input.value.trim_matches([' ', '\t']);
    // Delta-seconds: the delay is the number, capped.
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        let secs = value.parse::<u64>().unwrap_or(u64::MAX);
        assert_eq!(delay, Some(Duration::from_secs(secs).min(max)));
    }
    // An IMF-fixdate (the form servers send; the two older forms read
    // two-digit years by RFC 9110's window, which `httpdate` does not): the
    // time from the response's own `Date` to it, capped.
    if let Ok(at) = httpdate::parse_http_date(value) {
        if httpdate::fmt_http_date(at) == value {
            let want = at.duration_since(now).unwrap_or(Duration::ZERO).min(max);
            assert_eq!(delay, Some(want));
        }
    }
    // Read again, whatever the order of the builder's calls.
    let reordered = HttpResponse::new(503)
        .max_retry_after(max)
        .header("Retry-After", input.value)
        .header("Date", date.as_str());
    assert_eq!(reordered.retry_after(), delay);
});
