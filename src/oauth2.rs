//! The seams with the [`oauth2`](::oauth2) crate (version 5), and so with
//! `openidconnect`, which builds on it. Requires the `oauth2` feature.
//!
//! Three ways in:
//!
//! 1. **Keep the HTTP client's error responses whole: wrap it in
//!    [`KeepResponses`]** (the way to choose when you can). oauth2 reads
//!    only the body of an error response and drops its status and headers,
//!    so a 429's `Retry-After`, a 5xx with an HTML page, an empty 429, a
//!    `WWW-Authenticate` or a `DPoP-Nonce` are lost before any error type
//!    sees them. The wrapper hands every error response back whole, as
//!    `RequestTokenError::Request(`[`HttpError`]`)`, and `classify` reads it
//!    as an [`HttpResponse`]: the status, the headers and every member of
//!    the body count. The client's own error type then never sees an error
//!    response, so oauth2's `BasicClient` does. Read the body's members
//!    (`trace_id`, the claims request) through [`HttpError::response`]
//!    and `HttpResponse::from`.
//! 2. **Give the client [`TokenError<'static>`](crate::TokenError) as its
//!    error type** ([`TokenErrorClient`]) when the HTTP client cannot be
//!    wrapped: every member of an Entra body (`error_codes`, `suberror`,
//!    `claims`, the ids, unknown members) reaches
//!    [`RequestTokenError::ServerResponse`](::oauth2::RequestTokenError::ServerResponse),
//!    so a step-up keeps its claims request; the status and headers are
//!    still lost.
//! 3. **Keep the client as it is** and classify what it returns:
//!    [`classify`](crate::classify) takes `&oauth2::RequestTokenError<RE, TE>`
//!    for the stock error types ([`BasicErrorResponse`](::oauth2::basic::BasicErrorResponse),
//!    [`DeviceCodeErrorResponse`](::oauth2::DeviceCodeErrorResponse),
//!    openidconnect's `CoreErrorResponse`…: any
//!    [`StandardErrorResponse<T>`](::oauth2::StandardErrorResponse) whose `T`
//!    is `AsRef<str>`). These keep `error` and `error_uri`, whose Microsoft
//!    AADSTS code counts (and the description, which is never read). **A
//!    step-up is lost**: without `suberror` and `claims` Entra's demand for
//!    MFA reads as `reauthenticate`, and a sign-in without the claims is
//!    refused again. A 429 or 5xx whose body is not JSON is `abort`.
//!
//! oauth2's own `Debug` of a `RequestTokenError::Parse` prints the body it
//! kept, bytes and all: log `classify(&err)` (or its `Display`), not `{:?}`
//! of the oauth2 error.
//!
//! What `classify` makes of each [`RequestTokenError`](::oauth2::RequestTokenError):
//!
//! | variant | classified as |
//! |---|---|
//! | `ServerResponse(err)` | the error body: `TokenError` as parsed, a `StandardErrorResponse` from its three members |
//! | `Request(err)`, `err` an [`HttpError`] holding a response | that whole response (status, headers, body) |
//! | `Request(err)`, any other transport failure | `retry`, decided by `transport` (no answer came; bound your retries, as a local failure such as a bad URL looks the same) |
//! | `Parse(_, body)` | the body oauth2 kept: an error it could not parse into `TE` is classified, an HTML page or other unreadable body is `abort` with its [`ParseError`](crate::ParseError) |
//! | `Other(_)` | `abort`, decided by `fallback` (oauth2 uses it for an empty error body and for an unexpected content type; its text is not read) |
//!
//! # Examples
//!
//! oauth2's `BasicClient` over an HTTP client that keeps error responses
//! whole. The HTTP client here is a closure with a canned answer; with
//! reqwest, wrap the `reqwest::Client` instead (see
//! `examples/oauth2_client.rs` and the interop tests).
//!
//! ```
//! use oauth2::basic::BasicClient;
//! use oauth2::{AuthUrl, ClientId, RefreshToken, TokenUrl};
//! use oauth_triage::oauth2::KeepResponses;
//! use oauth_triage::{classify, Action};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let client = BasicClient::new(ClientId::new("3f1a6b0e-1d2c-4e5f-8a9b-0c1d2e3f4a5b".into()))
//!     .set_auth_uri(AuthUrl::new("https://login.microsoftonline.com/contoso/oauth2/v2.0/authorize".into())?)
//!     .set_token_uri(TokenUrl::new("https://login.microsoftonline.com/contoso/oauth2/v2.0/token".into())?);
//!
//! // Entra throttles the token request.
//! let http = KeepResponses::new(|_request: oauth2::HttpRequest| {
//!     http::Response::builder()
//!         .status(429)
//!         .header("Retry-After", "7")
//!         .body(br#"{"error":"temporarily_unavailable","error_codes":[50196]}"#.to_vec())
//! });
//! let err = client
//!     .exchange_refresh_token(&RefreshToken::new("0.AXoA-refresh".into()))
//!     .request(&http)
//!     .unwrap_err();
//! let c = classify(&err);
//! assert_eq!(c.action(), &Action::Retry { after: Some(std::time::Duration::from_secs(7)) });
//! assert_eq!(c.status(), Some(429));
//! // Log-safe, for `?` into anyhow: the status and the body's codes.
//! let oauth2::RequestTokenError::Request(kept) = &err else { unreachable!() };
//! assert_eq!(kept.to_string(), "the server answered with HTTP status 429: temporarily_unavailable (codes 50196)");
//! # Ok(())
//! # }
//! ```
//!
//! # Which flows the wrapper suits
//!
//! [`KeepResponses`] suits every request that oauth2 sends once and returns
//! from: the authorization code exchange, refresh, client credentials,
//! password, token exchange and the device authorization request.
//!
//! It does **not** suit device-code token polling
//! (`exchange_device_access_token(...).request(...)`): oauth2 polls inside
//! that call and reads `authorization_pending` and `slow_down` from the
//! parsed error type; with the wrapper the first pending answer would come
//! back as a request error and stop the polling. Poll with the plain HTTP
//! client and classify the final
//! [`RequestTokenError`](::oauth2::RequestTokenError) (its
//! [`DeviceCodeErrorResponse`](::oauth2::DeviceCodeErrorResponse)), or poll
//! yourself with [`TokenError`] as the device flow
//! example shows.

