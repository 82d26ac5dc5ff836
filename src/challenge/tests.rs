//! Unit tests of the challenge module's helpers.

use super::decode_base64;

#[test]
fn base64_in_both_alphabets_with_any_padding() {
    assert_eq!(decode_base64("").unwrap(), b"");
    assert_eq!(decode_base64("Zg==").unwrap(), b"f");
    assert_eq!(decode_base64("Zg").unwrap(), b"f");
    assert_eq!(decode_base64("Zg=").unwrap(), b"f");
    assert_eq!(decode_base64("Zg===").unwrap(), b"f");
    assert_eq!(decode_base64("Zm8").unwrap(), b"fo");
    assert_eq!(decode_base64("Zm9v").unwrap(), b"foo");
    assert_eq!(decode_base64("Zm9vYg").unwrap(), b"foob");
    assert_eq!(decode_base64("-_-_").unwrap(), [0xFB, 0xFF, 0xBF]);
    assert_eq!(decode_base64("+/+/").unwrap(), [0xFB, 0xFF, 0xBF]);
}

#[test]
fn base64_rejects_what_it_cannot_read() {
    assert_eq!(decode_base64("Z"), None);
    assert_eq!(decode_base64("Zm9vY"), None);
    assert_eq!(decode_base64("Zg==Zg=="), None);
    assert_eq!(decode_base64("Zm 9v"), None);
    assert_eq!(decode_base64("{\"a\":1}"), None);
    assert_eq!(decode_base64("\u{e9}\u{e9}"), None);
}
