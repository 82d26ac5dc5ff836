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
//! # Which function for which response
//!
//! | you have | call |
//! |---|---|
//! | a token endpoint JSON body (also device-code polling, on-behalf-of, client credentials) | [`TokenError::from_json`], then [`classify`] |
//! | the redirect URL of an authorization callback (query or fragment) | [`AuthorizeError::from_redirect_uri`], [`AuthorizeError::check`], then [`classify`] |
//! | a `response_mode=form_post` callback body | [`AuthorizeError::from_form_post`], [`AuthorizeError::check`], then [`classify`] |
//! | `WWW-Authenticate` header values from a protected resource | [`Challenges::parse`] / [`Challenges::with_header`] (or [`Challenge::parse_all`]), then [`classify`] |
//! | a Microsoft Graph / Azure Resource Manager error body | [`ResourceError::from_json`], or let [`HttpResponse`] find it |
//! | the whole HTTP response (status, `Retry-After`, `DPoP-Nonce`, `WWW-Authenticate`, body) | [`HttpResponse`] (or `From<&http::Response<B>>` with the `http` feature), then [`classify`] |
//! | an `AADSTS` code to explain | [`catalog::find`] |
//!
//! # Feature flags
//!
//! - `http`: `From<&http::Response<B>>` for [`HttpResponse`] and
//!   `From<&http::HeaderMap>` for [`Challenges`].
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
//! # Log safety
//!
//! `Display` of a [`Classification`] and of a [`ParseError`] never contains
//! free text from the server. The accessors that return raw server text say
//! so in their docs ([`TokenError::description`], [`TokenError::extra`]).

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod authorize;
pub mod catalog;
mod challenge;
mod classify;
mod error;
mod error_code;
mod http;
mod limits;
mod resource;
mod retry;
mod token;

pub use crate::authorize::{AuthorizeError, CallbackError, ExpectedCallback, ResponseMode};
pub use crate::challenge::{Challenge, Challenges};
pub use crate::classify::{
    classify, Action, Classification, DecidedBy, Input, Party, StepUp, Surface,
};
pub use crate::error::ParseError;
pub use crate::error_code::{ErrorCode, Suberror, Unrecognized};
pub use crate::http::HttpResponse;
pub use crate::limits::Limits;
pub use crate::resource::ResourceError;
pub use crate::retry::{parse_http_date, RetryAfter, DEFAULT_MAX_RETRY_AFTER};
pub use crate::token::TokenError;

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[cfg(test)]
mod tests {
    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types_are_send_and_sync() {
        assert_send_sync::<crate::TokenError<'_>>();
        assert_send_sync::<crate::Challenge<'_>>();
        assert_send_sync::<crate::Classification<'_>>();
        assert_send_sync::<crate::HttpResponse<'_>>();
        assert_send_sync::<crate::AuthorizeError<'_>>();
        assert_send_sync::<crate::Challenges<'_>>();
        assert_send_sync::<crate::ResourceError<'_>>();
        assert_send_sync::<crate::CallbackError>();
        assert_send_sync::<crate::ParseError>();
        assert_send_sync::<crate::catalog::Entry>();
    }
}
