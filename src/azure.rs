//! The seams with the Azure SDK for Rust: `azure_core` 1, and so
//! `azure_identity` 1's credentials and the Azure service clients.
//! Requires the `azure` feature (which needs Rust 1.88, as azure_core 1
//! does).
//!
//! Two ways in:
//!
//! 1. **Classify what a credential or a client returned**:
//!    [`classify`](crate::classify) takes an [`azure_core::Error`], by
//!    reference or by value. The answer is looked for along the error's
//!    whole [`source`](std::error::Error::source) chain (azure_identity
//!    wraps the pipeline's error in a `Credential` error of its own): the
//!    first `ErrorKind::HttpResponse` gives the status, and its raw
//!    response the headers (`Retry-After`, `x-ms-retry-after-ms`,
//!    `retry-after-ms`, `WWW-Authenticate`) and the body. An error whose
//!    chain holds a `Credential` error came from a token request, and is
//!    read as the token endpoint's ([`Surface::Token`]). An error without
//!    any answer is `retry` decided by `transport` when azure_core calls it
//!    a transport failure (`ErrorKind::Io` or `ErrorKind::Connection`,
//!    the kinds its retry policy retries), and `abort` decided by
//!    `fallback` otherwise: a `DataConversion` or `Other` error says
//!    nothing a decision could stand on, and is not guessed at.
//! 2. **Keep whole answers: add [`KeepResponses`] to the credential's
//!    `ClientOptions::per_call_policies`**. azure_identity 1.0 parses a
//!    token endpoint's failure as JSON with `?`: an HTML page from a proxy,
//!    an empty body (a 401 whose only content is its `WWW-Authenticate`
//!    challenge) or a truncated body end as a `DataConversion` error that
//!    holds no response, and nothing is left to classify. With the policy
//!    every failure comes back as an `ErrorKind::HttpResponse` error that
//!    carries the whole raw response, and records which endpoint answered.
//!
//! What azure_identity 1.0 keeps without the policy (measured by the
//! project's interop tests through `ClientSecretCredential` and
//! `ManagedIdentityCredential`):
//!
//! | the endpoint answered | without `KeepResponses` | with it |
//! |---|---|---|
//! | Entra, an OAuth JSON error (`invalid_client`, a throttled 429 after azure_core's retries) | the raw response: classified whole | the same, declared the token endpoint's |
//! | Entra, a 503 HTML page, an empty 401 with a challenge, a truncated body | a `DataConversion` error, no response: `abort` | the raw response: `retry` for the 503, the challenge read for the 401 |
//! | IMDS or App Service, any failure | the raw response (their credentials keep it) | the same, with the managed identity endpoint's own rules |
//!
//! # Step-up through azure_identity
//!
//! azure_identity 1.0's credentials cannot send a claims request:
//! `TokenRequestOptions` has no claims, and `get_token` takes only scopes.
//! When a classification is [`Action::StepUp`] (an Entra body with
//! `claims`, or a service's `insufficient_claims` challenge, as Microsoft
//! Graph sends under Continuous Access Evaluation), the credential cannot
//! satisfy it, and asking it again returns the cached token or the same
//! refusal. What is left to do, honestly: for an application identity
//! (client secret, certificate, managed identity), report the step-up to
//! an administrator: a Conditional Access policy asks for something an
//! application cannot present, and [`StepUp::claims`](crate::StepUp::claims)
//! says what. Where the claims ask only for a token issued after a given
//! time (`nbf`, as Continuous Access Evaluation's revocation challenges
//! do), a fresh token may satisfy them; azure_identity 1.0 has no way to
//! skip its token cache, so build the credential anew, retry once, and
//! stop if the service refuses again. For a user, get the token from a
//! library that sends `claims` (MSAL, or a token request of your own with
//! the `claims` parameter, as the `oauth2` crate can send) and hand it to
//! the service client as a `TokenCredential` of your own.
//!
//! # Examples
//!
//! What azure_identity returns for Entra's answer to a wrong client
//! secret, built by hand here (the `azure_credential` example and the
//! interop tests get it from a real credential):
//!
//! ```
//! use azure_core::error::{Error, ErrorKind};
//! use azure_core::http::{headers::Headers, RawResponse, StatusCode};
//! use oauth_triage::{classify, Action, Surface};
//!
//! let body = r#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215],"trace_id":"0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9"}"#;
//! let raw = RawResponse::from_bytes(StatusCode::Unauthorized, Headers::new(), body);
//! let inner = Error::with_message(
//!     ErrorKind::HttpResponse { status: StatusCode::Unauthorized, error_code: Some("7000215".into()), raw_response: Some(Box::new(raw)) },
//!     "AADSTS7000215: Invalid client secret provided.",
//! );
//! let err = Error::with_error(ErrorKind::Credential, inner, "ClientSecretCredential authentication failed.");
//!
//! let c = classify(&err);
//! assert_eq!(c.action(), &Action::FixCredentials);
//! assert_eq!((c.status(), c.surface()), (Some(401), Surface::Token));
//! assert_eq!(c.codes(), &[7000215]);
//! ```

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;

