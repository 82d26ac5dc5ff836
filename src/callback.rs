//! Any authorization response delivered to the redirect URI, success or
//! error ([`Callback`]), and the same response once checked against what the
//! client sent ([`VerifiedCallback`]).

use std::borrow::Cow;
use std::fmt;

use crate::form::{self, Params};
use crate::log_safe::{is_link, shown_if, Redacted, Unknown};
use crate::token::own;
use crate::{AuthorizeError, Limits, ParseError, QueryPairs, ResponseMode};

/// An authorization response as it reaches the redirect URI: a success
/// (`code`, `state`, `iss`, and in fragment flows `access_token`,
/// `id_token`, `token_type`, `expires_in`) or an error ([`AuthorizeError`]).
///
/// The callback is where forged responses land: a CSRF attack sends the
/// browser a `code` or an `error` of the attacker's choosing, a mix-up
/// attack the answer of another server. So a `Callback` gives its `code`
/// and its error only through [`Callback::check`], which compares `iss`
/// (RFC 9207, exact match) and then `state` (constant time) with what the
/// client sent; [`Callback::state`] and [`Callback::iss`] may be read before.
///
/// Parsing is strict where security needs it: a duplicated parameter, a
/// response split between the query and the fragment, and a response that
/// carries both `code` and `error` are rejected, as is a JWT-secured
/// response (JARM, [`ParseError::Jwt`]) until it is verified.
///
/// `Debug` prints no code, token or `state` (`[redacted: N bytes]`).
///
/// # Examples
///
/// ```
/// use oauth_triage::{Callback, ExpectedCallback};
///
/// // The state and issuer kept in the user's session when the request was
/// // sent. Entra ID does not advertise RFC 9207 (its callbacks carry no
/// // `iss`): a present `iss` is compared, an absent one passes.
/// let expected = ExpectedCallback::state("k8Qz1").issuer_if_present("https://login.microsoftonline.com/contoso/v2.0");
/// let url = "https://app.example/cb?code=0.AXoA-code&state=k8Qz1&session_state=5f2a";
/// let callback = Callback::from_redirect_uri(url)?;
/// let verified = callback.check(&expected)?;
/// assert_eq!(verified.code(), Some("0.AXoA-code")); // now redeem it
/// assert!(verified.error().is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// The code cannot be read without the check:
///
/// ```compile_fail,E0599
/// use oauth_triage::Callback;
///
/// let callback = Callback::from_redirect_uri("https://app.example/cb?code=0.AXoA-code&state=guess")?;
/// let code = callback.code(); // no such method: check first
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
// No `PartialEq`: comparing two callbacks would compare their unchecked
// codes, and not in constant time.
#[derive(Clone)]
pub struct Callback<'a>(Kind<'a>);

#[derive(Clone)]
enum Kind<'a> {
    Success(Success<'a>),
    Error(AuthorizeError<'a>),
}

/// The parameters of a successful authorization response.
#[derive(Clone, Default)]
struct Success<'a> {
    code: Option<Cow<'a, str>>,
    state: Option<Cow<'a, str>>,
    iss: Option<Cow<'a, str>>,
    session_state: Option<Cow<'a, str>>,
    access_token: Option<Cow<'a, str>>,
    id_token: Option<Cow<'a, str>>,
    token_type: Option<Cow<'a, str>>,
    expires_in: Option<Cow<'a, str>>,
    extra: Params<'a>,
    mode: Option<ResponseMode>,
}

impl<'a> Callback<'a> {
    /// Parses the redirect URI the browser was sent to, with the default
    /// [`Limits`] ([`Callback::options`] for others).
    ///
    /// The input may be a whole URL (`https://app/cb?code=...`,
    /// `urn:ietf:wg:oauth:2.0:oob#error=...`), only its query or fragment
    /// (`?error=...`, `#code=...`), or bare parameters (`code=...&state=...`).
    /// The parameters are read from the fragment when it holds a response
    /// parameter (`error`, `code`, `state`, ...), else from the query. A
    /// hash-router fragment is understood: `#/error=...` and
    /// `#/callback?code=...`.
    ///
    /// Lenient where pasted and wrapped URLs are: line breaks and tabs are
    /// ignored (as browsers do), and raw spaces around a parameter are
    /// trimmed. Encoded spaces (`+`, `%20`) are kept. Values are
    /// form-urlencoded ([RFC 6749 Appendix B](https://www.rfc-editor.org/rfc/rfc6749#appendix-B):
    /// `+` is a space, `%XX` is a byte, the result is UTF-8) and borrow from
    /// the input when nothing needed decoding.
    ///
    /// # Errors
    ///
    /// [`ParseError::Duplicate`] when a parameter appears twice (a sign of
    /// parameter injection; also when both the query and the fragment carry
    /// `error` or `code`), [`ParseError::BadPercentEncoding`],
    /// [`ParseError::CodeWithError`] when the response carries both `code`
    /// and `error`, [`ParseError::Jwt`] for a JARM `response`,
    /// [`ParseError::MissingError`] when it carries parameters but neither
    /// an `error` nor a `code` or token, [`ParseError::NoParameters`] when
    /// it carries none (or only empty ones),
    /// [`ParseError::InvalidErrorValue`], [`ParseError::Empty`] for empty
    /// input, [`ParseError::TooLarge`] and [`ParseError::TooMany`].
    ///
    /// ```
    /// use oauth_triage::{Callback, ParseError};
    ///
    /// // The redirect URI reached without an answer of the server.
    /// assert_eq!(Callback::from_redirect_uri("https://app.example/cb").map(|_| ()), Err(ParseError::NoParameters));
    /// assert_eq!(Callback::from_redirect_uri("https://app.example/cb?state=k8Qz1").map(|_| ()), Err(ParseError::MissingError));
    /// ```
    ///
    /// ```
    /// use oauth_triage::{Callback, ParseError, ResponseMode};
    ///
    /// // An SPA's hash router received the implicit-flow answer in the fragment.
    /// let callback = Callback::from_redirect_uri("https://spa.example/#/auth?access_token=eyJ0eXAi&token_type=Bearer&expires_in=3599&state=Zx81")?;
    /// assert_eq!(callback.response_mode(), ResponseMode::Fragment);
    /// assert_eq!(callback.state(), Some("Zx81"));
    ///
    /// // A parameter twice: there is no telling which one the server sent.
    /// let injected = Callback::from_redirect_uri("https://app.example/cb?code=a&state=Zx81&code=b");
    /// assert_eq!(injected.map(|_| ()).map_err(|e| e.kind()), Err("duplicate"));
    /// # Ok::<(), ParseError>(())
    /// ```
    pub fn from_redirect_uri(uri: &'a str) -> Result<Self, ParseError> {
        Self::options().from_redirect_uri(uri)
    }

