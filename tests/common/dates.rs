//! `Retry-After` values and HTTP dates as the crate reads them, through a
//! whole response: the only public way in since the date reader is private.
#![allow(dead_code)] // each test binary uses its own share of these

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use oauth_triage::HttpResponse;

/// What one `Retry-After` value asks for, read through a whole response
/// whose `Date` is the Unix epoch, uncapped: a delay as it is, a date as
/// the time from the epoch to it.
pub(crate) fn retry_after_value(value: &str) -> Option<Duration> {
    HttpResponse::new(503)
        .header("Date", "Thu, 01 Jan 1970 00:00:00 GMT")
        .header("Retry-After", value)
        .max_retry_after(Duration::MAX)
        .retry_after()
}

/// An HTTP-date (`Retry-After`'s date form) as the crate reads it.
pub(crate) fn http_date(value: &str) -> Option<SystemTime> {
    if value
        .trim_matches([' ', '\t'])
        .bytes()
        .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    retry_after_value(value).map(|d| UNIX_EPOCH + d)
}
