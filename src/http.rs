//! A whole HTTP response: status, the headers that matter, and the body.

use std::borrow::Cow;
use std::fmt;
use std::time::{Duration, SystemTime};

use crate::challenge::Challenges;
use crate::error::ParseError;
use crate::limits::Limits;
use crate::log_safe::{is_symbol, shown_if};
use crate::managed_identity::ManagedIdentitySource;
use crate::resource::ResourceError;
use crate::retry::{parse_http_date, RetryAfter, DEFAULT_MAX_RETRY_AFTER};
use crate::sniff::{body_shape, Shape};
use crate::surface::Surface;
use crate::token::TokenError;

/// An HTTP response around an error: the status, `Retry-After`, `DPoP-Nonce`,
/// `Date`, `WWW-Authenticate`, and the body, parsed as a token endpoint error
/// (JSON or form-encoded) or a REST API's error ([`ResourceError`]).
///
/// Build it from whatever HTTP client you use, then pass it to
/// [`classify`](crate::classify). A body that cannot be parsed (an HTML page
/// from a proxy, plain text, truncated JSON) does not stop classification: the
/// status and headers still decide (429 and 5xx → `retry`, otherwise `abort`),
/// and [`Classification::parse_error`](crate::Classification::parse_error)
/// keeps the reason.
///
/// The builder's calls may come in any order: [`HttpResponse::limits`]
/// and a `Content-Type` header apply to a body given before them too.
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
#[derive(Clone)]
pub struct HttpResponse<'a> {
    status: Option<u16>,
    /// The endpoint that answered, when the caller declared it.
    surface: Option<Surface>,
    /// The managed identity endpoint that answered, when the caller declared it.
    managed_identity: Option<ManagedIdentitySource>,
    /// A `WWW-Authenticate: Basic realm=...` challenge came (Azure Arc's
    /// handshake); only the fact is kept, not the realm.
    basic_realm: bool,
    retry_after: Option<RetryAfter>,
    /// `retry-after-ms`, in milliseconds.
    retry_after_ms: Option<Duration>,
    /// `x-ms-retry-after-ms`, in milliseconds.
    x_ms_retry_after_ms: Option<Duration>,
    date: Option<SystemTime>,
    dpop_nonce: Option<Cow<'a, str>>,
    challenges: Challenges<'a>,
    body: Body<'a>,
    limits: Limits,
    max_retry_after: Duration,
    /// The `Content-Type` said `application/x-www-form-urlencoded`.
    form_body: bool,
    /// The scheme the request sent its token with, when the caller said.
    sent_scheme: Option<&'a str>,
    /// The headers that matter, as given, and the body, as given: what
    /// [`HttpResponse::limits`] and a late `Content-Type` read again, so
    /// that the order of the builder's calls never changes the result.
    given_headers: Vec<(Header, Cow<'a, str>)>,
    given_body: Option<&'a [u8]>,
}

/// The headers an [`HttpResponse`] reads; the others are ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Header {
    RetryAfter,
    XMsRetryAfterMs,
    RetryAfterMs,
    Date,
    ContentType,
    DpopNonce,
    WwwAuthenticate,
}

impl Header {
    fn named(name: &str) -> Option<Self> {
        const NAMES: [(&str, Header); 7] = [
            ("retry-after", Header::RetryAfter),
            ("x-ms-retry-after-ms", Header::XMsRetryAfterMs),
            ("retry-after-ms", Header::RetryAfterMs),
            ("date", Header::Date),
            ("content-type", Header::ContentType),
            ("dpop-nonce", Header::DpopNonce),
            ("www-authenticate", Header::WwwAuthenticate),
        ];
        NAMES
            .iter()
            .find(|(known, _)| name.eq_ignore_ascii_case(known))
            .map(|&(_, header)| header)
    }
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
    /// A response with this status, no headers and no body. Add them with
    /// [`HttpResponse::header`] and [`HttpResponse::body`].
    ///
    /// ```
    /// use oauth_triage::{classify, Action, HttpResponse};
    ///
    /// // A gateway answered 503 with nothing else: the status alone decides.
    /// let response = HttpResponse::new(503);
    /// assert_eq!(classify(&response).action(), &Action::Retry { after: None });
    /// ```
    pub fn new(status: u16) -> Self {
        Self {
            status: Some(status),
            ..Self::without_status()
        }
    }

