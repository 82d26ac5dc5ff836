//! The authorization endpoint's error response, delivered to the redirect URI
//! in the query, the fragment, or a `form_post` body.

use std::borrow::Cow;
use std::fmt;

use crate::error::excerpt;
use crate::error_code::is_valid_error_value;
use crate::form::{self, Params, ResponseMode};
use crate::log_safe::{is_link, is_symbol, shown_if, Redacted, Unknown};
use crate::token::{code_from_error_uri, own};
use crate::{CallbackError, ErrorCode, ExpectedCallback, Limits, ParseError, QueryPairs, Suberror};

/// An error response from an authorization endpoint
/// ([RFC 6749 §4.1.2.1](https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1),
/// [OpenID Connect Core §3.1.2.6](https://openid.net/specs/openid-connect-core-1_0.html#AuthError)),
/// as the browser brings it back to the client's redirect URI.
///
/// **Validate before you believe it.** Anyone can send a browser to your
/// redirect URI with `error=...` in it. Call [`AuthorizeError::check`] with
/// the `state` you sent (and the issuer, when the server supports
/// [RFC 9207](https://www.rfc-editor.org/rfc/rfc9207)) before acting on the
/// error; see [`ExpectedCallback`] for the order of the checks.
///
/// Values are form-urlencoded ([RFC 6749 Appendix B](https://www.rfc-editor.org/rfc/rfc6749#appendix-B):
/// `+` is a space, `%XX` is a byte, the result is UTF-8) and borrow from the
/// input when nothing needed decoding.
///
/// # Examples
///
/// ```
/// use oauth_triage::{classify, Action, AuthorizeError, ErrorCode, ExpectedCallback};
///
/// let url = "https://app.example/callback?error=access_denied\
///     &error_description=AADSTS65004%3a+User+declined+to+consent.\
///     &error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d65004\
///     &state=d66b10a0";
/// let err = AuthorizeError::from_redirect_uri(url)?;
/// err.check(&ExpectedCallback::state("d66b10a0"))?;
///
/// assert_eq!(err.error(), &ErrorCode::AccessDenied);
/// assert_eq!(err.code(), Some(65004));
/// assert_eq!(classify(&err).action(), &Action::Denied);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct AuthorizeError<'a> {
    error: ErrorCode<'a>,
    description: Option<Cow<'a, str>>,
    error_uri: Option<Cow<'a, str>>,
    state: Option<Cow<'a, str>>,
    iss: Option<Cow<'a, str>>,
    error_subcode: Option<Cow<'a, str>>,
    suberror: Option<Suberror<'a>>,
    extra: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    mode: ResponseMode,
}

/// Log-safe, by the rules given on [`HttpResponse`](crate::HttpResponse)'s
/// `Debug`: the description, the `state` (the client's anti-forgery value)
/// and the values of unknown parameters print as `[redacted: N bytes]`;
/// `error_uri` and `iss` print when they are plain links. Read them with
/// the accessors.
///
/// ```
/// use oauth_triage::AuthorizeError;
///
/// let url = "https://app.example/cb?error=access_denied&error_description=jo%40contoso.com+declined&state=k8Qz1&session_state=5f2a";
/// let shown = format!("{:?}", AuthorizeError::from_redirect_uri(url)?);
/// assert!(!shown.contains("contoso") && !shown.contains("k8Qz1") && !shown.contains("5f2a"), "{shown}");
/// assert!(shown.contains("state: [redacted: 5 bytes]"), "{shown}");
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
impl fmt::Debug for AuthorizeError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("AuthorizeError");
        d.field("error", &self.error);
        if let Some(description) = &self.description {
            d.field("error_description", &Redacted(description.len()));
        }
        if let Some(uri) = &self.error_uri {
            d.field("error_uri", &shown_if(uri, is_link(uri)));
        }
        if let Some(state) = &self.state {
            d.field("state", &Redacted(state.len()));
        }
        if let Some(iss) = &self.iss {
            d.field("iss", &shown_if(iss, is_link(iss)));
        }
        if let Some(subcode) = &self.error_subcode {
            d.field("error_subcode", &shown_if(subcode, is_symbol(subcode)));
        }
        if let Some(suberror) = &self.suberror {
            d.field("suberror", suberror);
        }
        if !self.extra.is_empty() {
            d.field("extra", &Unknown(&self.extra));
        }
        d.field("response_mode", &self.mode).finish()
    }
}

