//! The JSON error body of Microsoft Graph and Azure Resource Manager.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;

use crate::log_safe::{is_id, is_symbol, is_timestamp, shown_if, Redacted};
use crate::token::own;
use crate::{Limits, ParseError, TokenError};

const EXPECTED: &str = "an object with a string `code`";

/// The error body of a Microsoft REST API (Microsoft Graph, Azure Resource
/// Manager and others): `{"error":{"code":"InvalidAuthenticationToken",...}}`.
///
/// These APIs are protected resources, not OAuth servers: their `code` is
/// not an OAuth `error` value, and a `WWW-Authenticate` challenge in the same
/// response says more. [`HttpResponse`](crate::HttpResponse) recognizes such
/// bodies by itself.
///
/// # Examples
///
/// ```
/// use oauth_triage::ResourceError;
///
/// let body = br#"{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid.","innerError":{"date":"2022-09-23T11:57:49","request-id":"1740feb8-b33a-4c08-a6ee-ab5cfc5a18c4"}}}"#;
/// let err = ResourceError::from_json(body)?;
/// assert_eq!(err.code(), "InvalidAuthenticationToken");
/// assert_eq!(err.request_id(), Some("1740feb8-b33a-4c08-a6ee-ab5cfc5a18c4"));
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ResourceError<'a> {
    code: Cow<'a, str>,
    message: Option<Cow<'a, str>>,
    request_id: Option<Cow<'a, str>>,
    client_request_id: Option<Cow<'a, str>>,
    date: Option<Cow<'a, str>>,
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
        d.field("code", &shown_if(&self.code, is_symbol(&self.code)));
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
    #[serde(borrow, default)]
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

impl<'a> ResourceError<'a> {
    /// Parses a Graph / Resource Manager error body with the default [`Limits`].
    ///
    /// # Errors
    ///
    /// The problems [`TokenError::from_json`] reports for text that is not a
    /// JSON object; [`ParseError::MissingError`] without `error`, and a
    /// [`ParseError::WrongType`] when `error` is not an
    /// object with a string `code`.
    ///
    /// ```
    /// use oauth_triage::{ParseError, ResourceError};
    ///
    /// // Azure Resource Manager, 403: the token is fine, the role assignment is missing.
    /// let body = br#"{"error":{"code":"AuthorizationFailed","message":"The client does not have authorization to perform action 'Microsoft.Resources/subscriptions/read'."}}"#;
    /// let err = ResourceError::from_json(body)?;
    /// assert_eq!(err.code(), "AuthorizationFailed");
    ///
    /// // A token endpoint body is not a resource error.
    /// assert!(matches!(ResourceError::from_json(br#"{"error":"invalid_grant"}"#), Err(ParseError::WrongType { .. })));
    /// # Ok::<(), ParseError>(())
    /// ```
    pub fn from_json(body: &'a [u8]) -> Result<Self, ParseError> {
        Self::from_json_with(body, &Limits::DEFAULT)
    }

    /// Parses a Graph / Resource Manager error body with the given [`Limits`].
    ///
    /// # Errors
    ///
    /// As [`ResourceError::from_json`].
    ///
    /// ```
    /// use oauth_triage::{Limits, ParseError, ResourceError};
    ///
    /// // Graph nests `innerError` inside `error`: three levels.
    /// let body = br#"{"error":{"code":"InvalidAuthenticationToken","innerError":{"request-id":"1740feb8-b33a-4c08-a6ee-ab5cfc5a18c4"}}}"#;
    /// let err = ResourceError::from_json_with(body, &Limits::default().with_max_depth(3))?;
    /// assert_eq!(err.code(), "InvalidAuthenticationToken");
    ///
    /// let too_deep = ResourceError::from_json_with(body, &Limits::default().with_max_depth(2));
    /// assert_eq!(too_deep, Err(ParseError::TooDeep { limit: 2 }));
    /// # Ok::<(), ParseError>(())
    /// ```
    pub fn from_json_with(body: &'a [u8], limits: &Limits) -> Result<Self, ParseError> {
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
                    code: error.code,
                    message: error.message,
                    request_id: non_empty(inner.request_id),
                    client_request_id: non_empty(inner.client_request_id),
                    date: non_empty(inner.date),
                })
            }
            // Let the token parser name what is wrong with the text.
            _ => match TokenError::from_json_with(body, limits) {
                Ok(_) => Err(ParseError::WrongType {
                    field: "error",
                    found: "a string",
                    expected: EXPECTED,
                }),
                Err(ParseError::WrongType {
                    field: "error",
                    found: "an object",
                    ..
                }) => Err(ParseError::WrongType {
                    field: "error",
                    found: "an object without a string `code`",
                    expected: EXPECTED,
                }),
                Err(err) => Err(err),
            },
        }
    }

    /// The `code` (`InvalidAuthenticationToken`, `AuthorizationFailed`, ...),
    /// verbatim. **Raw server text**: a symbol in practice, but not checked
    /// against any vocabulary.
    ///
    /// ```
    /// use oauth_triage::ResourceError;
    ///
    /// let err = ResourceError::from_json(br#"{"error":{"code":"InvalidAuthenticationToken","message":"Lifetime validation failed, the token is expired."}}"#)?;
    /// let token_expired = err.code() == "InvalidAuthenticationToken";
    /// assert!(token_expired);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn code(&self) -> &str {
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
    /// assert_eq!(err.code(), "AuthorizationFailed");
    /// # Ok::<(), ParseError>(())
    /// ```
    pub fn into_owned(self) -> ResourceError<'static> {
        ResourceError {
            code: own(self.code),
            message: self.message.map(own),
            request_id: self.request_id.map(own),
            client_request_id: self.client_request_id.map(own),
            date: self.date.map(own),
        }
    }
}