    /// A response whose status is not known (a body and headers kept in a
    /// log, say): the steps of [`classify`](crate::classify) that read the
    /// status are skipped, and [`Classification::status`](crate::Classification::status)
    /// is `None`. Also what [`HttpResponse::default`] gives.
    ///
    /// ```
    /// use oauth_triage::{classify, Action, HttpResponse};
    ///
    /// // A body and its Retry-After header, from a log that lost the status line.
    /// let response = HttpResponse::without_status()
    ///     .header("Retry-After", "30")
    ///     .body(br#"{"error":"temporarily_unavailable"}"#);
    /// let c = classify(&response);
    /// assert_eq!(c.status(), None);
    /// assert_eq!(c.action(), &Action::Retry { after: Some(std::time::Duration::from_secs(30)) });
    /// ```
    pub fn without_status() -> Self {
        Self {
            status: None,
            surface: None,
            managed_identity: None,
            basic_realm: false,
            retry_after: None,
            retry_after_ms: None,
            x_ms_retry_after_ms: None,
            date: None,
            dpop_nonce: None,
            challenges: Challenges::default(),
            body: Body::None,
            limits: Limits::DEFAULT,
            max_retry_after: DEFAULT_MAX_RETRY_AFTER,
            form_body: false,
            sent_scheme: None,
            given_headers: Vec::new(),
            given_body: None,
        }
    }

