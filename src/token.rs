//! The token endpoint's JSON error body (RFC 6749 §5.2 plus Entra's members).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use serde::de::{self, Deserializer as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::catalog::AadstsCode;
use crate::error::excerpt;
use crate::error_code::is_valid_error_value;
use crate::json_scan::{Escapes, JsonStr, Scanner};
use crate::json_text::{unescape, LazyText};
use crate::limits::{check_count, json_depth};
use crate::log_safe::{is_id, is_link, is_timestamp, loggable, shown_if, Redacted, Unknown};
use crate::{ErrorName, Limits, ParseError, Suberror};

/// An error response from a token endpoint: the JSON body of
/// [RFC 6749 §5.2](https://www.rfc-editor.org/rfc/rfc6749#section-5.2), with
/// every member Microsoft Entra ID adds.
///
/// The same shape comes back from device-code polling (RFC 8628), the
/// on-behalf-of and client-credentials grants, token exchange and the device
/// authorization endpoint. Parsing borrows from the input where no JSON
/// escape forces a copy; [`TokenError::into_owned`] detaches the value.
///
/// Nothing is dropped: members this crate does not model are kept, as raw
/// JSON text, in [`TokenError::extra`].
///
/// It is an error type: `Display` (one log line) and `Debug` are safe for
/// logs, with the description and unknown members left out or redacted;
/// `Serialize` writes the body back as it came, and `Deserialize` reads one
/// into a `TokenError<'static>` with the checks of
/// [`TokenError::from_json`], so that it can be the error response type of
/// an `oauth2` client.
///
/// # Examples
///
/// ```
/// use oauth_triage::{ErrorName, TokenError};
///
/// let body = br#"{
///   "error": "invalid_grant",
///   "error_description": "AADSTS700082: The refresh token has expired.\r\nTrace ID: 6e94ade5",
///   "error_codes": [700082],
///   "timestamp": "2020-07-06 22:31:52Z",
///   "trace_id": "6e94ade5-10de-4d67-909a-14d845813500",
///   "correlation_id": "0e87b495-1e24-4882-be85-d012c216f4f6",
///   "error_uri": "https:\/\/login.microsoftonline.com\/error?code=700082"
/// }"#;
/// let err = TokenError::from_json(body)?;
/// assert_eq!(err.error(), &ErrorName::InvalidGrant);
/// assert_eq!(err.error_codes(), &[700082]);
/// assert_eq!(err.trace_id(), Some("6e94ade5-10de-4d67-909a-14d845813500"));
/// assert_eq!(err.error_uri(), Some("https://login.microsoftonline.com/error?code=700082"));
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct TokenError<'a> {
    error: ErrorName<'a>,
    description: Option<LazyText<'a>>,
    error_codes: ErrorCodes,
    timestamp: Option<Cow<'a, str>>,
    trace_id: Option<Cow<'a, str>>,
    correlation_id: Option<Cow<'a, str>>,
    error_uri: Option<Cow<'a, str>>,
    suberror: Option<Suberror<'a>>,
    /// A string member, or one that arrived as a JSON object (kept as its
    /// JSON text, and written back as an object).
    claims: Option<LazyText<'a>>,
    extra: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

impl<'a> TokenError<'a> {
    /// Parses a token endpoint error body with the default [`Limits`].
    ///
    /// Lenient where real servers are: a UTF-8 byte order mark, any
    /// white space, `\/` escapes, `error_codes` missing or `null`. Strict where
    /// it matters: `error` must be a string of RFC 6749's characters, and a
    /// member must not appear twice.
    ///
    /// # Errors
    ///
    /// A [`ParseError`] saying what was found: an HTML page, text that is not
    /// JSON, truncated or invalid JSON, JSON that is not an object, a missing
    /// or invalid `error`, a member of the wrong type, a duplicated member, a
    /// success body, or input over the size limit.
    ///
    /// ```
    /// use oauth_triage::{classify, ParseError, TokenError};
    ///
    /// // `\/` escapes and a null `error_codes` are read as servers send them.
    /// let body = br#"{"error":"invalid_client","error_codes":null,"error_uri":"https:\/\/login.microsoftonline.com\/error?code=7000215"}"#;
    /// let err = TokenError::from_json(body)?;
    /// assert_eq!(err.error_uri(), Some("https://login.microsoftonline.com/error?code=7000215"));
    /// assert_eq!(classify(&err).codes(), &[7000215]);
    ///
    /// // A proxy's error page is named for what it is, not reported as broken JSON.
    /// assert_eq!(TokenError::from_json(b"<html><body>502 Bad Gateway</body></html>"), Err(ParseError::Html));
    /// # Ok::<(), ParseError>(())
    /// ```
    #[inline(always)]
    pub fn from_json(body: &'a [u8]) -> Result<Self, ParseError> {
        Self::from_json_with(body, &Limits::DEFAULT)
    }

    /// [`TokenError::from_json`] within the given [`Limits`]: what
    /// [`HttpResponse::limits`](crate::HttpResponse::limits) sets.
    #[inline(always)]
    pub(crate) fn from_json_with(body: &'a [u8], limits: &Limits) -> Result<Self, ParseError> {
        // Read in place, in the result that this function (inlined)
        // returns: a `TokenError` is over 300 bytes, and each move copies
        // them.
        let mut result = Ok(Self::new(ErrorName::InvalidRequest));
        if let Ok(token) = &mut result {
            if let Err(err) = read_json(token, body, limits) {
                result = Err(err);
            }
        }
        result
    }

