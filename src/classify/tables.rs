//! The rule tables the procedure looks actions up in: a managed identity
//! endpoint's rules (step 1), suberrors (step 6), `error` values, a named
//! provider's readings and REST API codes (step 8).

use crate::action::{Action, StepUp};
use crate::classify::input::Signals;
use crate::classify::{catalog_minimum, slow_down_interval};
use crate::error_code::{ErrorName, Suberror};
use crate::managed_identity::ManagedIdentitySource;
use crate::resource::{Api, ResourceError};
use crate::rules::Provider;
use crate::surface::Surface;
use crate::token::TokenError;

/// Step 8 for a REST API's error body: the codes whose meaning for an
/// OAuth client is unambiguous, by API (sources in [`Api`]'s docs); for
/// [`Api::CodeMessage`], whose numbers differ by server, only with the
/// provider named.
pub(super) fn by_api_code<'a>(
    resource: &ResourceError<'_>,
    provider: Option<&Provider<'_>>,
    retry: Action<'a>,
) -> Option<Action<'a>> {
    let (api, code, reason) = (resource.api(), resource.api_code(), resource.reason());
    Some(match (api, code) {
        // Microsoft: the access token is expired, malformed or revoked;
        // issued for another API or tenant; or the caller lacks the role.
        (Api::Microsoft, "InvalidAuthenticationToken" | "ExpiredAuthenticationToken") => {
            Action::Renew
        }
        (Api::Microsoft, "InvalidAuthenticationTokenAudience") => Action::FixRequest,
        (Api::Microsoft, "InvalidAuthenticationTokenTenant") => Action::FixConfig,
        (
            Api::Microsoft,
            "AuthorizationFailed" | "Authorization_RequestDenied" | "accessDenied",
        ) => Action::Denied,
        // Google: no valid credentials; a scope missing from the token; an
        // API not enabled in the project; any other refusal; throttling.
        (Api::Google, "UNAUTHENTICATED") => Action::Renew,
        (Api::Google, "PERMISSION_DENIED") => match reason {
            Some("ACCESS_TOKEN_SCOPE_INSUFFICIENT") => Action::Consent,
            Some("SERVICE_DISABLED" | "API_DISABLED") => Action::FixConfig,
            // Gmail, Drive and others answer rate limits with 403.
            Some("RATE_LIMIT_EXCEEDED" | "rateLimitExceeded" | "userRateLimitExceeded") => retry,
            _ => Action::Denied,
        },
        (Api::Google, "RESOURCE_EXHAUSTED" | "UNAVAILABLE") => retry,
        // Google's older shape, without `status`: the reason is the code.
        (Api::Google, "rateLimitExceeded" | "userRateLimitExceeded" | "backendError") => retry,
        (Api::Google, "authError") => Action::Renew,
        (Api::Google, "insufficientPermissions") => Action::Consent,
        (Api::Google, "dailyLimitExceeded" | "quotaExceeded" | "accessNotConfigured") => {
            Action::FixConfig
        }
        // Meta: the access token is invalid or expired; Meta has no
        // refresh grant, so the user signs in again.
        (Api::Meta, "190" | "102") => Action::Reauthenticate,
        // Dropbox: a short-lived token expired; a token revoked; a scope
        // not granted.
        (Api::Dropbox, "expired_access_token") => Action::Renew,
        (Api::Dropbox, "invalid_access_token") => Action::Reauthenticate,
        (Api::Dropbox, "missing_scope") => Action::Consent,
        // Okta: invalid or expired token; wrong credentials or session;
        // no permission; rate limited.
        (Api::Okta, "E0000011") => Action::Renew,
        (Api::Okta, "E0000004" | "E0000005") => Action::Reauthenticate,
        (Api::Okta, "E0000006") => Action::Denied,
        (Api::Okta, "E0000047") => retry,
        // Salesforce: the session (access token) expired or was revoked.
        (Api::Salesforce, "INVALID_SESSION_ID") => Action::Renew,
        // FHIR's IssueType: sign in again; the token or session expired or
        // was not accepted; refused; busy; a malformed request.
        (Api::Fhir, "login") => Action::Reauthenticate,
        (Api::Fhir, "expired" | "unknown") => Action::Renew,
        (Api::Fhir, "forbidden" | "suppressed") => Action::Denied,
        (Api::Fhir, "throttled" | "transient" | "timeout" | "lock-error" | "no-store") => retry,
        (
            Api::Fhir,
            "invalid" | "structure" | "required" | "value" | "invariant" | "not-supported",
        ) => Action::FixRequest,
        // gRPC's canonical codes mean the same at every server.
        (Api::Grpc, "UNAUTHENTICATED") => Action::Renew,
        (Api::Grpc, "PERMISSION_DENIED") => Action::Denied,
        (Api::Grpc, "RESOURCE_EXHAUSTED" | "UNAVAILABLE") => retry,
        (Api::Grpc, "INVALID_ARGUMENT" | "UNIMPLEMENTED") => Action::FixRequest,
        // Kakao: the access token is invalid or expired; the user has not
        // agreed to the scope; the user is not linked to the app; the user
        // is too young for the app.
        (Api::Kakao, "-401") => Action::Renew,
        (Api::Kakao, "-402") => Action::Consent,
        (Api::Kakao, "-101") => Action::Reauthenticate,
        (Api::Kakao, "-406") => Action::Denied,
        // Spotify: the access token is bad or expired.
        (Api::Spotify, "401") => Action::Renew,
        // DocuSign: the access token was not accepted; the user lacks the
        // permission.
        (Api::DocuSign, "USER_AUTHENTICATION_FAILED" | "AUTHORIZATION_INVALID_TOKEN") => {
            Action::Renew
        }
        (Api::DocuSign, "USER_LACKS_PERMISSIONS") => Action::Denied,
        // The same shape with each server's own numbers.
        (Api::CodeMessage, code) => match (provider?, code) {
            (Provider::Zoom, "124") => Action::Renew,
            (Provider::Zoom, "4700" | "4711") => Action::Consent,
            (Provider::Discord, "40001") => Action::Renew,
            (Provider::Discord, "50001" | "50013") => Action::Denied,
            (Provider::Atlassian, "401") => Action::Renew,
            _ => return None,
        },
        _ => return None,
    })
}

