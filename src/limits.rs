//! Bounds on the inputs the parsers accept.

use crate::error::ParseError;

/// Bounds on what the parsers accept. Over a size bound is
/// [`ParseError::TooLarge`](crate::ParseError::TooLarge), over a count
/// [`ParseError::TooMany`](crate::ParseError::TooMany), too deep
/// [`ParseError::TooDeep`](crate::ParseError::TooDeep); the check happens
/// while parsing, so an over-limit input costs no more than the limit.
///
/// The defaults are generous for real error responses (which are a few
/// hundred bytes) and small enough that hostile input cannot cost much.
///
/// # Examples
///
/// Set the fields you want to change on [`Limits::DEFAULT`] (the struct
/// is `#[non_exhaustive]`, so that bounds can be added later), then give the
/// value to [`HttpResponse::limits`](crate::HttpResponse::limits) or
/// [`CallbackOptions::limits`](crate::CallbackOptions::limits), which apply
/// it before anything is read.
///
/// ```
/// use oauth_triage::{classify, Callback, HttpResponse, Limits, ParseError};
///
/// let mut limits = Limits::DEFAULT;
/// limits.max_body = 16;
/// let response = HttpResponse::new(400).limits(limits).body(br#"{"error":"invalid_grant"}"#);
/// assert_eq!(classify(&response).parse_error(), Some(&ParseError::TooLarge { len: 25, limit: 16 }));
///
/// // A public callback endpoint: shorter URLs, fewer parameters.
/// let mut limits = Limits::DEFAULT;
/// limits.max_url = 64;
/// limits.max_params = 4;
/// let url = "https://app.example/signin-oidc?error=login_required&state=Zx81&session_state=9a1c&x=1&y=2";
/// let read = Callback::options().limits(limits).from_redirect_uri(url);
/// assert_eq!(read.map(|_| ()), Err(ParseError::TooLarge { len: url.len(), limit: 64 }));
///
/// let nested = format!(r#"{{"error":"invalid_request","x":{}{}}}"#, "[".repeat(40), "]".repeat(40));
/// let response = HttpResponse::new(400).body(nested.as_bytes());
/// assert_eq!(classify(&response).parse_error(), Some(&ParseError::TooDeep { limit: 32 }));
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
    /// Most members in a JSON body, parameters in a redirect or form body,
    /// or parameters in one challenge. Default 256.
    pub max_params: usize,
    /// Most challenges in one response: every `WWW-Authenticate` value
    /// together (a header that would pass it adds none, and the problem is
    /// kept as the challenges' parse error). Default 16.
    pub max_challenges: usize,
    /// Deepest nesting of JSON arrays and objects in a body, counting the
    /// body's own object as 1. Default 32.
    pub max_depth: usize,
}

impl Limits {
    /// The default limits: 64 KiB bodies, 16 KiB URLs and header values,
    /// 256 parameters, 16 challenges, JSON nested 32 levels deep. The same
    /// as [`Limits::default`], usable in `const` items.
    ///
    /// ```
    /// use oauth_triage::Limits;
    ///
    /// // Tighter bounds for a public callback endpoint, fixed at compile time.
    /// const CALLBACK_LIMITS: Limits = {
    ///     let mut limits = Limits::DEFAULT;
    ///     limits.max_url = 4 * 1024;
    ///     limits.max_params = 32;
    ///     limits
    /// };
    /// assert_eq!(CALLBACK_LIMITS.max_url, 4096);
    /// assert_eq!(CALLBACK_LIMITS.max_body, Limits::default().max_body);
    /// ```
    pub const DEFAULT: Self = Self {
        max_body: 64 * 1024,
        max_url: 16 * 1024,
        max_header: 16 * 1024,
        max_params: 256,
        max_challenges: 16,
        max_depth: 32,
    };
}

/// [`ParseError::TooLarge`](crate::ParseError::TooLarge) when `len` is over `limit`.
pub(crate) fn check(len: usize, limit: usize) -> Result<(), ParseError> {
    if len > limit {
        return Err(ParseError::TooLarge { len, limit });
    }
    Ok(())
}

/// [`ParseError::TooMany`](crate::ParseError::TooMany) when `count` is over `limit`.
pub(crate) fn check_count(
    count: usize,
    limit: usize,
    what: &'static str,
) -> Result<(), ParseError> {
    if count > limit {
        return Err(ParseError::TooMany { what, limit });
    }
    Ok(())
}

/// How deeply the JSON text nests arrays and objects (0 for a scalar),
/// skipping over strings.
pub(crate) fn json_depth(json: &[u8]) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0, false, false);
    for &b in json {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}