    /// Parses a form-encoded token error body
    /// (`application/x-www-form-urlencoded`) with the default [`Limits`]:
    /// GitHub answers so, with HTTP 200, unless the request asked for JSON.
    ///
    /// The members are those of [`TokenError::from_json`], as form
    /// parameters; parameters this crate does not model are kept in
    /// [`TokenError::extra`] as JSON strings (a form has no other type), so
    /// that the error serializes to the JSON body a server would have sent.
    /// [`HttpResponse`](crate::HttpResponse) reads such bodies by itself,
    /// by their `Content-Type` or by their shape.
    ///
    /// # Errors
    ///
    /// [`ParseError::Empty`], [`ParseError::BadPercentEncoding`] (also for a
    /// body that is not UTF-8), [`ParseError::Duplicate`],
    /// [`ParseError::MissingError`], [`ParseError::Success`] (a token
    /// response: it has `access_token`), [`ParseError::InvalidErrorValue`],
    /// and the size limits.
    ///
    /// ```
    /// use oauth_triage::{classify, Action, ErrorName, TokenError};
    ///
    /// // GitHub, code exchange without `Accept: application/json`.
    /// let body = b"error=incorrect_client_credentials&error_description=The+client_id+and%2For+client_secret+passed+are+incorrect.&error_uri=https%3A%2F%2Fdocs.github.com%2Fapps";
    /// let err = TokenError::from_form(body)?;
    /// assert_eq!(err.error(), &ErrorName::IncorrectClientCredentials);
    /// assert_eq!(err.error_uri(), Some("https://docs.github.com/apps"));
    /// assert_eq!(classify(&err).action(), &Action::FixCredentials);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn from_form(body: &'a [u8]) -> Result<Self, ParseError> {
        Self::from_form_with(body, &Limits::DEFAULT)
    }

    /// [`TokenError::from_form`] within the given [`Limits`]: what
    /// [`HttpResponse::limits`](crate::HttpResponse::limits) sets.
    pub(crate) fn from_form_with(body: &'a [u8], limits: &Limits) -> Result<Self, ParseError> {
        let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        let params = crate::form::form_post_params(body, limits)?;
        read_into(limits, |fields| {
            for (name, value) in params {
                fields.members += 1;
                match Member::of(&name) {
                    Member::Text(member) => fields.set_text(member, Field::Ok(value)),
                    Member::Description => {
                        fields.set_description(Field::Ok(LazyText::plain(value)));
                    }
                    Member::Claims => fields.set_claims(Field::Ok(LazyText::plain(value))),
                    // A form has no arrays: `error_codes` (which no server
                    // is known to form-encode) is kept as text, like any
                    // other.
                    Member::Codes | Member::Other => {
                        let json = serde_json::to_string(&value).unwrap_or_default();
                        fields.set_other(name, Cow::Owned(json));
                    }
                }
            }
            Ok(())
        })
    }

    /// An error response with this `error` and nothing else, for the
    /// `oauth2` seam, which hands over parsed members.
    #[inline]
    pub(crate) fn new(error: ErrorName<'a>) -> Self {
        Self {
            error,
            description: None,
            error_codes: ErrorCodes::default(),
            timestamp: None,
            trace_id: None,
            correlation_id: None,
            error_uri: None,
            suberror: None,
            claims: None,
            extra: Vec::new(),
        }
    }

    /// Sets `error_description`.
    #[cfg(feature = "oauth2")]
    pub(crate) fn with_description(mut self, description: impl Into<Cow<'a, str>>) -> Self {
        self.description = Some(LazyText::plain(description.into()));
        self
    }

    /// Sets `error_uri`.
    #[cfg(feature = "oauth2")]
    pub(crate) fn with_error_uri(mut self, uri: impl Into<Cow<'a, str>>) -> Self {
        self.error_uri = Some(uri.into());
        self
    }

    /// The `error` member.
    ///
    /// ```
    /// use oauth_triage::{ErrorName, TokenError};
    ///
    /// // Device-code polling: the user has not finished signing in yet.
    /// let err = TokenError::from_json(br#"{"error":"authorization_pending","error_codes":[70016]}"#)?;
    /// assert_eq!(err.error(), &ErrorName::AuthorizationPending);
    /// assert_eq!(err.error().as_str(), "authorization_pending");
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn error(&self) -> &ErrorName<'a> {
        &self.error
    }

    /// The `error_description` member, verbatim. **Raw server text**: it can
    /// carry user names and e-mail addresses, and no decision reads it.
    ///
    /// ```
    /// use oauth_triage::TokenError;
    ///
    /// let body = br#"{"error":"invalid_grant","error_description":"AADSTS50126: Error validating credentials due to invalid username or password.\r\nTrace ID: 2d4f2d2a-3a6b-4c4b-8d3f-1f0e9b6a7c00","error_codes":[50126]}"#;
    /// let err = TokenError::from_json(body)?;
    /// // JSON escapes are decoded: show the first line to a developer, never branch on it.
    /// let first_line = err.description().and_then(|d| d.lines().next());
    /// assert_eq!(first_line, Some("AADSTS50126: Error validating credentials due to invalid username or password."));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn description(&self) -> Option<&str> {
        self.description.as_ref().map(LazyText::as_str)
    }

    /// The `error_codes` member (Entra's AADSTS numbers), empty when absent.
    /// Only the member: [`Classification::codes`](crate::Classification::codes)
    /// has the codes the decision read, also the one of a Microsoft
    /// `error_uri` when `error_codes` is empty.
    ///
    /// ```
    /// use oauth_triage::{classify, AadstsCode, TokenError};
    ///
    /// let err = TokenError::from_json(br#"{"error":"invalid_grant","error_codes":[70002,50126]}"#)?;
    /// assert_eq!(err.error_codes(), &[AadstsCode::new(70002), AadstsCode::new(50126)]);
    ///
    /// // Only the member itself: the classification finds a code in `error_uri`.
    /// let body = br#"{"error":"invalid_grant","error_uri":"https://login.microsoftonline.com/error?code=700003"}"#;
    /// let uri_only = TokenError::from_json(body)?;
    /// assert!(uri_only.error_codes().is_empty());
    /// assert_eq!(classify(&uri_only).codes(), &[AadstsCode::new(700003)]);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn error_codes(&self) -> &[AadstsCode] {
        self.error_codes.as_slice()
    }

    /// The AADSTS codes of this error: `error_codes`, or when that is empty,
    /// the `code` parameter of a Microsoft `error_uri`.
    pub(crate) fn code_list(&self) -> Codes<'_> {
        if self.error_codes.as_slice().is_empty() {
            return Codes::from_error_uri(self.error_uri.as_deref());
        }
        Codes::List(Cow::Borrowed(self.error_codes.as_slice()))
    }

    /// The `timestamp` member, verbatim (Entra writes `2013-12-31 06:31:41Z`).
    ///
    /// ```
    /// use oauth_triage::TokenError;
    ///
    /// let body = br#"{"error":"invalid_grant","error_codes":[700082],"timestamp":"2024-05-02 09:14:07Z"}"#;
    /// let err = TokenError::from_json(body)?;
    /// // Kept as Entra wrote it, not parsed.
    /// assert_eq!(err.timestamp(), Some("2024-05-02 09:14:07Z"));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn timestamp(&self) -> Option<&str> {
        self.timestamp.as_deref()
    }

    /// The `trace_id` member: the request's id in Entra's logs.
    ///
    /// ```
    /// use oauth_triage::TokenError;
    ///
    /// let body = br#"{"error":"invalid_client","error_codes":[7000215],"trace_id":"0b1c6e2a-7f3d-4a51-9c8e-5d2f4b7a1e00"}"#;
    /// let err = TokenError::from_json(body)?;
    /// // Quote it when asking a tenant administrator to look the request up in the sign-in logs.
    /// assert_eq!(err.trace_id(), Some("0b1c6e2a-7f3d-4a51-9c8e-5d2f4b7a1e00"));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn trace_id(&self) -> Option<&str> {
        self.trace_id.as_deref()
    }

    /// The `correlation_id` member: the id that ties the client's requests together.
    ///
    /// ```
    /// use oauth_triage::TokenError;
    ///
    /// let body = br#"{"error":"invalid_grant","error_codes":[50173],"correlation_id":"7d9f3c41-2b8e-4f6a-a0d5-3e1c9b8f2a47"}"#;
    /// let err = TokenError::from_json(body)?;
    /// // Log it next to the client's own record of the request.
    /// assert_eq!(err.correlation_id(), Some("7d9f3c41-2b8e-4f6a-a0d5-3e1c9b8f2a47"));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn correlation_id(&self) -> Option<&str> {
        self.correlation_id.as_deref()
    }

    /// The `error_uri` member, verbatim.
    ///
    /// ```
    /// use oauth_triage::TokenError;
    ///
    /// let body = br#"{"error":"unauthorized_client","error_codes":[700016],"error_uri":"https://login.microsoftonline.com/error?code=700016"}"#;
    /// let err = TokenError::from_json(body)?;
    /// // A page about the error, to link from a developer-facing message.
    /// assert_eq!(err.error_uri(), Some("https://login.microsoftonline.com/error?code=700016"));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn error_uri(&self) -> Option<&str> {
        self.error_uri.as_deref()
    }

    /// The `suberror` member.
    ///
    /// ```
    /// use oauth_triage::{classify, Action, Suberror, TokenError};
    ///
    /// // A revoked refresh token: the suberror says only a new sign-in helps.
    /// let body = br#"{"error":"invalid_grant","suberror":"bad_token","error_codes":[50173]}"#;
    /// let err = TokenError::from_json(body)?;
    /// assert_eq!(err.suberror(), Some(&Suberror::BadToken));
    /// assert_eq!(classify(&err).action(), &Action::Reauthenticate);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn suberror(&self) -> Option<&Suberror<'a>> {
        self.suberror.as_ref()
    }

    /// The `claims` member: a JSON claims request to send with the next token
    /// request. A string member is decoded (when first read); an object
    /// member is kept as its JSON text.
    ///
    /// ```
    /// use oauth_triage::TokenError;
    ///
    /// // Conditional Access wants an authentication context: Entra sends the request as a JSON string.
    /// let body = br#"{"error":"interaction_required","error_codes":[50076],"claims":"{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}"}"#;
    /// let err = TokenError::from_json(body)?;
    /// assert_eq!(err.claims(), Some(r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#));
    ///
    /// // Sent as an object, the request is kept as its JSON text.
    /// let object = TokenError::from_json(br#"{"error":"interaction_required","claims":{"id_token":{"auth_time":{"essential":true}}}}"#)?;
    /// assert_eq!(object.claims(), Some(r#"{"id_token":{"auth_time":{"essential":true}}}"#));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn claims(&self) -> Option<&str> {
        self.claims.as_ref().map(LazyText::as_str)
    }

    /// The polling interval the server asks for, in seconds: the
    /// `interval` member GitHub sends with `slow_down` (a JSON number, or a
    /// string of digits in a form-encoded body), for
    /// [`Action::SlowDown`](crate::Action::SlowDown). `None` when absent or not
    /// a whole number of seconds.
    pub(crate) fn interval(&self) -> Option<Duration> {
        let raw = self.extra_json("interval")?;
        let digits = raw
            .strip_prefix('"')
            .and_then(|r| r.strip_suffix('"'))
            .unwrap_or(raw);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok().map(Duration::from_secs)
    }

    /// The `mfa_token` member Auth0 sends with `mfa_required`: **a
    /// credential**, for [`StepUp::mfa_token`](crate::StepUp::mfa_token).
    pub(crate) fn mfa_token(&self) -> Option<Cow<'_, str>> {
        self.extra_string("mfa_token")
    }

    /// The `error_subtype` member Google adds to some `invalid_grant`s
    /// (`invalid_rapt`, `rapt_required`), read as Entra's `suberror` is.
    pub(crate) fn error_subtype(&self) -> Option<Suberror<'_>> {
        self.extra_string("error_subtype").map(Suberror::from_cow)
    }

    /// Whether any member this crate does not model was kept.
    #[inline]
    pub(crate) fn has_extra(&self) -> bool {
        !self.extra.is_empty()
    }

    /// The raw JSON value of a member kept in `extra`.
    #[inline]
    fn extra_json(&self, name: &str) -> Option<&str> {
        if self.extra.is_empty() {
            return None;
        }
        self.extra
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| &**value)
    }

    /// A member kept in `extra` that is a JSON string, decoded.
    #[inline]
    fn extra_string(&self, name: &str) -> Option<Cow<'_, str>> {
        let raw = self.extra_json(name)?;
        let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
        if !inner.contains('\\') {
            return Some(Cow::Borrowed(inner));
        }
        serde_json::from_str::<String>(raw).ok().map(Cow::Owned)
    }

    /// The `claims` member, not yet decoded, for the decision procedure.
    pub(crate) fn claims_text(&self) -> Option<&LazyText<'a>> {
        self.claims.as_ref()
    }

    /// Members this crate does not model, as (name, raw JSON value) pairs in
    /// input order. **Raw server text.**
    ///
    /// The providers' members that decide are here too, as they came; the
    /// classification carries what it read from them: GitHub's `interval`
    /// on `slow_down` ([`Action::SlowDown`](crate::Action::SlowDown)),
    /// Auth0's `mfa_token` on `mfa_required`, **a credential**
    /// ([`StepUp::mfa_token`](crate::StepUp::mfa_token)), and Google's
    /// `error_subtype` on `invalid_grant`
    /// ([`Classification::suberror`](crate::Classification::suberror)).
    ///
    /// ```
    /// use std::time::Duration;
    /// use oauth_triage::{classify, Action, Suberror, TokenError};
    ///
    /// let err = TokenError::from_json(br#"{"error":"slow_down","interval":10}"#)?;
    /// assert_eq!(err.extra().collect::<Vec<_>>(), [("interval", "10")]);
    /// assert_eq!(classify(&err).action(), &Action::SlowDown { interval: Some(Duration::from_secs(10)) });
    ///
    /// // A form has only strings: the value is kept as a JSON string.
    /// let form = TokenError::from_form(b"error=slow_down&interval=15")?;
    /// assert_eq!(form.extra().collect::<Vec<_>>(), [("interval", r#""15""#)]);
    /// assert_eq!(classify(&form).action(), &Action::SlowDown { interval: Some(Duration::from_secs(15)) });
    ///
    /// let err = TokenError::from_json(br#"{"error":"mfa_required","mfa_token":"Fe26.2*x"}"#)?;
    /// assert_eq!(err.extra().next(), Some(("mfa_token", r#""Fe26.2*x""#)));
    /// let c = classify(&err);
    /// let Action::StepUp(step_up) = c.action() else { panic!("a step-up") };
    /// assert_eq!(step_up.mfa_token.as_deref(), Some("Fe26.2*x"));
    ///
    /// let err = TokenError::from_json(br#"{"error":"invalid_grant","error_subtype":"invalid_rapt"}"#)?;
    /// assert_eq!(err.extra().next(), Some(("error_subtype", r#""invalid_rapt""#)));
    /// assert_eq!(classify(&err).suberror(), Some(&Suberror::InvalidRapt));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn extra(&self) -> impl Iterator<Item = (&str, &str)> {
        self.extra.iter().map(|(k, v)| (&**k, &**v))
    }

    /// Copies borrowed text so the value no longer borrows the input.
    ///
    /// ```
    /// use oauth_triage::{ParseError, TokenError};
    ///
    /// // The response buffer is dropped on return; the parsed error lives on.
    /// fn read_error(body: Vec<u8>) -> Result<TokenError<'static>, ParseError> {
    ///     Ok(TokenError::from_json(&body)?.into_owned())
    /// }
    /// let err = read_error(br#"{"error":"invalid_grant","error_codes":[700082]}"#.to_vec())?;
    /// assert_eq!(err.error_codes(), &[700082]);
    /// # Ok::<(), ParseError>(())
    /// ```
    pub fn into_owned(self) -> TokenError<'static> {
        TokenError {
            error: self.error.into_owned(),
            description: self.description.map(LazyText::into_owned),
            error_codes: self.error_codes,
            timestamp: self.timestamp.map(own),
            trace_id: self.trace_id.map(own),
            correlation_id: self.correlation_id.map(own),
            error_uri: self.error_uri.map(own),
            suberror: self.suberror.map(Suberror::into_owned),
            claims: self.claims.map(LazyText::into_owned),
            extra: self
                .extra
                .into_iter()
                .map(|(k, v)| (own(k), own(v)))
                .collect(),
        }
    }
}

