//! Why an input could not be read as an OAuth error response.

/// Why an input could not be parsed as an OAuth error response.
///
/// Messages are lowercase, say what was found and what was expected, and never
/// echo server free text: at most a short, escaped excerpt of the input.
/// [`ParseError::kind`] gives a stable snake_case name for each variant (the
/// `parse_error` value printed by the `explain` example).
///
/// This enum may grow new variants in minor releases, so exhaustive matching is
/// not possible.
///
/// # Examples
///
/// ```
/// use oauth_triage::{ParseError, TokenError};
///
/// let err = TokenError::from_json(b"<html><body>Sign in</body></html>").unwrap_err();
/// assert_eq!(err, ParseError::Html);
/// assert_eq!(err.kind(), "html");
/// assert_eq!(err.to_string(), "found an HTML page where a JSON error body was expected");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The input is longer than the configured limit (see [`Limits`](crate::Limits)).
    #[error("input is {len} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Length of the input in bytes.
        len: usize,
        /// The limit that applied.
        limit: usize,
    },
    /// The input has more members, parameters or challenges than the
    /// configured limit (see [`Limits`](crate::Limits)).
    #[error("more than {limit} {what}")]
    TooMany {
        /// What there are too many of: `members`, `parameters` or `challenges`.
        what: &'static str,
        /// The limit that applied.
        limit: usize,
    },
    /// JSON nested deeper than the configured limit (see
    /// [`Limits::max_depth`](crate::Limits::max_depth)).
    #[error("JSON nested deeper than {limit} levels")]
    TooDeep {
        /// The limit that applied.
        limit: usize,
    },
    /// The input is empty or only white space.
    #[error("empty input where an error response was expected")]
    Empty,
    /// The input is an HTML (or XML) page, typically a proxy, captive portal or
    /// sign-in page served instead of the JSON error body.
    #[error("found an HTML page where a JSON error body was expected")]
    Html,
    /// The input does not start like JSON at all.
    #[error("not JSON: expected `{{` but found {found}")]
    NotJson {
        /// What the body starts with, named by its kind (`a letter`, `a
        /// digit`, `a control character`, `a non-ASCII byte`), or the
        /// character itself when it is ASCII punctuation: never the text,
        /// which can be a token (`access_token=gho_...`, or a bare token).
        found: String,
    },
    /// The input starts as JSON but ends before the value is complete.
    #[error(
        "truncated JSON: input ends at line {line} column {column} before the object is complete"
    )]
    Truncated {
        /// One-based line where the input ended.
        line: usize,
        /// One-based column where the input ended.
        column: usize,
    },
    /// The input starts as JSON but is not valid JSON.
    #[error("invalid JSON at line {line} column {column}: {reason}")]
    InvalidJson {
        /// One-based line of the problem.
        line: usize,
        /// One-based column of the problem.
        column: usize,
        /// What the JSON parser expected (its own wording, no input text).
        reason: String,
    },
    /// The input is valid JSON but not an object.
    #[error("expected a JSON object, found {found}")]
    NotObject {
        /// The JSON type found, such as `an array`.
        found: &'static str,
    },
    /// The body is a successful response (it carries `access_token`, or a
    /// redirect carries `code`), not an error.
    #[error("the response is a success, not an error")]
    Success,
    /// The object has no `error` member; for a callback, it has
    /// parameters but neither an `error` nor a `code` or token.
    #[error("no `error` member in the error response")]
    MissingError,
    /// The callback carries no parameters at all: a redirect URI without
    /// a query or a fragment (or with only empty values, which RFC 6749
    /// §3.1 reads as omitted), or no pairs. Usually a page reached
    /// directly, not an answer of the authorization server.
    #[error("the callback carries no parameters: no `code`, no `error`, no `state`")]
    NoParameters,
    /// A member has the wrong JSON type.
    #[error("`{field}` is {found}, expected {expected}")]
    WrongType {
        /// The member's name.
        field: &'static str,
        /// The JSON type found, such as `a number`.
        found: &'static str,
        /// What was expected, such as `a string`.
        expected: &'static str,
    },
    /// The `error` value is empty or has characters outside RFC 6749's
    /// `NQSCHAR` set (printable ASCII except `"` and `\`;
    /// [RFC 6749 Appendix A.7](https://www.rfc-editor.org/rfc/rfc6749#appendix-A.7)).
    #[error("`error` value {found} has characters outside RFC 6749's set (printable ASCII except `\"` and `\\`)")]
    InvalidErrorValue {
        /// A short, escaped excerpt of the value.
        found: String,
    },
    /// A member or parameter appears more than once. In a redirect this is a
    /// sign of parameter injection, so the whole response is rejected.
    #[error("{name} appears more than once")]
    Duplicate {
        /// The member or parameter name, quoted, escaped and shortened.
        name: String,
    },
    /// A percent-escape in a redirect URL or form body is malformed, or the
    /// decoded bytes are not UTF-8.
    #[error("bad percent-encoding at byte {offset}: {reason}")]
    BadPercentEncoding {
        /// Byte offset of the escape (or of the value) in the input.
        offset: usize,
        /// What is wrong, such as "`%` is not followed by two hex digits".
        reason: &'static str,
    },
    /// The body is the error of a REST API or a vendor's own sign-in API,
    /// not an OAuth error response, and this crate cannot read its meaning:
    /// `shape` names it. The shapes whose meaning is clear are read as a
    /// [`ResourceError`](crate::ResourceError) instead (see
    /// [`Api`](crate::Api)).
    ///
    /// | `shape` | members | sent by |
    /// |---|---|---|
    /// | `okta` | `errorCode`, `errorSummary` | Okta's management and authentication APIs (read by `ResourceError`) |
    /// | `aws-json` | `__type`, `message` | Amazon Cognito's user pool API |
    /// | `github-rest` | `message`, `documentation_url` | GitHub's REST API |
    /// | `errors-array` | `errors: [...]` | X (API v1.1), Strava, Fitbit |
    /// | `problem-details` | `type`, `title`, `status`, `detail` | RFC 9457 problem details (X API v2) |
    /// | `auth0-dbconnections` | `code`, `description`, `name` | Auth0's database-connection endpoints |
    /// | `forgerock-crest` | `code`, `reason`, `message` | ForgeRock AM, PingAM |
    /// | `linkedin-rest` | `serviceErrorCode`, `message` | LinkedIn's REST API |
    /// | `wso2-fault` | `fault` | WSO2 API Manager |
    /// | `yahoo` | `lang`, `description` | Yahoo's APIs |
    /// | `code-message` | `code`, `message` | Zoom's, Discord's and Atlassian's APIs (numeric `code`: read by `ResourceError`, decided with the provider named); PingOne's (string `code`: not read) |
    /// | `status-message` | `status`, `message` that is not a known value | Twitch's token endpoint |
    /// | `http-reason-phrase` | `error` holding an HTTP reason phrase (`Unauthorized`), `message`, `statusCode` or `status` | Auth0's Management API (Boom), Twitch's Helix API |
    /// | `numeric-error` | `error` holding a number (the HTTP status again), `message` | Reddit |
    /// | `error-sentence` | `error` holding a sentence (words and spaces), not a value | Mastodon's API, EVE Online's ESI |
    /// | `docusign` | `errorCode`, `message` | DocuSign's eSignature API (read by `ResourceError`) |
    /// | `fhir-operation-outcome` | `resourceType`, `issue` | FHIR servers: Epic, Cerner (read by `ResourceError`) |
    /// | `intuit-fault` | `Fault` (or `fault` and `time`) | Intuit's QuickBooks API |
    /// | `naver-resultcode` | `resultcode`, `message` | Naver Login's profile API (`/v1/nid/me`) |
    /// | `kakao-api` | `code`, `msg` | Kakao's APIs (read by `ResourceError`) |
    /// | `error-code` | `error_code` without `error` | APIs that number their errors |
    /// | `drf-detail` | `detail` alone | Django REST framework APIs (authentik) |
    /// | `grpc-status` | `code`, `message`, `details` | gRPC gateways: ZITADEL (read by `ResourceError`) |
    #[error("found a body of another shape ({shape}), not an OAuth error response")]
    UnsupportedShape {
        /// The shape's name, from the table above.
        shape: &'static str,
    },
    /// The authorization response carries both `code` and `error`: no
    /// server answers so, and there is no telling which one to believe.
    #[error("the authorization response carries both `code` and `error`")]
    CodeWithError,
    /// The authorization response is a JWT-secured response (JARM, a single
    /// `response` parameter): verify and decode the JWT first.
    #[error("the response is a JWT (JARM); verify and decode it before reading the error")]
    Jwt,
    /// A `WWW-Authenticate` value does not follow
    /// [RFC 9110 §11](https://www.rfc-editor.org/rfc/rfc9110#section-11) where
    /// that would make its meaning ambiguous.
    #[error("invalid challenge at byte {offset}: expected {expected}, found {found}")]
    InvalidChallenge {
        /// Byte offset of the problem in the header value.
        offset: usize,
        /// What the grammar expected there, such as "`=` after a parameter name".
        expected: &'static str,
        /// A short, escaped excerpt of what was found, or "the end of the input".
        found: String,
    },
}

