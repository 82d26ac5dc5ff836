//! The outcome of the procedure: [`Classification`], with the step that
//! decided ([`DecidedBy`]), and their log-safe `Display`, `Debug` and `Serialize`.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use crate::action::{Action, Party};
use crate::catalog::AadstsCode;
use crate::error::ParseError;
use crate::error_code::{ErrorName, Suberror};
use crate::log_safe::{
    is_claims_request, is_id, is_symbol, is_symbol_list, is_timestamp, loggable, shown_if,
};
use crate::managed_identity::ManagedIdentitySource;
use crate::surface::Surface;
use crate::token::Codes;

/// Which step of the procedure decided (see [`classify`](crate::classify)).
///
/// Its `Display` (and `Serialize`) form is a short tag for logs.
///
/// # Examples
///
/// ```
/// use oauth_triage::{classify, Challenges, DecidedBy, HttpResponse, TokenError};
///
/// let mfa = TokenError::from_json(br#"{"error":"invalid_grant","error_codes":[50076]}"#)?;
/// let c = classify(&mfa);
/// assert_eq!(c.decided_by(), DecidedBy::Catalog(50076.into()));
/// assert_eq!(c.decided_by().to_string(), "catalog:50076");
///
/// let busy = HttpResponse::new(503);
/// assert_eq!(classify(&busy).decided_by().to_string(), "status");
/// let bare = Challenges::parse(r#"Bearer realm="""#)?;
/// assert_eq!(classify(&bare).decided_by().to_string(), "challenge-no-error");
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecidedBy {
    /// Step 1: no answer at all (the connection failed or timed out).
    Transport,
    /// Step 1: HTTP 408, 429 or 5xx, or a 2xx that is not an error.
    Status,
    /// Step 1: a rule of the managed identity endpoint that answered
    /// (see [`ManagedIdentitySource`]).
    ManagedIdentity,
    /// Step 2: `authorization_pending` or `slow_down`.
    Polling,
    /// Step 3: `use_dpop_nonce`.
    Dpop,
    /// Steps 4 and 6: Entra's `suberror`.
    Suberror,
    /// Step 5: a claims request.
    Claims,
    /// Step 7: the caller's [`Rules`](crate::Rules) override for this AADSTS code.
    RulesCode(AadstsCode),
    /// Step 7: the catalog entry of this AADSTS code.
    Catalog(AadstsCode),
    /// Step 8: the caller's [`Rules`](crate::Rules) override for the `error` value.
    RulesError,
    /// Step 8: the `error` value, read as the [`Provider`](crate::Provider) named in the
    /// caller's [`Rules`](crate::Rules) means it.
    Provider,
    /// Step 8: the `error` value.
    Error,
    /// Step 9: a resource challenge without `error`.
    ChallengeNoError,
    /// Step 10: nothing else applied.
    Fallback,
}

impl fmt::Display for DecidedBy {
    /// `transport`, `status`, `managed_identity`, `polling`, `dpop`,
    /// `suberror`, `claims`,
    /// `rules:50011`, `catalog:50011`, `rules:error`, `provider`, `error`,
    /// `challenge-no-error` or `fallback`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Transport => f.write_str("transport"),
            Self::Status => f.write_str("status"),
            Self::ManagedIdentity => f.write_str("managed_identity"),
            Self::Polling => f.write_str("polling"),
            Self::Dpop => f.write_str("dpop"),
            Self::Suberror => f.write_str("suberror"),
            Self::Claims => f.write_str("claims"),
            Self::RulesCode(code) => write!(f, "rules:{}", code.get()),
            Self::Catalog(code) => write!(f, "catalog:{}", code.get()),
            Self::RulesError => f.write_str("rules:error"),
            Self::Provider => f.write_str("provider"),
            Self::Error => f.write_str("error"),
            Self::ChallengeNoError => f.write_str("challenge-no-error"),
            Self::Fallback => f.write_str("fallback"),
        }
    }
}

