//! Whole HTTP responses: a generated response keeps its status, headers,
//! body and delay, and `from_parts` reads what the builder reads.

use std::time::{Duration, UNIX_EPOCH};

#[cfg(feature = "http")]
use oauth_triage::HttpResponse;
use oauth_triage::{classify, Action, DecidedBy};
use proptest::prelude::*;

use crate::gen::*;

proptest! {
    #![proptest_config(config(256))]

    /// A generated whole response keeps its status, headers and body.
    #[test]
    fn http_responses_read_their_parts(http in http_gen()) {
        let rendered = http.render(&Desc::Keep);
        let response = rendered.response();
        prop_assert_eq!(response.dpop_nonce(), http.nonce.as_deref());
        prop_assert_eq!(response.challenges().parse_error(), None);
        let expected: Vec<ChallengeFields> =
            http.headers.iter().flat_map(|h| h.expect(&Desc::Keep)).collect();
        let got: Vec<ChallengeFields> = response.challenges().iter().map(challenge_fields).collect();
        prop_assert_eq!(got, expected);
        match &http.body {
            HttpBody::Token(body) => {
                let err = response.error_body().ok_or_else(|| TestCaseError::fail("no token body"))?;
                prop_assert_eq!(TokenFields::of(err), body.expect(&Desc::Keep));
            }
            HttpBody::Resource(body) => {
                let err = response.resource_error().ok_or_else(|| TestCaseError::fail("no resource body"))?;
                prop_assert_eq!(ResourceFields::of(err), body.expect(&Desc::Keep));
            }
            HttpBody::None => {
                let c = classify(&response);
                prop_assert_eq!(c.parse_error(), None);
            }
            HttpBody::Junk(_) => {}
        }
        let expected_retry = match &http.retry_after {
            Some(RetryAfterGen::Seconds(n)) => Some(Duration::from_secs(*n).min(Duration::from_secs(3600))),
            Some(RetryAfterGen::Date(offset, _)) => {
                Some(Duration::from_secs(offset.max(&0).unsigned_abs()).min(Duration::from_secs(3600)))
            }
            // A date measured from the response's own `Date`.
            Some(RetryAfterGen::Garbage(text)) => http_date(text)
                .map(|at| at.duration_since(UNIX_EPOCH + Duration::from_secs(http.date)).unwrap_or_default())
                .or_else(|| retry_after_value(text))
                .map(|d| d.min(Duration::from_secs(3600))),
            None => None,
        };
        prop_assert_eq!(response.retry_after(), expected_retry);
        let c = classify(&response);
        prop_assert_eq!(c.status(), Some(http.status));
        if matches!(http.status, 501 | 505) {
            prop_assert_eq!(c.action(), &Action::FixRequest);
            prop_assert_eq!(c.decided_by(), DecidedBy::Status);
        } else if http.status == 408 || http.status == 429 || (500..600).contains(&http.status) {
            // The server's delay, never under a catalog minimum.
            let minimum = c
                .codes()
                .iter()
                .filter_map(|code| match code.entry()?.action {
                    Some(Action::Retry { after }) => after,
                    _ => None,
                })
                .max();
            prop_assert_eq!(c.action(), &Action::Retry { after: expected_retry.max(minimum) });
            prop_assert_eq!(c.decided_by(), DecidedBy::Status);
        }
        check_classification(&c)?;
    }
}

#[cfg(feature = "http")]
proptest! {
    #![proptest_config(config(128))]

    /// `from_parts` reads what the builder reads, and the description
    /// never decides through it.
    #[test]
    fn from_parts_reads_as_the_builder(http in http_gen(), variants in desc_variants()) {
        let rendered = http.render(&Desc::Keep);
        let Some(headers) = header_map(&rendered) else { return Ok(()) };
        let Ok(status) = http::StatusCode::from_u16(rendered.status) else { return Ok(()) };
        let mut parts = HttpResponse::from_parts(status, &headers, &rendered.body);
        if let Some(scheme) = rendered.used_scheme {
            parts = parts.sent_scheme(scheme);
        }
        let baseline = classify(&parts);
        prop_assert_eq!(&baseline, &classify(rendered.response()));
        for desc in &variants {
            let rendered = http.render(desc);
            let Some(headers) = header_map(&rendered) else { continue };
            let mut parts = HttpResponse::from_parts(status, &headers, &rendered.body);
            if let Some(scheme) = rendered.used_scheme {
                parts = parts.sent_scheme(scheme);
            }
            prop_assert_eq!(outcome(&classify(&parts)), outcome(&baseline), "{:?}", desc);
        }
    }
}