    /// Parses a `response_mode=form_post` body
    /// (`application/x-www-form-urlencoded`) with the default [`Limits`]
    /// ([`Callback::options`] for others).
    ///
    /// # Errors
    ///
    /// As [`Callback::from_redirect_uri`]; a body that is not UTF-8 is
    /// [`ParseError::BadPercentEncoding`].
    ///
    /// ```
    /// use oauth_triage::{Callback, ExpectedCallback, ResponseMode};
    ///
    /// // Entra posts the code and the ID token (response_mode=form_post).
    /// let body = b"code=0.AXoA-code&id_token=eyJ0eXAi.e30.c2ln&state=k8Qz1&session_state=5f2a";
    /// let callback = Callback::from_form_post(body)?;
    /// assert_eq!(callback.response_mode(), ResponseMode::FormPost);
    /// let verified = callback.check(&ExpectedCallback::state("k8Qz1"))?;
    /// assert_eq!(verified.param("id_token"), Some("eyJ0eXAi.e30.c2ln"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_form_post(body: &'a [u8]) -> Result<Self, ParseError> {
        Self::options().from_form_post(body)
    }

    /// Parses a query given alone, without its `?`: axum's `RawQuery`,
    /// `http::Uri::query()`, actix-web's `HttpRequest::query_string()`,
    /// with the default [`Limits`] ([`Callback::options`] for others).
    /// Unlike [`Callback::from_redirect_uri`], which looks for a `?` or a
    /// `#` to find the parameters, it reads the whole text as the query, so
    /// that a `?` inside a value (`state=a?b`, legal in a query) cannot
    /// move where the parameters start. The response mode is
    /// [`ResponseMode::Query`]. Percent-encoding is checked strictly.
    ///
    /// # Errors
    ///
    /// As [`Callback::from_redirect_uri`].
    ///
    /// ```
    /// use oauth_triage::{Callback, ExpectedCallback};
    ///
    /// // What axum's `RawQuery` hands a handler.
    /// let raw = "code=0.AXoA-c0de&state=k8Qz1%3Fv2";
    /// let verified = Callback::from_query(raw)?.check(&ExpectedCallback::state("k8Qz1?v2"))?;
    /// assert_eq!(verified.code(), Some("0.AXoA-c0de"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_query(query: &'a str) -> Result<Self, ParseError> {
        Self::options().from_query(query)
    }

    /// Reads parameters a web framework has already split and decoded, as
    /// (name, value) pairs in the order they came, with the default
    /// [`Limits`]: axum's `Query<Vec<(String, String)>>`, actix-web's
    /// `web::Query<Vec<(String, String)>>`, `url::Url::query_pairs()`
    /// (every source is listed on [`QueryPairs`]). A duplicated name is
    /// rejected as it is in a URL, so that `state=guess&state=<real>`
    /// cannot pass. The response mode is [`ResponseMode::Query`]; pairs of
    /// a fragment or of a `form_post` body, and other limits, go to
    /// [`CallbackOptions::from_pairs`].
    ///
    /// **Never from a map**, and it does not compile from one: a `HashMap`
    /// or `BTreeMap` has already collapsed duplicated parameters, keeping
    /// one of the values, and so would switch this check off. In axum, take
    /// `Query<Vec<(String, String)>>`, or better the extractor of the `axum`
    /// feature; in actix-web, `web::Query<Vec<(String, String)>>` or
    /// `HttpRequest::query_string` and [`Callback::from_query`].
    ///
    /// The framework decoded the pairs already, so what it does with bad
    /// percent-encoding (axum and `url` turn `%FF` into U+FFFD) is not seen
    /// here; a raw query given to [`Callback::from_query`] is checked
    /// strictly. A server never sees the fragment (browsers do not send it):
    /// a fragment response reaches the server only when the page posts it.
    ///
    /// # Errors
    ///
    /// As [`Callback::from_redirect_uri`], except for the encoding errors;
    /// [`ParseError::NoParameters`] for no pairs, or only empty values.
    ///
    /// ```
    /// use oauth_triage::{Callback, ExpectedCallback};
    ///
    /// // What axum's `Query<Vec<(String, String)>>` hands a handler.
    /// let pairs = vec![("code".to_owned(), "0.AXoA-code".to_owned()), ("state".to_owned(), "k8Qz1".to_owned())];
    /// let callback = Callback::from_query_pairs(pairs)?;
    /// assert_eq!(callback.check(&ExpectedCallback::state("k8Qz1"))?.code(), Some("0.AXoA-code"));
    ///
    /// // The forgery a `HashMap` would have let through.
    /// let forged = [("code", "attacker"), ("state", "guess"), ("state", "k8Qz1")];
    /// assert_eq!(Callback::from_query_pairs(forged).map(|_| ()).map_err(|e| e.kind()), Err("duplicate"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// A map does not compile (see [`QueryPairs`] for the message):
    ///
    /// ```compile_fail,E0277
    /// use std::collections::HashMap;
    /// use oauth_triage::Callback;
    ///
    /// let map: HashMap<String, String> = HashMap::new();
    /// let callback = Callback::from_query_pairs(map);
    /// ```
    pub fn from_query_pairs<P: QueryPairs<'a>>(pairs: P) -> Result<Self, ParseError> {
        Self::options().from_pairs(ResponseMode::Query, pairs)
    }

    /// What to parse with, given before parsing: the [`Limits`] (the
    /// defaults until [`CallbackOptions::limits`] says otherwise) and, for
    /// decoded pairs, where they came from. Then one of its readers:
    /// [`from_redirect_uri`](CallbackOptions::from_redirect_uri),
    /// [`from_query`](CallbackOptions::from_query),
    /// [`from_form_post`](CallbackOptions::from_form_post) or
    /// [`from_pairs`](CallbackOptions::from_pairs).
    ///
    /// ```
    /// use oauth_triage::{Callback, Limits, ParseError};
    ///
    /// let mut limits = Limits::DEFAULT;
    /// limits.max_url = 64;
    /// let options = Callback::options().limits(limits);
    /// let long = format!("https://app.example/cb?code={}&state=Zx81", "A".repeat(64));
    /// assert_eq!(options.from_redirect_uri(&long).map(|_| ()), Err(ParseError::TooLarge { len: long.len(), limit: 64 }));
    /// assert!(options.from_redirect_uri("https://app.example/cb?code=A&state=Zx81").is_ok());
    /// ```
    pub fn options() -> CallbackOptions {
        CallbackOptions {
            limits: Limits::DEFAULT,
        }
    }

    /// Sorts the parameters of one response into a success or an error.
    pub(crate) fn from_params(params: Params<'a>, mode: ResponseMode) -> Result<Self, ParseError> {
        let has = |wanted: &str| {
            params
                .iter()
                .any(|(name, value)| name == wanted && !value.is_empty())
        };
        if has("error") {
            return AuthorizeError::from_params(params, mode).map(|err| Self(Kind::Error(err)));
        }
        form::reject_duplicates(&params)?;
        form::reject_no_parameters(&params)?;
        let mut success = Success {
            mode: Some(mode),
            ..Success::default()
        };
        for (name, value) in params {
            // RFC 6749 §3.1: a parameter sent without a value is omitted.
            if value.is_empty() {
                continue;
            }
            let slot = match &*name {
                "code" => &mut success.code,
                "state" => &mut success.state,
                "iss" => &mut success.iss,
                "session_state" => &mut success.session_state,
                "access_token" => &mut success.access_token,
                "id_token" => &mut success.id_token,
                "token_type" => &mut success.token_type,
                "expires_in" => &mut success.expires_in,
                _ => {
                    success.extra.push((name, value));
                    continue;
                }
            };
            *slot = Some(value);
        }
        if success.code.is_none() && success.access_token.is_none() && success.id_token.is_none() {
            // A JARM response, or nothing an authorization server answers.
            let jwt = success.extra.iter().any(|(name, _)| name == "response");
            return Err(if jwt {
                ParseError::Jwt
            } else {
                ParseError::MissingError
            });
        }
        Ok(Self(Kind::Success(success)))
    }

    /// The `state` parameter, verbatim: **raw text** anyone can write into
    /// a redirect. Read it to find the session it claims to belong to, then
    /// let [`Callback::check`] compare it.
    ///
    /// ```
    /// # use oauth_triage::Callback;
    /// let callback = Callback::from_redirect_uri("https://app.example/cb?error=access_denied&state=k8Qz1")?;
    /// assert_eq!(callback.state(), Some("k8Qz1"));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn state(&self) -> Option<&str> {
        match &self.0 {
            Kind::Success(success) => success.state.as_deref(),
            Kind::Error(err) => err.state(),
        }
    }

    /// The `iss` parameter (RFC 9207), verbatim: **raw text**, compared by
    /// [`Callback::check`] when an issuer is expected. A client that talks to
    /// several servers may read it to pick the expected issuer's session.
    ///
    /// ```
    /// # use oauth_triage::Callback;
    /// let callback = Callback::from_redirect_uri("https://app.example/cb?code=a&iss=https%3A%2F%2Fidp.example")?;
    /// assert_eq!(callback.iss(), Some("https://idp.example"));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn iss(&self) -> Option<&str> {
        match &self.0 {
            Kind::Success(success) => success.iss.as_deref(),
            Kind::Error(err) => err.iss(),
        }
    }

    /// Where the response carried its parameters.
    ///
    /// ```
    /// use oauth_triage::{Callback, ResponseMode};
    ///
    /// let callback = Callback::from_redirect_uri("https://app.example/cb#code=a&state=Zx81")?;
    /// assert_eq!(callback.response_mode(), ResponseMode::Fragment);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn response_mode(&self) -> ResponseMode {
        match &self.0 {
            Kind::Success(success) => success.mode.unwrap_or(ResponseMode::Query),
            Kind::Error(err) => err.response_mode(),
        }
    }

    /// Checks the callback against what the client sent: `iss` first (when
    /// an issuer is expected, exact match), then `state` (constant time),
    /// in the order [`ExpectedCallback`] documents, for a success and an
    /// error alike. Only the verified callback gives the code or the error.
    ///
    /// The callback is consumed: a callback that fails the check is to be
    /// dropped (its `Debug` is safe to log first).
    ///
    /// # Errors
    ///
    /// A [`CallbackError`] naming the first check that failed: treat the
    /// callback as forged or stale, and neither redeem its code nor act on
    /// its error.
    ///
    /// ```
    /// use oauth_triage::{Callback, CallbackError, ExpectedCallback};
    ///
    /// // Login CSRF: the attacker's own code, sent to the victim's browser.
    /// let forged = Callback::from_redirect_uri("https://app.example/cb?code=attacker-code&state=guess")?;
    /// assert_eq!(forged.check(&ExpectedCallback::state("k8Qz1")).map(|_| ()), Err(CallbackError::StateMismatch));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn check(
        self,
        expected: &ExpectedCallback<'_>,
    ) -> Result<VerifiedCallback<'a>, CallbackError> {
        let checks = expected.verify(self.state(), self.iss())?;
        Ok(VerifiedCallback {
            checks,
            callback: self,
        })
    }

    /// Copies borrowed text so the value no longer borrows the input.
    ///
    /// ```
    /// use oauth_triage::{Callback, ParseError};
    ///
    /// // Keep the callback in the session store while the user is redirected.
    /// fn read(url: String) -> Result<Callback<'static>, ParseError> {
    ///     Ok(Callback::from_redirect_uri(&url)?.into_owned())
    /// }
    /// assert_eq!(read("https://app.example/cb?code=a&state=Zx81".into())?.state(), Some("Zx81"));
    /// # Ok::<(), ParseError>(())
    /// ```
    pub fn into_owned(self) -> Callback<'static> {
        Callback(match self.0 {
            Kind::Error(err) => Kind::Error(err.into_owned()),
            Kind::Success(s) => Kind::Success(Success {
                code: s.code.map(own),
                state: s.state.map(own),
                iss: s.iss.map(own),
                session_state: s.session_state.map(own),
                access_token: s.access_token.map(own),
                id_token: s.id_token.map(own),
                token_type: s.token_type.map(own),
                expires_in: s.expires_in.map(own),
                extra: s.extra.into_iter().map(|(k, v)| (own(k), own(v))).collect(),
                mode: s.mode,
            }),
        })
    }
}

