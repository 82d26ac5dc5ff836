//! `Retry-After` (RFC 9110 §10.2.3): delta-seconds and the three HTTP-date forms.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The default cap on a server-supplied delay: one hour.
///
/// [`HttpResponse`](crate::HttpResponse) applies it unless
/// [`HttpResponse::max_retry_after`](crate::HttpResponse::max_retry_after)
/// sets another; pass it to [`RetryAfter::delay`] yourself otherwise.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use oauth_triage::{RetryAfter, DEFAULT_MAX_RETRY_AFTER};
///
/// // A server asking for a whole day does not park the client that long.
/// let retry = RetryAfter::parse("86400").ok_or("unreadable Retry-After")?;
/// assert_eq!(retry.delay(SystemTime::now(), DEFAULT_MAX_RETRY_AFTER), Duration::from_secs(3600));
/// # Ok::<(), Box<dyn std::error::Error>>(())
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
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use oauth_triage::RetryAfter;
///
/// assert_eq!(RetryAfter::parse("120"), Some(RetryAfter::Delay(Duration::from_secs(120))));
///
/// let date = RetryAfter::parse("Sun, 06 Nov 1994 08:49:37 GMT");
/// assert_eq!(date, Some(RetryAfter::Date(UNIX_EPOCH + Duration::from_secs(784111777))));
///
/// assert_eq!(RetryAfter::parse("2 minutes"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryAfter {
    /// Wait this long (delta-seconds; saturates on overflow).
    Delay(Duration),
    /// Wait until this moment.
    Date(SystemTime),
}

impl RetryAfter {
    /// Parses a `Retry-After` value; `None` when it follows neither form, so
    /// that the caller's own backoff applies.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use oauth_triage::{RetryAfter, DEFAULT_MAX_RETRY_AFTER};
    ///
    /// let backoff = Duration::from_secs(2);
    /// let wait = |header: &str| RetryAfter::parse(header)
    ///     .map_or(backoff, |r| r.delay(SystemTime::now(), DEFAULT_MAX_RETRY_AFTER));
    /// assert_eq!(wait("30"), Duration::from_secs(30));
    /// assert_eq!(wait("1.5"), backoff);
    /// ```
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim_matches(|c| c == ' ' || c == '\t');
        if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
            let secs = value.bytes().fold(0u64, |n, b| {
                n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
            });
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
    /// ```
    /// use std::time::Duration;
    /// use oauth_triage::{parse_http_date, RetryAfter, DEFAULT_MAX_RETRY_AFTER};
    ///
    /// let server_now = parse_http_date("Tue, 14 May 2024 09:12:00 GMT").ok_or("unreadable Date")?;
    /// let retry = RetryAfter::parse("Tue, 14 May 2024 09:12:45 GMT").ok_or("unreadable Retry-After")?;
    /// assert_eq!(retry.delay(server_now, DEFAULT_MAX_RETRY_AFTER), Duration::from_secs(45));
    /// assert_eq!(retry.delay(server_now, Duration::from_secs(10)), Duration::from_secs(10));
    /// assert_eq!(retry.delay(server_now + Duration::from_secs(60), DEFAULT_MAX_RETRY_AFTER), Duration::ZERO);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn delay(&self, now: SystemTime, max: Duration) -> Duration {
        let delay = match *self {
            Self::Delay(delay) => delay,
            Self::Date(at) => at.duration_since(now).unwrap_or(Duration::ZERO),
        };
        delay.min(max)
    }
}