use azure_core::error::ErrorKind;
use azure_core::http::headers::{HeaderName, Headers};
use azure_core::http::policies::{Policy as PipelinePolicy, PolicyResult};
use azure_core::http::{AsyncRawResponse, Context, RawResponse, Request, StatusCode, Url};

use crate::action::Action;
use crate::classify::input::{ClassifyOwned, Source};
use crate::classify::{classify, classify_with, Classification, Input};
use crate::http::HttpResponse;
use crate::log_safe::loggable;
use crate::managed_identity::ManagedIdentitySource;
use crate::rules::Rules;
use crate::surface::Surface;

/// The longest source chain walked: chains are a handful of errors long,
/// and a bound keeps a pathological one from costing more.
const MAX_CHAIN: usize = 32;

/// The errors of a chain, the error itself first.
fn chain<'a>(
    err: &'a (dyn StdError + 'static),
) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    std::iter::successors(Some(err), |&err: &&'a (dyn StdError + 'static)| {
        err.source()
    })
    .take(MAX_CHAIN)
}

/// The azure_core errors of a chain.
fn azure_errors<'a>(
    err: &'a (dyn StdError + 'static),
) -> impl Iterator<Item = &'a azure_core::Error> {
    chain(err).filter_map(|err| err.downcast_ref::<azure_core::Error>())
}

/// `classify(&err)` for what an Azure SDK credential or client returned:
/// the first answer found along the error's source chain, read as an
/// [`HttpResponse`] (status, headers, body); see the [module docs](self)
/// for how an error without an answer is read.
///
/// ```
/// use azure_core::error::{Error, ErrorKind};
/// use oauth_triage::{classify, Action, DecidedBy};
///
/// // The connection was refused, and azure_core's retries ran out.
/// let refused = Error::new(ErrorKind::Io, std::io::Error::from(std::io::ErrorKind::ConnectionRefused));
/// let err = Error::with_error(ErrorKind::Credential, refused, "ManagedIdentityCredential authentication failed.");
/// let c = classify(&err);
/// assert_eq!((c.action(), c.decided_by()), (&Action::Retry { after: None }, DecidedBy::Transport));
///
/// // A body azure_identity could not parse, and did not keep.
/// let lost = Error::with_message(ErrorKind::DataConversion, "expected value at line 1 column 1");
/// assert_eq!(classify(&lost).decided_by(), DecidedBy::Fallback);
/// ```
impl<'a> From<&'a azure_core::Error> for Input<'a> {
    fn from(err: &'a azure_core::Error) -> Self {
        let err: &'a (dyn StdError + 'static) = err;
        let kept = chain(err).find_map(|err| err.downcast_ref::<Kept>());
        let from_credential = azure_errors(err).any(|err| *err.kind() == ErrorKind::Credential);
        for err in azure_errors(err) {
            if let ErrorKind::HttpResponse {
                status,
                raw_response,
                ..
            } = err.kind()
            {
                let response = match raw_response {
                    Some(raw) => HttpResponse::from(&**raw),
                    None => HttpResponse::new(u16::from(*status)),
                };
                let response = match kept {
                    Some(kept) => kept.endpoint.declare(response),
                    None if from_credential => response.surface(Surface::Token),
                    None => response,
                };
                return response.into();
            }
        }
        let transport = azure_errors(err)
            .any(|err| matches!(err.kind(), ErrorKind::Io | ErrorKind::Connection));
        Input(if transport {
            Source::Transport
        } else {
            Source::Unknown
        })
    }
}

/// `classify(err)` for an [`azure_core::Error`] by value, as
/// `classify(&err)` reads it: for a `match` on a credential's result that
/// hands the error over.
///
/// ```
/// use azure_core::error::{Error, ErrorKind};
/// use oauth_triage::{classify, Action};
///
/// let answer: azure_core::Result<()> = Err(Error::with_message(ErrorKind::Connection, "connection reset"));
/// let action = match answer {
///     Ok(()) => Action::Success,
///     Err(err) => classify(err).action().clone(),
/// };
/// assert_eq!(action, Action::Retry { after: None });
/// ```
impl From<azure_core::Error> for Input<'_> {
    fn from(err: azure_core::Error) -> Self {
        Input(Source::Deferred(Box::new(err)))
    }
}

