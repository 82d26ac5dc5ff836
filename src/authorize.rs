//! The authorization endpoint's error response, delivered to the redirect URI
//! in the query, the fragment, or a `form_post` body.

use std::borrow::Cow;
use std::fmt;

use crate::error::excerpt;
use crate::error_code::is_valid_error_value;
use crate::form::{self, Params, ResponseMode};
use crate::log_safe::{is_link, is_symbol, shown_if, Redacted, Unknown};
use crate::token::{code_from_error_uri, own};
use crate::{ErrorName, Limits, ParseError, QueryPairs, Suberror};

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
/// use oauth_triage::{classify, Action, AuthorizeError, ErrorName, ExpectedCallback};
///
/// let url = "https://app.example/callback?error=access_denied\
///     &error_description=AADSTS65004%3a+User+declined+to+consent.\
///     &error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d65004\
///     &state=d66b10a0";
/// let err = AuthorizeError::from_redirect_uri(url)?;
/// err.check(&ExpectedCallback::state("d66b10a0"))?;
///
/// assert_eq!(err.error(), &ErrorName::AccessDenied);
/// assert_eq!(err.code(), Some(65004));
/// assert_eq!(classify(&err).action(), &Action::Denied);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct AuthorizeError<'a> {
    error: ErrorName<'a>,
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
    /// let limits = Limits::default().max_url(256);
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
    /// use oauth_triage::{AuthorizeError, ErrorName, ResponseMode};
    ///
    /// let err = AuthorizeError::from_form_post(b"error=interaction_required&error_description=AADSTS50079%3a+MFA+enrollment&state=abc")?;
    /// assert_eq!(err.error(), &ErrorName::InteractionRequired);
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
    /// let limits = Limits::default().max_params(4);
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
    /// let limits = Limits::default().max_params(2);
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
    /// use oauth_triage::{classify, Action, AuthorizeError, ErrorName, ExpectedCallback};
    ///
    /// let issuer = "https://login.microsoftonline.com/contoso/v2.0";
    /// let err = AuthorizeError::new(ErrorName::ConsentRequired)
    ///     .with_description("AADSTS65001: The user or administrator has not consented to use the application.")
    ///     .with_error_uri("https://login.microsoftonline.com/error?code=65001")
    ///     .with_state("k8Qz1")
    ///     .with_iss(issuer);
    /// err.check(&ExpectedCallback::state("k8Qz1").issuer_if_present(issuer))?;
    /// assert_eq!(err.code(), Some(65001));
    /// assert_eq!(classify(&err).action(), &Action::Consent);
    /// # Ok::<(), oauth_triage::CallbackError>(())
    /// ```
    pub fn new(error: ErrorName<'a>) -> Self {
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
            error: ErrorName::from_cow(error),
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
    /// use oauth_triage::{AuthorizeError, ErrorName};
    ///
    /// let err = AuthorizeError::from_redirect_uri("/cb?error=access_denied&error_description=Contact+bob%40contoso.com&state=Zx81")?;
    /// let stored = err.without_description();
    /// assert_eq!(stored.description(), None);
    /// assert_eq!(stored.error(), &ErrorName::AccessDenied);
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
    /// use oauth_triage::{classify, Action, AuthorizeError, ErrorName, Suberror};
    ///
    /// let err = AuthorizeError::new(ErrorName::InteractionRequired).with_suberror(Suberror::MessageOnly);
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
    /// use oauth_triage::{AuthorizeError, ErrorName};
    ///
    /// // A silent (`prompt=none`) request came back: fall back to a visible sign-in?
    /// let err = AuthorizeError::from_redirect_uri("https://app.example/cb#error=login_required&state=Zx81")?;
    /// let silent_failed = matches!(err.error(), ErrorName::LoginRequired | ErrorName::InteractionRequired);
    /// assert!(silent_failed);
    /// assert_eq!(err.error(), "login_required");
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn error(&self) -> &ErrorName<'a> {
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

/// What the client sent with its authorization request, to check the
/// callback against before its error is believed.
///
/// [`AuthorizeError::check`] and [`Callback::check`](crate::Callback::check)
/// work in the order of the usual callback validation (RFC 9207 §2.4, RFC
/// 6749 §10.12):
///
/// 1. Duplicated parameters were already rejected by the parser: with two
///    `error` or two `state` values there is no telling which one is real.
/// 2. `iss`, when an issuer is configured, compared with the authorization
///    server's issuer identifier by simple string comparison (no
///    normalization: `https://as.example/` is not `https://as.example`).
///    This defends against mix-up attacks when the client talks to more than
///    one server. Whether an absent `iss` passes depends on the server: see
///    below.
/// 3. `state`: it must equal the value the client sent, compared in constant
///    time. A callback with a wrong, missing or unexpected `state` is a
///    forgery (or belongs to another flow), not an OAuth error.
/// 4. Only then is the `error` classified, or the code redeemed.
///
/// Once a callback has passed, delete the `state` kept for it: the same
/// callback replayed would pass again.
///
/// # Examples
///
/// ```
/// use oauth_triage::{AuthorizeError, CallbackError, ExpectedCallback};
///
/// let expected = ExpectedCallback::state("k8Qz1").issuer("https://idp.example");
/// let err = AuthorizeError::from_redirect_uri("/cb?error=login_required&state=k8Qz1")?;
/// assert_eq!(err.check(&expected), Err(CallbackError::IssuerMissing));
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
///
/// Every `ExpectedCallback` starts from what the client did with `state`,
/// and the three cases cannot be mixed up: [`ExpectedCallback::state`] (the
/// client sent this value), [`ExpectedCallback::state_absent`] (the client
/// sent none, so a callback carrying one is rejected) and
/// [`ExpectedCallback::state_not_checked`] (the state is checked elsewhere;
/// the verified callback says so).
///
/// # Which issuer check, for which server
///
/// [RFC 9207 §2.4](https://www.rfc-editor.org/rfc/rfc9207#section-2.4):
/// a client must compare an `iss` that is present with the issuer of the
/// server it sent the request to, and reject the response when they differ;
/// it must reject a response **without** `iss` only from a server whose
/// metadata advertises `authorization_response_iss_parameter_supported:
/// true` (RFC 9207 §3; absent means `false`). The MCP authorization
/// specification asks the same of MCP clients from
/// [revision 2026-07-28](https://modelcontextprotocol.io/specification/2026-07-28/basic/authorization)
/// on ([SEP-2468](https://modelcontextprotocol.io/seps/2468-recommend-issuer-claim-for-auth)):
/// validate a present `iss`, require it where it is advertised.
///
/// | the server | its metadata | call |
/// |---|---|---|
/// | advertises the flag | `authorization_response_iss_parameter_supported: true` | [`issuer`](ExpectedCallback::issuer): `iss` required |
/// | does not, or you do not know | no such member, or `false` | [`issuer_if_present`](ExpectedCallback::issuer_if_present): an absent `iss` passes, a present one must match |
/// | whichever: read it from the discovery document | both members | [`issuer_from_metadata`](ExpectedCallback::issuer_from_metadata) picks one of the two |
///
/// What servers publish (their discovery documents, `/.well-known/openid-configuration`):
///
/// - **Microsoft Entra ID**: no flag, in the v2.0 documents of `common`,
///   `organizations` and single tenants, and its redirects carry no `iss`
///   (none of the Entra callbacks in this crate's test fixtures does):
///   `issuer_if_present`, with the tenant's issuer
///   (`https://login.microsoftonline.com/{tenant-id}/v2.0`; the
///   multi-tenant documents give `{tenantid}` as a placeholder). Source:
///   the documents as served, tracked at
///   <https://github.com/panva/wellknown> (`entra-common`,
///   `entra-organizations`).
/// - **Google** (`https://accounts.google.com`): no flag in its discovery
///   document (same source, `google`), although its callbacks have been
///   seen carrying `iss`: `issuer_if_present` checks it when it comes.
/// - **Keycloak** 23 and later: advertises the flag for the realm and sends
///   `iss` ([Keycloak 23 upgrading notes](https://www.keycloak.org/docs/23.0.4/upgrading/#added-iss-parameter-to-oauth-2-0openid-connect-authentication-response),
///   "Added iss parameter to OAuth 2.0/OpenID Connect Authentication
///   Response"): `issuer`. A client with "Exclude Issuer From Authentication
///   Response" set gets no `iss` while the realm still advertises the flag
///   ([keycloak#25419](https://github.com/keycloak/keycloak/issues/25419)),
///   and Keycloak 23.0 left `iss` out of `prompt=none` errors
///   ([keycloak#25584](https://github.com/keycloak/keycloak/issues/25584)):
///   such callbacks fail with [`CallbackError::IssuerMissing`], as RFC 9207
///   says they must.
/// - **node-oidc-provider** (panva/node-oidc-provider, and servers built on
///   it): advertises the flag and sends `iss`: `issuer`.
/// - **Duende IdentityServer** 6.2.1 and later: the flag follows its
///   `EmitIssuerIdentificationResponseParameter` option
///   ([DuendeSoftware/products#1113](https://github.com/DuendeSoftware/products/issues/1113)):
///   `issuer_from_metadata`.
/// - **Okta**, **Auth0** and others: the flag is per deployment, so read
///   it from the tenant's own document: `issuer_from_metadata`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ExpectedCallback<'e> {
    state: StateCheck<'e>,
    issuer: IssuerCheck<'e>,
}

