//! The vocabularies of the `error` and `suberror` members.

use std::borrow::Cow;
use std::fmt;

use crate::log_safe::{is_symbol, shown_if};

/// A value this crate does not recognize, kept verbatim.
///
/// It is opaque so that a recognized spelling can never hide in
/// [`ErrorName::Other`] or [`Suberror::Other`]: converting `"invalid_grant"`
/// always gives [`ErrorName::InvalidGrant`].
///
/// `Debug` is safe for logs: it shows the value when it is a plain symbol
/// (letters, digits, `_`, `.`, `-`, at most 64 bytes) and
/// `[redacted: N bytes]` otherwise; the enum's `as_str`
/// ([`ErrorName::as_str`], [`Suberror::as_str`]) gives the value.
///
/// # Examples
///
/// ```
/// use oauth_triage::{ErrorName, TokenError};
///
/// // A vendor's value that neither a registry nor a known provider defines.
/// let err = TokenError::from_json(br#"{"error":"tenant_quota_exceeded","error_description":"Quota exceeded"}"#)?;
/// match err.error() {
///     other @ ErrorName::Other(_) => assert_eq!(other.as_str(), "tenant_quota_exceeded"),
///     known => panic!("unexpectedly recognized: {known}"),
/// }
///
/// // Anyone can write a redirect's `error`: in `Debug`, text is only its length.
/// let forged = ErrorName::from("call +1 555 0100 now");
/// assert_eq!(format!("{forged:?}"), "Other(Unrecognized([redacted: 20 bytes]))");
/// assert_eq!(format!("{:?}", err.error()), r#"Other(Unrecognized("tenant_quota_exceeded"))"#);
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Unrecognized<'a>(Cow<'a, str>);

impl fmt::Debug for Unrecognized<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Unrecognized")
            .field(&shown_if(&self.0, is_symbol(&self.0)))
            .finish()
    }
}

