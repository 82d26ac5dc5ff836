//! The decision procedure behind [`classify`] and its outcome,
//! [`Classification`]: it reads the typed responses the parsers produce
//! (none of which knows of it) and the catalog, and names an
//! [`Action`](crate::Action).

mod classification;
pub(crate) mod input;
mod tables;

use std::borrow::Cow;
use std::time::Duration;

use crate::action::Action;
use crate::catalog::AadstsCode;
use crate::classify::input::{Signals, Source, StepUpFrom};
use crate::classify::tables::{
    by_api_code, by_error, by_managed_identity, by_provider, by_suberror,
};
use crate::error_code::{ErrorName, Suberror};
use crate::retry::DEFAULT_MAX_RETRY_AFTER;
use crate::rules::Rules;
use crate::surface::Surface;
use crate::token::TokenError;

pub use crate::classify::classification::{Classification, DecidedBy};
pub use crate::classify::input::Input;

/// Decides what the client should do about a failed request.
///
/// It takes a token error, an authorization callback error, the challenges
/// of a protected resource, or a whole HTTP response alike (see [`Input`]).
/// The decision reads only structured signals: the HTTP status, the
/// `Retry-After`, `DPoP-Nonce` and `WWW-Authenticate` headers, `error`,
/// `suberror`, `claims` and the AADSTS codes (through the [`catalog`](crate::catalog)). **It never reads
/// `error_description`**, which is free text: it changes without notice, is
/// localized, and in redirect flows an attacker can shape it.
///
/// The first matching step decides, and [`Classification::decided_by`] says
/// which:
///
/// 1. **HTTP status**: no answer at all ([`Input::transport_failure`])
///    → `retry`, decided by `transport`. 408, 429 and every 5xx but 501
///    and 505 → `retry`, with the server's delay: `x-ms-retry-after-ms`,
///    else `retry-after-ms`, else `Retry-After` (the order `azure_core`
///    reads them in; see [`HttpResponse::retry_after`](crate::HttpResponse::retry_after)), and never less
///    than a catalog minimum for a code in the body (AADSTS90055: 60 s);
///    codes in such bodies are recorded but never change the action.
///    501 (Not Implemented) and 505 (HTTP Version Not Supported) →
///    `fix_request`: the server will not do what was asked, however often
///    it is asked (RFC 9110 §15.6.2, §15.6.6; MSAL does not retry them
///    either). A 2xx whose body carries no `error` (an empty body, a token
///    response) → `success`. A 2xx that carries an `error` (GitHub answers
///    token errors with 200) goes on to the next steps, and a 2xx whose
///    body cannot be read (a captive portal's HTML page) to the fallback.
///    The surface the later steps read is the one the caller declared
///    ([`HttpResponse::surface`](crate::HttpResponse::surface)), else the one the response suggests.
///    An answer from an Azure managed identity endpoint
///    ([`HttpResponse::managed_identity`](crate::HttpResponse::managed_identity)) meets that endpoint's own rules
///    first, decided by `managed_identity`: IMDS retries 404, 410, 429 and
///    every 5xx, 501 and 505 too; App Service's 400 without an OAuth error
///    is `fix_config`; Azure Arc's 401 with a `Basic realm` challenge is
///    `renew` (its key file handshake); Service Fabric's 404 and
///    `ManagedIdentityNotFound` are `fix_config`, and so on
///    ([`ManagedIdentitySource`](crate::ManagedIdentitySource) lists them with their sources).
/// 2. **Polling**: `authorization_pending` → `keep_polling`; `slow_down` → `slow_down`.
/// 3. **DPoP**: `use_dpop_nonce` with a `DPoP-Nonce` header → `retry_with_nonce`
///    (without one → `fix_request`).
/// 4. **suberror `message_only`** → `denied`.
/// 5. **Claims**: a non-empty `claims` request in a token error, or a
///    challenge with `insufficient_claims` / `insufficient_user_authentication`
///    → `step_up`, carrying the (decoded) claims, `acr_values` and `max_age`;
///    **except** when the response names a cause no sign-in can cure:
///    `error` `invalid_client` or `invalid_tenant`, or the suberror
///    `client_mismatch` or `protection_policy_required`. Those go on to the
///    next steps (`fix_credentials`, `fix_config`, `renew`), as MSAL reads
///    them: a step-up would send the same client, tenant or refresh token
///    again and fail the same way (see [`peers`](crate::peers)).
/// 6. **Other suberrors**: `consent_required` → `consent`; `basic_action`,
///    `additional_action`, `user_password_expired`, `bad_token`,
///    `token_expired`, `device_authentication_failed` → `reauthenticate`;
///    `client_mismatch` → `renew`; `protection_policy_required` → `fix_config`.
/// 7. **Catalog**: the first AADSTS code whose [catalog entry](crate::catalog::Entry)
///    has an action override → that action.
/// 8. **The `error` value**, read for the surface (see [`ErrorName`]); the
///    `error` of the challenge of the scheme in use comes before the body's.
///    For a REST API's error body ([`ResourceError`](crate::ResourceError): Microsoft Graph and
///    Resource Manager, Google, Meta, Dropbox, Okta, Salesforce), its code
///    where the meaning is clear (`InvalidAuthenticationToken` → `renew`,
///    `AuthorizationFailed` → `denied`, Google's `UNAUTHENTICATED` →
///    `renew`, ...). A caller's [`Rules`] overrides `error` values, not
///    these codes.
/// 9. **Resource challenge without `error`** (on a 401, or with no status
///    known) → `renew`.
/// 10. **Fallback** → `abort`.
///
/// # Examples
///
/// ```
/// use oauth_triage::{classify, Action, DecidedBy, TokenError};
///
/// let body = br#"{"error":"invalid_grant","error_description":"AADSTS50173: ...","error_codes":[50173]}"#;
/// let err = TokenError::from_json(body)?;
/// let c = classify(&err);
/// assert_eq!(c.action(), &Action::Reauthenticate);
/// assert_eq!(c.decided_by(), DecidedBy::Catalog(50173.into()));
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
pub fn classify<'a>(input: impl Into<Input<'a>>) -> Classification<'a> {
    classify_with(input, &DEFAULT_POLICY)
}

