//! `Retry-After` and HTTP-dates: the three date forms read back as the
//! moment they were written from, and broken ones are refused.

use std::time::{Duration, UNIX_EPOCH};

use oauth_triage::{classify, Action, HttpResponse};
use proptest::prelude::*;

use crate::gen::*;

/// Regression: an HTTP-date candidate of the right length with a multi-byte
/// character where the parser slices the text used to panic (byte index not
/// a char boundary), in `parse_http_date`, `RetryAfter::parse` and so in
/// `HttpResponse::header` for `Retry-After` and `Date`.
#[test]
fn http_dates_with_multibyte_characters_are_rejected() {
    for value in [
        // IMF-fixdate length (29 bytes), `é` across bytes 2 and 3.
        "Sué 06 Nov 1994 08:49:37 GMT",
        // asctime length (24 bytes), `é` across bytes 2 and 3.
        "Sué Nov  6 08:49:37 1994",
        // RFC 850 tail of 22 bytes, `é` across bytes 17 and 18.
        "Sunday, 06-Nov-94 08:49:3é GMT",
        "ééééééééééééééé",
    ] {
        assert_eq!(http_date(value), None, "{value:?}");
        assert_eq!(retry_after_value(value), None, "{value:?}");
        let response = HttpResponse::new(503)
            .header("Date", value)
            .header("Retry-After", value);
        assert_eq!(response.retry_after(), None);
        assert_eq!(classify(&response).action(), &Action::Retry { after: None });
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// The three HTTP-date forms read back as the moment they were written
    /// from (RFC 850 within 40 years of now, inside the 50-year window of
    /// its two-digit year).
    #[test]
    fn http_dates_round_trip(secs in 0..=MAX_HTTP_DATE, near in within_40_years(), delay in any::<u64>()) {
        let at = UNIX_EPOCH + Duration::from_secs(secs);
        prop_assert_eq!(http_date(&imf_fixdate(secs)), Some(at));
        prop_assert_eq!(http_date(&asctime_date(secs)), Some(at));
        let near_at = UNIX_EPOCH + Duration::from_secs(near);
        prop_assert_eq!(http_date(&rfc850_date(near)), Some(near_at));
        prop_assert_eq!(retry_after_value(&delay.to_string()), Some(Duration::from_secs(delay)));
    }
}