impl serde::Serialize for DecidedBy {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The outcome of [`classify`](crate::classify): the action, who must act, and the evidence.
///
/// `Display` is safe for logs: it prints the action, the deciding step, the
/// status, recognized `error` and `suberror` values, the AADSTS codes and the
/// trace and correlation ids, and never the server's free text.
///
/// # Examples
///
/// ```
/// use oauth_triage::{classify, HttpResponse};
///
/// let response = HttpResponse::new(429).header("Retry-After", "30").body(b"Too Many Requests");
/// let c = classify(&response);
/// assert_eq!(c.retry_after().map(|d| d.as_secs()), Some(30));
/// assert_eq!(c.to_string(), "retry after 30s (decided by status; status 429; parse_error not_json)");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Classification<'a> {
    pub(super) action: Action<'a>,
    pub(super) decided_by: DecidedBy,
    pub(super) surface: Surface,
    pub(super) status: Option<u16>,
    pub(super) error: Option<ErrorName<'a>>,
    pub(super) other_error: Option<ErrorName<'a>>,
    pub(super) suberror: Option<Suberror<'a>>,
    pub(super) api_code: Option<Cow<'a, str>>,
    pub(super) codes: Codes<'a>,
    pub(super) trace_id: Option<Cow<'a, str>>,
    pub(super) correlation_id: Option<Cow<'a, str>>,
    pub(super) timestamp: Option<Cow<'a, str>>,
    pub(super) parse_error: Option<ParseError>,
    pub(super) managed_identity: Option<ManagedIdentitySource>,
}

