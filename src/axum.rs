//! An axum extractor for the authorization callback: a handler takes a
//! [`Callback<'static>`](crate::Callback) as an argument, read from the
//! query of a GET or the body of a `response_mode=form_post` POST, strictly.
//! Requires the `axum` feature (axum-core 0.5, so axum 0.8; Rust 1.78, and
//! axum 0.8 itself needs 1.80).
//!
//! What the extractor does, so that a handler only checks `state` and
//! `iss` against its session and then redeems the code or classifies the
//! error:
//!
//! - **GET**: the raw query of the request target, percent-decoded by this
//!   crate (bad escapes and bytes that are not UTF-8 are refused, where
//!   axum's `Query` would turn them into U+FFFD), with [`Limits::max_url`]
//!   on the request target.
//! - **POST**: a `form_post` body (`application/x-www-form-urlencoded`,
//!   else 415), read up to [`Limits::max_body`] and no further. The query of
//!   the POST's URL is not read: it belongs to the redirect URI, not to the
//!   response.
//! - A duplicated parameter, `code` beside `error`, a JARM `response`, no
//!   parameters at all, more than [`Limits::max_params`]: refused, as by
//!   [`Callback::from_query`](crate::Callback::from_query) and
//!   [`Callback::from_form_post`](crate::Callback::from_form_post).
//! - Any other method: 405, with `Allow: GET, POST`.
//!
//! A refusal is a [`CallbackRejection`], which answers with its status
//! (400 for a callback that cannot be read) and a fixed sentence naming the
//! problem's kind: no byte of the request is echoed, so a forged callback
//! cannot write into the page or the logs that show it. To answer in your
//! own way (a redirect to a sign-in page, say), take
//! `Result<Callback<'static>, CallbackRejection>` instead.
//!
//! The [`Limits`] are the defaults, or those of a [`Limits`] value in the
//! request's extensions, which axum's `Extension` layer puts there:
//! `router.layer(Extension(limits))`, where `limits` is a [`Limits`] whose
//! fields were set, such as `limits.max_url = 4096`.
//!
//! The extractor reads the body, so it comes last among a handler's
//! arguments, as axum wants of every body extractor.
//!
//! # Examples
//!
//! A handler, for `Router::new().route("/callback", get(callback).post(callback))`
//! (`interop/tests/axum.rs` runs it against a server on 127.0.0.1):
//!
//! ```ignore
//! use axum::extract::State;
//! use axum::http::StatusCode;
//! use oauth_triage::{classify, Callback, ExpectedCallback};
//!
//! async fn callback(State(app): State<App>, callback: Callback<'static>) -> Result<String, StatusCode> {
//!     // Find the pending request the callback claims to answer (and delete it:
//!     // a replayed callback must not pass again).
//!     let pending = app.take_pending(callback.state()).await.ok_or(StatusCode::BAD_REQUEST)?;
//!     let expected = ExpectedCallback::state(&pending.state).issuer_if_present(&pending.issuer);
//!     let verified = callback.check(&expected).map_err(|_| StatusCode::BAD_REQUEST)?;
//!     match (verified.code(), verified.error()) {
//!         (Some(code), _) => Ok(app.redeem(code, &pending.pkce_verifier).await),
//!         (None, Some(err)) => Ok(classify(err).action().advice().to_owned()),
//!         (None, None) => Err(StatusCode::BAD_REQUEST), // tokens in a query: not asked for
//!     }
//! }
//! ```
//!
//! The extractor alone, on requests built by hand:
//!
//! ```
//! use axum_core::body::Body;
//! use axum_core::extract::FromRequest;
//! use axum_core::response::IntoResponse;
//! use oauth_triage::axum::CallbackRejection;
//! use oauth_triage::{Callback, ExpectedCallback, ResponseMode};
//! # fn block_on<F: std::future::Future>(future: F) -> F::Output {
//! #     struct Noop;
//! #     impl std::task::Wake for Noop { fn wake(self: std::sync::Arc<Self>) {} }
//! #     let waker = std::task::Waker::from(std::sync::Arc::new(Noop));
//! #     let mut future = std::pin::pin!(future);
//! #     loop {
//! #         if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut std::task::Context::from_waker(&waker)) {
//! #             return out;
//! #         }
//! #     }
//! # }
//!
//! // A GET to the redirect URI.
//! let get = http::Request::get("/callback?code=0.AXoA-c0de&state=k8Qz1").body(Body::empty())?;
//! let callback: Callback<'static> = block_on(Callback::from_request(get, &()))?;
//! assert_eq!(callback.check(&ExpectedCallback::state("k8Qz1"))?.code(), Some("0.AXoA-c0de"));
//!
//! // A form_post.
//! let post = http::Request::post("/callback")
//!     .header("content-type", "application/x-www-form-urlencoded")
//!     .body(Body::from("error=access_denied&error_subcode=cancel&state=k8Qz1"))?;
//! let callback = block_on(Callback::from_request(post, &()))?;
//! assert_eq!(callback.response_mode(), ResponseMode::FormPost);
//!
//! // A forged callback with a second `state`: 400, and the input is not echoed.
//! let forged = http::Request::get("/callback?code=attacker&state=%3Cscript%3E&state=k8Qz1").body(Body::empty())?;
//! let rejection = block_on(Callback::from_request(forged, &())).unwrap_err();
//! assert_eq!(rejection.kind(), "duplicate");
//! let response = rejection.into_response();
//! assert_eq!(response.status(), 400);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use axum_core::body::Body;
use axum_core::extract::{FromRequest, Request};
use axum_core::response::{IntoResponse, Response};
use http::{header, HeaderValue, Method, StatusCode};
use http_body::Body as _;
use http_body_util::BodyExt as _;