impl ClassifyOwned for azure_core::Error {
    fn classify_owned(&self, policy: &Rules<'_>) -> Classification<'static> {
        classify_with(self, policy).into_owned()
    }
}

impl<'a> HttpResponse<'a> {
    /// Reads a status, azure_core's [`Headers`] and a body, borrowing them:
    /// what an `azure_core` [`RawResponse`] or a service client's
    /// `Response` hands over. Requires the `azure` feature.
    ///
    /// ```
    /// use azure_core::http::{headers::Headers, StatusCode};
    /// use oauth_triage::{classify, HttpResponse};
    ///
    /// let mut headers = Headers::new();
    /// headers.insert("x-ms-retry-after-ms", "1500");
    /// let body = br#"{"error":"temporarily_unavailable"}"#;
    /// let c = classify(HttpResponse::from_azure_parts(StatusCode::TooManyRequests, &headers, body));
    /// assert_eq!(c.retry_after(), Some(std::time::Duration::from_millis(1500)));
    /// ```
    pub fn from_azure_parts(status: StatusCode, headers: &'a Headers, body: &'a [u8]) -> Self {
        Self::new(u16::from(status))
            .azure_headers(headers)
            .body(body)
    }

    /// Records every header of azure_core's [`Headers`], as
    /// [`HttpResponse::header`] does one by one. Requires the `azure`
    /// feature.
    ///
    pub(crate) fn azure_headers(mut self, headers: &'a Headers) -> Self {
        for (name, value) in headers.iter() {
            self = self.header(name.as_str(), value.as_str());
        }
        self
    }
}

/// Reads the status, the headers and the body of an `azure_core`
/// [`RawResponse`], borrowing them, within the default
/// [`Limits`](crate::Limits): a body over them is a
/// [`ParseError::TooLarge`](crate::ParseError::TooLarge) kept in the
/// classification, and the status still decides.
///
/// ```
/// use azure_core::http::{headers::Headers, RawResponse, StatusCode};
/// use oauth_triage::{classify, Action, HttpResponse};
///
/// let page = "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>";
/// let raw = RawResponse::from_bytes(StatusCode::ServiceUnavailable, Headers::new(), page);
/// let c = classify(HttpResponse::from(&raw));
/// assert_eq!(c.action(), &Action::Retry { after: None });
/// assert_eq!(c.parse_error().map(|e| e.kind()), Some("html"));
/// ```
impl<'a> From<&'a RawResponse> for HttpResponse<'a> {
    fn from(raw: &'a RawResponse) -> Self {
        Self::from_azure_parts(raw.status(), raw.headers(), raw.body())
    }
}

/// Which endpoint answered: declared at construction, or recognized from
/// each request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Endpoint {
    surface: Surface,
    managed_identity: Option<ManagedIdentitySource>,
}

