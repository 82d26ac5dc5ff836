//! Standard output for every mode: a reader that goes away (`| head`) ends
//! the program quietly with status 0; any other failure to write (a full
//! disk) is reported, with status 74, never a panic or a silent success.
//!
//! Everything written passes through [`safe`]: a pasted response is
//! written by whoever answered, and its values (ids, codes, app names, a
//! description) must not drive the terminal (clear the screen, write the
//! clipboard with OSC 52, hide a link behind OSC 8, reorder a line with a
//! bidi override).

use std::borrow::Cow;
use std::io::{self, Write};

/// Writes to standard output, or ends the program as the module docs say.
pub(crate) fn write(args: std::fmt::Arguments<'_>) {
    let text = match args.as_str() {
        Some(text) => Cow::Borrowed(text),
        None => Cow::Owned(args.to_string()),
    };
    let mut out = io::stdout().lock();
    if let Err(err) = out.write_all(safe(&text).as_bytes()) {
        failed(&err);
    }
}

/// `text` with every character that can steer a terminal written as
/// `\uXXXX`: the C0 controls but line feed and tab, DEL, the C1 controls,
/// and the bidirectional formatting characters (U+061C, U+200E, U+200F,
/// U+202A to U+202E, U+2066 to U+2069). The notation is JSON's, so JSON
/// output stays valid (such characters only ever appear inside its
/// strings: serde_json escapes the C0 controls itself).
pub(crate) fn safe(text: &str) -> Cow<'_, str> {
    fn steers(c: char) -> bool {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }
    if !text.chars().any(steers) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // A CR LF line break (Entra's descriptions have them) is a line break.
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if steers(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Flushes standard output (what `write` leaves in its buffer).
pub(crate) fn flush() {
    if let Err(err) = io::stdout().lock().flush() {
        failed(&err);
    }
}

/// Ends the program after a failed write.
pub(crate) fn failed(err: &io::Error) -> ! {
    if err.kind() == io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("explain: cannot write the output: {err}");
    std::process::exit(74)
}

/// `println!` that never panics: see the module docs.
macro_rules! outln {
    () => {
        $crate::out::write(format_args!("\n"))
    };
    ($($arg:tt)*) => {{
        $crate::out::write(format_args!($($arg)*));
        $crate::out::write(format_args!("\n"));
    }};
}

/// `print!` that never panics: see the module docs.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::out::write(format_args!($($arg)*))
    };
}