/// What [`classify`] decides with: a static, so that no call builds or
/// drops a policy.
static DEFAULT_POLICY: Rules<'static> = Rules::DEFAULT;

/// Decides as [`classify`] does, with what the caller knows: the
/// [`Provider`](crate::Provider) that answered and the caller's own overrides (a
/// [`Rules`]).
///
/// The caller's overrides apply at the step where the built-in ones do,
/// before them: an AADSTS code's at step 7, an `error` value's at step 8.
/// At step 8 the provider's rules come next, then the built-in mapping.
/// The provider rules are those values whose meaning differs between
/// servers in ways neither the surface nor the status tells apart:
///
/// | provider | value | surface, status | action | why |
/// |---|---|---|---|---|
/// | Keycloak, X | `unauthorized_client` | 401 | `fix_credentials` | they report a wrong client secret or missing client authentication so (elsewhere the grant is not allowed: `fix_config`) |
/// | Keycloak | `invalid_resource` | any | `fix_request` | Authorization Services: the request names an unknown resource id |
/// | node-oidc-provider | `invalid_client` | 400 | `fix_config` | 400 means no such client; 401 means wrong credentials |
/// | X, LinkedIn, Discord, Shopify | `invalid_request` | token | `reauthenticate` | they report a spent or expired authorization code so |
/// | PayPal | `access_denied` | token | `reauthenticate` | it reports an invalid authorization code so |
/// | Discord, GitHub, Zoom | `unsupported_grant_type` | token | `fix_request` | sent for a malformed token request or a wrong `grant_type` string (GitHub's device flow: the device-code grant URN was not sent) |
/// | Spring | `invalid_token` | token | `reauthenticate` | legacy Spring Security OAuth reports an expired refresh token so |
/// | Slack | `token_expired`, `not_authed` | any | `renew` | Slack's API answers with HTTP 200 bodies and no challenge, which read as the token endpoint's |
/// | Zoho | `Access Denied` | token | `retry` | Zoho's token endpoint says so when a client asked for too many access tokens in a short time (elsewhere the phrase is a refusal: `denied`) |
/// | Bitbucket | `unauthorized_client` | token | `fix_credentials` | Bitbucket Cloud reports a wrong client key or secret so (elsewhere: the grant is not allowed, `fix_config`) |
///
/// REST API bodies ([`ResourceError`](crate::ResourceError)) whose numbers mean different things
/// at different servers are read only with the provider named: the
/// `code`/`message` bodies of Zoom (124: the access token is invalid or
/// expired → `renew`; 4700, 4711: the token lacks a scope → `consent`),
/// Discord (40001 → `renew`; 50001, 50013: the bot or user lacks access
/// → `denied`) and Atlassian (401 → `renew`).
///
/// Sources: the providers' pages linked from each [`ErrorName`] variant and
/// from the [`providers`](crate::providers) table.
///
/// # Examples
///
/// ```
/// use oauth_triage::{classify, classify_with, Action, DecidedBy, Rules, Provider, TokenError};
///
/// // X answers a spent authorization code with `invalid_request`.
/// let err = TokenError::from_json(br#"{"error":"invalid_request","error_description":"Value passed for the authorization code was invalid."}"#)?;
/// assert_eq!(classify(&err).action(), &Action::FixRequest);
/// let x = Rules::new().provider(Provider::X);
/// let c = classify_with(&err, &x);
/// assert_eq!((c.action(), c.decided_by()), (&Action::Reauthenticate, DecidedBy::Provider));
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
pub fn classify_with<'a>(input: impl Into<Input<'a>>, policy: &Rules<'_>) -> Classification<'a> {
    match input.into().0 {
        Source::Token(err) => outcome(Signals::token(err), policy),
        Source::Authorize(err) => outcome(Signals::authorize(err), policy),
        Source::Challenges(challenges) => outcome(Signals::challenge(challenges), policy),
        Source::Http(response) => outcome(Signals::http(response), policy),
        Source::Resource(err) => outcome(Signals::resource(err), policy),
        // Values given by value die here: keep nothing that points into them.
        Source::OwnedToken(err) => outcome(Signals::token(&err), policy).into_owned(),
        Source::OwnedAuthorize(err) => outcome(Signals::authorize(&err), policy).into_owned(),
        Source::OwnedChallenges(challenges) => {
            outcome(Signals::challenge(&challenges), policy).into_owned()
        }
        Source::OwnedHttp(response) => outcome(Signals::http(&response), policy).into_owned(),
        Source::OwnedResource(err) => outcome(Signals::resource(&err), policy).into_owned(),
        Source::Unparsed(err) => outcome(
            Signals {
                parse_error: Some(&err),
                ..Signals::new(Surface::Token)
            },
            policy,
        )
        .into_owned(),
        Source::Transport => outcome(
            Signals {
                transport_failed: true,
                ..Signals::new(Surface::Token)
            },
            policy,
        ),
        Source::Unknown => outcome(Signals::new(Surface::Token), policy),
        Source::Deferred(err) => err.classify_owned(policy),
    }
}