// The explicit `::oauth2::` targets are needed: inside a module named
// `oauth2`, rustdoc leaves the short forms unresolved without a warning.
#![allow(rustdoc::redundant_explicit_links)]

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use ::oauth2::basic::{
    BasicRevocationErrorResponse, BasicTokenIntrospectionResponse, BasicTokenResponse,
};
use ::oauth2::{
    AsyncHttpClient, EndpointNotSet, ErrorResponseType, RequestTokenError, StandardErrorResponse,
    StandardRevocableToken, SyncHttpClient,
};

use crate::action::Action;
use crate::classify::input::{ClassifyOwned, Source};
use crate::classify::{classify, classify_with, Classification, Input};
use crate::error_code::ErrorName;
use crate::http::HttpResponse;
use crate::log_safe::{loggable, Redacted};
use crate::rules::Rules;
use crate::token::TokenError;

/// `TokenError<'static>` can be the error type of an
/// [`oauth2::Client`](::oauth2::Client), so that a server's error response
/// reaches [`RequestTokenError::ServerResponse`](::oauth2::RequestTokenError::ServerResponse)
/// with every member kept. [`TokenErrorClient`] names such a client.
impl ::oauth2::ErrorResponse for TokenError<'static> {}

/// oauth2's [`BasicClient`](::oauth2::basic::BasicClient) with
/// [`TokenError<'static>`](crate::TokenError) as its error type: the same
/// token, introspection and revocation types, the same endpoint states.
///
/// ```
/// use oauth2::{ClientId, TokenUrl};
/// use oauth_triage::oauth2::TokenErrorClient;
///
/// let client = TokenErrorClient::new(ClientId::new("3f1a6b0e-1d2c-4e5f-8a9b-0c1d2e3f4a5b".into()))
///     .set_token_uri(TokenUrl::new("https://login.microsoftonline.com/contoso/oauth2/v2.0/token".into())?);
/// # Ok::<(), oauth2::url::ParseError>(())
/// ```
pub type TokenErrorClient<
    HasAuthUrl = EndpointNotSet,
    HasDeviceAuthUrl = EndpointNotSet,
    HasIntrospectionUrl = EndpointNotSet,
    HasRevocationUrl = EndpointNotSet,
    HasTokenUrl = EndpointNotSet,