impl<'a> Classification<'a> {
    /// What the client should do.
    ///
    /// ```
    /// use oauth_triage::{classify, Action, TokenError};
    ///
    /// let body = br#"{"error":"invalid_grant","error_description":"AADSTS65001: The user or administrator has not consented to use the application.","error_codes":[65001]}"#;
    /// let err = TokenError::from_json(body)?;
    /// let c = classify(&err);
    /// assert_eq!(c.action(), &Action::Consent);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn action(&self) -> &Action<'a> {
        &self.action
    }

    /// Which step of the procedure decided.
    ///
    /// ```
    /// use oauth_triage::{classify, Action, DecidedBy, TokenError};
    ///
    /// // `message_only` decides before the code is looked up.
    /// let err = TokenError::from_json(br#"{"error":"invalid_grant","suberror":"message_only","error_codes":[53003]}"#)?;
    /// let c = classify(&err);
    /// assert_eq!(c.action(), &Action::Denied);
    /// assert_eq!(c.decided_by(), DecidedBy::Suberror);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn decided_by(&self) -> DecidedBy {
        self.decided_by
    }

    /// Who must act: the catalog entry's party when a code decided, else
    /// the action's own (a developer for the `fix_*` actions and `abort`, the
    /// user for the interactive ones, `denied`, and polling, the service for
    /// `retry`, `retry_with_nonce`, `renew` and `success`). The one answer
    /// to "who acts": an [`Action`] alone does not know which code decided.
    ///
    /// ```
    /// use oauth_triage::{classify, Action, Party, TokenError};
    ///
    /// // Blocked by Conditional Access: the catalog knows an administrator must act.
    /// let err = TokenError::from_json(br#"{"error":"invalid_grant","error_codes":[53003]}"#)?;
    /// let c = classify(&err);
    /// assert_eq!(c.action(), &Action::Denied);
    /// assert_eq!(c.party(), Party::Admin);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn party(&self) -> Party {
        match self.decided_by {
            DecidedBy::Catalog(code) => code.entry().map_or(self.action.party(), |e| e.party),
            _ => self.action.party(),
        }
    }

    /// The delay to wait before retrying, when the action is `retry` and a
    /// delay is known.
    ///
    /// ```
    /// use std::time::Duration;
    /// use oauth_triage::{classify, HttpResponse};
    ///
    /// let throttled = HttpResponse::new(429).header("Retry-After", "17");
    /// assert_eq!(classify(&throttled).retry_after(), Some(Duration::from_secs(17)));
    /// // No delay given: use your own backoff.
    /// let unavailable = HttpResponse::new(503);
    /// assert_eq!(classify(&unavailable).retry_after(), None);
    /// ```
    pub fn retry_after(&self) -> Option<Duration> {
        match self.action {
            Action::Retry { after } => after,
            _ => None,
        }
    }

    /// Where the response came from.
    ///
    /// ```
    /// use oauth_triage::{classify, HttpResponse, Surface};
    ///
    /// // A challenge makes the response a protected resource's answer.
    /// let response = HttpResponse::new(401).header("WWW-Authenticate", r#"Bearer realm="", error="invalid_token""#);
    /// assert_eq!(classify(&response).surface(), Surface::Resource);
    /// ```
    pub fn surface(&self) -> Surface {
        self.surface
    }

    /// The managed identity endpoint that answered, when it was declared
    /// ([`HttpResponse::managed_identity`](crate::HttpResponse::managed_identity), or the `azure` feature's
    /// `KeepResponses` from the request).
    ///
    /// ```
    /// use oauth_triage::{classify, HttpResponse, ManagedIdentitySource};
    ///
    /// let response = HttpResponse::new(429).managed_identity(ManagedIdentitySource::AppService);
    /// let c = classify(&response);
    /// assert_eq!(c.managed_identity(), Some(ManagedIdentitySource::AppService));
    /// assert_eq!(c.to_string(), "retry (decided by status; status 429; managed_identity app_service)");
    /// ```
    pub fn managed_identity(&self) -> Option<ManagedIdentitySource> {
        self.managed_identity
    }

    /// The HTTP status, when known.
    ///
    /// ```
    /// use oauth_triage::{classify, HttpResponse, TokenError};
    ///
    /// let body = br#"{"error":"invalid_client","error_codes":[7000215]}"#;
    /// let err = TokenError::from_json(body)?;
    /// assert_eq!(classify(&err).status(), None);
    /// let response = HttpResponse::new(401).body(body);
    /// assert_eq!(classify(&response).status(), Some(401));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The `error` value, when there was a parsed error.
    ///
    /// ```
    /// use oauth_triage::{classify, ErrorName, HttpResponse};
    ///
    /// let response = HttpResponse::new(400).body(br#"{"error":"invalid_scope","error_codes":[70011]}"#);
    /// assert_eq!(classify(&response).error(), Some(&ErrorName::InvalidScope));
    /// // A proxy's page carries no OAuth error.
    /// let page = HttpResponse::new(502).body(b"<html><body>Bad Gateway</body></html>");
    /// assert_eq!(classify(&page).error(), None);
    /// ```
    pub fn error(&self) -> Option<&ErrorName<'a>> {
        self.error.as_ref()
    }

    /// The `error` value that did not decide, when a response's body and its
    /// `WWW-Authenticate` challenge both carried one and they differ: the
    /// body's when the challenge decided (at a resource), the challenge's
    /// when the body decided (at a declared token or authorization
    /// endpoint). Kept for logs; the procedure does not read it.
    ///
    /// ```
    /// use oauth_triage::{classify, Action, ErrorName, HttpResponse, Surface};
    ///
    /// // The token endpoint refused the client's credentials, with a challenge
    /// // for the scheme it authenticated with.
    /// let response = HttpResponse::new(401)
    ///     .header("WWW-Authenticate", r#"Basic realm="token", Bearer error="invalid_token""#)
    ///     .body(br#"{"error":"invalid_client"}"#)
    ///     .surface(Surface::Token);
    /// let c = classify(&response);
    /// assert_eq!(c.action(), &Action::FixCredentials);
    /// assert_eq!(c.error(), Some(&ErrorName::InvalidClient));
    /// assert_eq!(c.other_error(), Some(&ErrorName::InvalidToken));
    /// assert_eq!(c.to_string(), "fix_credentials (decided by error; status 401; error invalid_client; other_error invalid_token)");
    /// ```
    pub fn other_error(&self) -> Option<&ErrorName<'a>> {
        self.other_error.as_ref()
    }

    /// The `suberror` value.
    ///
    /// ```
    /// use oauth_triage::{classify, Action, Suberror, TokenError};
    ///
    /// // The refresh token belongs to another app of the same family.
    /// let err = TokenError::from_json(br#"{"error":"invalid_grant","suberror":"client_mismatch","error_codes":[70000]}"#)?;
    /// let c = classify(&err);
    /// assert_eq!(c.suberror(), Some(&Suberror::ClientMismatch));
    /// assert_eq!(c.action(), &Action::Renew);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn suberror(&self) -> Option<&Suberror<'a>> {
        self.suberror.as_ref()
    }

    /// The code of a REST API's error body ([`ResourceError::api_code`](crate::ResourceError::api_code)), such
    /// as Graph's `InvalidAuthenticationToken` or Google's `UNAUTHENTICATED`.
    ///
    /// ```
    /// use oauth_triage::{classify, Action, HttpResponse};
    ///
    /// let body = br#"{"error":{"code":"InvalidAuthenticationToken","message":"Lifetime validation failed, the token is expired.","innerError":{"date":"2024-05-02T09:14:07","request-id":"5b0b6c2e-3c4b-4f0e-9a55-2c1f6f7d8e90","client-request-id":"9a3e1f4c-7b2d-4c8e-8f61-0d5a2b3c4e5f"}}}"#;
    /// let response = HttpResponse::new(401).body(body);
    /// let c = classify(&response);
    /// assert_eq!(c.api_code(), Some("InvalidAuthenticationToken"));
    /// assert_eq!(c.action(), &Action::Renew);
    /// ```
    pub fn api_code(&self) -> Option<&str> {
        self.api_code.as_deref()
    }

    /// The AADSTS codes, in the server's order.
    ///
    /// ```
    /// use oauth_triage::{classify, Callback, ExpectedCallback};
    ///
    /// // A redirect has no `error_codes`; the code comes from Microsoft's `error_uri`.
    /// let url = "https://app.example/cb?error=access_denied&error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d65004&state=Zx81";
    /// let verified = Callback::from_redirect_uri(url)?.check(&ExpectedCallback::state("Zx81"))?;
    /// assert_eq!(classify(verified.error().ok_or("a success")?).codes(), &[65004]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn codes(&self) -> &[AadstsCode] {
        self.codes.as_slice()
    }

    /// Entra's `trace_id`, verbatim.
    ///
    /// ```
    /// use oauth_triage::{classify, TokenError};
    ///
    /// let body = br#"{"error":"invalid_grant","error_codes":[700082],"trace_id":"6e94ade5-10de-4d67-909a-14d845813500"}"#;
    /// let err = TokenError::from_json(body)?;
    /// let c = classify(&err);
    /// assert_eq!(c.trace_id(), Some("6e94ade5-10de-4d67-909a-14d845813500"));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn trace_id(&self) -> Option<&str> {
        self.trace_id.as_deref()
    }

    /// Entra's `correlation_id`, verbatim.
    ///
    /// ```
    /// use oauth_triage::{classify, HttpResponse};
    ///
    /// // For a Graph body, the `client-request-id` of its `innerError`.
    /// let body = br#"{"error":{"code":"InvalidAuthenticationToken","message":"Lifetime validation failed, the token is expired.","innerError":{"date":"2024-05-02T09:14:07","request-id":"5b0b6c2e-3c4b-4f0e-9a55-2c1f6f7d8e90","client-request-id":"9a3e1f4c-7b2d-4c8e-8f61-0d5a2b3c4e5f"}}}"#;
    /// let response = HttpResponse::new(401).body(body);
    /// assert_eq!(classify(&response).correlation_id(), Some("9a3e1f4c-7b2d-4c8e-8f61-0d5a2b3c4e5f"));
    /// ```
    pub fn correlation_id(&self) -> Option<&str> {
        self.correlation_id.as_deref()
    }

    /// Entra's `timestamp`, verbatim.
    ///
    /// ```
    /// use oauth_triage::{classify, HttpResponse};
    ///
    /// // For a Graph body, the `date` of its `innerError`.
    /// let body = br#"{"error":{"code":"InvalidAuthenticationToken","message":"Lifetime validation failed, the token is expired.","innerError":{"date":"2024-05-02T09:14:07","request-id":"5b0b6c2e-3c4b-4f0e-9a55-2c1f6f7d8e90","client-request-id":"9a3e1f4c-7b2d-4c8e-8f61-0d5a2b3c4e5f"}}}"#;
    /// let response = HttpResponse::new(401).body(body);
    /// assert_eq!(classify(&response).timestamp(), Some("2024-05-02T09:14:07"));
    /// ```
    pub fn timestamp(&self) -> Option<&str> {
        self.timestamp.as_deref()
    }

    /// Why the body could not be parsed, when the classification came from the
    /// status and headers alone.
    ///
    /// ```
    /// use oauth_triage::{classify, HttpResponse, ParseError};
    ///
    /// let response = HttpResponse::new(502).body(b"<html><body><h1>502 Bad Gateway</h1></body></html>");
    /// let c = classify(&response);
    /// assert_eq!(c.parse_error(), Some(&ParseError::Html));
    /// // The status still decides.
    /// assert!(c.action().is_retryable());
    /// ```
    pub fn parse_error(&self) -> Option<&ParseError> {
        self.parse_error.as_ref()
    }

    /// A `retry` that waits `remaining` (what is left of a [`Throttle`](crate::Throttle)'s
    /// hold); any other action unchanged.
    pub(crate) fn held_for(mut self, remaining: Duration) -> Self {
        if let Action::Retry { after } = &mut self.action {
            *after = Some(remaining);
        }
        self
    }

    /// Copies borrowed text so the value no longer borrows the input.
    ///
    /// ```
    /// use oauth_triage::{classify, Classification, ParseError, TokenError};
    ///
    /// // Return the outcome from a function that owns, then drops, the response body.
    /// fn triage(body: Vec<u8>) -> Result<Classification<'static>, ParseError> {
    ///     let err = TokenError::from_json(&body)?;
    ///     Ok(classify(&err).into_owned())
    /// }
    /// let c = triage(br#"{"error":"invalid_grant","error_codes":[700082]}"#.to_vec())?;
    /// assert_eq!(c.to_string(), "reauthenticate (decided by catalog:700082; error invalid_grant; codes 700082)");
    /// # Ok::<(), ParseError>(())
    /// ```
    pub fn into_owned(self) -> Classification<'static> {
        Classification {
            action: self.action.into_owned(),
            decided_by: self.decided_by,
            surface: self.surface,
            status: self.status,
            error: self.error.map(ErrorName::into_owned),
            other_error: self.other_error.map(ErrorName::into_owned),
            suberror: self.suberror.map(Suberror::into_owned),
            api_code: self.api_code.map(crate::token::into_static),
            codes: self.codes.into_owned(),
            trace_id: self.trace_id.map(crate::token::into_static),
            correlation_id: self.correlation_id.map(crate::token::into_static),
            timestamp: self.timestamp.map(crate::token::into_static),
            parse_error: self.parse_error,
            managed_identity: self.managed_identity,
        }
    }
}