/// The body as the server sent it, member by member: `error`, then the
/// members that are present (`error_description` decoded, `error_codes`
/// when not empty, `timestamp`, `trace_id`, `correlation_id`, `error_uri`,
/// `suberror`, `claims`), then every unknown member with its JSON value as
/// it arrived: numbers, arrays and objects stay what they were, not strings.
///
/// **Raw server text**, like the accessors: this is a copy of the body (to
/// store, to forward, or for `oauth2`), not a log record. For logs, use
/// `Display`, or the `Serialize` of [`classify`](crate::classify)'s
/// [`Classification`](crate::Classification).
///
/// Unknown members, and a `claims` request that arrived as an object, are
/// kept as JSON text and written through [`serde_json::value::RawValue`]:
/// serde_json copies the text as it is, so that
/// `TokenError::from_json(&serde_json::to_vec(&err)?)? == err` for every body
/// that `from_json` accepts (number spellings, key order and repeated keys
/// included, where a `serde_json::Value` would change them). Other formats
/// than JSON do not know `RawValue`: for those, go through
/// `serde_json::to_value(&err)?`, which reads the text into a `Value`.
///
/// # Examples
///
/// ```
/// use oauth_triage::TokenError;
///
/// // Device-code polling: Entra's answer, with the interval as a number.
/// let body = br#"{"error":"slow_down","error_codes":[70016],"interval":10,"trace_id":"0b1c6e2a-7f3d-4a51-9c8e-5d2f4b7a1e00"}"#;
/// let err = TokenError::from_json(body)?;
/// let json = serde_json::to_string(&err)?;
/// // The known members first, then the unknown ones, each value as it was.
/// assert_eq!(json, r#"{"error":"slow_down","error_codes":[70016],"trace_id":"0b1c6e2a-7f3d-4a51-9c8e-5d2f4b7a1e00","interval":10}"#);
/// assert_eq!(TokenError::from_json(json.as_bytes())?, err);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl serde::Serialize for TokenError<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        let codes = self.error_codes.as_slice();
        let ids = [
            ("timestamp", &self.timestamp),
            ("trace_id", &self.trace_id),
            ("correlation_id", &self.correlation_id),
            ("error_uri", &self.error_uri),
        ];
        let len = 1
            + usize::from(self.description.is_some())
            + usize::from(!codes.is_empty())
            + ids.iter().filter(|(_, value)| value.is_some()).count()
            + usize::from(self.suberror.is_some())
            + usize::from(self.claims.is_some())
            + self.extra.len();
        let mut map = serializer.serialize_map(Some(len))?;
        map.serialize_entry("error", self.error.as_str())?;
        if let Some(description) = &self.description {
            map.serialize_entry("error_description", &*description.decode())?;
        }
        if !codes.is_empty() {
            map.serialize_entry("error_codes", codes)?;
        }
        for (name, value) in ids {
            if let Some(value) = value {
                map.serialize_entry(name, &**value)?;
            }
        }
        if let Some(suberror) = &self.suberror {
            map.serialize_entry("suberror", suberror.as_str())?;
        }
        if let Some(claims) = &self.claims {
            let text = claims.decode();
            if claims.is_object() {
                map.serialize_entry("claims", &Json(&text))?;
            } else {
                map.serialize_entry("claims", &*text)?;
            }
        }
        for (name, json) in &self.extra {
            map.serialize_entry(&**name, &Json(json))?;
        }
        map.end()
    }
}

/// JSON text, written as the value it holds (see `Serialize` for
/// [`TokenError`]).
struct Json<'t>(&'t str);

impl serde::Serialize for Json<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The text was read as one JSON value, so this never fails; reading
        // it again borrows it, without a copy.
        let raw: &RawValue = serde_json::from_str(self.0).map_err(serde::ser::Error::custom)?;
        serde::Serialize::serialize(raw, serializer)
    }
}

/// Reads a token endpoint error body with exactly the checks of
/// [`TokenError::from_json`] and the default [`Limits`] (an `error` of RFC
/// 6749's characters, no member twice, members of the right types, a
/// success body refused, bounded members and nesting), into an owned value:
/// `TokenError<'static>` is `DeserializeOwned`, so that it can be the error
/// type of an `oauth2` client, which reads error bodies with
/// `serde_path_to_error` over serde_json.
///
/// A [`ParseError`] becomes the deserializer's error, with the same
/// (log-safe) message. Two things differ from `from_json`, because the
/// deserializer reads the text before `TokenError` sees any of it: a byte
/// order mark, an HTML page and text that is not JSON are serde_json's
/// syntax errors, not [`ParseError::Html`] and its kin (keep the body and
/// call `from_json` on it to name them); and [`Limits::max_body`] is not
/// applied, since a deserializer does not tell its input's length: bound
/// the body where it is read.
///
/// The body is JSON: unknown members are kept as their JSON text through
/// [`serde_json::value::RawValue`], which serde_json's deserializers
/// (`from_slice`, `from_str`, `from_reader`, `from_value`) and wrappers
/// around them provide, and other formats do not.
///
/// # Examples
///
/// ```
/// use oauth_triage::{classify, Action, TokenError};
///
/// // An oauth2 client reads the body of a failed token request this way.
/// let body = br#"{"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity.","error_codes":[700082]}"#;
/// let err: TokenError<'static> = serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_slice(body))?;
/// assert_eq!(classify(&err).action(), &Action::Reauthenticate);
///
/// // The checks are those of `from_json`.
/// let twice = br#"{"error":"invalid_grant","error":"invalid_client"}"#;
/// let refused = serde_json::from_slice::<TokenError<'static>>(twice).unwrap_err();
/// assert_eq!(refused.to_string(), r#""error" appears more than once"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl<'de> de::Deserialize<'de> for TokenError<'static> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut found = Ok(Top::Object);
        let read = read_into(&Limits::DEFAULT, |fields| {
            found = deserializer.deserialize_any(TopVisitor::<Own>::new(fields));
            match &found {
                Ok(Top::Object) | Err(_) => Ok(()),
                Ok(Top::Other(found)) => Err(ParseError::NotObject { found }),
            }
        });
        // The deserializer's own error first, as it came.
        found?;
        read.map_err(de::Error::custom)
    }
}

/// One log line: the `error` value, then the suberror, the AADSTS codes
/// (`error_codes`, else the code of a Microsoft `error_uri`) and the trace
/// and correlation ids.
///
/// Safe for logs, by the rules of [`Classification`](crate::Classification)'s
/// `Display`: no description, no unknown member; an `error` or `suberror`
/// value that is not a plain symbol (letters, digits, `_`, `.`, `-`) shows as
/// `unrecognized`; ids show only when they look like ids.
///
/// # Examples
///
/// ```
/// use oauth_triage::TokenError;
///
/// // Conditional Access asks for MFA; the description names the resource and more.
/// let body = br#"{"error":"invalid_grant","error_description":"AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.","error_codes":[50076],"suberror":"basic_action","trace_id":"5c8ce2fc-1720-45c1-899a-0a6d0e965600","correlation_id":"e421d7f3-0160-4431-bc41-d675aa4007e8"}"#;
/// let err = TokenError::from_json(body)?;
/// assert_eq!(
///     err.to_string(),
///     "invalid_grant (suberror basic_action; codes 50076; trace_id 5c8ce2fc-1720-45c1-899a-0a6d0e965600; correlation_id e421d7f3-0160-4431-bc41-d675aa4007e8)"
/// );
///
/// // A value that is not a plain symbol is not repeated.
/// let odd = TokenError::from_json(br#"{"error":"denied for jo@example.com","error_codes":[50126]}"#)?;
/// assert_eq!(odd.to_string(), "unrecognized (codes 50126)");
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
impl fmt::Display for TokenError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(loggable(self.error.as_str()))?;
        let mut sep = " (";
        if let Some(suberror) = &self.suberror {
            write!(f, "{sep}suberror {}", loggable(suberror.as_str()))?;
            sep = "; ";
        }
        let codes = self.code_list();
        if let Some((first, rest)) = codes.as_slice().split_first() {
            write!(f, "{sep}codes {}", first.get())?;
            for code in rest {
                write!(f, ",{}", code.get())?;
            }
            sep = "; ";
        }
        for (name, id) in [
            ("trace_id", &self.trace_id),
            ("correlation_id", &self.correlation_id),
        ] {
            if let Some(id) = id.as_deref().filter(|id| is_id(id)) {
                write!(f, "{sep}{name} {id}")?;
                sep = "; ";
            }
        }
        if sep == "; " {
            f.write_str(")")?;
        }
        Ok(())
    }
}

/// Every member that is present, under its name on the wire, with what logs
/// may not show replaced by `[redacted: N bytes]` (N the length of the text
/// the accessor returns): the description always; an unknown member's value
/// always, and its name unless it is a plain symbol; ids, the timestamp and
/// `error_uri` unless they look like what they are. `error` and `suberror`
/// print as their types do (an unrecognized value that is not a plain symbol
/// is redacted); the `claims` request prints decoded.
///
/// Read the values themselves through the accessors:
/// [`TokenError::description`], [`TokenError::extra`], ...
///
/// # Examples
///
/// ```
/// use oauth_triage::TokenError;
///
/// // Auth0 asks for a second factor, and sends the token that continues the flow.
/// let body = br#"{"error":"mfa_required","error_description":"Multifactor authentication required","mfa_token":"Fe26.2*SERVER*secret"}"#;
/// let err = TokenError::from_json(body)?;
/// // `{:?}` (as in `anyhow`'s reports, or `unwrap`) shows neither the text nor the token.
/// assert_eq!(
///     format!("{err:?}"),
///     r#"TokenError { error: MfaRequired, error_description: [redacted: 35 bytes], extra: {"mfa_token": [redacted: 22 bytes]} }"#
/// );
/// assert_eq!(err.extra().next(), Some(("mfa_token", r#""Fe26.2*SERVER*secret""#)));
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
impl fmt::Debug for TokenError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("TokenError");
        d.field("error", &self.error);
        if let Some(description) = &self.description {
            d.field("error_description", &Redacted(description.decode().len()));
        }
        // The numbers, as the body has them.
        let codes: Vec<u32> = self
            .error_codes
            .as_slice()
            .iter()
            .map(|c| c.get())
            .collect();
        if !codes.is_empty() {
            d.field("error_codes", &codes);
        }
        if let Some(timestamp) = &self.timestamp {
            d.field("timestamp", &shown_if(timestamp, is_timestamp(timestamp)));
        }
        for (name, id) in [
            ("trace_id", &self.trace_id),
            ("correlation_id", &self.correlation_id),
        ] {
            if let Some(id) = id {
                d.field(name, &shown_if(id, is_id(id)));
            }
        }
        if let Some(uri) = &self.error_uri {
            d.field("error_uri", &shown_if(uri, is_link(uri)));
        }
        if let Some(suberror) = &self.suberror {
            d.field("suberror", suberror);
        }
        if let Some(claims) = &self.claims {
            d.field("claims", &&*claims.decode());
        }
        if !self.extra.is_empty() {
            d.field("extra", &Unknown(&self.extra));
        }
        d.finish()
    }
}

/// A token error is an error: `Display` is its log-safe message.
///
/// ```
/// use oauth_triage::TokenError;
///
/// // Returned through `?` to a caller that only knows `std::error::Error`.
/// fn refresh(body: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
///     Err(TokenError::from_json(body)?.into_owned().into())
/// }
/// let err = refresh(br#"{"error":"invalid_client","error_codes":[7000215]}"#).unwrap_err();
/// assert_eq!(err.to_string(), "invalid_client (codes 7000215)");
/// ```
impl std::error::Error for TokenError<'_> {}

