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

/// A JSON string as read: where the text between its quotes is (see
/// [`Scanner::raw`] and [`Scanner::text`]), not yet decoded.
#[derive(Clone, Copy, Debug)]
pub(crate) struct JsonStr {
    start: usize,
    end: usize,
    pub(crate) escapes: Escapes,
}

/// A position in a JSON text.
pub(crate) struct Scanner<'a> {
    bytes: &'a [u8],
    /// The whole input, when it was checked as UTF-8 at once; else each
    /// text taken ([`Scanner::text`]) is checked on its own.
    text: Option<&'a str>,
    at: usize,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self {
            bytes: text.as_bytes(),
            text: Some(text),
            at: 0,
        }
    }

    /// A scanner of input that may not be UTF-8: what it reads outside
    /// strings is ASCII, and each string's text is checked when it is
    /// taken, so that a string that is only compared as bytes (against
    /// ASCII) needs no check at all.
    pub(crate) fn lazy(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            text: None,
            at: 0,
        }
    }

    /// The text from `start` to `end`, two places next to ASCII bytes (so
    /// on character boundaries); `None` when it is not UTF-8.
    #[inline(always)]
    fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        match self.text {
            Some(text) => text.get(start..end),
            None => std::str::from_utf8(self.bytes.get(start..end)?).ok(),
        }
    }

    /// The bytes between a string's quotes.
    #[cfg(test)]
    pub(crate) fn raw(&self, read: JsonStr) -> &'a [u8] {
        &self.bytes[read.start..read.end]
    }

    /// The text between a string's quotes; `None` when it is not UTF-8.
    #[inline(always)]
    pub(crate) fn text(&self, read: JsonStr) -> Option<&'a str> {
        self.slice(read.start, read.end)
    }

    /// The next byte.
    #[inline]
    pub(crate) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips JSON's white space: space, tab, line feed, carriage return.
    #[inline]
    pub(crate) fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// Reads `byte` if it is next.
    #[inline]
    pub(crate) fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        self.at += usize::from(next);
        next
    }

    /// Whether the whole text has been read.
    #[inline]
    pub(crate) fn at_end(&self) -> bool {
        self.at == self.bytes.len()
    }

    /// Reads `text` if it is next (`null`, `true`, `false`, a member's
    /// name). It must be ASCII, so that the scanner stays on a character
    /// boundary.
    #[inline(always)]
    pub(crate) fn eat_ascii(&mut self, text: &[u8]) -> bool {
        debug_assert!(text.is_ascii());
        let next = self.bytes.get(self.at..self.at + text.len()) == Some(text);
        if next {
            self.at += text.len();
        }
        next
    }

    /// Reads `null` if it is next.
    #[inline]
    pub(crate) fn null(&mut self) -> bool {
        self.eat_ascii(b"null")
    }

    // The readers below are inlined, and what they do at length is in
    // functions of the bytes and a position: the scanner's own place is
    // then never taken, and stays in registers.

    /// Reads a string, which must be next.
    #[cfg(test)]
    pub(crate) fn string(&mut self) -> Option<JsonStr> {
        if !self.eat(b'"') {
            return None;
        }
        self.rest_of_string()
    }

    /// Reads the rest of a string whose opening quote has been read.
    #[inline]
    pub(crate) fn rest_of_string(&mut self) -> Option<JsonStr> {
        let start = self.at;
        let (end, escapes) = string_end(self.bytes, start)?;
        self.at = end + 1;
        Some(JsonStr {
            start,
            end,
            escapes,
        })
    }

    /// Reads the rest of a string whose opening quote has been read when
    /// its text is a value `known` recognizes, and gives that value; reads
    /// nothing otherwise. The text is taken up to the next quote, with no
    /// look for escapes: a recognized value holds no `\` and no control
    /// character, so the quote that ends it closes the string.
    #[inline]
    pub(crate) fn known_text<T>(&mut self, known: impl FnOnce(&[u8]) -> Option<T>) -> Option<T> {
        let end = find_quote(self.bytes, self.at)?;
        let value = known(&self.bytes[self.at..end])?;
        self.at = end + 1;
        Some(value)
    }

    /// Reads a string, `null`, `true`, `false` or a number, and returns its
    /// JSON text (a string with its quotes).
    #[inline]
    pub(crate) fn scalar(&mut self) -> Option<&'a str> {
        let start = self.at;
        self.at = scalar_end(self.bytes, start)?;
        self.slice(start, self.at)
    }

    /// Reads a non-negative integer that fits in a `u32`, written without a
    /// fraction, an exponent or a leading zero.
    #[inline]
    pub(crate) fn small_integer(&mut self) -> Option<u32> {
        let (value, end) = small_integer_at(self.bytes, self.at)?;
        self.at = end;
        Some(value)
    }
}

/// Where the text of the string that starts at `start` (after its opening
/// quote) ends, at its closing quote, and what escapes it holds. Two words,
/// so that they come back in registers.
fn string_end(bytes: &[u8], start: usize) -> Option<(usize, Escapes)> {
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
                // serde_json reads any four hex digits here when it skips a
                // string, surrogates whole or not.
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
    Some((at, escapes))
}