/// What [`ExpectedCallback`] does with `state`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum StateCheck<'e> {
    Equals(&'e str),
    Absent,
    NotChecked,
}

/// What [`ExpectedCallback`] does with `iss`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum IssuerCheck<'e> {
    /// No issuer configured: `iss` is not read.
    None,
    /// RFC 9207 advertised: `iss` must be present and equal.
    Required(&'e str),
    /// Not advertised: an absent `iss` passes, a present one must be equal.
    IfPresent(&'e str),
}

/// What a check compared, for [`VerifiedCallback`](crate::VerifiedCallback).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Checked {
    /// `state` was compared with the value sent.
    pub(crate) state: bool,
    /// `iss` was present and compared with the expected issuer.
    pub(crate) issuer: bool,
}

/// Log-safe: the expected `state` is the client's secret against forgery,
/// so it prints as `[redacted: N bytes]`.
impl fmt::Debug for ExpectedCallback<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("ExpectedCallback");
        match self.state {
            StateCheck::Equals(state) => d.field("state", &Redacted(state.len())),
            StateCheck::Absent => d.field("state", &"absent"),
            StateCheck::NotChecked => d.field("state", &"not checked"),
        };
        match self.issuer {
            IssuerCheck::None => d.field("issuer", &None::<&str>),
            IssuerCheck::Required(issuer) => {
                d.field("issuer", &Some(issuer)).field("iss", &"required")
            }
            IssuerCheck::IfPresent(issuer) => {
                d.field("issuer", &Some(issuer)).field("iss", &"if present")
            }
        };
        d.finish()
    }
}

