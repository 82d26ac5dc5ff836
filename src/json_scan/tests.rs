//! Unit tests of the JSON scanner.

use super::{find_quote, find_special, Escapes, Scanner};

#[test]
fn find_special_agrees_with_a_byte_loop() {
    let mut text = Vec::new();
    for len in 0..40 {
        for special in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
            for at in 0..=len {
                text.clear();
                // Bytes that are near misses for each test: 0x20, '!',
                // '#', '[', ']', 0x7f, 0x80, 0xdc, 0xff.
                text.extend(
                    (0..len).map(|i| [0x20, b'!', b'#', b'[', b']', 0x7f, 0x80, 0xdc, 0xff][i % 9]),
                );
                if at < len {
                    text[at] = special;
                }
                // From every place, also past the special byte, where
                // only the end of the text is left to find.
                for from in 0..=len {
                    let expected = text[from..]
                        .iter()
                        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                        .map_or(len, |i| from + i);
                    assert_eq!(find_special(&text, from), expected, "{text:?} from {from}");
                }
            }
        }
    }
}

#[test]
fn find_quote_agrees_with_a_byte_loop() {
    for len in 0..40 {
        for quotes in [0u64, 1, 0b1001, 1 << 20, 1 << 39] {
            let text: Vec<u8> = (0..len)
                .map(|i| {
                    if quotes >> i & 1 == 1 {
                        b'"'
                    } else {
                        [b'#', b'!', 0, b'\\'][i % 4]
                    }
                })
                .collect();
            for from in 0..=len {
                let expected = text[from..]
                    .iter()
                    .position(|&b| b == b'"')
                    .map(|i| from + i);
                assert_eq!(find_quote(&text, from), expected, "{text:?} from {from}");
            }
        }
    }
}

#[test]
fn known_text_is_read_only_when_known() {
    let known = |text: &[u8]| (text == b"invalid_grant").then_some(7);
    for (json, value, rest) in [
        (r#"invalid_grant"}"#, Some(7), "}"),
        (r#"invalid_grant2"}"#, None, r#"invalid_grant2"}"#),
        (r#"invalid\"grant"}"#, None, r#"invalid\"grant"}"#),
        (r#"invalid_grant"#, None, r#"invalid_grant"#),
    ] {
        let mut scanner = Scanner::new(json);
        assert_eq!(scanner.known_text(known), value, "{json}");
        assert!(
            scanner.eat_ascii(rest.as_bytes()) && scanner.at_end(),
            "{json}"
        );
    }
}

#[test]
fn strings_report_their_escapes() {
    for (json, text, escapes) in [
        (r#""""#, "", Escapes::None),
        (
            r#""plain text, long enough to be read in chunks""#,
            "plain text, long enough to be read in chunks",
            Escapes::None,
        ),
        (r#""a\r\nb""#, r"a\r\nb", Escapes::Short),
        (r#""https:\/\/x""#, r"https:\/\/x", Escapes::Short),
        (r#""\u00e9\n""#, r"\u00e9\n", Escapes::Unicode),
        (r#""\n\ud800""#, r"\n\ud800", Escapes::Unicode),
    ] {
        for mut scanner in [Scanner::new(json), Scanner::lazy(json.as_bytes())] {
            let read = scanner.string().unwrap();
            assert_eq!(
                (scanner.text(read), read.escapes),
                (Some(text), escapes),
                "{json}"
            );
            assert_eq!(scanner.raw(read), text.as_bytes(), "{json}");
            assert!(scanner.at_end(), "{json}");
        }
    }
}

#[test]
fn text_that_is_not_utf8_is_read_but_not_taken() {
    let mut scanner = Scanner::lazy(b"\"caf\xe9\" \"caf\xc3\xa9\"");
    let latin1 = scanner.string().unwrap();
    assert_eq!(
        (scanner.raw(latin1), scanner.text(latin1)),
        (&b"caf\xe9"[..], None)
    );
    scanner.skip_space();
    let utf8 = scanner.string().unwrap();
    assert_eq!(scanner.text(utf8), Some("caf\u{e9}"));
    assert!(scanner.at_end());
}

#[test]
fn strings_serde_json_rejects_are_not_read() {
    for json in [
        "\"",
        "\"abc",
        "\"a\\",
        "\"a\\x\"",
        "\"\\u12\"",
        "\"\\u12g4\"",
        "\"tab\there\"",
        "\"line\nbreak\"",
        "abc",
    ] {
        assert!(
            serde_json::from_str::<&serde_json::value::RawValue>(json).is_err(),
            "{json:?}"
        );
        assert!(Scanner::new(json).string().is_none(), "{json:?}");
    }
}

#[test]
fn scalars_are_read_as_serde_json_reads_them() {
    for json in [
        "null",
        "true",
        "false",
        "0",
        "-0",
        "7",
        "-12",
        "1.5",
        "1e9",
        "1E+9",
        "2.5e-3",
        "123456789012345678901234567890",
        r#""text""#,
        r#""\u00e9""#,
    ] {
        let raw: &serde_json::value::RawValue = serde_json::from_str(json).unwrap();
        let mut scanner = Scanner::new(json);
        assert_eq!(scanner.scalar(), Some(raw.get()), "{json}");
        assert!(scanner.at_end(), "{json}");
    }
    // Not JSON: not read, or read only up to where the JSON stops.
    for json in [
        "-", "1.", ".5", "1e", "1e+", "nul", "tru", "fals", "+1", "01",
    ] {
        assert!(
            serde_json::from_str::<&serde_json::value::RawValue>(json).is_err(),
            "{json}"
        );
        let mut scanner = Scanner::new(json);
        assert!(scanner.scalar().is_none() || !scanner.at_end(), "{json}");
    }
    // JSON, but not a scalar.
    for json in ["[1]", "{}"] {
        assert!(Scanner::new(json).scalar().is_none(), "{json}");
    }
}

#[test]
fn small_integers() {
    for (json, value) in [
        ("0", Some(0)),
        ("50076", Some(50076)),
        ("4294967295", Some(u32::MAX)),
        ("4294967296", None),
        ("99999999999", None),
        ("01", None),
        ("-1", None),
        ("1.0", None),
        ("1e3", None),
        ("0.5", None),
        ("", None),
    ] {
        assert_eq!(Scanner::new(json).small_integer(), value, "{json}");
    }
}