impl<'a> AuthorizeError<'a> {
    /// Parses the redirect URI the browser was sent to, with the default
    /// [`Limits`].
    ///
    /// The input may be a whole URL (`https://app/cb?error=...`,
    /// `urn:ietf:wg:oauth:2.0:oob#error=...`), only its query or fragment
    /// (`?error=...`, `#error=...`), or bare parameters (`error=...&state=...`).
    /// The parameters are read from the fragment when it holds a response
    /// parameter (`error`, `code`, `state`, ...), else from the query. A
    /// hash-router fragment is understood: `#/error=...` and
    /// `#/callback?error=...`.
    ///
    /// Lenient where pasted and wrapped URLs are: line breaks and tabs are
    /// ignored (as browsers do), and raw spaces around a parameter are
    /// trimmed. Encoded spaces (`+`, `%20`) are kept.
    ///
    /// # Errors
    ///
    /// [`ParseError::Duplicate`] when a parameter appears twice (a sign of
    /// parameter injection; also when both the query and the fragment carry
    /// `error` or `code`), [`ParseError::BadPercentEncoding`],
    /// [`ParseError::Success`] when the redirect carries `code`,
    /// `access_token` or `id_token` and no `error`, [`ParseError::Jwt`] for a
    /// JARM `response`, [`ParseError::MissingError`],
    /// [`ParseError::NoParameters`] when the URL has no parameters at all (or
    /// only empty ones), [`ParseError::InvalidErrorValue`],
    /// [`ParseError::Empty`] for empty input and [`ParseError::TooLarge`].
    ///
    /// ```
    /// use oauth_triage::{AuthorizeError, ParseError, ResponseMode};
    ///
    /// let err = AuthorizeError::from_redirect_uri("http://localhost/#/error=login_required&state=s1")?;
    /// assert_eq!(err.error().as_str(), "login_required");
    /// assert_eq!(err.response_mode(), ResponseMode::Fragment);
    ///
    /// let ok = AuthorizeError::from_redirect_uri("http://localhost/?code=0.AAA&state=s1");
    /// assert_eq!(ok, Err(ParseError::Success));
    /// # Ok::<(), ParseError>(())
    /// ```
    pub fn from_redirect_uri(uri: &'a str) -> Result<Self, ParseError> {
        Self::from_redirect_uri_with(uri, &Limits::DEFAULT)
    }

    /// Parses a redirect URI with the given [`Limits`] ([`Limits::max_url`]).
    ///
    /// # Errors
    ///
    /// As [`AuthorizeError::from_redirect_uri`].
    ///
    /// ```
    /// use oauth_triage::{AuthorizeError, Limits, ParseError};
    ///
    /// let limits = Limits::default().with_max_url(256);
    /// let err = AuthorizeError::from_redirect_uri_with("https://app.example/cb?error=login_required&state=Zx81", &limits)?;
    /// assert_eq!(err.state(), Some("Zx81"));
    ///
    /// let padded = format!("https://app.example/cb?error=login_required&junk={}", "A".repeat(300));
    /// let too_long = AuthorizeError::from_redirect_uri_with(&padded, &limits);
    /// assert_eq!(too_long, Err(ParseError::TooLarge { len: padded.len(), limit: 256 }));
    /// # Ok::<(), ParseError>(())
    /// ```
    pub fn from_redirect_uri_with(uri: &'a str, limits: &Limits) -> Result<Self, ParseError> {
        let (params, mode) = form::redirect_params(uri, limits)?;
        Self::from_params(params, mode)
    }