impl Endpoint {
    /// Declares the endpoint on a response read from its answer.
    fn declare(self, response: HttpResponse<'_>) -> HttpResponse<'_> {
        match self.managed_identity {
            Some(source) => response.managed_identity(source),
            None => response.surface(self.surface),
        }
    }

    /// The endpoint a request went to, from its path and headers (see
    /// [`KeepResponses::new`]).
    fn of(url: &Url, headers: &Headers) -> Self {
        const IMDS_HOST: &str = "169.254.169.254";
        let has = |name: &'static str| {
            headers
                .get_optional_str(&HeaderName::from_static(name))
                .is_some()
        };
        let path = url.path().trim_end_matches('/');
        let ends_with = |suffix: &str| {
            path.len() >= suffix.len()
                && path[path.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
        };
        let managed_identity = if ends_with("/metadata/identity/oauth2/token") {
            Some(if url.host_str() == Some(IMDS_HOST) {
                ManagedIdentitySource::Imds
            } else if has("secret") {
                ManagedIdentitySource::ServiceFabric
            } else {
                ManagedIdentitySource::AzureArc
            })
        } else if has("x-identity-header") || has("secret") {
            ManagedIdentitySource::AppService.into()
        } else if ends_with("/oauth2/token") && has("metadata") {
            ManagedIdentitySource::CloudShell.into()
        } else {
            None
        };
        let token = managed_identity.is_some()
            || ends_with("/oauth2/v2.0/token")
            || ends_with("/oauth2/token");
        Self {
            surface: if token {
                Surface::Token
            } else {
                Surface::Resource
            },
            managed_identity,
        }
    }
}

/// An `azure_core` pipeline policy that hands back every failed answer
/// whole, as an `ErrorKind::HttpResponse` error carrying the raw response
/// (status, headers, body), so that what azure_identity cannot parse (an
/// HTML page, an empty body, a truncated body) still reaches
/// [`classify`](crate::classify). Add it to
/// `ClientOptions::per_call_policies`.
///
/// Per-call policies run outside azure_core's retry policy: azure_core
/// keeps retrying what it retries (a 429 or a 503 on its list, an IMDS
/// 410), and the policy sees only the final answer. A failure is any
/// answer that is not 2xx, and, from a token endpoint, a 2xx that
/// [`classify`](crate::classify) does not call a success (an HTML page, a
/// body with an `error`). A service's 2xx passes untouched, its body still
/// a stream. Transport failures pass through as they are.
///
/// # Which endpoint answered
///
/// [`KeepResponses::new`] tells from each request's URL path and headers,
/// and the error it returns records it, so that
/// [`classify`](crate::classify) reads the answer as that endpoint's
/// ([`HttpResponse::surface`], [`HttpResponse::managed_identity`]):
///
/// | the request | read as |
/// |---|---|
/// | path `/metadata/identity/oauth2/token` on `169.254.169.254` | IMDS |
/// | the same path elsewhere, with a `secret` header | Service Fabric |
/// | the same path elsewhere, without one | Azure Arc |
/// | an `X-IDENTITY-HEADER` (or, older, a `secret`) header | App Service |
/// | path `.../oauth2/token` with a `Metadata` header | Cloud Shell |
/// | path `.../oauth2/v2.0/token` or `.../oauth2/token` | Entra's (or any OAuth server's) token endpoint |
/// | anything else | a service's API: a protected resource |
///
/// Where paths do not tell (a token endpoint of another shape, a proxy in
/// front of IMDS), declare the endpoint: [`KeepResponses::for_surface`],
/// [`KeepResponses::for_managed_identity`].
///
/// Azure Arc's first answer, a 401 with `WWW-Authenticate: Basic realm=...`
/// to a request without `Authorization`, is passed through untouched: it is
/// the first half of a handshake the credential completes (azure_identity
/// 1.1 does). A 401 to the request that carried the key is kept.
///
/// # Examples
///
/// ```
/// use std::sync::Arc;
/// use azure_core::http::ClientOptions;
/// use oauth_triage::azure::KeepResponses;
///
/// let options = ClientOptions {
///     per_call_policies: vec![Arc::new(KeepResponses::new())],
///     ..Default::default()
/// };
/// // azure_identity::ClientSecretCredentialOptions { client_options: options }
/// # let _ = options;
/// ```
///
/// The `azure_credential` example runs a token request through a pipeline
/// with the policy, on a canned transport.
#[derive(Clone, Debug, Default)]
pub struct KeepResponses {
    endpoint: Option<Endpoint>,
}

impl KeepResponses {
    /// A policy that tells the endpoint from each request (see the table
    /// above).
    pub fn new() -> Self {
        Self::default()
    }

    /// A policy for a pipeline whose every request goes to this kind of
    /// endpoint: [`Surface::Token`] for a credential's pipeline whose token
    /// endpoint has a path of its own, [`Surface::Resource`] for a
    /// service's.
    ///
    /// ```
    /// use oauth_triage::{azure::KeepResponses, Surface};
    /// let policy = KeepResponses::for_surface(Surface::Token);
    /// # let _ = policy;
    /// ```
    pub fn for_surface(surface: Surface) -> Self {
        Self {
            endpoint: Some(Endpoint {
                surface,
                managed_identity: None,
            }),
        }
    }

    /// A policy for a pipeline whose every request goes to this managed
    /// identity endpoint (a proxy in front of IMDS, a test double).
    ///
    /// ```
    /// use oauth_triage::{azure::KeepResponses, ManagedIdentitySource};
    /// let policy = KeepResponses::for_managed_identity(ManagedIdentitySource::Imds);
    /// # let _ = policy;
    /// ```
    pub fn for_managed_identity(source: ManagedIdentitySource) -> Self {
        Self {
            endpoint: Some(Endpoint {
                surface: Surface::Token,
                managed_identity: Some(source),
            }),
        }
    }

