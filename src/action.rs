//! What the client should do next ([`Action`], with what a step-up must
//! carry, [`StepUp`]) and who must act ([`Party`]): the vocabulary of a
//! classification, apart from the procedure that decides it.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

/// What the client should do next. The JSON name of each variant is the
/// snake_case word in the table below ([`Action::name`]).
///
/// | action | the client should |
/// |---|---|
/// | `retry` | repeat the same request after a delay (`Retry-After` when given, else its own backoff) |
/// | `retry_with_nonce` | repeat once, now, with the server's `DPoP-Nonce` |
/// | `keep_polling` | wait the polling interval and poll again |
/// | `slow_down` | poll again with the interval raised by 5 seconds |
/// | `renew` | get a fresh access token silently (refresh token, client credentials), then retry; sign in only if that fails |
/// | `reauthenticate` | run an interactive sign-in (login, MFA, account selection, password change) |
/// | `consent` | run an interactive sign-in that asks for consent or wider scopes |
/// | `step_up` | request a token carrying the claims / `acr_values` / `max_age` asked for, silently first when possible |
/// | `fix_request` | stop: the request is malformed; a developer must change the code |
/// | `fix_config` | stop: app registration, tenant or server configuration must change |
/// | `fix_credentials` | stop: the client's secret, certificate or assertion is wrong or expired |
/// | `denied` | stop and tell the user: the user or a policy refused |
/// | `abort` | stop: nothing safe to do automatically |
/// | `success` | go on: the response is not an error |
///
/// # Examples
///
/// ```
/// use oauth_triage::{classify, Action, TokenError};
///
/// let err = TokenError::from_json(br#"{"error":"authorization_pending"}"#)?;
/// match classify(&err).action() {
///     Action::KeepPolling | Action::SlowDown { .. } => { /* poll again */ }
///     Action::Retry { after } => { let _ = after; /* back off, then retry */ }
///     other => panic!("stop polling: {other}"),
/// }
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Action<'a> {
    /// Repeat the same request after a delay.
    Retry {
        /// The delay the server asked for (`Retry-After`, capped), or the
        /// catalog's minimum for the code; `None` means use your own backoff.
        after: Option<Duration>,
    },
    /// Repeat once, now, with the nonce from the `DPoP-Nonce` header.
    RetryWithNonce,
    /// Wait the polling interval, then poll again (device flow, CIBA).
    KeepPolling,
    /// Poll less often from now on: at the `interval` the server named
    /// (GitHub sends the new interval with `slow_down`), else with the
    /// interval raised by 5 seconds
    /// ([RFC 8628 §3.5](https://www.rfc-editor.org/rfc/rfc8628#section-3.5)).
    SlowDown {
        /// The polling interval the server asked for (GitHub's `interval`
        /// member, in seconds; its raw value is in [`TokenError::extra`](crate::TokenError::extra)),
        /// clamped to between 5 seconds (RFC 8628 §3.5's step) and one hour
        /// (the cap on a server's delay); `None` when it named none.
        interval: Option<Duration>,
    },
    /// Get a fresh access token silently, then retry the call once.
    Renew,
    /// Run an interactive sign-in.
    Reauthenticate,
    /// Run an interactive sign-in that asks for consent.
    Consent,
    /// Request a token that carries what the server asked for.
    StepUp(StepUp<'a>),
    /// Stop: the request is malformed.
    FixRequest,
    /// Stop: registration, tenant or server configuration must change.
    FixConfig,
    /// Stop: the client's credentials are wrong or expired.
    FixCredentials,
    /// Stop and tell the user: the user or a policy refused.
    Denied,
    /// Stop: nothing safe to do automatically.
    Abort,
    /// Go on: the response is not an error (a 2xx whose body carries no
    /// `error`), so that one `match` on [`classify`](crate::classify()) handles every response.
    Success,
}

