//! Inputs found by fuzzing (`fuzz/README.md`), kept as regression tests.

#[path = "common/dates.rs"]
mod dates;

use dates::{http_date, retry_after_value};
use oauth_triage::{classify, Action, HttpResponse};

/// `retry_after`: a date-length value with a multi-byte character where the
/// date parsers slice at fixed byte offsets panicked ("byte index is not a
/// char boundary") instead of returning `None`.
#[test]
fn http_date_with_a_multibyte_character_is_rejected() {
    // IMF-fixdate length (29 bytes); `é` straddles the `, ` at bytes 3..5.
    let imf = "Sun,\u{e9}6 Nov 1994 08:49:37 GMT";
    // RFC 850 length (22 bytes after `, `); `é` straddles the ` GMT` at byte 18.
    let rfc850 = "Sunday, 06-Nov-94 08:49:3\u{e9}GMT";
    for value in [imf, rfc850] {
        assert_eq!(http_date(value), None, "{value:?}");
        assert_eq!(retry_after_value(value), None, "{value:?}");
    }

    // Through a whole response: the header is ignored, the status decides.
    let response = HttpResponse::new(503)
        .header("Retry-After", imf)
        .header("Date", rfc850);
    assert_eq!(classify(&response).action(), &Action::Retry { after: None });
}

/// `claims="="` decodes to an empty text, which is no claims request: the
/// docs promise `None` for an empty value.
#[test]
fn claims_that_decode_to_nothing_are_no_claims() {
    let challenges =
        oauth_triage::Challenges::parse(r#"Bearer error="insufficient_claims", claims="=""#)
            .unwrap();
    assert_eq!(challenges[0].claims(), None);
    let c = oauth_triage::classify(&challenges);
    assert_eq!(
        (match c.action() {
            oauth_triage::Action::StepUp(s) => Some(s),
            _ => None,
        })
        .map(|s| s.claims.clone()),
        Some(None)
    );
}

/// A second, unreadable `Retry-After` or `Date` header erased the first,
/// readable one, although unreadable values are documented as ignored.
#[test]
fn an_unreadable_header_does_not_erase_a_readable_one() {
    let response = HttpResponse::new(503)
        .header("Date", "Sun, 06 Nov 1994 08:49:37 GMT")
        .header("Retry-After", "Sun, 06 Nov 1994 08:50:07 GMT")
        .header("Retry-After", "soon")
        .header("Date", "yesterday");
    assert_eq!(
        response.retry_after(),
        Some(std::time::Duration::from_secs(30))
    );
    assert_eq!(
        classify(&response).action(),
        &Action::Retry {
            after: Some(std::time::Duration::from_secs(30))
        }
    );
}