pub(crate) fn own(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}

/// The AADSTS codes of a response: a token body's `error_codes`, or the one
/// code of an `error_uri`, held inline so that reading it allocates nothing.
#[derive(Clone, Debug)]
pub(crate) enum Codes<'a> {
    List(Cow<'a, [AadstsCode]>),
    One(AadstsCode),
}

impl Codes<'_> {
    /// No codes.
    pub(crate) const NONE: Codes<'static> = Codes::List(Cow::Borrowed(&[]));

    /// The code of a Microsoft `error_uri`, if it carries one.
    pub(crate) fn from_error_uri(uri: Option<&str>) -> Self {
        uri.and_then(code_from_error_uri)
            .map_or(Codes::NONE, |code| Codes::One(AadstsCode::new(code)))
    }

    /// The codes of `first`, then those of `second` it lacks: one list for
    /// a response whose body and challenge both carry codes.
    pub(crate) fn merged(first: Self, second: Self) -> Self {
        if second.as_slice().is_empty() {
            return first;
        }
        if first.as_slice().is_empty() {
            return second;
        }
        let mut codes = first.as_slice().to_vec();
        for &code in second.as_slice() {
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        Self::List(Cow::Owned(codes))
    }

    pub(crate) fn as_slice(&self) -> &[AadstsCode] {
        match self {
            Self::List(codes) => codes,
            Self::One(code) => std::slice::from_ref(code),
        }
    }

    pub(crate) fn into_owned(self) -> Codes<'static> {
        match self {
            Self::List(codes) => Codes::List(Cow::Owned(codes.into_owned())),
            Self::One(code) => Codes::One(code),
        }
    }
}

impl PartialEq for Codes<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Codes<'_> {}

/// Microsoft's sign-in hosts, whose error pages (`/error?code=50011`) the
/// `error_uri` of Entra's answers names: the worldwide cloud (and its older
/// names), US Government, China (21Vianet), and the retired German cloud.
const MICROSOFT_LOGIN_HOSTS: &[&str] = &[
    "login.microsoftonline.com",
    "login.microsoft.com",
    "login.windows.net",
    "login-us.microsoftonline.com",
    "login.microsoftonline.us",
    "login.chinacloudapi.cn",
    "login.partner.microsoftonline.cn",
    "login.microsoftonline.de",
];

/// The AADSTS code in a Microsoft `error_uri` such as
/// `https://login.microsoftonline.com/error?code=50011`.
///
/// The URI is read as a URL parser reads it, and refused wherever a parser
/// could read it two ways: an `https` URL whose host is exactly one of
/// Microsoft's sign-in hosts (ASCII case aside, a trailing dot allowed, a
/// numeric port allowed), with no user part (`@`), no `\` (which WHATWG
/// reads as `/`, so `https://evil.example\@login.microsoftonline.com/`
/// has the host `evil.example`), and no white space or control character;
/// the `code` parameter of its query, the fragment set aside first.
///
/// This keeps another server's link (an error page of its own with a
/// `code` parameter) from being read as an AADSTS code. It authenticates
/// nothing: whoever writes a response writes its `error_uri` too, as it
/// writes `error`, which is why codes only refine what `error` says.
pub(crate) fn code_from_error_uri(uri: &str) -> Option<u32> {
    if uri
        .bytes()
        .any(|b| b == b'\\' || b.is_ascii_whitespace() || b.is_ascii_control())
    {
        return None;
    }
    let (scheme, rest) = uri.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let rest = rest.split_once('#').map_or(rest, |(before, _)| before);
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, after) = rest.split_at(authority_end);
    if authority.contains('@') {
        return None;
    }
    let host = match authority.split_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        Some(_) => return None,
        None => authority,
    };
    let host = host.strip_suffix('.').unwrap_or(host);
    if !MICROSOFT_LOGIN_HOSTS
        .iter()
        .any(|known| host.eq_ignore_ascii_case(known))
    {
        return None;
    }
    let query = after.split_once('?')?.1;
    let code = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("code="))?;
    let digits = code.strip_prefix("AADSTS").unwrap_or(code);
    if digits.len() > 9 {
        return None;
    }
    code_from_digits(digits)
}

/// A code written as one or more ASCII digits; `None` for anything else.
fn code_from_digits(digits: &str) -> Option<u32> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Rejects input that cannot be a JSON object before the JSON parser sees it,
/// so that the error names what was found.
fn check_start(body: &[u8]) -> Result<(), ParseError> {
    let Some(first) = body.iter().position(|b| !b.is_ascii_whitespace()) else {
        return Err(ParseError::Empty);
    };
    match body[first] {
        b'<' => Err(ParseError::Html),
        b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n' => Ok(()),
        byte => Err(ParseError::NotJson {
            found: crate::error::byte_class(byte),
        }),
    }
}

fn json_error(err: serde_json::Error, limits: &Limits) -> ParseError {
    let (line, column) = (err.line(), err.column());
    if err.is_eof() {
        return ParseError::Truncated { line, column };
    }
    let message = err.to_string();
    // serde_json's own bound on the nesting it recurses into (members it
    // keeps raw are read without recursion and bounded by `max_depth`).
    if message.starts_with("recursion limit exceeded") {
        return ParseError::TooDeep {
            limit: limits.max_depth.min(JSON_PARSER_DEPTH),
        };
    }
    let reason = match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    };
    ParseError::InvalidJson {
        line,
        column,
        reason,
    }
}

/// What the body turned out to be.
enum Top {
    /// An object, whose members are in the `Fields` the visitor was given.
    Object,
    Other(&'static str),
}

/// The nesting at which serde_json stops by itself.
const JSON_PARSER_DEPTH: usize = 128;

/// Reads the body's object into a [`Fields`], keeping text as `L` says.
struct TopVisitor<'f, 'a, 't, L>(&'f mut Fields<'a, 't>, PhantomData<L>);

impl<'f, 'a, 't, L> TopVisitor<'f, 'a, 't, L> {
    fn new(fields: &'f mut Fields<'a, 't>) -> Self {
        Self(fields, PhantomData)
    }
}

impl<'de, 'a, L: Lend<'de, 'a>> Visitor<'de> for TopVisitor<'_, 'a, '_, L> {
    type Value = Top;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let fields = self.0;
        while let Some(Text(key)) = map.next_key()? {
            fields.members += 1;
            if fields.members > fields.max_params {
                // Read on to the end (the body is bounded), keep nothing.
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            fields.visit::<L, A>(L::text(key), &mut map)?;
        }
        Ok(Top::Object)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Top::Other("an array"))
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Top::Other("a string"))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Top::Other("a boolean"))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Top::Other("a number"))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Top::Other("a number"))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Top::Other("a number"))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Top::Other("null"))
    }
}

/// The members as read, each put in place in the error they make, and what
/// [`Fields::check`] must check before that error is returned.
struct Fields<'a, 't> {
    /// The error the members are read into, in place.
    token: &'t mut TokenError<'a>,
    /// How `error` was read (a string's value is in `token`), so that
    /// `check` tells a `null` or a wrong type from a missing `error`.
    error: Option<Field<()>>,
    /// The members this crate models that were read, a bit each (see
    /// [`Member::rank`]), to find duplicates.
    seen: u16,
    /// The first member read twice.
    duplicate: Option<Member>,
    /// The first member kept among the others (`extra`) that some value
    /// reads (Google's `error_subtype`, GitHub's `interval`, Auth0's
    /// `mfa_token`) and that came twice: refused as a modelled member
    /// would be, since most JSON parsers (and a proxy in front) would take
    /// the last where this crate reads the first.
    duplicate_extra: Option<&'static str>,
    /// The first member of the wrong type, in the order of
    /// [`Member::rank`], and the JSON type found.
    wrong: Option<(Member, &'static str)>,
    success: bool,
    max_params: usize,
    max_depth: usize,
    members: usize,
    /// The deepest nesting inside a member's value.
    deepest: usize,
}

/// A member's value, or the JSON type found when it had the wrong one.
enum Field<T> {
    Ok(T),
    Null,
    Wrong(&'static str),
}

impl<T> Field<T> {
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Field<U> {
        match self {
            Self::Ok(value) => Field::Ok(f(value)),
            Self::Null => Field::Null,
            Self::Wrong(found) => Field::Wrong(found),
        }
    }
}

/// The members this crate models, by name.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Member {
    Text(TextMember),
    Codes,
    /// No decision reads it, so it is decoded only when read.
    Description,
    Claims,
    Other,
}

/// The members read as plain text, numbered by [`Member::rank`].
#[derive(Clone, Copy, Debug, PartialEq)]
enum TextMember {
    Error = 0,
    Timestamp = 3,
    TraceId = 4,
    CorrelationId = 5,
    ErrorUri = 6,
    Suberror = 7,
}

impl Member {
    fn of(name: &str) -> Self {
        match name {
            "error" => Self::Text(TextMember::Error),
            "timestamp" => Self::Text(TextMember::Timestamp),
            "trace_id" => Self::Text(TextMember::TraceId),
            "correlation_id" => Self::Text(TextMember::CorrelationId),
            "error_uri" => Self::Text(TextMember::ErrorUri),
            "suberror" => Self::Text(TextMember::Suberror),
            "error_codes" => Self::Codes,
            "error_description" => Self::Description,
            "claims" => Self::Claims,
            _ => Self::Other,
        }
    }

    /// Reads the name of a member this crate models, with its closing
    /// quote, when it is next (the opening quote read); `Other`, having read
    /// nothing, for any other name. The first letter tells which names to
    /// compare, so that a name is read in one or two comparisons, with no
    /// scan for its end.
    #[inline]
    fn read_known(json: &mut Scanner<'_>) -> Self {
        use TextMember as T;
        let first = json.peek();
        // Each name a constant, compared in place.
        let mut name = |name: &[u8]| json.eat_ascii(name);
        match first {
            Some(b'e') if name(b"error\"") => Self::Text(T::Error),
            Some(b'e') if name(b"error_description\"") => Self::Description,
            Some(b'e') if name(b"error_codes\"") => Self::Codes,
            Some(b'e') if name(b"error_uri\"") => Self::Text(T::ErrorUri),
            Some(b't') if name(b"timestamp\"") => Self::Text(T::Timestamp),
            Some(b't') if name(b"trace_id\"") => Self::Text(T::TraceId),
            Some(b'c') if name(b"correlation_id\"") => Self::Text(T::CorrelationId),
            Some(b'c') if name(b"claims\"") => Self::Claims,
            Some(b's') if name(b"suberror\"") => Self::Text(T::Suberror),
            _ => Self::Other,
        }
    }

    /// The order in which [`Fields::check`] looks for a member of the wrong
    /// type (`error` first); also the member's bit among those seen.
    fn rank(self) -> u8 {
        match self {
            Self::Text(member) => member as u8,
            Self::Description => 1,
            Self::Codes => 2,
            Self::Claims => 8,
            Self::Other => 9,
        }
    }

