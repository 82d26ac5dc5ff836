//! What a log may show of a server's response: the rules that `Display`,
//! `Debug` and the `Serialize` of [`Classification`](crate::Classification)
//! follow, kept in one place.
//!
//! # What is shown
//!
//! Structured values that carry no personal data and no secret, when they
//! look like what they claim to be:
//!
//! - `error` and `suberror` values, API codes and member names when they are
//!   plain symbols ([`is_symbol`]): letters, digits, `_`, `.` and `-`, at
//!   most 64 bytes;
//! - trace and correlation ids when they look like ids ([`is_id`]);
//! - timestamps when they look like timestamps ([`is_timestamp`]);
//! - an `error_uri` when it is a plain link ([`is_link`]);
//! - AADSTS codes, HTTP statuses, and the `claims` request (structured: it
//!   names claims and policies, not people).
//!
//! Never shown: descriptions (free text, which can carry user names and
//! e-mail addresses, and which anyone can write into a redirect), the values
//! of members or parameters the crate does not model (`mfa_token`,
//! `device_code`, `access_token`, assertions arrive that way), and any of the
//! values above that do not look as they should.
//!
//! # Redaction
//!
//! `Display` and `Serialize` are one log line and one structured record:
//! they leave out what they may not show, or print `unrecognized` in place
//! of an `error` or `suberror` value ([`loggable`]).
//!
//! `Debug` names every member that is present and prints
//! `[redacted: N bytes]` in place of a value it may not show ([`Redacted`]),
//! N being the length in bytes of the text that the value's accessor returns
//! (the decoded description, the raw JSON of an unknown member). The marker
//! is not quoted: in `Debug` output a quoted string is always the value
//! itself. Every type that holds server text follows this form.
//!
//! The values themselves stay readable through the raw-text accessors
//! (`TokenError::description`, `TokenError::extra`, the `as_str` of `ErrorName` and `Suberror`,
//! ...), which is where a program that needs them reads them.

use std::borrow::Cow;
use std::fmt;

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

/// Whether `uri` is a plain `https` or `http` link, at most 256 bytes, of
/// letters, digits and `-._~:/?#&=%+,;`, with neither `@` nor `%40`: no
/// user part, no address, no spaces or quotes.
pub(crate) fn is_link(uri: &str) -> bool {
    (uri.starts_with("https://") || uri.starts_with("http://"))
        && uri.len() <= 256
        && uri
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~:/?#&=%+,;".contains(&b))
        && !uri.to_ascii_lowercase().contains("%40")
}

/// Whether `value` is one or more plain symbols separated by single spaces
/// (`scope="Mail.Send User.Read"`, `algs="ES256 PS256"`), at most 256 bytes.
pub(crate) fn is_symbol_list(value: &str) -> bool {
    value.len() <= 256 && value.split(' ').all(is_symbol)
}

/// Whether `claims` is a claims request as Entra and OpenID Connect write
/// them: a JSON object (decoded, when it came in base64), at most 8 KiB,
/// with no `@` (no address). It names claims and policies, not people, so
/// logs may show it; anything else is redacted.
pub(crate) fn is_claims_request(claims: &str) -> bool {
    claims.len() <= 8 * 1024
        && !claims.contains('@')
        && claims.trim_start().starts_with('{')
        && serde_json::from_str::<serde::de::IgnoredAny>(claims).is_ok()
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

/// `[redacted: N bytes]` in `Debug` output, in place of a value of N bytes
/// that logs may not show.
pub(crate) struct Redacted(pub(crate) usize);

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[redacted: {} bytes]", self.0)
    }
}

/// Members or parameters the crate does not model, in `Debug`: their names
/// when they are plain symbols, and the length of each value.
pub(crate) struct Unknown<'t, 'a>(pub(crate) &'t [(Cow<'a, str>, Cow<'a, str>)]);

impl fmt::Debug for Unknown<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(
                self.0
                    .iter()
                    .map(|(name, value)| (shown_if(name, is_symbol(name)), Redacted(value.len()))),
            )
            .finish()
    }
}

/// Text in `Debug` output: quoted when `shown`, else [`Redacted`].
pub(crate) fn shown_if(text: &str, shown: bool) -> Shown<'_> {
    if shown {
        Shown::Text(text)
    } else {
        Shown::Redacted(Redacted(text.len()))
    }
}

/// See [`shown_if`].
pub(crate) enum Shown<'a> {
    Text(&'a str),
    Redacted(Redacted),
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Text(text) => fmt::Debug::fmt(text, f),
            Self::Redacted(redacted) => fmt::Debug::fmt(redacted, f),
        }
    }
}

#[cfg(test)]
mod tests;
