//! Unit tests of what logs may show.

use super::{is_id, is_link, is_symbol, is_timestamp, loggable, shown_if};

#[test]
fn what_looks_like_what() {
    assert!(is_id("5c8ce2fc-1720-45c1-899a-0a6d0e965600"));
    assert!(!is_id("user@example.com"));
    assert!(!is_id(""));
    assert!(is_symbol("basic_action"));
    assert!(!is_symbol("bad value"));
    assert!(is_timestamp("2024-05-02 11:42:13Z"));
    assert!(!is_timestamp("yesterday"));
    assert!(is_link(
        "https://login.microsoftonline.com/error?code=50076"
    ));
    assert!(!is_link("https://user@example.com/"));
    assert!(!is_link("https://example.com/?u=jo%40example.com"));
    assert!(!is_link("https://example.com/a b"));
    assert!(!is_link("javascript:alert(1)"));
    assert_eq!(loggable("mfa_required"), "mfa_required");
    assert_eq!(loggable("jo@example.com"), "unrecognized");
}

#[test]
fn redacted_text_shows_its_length_unquoted() {
    assert_eq!(format!("{:?}", shown_if("abc-1", true)), r#""abc-1""#);
    assert_eq!(
        format!("{:?}", shown_if("jo@example.com", false)),
        "[redacted: 14 bytes]"
    );
}
