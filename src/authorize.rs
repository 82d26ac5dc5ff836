//! The authorization endpoint's error response, delivered to the redirect URI
//! in the query, the fragment, or a `form_post` body, and read as a
//! [`Callback`](crate::Callback).

use std::borrow::Cow;
use std::fmt;

use crate::error::{excerpt, ParseError};
use crate::error_code::{is_valid_error_value, ErrorName, Suberror};
use crate::form::{self, Params, ResponseMode};
use crate::log_safe::{is_link, is_symbol, shown_if, Redacted, Unknown};
use crate::token::into_static;

/// An error response from an authorization endpoint
/// ([RFC 6749 §4.1.2.1](https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1),
/// [OpenID Connect Core §3.1.2.6](https://openid.net/specs/openid-connect-core-1_0.html#AuthError)),
/// as the browser brings it back to the client's redirect URI.
///
/// **Validate before you believe it.** Anyone can send a browser to your
/// redirect URI with `error=...` in it. So the error is read as a
/// [`Callback`](crate::Callback) and handed out only by a
/// [`VerifiedCallback`](crate::VerifiedCallback), once
/// [`Callback::check`](crate::Callback::check) has compared the `state` you
/// sent (and the issuer, when the server supports
/// [RFC 9207](https://www.rfc-editor.org/rfc/rfc9207)); see
/// [`ExpectedCallback`](crate::ExpectedCallback) for the order of the
/// checks. Its `state`, `iss` and response mode are the callback's:
/// [`Callback::state`](crate::Callback::state),
/// [`Callback::iss`](crate::Callback::iss),
/// [`Callback::response_mode`](crate::Callback::response_mode), through
/// [`VerifiedCallback::callback`](crate::VerifiedCallback::callback). The
/// AADSTS code of a Microsoft `error_uri` is in the classification
/// ([`Classification::codes`](crate::Classification::codes)).
///
/// Values are form-urlencoded ([RFC 6749 Appendix B](https://www.rfc-editor.org/rfc/rfc6749#appendix-B):
/// `+` is a space, `%XX` is a byte, the result is UTF-8) and borrow from the
/// input when nothing needed decoding.
///
/// # Examples
///
/// ```
/// use oauth_triage::{classify, Action, Callback, ErrorName, ExpectedCallback};
///
/// let url = "https://app.example/callback?error=access_denied\
///     &error_description=AADSTS65004%3a+User+declined+to+consent.\
///     &error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d65004\
///     &state=d66b10a0";
/// let verified = Callback::from_redirect_uri(url)?.check(&ExpectedCallback::state("d66b10a0"))?;
/// let err = verified.error().ok_or("the callback is a success")?;
///
/// assert_eq!(err.error(), &ErrorName::AccessDenied);
/// let c = classify(err);
/// assert_eq!(c.codes(), &[65004]);
/// assert_eq!(c.action(), &Action::Denied);
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
/// use oauth_triage::{Callback, ExpectedCallback};
///
/// let url = "https://app.example/cb?error=access_denied&error_description=jo%40contoso.com+declined&state=k8Qz1&session_state=5f2a";
/// let verified = Callback::from_redirect_uri(url)?.check(&ExpectedCallback::state("k8Qz1"))?;
/// let shown = format!("{:?}", verified.error().ok_or("a success")?);
/// assert!(!shown.contains("contoso") && !shown.contains("k8Qz1") && !shown.contains("5f2a"), "{shown}");
/// assert!(shown.contains("state: [redacted: 5 bytes]"), "{shown}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
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
    /// Reads the parameters of a response that carries `error` (what
    /// [`Callback`](crate::Callback) hands over).
    pub(crate) fn from_params(params: Params<'a>, mode: ResponseMode) -> Result<Self, ParseError> {
        form::reject_duplicates(&params)?;
        form::reject_no_parameters(&params)?;
        let mut error = None;
        let mut fields: [Option<Cow<'a, str>>; 6] = Default::default();
        let mut extra = Vec::new();
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
                    has_code |= other == "code";
                    extra.push((name, value));
                    continue;
                }
            };
            *slot = Some(value);
        }
        let Some(error) = error else {
            return Err(ParseError::MissingError);
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

    /// The `error` parameter.
    ///
    /// ```
    /// use oauth_triage::{Callback, ErrorName, ExpectedCallback};
    ///
    /// // A silent (`prompt=none`) request came back: fall back to a visible sign-in?
    /// let callback = Callback::from_redirect_uri("https://app.example/cb#error=login_required&state=Zx81")?;
    /// let verified = callback.check(&ExpectedCallback::state("Zx81"))?;
    /// let err = verified.error().ok_or("a success")?;
    /// let silent_failed = matches!(err.error(), ErrorName::LoginRequired | ErrorName::InteractionRequired);
    /// assert!(silent_failed);
    /// assert_eq!(err.error(), "login_required");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn error(&self) -> &ErrorName<'a> {
        &self.error
    }

    /// The `error_description` parameter, decoded. **Raw server text**, and in
    /// a redirect anyone can write it: never show it as trusted, and no
    /// decision reads it.
    ///
    /// ```
    /// use oauth_triage::{Callback, ExpectedCallback};
    ///
    /// let url = "/cb?error=access_denied&error_description=AADSTS65004%3a+User+declined+to+consent.&state=Zx81";
    /// let verified = Callback::from_redirect_uri(url)?.check(&ExpectedCallback::state("Zx81"))?;
    /// let err = verified.error().ok_or("a success")?;
    /// assert_eq!(err.description(), Some("AADSTS65004: User declined to consent."));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The `error_uri` parameter, decoded. **Raw text from the redirect**:
    /// anyone can write it, so do not follow or show it as trusted.
    ///
    /// The AADSTS code it names, when it is a link to one of Microsoft's
    /// sign-in hosts, is read by [`classify`](crate::classify):
    /// [`Classification::codes`](crate::Classification::codes). Another
    /// host's link names no code, so a forged `error_uri` cannot pick a
    /// catalog entry.
    ///
    /// ```
    /// use oauth_triage::{classify, Callback, ExpectedCallback};
    ///
    /// let expected = ExpectedCallback::state("Zx81");
    /// let url = "/cb?error=login_required&error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d50058&state=Zx81";
    /// let verified = Callback::from_redirect_uri(url)?.check(&expected)?;
    /// let err = verified.error().ok_or("a success")?;
    /// assert_eq!(err.error_uri(), Some("https://login.microsoftonline.com/error?code=50058"));
    /// assert_eq!(classify(err).codes(), &[50058]);
    ///
    /// let url = "/cb?error=access_denied&error_uri=https%3A%2F%2Fevil.example%2Ferror%3Fcode%3D50033&state=Zx81";
    /// let forged = Callback::from_redirect_uri(url)?.check(&expected)?;
    /// assert_eq!(classify(forged.error().ok_or("a success")?).codes(), &[] as &[u32]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn error_uri(&self) -> Option<&str> {
        self.error_uri.as_deref()
    }

    /// Entra's `error_subcode` parameter (`cancel` when the user cancelled).
    /// **Raw text from the redirect**; no decision reads it.
    ///
    /// ```
    /// use oauth_triage::{Callback, ExpectedCallback};
    ///
    /// // The user closed the sign-in page: go back quietly instead of showing an error.
    /// let callback = Callback::from_redirect_uri("/cb?error=access_denied&error_subcode=cancel&state=Zx81")?;
    /// let verified = callback.check(&ExpectedCallback::state("Zx81"))?;
    /// assert_eq!(verified.error().and_then(|err| err.error_subcode()), Some("cancel"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn error_subcode(&self) -> Option<&str> {
        self.error_subcode.as_deref()
    }

    /// Entra's `suberror` parameter.
    ///
    /// A suberror can decide the action ([`classify`](crate::classify)
    /// steps 4 and 6).
    ///
    /// ```
    /// use oauth_triage::{classify, Action, Callback, ExpectedCallback, Suberror};
    ///
    /// let callback = Callback::from_form_post(b"error=interaction_required&suberror=consent_required&state=Zx81")?;
    /// let verified = callback.check(&ExpectedCallback::state("Zx81"))?;
    /// let err = verified.error().ok_or("a success")?;
    /// assert_eq!(err.suberror(), Some(&Suberror::ConsentRequired));
    /// assert_eq!(classify(err).action(), &Action::Consent);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn suberror(&self) -> Option<&Suberror<'a>> {
        self.suberror.as_ref()
    }

    /// The `state` parameter, decoded: read through
    /// [`Callback::state`](crate::Callback::state).
    pub(crate) fn state(&self) -> Option<&str> {
        self.state.as_deref()
    }

    /// The `iss` parameter, decoded: read through
    /// [`Callback::iss`](crate::Callback::iss).
    pub(crate) fn iss(&self) -> Option<&str> {
        self.iss.as_deref()
    }

    /// A parameter by its exact name, modelled or not: what
    /// [`VerifiedCallback::param`](crate::VerifiedCallback::param) gives.
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        let slot = match name {
            "error" => return Some(self.error.as_str()),
            "suberror" => return self.suberror.as_ref().map(Suberror::as_str),
            "error_description" => &self.description,
            "error_uri" => &self.error_uri,
            "state" => &self.state,
            "iss" => &self.iss,
            "error_subcode" => &self.error_subcode,
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

    /// Where the parameters were found: read through
    /// [`Callback::response_mode`](crate::Callback::response_mode).
    pub(crate) fn response_mode(&self) -> ResponseMode {
        self.mode
    }

    /// The other parameters (the client's own, `admin_consent`, `tenant`,
    /// ...), decoded, in input order. **Raw text from the redirect.**
    ///
    /// ```
    /// # use oauth_triage::{Callback, ExpectedCallback};
    /// let callback = Callback::from_redirect_uri("?admin_consent=True&error=access_denied")?;
    /// let verified = callback.check(&ExpectedCallback::state_absent())?;
    /// let err = verified.error().ok_or("a success")?;
    /// assert_eq!(err.extra().collect::<Vec<_>>(), [("admin_consent", "True")]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn extra(&self) -> impl Iterator<Item = (&str, &str)> {
        self.extra.iter().map(|(k, v)| (&**k, &**v))
    }

    /// Copies borrowed text so the value no longer borrows the input.
    ///
    /// ```
    /// use oauth_triage::{AuthorizeError, Callback, ExpectedCallback};
    ///
    /// // The URL is dropped when the function returns; the error outlives it.
    /// fn read_error(url: String, state: &str) -> Result<Option<AuthorizeError<'static>>, Box<dyn std::error::Error>> {
    ///     let verified = Callback::from_redirect_uri(&url)?.check(&ExpectedCallback::state(state))?;
    ///     Ok(verified.error().map(|err| err.clone().into_owned()))
    /// }
    /// let err = read_error("https://app.example/cb?error=login_required&state=Zx81".to_string(), "Zx81")?;
    /// assert_eq!(err.map(|err| err.error().as_str().to_owned()).as_deref(), Some("login_required"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_owned(self) -> AuthorizeError<'static> {
        AuthorizeError {
            error: self.error.into_owned(),
            description: self.description.map(into_static),
            error_uri: self.error_uri.map(into_static),
            state: self.state.map(into_static),
            iss: self.iss.map(into_static),
            error_subcode: self.error_subcode.map(into_static),
            suberror: self.suberror.map(Suberror::into_owned),
            extra: self
                .extra
                .into_iter()
                .map(|(k, v)| (into_static(k), into_static(v)))
                .collect(),
            mode: self.mode,
        }
    }
}
