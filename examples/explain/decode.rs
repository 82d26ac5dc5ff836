//! A file read as UTF-8 text, a block at a time, whatever its size: the
//! byte order mark sniffed (UTF-8, UTF-16LE, UTF-16BE, or none), UTF-16
//! transcoded to UTF-8 on the way, and every byte checked to be text (valid
//! UTF-8, no NUL) before a parser sees it. Memory stays at a few buffers.

use std::fmt;
use std::io::{self, BufRead, BufReader, Read};

/// The size of each buffer: large enough for few system calls, small
/// enough to keep memory flat.
pub(crate) const BLOCK: usize = 256 * 1024;

/// The encoding a byte order mark (or its absence) names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Utf8 => "utf-8",
            Self::Utf8Bom => "utf-8-bom",
            Self::Utf16Le => "utf-16le",
            Self::Utf16Be => "utf-16be",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Utf8 => "UTF-8",
            Self::Utf8Bom => "UTF-8 with a byte order mark",
            Self::Utf16Le => "UTF-16LE",
            Self::Utf16Be => "UTF-16BE",
        })
    }
}

/// The error a [`Text`] reader gives for bytes that are not text: invalid
/// UTF-8 or UTF-16, a NUL, an odd number of UTF-16 bytes.
#[derive(Debug)]
pub(crate) struct NotText;

impl fmt::Display for NotText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not text")
    }
}

impl std::error::Error for NotText {}

/// Whether `err` is a [`NotText`] (as it comes back through a parser).
pub(crate) fn is_not_text(err: &io::Error) -> bool {
    err.get_ref().is_some_and(|e| e.is::<NotText>())
}

fn not_text() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, NotText)
}

/// A file opened as text.
pub(crate) type Reader = BufReader<Text<Box<dyn Read>>>;

/// Opens `source` as text: its byte order mark read and dropped, the rest
/// UTF-8 (transcoded from UTF-16 when the mark says so) and checked.
pub(crate) fn open<R: Read + 'static>(mut source: R) -> io::Result<(Reader, Encoding)> {
    let mut head = [0; 3];
    let mut n = 0;
    while n < head.len() {
        match source.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let head = &head[..n];
    let (encoding, mark) = if head.starts_with(b"\xEF\xBB\xBF") {
        (Encoding::Utf8Bom, 3)
    } else if head.starts_with(b"\xFF\xFE") {
        (Encoding::Utf16Le, 2)
    } else if head.starts_with(b"\xFE\xFF") {
        (Encoding::Utf16Be, 2)
    } else {
        (Encoding::Utf8, 0)
    };
    let raw = io::Cursor::new(head[mark..].to_vec()).chain(source);
    let inner: Box<dyn Read> = match encoding {
        Encoding::Utf16Le => Box::new(Utf16::new(raw, u16::from_le_bytes)),
        Encoding::Utf16Be => Box::new(Utf16::new(raw, u16::from_be_bytes)),
        Encoding::Utf8 | Encoding::Utf8Bom => Box::new(raw),
    };
    Ok((BufReader::with_capacity(BLOCK, Text::new(inner)), encoding))
}

/// Drops white space and byte order marks at the start of `reader`, and
/// returns the first byte after them (`None`: nothing but those).
pub(crate) fn skip_blank<R: BufRead>(reader: &mut R) -> io::Result<Option<u8>> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(None);
        }
        if buf.starts_with(b"\xEF\xBB\xBF") {
            reader.consume(3);
            continue;
        }
        // A mark cut by the end of the buffer cannot happen: Text hands
        // out whole characters only.
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(0) => return Ok(Some(buf[0])),
            Some(i) => reader.consume(i),
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}

/// A reader that hands out UTF-8 text only: whole characters, and an
/// error ([`NotText`]) at the first byte that is not valid UTF-8 or a NUL.
pub(crate) struct Text<R> {
    inner: R,
    buf: Box<[u8]>,
    /// Bytes handed out: `buf[..start]`.
    start: usize,
    /// Bytes checked: `buf[..checked]`.
    checked: usize,
    /// Bytes read: `buf[..end]` (an incomplete character after `checked`).
    end: usize,
    failed: bool,
}

impl<R: Read> Text<R> {
    pub(crate) fn new(inner: R) -> Self {
        Self {
            inner,
            buf: vec![0; BLOCK].into_boxed_slice(),
            start: 0,
            checked: 0,
            end: 0,
            failed: false,
        }
    }

    /// Reads and checks the next block; `Ok(false)` at the end.
    fn refill(&mut self) -> io::Result<bool> {
        // Keep the incomplete character at the end of the last block.
        self.buf.copy_within(self.checked..self.end, 0);
        self.end -= self.checked;
        self.start = 0;
        self.checked = 0;
        let n = loop {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        if n == 0 {
            if self.end > 0 {
                // The file ends inside a character.
                return Err(self.fail());
            }
            return Ok(false);
        }
        self.end += n;
        let block = &self.buf[..self.end];
        let valid = match std::str::from_utf8(block) {
            Ok(_) => block.len(),
            // An incomplete character at the end: checked with the next block.
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => return Err(self.fail()),
        };
        if block[..valid].contains(&0) {
            return Err(self.fail());
        }
        self.checked = valid;
        Ok(true)
    }

    fn fail(&mut self) -> io::Error {
        self.failed = true;
        not_text()
    }
}

impl<R: Read> Read for Text<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.failed {
            return Err(not_text());
        }
        while self.start == self.checked {
            if !self.refill()? {
                return Ok(0);
            }
        }
        let n = out.len().min(self.checked - self.start);
        out[..n].copy_from_slice(&self.buf[self.start..self.start + n]);
        self.start += n;
        Ok(n)
    }
}