    /// Sets the size limits ([`Limits`]) that the headers and the body are
    /// read under, whether they were given before this call or after.
    ///
    /// ```
    /// use oauth_triage::{classify, HttpResponse, Limits, ParseError};
    ///
    /// let page = format!("{{\"error\":\"server_error\",\"padding\":\"{}\"}}", " ".repeat(2048));
    /// let mut limits = Limits::DEFAULT;
    /// limits.max_body = 1024;
    /// let response = HttpResponse::new(500).body(page.as_bytes()).limits(limits);
    /// assert_eq!(classify(&response).parse_error(), Some(&ParseError::TooLarge { len: page.len(), limit: 1024 }));
    /// ```
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        if limits != self.limits {
            self.limits = limits;
            self.read_again();
        }
        self
    }

    /// Reads what was given again, under the current limits.
    fn read_again(&mut self) {
        // What the caller gave is kept; everything read from it starts from
        // the defaults, so that no field read from a header is left over.
        let mut fresh = Self {
            status: self.status,
            surface: self.surface,
            managed_identity: self.managed_identity,
            limits: self.limits,
            max_retry_after: self.max_retry_after,
            sent_scheme: self.sent_scheme,
            given_body: self.given_body,
            ..Self::without_status()
        };
        if let Some(scheme) = fresh.sent_scheme {
            fresh.challenges = Challenges::default().sent_scheme(scheme);
        }
        let headers = std::mem::take(&mut self.given_headers);
        fresh.given_headers.reserve(headers.len());
        for (header, value) in headers {
            fresh.read_header(header, value);
        }
        if let Some(body) = fresh.given_body {
            fresh.read_body(body);
        }
        *self = fresh;
    }

    /// Sets the cap on a server-supplied delay (default
    /// [`DEFAULT_MAX_RETRY_AFTER`](crate::DEFAULT_MAX_RETRY_AFTER), one
    /// hour), applied when the delay is read, whatever the order of calls.
    ///
    /// ```
    /// use std::time::Duration;
    /// use oauth_triage::HttpResponse;
    ///
    /// let response = HttpResponse::new(429)
    ///     .max_retry_after(Duration::from_secs(300))
    ///     .header("Retry-After", "7200");
    /// assert_eq!(response.retry_after(), Some(Duration::from_secs(300)));
    /// ```
    #[must_use]
    pub fn max_retry_after(mut self, max: Duration) -> Self {
        self.max_retry_after = max;
        self
    }

    /// Records a response header. Names are matched case-insensitively;
    /// headers that play no part in classification are ignored, as are values
    /// over [`Limits::max_header`]. An unparseable `Retry-After` is ignored,
    /// so that the caller's own backoff applies.
    ///
    /// The value may be borrowed (`&str`) or owned (`String`): an owned
    /// `WWW-Authenticate` or `DPoP-Nonce` value is parsed and kept by the
    /// response, so that nothing has to outlive it.
    ///
    /// ```
    /// use std::time::Duration;
    /// use oauth_triage::HttpResponse;
    ///
    /// let response = HttpResponse::new(429)
    ///     .header("retry-after", "20")
    ///     .header("x-ms-request-id", "0f4c2bd2-5a31-4a8c-9f7e-2d1b6f0e7a11");
    /// assert_eq!(response.retry_after(), Some(Duration::from_secs(20)));
    /// ```
    ///
    /// ```
    /// use oauth_triage::{classify, Action, HttpResponse};
    ///
    /// // Header values copied out of a response that is about to be consumed.
    /// let challenge = String::from(r#"Bearer realm="", error="invalid_token""#);
    /// let response = HttpResponse::new(401).header("WWW-Authenticate", challenge);
    /// assert_eq!(classify(&response).action(), &Action::Renew);
    /// ```
    #[must_use]
    pub fn header(mut self, name: &str, value: impl Into<Cow<'a, str>>) -> Self {
        if let Some(header) = Header::named(name) {
            self.read_header(header, value.into());
        }
        self
    }

    /// Reads one header that matters, and keeps it as given.
    fn read_header(&mut self, header: Header, value: Cow<'a, str>) {
        if value.len() > self.limits.max_header {
            // Too large to read; a challenge that is lost so is recorded.
            if header == Header::WwwAuthenticate {
                self.challenges.record(ParseError::TooLarge {
                    len: value.len(),
                    limit: self.limits.max_header,
                });
            }
            self.given_headers.push((header, value));
            return;
        }
        // Trimmed once, borrowed or owned as it came.
        let is_ows = |c| c == ' ' || c == '\t';
        let value = match value {
            Cow::Borrowed(value) => Cow::Borrowed(value.trim_matches(is_ows)),
            Cow::Owned(value) if value.trim_matches(is_ows).len() == value.len() => {
                Cow::Owned(value)
            }
            Cow::Owned(value) => Cow::Owned(value.trim_matches(is_ows).to_owned()),
        };
        // An unreadable value is ignored: it never erases a readable one.
        match header {
            Header::RetryAfter => self.retry_after = RetryAfter::parse(&value).or(self.retry_after),
            Header::XMsRetryAfterMs => {
                self.x_ms_retry_after_ms = parse_millis(&value).or(self.x_ms_retry_after_ms);
            }
            Header::RetryAfterMs => {
                self.retry_after_ms = parse_millis(&value).or(self.retry_after_ms);
            }
            Header::Date => self.date = parse_http_date(&value).or(self.date),
            Header::ContentType => {
                let media_type = value.split(';').next().unwrap_or_default().trim();
                let form = media_type.eq_ignore_ascii_case("application/x-www-form-urlencoded");
                if form != self.form_body {
                    self.form_body = form;
                    // A body given before its `Content-Type` is read again.
                    if let Some(body) = self.given_body {
                        self.read_body(body);
                    }
                }
            }
            Header::DpopNonce => {
                if !value.is_empty() {
                    self.dpop_nonce = Some(value.clone());
                }
            }
            Header::WwwAuthenticate => {
                self.basic_realm |= is_basic_realm(&value);
                match &value {
                    Cow::Borrowed(value) => self.challenges.add_header_with(value, &self.limits),
                    Cow::Owned(value) => self.challenges.add_owned_header_with(value, &self.limits),
                }
            }
        }
        self.given_headers.push((header, value));
    }

    /// Names the scheme the request sent its token with (`Bearer` or
    /// `DPoP`), so that the challenge of that scheme is the one read (see
    /// [`Challenges::in_use`]).
    ///
    /// ```
    /// use oauth_triage::{classify, Action, HttpResponse};
    ///
    /// let offer = r#"Bearer error="invalid_token", DPoP error="use_dpop_nonce", algs="ES256""#;
    /// let response = HttpResponse::new(401)
    ///     .header("WWW-Authenticate", offer)
    ///     .header("DPoP-Nonce", "8cP1vX2-QmRz_7Lk")
    ///     .sent_scheme("DPoP");
    /// assert_eq!(classify(&response).action(), &Action::RetryWithNonce);
    /// ```
    #[must_use]
    pub fn sent_scheme(mut self, scheme: &'a str) -> Self {
        self.sent_scheme = Some(scheme);
        self.challenges = std::mem::take(&mut self.challenges).sent_scheme(scheme);
        self
    }

    /// Declares which endpoint answered: it wins over what the headers
    /// suggest. Without it a `Bearer` or `DPoP` challenge makes the
    /// response a protected resource's, and anything else the token
    /// endpoint's.
    ///
    /// - [`Surface::Token`]: a challenge never makes the answer a
    ///   resource's, so nothing renews (getting a token is what failed).
    ///   A token endpoint answers a failed client authentication with `401`
    ///   and a challenge for the scheme the client used
    ///   ([RFC 6749 §5.2](https://www.rfc-editor.org/rfc/rfc6749#section-5.2));
    ///   the body decides, and the challenge's `error` only when the body
    ///   has none.
    /// - [`Surface::Resource`]: the body's `error` is read as a resource's,
    ///   for servers that answer `401 {"error":"invalid_token"}` without a
    ///   challenge; a challenge's `error`, when there is one, comes first.
    /// - [`Surface::Authorize`]: the authorization endpoint answered the
    ///   browser directly (an error page, a `400`) rather than through a
    ///   redirect.
    ///
    /// When a challenge and the body both carry an `error`, the one that
    /// does not decide is kept too ([`Classification::other_error`](crate::Classification::other_error)),
    /// and so are the AADSTS codes of both.
    ///
    /// ```
    /// use oauth_triage::{classify, Action, HttpResponse, Surface};
    ///
    /// // A client-credentials request whose secret is wrong: Entra answers
    /// // 401 with a challenge for the client authentication scheme.
    /// let body = br#"{"error":"invalid_client","error_codes":[7000215]}"#;
    /// let response = HttpResponse::new(401)
    ///     .header("WWW-Authenticate", r#"Bearer error="invalid_token""#)
    ///     .body(body)
    ///     .surface(Surface::Token);
    /// let c = classify(&response);
    /// assert_eq!(c.action(), &Action::FixCredentials);
    /// assert_eq!(c.codes(), &[7000215]);
    ///
    /// // An API that answers without a challenge.
    /// let response = HttpResponse::new(401)
    ///     .body(br#"{"error":"invalid_token"}"#)
    ///     .surface(Surface::Resource);
    /// assert_eq!(classify(&response).action(), &Action::Renew);
    /// ```
    #[must_use]
    pub fn surface(mut self, surface: Surface) -> Self {
        self.surface = Some(surface);
        self
    }

    /// Declares that an Azure managed identity endpoint answered (IMDS, App
    /// Service, Azure Arc, Service Fabric, Cloud Shell), so that its own
    /// rules apply before the general ones; it declares the token endpoint
    /// too ([`Surface::Token`]). [`ManagedIdentitySource`] lists the rules
    /// and their sources.
    ///
    /// ```
    /// use oauth_triage::{classify, Action, HttpResponse, ManagedIdentitySource};
    ///
    /// // A 404 from IMDS: the endpoint is updating, or the identity was just
    /// // assigned and is not there yet. Elsewhere a 404 is no reason to retry.
    /// let imds = HttpResponse::new(404).managed_identity(ManagedIdentitySource::Imds);
    /// assert_eq!(classify(&imds).action(), &Action::Retry { after: None });
    /// assert_eq!(classify(&HttpResponse::new(404)).action(), &Action::Abort);
    ///
    /// // Azure Arc's handshake: read the key file the realm names, then ask again.
    /// let arc = HttpResponse::new(401)
    ///     .header("WWW-Authenticate", "Basic realm=/var/opt/azcmagent/tokens/4b1e7a5c.key")
    ///     .managed_identity(ManagedIdentitySource::AzureArc);
    /// assert_eq!(classify(&arc).action(), &Action::Renew);
    /// ```
    #[must_use]
    pub fn managed_identity(mut self, source: ManagedIdentitySource) -> Self {
        self.managed_identity = Some(source);
        self.surface = Some(Surface::Token);
        self
    }

    /// Parses the body as a token endpoint error ([`TokenError::from_json`]),
    /// or, when it is a REST API's error (an `error` object, Okta's
    /// `errorCode`, Salesforce's array), as a [`ResourceError`] (see
    /// [`Api`](crate::Api)). A form-encoded body
    /// ([`TokenError::from_form`]) is told by a `Content-Type` of
    /// `application/x-www-form-urlencoded` (given before the body or after),
    /// or by its shape (it starts with a parameter name and `=`).
    /// An empty body is no body. A body that cannot be parsed does not stop
    /// classification, which reports why
    /// ([`Classification::parse_error`](crate::Classification::parse_error)).
    ///
    /// ```
    /// use oauth_triage::{classify, Action, HttpResponse};
    ///
    /// // GitHub answers a bad code with HTTP 200 and a form, unless asked for JSON.
    /// let body = b"error=bad_verification_code&error_description=The+code+passed+is+incorrect+or+expired.&error_uri=https%3A%2F%2Fdocs.github.com";
    /// let response = HttpResponse::new(200)
    ///     .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
    ///     .body(body);
    /// assert_eq!(classify(&response).action(), &Action::Reauthenticate);
    ///
    /// // Its success comes the same way.
    /// let ok = HttpResponse::new(200).body(b"access_token=gho_16C7e42F292c6912E7710c838347Ae178B4a&scope=repo&token_type=bearer");
    /// assert_eq!(classify(&ok).action(), &Action::Success);
    /// ```
    ///
    /// ```
    /// use oauth_triage::{classify, Action, HttpResponse, ParseError};
    ///
    /// let graph = br#"{"error":{"code":"InvalidAuthenticationToken","message":"Access token is empty."}}"#;
    /// let response = HttpResponse::new(401).body(graph);
    /// assert_eq!(classify(&response).api_code(), Some("InvalidAuthenticationToken"));
    ///
    /// let proxy = HttpResponse::new(502).body(b"<html><body>Bad Gateway</body></html>");
    /// let c = classify(&proxy);
    /// assert_eq!(c.action(), &Action::Retry { after: None });
    /// assert_eq!(c.parse_error(), Some(&ParseError::Html));
    /// ```
    #[must_use]
    pub fn body(mut self, body: &'a [u8]) -> Self {
        self.given_body = Some(body);
        self.read_body(body);
        self
    }

    /// Parses the body under the current limits and `Content-Type`.
    fn read_body(&mut self, body: &'a [u8]) {
        let shape = body_shape(body);
        self.body = if shape == Shape::Empty {
            Body::None
        } else if self.form_body || shape == Shape::Form {
            match TokenError::from_form_with(body, &self.limits) {
                Ok(err) => Body::Token(err),
                Err(err) => Body::Unparsed(err),
            }
        } else if shape.is_api() {
            // An `error` object (Microsoft, Google, Meta, Dropbox), or an
            // API's own shape (Okta, FHIR, Salesforce's array).
            match ResourceError::from_json_with(body, &self.limits) {
                Ok(resource) => Body::Resource(resource),
                Err(err) => Body::Unparsed(err),
            }
        } else {
            match TokenError::from_json_with(body, &self.limits) {
                Ok(err) => Body::Token(err),
                Err(err) => Body::Unparsed(err),
            }
        };
    }

    /// The HTTP status, for the classifier.
    pub(crate) fn status(&self) -> Option<u16> {
        self.status
    }

    /// The delay to wait before sending the request again, as the server
    /// asked for it: `x-ms-retry-after-ms`, else `retry-after-ms` (both in
    /// milliseconds, which Azure services send and `azure_core` reads first,
    /// in this order), else `Retry-After` (delta-seconds or an HTTP-date,
    /// [RFC 9110 §10.2.3](https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3)).
    /// A date is measured from the response's `Date` header when there is
    /// one (the server's clock, not a skewed local one), else from now; a
    /// date in the past is no delay. Capped at
    /// [`HttpResponse::max_retry_after`]. An unreadable value is `None`, so
    /// that the caller's own backoff applies.
    ///
    /// It is what [`Classification::retry_after`](crate::Classification::retry_after)
    /// reports; the classification may add a floor the catalog sets.
    ///
    /// ```
    /// use std::time::Duration;
    /// use oauth_triage::HttpResponse;
    ///
    /// let response = HttpResponse::new(429)
    ///     .header("Retry-After", "2")
    ///     .header("retry-after-ms", "1500");
    /// assert_eq!(response.retry_after(), Some(Duration::from_millis(1500)));
    ///
    /// let response = HttpResponse::new(503)
    ///     .header("Date", "Tue, 14 May 2024 09:12:00 GMT")
    ///     .header("Retry-After", "Tue, 14 May 2024 09:12:45 GMT");
    /// assert_eq!(response.retry_after(), Some(Duration::from_secs(45)));
    ///
    /// let vague = HttpResponse::new(429).header("Retry-After", "in a while");
    /// assert_eq!(vague.retry_after(), None);
    /// ```
    pub fn retry_after(&self) -> Option<Duration> {
        let now = self.date.unwrap_or_else(SystemTime::now);
        self.x_ms_retry_after_ms
            .or(self.retry_after_ms)
            .map(RetryAfter::Delay)
            .or(self.retry_after)
            .map(|r| r.delay(now, self.max_retry_after))
    }

    /// The cap on a server's delay ([`HttpResponse::max_retry_after`]).
    pub(crate) fn retry_after_cap(&self) -> Duration {
        self.max_retry_after
    }

    /// The endpoint the caller declared with [`HttpResponse::surface`].
    pub(crate) fn declared_surface(&self) -> Option<Surface> {
        self.surface
    }

    /// The managed identity endpoint declared with
    /// [`HttpResponse::managed_identity`].
    pub(crate) fn managed_identity_source(&self) -> Option<ManagedIdentitySource> {
        self.managed_identity
    }

    /// A `WWW-Authenticate` header offered a `Basic` challenge with a
    /// `realm` (Azure Arc's key file handshake).
    pub(crate) fn has_basic_realm(&self) -> bool {
        self.basic_realm
    }

    /// The `DPoP-Nonce` header, verbatim: **raw server text**, to put in the
    /// `nonce` claim of the next DPoP proof.
    ///
    /// ```
    /// # use oauth_triage::HttpResponse;
    /// let response = HttpResponse::new(400)
    ///     .header("DPoP-Nonce", "8cP1vX2-QmRz_7Lk")
    ///     .body(br#"{"error":"use_dpop_nonce"}"#);
    /// assert_eq!(response.dpop_nonce(), Some("8cP1vX2-QmRz_7Lk"));
    /// ```
    pub fn dpop_nonce(&self) -> Option<&str> {
        self.dpop_nonce.as_deref()
    }

    /// The body, when it is a token endpoint error.
    ///
    /// ```
    /// # use oauth_triage::HttpResponse;
    /// let body = br#"{"error":"invalid_grant","error_codes":[70008],"trace_id":"2b6c1a9e-7d55-4c1f-9a3e-0e8f4b2d6c70"}"#;
    /// let response = HttpResponse::new(400).body(body);
    /// let trace_id = response.error_body().and_then(|e| e.trace_id());
    /// assert_eq!(trace_id, Some("2b6c1a9e-7d55-4c1f-9a3e-0e8f4b2d6c70"));
    /// ```
    pub fn error_body(&self) -> Option<&TokenError<'a>> {
        match &self.body {
            Body::Token(err) => Some(err),
            _ => None,
        }
    }

    /// The `WWW-Authenticate` challenges, from every such header, and why
    /// one could not be read ([`Challenges::parse_error`]).
    ///
    /// ```
    /// # use oauth_triage::HttpResponse;
    /// let response = HttpResponse::new(401)
    ///     .header("WWW-Authenticate", r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize""#)
    ///     .header("WWW-Authenticate", "Negotiate");
    /// assert_eq!(response.challenges().iter().count(), 2);
    /// assert_eq!(response.challenges().in_use().map(|c| c.scheme()), Some("Bearer"));
    /// ```
    pub fn challenges(&self) -> &Challenges<'a> {
        &self.challenges
    }

    /// The body, when it is a REST API's error (Microsoft Graph and
    /// Resource Manager, Google, Meta, Dropbox, Okta, Salesforce).
    ///
    /// ```
    /// # use oauth_triage::HttpResponse;
    /// let body = br#"{"error":{"code":"AuthorizationFailed","message":"The client does not have authorization to perform action 'Microsoft.Compute/virtualMachines/read'."}}"#;
    /// let response = HttpResponse::new(403).body(body);
    /// assert!(response.resource_error().is_some());
    /// assert!(response.error_body().is_none());
    /// ```
    pub fn resource_error(&self) -> Option<&ResourceError<'a>> {
        match &self.body {
            Body::Resource(err) => Some(err),
            _ => None,
        }
    }

    /// Why the body could not be parsed, for the classifier (which reports
    /// it as [`Classification::parse_error`](crate::Classification::parse_error)).
    pub(crate) fn parse_error(&self) -> Option<&ParseError> {
        match &self.body {
            Body::Unparsed(err) => Some(err),
            _ => None,
        }
    }
}