/// Reads the query of an [`http::Uri`](::http::Uri), as a server (axum,
/// hyper) holds the request target: see [`Callback::from_query`]. A server
/// never sees the fragment. Error offsets count bytes in the URI as its
/// `Display` writes it. Requires the `http` feature.
///
/// ```
/// use oauth_triage::{Callback, ExpectedCallback};
///
/// let uri: http::Uri = "/cb?code=0.AXoA-c0de&state=k8Qz1".parse()?;
/// let verified = Callback::try_from(&uri)?.check(&ExpectedCallback::state("k8Qz1"))?;
/// assert_eq!(verified.code(), Some("0.AXoA-c0de"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "http")]
impl<'a> TryFrom<&'a ::http::Uri> for Callback<'a> {
    type Error = ParseError;

    fn try_from(uri: &'a ::http::Uri) -> Result<Self, ParseError> {
        let (params, mode) = form::uri_params(uri, &Limits::DEFAULT)?;
        Self::from_params(params, mode)
    }
}

/// Reads a [`url::Url`](::url::Url) (what oauth2 and many apps hold): the
/// fragment when it holds the response, else the query, as
/// [`Callback::from_redirect_uri`] does. Error offsets count bytes in the
/// URL as `url` serialized it, which may differ from the text it was parsed
/// from. Requires the `url` feature.
///
/// ```
/// use oauth_triage::{Callback, ExpectedCallback, ResponseMode};
///
/// let url = url::Url::parse("https://spa.example/cb#code=0.AXoA-c0de&state=k8Qz1")?;
/// let callback = Callback::try_from(&url)?;
/// assert_eq!(callback.response_mode(), ResponseMode::Fragment);
/// assert_eq!(callback.check(&ExpectedCallback::state("k8Qz1"))?.code(), Some("0.AXoA-c0de"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "url")]
impl<'a> TryFrom<&'a ::url::Url> for Callback<'a> {
    type Error = ParseError;

    fn try_from(url: &'a ::url::Url) -> Result<Self, ParseError> {
        let (params, mode) = form::url_params(url, &Limits::DEFAULT)?;
        Self::from_params(params, mode)
    }
}