    /// The name on the wire, and what its value must be.
    fn name_and_type(self) -> (&'static str, &'static str) {
        match self {
            Self::Text(TextMember::Error) => ("error", "a string"),
            Self::Text(TextMember::Timestamp) => ("timestamp", "a string"),
            Self::Text(TextMember::TraceId) => ("trace_id", "a string"),
            Self::Text(TextMember::CorrelationId) => ("correlation_id", "a string"),
            Self::Text(TextMember::ErrorUri) => ("error_uri", "a string"),
            Self::Text(TextMember::Suberror) => ("suberror", "a string"),
            Self::Codes => ("error_codes", "an array of integers"),
            Self::Description => ("error_description", "a string"),
            Self::Claims => ("claims", "a string"),
            // Never noted: such members are kept as they come.
            Self::Other => ("", ""),
        }
    }
}

impl<'a, 't> Fields<'a, 't> {
    /// Reads into `token`, which must be new: its `error` is a stand-in,
    /// never returned, since `check` refuses a body without `error`.
    fn new(token: &'t mut TokenError<'a>, limits: &Limits) -> Self {
        Self {
            token,
            error: None,
            seen: 0,
            duplicate: None,
            duplicate_extra: None,
            wrong: None,
            success: false,
            max_params: limits.max_params,
            max_depth: limits.max_depth,
            members: 0,
            deepest: 0,
        }
    }

    /// Reads the value of the member `key` through serde, keeping its text
    /// as `L` says.
    fn visit<'de, L: Lend<'de, 'a>, A: MapAccess<'de>>(
        &mut self,
        key: Cow<'a, str>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match Member::of(&key) {
            Member::Text(member) => {
                let value = map.next_value::<TextField<'de>>()?.0.map(L::text);
                self.set_text(member, value);
            }
            Member::Codes => {
                let value = map.next_value::<CodesField>()?.0;
                self.set_codes(value);
            }
            Member::Description => {
                let raw = L::raw(map)?;
                self.deepest = self.deepest.max(depth(&raw));
                self.set_description(string_field(raw).map(LazyText::json));
            }
            Member::Claims => {
                let raw = L::raw(map)?;
                self.deepest = self.deepest.max(depth(&raw));
                self.set_claims(claims_field(raw));
            }
            Member::Other => {
                let raw = L::raw(map)?;
                self.deepest = self.deepest.max(depth(&raw));
                self.set_other(key, raw);
            }
        }
        Ok(())
    }

    /// Whether `member` was read, whatever its value.
    fn was_read(&self, member: Member) -> bool {
        self.seen & 1 << member.rank() != 0
    }

    /// Notes that `member` was read, and whether it was read before.
    fn mark(&mut self, member: Member) {
        if self.was_read(member) && self.duplicate.is_none() {
            self.duplicate = Some(member);
        }
        self.seen |= 1 << member.rank();
    }

    /// Notes that `member` was read, and gives its value: `None` for
    /// `null`, and for a value of the wrong type, which is noted too.
    fn take<T>(&mut self, member: Member, value: Field<T>) -> Option<T> {
        self.mark(member);
        match value {
            Field::Ok(value) => Some(value),
            Field::Null => None,
            Field::Wrong(found) => {
                if self
                    .wrong
                    .map_or(true, |(first, _)| member.rank() < first.rank())
                {
                    self.wrong = Some((member, found));
                }
                None
            }
        }
    }

    fn set_text(&mut self, member: TextMember, value: Field<Cow<'a, str>>) {
        let read = Member::Text(member);
        match member {
            TextMember::Error => self.set_error(value.map(ErrorName::from_cow)),
            TextMember::Timestamp => self.token.timestamp = self.take(read, value),
            TextMember::TraceId => self.token.trace_id = self.take(read, value),
            TextMember::CorrelationId => self.token.correlation_id = self.take(read, value),
            TextMember::ErrorUri => self.token.error_uri = self.take(read, value),
            TextMember::Suberror => {
                self.token.suberror = self.take(read, value).map(Suberror::from_cow);
            }
        }
    }

    fn set_error(&mut self, value: Field<ErrorName<'a>>) {
        match value {
            Field::Ok(error) => self.set_error_value(error),
            Field::Null => self.set_error_read(Field::Null),
            Field::Wrong(found) => self.set_error_read(Field::Wrong(found)),
        }
    }

    /// An `error` string: its value is put in place.
    fn set_error_value(&mut self, error: ErrorName<'a>) {
        self.token.error = error;
        self.set_error_read(Field::Ok(()));
    }

    /// How `error` was read, kept for `check`.
    fn set_error_read(&mut self, read: Field<()>) {
        self.mark(Member::Text(TextMember::Error));
        self.error = Some(read);
    }

    fn set_codes(&mut self, value: Field<ErrorCodes>) {
        self.token.error_codes = self.take(Member::Codes, value).unwrap_or_default();
    }

    /// Free text: a description that is no string (an object, an array, a
    /// number) is set aside, never a parse failure.
    fn set_description(&mut self, value: Field<LazyText<'a>>) {
        let value = match value {
            Field::Wrong(_) => Field::Null,
            value => value,
        };
        self.token.description = self.take(Member::Description, value);
    }

    fn set_claims(&mut self, value: Field<LazyText<'a>>) {
        self.token.claims = self.take(Member::Claims, value);
    }

    /// A member this crate does not model, kept as its JSON text.
    fn set_other(&mut self, key: Cow<'a, str>, json: Cow<'a, str>) {
        if matches!(&*key, "access_token" | "id_token" | "device_code") {
            self.success = true;
        }
        if self.duplicate_extra.is_none() {
            if let Some(name) = ["error_subtype", "interval", "mfa_token"]
                .into_iter()
                .find(|name| *key == **name)
            {
                if has(&self.token.extra, name) {
                    self.duplicate_extra = Some(name);
                }
            }
        }
        self.token.extra.push((key, json));
    }

    /// Checks what was read, in this order: the bounds, duplicates,
    /// `error`, other members' types. Inlined for what nearly every body
    /// is (a recognized `error`, no unknown member, nothing wrong), which
    /// passes every check of [`Fields::check_each`].
    #[inline]
    fn check(&mut self) -> Result<(), ParseError> {
        if self.members <= self.max_params
            && self.deepest < self.max_depth
            && self.duplicate.is_none()
            && self.wrong.is_none()
            && matches!(self.error, Some(Field::Ok(())))
            && !matches!(self.token.error, ErrorName::Other(_))
            && self.token.extra.is_empty()
        {
            return Ok(());
        }
        self.check_each()
    }

    /// [`Fields::check`], check by check.
    fn check_each(&mut self) -> Result<(), ParseError> {
        check_count(self.members, self.max_params, "members")?;
        // The body's own object is one level.
        if 1 + self.deepest > self.max_depth {
            return Err(ParseError::TooDeep {
                limit: self.max_depth,
            });
        }
        if let Some(member) = self.duplicate {
            return Err(ParseError::Duplicate {
                name: excerpt(member.name_and_type().0),
            });
        }
        if let Some(name) = self.duplicate_extra {
            return Err(ParseError::Duplicate {
                name: excerpt(name),
            });
        }
        match self.error {
            Some(Field::Ok(())) => {}
            // Reddit: `{"message":"Unauthorized","error":401}`, the HTTP
            // status again; no OAuth value to read.
            Some(Field::Wrong("a number")) if has(&self.token.extra, "message") => {
                return Err(ParseError::UnsupportedShape {
                    shape: "numeric-error",
                })
            }
            Some(Field::Wrong(found)) => return Err(wrong("error", found, "a string")),
            Some(Field::Null) => return Err(wrong("error", "null", "a string")),
            None if self.success => return Err(ParseError::Success),
            // Twitch's token endpoint: `{"status":400,"message":"authorization_pending"}`,
            // where `message` holds a value of the vocabulary exactly.
            None => match symbolic_message(&self.token.extra) {
                Some(value) => self.token.error = ErrorName::from_cow(value),
                None => {
                    return Err(match foreign_shape(&self.token.extra) {
                        Some(shape) => ParseError::UnsupportedShape { shape },
                        None => ParseError::MissingError,
                    })
                }
            },
        }
        let token = &self.token;
        let error = &token.error;
        // Every value this crate recognizes is valid: only others are checked.
        if let ErrorName::Other(value) = error {
            if !is_valid_error_value(value.as_str()) {
                return Err(ParseError::InvalidErrorValue {
                    found: excerpt(value.as_str()),
                });
            }
            // Mastodon, EVE Online's ESI: `{"error":"The access token is
            // invalid"}`, a sentence where a value belongs. Its words are
            // free text, never read.
            if is_sentence(value.as_str()) {
                return Err(ParseError::UnsupportedShape {
                    shape: "error-sentence",
                });
            }
        }
        // A Boom or Spring Boot body (`error` a reason phrase, `message`,
        // `statusCode` or `status`): decided by those members alone, never
        // by whether a description is there too.
        if !token.extra.is_empty()
            && has(&token.extra, "message")
            && (has(&token.extra, "statusCode") || has(&token.extra, "status"))
            && is_reason_phrase(error.as_str())
        {
            return Err(ParseError::UnsupportedShape {
                shape: "http-reason-phrase",
            });
        }
        if let Some((member, found)) = self.wrong {
            let (name, expected) = member.name_and_type();
            return Err(wrong(name, found, expected));
        }
        Ok(())
    }
}

/// Whether an `error` value is prose rather than a value: two or more
/// words of ASCII letters, one space apart, with at most a final `.`
/// (`The access token is invalid`, `token is expired`).
pub(crate) fn is_sentence(value: &str) -> bool {
    let words = value.strip_suffix('.').unwrap_or(value);
    let mut count = 0;
    for word in words.split(' ') {
        if word.is_empty() || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
            return false;
        }
        count += 1;
    }
    count >= 2
}

/// Twitch's `status` + `message` body whose `message` is a value of the
/// vocabulary, spelled exactly (`authorization_pending`, `slow_down`, ...):
/// the value, borrowed from the body. A sentence, or a value the crate does
/// not know, is no value.
fn symbolic_message<'a>(extra: &[(Cow<'a, str>, Cow<'a, str>)]) -> Option<Cow<'a, str>> {
    if !has(extra, "status") || extra.len() != 2 {
        return None;
    }
    let (_, raw) = extra.iter().find(|(key, _)| key == "message")?;
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    if inner.is_empty() || !inner.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        return None;
    }
    if matches!(ErrorName::from(inner), ErrorName::Other(_)) {
        return None;
    }
    Some(match raw {
        Cow::Borrowed(raw) => Cow::Borrowed(&raw[1..raw.len() - 1]),
        Cow::Owned(_) => Cow::Owned(inner.to_owned()),
    })
}