/// A delay in whole milliseconds (`retry-after-ms`, `x-ms-retry-after-ms`):
/// digits only, saturating; anything else is `None`, so that the next
/// header in line (or the caller's backoff) applies.
fn parse_millis(value: &str) -> Option<Duration> {
    crate::retry::parse_digits(value).map(Duration::from_millis)
}

/// Whether a `WWW-Authenticate` value is a `Basic` challenge with a
/// `realm` parameter first, as Azure Arc's identity endpoint sends it
/// (`Basic realm=C:\ProgramData\AzureConnectedMachineAgent\Tokens\<id>.key`,
/// unquoted, which RFC 9110's grammar does not allow and the challenge
/// parser refuses). Only the fact is kept: the realm is a local path.
fn is_basic_realm(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once([' ', '\t']) else {
        return false;
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    scheme.eq_ignore_ascii_case("basic")
        && rest
            .get(..6)
            .is_some_and(|name| name.eq_ignore_ascii_case("realm="))
}

/// Log-safe, so that a response can be logged whole (or end up in a log
/// through an error's `{:?}`), by the crate's
/// [log safety rules](crate#log-safety); the raw-text accessors listed
/// there are the way to read what `Debug` hides.
///
/// ```
/// use oauth_triage::HttpResponse;
///
/// let body = br#"{"error":"mfa_required","error_description":"Multifactor authentication required for jo@contoso.com","mfa_token":"Fe26.2**0ab3c4"}"#;
/// let response = HttpResponse::new(403).body(body);
/// let shown = format!("{response:?}");
/// assert!(shown.contains("MfaRequired"), "{shown}");
/// assert!(!shown.contains("jo@contoso.com") && !shown.contains("Fe26.2"), "{shown}");
/// ```
impl fmt::Debug for HttpResponse<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("HttpResponse");
        d.field("status", &self.status);
        if let Some(surface) = &self.surface {
            d.field("surface", surface);
        }
        if let Some(source) = &self.managed_identity {
            d.field("managed_identity", source);
        }
        if let Some(retry_after) = self.retry_after() {
            d.field("retry_after", &retry_after);
        }
        if let Some(date) = &self.date {
            d.field("date", date);
        }
        if let Some(nonce) = &self.dpop_nonce {
            d.field("dpop_nonce", &shown_if(nonce, is_symbol(nonce)));
        }
        if self.challenges.iter().next().is_some() || self.challenges.parse_error().is_some() {
            d.field("challenges", &self.challenges);
        }
        match &self.body {
            Body::None => {}
            Body::Token(err) => {
                d.field("body", err);
            }
            Body::Resource(err) => {
                d.field("body", err);
            }
            Body::Unparsed(err) => {
                d.field("parse_error", err);
            }
        }
        d.finish_non_exhaustive()
    }
}