/// Parses an HTTP-date in IMF-fixdate, RFC 850 or asctime form.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use oauth_triage::parse_http_date;
///
/// let t = UNIX_EPOCH + Duration::from_secs(784111777);
/// assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(t));
/// assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), Some(t));
/// assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(t));
/// assert_eq!(parse_http_date("yesterday"), None);
/// ```
pub fn parse_http_date(value: &str) -> Option<SystemTime> {
    // Every form is ASCII; rejecting anything else first keeps the slicing
    // at fixed byte offsets below on character boundaries.
    if !value.is_ascii() {
        return None;
    }
    parse_imf_fixdate(value)
        .or_else(|| parse_rfc850(value))
        .or_else(|| parse_asctime(value))
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
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `Sun, 06 Nov 1994 08:49:37 GMT`
fn parse_imf_fixdate(s: &str) -> Option<SystemTime> {
    let b = s.as_bytes();
    if b.len() != 29 || &s[3..5] != ", " || &s[25..] != " GMT" || b[7] != b' ' || b[11] != b' ' {
        return None;
    }
    let weekday = DAYS.iter().position(|d| *d == &s[..3])?;
    let day = digits(&s[5..7])?;
    let month = month(&s[8..11])?;
    let year = digits(&s[12..16])?;
    if b[16] != b' ' {
        return None;
    }
    let (h, m, sec) = time_of_day(&s[17..25])?;
    to_system_time(year, month, day, h, m, sec, Some(weekday))
}

/// `Sunday, 06-Nov-94 08:49:37 GMT`
fn parse_rfc850(s: &str) -> Option<SystemTime> {
    let (day_name, rest) = s.split_once(", ")?;
    let weekday = LONG_DAYS.iter().position(|d| *d == day_name)?;
    let b = rest.as_bytes();
    if b.len() != 22 || b[2] != b'-' || b[6] != b'-' || b[9] != b' ' || &rest[18..] != " GMT" {
        return None;
    }
    let day = digits(&rest[..2])?;
    let month = month(&rest[3..6])?;
    let yy = digits(&rest[7..9])?;
    let (h, m, sec) = time_of_day(&rest[10..18])?;
    // RFC 9110 §5.6.7: a two-digit year more than 50 years in the future is the
    // most recent past year with those digits.
    let now_year = current_year();
    let mut year = now_year - now_year % 100 + yy;
    if year > now_year + 50 {
        year -= 100;
    }
    to_system_time(year, month, day, h, m, sec, Some(weekday))
}

/// `Sun Nov  6 08:49:37 1994`
fn parse_asctime(s: &str) -> Option<SystemTime> {
    let b = s.as_bytes();
    if b.len() != 24 || b[3] != b' ' || b[7] != b' ' || b[10] != b' ' || b[19] != b' ' {
        return None;
    }
    let weekday = DAYS.iter().position(|d| *d == &s[..3])?;
    let month = month(&s[4..7])?;
    let day = match (b[8], b[9]) {
        (b' ', d) if d.is_ascii_digit() => u64::from(d - b'0'),
        _ => digits(&s[8..10])?,
    };
    let (h, m, sec) = time_of_day(&s[11..19])?;
    let year = digits(&s[20..24])?;
    to_system_time(year, month, day, h, m, sec, Some(weekday))
}

fn digits(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn month(s: &str) -> Option<u64> {
    MONTHS.iter().position(|m| *m == s).map(|i| i as u64 + 1)
}

fn time_of_day(s: &str) -> Option<(u64, u64, u64)> {
    let b = s.as_bytes();
    if b.len() != 8 || b[2] != b':' || b[5] != b':' {
        return None;
    }
    let (h, m, sec) = (digits(&s[..2])?, digits(&s[3..5])?, digits(&s[6..8])?);
    (h < 24 && m < 60 && sec <= 60).then_some((h, m, sec))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil` algorithm).
fn days_from_civil(year: u64, month: u64, day: u64) -> i64 {
    let y = year as i64 - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn to_system_time(
    year: u64,
    month: u64,
    day: u64,
    hour: u64,
    minute: u64,
    second: u64,
    weekday: Option<usize>,
) -> Option<SystemTime> {
    if !(1..=days_in_month(year, month)).contains(&day) || year < 1970 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    // 1970-01-01 was a Thursday (index 3 with Monday = 0).
    if let Some(weekday) = weekday {
        if (days + 3).rem_euclid(7) as usize != weekday {
            return None;
        }
    }
    let secs = days as u64 * 86_400 + hour * 3600 + minute * 60 + second;
    UNIX_EPOCH.checked_add(Duration::from_secs(secs))
}

fn current_year() -> u64 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Good enough for choosing a century: 365.2425 days a year.
    1970 + secs / 31_556_952
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1994, 11, 6), 9_075);
    }

    #[test]
    fn weekday_must_match() {
        assert!(parse_http_date("Mon, 06 Nov 1994 08:49:37 GMT").is_none());
        assert!(parse_http_date("Sun, 31 Nov 1994 08:49:37 GMT").is_none());
    }

    #[test]
    fn current_year_is_plausible() {
        let y = current_year();
        assert!((2024..2200).contains(&y), "{y}");
    }
}