/// Step 1 for a managed identity endpoint's answer: its own rules, from
/// the Azure documentation of each endpoint (the table and the sources are
/// on [`ManagedIdentitySource`]). `None` leaves the answer to the general
/// steps.
pub(super) fn by_managed_identity<'a>(
    source: ManagedIdentitySource,
    status: u16,
    s: &Signals<'_>,
    retry: Action<'a>,
) -> Option<Action<'a>> {
    use ManagedIdentitySource as M;
    let error = s.error.as_ref().map(ErrorName::as_str);
    let api_code = s.resource.map(ResourceError::api_code);
    Some(match (source, status) {
        // IMDS: updating or identity not there yet, upgrading (back within
        // 70 s), throttled, or any server error, 501 and 505 included.
        (M::Imds, 404 | 410 | 429 | 500..=599) => match retry {
            Action::Retry { after } => Action::Retry {
                after: after.max(catalog_minimum(s.codes.as_slice())),
            },
            other => other,
        },
        // IMDS: the `Metadata: true` header is missing; the URI is malformed.
        (M::Imds, _) if matches!(error, Some("bad_request_102" | "unknown_source")) => {
            Action::FixRequest
        }
        // App Service: no OAuth error, only a message (never read): the
        // identity asked for is not assigned to the app, or none was named.
        (M::AppService, 400) if error.is_none() && api_code.is_none() => Action::FixConfig,
        // Azure Arc: the first half of the key file handshake.
        (M::AzureArc, 401) if s.basic_realm => Action::Renew,
        // Service Fabric: unknown authentication code, or no identity.
        (M::ServiceFabric, 404) => Action::FixConfig,
        (M::ServiceFabric, _) if api_code == Some("ManagedIdentityNotFound") => Action::FixConfig,
        (M::ServiceFabric, 400..=499)
            if matches!(
                api_code,
                Some("SecretHeaderNotFound" | "ArgumentNullOrEmpty" | "InvalidApiVersion")
            ) =>
        {
            Action::FixRequest
        }
        _ => return None,
    })
}

