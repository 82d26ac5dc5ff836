//! The JSON error bodies of REST APIs: Microsoft Graph and Azure Resource
//! Manager, Google APIs, Meta's Graph API, Dropbox, Okta's management API,
//! Salesforce's REST API, FHIR servers (SMART on FHIR: Epic, Cerner),
//! gRPC gateways (ZITADEL), Kakao, Spotify, DocuSign, and the
//! `code`/`message` bodies of Zoom, Discord and Atlassian.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;

use crate::error::ParseError;
use crate::limits::Limits;
use crate::log_safe::{is_id, is_symbol, is_timestamp, shown_if, Redacted};
use crate::sniff::{body_shape, Shape};
use crate::token::{into_static, TokenError};

const EXPECTED: &str = "an object with a string `code`";

/// The error body of a Microsoft REST API (Microsoft Graph, Azure Resource
/// Manager and others): `{"error":{"code":"InvalidAuthenticationToken",...}}`.
///
/// These APIs are protected resources, not OAuth servers: their `code` is
/// not an OAuth `error` value, and a `WWW-Authenticate` challenge in the same
/// response says more. [`HttpResponse`](crate::HttpResponse) recognizes such
/// bodies by itself (with the status and headers, prefer it); `classify`
/// takes a `ResourceError` alone too. The shapes other than Microsoft's are
/// listed on [`Api`].
///
/// # Examples
///
/// ```
/// use oauth_triage::ResourceError;
///
/// let body = br#"{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid.","innerError":{"date":"2022-09-23T11:57:49","request-id":"1740feb8-b33a-4c08-a6ee-ab5cfc5a18c4"}}}"#;
/// let err = ResourceError::from_json(body)?;
/// assert_eq!(err.api_code(), "InvalidAuthenticationToken");
/// assert_eq!(err.request_id(), Some("1740feb8-b33a-4c08-a6ee-ab5cfc5a18c4"));
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ResourceError<'a> {
    api: Api,
    code: Cow<'a, str>,
    reason: Option<Cow<'a, str>>,
    message: Option<Cow<'a, str>>,
    request_id: Option<Cow<'a, str>>,
    client_request_id: Option<Cow<'a, str>>,
    date: Option<Cow<'a, str>>,
}

