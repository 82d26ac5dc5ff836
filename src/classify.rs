//! The decision procedure behind [`classify`] and its outcome,
//! [`Classification`]: it reads the typed responses the parsers produce
//! (none of which knows of it) and the catalog, and names an
//! [`Action`](crate::Action).

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use crate::catalog::AadstsCode;
use crate::json_text::LazyText;
use crate::token::Codes;
use crate::{
    Action, Api, AuthorizeError, Challenges, ErrorName, HttpResponse, ManagedIdentitySource,
    ParseError, Party, Provider, ResourceError, Rules, StepUp, Suberror, Surface, TokenError,
};

/// Which step of the procedure decided (see [`classify`]).
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
    /// Step 7: the caller's [`Rules`] override for this AADSTS code.
    RulesCode(AadstsCode),
    /// Step 7: the catalog entry of this AADSTS code.
    Catalog(AadstsCode),
    /// Step 8: the caller's [`Rules`] override for the `error` value.
    RulesError,
    /// Step 8: the `error` value, read as the [`Provider`] named in the
    /// caller's [`Rules`] means it.
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

/// Anything [`classify`] accepts, by reference or by value: a
/// [`TokenError`], an [`AuthorizeError`], [`Challenges`] or an
/// [`HttpResponse`]. Build it with `From`: `classify(&token_error)`,
/// `classify(&http_response)`, or `classify(token_error)`.
///
/// A value given by reference is classified without copying: the
/// [`Classification`] borrows from it. A value given by value is consumed,
/// and the classification copies the little text it keeps (ids, unknown
/// `error` values) out of it: this is what
/// `classify(TokenError::from_json(&body)?)` or
/// `classify(HttpResponse::from_parts(status, &headers, &body))` needs,
/// where a reference to the temporary would not live long enough (E0716).
/// Its type still names the lifetime of what the value borrowed (the
/// body); call [`Classification::into_owned`] for a
/// `Classification<'static>` to return or to keep.
///
/// # Examples
///
/// ```
/// use oauth_triage::{classify, HttpResponse, Input, TokenError};
///
/// // A helper of your own can take every kind of error response, as `classify` does.
/// fn next_step<'a>(input: impl Into<Input<'a>>) -> &'static str {
///     classify(input).action().name()
/// }
/// let err = TokenError::from_json(br#"{"error":"slow_down","interval":10}"#)?;
/// assert_eq!(next_step(&err), "slow_down");
/// let busy = HttpResponse::new(503);
/// assert_eq!(next_step(&busy), "retry");
/// // By value: the classification outlives the parsed error.
/// let body = br#"{"error":"invalid_client","error_codes":[7000215]}"#;
/// let c = classify(TokenError::from_json(body)?);
/// assert_eq!(c.action().name(), "fix_credentials");
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
#[derive(Debug)]
pub struct Input<'a>(pub(crate) Source<'a>);

impl Input<'static> {
    /// A request that got no answer at all: the connection was refused or
    /// reset, the name did not resolve, or it timed out before a status
    /// line came. [`classify`] makes it `retry` without a delay (use your
    /// backoff, or let [`Retries`](crate::Retries) choose), decided by
    /// [`DecidedBy::Transport`].
    ///
    /// Which errors of your HTTP client are such failures is for you to
    /// say: reqwest's `is_connect()` and `is_timeout()`, hyper's
    /// `is_closed()`, an `std::io::Error` from the socket. An error the
    /// client raised after an answer came (a body it could not decode) is
    /// no transport failure: classify that answer instead.
    ///
    /// ```
    /// use oauth_triage::{classify, Action, DecidedBy, Input};
    ///
    /// let c = classify(Input::transport_failure());
    /// assert_eq!(c.action(), &Action::Retry { after: None });
    /// assert_eq!(c.decided_by(), DecidedBy::Transport);
    /// assert_eq!(c.status(), None);
    /// ```
    pub fn transport_failure() -> Self {
        Self(Source::Transport)
    }
}

