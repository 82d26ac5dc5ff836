//! A [`tower::retry::Policy`] that classifies each answer and retries as
//! [`Retries`] says (the `tower` feature).
//!
//! [`ClassifyRetry`] goes into tower's `RetryLayer`, in front of a service
//! that answers with a **collected body** (`http::Response<B>` where `B:
//! AsRef<[u8]>`: `Bytes`, `Vec<u8>`, `String`): classifying reads the body,
//! so a streaming body (hyper's `Incoming`) must be collected first, by a
//! layer between the two (`and_then` below). Requests are `http::Request<B>`
//! with a body that can be cloned (`Full<Bytes>`, `String`, ...), so that
//! the same request can be sent again.
//!
//! It retries what [`Retries::next`] says to send again after a wait
//! ([`Next::Resend`]), sleeping with tokio's timer (`tokio::time::sleep`,
//! so the stack runs on a tokio runtime). Everything else is handed back
//! to the caller with the answer: a success, and what no resend of the
//! same request can fix (`Next::Renew`: a new token goes into the
//! request; `Next::SignIn`; `Next::Stop`; and a DPoP nonce demand, whose
//! new proof only the caller can sign). The response then carries the
//! [`Next`] and the [`Classification`] in its extensions, so the caller
//! needs no second parse: a `Next::Stop` whose classification is still
//! retryable (`c.action().is_retryable()`) means a budget was spent, and a
//! `Next::Resend { after: Duration::ZERO }` a DPoP nonce demand, for the
//! caller to answer with a new proof. An error of the inner service (no
//! answer at all) is a transport failure ([`Input::transport_failure`])
//! and is retried with backoff, within the same budgets. Budgets and the
//! renew streak belong to one call of the service: every request starts
//! afresh.
//!
//! # Examples
//!
//! A token endpoint called through hyper, its body collected between the
//! retry layer and the client:
//!
//! ```ignore
//! use oauth_triage::{tower::ClassifyRetry, Classification, Next, RetryPolicy, Surface};
//! use tower::{retry::RetryLayer, ServiceBuilder, ServiceExt};
//!
//! let client = hyper_util::client::legacy::Client::builder(TokioExecutor::new()).build_http();
//! let policy = ClassifyRetry::new(&RetryPolicy::new()).surface(Surface::Token);
//! let service = ServiceBuilder::new()
//!     .layer(RetryLayer::new(policy))
//!     .and_then(|response: http::Response<Incoming>| async move {
//!         let (parts, body) = response.into_parts();
//!         let body = body.collect().await?.to_bytes();
//!         Ok(http::Response::from_parts(parts, body))
//!     })
//!     .service(client);
//! let response = service.oneshot(token_request).await?;
//! match response.extensions().get::<Next>() {
//!     Some(Next::Done) => { /* read the token */ }
//!     Some(Next::Renew) => { /* renew, then send again */ }
//!     _ => {
//!         let c = response.extensions().get::<Classification<'static>>();
//!         // stop, or sign in; log `c`
//!     }
//! }
//! ```
//!
//! (This is run against a server on 127.0.0.1, with the server busy, then
//! answering, in the project's interop tests; so are a `service_fn`
//! endpoint and a transport failure.)

use std::fmt;

use crate::action::Action;
use crate::classify::{classify, Classification, Input};
use crate::http::HttpResponse;
use crate::limits::Limits;
use crate::retries::{Next, Retries, RetryPolicy};
use crate::surface::Surface;

/// A `tower::retry::Policy` for `http` requests and collected responses:
/// each answer is classified and [`Retries`] decides (see the [module
/// docs](self)).
///
/// One `ClassifyRetry` is the policy of a `RetryLayer`; tower clones it
/// for every request, so each request starts with fresh budgets.
#[derive(Clone)]
pub struct ClassifyRetry {
    retries: Retries,
    surface: Option<Surface>,
    limits: Limits,
}

