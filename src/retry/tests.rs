//! Unit tests of the delay parsing: HTTP-dates and the two-digit years of RFC 850.

use super::*;

#[test]
fn what_is_ours_around_httpdate() {
    // White space around the value, and a leap second, are refused.
    assert!(parse_http_date(" Sun, 06 Nov 1994 08:49:37 GMT").is_none());
    assert!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT\t").is_none());
    assert!(parse_http_date("Sat, 31 Dec 2016 23:59:60 GMT").is_none());
    // RFC 850's two-digit year: within 50 years ahead, else the past century.
    let now = current_year();
    let ahead = (now + 49) % 100;
    let behind = (now + 51) % 100;
    for (yy, year) in [(ahead, now + 49), (behind, now + 51 - 100)] {
        // 1 January of `year`, whatever its weekday: the day name that fits.
        let rfc850 = LONG_DAYS
            .iter()
            .find_map(|name| parse_http_date(&format!("{name}, 01-Jan-{yy:02} 00:00:00 GMT")));
        let imf = DAYS
            .iter()
            .find_map(|name| parse_http_date(&format!("{name}, 01 Jan {year:04} 00:00:00 GMT")));
        assert_eq!(rfc850, imf, "{yy} {year}");
        assert!(rfc850.is_some());
    }
    // A malformed RFC 850 date is not passed on to be read another way.
    assert!(parse_http_date("Sunday, 06-Nov-94X08:49:37 GMT").is_none());
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
