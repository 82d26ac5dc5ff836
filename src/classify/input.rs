//! What [`classify`](crate::classify) reads: the [`Input`] it accepts, and
//! the structured [`Signals`] the procedure decides from.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use crate::action::StepUp;
use crate::authorize::AuthorizeError;
use crate::challenge::Challenges;
use crate::classify::classification::Classification;
use crate::error::ParseError;
use crate::error_code::{ErrorName, Suberror};
use crate::http::HttpResponse;
use crate::json_text::LazyText;
use crate::managed_identity::ManagedIdentitySource;
use crate::resource::ResourceError;
use crate::retry::DEFAULT_MAX_RETRY_AFTER;
use crate::rules::Rules;
use crate::surface::Surface;
use crate::token::{Codes, TokenError};

/// Anything [`classify`](crate::classify) accepts, by reference or by value: a
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
    /// line came. [`classify`](crate::classify) makes it `retry` without a delay (use your
    /// backoff, or let [`Retries`](crate::Retries) choose), decided by
    /// [`DecidedBy::Transport`](crate::DecidedBy::Transport).
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
            max_delay: DEFAULT_MAX_RETRY_AFTER,
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
    pub(super) fn read(self) -> Option<StepUp<'a>> {
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