impl Default for HttpResponse<'_> {
    /// A response whose status is not known, as [`HttpResponse::without_status`].
    fn default() -> Self {
        Self::without_status()
    }
}

#[cfg(feature = "http")]
impl<'a> HttpResponse<'a> {
    /// Reads a status, a header map and a collected body, borrowing all
    /// three: what reqwest, hyper and axum hand over, without rebuilding an
    /// [`http::Response`](::http::Response) or copying headers. Header
    /// values that are not UTF-8 are read as ISO-8859-1, each byte one
    /// character, as RFC 9110 §5.5 allows for such bytes (`obs-text`, which
    /// Java and IIS servers send in descriptions). Requires the `http`
    /// feature.
    ///
    /// reqwest's `bytes()` consumes the response, so take the status and the
    /// headers out of it first:
    ///
    /// ```ignore
    /// let status = resp.status();
    /// let headers = std::mem::take(resp.headers_mut());
    /// let body = resp.bytes().await?;
    /// let c = classify(HttpResponse::from_parts(status, &headers, &body));
    /// ```
    ///
    /// (That example is compiled and run against a real server in the
    /// project's interop tests.) With the `http` types alone:
    ///
    /// ```
    /// use http::{header, HeaderMap, HeaderValue, StatusCode};
    /// use oauth_triage::{classify, HttpResponse};
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert(header::RETRY_AFTER, HeaderValue::from_static("7"));
    /// let body = br#"{"error":"temporarily_unavailable"}"#;
    /// let response = HttpResponse::from_parts(StatusCode::TOO_MANY_REQUESTS, &headers, body);
    /// assert_eq!(classify(&response).retry_after(), Some(std::time::Duration::from_secs(7)));
    /// ```
    pub fn from_parts(
        status: ::http::StatusCode,
        headers: &'a ::http::HeaderMap,
        body: &'a [u8],
    ) -> Self {
        Self::new(status.as_u16()).headers(headers).body(body)
    }