impl Unrecognized<'_> {
    /// The value as the server sent it: **raw server text**.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// Copies borrowed text so the value no longer borrows the input.
    pub(crate) fn into_owned(self) -> Unrecognized<'static> {
        Unrecognized(Cow::Owned(self.0.into_owned()))
    }
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vdoc:meta])* $variant:ident = $wire:literal, )*
        }
        // Values for the examples in the generated methods' docs.
        examples {
            known: $known:ident = $known_wire:literal,
            unknown: $unknown:literal,
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name<'a> {
            $( $(#[$vdoc])* $variant, )*
            /// A value this crate does not recognize, kept verbatim.
            Other(Unrecognized<'a>),
        }

        impl<'a> $name<'a> {
            /// Every recognized value, in declaration order.
            ///
            /// ```
            #[doc = concat!("use oauth_triage::", stringify!($name), ";")]
            ///
            #[doc = concat!("let wire: Vec<&str> = ", stringify!($name), "::KNOWN.iter().map(", stringify!($name), "::as_str).collect();")]
            #[doc = concat!("assert!(wire.contains(&\"", $known_wire, "\"));")]
            #[doc = concat!("assert!(!wire.contains(&\"", $unknown, "\"));")]
            /// ```
            pub const KNOWN: &'static [$name<'static>] = &[$($name::$variant,)*];

            /// The value as it appears on the wire. For [`Self::Other`] that is
            /// the value as the server sent it: **raw server text**.
            ///
            /// ```
            #[doc = concat!("use oauth_triage::", stringify!($name), ";")]
            ///
            #[doc = concat!("assert_eq!(", stringify!($name), "::", stringify!($known), ".as_str(), \"", $known_wire, "\");")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::from(\"", $unknown, "\").as_str(), \"", $unknown, "\");")]
            /// ```
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )*
                    Self::Other(other) => other.as_str(),
                }
            }

            /// Recognizes a value, keeping unknown text as it is (borrowed
            /// or owned): what `From<Cow<str>>` does.
            pub(crate) fn from_cow(value: Cow<'a, str>) -> Self {
                match Self::known(value.as_bytes()) {
                    Some(known) => known,
                    None => Self::Other(Unrecognized(value)),
                }
            }

            /// The recognized value spelled `value`, compared as bytes: a
            /// parser can look a value up before (or without) checking
            /// that it is UTF-8, since every recognized value is ASCII.
            #[inline]
            pub(crate) fn known(value: &[u8]) -> Option<$name<'static>> {
                $( if value == $wire.as_bytes() {
                    return Some($name::$variant);
                } )*
                None
            }

            /// The same value, borrowing any unknown text from `self`.
            #[inline(always)]
            pub(crate) fn as_borrowed(&self) -> $name<'_> {
                match self {
                    $( Self::$variant => $name::$variant, )*
                    Self::Other(other) => $name::Other(Unrecognized(Cow::Borrowed(other.as_str()))),
                }
            }

            /// Copies borrowed text so the value no longer borrows the input
            /// (for the owned forms of the types that hold one).
            pub(crate) fn into_owned(self) -> $name<'static> {
                match self {
                    $( Self::$variant => $name::$variant, )*
                    Self::Other(other) => $name::Other(other.into_owned()),
                }
            }
        }

        impl<'a> From<&'a str> for $name<'a> {
            fn from(value: &'a str) -> Self {
                Self::from_cow(Cow::Borrowed(value))
            }
        }

        impl From<String> for $name<'static> {
            fn from(value: String) -> Self {
                Self::from_cow(Cow::Owned(value))
            }
        }

        /// Recognizes a value, keeping unknown text as it is, borrowed or
        /// owned (text that needed decoding arrives owned).
        ///
        /// ```
        /// use std::borrow::Cow;
        #[doc = concat!("use oauth_triage::", stringify!($name), ";")]
        ///
        #[doc = concat!("let decoded: Cow<'_, str> = Cow::Owned(String::from(\"", $known_wire, "\"));")]
        #[doc = concat!("assert_eq!(", stringify!($name), "::from(decoded), ", stringify!($name), "::", stringify!($known), ");")]
        #[doc = concat!("let unknown = ", stringify!($name), "::from(Cow::Borrowed(\"", $unknown, "\"));")]
        #[doc = concat!("assert!(matches!(unknown, ", stringify!($name), "::Other(_)));")]
        #[doc = concat!("assert_eq!(unknown.as_str(), \"", $unknown, "\");")]
        /// ```
        impl<'a> From<Cow<'a, str>> for $name<'a> {
            fn from(value: Cow<'a, str>) -> Self {
                Self::from_cow(value)
            }
        }

        impl std::str::FromStr for $name<'static> {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok($name::from(value).into_owned())
            }
        }

        impl fmt::Display for $name<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl PartialEq<str> for $name<'_> {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $name<'_> {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl serde::Serialize for $name<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// The `error` member of an OAuth 2.0 / OpenID Connect error response.
    ///
    /// Every value of the IANA OAuth Extensions Error Registry that an OAuth
    /// client can meet, Microsoft Entra ID's own values, and the values other
    /// servers send in the same place (Google, GitHub, Auth0, Keycloak,
    /// Amazon Cognito, Sign in with Apple, Salesforce, Slack, LinkedIn, Yahoo,
    /// Spring Security OAuth, node-oidc-provider, Ory Hydra, Gluu/Janssen,
    /// FusionAuth, Doorkeeper, thephpleague/oauth2-server, Casdoor, PayPal,
    /// WSO2, IBM, OpenID Federation, Authlib, OpenIddict, Django OAuth
    /// Toolkit, Reddit, Zoho); each variant names who sends it and links the
    /// source. Where a value means different things at different servers,
    /// its variant gives every reading, and [`Provider`](crate::Provider)
    /// settles it when the caller names the server.
    /// Conversion from text never fails: unknown values become
    /// [`ErrorName::Other`]. Matching is exact, as RFC 6749 defines the
    /// values: Yahoo's upper-case spellings are values of their own.
    ///
    /// # Examples
    ///
    /// ```
    /// use oauth_triage::ErrorName;
    ///
    /// assert_eq!(ErrorName::from("invalid_grant"), ErrorName::InvalidGrant);
    /// assert_eq!(ErrorName::InvalidGrant.as_str(), "invalid_grant");
    ///
    /// let other = ErrorName::from("example_vendor_error");
    /// assert!(matches!(other, ErrorName::Other(_)));
    /// assert_eq!(other.to_string(), "example_vendor_error");
    /// ```
    pub enum ErrorName {
        /// `invalid_request`: the request is malformed (missing, repeated or
        /// invalid parameter). [RFC 6749 §5.2](https://www.rfc-editor.org/rfc/rfc6749#section-5.2),
        /// [§4.1.2.1](https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1),
        /// [RFC 6750 §3.1](https://www.rfc-editor.org/rfc/rfc6750#section-3.1).
        InvalidRequest = "invalid_request",
        /// `invalid_client`: client authentication failed (unknown client, bad
        /// secret or assertion). [RFC 6749 §5.2](https://www.rfc-editor.org/rfc/rfc6749#section-5.2).
        InvalidClient = "invalid_client",
        /// `invalid_grant`: the code, refresh token, assertion or device code is
        /// invalid, expired, revoked or bound to another client.
        /// [RFC 6749 §5.2](https://www.rfc-editor.org/rfc/rfc6749#section-5.2).
        InvalidGrant = "invalid_grant",
        /// `unauthorized_client`: the client may not use this grant or response
        /// type. [RFC 6749 §5.2](https://www.rfc-editor.org/rfc/rfc6749#section-5.2).
        UnauthorizedClient = "unauthorized_client",
        /// `unsupported_grant_type`: the server does not support this grant type.
        /// [RFC 6749 §5.2](https://www.rfc-editor.org/rfc/rfc6749#section-5.2).
        UnsupportedGrantType = "unsupported_grant_type",
        /// `invalid_scope`: a requested scope is unknown, malformed or too wide.
        /// [RFC 6749 §5.2](https://www.rfc-editor.org/rfc/rfc6749#section-5.2).
        InvalidScope = "invalid_scope",
        /// `access_denied`: the user or the server's policy refused.
        /// [RFC 6749 §4.1.2.1](https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1),
        /// [RFC 8628 §3.5](https://www.rfc-editor.org/rfc/rfc8628#section-3.5).
        AccessDenied = "access_denied",
        /// `unsupported_response_type`: the server does not issue this response
        /// type. [RFC 6749 §4.1.2.1](https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1).
        UnsupportedResponseType = "unsupported_response_type",
        /// `server_error`: the server failed internally.
        /// [RFC 6749 §4.1.2.1](https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1).
        ServerError = "server_error",
        /// `temporarily_unavailable`: the server is overloaded or in maintenance.
        /// [RFC 6749 §4.1.2.1](https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1).
        TemporarilyUnavailable = "temporarily_unavailable",
        /// `invalid_token`: the access token is expired, revoked, malformed or
        /// for another audience. [RFC 6750 §3.1](https://www.rfc-editor.org/rfc/rfc6750#section-3.1).
        InvalidToken = "invalid_token",
        /// `insufficient_scope`: the access token lacks a scope the resource needs.
        /// [RFC 6750 §3.1](https://www.rfc-editor.org/rfc/rfc6750#section-3.1).
        InsufficientScope = "insufficient_scope",
        /// `authorization_pending`: the user has not finished the device flow yet.
        /// [RFC 8628 §3.5](https://www.rfc-editor.org/rfc/rfc8628#section-3.5).
        AuthorizationPending = "authorization_pending",
        /// `slow_down`: still pending, and the client polls too often.
        /// [RFC 8628 §3.5](https://www.rfc-editor.org/rfc/rfc8628#section-3.5).
        SlowDown = "slow_down",
        /// `expired_token`: the device code (or CIBA request) has expired.
        /// [RFC 8628 §3.5](https://www.rfc-editor.org/rfc/rfc8628#section-3.5),
        /// [CIBA Core §11](https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.11).
        ExpiredToken = "expired_token",
        /// `interaction_required`: the user must interact with the server.
        /// [OpenID Connect Core §3.1.2.6](https://openid.net/specs/openid-connect-core-1_0.html#AuthError).
        InteractionRequired = "interaction_required",
        /// `login_required`: the user must sign in.
        /// [OpenID Connect Core §3.1.2.6](https://openid.net/specs/openid-connect-core-1_0.html#AuthError).
        LoginRequired = "login_required",
        /// `account_selection_required`: the user must choose an account.
        /// [OpenID Connect Core §3.1.2.6](https://openid.net/specs/openid-connect-core-1_0.html#AuthError).
        AccountSelectionRequired = "account_selection_required",
        /// `consent_required`: the user has not consented.
        /// [OpenID Connect Core §3.1.2.6](https://openid.net/specs/openid-connect-core-1_0.html#AuthError).
        ConsentRequired = "consent_required",
        /// `invalid_request_uri`: the `request_uri` is unusable.
        /// [OpenID Connect Core §3.1.2.6](https://openid.net/specs/openid-connect-core-1_0.html#AuthError),
        /// [RFC 9101 §7](https://www.rfc-editor.org/rfc/rfc9101#section-7).
        InvalidRequestUri = "invalid_request_uri",
        /// `invalid_request_object`: the request object JWT is invalid.
        /// [OpenID Connect Core §3.1.2.6](https://openid.net/specs/openid-connect-core-1_0.html#AuthError),
        /// [RFC 9101 §7](https://www.rfc-editor.org/rfc/rfc9101#section-7).
        InvalidRequestObject = "invalid_request_object",
        /// `request_not_supported`: the server does not accept `request`.
        /// [OpenID Connect Core §3.1.2.6](https://openid.net/specs/openid-connect-core-1_0.html#AuthError).
        RequestNotSupported = "request_not_supported",
        /// `request_uri_not_supported`: the server does not accept `request_uri`.
        /// [OpenID Connect Core §3.1.2.6](https://openid.net/specs/openid-connect-core-1_0.html#AuthError).
        RequestUriNotSupported = "request_uri_not_supported",
        /// `registration_not_supported`: the server does not accept `registration`.
        /// [OpenID Connect Core §3.1.2.6](https://openid.net/specs/openid-connect-core-1_0.html#AuthError).
        RegistrationNotSupported = "registration_not_supported",
        /// `unmet_authentication_requirements`: the server cannot authenticate
        /// the user as strongly as requested.
        /// [OpenID Connect Unmet Authentication Requirements 1.0 §1](https://openid.net/specs/openid-connect-unmet-authentication-requirements-1_0.html#section-1).
        UnmetAuthenticationRequirements = "unmet_authentication_requirements",
        /// `invalid_redirect_uri`: a registration's redirect URI was rejected.
        /// [RFC 7591 §3.2.2](https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2).
        InvalidRedirectUri = "invalid_redirect_uri",
        /// `invalid_client_metadata`: a registration metadata value was rejected.
        /// [RFC 7591 §3.2.2](https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2).
        InvalidClientMetadata = "invalid_client_metadata",
        /// `invalid_software_statement`: the software statement failed validation.
        /// [RFC 7591 §3.2.2](https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2).
        InvalidSoftwareStatement = "invalid_software_statement",
        /// `unapproved_software_statement`: the software statement is not accepted.
        /// [RFC 7591 §3.2.2](https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2).
        UnapprovedSoftwareStatement = "unapproved_software_statement",
        /// `unsupported_token_type`: two readings, told apart by surface. At
        /// a revocation endpoint the server cannot revoke this token type
        /// (nothing to repeat: left to the fallback). At a protected resource
        /// (Authlib's resource protector, HTTP 401) the `Authorization`
        /// header names a token type the resource does not take (`Basic`
        /// where `Bearer` is wanted, `Bearer` where `DPoP` is): fix the
        /// request.
        /// [RFC 7009 §2.2.1](https://www.rfc-editor.org/rfc/rfc7009#section-2.2.1),
        /// [Authlib](https://github.com/authlib/authlib/blob/main/authlib/oauth2/rfc6749/errors.py).
        UnsupportedTokenType = "unsupported_token_type",
        /// `invalid_target`: a `resource` or `audience` value is not acceptable.
        /// [RFC 8707 §2](https://www.rfc-editor.org/rfc/rfc8707#section-2),
        /// [RFC 8693 §2.2.2](https://www.rfc-editor.org/rfc/rfc8693#section-2.2.2).
        InvalidTarget = "invalid_target",
        /// `invalid_authorization_details`: `authorization_details` is invalid.
        /// [RFC 9396 §5](https://www.rfc-editor.org/rfc/rfc9396#section-5).
        InvalidAuthorizationDetails = "invalid_authorization_details",
        /// `invalid_dpop_proof`: the DPoP proof failed validation.
        /// [RFC 9449 §5](https://www.rfc-editor.org/rfc/rfc9449#section-5).
        InvalidDpopProof = "invalid_dpop_proof",
        /// `use_dpop_nonce`: the server wants its nonce (from the `DPoP-Nonce`
        /// header) in the proof. [RFC 9449 §8](https://www.rfc-editor.org/rfc/rfc9449#section-8).
        UseDpopNonce = "use_dpop_nonce",
        /// `insufficient_user_authentication`: the user's authentication is too
        /// weak or too old. [RFC 9470 §3](https://www.rfc-editor.org/rfc/rfc9470#section-3).
        InsufficientUserAuthentication = "insufficient_user_authentication",
        /// `expired_login_hint_token`: the CIBA login hint token has expired.
        /// [CIBA Core §13](https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.13).
        ExpiredLoginHintToken = "expired_login_hint_token",
        /// `unknown_user_id`: the CIBA hint matches no user.
        /// [CIBA Core §13](https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.13).
        UnknownUserId = "unknown_user_id",
        /// `missing_user_code`: the CIBA request lacks the required user code.
        /// [CIBA Core §13](https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.13).
        MissingUserCode = "missing_user_code",
        /// `invalid_user_code`: the CIBA user code is wrong.
        /// [CIBA Core §13](https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.13).
        InvalidUserCode = "invalid_user_code",
        /// `invalid_binding_message`: the CIBA binding message is not acceptable.
        /// [CIBA Core §13](https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.13).
        InvalidBindingMessage = "invalid_binding_message",
        /// `transaction_failed`: the CIBA transaction failed for another reason.
        /// [CIBA Core §12](https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.12).
        TransactionFailed = "transaction_failed",
        /// `invalid_tenant` (Microsoft Entra ID): the tenant in the authority is
        /// unknown.
        InvalidTenant = "invalid_tenant",
        /// `invalid_resource` (Microsoft Entra ID, v1 endpoints): the requested
        /// resource is unknown or not configured; the pre-RFC 8707 spelling of
        /// `invalid_target`. [Entra error codes](https://learn.microsoft.com/entra/identity-platform/reference-error-codes).
        InvalidResource = "invalid_resource",
        /// `user_password_expired` (Microsoft Entra ID): the user must change the
        /// password.
        UserPasswordExpired = "user_password_expired",
        /// `insufficient_claims` (Microsoft Entra ID): a resource asks for a
        /// token with more claims (Conditional Access, continuous access
        /// evaluation). [Claims challenges](https://learn.microsoft.com/entra/identity-platform/claims-challenge).
        InsufficientClaims = "insufficient_claims",
        /// `authorization_declined` (Microsoft Entra ID device code flow, where
        /// RFC 8628 says `access_denied`): the user declined.
        /// [Entra device code flow](https://learn.microsoft.com/entra/identity-platform/v2-oauth2-device-code).
        AuthorizationDeclined = "authorization_declined",
        /// `bad_verification_code` (Microsoft Entra ID device code flow): the
        /// `device_code` sent is not recognized.
        /// [Entra device code flow](https://learn.microsoft.com/entra/identity-platform/v2-oauth2-device-code).
        BadVerificationCode = "bad_verification_code",
        /// `permission_denied` (Microsoft Entra ID admin consent): the admin
        /// declined or cancelled the tenant-wide consent request.
        /// [Entra admin consent](https://learn.microsoft.com/entra/identity-platform/v2-admin-consent).
        PermissionDenied = "permission_denied",

        // Values other servers send, by provider. Where one value is used
        // by several, the first provider named is where it was seen first.

        /// `redirect_uri_mismatch` (GitHub, Google, Salesforce, Spring
        /// Security OAuth, ForgeRock AM, node-oidc-provider): the
        /// `redirect_uri` sent is not one registered for the client.
        /// [GitHub](https://docs.github.com/en/apps/oauth-apps/maintaining-oauth-apps/troubleshooting-authorization-request-errors),
        /// [Google](https://developers.google.com/identity/protocols/oauth2/web-server#authorization-errors).
        RedirectUriMismatch = "redirect_uri_mismatch",
        /// `unsupported_response_mode` (node-oidc-provider and other servers):
        /// the server does not offer the `response_mode` asked for.
        /// [node-oidc-provider](https://github.com/panva/node-oidc-provider/blob/main/lib/helpers/errors.js).
        UnsupportedResponseMode = "unsupported_response_mode",
        /// `web_message_uri_mismatch` (node-oidc-provider): the origin of a
        /// `web_message` response mode is not registered.
        /// [node-oidc-provider](https://github.com/panva/node-oidc-provider/blob/main/lib/helpers/errors.js).
        WebMessageUriMismatch = "web_message_uri_mismatch",
        /// `admin_policy_enforced` (Google): the Google Workspace admin does
        /// not allow this app or these scopes.
        /// [Google](https://developers.google.com/identity/protocols/oauth2/web-server#authorization-errors).
        AdminPolicyEnforced = "admin_policy_enforced",
        /// `access_not_configured` (Google Workspace for Education): the admin
        /// has not configured access to this app.
        /// [Google](https://support.google.com/accounts/answer/16668185).
        AccessNotConfigured = "access_not_configured",
        /// `org_internal` (Google): the consent screen is limited to the
        /// project's organization and the account is outside it.
        /// [Google](https://developers.google.com/identity/protocols/oauth2/web-server#authorization-errors).
        OrgInternal = "org_internal",
        /// `disallowed_useragent` (Google): the request came from an embedded
        /// web view, which Google refuses.
        /// [Google](https://developers.google.com/identity/protocols/oauth2/web-server#authorization-errors).
        DisallowedUseragent = "disallowed_useragent",
        /// `policy_enforced` (Google): the account is in the Advanced
        /// Protection Program and the app is not approved for it.
        /// [Google](https://support.google.com/accounts/answer/16668185).
        PolicyEnforced = "policy_enforced",
        /// `deleted_client` (Google): the OAuth client was deleted.
        /// [Google](https://developers.google.com/identity/protocols/oauth2/web-server#authorization-errors).
        DeletedClient = "deleted_client",
        /// `internal_failure` (Google token endpoint): a transient back-end
        /// failure. [google-auth-library-python](https://github.com/googleapis/google-auth-library-python/blob/main/google/oauth2/_client.py).
        InternalFailure = "internal_failure",
        /// `incorrect_client_credentials` (GitHub): the `client_id` or
        /// `client_secret` is wrong. In the device flow only the `client_id`
        /// is sent; the value is the same and so is the reading.
        /// [GitHub](https://docs.github.com/en/apps/oauth-apps/maintaining-oauth-apps/troubleshooting-oauth-app-access-token-request-errors).
        IncorrectClientCredentials = "incorrect_client_credentials",
        /// `application_suspended` (GitHub): GitHub suspended the app; only
        /// GitHub can lift it.
        /// [GitHub](https://docs.github.com/en/apps/oauth-apps/maintaining-oauth-apps/troubleshooting-authorization-request-errors).
        ApplicationSuspended = "application_suspended",
        /// `unverified_user_email` (GitHub): the user's primary email address
        /// is not verified.
        /// [GitHub](https://docs.github.com/en/apps/oauth-apps/maintaining-oauth-apps/troubleshooting-oauth-app-access-token-request-errors).
        UnverifiedUserEmail = "unverified_user_email",
        /// `bad_refresh_token` (GitHub Apps): the refresh token is wrong,
        /// expired or already used. [GitHub](https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens).
        BadRefreshToken = "bad_refresh_token",
        /// `device_flow_disabled` (GitHub): the device flow is not enabled in
        /// the app's settings.
        /// [GitHub](https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#error-codes-for-the-device-flow).
        DeviceFlowDisabled = "device_flow_disabled",
        /// `incorrect_device_code` (GitHub): the `device_code` is not
        /// recognized. [GitHub](https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#error-codes-for-the-device-flow).
        IncorrectDeviceCode = "incorrect_device_code",
        /// `mfa_required` (Auth0): a second factor is needed; the body's
        /// `mfa_token` lets the client run the MFA challenge
        /// ([`StepUp::mfa_token`](crate::StepUp::mfa_token)).
        /// [Auth0](https://auth0.com/docs/secure/multi-factor-authentication/authenticate-using-ropg-flow-with-mfa).
        MfaRequired = "mfa_required",
        /// `mfa_registration_required` (Auth0): a second factor is needed and
        /// the user has none enrolled.
        /// [Auth0.Android](https://github.com/auth0/Auth0.Android/blob/main/auth0/src/main/java/com/auth0/android/authentication/AuthenticationException.kt).
        MfaRegistrationRequired = "mfa_registration_required",
        /// `unsupported_challenge_type` (Auth0): none of the user's enrolled
        /// factors is one the client can drive.
        /// [Auth0.Android](https://github.com/auth0/Auth0.Android/blob/main/auth0/src/main/java/com/auth0/android/authentication/AuthenticationException.kt).
        UnsupportedChallengeType = "unsupported_challenge_type",
        /// `mfa_invalid_code` (Auth0): the one-time code is wrong or stale.
        /// [Auth0.Android](https://github.com/auth0/Auth0.Android/blob/main/auth0/src/main/java/com/auth0/android/authentication/AuthenticationException.kt).
        MfaInvalidCode = "mfa_invalid_code",
        /// `invalid_user_password` (Auth0): the user name or password is wrong.
        /// [Auth0](https://auth0.com/docs/libraries/common-auth0-library-authentication-errors).
        InvalidUserPassword = "invalid_user_password",
        /// `too_many_attempts` (Auth0): brute-force protection blocked the
        /// account. [Auth0](https://auth0.com/docs/libraries/common-auth0-library-authentication-errors).
        TooManyAttempts = "too_many_attempts",
        /// `blocked_user` (Auth0): an admin blocked the user.
        /// [Auth0](https://auth0.com/docs/libraries/common-auth0-library-authentication-errors).
        BlockedUser = "blocked_user",
        /// `password_leaked` (Auth0): breached-password detection blocked the
        /// sign-in until the password is reset.
        /// [Auth0](https://auth0.com/docs/libraries/common-auth0-library-authentication-errors).
        PasswordLeaked = "password_leaked",
        /// `requires_verification` (Auth0): bot detection wants the user to
        /// solve a CAPTCHA on the sign-in page.
        /// [Auth0.Android](https://github.com/auth0/Auth0.Android/blob/main/auth0/src/main/java/com/auth0/android/authentication/AuthenticationException.kt).
        RequiresVerification = "requires_verification",
        /// `unauthorized`: two meanings, told apart by surface. At a resource
        /// (legacy Spring Security OAuth) no token was sent; at Auth0's token
        /// and authorization endpoints a blocked user or a rule refused.
        /// [Spring Security OAuth](https://github.com/spring-attic/spring-security-oauth/blob/main/spring-security-oauth2/src/main/java/org/springframework/security/oauth2/common/exceptions/UnauthorizedException.java),
        /// [Auth0](https://auth0.com/docs/libraries/common-auth0-library-authentication-errors).
        Unauthorized = "unauthorized",
        /// `unknown_error` (Keycloak): an unhandled exception on the server.
        /// [Keycloak](https://github.com/keycloak/keycloak/issues/13483).
        UnknownError = "unknown_error",
        /// `redirect_mismatch` (Amazon Cognito): the callback URL is not in
        /// the app client's list.
        /// [Cognito](https://github.com/aws/aws-aspnet-cognito-identity-provider/issues/167).
        RedirectMismatch = "redirect_mismatch",
        /// `user_cancelled_authorize` (Sign in with Apple, LinkedIn): the user
        /// cancelled at the consent step.
        /// [Apple](https://developer.apple.com/documentation/sign_in_with_apple/sign_in_with_apple_js/incorporating_sign_in_with_apple_into_other_platforms),
        /// [LinkedIn](https://learn.microsoft.com/linkedin/shared/authentication/authorization-code-flow).
        UserCancelledAuthorize = "user_cancelled_authorize",
        /// `user_cancelled_login` (LinkedIn): the user cancelled at the
        /// sign-in step.
        /// [LinkedIn](https://learn.microsoft.com/linkedin/shared/authentication/authorization-code-flow).
        UserCancelledLogin = "user_cancelled_login",
        /// `unauthorized_scope_error` (LinkedIn): a scope belongs to a product
        /// the app is not approved for.
        /// [LinkedIn](https://learn.microsoft.com/linkedin/shared/authentication/authorization-code-flow).
        UnauthorizedScopeError = "unauthorized_scope_error",
        /// `invalid_client_id` (Salesforce, Slack): the client ID is unknown
        /// (at Salesforce, also a connected app not yet propagated).
        /// [Salesforce](https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_flow_errors.htm),
        /// [Slack](https://api.slack.com/methods/oauth.v2.access).
        InvalidClientId = "invalid_client_id",
        /// `access-denied` (Salesforce's spelling in one flow of
        /// `access_denied`): the user denied.
        /// [Salesforce](https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_flow_errors.htm).
        AccessDeniedHyphen = "access-denied",
        /// `inactive_org` (Salesforce): the organization is locked, closed or
        /// suspended.
        /// [Salesforce](https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_flow_errors.htm).
        InactiveOrg = "inactive_org",
        /// `inactive_user` (Salesforce): the user is deactivated.
        /// [Salesforce](https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_flow_errors.htm).
        InactiveUser = "inactive_user",
        /// `rate_limit_exceeded` (Salesforce): too many sign-ins for the user.
        /// [Salesforce](https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_flow_errors.htm).
        RateLimitExceeded = "rate_limit_exceeded",
        /// `invalid_app_access` (Salesforce): the user is not approved for the
        /// connected app.
        /// [Salesforce](https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_flow_errors.htm).
        InvalidAppAccess = "invalid_app_access",
        /// `immediate_unsuccessful` (Salesforce): `prompt=none` could not
        /// complete without the user.
        /// [Salesforce](https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_flow_errors.htm).
        ImmediateUnsuccessful = "immediate_unsuccessful",
        /// `redirect_uri_missing` (Salesforce): the request has no
        /// `redirect_uri`.
        /// [Salesforce](https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_flow_errors.htm).
        RedirectUriMissing = "redirect_uri_missing",
        /// `bad_client_secret` (Slack): the client secret is wrong.
        /// [Slack](https://api.slack.com/methods/oauth.v2.access).
        BadClientSecret = "bad_client_secret",
        /// `invalid_code` (Slack): the authorization code is invalid, expired
        /// or used. [Slack](https://api.slack.com/methods/oauth.v2.access).
        InvalidCode = "invalid_code",
        /// `bad_redirect_uri` (Slack): the `redirect_uri` differs from the
        /// authorization request's. [Slack](https://api.slack.com/methods/oauth.v2.access).
        BadRedirectUri = "bad_redirect_uri",
        /// `oauth_authorization_url_mismatch` (Slack): the flow began on the
        /// v1 authorization URL and was redeemed on the v2 method.
        /// [Slack](https://api.slack.com/methods/oauth.v2.access).
        OauthAuthorizationUrlMismatch = "oauth_authorization_url_mismatch",
        /// `invalid_grant_type` (Slack): the `grant_type` is wrong.
        /// [Slack](https://api.slack.com/methods/oauth.v2.access).
        InvalidGrantType = "invalid_grant_type",
        /// `invalid_refresh_token` (Slack): the refresh token is invalid.
        /// [Slack](https://api.slack.com/methods/oauth.v2.access).
        InvalidRefreshToken = "invalid_refresh_token",
        /// `token_rotation_not_enabled` (Slack): token rotation is off for the
        /// app. [Slack](https://api.slack.com/methods/oauth.v2.exchange).
        TokenRotationNotEnabled = "token_rotation_not_enabled",
        /// `token_already_exchanged` (Slack): the legacy token was already
        /// exchanged. [Slack](https://api.slack.com/methods/oauth.v2.exchange).
        TokenAlreadyExchanged = "token_already_exchanged",
        /// `authorization_not_found` (Slack): the authorization behind the
        /// token was revoked. [Slack](https://api.slack.com/methods/oauth.v2.exchange).
        AuthorizationNotFound = "authorization_not_found",
        /// `missing_scope` (Slack): the token lacks the scope named in the
        /// body's `needed`. [Slack](https://api.slack.com/scopes).
        MissingScope = "missing_scope",
        /// `token_expired` (Slack): a rotating access token expired. Read for
        /// the surface: at a resource it asks for a new access token; at the
        /// token endpoint the token presented there has expired.
        /// [Slack](https://api.slack.com/authentication/rotation).
        TokenExpired = "token_expired",
        /// `not_authed` (Slack): no token was sent.
        /// [Slack](https://api.slack.com/web#responses).
        NotAuthed = "not_authed",
        /// `invalid_auth` (Slack): the token is not valid.
        /// [Slack](https://api.slack.com/web#responses).
        InvalidAuth = "invalid_auth",
        /// `token_revoked` (Slack): the token was revoked.
        /// [Slack](https://api.slack.com/methods/auth.revoke).
        TokenRevoked = "token_revoked",
        /// `account_inactive` (Slack): the user or workspace is deactivated.
        /// [Slack](https://api.slack.com/methods/oauth.v2.exchange).
        AccountInactive = "account_inactive",
        /// `team_disabled` (Slack): the workspace is disabled.
        /// [Slack](https://api.slack.com/web#responses).
        TeamDisabled = "team_disabled",
        /// `user_removed_from_team` (Slack): the user left the workspace.
        /// [Slack](https://api.slack.com/web#responses).
        UserRemovedFromTeam = "user_removed_from_team",
        /// `org_login_required` (Slack): the organization requires its own
        /// sign-in first. [Slack](https://api.slack.com/web#responses).
        OrgLoginRequired = "org_login_required",
        /// `ekm_access_denied` (Slack): an admin's Enterprise Key Management
        /// policy blocks access. [Slack](https://api.slack.com/methods/oauth.v2.exchange).
        EkmAccessDenied = "ekm_access_denied",
        /// `no_permission` (Slack): the token may not call this method.
        /// [Slack](https://api.slack.com/web#responses).
        NoPermission = "no_permission",
        /// `ratelimited` (Slack): too many calls; `Retry-After` says how long
        /// to wait. [Slack](https://api.slack.com/docs/rate-limits).
        Ratelimited = "ratelimited",
        /// `internal_error` (Slack): the server failed.
        /// [Slack](https://api.slack.com/web#responses).
        InternalError = "internal_error",
        /// `fatal_error` (Slack): the server failed badly.
        /// [Slack](https://api.slack.com/web#responses).
        FatalError = "fatal_error",
        /// `service_unavailable` (Slack): the service is down for a while.
        /// [Slack](https://api.slack.com/web#responses).
        ServiceUnavailable = "service_unavailable",
        /// `request_timeout` (Slack): the server timed out on the request.
        /// [Slack](https://api.slack.com/web#responses).
        RequestTimeout = "request_timeout",
        /// `INVALID_REFRESH_TOKEN` (Yahoo, upper case): the refresh token
        /// cannot be used. [yahoo-oauth](https://github.com/josuebrunel/yahoo-oauth/issues/51).
        YahooInvalidRefreshToken = "INVALID_REFRESH_TOKEN",
        /// `INVALID_INPUT` (Yahoo, upper case): a required parameter is
        /// missing. [HybridAuth](https://github.com/ApacheEx/CodeIgniter-HybridAuth/issues/13).
        YahooInvalidInput = "INVALID_INPUT",
        /// `invalid_callback` (WSO2): the callback URL does not match the
        /// registered one.
        /// [WSO2](https://github.com/wso2/financial-services-accelerator/issues/848).
        InvalidCallback = "invalid_callback",
        /// `mapping_error` (IBM Security Verify Access): the server failed to
        /// map the request. [IBM](https://www.ibm.com/docs/en/sva/11.0.3?topic=reference-oauth-20-error-codes).
        MappingError = "mapping_error",
        /// `invalid_grant_id` (FAPI Grant Management): the `grant_id` is
        /// unknown. [Grant Management](https://openid.net/specs/fapi-grant-management.html).
        InvalidGrantId = "invalid_grant_id",
        /// `overbroad_scope` (Nimbus OAuth SDK): the requested scope is wider
        /// than allowed. [Nimbus](https://www.javadoc.io/doc/com.nimbusds/oauth2-oidc-sdk/latest/com/nimbusds/oauth2/sdk/OAuth2Error.html).
        OverbroadScope = "overbroad_scope",
        /// `missing_trust_anchor` (OpenID Federation drafts, Nimbus): no trust
        /// chain reaches a trust anchor the server accepts.
        /// [OpenID Federation](https://openid.net/specs/openid-federation-1_0.html).
        MissingTrustAnchor = "missing_trust_anchor",
        /// `validation_failed` (OpenID Federation drafts, Nimbus): the
        /// client's trust chain failed validation.
        /// [OpenID Federation](https://openid.net/specs/openid-federation-1_0.html).
        ValidationFailed = "validation_failed",
        /// `trust_chain_validation_failed` (OpenID Federation): the client's
        /// trust chain failed validation.
        /// [OpenID Federation](https://openid.net/specs/openid-federation-1_0.html).
        TrustChainValidationFailed = "trust_chain_validation_failed",
        /// `invalid_subject` (OpenID Federation; PayPal for a merchant the
        /// client may not act for): the subject is not one the server
        /// accepts for this client.
        /// [OpenID Federation](https://openid.net/specs/openid-federation-1_0.html),
        /// [PayPal](https://github.com/paypal/Payouts-PHP-SDK/issues/7).
        InvalidSubject = "invalid_subject",
        /// `invalid_state` (Ory Hydra, fosite, Authelia): `state` is missing
        /// or shorter than 8 characters. [ory/fosite](https://github.com/ory/fosite/blob/master/errors.go).
        InvalidState = "invalid_state",
        /// `insufficient_entropy` (Ory Hydra, fosite): the `nonce` is too
        /// short. [ory/fosite](https://github.com/ory/fosite/blob/master/errors.go).
        InsufficientEntropy = "insufficient_entropy",
        /// `request_unauthorized` (Ory Hydra, fosite): at `/userinfo`, the
        /// access token was not accepted. [ory/fosite](https://github.com/ory/fosite/blob/master/errors.go).
        RequestUnauthorized = "request_unauthorized",
        /// `request_forbidden` (Ory Hydra, fosite): a policy refused the
        /// request (seen when the login/consent CSRF cookie did not
        /// validate). [ory/fosite](https://github.com/ory/fosite/blob/master/errors.go).
        RequestForbidden = "request_forbidden",
        /// `jti_known` (Ory Hydra, fosite): the client assertion's `jti` was
        /// already used. [ory/fosite](https://github.com/ory/fosite/blob/master/errors.go).
        JtiKnown = "jti_known",
        /// `disabled_client` (Gluu, Janssen): an administrator disabled the
        /// client. [Janssen](https://github.com/JanssenProject/jans/blob/main/jans-auth-server/model/src/main/java/io/jans/as/model/authorize/AuthorizeErrorResponseType.java).
        DisabledClient = "disabled_client",
        /// `retry` (Gluu, Janssen): the user is already signed in; send the
        /// authorization request again. [Janssen](https://github.com/JanssenProject/jans/blob/main/jans-auth-server/model/src/main/java/io/jans/as/model/authorize/AuthorizeErrorResponseType.java).
        Retry = "retry",
        /// `authentication_session_invalid` (Gluu, Janssen): the sign-in
        /// session expired on the server's pages. [Janssen](https://github.com/JanssenProject/jans/blob/main/jans-auth-server/model/src/main/java/io/jans/as/model/authorize/AuthorizeErrorResponseType.java).
        AuthenticationSessionInvalid = "authentication_session_invalid",
        /// `invalid_authentication_method` (Gluu, Janssen): the server's
        /// authentication script for the requested `acr` failed. [Janssen](https://github.com/JanssenProject/jans/blob/main/jans-auth-server/model/src/main/java/io/jans/as/model/authorize/AuthorizeErrorResponseType.java).
        InvalidAuthenticationMethod = "invalid_authentication_method",
        /// `user_mismatched` (Gluu, Janssen; an OpenID Connect draft value):
        /// the signed-in user is not the one the request named. [Janssen](https://github.com/JanssenProject/jans/blob/main/jans-auth-server/model/src/main/java/io/jans/as/model/authorize/AuthorizeErrorResponseType.java).
        UserMismatched = "user_mismatched",
        /// `session_selection_required` (Gluu, Janssen; the OpenID Connect
        /// draft name of `account_selection_required`). [Janssen](https://github.com/JanssenProject/jans/blob/main/jans-auth-server/model/src/main/java/io/jans/as/model/authorize/AuthorizeErrorResponseType.java).
        SessionSelectionRequired = "session_selection_required",
        /// `invalid_request_redirect_uri` (Gluu, Janssen): the `redirect_uri`
        /// is not registered. [Janssen](https://github.com/JanssenProject/jans/blob/main/jans-auth-server/model/src/main/java/io/jans/as/model/authorize/AuthorizeErrorResponseType.java).
        InvalidRequestRedirectUri = "invalid_request_redirect_uri",
        /// `use_new_dpop_nonce` (Gluu, Janssen): as `use_dpop_nonce`, a newer
        /// nonce from the `DPoP-Nonce` header is needed. [Janssen](https://github.com/JanssenProject/jans/blob/main/jans-auth-server/model/src/main/java/io/jans/as/model/token/TokenErrorResponseType.java).
        UseNewDpopNonce = "use_new_dpop_nonce",
        /// `two_factor_required` (FusionAuth): a second factor is needed; the
        /// body's `two_factor_id` continues the sign-in. [fusionauth-java-client](https://github.com/FusionAuth/fusionauth-java-client/blob/main/src/main/java/io/fusionauth/domain/oauth2/OAuthError.java).
        TwoFactorRequired = "two_factor_required",
        /// `change_password_required` (FusionAuth): the password must be
        /// changed first. [fusionauth-java-client](https://github.com/FusionAuth/fusionauth-java-client/blob/main/src/main/java/io/fusionauth/domain/oauth2/OAuthError.java).
        ChangePasswordRequired = "change_password_required",
        /// `not_licensed` (FusionAuth): the feature needs a licence the
        /// server does not have. [fusionauth-java-client](https://github.com/FusionAuth/fusionauth-java-client/blob/main/src/main/java/io/fusionauth/domain/oauth2/OAuthError.java).
        NotLicensed = "not_licensed",
        /// `password_change_required` (NeoDay): the password must be changed
        /// first. [NeoDay](https://dev.neoday.com/server-apis/force-password-reset).
        PasswordChangeRequired = "password_change_required",
        /// `invalid_credentials` (older thephpleague/oauth2-server and
        /// Laravel Passport): the user name or password is wrong.
        /// [oauth2-server#1124](https://github.com/thephpleague/oauth2-server/issues/1124).
        InvalidCredentials = "invalid_credentials",
        /// `invalid_code_challenge_method` (Doorkeeper): the PKCE method is
        /// not allowed (usually `plain` where only `S256` is).
        /// [Doorkeeper](https://github.com/doorkeeper-gem/doorkeeper/blob/main/lib/doorkeeper/errors.rb).
        InvalidCodeChallengeMethod = "invalid_code_challenge_method",
        /// `endpoint_error` (Casdoor): the server failed while issuing the
        /// token. [Casdoor](https://github.com/casdoor/casdoor/issues/2964).
        EndpointError = "endpoint_error",
        /// `missing_authorization` (Authlib's resource protector): the
        /// request reached a protected resource with no `Authorization`
        /// header. At a resource: attach a token (fetch one first if none is
        /// held). Elsewhere it is not defined.
        /// [Authlib](https://github.com/authlib/authlib/blob/main/authlib/oauth2/rfc6749/errors.py).
        MissingAuthorization = "missing_authorization",
        /// `missing_token`: two readings. OpenIddict's validation handlers
        /// send it from a protected resource that got no access token
        /// (attach one). oauthlib and Authlib raise an exception of the same
        /// name on the client when a token response lacks `access_token`;
        /// that one never travels in a response.
        /// [OpenIddict](https://github.com/openiddict/openiddict-core/blob/dev/src/OpenIddict.Abstractions/OpenIddictConstants.cs),
        /// [oauthlib](https://github.com/oauthlib/oauthlib/blob/master/oauthlib/oauth2/rfc6749/errors.py).
        MissingToken = "missing_token",
        /// `insufficient_access` (OpenIddict): the token is valid, and the
        /// user or client it stands for may not do what was asked.
        /// [OpenIddict](https://github.com/openiddict/openiddict-core/blob/dev/src/OpenIddict.Abstractions/OpenIddictConstants.cs).
        InsufficientAccess = "insufficient_access",
        /// `device_not_found` (Django OAuth Toolkit, HTTP 404 from the token
        /// endpoint): the `device_code` polled for is unknown (never issued,
        /// or already cleaned up); a new device flow must start.
        /// [django-oauth-toolkit](https://github.com/django-oauth/django-oauth-toolkit/blob/master/oauth2_provider/authorization_server/views/base.py).
        DeviceNotFound = "device_not_found",
        /// `misconfiguration` (Ory Hydra, fosite; HTTP 500): the server's own
        /// configuration is broken; an operator must act.
        /// [ory/fosite](https://github.com/ory/fosite/blob/master/errors.go).
        Misconfiguration = "misconfiguration",
        /// `token_inactive` (Ory Hydra, fosite; HTTP 401): the token is
        /// malformed, expired or revoked. Read for the surface, as
        /// `invalid_token`. [ory/fosite](https://github.com/ory/fosite/blob/master/errors.go).
        TokenInactive = "token_inactive",
        /// `token_signature_mismatch` (Ory Hydra, fosite; HTTP 400): the
        /// token's signature part does not match what the server issued.
        /// Read for the surface, as `invalid_token`.
        /// [ory/fosite](https://github.com/ory/fosite/blob/master/errors.go).
        TokenSignatureMismatch = "token_signature_mismatch",
        /// `token_claim` (Ory Hydra, fosite; HTTP 401): a claim of the token
        /// failed validation (audience, issuer, expiry). Read for the
        /// surface, as `invalid_token`.
        /// [ory/fosite](https://github.com/ory/fosite/blob/master/errors.go).
        TokenClaim = "token_claim",
        /// `scope_not_granted` (Ory Hydra, fosite; HTTP 403): the resource
        /// owner did not grant a scope the request needs.
        /// [ory/fosite](https://github.com/ory/fosite/blob/master/errors.go).
        ScopeNotGranted = "scope_not_granted",
        /// `NO_TEXT` (Reddit, upper case): the token request lacks the
        /// `code` parameter.
        /// [Reddit OAuth2 wiki](https://github.com/reddit-archive/reddit/wiki/OAuth2#retrieving-the-access-token).
        RedditNoText = "NO_TEXT",
        /// `invalid_client_secret` (Zoho Accounts): the client secret sent
        /// is wrong. [Zoho](https://www.zoho.com/accounts/protocol/oauth/web-apps/access-token.html).
        InvalidClientSecret = "invalid_client_secret",
        /// `Access Denied` (a phrase with a space; Zoho Accounts, HTTP 400
        /// with `"status":"failure"`): two readings. Zoho sends it when a
        /// client asked for too many access tokens in a short time (its
        /// limit is ten refreshes in ten minutes per refresh token): wait,
        /// then retry, which [`Provider::Zoho`](crate::Provider::Zoho) says.
        /// Anyone else sending the phrase means a refusal: stop.
        /// [Zoho](https://www.zoho.com/crm/developer/docs/api/v7/refresh.html),
        /// [tristanjahier/zoho-crm-php#9](https://github.com/tristanjahier/zoho-crm-php/issues/9).
        AccessDeniedPhrase = "Access Denied",
    }
    examples {
        known: InvalidGrant = "invalid_grant",
        unknown: "tenant_quota_exceeded",
    }
}