impl fmt::Display for Classification<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (decided by {}", self.action, self.decided_by)?;
        if let Some(status) = self.status {
            write!(f, "; status {status}")?;
        }
        if let Some(error) = &self.error {
            write!(f, "; error {}", loggable(error.as_str()))?;
        }
        if let Some(error) = &self.other_error {
            write!(f, "; other_error {}", loggable(error.as_str()))?;
        }
        if let Some(suberror) = &self.suberror {
            write!(f, "; suberror {}", loggable(suberror.as_str()))?;
        }
        if let Some(code) = &self.api_code {
            write!(f, "; api_code {}", loggable(code))?;
        }
        if let Some((first, rest)) = self.codes().split_first() {
            write!(f, "; codes {}", first.get())?;
            for code in rest {
                write!(f, ",{}", code.get())?;
            }
        }
        if let Some(id) = self.trace_id.as_deref().filter(|id| is_id(id)) {
            write!(f, "; trace_id {id}")?;
        }
        if let Some(id) = self.correlation_id.as_deref().filter(|id| is_id(id)) {
            write!(f, "; correlation_id {id}")?;
        }
        if let Some(err) = &self.parse_error {
            write!(f, "; parse_error {}", err.kind())?;
        }
        if let Some(source) = self.managed_identity {
            write!(f, "; managed_identity {source}")?;
        }
        f.write_str(")")
    }
}