/// How to read a [`Callback`], given before reading it, as
/// [`Callback::options`] starts it: with the [`Limits`] to apply (the
/// defaults unless [`CallbackOptions::limits`] replaces them). Then one of
/// the readers, each the counterpart of a [`Callback`] shorthand:
///
/// | reader | input | response mode |
/// |---|---|---|
/// | [`from_redirect_uri`](CallbackOptions::from_redirect_uri) | a redirect URI, its query or fragment, or bare parameters | where the parameters were |
/// | [`from_query`](CallbackOptions::from_query) | a query given alone, without its `?` | [`ResponseMode::Query`] |
/// | [`from_form_post`](CallbackOptions::from_form_post) | a `form_post` body | [`ResponseMode::FormPost`] |
/// | [`from_pairs`](CallbackOptions::from_pairs) | pairs a framework decoded ([`QueryPairs`]) | the one given |
///
/// The options are a small `Copy` value: keep one in the application's
/// state and read every callback with it.
///
/// # Examples
///
/// ```
/// use oauth_triage::{Callback, CallbackOptions, ExpectedCallback, Limits, ParseError, ResponseMode};
///
/// // Kept with the app: at most 32 parameters in a callback.
/// let mut limits = Limits::DEFAULT;
/// limits.max_params = 32;
/// let options: CallbackOptions = Callback::options().limits(limits);
///
/// let verified = options.from_query("code=0.AXoA-c0de&state=k8Qz1")?.check(&ExpectedCallback::state("k8Qz1"))?;
/// assert_eq!(verified.code(), Some("0.AXoA-c0de"));
///
/// let stuffed: String = (0..40).map(|n| format!("p{n}=1&")).collect::<String>() + "code=a";
/// assert_eq!(options.from_query(&stuffed).map(|_| ()), Err(ParseError::TooMany { what: "parameters", limit: 32 }));
///
/// // A fragment answer that the page posted as JSON, decoded into pairs.
/// let posted = vec![("code".to_owned(), "0.AXoA-c0de".to_owned()), ("state".to_owned(), "k8Qz1".to_owned())];
/// let callback = options.from_pairs(ResponseMode::Fragment, &posted)?;
/// assert_eq!(callback.response_mode(), ResponseMode::Fragment);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug)]
#[must_use]
pub struct CallbackOptions {
    limits: Limits,
}

