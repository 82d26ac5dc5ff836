//! Unit tests of the axum extractor: content types and the refusals it answers with.

use super::*;

#[test]
fn form_content_types() {
    for (value, form) in [
        ("application/x-www-form-urlencoded", true),
        ("Application/X-WWW-Form-URLEncoded; charset=UTF-8", true),
        (" application/x-www-form-urlencoded ;charset=utf-8", true),
        ("application/json", false),
        ("multipart/form-data; boundary=x", false),
        ("application/x-www-form-urlencoded-x", false),
        ("", false),
    ] {
        assert_eq!(
            is_form(Some(&HeaderValue::from_static(value))),
            form,
            "{value}"
        );
    }
    assert!(!is_form(None));
    assert!(!is_form(Some(
        &HeaderValue::from_bytes(b"application/x-www-form-urlencoded\xff").unwrap()
    )));
}