impl<'a> Action<'a> {
    /// The snake_case name (`retry`, `step_up`, ...), as in JSON output.
    ///
    /// ```
    /// use oauth_triage::{classify, HttpResponse};
    ///
    /// let response = HttpResponse::new(429).header("Retry-After", "30");
    /// let c = classify(&response);
    /// // A stable label for metrics; `Display` adds the delay.
    /// assert_eq!(c.action().name(), "retry");
    /// assert_eq!(c.action().to_string(), "retry after 30s");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            Self::Retry { .. } => "retry",
            Self::RetryWithNonce => "retry_with_nonce",
            Self::KeepPolling => "keep_polling",
            Self::SlowDown { .. } => "slow_down",
            Self::Renew => "renew",
            Self::Reauthenticate => "reauthenticate",
            Self::Consent => "consent",
            Self::StepUp(_) => "step_up",
            Self::FixRequest => "fix_request",
            Self::FixConfig => "fix_config",
            Self::FixCredentials => "fix_credentials",
            Self::Denied => "denied",
            Self::Abort => "abort",
            Self::Success => "success",
        }
    }

    /// What the client should do, in one line (the table above).
    ///
    /// ```
    /// use oauth_triage::Action;
    /// assert_eq!(Action::SlowDown { interval: None }.advice(), "poll again with the interval raised by 5 seconds");
    /// ```
    pub fn advice(&self) -> &'static str {
        match self {
            Self::Retry { .. } => "repeat the same request after a delay (Retry-After when given, else backoff)",
            Self::RetryWithNonce => "repeat the request once, now, with the server's DPoP-Nonce",
            Self::KeepPolling => "wait the polling interval, then poll again",
            Self::SlowDown { .. } => "poll again with the interval raised by 5 seconds",
            Self::Renew => "get a fresh access token silently, then retry; sign in only if that fails",
            Self::Reauthenticate => "run an interactive sign-in (login, MFA, account selection, password change)",
            Self::Consent => "run an interactive sign-in that asks for consent or wider scopes",
            Self::StepUp(_) => "request a token carrying the claims the server asked for (silently first, then interactively)",
            Self::FixRequest => "stop: the request is malformed and the code must change",
            Self::FixConfig => "stop: the app registration, tenant or server configuration must change",
            Self::FixCredentials => "stop: the client's secret, certificate or assertion is wrong or expired",
            Self::Denied => "stop and tell the user: the user or a policy refused",
            Self::Abort => "stop: nothing safe to do automatically",
            Self::Success => "go on: the response is not an error",
        }
    }

    /// Every action name, in declaration order.
    ///
    /// ```
    /// use oauth_triage::Action;
    ///
    /// // Register one counter per action up front, so that dashboards show the zeros too.
    /// let counters: Vec<(&str, u64)> = Action::NAMES.iter().map(|&name| (name, 0)).collect();
    /// assert_eq!(counters.first(), Some(&("retry", 0)));
    /// assert!(Action::NAMES.contains(&Action::FixCredentials.name()));
    /// ```
    pub const NAMES: &'static [&'static str] = &[
        "retry",
        "retry_with_nonce",
        "keep_polling",
        "slow_down",
        "renew",
        "reauthenticate",
        "consent",
        "step_up",
        "fix_request",
        "fix_config",
        "fix_credentials",
        "denied",
        "abort",
        "success",
    ];

    /// Whether the same request may be sent again automatically (`retry`,
    /// `retry_with_nonce`, `keep_polling`, `slow_down`).
    ///
    /// ```
    /// use oauth_triage::Action;
    /// assert!(Action::Retry { after: None }.is_retryable());
    /// assert!(!Action::FixConfig.is_retryable());
    /// ```
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Self::Retry { .. } | Self::RetryWithNonce | Self::KeepPolling | Self::SlowDown { .. }
        )
    }

    /// Whether a person must be present: an interactive sign-in (`reauthenticate`,
    /// `consent`, `step_up` when no silent attempt succeeds).
    ///
    /// ```
    /// use oauth_triage::{classify, Callback, ExpectedCallback};
    ///
    /// // A silent sign-in (`prompt=none`) came back: the user must be asked after all.
    /// let callback = Callback::from_redirect_uri("https://app.example/cb?error=login_required&state=Zx81")?;
    /// let verified = callback.check(&ExpectedCallback::state("Zx81"))?;
    /// let c = classify(verified.error().ok_or("a success")?);
    /// assert!(c.action().needs_user());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn needs_user(&self) -> bool {
        matches!(self, Self::Reauthenticate | Self::Consent | Self::StepUp(_))
    }

    /// Whether the client must stop and not repeat the request (`fix_*`,
    /// `denied`, `abort`).
    ///
    /// ```
    /// use oauth_triage::{classify, TokenError};
    ///
    /// // An expired client secret fails the same way every time: stop and alert.
    /// let err = TokenError::from_json(br#"{"error":"invalid_client","error_codes":[7000222]}"#)?;
    /// let c = classify(&err);
    /// assert!(c.action().is_terminal());
    /// assert!(!c.action().is_retryable());
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            Self::FixRequest | Self::FixConfig | Self::FixCredentials | Self::Denied | Self::Abort
        )
    }

    /// Who must act, when nothing more specific is known.
    pub(crate) fn party(&self) -> Party {
        match self {
            Self::Retry { .. } | Self::RetryWithNonce | Self::Renew | Self::Success => {
                Party::Service
            }
            Self::KeepPolling
            | Self::SlowDown { .. }
            | Self::Reauthenticate
            | Self::Consent
            | Self::StepUp(_)
            | Self::Denied => Party::User,
            Self::FixRequest | Self::FixConfig | Self::FixCredentials | Self::Abort => {
                Party::Developer
            }
        }
    }

    /// Copies borrowed text so the value no longer borrows the input.
    ///
    /// ```
    /// use oauth_triage::{classify, Action, Challenges};
    ///
    /// // Keep what to do after the response's headers are gone.
    /// let action: Action<'static> = {
    ///     let header = String::from(r#"Bearer error="insufficient_user_authentication", acr_values="phr""#);
    ///     let challenges = Challenges::parse(&header)?;
    ///     classify(&challenges).action().clone().into_owned()
    /// };
    /// assert_eq!(action.name(), "step_up");
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn into_owned(self) -> Action<'static> {
        match self {
            Self::Retry { after } => Action::Retry { after },
            Self::RetryWithNonce => Action::RetryWithNonce,
            Self::KeepPolling => Action::KeepPolling,
            Self::SlowDown { interval } => Action::SlowDown { interval },
            Self::Renew => Action::Renew,
            Self::Reauthenticate => Action::Reauthenticate,
            Self::Consent => Action::Consent,
            Self::StepUp(step_up) => Action::StepUp(step_up.into_owned()),
            Self::FixRequest => Action::FixRequest,
            Self::FixConfig => Action::FixConfig,
            Self::FixCredentials => Action::FixCredentials,
            Self::Denied => Action::Denied,
            Self::Abort => Action::Abort,
            Self::Success => Action::Success,
        }
    }
}