impl ParseError {
    /// A stable snake_case name for the kind of problem, such as `truncated`.
    ///
    /// ```
    /// # use oauth_triage::TokenError;
    /// let err = TokenError::from_json(br#"{"error":"invalid_grant","#).unwrap_err();
    /// assert_eq!(err.kind(), "truncated");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Self::TooLarge { .. } => "too_large",
            Self::TooMany { .. } => "too_many",
            Self::TooDeep { .. } => "too_deep",
            Self::Empty => "empty",
            Self::Html => "html",
            Self::NotJson { .. } => "not_json",
            Self::Truncated { .. } => "truncated",
            Self::InvalidJson { .. } => "invalid_json",
            Self::NotObject { .. } => "not_object",
            Self::Success => "success",
            Self::MissingError => "missing_error",
            Self::NoParameters => "no_parameters",
            Self::WrongType { .. } => "wrong_type",
            Self::InvalidErrorValue { .. } => "invalid_error_value",
            Self::Duplicate { .. } => "duplicate",
            Self::BadPercentEncoding { .. } => "bad_percent_encoding",
            Self::UnsupportedShape { .. } => "unsupported_shape",
            Self::CodeWithError => "code_with_error",
            Self::Jwt => "jwt",
            Self::InvalidChallenge { .. } => "invalid_challenge",
        }
    }
}

