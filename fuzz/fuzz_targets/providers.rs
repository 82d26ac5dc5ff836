//! Other providers' answers: form-encoded and JSON token bodies, REST API
//! error shapes, classified with every provider hint and a caller override.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use oauth_triage::{
    classify, classify_with, Action, DecidedBy, HttpResponse, Provider, ResourceError, Rules,
    Surface, TokenError,
};
use oauth_triage_fuzz::{
    body_without_description, check_classification, check_error_value, check_parse_error,
    without_description,
};

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    provider: u8,
    status: Option<u16>,
    form_content_type: bool,
    override_error: Option<&'a str>,
    body: &'a [u8],
}

fuzz_target!(|input: Input<'_>| {
    let mut policy = Rules::new();
    if let Some(provider) = Provider::KNOWN.get(usize::from(input.provider)) {
        policy = policy.provider(provider.clone());
    }
    if let Some(value) = input.override_error {
        policy = policy.error(value, Action::Denied);
    }

    match TokenError::from_form(input.body) {
        Ok(err) => {
            check_error_value(err.error().as_str());
            let c = classify_with(&err, &policy);
            check_classification(&c, &[err.description()]);
            // No decision reads the description.
            if let Some(without) = without_description(&err) {
                assert_eq!(classify_with(&without, &policy), c);
            }
            // Written back as JSON, it reads the same.
            let json = serde_json::to_vec(&err).expect("a token error serializes");
            let again = TokenError::from_json(&json).expect("its JSON reads back");
            assert_eq!(classify_with(&again, &policy).action(), c.action());
            // Without a hint or override, nothing that renews at a resource
            // renews at the token endpoint.
            let plain = classify(&err);
            if plain.action() == &Action::Renew {
                assert!(matches!(plain.decided_by(), DecidedBy::Suberror), "{plain}");
            }
        }
        Err(e) => check_parse_error(&e),
    }

    match ResourceError::from_json(input.body) {
        Ok(err) => {
            assert!(!err.api_code().is_empty());
            assert_eq!(err.clone().into_owned(), err);
        }
        Err(e) => check_parse_error(&e),
    }

    let mut response = match input.status {
        Some(status) => HttpResponse::new(status),
        None => HttpResponse::without_status(),
    };
    if input.form_content_type {
        response = response.header("Content-Type", "application/x-www-form-urlencoded");
    }
    let response = response.body(input.body);
    let c = classify_with(&response, &policy);
    let free_text = [
        response.error_body().and_then(|e| e.description()),
        response.resource_error().and_then(|e| e.message()),
    ];
    check_classification(&c, &free_text);
    if let Some(e) = c.parse_error() {
        check_parse_error(e);
    }
    if let Some(err) = response.error_body() {
        let head = match input.status {
            Some(status) => HttpResponse::new(status),
            None => HttpResponse::without_status(),
        };
        if let Some(body) = body_without_description(err) {
            let head = head.body(&body);
            let without = classify_with(&head, &policy);
            assert_eq!(without.action(), c.action());
            assert_eq!(without.decided_by(), c.decided_by());
        }
    }
    if c.surface() == Surface::Token && c.action() == &Action::Renew {
        assert!(
            matches!(
                c.decided_by(),
                DecidedBy::Suberror | DecidedBy::Provider | DecidedBy::RulesError
            ),
            "{c}"
        );
    }
});
