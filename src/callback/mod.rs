//! Any authorization response delivered to the redirect URI, success or
//! error ([`Callback`]), and the same response once checked against what the
//! client sent ([`VerifiedCallback`]).

mod expected;

use std::borrow::Cow;
use std::fmt;

use crate::authorize::AuthorizeError;
use crate::callback::expected::Checked;
use crate::error::ParseError;
use crate::form::{self, Params, QueryPairs, ResponseMode};
use crate::limits::Limits;
use crate::log_safe::{is_link, shown_if, Redacted, Unknown};
use crate::token::into_static;

pub use crate::callback::expected::{CallbackError, ExpectedCallback};

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
                code: s.code.map(into_static),
                state: s.state.map(into_static),
                iss: s.iss.map(into_static),
                session_state: s.session_state.map(into_static),
                access_token: s.access_token.map(into_static),
                id_token: s.id_token.map(into_static),
                token_type: s.token_type.map(into_static),
                expires_in: s.expires_in.map(into_static),
                extra: s
                    .extra
                    .into_iter()
                    .map(|(k, v)| (into_static(k), into_static(v)))
                    .collect(),
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