impl fmt::Display for Action<'_> {
    /// The snake_case name; `retry` adds its delay (`retry after 30s`, or
    /// in milliseconds when it is not whole seconds: `retry after 1500ms`),
    /// `slow_down` the interval the server named (`slow_down to 10s`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())?;
        match self {
            Self::Retry { after: Some(after) } if after.subsec_nanos() == 0 => {
                write!(f, " after {}s", after.as_secs())
            }
            Self::Retry { after: Some(after) } => write!(f, " after {}ms", after.as_millis()),
            Self::SlowDown {
                interval: Some(interval),
            } => write!(f, " to {}s", interval.as_secs()),
            _ => Ok(()),
        }
    }
}

impl serde::Serialize for Action<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// What a step-up must carry: the claims request, `acr_values`, `max_age`.
///
/// # Examples
///
/// ```
/// use oauth_triage::{classify, Action, Challenges};
///
/// // Microsoft Graph's Continuous Access Evaluation challenge, after a session was revoked.
/// let value = r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTcxNDY0MTI0NyJ9fX0=""#;
/// let challenges = Challenges::parse(value)?;
/// let c = classify(&challenges);
/// let Action::StepUp(step_up) = c.action() else { return Err("not a step-up".into()) };
/// // Pass it as the `claims` parameter of the next token request.
/// assert_eq!(step_up.claims.as_deref(), Some(r#"{"access_token":{"nbf":{"essential":true, "value":"1714641247"}}}"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct StepUp<'a> {
    /// The JSON claims request to pass as the `claims` parameter of the next
    /// token or authorization request (decoded from base64 when it came from
    /// a challenge; the raw value when decoding failed).
    pub claims: Option<Cow<'a, str>>,
    /// The `acr_values` the resource asked for (RFC 9470).
    pub acr_values: Option<Cow<'a, str>>,
    /// The `max_age` the resource asked for, in seconds (RFC 9470).
    pub max_age: Option<u64>,
    /// Auth0's `mfa_token`, sent with `mfa_required`: **a credential** for
    /// Auth0's MFA API (challenge, then the `mfa-otp` / `mfa-oob` grant).
    /// `Debug` prints only its length.
    pub mfa_token: Option<Cow<'a, str>>,
}