impl CallbackOptions {
    /// Reads with these [`Limits`] in place of the defaults:
    /// [`Limits::max_url`] for a redirect URI or a query,
    /// [`Limits::max_body`] for a `form_post` body, [`Limits::max_params`]
    /// for all. Called twice, the second replaces the first.
    ///
    /// ```
    /// use oauth_triage::{Callback, Limits, ParseError};
    ///
    /// let mut limits = Limits::DEFAULT;
    /// limits.max_body = 16;
    /// let options = Callback::options().limits(limits);
    /// let body = b"code=0.AXoA-c0de&state=k8Qz1";
    /// assert_eq!(options.from_form_post(body).map(|_| ()), Err(ParseError::TooLarge { len: body.len(), limit: 16 }));
    /// assert!(options.limits(Limits::DEFAULT).from_form_post(body).is_ok());
    /// ```
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Parses a redirect URI, as [`Callback::from_redirect_uri`] does, with
    /// these options' limits ([`Limits::max_url`], [`Limits::max_params`]).
    ///
    /// # Errors
    ///
    /// As [`Callback::from_redirect_uri`].
    ///
    /// ```
    /// use oauth_triage::{Callback, Limits, ParseError};
    ///
    /// let mut limits = Limits::DEFAULT;
    /// limits.max_url = 256;
    /// let options = Callback::options().limits(limits);
    /// let padded = format!("https://app.example/cb?error=login_required&junk={}", "A".repeat(300));
    /// assert_eq!(options.from_redirect_uri(&padded).map(|_| ()), Err(ParseError::TooLarge { len: padded.len(), limit: 256 }));
    /// ```
    pub fn from_redirect_uri(self, uri: &str) -> Result<Callback<'_>, ParseError> {
        let (params, mode) = form::redirect_params(uri, &self.limits)?;
        Callback::from_params(params, mode)
    }

    /// Parses a query given alone, without its `?`, as
    /// [`Callback::from_query`] does, with these options' limits
    /// ([`Limits::max_url`], [`Limits::max_params`]).
    ///
    /// # Errors
    ///
    /// As [`Callback::from_query`].
    ///
    /// ```
    /// use oauth_triage::{Callback, Limits, ParseError};
    ///
    /// let mut limits = Limits::DEFAULT;
    /// limits.max_params = 2;
    /// let options = Callback::options().limits(limits);
    /// assert_eq!(options.from_query("code=a&state=b&x=c").map(|_| ()), Err(ParseError::TooMany { what: "parameters", limit: 2 }));
    /// ```
    pub fn from_query(self, query: &str) -> Result<Callback<'_>, ParseError> {
        Callback::from_params(
            form::query_params(query, &self.limits)?,
            ResponseMode::Query,
        )
    }

    /// Parses a `form_post` body, as [`Callback::from_form_post`] does,
    /// with these options' limits ([`Limits::max_body`],
    /// [`Limits::max_params`]).
    ///
    /// # Errors
    ///
    /// As [`Callback::from_form_post`].
    ///
    /// ```
    /// use oauth_triage::{Callback, Limits, ParseError};
    ///
    /// let mut limits = Limits::DEFAULT;
    /// limits.max_params = 3;
    /// let options = Callback::options().limits(limits);
    /// let stuffed = options.from_form_post(b"code=a&state=b&x=1&y=2");
    /// assert_eq!(stuffed.map(|_| ()), Err(ParseError::TooMany { what: "parameters", limit: 3 }));
    /// ```
    pub fn from_form_post(self, body: &[u8]) -> Result<Callback<'_>, ParseError> {
        let params = form::form_post_params(body, &self.limits)?;
        Callback::from_params(params, ResponseMode::FormPost)
    }

    /// Reads pairs a web framework has already split and decoded, in their
    /// order, as [`Callback::from_query_pairs`] does (see there what a map
    /// loses and what the framework's decoding hides), with these options'
    /// limits ([`Limits::max_params`]), and says where they came from:
    /// [`ResponseMode::Query`] for a query, [`ResponseMode::FormPost`] for
    /// the fields of a `form_post` body a framework parsed,
    /// [`ResponseMode::Fragment`] for a fragment the page sent on.
    ///
    /// # Errors
    ///
    /// As [`Callback::from_query_pairs`].
    ///
    /// ```
    /// use oauth_triage::{Callback, ExpectedCallback, ResponseMode};
    ///
    /// // The fields of a form_post body, as a framework's form extractor hands them over.
    /// let fields = [("error", "interaction_required"), ("state", "k8Qz1")];
    /// let callback = Callback::options().from_pairs(ResponseMode::FormPost, fields)?;
    /// assert_eq!(callback.response_mode(), ResponseMode::FormPost);
    /// assert!(callback.check(&ExpectedCallback::state("k8Qz1"))?.error().is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// Maps do not compile here either (see [`QueryPairs`]):
    ///
    /// ```compile_fail,E0277
    /// use std::collections::BTreeMap;
    /// use oauth_triage::{Callback, ResponseMode};
    ///
    /// let map = BTreeMap::from([("code", "a"), ("state", "b")]);
    /// let callback = Callback::options().from_pairs(ResponseMode::FormPost, map);
    /// ```
    pub fn from_pairs<'a, P: QueryPairs<'a>>(
        self,
        mode: ResponseMode,
        pairs: P,
    ) -> Result<Callback<'a>, ParseError> {
        Callback::from_params(pairs.into_params(&self.limits)?, mode)
    }
}

