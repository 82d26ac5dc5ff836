//! Bounds on the inputs the parsers accept.

/// Size bounds applied before parsing; over a bound is
/// [`ParseError::TooLarge`](crate::ParseError::TooLarge).
///
/// The defaults are generous for real error responses (which are a few
/// hundred bytes) and small enough that hostile input cannot cost much.
///
/// # Examples
///
/// ```
/// use oauth_triage::{Limits, ParseError, TokenError};
///
/// let limits = Limits::default().with_max_body(16);
/// let err = TokenError::from_json_with(br#"{"error":"invalid_grant"}"#, &limits).unwrap_err();
/// assert_eq!(err, ParseError::TooLarge { len: 25, limit: 16 });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Largest JSON or form body, in bytes. Default 64 KiB.
    pub max_body: usize,
    /// Largest redirect URL, in bytes. Default 16 KiB.
    pub max_url: usize,
    /// Largest single header value, in bytes. Default 16 KiB.
    pub max_header: usize,
}

impl Limits {
    /// The default limits: 64 KiB bodies, 16 KiB URLs and header values.
    pub const DEFAULT: Self = Self {
        max_body: 64 * 1024,
        max_url: 16 * 1024,
        max_header: 16 * 1024,
    };
}

impl Limits {
    /// Sets [`Limits::max_body`].
    #[must_use]
    pub const fn with_max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// Sets [`Limits::max_url`].
    #[must_use]
    pub const fn with_max_url(mut self, bytes: usize) -> Self {
        self.max_url = bytes;
        self
    }

    /// Sets [`Limits::max_header`].
    #[must_use]
    pub const fn with_max_header(mut self, bytes: usize) -> Self {
        self.max_header = bytes;
        self
    }
}

/// [`ParseError::TooLarge`](crate::ParseError::TooLarge) when `len` is over `limit`.
pub(crate) fn check(len: usize, limit: usize) -> Result<(), crate::ParseError> {
    if len > limit {
        return Err(crate::ParseError::TooLarge { len, limit });
    }
    Ok(())
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}