> = ::oauth2::Client<
    TokenError<'static>,
    BasicTokenResponse,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    HasAuthUrl,
    HasDeviceAuthUrl,
    HasIntrospectionUrl,
    HasRevocationUrl,
    HasTokenUrl,
>;

/// The three members oauth2's standard error type keeps, as a
/// [`TokenError`]: `error`, `error_description` (for display only) and
/// `error_uri` (whose Microsoft AADSTS code counts).
fn from_standard<T: ErrorResponseType + AsRef<str>>(
    err: &StandardErrorResponse<T>,
) -> TokenError<'_> {
    let mut token = TokenError::new(ErrorName::from(err.error().as_ref()));
    if let Some(description) = err.error_description() {
        token = token.with_description(description.as_str());
    }
    if let Some(uri) = err.error_uri() {
        token = token.with_error_uri(uri.as_str());
    }
    token
}

/// `classify(&err)` for oauth2's standard error responses
/// ([`BasicErrorResponse`](::oauth2::basic::BasicErrorResponse),
/// [`DeviceCodeErrorResponse`](::oauth2::DeviceCodeErrorResponse),
/// openidconnect's core error responses): read as a token error with
/// `error`, `error_description` and `error_uri`.
///
/// ```
/// use oauth2::basic::BasicErrorResponse;
/// use oauth_triage::{classify, Action};
///
/// // Entra's body, as oauth2's stock error type keeps it.
/// let body = br#"{"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity.","error_uri":"https://login.microsoftonline.com/error?code=700082"}"#;
/// let err: BasicErrorResponse = serde_json::from_slice(body)?;
/// let c = classify(&err);
/// assert_eq!(c.action(), &Action::Reauthenticate);
/// assert_eq!(c.codes(), &[700082]);
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'a, T: ErrorResponseType + AsRef<str>> From<&'a StandardErrorResponse<T>> for Input<'a> {
    fn from(err: &'a StandardErrorResponse<T>) -> Self {
        from_standard(err).into()
    }
}