impl fmt::Debug for Callback<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Kind::Error(err) => f.debug_tuple("Callback").field(err).finish(),
            Kind::Success(success) => f.debug_tuple("Callback").field(success).finish(),
        }
    }
}

impl Success<'_> {
    /// A parameter by its exact name, modelled or not.
    fn param(&self, name: &str) -> Option<&str> {
        let slot = match name {
            "code" => &self.code,
            "state" => &self.state,
            "iss" => &self.iss,
            "session_state" => &self.session_state,
            "access_token" => &self.access_token,
            "id_token" => &self.id_token,
            "token_type" => &self.token_type,
            "expires_in" => &self.expires_in,
            _ => {
                return self
                    .extra
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| &**v)
            }
        };
        slot.as_deref()
    }
}

/// Log-safe: the code, the tokens and `state` print as
/// `[redacted: N bytes]`, `iss` when it is a plain link.
impl fmt::Debug for Success<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Success");
        for (name, secret) in [
            ("code", &self.code),
            ("state", &self.state),
            ("session_state", &self.session_state),
            ("access_token", &self.access_token),
            ("id_token", &self.id_token),
        ] {
            if let Some(value) = secret {
                d.field(name, &Redacted(value.len()));
            }
        }
        if let Some(iss) = &self.iss {
            d.field("iss", &shown_if(iss, is_link(iss)));
        }
        for (name, plain) in [
            ("token_type", &self.token_type),
            ("expires_in", &self.expires_in),
        ] {
            if let Some(value) = plain {
                d.field(name, &shown_if(value, crate::log_safe::is_symbol(value)));
            }
        }
        if !self.extra.is_empty() {
            d.field("extra", &Unknown(&self.extra));
        }
        d.field("response_mode", &self.mode).finish()
    }
}

/// A [`Callback`] that passed [`Callback::check`]: its `iss` and `state`
/// are those of the client's own request, so its code may be redeemed and
/// its error believed.
///
/// `Debug` prints no code, token or `state`.
///
/// # Examples
///
/// ```
/// use oauth_triage::{classify, Action, Callback, ExpectedCallback};
///
/// let expected = ExpectedCallback::state("k8Qz1");
/// for url in [
///     "https://app.example/cb?code=0.AXoA-code&state=k8Qz1",
///     "https://app.example/cb?error=consent_required&state=k8Qz1",
/// ] {
///     let verified = Callback::from_redirect_uri(url)?.check(&expected)?;
///     match (verified.code(), verified.error()) {
///         (Some(code), _) => { /* redeem `code` at the token endpoint */ let _ = code; }
///         (None, Some(err)) => assert_eq!(classify(err).action(), &Action::Consent),
///         (None, None) => { /* an implicit-flow token: see param("access_token") */ }
///     }
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
// No `PartialEq`, as for `Callback`: it would compare codes.
#[derive(Clone)]
pub struct VerifiedCallback<'a> {
    callback: Callback<'a>,
    checks: Checked,
}