/// Reads a JSON body into `token`, a new error, then checks it (see
/// [`TokenError::from_json`]).
#[inline(never)]
fn read_json<'a>(
    token: &mut TokenError<'a>,
    body: &'a [u8],
    limits: &Limits,
) -> Result<(), ParseError> {
    crate::limits::check(body.len(), limits.max_body)?;
    let mut body = body;
    // A body that opens its object at once, as servers write it, has no
    // byte order mark and nothing before the object to name.
    if body.first() != Some(&b'{') {
        body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        check_start(body)?;
    }
    let mut fields = Fields::new(token, limits);
    if !scan(body, &mut fields) {
        // What the scanner leaves is read again, from the start. When the
        // body is not UTF-8, the slice parser finds the place to report.
        *token = TokenError::new(ErrorName::InvalidRequest);
        fields = Fields::new(token, limits);
        match std::str::from_utf8(body) {
            Ok(text) => parse_into(
                &mut fields,
                serde_json::Deserializer::from_str(text),
                limits,
            )?,
            Err(_) => {
                let strict = parse_into(
                    &mut fields,
                    serde_json::Deserializer::from_slice(body),
                    limits,
                )
                .and_then(|()| fields.check());
                return match strict {
                    // Text that is not UTF-8 (a Latin-1 byte in a
                    // description) is read lossily, unless a member that
                    // decides holds it.
                    Err(err @ ParseError::InvalidJson { .. }) => match read_lossily(body, limits) {
                        Some(lossy) => {
                            *token = lossy;
                            Ok(())
                        }
                        None => Err(err),
                    },
                    other => other,
                };
            }
        }
    } else if cfg!(fuzzing) {
        let scanned = fields.check().map(|()| token.clone());
        let text = std::str::from_utf8(body).expect("the scanner read text that is not UTF-8");
        *token = checked_against_serde_json(scanned, text, limits)?;
        return Ok(());
    }
    fields.check()
}

/// A body that is not UTF-8, read with its invalid bytes as U+FFFD: the
/// error it reads, when none of the members that decide (`error`,
/// `suberror`, `claims`, `error_uri`, Google's `error_subtype`, GitHub's
/// `interval`, Auth0's `mfa_token`) holds one; `None` otherwise, so that
/// such a body stays unreadable. Only ever called on a body the strict
/// reading refused.
#[cold]
fn read_lossily(body: &[u8], limits: &Limits) -> Option<TokenError<'static>> {
    const REPLACED: char = char::REPLACEMENT_CHARACTER;
    let text = String::from_utf8_lossy(body);
    let token = TokenError::from_json_with(text.as_bytes(), limits).ok()?;
    let deciding = [
        Some(token.error.as_str()),
        token.suberror.as_ref().map(Suberror::as_str),
        token.claims.as_ref().map(LazyText::as_str),
        token.error_uri.as_deref(),
    ];
    let deciding_extra = token
        .extra
        .iter()
        .filter(|(name, _)| matches!(&**name, "error_subtype" | "interval" | "mfa_token"))
        .map(|(_, value)| &**value);
    let clean = deciding
        .into_iter()
        .flatten()
        .chain(deciding_extra)
        .all(|value| !value.contains(REPLACED));
    clean.then(|| token.into_owned())
}

/// A new error, read by `read`, then checked.
fn read_into<'a>(
    limits: &Limits,
    read: impl FnOnce(&mut Fields<'a, '_>) -> Result<(), ParseError>,
) -> Result<TokenError<'a>, ParseError> {
    let mut token = TokenError::new(ErrorName::InvalidRequest);
    let mut fields = Fields::new(&mut token, limits);
    read(&mut fields)?;
    fields.check()?;
    Ok(token)
}

/// Whether a member of this name was kept in `extra`.
fn has(extra: &[(Cow<'_, str>, Cow<'_, str>)], name: &str) -> bool {
    extra.iter().any(|(key, _)| key == name)
}

/// The name of a known non-OAuth error shape, told by its members, for a
/// body without `error` (see [`ParseError::UnsupportedShape`]).
fn foreign_shape(extra: &[(Cow<'_, str>, Cow<'_, str>)]) -> Option<&'static str> {
    let has = |name| has(extra, name);
    Some(
        if has("errorCode") && !has("errorSummary") && has("message") {
            "docusign"
        } else if has("errorCode") {
            "okta"
        } else if has("resourceType") {
            "fhir-operation-outcome"
        } else if has("Fault") || (has("fault") && has("time")) {
            "intuit-fault"
        } else if has("resultcode") {
            "naver-resultcode"
        } else if has("code") && has("msg") {
            "kakao-api"
        } else if has("error_code") {
            "error-code"
        } else if has("__type") {
            "aws-json"
        } else if has("serviceErrorCode") {
            "linkedin-rest"
        } else if has("fault") {
            "wso2-fault"
        } else if has("documentation_url") && has("message") {
            "github-rest"
        } else if has("errors") {
            "errors-array"
        } else if (has("title") && (has("type") || has("detail")))
            || (has("Title") && (has("Type") || has("Detail")))
        {
            "problem-details"
        } else if has("detail") && extra.len() == 1 {
            "drf-detail"
        } else if has("code") && has("description") {
            "auth0-dbconnections"
        } else if has("code") && has("reason") && has("message") {
            "forgerock-crest"
        } else if has("code") && has("message") && has("details") {
            "grpc-status"
        } else if has("code") && has("message") {
            "code-message"
        } else if has("lang") && has("description") {
            "yahoo"
        } else if has("status") && has("message") {
            "status-message"
        } else {
            return None;
        },
    )
}

/// Whether an `error` value is an HTTP reason phrase (RFC 9110 §15), as
/// Boom-style API errors carry, rather than an OAuth value.
fn is_reason_phrase(value: &str) -> bool {
    matches!(
        value,
        "Bad Request"
            | "Unauthorized"
            | "Forbidden"
            | "Not Found"
            | "Method Not Allowed"
            | "Conflict"
            | "Too Many Requests"
            | "Internal Server Error"
            | "Bad Gateway"
            | "Service Unavailable"
            | "Gateway Timeout"
    )
}

/// How deeply a member's value nests arrays and objects. serde_json gives
/// the value without leading white space, so a scalar (most members are
/// strings) is told by its first byte and needs no scan.
fn depth(json: &str) -> usize {
    let json = json.as_bytes();
    match json.first() {
        Some(b'[' | b'{') => json_depth(json),
        _ => 0,
    }
}

/// Reads a body without serde_json when it is what nearly every server
/// sends: an object of strings, `null`s and other scalars, with an array of
/// integers for `error_codes`. `false` when the body holds anything else,
/// valid JSON or not, or is not UTF-8: [`parse`] then reads it with
/// serde_json, which words the error when there is one. Both fill a
/// [`Fields`], which then checks the members alike; the tests check that
/// the two agree.
fn scan<'a>(body: &'a [u8], fields: &mut Fields<'a, '_>) -> bool {
    // A long body is checked as UTF-8 at once, which costs less per byte
    // than checking its strings one by one. In a short one only the text
    // kept is checked: a recognized `error`, looked up as bytes, never is.
    let json = if body.len() > CHECKED_AT_ONCE {
        match std::str::from_utf8(body) {
            Ok(text) => Scanner::new(text),
            Err(_) => return false,
        }
    } else {
        Scanner::lazy(body)
    };
    scan_members(json, fields).is_some()
}

/// The length from which [`scan`] checks a body's UTF-8 at once.
const CHECKED_AT_ONCE: usize = 128;

fn scan_members<'a>(mut json: Scanner<'a>, fields: &mut Fields<'a, '_>) -> Option<()> {
    json.skip_space();
    if !json.eat(b'{') {
        return None;
    }
    json.skip_space();
    if !json.eat(b'}') {
        loop {
            if !json.eat(b'"') {
                return None;
            }
            // The name: one this crate models, or another, whose text is
            // kept. One with escapes is left to `parse`.
            let member = Member::read_known(&mut json);
            let key = match member {
                Member::Other => match json.rest_of_string()? {
                    read if read.escapes == Escapes::None => json.text(read)?,
                    _ => return None,
                },
                _ => "",
            };
            json.skip_space();
            if !json.eat(b':') {
                return None;
            }
            json.skip_space();
            // Past the bound, members are read but not kept, as in `parse`.
            fields.members += 1;
            let keep = fields.members <= fields.max_params;
            match member {
                Member::Text(TextMember::Error) => {
                    if json.eat(b'"') {
                        // A recognized value is ASCII: looked up as bytes,
                        // it needs no scan for escapes, no UTF-8 check and
                        // no second lookup.
                        let error = match json.known_text(ErrorName::known) {
                            Some(code) => code,
                            None => {
                                let read = json.rest_of_string()?;
                                ErrorName::from_cow(text_value(&json, read)?)
                            }
                        };
                        if keep {
                            fields.set_error_value(error);
                        }
                    } else if json.null() {
                        if keep {
                            fields.set_error(Field::Null);
                        }
                    } else {
                        return None;
                    }
                }
                Member::Text(member) => {
                    let value = if json.eat(b'"') {
                        let read = json.rest_of_string()?;
                        Field::Ok(text_value(&json, read)?)
                    } else if json.null() {
                        Field::Null
                    } else {
                        return None;
                    };
                    if keep {
                        fields.set_text(member, value);
                    }
                }
                Member::Codes => {
                    let value = scan_codes(&mut json)?;
                    if keep {
                        fields.set_codes(value);
                    }
                }
                Member::Description => {
                    let value = lazy_value(&mut json)?;
                    if keep {
                        fields.set_description(value);
                    }
                }
                Member::Claims => {
                    // A claims object, rather than a string, is left to `parse`.
                    let value = lazy_value(&mut json)?;
                    if keep {
                        fields.set_claims(value);
                    }
                }
                Member::Other => {
                    let value = json.scalar()?;
                    if keep {
                        fields.set_other(Cow::Borrowed(key), Cow::Borrowed(value));
                    }
                }
            }
            json.skip_space();
            if json.eat(b',') {
                json.skip_space();
            } else if json.eat(b'}') {
                break;
            } else {
                return None;
            }
        }
    }
    json.skip_space();
    json.at_end().then_some(())
}

/// What the scanner read, after checking that serde_json reads the same:
/// `cargo fuzz` builds with `--cfg fuzzing`, and then every body the scanner
/// reads is checked.
fn checked_against_serde_json<'a>(
    scanned: Result<TokenError<'a>, ParseError>,
    text: &'a str,
    limits: &Limits,
) -> Result<TokenError<'a>, ParseError> {
    let parsed = parse(serde_json::Deserializer::from_str(text), limits);
    assert_eq!(
        scanned, parsed,
        "the scanner and serde_json disagree on {text:?}"
    );
    scanned
}

/// A text member's value: borrowed when it has no escapes, decoded when it
/// has short ones. `\u` escapes are left to serde_json, which refuses half
/// a surrogate pair in such a member.
#[inline(always)]
fn text_value<'a>(json: &Scanner<'a>, read: JsonStr) -> Option<Cow<'a, str>> {
    match read.escapes {
        Escapes::None => Some(Cow::Borrowed(json.text(read)?)),
        Escapes::Short => Some(unescape(json.text(read)?)),
        Escapes::Unicode => None,
    }
}

/// A string kept undecoded, or `null`.
#[inline(always)]
fn lazy_value<'a>(json: &mut Scanner<'a>) -> Option<Field<LazyText<'a>>> {
    if json.eat(b'"') {
        let read = json.rest_of_string()?;
        Some(Field::Ok(LazyText::json(json.text(read)?)))
    } else if json.null() {
        Some(Field::Null)
    } else {
        None
    }
}