/// `classify(&err)` for what an oauth2 request returns; the table in the
/// [module docs](self) says what each variant is classified as.
///
/// ```
/// use oauth2::basic::BasicErrorResponse;
/// use oauth2::{HttpClientError, RequestTokenError};
/// use oauth_triage::{classify, Action, DecidedBy};
///
/// // The connection was refused: no answer came.
/// let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
/// let err: RequestTokenError<HttpClientError<std::io::Error>, BasicErrorResponse> =
///     RequestTokenError::Request(HttpClientError::Io(refused));
/// let c = classify(&err);
/// assert_eq!((c.action(), c.decided_by()), (&Action::Retry { after: None }, DecidedBy::Transport));
///
/// // A proxy's page instead of the error body: oauth2 could not parse it, nor can anyone.
/// let page = b"<html><body>502 Bad Gateway</body></html>".to_vec();
/// let parse = serde_path_to_error::deserialize::<_, BasicErrorResponse>(&mut serde_json::Deserializer::from_slice(&page)).unwrap_err();
/// let err: RequestTokenError<HttpClientError<std::io::Error>, BasicErrorResponse> = RequestTokenError::Parse(parse, page);
/// let c = classify(&err);
/// assert_eq!(c.action(), &Action::Abort);
/// assert_eq!(c.parse_error().map(|e| e.kind()), Some("html"));
/// ```
impl<'a, RE, TE> From<&'a RequestTokenError<RE, TE>> for Input<'a>
where
    RE: StdError + 'static,
    TE: ::oauth2::ErrorResponse + 'static,
    &'a TE: Into<Self>,
{
    fn from(err: &'a RequestTokenError<RE, TE>) -> Self {
        match err {
            RequestTokenError::ServerResponse(err) => err.into(),
            RequestTokenError::Request(err) => {
                let err: &'a (dyn StdError + 'static) = err;
                match err.downcast_ref::<HttpError>() {
                    Some(err) => err.into(),
                    None => Input(Source::Transport),
                }
            }
            RequestTokenError::Parse(_, body) => match TokenError::from_json(body) {
                Ok(err) => err.into(),
                Err(err) => Input(Source::Unparsed(err)),
            },
            RequestTokenError::Other(_) => Input(Source::Unknown),
        }
    }
}

/// `classify(err)` for what an oauth2 request returned, by value: as
/// `classify(&err)`, for a `match` on the request's result that hands the
/// error over. The error types must be `Send + Sync` (oauth2's and
/// reqwest's are), so that an [`Input`] is; classify a reference otherwise.
///
/// ```
/// use oauth2::basic::BasicErrorResponse;
/// use oauth2::{HttpClientError, RequestTokenError};
/// use oauth_triage::{classify, Action};
///
/// let answer: Result<(), RequestTokenError<HttpClientError<std::io::Error>, BasicErrorResponse>> =
///     Err(RequestTokenError::Other("server returned empty error response".into()));
/// let action = match answer {
///     Ok(()) => Action::Success,
///     Err(err) => classify(err).action().clone(),
/// };
/// assert_eq!(action, Action::Abort);
/// ```
impl<'a, RE, TE> From<RequestTokenError<RE, TE>> for Input<'a>
where
    RE: StdError + Send + Sync + 'static,
    TE: ::oauth2::ErrorResponse + Send + Sync + 'static,
    for<'x> &'x TE: Into<Input<'x>>,
{
    fn from(err: RequestTokenError<RE, TE>) -> Self {
        Input(Source::Deferred(Box::new(err)))
    }
}

