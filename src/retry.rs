//! `Retry-After` (RFC 9110 §10.2.3): delta-seconds and the three HTTP-date forms.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The default cap on a server-supplied delay: one hour.
///
/// [`HttpResponse`](crate::HttpResponse) applies it unless
/// [`HttpResponse::max_retry_after`](crate::HttpResponse::max_retry_after)
/// sets another.
///
/// ```
/// use std::time::Duration;
/// use oauth_triage::{HttpResponse, DEFAULT_MAX_RETRY_AFTER};
///
/// // A server asking for a whole day does not park the client that long.
/// let response = HttpResponse::new(503).header("Retry-After", "86400");
/// assert_eq!(response.retry_after(), Some(DEFAULT_MAX_RETRY_AFTER));
/// assert_eq!(DEFAULT_MAX_RETRY_AFTER, Duration::from_secs(3600));
/// ```
pub const DEFAULT_MAX_RETRY_AFTER: Duration = Duration::from_secs(3600);

/// A parsed `Retry-After` header value.
///
/// A delay is given either as delta-seconds or as an HTTP-date
/// ([RFC 9110 §10.2.3](https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3));
/// all three date forms of [RFC 9110 §5.6.7](https://www.rfc-editor.org/rfc/rfc9110#section-5.6.7)
/// are accepted. Anything else (negative numbers, fractions, units, several
/// values) is rejected, so that the caller falls back to its own backoff.
///
/// # Examples
///
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum RetryAfter {
    /// Wait this long (delta-seconds; saturates on overflow).
    Delay(Duration),
    /// Wait until this moment.
    Date(SystemTime),
}

impl RetryAfter {
    /// Parses a `Retry-After` value; `None` when it follows neither form, so
    /// that the caller's own backoff applies.
    ///
    pub(crate) fn parse(value: &str) -> Option<Self> {
        let value = value.trim_matches(|c| c == ' ' || c == '\t');
        if let Some(secs) = parse_digits(value) {
            return Some(Self::Delay(Duration::from_secs(secs)));
        }
        parse_http_date(value).map(Self::Date)
    }

    /// The delay this value asks for, measured from `now`, capped at `max`.
    /// A date in the past means no delay.
    ///
    /// For a date, measure from the response's `Date` header rather than the
    /// local clock, which may be skewed.
    ///
    pub(crate) fn delay(&self, now: SystemTime, max: Duration) -> Duration {
        let delay = match *self {
            Self::Delay(delay) => delay,
            Self::Date(at) => at.duration_since(now).unwrap_or(Duration::ZERO),
        };
        delay.min(max)
    }
}

/// A whole number of ASCII digits (`delay-seconds`, or the milliseconds of
/// `retry-after-ms`), saturating on overflow; `None` for anything else.
pub(crate) fn parse_digits(value: &str) -> Option<u64> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(value.bytes().fold(0u64, |n, b| {
        n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
    }))
}

/// Parses an HTTP-date in IMF-fixdate, RFC 850 or asctime form
/// ([RFC 9110 §5.6.7](https://www.rfc-editor.org/rfc/rfc9110#section-5.6.7)).
///
/// The `httpdate` crate (hyper's) reads the dates; what is ours is RFC
/// 9110's reading of an RFC 850 date's two-digit year (the most recent
/// year with those digits that is not more than 50 years in the future,
/// where `httpdate` puts every year before 70 in the 2000s) and refusing
/// white space around the value (`RetryAfter::parse` trims the header's
/// own first). A leap second (`:60`) is refused, as `httpdate` refuses it.
///
pub(crate) fn parse_http_date(value: &str) -> Option<SystemTime> {
    if value.trim().len() != value.len() {
        return None;
    }
    // A long day name starts only an RFC 850 date.
    if LONG_DAYS.iter().any(|day| value.starts_with(day)) {
        return httpdate::parse_http_date(&rfc850_as_imf_fixdate(value)?).ok();
    }
    httpdate::parse_http_date(value).ok()
}

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const LONG_DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// `Sunday, 06-Nov-94 08:49:37 GMT` written as `Sun, 06 Nov 1994 08:49:37
/// GMT`, its year read by RFC 9110 §5.6.7's rule: a two-digit year more
/// than 50 years in the future is the most recent past year with those
/// digits. `None` when it does not have the RFC 850 shape.
fn rfc850_as_imf_fixdate(value: &str) -> Option<String> {
    let (day_name, rest) = value.split_once(", ")?;
    let weekday = LONG_DAYS.iter().position(|d| *d == day_name)?;
    let b = rest.as_bytes();
    if !rest.is_ascii()
        || b.len() != 22
        || b[2] != b'-'
        || b[6] != b'-'
        || b[9] != b' '
        || &rest[18..] != " GMT"
        || !b[7..9].iter().all(u8::is_ascii_digit)
    {
        return None;
    }
    let yy = u64::from(b[7] - b'0') * 10 + u64::from(b[8] - b'0');
    let now_year = current_year();
    let mut year = now_year - now_year % 100 + yy;
    if year > now_year + 50 {
        year -= 100;
    }
    Some(format!(
        "{}, {} {} {year:04} {} GMT",
        DAYS[weekday],
        &rest[..2],
        &rest[3..6],
        &rest[10..18]
    ))
}

fn current_year() -> u64 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Good enough for choosing a century: 365.2425 days a year.
    1970 + secs / 31_556_952
}

#[cfg(test)]
mod tests;