/// UTF-16 (after its byte order mark) transcoded to UTF-8, a block at a
/// time; an unpaired surrogate or an odd byte at the end is [`NotText`].
pub(crate) struct Utf16<R> {
    inner: R,
    unit: fn([u8; 2]) -> u16,
    /// UTF-8 not yet handed out: `out[pos..]`.
    out: Vec<u8>,
    pos: usize,
    /// A byte of a unit cut by the end of a block.
    odd: Option<u8>,
    /// A high surrogate waiting for its low half.
    high: Option<u16>,
    raw: Box<[u8]>,
}

impl<R: Read> Utf16<R> {
    pub(crate) fn new(inner: R, unit: fn([u8; 2]) -> u16) -> Self {
        Self {
            inner,
            unit,
            out: Vec::with_capacity(BLOCK * 3 / 2),
            pos: 0,
            odd: None,
            high: None,
            raw: vec![0; BLOCK].into_boxed_slice(),
        }
    }

    /// Transcodes the next block; `Ok(false)` at the end.
    fn refill(&mut self) -> io::Result<bool> {
        self.out.clear();
        self.pos = 0;
        while self.out.is_empty() {
            let n = loop {
                match self.inner.read(&mut self.raw) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            };
            if n == 0 {
                if self.odd.is_some() || self.high.is_some() {
                    return Err(not_text());
                }
                return Ok(false);
            }
            let mut bytes = &self.raw[..n];
            if let Some(first) = self.odd.take() {
                let unit = (self.unit)([first, bytes[0]]);
                bytes = &bytes[1..];
                push_unit(unit, &mut self.high, &mut self.out)?;
            }
            let mut pairs = bytes.chunks_exact(2);
            for pair in &mut pairs {
                let unit = (self.unit)([pair[0], pair[1]]);
                // ASCII, most of an export, goes straight through.
                if unit < 0x80 && self.high.is_none() {
                    self.out.push(unit as u8);
                } else {
                    push_unit(unit, &mut self.high, &mut self.out)?;
                }
            }
            self.odd = pairs.remainder().first().copied();
        }
        Ok(true)
    }
}

/// Appends the UTF-8 of one UTF-16 unit (a surrogate pair's high half
/// waits in `high`).
fn push_unit(unit: u16, high: &mut Option<u16>, out: &mut Vec<u8>) -> io::Result<()> {
    let c = match (high.take(), unit) {
        (None, 0xD800..=0xDBFF) => {
            *high = Some(unit);
            return Ok(());
        }
        (Some(h), 0xDC00..=0xDFFF) => {
            let c = 0x10000 + ((u32::from(h) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
            char::from_u32(c).ok_or_else(not_text)?
        }
        (Some(_), _) | (None, 0xDC00..=0xDFFF) => return Err(not_text()),
        (None, unit) => char::from_u32(u32::from(unit)).ok_or_else(not_text)?,
    };
    if c.is_ascii() {
        out.push(c as u8);
    } else {
        let mut utf8 = [0; 4];
        out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
    }
    Ok(())
}

impl<R: Read> Read for Utf16<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos == self.out.len() && !self.refill()? {
            return Ok(0);
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads everything through a reader that hands out `step` bytes a call.
    fn through(bytes: &[u8], step: usize) -> (io::Result<String>, Encoding) {
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = buf.len().min(self.1).min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let bytes: &'static [u8] = Box::leak(bytes.to_vec().into_boxed_slice());
        let (mut reader, encoding) = open(Trickle(bytes, step)).unwrap();
        let mut text = String::new();
        (reader.read_to_string(&mut text).map(|_| text), encoding)
    }

    #[test]
    fn every_encoding_cut_anywhere() {
        let text = "Zürich 東京 𝄞 \"x\"\r\n";
        let utf16 = |unit: fn(u16) -> [u8; 2], mark: &[u8]| {
            let mut bytes = mark.to_vec();
            bytes.extend(text.encode_utf16().flat_map(unit));
            bytes
        };
        let mut utf8_bom = b"\xEF\xBB\xBF".to_vec();
        utf8_bom.extend_from_slice(text.as_bytes());
        for (bytes, encoding) in [
            (text.as_bytes().to_vec(), Encoding::Utf8),
            (utf8_bom, Encoding::Utf8Bom),
            (utf16(u16::to_le_bytes, b"\xFF\xFE"), Encoding::Utf16Le),
            (utf16(u16::to_be_bytes, b"\xFE\xFF"), Encoding::Utf16Be),
        ] {
            for step in [1, 2, 3, 5, 4096] {
                let (read, found) = through(&bytes, step);
                assert_eq!(found, encoding);
                assert_eq!(read.unwrap(), text, "{encoding:?} {step}");
            }
        }
    }

    #[test]
    fn not_text_is_an_error() {
        for bytes in [
            &b"ab\0c"[..],
            b"Z\xFCrich",
            b"ends inside \xE6\x9D",
            b"\xFF\xFE[\x00{",
            b"\xFF\xFE\x00\xD8a\x00",
            b"\xFF\xFE\x00\xDC",
            b"\xFF\xFE\x00\xD8",
        ] {
            for step in [1, 3, 4096] {
                let err = through(bytes, step).0.unwrap_err();
                assert!(is_not_text(&err), "{bytes:?}: {err}");
            }
        }
    }

    #[test]
    fn blank_start_skipped() {
        let (mut reader, _) = open(&b" \r\n\xEF\xBB\xBF\t[1]"[..]).unwrap();
        assert_eq!(skip_blank(&mut reader).unwrap(), Some(b'['));
        let (mut reader, _) = open(&b" \r\n"[..]).unwrap();
        assert_eq!(skip_blank(&mut reader).unwrap(), None);
    }
}
