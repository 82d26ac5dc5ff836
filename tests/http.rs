//! Whole HTTP responses: Retry-After in every form, the cap, Date-relative
//! dates, DPoP-Nonce, and bodies that are not JSON.

use std::time::{Duration, UNIX_EPOCH};

use oauth_triage::{classify, parse_http_date, Action, HttpResponse, RetryAfter};

fn delay(headers: &[(&str, &str)]) -> Option<u64> {
    let r = headers
        .iter()
        .fold(HttpResponse::new(503), |r, (n, v)| r.header(n, v));
    classify(&r).retry_after().map(|d| d.as_secs())
}

const DATE: &str = "Sun, 06 Nov 1994 08:49:37 GMT";

#[test]
fn retry_after_delta_seconds() {
    assert_eq!(delay(&[("Retry-After", "120")]), Some(120));
    assert_eq!(delay(&[("retry-after", " 0 ")]), Some(0));
    assert_eq!(
        delay(&[("RETRY-AFTER", "99999999999999999999999")]),
        Some(3600),
        "saturates, then the cap"
    );
}

#[test]
fn retry_after_all_three_date_forms_relative_to_date() {
    for form in [
        "Sun, 06 Nov 1994 08:51:37 GMT",
        "Sunday, 06-Nov-94 08:51:37 GMT",
        "Sun Nov  6 08:51:37 1994",
    ] {
        assert_eq!(
            delay(&[("Date", DATE), ("Retry-After", form)]),
            Some(120),
            "{form}"
        );
    }
}

#[test]
fn retry_after_in_the_past_means_now() {
    assert_eq!(
        delay(&[
            ("Date", DATE),
            ("Retry-After", "Sat, 05 Nov 1994 08:49:37 GMT")
        ]),
        Some(0)
    );
    // Without a Date header the local clock is used: 1994 is long past.
    assert_eq!(
        delay(&[("Retry-After", "Sat, 05 Nov 1994 08:49:37 GMT")]),
        Some(0)
    );
}

#[test]
fn retry_after_is_capped_and_the_cap_is_configurable() {
    assert_eq!(delay(&[("Retry-After", "86400")]), Some(3600));
    let r = HttpResponse::new(429)
        .max_retry_after(Duration::from_secs(10))
        .header("Retry-After", "86400");
    assert_eq!(classify(&r).retry_after(), Some(Duration::from_secs(10)));
}

#[test]
fn bad_retry_after_values_are_ignored() {
    for bad in [
        "-5",
        "1.5",
        "120s",
        "10, 20",
        "",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "tomorrow",
    ] {
        assert_eq!(RetryAfter::parse(bad), None, "{bad:?}");
        assert_eq!(delay(&[("Retry-After", bad)]), None, "{bad:?}");
    }
}

#[test]
fn http_dates() {
    let t = UNIX_EPOCH + Duration::from_secs(784_111_777);
    assert_eq!(parse_http_date(DATE), Some(t));
    assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), Some(t));
    assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(t));
    assert!(parse_http_date("Thu, 29 Feb 2024 00:00:00 GMT").is_some());
    assert_eq!(parse_http_date("Wed, 29 Feb 2023 00:00:00 GMT"), None);
    assert_eq!(parse_http_date("Sun, 06 Nov 1994 25:49:37 GMT"), None);
    assert_eq!(
        parse_http_date("sun, 06 nov 1994 08:49:37 gmt"),
        None,
        "case-sensitive"
    );
}

#[test]
fn plain_text_429_is_retried_with_its_delay() {
    let r = HttpResponse::new(429)
        .header("Retry-After", "60")
        .body(b"Too Many Requests");
    let c = classify(&r);
    assert_eq!(
        c.action(),
        &Action::Retry {
            after: Some(Duration::from_secs(60))
        }
    );
    assert_eq!(c.parse_error().map(|e| e.kind()), Some("not_json"));
}

#[test]
fn oversized_headers_are_ignored() {
    let long = "1".repeat(20_000);
    assert_eq!(delay(&[("Retry-After", &long)]), None);
}

#[test]
fn dpop_nonce_is_kept() {
    let r = HttpResponse::new(400)
        .header("DPoP-Nonce", "abc")
        .body(br#"{"error":"use_dpop_nonce"}"#);
    assert_eq!(r.dpop_nonce(), Some("abc"));
    assert_eq!(classify(&r).action(), &Action::RetryWithNonce);
}