/// Log-safe like `Display`, by the rules given on
/// [`HttpResponse`](crate::HttpResponse)'s `Debug`: an API code, ids and a timestamp that do not
/// look like what they are print as `[redacted: N bytes]`.
///
/// ```
/// use oauth_triage::{classify, TokenError};
///
/// let body = br#"{"error":"invalid_grant","error_codes":[50126],"trace_id":"jo@contoso.com"}"#;
/// let c = classify(TokenError::from_json(body)?);
/// let shown = format!("{c:?}");
/// assert!(shown.contains("trace_id: [redacted: 14 bytes]"), "{shown}");
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
impl fmt::Debug for Classification<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Classification");
        d.field("action", &self.action)
            .field("decided_by", &self.decided_by)
            .field("surface", &self.surface)
            .field("status", &self.status);
        if let Some(error) = &self.error {
            d.field("error", error);
        }
        if let Some(error) = &self.other_error {
            d.field("other_error", error);
        }
        if let Some(suberror) = &self.suberror {
            d.field("suberror", suberror);
        }
        if let Some(code) = &self.api_code {
            d.field("api_code", &shown_if(code, is_symbol(code)));
        }
        if !self.codes().is_empty() {
            d.field("codes", &self.codes());
        }
        for (name, id) in [
            ("trace_id", &self.trace_id),
            ("correlation_id", &self.correlation_id),
        ] {
            if let Some(id) = id {
                d.field(name, &shown_if(id, is_id(id)));
            }
        }
        if let Some(timestamp) = &self.timestamp {
            d.field("timestamp", &shown_if(timestamp, is_timestamp(timestamp)));
        }
        if let Some(err) = &self.parse_error {
            d.field("parse_error", err);
        }
        if let Some(source) = &self.managed_identity {
            d.field("managed_identity", source);
        }
        d.finish()
    }
}