/// What an [`Input`] holds. Values given by value are boxed, so that an
/// `Input` stays two words wide whatever it holds.
#[derive(Debug)]
pub(crate) enum Source<'a> {
    Token(&'a TokenError<'a>),
    Authorize(&'a AuthorizeError<'a>),
    Challenges(&'a Challenges<'a>),
    Http(&'a HttpResponse<'a>),
    Resource(&'a ResourceError<'a>),
    OwnedToken(Box<TokenError<'a>>),
    OwnedAuthorize(Box<AuthorizeError<'a>>),
    OwnedChallenges(Box<Challenges<'a>>),
    OwnedHttp(Box<HttpResponse<'a>>),
    OwnedResource(Box<ResourceError<'a>>),
    // Only the integrations build these three, so far.
    /// A response whose body could not be read, and nothing else about it.
    #[cfg_attr(not(feature = "oauth2"), allow(dead_code))]
    Unparsed(ParseError),
    /// The request never got an answer: the connection failed or timed out.
    Transport,
    /// Something other than a response went wrong; nothing is known.
    #[cfg_attr(not(any(feature = "oauth2", feature = "azure")), allow(dead_code))]
    Unknown,
    /// A value given by value that owns its response (an integration's
    /// error): classified, under the caller's policy, while it is at hand.
    #[cfg_attr(not(any(feature = "oauth2", feature = "azure")), allow(dead_code))]
    Deferred(Box<dyn ClassifyOwned + Send + Sync>),
}

/// An owned error that can classify itself: what [`Source::Deferred`] holds.
pub(crate) trait ClassifyOwned {
    /// The classification of this error under `policy`.
    fn classify_owned(&self, policy: &Rules<'_>) -> Classification<'static>;
}

/// Nothing of the error: it may hold a whole response body.
impl fmt::Debug for dyn ClassifyOwned + Send + Sync + '_ {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClassifyOwned")
    }
}

macro_rules! input_from {
    ($($type:ident => $borrowed:ident, $owned:ident;)*) => {$(
        impl<'a, 'b: 'a> From<&'a $type<'b>> for Input<'a> {
            fn from(value: &'a $type<'b>) -> Self {
                Self(Source::$borrowed(value))
            }
        }

        impl<'a> From<$type<'a>> for Input<'a> {
            fn from(value: $type<'a>) -> Self {
                Self(Source::$owned(Box::new(value)))
            }
        }
    )*};
}

input_from! {
    TokenError => Token, OwnedToken;
    AuthorizeError => Authorize, OwnedAuthorize;
    Challenges => Challenges, OwnedChallenges;
    HttpResponse => Http, OwnedHttp;
    ResourceError => Resource, OwnedResource;
}

/// The structured signals the procedure reads. The description is not here:
/// no decision can read it.
pub(crate) struct Signals<'a> {
    pub(crate) surface: Surface,
    pub(crate) status: Option<u16>,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) dpop_nonce: bool,
    pub(crate) error: Option<ErrorName<'a>>,
    /// The `error` of the response's other part (body or challenge), when
    /// both carried one and they differ: kept, not read.
    pub(crate) other_error: Option<ErrorName<'a>>,
    pub(crate) suberror: Option<Suberror<'a>>,
    /// What a step-up must carry: the claims request of a token error body,
    /// or the claims, `acr_values` and `max_age` of a step-up challenge.
    pub(crate) step_up: Option<StepUpFrom<'a>>,
    /// A `Bearer` or `DPoP` challenge was there to read.
    pub(crate) challenge: bool,
    /// The token error whose `error` decides, for the members that only
    /// some values read (GitHub's `interval`, Auth0's `mfa_token`).
    pub(crate) token: Option<&'a TokenError<'a>>,
    /// A REST API's error body.
    pub(crate) resource: Option<&'a ResourceError<'a>>,
    pub(crate) codes: Codes<'a>,
    pub(crate) trace_id: Option<&'a str>,
    pub(crate) correlation_id: Option<&'a str>,
    pub(crate) timestamp: Option<&'a str>,
    pub(crate) parse_error: Option<&'a ParseError>,
    /// The body, if any, is not an error: empty, or well-formed JSON
    /// without `error` (a token response, an API's answer).
    pub(crate) body_is_success: bool,
    /// The request got no answer: the connection failed or timed out.
    pub(crate) transport_failed: bool,
    /// The cap on any delay (the response's `max_retry_after`).
    pub(crate) max_delay: Duration,
    /// The managed identity endpoint that answered, when declared.
    pub(crate) managed_identity: Option<ManagedIdentitySource>,
    /// A `Basic` challenge with a `realm` came (Azure Arc's handshake).
    pub(crate) basic_realm: bool,
}

