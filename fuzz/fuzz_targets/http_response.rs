//! Whole HTTP responses, built from structured input: a status, headers
//! (mostly the ones classification reads, in any case) and a body.

#![no_main]

use std::time::Duration;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use oauth_triage::{classify, Action, DecidedBy, HttpResponse, DEFAULT_MAX_RETRY_AFTER};
use oauth_triage_fuzz::{body_without_description, check_classification, check_parse_error};

#[derive(Arbitrary, Debug)]
enum Name<'a> {
    RetryAfter,
    Date,
    DpopNonce,
    WwwAuthenticate,
    ContentType,
    Other(&'a str),
}

#[derive(Arbitrary, Debug)]
struct Header<'a> {
    name: Name<'a>,
    upper_case: bool,
    value: &'a str,
}

#[derive(Arbitrary, Debug)]
enum Scheme {
    Bearer,
    Dpop,
}

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    status: u16,
    max_retry_after_secs: Option<u32>,
    used_scheme: Option<Scheme>,
    headers: Vec<Header<'a>>,
    body: &'a [u8],
}

impl Input<'_> {
    fn max_retry_after(&self) -> Duration {
        self.max_retry_after_secs
            .map_or(DEFAULT_MAX_RETRY_AFTER, |secs| {
                Duration::from_secs(secs.into())
            })
    }
}

/// The response without its body.
fn head<'a>(input: &Input<'a>) -> HttpResponse<'a> {
    let mut response = HttpResponse::new(input.status).max_retry_after(input.max_retry_after());
    match input.used_scheme {
        Some(Scheme::Bearer) => response = response.sent_scheme("Bearer"),
        Some(Scheme::Dpop) => response = response.sent_scheme("DPoP"),
        None => {}
    }
    for header in &input.headers {
        let name = match header.name {
            Name::RetryAfter => "Retry-After",
            Name::Date => "Date",
            Name::DpopNonce => "DPoP-Nonce",
            Name::WwwAuthenticate => "WWW-Authenticate",
            Name::ContentType => "Content-Type",
            Name::Other(name) => name,
        };
        let name = if header.upper_case {
            name.to_ascii_uppercase()
        } else {
            name.to_owned()
        };
        response = response.header(&name, header.value);
    }
    response
}

fuzz_target!(|input: Input<'_>| {
    let response = head(&input).body(input.body);
    let c = classify(&response);
    let free_text = [
        response.error_body().and_then(|e| e.description()),
        response.resource_error().and_then(|e| e.message()),
    ];
    check_classification(&c, &free_text);
    if let Some(e) = c.parse_error().or(response.challenges().parse_error()) {
        check_parse_error(e);
    }
    assert_eq!(c.status(), Some(input.status));

    // Step 1: 408, 429 and 5xx but 501 and 505 retry, whatever else the
    // response says, and any delay is capped.
    if matches!(input.status, 408 | 429 | 500 | 502..=504 | 506..=599) {
        assert!(matches!(c.action(), Action::Retry { .. }), "{c}");
        assert_eq!(c.decided_by(), DecidedBy::Status);
        assert!(c.retry_after().is_none_or(|d| d <= input.max_retry_after()));
    }
    if let Some(delay) = response.retry_after() {
        assert!(delay <= input.max_retry_after());
    }
    assert!(c.retry_after().is_none_or(|d| d <= input.max_retry_after()));

    // No decision reads the description. (Retry delays measured from the
    // clock may differ between two calls, so compare the rest.)
    if let Some(body) = response.error_body().and_then(body_without_description) {
        let without = head(&input).body(&body);
        let other = classify(&without);
        assert_eq!(other.action().name(), c.action().name());
        assert_eq!(other.decided_by(), c.decided_by());
        assert_eq!(other.error(), c.error());
        assert_eq!(other.codes(), c.codes());
        if let (Action::StepUp(a), Action::StepUp(b)) = (other.action(), c.action()) {
            assert_eq!(a, b);
        }
    }
});