/// `error_codes` as an array of codes, or `null`.
#[inline]
fn scan_codes(json: &mut Scanner<'_>) -> Option<Field<ErrorCodes>> {
    if json.null() {
        return Some(Field::Null);
    }
    let mut codes = ErrorCodes::default();
    if !json.eat(b'[') {
        return None;
    }
    json.skip_space();
    if json.eat(b']') {
        return Some(Field::Ok(codes));
    }
    loop {
        codes.push(json.small_integer()?);
        json.skip_space();
        if json.eat(b',') {
            json.skip_space();
        } else if json.eat(b']') {
            return Some(Field::Ok(codes));
        } else {
            return None;
        }
    }
}

/// Reads the members of the body's object with serde_json, then checks them.
fn parse<'a, R: serde_json::de::Read<'a>>(
    de: serde_json::Deserializer<R>,
    limits: &Limits,
) -> Result<TokenError<'a>, ParseError> {
    read_into(limits, |fields| parse_into(fields, de, limits))
}

/// Reads the members of the body's object with serde_json into `fields`.
#[inline(never)]
fn parse_into<'a, R: serde_json::de::Read<'a>>(
    fields: &mut Fields<'a, '_>,
    mut de: serde_json::Deserializer<R>,
    limits: &Limits,
) -> Result<(), ParseError> {
    // The visitor fills `fields` in place: returned through serde's layers,
    // a struct this size would be copied at each one.
    let top = de
        .deserialize_any(TopVisitor::<Borrow>::new(fields))
        .map_err(|e| json_error(e, limits))?;
    de.end().map_err(|e| json_error(e, limits))?;
    match top {
        Top::Object => Ok(()),
        Top::Other(found) => Err(ParseError::NotObject { found }),
    }
}

fn wrong(field: &'static str, found: &'static str, expected: &'static str) -> ParseError {
    ParseError::WrongType {
        field,
        found,
        expected,
    }
}

