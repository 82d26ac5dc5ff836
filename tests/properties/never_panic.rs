//! Never a panic: every parser gives a value or a log-safe error for any
//! bytes or text, and any response classifies to a log-safe line.

use std::time::UNIX_EPOCH;

use oauth_triage::{
    catalog, classify, AadstsCode, Callback, Challenges, ExpectedCallback, HttpResponse, Limits,
    ParseError, ResourceError, TokenError,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

use crate::gen::*;

/// What a callback's reader makes of any input: a log-safe parse error, or
/// a callback whose error (if it is one) classifies.
fn check_callback(parsed: Result<Callback<'_>, ParseError>) -> Result<(), TestCaseError> {
    match parsed {
        Ok(callback) => {
            let verified = callback
                .check(&ExpectedCallback::state_not_checked())
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            if let Some(err) = verified.error() {
                check_classification(&classify(err))?;
            }
            Ok(())
        }
        Err(e) => check_parse_error(&e),
    }
}

/// Header names `HttpResponse` reads, in any case, and others.
fn header_name() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            4 => select(&["Retry-After", "Date", "DPoP-Nonce", "WWW-Authenticate"][..]).prop_map(str::to_owned),
            1 => "[A-Za-z-]{1,12}",
        ],
        styles(),
    )
        .prop_map(|(name, case)| recase(&name, &case))
}

proptest! {
    #![proptest_config(config(512))]

    /// Every body parser gives a value or a log-safe error for any bytes.
    #[test]
    fn body_parsers_never_panic(body in junk_body()) {
        match TokenError::from_json(&body) {
            Ok(err) => check_classification(&classify(&err))?,
            Err(e) => check_parse_error(&e)?,
        }
        match ResourceError::from_json(&body) {
            Ok(err) => prop_assert!(!err.api_code().is_empty()),
            Err(e) => check_parse_error(&e)?,
        }
        check_callback(Callback::from_form_post(&body))?;
    }

    /// Every text parser and catalog look-up gives an answer for any string.
    #[test]
    fn text_parsers_never_panic(text in junk_text()) {
        check_callback(Callback::from_redirect_uri(&text))?;
        match Challenges::parse(&text) {
            Ok(list) => prop_assert!(!list.is_empty()),
            Err(e) => check_parse_error(&e)?,
        }
        match Challenges::parse(&text) {
            Ok(challenges) => check_classification(&classify(&challenges))?,
            Err(e) => check_parse_error(&e)?,
        }
        let retry = retry_after_value(&text);
        if let Some(at) = http_date(&text) {
            prop_assert_eq!(retry, at.duration_since(UNIX_EPOCH).ok());
        }
        if let Ok(code) = text.parse::<AadstsCode>() {
            prop_assert_eq!(code.to_string().parse(), Ok(code));
        }
        prop_assert!(catalog::search(&text).count() <= catalog::entries().len());
    }

    /// Any status, headers and body, with any limits, classify to a
    /// log-safe line and a JSON object.
    #[test]
    fn http_responses_never_panic(
        status in any::<u16>(),
        headers in vec((header_name(), junk_text()), 0..6),
        used_scheme in option::of(junk_text()),
        body in junk_body(),
        limits in option::of((0usize..512, 0usize..128)),
    ) {
        let mut response = HttpResponse::new(status);
        if let Some((max_body, max_header)) = limits {
            response = response.limits(
                { let mut limits = Limits::DEFAULT; limits.max_body = max_body; limits.max_header = max_header; limits },
            );
        }
        for (name, value) in &headers {
            response = response.header(name, value);
        }
        if let Some(scheme) = &used_scheme {
            response = response.sent_scheme(scheme);
        }
        let response = response.body(&body);
        if let Some(e) = response.challenges().parse_error() {
            check_parse_error(e)?;
        }
        let c = classify(&response);
        if let Some(e) = c.parse_error() {
            check_parse_error(e)?;
        }
        prop_assert_eq!(c.status(), Some(status));
        check_classification(&c)?;
    }
}