    /// Parses a `response_mode=form_post` body (`application/x-www-form-urlencoded`)
    /// with the default [`Limits`].
    ///
    /// # Errors
    ///
    /// As [`AuthorizeError::from_redirect_uri`]; a body that is not UTF-8 is
    /// [`ParseError::BadPercentEncoding`].
    ///
    /// ```
    /// use oauth_triage::{AuthorizeError, ErrorCode, ResponseMode};
    ///
    /// let err = AuthorizeError::from_form_post(b"error=interaction_required&error_description=AADSTS50079%3a+MFA+enrollment&state=abc")?;
    /// assert_eq!(err.error(), &ErrorCode::InteractionRequired);
    /// assert_eq!(err.description(), Some("AADSTS50079: MFA enrollment"));
    /// assert_eq!(err.response_mode(), ResponseMode::FormPost);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn from_form_post(body: &'a [u8]) -> Result<Self, ParseError> {
        Self::from_form_post_with(body, &Limits::DEFAULT)
    }

    /// Parses a `form_post` body with the given [`Limits`] ([`Limits::max_body`],
    /// [`Limits::max_params`]).
    ///
    /// # Errors
    ///
    /// As [`AuthorizeError::from_form_post`].
    ///
    /// ```
    /// use oauth_triage::{AuthorizeError, Limits, ParseError};
    ///
    /// let limits = Limits::default().with_max_params(4);
    /// let err = AuthorizeError::from_form_post_with(b"error=access_denied&error_subcode=cancel&state=Zx81", &limits)?;
    /// assert_eq!(err.error_subcode(), Some("cancel"));
    ///
    /// let stuffed = AuthorizeError::from_form_post_with(b"error=access_denied&a=1&b=2&c=3&d=4", &limits);
    /// assert_eq!(stuffed, Err(ParseError::TooMany { what: "parameters", limit: 4 }));
    /// # Ok::<(), ParseError>(())
    /// ```
    pub fn from_form_post_with(body: &'a [u8], limits: &Limits) -> Result<Self, ParseError> {
        let params = form::form_post_params(body, limits)?;
        Self::from_params(params, ResponseMode::FormPost)
    }

    /// Parses a query given alone, without its `?`, as
    /// [`Callback::from_query`](crate::Callback::from_query) does: the
    /// whole text is the query, so a `?` in a value cannot move where the
    /// parameters start.
    ///
    /// # Errors
    ///
    /// As [`AuthorizeError::from_redirect_uri`].
    ///
    /// ```
    /// use oauth_triage::AuthorizeError;
    ///
    /// let err = AuthorizeError::from_query("error=access_denied&state=a%3Fb")?;
    /// assert_eq!(err.state(), Some("a?b"));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn from_query(query: &'a str) -> Result<Self, ParseError> {
        Self::from_query_with(query, &Limits::DEFAULT)
    }

    /// [`AuthorizeError::from_query`] with the given [`Limits`].
    ///
    /// # Errors
    ///
    /// As [`AuthorizeError::from_query`].
    pub fn from_query_with(query: &'a str, limits: &Limits) -> Result<Self, ParseError> {
        Self::from_params(form::query_params(query, limits)?, ResponseMode::Query)
    }

    /// Reads parameters a web framework has already split and decoded, as
    /// [`Callback::from_query_pairs`](crate::Callback::from_query_pairs)
    /// does (see there what a `HashMap` loses, and what the framework's
    /// decoding hides): a duplicated name is rejected. The response mode is
    /// [`ResponseMode::Query`].
    ///
    /// # Errors
    ///
    /// As [`AuthorizeError::from_redirect_uri`], except for the encoding
    /// errors.
    ///
    /// ```
    /// use oauth_triage::{classify, Action, AuthorizeError, ExpectedCallback};
    ///
    /// // What axum's `Query<Vec<(String, String)>>` hands a handler.
    /// let pairs = vec![("error".to_owned(), "login_required".to_owned()), ("state".to_owned(), "k8Qz1".to_owned())];
    /// let err = AuthorizeError::from_query_pairs(pairs)?;
    /// err.check(&ExpectedCallback::state("k8Qz1"))?;
    /// assert_eq!(classify(&err).action(), &Action::Reauthenticate);
    ///
    /// // Two `error` values: a `HashMap` would have kept one of them.
    /// let smuggled = [("error", "login_required"), ("error", "server_error"), ("state", "k8Qz1")];
    /// assert_eq!(AuthorizeError::from_query_pairs(smuggled).map(|_| ()).map_err(|e| e.kind()), Err("duplicate"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// A map does not compile (see [`QueryPairs`](crate::QueryPairs)):
    ///
    /// ```compile_fail,E0277
    /// use std::collections::HashMap;
    /// use oauth_triage::AuthorizeError;
    ///
    /// let map = HashMap::from([("error", "login_required"), ("state", "k8Qz1")]);
    /// let err = AuthorizeError::from_query_pairs(map);
    /// ```
    pub fn from_query_pairs<P: QueryPairs<'a>>(pairs: P) -> Result<Self, ParseError> {
        Self::from_query_pairs_with(pairs, &Limits::DEFAULT)
    }

    /// [`AuthorizeError::from_query_pairs`] with the given [`Limits`]
    /// ([`Limits::max_params`]).
    ///
    /// # Errors
    ///
    /// As [`AuthorizeError::from_query_pairs`].
    ///
    /// ```
    /// use oauth_triage::{AuthorizeError, Limits, ParseError};
    ///
    /// let limits = Limits::default().with_max_params(2);
    /// let pairs = [("error", "access_denied"), ("state", "k8Qz1"), ("x", "1")];
    /// assert_eq!(AuthorizeError::from_query_pairs_with(pairs, &limits), Err(ParseError::TooMany { what: "parameters", limit: 2 }));
    /// ```
    ///
    /// ```compile_fail,E0277
    /// use std::collections::BTreeMap;
    /// use oauth_triage::{AuthorizeError, Limits};
    ///
    /// let map = BTreeMap::from([("error".to_owned(), "login_required".to_owned())]);
    /// let err = AuthorizeError::from_query_pairs_with(&map, &Limits::DEFAULT);
    /// ```
    pub fn from_query_pairs_with<P: QueryPairs<'a>>(
        pairs: P,
        limits: &Limits,
    ) -> Result<Self, ParseError> {
        Self::from_params(pairs.into_params(limits)?, ResponseMode::Query)
    }

    /// Builds an error response by hand, for tests and for callbacks that
    /// arrive in another shape. The response mode is [`ResponseMode::Query`].
    ///
    /// The `with_*` setters fill in the other parameters:
    ///
    /// ```
    /// use oauth_triage::{classify, Action, AuthorizeError, ErrorCode, ExpectedCallback};
    ///
    /// let issuer = "https://login.microsoftonline.com/contoso/v2.0";
    /// let err = AuthorizeError::new(ErrorCode::ConsentRequired)
    ///     .with_description("AADSTS65001: The user or administrator has not consented to use the application.")
    ///     .with_error_uri("https://login.microsoftonline.com/error?code=65001")
    ///     .with_state("k8Qz1")
    ///     .with_iss(issuer);
    /// err.check(&ExpectedCallback::state("k8Qz1").issuer_if_present(issuer))?;
    /// assert_eq!(err.code(), Some(65001));
    /// assert_eq!(classify(&err).action(), &Action::Consent);
    /// # Ok::<(), oauth_triage::CallbackError>(())
    /// ```
    pub fn new(error: ErrorCode<'a>) -> Self {
        Self {
            error,
            description: None,
            error_uri: None,
            state: None,
            iss: None,
            error_subcode: None,
            suberror: None,
            extra: Vec::new(),
            mode: ResponseMode::Query,
        }
    }

    pub(crate) fn from_params(params: Params<'a>, mode: ResponseMode) -> Result<Self, ParseError> {
        form::reject_duplicates(&params)?;
        form::reject_no_parameters(&params)?;
        let mut error = None;
        let mut fields: [Option<Cow<'a, str>>; 6] = Default::default();
        let mut extra = Vec::new();
        let mut not_an_error = ParseError::MissingError;
        let mut has_code = false;
        for (name, value) in params {
            // RFC 6749 §3.1: a parameter sent without a value is omitted.
            if value.is_empty() {
                continue;
            }
            let slot = match &*name {
                "error" => &mut error,
                "error_description" => &mut fields[0],
                "error_uri" => &mut fields[1],
                "state" => &mut fields[2],
                "iss" => &mut fields[3],
                "error_subcode" => &mut fields[4],
                "suberror" => &mut fields[5],
                other => {
                    match other {
                        "code" | "access_token" | "id_token" => {
                            has_code |= other == "code";
                            not_an_error = ParseError::Success;
                        }
                        "response" if not_an_error != ParseError::Success => {
                            not_an_error = ParseError::Jwt;
                        }
                        _ => {}
                    }
                    extra.push((name, value));
                    continue;
                }
            };
            *slot = Some(value);
        }
        let Some(error) = error else {
            return Err(not_an_error);
        };
        if has_code {
            return Err(ParseError::CodeWithError);
        }
        if !is_valid_error_value(&error) {
            return Err(ParseError::InvalidErrorValue {
                found: excerpt(&error),
            });
        }
        let [description, error_uri, state, iss, error_subcode, suberror] = fields;
        Ok(Self {
            error: ErrorCode::from_cow(error),
            description,
            error_uri,
            state,
            iss,
            error_subcode,
            suberror: suberror.map(Suberror::from_cow),
            extra,
            mode,
        })
    }

    /// Sets `error_description`; see [`AuthorizeError::new`] for an example.
    #[must_use]
    pub fn with_description(mut self, description: impl Into<Cow<'a, str>>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Removes `error_description`, for example before keeping the error
    /// where server free text must not go.
    ///
    /// ```
    /// use oauth_triage::{AuthorizeError, ErrorCode};
    ///
    /// let err = AuthorizeError::from_redirect_uri("/cb?error=access_denied&error_description=Contact+bob%40contoso.com&state=Zx81")?;
    /// let stored = err.without_description();
    /// assert_eq!(stored.description(), None);
    /// assert_eq!(stored.error(), &ErrorCode::AccessDenied);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    #[must_use]
    pub fn without_description(mut self) -> Self {
        self.description = None;
        self
    }

    /// Sets `error_uri`; see [`AuthorizeError::new`] for an example.
    #[must_use]
    pub fn with_error_uri(mut self, uri: impl Into<Cow<'a, str>>) -> Self {
        self.error_uri = Some(uri.into());
        self
    }

    /// Sets `state`; see [`AuthorizeError::new`] for an example.
    #[must_use]
    pub fn with_state(mut self, state: impl Into<Cow<'a, str>>) -> Self {
        self.state = Some(state.into());
        self
    }

    /// Sets `iss`; see [`AuthorizeError::new`] for an example.
    #[must_use]
    pub fn with_iss(mut self, iss: impl Into<Cow<'a, str>>) -> Self {
        self.iss = Some(iss.into());
        self
    }

    /// Sets `suberror`. A suberror can decide the action ([`classify`](crate::classify)
    /// steps 4 and 6); the other setters are shown on [`AuthorizeError::new`].
    ///
    /// ```
    /// use oauth_triage::{classify, Action, AuthorizeError, ErrorCode, Suberror};
    ///
    /// let err = AuthorizeError::new(ErrorCode::InteractionRequired).with_suberror(Suberror::MessageOnly);
    /// // An interactive prompt would only show a message: tell the user instead.
    /// assert_eq!(classify(&err).action(), &Action::Denied);
    /// ```
    #[must_use]
    pub fn with_suberror(mut self, suberror: Suberror<'a>) -> Self {
        self.suberror = Some(suberror);
        self
    }

    /// Checks the callback against what the client sent, in the order
    /// [`ExpectedCallback`] documents: `iss` first, then `state`. Act on the
    /// error only when this returns `Ok`.
    ///
    /// # Errors
    ///
    /// A [`CallbackError`] naming the first check that failed.
    ///
    /// ```
    /// use oauth_triage::{AuthorizeError, CallbackError, ExpectedCallback};
    ///
    /// let forged = AuthorizeError::from_redirect_uri("/cb?error=access_denied&state=guess")?;
    /// assert_eq!(forged.check(&ExpectedCallback::state("k8Qz1")), Err(CallbackError::StateMismatch));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn check(&self, expected: &ExpectedCallback<'_>) -> Result<(), CallbackError> {
        expected
            .verify(self.state.as_deref(), self.iss.as_deref())
            .map(|_| ())
    }

    /// The `error` parameter.
    ///
    /// ```
    /// use oauth_triage::{AuthorizeError, ErrorCode};
    ///
    /// // A silent (`prompt=none`) request came back: fall back to a visible sign-in?
    /// let err = AuthorizeError::from_redirect_uri("https://app.example/cb#error=login_required&state=Zx81")?;
    /// let silent_failed = matches!(err.error(), ErrorCode::LoginRequired | ErrorCode::InteractionRequired);
    /// assert!(silent_failed);
    /// assert_eq!(err.error(), "login_required");
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn error(&self) -> &ErrorCode<'a> {
        &self.error
    }

    /// The `error_description` parameter, decoded. **Raw server text**, and in
    /// a redirect anyone can write it: never show it as trusted, and no
    /// decision reads it.
    ///
    /// ```
    /// use oauth_triage::AuthorizeError;
    ///
    /// let url = "/cb?error=access_denied&error_description=AADSTS65004%3a+User+declined+to+consent.&state=Zx81";
    /// let err = AuthorizeError::from_redirect_uri(url)?;
    /// assert_eq!(err.description(), Some("AADSTS65004: User declined to consent."));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The `error_uri` parameter, decoded. **Raw text from the redirect**:
    /// anyone can write it, so do not follow or show it as trusted.
    ///
    /// ```
    /// use oauth_triage::AuthorizeError;
    ///
    /// let url = "/cb?error=login_required&error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d50058&state=Zx81";
    /// let err = AuthorizeError::from_redirect_uri(url)?;
    /// assert_eq!(err.error_uri(), Some("https://login.microsoftonline.com/error?code=50058"));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn error_uri(&self) -> Option<&str> {
        self.error_uri.as_deref()
    }

    /// The AADSTS code in a Microsoft `error_uri`
    /// (`https://login.microsoftonline.com/error?code=65004`), the only
    /// structured place a redirect carries it. Only Microsoft's login hosts
    /// count, so a forged `error_uri` cannot pick a catalog entry.
    ///
    /// ```
    /// use oauth_triage::AuthorizeError;
    ///
    /// let err = AuthorizeError::from_redirect_uri("/cb?error=access_denied&error_uri=https%3A%2F%2Flogin.microsoftonline.com%2Ferror%3Fcode%3D65004")?;
    /// assert_eq!(err.code(), Some(65004));
    ///
    /// let forged = AuthorizeError::from_redirect_uri("/cb?error=access_denied&error_uri=https%3A%2F%2Fevil.example%2Ferror%3Fcode%3D50033")?;
    /// assert_eq!(forged.code(), None);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn code(&self) -> Option<u32> {
        self.error_uri.as_deref().and_then(code_from_error_uri)
    }

    /// The `state` parameter, decoded. **Raw text from the redirect**: to
    /// validate it, use [`AuthorizeError::check`], which compares in constant
    /// time; this accessor is for finding the pending request it names.
    ///
    /// ```
    /// use oauth_triage::AuthorizeError;
    ///
    /// let err = AuthorizeError::from_redirect_uri("/cb?error=consent_required&state=q7%2FxY%2BzP0w%3D%3D")?;
    /// assert_eq!(err.state(), Some("q7/xY+zP0w=="));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn state(&self) -> Option<&str> {
        self.state.as_deref()
    }

    /// The `iss` parameter ([RFC 9207](https://www.rfc-editor.org/rfc/rfc9207)), decoded.
    /// **Raw text from the redirect**: validate it with
    /// [`AuthorizeError::check`] and [`ExpectedCallback::issuer`].
    ///
    /// ```
    /// use oauth_triage::AuthorizeError;
    ///
    /// let url = "/cb?error=login_required&state=Zx81&iss=https%3A%2F%2Flogin.microsoftonline.com%2Fcontoso%2Fv2.0";
    /// let err = AuthorizeError::from_redirect_uri(url)?;
    /// assert_eq!(err.iss(), Some("https://login.microsoftonline.com/contoso/v2.0"));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn iss(&self) -> Option<&str> {
        self.iss.as_deref()
    }

    /// Entra's `error_subcode` parameter (`cancel` when the user cancelled).
    /// **Raw text from the redirect**; no decision reads it.
    ///
    /// ```
    /// use oauth_triage::AuthorizeError;
    ///
    /// // The user closed the sign-in page: go back quietly instead of showing an error.
    /// let err = AuthorizeError::from_redirect_uri("/cb?error=access_denied&error_subcode=cancel&state=Zx81")?;
    /// assert_eq!(err.error_subcode(), Some("cancel"));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn error_subcode(&self) -> Option<&str> {
        self.error_subcode.as_deref()
    }

    /// Entra's `suberror` parameter.
    ///
    /// ```
    /// use oauth_triage::{AuthorizeError, Suberror};
    ///
    /// let err = AuthorizeError::from_form_post(b"error=interaction_required&suberror=consent_required&state=Zx81")?;
    /// assert_eq!(err.suberror(), Some(&Suberror::ConsentRequired));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn suberror(&self) -> Option<&Suberror<'a>> {
        self.suberror.as_ref()
    }

    /// Where the parameters were found.
    ///
    /// ```
    /// use oauth_triage::{AuthorizeError, ResponseMode};
    ///
    /// let query = AuthorizeError::from_redirect_uri("https://app.example/cb?error=login_required&state=Zx81")?;
    /// assert_eq!(query.response_mode(), ResponseMode::Query);
    /// let fragment = AuthorizeError::from_redirect_uri("https://app.example/cb#error=login_required&state=Zx81")?;
    /// assert_eq!(fragment.response_mode(), ResponseMode::Fragment);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn response_mode(&self) -> ResponseMode {
        self.mode
    }

    /// The other parameters (the client's own, `admin_consent`, `tenant`,
    /// ...), decoded, in input order. **Raw text from the redirect.**
    ///
    /// ```
    /// # use oauth_triage::AuthorizeError;
    /// let err = AuthorizeError::from_redirect_uri("?admin_consent=True&error=access_denied")?;
    /// assert_eq!(err.extra().collect::<Vec<_>>(), [("admin_consent", "True")]);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn extra(&self) -> impl Iterator<Item = (&str, &str)> {
        self.extra.iter().map(|(k, v)| (&**k, &**v))
    }

    /// Copies borrowed text so the value no longer borrows the input.
    ///
    /// ```
    /// use oauth_triage::{AuthorizeError, ParseError};
    ///
    /// // The URL is dropped when the function returns; the error outlives it.
    /// fn read_callback(url: String) -> Result<AuthorizeError<'static>, ParseError> {
    ///     Ok(AuthorizeError::from_redirect_uri(&url)?.into_owned())
    /// }
    /// let err = read_callback("https://app.example/cb?error=login_required&state=Zx81".to_string())?;
    /// assert_eq!(err.state(), Some("Zx81"));
    /// # Ok::<(), ParseError>(())
    /// ```
    pub fn into_owned(self) -> AuthorizeError<'static> {
        AuthorizeError {
            error: self.error.into_owned(),
            description: self.description.map(own),
            error_uri: self.error_uri.map(own),
            state: self.state.map(own),
            iss: self.iss.map(own),
            error_subcode: self.error_subcode.map(own),
            suberror: self.suberror.map(Suberror::into_owned),
            extra: self
                .extra
                .into_iter()
                .map(|(k, v)| (own(k), own(v)))
                .collect(),
            mode: self.mode,
        }
    }
}

