//! A whole HTTP response: status, the headers that matter, and the body.

use std::borrow::Cow;
use std::time::{Duration, SystemTime};

use crate::classify::Signals;
use crate::retry::{parse_http_date, DEFAULT_MAX_RETRY_AFTER};
use crate::{Challenges, Limits, ParseError, ResourceError, RetryAfter, Surface, TokenError};

/// An HTTP response around an error: the status, `Retry-After`, `DPoP-Nonce`,
/// `Date`, `WWW-Authenticate`, and the body, parsed as a token endpoint error
/// or a Microsoft Graph / Azure Resource Manager error.
///
/// Build it from whatever HTTP client you use, then pass it to
/// [`classify`](crate::classify). A body that cannot be parsed (an HTML page
/// from a proxy, plain text, truncated JSON) does not stop classification: the
/// status and headers still decide (429 and 5xx → `retry`, otherwise `abort`),
/// and [`Classification::parse_error`](crate::Classification::parse_error)
/// keeps the reason.
///
/// Call [`HttpResponse::limits`] and [`HttpResponse::max_retry_after`] before
/// [`HttpResponse::body`] and [`HttpResponse::header`], which apply them.
///
/// # Examples
///
/// ```
/// use oauth_triage::{classify, Action, HttpResponse};
///
/// let body = br#"{"error":"temporarily_unavailable","error_codes":[50196]}"#;
/// let response = HttpResponse::new(503)
///     .header("Retry-After", "120")
///     .body(body);
/// let c = classify(&response);
/// assert_eq!(c.action(), &Action::Retry { after: Some(std::time::Duration::from_secs(120)) });
/// assert_eq!(c.codes(), &[50196]);
/// ```
#[derive(Clone, Debug)]
pub struct HttpResponse<'a> {
    status: u16,
    retry_after: Option<RetryAfter>,
    date: Option<SystemTime>,
    dpop_nonce: Option<Cow<'a, str>>,
    challenges: Challenges<'a>,
    body: Body<'a>,
    limits: Limits,
    max_retry_after: Duration,
}

// Parsed once per response and kept inline: boxing the token error would
// cost an allocation for every body.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
enum Body<'a> {
    None,
    Token(TokenError<'a>),
    Resource(ResourceError<'a>),
    Unparsed(ParseError),
}

impl<'a> HttpResponse<'a> {
    /// A response with this status, no headers and no body.
    pub fn new(status: u16) -> Self {
        Self {
            status,
            retry_after: None,
            date: None,
            dpop_nonce: None,
            challenges: Challenges::new(),
            body: Body::None,
            limits: Limits::DEFAULT,
            max_retry_after: DEFAULT_MAX_RETRY_AFTER,
        }
    }

    /// Sets the size limits used by later calls.
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Sets the cap on a server-supplied `Retry-After` delay (default one hour).
    #[must_use]
    pub fn max_retry_after(mut self, max: Duration) -> Self {
        self.max_retry_after = max;
        self
    }

    /// Records a response header. Names are matched case-insensitively;
    /// headers that play no part in classification are ignored, as are values
    /// over [`Limits::max_header`]. An unparseable `Retry-After` is ignored,
    /// so that the caller's own backoff applies.
    #[must_use]
    pub fn header(mut self, name: &str, value: &'a str) -> Self {
        if value.len() > self.limits.max_header {
            return self;
        }
        let value = value.trim_matches(|c| c == ' ' || c == '\t');
        if name.eq_ignore_ascii_case("retry-after") {
            self.retry_after = RetryAfter::parse(value);
        } else if name.eq_ignore_ascii_case("date") {
            self.date = parse_http_date(value);
        } else if name.eq_ignore_ascii_case("dpop-nonce") && !value.is_empty() {
            self.dpop_nonce = Some(Cow::Borrowed(value));
        } else if name.eq_ignore_ascii_case("www-authenticate") {
            self.challenges.add_header_with(value, &self.limits);
        }
        self
    }

    /// Names the scheme the request sent its token with (`Bearer` or
    /// `DPoP`), so that the challenge of that scheme is the one read (see
    /// [`Challenges::in_use`]).
    #[must_use]
    pub fn used_scheme(mut self, scheme: &'a str) -> Self {
        self.challenges = self.challenges.used_scheme(scheme);
        self
    }

    /// Parses the body as a token endpoint error ([`TokenError::from_json_with`]),
    /// or, when its `error` is an object, as a Microsoft Graph / Azure
    /// Resource Manager error ([`ResourceError`]). An empty body is no body.
    #[must_use]
    pub fn body(mut self, body: &'a [u8]) -> Self {
        self.body = if body.iter().all(u8::is_ascii_whitespace) {
            Body::None
        } else {
            match TokenError::from_json_with(body, &self.limits) {
                Ok(err) => Body::Token(err),
                Err(ParseError::WrongType {
                    field: "error",
                    found: "an object",
                    ..
                }) => match ResourceError::from_json_with(body, &self.limits) {
                    Ok(err) => Body::Resource(err),
                    Err(err) => Body::Unparsed(err),
                },
                Err(err) => Body::Unparsed(err),
            }
        };
        self
    }

    /// Uses an already parsed token error as the body.
    #[must_use]
    pub fn token_error(mut self, err: TokenError<'a>) -> Self {
        self.body = Body::Token(err);
        self
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The parsed `Retry-After` header.
    pub fn retry_after(&self) -> Option<RetryAfter> {
        self.retry_after
    }

    /// The `DPoP-Nonce` header.
    pub fn dpop_nonce(&self) -> Option<&str> {
        self.dpop_nonce.as_deref()
    }

    /// The parsed token error body.
    pub fn error_body(&self) -> Option<&TokenError<'a>> {
        match &self.body {
            Body::Token(err) => Some(err),
            _ => None,
        }
    }

    /// The `WWW-Authenticate` challenges.
    pub fn challenges(&self) -> &Challenges<'a> {
        &self.challenges
    }

    /// The parsed Microsoft Graph / Azure Resource Manager error body.
    pub fn resource_error(&self) -> Option<&ResourceError<'a>> {
        match &self.body {
            Body::Resource(err) => Some(err),
            _ => None,
        }
    }

    /// Why the body could not be parsed.
    pub fn parse_error(&self) -> Option<&ParseError> {
        match &self.body {
            Body::Unparsed(err) => Some(err),
            _ => None,
        }
    }

    /// Why a `WWW-Authenticate` header could not be parsed (the first one
    /// that could not).
    pub fn challenge_error(&self) -> Option<&ParseError> {
        self.challenges.parse_error()
    }

    /// The `Retry-After` delay, measured from the response's `Date` header
    /// when present (avoiding local clock skew), else from now; capped.
    pub fn retry_delay(&self) -> Option<Duration> {
        let now = self.date.unwrap_or_else(SystemTime::now);
        self.retry_after.map(|r| r.delay(now, self.max_retry_after))
    }

    pub(crate) fn signals(&self) -> Signals<'_> {
        let mut signals = match &self.body {
            Body::Token(err) => Signals::token(err),
            Body::Resource(err) => Signals::resource(err),
            Body::None | Body::Unparsed(_) => Signals::new(Surface::Token),
        };
        // A Bearer or DPoP challenge makes this a resource's answer; when it
        // carries an `error`, that error (not the body's) decides.
        let challenge = Signals::challenge(&self.challenges);
        if challenge.challenge {
            signals.surface = Surface::Resource;
            signals.challenge = true;
            if challenge.error.is_some() {
                signals.error = challenge.error;
                signals.suberror = None;
                signals.step_up = challenge.step_up;
                signals.codes = challenge.codes;
            }
        }
        signals.status = Some(self.status);
        signals.retry_after = self.retry_delay();
        signals.dpop_nonce = self.dpop_nonce.is_some();
        signals.parse_error = self.parse_error().or(self.challenge_error());
        signals
    }
}