/// Which API's error shape a [`ResourceError`] was read from; the meaning of
/// its [`api_code`](ResourceError::api_code) depends on it.
///
/// # Examples
///
/// ```
/// use oauth_triage::{Api, ResourceError};
///
/// let body = br#"{"error_summary":"expired_access_token/..","error":{".tag":"expired_access_token"}}"#;
/// let err = ResourceError::from_json(body)?;
/// assert_eq!((err.api(), err.api_code()), (Api::Dropbox, "expired_access_token"));
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Api {
    /// Microsoft Graph, Azure Resource Manager and other Microsoft REST
    /// APIs: `{"error":{"code":"InvalidAuthenticationToken","message":...}}`.
    /// [Graph errors](https://learn.microsoft.com/graph/errors).
    Microsoft,
    /// Google APIs (`google.rpc.Status`): `{"error":{"code":403,"status":"PERMISSION_DENIED","details":[{"reason":...}]}}`.
    /// The code is the `status`; the reason, the first `details[].reason`.
    /// In Google's older shape, without `status`
    /// (`{"error":{"code":403,"errors":[{"reason":"userRateLimitExceeded"}]}}`),
    /// the code is the first `errors[].reason` and the reason the number.
    /// [Google API errors](https://cloud.google.com/apis/design/errors).
    Google,
    /// Meta's Graph API: `{"error":{"type":"OAuthException","code":190,"error_subcode":463}}`.
    /// The code is the number as text; the reason, `error_subcode`.
    /// [Meta errors](https://developers.facebook.com/docs/graph-api/guides/error-handling).
    Meta,
    /// Dropbox: `{"error_summary":...,"error":{".tag":"expired_access_token"}}`.
    /// The code is the `.tag`.
    /// [Dropbox errors](https://www.dropbox.com/developers/documentation/http/documentation#error-handling).
    Dropbox,
    /// Okta's management and authentication APIs:
    /// `{"errorCode":"E0000011","errorSummary":...,"errorId":...}`.
    /// [Okta error codes](https://developer.okta.com/docs/reference/error-codes/).
    Okta,
    /// Salesforce's REST API: `[{"errorCode":"INVALID_SESSION_ID","message":...}]`
    /// (the first error of the array).
    /// [Salesforce errors](https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm).
    Salesforce,
    /// A FHIR server's `OperationOutcome` (SMART on FHIR: Epic, Cerner and
    /// others): `{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"expired"}]}`.
    /// The code is the `code` of the first issue whose severity is `error`
    /// or `fatal` (else of the first issue): a value of FHIR's `IssueType`
    /// value set, the same at every server.
    /// [FHIR IssueType](https://hl7.org/fhir/valueset-issue-type.html).
    Fhir,
    /// A gRPC status as JSON (gRPC-gateway, ZITADEL's APIs): `{"code":16,"message":...,"details":[...]}`.
    /// The code is the canonical name of the number (`16` →
    /// `UNAUTHENTICATED`), whose meaning gRPC fixes for every server.
    /// [gRPC status codes](https://grpc.github.io/grpc/core/md_doc_statuscodes.html),
    /// [ZITADEL](https://zitadel.com/docs/apis/introduction).
    Grpc,
    /// Kakao's REST APIs: `{"msg":...,"code":-401}`. The code is the number
    /// as text. [Kakao error codes](https://developers.kakao.com/docs/latest/en/rest-api/reference#response-code).
    Kakao,
    /// Spotify's Web API: `{"error":{"status":401,"message":...}}`. The code
    /// is the status number as text.
    /// [Spotify](https://developer.spotify.com/documentation/web-api/concepts/api-calls#response-status-codes).
    Spotify,
    /// DocuSign's eSignature API: `{"errorCode":"USER_AUTHENTICATION_FAILED","message":...}`
    /// (Okta's bodies carry `errorSummary` instead of `message`).
    /// [DocuSign](https://developers.docusign.com/docs/esign-rest-api/esign101/error-codes/).
    DocuSign,
    /// A bare `{"code":124,"message":...}`: Zoom's, Discord's and
    /// Atlassian's APIs send this shape, with numbers that mean different
    /// things at each. The code is the number as text; it is read only when
    /// the caller names the [`Provider`](crate::Provider) (see
    /// [`classify_with`](crate::classify_with)).
    CodeMessage,
}

impl Api {
    /// The lowercase name (`microsoft`, `google`, ...).
    ///
    /// ```
    /// assert_eq!(oauth_triage::Api::Okta.as_str(), "okta");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Microsoft => "microsoft",
            Self::Google => "google",
            Self::Meta => "meta",
            Self::Dropbox => "dropbox",
            Self::Okta => "okta",
            Self::Salesforce => "salesforce",
            Self::Fhir => "fhir",
            Self::Grpc => "grpc",
            Self::Kakao => "kakao",
            Self::Spotify => "spotify",
            Self::DocuSign => "docusign",
            Self::CodeMessage => "code-message",
        }
    }
}

impl fmt::Display for Api {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Log-safe: the `code` when it is a plain symbol, the ids and the date
/// when they look like ids and a date; the `message` (free text) prints as
/// `[redacted: N bytes]`. Read it with [`ResourceError::message`].
///
/// ```
/// use oauth_triage::ResourceError;
///
/// let body = br#"{"error":{"code":"Authorization_RequestDenied","message":"jo@contoso.com lacks the role."}}"#;
/// let shown = format!("{:?}", ResourceError::from_json(body)?);
/// assert_eq!(shown, r#"ResourceError { code: "Authorization_RequestDenied", message: [redacted: 30 bytes] }"#);
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
impl fmt::Debug for ResourceError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("ResourceError");
        if self.api != Api::Microsoft {
            d.field("api", &self.api);
        }
        d.field("code", &shown_if(&self.code, is_symbol(&self.code)));
        if let Some(reason) = &self.reason {
            d.field("reason", &shown_if(reason, is_symbol(reason)));
        }
        if let Some(message) = &self.message {
            d.field("message", &Redacted(message.len()));
        }
        for (name, id) in [
            ("request_id", &self.request_id),
            ("client_request_id", &self.client_request_id),
        ] {
            if let Some(id) = id {
                d.field(name, &shown_if(id, is_id(id)));
            }
        }
        if let Some(date) = &self.date {
            d.field("date", &shown_if(date, is_timestamp(date)));
        }
        d.finish()
    }
}

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    error: Body<'a>,
}