/// Step 6: what a suberror says, where it is decisive.
pub(super) fn by_suberror(suberror: &Suberror<'_>) -> Option<Action<'static>> {
    Some(match suberror {
        Suberror::ConsentRequired => Action::Consent,
        Suberror::BasicAction
        | Suberror::AdditionalAction
        | Suberror::UserPasswordExpired
        | Suberror::BadToken
        | Suberror::TokenExpired
        | Suberror::DeviceAuthenticationFailed
        | Suberror::InvalidRapt
        | Suberror::RaptRequired => Action::Reauthenticate,
        Suberror::ClientMismatch => Action::Renew,
        Suberror::ProtectionPolicyRequired => Action::FixConfig,
        Suberror::MessageOnly | Suberror::Other(_) => return None,
    })
}

/// Step 8: what an `error` value means on a surface, whichever server
/// sent it. A value that asks a resource's client for a new access token
/// never does so at the token endpoint, where getting a token is what just
/// failed.
///
/// Always inlined, so that the action is built where `decide` returns it:
/// returned through memory, it was copied twice on its way.
#[inline(always)]
pub(super) fn by_error<'a>(
    s: &Signals<'a>,
    error: &ErrorName<'_>,
    retry: Action<'a>,
) -> Option<Action<'a>> {
    use ErrorName as E;
    use Surface::{Authorize, Resource, Token};
    Some(match error {
        // Transient: the server failed or is busy.
        E::ServerError
        | E::TemporarilyUnavailable
        | E::TransactionFailed
        | E::InternalFailure
        | E::UnknownError
        | E::RateLimitExceeded
        | E::Ratelimited
        | E::InternalError
        | E::FatalError
        | E::ServiceUnavailable
        | E::RequestTimeout
        | E::Retry => retry,
        E::AuthorizationPending => Action::KeepPolling,
        E::SlowDown => Action::SlowDown {
            interval: slow_down_interval(s),
        },
        // The grant, session or sign-in is dead or must be repeated by the user.
        E::InvalidGrant
        | E::InteractionRequired
        | E::LoginRequired
        | E::AccountSelectionRequired
        | E::UserPasswordExpired
        | E::BadVerificationCode
        | E::BadRefreshToken
        | E::MfaRegistrationRequired
        | E::UnsupportedChallengeType
        | E::MfaInvalidCode
        | E::InvalidUserPassword
        | E::RequiresVerification
        | E::ImmediateUnsuccessful
        | E::InvalidCode
        | E::InvalidRefreshToken
        | E::YahooInvalidRefreshToken
        | E::AuthorizationNotFound
        | E::InvalidAuth
        | E::TokenRevoked
        | E::OrgLoginRequired
        | E::AuthenticationSessionInvalid
        | E::UserMismatched
        | E::SessionSelectionRequired
        | E::ChangePasswordRequired
        | E::PasswordChangeRequired
        | E::InvalidCredentials => Action::Reauthenticate,
        // One meaning per surface. At a resource: the access token expired
        // (IdentityModel, Duende). At the token endpoint: the device code,
        // CIBA request or Auth0 `mfa_token` expired, and the sign-in starts
        // over.
        E::ExpiredToken => match s.surface {
            Resource => Action::Renew,
            Token | Authorize => Action::Reauthenticate,
        },
        // Slack's rotating access token at a resource; at the token
        // endpoint, the token presented there.
        E::TokenExpired => match s.surface {
            Resource => Action::Renew,
            Token => Action::Reauthenticate,
            Authorize => return None,
        },
        // At a resource the access token is bad: renew it. At the token
        // endpoint the value is not defined, and the servers that send it
        // there mean different things (legacy Spring: an expired refresh
        // token; atproto: a DPoP key mismatch); renewing would repeat what
        // just failed, so stop. The authorization endpoint has no token.
        E::InvalidToken | E::TokenInactive | E::TokenSignatureMismatch | E::TokenClaim => {
            match s.surface {
                Resource => Action::Renew,
                Token => Action::Abort,
                Authorize => return None,
            }
        }
        // No token was sent (Slack, legacy Spring resource servers), or
        // the token was not accepted (Ory Hydra's `/userinfo`).
        E::NotAuthed | E::RequestUnauthorized | E::MissingAuthorization | E::MissingToken => {
            match s.surface {
                Resource => Action::Renew,
                Token | Authorize => return None,
            }
        }
        // Legacy Spring resource servers: no token was sent. Auth0's
        // endpoints: a blocked user, or a rule refused the sign-in.
        E::Unauthorized => match s.surface {
            Resource => Action::Renew,
            Token | Authorize => Action::Denied,
        },
        E::ConsentRequired | E::InsufficientScope | E::MissingScope | E::ScopeNotGranted => {
            Action::Consent
        }
        // Authlib's resource protector: the `Authorization` header names a
        // token type the resource does not take. At a revocation endpoint
        // (RFC 7009) there is nothing to repeat.
        E::UnsupportedTokenType => match s.surface {
            Resource => Action::FixRequest,
            Token | Authorize => return None,
        },
        E::InsufficientClaims | E::InsufficientUserAuthentication => {
            Action::StepUp(StepUp::default())
        }
        // Auth0: run its MFA challenge with the `mfa_token`, or sign in
        // interactively with MFA. FusionAuth: the same, with `two_factor_id`.
        E::MfaRequired => Action::StepUp(StepUp {
            mfa_token: s.token.and_then(TokenError::mfa_token),
            ..StepUp::default()
        }),
        E::TwoFactorRequired => Action::StepUp(StepUp::default()),
        E::InvalidRequest
        | E::InvalidScope
        | E::InvalidTarget
        | E::InvalidAuthorizationDetails
        | E::InvalidDpopProof
        | E::UseDpopNonce
        | E::UseNewDpopNonce
        | E::InvalidRequestUri
        | E::InvalidRequestObject
        | E::ExpiredLoginHintToken
        | E::UnknownUserId
        | E::MissingUserCode
        | E::InvalidUserCode
        | E::InvalidBindingMessage
        | E::DisallowedUseragent
        | E::RedirectUriMissing
        | E::OauthAuthorizationUrlMismatch
        | E::InvalidGrantType
        | E::YahooInvalidInput
        | E::InvalidGrantId
        | E::OverbroadScope
        | E::InvalidState
        | E::InsufficientEntropy
        | E::JtiKnown
        | E::InvalidCodeChallengeMethod
        | E::RedditNoText => Action::FixRequest,
        E::UnauthorizedClient
        | E::UnsupportedGrantType
        | E::UnsupportedResponseType
        | E::RequestNotSupported
        | E::RequestUriNotSupported
        | E::RegistrationNotSupported
        | E::InvalidRedirectUri
        | E::InvalidClientMetadata
        | E::UnapprovedSoftwareStatement
        | E::InvalidTenant
        | E::InvalidResource
        | E::RedirectUriMismatch
        | E::RedirectMismatch
        | E::BadRedirectUri
        | E::InvalidCallback
        | E::UnsupportedResponseMode
        | E::WebMessageUriMismatch
        | E::OrgInternal
        | E::DeletedClient
        | E::DeviceFlowDisabled
        | E::UnauthorizedScopeError
        | E::InvalidClientId
        | E::InvalidAppAccess
        | E::TokenRotationNotEnabled
        | E::MissingTrustAnchor
        | E::ValidationFailed
        | E::TrustChainValidationFailed
        | E::InvalidSubject
        | E::DisabledClient
        | E::InvalidRequestRedirectUri
        | E::Misconfiguration => Action::FixConfig,
        E::InvalidClient
        | E::InvalidSoftwareStatement
        | E::IncorrectClientCredentials
        | E::BadClientSecret
        | E::InvalidClientSecret => Action::FixCredentials,
        E::AccessDenied
        | E::AccessDeniedHyphen
        | E::AuthorizationDeclined
        | E::PermissionDenied
        | E::UserCancelledAuthorize
        | E::UserCancelledLogin
        | E::AdminPolicyEnforced
        | E::AccessNotConfigured
        | E::PolicyEnforced
        | E::UnverifiedUserEmail
        | E::TooManyAttempts
        | E::BlockedUser
        | E::PasswordLeaked
        | E::InactiveOrg
        | E::InactiveUser
        | E::AccountInactive
        | E::TeamDisabled
        | E::UserRemovedFromTeam
        | E::EkmAccessDenied
        | E::NoPermission
        | E::InsufficientAccess
        | E::AccessDeniedPhrase => Action::Denied,
        // Known values whose only safe reading is to stop: only the
        // provider can lift a suspension; a device code it does not know,
        // a token already exchanged or a mapping failure leave nothing to
        // repeat.
        E::ApplicationSuspended
        | E::IncorrectDeviceCode
        | E::TokenAlreadyExchanged
        | E::MappingError
        | E::RequestForbidden
        | E::InvalidAuthenticationMethod
        | E::NotLicensed
        | E::EndpointError
        | E::DeviceNotFound => Action::Abort,
        E::UnmetAuthenticationRequirements | E::Other(_) => return None,
    })
}