impl<RE, TE> ClassifyOwned for RequestTokenError<RE, TE>
where
    RE: StdError + Send + Sync + 'static,
    TE: ::oauth2::ErrorResponse + Send + Sync + 'static,
    for<'x> &'x TE: Into<Input<'x>>,
{
    fn classify_owned(&self, policy: &Rules<'_>) -> Classification<'static> {
        classify_with(self, policy).into_owned()
    }
}

/// An oauth2 HTTP client ([`SyncHttpClient`](::oauth2::SyncHttpClient) or
/// [`AsyncHttpClient`](::oauth2::AsyncHttpClient)) that
/// hands back every error response whole: every response that
/// [`classify`](crate::classify) does not call [`Action::Success`] (a
/// status that is not 2xx, a 2xx whose body carries an `error` as GitHub's
/// do, a 2xx HTML page) comes back as the request error, an [`HttpError`],
/// with status, headers and body. [`classify`](crate::classify) reads it as an
/// [`HttpResponse`], so `Retry-After`, 429 and 5xx, `WWW-Authenticate` and
/// `DPoP-Nonce` all count. Successful responses pass through unchanged.
///
/// See the [module docs](self) for an example and for the flows it suits
/// (not device-code polling).
///
/// The wrapped client's own errors (no answer at all) become
/// [`HttpError`]s too, kept as their [`source`](StdError::source); they must
/// be `Send + Sync`, as reqwest's and most others are.
///
/// With an async client the future is [`KeepResponsesFuture`], which is
/// `Send` when the wrapped client's future is, so the request can be
/// spawned on a multi-threaded runtime.
#[derive(Clone, Copy, Debug, Default)]
pub struct KeepResponses<C>(C);

impl<C> KeepResponses<C> {
    /// Wraps an HTTP client.
    ///
    /// ```
    /// use oauth_triage::oauth2::KeepResponses;
    ///
    /// // Any oauth2 HTTP client: reqwest's, ureq's, curl's, or a closure of your own.
    /// let http = KeepResponses::new(|_request: oauth2::HttpRequest| {
    ///     http::Response::builder().status(200).body(br#"{"access_token":"eyJ0eXAi","token_type":"Bearer"}"#.to_vec())
    /// });
    /// # let _ = http;
    /// ```
    pub fn new(client: C) -> Self {
        Self(client)
    }

    /// The wrapped client.
    pub fn get_ref(&self) -> &C {
        &self.0
    }

    /// Unwraps the client.
    pub fn into_inner(self) -> C {
        self.0
    }
}

/// What the wrapped client answered: passed through when
/// [`classify`](crate::classify) calls it a success, else kept whole as the
/// request error, so that the wrapper and `classify` never disagree.
fn keep(response: ::oauth2::HttpResponse) -> Result<::oauth2::HttpResponse, HttpError> {
    let success = response.status().is_success() && {
        let parts =
            HttpResponse::from_parts(response.status(), response.headers(), response.body());
        classify(&parts).action() == &Action::Success
    };
    if success {
        return Ok(response);
    }
    Err(HttpError(Repr::Response(Box::new(response))))
}

fn transport<E: StdError + Send + Sync + 'static>(err: E) -> HttpError {
    HttpError(Repr::Transport(Box::new(err)))
}

impl<C> SyncHttpClient for KeepResponses<C>
where
    C: SyncHttpClient,
    C::Error: Send + Sync,
{
    type Error = HttpError;

    fn call(&self, request: ::oauth2::HttpRequest) -> Result<::oauth2::HttpResponse, HttpError> {
        keep(self.0.call(request).map_err(transport)?)
    }
}

impl<'c, C> AsyncHttpClient<'c> for KeepResponses<C>
where
    C: AsyncHttpClient<'c>,
    C::Error: Send + Sync,
{
    type Error = HttpError;
    type Future = KeepResponsesFuture<C::Future>;

    fn call(&'c self, request: ::oauth2::HttpRequest) -> Self::Future {
        KeepResponsesFuture(Box::pin(self.0.call(request)))
    }
}

/// The future of an async [`KeepResponses`] request: the wrapped client's
/// future, its error responses kept whole. `Send` when that future is.
pub struct KeepResponsesFuture<F>(Pin<Box<F>>);

impl<F> fmt::Debug for KeepResponsesFuture<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KeepResponsesFuture")
    }
}

impl<F, E> Future for KeepResponsesFuture<F>
where
    F: Future<Output = Result<::oauth2::HttpResponse, E>>,
    E: StdError + Send + Sync + 'static,
{
    type Output = Result<::oauth2::HttpResponse, HttpError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.0
            .as_mut()
            .poll(cx)
            .map(|answer| keep(answer.map_err(transport)?))
    }
}

