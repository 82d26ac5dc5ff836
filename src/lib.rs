//! Tell an OAuth client what to do when the identity platform says no.
//!
//! `oauth-triage` parses the error responses of OAuth 2.0 and OpenID Connect
//! servers, with first-class support for Microsoft Entra ID (Azure AD), and
//! turns each into one [`Action`]: retry, keep polling, renew the token, sign
//! the user in again, ask for consent, step up, fix the request /
//! configuration / credentials, or stop because access was denied. It embeds
//! a [`catalog`] of every documented `AADSTS` error code.
//!
//! # Quick start
//!
//! ```
//! use oauth_triage::{classify, Action, HttpResponse};
//!
//! // A failed refresh-token request, as Entra answers it.
//! let body = br#"{"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity.\r\nTrace ID: 6e94ade5-10de-4d67-909a-14d845813500","error_codes":[700082],"trace_id":"6e94ade5-10de-4d67-909a-14d845813500"}"#;
//! let response = HttpResponse::new(400).body(body);
//!
//! let c = classify(&response);
//! match c.action() {
//!     Action::Retry { after } => { /* sleep for `after` (or your backoff), then resend */ }
//!     Action::Renew => { /* refresh silently, then retry once */ }
//!     Action::Reauthenticate | Action::Consent | Action::StepUp(_) => { /* interactive sign-in */ }
//!     _ => { /* stop and report */ }
//! }
//! assert_eq!(c.action(), &Action::Reauthenticate);
//! assert_eq!(c.to_string(), "reauthenticate (decided by catalog:700082; status 400; error invalid_grant; codes 700082; trace_id 6e94ade5-10de-4d67-909a-14d845813500)");
//! ```
//!
//! # The next step
//!
//! [`Retries`] turns each classification into what to do next ([`Next`]):
//! send the same request again after a delay, renew the token, sign in, or
//! stop. It honours the server's delay, backs off with full jitter when
//! there is none, renews once (a second `renew` in a row means the fresh
//! token was refused too), and holds budgets of attempts and of elapsed
//! waiting that no server can stretch ([`RetryPolicy`] has the rules). It
//! keeps no clock and never sleeps: the caller waits, on any runtime.
//! (`cargo run --example retry_loop` adds a [`Throttle`], which holds back
//! the other tasks that would send the same request meanwhile.)
//!
//! ```
//! use oauth_triage::{classify, HttpResponse, Input, Next, RetryPolicy, Surface};
//!
//! /// Your HTTP call: `None` when no answer came (refused, reset, timed out).
//! fn send_token_request(n: u32) -> Option<(u16, Option<&'static str>, &'static [u8])> {
//!     match n {
//!         0 => None,
//!         1 => Some((503, Some("1"), br#"{"error":"temporarily_unavailable"}"#)),
//!         _ => Some((200, None, br#"{"access_token":"eyJ0eXAi","token_type":"Bearer","expires_in":3599}"#)),
//!     }
//! }
//!
//! fn get_token() -> Result<&'static [u8], String> {
//!     let mut retries = RetryPolicy::new().max_attempts(4).start();
//!     for n in 0.. {
//!         let answer = send_token_request(n);
//!         let c = match answer {
//!             None => classify(Input::transport_failure()),
//!             Some((status, retry_after, body)) => {
//!                 let mut response = HttpResponse::new(status).surface(Surface::Token);
//!                 if let Some(value) = retry_after {
//!                     response = response.header("Retry-After", value);
//!                 }
//!                 classify(response.body(body))
//!             }
//!         };
//!         match retries.next(&c) {
//!             Next::Done => return Ok(answer.map_or(&[][..], |(_, _, body)| body)),
//!             Next::Resend { after } => { let _ = after; /* std::thread::sleep(after) or your runtime's */ }
//!             Next::Renew => { /* get a new access token silently, then loop */ }
//!             // Sign in, or stop: report to whoever must act (`c.party()`).
//!             _ => return Err(c.to_string()),
//!         }
//!     }
//!     unreachable!("the budgets end the loop")
//! }
//!
//! assert!(get_token()?.starts_with(br#"{"access_token""#));
//! # Ok::<(), String>(())
//! ```
//!
//! # One way in per job
//!
//! | the job | the way in |
//! |---|---|
//! | classify an answer of any endpoint: token, authorization (an error page), resource, managed identity | [`HttpResponse`] from its status, headers and body (or `HttpResponse::from_parts` and `From<&http::Response<B>>` with the `http` feature, `From<&azure_core::http::RawResponse>` with `azure`); say which endpoint answered when you know it ([`HttpResponse::surface`], [`HttpResponse::managed_identity`]); then [`classify`]. A 2xx that is no error is [`Action::Success`]. |
//! | classify a part you hold alone: a token endpoint body, a REST API's error body, `WWW-Authenticate` values | [`TokenError::from_json`] (or [`TokenError::from_form`]), [`ResourceError::from_json`], [`Challenges::parse`]; then [`classify`] |
//! | read an authorization response (a redirect, a `form_post` body, a framework's decoded pairs, an axum handler's argument) | [`Callback`]: `from_redirect_uri`, `from_query`, `from_form_post`, `from_query_pairs` ([`Callback::options`] for other [`Limits`] or the response mode of pairs); [`Callback::check`]; then the code ([`VerifiedCallback::code`]) or [`classify`] of the error ([`VerifiedCallback::error`]). See [Web frameworks](#web-frameworks). |
//! | report a request that got no answer (refused, reset, timed out) | `classify(`[`Input::transport_failure`]`())` |
//! | decide the next step within budgets | [`RetryPolicy::start`], then [`Retries::next`] for each classification; a shared [`Throttle`] across tasks; `tower::ClassifyRetry` in a tower stack (`tower` feature) |
//! | read a server whose values mean something of its own, or handle values your way | [`classify_with`] and [`Rules`] naming the [`Provider`] and your overrides |
//! | classify what `oauth2`, `openidconnect` or `azure_identity` returned | `classify(&err)` (`oauth2`, `azure` features); `oauth2::KeepResponses` and `azure::KeepResponses` keep whole error responses |
//! | keep a classification, or return it as an error | [`Classification::into_owned`]: `Classification<'static>` is `Send + Sync` and an `Error` |
//! | explain an `AADSTS` code | `"AADSTS50011".parse::<`[`AadstsCode`]`>()`, then [`AadstsCode::entry`]; [`catalog::search`] by words |
//!
//! # Feature flags
//!
//! - `http`: [`HttpResponse::from_parts`](HttpResponse) and
//!   `HttpResponse::headers` take what reqwest, hyper and axum hand over
//!   (an `http::StatusCode`, an `http::HeaderMap`, a collected body),
//!   borrowed; `From<&http::Response<B>>` for [`HttpResponse`] and
//!   `From<&http::HeaderMap>` for [`Challenges`]. With reqwest, take the
//!   headers out before reading the body, which consumes the response:
//!
//! ```
//! # #[cfg(feature = "http")]
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use oauth_triage::{classify, Action, HttpResponse};
//!
//! // let status = resp.status();
//! // let headers = std::mem::take(resp.headers_mut());
//! // let body = resp.bytes().await?;
//! # let status = http::StatusCode::TOO_MANY_REQUESTS;
//! # let mut headers = http::HeaderMap::new();
//! # headers.insert(http::header::RETRY_AFTER, http::HeaderValue::from_static("20"));
//! # let body = b"{\"error\":\"temporarily_unavailable\"}".to_vec();
//! let c = classify(HttpResponse::from_parts(status, &headers, &body));
//! assert_eq!(c.retry_after(), Some(std::time::Duration::from_secs(20)));
//! assert!(c.action().is_retryable());
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "http"))]
//! # fn main() {}
//! ```
//!
//! - `oauth2` (turns `http` on): the seams with the `oauth2` crate
//!   (version 5) and `openidconnect`: `classify` takes
//!   `oauth2::RequestTokenError` and oauth2's standard error responses;
//!   the `oauth2::KeepResponses` wrapper hands back whole error responses
//!   (status, `Retry-After`, `WWW-Authenticate`, body);
//!   [`TokenError<'static>`](TokenError) can be an `oauth2::Client`'s
//!   error type (`oauth2::TokenErrorClient`), so that every Entra member
//!   of the body survives. See the `oauth2` module.
//! - `catalog-text` (on by default): the catalog's summaries, remedies,
//!   reasons, notes and sources ([`catalog::Entry`]'s text fields, which
//!   exist only with it). Without it the catalog keeps codes, names, aliases,
//!   categories, parties and action overrides, everything classification
//!   reads, and a stripped binary is about 237 KB smaller
//!   (`benches/README.md`). The `explain` example needs it.
//! - `url`: `TryFrom<&url::Url>` for [`Callback`],
//!   for apps that hold the redirect URI as a `url::Url`, and
//!   `Url::query_pairs()` as a [`QueryPairs`] source. (`TryFrom<&http::Uri>`
//!   comes with the `http` feature.)
//! - `tower` (turns `http` on): `tower::ClassifyRetry`, a
//!   `tower::retry::Policy` (tower 0.5) that classifies each collected
//!   `http::Response` and retries as [`Retries`] says, sleeping on tokio's
//!   timer. See the `tower` module.
//! - `axum` (turns `http` on; **Rust 1.78**, above the crate's 1.74, and
//!   axum 0.8 itself needs 1.80): `Callback<'static>` is an axum 0.8
//!   extractor; see the `axum` module and [Web frameworks](#web-frameworks).
//!   Off by default.
//! - `azure` (Rust 1.88 or newer, as `azure_core` 1 needs; the other
//!   features build from 1.74): the seams with the Azure SDK for Rust.
//!   `classify` takes an `azure_core::Error`, finding the answer anywhere
//!   in its source chain (`azure_identity`'s credentials wrap it);
//!   `azure::KeepResponses` is a pipeline policy that hands every failed
//!   answer back whole, so that what `azure_identity` cannot parse (an
//!   HTML page, an empty body) still classifies, and records which
//!   endpoint answered (Entra, a managed identity endpoint, a service);
//!   `HttpResponse::from_azure_parts` and `From<&azure_core::http::RawResponse>`
//!   read azure_core's responses. See the `azure` module, which also says
//!   what an `azure_identity` user can do about a step-up.
//!
//! # Web frameworks
//!
//! A callback handler reads the authorization response from the request,
//! checks it against what the user's session kept ([`ExpectedCallback`]),
//! deletes what the session kept (a replayed callback must not pass
//! again), then redeems the code or classifies the error.
//!
//! **axum** (`axum` feature): take `Callback<'static>` as the handler's
//! last argument, for `get(handler).post(handler)`. It reads the query of a
//! GET or the `form_post` body of a POST, refuses duplicates, bad
//! percent-encoding and oversized input, and answers a refusal with a 400
//! that echoes nothing; the `axum` module has the details and an example.
//!
//! **actix-web 4**: two handlers over the raw query and the raw body (this
//! crate does not depend on actix-web; `interop/tests/actix.rs` runs this
//! recipe on a server on 127.0.0.1):
//!
//! ```ignore
//! use actix_web::{web, HttpRequest, HttpResponse};
//! use oauth_triage::{Callback, ParseError};
//!
//! /// GET: the query exactly as sent (never `web::Query<HashMap<..>>`,
//! /// which drops a duplicated `state`).
//! async fn callback_get(req: HttpRequest) -> HttpResponse {
//!     answer(Callback::from_query(req.query_string()))
//! }
//!
//! /// POST, `response_mode=form_post`: the body, bounded by
//! /// `App::new().app_data(web::PayloadConfig::new(64 * 1024))`.
//! async fn callback_post(req: HttpRequest, body: web::Bytes) -> HttpResponse {
//!     let form = req.headers().get("content-type").and_then(|v| v.to_str().ok())
//!         .is_some_and(|v| v.split(';').next().unwrap_or("").trim()
//!             .eq_ignore_ascii_case("application/x-www-form-urlencoded"));
//!     if !form {
//!         return HttpResponse::UnsupportedMediaType().finish();
//!     }
//!     answer(Callback::from_form_post(&body))
//! }
//!
//! fn answer(parsed: Result<Callback<'_>, ParseError>) -> HttpResponse {
//!     match parsed {
//!         // Name the problem; repeat nothing of the request.
//!         Err(err) => HttpResponse::BadRequest().content_type("text/plain; charset=utf-8")
//!             .body(format!("the authorization response could not be read ({})", err.kind())),
//!         Ok(callback) => {
//!             // Find the session by callback.state(), check with its
//!             // ExpectedCallback, then redeem or classify.
//!             HttpResponse::Ok().finish()
//!         }
//!     }
//! }
//! ```
//!
//! **Anything else**: the raw query to [`Callback::from_query`] (or an
//! `http::Uri` to `Callback::try_from`, `http` feature), a `form_post` body
//! to [`Callback::from_form_post`]. Pairs a framework has already decoded go
//! to [`Callback::from_query_pairs`] only in their order ([`QueryPairs`]);
//! the decoding then hid bad percent-encoding.
//!
//! # The golden rule
//!
//! **No decision ever reads `error_description`.** It is free text for humans:
//! it changes without notice, is localized, and in redirect flows an attacker
//! can shape it. Actions are decided from structured signals only: the HTTP
//! status, headers (`Retry-After`, `DPoP-Nonce`, `WWW-Authenticate`),
//! `error`, `suberror`, `claims` and `error_codes` (through the catalog). The description is kept verbatim for display
//! ([`TokenError::description`]), and the test suite proves that replacing or
//! removing it never changes a classification.
//!
//! Entra warns that its numeric codes change over time, so codes only refine
//! what the `error` value already says: an unknown code changes nothing.
//!
//! # The decision procedure
//!
//! See [`classify`]: ten steps, first match wins, and
//! [`Classification::decided_by`] records which step decided.
//!
//! # Providers
//!
//! Step 8 knows what other servers send, not only the registries' values:
//! [`ErrorName`] recognizes the values of Google, GitHub, Auth0, Okta,
//! Keycloak, Amazon Cognito, Sign in with Apple, Salesforce, Slack,
//! LinkedIn, Yahoo, Microsoft's own endpoints (admin consent, personal
//! accounts), Spring Security OAuth, node-oidc-provider, Ory Hydra,
//! Gluu/Janssen, FusionAuth, Doorkeeper, thephpleague/oauth2-server,
//! Casdoor, PayPal, WSO2, IBM and OpenID Federation, each variant naming
//! who sends it and linking the source. A value is mapped where its
//! meaning is the same wherever it appears, or by surface where that tells
//! the meanings apart: a value that means "renew" at a resource never
//! renews at the token endpoint, where getting a token is what just failed
//! (`invalid_token` there is `abort`; `expired_token` there means the
//! sign-in starts over, `reauthenticate`). The members that decide are
//! read: Google's `error_subtype` (as a [`Suberror`]), Auth0's `mfa_token`
//! (carried by the [`StepUp`]), GitHub's `interval` on `slow_down` (carried
//! by [`Action::SlowDown`]).
//!
//! Where a value means different things at different servers and nothing
//! in the response tells them apart (Keycloak's `unauthorized_client` on a
//! 401 is a wrong client secret; Google's is a missing delegation), the
//! built-in reading stays the registry's, and [`classify_with`] lets the
//! caller name the [`Provider`]. The same [`Rules`] carries the caller's
//! own overrides of an `error` value or an AADSTS code.
//!
//! # Security notes
//!
//! An auth library reads input an attacker can shape: anyone can send a
//! browser to a redirect URI with `error=...` in it, and proxies and captive
//! portals answer with pages of their own. What the crate does about it:
//!
//! - **The description is never read.** `error_description` (and Graph's
//!   `message`) is free text: it changes without notice, is localized, and in
//!   a redirect anyone can write it. A classifier that matched on it could be
//!   steered into `retry` loops or into silence. Tests replace and remove it
//!   in every public sample, on every surface, and the classification never
//!   changes.
//! - **Callbacks are checked before they are believed**, successes and
//!   errors alike ([`Callback::check`]; the code is reachable only through
//!   it), in this order:
//!   duplicated parameters are rejected by the parser (with two `error` or
//!   two `state` values there is no telling which is real), and a map of
//!   parameters, which has lost them, does not compile ([`QueryPairs`]);
//!   then `iss` against the expected issuer (RFC 9207, exact string
//!   comparison; required from servers that advertise it,
//!   [`ExpectedCallback::issuer`], compared when present from the others,
//!   [`ExpectedCallback::issuer_if_present`]); then `state` against the
//!   value sent, compared in constant time. Only then is the `error`
//!   classified. See [`Callback::check`] and [`ExpectedCallback`],
//!   which says which servers advertise RFC 9207. JWT-secured responses (JARM) are refused as
//!   [`ParseError::Jwt`] until you have verified the JWT.
//! - **Codes from `error_uri` are read only from Microsoft's sign-in hosts**
//!   (`https`, the host exactly `login.microsoftonline.com` or a sovereign
//!   cloud's, no user part, no `\`, the fragment set aside), read as a URL
//!   parser reads them. This keeps another server's links (an error page of
//!   its own with a `code` parameter) from naming an AADSTS code. It
//!   authenticates nothing: whoever writes a response (or forges a
//!   redirect) writes its `error_uri` as freely as its `error`, which is
//!   why a code only refines what `error` already says, and why a callback
//!   is believed only after [`Callback::check`].
//! - **Inputs are bounded** by [`Limits`]: 64 KiB bodies, 16 KiB URLs and
//!   header values, 256 members or parameters, 16 challenges, JSON nested 32
//!   levels. Over a bound is a clear [`ParseError`] (`too_large`, `too_many`,
//!   `too_deep`), checked while parsing; within the bounds the work is linear
//!   in the size of the input.
//! - **No panics, no `unsafe`.** The parsers are fuzzed and property-tested.
//!
//! # Log safety
//!
//! `Display` of a [`Classification`], a [`TokenError`] and a [`ParseError`]
//! is safe for logs: it never contains free text from the server. A
//! classification or a token error prints the `error` and `suberror`
//! values when they are plain symbols (else `unrecognized`), AADSTS codes
//! and ids that look like ids (a classification adds the action, the
//! deciding step and the status); a parse error quotes at most 24
//! characters of the input, escaped, with any word holding an `@` replaced
//! by `[email]`.
//!
//! `Debug` of every public type is safe too, since `{:?}`, `unwrap` and
//! error reports put it into logs. The rules, the same for every type:
//!
//! - free text (`error_description`, Graph's `message`) and the values of
//!   members and parameters the crate does not model (where `mfa_token`,
//!   `device_code`, `access_token` and assertions arrive) print as
//!   `[redacted: N bytes]`, N being the length of the text;
//! - an authorization code, a token and `state` never print;
//! - `error` and `suberror` values, codes, ids, timestamps and links print
//!   when they look like what they are, else as `[redacted: N bytes]` too;
//! - the claims request of a step-up prints: it names claims and policies,
//!   not people.
//!
//! These accessors return **raw server text**, for display to developers
//! and for support, never for decisions: [`TokenError::description`],
//! [`TokenError::extra`], [`AuthorizeError::description`],
//! [`AuthorizeError::extra`], [`AuthorizeError::error_uri`],
//! [`Callback::state`], [`Callback::iss`], [`VerifiedCallback::param`],
//! [`AuthorizeError::error_subcode`], [`Challenge::error_description`],
//! [`Challenge::param`], [`Challenge::params`], [`ResourceError::message`],
//! [`ResourceError::api_code`], [`HttpResponse::dpop_nonce`], and the text of an
//! [`Unrecognized`] value. They are the way to read what `Debug` redacts.
//! The `Serialize` output of a [`Classification`], for structured logs,
//! follows the same rules as its `Display`. That of a [`TokenError`] is the
//! body itself, raw server text: store or forward it, do not log it.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod action;
mod authorize;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "azure")]
pub mod azure;
mod callback;
pub mod catalog;
mod challenge;
mod classify;
mod error;
mod error_code;
mod form;
mod http;
mod json_scan;
mod json_text;
mod limits;
mod log_safe;
mod managed_identity;
#[cfg(feature = "oauth2")]
pub mod oauth2;
pub mod peers;
pub mod providers;
mod resource;
mod retries;
mod retry;
mod rules;
mod sniff;
mod surface;
mod throttle;
mod token;
#[cfg(feature = "tower")]
pub mod tower;

pub use crate::action::{Action, Party, StepUp};
pub use crate::authorize::AuthorizeError;
pub use crate::callback::{
    Callback, CallbackError, CallbackOptions, ExpectedCallback, VerifiedCallback,
};
pub use crate::catalog::{AadstsCode, NotACode};
pub use crate::challenge::{Challenge, Challenges};
pub use crate::classify::{classify, classify_with, Classification, DecidedBy, Input};
pub use crate::error::ParseError;
pub use crate::error_code::{ErrorName, Suberror, Unrecognized};
pub use crate::form::{QueryPairs, ResponseMode};
pub use crate::http::HttpResponse;
pub use crate::limits::Limits;
pub use crate::managed_identity::ManagedIdentitySource;
pub use crate::resource::{Api, ResourceError};
pub use crate::retries::{Next, Retries, RetryPolicy};
pub use crate::retry::DEFAULT_MAX_RETRY_AFTER;
pub use crate::rules::{Provider, Rules};
pub use crate::surface::{Surface, UnknownSurface};
pub use crate::throttle::{Held, Throttle};
pub use crate::token::TokenError;

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