/// Log-safe, by the same rules as a [`Challenge`](crate::Challenge)'s
/// `Debug`: a claims request that is a JSON object, `acr_values` that are
/// plain symbols, and `max_age` are shown (they name what to ask for, not
/// who asks); a claims request that is anything else (a challenge's value
/// that was no base64 JSON) or other `acr_values` print as `[redacted: N
/// bytes]`, as does the `mfa_token`, a credential.
///
/// ```
/// use oauth_triage::{classify, TokenError};
///
/// let err = TokenError::from_json(br#"{"error":"mfa_required","mfa_token":"Fe26.2*secret"}"#)?;
/// let shown = format!("{:?}", classify(&err));
/// assert!(shown.contains("mfa_token: [redacted: 13 bytes]"), "{shown}");
/// assert!(!shown.contains("Fe26.2"), "{shown}");
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
impl fmt::Debug for StepUp<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::log_safe::{is_claims_request, is_symbol_list, shown_if};

        let mut d = f.debug_struct("StepUp");
        if let Some(claims) = &self.claims {
            d.field("claims", &shown_if(claims, is_claims_request(claims)));
        }
        if let Some(acr) = &self.acr_values {
            d.field("acr_values", &shown_if(acr, is_symbol_list(acr)));
        }
        d.field("max_age", &self.max_age);
        if let Some(token) = &self.mfa_token {
            d.field("mfa_token", &crate::log_safe::Redacted(token.len()));
        }
        d.finish()
    }
}

impl StepUp<'_> {
    /// Copies borrowed text so the value no longer borrows the input.
    pub(crate) fn into_owned(self) -> StepUp<'static> {
        StepUp {
            claims: self.claims.map(|c| Cow::Owned(c.into_owned())),
            acr_values: self.acr_values.map(|c| Cow::Owned(c.into_owned())),
            max_age: self.max_age,
            mfa_token: self.mfa_token.map(|c| Cow::Owned(c.into_owned())),
        }
    }
}

/// Who must act on a classification.
///
/// # Examples
///
/// ```
/// use oauth_triage::{classify, Party, TokenError};
///
/// // Blocked by Conditional Access: route it to whoever can change that.
/// let err = TokenError::from_json(br#"{"error":"invalid_grant","error_codes":[53003]}"#)?;
/// let queue = match classify(&err).party() {
///     Party::User => "tell the user",
///     Party::Admin | Party::IdentityProvider => "IT helpdesk",
///     Party::Developer => "engineering",
///     _ => "nobody: the client recovers on its own",
/// };
/// assert_eq!(queue, "IT helpdesk");
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Party {
    /// The signed-in person: sign in again, complete MFA, change a password.
    User,
    /// The application's developer: change the request or the code.
    Developer,
    /// A tenant administrator: policies, consent, app registration, accounts.
    Admin,
    /// A federated or external identity provider, or an on-premises component.
    IdentityProvider,
    /// Nobody on the client's side: the client recovers automatically or the
    /// service recovers on its own.
    Service,
}

impl Party {
    /// Every party.
    ///
    /// ```
    /// use oauth_triage::Party;
    ///
    /// // One label value per party, for a metrics exporter.
    /// let labels: Vec<&str> = Party::ALL.iter().map(|party| party.as_str()).collect();
    /// assert_eq!(labels, ["user", "developer", "admin", "identity_provider", "service"]);
    /// ```
    pub const ALL: &'static [Self] = &[
        Self::User,
        Self::Developer,
        Self::Admin,
        Self::IdentityProvider,
        Self::Service,
    ];

    /// The snake_case name (`identity_provider`, ...).
    ///
    /// ```
    /// use oauth_triage::{classify, TokenError};
    ///
    /// let err = TokenError::from_json(br#"{"error":"invalid_client","error_codes":[7000215]}"#)?;
    /// let c = classify(&err);
    /// assert_eq!(c.party().as_str(), "developer");
    /// assert_eq!(c.party().to_string(), "developer");
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Developer => "developer",
            Self::Admin => "admin",
            Self::IdentityProvider => "identity_provider",
            Self::Service => "service",
        }
    }
}

impl fmt::Display for Party {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Party {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