/// Where the string, `null`, `true`, `false` or number at `at` ends.
fn scalar_end(bytes: &[u8], at: usize) -> Option<usize> {
    let rest = bytes.get(at..)?;
    match rest.first()? {
        b'"' => Some(string_end(bytes, at + 1)?.0 + 1),
        b'n' if rest.starts_with(b"null") => Some(at + 4),
        b't' if rest.starts_with(b"true") => Some(at + 4),
        b'f' if rest.starts_with(b"false") => Some(at + 5),
        b'-' | b'0'..=b'9' => number_end(bytes, at),
        _ => None,
    }
}

/// Where the number at `at` ends, read as RFC 8259 §6 writes it:
/// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn number_end(bytes: &[u8], mut at: usize) -> Option<usize> {
    let eat = |at: &mut usize, byte: u8| {
        let next = bytes.get(*at) == Some(&byte);
        *at += usize::from(next);
        next
    };
    eat(&mut at, b'-');
    if !eat(&mut at, b'0') {
        if !matches!(bytes.get(at), Some(b'1'..=b'9')) {
            return None;
        }
        at = digits_end(bytes, at);
    }
    if eat(&mut at, b'.') {
        let start = at;
        at = digits_end(bytes, at);
        if at == start {
            return None;
        }
    }
    if eat(&mut at, b'e') || eat(&mut at, b'E') {
        if !eat(&mut at, b'+') {
            eat(&mut at, b'-');
        }
        let start = at;
        at = digits_end(bytes, at);
        if at == start {
            return None;
        }
    }
    // After a leading zero, `01` stops at the `1`: the caller then finds no
    // separator and leaves the body to serde_json, which refuses it.
    Some(at)
}

/// Where the ASCII digits from `at` end.
fn digits_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b'0'..=b'9') = bytes.get(at) {
        at += 1;
    }
    at
}

/// The non-negative integer at `start` that fits in a `u32`, written without
/// a fraction, an exponent or a leading zero, and where it ends.
fn small_integer_at(bytes: &[u8], start: usize) -> Option<(u32, usize)> {
    let mut at = start;
    let mut value = 0u64;
    while let Some(&digit @ b'0'..=b'9') = bytes.get(at) {
        // At most ten digits, so that the value cannot overflow a u64.
        if at - start == 10 {
            return None;
        }
        value = value * 10 + u64::from(digit - b'0');
        at += 1;
    }
    match (at - start, bytes.get(start), bytes.get(at)) {
        (0, ..) | (2.., Some(b'0'), _) | (_, _, Some(b'.' | b'e' | b'E')) => None,
        _ => Some((u32::try_from(value).ok()?, at)),
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

/// The high bit of each byte of `word` that is `"`, `\` or a control
/// character, and maybe of bytes above such a byte: the lowest bit set is
/// exact.
fn special_bytes(word: u64) -> u64 {
    bytes_equal(word, b'"')
        | bytes_equal(word, b'\\')
        // Bytes under 0x20: the subtraction sets their high bit.
        | (word.wrapping_sub(ONES * 0x20) & !word & HIGH)
}

/// The index of the first `"`, `\` or control character at or after `at`,
/// or the length of `bytes` when there is none. Sixteen bytes at a time,
/// as two words.
fn find_special(bytes: &[u8], mut at: usize) -> usize {
    while let Some(chunk) = bytes.get(at..at + 16) {
        let low = special_bytes(word(&chunk[..8]));
        let high = special_bytes(word(&chunk[8..]));
        if low != 0 {
            return at + first_byte(low);
        }
        if high != 0 {
            return at + 8 + first_byte(high);
        }
        at += 16;
    }
    if let Some(chunk) = bytes.get(at..at + 8) {
        let special = special_bytes(word(chunk));
        if special != 0 {
            return at + first_byte(special);
        }
        at += 8;
    }
    // Fewer than eight bytes are left: read the last eight, shifted so that
    // the first byte left is the lowest. The zeros shifted in above the end
    // read as control characters, so the answer is at most the length.
    let len = bytes.len();
    if at < len {
        if let Some(last) = bytes.get(len.wrapping_sub(8)..) {
            let before = 8 - (len - at);
            return len.min(at + first_byte(special_bytes(word(last) >> (8 * before))));
        }
    }
    while let Some(&b) = bytes.get(at) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        at += 1;
    }
    at
}

/// The index of the first `"` at or after `at`, eight bytes at a time.
fn find_quote(bytes: &[u8], mut at: usize) -> Option<usize> {
    while let Some(chunk) = bytes.get(at..at + 8) {
        let quote = bytes_equal(word(chunk), b'"');
        if quote != 0 {
            return Some(at + first_byte(quote));
        }
        at += 8;
    }
    // Fewer than eight bytes are left: the last eight, shifted so that the
    // first byte left is the lowest (the zeros shifted in are no quotes).
    let len = bytes.len();
    match bytes.get(len.wrapping_sub(8)..) {
        Some(last) if at < len => {
            let quote = bytes_equal(word(last) >> (8 * (8 - (len - at))), b'"');
            (quote != 0).then(|| at + first_byte(quote))
        }
        _ => Some(at + bytes.get(at..)?.iter().position(|&b| b == b'"')?),
    }
}

/// The index of the byte whose high bit is the lowest set in `mask`.
fn first_byte(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

#[cfg(test)]
mod tests;