/// A classification is an error value, so that a caller can return it with
/// `?` into `Box<dyn Error>` or `anyhow::Error` once it has been made owned
/// ([`Classification::into_owned`]). Its `Display` is the log-safe line
/// above; it has no source.
///
/// ```
/// use oauth_triage::{classify, Action, TokenError};
///
/// fn refresh(body: &[u8]) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
///     let c = classify(TokenError::from_json(body)?);
///     match c.action() {
///         Action::Renew => Ok(()),
///         _ => Err(c.into_owned().into()),
///     }
/// }
/// let err = refresh(br#"{"error":"invalid_client","error_codes":[7000222]}"#).unwrap_err();
/// assert_eq!(err.to_string(), "fix_credentials (decided by catalog:7000222; error invalid_client; codes 7000222)");
/// ```
impl std::error::Error for Classification<'_> {}

impl serde::Serialize for Classification<'_> {
    /// One flat object: `action`, `retry_after_secs` (rounded up, so that
    /// a delay under a second is never 0), `retry_after_ms`, `poll_interval_secs`
    /// (the interval a `slow_down` names), `decided_by`, `party`,
    /// `needs_user`, `surface`, `status`, `error`, `other_error`, `suberror`, `api_code`,
    /// `codes` (each with `code`, `name`, `known`), `step_up` (`claims`,
    /// `acr_values`, `max_age`, and `mfa_token` as `true` when one came:
    /// never the token itself), `trace_id`, `correlation_id`, `timestamp`,
    /// `parse_error`.
    ///
    /// Log-safe like `Display`: no description; `error`, `suberror` and
    /// `api_code` values that are not plain symbols become `"unrecognized"`;
    /// ids and the timestamp that do not look like ids or a timestamp become
    /// `null`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;

        #[derive(serde::Serialize)]
        struct Code {
            code: u32,
            name: Option<&'static str>,
            known: bool,
        }

        let codes: Vec<Code> = self
            .codes()
            .iter()
            .map(|&code| {
                let entry = code.entry();
                Code {
                    code: code.get(),
                    name: entry.and_then(|e| e.name),
                    known: entry.is_some(),
                }
            })
            .collect();
        // Log-safe as `StepUp`'s `Debug`: a claims request that is no JSON
        // object, or `acr_values` that are no plain symbols, are `null`.
        let step_up = match &self.action {
            Action::StepUp(step_up) => Some(step_up),
            _ => None,
        };
        let step_up = step_up.map(|s| {
            serde_json::json!({
                "claims": s.claims.as_deref().filter(|c| is_claims_request(c)),
                "acr_values": s.acr_values.as_deref().filter(|a| is_symbol_list(a)),
                "max_age": s.max_age,
                "mfa_token": s.mfa_token.is_some(),
            })
        });
        let interval = match &self.action {
            Action::SlowDown { interval } => interval.map(|d| d.as_secs()),
            _ => None,
        };
        let mut st = serializer.serialize_struct("Classification", 19)?;
        st.serialize_field("action", &self.action)?;
        // Whole seconds rounded up, so that 500 ms is never 0; and exact.
        let after = self.retry_after();
        let secs = after.map(|d| d.as_secs() + u64::from(d.subsec_nanos() > 0));
        let millis = after.map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
        st.serialize_field("retry_after_secs", &secs)?;
        st.serialize_field("retry_after_ms", &millis)?;
        st.serialize_field("poll_interval_secs", &interval)?;
        st.serialize_field("decided_by", &self.decided_by)?;
        st.serialize_field("party", &self.party())?;
        st.serialize_field("needs_user", &self.action.needs_user())?;
        st.serialize_field("surface", self.surface.as_str())?;
        st.serialize_field("status", &self.status)?;
        st.serialize_field("error", &self.error.as_ref().map(|e| loggable(e.as_str())))?;
        st.serialize_field(
            "other_error",
            &self.other_error.as_ref().map(|e| loggable(e.as_str())),
        )?;
        st.serialize_field(
            "suberror",
            &self.suberror.as_ref().map(|e| loggable(e.as_str())),
        )?;
        st.serialize_field("api_code", &self.api_code.as_deref().map(loggable))?;
        st.serialize_field("codes", &codes)?;
        st.serialize_field("step_up", &step_up)?;
        st.serialize_field("trace_id", &self.trace_id().filter(|id| is_id(id)))?;
        st.serialize_field(
            "correlation_id",
            &self.correlation_id().filter(|id| is_id(id)),
        )?;
        st.serialize_field("timestamp", &self.timestamp().filter(|t| is_timestamp(t)))?;
        st.serialize_field(
            "parse_error",
            &self.parse_error.as_ref().map(ParseError::kind),
        )?;
        st.end()
    }
}