use crate::callback::Callback;
use crate::error::ParseError;
use crate::form::{self, ResponseMode};
use crate::limits::Limits;

/// Reads the authorization response of a GET (its query) or of a
/// `form_post` POST (its body): see the [module](self) documentation.
impl<S: Send + Sync> FromRequest<S> for Callback<'static> {
    type Rejection = CallbackRejection;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let limits = req
            .extensions()
            .get::<Limits>()
            .copied()
            .unwrap_or(Limits::DEFAULT);
        if req.method() == Method::GET {
            let (params, mode) = form::uri_params(req.uri(), &limits)?;
            return Ok(Callback::from_params(params, mode)?.into_owned());
        }
        if req.method() != Method::POST {
            return Err(CallbackRejection::MethodNotAllowed);
        }
        if !is_form(req.headers().get(header::CONTENT_TYPE)) {
            return Err(CallbackRejection::UnsupportedMediaType);
        }
        let body = read_body(req.into_body(), limits.max_body).await?;
        let params = form::form_post_params(&body, &limits)?;
        Ok(Callback::from_params(params, ResponseMode::FormPost)?.into_owned())
    }
}

/// Whether the `Content-Type` is `application/x-www-form-urlencoded`, with
/// or without parameters (`; charset=UTF-8`), in any case.
fn is_form(value: Option<&HeaderValue>) -> bool {
    let Some(value) = value.and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/x-www-form-urlencoded")
}

/// The body, refused as [`ParseError::TooLarge`] as soon as it is known to
/// be longer than `limit`: from its declared length before any byte is read,
/// else once the bytes received pass it (then `len` counts those).
async fn read_body(mut body: Body, limit: usize) -> Result<Vec<u8>, CallbackRejection> {
    let declared = usize::try_from(body.size_hint().lower()).unwrap_or(usize::MAX);
    crate::limits::check(declared, limit)?;
    let mut bytes = Vec::with_capacity(declared);
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| CallbackRejection::BodyUnreadable)?;
        if let Ok(data) = frame.into_data() {
            crate::limits::check(bytes.len() + data.len(), limit)?;
            bytes.extend_from_slice(&data);
        }
    }
    Ok(bytes)
}

/// Why the [`Callback`] extractor refused a request. As a response: the
/// [`status`](CallbackRejection::status) and a short plain-text sentence
/// that names the kind of problem and repeats nothing of the request.
///
/// ```
/// use axum_core::response::IntoResponse;
/// use oauth_triage::axum::CallbackRejection;
/// use oauth_triage::ParseError;
///
/// let rejection = CallbackRejection::from(ParseError::Duplicate { name: "\"state\"".into() });
/// assert_eq!(rejection.to_string(), "the authorization response could not be read (duplicate)");
/// assert_eq!(rejection.into_response().status(), 400);
/// ```
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CallbackRejection {
    /// The parameters could not be read as an authorization response
    /// (400): duplicated, badly encoded, too many or too long, none at all,
    /// `code` beside `error`, ... The [`ParseError`] says which; its own
    /// message may quote a short excerpt of the input, so only its kind
    /// goes into the response.
    #[error("the authorization response could not be read ({})", .0.kind())]
    Invalid(ParseError),
    /// The method is neither GET nor POST (405).
    #[error("an authorization response comes by GET or by a form_post POST")]
    MethodNotAllowed,
    /// A POST whose body is not `application/x-www-form-urlencoded` (415).
    #[error("a form_post authorization response must be application/x-www-form-urlencoded")]
    UnsupportedMediaType,
    /// The POST's body could not be read: the connection failed (400).
    #[error("the request body could not be read")]
    BodyUnreadable,
}

impl From<ParseError> for CallbackRejection {
    fn from(err: ParseError) -> Self {
        Self::Invalid(err)
    }
}

/// Log-safe: the kind of problem, never the request's text.
impl fmt::Debug for CallbackRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CallbackRejection")
            .field(&self.kind())
            .finish()
    }
}

impl CallbackRejection {
    /// The status of the answer: 400 for a callback that cannot be read or
    /// a body that could not be received, 405 for another method, 415 for a
    /// POST that is not a form.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Invalid(_) | Self::BodyUnreadable => StatusCode::BAD_REQUEST,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        }
    }

    /// A stable snake_case name for metrics and logs: the
    /// [`ParseError::kind`] of an unreadable callback (`duplicate`,
    /// `bad_percent_encoding`, ...), else `method_not_allowed`,
    /// `unsupported_media_type` or `body_unreadable`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Invalid(err) => err.kind(),
            Self::MethodNotAllowed => "method_not_allowed",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::BodyUnreadable => "body_unreadable",
        }
    }

    /// The parse error of an unreadable callback, for logs (its `Display`
    /// quotes at most a short, escaped excerpt of the input).
    pub fn parse_error(&self) -> Option<&ParseError> {
        match self {
            Self::Invalid(err) => Some(err),
            _ => None,
        }
    }
}

impl IntoResponse for CallbackRejection {
    fn into_response(self) -> Response {
        let mut response = Response::new(Body::from(self.to_string()));
        *response.status_mut() = self.status();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        if matches!(self, Self::MethodNotAllowed) {
            headers.insert(header::ALLOW, HeaderValue::from_static("GET, POST"));
        }
        response
    }
}

#[cfg(test)]
mod tests;