    /// Records every header of an [`http::HeaderMap`](::http::HeaderMap), as
    /// [`HttpResponse::header`] does one by one. A value that is not UTF-8
    /// is read as ISO-8859-1, each byte one character, as RFC 9110 §5.5
    /// allows for such bytes (`obs-text`, which Java and IIS servers send in
    /// descriptions). Requires the `http` feature.
    ///
    pub(crate) fn headers(mut self, headers: &'a ::http::HeaderMap) -> Self {
        for (name, value) in headers {
            self = self.header(name.as_str(), header_text(value));
        }
        self
    }
}

/// Reads the status, the headers that matter and the body of an
/// [`http::Response`](::http::Response), as returned by hyper or axum.
/// Header values that are not UTF-8 are read as ISO-8859-1. With reqwest, whose body
/// must be collected first, use [`HttpResponse::from_parts`].
///
/// ```
/// use oauth_triage::{classify, Action, HttpResponse};
///
/// let response = http::Response::builder()
///     .status(401)
///     .header("WWW-Authenticate", r#"Bearer realm="", error="invalid_token""#)
///     .body(Vec::new())?;
/// // By value: the classification outlives the temporary response.
/// let c = classify(HttpResponse::from(&response));
/// assert_eq!(c.action(), &Action::Renew);
/// # Ok::<(), http::Error>(())
/// ```
#[cfg(feature = "http")]
impl<'a, B: AsRef<[u8]>> From<&'a ::http::Response<B>> for HttpResponse<'a> {
    fn from(response: &'a ::http::Response<B>) -> Self {
        Self::from_parts(
            response.status(),
            response.headers(),
            response.body().as_ref(),
        )
    }
}

