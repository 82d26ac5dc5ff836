//! Whole HTTP responses: Retry-After in every form, the cap, Date-relative
//! dates, DPoP-Nonce, and bodies that are not JSON.

use std::time::{Duration, UNIX_EPOCH};

#[path = "common/dates.rs"]
mod dates;

use dates::{http_date, retry_after_value};
use oauth_triage::{classify, Action, HttpResponse};

fn delay(headers: &[(&str, &str)]) -> Option<u64> {
    let r = headers
        .iter()
        .fold(HttpResponse::new(503), |r, (n, v)| r.header(n, *v));
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
        assert_eq!(retry_after_value(bad), None, "{bad:?}");
        assert_eq!(delay(&[("Retry-After", bad)]), None, "{bad:?}");
    }
}

#[test]
fn http_dates() {
    let t = UNIX_EPOCH + Duration::from_secs(784_111_777);
    assert_eq!(http_date(DATE), Some(t));
    assert_eq!(http_date("Sunday, 06-Nov-94 08:49:37 GMT"), Some(t));
    assert_eq!(http_date("Sun Nov  6 08:49:37 1994"), Some(t));
    assert!(http_date("Thu, 29 Feb 2024 00:00:00 GMT").is_some());
    assert_eq!(http_date("Wed, 29 Feb 2023 00:00:00 GMT"), None);
    assert_eq!(http_date("Sun, 06 Nov 1994 25:49:37 GMT"), None);
    assert_eq!(
        http_date("sun, 06 nov 1994 08:49:37 gmt"),
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

mod resources {
    use std::borrow::Cow;

    use oauth_triage::{
        classify, Action, Challenges, DecidedBy, ErrorName, HttpResponse, ParseError, StepUp,
        Surface,
    };

    fn outcome(response: &HttpResponse<'_>) -> (Action<'static>, DecidedBy, Surface) {
        let c = classify(response);
        (c.action().clone().into_owned(), c.decided_by(), c.surface())
    }

    fn challenge(status: u16, value: &str) -> (Action<'static>, DecidedBy, Surface) {
        outcome(&HttpResponse::new(status).header("WWW-Authenticate", value))
    }

    #[test]
    fn bearer_challenges() {
        use Surface::Resource;
        assert_eq!(
            challenge(
                401,
                r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#
            ),
            (Action::Renew, DecidedBy::Error, Resource)
        );
        assert_eq!(
            challenge(401, r#"Bearer realm="example""#),
            (Action::Renew, DecidedBy::ChallengeNoError, Resource)
        );
        assert_eq!(
            challenge(
                403,
                r#"Bearer error="insufficient_scope", scope="Mail.Read""#
            ),
            (Action::Consent, DecidedBy::Error, Resource)
        );
        assert_eq!(
            challenge(400, r#"Bearer error="invalid_request""#),
            (Action::FixRequest, DecidedBy::Error, Resource)
        );
        // Without an error, only a 401 asks for a (new) token.
        assert_eq!(
            challenge(403, r#"Bearer realm="example""#),
            (Action::Abort, DecidedBy::Fallback, Resource)
        );
        // An unknown error stops.
        assert_eq!(
            challenge(401, r#"Bearer error="token_from_the_future""#),
            (Action::Abort, DecidedBy::Fallback, Resource)
        );
        // 5xx decides before any challenge.
        assert_eq!(
            challenge(503, r#"Bearer error="invalid_token""#),
            (Action::Retry { after: None }, DecidedBy::Status, Resource)
        );
    }

    #[test]
    fn step_up_challenges_carry_what_the_server_asked_for() {
        let cae = r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiY3AxIn19fQ==""#;
        let (action, decided_by, _) = challenge(401, cae);
        assert_eq!(decided_by, DecidedBy::Claims);
        let Action::StepUp(step_up) = action else {
            panic!("{action:?}")
        };
        assert_eq!(
            step_up.claims.as_deref(),
            Some(r#"{"access_token":{"acrs":{"essential":true,"value":"cp1"}}}"#)
        );

        let rfc9470 = r#"Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="myACR", max_age="5""#;
        let mut expected = StepUp::default();
        expected.acr_values = Some(Cow::Borrowed("myACR"));
        expected.max_age = Some(5);
        assert_eq!(
            challenge(401, rfc9470),
            (
                Action::StepUp(expected),
                DecidedBy::Claims,
                Surface::Resource
            )
        );
    }

    #[test]
    fn dpop_challenges() {
        let nonce = r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof""#;
        let with_nonce = HttpResponse::new(401)
            .header("WWW-Authenticate", nonce)
            .header("DPoP-Nonce", "eyJ7S_zG.eyJH0-Z.HX4w-7v");
        assert_eq!(
            outcome(&with_nonce),
            (Action::RetryWithNonce, DecidedBy::Dpop, Surface::Resource)
        );
        assert_eq!(with_nonce.dpop_nonce(), Some("eyJ7S_zG.eyJH0-Z.HX4w-7v"));
        assert_eq!(challenge(401, nonce).0, Action::FixRequest);
        assert_eq!(
            challenge(401, r#"DPoP error="invalid_dpop_proof", algs="ES256""#).0,
            Action::FixRequest
        );
        assert_eq!(
            challenge(401, r#"DPoP error="invalid_token", error_description="Invalid DPoP key binding", algs="ES256""#).0,
            Action::Renew
        );
    }

    #[test]
    fn each_error_belongs_to_its_own_challenge() {
        // RFC 9449 §7.2: no credentials sent, both schemes offered, no error.
        assert_eq!(
            challenge(401, r#"Bearer, DPoP algs="ES256 PS256""#).1,
            DecidedBy::ChallengeNoError
        );
        // The error is on the DPoP challenge, not the first one.
        assert_eq!(
            challenge(
                401,
                r#"Bearer realm="api", DPoP error="invalid_dpop_proof", algs="ES256""#
            )
            .0,
            Action::FixRequest
        );
        // The client says which scheme it used.
        let both = r#"Bearer error="invalid_token", DPoP error="use_dpop_nonce""#;
        let response = HttpResponse::new(401)
            .header("WWW-Authenticate", both)
            .header("DPoP-Nonce", "n-1")
            .sent_scheme("DPoP");
        assert_eq!(outcome(&response).0, Action::RetryWithNonce);
        let response = HttpResponse::new(401)
            .header("WWW-Authenticate", both)
            .header("DPoP-Nonce", "n-1")
            .sent_scheme("bearer");
        assert_eq!(outcome(&response).0, Action::Renew);
        // Several headers add up.
        let response = HttpResponse::new(401)
            .header("WWW-Authenticate", r#"Negotiate"#)
            .header("WWW-Authenticate", r#"Basic realm="legacy""#)
            .header("www-authenticate", r#"Bearer error="invalid_token""#);
        assert_eq!(response.challenges().iter().len(), 3);
        assert_eq!(outcome(&response).0, Action::Renew);
    }

    #[test]
    fn a_basic_challenge_on_the_token_endpoint_leaves_the_body_in_charge() {
        let response = HttpResponse::new(401)
            .header("WWW-Authenticate", r#"Basic realm="login.example""#)
            .body(br#"{"error":"invalid_client","error_codes":[7000215]}"#);
        assert_eq!(
            outcome(&response),
            (
                Action::FixCredentials,
                DecidedBy::Catalog(7000215.into()),
                Surface::Token
            )
        );
    }

    #[test]
    fn an_unreadable_challenge_leaves_the_status_in_charge() {
        let response =
            HttpResponse::new(401).header("WWW-Authenticate", r#"Bearer error="unterminated"#);
        let c = classify(&response);
        assert_eq!(c.action(), &Action::Abort);
        assert_eq!(
            c.parse_error().map(ParseError::kind),
            Some("invalid_challenge")
        );
        let response = HttpResponse::new(429)
            .header("Retry-After", "7")
            .header("WWW-Authenticate", r#"Bearer error="unterminated"#);
        assert_eq!(
            classify(&response).retry_after().map(|d| d.as_secs()),
            Some(7)
        );
        // An unreadable header does not hide a readable one.
        let response = HttpResponse::new(401)
            .header("WWW-Authenticate", "=broken")
            .header("WWW-Authenticate", r#"Bearer error="invalid_token""#);
        let c = classify(&response);
        assert_eq!(c.action(), &Action::Renew);
        assert_eq!(
            c.parse_error().map(ParseError::kind),
            Some("invalid_challenge")
        );
    }

    #[test]
    fn challenges_alone() {
        let challenges = Challenges::parse(r#"Bearer error="insufficient_scope""#).unwrap();
        let c = classify(&challenges);
        assert_eq!(c.action(), &Action::Consent);
        assert_eq!(c.surface(), Surface::Resource);
        assert_eq!(c.status(), None);
        assert_eq!(c.error(), Some(&ErrorName::InsufficientScope));
        // Only other schemes: nothing an OAuth client can answer.
        let basic = Challenges::parse(r#"Basic realm="x""#).unwrap();
        assert_eq!(classify(&basic).action(), &Action::Abort);
    }

    #[cfg(feature = "http")]
    const GRAPH_401: &str = r#"{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid.","innerError":{"date":"2022-09-23T11:57:49","request-id":"1740feb8-b33a-4c08-a6ee-ab5cfc5a18c4","client-request-id":"1740feb8-b33a-4c08-a6ee-ab5cfc5a18c4"}}}"#;

    #[cfg(feature = "http")]
    #[test]
    fn from_http_types() {
        let response = http::Response::builder()
            .status(401)
            .header("www-authenticate", r#"Bearer realm="""#)
            .header("WWW-Authenticate", r#"DPoP error="use_dpop_nonce""#)
            .header("DPoP-Nonce", "n-2")
            .body(GRAPH_401.as_bytes())
            .unwrap();
        let ours = HttpResponse::from(&response);
        assert_eq!(ours.challenges().iter().len(), 2);
        assert_eq!(classify(&ours).action(), &Action::RetryWithNonce);
        assert_eq!(Challenges::from(response.headers()).iter().len(), 2);
    }
}

/// The endpoint the caller names wins over what the headers suggest.
mod declared_surface {
    use oauth_triage::{classify, Action, DecidedBy, ErrorName, HttpResponse, Surface};

    const BEARER_INVALID_TOKEN: &str = r#"Bearer error="invalid_token""#;
    const BAD_SECRET: &[u8] = br#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215],"trace_id":"0c7b8e2d-4f3a-4b1e-9d6c-2a5f8e1b3c40"}"#;

    #[test]
    fn a_token_endpoint_challenge_never_renews() {
        // The client-credentials daemon of the report: a 401 from the token
        // endpoint with a challenge for its client authentication.
        let response = HttpResponse::new(401)
            .header("WWW-Authenticate", BEARER_INVALID_TOKEN)
            .body(BAD_SECRET)
            .surface(Surface::Token);
        let c = classify(&response);
        assert_eq!(c.action(), &Action::FixCredentials);
        assert_eq!(c.surface(), Surface::Token);
        assert_eq!(c.error(), Some(&ErrorName::InvalidClient));
        assert_eq!(c.other_error(), Some(&ErrorName::InvalidToken));
        assert_eq!(c.codes(), &[7000215]);
        assert!(c.to_string().contains("codes 7000215"), "{c}");

        // The same answer without the declaration: the challenge's error
        // decides as a resource's, yet the body's error and codes are kept,
        // and the code refines the decision.
        let inferred = HttpResponse::new(401)
            .header("WWW-Authenticate", BEARER_INVALID_TOKEN)
            .body(BAD_SECRET);
        let c = classify(&inferred);
        assert_eq!(c.surface(), Surface::Resource);
        assert_eq!(c.error(), Some(&ErrorName::InvalidToken));
        assert_eq!(c.other_error(), Some(&ErrorName::InvalidClient));
        assert_eq!(c.codes(), &[7000215]);
        assert_eq!(
            (c.action(), c.decided_by()),
            (&Action::FixCredentials, DecidedBy::Catalog(7000215.into()))
        );

        // Without a body the challenge's error is read at the token
        // endpoint, where `invalid_token` is no reason to renew.
        for challenge in [BEARER_INVALID_TOKEN, r#"Bearer realm="token""#, "Bearer"] {
            let response = HttpResponse::new(401)
                .header("WWW-Authenticate", challenge)
                .surface(Surface::Token);
            let c = classify(&response);
            assert_eq!(c.action(), &Action::Abort, "{challenge}");
            assert_eq!(c.surface(), Surface::Token);
        }
    }

    #[test]
    fn a_resource_body_without_a_challenge() {
        // node-oauth2-server's express adapter answers so.
        let body = br#"{"error":"invalid_token","error_description":"Invalid token: access token has expired"}"#;
        let undeclared = HttpResponse::new(401).body(body);
        assert_eq!(classify(&undeclared).action(), &Action::Abort);
        let declared = HttpResponse::new(401).body(body).surface(Surface::Resource);
        let c = classify(&declared);
        assert_eq!(
            (c.action(), c.surface()),
            (&Action::Renew, Surface::Resource)
        );
        // A challenge's error, when there is one, still comes first there.
        let both = HttpResponse::new(403)
            .header(
                "WWW-Authenticate",
                r#"Bearer error="insufficient_scope", scope="Mail.Read""#,
            )
            .body(body)
            .surface(Surface::Resource);
        let c = classify(&both);
        assert_eq!(c.action(), &Action::Consent);
        assert_eq!(c.other_error(), Some(&ErrorName::InvalidToken));
    }

    #[test]
    fn the_authorization_endpoint_answering_directly() {
        let page = HttpResponse::new(400)
            .body(br#"{"error":"invalid_request","error_codes":[900144]}"#)
            .surface(Surface::Authorize);
        let c = classify(&page);
        assert_eq!(c.surface(), Surface::Authorize);
        assert_eq!(c.action(), &Action::FixRequest);
        // `invalid_token` means nothing there: no token was sent.
        let odd = HttpResponse::new(400)
            .body(br#"{"error":"invalid_token"}"#)
            .surface(Surface::Authorize);
        assert_eq!(classify(&odd).action(), &Action::Abort);
    }

    #[test]
    fn the_declaration_is_no_builder_order() {
        let first = HttpResponse::new(401)
            .surface(Surface::Token)
            .header("WWW-Authenticate", BEARER_INVALID_TOKEN)
            .body(BAD_SECRET);
        let last = HttpResponse::new(401)
            .header("WWW-Authenticate", BEARER_INVALID_TOKEN)
            .body(BAD_SECRET)
            .surface(Surface::Token);
        assert_eq!(classify(&first), classify(&last));
        // The last declaration wins.
        let changed = HttpResponse::new(401)
            .body(br#"{"error":"invalid_token"}"#)
            .surface(Surface::Token)
            .surface(Surface::Resource);
        assert_eq!(classify(&changed).action(), &Action::Renew);
    }

    #[test]
    fn the_description_never_decides_on_any_declared_surface() {
        let descriptions = [
            "",
            "AADSTS50076: please retry",
            "invalid_token renew now",
            "\u{1F600}\u{0}\\u0000",
        ];
        for surface in [
            None,
            Some(Surface::Token),
            Some(Surface::Authorize),
            Some(Surface::Resource),
        ] {
            let mut seen = Vec::new();
            for description in descriptions {
                let body = serde_json::json!({
                    "error": "invalid_client",
                    "error_description": description,
                    "error_codes": [7000215],
                })
                .to_string();
                let mut response = HttpResponse::new(401)
                    .header("WWW-Authenticate", BEARER_INVALID_TOKEN)
                    .body(body.as_bytes());
                if let Some(surface) = surface {
                    response = response.surface(surface);
                }
                seen.push(classify(&response).into_owned());
            }
            assert!(
                seen.windows(2).all(|w| w[0] == w[1]),
                "{surface:?}: {seen:?}"
            );
        }
    }
}

/// Which statuses are transient, which delay header wins, and catalog minimums.
mod delays {
    use std::time::Duration;

    use oauth_triage::{classify, Action, DecidedBy, HttpResponse, Input};

    #[test]
    fn statuses() {
        for status in [408, 429, 500, 502, 503, 504, 507, 511, 599] {
            let c = classify(HttpResponse::new(status));
            assert_eq!(
                (c.action(), c.decided_by()),
                (&Action::Retry { after: None }, DecidedBy::Status),
                "{status}"
            );
        }
        // Not transient: the server will not do what was asked.
        for status in [501, 505] {
            let body = br#"{"error":"server_error"}"#;
            let c = classify(HttpResponse::new(status).body(body));
            assert_eq!(
                (c.action(), c.decided_by()),
                (&Action::FixRequest, DecidedBy::Status),
                "{status}"
            );
        }
    }

    #[test]
    fn millisecond_headers_come_first_in_azure_core_order() {
        let ms = |headers: &[(&str, &str)]| {
            let response = headers
                .iter()
                .fold(HttpResponse::new(429), |r, (n, v)| r.header(n, *v));
            classify(&response).retry_after()
        };
        assert_eq!(ms(&[("Retry-After", "3")]), Some(Duration::from_secs(3)));
        assert_eq!(
            ms(&[("Retry-After", "3"), ("retry-after-ms", "1500")]),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            ms(&[
                ("x-ms-retry-after-ms", "250"),
                ("Retry-After", "3"),
                ("Retry-After-Ms", "1500")
            ]),
            Some(Duration::from_millis(250))
        );
        // An unreadable value leaves the next in line in charge.
        assert_eq!(
            ms(&[
                ("x-ms-retry-after-ms", "1.5"),
                ("retry-after-ms", "-1"),
                ("Retry-After", "3")
            ]),
            Some(Duration::from_secs(3))
        );
        // Capped like Retry-After.
        assert_eq!(
            ms(&[("retry-after-ms", "99999999999999999999999")]),
            Some(Duration::from_secs(3600))
        );
        let response = HttpResponse::new(503).header("x-ms-retry-after-ms", "20");
        assert_eq!(response.retry_after(), Some(Duration::from_millis(20)));
        assert_eq!(classify(&response).action().to_string(), "retry after 20ms");
    }

    #[test]
    fn a_catalog_minimum_holds_on_a_throttling_status() {
        let body = br#"{"error":"temporarily_unavailable","error_codes":[90055]}"#;
        let minute = Some(Duration::from_secs(60));
        // Without a status (step 7), on a bare 429 and on a 503 (step 1).
        let without_status = HttpResponse::without_status().body(body);
        assert_eq!(classify(&without_status).retry_after(), minute);
        for status in [429, 503] {
            let c = classify(HttpResponse::new(status).body(body));
            assert_eq!(
                (c.retry_after(), c.decided_by()),
                (minute, DecidedBy::Status)
            );
        }
        // A shorter server delay is raised to it; a longer one is kept.
        let short = HttpResponse::new(429).header("Retry-After", "5").body(body);
        assert_eq!(classify(&short).retry_after(), minute);
        let long = HttpResponse::new(429)
            .header("Retry-After", "120")
            .body(body);
        assert_eq!(
            classify(&long).retry_after(),
            Some(Duration::from_secs(120))
        );
    }

    #[test]
    fn a_request_without_an_answer() {
        let c = classify(Input::transport_failure());
        assert_eq!(
            (c.action(), c.decided_by()),
            (&Action::Retry { after: None }, DecidedBy::Transport)
        );
        assert_eq!(c.to_string(), "retry (decided by transport)");
    }
}

#[test]
fn a_catalog_minimum_stays_within_the_callers_cap() {
    let body = br#"{"error":"temporarily_unavailable","error_codes":[90055]}"#;
    for status in [Some(429), None] {
        let response = status
            .map_or_else(HttpResponse::without_status, HttpResponse::new)
            .max_retry_after(Duration::from_secs(30))
            .body(body);
        assert_eq!(
            classify(&response).retry_after(),
            Some(Duration::from_secs(30)),
            "{status:?}"
        );
    }
}

/// The builder's calls may come in any order: limits, the delay cap, the
/// scheme sent and a `Content-Type` apply to what was given before them.
#[test]
fn the_order_of_the_builder_calls_never_matters() {
    use oauth_triage::{Limits, ParseError};

    let form =
        b"error=bad_verification_code&error_description=The+code+passed+is+incorrect+or+expired.";
    let padded = format!(
        r#"{{"error":"invalid_grant","padding":"{}"}}"#,
        " ".repeat(600)
    );
    let offer = r#"Bearer error="invalid_token", DPoP error="use_dpop_nonce", algs="ES256""#;
    let limits = {
        let mut limits = Limits::DEFAULT;
        limits.max_body = 512;
        limits.max_header = 40;
        limits
    };
    let cap = Duration::from_secs(60);
    type Step =
        for<'a> fn(HttpResponse<'a>, &'a [u8], &'a str, Limits, Duration) -> HttpResponse<'a>;
    let steps: [(&str, Step); 6] = [
        ("body", |r, body, _, _, _| r.body(body)),
        ("content-type", |r, _, _, _, _| {
            r.header("Content-Type", "application/x-www-form-urlencoded")
        }),
        ("challenge", |r, _, offer, _, _| {
            r.header("WWW-Authenticate", offer)
        }),
        ("retry-after", |r, _, _, _, _| {
            r.header("Retry-After", "7200")
        }),
        ("limits", |r, _, _, limits, _| r.limits(limits)),
        ("cap", |r, _, _, _, cap| r.max_retry_after(cap)),
    ];
    // Every rotation and its reverse: each step comes first and last.
    for body in [&form[..], padded.as_bytes()] {
        let mut outcomes = Vec::new();
        for start in 0..steps.len() {
            for reverse in [false, true] {
                let mut order: Vec<_> =
                    steps.iter().cycle().skip(start).take(steps.len()).collect();
                if reverse {
                    order.reverse();
                }
                let names: Vec<_> = order.iter().map(|(name, _)| *name).collect();
                let response = order.iter().fold(HttpResponse::new(400), |r, (_, step)| {
                    step(r, body, offer, limits, cap)
                });
                let c = classify(&response);
                outcomes.push((
                    names,
                    c.to_string(),
                    response.retry_after(),
                    response.challenges().parse_error().cloned(),
                    c.parse_error().cloned(),
                ));
            }
        }
        let (first, rest) = outcomes.split_first().unwrap();
        for outcome in rest {
            assert_eq!(
                (&first.1, &first.2, &first.3, &first.4),
                (&outcome.1, &outcome.2, &outcome.3, &outcome.4),
                "{:?} vs {:?}",
                first.0,
                outcome.0
            );
        }
        // What the limits and the cap did, whatever the order.
        assert_eq!(first.2, Some(cap));
        assert_eq!(
            first.3,
            Some(ParseError::TooLarge {
                len: offer.len(),
                limit: 40
            })
        );
        if body.len() > 512 {
            assert_eq!(
                first.4,
                Some(ParseError::TooLarge {
                    len: body.len(),
                    limit: 512
                })
            );
        } else {
            // Read as a form, whether its `Content-Type` came before or after.
            assert!(first.1.contains("bad_verification_code"), "{}", first.1);
        }
    }
}
