//! `Retry-After` values and HTTP dates, and the delay they ask for from any
//! moment, capped at any maximum.

#![no_main]

use std::time::{Duration, UNIX_EPOCH};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use oauth_triage::{parse_http_date, RetryAfter};

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    now_secs: i64,
    now_nanos: u32,
    max_secs: u64,
    max_nanos: u32,
    value: &'a str,
}

/// 10000-01-01T00:00:00Z: no HTTP date reaches it.
const YEAR_10000: u64 = 253_402_300_800;

fuzz_target!(|input: Input<'_>| {
    let nanos = input.now_nanos % 1_000_000_000;
    let now = if input.now_secs >= 0 {
        UNIX_EPOCH.checked_add(Duration::new(input.now_secs.unsigned_abs(), nanos))
    } else {
        UNIX_EPOCH.checked_sub(Duration::new(input.now_secs.unsigned_abs(), nanos))
    };
    let Some(now) = now else { return };
    let max = Duration::new(input.max_secs, input.max_nanos % 1_000_000_000);

    let date = parse_http_date(input.value);
    let parsed = RetryAfter::parse(input.value);
    if let Some(at) = date {
        assert!(at >= UNIX_EPOCH);
        assert!(at < UNIX_EPOCH + Duration::from_secs(YEAR_10000));
        if input.value.trim_matches([' ', '\t']) == input.value {
            assert_eq!(parsed, Some(RetryAfter::Date(at)));
        }
    }

    let Some(retry) = parsed else { return };
    let delay = retry.delay(now, max);
    assert!(delay <= max);
    match retry {
        RetryAfter::Delay(d) => assert_eq!(delay, d.min(max)),
        RetryAfter::Date(at) => {
            let want = at.duration_since(now).unwrap_or(Duration::ZERO).min(max);
            assert_eq!(delay, want);
            if at <= now {
                assert_eq!(delay, Duration::ZERO);
            }
        }
        _ => {}
    }
});
