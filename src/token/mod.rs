//! The token endpoint's JSON error body (RFC 6749 §5.2 plus Entra's members): the
//! `TokenError` type, its accessors, `Display` and `Debug`; the reader is in `parse`, the
//! serde impls and field deserializers in `serde`.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use self::parse::{read_into, read_json, Field, Member};
use self::serde::ErrorCodes;
use crate::catalog::error_uri::code_from_error_uri;
use crate::catalog::AadstsCode;
use crate::error::ParseError;
use crate::error_code::{ErrorName, Suberror};
use crate::json_text::LazyText;
use crate::limits::Limits;
use crate::log_safe::{is_id, is_link, is_timestamp, loggable, shown_if, Redacted, Unknown};

mod parse;
pub(crate) mod serde;
#[cfg(test)]
mod tests;

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
            timestamp: self.timestamp.map(into_static),
            trace_id: self.trace_id.map(into_static),
            correlation_id: self.correlation_id.map(into_static),
            error_uri: self.error_uri.map(into_static),
            suberror: self.suberror.map(Suberror::into_owned),
            claims: self.claims.map(LazyText::into_owned),
            extra: self
                .extra
                .into_iter()
                .map(|(k, v)| (into_static(k), into_static(v)))
                .collect(),
        }
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

/// Copies borrowed text, so that it no longer borrows the input.
pub(crate) fn into_static(text: Cow<'_, str>) -> Cow<'static, str> {
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
