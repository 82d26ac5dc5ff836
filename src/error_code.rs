//! The vocabularies of the `error` and `suberror` members.

use std::borrow::Cow;
use std::fmt;

use crate::log_safe::{is_symbol, shown_if};

/// A value this crate does not recognize, kept verbatim.
///
/// It is opaque so that a recognized spelling can never hide in
/// [`ErrorCode::Other`] or [`Suberror::Other`]: converting `"invalid_grant"`
/// always gives [`ErrorCode::InvalidGrant`].
///
/// `Debug` is safe for logs: it shows the value when it is a plain symbol
/// (letters, digits, `_`, `.`, `-`, at most 64 bytes) and
/// `[redacted: N bytes]` otherwise; [`Unrecognized::as_str`] gives the value.
///
/// # Examples
///
/// ```
/// use oauth_triage::{ErrorCode, TokenError};
///
/// // Auth0 asks for a second factor with a value no registry defines.
/// let err = TokenError::from_json(br#"{"error":"mfa_required","error_description":"Multifactor authentication required"}"#)?;
/// match err.error() {
///     ErrorCode::Other(value) => assert_eq!(value.as_str(), "mfa_required"),
///     known => panic!("unexpectedly recognized: {known}"),
/// }
///
/// // Anyone can write a redirect's `error`: in `Debug`, text is only its length.
/// let forged = ErrorCode::from("call +1 555 0100 now");
/// assert_eq!(format!("{forged:?}"), "Other(Unrecognized([redacted: 20 bytes]))");
/// assert_eq!(format!("{:?}", err.error()), r#"Other(Unrecognized("mfa_required"))"#);
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
    /// The value as the server sent it: **raw server text** (for an `error`
    /// value, printable ASCII, but in a redirect anyone can write it).
    ///
    /// ```
    /// use oauth_triage::{AuthorizeError, ErrorCode};
    ///
    /// let err = AuthorizeError::from_redirect_uri("/cb?error=tenant_blocked&state=Zx81")?;
    /// let ErrorCode::Other(value) = err.error() else {
    ///     panic!("a registered value");
    /// };
    /// assert_eq!(value.as_str(), "tenant_blocked");
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Copies borrowed text so the value no longer borrows the input.
    ///
    /// ```
    /// use oauth_triage::{ErrorCode, Unrecognized};
    ///
    /// let kept: Option<Unrecognized<'static>> = {
    ///     let body = String::from("mfa_required");
    ///     match ErrorCode::from(body.as_str()) {
    ///         ErrorCode::Other(value) => Some(value.into_owned()),
    ///         _ => None,
    ///     }
    /// };
    /// assert_eq!(kept.as_ref().map(Unrecognized::as_str), Some("mfa_required"));
    /// ```
    pub fn into_owned(self) -> Unrecognized<'static> {
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

            /// Recognizes a value, keeping unknown text (borrowed when possible).
            /// `From<&str>` and `From<String>` do the same for plain text.
            ///
            /// ```
            /// use std::borrow::Cow;
            #[doc = concat!("use oauth_triage::", stringify!($name), ";")]
            ///
            /// // Text that needed percent-decoding is owned; other text is borrowed.
            #[doc = concat!("let decoded: Cow<'_, str> = Cow::Owned(String::from(\"", $known_wire, "\"));")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::from_cow(decoded), ", stringify!($name), "::", stringify!($known), ");")]
            /// ```
            pub fn from_cow(value: Cow<'a, str>) -> Self {
                match &*value {
                    $( $wire => Self::$variant, )*
                    _ => Self::Other(Unrecognized(value)),
                }
            }

            /// Whether this value is one the crate recognizes.
            ///
            /// ```
            #[doc = concat!("use oauth_triage::", stringify!($name), ";")]
            ///
            #[doc = concat!("assert!(", stringify!($name), "::from(\"", $known_wire, "\").is_known());")]
            #[doc = concat!("assert!(!", stringify!($name), "::from(\"", $unknown, "\").is_known());")]
            /// ```
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Other(_))
            }

            /// The same value, borrowing any unknown text from `self`.
            pub(crate) fn as_borrowed(&self) -> $name<'_> {
                match self {
                    $( Self::$variant => $name::$variant, )*
                    Self::Other(other) => $name::Other(Unrecognized(Cow::Borrowed(other.as_str()))),
                }
            }

            /// Copies borrowed text so the value no longer borrows the input.
            ///
            /// ```
            #[doc = concat!("use oauth_triage::", stringify!($name), ";")]
            ///
            #[doc = concat!("let value: ", stringify!($name), "<'static> = {")]
            #[doc = concat!("    let body = String::from(\"", $unknown, "\");")]
            #[doc = concat!("    ", stringify!($name), "::from(body.as_str()).into_owned()")]
            /// };
            #[doc = concat!("assert_eq!(value.as_str(), \"", $unknown, "\");")]
            /// ```
            pub fn into_owned(self) -> $name<'static> {
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
    /// client can meet, plus Microsoft Entra ID's own values. Conversion from
    /// text never fails: unknown values become [`ErrorCode::Other`].
    ///
    /// # Examples
    ///
    /// ```
    /// use oauth_triage::ErrorCode;
    ///
    /// assert_eq!(ErrorCode::from("invalid_grant"), ErrorCode::InvalidGrant);
    /// assert_eq!(ErrorCode::InvalidGrant.as_str(), "invalid_grant");
    ///
    /// let other = ErrorCode::from("example_vendor_error");
    /// assert!(!other.is_known());
    /// assert_eq!(other.to_string(), "example_vendor_error");
    /// ```
    pub enum ErrorCode {
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
        /// `unsupported_token_type`: the server cannot revoke this token type.
        /// [RFC 7009 §2.2.1](https://www.rfc-editor.org/rfc/rfc7009#section-2.2.1).
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
    }
    examples {
        known: InvalidGrant = "invalid_grant",
        unknown: "mfa_required",
    }
}

vocabulary! {
    /// The `suberror` member Microsoft Entra ID adds to some error responses.
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