/// Step 8 with a provider named: the values whose meaning at this provider
/// differs from the built-in reading, where the surface and status alone
/// cannot tell (the table in [`classify_with`](crate::classify_with)).
pub(super) fn by_provider(
    provider: &Provider<'_>,
    s: &Signals<'_>,
    error: &ErrorName<'_>,
) -> Option<Action<'static>> {
    use ErrorName as E;
    use Provider as P;
    let at_token = s.surface == Surface::Token;
    Some(match (provider, error) {
        (P::Keycloak | P::X, E::UnauthorizedClient) if s.status == Some(401) => {
            Action::FixCredentials
        }
        (P::Keycloak, E::InvalidResource) => Action::FixRequest,
        (P::NodeOidcProvider, E::InvalidClient) if s.status == Some(400) => Action::FixConfig,
        (P::X | P::LinkedIn | P::Discord | P::Shopify, E::InvalidRequest) if at_token => {
            Action::Reauthenticate
        }
        (P::PayPal, E::AccessDenied) if at_token => Action::Reauthenticate,
        (P::Discord | P::GitHub | P::Zoom, E::UnsupportedGrantType) if at_token => {
            Action::FixRequest
        }
        (P::Spring, E::InvalidToken) if at_token => Action::Reauthenticate,
        (P::Slack, E::TokenExpired | E::NotAuthed) => Action::Renew,
        (P::Zoho, E::AccessDeniedPhrase) if at_token => Action::Retry {
            after: s.retry_after,
        },
        (P::Bitbucket, E::UnauthorizedClient) if at_token => Action::FixCredentials,
        _ => return None,
    })
}