impl<'e> ExpectedCallback<'e> {
    /// Checks a callback's `state` and `iss` in the documented order: `iss`
    /// first (exact match), then `state` (constant time). Says what was
    /// compared.
    pub(crate) fn verify(
        &self,
        state: Option<&str>,
        iss: Option<&str>,
    ) -> Result<Checked, CallbackError> {
        let issuer_checked = match (self.issuer, iss) {
            (IssuerCheck::None, _) | (IssuerCheck::IfPresent(_), None) => false,
            (IssuerCheck::Required(_), None) => return Err(CallbackError::IssuerMissing),
            // RFC 9207 §2.4: simple string comparison.
            (IssuerCheck::Required(issuer) | IssuerCheck::IfPresent(issuer), Some(iss)) => {
                if iss != issuer {
                    return Err(CallbackError::IssuerMismatch);
                }
                true
            }
        };
        match (self.state, state) {
            (StateCheck::Equals(_), None) => return Err(CallbackError::StateMissing),
            (StateCheck::Equals(sent), Some(got))
                if !constant_time_eq(sent.as_bytes(), got.as_bytes()) =>
            {
                return Err(CallbackError::StateMismatch)
            }
            (StateCheck::Absent, Some(_)) => return Err(CallbackError::UnexpectedState),
            _ => {}
        }
        Ok(Checked {
            state: matches!(self.state, StateCheck::Equals(_)),
            issuer: issuer_checked,
        })
    }

