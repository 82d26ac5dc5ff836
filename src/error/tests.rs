//! Unit tests of the body excerpts errors quote.

use super::excerpt;

#[test]
fn excerpts_are_short_escaped_and_hide_addresses() {
    assert_eq!(excerpt("plain"), "\"plain\"");
    assert_eq!(excerpt("a\"b\n"), "\"a\\\"b\\n\"");
    assert_eq!(
        excerpt("Dear bob@contoso.com, your"),
        "\"Dear [email] yo\"..."
    );
    assert_eq!(
        excerpt("x".repeat(30).as_str()),
        format!("\"{}\"...", "x".repeat(24))
    );
    // An address cut short is still hidden.
    assert_eq!(
        excerpt("0123456789012345678 ab@cd.example"),
        "\"0123456789012345678 [email]\"..."
    );
}