/// A member kept as raw JSON: a string as the text between its quotes, not
/// yet decoded.
fn string_field(json: Cow<'_, str>) -> Field<Cow<'_, str>> {
    match json.as_bytes().first() {
        Some(b'"') => Field::Ok(match json {
            Cow::Borrowed(json) => Cow::Borrowed(&json[1..json.len() - 1]),
            Cow::Owned(mut json) => {
                json.pop();
                json.remove(0);
                Cow::Owned(json)
            }
        }),
        Some(b'n') => Field::Null,
        _ => Field::Wrong(json_type(&json)),
    }
}

/// `claims` is a string holding a JSON claims request; some servers send the
/// object itself, which is kept as its JSON text.
fn claims_field(json: Cow<'_, str>) -> Field<LazyText<'_>> {
    match json.as_bytes().first() {
        Some(b'{') => Field::Ok(LazyText::object(json)),
        _ => string_field(json).map(LazyText::json),
    }
}

/// How [`Fields`] keeps the text it reads through serde: borrowed from the
/// body ([`Borrow`], for [`TokenError::from_json`]) or copied ([`Own`], for
/// the `TokenError<'static>` of `Deserialize`, whose deserializer may not
/// lend its text at all, as `serde_json::from_reader` does not).
trait Lend<'de, 'a> {
    /// Text that serde decoded.
    fn text(text: Cow<'de, str>) -> Cow<'a, str>;
    /// The next value's JSON text.
    fn raw<A: MapAccess<'de>>(map: &mut A) -> Result<Cow<'a, str>, A::Error>;
}

/// Borrows every text from the body.
enum Borrow {}

impl<'a> Lend<'a, 'a> for Borrow {
    fn text(text: Cow<'a, str>) -> Cow<'a, str> {
        text
    }

    fn raw<A: MapAccess<'a>>(map: &mut A) -> Result<Cow<'a, str>, A::Error> {
        Ok(Cow::Borrowed(map.next_value::<&'a RawValue>()?.get()))
    }
}

/// Copies every text.
enum Own {}

impl<'de> Lend<'de, 'static> for Own {
    fn text(text: Cow<'de, str>) -> Cow<'static, str> {
        own(text)
    }

    fn raw<A: MapAccess<'de>>(map: &mut A) -> Result<Cow<'static, str>, A::Error> {
        let raw: Box<RawValue> = map.next_value()?;
        Ok(Cow::Owned(Box::<str>::from(raw).into_string()))
    }
}

fn json_type(json: &str) -> &'static str {
    match json.as_bytes().first() {
        Some(b'"') => "a string",
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// A JSON string, borrowed when it has no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> de::Deserialize<'de> for Text<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// A member expected to be a string; any other JSON type is recorded, not fatal
/// to the JSON parse, so that the error can name the member.
struct TextField<'a>(Field<Cow<'a, str>>);

impl<'de> de::Deserialize<'de> for TextField<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TextField<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(TextField(Field::Ok(Cow::Borrowed(v))))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(TextField(Field::Ok(Cow::Owned(v.to_owned()))))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(TextField(Field::Ok(Cow::Owned(v))))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(TextField(Field::Wrong("a boolean")))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(TextField(Field::Wrong("a number")))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(TextField(Field::Wrong("a number")))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(TextField(Field::Wrong("a number")))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(TextField(Field::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(TextField(Field::Wrong("an array")))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(TextField(Field::Wrong("an object")))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A member of free text (a description, a `message`, a summary) as a
/// string, whatever JSON type it came as: a string is kept; an object
/// (OData v3 writes `message` as `{"lang": ..., "value": ...}`), an array,
/// a number, a boolean or `null` is read and set aside as `None`. Free text
/// never fails a parse, and never decides the shape of a body. For
/// `#[serde(deserialize_with)]`.
pub(crate) fn free_text<'de, D>(deserializer: D) -> Result<Option<Cow<'de, str>>, D::Error>
where
    D: de::Deserializer<'de>,
{
    Ok(
        match <TextField<'de> as de::Deserialize>::deserialize(deserializer)?.0 {
            Field::Ok(text) => Some(text),
            Field::Null | Field::Wrong(_) => None,
        },
    )
}

/// `error_codes`: an array of AADSTS numbers. Digit strings are accepted too.
struct CodesField(Field<ErrorCodes>);

impl<'de> de::Deserialize<'de> for CodesField {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CodesField;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut codes = ErrorCodes::default();
                let mut bad = None;
                while let Some(CodeElement(code)) = seq.next_element()? {
                    match code {
                        Some(code) => codes.push(code),
                        None => bad = Some("an array with a non-code element"),
                    }
                }
                Ok(CodesField(match bad {
                    Some(found) => Field::Wrong(found),
                    None => Field::Ok(codes),
                }))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(CodesField(Field::Null))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(CodesField(Field::Wrong("a boolean")))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(CodesField(Field::Wrong("a number")))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(CodesField(Field::Wrong("a number")))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(CodesField(Field::Wrong("a number")))
            }
            fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
                Ok(CodesField(Field::Wrong("a string")))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(CodesField(Field::Wrong("an object")))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// One element of `error_codes`: `Some(code)` when it is a code.
struct CodeElement(Option<u32>);

impl<'de> de::Deserialize<'de> for CodeElement {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CodeElement;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
                Ok(CodeElement(u32::try_from(v).ok()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(CodeElement(u32::try_from(v).ok()))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(CodeElement(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(CodeElement(None))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(CodeElement(None))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(CodeElement(code_from_digits(
                    v.strip_prefix("AADSTS").unwrap_or(v),
                )))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(CodeElement(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(CodeElement(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// The codes of `error_codes`. Entra sends one, sometimes two: up to four
/// are kept inline, so that a typical body needs no allocation for them.
/// More are kept in a boxed slice (not a `Vec`), so that the whole is three
/// words, as small as a `Vec`.
#[derive(Clone)]
enum ErrorCodes {
    Inline { len: u8, codes: [AadstsCode; 4] },
    Heap(Box<[AadstsCode]>),
}

impl Default for ErrorCodes {
    fn default() -> Self {
        Self::Inline {
            len: 0,
            codes: [AadstsCode::new(0); 4],
        }
    }
}

impl ErrorCodes {
    fn as_slice(&self) -> &[AadstsCode] {
        match self {
            Self::Inline { len, codes } => &codes[..usize::from(*len)],
            Self::Heap(codes) => codes,
        }
    }

    fn push(&mut self, code: u32) {
        let code = AadstsCode::new(code);
        match self {
            Self::Inline { len, codes } if usize::from(*len) < codes.len() => {
                codes[usize::from(*len)] = code;
                *len += 1;
            }
            // Past four codes, which no server is known to send.
            _ => {
                let mut heap = self.as_slice().to_vec();
                heap.push(code);
                *self = Self::Heap(heap.into_boxed_slice());
            }
        }
    }
}

impl PartialEq for ErrorCodes {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for ErrorCodes {}

impl fmt::Debug for ErrorCodes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_slice(), f)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{checked_against_serde_json, parse, read_into, scan, scan_members, Fields};
    use crate::json_scan::Scanner;
    use crate::{Limits, ParseError, TokenError};

    /// The body read by the scanner, or `None` when it leaves it to
    /// serde_json; the same whether its UTF-8 is checked at once or string
    /// by string.
    fn scanned<'a>(text: &'a str, limits: &Limits) -> Option<Result<TokenError<'a>, ParseError>> {
        let read = |json| {
            let mut scanned = None;
            let read = read_into(limits, |fields| {
                scanned = scan_members(json, fields);
                Ok(())
            });
            scanned.map(|()| read)
        };
        let at_once = read(Scanner::new(text));
        let lazily = read(Scanner::lazy(text.as_bytes()));
        assert_eq!(at_once, lazily, "{text}");
        let mut token = TokenError::new(crate::ErrorName::InvalidRequest);
        let mut fields = Fields::new(&mut token, limits);
        assert_eq!(
            scan(text.as_bytes(), &mut fields),
            at_once.is_some(),
            "{text}"
        );
        at_once
    }

    /// The body read by serde_json alone.
    fn parsed<'a>(text: &'a str, limits: &Limits) -> Result<TokenError<'a>, ParseError> {
        parse(serde_json::Deserializer::from_str(text), limits)
    }

    /// Bodies the scanner reads itself: what servers send, and the checks
    /// that come after reading.
    const SCANNED: &[&str] = &[
        r#"{"error":"invalid_grant"}"#,
        " \r\n\t{ \"error\" : \"invalid_grant\" , \"error_codes\" : [ 70008 , 50173 ] } \n",
        r#"{"error":"interaction_required","error_description":"AADSTS50079: MFA.\r\nTrace ID: 5c8ce2fc\r\n","error_codes":[50079],"timestamp":"2018-03-16 15:03:39Z","trace_id":"5c8ce2fc-1720-45c1-899a-0a6d0e965600","correlation_id":"e421d7f3-0160-4431-bc41-d675aa4007e8","claims":"{\"access_token\":{\"capolids\":{\"essential\":true,\"values\":[\"59866338\"]}}}","suberror":"basic_action"}"#,
        r#"{"error":"invalid_client","error_codes":null,"error_uri":"https:\/\/login.microsoftonline.com\/error?code=7000215"}"#,
        r#"{"error":"invalid_request","error_description":"Zugriff f\u00fcr J\u00F6rg \ud83d\ude00","error_codes":[]}"#,
        r#"{"error":"slow_down","interval":10,"expires_in":-1.5e3,"retry":true,"note":null,"x":"\u0000"}"#,
        r#"{"error":"invalid_grant","error_description":null,"claims":null,"suberror":null,"timestamp":null}"#,
        r#"{"error":"invalid_grant","error_codes":[0,4294967295]}"#,
        r#"{"error":"invalid_grant","error_codes":[1,2,3,4,5,6]}"#,
        // Read, then refused by the checks that follow.
        r#"{}"#,
        r#"{"error":"invalid_grant","error":"invalid_client"}"#,
        r#"{"error_codes":[1],"error_codes":[2],"error":"x"}"#,
        r#"{"access_token":"eyJ0eXAi","token_type":"Bearer"}"#,
        r#"{"error":"bad value"}"#,
        r#"{"error":null}"#,
        r#"{"error":"x","error_description":"a","error_description":"b"}"#,
        r#"{"error":"x","claims":"a","claims":"b"}"#,
    ];

    /// Valid and invalid bodies that are left to serde_json.
    const LEFT_TO_SERDE_JSON: &[&str] = &[
        r#"{"error":"invalid_grant","claims":{"access_token":{"acrs":{"essential":true}}}}"#,
        r#"{"error":"invalid_grant","details":{"a":[1,2]}}"#,
        r#"{"error":"invalid_grant","error_codes":[4294967296]}"#,
        r#"{"error":"invalid_grant","error_codes":[-1]}"#,
        r#"{"error":"invalid_grant","error_codes":[1.0]}"#,
        r#"{"error":"invalid_grant","error_codes":"50076"}"#,
        r#"{"error":"temporarily_unavailable","error_codes":["50196"]}"#,
        r#"{"error":"invalid_\u0067rant"}"#,
        r#"{"err\u006fr":"invalid_grant"}"#,
        r#"{"error":"invalid_grant","trace_id":"\ud800"}"#,
        r#"{"error":1}"#,
        r#"{"error":"invalid_grant",}"#,
        r#"{"error":"invalid_grant"} x"#,
        r#"{"error":"invalid_grant""#,
        r#"{"error":"invalid_grant","n":01}"#,
        r#"{"error":"invalid_grant","n":1.}"#,
        "{\"error\":\"tab\there\"}",
        r#"{"error":"x\q"}"#,
        r#"[{"error":"invalid_grant"}]"#,
        r#""error""#,
    ];

    /// Whether the scanner read the body; when it did, `checked_against_serde_json`
    /// (the check that fuzzing builds make) panics unless serde_json agrees.
    fn assert_agree(text: &str, limits: &Limits) -> bool {
        scanned(text, limits)
            .map(|result| checked_against_serde_json(result, text, limits))
            .is_some()
    }

    #[test]
    fn the_scanner_reads_what_servers_send_as_serde_json_does() {
        for limits in [Limits::DEFAULT, {
            let mut limits = Limits::DEFAULT;
            limits.max_params = 2;
            limits
        }] {
            for text in SCANNED {
                assert!(assert_agree(text, &limits), "not scanned: {text}");
            }
        }
    }

    #[test]
    fn names_are_read_as_they_are_looked_up() {
        use super::Member;

        for name in [
            "error",
            "error_description",
            "error_codes",
            "error_uri",
            "timestamp",
            "trace_id",
            "correlation_id",
            "claims",
            "suberror",
            "errors",
            "error_",
            "err",
            "claim",
            "suberrors",
            "trace",
            "x",
            "",
        ] {
            let json = format!("{name}\"");
            let mut scanner = Scanner::new(&json);
            let member = Member::read_known(&mut scanner);
            assert_eq!(member, Member::of(name), "{name}");
            // A known name is read with its quote; any other, not at all.
            let read = if member == Member::Other {
                0
            } else {
                json.len()
            };
            assert!(scanner.eat_ascii(&json.as_bytes()[read..]), "{name}");
            assert!(scanner.at_end(), "{name}");
        }
    }

    #[test]
    fn the_scanner_leaves_the_rest_to_serde_json() {
        for text in LEFT_TO_SERDE_JSON {
            assert!(scanned(text, &Limits::DEFAULT).is_none(), "scanned: {text}");
            // Through the public function, the answer is serde_json's.
            assert_eq!(
                TokenError::from_json(text.as_bytes()),
                parsed(text, &Limits::DEFAULT),
                "{text}"
            );
        }
    }

    #[test]
    fn bodies_that_are_not_utf8_are_left_to_serde_json() {
        let long = "x".repeat(200);
        // Whether the body reads: a byte that is not UTF-8 in free text is
        // read lossily; in `error`, or outside a string, it is not.
        for (body, reads) in [
            (&b"{\"error\":\"invalid_gr\xe9nt\"}"[..], false),
            (b"{\"error\":\"invalid_grant\",\"trace_id\":\"\xff\"}", true),
            (b"{\"error\":\"invalid_grant\",\"\xc3\":1}", true),
            (b"{\"error\":\"invalid_grant\",\"x\":\"\xc3\"}", true),
            (
                b"{\"error\":\"invalid_grant\",\"error_description\":\"\xed\xa0\x80\"}",
                true,
            ),
            (b"{\"error\":\"invalid_grant\"}\xff", false),
            (
                &[
                    b"{\"error\":\"invalid_grant\",\"x\":\"",
                    long.as_bytes(),
                    b"\xff\"}",
                ]
                .concat(),
                true,
            ),
        ] {
            let mut token = TokenError::new(crate::ErrorName::InvalidRequest);
            let mut fields = Fields::new(&mut token, &Limits::DEFAULT);
            assert!(!scan(body, &mut fields), "{body:?}");
            let strict = parse(serde_json::Deserializer::from_slice(body), &Limits::DEFAULT);
            assert!(strict.is_err(), "{body:?}");
            let got = TokenError::from_json(body);
            if reads {
                let lossy = String::from_utf8_lossy(body).into_owned();
                let expected = TokenError::from_json(lossy.as_bytes()).map(TokenError::into_owned);
                assert_eq!(got, expected, "{body:?}");
                assert!(got.is_ok(), "{body:?}");
            } else {
                assert_eq!(got, strict, "{body:?}");
            }
        }
        // Text that is UTF-8, in a short body and in a long one.
        for body in [
            "{\"error\":\"tenant_bl\u{f6}cked\",\"trace_id\":\"caf\u{e9} \u{1f600}\"}".to_owned(),
            format!("{{\"error\":\"invalid_grant\",\"x\":\"{long}\u{e9}\"}}"),
        ] {
            assert!(assert_agree(&body, &Limits::DEFAULT), "{body}");
        }
    }

    fn text_value() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(r#""plain""#.to_owned()),
            Just(r#""a\r\nb\"c\\d\/e\b\f\t""#.to_owned()),
            Just(r#""\u00e9 \ud83d\ude00 \ud800 \udc00x""#.to_owned()),
            Just(r#""{\"access_token\":{\"acrs\":{\"essential\":true}}}""#.to_owned()),
            Just("null".to_owned()),
            "\"[ -~\u{e9}\u{1f600}]{0,12}\"",
        ]
    }

    fn codes_value() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("null".to_owned()),
            Just("[]".to_owned()),
            Just("[ 50076 , 70011 ,1,2,3 ]".to_owned()),
            prop::collection::vec("0|[1-9][0-9]{0,10}", 1..4)
                .prop_map(|codes| format!("[{}]", codes.join(","))),
        ]
    }

    /// Any value, valid JSON or nearly, mostly what the scanner reads.
    fn any_value() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => text_value(),
            2 => codes_value(),
            1 => Just("true".to_owned()),
            1 => Just("false".to_owned()),
            2 => "-?(0|[1-9][0-9]{0,11})(\\.[0-9]{1,3})?([eE][+-]?[0-9]{1,3})?",
            1 => Just(r#"["50076","AADSTS70011",null,1.5,-2,{}]"#.to_owned()),
            1 => Just(r#"{"a":[1,{"b":null}]}"#.to_owned()),
            1 => Just("[[[]]]".to_owned()),
        ]
    }

    /// A member: usually a name with a value of its type, sometimes any
    /// value, or a name the scanner leaves to serde_json.
    fn member() -> impl Strategy<Value = (String, String)> {
        const TEXT: &[&str] = &[
            "error",
            "error_uri",
            "timestamp",
            "trace_id",
            "correlation_id",
            "suberror",
            "error_description",
            "claims",
        ];
        let text = || prop::sample::select(TEXT);
        let other = prop::sample::select(&["access_token", "interval", "error_codes", "x"][..]);
        prop_oneof![
            4 => (text(), text_value()).prop_map(|(k, v)| (k.to_owned(), v)),
            2 => codes_value().prop_map(|v| ("error_codes".to_owned(), v)),
            2 => (prop::sample::select(&["interval", "x", "access_token"][..]), any_value()).prop_map(|(k, v)| (k.to_owned(), v)),
            1 => (text(), any_value()).prop_map(|(k, v)| (k.to_owned(), v)),
            1 => (other, any_value()).prop_map(|(k, v)| (k.to_owned(), v)),
            1 => any_value().prop_map(|v| ("err\\u006fr".to_owned(), v)),
        ]
    }

    fn body() -> impl Strategy<Value = String> {
        let space = "[ \t\r\n]{0,2}";
        (
            prop::collection::vec((member(), space, space), 0..6),
            prop_oneof![Just("invalid_grant"), Just("slow_down"), Just("bad value")],
        )
            .prop_map(|(members, error)| {
                let mut body = format!("{{\"error\":\"{error}\"");
                for ((key, value), space, space_after) in members {
                    body.push_str(&format!(",{space}\"{key}\"{space}:{space_after}{value}"));
                }
                body.push('}');
                body
            })
    }

    /// A body with up to three characters replaced, removed or inserted.
    fn edited_body() -> impl Strategy<Value = String> {
        let edit = (
            any::<prop::sample::Index>(),
            0..3u8,
            prop::sample::select(&b"\"\\{}[],:0 -.eu\x01"[..]),
        );
        (body(), prop::collection::vec(edit, 0..3)).prop_map(|(body, edits)| {
            let mut bytes = body.into_bytes();
            for (at, kind, byte) in edits {
                let at = at.index(bytes.len() + 1);
                match kind {
                    0 if at < bytes.len() => bytes[at] = byte,
                    1 if at < bytes.len() => {
                        bytes.remove(at);
                    }
                    _ => bytes.insert(at, byte),
                }
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn the_scanner_agrees_with_serde_json(body in body(), small in any::<bool>()) {
            let limits = if small { { let mut limits = Limits::DEFAULT; limits.max_params = 3; limits } } else { Limits::DEFAULT };
            assert_agree(&body, &limits);
        }

        #[test]
        fn the_scanner_agrees_with_serde_json_on_edited_bodies(body in edited_body()) {
            assert_agree(&body, &Limits::DEFAULT);
        }
    }
}