    /// The client sent this `state` value.
    ///
    /// ```
    /// use oauth_triage::{AuthorizeError, CallbackError, ExpectedCallback};
    ///
    /// let err = AuthorizeError::from_redirect_uri("/cb?error=login_required&state=k8Qz1")?;
    /// assert_eq!(err.check(&ExpectedCallback::state("k8Qz1")), Ok(()));
    /// assert_eq!(err.check(&ExpectedCallback::state("Pm3vT")), Err(CallbackError::StateMismatch));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn state(state: &'e str) -> Self {
        Self {
            state: StateCheck::Equals(state),
            issuer: IssuerCheck::None,
        }
    }

    /// The client sent no `state`: a callback that carries one is rejected
    /// (it answers some other request). Not to be confused with
    /// [`ExpectedCallback::state_not_checked`].
    ///
    /// Nothing is compared, so nothing here ties the callback to the
    /// client's own request: protection against forged callbacks (CSRF)
    /// then rests on PKCE, whose verifier the forger does not have (RFC
    /// 9700 §2.1), and
    /// [`VerifiedCallback::state_checked`](crate::VerifiedCallback::state_checked)
    /// is `false`.
    ///
    /// ```
    /// use oauth_triage::{AuthorizeError, Callback, CallbackError, ExpectedCallback};
    ///
    /// let plain = AuthorizeError::from_redirect_uri("/cb?error=server_error")?;
    /// assert_eq!(plain.check(&ExpectedCallback::state_absent()), Ok(()));
    ///
    /// let foreign = AuthorizeError::from_redirect_uri("/cb?error=server_error&state=Zx81")?;
    /// assert_eq!(foreign.check(&ExpectedCallback::state_absent()), Err(CallbackError::UnexpectedState));
    ///
    /// let verified = Callback::from_redirect_uri("/cb?code=0.AXoA-c0de")?.check(&ExpectedCallback::state_absent())?;
    /// assert!(!verified.state_checked()); // redeem it with the PKCE verifier
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn state_absent() -> Self {
        Self {
            state: StateCheck::Absent,
            issuer: IssuerCheck::None,
        }
    }

    /// `state` is not checked here, whatever the callback carries: for a
    /// client whose framework checks it elsewhere, or for a person checking
    /// only the issuer. Without a check on `state` nothing stops a forged
    /// callback (RFC 6749 §10.12), so a verified callback says that its
    /// state was not checked ([`VerifiedCallback::state_checked`](crate::VerifiedCallback::state_checked)).
    ///
    /// ```
    /// use oauth_triage::{AuthorizeError, ExpectedCallback};
    ///
    /// let issuer = "https://idp.example";
    /// let url = "/cb?error=access_denied&state=Zx81&iss=https%3A%2F%2Fidp.example";
    /// let err = AuthorizeError::from_redirect_uri(url)?;
    /// assert_eq!(err.check(&ExpectedCallback::state_not_checked().issuer(issuer)), Ok(()));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn state_not_checked() -> Self {
        Self {
            state: StateCheck::NotChecked,
            issuer: IssuerCheck::None,
        }
    }

    /// The authorization server advertises RFC 9207 support
    /// (`authorization_response_iss_parameter_supported: true` in its
    /// metadata) and this is its issuer identifier: `iss` must be present
    /// and equal to it, on successes and errors alike (RFC 9207 §2.4).
    /// Replaces an earlier [`ExpectedCallback::issuer_if_present`]. The
    /// table on [`ExpectedCallback`] says which servers advertise it.
    ///
    /// ```
    /// use oauth_triage::{AuthorizeError, CallbackError, ExpectedCallback};
    ///
    /// // Keycloak advertises the flag and sends `iss`.
    /// let issuer = "https://sso.example/realms/staff";
    /// let expected = ExpectedCallback::state("k8Qz1").issuer(issuer);
    /// let sent = AuthorizeError::from_redirect_uri("/cb?error=access_denied&state=k8Qz1&iss=https%3A%2F%2Fsso.example%2Frealms%2Fstaff")?;
    /// assert_eq!(sent.check(&expected), Ok(()));
    ///
    /// // The answer of another server the client also talks to (a mix-up).
    /// let other = AuthorizeError::from_redirect_uri("/cb?error=access_denied&state=k8Qz1&iss=https%3A%2F%2Fidp.example.net")?;
    /// assert_eq!(other.check(&expected), Err(CallbackError::IssuerMismatch));
    ///
    /// // No `iss` from a server that promised one.
    /// let bare = AuthorizeError::from_redirect_uri("/cb?error=access_denied&state=k8Qz1")?;
    /// assert_eq!(bare.check(&expected), Err(CallbackError::IssuerMissing));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    #[must_use]
    pub fn issuer(mut self, issuer: &'e str) -> Self {
        self.issuer = IssuerCheck::Required(issuer);
        self
    }

    /// The authorization server does **not** advertise RFC 9207 support
    /// (no `authorization_response_iss_parameter_supported`, or `false`), or
    /// you cannot tell, and this is its issuer identifier: a callback
    /// without `iss` passes, one with `iss` must carry exactly this issuer,
    /// on successes and errors alike (RFC 9207 §2.4; what MCP's
    /// authorization specification asks from revision 2026-07-28 on).
    /// [`VerifiedCallback::issuer_checked`](crate::VerifiedCallback::issuer_checked)
    /// then says whether an `iss` was there to compare. Replaces an earlier
    /// [`ExpectedCallback::issuer`]. For Microsoft Entra ID, which does not
    /// advertise the flag, this is the one (see the table on
    /// [`ExpectedCallback`]).
    ///
    /// ```
    /// use oauth_triage::{Callback, CallbackError, ExpectedCallback};
    ///
    /// let issuer = "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0";
    /// let expected = ExpectedCallback::state("k8Qz1").issuer_if_present(issuer);
    ///
    /// // Entra's callbacks carry no `iss`: they pass, and say so.
    /// let entra = Callback::from_redirect_uri("https://app.example/cb?code=0.AXoA-c0de&state=k8Qz1&session_state=5f2a")?;
    /// let verified = entra.check(&expected)?;
    /// assert!(verified.state_checked() && !verified.issuer_checked());
    ///
    /// // A present `iss` is still compared: another server's answer fails.
    /// let other = Callback::from_redirect_uri("https://app.example/cb?code=0.AXoA-c0de&state=k8Qz1&iss=https%3A%2F%2Fidp.example.net")?;
    /// assert_eq!(other.check(&expected).map(|_| ()), Err(CallbackError::IssuerMismatch));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn issuer_if_present(mut self, issuer: &'e str) -> Self {
        self.issuer = IssuerCheck::IfPresent(issuer);
        self
    }

    /// The issuer check that the authorization server's metadata (RFC 8414,
    /// or OpenID Connect Discovery) calls for: its `issuer`, and its
    /// `authorization_response_iss_parameter_supported` (`false` when the
    /// member is absent, RFC 9207 §3). `true` is
    /// [`ExpectedCallback::issuer`], `false`
    /// [`ExpectedCallback::issuer_if_present`]; like them, it replaces an
    /// earlier issuer check.
    ///
    /// Take both values from the document of the server the request went
    /// to, fetched over TLS and checked as RFC 8414 §3.3 says (its `issuer`
    /// equal to the one the document's address was built from).
    ///
    /// ```
    /// use oauth_triage::{AuthorizeError, CallbackError, ExpectedCallback};
    ///
    /// // From the discovery document, with serde_json or your own types.
    /// let metadata: serde_json::Value = serde_json::from_str(r#"{
    ///     "issuer": "https://sso.example/realms/staff",
    ///     "authorization_endpoint": "https://sso.example/realms/staff/protocol/openid-connect/auth",
    ///     "authorization_response_iss_parameter_supported": true
    /// }"#)?;
    /// let issuer = metadata["issuer"].as_str().ok_or("no issuer")?;
    /// let supported = metadata["authorization_response_iss_parameter_supported"].as_bool().unwrap_or(false);
    /// let expected = ExpectedCallback::state("k8Qz1").issuer_from_metadata(issuer, supported);
    ///
    /// let bare = AuthorizeError::from_redirect_uri("/cb?error=login_required&state=k8Qz1")?;
    /// assert_eq!(bare.check(&expected), Err(CallbackError::IssuerMissing));
    /// // The same callback from a server that does not advertise the flag passes.
    /// assert_eq!(bare.check(&ExpectedCallback::state("k8Qz1").issuer_from_metadata(issuer, false)), Ok(()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn issuer_from_metadata(
        self,
        issuer: &'e str,
        authorization_response_iss_parameter_supported: bool,
    ) -> Self {
        if authorization_response_iss_parameter_supported {
            self.issuer(issuer)
        } else {
            self.issuer_if_present(issuer)
        }
    }
}

