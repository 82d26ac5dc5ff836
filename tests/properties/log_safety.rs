//! Log safety: a classification's line, JSON form and `Debug`, and a token
//! error's `Display` and `Debug`, never show the description, unknown
//! members or an address the server put in its text.

use oauth_triage::{classify, Challenges, Classification, HttpResponse, TokenError};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

use crate::gen::*;

/// An unknown `error` value with an e-mail address in it (all `NQSCHAR`s).
fn email_error() -> impl Strategy<Value = Option<String>> {
    option::of(
        (
            0u32..100_000,
            select(&["{}", "x {}", "{} y", "user={}&z"][..]),
        )
            .prop_map(|(n, template)| template.replace("{}", &format!("err{n}@example.org"))),
    )
}

/// Checks one classification: its line shows neither address, and its JSON
/// form does not show the description's.
fn check_log_safe(c: &Classification<'_>, description: &str) -> Result<(), TestCaseError> {
    let line = c.to_string();
    prop_assert!(!line.contains('@'), "{line}");
    prop_assert!(!line.contains(description), "{line}");
    let json = serde_json::to_string(c).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(!json.contains(description), "{json}");
    check_debug_safe(c, description)
}

/// `Debug`, plain and pretty, never shows the planted text either.
fn check_debug_safe(value: &impl std::fmt::Debug, planted: &str) -> Result<(), TestCaseError> {
    for shown in [format!("{value:?}"), format!("{value:#?}")] {
        prop_assert!(!shown.contains(planted), "{shown}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    /// `Classification`'s `Display` never shows the description, nor an
    /// unknown `error` (or suberror, API code, trace id) holding an address.
    #[test]
    fn classification_lines_never_show_server_text(
        n in 0u32..100_000,
        body in token_body(),
        redirect in redirect(),
        header in header(),
        http in http_gen(),
        error in email_error(),
    ) {
        let address = format!("user{n}@example.com");
        let desc = Desc::Replace(format!("AADSTS50126: Error validating credentials for {address}.\r\nTrace ID: x"));

        let body = match &error { Some(e) => body.with_error(e), None => body };
        let bytes = body.render(&desc);
        let err = parsed(TokenError::from_json(&bytes), &bytes)?;
        prop_assert_eq!(err.description().map(|d| d.contains(&address)), Some(true));
        check_log_safe(&classify(&err), &address)?;

        let redirect = match &error { Some(e) => redirect.with_error(e), None => redirect };
        let text = redirect.render(&desc);
        let verified = parsed(redirect.parse(&text), text.as_bytes())?;
        let err = error_of(&verified);
        prop_assert_eq!(err.description().map(|d| d.contains(&address)), Some(true));
        check_log_safe(&classify(err), &address)?;
        check_debug_safe(err, &address)?;
        check_debug_safe(&verified, &address)?;

        let header = match &error { Some(e) => header.with_error(e), None => header };
        let text = header.render(&desc);
        let challenges = parsed(Challenges::parse(&text), text.as_bytes())?;
        check_log_safe(&classify(&challenges), &address)?;
        check_debug_safe(&challenges, &address)?;

        // Every text member of a token body holding an address.
        let leaky = format!(
            r#"{{"error":"err{n}@example.org","error_description":"{address}","suberror":"{address}","trace_id":"{address}","correlation_id":"{address}","timestamp":"{address}"}}"#
        );
        let err = parsed(TokenError::from_json(leaky.as_bytes()), leaky.as_bytes())?;
        let line = classify(&err).to_string();
        prop_assert!(!line.contains('@'), "{line}");

        // A Graph body whose code holds an address.
        let graph = format!(r#"{{"error":{{"code":"{address}","message":"{address}"}}}}"#);
        let response = HttpResponse::new(403).body(graph.as_bytes());
        prop_assert!(response.resource_error().is_some());
        let line = classify(&response).to_string();
        prop_assert!(!line.contains('@'), "{line}");
        check_debug_safe(&response, &address)?;

        let rendered = http.render(&desc);
        check_log_safe(&classify(rendered.response()), &address)?;
        check_debug_safe(&rendered.response(), &address)?;
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// `TokenError`'s `Display` never shows the description, an unknown
    /// member's value or an address, and its `Debug` never shows the first
    /// two; both stay readable through the accessors.
    #[test]
    fn token_error_display_and_debug_never_show_server_text(
        n in 0u32..100_000,
        body in token_body(),
        error in email_error(),
        secret in "[A-Za-z0-9]{24}",
    ) {
        let address = format!("user{n}@example.com");
        let desc = Desc::Replace(format!("AADSTS50126: Error validating credentials for {address}.\r\nTrace ID: x"));
        let mut body = match &error { Some(e) => body.with_error(e), None => body };
        body.members.push((Member::Extra("mfa_token".to_owned(), format!("\"{secret}\"")), Vec::new()));
        let bytes = body.render(&desc);
        let err = parsed(TokenError::from_json(&bytes), &bytes)?;
        prop_assert!(err.description().is_some_and(|d| d.contains(&address)));
        prop_assert!(err.extra().any(|(_, value)| value.contains(&secret)));

        let line = err.to_string();
        prop_assert!(!line.contains('@'), "{}", line);
        prop_assert!(!line.chars().any(char::is_control), "{:?}", line);
        prop_assert!(line.starts_with(err.error().as_str()) || line.starts_with("unrecognized"), "{}", line);
        for shown in [line, format!("{err:?}"), format!("{err:#?}")] {
            prop_assert!(!shown.contains(&address), "{}", shown);
            prop_assert!(!shown.contains(&secret), "{}", shown);
        }
    }
}