/// Runs the procedure on the signals and keeps the evidence.
fn outcome<'a>(mut signals: Signals<'a>, policy: &Rules<'_>) -> Classification<'a> {
    let (action, decided_by) = decide(&mut signals, policy);
    // A success body is no parse failure, whatever the body parser says of it.
    let parse_error = match action {
        Action::Success => None,
        _ => signals.parse_error.cloned(),
    };
    Classification {
        action,
        decided_by,
        surface: signals.surface,
        status: signals.status,
        error: signals.error,
        other_error: signals.other_error,
        suberror: signals.suberror,
        api_code: signals.resource.map(|r| Cow::Borrowed(r.api_code())),
        codes: signals.codes,
        trace_id: signals.trace_id.map(Cow::Borrowed),
        correlation_id: signals.correlation_id.map(Cow::Borrowed),
        timestamp: signals.timestamp.map(Cow::Borrowed),
        parse_error,
        managed_identity: signals.managed_identity,
    }
}

/// The procedure of [`classify`], step by step.
fn decide<'a>(s: &mut Signals<'a>, policy: &Rules<'_>) -> (Action<'a>, DecidedBy) {
    let retry = Action::Retry {
        after: s.retry_after,
    };
    let error = s.error.as_ref();

    // 1. No answer at all, then the HTTP status.
    if s.transport_failed {
        return (retry, DecidedBy::Transport);
    }
    if let Some(status) = s.status {
        // The managed identity endpoint's own rules come first (IMDS
        // retries a 404, a 410 and a 501).
        if let Some(source) = s.managed_identity {
            if let Some(action) = by_managed_identity(source, status, s, retry.clone()) {
                return (action, DecidedBy::ManagedIdentity);
            }
        }
        if is_transient(status) {
            // A catalog minimum (AADSTS90055's 60 s) holds here as at step 7,
            // within the caller's cap.
            let after = s
                .retry_after
                .max(catalog_minimum(s.codes.as_slice()))
                .map(|after| after.min(s.max_delay));
            return (Action::Retry { after }, DecidedBy::Status);
        }
        // Not Implemented, HTTP Version Not Supported: the server will not
        // do what was asked however often it is asked.
        if matches!(status, 501 | 505) {
            return (Action::FixRequest, DecidedBy::Status);
        }
        // A 2xx is a success unless it carries an error (GitHub answers
        // token errors with 200) or its body cannot be read (a captive
        // portal's page falls through to the fallback).
        if (200..=299).contains(&status)
            && s.body_is_success
            && error.is_none()
            && s.resource.is_none()
        {
            return (Action::Success, DecidedBy::Status);
        }
    }

    // 2. Polling.
    match error {
        Some(ErrorName::AuthorizationPending) => return (Action::KeepPolling, DecidedBy::Polling),
        Some(ErrorName::SlowDown) => {
            let interval = slow_down_interval(s);
            return (Action::SlowDown { interval }, DecidedBy::Polling);
        }
        _ => {}
    }

    // 3. DPoP.
    if matches!(
        error,
        Some(ErrorName::UseDpopNonce | ErrorName::UseNewDpopNonce)
    ) {
        let action = if s.dpop_nonce {
            Action::RetryWithNonce
        } else {
            Action::FixRequest
        };
        return (action, DecidedBy::Dpop);
    }

    // 4. suberror message_only.
    if s.suberror == Some(Suberror::MessageOnly) {
        return (Action::Denied, DecidedBy::Suberror);
    }

    // 5. Claims (a body's claims request, or a step-up challenge), unless
    //    the response names a cause no sign-in can cure: the client's
    //    credentials or the tenant, or a suberror that is no interactive
    //    need (MSAL's own reading; see the `peers` module).
    let no_interactive_need = matches!(
        error,
        Some(ErrorName::InvalidClient | ErrorName::InvalidTenant)
    ) || matches!(
        s.suberror,
        Some(Suberror::ClientMismatch | Suberror::ProtectionPolicyRequired)
    );
    if !no_interactive_need {
        if let Some(step_up) = s.step_up.take().and_then(StepUpFrom::read) {
            return (Action::StepUp(step_up), DecidedBy::Claims);
        }
    }

    // 6. Other suberrors.
    if let Some(action) = s.suberror.as_ref().and_then(by_suberror) {
        return (action, DecidedBy::Suberror);
    }

    // 7. Catalog refinement: the caller's overrides, then the catalog's,
    //    code by code.
    let at_least = |action: Action<'static>| match action {
        Action::Retry { after } => Action::Retry {
            after: after.max(s.retry_after).map(|after| after.min(s.max_delay)),
        },
        other => other,
    };
    for &code in s.codes.as_slice() {
        if let Some(action) = policy.code_action(code) {
            return (at_least(action.clone()), DecidedBy::RulesCode(code));
        }
        if let Some(action) = code.entry().and_then(|e| e.action.clone()) {
            return (at_least(action), DecidedBy::Catalog(code));
        }
    }

    // 8. The error value: the caller's override, the provider's reading,
    //    the built-in one (or a resource API's error code).
    if let Some(error) = error {
        if let Some(action) = policy.error_action(error) {
            return (at_least(action.clone()), DecidedBy::RulesError);
        }
        if let Some(action) = policy
            .named_provider()
            .and_then(|p| by_provider(p, s, error))
        {
            return (action, DecidedBy::Provider);
        }
        if let Some(action) = by_error(s, error, retry) {
            return (action, DecidedBy::Error);
        }
    } else if let Some(resource) = s.resource {
        if let Some(action) = by_api_code(resource, policy.named_provider(), retry) {
            return (action, DecidedBy::Error);
        }
    }

    // 9. A resource challenge without `error`, on a 401 (RFC 6750 §3.1: the
    //    token was missing or not accepted). On a 403 a new token of the
    //    same kind would be refused again, so that falls through.
    if s.challenge && error.is_none() && s.status.map_or(true, |status| status == 401) {
        return (Action::Renew, DecidedBy::ChallengeNoError);
    }

    // 10. Fallback.
    (Action::Abort, DecidedBy::Fallback)
}

