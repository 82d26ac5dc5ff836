//! Checks shared by the fuzz targets: what must hold whatever the input.

use std::collections::BTreeMap;

use oauth_triage::{Action, Classification, Limits, ParseError, TokenError};
use serde_json::value::RawValue;

/// The same token error without its description, read again from its
/// body written back as JSON with that member left out: the body as the
/// server would have sent it without one. `None` only when the written
/// body is over the size limit (a form's `%01` is JSON's `\u0001`).
pub fn without_description(err: &TokenError<'_>) -> Option<TokenError<'static>> {
    let body = body_without_description(err)?;
    let read = TokenError::from_json(&body).expect("the body without its description reads");
    assert_eq!(read.description(), None);
    Some(read.into_owned())
}

/// The JSON body of a token error without its description; `None` when
/// it would be over the default body limit.
pub fn body_without_description(err: &TokenError<'_>) -> Option<Vec<u8>> {
    // Each value as its JSON text, so that numbers and objects stay as
    // they were written.
    let written = serde_json::to_string(err).expect("a token error serializes");
    let mut members: BTreeMap<String, Box<RawValue>> =
        serde_json::from_str(&written).expect("a token error is a JSON object");
    members.remove("error_description");
    let body = serde_json::to_vec(&members).expect("JSON text serializes");
    (body.len() <= Limits::DEFAULT.max_body).then_some(body)
}

/// A classification is safe to log and consistent with itself.
///
/// `free_text` holds the server's free text (descriptions, messages): when
/// such a text is long and carries a marker no safe field can hold (`@`),
/// it must not show up in `Display`.
pub fn check_classification(c: &Classification<'_>, free_text: &[Option<&str>]) {
    let shown = c.to_string();
    assert!(
        shown.bytes().all(|b| (b' '..=b'~').contains(&b)),
        "Display is not one line of printable ASCII: {shown:?}"
    );
    assert!(!shown.contains('@'), "Display carries free text: {shown:?}");
    for text in free_text.iter().flatten() {
        if text.len() > 8 && text.contains('@') {
            assert!(
                !shown.contains(text),
                "Display repeats free text: {shown:?}"
            );
        }
    }

    let json = serde_json::to_string(c).expect("a classification serializes");
    let value: serde_json::Value = serde_json::from_str(&json).expect("the JSON reads back");
    let action = value["action"].as_str().expect("`action` is a string");
    assert!(Action::NAMES.contains(&action), "unknown action {action:?}");
    assert_eq!(action, c.action().name());

    assert_eq!(c.clone().into_owned(), *c);
    if c.retry_after().is_some() {
        assert!(matches!(c.action(), Action::Retry { .. }));
    }
    let _ = c.party();
    // Every code names itself and reads back; a code the catalog knows has
    // its entry.
    for code in c.codes() {
        assert_eq!(code.to_string().parse(), Ok(*code));
        if let Some(entry) = code.entry() {
            assert_eq!(entry.code, *code);
        }
    }
}

/// A parse error says what went wrong in one short line.
pub fn check_parse_error(err: &ParseError) {
    let shown = err.to_string();
    assert!(
        !shown.chars().any(char::is_control),
        "ParseError is not one line: {shown:?}"
    );
    assert!(shown.len() <= 512, "ParseError is too long: {shown:?}");
    assert!(!err.kind().is_empty());
}

/// An accepted `error` value holds only RFC 6749's characters.
pub fn check_error_value(error: &str) {
    assert!(!error.is_empty());
    assert!(
        error
            .bytes()
            .all(|b| matches!(b, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E)),
        "accepted an invalid `error` value: {error:?}"
    );
}