/// Reads every `WWW-Authenticate` header of an [`http::HeaderMap`](::http::HeaderMap).
/// Values that are not UTF-8 are read as ISO-8859-1.
///
/// ```
/// use http::header::{HeaderMap, HeaderValue, WWW_AUTHENTICATE};
/// use oauth_triage::Challenges;
///
/// let mut headers = HeaderMap::new();
/// headers.append(WWW_AUTHENTICATE, HeaderValue::from_static(r#"Bearer realm="api""#));
/// headers.append(WWW_AUTHENTICATE, HeaderValue::from_static(r#"DPoP algs="ES256""#));
/// assert_eq!(Challenges::from(&headers).iter().len(), 2);
/// ```
#[cfg(feature = "http")]
impl<'a> From<&'a ::http::HeaderMap> for Challenges<'a> {
    fn from(headers: &'a ::http::HeaderMap) -> Self {
        let mut challenges = Challenges::default();
        for value in headers.get_all(::http::header::WWW_AUTHENTICATE) {
            match header_text(value) {
                Cow::Borrowed(value) => challenges.add_header_with(value, &Limits::DEFAULT),
                Cow::Owned(value) => challenges.add_owned_header_with(&value, &Limits::DEFAULT),
            }
        }
        challenges
    }
}

/// A header value as text: borrowed when it is UTF-8, else decoded as
/// ISO-8859-1, each byte the character of the same number (RFC 9110 §5.5:
/// `obs-text`; `http::HeaderValue` allows such bytes).
#[cfg(feature = "http")]
fn header_text(value: &::http::HeaderValue) -> Cow<'_, str> {
    match std::str::from_utf8(value.as_bytes()) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(value.as_bytes().iter().map(|&b| char::from(b)).collect()),
    }
}