#[derive(Deserialize)]
struct Body<'a> {
    #[serde(borrow)]
    code: Cow<'a, str>,
    #[serde(borrow, default, deserialize_with = "crate::token::serde::free_text")]
    message: Option<Cow<'a, str>>,
    #[serde(borrow, default, rename = "innerError", alias = "innererror")]
    inner: Option<Inner<'a>>,
}

#[derive(Deserialize)]
struct Inner<'a> {
    #[serde(borrow, default, rename = "request-id")]
    request_id: Option<Cow<'a, str>>,
    #[serde(borrow, default, rename = "client-request-id")]
    client_request_id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    date: Option<Cow<'a, str>>,
}

/// The shapes other than Microsoft's, read in one pass.
#[derive(Deserialize)]
struct OtherEnvelope<'a> {
    #[serde(borrow, default)]
    error: Option<OtherBody<'a>>,
    #[serde(borrow, default, deserialize_with = "crate::token::serde::free_text")]
    error_summary: Option<Cow<'a, str>>,
    // Okta.
    #[serde(borrow, default, rename = "errorCode")]
    okta_code: Option<Cow<'a, str>>,
    #[serde(
        borrow,
        default,
        deserialize_with = "crate::token::serde::free_text",
        rename = "errorSummary"
    )]
    okta_summary: Option<Cow<'a, str>>,
    #[serde(borrow, default, rename = "errorId")]
    okta_id: Option<Cow<'a, str>>,
    // DocuSign, Kakao, gRPC, Zoom, Discord, Atlassian.
    #[serde(borrow, default, deserialize_with = "crate::token::serde::free_text")]
    message: Option<Cow<'a, str>>,
    #[serde(borrow, default, deserialize_with = "crate::token::serde::free_text")]
    msg: Option<Cow<'a, str>>,
    #[serde(default)]
    code: Option<Number>,
    #[serde(default)]
    details: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    reason: Option<serde::de::IgnoredAny>,
    // FHIR.
    #[serde(borrow, default, rename = "resourceType")]
    resource_type: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    issue: Vec<Issue<'a>>,
}

/// A whole JSON number of any sign, or anything else (a string `code`).
#[derive(Deserialize)]
#[serde(untagged)]
enum Number {
    Int(i64),
    #[allow(dead_code)]
    Other(serde::de::IgnoredAny),
}

impl Number {
    fn int(&self) -> Option<i64> {
        match self {
            Self::Int(n) => Some(*n),
            Self::Other(_) => None,
        }
    }
}

/// One issue of a FHIR `OperationOutcome`.
#[derive(Deserialize)]
struct Issue<'a> {
    #[serde(borrow, default)]
    severity: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    code: Option<Cow<'a, str>>,
}

/// The canonical name of a gRPC status number.
fn grpc_name(code: i64) -> Option<&'static str> {
    Some(match code {
        1 => "CANCELLED",
        2 => "UNKNOWN",
        3 => "INVALID_ARGUMENT",
        4 => "DEADLINE_EXCEEDED",
        5 => "NOT_FOUND",
        6 => "ALREADY_EXISTS",
        7 => "PERMISSION_DENIED",
        8 => "RESOURCE_EXHAUSTED",
        9 => "FAILED_PRECONDITION",
        10 => "ABORTED",
        11 => "OUT_OF_RANGE",
        12 => "UNIMPLEMENTED",
        13 => "INTERNAL",
        14 => "UNAVAILABLE",
        15 => "DATA_LOSS",
        16 => "UNAUTHENTICATED",
        _ => return None,
    })
}