impl<'a> Signals<'a> {
    pub(crate) fn new(surface: Surface) -> Self {
        Self {
            surface,
            status: None,
            retry_after: None,
            dpop_nonce: false,
            error: None,
            other_error: None,
            suberror: None,
            step_up: None,
            challenge: false,
            token: None,
            resource: None,
            codes: Codes::NONE,
            trace_id: None,
            correlation_id: None,
            timestamp: None,
            parse_error: None,
            body_is_success: false,
            transport_failed: false,
            max_delay: crate::DEFAULT_MAX_RETRY_AFTER,
            managed_identity: None,
            basic_realm: false,
        }
    }

    pub(crate) fn token(err: &'a TokenError<'a>) -> Self {
        Self {
            error: Some(err.error().as_borrowed()),
            // Entra's `suberror`, else Google's `error_subtype`.
            suberror: match err.suberror() {
                Some(suberror) => Some(suberror.as_borrowed()),
                None if err.has_extra() => err.error_subtype(),
                None => None,
            },
            token: Some(err),
            step_up: err.claims_text().map(StepUpFrom::Claims),
            codes: err.code_list(),
            trace_id: err.trace_id(),
            correlation_id: err.correlation_id(),
            timestamp: err.timestamp(),
            ..Self::new(Surface::Token)
        }
    }

    pub(crate) fn authorize(err: &'a AuthorizeError<'a>) -> Self {
        Self {
            error: Some(err.error().as_borrowed()),
            suberror: err.suberror().map(Suberror::as_borrowed),
            codes: Codes::from_error_uri(err.error_uri()),
            ..Self::new(Surface::Authorize)
        }
    }

    /// The signals of the challenge in use; `None` when no `Bearer` or
    /// `DPoP` challenge is there.
    pub(crate) fn challenge(challenges: &'a Challenges<'a>) -> Self {
        let Some(challenge) = challenges.in_use() else {
            return Self {
                parse_error: challenges.parse_error(),
                ..Self::new(Surface::Resource)
            };
        };
        let error = challenge.error();
        let step_up = match error {
            Some(ErrorName::InsufficientClaims | ErrorName::InsufficientUserAuthentication) => {
                Some(StepUpFrom::Challenge(StepUp {
                    claims: challenge.claims(),
                    acr_values: challenge.param("acr_values").map(Cow::Borrowed),
                    max_age: challenge.max_age(),
                    mfa_token: None,
                }))
            }
            _ => None,
        };
        Self {
            error,
            step_up,
            challenge: true,
            codes: Codes::from_error_uri(challenge.error_uri()),
            parse_error: challenges.parse_error(),
            ..Self::new(Surface::Resource)
        }
    }