impl<'a> VerifiedCallback<'a> {
    fn success(&self) -> Option<&Success<'a>> {
        match &self.callback.0 {
            Kind::Success(success) => Some(success),
            Kind::Error(_) => None,
        }
    }

    /// The authorization code to redeem at the token endpoint; `None` for
    /// an error, and for an implicit-flow answer that carries only tokens.
    /// **A secret**: redeem it, never log it.
    ///
    /// ```
    /// use oauth_triage::{Callback, ExpectedCallback};
    ///
    /// let callback = Callback::from_query("code=0.AXoA-c0de&state=k8Qz1")?;
    /// assert_eq!(callback.check(&ExpectedCallback::state("k8Qz1"))?.code(), Some("0.AXoA-c0de"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn code(&self) -> Option<&str> {
        self.success()?.code.as_deref()
    }

    /// The error, to [`classify`](crate::classify); `None` for a success.
    /// The AADSTS code a Microsoft `error_uri` names is in the
    /// classification ([`Classification::codes`](crate::Classification::codes)).
    ///
    /// ```
    /// use oauth_triage::{classify, Action, Callback, ExpectedCallback};
    ///
    /// let query = "error=access_denied&error_uri=https%3A%2F%2Flogin.microsoftonline.com%2Ferror%3Fcode%3D65004&state=k8Qz1";
    /// let verified = Callback::from_query(query)?.check(&ExpectedCallback::state("k8Qz1"))?;
    /// let c = classify(verified.error().ok_or("a success")?);
    /// assert_eq!(c.action(), &Action::Denied);
    /// assert_eq!(c.codes(), &[65004]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn error(&self) -> Option<&AuthorizeError<'a>> {
        match &self.callback.0 {
            Kind::Error(err) => Some(err),
            Kind::Success(_) => None,
        }
    }

    /// Any parameter of the verified callback, by its exact name, decoded:
    /// those of a success (`code`, `state`, `iss`, `session_state`,
    /// `access_token`, `id_token`, `token_type`, `expires_in`, and any
    /// other) and those of an error (`error`, `error_description`,
    /// `error_uri`, `error_subcode`, `suberror`, ...). `None` when the
    /// callback did not carry it, or carried it empty (RFC 6749 §3.1: a
    /// parameter without a value is omitted).
    ///
    /// Values are as sent, not parsed (`expires_in` is text), and
    /// **raw server text**: `code` and the tokens are secrets, and an
    /// `id_token` is to be validated as a JWT (signature, `nonce`,
    /// `c_hash`) before use. No decision of this crate reads
    /// `error_description`.
    ///
    /// ```
    /// use oauth_triage::{Callback, ExpectedCallback};
    ///
    /// // An implicit-flow answer: tokens and no code.
    /// let url = "https://spa.example/cb#access_token=eyJ0eXAi&token_type=Bearer&expires_in=3599&state=Zx81";
    /// let verified = Callback::from_redirect_uri(url)?.check(&ExpectedCallback::state("Zx81"))?;
    /// assert_eq!(verified.code(), None);
    /// assert_eq!(verified.param("access_token"), Some("eyJ0eXAi"));
    /// assert_eq!(verified.param("expires_in"), Some("3599"));
    /// assert_eq!(verified.param("id_token"), None);
    ///
    /// // An error's members, by the same names.
    /// let url = "https://app.example/cb?error=access_denied&error_subcode=cancel&state=Zx81";
    /// let verified = Callback::from_redirect_uri(url)?.check(&ExpectedCallback::state("Zx81"))?;
    /// assert_eq!(verified.param("error"), Some("access_denied"));
    /// assert_eq!(verified.param("error_subcode"), Some("cancel"));
    /// assert_eq!(verified.param("state"), Some("Zx81"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn param(&self, name: &str) -> Option<&str> {
        match &self.callback.0 {
            Kind::Success(success) => success.param(name),
            Kind::Error(err) => err.param(name),
        }
    }

    /// Parameters of a success that this crate does not model, decoded, in
    /// input order. **Raw server text.** (Those of an error are
    /// [`AuthorizeError::extra`]; [`VerifiedCallback::param`] reads any
    /// parameter by name.)
    ///
    /// ```
    /// use oauth_triage::{Callback, ExpectedCallback};
    ///
    /// let callback = Callback::from_query("code=0.AXoA-c0de&state=k8Qz1&client_info=eyJ1aWQi")?;
    /// let verified = callback.check(&ExpectedCallback::state("k8Qz1"))?;
    /// assert_eq!(verified.extra().collect::<Vec<_>>(), [("client_info", "eyJ1aWQi")]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn extra(&self) -> impl Iterator<Item = (&str, &str)> {
        self.success()
            .into_iter()
            .flat_map(|s| s.extra.iter().map(|(k, v)| (&**k, &**v)))
    }

    /// The checked callback, for [`Callback::state`], [`Callback::iss`] and
    /// [`Callback::response_mode`].
    ///
    /// ```
    /// use oauth_triage::{Callback, ExpectedCallback, ResponseMode};
    ///
    /// let callback = Callback::from_form_post(b"error=login_required&state=k8Qz1")?;
    /// let verified = callback.check(&ExpectedCallback::state("k8Qz1"))?;
    /// assert_eq!(verified.callback().response_mode(), ResponseMode::FormPost);
    /// assert_eq!(verified.callback().state(), Some("k8Qz1"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn callback(&self) -> &Callback<'a> {
        &self.callback
    }

    /// Copies borrowed text so the value no longer borrows the input.
    ///
    /// ```
    /// use oauth_triage::{Callback, ExpectedCallback, VerifiedCallback};
    ///
    /// // The request's body is dropped; the verified callback goes on to the task that redeems it.
    /// fn read(body: Vec<u8>) -> Result<VerifiedCallback<'static>, Box<dyn std::error::Error>> {
    ///     Ok(Callback::from_form_post(&body)?.check(&ExpectedCallback::state("k8Qz1"))?.into_owned())
    /// }
    /// assert_eq!(read(b"code=0.AXoA-c0de&state=k8Qz1".to_vec())?.code(), Some("0.AXoA-c0de"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_owned(self) -> VerifiedCallback<'static> {
        VerifiedCallback {
            callback: self.callback.into_owned(),
            checks: self.checks,
        }
    }

    /// Whether `state` was compared with the value the client sent
    /// ([`ExpectedCallback::state`]): `false` after
    /// [`ExpectedCallback::state_not_checked`] and
    /// [`ExpectedCallback::state_absent`], in which case nothing here
    /// vouches that the callback answers the client's own request (with
    /// `state_absent`, PKCE does).
    ///
    /// ```
    /// use oauth_triage::{Callback, ExpectedCallback};
    ///
    /// let callback = Callback::from_redirect_uri("https://app.example/cb?code=a&state=Zx81")?;
    /// assert!(callback.clone().check(&ExpectedCallback::state("Zx81"))?.state_checked());
    /// assert!(!callback.check(&ExpectedCallback::state_not_checked())?.state_checked());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn state_checked(&self) -> bool {
        self.checks.state
    }

    /// Whether the callback carried an `iss` and it equals the expected
    /// issuer: always after [`ExpectedCallback::issuer`], which requires
    /// it; after [`ExpectedCallback::issuer_if_present`] only when the
    /// server sent one; never without an expected issuer.
    ///
    /// ```
    /// use oauth_triage::{Callback, ExpectedCallback};
    ///
    /// let expected = ExpectedCallback::state("Zx81").issuer_if_present("https://idp.example");
    /// let with = Callback::from_redirect_uri("https://app.example/cb?code=a&state=Zx81&iss=https%3A%2F%2Fidp.example")?;
    /// let without = Callback::from_redirect_uri("https://app.example/cb?code=a&state=Zx81")?;
    /// assert!(with.check(&expected)?.issuer_checked());
    /// assert!(!without.check(&expected)?.issuer_checked());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn issuer_checked(&self) -> bool {
        self.checks.issuer
    }
}

