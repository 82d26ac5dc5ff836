//! The JSON error body of Microsoft Graph and Azure Resource Manager.

use std::borrow::Cow;

use serde::Deserialize;

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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceError<'a> {
    code: Cow<'a, str>,
    message: Option<Cow<'a, str>>,
    request_id: Option<Cow<'a, str>>,
    client_request_id: Option<Cow<'a, str>>,
    date: Option<Cow<'a, str>>,
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
    pub fn from_json(body: &'a [u8]) -> Result<Self, ParseError> {
        Self::from_json_with(body, &Limits::DEFAULT)
    }

    /// Parses a Graph / Resource Manager error body with the given [`Limits`].
    ///
    /// # Errors
    ///
    /// As [`ResourceError::from_json`].
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

    /// The `code` (`InvalidAuthenticationToken`, `AuthorizationFailed`, ...).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The `message`, verbatim. **Raw server text**; no decision reads it.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Graph's `innerError.request-id`.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Graph's `innerError.client-request-id`.
    pub fn client_request_id(&self) -> Option<&str> {
        self.client_request_id.as_deref()
    }

    /// Graph's `innerError.date`, verbatim.
    pub fn date(&self) -> Option<&str> {
        self.date.as_deref()
    }

    /// Copies borrowed text so the value no longer borrows the input.
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