    /// The signals of a whole response: its body's and its challenge's, with
    /// the status and the headers. The declared surface wins; without one,
    /// a `Bearer` or `DPoP` challenge makes this a resource's answer. At a
    /// resource the challenge's `error`, when it has one, decides; elsewhere
    /// the body's does, and the challenge's only when the body has none.
    /// The `error` that does not decide is kept, and the codes of both.
    pub(crate) fn http(response: &'a HttpResponse<'a>) -> Self {
        let mut signals = if let Some(err) = response.error_body() {
            Self::token(err)
        } else if let Some(err) = response.resource_error() {
            Self::resource(err)
        } else {
            Self {
                // No body, or well-formed JSON without a string `error`:
                // a token, an API's answer, `"error": null`, a body of
                // another shape (`{"detail": ...}`). On a 2xx that is a
                // success; anything else decides by status or falls back.
                body_is_success: response.parse_error().map_or(true, |err| {
                    matches!(
                        err,
                        ParseError::Success
                            | ParseError::MissingError
                            | ParseError::NotObject { .. }
                            | ParseError::UnsupportedShape { .. }
                            | ParseError::WrongType { field: "error", .. }
                    )
                }),
                ..Self::new(Surface::Token)
            }
        };
        let declared = response.declared_surface();
        let challenge = Self::challenge(response.challenges());
        if challenge.challenge {
            let at_resource = matches!(declared, None | Some(Surface::Resource));
            let body_speaks = signals.error.is_some() || signals.resource.is_some();
            if at_resource && challenge.error.is_some() {
                // The challenge's error decides; the body's is kept.
                signals.other_error = signals
                    .error
                    .take()
                    .filter(|e| Some(e) != challenge.error.as_ref());
                signals.codes = Codes::merged(challenge.codes, signals.codes);
                signals.error = challenge.error;
                signals.suberror = None;
                signals.token = None;
                signals.step_up = challenge.step_up;
            } else if !body_speaks {
                // The body has no error: the challenge's is read.
                signals.error = challenge.error;
                signals.step_up = challenge.step_up;
                signals.codes = challenge.codes;
            } else {
                // The body's error decides; the challenge's is kept.
                signals.other_error = challenge
                    .error
                    .filter(|e| Some(e) != signals.error.as_ref());
                signals.codes = Codes::merged(signals.codes, challenge.codes);
            }
            // Step 9 (a challenge without `error` renews) is a resource's rule.
            signals.challenge = at_resource;
        }
        signals.surface = match declared {
            Some(surface) => surface,
            None if challenge.challenge => Surface::Resource,
            // A REST API's error body is a resource's; anything else, the
            // token endpoint's.
            None => signals.surface,
        };
        signals.managed_identity = response.managed_identity_source();
        signals.basic_realm = response.has_basic_realm();
        signals.status = response.status();
        signals.retry_after = response.retry_after();
        signals.max_delay = response.retry_after_cap();
        signals.dpop_nonce = response.dpop_nonce().is_some();
        signals.parse_error = response
            .parse_error()
            .or(response.challenges().parse_error());
        signals
    }

    pub(crate) fn resource(err: &'a ResourceError<'a>) -> Self {
        Self {
            resource: Some(err),
            trace_id: err.request_id(),
            correlation_id: err.client_request_id(),
            timestamp: err.date(),
            ..Self::new(Surface::Resource)
        }
    }
}

/// What a step-up must carry, as step 5 of the procedure reads it.
pub(crate) enum StepUpFrom<'a> {
    /// A step-up challenge's claims (decoded from base64), `acr_values` and
    /// `max_age`.
    Challenge(StepUp<'a>),
    /// A token error body's claims request, decoded only if the procedure
    /// gets to step 5 (not after `message_only`, say).
    Claims(&'a LazyText<'a>),
}