/// Reads the query of an [`http::Uri`](::http::Uri), as
/// [`Callback`](crate::Callback)'s `TryFrom<&http::Uri>` does. Requires the
/// `http` feature.
///
/// ```
/// use oauth_triage::AuthorizeError;
///
/// let uri: http::Uri = "/cb?error=login_required&state=k8Qz1".parse()?;
/// assert_eq!(AuthorizeError::try_from(&uri)?.error().as_str(), "login_required");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "http")]
impl<'a> TryFrom<&'a ::http::Uri> for AuthorizeError<'a> {
    type Error = ParseError;

    fn try_from(uri: &'a ::http::Uri) -> Result<Self, ParseError> {
        let (params, mode) = form::uri_params(uri, &Limits::DEFAULT)?;
        Self::from_params(params, mode)
    }
}

/// Reads a [`url::Url`](::url::Url), as [`Callback`](crate::Callback)'s
/// `TryFrom<&url::Url>` does. Requires the `url` feature.
///
/// ```
/// use oauth_triage::AuthorizeError;
///
/// let url = url::Url::parse("https://app.example/cb?error=access_denied&error_subcode=cancel&state=k8Qz1")?;
/// assert_eq!(AuthorizeError::try_from(&url)?.error_subcode(), Some("cancel"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "url")]
impl<'a> TryFrom<&'a ::url::Url> for AuthorizeError<'a> {
    type Error = ParseError;

    fn try_from(url: &'a ::url::Url) -> Result<Self, ParseError> {
        let (params, mode) = form::url_params(url, &Limits::DEFAULT)?;
        Self::from_params(params, mode)
    }
}