#[derive(Deserialize)]
struct OtherBody<'a> {
    /// Google's HTTP status number, Meta's error number.
    #[serde(default)]
    code: Option<u32>,
    #[serde(borrow, default, deserialize_with = "crate::token::serde::free_text")]
    message: Option<Cow<'a, str>>,
    /// Google's canonical status name; Spotify's status number.
    #[serde(borrow, default)]
    status: Option<Status<'a>>,
    /// Google's `ErrorInfo` and other details.
    #[serde(borrow, default)]
    details: Vec<Detail<'a>>,
    /// Google's older error list (`[{"domain", "reason", "message"}]`).
    #[serde(borrow, default)]
    errors: Vec<Detail<'a>>,
    /// Meta's exception type.
    #[serde(borrow, default, rename = "type")]
    kind: Option<Cow<'a, str>>,
    #[serde(default)]
    error_subcode: Option<u32>,
    #[serde(borrow, default)]
    fbtrace_id: Option<Cow<'a, str>>,
    /// Dropbox's union tag.
    #[serde(borrow, default, rename = ".tag")]
    tag: Option<Cow<'a, str>>,
}

/// Google's `status` is a name, Spotify's a number.
#[derive(Deserialize)]
#[serde(untagged)]
enum Status<'a> {
    Name(#[serde(borrow)] Cow<'a, str>),
    Number(u16),
}

#[derive(Deserialize)]
struct Detail<'a> {
    #[serde(borrow, default)]
    reason: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct SalesforceError<'a> {
    #[serde(borrow, rename = "errorCode")]
    code: Cow<'a, str>,
    #[serde(borrow, default, deserialize_with = "crate::token::serde::free_text")]
    message: Option<Cow<'a, str>>,
}