vocabulary! {
    /// The `suberror` member Microsoft Entra ID adds to some error responses,
    /// and the `error_subtype` member Google adds to some `invalid_grant`s.
    ///
    /// It refines `error`, mostly to say what kind of interaction would help.
    /// See the suberror notes in Microsoft's
    /// [error handling guidance](https://learn.microsoft.com/entra/msal/dotnet/advanced/exceptions/msal-error-handling).
    ///
    /// # Examples
    ///
    /// ```
    /// use oauth_triage::Suberror;
    ///
    /// assert_eq!(Suberror::from("message_only"), Suberror::MessageOnly);
    /// assert_eq!(Suberror::BadToken.as_str(), "bad_token");
    /// ```
    pub enum Suberror {
        /// `basic_action` (Microsoft Entra ID): the user can resolve it in an interactive prompt
        /// (for example by signing in again).
        BasicAction = "basic_action",
        /// `additional_action` (Microsoft Entra ID): the user must take an extra step interactively
        /// (for example register for MFA), which may not be possible.
        AdditionalAction = "additional_action",
        /// `message_only` (Microsoft Entra ID): an interactive prompt would only show a message;
        /// the user cannot fix it.
        MessageOnly = "message_only",
        /// `consent_required` (Microsoft Entra ID): consent is missing.
        ConsentRequired = "consent_required",
        /// `user_password_expired` (Microsoft Entra ID): the user's password has expired.
        UserPasswordExpired = "user_password_expired",
        /// `bad_token` (Microsoft Entra ID): the refresh token is no longer usable.
        BadToken = "bad_token",
        /// `token_expired` (Microsoft Entra ID): the refresh token has expired.
        TokenExpired = "token_expired",
        /// `protection_policy_required` (Microsoft Entra ID): an app protection policy (Intune) must
        /// be applied on the device before tokens are issued.
        ProtectionPolicyRequired = "protection_policy_required",
        /// `client_mismatch` (Microsoft Entra ID): the refresh token belongs to another client of the
        /// same family; use the app's own refresh token.
        ClientMismatch = "client_mismatch",
        /// `device_authentication_failed` (Microsoft Entra ID): the device could not be authenticated.
        DeviceAuthenticationFailed = "device_authentication_failed",
        /// `invalid_rapt` (Google's `error_subtype`): Google Workspace session
        /// control wants the user to verify again before the refresh token
        /// works. [cline#4080](https://github.com/cline/cline/issues/4080).
        InvalidRapt = "invalid_rapt",
        /// `rapt_required` (Google's `error_subtype`): as `invalid_rapt`, the
        /// user must verify again.
        /// [bigquery-runner#47](https://github.com/minodisk/bigquery-runner/issues/47).
        RaptRequired = "rapt_required",
    }
    examples {
        known: BadToken = "bad_token",
        unknown: "new_suberror",
    }
}

/// Whether `value` is a valid RFC 6749 `error` value: one or more `NQSCHAR`
/// (`%x20-21 / %x23-5B / %x5D-7E`).
pub(crate) fn is_valid_error_value(value: &str) -> bool {
    !value.is_empty()
        && value
            .bytes()
            .all(|b| matches!(b, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E))
}