/// The request error of a [`KeepResponses`] client: an error response kept
/// whole (status, headers, body), or the wrapped client's own failure (no
/// answer at all), kept as the [`source`](StdError::source).
///
/// [`classify`](crate::classify) takes it directly, or inside
/// [`RequestTokenError::Request`](::oauth2::RequestTokenError::Request).
/// `Display` and `Debug` are safe for logs. `Display` gives the status and
/// what the body says by the log-safe rules of [`TokenError`]'s `Display`
/// (`error`, `suberror`, codes, ids), so that `?` into anyhow keeps it;
/// `Debug` gives the status, the header names and the body's length
/// (`[redacted: N bytes]`). Neither shows a description or a header's
/// value.
///
/// ```
/// use oauth_triage::oauth2::{HttpError, KeepResponses};
/// use oauth_triage::{classify, Action};
/// use oauth2::SyncHttpClient;
///
/// let http = KeepResponses::new(|_request: oauth2::HttpRequest| {
///     http::Response::builder().status(502).body(b"<html><body>Bad Gateway</body></html>".to_vec())
/// });
/// let request = http::Request::builder().body(Vec::new())?;
/// let err: HttpError = http.call(request).unwrap_err();
/// assert_eq!(err.to_string(), "the server answered with HTTP status 502");
/// assert_eq!(classify(&err).parse_error().map(|e| e.kind()), Some("html"));
/// assert_eq!(err.response().map(|r| r.status().as_u16()), Some(502));
/// assert!(classify(&err).action().is_retryable());
/// # Ok::<(), http::Error>(())
/// ```
pub struct HttpError(Repr);

enum Repr {
    // Boxed: an `http::Response` is over a hundred bytes, and this error
    // travels through every `Result` of the request.
    Response(Box<::oauth2::HttpResponse>),
    Transport(Box<dyn StdError + Send + Sync>),
}

impl HttpError {
    /// The error response as oauth2's HTTP clients return it (an
    /// `http::Response<Vec<u8>>`), when the server answered.
    pub fn response(&self) -> Option<&::oauth2::HttpResponse> {
        match &self.0 {
            Repr::Response(response) => Some(response),
            Repr::Transport(_) => None,
        }
    }

    /// Takes the error response out, when the server answered.
    pub fn into_response(self) -> Option<::oauth2::HttpResponse> {
        match self.0 {
            Repr::Response(response) => Some(*response),
            Repr::Transport(_) => None,
        }
    }
}

/// `classify(&err)` for a [`KeepResponses`] request error: the whole
/// response, or `retry` decided by `transport` when no answer came.
impl<'a> From<&'a HttpError> for Input<'a> {
    fn from(err: &'a HttpError) -> Self {
        match err.response().map(HttpResponse::from) {
            Some(response) => response.into(),
            None => Input(Source::Transport),
        }
    }
}

/// `classify(err)` for a [`KeepResponses`] request error, by value.
impl From<HttpError> for Input<'_> {
    fn from(err: HttpError) -> Self {
        Input(Source::Deferred(Box::new(err)))
    }
}

impl ClassifyOwned for HttpError {
    fn classify_owned(&self, policy: &Rules<'_>) -> Classification<'static> {
        classify_with(self, policy).into_owned()
    }
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Response(response) => {
                write!(
                    f,
                    "the server answered with HTTP status {}",
                    response.status().as_u16()
                )?;
                // What the body says, by the log-safe rules of its own `Display`.
                let parsed = self.response().map(HttpResponse::from);
                if let Some(err) = parsed.as_ref().and_then(HttpResponse::error_body) {
                    write!(f, ": {err}")?;
                } else if let Some(err) = parsed.as_ref().and_then(HttpResponse::resource_error) {
                    write!(f, ": {}", loggable(err.api_code()))?;
                }
                Ok(())
            }
            Repr::Transport(_) => f.write_str("the HTTP request got no answer"),
        }
    }
}

impl fmt::Debug for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Response(response) => {
                let names: Vec<&str> = response.headers().keys().map(|n| n.as_str()).collect();
                f.debug_struct("HttpError")
                    .field("status", &response.status().as_u16())
                    .field("headers", &names)
                    .field("body", &Redacted(response.body().len()))
                    .finish()
            }
            Repr::Transport(err) => f.debug_tuple("HttpError").field(err).finish(),
        }
    }
}

impl StdError for HttpError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match &self.0 {
            Repr::Response(_) => None,
            Repr::Transport(err) => Some(&**err),
        }
    }
}