impl fmt::Debug for VerifiedCallback<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifiedCallback")
            .field("callback", &self.callback)
            .field("state_checked", &self.checks.state)
            .field("issuer_checked", &self.checks.issuer)
            .finish()
    }
}

/// What the client sent with its authorization request, to check the
/// callback against before its error is believed.
///
/// [`Callback::check`] works in the order of the usual callback validation (RFC 9207 §2.4, RFC
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
/// use oauth_triage::{Callback, CallbackError, ExpectedCallback};
///
/// let expected = ExpectedCallback::state("k8Qz1").issuer("https://idp.example");
/// let callback = Callback::from_redirect_uri("/cb?error=login_required&state=k8Qz1")?;
/// assert_eq!(callback.check(&expected).map(|_| ()), Err(CallbackError::IssuerMissing));
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
    /// use oauth_triage::{Callback, CallbackError, ExpectedCallback};
    ///
    /// let callback = Callback::from_redirect_uri("/cb?error=login_required&state=k8Qz1")?;
    /// assert!(callback.clone().check(&ExpectedCallback::state("k8Qz1")).is_ok());
    /// assert_eq!(callback.check(&ExpectedCallback::state("Pm3vT")).map(|_| ()), Err(CallbackError::StateMismatch));
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
    /// use oauth_triage::{Callback, CallbackError, ExpectedCallback};
    ///
    /// let plain = Callback::from_redirect_uri("/cb?error=server_error")?;
    /// assert!(plain.check(&ExpectedCallback::state_absent()).is_ok());
    ///
    /// let foreign = Callback::from_redirect_uri("/cb?error=server_error&state=Zx81")?;
    /// assert_eq!(foreign.check(&ExpectedCallback::state_absent()).map(|_| ()), Err(CallbackError::UnexpectedState));
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
    /// use oauth_triage::{Callback, ExpectedCallback};
    ///
    /// let issuer = "https://idp.example";
    /// let url = "/cb?error=access_denied&state=Zx81&iss=https%3A%2F%2Fidp.example";
    /// let verified = Callback::from_redirect_uri(url)?.check(&ExpectedCallback::state_not_checked().issuer(issuer))?;
    /// assert!(!verified.state_checked() && verified.issuer_checked());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
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
    /// use oauth_triage::{Callback, CallbackError, ExpectedCallback};
    ///
    /// // Keycloak advertises the flag and sends `iss`.
    /// let issuer = "https://sso.example/realms/staff";
    /// let expected = ExpectedCallback::state("k8Qz1").issuer(issuer);
    /// let sent = Callback::from_redirect_uri("/cb?error=access_denied&state=k8Qz1&iss=https%3A%2F%2Fsso.example%2Frealms%2Fstaff")?;
    /// assert!(sent.check(&expected).is_ok());
    ///
    /// // The answer of another server the client also talks to (a mix-up).
    /// let other = Callback::from_redirect_uri("/cb?error=access_denied&state=k8Qz1&iss=https%3A%2F%2Fidp.example.net")?;
    /// assert_eq!(other.check(&expected).map(|_| ()), Err(CallbackError::IssuerMismatch));
    ///
    /// // No `iss` from a server that promised one.
    /// let bare = Callback::from_redirect_uri("/cb?error=access_denied&state=k8Qz1")?;
    /// assert_eq!(bare.check(&expected).map(|_| ()), Err(CallbackError::IssuerMissing));
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
    /// use oauth_triage::{Callback, CallbackError, ExpectedCallback};
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
    /// let bare = Callback::from_redirect_uri("/cb?error=login_required&state=k8Qz1")?;
    /// assert_eq!(bare.clone().check(&expected).map(|_| ()), Err(CallbackError::IssuerMissing));
    /// // The same callback from a server that does not advertise the flag passes.
    /// assert!(bare.check(&ExpectedCallback::state("k8Qz1").issuer_from_metadata(issuer, false)).is_ok());
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

/// Why a callback failed [`Callback::check`]. The message never
/// repeats the values involved.
///
/// # Examples
///
/// ```
/// use oauth_triage::{Callback, CallbackError, ExpectedCallback};
///
/// let callback = Callback::from_redirect_uri("/cb?error=access_denied&state=alice%40contoso.com")?;
/// let Err(failure) = callback.check(&ExpectedCallback::state("k8Qz1")) else {
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
    /// use oauth_triage::{Callback, CallbackError, ExpectedCallback};
    ///
    /// let callback = Callback::from_redirect_uri("https://app.example/cb?error=server_error")?;
    /// let outcome = callback.check(&ExpectedCallback::state("k8Qz1")).map(|_| ()).map_err(CallbackError::kind);
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
