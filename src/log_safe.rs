//! What a log may show of a server's response: the rules that `Display`
//! and the `Serialize` of [`Classification`](crate::Classification) follow,
//! kept in one place.
//!
//! # What is shown
//!
//! Structured values that carry no personal data and no secret, when they
//! look like what they claim to be:
//!
//! - `error` and `suberror` values and API codes when they are plain
//!   symbols ([`is_symbol`]): letters, digits, `_`, `.` and `-`, at most 64
//!   bytes;
//! - trace and correlation ids when they look like ids ([`is_id`]);
//! - timestamps when they look like timestamps ([`is_timestamp`]);
//! - AADSTS codes and HTTP statuses.
//!
//! Never shown: descriptions (free text, which can carry user names and
//! e-mail addresses, and which anyone can write into a redirect), the values
//! of members or parameters the crate does not model, and any of the values
//! above that do not look as they should.
//!
//! `Display` and `Serialize` are one log line and one structured record:
//! they leave out what they may not show, or print `unrecognized` in place
//! of an `error` or `suberror` value ([`loggable`]).

/// Whether `id` looks like an identifier (hex digits and dashes), so that it
/// is safe to log.
pub(crate) fn is_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
}

/// Whether `code` looks like a symbolic name (letters, digits, `_`, `.`,
/// `-`), so that it is safe to log: no spaces, no `@`, no free text.
pub(crate) fn is_symbol(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 64
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

/// Whether `timestamp` looks like a timestamp (digits, separators, `T`, `Z`).
pub(crate) fn is_timestamp(timestamp: &str) -> bool {
    !timestamp.is_empty()
        && timestamp.len() <= 40
        && timestamp
            .bytes()
            .all(|b| b.is_ascii_digit() || b" -:.+TZ".contains(&b))
}

/// A value as logs may show it: itself when it looks like a symbol, else
/// `unrecognized`.
pub(crate) fn loggable(value: &str) -> &str {
    if is_symbol(value) {
        value
    } else {
        "unrecognized"
    }
}

#[cfg(test)]
mod tests {
    use super::{is_id, is_symbol, is_timestamp, loggable};

    #[test]
    fn what_looks_like_what() {
        assert!(is_id("5c8ce2fc-1720-45c1-899a-0a6d0e965600"));
        assert!(!is_id("user@example.com"));
        assert!(!is_id(""));
        assert!(is_symbol("basic_action"));
        assert!(!is_symbol("bad value"));
        assert!(is_timestamp("2024-05-02 11:42:13Z"));
        assert!(!is_timestamp("yesterday"));
        assert_eq!(loggable("mfa_required"), "mfa_required");
        assert_eq!(loggable("jo@example.com"), "unrecognized");
    }
}
