//! The text of JSON strings that have been read (by the scanner in
//! `json_scan` or by serde_json) but not decoded, decoded on first read
//! ([`LazyText`]).

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use crate::json_scan::{bytes_equal, word};

/// Decodes the text between the quotes of a JSON string that has been read
/// (so the escapes are well formed); borrowed when there is no escape.
///
/// It takes one allocation, where serde_json takes a scratch buffer and then
/// a copy. A `\u` escape holding half a surrogate pair, which a reader that
/// only skips a string lets through, becomes U+FFFD, so decoding never
/// fails.
pub(crate) fn unescape(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let Some(first) = bytes.iter().position(|&b| b == b'\\') else {
        return Cow::Borrowed(text);
    };
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..first]);
    // `at` is on a backslash each time round.
    let mut at = first;
    'escapes: while at < bytes.len() {
        let (decoded, len) = escape(&text[at..]);
        if decoded.is_ascii() {
            out.push(decoded as u8);
        } else {
            out.extend_from_slice(decoded.encode_utf8(&mut [0; 4]).as_bytes());
        }
        at += len;
        // The plain bytes up to the next backslash, eight at a time: a
        // whole chunk is copied, then what follows the backslash is cut.
        while let Some(chunk) = bytes.get(at..at + 8) {
            out.extend_from_slice(chunk);
            let found = bytes_equal(word(chunk), b'\\');
            if found != 0 {
                let plain = (found.trailing_zeros() / 8) as usize;
                out.truncate(out.len() - (8 - plain));
                at += plain;
                continue 'escapes;
            }
            at += 8;
        }
        let rest = &bytes[at..];
        let plain = rest.iter().position(|&b| b == b'\\').unwrap_or(rest.len());
        out.extend_from_slice(&rest[..plain]);
        at += plain;
    }
    // Only ASCII escapes were taken out and only whole characters put in,
    // so the bytes are UTF-8; the lossy fallback is never taken.
    Cow::Owned(
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}

/// [`unescape`], into text of exactly the decoded length, for text that is
/// kept: the one allocation is the text, never resized.
fn unescape_exact(text: &str) -> Box<str> {
    let mut out = String::with_capacity(decoded_len(text));
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let (decoded, len) = escape(&rest[at..]);
        out.push(decoded);
        rest = &rest[at + len..];
    }
    out.push_str(rest);
    out.into_boxed_str()
}

/// The length of [`unescape`]'s text, in bytes.
fn decoded_len(text: &str) -> usize {
    let mut len = 0;
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        let (decoded, escaped) = escape(&rest[at..]);
        len += at + decoded.len_utf8();
        rest = &rest[at + escaped..];
    }
    len + rest.len()
}

/// The character of the escape at the start of `text` and the escape's
/// length in bytes. What serde_json would not have accepted, or half a
/// surrogate pair, is U+FFFD.
fn escape(text: &str) -> (char, usize) {
    let letter = match text.as_bytes().get(1) {
        Some(b'"') => '"',
        Some(b'\\') => '\\',
        Some(b'/') => '/',
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'u') => return unicode_escape(text),
        // A lone backslash at the end, or one before a character that is
        // not an escape: skip just the backslash, stay on a char boundary.
        _ => return (char::REPLACEMENT_CHARACTER, 1),
    };
    (letter, 2)
}

/// A `\uXXXX` escape, or a surrogate pair of two.
fn unicode_escape(text: &str) -> (char, usize) {
    let Some(unit) = text.get(2..).and_then(hex4) else {
        return (char::REPLACEMENT_CHARACTER, 2);
    };
    if (0xD800..0xDC00).contains(&unit) {
        let low = text
            .get(6..)
            .and_then(|rest| rest.strip_prefix("\\u"))
            .and_then(hex4);
        if let Some(low @ 0xDC00..=0xDFFF) = low {
            let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            return (
                char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER),
                12,
            );
        }
    }
    (
        char::from_u32(unit).unwrap_or(char::REPLACEMENT_CHARACTER),
        6,
    )
}

/// The value of the four hex digits at the start of `text`.
fn hex4(text: &str) -> Option<u32> {
    let digits = text.as_bytes().get(..4)?;
    digits.iter().try_fold(0, |value, &b| {
        Some(value << 4 | char::from(b).to_digit(16)?)
    })
}

/// Text whose JSON escapes are decoded the first time it is read, for the
/// members that no decision reads (the description) or that only a late
/// step reads (the claims request): parsing then costs the reader's scan
/// and nothing more, however long the text and however many `\r\n` or `\"`
/// it holds.
///
/// Equality, `Debug` and [`LazyText::into_owned`] are those of the decoded
/// text (and, for equality, of [`LazyText::is_object`]).
#[derive(Clone)]
pub(crate) struct LazyText<'a> {
    /// Plain text, or the text between a JSON string's quotes when `json`.
    text: Cow<'a, str>,
    json: bool,
    /// Plain text that arrived as a JSON object: a claims request sent as
    /// one, kept as its JSON text (and written back as an object).
    object: bool,
    /// The decoded text, once read, when `json` and there were escapes.
    decoded: OnceLock<Box<str>>,
}

impl<'a> LazyText<'a> {
    /// Text with nothing to decode.
    pub(crate) fn plain(text: Cow<'a, str>) -> Self {
        Self {
            text,
            json: false,
            object: false,
            decoded: OnceLock::new(),
        }
    }

    /// The text between the quotes of a JSON string that has been read.
    pub(crate) fn json(text: impl Into<Cow<'a, str>>) -> Self {
        Self {
            json: true,
            ..Self::plain(text.into())
        }
    }

    /// The JSON text of an object, kept as it is.
    pub(crate) fn object(json: Cow<'a, str>) -> Self {
        Self {
            object: true,
            ..Self::plain(json)
        }
    }

    /// Whether the text arrived as a JSON object ([`LazyText::object`]).
    pub(crate) fn is_object(&self) -> bool {
        self.object
    }

    /// The decoded text.
    pub(crate) fn as_str(&self) -> &str {
        if let Some(decoded) = self.decoded.get() {
            return decoded;
        }
        if !self.json || !self.text.contains('\\') {
            return &self.text;
        }
        self.decoded.get_or_init(|| unescape_exact(&self.text))
    }

    /// The decoded text, without keeping it: for a reader that reads it
    /// once and keeps it itself.
    pub(crate) fn decode(&self) -> Cow<'_, str> {
        if let Some(decoded) = self.decoded.get() {
            return Cow::Borrowed(decoded);
        }
        if !self.json {
            return Cow::Borrowed(&self.text);
        }
        unescape(&self.text)
    }

    /// Copies borrowed text so the value no longer borrows the input.
    pub(crate) fn into_owned(self) -> LazyText<'static> {
        match self.decoded.into_inner() {
            Some(decoded) => LazyText::plain(Cow::Owned(decoded.into_string())),
            None => LazyText {
                text: Cow::Owned(self.text.into_owned()),
                json: self.json,
                object: self.object,
                decoded: OnceLock::new(),
            },
        }
    }
}

impl PartialEq for LazyText<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.object == other.object && self.as_str() == other.as_str()
    }
}

impl Eq for LazyText<'_> {}

impl fmt::Debug for LazyText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests;