    fn endpoint(&self, request: &Request) -> Endpoint {
        self.endpoint
            .unwrap_or_else(|| Endpoint::of(request.url(), request.headers()))
    }
}

// The trait's signature elides `Context`'s lifetime; async_trait needs the
// same spelling.
#[allow(elided_lifetimes_in_paths)]
#[async_trait::async_trait]
impl PipelinePolicy for KeepResponses {
    async fn send(
        &self,
        ctx: &Context,
        request: &mut Request,
        next: &[Arc<dyn PipelinePolicy>],
    ) -> PolicyResult {
        let Some((first, rest)) = next.split_first() else {
            return Err(azure_core::Error::with_message(
                ErrorKind::Other,
                "KeepResponses must be followed by the pipeline's other policies",
            ));
        };
        let response = first.send(ctx, request, rest).await?;
        let endpoint = self.endpoint(request);
        let status = response.status();
        if status.is_success() && endpoint.surface == Surface::Resource {
            return Ok(response);
        }
        if endpoint.managed_identity == Some(ManagedIdentitySource::AzureArc)
            && status == StatusCode::Unauthorized
            && arc_challenge(response.headers())
            && request
                .headers()
                .get_optional_str(&HeaderName::from_static("authorization"))
                .is_none()
        {
            return Ok(response);
        }
        let (status, headers, body) = response.deconstruct();
        let raw = RawResponse::from_bytes(status, headers, body.collect().await?);
        if status.is_success() && is_success(&raw, endpoint) {
            let (status, headers, body) = raw.deconstruct();
            return Ok(AsyncRawResponse::from_bytes(status, headers, body));
        }
        Err(kept(raw, endpoint))
    }
}

/// Whether [`classify`](crate::classify) calls this answer a success.
fn is_success(raw: &RawResponse, endpoint: Endpoint) -> bool {
    let response = endpoint.declare(HttpResponse::from(raw));
    classify(&response).action() == &Action::Success
}

/// Whether the answer offers Azure Arc's `Basic realm=` challenge.
fn arc_challenge(headers: &Headers) -> bool {
    let parsed = HttpResponse::new(401).azure_headers(headers);
    parsed.has_basic_realm()
}

/// The error that keeps a failed answer: the raw response in azure_core's
/// `ErrorKind::HttpResponse`, and which endpoint answered in a [`Kept`]
/// as its source.
fn kept(raw: RawResponse, endpoint: Endpoint) -> azure_core::Error {
    let status = raw.status();
    let (message, error_code) = {
        let response = endpoint.declare(HttpResponse::from(&raw));
        let c = classify(&response);
        let codes: Vec<String> = c
            .codes()
            .iter()
            .map(|code| code.get().to_string())
            .collect();
        let error_code = if codes.is_empty() {
            c.error()
                .map(|e| e.as_str())
                .or(c.api_code())
                .map(|e| loggable(e).to_owned())
                .filter(|e| e != "unrecognized")
        } else {
            Some(codes.join(","))
        };
        (summary(&response, endpoint, u16::from(status)), error_code)
    };
    azure_core::Error::new(
        ErrorKind::HttpResponse {
            status,
            error_code,
            raw_response: Some(Box::new(raw)),
        },
        Kept { endpoint, message },
    )
}

/// The log-safe line of a kept answer: who answered, the status, and what
/// the body says by the rules of [`TokenError`](crate::TokenError)'s
/// `Display`.
fn summary(response: &HttpResponse<'_>, endpoint: Endpoint, status: u16) -> String {
    let who = match (endpoint.managed_identity, endpoint.surface) {
        (Some(source), _) => format!("the managed identity endpoint ({source})"),
        (None, Surface::Token) => "the token endpoint".to_owned(),
        (None, Surface::Authorize) => "the authorization endpoint".to_owned(),
        (None, _) => "the service".to_owned(),
    };
    let mut line = format!("{who} answered with HTTP status {status}");
    if let Some(err) = response.error_body() {
        line.push_str(&format!(": {err}"));
    } else if let Some(err) = response.resource_error() {
        line.push_str(&format!(": {}", loggable(err.api_code())));
    }
    line
}

/// The source of the error [`KeepResponses`] returns: which endpoint
/// answered, and a log-safe line about the answer (its `Display`, which
/// azure_identity copies into its own error's message).
#[derive(Debug)]
struct Kept {
    endpoint: Endpoint,
    message: String,
}

impl fmt::Display for Kept {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for Kept {}