impl ClassifyRetry {
    /// A policy that retries by `policy`'s rules and budgets.
    ///
    /// ```
    /// use oauth_triage::{tower::ClassifyRetry, RetryPolicy};
    ///
    /// let layer = tower::retry::RetryLayer::new(ClassifyRetry::new(&RetryPolicy::new().max_attempts(2)));
    /// # let _ = layer;
    /// ```
    pub fn new(policy: &RetryPolicy) -> Self {
        Self {
            retries: policy.start(),
            surface: None,
            limits: Limits::DEFAULT,
        }
    }

    /// Declares the endpoint the service calls (see
    /// [`HttpResponse::surface`]): [`Surface::Token`] for a token endpoint,
    /// so that its `401` with a challenge is never read as a resource's.
    ///
    /// ```
    /// use oauth_triage::{tower::ClassifyRetry, RetryPolicy, Surface};
    ///
    /// let policy = ClassifyRetry::new(&RetryPolicy::new()).surface(Surface::Token);
    /// # let _ = policy;
    /// ```
    #[must_use]
    pub fn surface(mut self, surface: Surface) -> Self {
        self.surface = Some(surface);
        self
    }

    /// The limits the answers are read with (default [`Limits::DEFAULT`]).
    ///
    /// ```
    /// use oauth_triage::{tower::ClassifyRetry, Limits, RetryPolicy};
    ///
    /// let mut limits = Limits::DEFAULT;
    /// limits.max_body = 16 * 1024;
    /// let policy = ClassifyRetry::new(&RetryPolicy::new()).limits(limits);
    /// # let _ = policy;
    /// ```
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The classification of one answer.
    fn classify<B: AsRef<[u8]>>(&self, response: &http::Response<B>) -> Classification<'static> {
        let mut read = HttpResponse::new(response.status().as_u16())
            .limits(self.limits)
            .headers(response.headers())
            .body(response.body().as_ref());
        if let Some(surface) = self.surface {
            read = read.surface(surface);
        }
        classify(read).into_owned()
    }
}

impl<ReqB, ResB, E> ::tower::retry::Policy<http::Request<ReqB>, http::Response<ResB>, E>
    for ClassifyRetry
where
    ReqB: Clone,
    ResB: AsRef<[u8]>,
{
    type Future = tokio::time::Sleep;

    fn retry(
        &mut self,
        _request: &mut http::Request<ReqB>,
        result: &mut Result<http::Response<ResB>, E>,
    ) -> Option<Self::Future> {
        let Ok(response) = result else {
            // No answer at all: a transport failure.
            return match self.retries.next(&classify(Input::transport_failure())) {
                Next::Resend { after } => Some(tokio::time::sleep(after)),
                _ => None,
            };
        };
        let c = self.classify(response);
        let next = self.retries.next(&c);
        match next {
            // Only the caller can sign a proof with the new nonce.
            Next::Resend { after } if c.action() != &Action::RetryWithNonce => {
                Some(tokio::time::sleep(after))
            }
            _ => {
                let extensions = response.extensions_mut();
                extensions.insert(next);
                extensions.insert(c);
                None
            }
        }
    }

    fn clone_request(&mut self, request: &http::Request<ReqB>) -> Option<http::Request<ReqB>> {
        let mut clone = http::Request::new(request.body().clone());
        *clone.method_mut() = request.method().clone();
        *clone.uri_mut() = request.uri().clone();
        *clone.version_mut() = request.version();
        *clone.headers_mut() = request.headers().clone();
        // What middleware passes along (a tracing span, per-request
        // settings) goes with every resend too.
        *clone.extensions_mut() = request.extensions().clone();
        Some(clone)
    }
}

/// The state of its budgets, without the answers it has seen.
impl fmt::Debug for ClassifyRetry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClassifyRetry")
            .field("retries", &self.retries)
            .field("surface", &self.surface)
            .finish_non_exhaustive()
    }
}