impl<'a> ResourceError<'a> {
    /// One of the shapes other than Microsoft's, if the body is one.
    fn other_shape(body: &'a [u8]) -> Option<Self> {
        let non_empty = |v: Option<Cow<'a, str>>| v.filter(|v| !v.is_empty());
        let blank = |api, code| Self {
            api,
            code,
            reason: None,
            message: None,
            request_id: None,
            client_request_id: None,
            date: None,
        };
        if body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
            let errors = serde_json::from_slice::<Vec<SalesforceError<'a>>>(body).ok()?;
            let first = errors.into_iter().next().filter(|e| !e.code.is_empty())?;
            return Some(Self {
                message: first.message,
                ..blank(Api::Salesforce, first.code)
            });
        }
        let envelope = serde_json::from_slice::<OtherEnvelope<'a>>(body).ok()?;
        if let Some(code) = non_empty(envelope.okta_code) {
            // Told apart by the code itself, never by which free text came
            // along: Okta's codes are `E` and seven digits (`E0000011`),
            // DocuSign's are upper-case words (`USER_AUTHENTICATION_FAILED`).
            // Any other `errorCode` is no shape this crate reads.
            if is_okta_code(&code) {
                return Some(Self {
                    message: envelope.okta_summary,
                    request_id: non_empty(envelope.okta_id),
                    ..blank(Api::Okta, code)
                });
            }
            if is_docusign_code(&code) {
                return Some(Self {
                    message: envelope.message,
                    ..blank(Api::DocuSign, code)
                });
            }
            return None;
        }
        if envelope.resource_type.as_deref() == Some("OperationOutcome") {
            let issues = envelope.issue;
            let serious = |i: &Issue<'_>| matches!(i.severity.as_deref(), Some("error" | "fatal"));
            let first = issues.iter().position(serious).unwrap_or(0);
            let code = issues
                .into_iter()
                .nth(first)
                .and_then(|i| non_empty(i.code))?;
            return Some(blank(Api::Fhir, code));
        }
        if envelope.error.is_none() {
            let number = envelope.code.as_ref().and_then(Number::int)?;
            if envelope.reason.is_some() {
                // ForgeRock's CREST body: its number is an HTTP status.
                return None;
            }
            // Kakao's codes are negative (`-401`); the shapes are told
            // apart by the number and the structured members, never by
            // whether `msg` or `message` came along.
            if number < 0 {
                return Some(Self {
                    message: envelope.msg,
                    ..blank(Api::Kakao, Cow::Owned(number.to_string()))
                });
            }
            if envelope.details.is_some() {
                let name = grpc_name(number)?;
                return Some(Self {
                    message: envelope.message,
                    ..blank(Api::Grpc, Cow::Borrowed(name))
                });
            }
            return Some(Self {
                message: envelope.message,
                ..blank(Api::CodeMessage, Cow::Owned(number.to_string()))
            });
        }
        let error = envelope.error?;
        if let Some(tag) = non_empty(error.tag) {
            return Some(Self {
                message: envelope.error_summary,
                ..blank(Api::Dropbox, tag)
            });
        }
        let (number, status) = match (error.code, error.status) {
            (_, Some(Status::Number(status))) => {
                // Spotify: a status and a message, no code.
                return Some(Self {
                    message: error.message,
                    ..blank(Api::Spotify, Cow::Owned(status.to_string()))
                });
            }
            (Some(number), Some(Status::Name(name))) => (number, Some(name)),
            (Some(number), None) => (number, None),
            (None, _) => return None,
        };
        if let Some(status) = non_empty(status) {
            return Some(Self {
                reason: error.details.into_iter().find_map(|d| non_empty(d.reason)),
                message: error.message,
                ..blank(Api::Google, status)
            });
        }
        // Google's older shape: no `status`, the first `errors[].reason`.
        if let Some(reason) = error.errors.into_iter().find_map(|d| non_empty(d.reason)) {
            return Some(Self {
                message: error.message,
                reason: Some(Cow::Owned(number.to_string())),
                ..blank(Api::Google, reason)
            });
        }
        error.kind.as_ref()?;
        Some(Self {
            reason: error.error_subcode.map(|n| Cow::Owned(n.to_string())),
            message: error.message,
            request_id: non_empty(error.fbtrace_id),
            ..blank(Api::Meta, Cow::Owned(number.to_string()))
        })
    }

    /// Parses a REST API's error body (see [`Api`] for the shapes) with the
    /// default [`Limits`].
    ///
    /// # Errors
    ///
    /// The problems [`TokenError::from_json`] reports for text that is not a
    /// JSON object or array; [`ParseError::MissingError`] without `error`
    /// (or [`ParseError::UnsupportedShape`] for another API's shape), and
    /// a [`ParseError::WrongType`] when `error` is an object of no known
    /// shape.
    ///
    /// ```
    /// use oauth_triage::{ParseError, ResourceError};
    ///
    /// // Azure Resource Manager, 403: the token is fine, the role assignment is missing.
    /// let body = br#"{"error":{"code":"AuthorizationFailed","message":"The client does not have authorization to perform action 'Microsoft.Resources/subscriptions/read'."}}"#;
    /// let err = ResourceError::from_json(body)?;
    /// assert_eq!(err.api_code(), "AuthorizationFailed");
    ///
    /// // A token endpoint body is not a resource error.
    /// assert!(matches!(ResourceError::from_json(br#"{"error":"invalid_grant"}"#), Err(ParseError::WrongType { .. })));
    /// # Ok::<(), ParseError>(())
    /// ```
    pub fn from_json(body: &'a [u8]) -> Result<Self, ParseError> {
        Self::from_json_with(body, &Limits::DEFAULT)
    }

    /// [`ResourceError::from_json`] within the given [`Limits`]: what
    /// [`HttpResponse::limits`](crate::HttpResponse::limits) sets.
    pub(crate) fn from_json_with(body: &'a [u8], limits: &Limits) -> Result<Self, ParseError> {
        crate::limits::check(body.len(), limits.max_body)?;
        let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        if crate::limits::json_depth(body) > limits.max_depth {
            return Err(ParseError::TooDeep {
                limit: limits.max_depth,
            });
        }
        match serde_json::from_slice::<Envelope<'a>>(body) {
            Ok(Envelope { error }) if !error.code.is_empty() => {
                let inner = error.inner.unwrap_or(Inner {
                    request_id: None,
                    client_request_id: None,
                    date: None,
                });
                let non_empty = |v: Option<Cow<'a, str>>| v.filter(|v| !v.is_empty());
                Ok(Self {
                    api: Api::Microsoft,
                    code: error.code,
                    reason: None,
                    message: error.message,
                    request_id: non_empty(inner.request_id),
                    client_request_id: non_empty(inner.client_request_id),
                    date: non_empty(inner.date),
                })
            }
            _ => match Self::other_shape(body) {
                Some(err) => Ok(err),
                None if std::str::from_utf8(body).is_err() => {
                    match Self::read_lossily(body, limits) {
                        Some(err) => Ok(err),
                        None => Self::what_is_wrong(body, limits),
                    }
                }
                None => Self::what_is_wrong(body, limits),
            },
        }
    }

    /// A body that is not UTF-8 (a Latin-1 byte in a `message`), read with
    /// its invalid bytes as U+FFFD, when none lands in what decides: the
    /// code and the reason. `None` otherwise.
    #[cold]
    fn read_lossily(body: &[u8], limits: &Limits) -> Option<ResourceError<'static>> {
        let text = String::from_utf8_lossy(body);
        let err = ResourceError::from_json_with(text.as_bytes(), limits).ok()?;
        let clean = |value: &str| !value.contains(char::REPLACEMENT_CHARACTER);
        (clean(err.api_code()) && err.reason().map_or(true, clean)).then(|| err.into_owned())
    }

    /// Lets the token parser name what is wrong with the text, unless its
    /// only objection is the `error` object this reader expected.
    fn what_is_wrong(body: &[u8], limits: &Limits) -> Result<Self, ParseError> {
        match TokenError::from_json_with(body, limits) {
            Ok(_) => Err(ParseError::WrongType {
                field: "error",
                found: "a string",
                expected: EXPECTED,
            }),
            // The token parser checks the type of `error` before any other
            // member's: with an `error` object, a wrong type is that one.
            Err(ParseError::WrongType { .. }) if body_shape(body) == Shape::ErrorObject => {
                Err(ParseError::WrongType {
                    field: "error",
                    found: "an object without a string `code`",
                    expected: EXPECTED,
                })
            }
            Err(err) => Err(err),
        }
    }

    /// Which API's shape the body has.
    ///
    /// ```
    /// use oauth_triage::{Api, ResourceError};
    ///
    /// let err = ResourceError::from_json(br#"{"error":{"code":"AuthorizationFailed"}}"#)?;
    /// assert_eq!(err.api(), Api::Microsoft);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn api(&self) -> Api {
        self.api
    }

    /// The finer reason, where the API gives one: Google's first
    /// `details[].reason` (`ACCESS_TOKEN_SCOPE_INSUFFICIENT`,
    /// `SERVICE_DISABLED`, ...), Meta's `error_subcode` as text. **Raw
    /// server text.**
    ///
    /// ```
    /// use oauth_triage::{Api, ResourceError};
    ///
    /// let body = br#"{"error":{"code":403,"message":"Request had insufficient authentication scopes.","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"ACCESS_TOKEN_SCOPE_INSUFFICIENT","domain":"googleapis.com"}]}}"#;
    /// let err = ResourceError::from_json(body)?;
    /// assert_eq!((err.api(), err.api_code(), err.reason()), (Api::Google, "PERMISSION_DENIED", Some("ACCESS_TOKEN_SCOPE_INSUFFICIENT")));
    ///
    /// let meta = br#"{"error":{"message":"Error validating access token: Session has expired.","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"AbCdEf123"}}"#;
    /// let err = ResourceError::from_json(meta)?;
    /// assert_eq!((err.api(), err.api_code(), err.reason()), (Api::Meta, "190", Some("463")));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    /// The API's own error code, verbatim: for Microsoft's APIs the `code`
    /// member (`InvalidAuthenticationToken`, `AuthorizationFailed`, ...);
    /// for the others, as [`Api`] says. Not an OAuth `error` value (hence
    /// the name, as [`Classification::api_code`](crate::Classification::api_code)
    /// has it). **Raw server text**: a symbol in practice, but not checked
    /// against any vocabulary.
    ///
    /// ```
    /// use oauth_triage::ResourceError;
    ///
    /// let err = ResourceError::from_json(br#"{"error":{"code":"InvalidAuthenticationToken","message":"Lifetime validation failed, the token is expired."}}"#)?;
    /// let token_expired = err.api_code() == "InvalidAuthenticationToken";
    /// assert!(token_expired);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn api_code(&self) -> &str {
        &self.code
    }

    /// The `message`, verbatim. **Raw server text**; no decision reads it.
    ///
    /// ```
    /// use oauth_triage::ResourceError;
    ///
    /// let err = ResourceError::from_json(br#"{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}"#)?;
    /// assert_eq!(err.message(), Some("Insufficient privileges to complete the operation."));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Graph's `innerError.request-id`, verbatim (**raw server text**): the id
    /// Microsoft support asks for.
    ///
    /// ```
    /// use oauth_triage::ResourceError;
    ///
    /// let with_id = br#"{"error":{"code":"InvalidAuthenticationToken","innerError":{"request-id":"0f4c2bd2-5a31-4a8c-9f7e-2d1b6f0e7a11"}}}"#;
    /// assert_eq!(ResourceError::from_json(with_id)?.request_id(), Some("0f4c2bd2-5a31-4a8c-9f7e-2d1b6f0e7a11"));
    ///
    /// let without = br#"{"error":{"code":"AuthorizationFailed"}}"#;
    /// assert_eq!(ResourceError::from_json(without)?.request_id(), None);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Graph's `innerError.client-request-id`, verbatim (**raw server
    /// text**): the `client-request-id` the caller sent, echoed back.
    ///
    /// ```
    /// use oauth_triage::ResourceError;
    ///
    /// let sent = "5d8f1a7c-3e42-4b9a-8c61-f0a2d4e6b8c0";
    /// let body = br#"{"error":{"code":"InvalidAuthenticationToken","innerError":{"client-request-id":"5d8f1a7c-3e42-4b9a-8c61-f0a2d4e6b8c0"}}}"#;
    /// let err = ResourceError::from_json(body)?;
    /// assert_eq!(err.client_request_id(), Some(sent));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn client_request_id(&self) -> Option<&str> {
        self.client_request_id.as_deref()
    }

    /// Graph's `innerError.date`, verbatim (**raw server text**; not parsed).
    ///
    /// ```
    /// use oauth_triage::ResourceError;
    ///
    /// let body = br#"{"error":{"code":"InvalidAuthenticationToken","innerError":{"date":"2024-05-14T09:12:44"}}}"#;
    /// assert_eq!(ResourceError::from_json(body)?.date(), Some("2024-05-14T09:12:44"));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn date(&self) -> Option<&str> {
        self.date.as_deref()
    }

    /// Copies borrowed text so the value no longer borrows the input.
    ///
    /// ```
    /// use oauth_triage::{ParseError, ResourceError};
    ///
    /// // The response body is dropped when the function returns.
    /// fn read_error(body: Vec<u8>) -> Result<ResourceError<'static>, ParseError> {
    ///     Ok(ResourceError::from_json(&body)?.into_owned())
    /// }
    /// let err = read_error(br#"{"error":{"code":"AuthorizationFailed"}}"#.to_vec())?;
    /// assert_eq!(err.api_code(), "AuthorizationFailed");
    /// # Ok::<(), ParseError>(())
    /// ```
    pub fn into_owned(self) -> ResourceError<'static> {
        ResourceError {
            api: self.api,
            code: into_static(self.code),
            reason: self.reason.map(into_static),
            message: self.message.map(into_static),
            request_id: self.request_id.map(into_static),
            client_request_id: self.client_request_id.map(into_static),
            date: self.date.map(into_static),
        }
    }
}

/// An Okta error code: `E` and seven digits (`E0000011`), as Okta's error
/// code reference lists them (<https://developer.okta.com/docs/reference/error-codes/>).
fn is_okta_code(code: &str) -> bool {
    code.len() == 8 && code.starts_with('E') && code[1..].bytes().all(|b| b.is_ascii_digit())
}

/// A DocuSign error code: an upper-case word with `_` between its parts
/// (`USER_AUTHENTICATION_FAILED`, `PARTNER_AUTHENTICATION_FAILED`), as
/// DocuSign's API error code reference lists them.
fn is_docusign_code(code: &str) -> bool {
    code.bytes().any(|b| b.is_ascii_uppercase())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}
