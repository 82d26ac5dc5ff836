//! Standard output for every mode: a reader that goes away (`| head`) ends
//! the program quietly with status 0; any other failure to write (a full
//! disk) is reported, with status 74, never a panic or a silent success.

use std::io::{self, Write};

/// Writes to standard output, or ends the program as the module docs say.
pub(crate) fn write(args: std::fmt::Arguments<'_>) {
    let mut out = io::stdout().lock();
    if let Err(err) = out.write_fmt(args) {
        failed(&err);
    }
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