/// Why a callback failed [`AuthorizeError::check`]. The message never
/// repeats the values involved.
///
/// # Examples
///
/// ```
/// use oauth_triage::{AuthorizeError, CallbackError, ExpectedCallback};
///
/// let err = AuthorizeError::from_redirect_uri("/cb?error=access_denied&state=alice%40contoso.com")?;
/// let Err(failure) = err.check(&ExpectedCallback::state("k8Qz1")) else {
///     panic!("a forged callback was accepted");
/// };
/// assert_eq!(failure, CallbackError::StateMismatch);
/// assert_eq!(failure.to_string(), "the callback's `state` does not match the value sent");
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum CallbackError {
    /// The callback has no `iss`, but [`ExpectedCallback::issuer`] says the
    /// server sends one (it advertises RFC 9207 support).
    #[error("the callback has no `iss`, but the issuer is configured to send one")]
    IssuerMissing,
    /// `iss` is not the expected issuer: the response may come from another
    /// server (mix-up attack).
    #[error("the callback's `iss` is not the expected issuer")]
    IssuerMismatch,
    /// The client sent a `state` but the callback has none.
    #[error("the callback has no `state`, but one was sent")]
    StateMissing,
    /// `state` differs from the value sent: a forged or foreign callback.
    #[error("the callback's `state` does not match the value sent")]
    StateMismatch,
    /// The callback has a `state` although the client sent none.
    #[error("the callback has a `state`, but none was sent")]
    UnexpectedState,
}

impl CallbackError {
    /// A stable snake_case name, such as `state_mismatch`, for metrics and
    /// structured logs.
    ///
    /// ```
    /// use oauth_triage::{AuthorizeError, CallbackError, ExpectedCallback};
    ///
    /// let err = AuthorizeError::from_redirect_uri("https://app.example/cb?error=server_error")?;
    /// let outcome = err.check(&ExpectedCallback::state("k8Qz1")).map_err(CallbackError::kind);
    /// assert_eq!(outcome, Err("state_missing"));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn kind(self) -> &'static str {
        match self {
            Self::IssuerMissing => "issuer_missing",
            Self::IssuerMismatch => "issuer_mismatch",
            Self::StateMissing => "state_missing",
            Self::StateMismatch => "state_mismatch",
            Self::UnexpectedState => "unexpected_state",
        }
    }
}

/// Compares without stopping at the first difference, so that the time taken
/// does not tell an attacker how much of a guessed `state` was right. The
/// length is not hidden (`subtle` answers at once when the lengths differ):
/// a `state` is the client's own random value of a fixed length.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.ct_eq(b).into()
}
