//! A reader for the flat JSON objects that servers send as error bodies: a
//! quick first pass that serde_json stands behind.
//!
//! [`Scanner`] reads strings, `null`, `true`, `false`, numbers and arrays of
//! small integers, and nothing else. Each method returns `None` for anything
//! it does not read (a nested object, a `\u` escape where the text must be
//! decoded, a number outside its range) and for anything that is not valid
//! JSON. The caller then parses the body again with serde_json, which
//! accepts what is valid and words the error for what is not. So the scanner
//! never has to reject anything in its own words: it only has to agree with
//! serde_json on what it accepts.

/// What escapes the text of a JSON string holds, from least to most work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Escapes {
    /// None: the text is the value.
    None,
    /// Only two-character escapes such as `\"`, `\/` or `\n`.
    Short,
    /// At least one `\uXXXX` escape.
    Unicode,
}

/// A JSON string as read: the text between its quotes, not yet decoded.
#[derive(Clone, Copy, Debug)]
pub(crate) struct JsonStr<'a> {
    pub(crate) text: &'a str,
    pub(crate) escapes: Escapes,
}

/// A position in a JSON text.
pub(crate) struct Scanner<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self { text, at: 0 }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    /// Skips JSON's white space: space, tab, line feed, carriage return.
    pub(crate) fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// Reads `byte` if it is next.
    pub(crate) fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        self.at += usize::from(next);
        next
    }

    /// Whether the whole text has been read.
    pub(crate) fn at_end(&self) -> bool {
        self.at == self.text.len()
    }

    /// Reads `word` if it is next (`null`, `true`, `false`).
    fn literal(&mut self, word: &str) -> bool {
        let next = self.bytes()[self.at..].starts_with(word.as_bytes());
        if next {
            self.at += word.len();
        }
        next
    }

    /// Reads `null` if it is next.
    pub(crate) fn null(&mut self) -> bool {
        self.literal("null")
    }

    /// Reads a string, which must be next.
    pub(crate) fn string(&mut self) -> Option<JsonStr<'a>> {
        if !self.eat(b'"') {
            return None;
        }
        let bytes = self.bytes();
        let start = self.at;
        let mut at = start;
        let mut escapes = Escapes::None;
        loop {
            at = find_special(bytes, at);
            match *bytes.get(at)? {
                b'"' => break,
                b'\\' => match *bytes.get(at + 1)? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {
                        escapes = escapes.max(Escapes::Short);
                        at += 2;
                    }
                    // serde_json reads any four hex digits here when it
                    // skips a string, surrogates whole or not.
                    b'u' if bytes.get(at + 2..at + 6)?.iter().all(u8::is_ascii_hexdigit) => {
                        escapes = Escapes::Unicode;
                        at += 6;
                    }
                    _ => return None,
                },
                // A control character, which JSON does not allow in a string.
                _ => return None,
            }
        }
        self.at = at + 1;
        // Both ends are next to an ASCII quote, so on character boundaries.
        Some(JsonStr {
            text: &self.text[start..at],
            escapes,
        })
    }

    /// Reads a string, `null`, `true`, `false` or a number, and returns its
    /// JSON text (a string with its quotes).
    pub(crate) fn scalar(&mut self) -> Option<&'a str> {
        let start = self.at;
        match self.peek()? {
            b'"' => {
                self.string()?;
            }
            b'n' if self.literal("null") => {}
            b't' if self.literal("true") => {}
            b'f' if self.literal("false") => {}
            b'-' | b'0'..=b'9' => self.number()?,
            _ => return None,
        }
        Some(&self.text[start..self.at])
    }

    /// Reads a number as RFC 8259 §6 writes it:
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Option<()> {
        self.eat(b'-');
        if !self.eat(b'0') {
            if !matches!(self.peek(), Some(b'1'..=b'9')) {
                return None;
            }
            self.digits();
        }
        if self.eat(b'.') && self.digits() == 0 {
            return None;
        }
        if self.eat(b'e') || self.eat(b'E') {
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if self.digits() == 0 {
                return None;
            }
        }
        // After a leading zero, `01` stops at the `1`: the caller then finds
        // no separator and leaves the body to serde_json, which refuses it.
        Some(())
    }

    /// Reads ASCII digits and returns how many.
    fn digits(&mut self) -> usize {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        self.at - start
    }

    /// Reads a non-negative integer that fits in a `u32`, written without a
    /// fraction, an exponent or a leading zero.
    pub(crate) fn small_integer(&mut self) -> Option<u32> {
        let start = self.at;
        if self.eat(b'0') {
            return match self.peek() {
                Some(b'0'..=b'9' | b'.' | b'e' | b'E') => None,
                _ => Some(0),
            };
        }
        // At most ten digits, so that the sum cannot overflow a u64.
        if !(1..=10).contains(&self.digits()) {
            return None;
        }
        if let Some(b'.' | b'e' | b'E') = self.peek() {
            return None;
        }
        let value = self.bytes()[start..self.at]
            .iter()
            .fold(0u64, |value, &d| value * 10 + u64::from(d - b'0'));
        u32::try_from(value).ok()
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Eight bytes as one word, the first byte lowest.
pub(crate) fn word(chunk: &[u8]) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(chunk);
    u64::from_le_bytes(word)
}

/// The high bit of each byte of `word` that is `byte`, and maybe of bytes
/// above such a byte: the lowest bit set is exact, and only it is read.
pub(crate) fn bytes_equal(word: u64, byte: u8) -> u64 {
    let zeroed = word ^ (ONES * u64::from(byte));
    zeroed.wrapping_sub(ONES) & !zeroed & HIGH
}

/// The index of the first `"`, `\` or control character at or after `at`,
/// or the length of `bytes` when there is none. Eight bytes at a time.
fn find_special(bytes: &[u8], mut at: usize) -> usize {
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = word(chunk);
        let special = bytes_equal(word, b'"')
            | bytes_equal(word, b'\\')
            // Bytes under 0x20: the subtraction sets their high bit.
            | (word.wrapping_sub(ONES * 0x20) & !word & HIGH);
        if special != 0 {
            return at + (special.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while let Some(&b) = bytes.get(at) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::{find_special, Escapes, Scanner};

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
                        (0..len)
                            .map(|i| [0x20, b'!', b'#', b'[', b']', 0x7f, 0x80, 0xdc, 0xff][i % 9]),
                    );
                    if at < len {
                        text[at] = special;
                    }
                    let expected = text
                        .iter()
                        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                        .unwrap_or(len);
                    for from in 0..=expected {
                        assert_eq!(find_special(&text, from), expected, "{text:?} from {from}");
                    }
                }
            }
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
            let mut scanner = Scanner::new(json);
            let read = scanner.string().unwrap();
            assert_eq!((read.text, read.escapes), (text, escapes), "{json}");
            assert!(scanner.at_end(), "{json}");
        }
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
}
