//! Unit tests of JSON text decoding.

use std::borrow::Cow;

use super::{decoded_len, unescape, unescape_exact, LazyText};

/// Valid JSON strings, as they appear in a body.
const STRINGS: &[&str] = &[
    r#""""#,
    r#""plain text""#,
    r#""AADSTS50079: MFA.\r\nTrace ID: 5c8ce2fc\r\n""#,
    r#""{\"access_token\":{\"acrs\":{\"essential\":true}}}""#,
    r#""https:\/\/login.microsoftonline.com\/error?code=50011""#,
    r#""\b\f\n\r\t\\\"\/""#,
    r#""Zugriff f\u00fcr J\u00F6rg \u0027x\u0027 \u0000""#,
    r#""\ud83d\ude00 and \uD83D\uDE00""#,
    "\"caf\\u00e9 caf\u{e9} \\u20ac \u{1f600}\"",
];

#[test]
fn unescape_agrees_with_serde_json() {
    for json in STRINGS {
        let expected: String = serde_json::from_str(json).unwrap();
        assert_eq!(unescape(&json[1..json.len() - 1]), expected, "{json}");
    }
}

#[test]
fn exact_decoding_agrees_with_unescape() {
    let strings = STRINGS.iter().map(|json| &json[1..json.len() - 1]);
    let broken = [
        r"\u12",
        r"\u12g4",
        r"\u+123",
        r"\x",
        "\\",
        "\\\u{e9}",
        "a\\",
        r"a\ud800b",
        r"\ud800\u0041",
        r"\udc00\ud800",
        r"\ud800\ud800\udc00",
        "plain",
    ];
    for text in strings.chain(broken) {
        let expected = unescape(text);
        assert_eq!(decoded_len(text), expected.len(), "{text}");
        assert_eq!(&*unescape_exact(text), &*expected, "{text}");
    }
}

#[test]
fn unescape_borrows_when_there_is_nothing_to_decode() {
    assert!(matches!(
        unescape("no escapes"),
        Cow::Borrowed("no escapes")
    ));
}

#[test]
fn half_a_surrogate_pair_becomes_a_replacement_character() {
    assert_eq!(unescape(r"a\ud800b"), "a\u{fffd}b");
    assert_eq!(unescape(r"\ud800\u0041"), "\u{fffd}A");
    assert_eq!(unescape(r"\udc00\ud800"), "\u{fffd}\u{fffd}");
    assert_eq!(unescape(r"\ud800\ud800\udc00"), "\u{fffd}\u{10000}");
}

#[test]
fn broken_escapes_never_panic() {
    for text in [
        r"\u12", r"\u12g4", r"\u+123", r"\x", "\\", "\\\u{e9}", "a\\",
    ] {
        assert!(unescape(text).contains('\u{fffd}'), "{text}");
    }
}

#[test]
fn lazy_text_reads_and_compares_decoded() {
    for json in STRINGS {
        let expected: String = serde_json::from_str(json).unwrap();
        let lazy = LazyText::json(&json[1..json.len() - 1]);
        let plain = LazyText::plain(Cow::Owned(expected.clone()));
        assert_eq!(lazy, plain);
        assert_eq!(lazy.decode(), expected);
        assert_eq!(lazy.as_str(), expected);
        assert_eq!(lazy.decode(), expected);
        assert_eq!(format!("{lazy:?}"), format!("{expected:?}"));
        assert_eq!(lazy.clone().into_owned(), plain);
        assert_eq!(LazyText::json(&json[1..json.len() - 1]).into_owned(), plain);
    }
}
