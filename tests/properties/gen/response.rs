//! HTTP dates and whole responses: status, `Date`, `Retry-After`,
//! `DPoP-Nonce`, challenges and a body.

use super::*;

use std::time::{SystemTime, UNIX_EPOCH};

use oauth_triage::HttpResponse;
use proptest::collection::vec;
use proptest::option;
use proptest::sample::select;

pub(crate) use crate::dates::{http_date, retry_after_value};

pub(crate) const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
pub(crate) const LONG_DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
pub(crate) const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The last second of the year 9999, the latest four-digit year.
pub(crate) const MAX_HTTP_DATE: u64 = 253_402_300_799;

pub(crate) struct Civil {
    pub(crate) year: i64,
    pub(crate) month: usize,
    pub(crate) day: i64,
    pub(crate) hour: u64,
    pub(crate) minute: u64,
    pub(crate) second: u64,
    /// Monday is 0.
    pub(crate) weekday: usize,
}

/// The UTC calendar date of `secs` after the epoch (Howard Hinnant's
/// `civil_from_days`).
pub(crate) fn civil(secs: u64) -> Civil {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    Civil {
        year: yoe + era * 400 + i64::from(month <= 2),
        month: month as usize,
        day,
        hour: rem / 3600,
        minute: rem / 60 % 60,
        second: rem % 60,
        weekday: (days + 3).rem_euclid(7) as usize,
    }
}

pub(crate) fn imf_fixdate(secs: u64) -> String {
    let t = civil(secs);
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
        DAYS[t.weekday],
        t.day,
        MONTHS[t.month - 1],
        t.year,
        t.hour,
        t.minute,
        t.second
    )
}

pub(crate) fn rfc850_date(secs: u64) -> String {
    let t = civil(secs);
    format!(
        "{}, {:02}-{}-{:02} {:02}:{:02}:{:02} GMT",
        LONG_DAYS[t.weekday],
        t.day,
        MONTHS[t.month - 1],
        t.year % 100,
        t.hour,
        t.minute,
        t.second
    )
}

pub(crate) fn asctime_date(secs: u64) -> String {
    let t = civil(secs);
    format!(
        "{} {} {:>2} {:02}:{:02}:{:02} {:04}",
        DAYS[t.weekday],
        MONTHS[t.month - 1],
        t.day,
        t.hour,
        t.minute,
        t.second,
        t.year
    )
}

/// Moments within 40 years of now, in seconds after the epoch.
pub(crate) fn within_40_years() -> std::ops::Range<u64> {
    const YEARS_40: u64 = 40 * 365 * 86_400;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    now.saturating_sub(YEARS_40)..now + YEARS_40
}

#[derive(Clone, Debug)]
pub(crate) enum RetryAfterGen {
    Seconds(u64),
    /// A date this many seconds after the `Date` header (before when negative).
    Date(i64, bool),
    Garbage(String),
}

#[derive(Clone, Debug)]
pub(crate) enum HttpBody {
    None,
    Token(TokenBody),
    Resource(ResourceBody),
    Junk(&'static str),
}

#[derive(Clone, Debug)]
pub(crate) struct HttpGen {
    pub(crate) status: u16,
    /// Always sent, so that a `Retry-After` date gives the same delay at any time.
    pub(crate) date: u64,
    pub(crate) retry_after: Option<RetryAfterGen>,
    pub(crate) nonce: Option<String>,
    pub(crate) headers: Vec<Header>,
    pub(crate) used_scheme: Option<&'static str>,
    pub(crate) body: HttpBody,
    pub(crate) name_case: Vec<u8>,
}

/// A response as text, ready to be read by `HttpResponse`.
pub(crate) struct RenderedHttp {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) used_scheme: Option<&'static str>,
    pub(crate) body: Vec<u8>,
}

impl RenderedHttp {
    pub(crate) fn response(&self) -> HttpResponse<'_> {
        let mut response = HttpResponse::new(self.status);
        for (name, value) in &self.headers {
            response = response.header(name, value);
        }
        if let Some(scheme) = self.used_scheme {
            response = response.sent_scheme(scheme);
        }
        response.body(&self.body)
    }
}

impl HttpGen {
    pub(crate) fn render(&self, desc: &Desc) -> RenderedHttp {
        let name = |n: &str| recase(n, &self.name_case);
        let mut headers = vec![(name("Date"), imf_fixdate(self.date))];
        if let Some(retry) = &self.retry_after {
            let value = match retry {
                RetryAfterGen::Seconds(n) => n.to_string(),
                RetryAfterGen::Date(offset, asctime) => {
                    let at = self.date.saturating_add_signed(*offset);
                    if *asctime {
                        asctime_date(at)
                    } else {
                        imf_fixdate(at)
                    }
                }
                RetryAfterGen::Garbage(text) => text.clone(),
            };
            headers.push((name("Retry-After"), value));
        }
        if let Some(nonce) = &self.nonce {
            headers.push((name("DPoP-Nonce"), nonce.clone()));
        }
        for header in &self.headers {
            headers.push((name("WWW-Authenticate"), header.render(desc)));
        }
        let body = match &self.body {
            HttpBody::None => Vec::new(),
            HttpBody::Token(body) => body.render(desc),
            HttpBody::Resource(body) => body.render(desc),
            HttpBody::Junk(text) => text.as_bytes().to_vec(),
        };
        RenderedHttp {
            status: self.status,
            headers,
            used_scheme: self.used_scheme,
            body,
        }
    }
}

pub(crate) fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        3 => select(&[200u16, 400, 401, 403, 404, 429, 500, 502, 503, 504][..]),
        1 => 100u16..1000,
    ]
}

pub(crate) fn http_gen() -> BoxedStrategy<HttpGen> {
    let retry_after = prop_oneof![
        3 => prop_oneof![0u64..7200, any::<u64>()].prop_map(RetryAfterGen::Seconds),
        2 => (-100_000i64..100_000, any::<bool>()).prop_map(|(o, a)| RetryAfterGen::Date(o, a)),
        1 => text(0..12).prop_map(RetryAfterGen::Garbage),
    ];
    let body = prop_oneof![
        1 => Just(HttpBody::None),
        5 => token_body().prop_map(HttpBody::Token),
        2 => resource_body().prop_map(HttpBody::Resource),
        1 => select(&["<html><body>Sign in</body></html>", "Too Many Requests", "{\"error\":", "  "][..])
            .prop_map(HttpBody::Junk),
    ];
    (
        status(),
        // From 1970 to 2100, away from the edges of the date range.
        200_000u64..4_102_444_800,
        option::of(retry_after),
        option::of("[A-Za-z0-9_-]{8,24}"),
        vec(header(), 0..3),
        option::of(select(&["Bearer", "DPoP", "dpop", "Basic"][..])),
        body,
        styles(),
    )
        .prop_map(
            |(status, date, retry_after, nonce, headers, used_scheme, body, name_case)| HttpGen {
                status,
                date,
                retry_after,
                nonce,
                headers,
                used_scheme,
                body,
                name_case,
            },
        )
        .boxed()
}

/// The rendered response as the `http` crate holds it; `None` when a header
/// value has bytes that `http` refuses (control characters).
#[cfg(feature = "http")]
pub(crate) fn header_map(rendered: &RenderedHttp) -> Option<http::HeaderMap> {
    let mut headers = http::HeaderMap::new();
    for (name, value) in &rendered.headers {
        let name = http::HeaderName::from_bytes(name.as_bytes()).ok()?;
        let value = http::HeaderValue::from_bytes(value.as_bytes()).ok()?;
        headers.append(name, value);
    }
    Some(headers)
}