impl<'a> StepUpFrom<'a> {
    /// What the step-up must carry; `None` for an empty claims request.
    fn read(self) -> Option<StepUp<'a>> {
        match self {
            Self::Challenge(step_up) => Some(step_up),
            // Decoded into the classification, not cached in the token
            // error: a cache costs more than the decoding of a short text.
            Self::Claims(claims) => {
                let claims = claims.decode();
                (!claims.trim().is_empty()).then(|| StepUp {
                    claims: Some(claims),
                    ..StepUp::default()
                })
            }
        }
    }
}

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
///    reads them in; see [`HttpResponse::retry_after`]), and never less
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
///    ([`HttpResponse::surface`]), else the one the response suggests.
///    An answer from an Azure managed identity endpoint
///    ([`HttpResponse::managed_identity`]) meets that endpoint's own rules
///    first, decided by `managed_identity`: IMDS retries 404, 410, 429 and
///    every 5xx, 501 and 505 too; App Service's 400 without an OAuth error
///    is `fix_config`; Azure Arc's 401 with a `Basic realm` challenge is
///    `renew` (its key file handshake); Service Fabric's 404 and
///    `ManagedIdentityNotFound` are `fix_config`, and so on
///    ([`ManagedIdentitySource`] lists them with their sources).
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
///    For a REST API's error body ([`ResourceError`]: Microsoft Graph and
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
/// [`Provider`] that answered and the caller's own overrides (a
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
/// REST API bodies ([`ResourceError`]) whose numbers mean different things
/// at different servers are read only with the provider named: the
/// `code`/`message` bodies of Zoom (124: the access token is invalid or
/// expired → `renew`; 4700, 4711: the token lacks a scope → `consent`),
/// Discord (40001 → `renew`; 50001, 50013: the bot or user lacks access
/// → `denied`) and Atlassian (401 → `renew`).
///
/// Sources: `reference/provider-errors.md` §28 of the project, and the
/// providers' pages linked from each [`ErrorName`] variant.
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
    Some(interval.clamp(Duration::from_secs(5), crate::DEFAULT_MAX_RETRY_AFTER))
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

/// Step 8 for a REST API's error body: the codes whose meaning for an
/// OAuth client is unambiguous, by API (sources in [`Api`]'s docs); for
/// [`Api::CodeMessage`], whose numbers differ by server, only with the
/// provider named.
fn by_api_code<'a>(
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
fn by_managed_identity<'a>(
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
fn by_suberror(suberror: &Suberror<'_>) -> Option<Action<'static>> {
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
fn by_error<'a>(s: &Signals<'a>, error: &ErrorName<'_>, retry: Action<'a>) -> Option<Action<'a>> {
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
/// cannot tell (the table in [`classify_with`]).
fn by_provider(
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

/// The outcome of [`classify`]: the action, who must act, and the evidence.
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
    action: Action<'a>,
    decided_by: DecidedBy,
    surface: Surface,
    status: Option<u16>,
    error: Option<ErrorName<'a>>,
    other_error: Option<ErrorName<'a>>,
    suberror: Option<Suberror<'a>>,
    api_code: Option<Cow<'a, str>>,
    codes: Codes<'a>,
    trace_id: Option<Cow<'a, str>>,
    correlation_id: Option<Cow<'a, str>>,
    timestamp: Option<Cow<'a, str>>,
    parse_error: Option<ParseError>,
    managed_identity: Option<ManagedIdentitySource>,
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
    /// ([`HttpResponse::managed_identity`], or the `azure` feature's
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

    /// The code of a REST API's error body ([`ResourceError::api_code`]), such
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
            api_code: self.api_code.map(crate::token::own),
            codes: self.codes.into_owned(),
            trace_id: self.trace_id.map(crate::token::own),
            correlation_id: self.correlation_id.map(crate::token::own),
            timestamp: self.timestamp.map(crate::token::own),
            parse_error: self.parse_error,
            managed_identity: self.managed_identity,
        }
    }
}

use crate::log_safe::{
    is_claims_request, is_id, is_symbol, is_symbol_list, is_timestamp, loggable, shown_if,
};

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
/// [`HttpResponse`]'s `Debug`: an API code, ids and a timestamp that do not
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