/// The kind of a byte a body starts with, for [`ParseError::NotJson`]:
/// nothing of the text, which can be a secret.
pub(crate) fn byte_class(byte: u8) -> String {
    match byte {
        b'a'..=b'z' | b'A'..=b'Z' => "a letter".to_owned(),
        b'0'..=b'9' => "a digit".to_owned(),
        0x80..=0xFF => "a non-ASCII byte".to_owned(),
        b if b.is_ascii_punctuation() => format!("`{}`", char::from(b)),
        _ => "a control character".to_owned(),
    }
}

/// Longest excerpt of input text quoted in an error message, in characters.
const EXCERPT_CHARS: usize = 24;

/// A short, quoted, escaped excerpt of `text`, safe for one-line logs: at
/// most [`EXCERPT_CHARS`] characters, control characters escaped, and any
/// word holding an `@` (an e-mail address, or the start of one) replaced by
/// `[email]`.
pub(crate) fn excerpt(text: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = text.chars();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.contains('@') {
            out.push_str("[email]");
        } else {
            for c in word.chars() {
                out.extend(c.escape_debug());
            }
        }
        word.clear();
    };
    for c in chars.by_ref().take(EXCERPT_CHARS) {
        if c.is_whitespace() {
            flush(&mut word, &mut out);
            out.extend(c.escape_debug());
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out.push('"');
    if chars.next().is_some() {
        out.push_str("...");
    }
    out
}

#[cfg(test)]
mod tests;