/// The polling interval a `slow_down` names (GitHub's `interval`), within
/// bounds: at least 5 seconds, as RFC 8628 §3.5 raises any interval by at
/// least that much, and at most the cap on a server's delay
/// ([`DEFAULT_MAX_RETRY_AFTER`](crate::DEFAULT_MAX_RETRY_AFTER), one hour),
/// so that no value sent can park a client, or overflow an `Instant`.
fn slow_down_interval(s: &Signals<'_>) -> Option<Duration> {
    let interval = s.token.and_then(TokenError::interval)?;
    Some(interval.clamp(Duration::from_secs(5), DEFAULT_MAX_RETRY_AFTER))
}

/// Whether a status says the failure is the moment's, not the request's:
/// 408 Request Timeout, 429 Too Many Requests, and every 5xx but 501 Not
/// Implemented and 505 HTTP Version Not Supported
/// ([RFC 9110 §15.5.9](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.9),
/// [RFC 6585 §4](https://www.rfc-editor.org/rfc/rfc6585#section-4),
/// [RFC 9110 §15.6](https://www.rfc-editor.org/rfc/rfc9110#section-15.6)).
fn is_transient(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502..=504 | 506..=599)
}

/// The longest delay the catalog asks for among these codes (AADSTS90055:
/// 60 seconds), for a retry decided by status.
fn catalog_minimum(codes: &[AadstsCode]) -> Option<Duration> {
    codes
        .iter()
        .filter_map(|&code| match code.entry()?.action {
            Some(Action::Retry { after }) => after,
            _ => None,
        })
        .max()
}