/// Reads the status, the headers that matter and the body of an
/// [`http::Response`](::http::Response), as returned by hyper, or built from
/// reqwest's parts. Header values that are not UTF-8 are skipped.
///
/// ```
/// use oauth_triage::{classify, Action, HttpResponse};
///
/// let response = http::Response::builder()
///     .status(401)
///     .header("WWW-Authenticate", r#"Bearer realm="", error="invalid_token""#)
///     .body(Vec::new())?;
/// assert_eq!(classify(&HttpResponse::from(&response)).action(), &Action::Renew);
/// # Ok::<(), http::Error>(())
/// ```
#[cfg(feature = "http")]
impl<'a, B: AsRef<[u8]>> From<&'a ::http::Response<B>> for HttpResponse<'a> {
    fn from(response: &'a ::http::Response<B>) -> Self {
        let mut out = HttpResponse::new(response.status().as_u16());
        for (name, value) in response.headers() {
            if let Ok(value) = std::str::from_utf8(value.as_bytes()) {
                out = out.header(name.as_str(), value);
            }
        }
        out.body(response.body().as_ref())
    }
}

/// Reads every `WWW-Authenticate` header of an [`http::HeaderMap`](::http::HeaderMap).
/// Values that are not UTF-8 are skipped.
///
/// ```
/// use http::header::{HeaderMap, HeaderValue, WWW_AUTHENTICATE};
/// use oauth_triage::Challenges;
///
/// let mut headers = HeaderMap::new();
/// headers.append(WWW_AUTHENTICATE, HeaderValue::from_static(r#"Bearer realm="api""#));
/// headers.append(WWW_AUTHENTICATE, HeaderValue::from_static(r#"DPoP algs="ES256""#));
/// assert_eq!(Challenges::from(&headers).len(), 2);
/// ```
#[cfg(feature = "http")]
impl<'a> From<&'a ::http::HeaderMap> for Challenges<'a> {
    fn from(headers: &'a ::http::HeaderMap) -> Self {
        let mut challenges = Challenges::new();
        for value in headers.get_all(::http::header::WWW_AUTHENTICATE) {
            if let Ok(value) = std::str::from_utf8(value.as_bytes()) {
                challenges.add_header(value);
            }
        }
        challenges
    }
}
