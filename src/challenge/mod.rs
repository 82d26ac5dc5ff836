//! `WWW-Authenticate` challenges (RFC 9110 §11) with the Bearer, DPoP and
//! Microsoft Entra parameters: `Challenge` and `Challenges`; the header parser is in `parse`.

use std::borrow::Cow;
use std::fmt;

use self::parse::Parser;
use crate::error::ParseError;
use crate::error_code::ErrorName;
use crate::limits::{check_count, Limits};
use crate::log_safe::{is_id, is_link, is_symbol, is_symbol_list, shown_if, Redacted};
use crate::token::into_static;

mod parse;
#[cfg(test)]
mod tests;

/// The names a challenge's description goes by: RFC 6750's, then Microsoft's.
const DESCRIPTION_NAMES: [&str; 2] = ["error_description", "errorDescription"];

/// One challenge of a `WWW-Authenticate` header: an authentication scheme
/// followed by either a token68 or a list of auth-params
/// ([RFC 9110 §11.3](https://www.rfc-editor.org/rfc/rfc9110#section-11.3)).
///
/// A resource server answers a request it refuses with one or more
/// challenges: `Bearer` ([RFC 6750 §3](https://www.rfc-editor.org/rfc/rfc6750#section-3)),
/// `DPoP` ([RFC 9449 §7.1](https://www.rfc-editor.org/rfc/rfc9449#section-7.1)),
/// and Microsoft Entra's additions to `Bearer` (`authorization_uri`,
/// `claims`). The typed accessors ([`Challenge::error`],
/// [`Challenge::claims`], [`Challenge::max_age`], [`Challenge::algs`]) read
/// the parameters that need decoding; [`Challenge::param`] reads any other
/// as it was sent.
///
/// Parsing borrows from the header value wherever no `\` escape forces a
/// copy; [`Challenge::into_owned`] detaches the value.
///
/// # Syntax
///
/// ```text
/// WWW-Authenticate = #challenge
/// challenge   = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
/// auth-param  = token BWS "=" BWS ( token / quoted-string )
/// token68     = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
/// ```
///
/// Scheme and parameter names are compared ignoring ASCII case and kept as
/// written. Equality of two `Challenge` values is structural: it compares the
/// names as written and the parameters in order.
///
/// # Examples
///
/// ```
/// use oauth_triage::{Challenge, Challenges, ErrorName};
///
/// let value = r#"Bearer realm="example", error="invalid_token", error_description="The access token expired", DPoP algs="ES256 PS256""#;
/// let challenges = Challenges::parse(value)?;
/// assert_eq!(challenges.len(), 2);
/// assert!(challenges[0].is_scheme("bearer"));
/// assert_eq!(challenges[0].param("realm"), Some("example"));
/// assert_eq!(challenges[0].error(), Some(ErrorName::InvalidToken));
/// assert!(challenges[1].is_scheme("DPoP"));
/// assert_eq!(challenges[1].algs().collect::<Vec<_>>(), ["ES256", "PS256"]);
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Challenge<'a> {
    scheme: Cow<'a, str>,
    token68: Option<Cow<'a, str>>,
    params: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

/// Log-safe (see [`HttpResponse`](crate::HttpResponse)'s notes on `Debug`):
/// the scheme, and the values of the parameters this crate reads when they
/// look as they should (`error` and `scope` as symbols, links as plain
/// links, ids as ids); `error_description`, a token68 and every other
/// parameter's value print as `[redacted: N bytes]`. Read them with
/// [`Challenge::param`] and [`Challenge::token68`].
///
/// ```
/// use oauth_triage::Challenges;
///
/// let value = r#"Bearer realm="api", error="invalid_token", error_description="token of jo@contoso.com expired", ticket="s3cr3t""#;
/// let challenge = &Challenges::parse(value)?[0];
/// let shown = format!("{challenge:?}");
/// assert!(shown.contains(r#""error": "invalid_token""#), "{shown}");
/// assert!(!shown.contains("jo@contoso.com") && !shown.contains("s3cr3t"), "{shown}");
/// assert!(shown.contains(r#""error_description": [redacted: 31 bytes]"#), "{shown}");
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
impl fmt::Debug for Challenge<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Challenge");
        d.field("scheme", &shown_if(&self.scheme, is_symbol(&self.scheme)));
        if let Some(token68) = &self.token68 {
            d.field("token68", &Redacted(token68.len()));
        }
        if !self.params.is_empty() {
            d.field("params", &Params(&self.params));
        }
        d.finish()
    }
}

/// A challenge's parameters in `Debug`: see `Debug` for [`Challenge`].
struct Params<'t, 'a>(&'t [(Cow<'a, str>, Cow<'a, str>)]);

impl fmt::Debug for Params<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|(name, value)| {
                let shown = match name.to_ascii_lowercase().as_str() {
                    "error" | "realm" | "max_age" => is_symbol(value) || value.is_empty(),
                    "scope" | "algs" | "acr_values" => is_symbol_list(value),
                    "error_uri" | "authorization_uri" | "resource_metadata" | "resource"
                    | "resource_id" | "trusted_issuers" => is_link(value),
                    "client_id" => is_id(value) || is_link(value),
                    // A claims request: base64 of JSON that names claims.
                    "claims" => value.bytes().all(|b| {
                        b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_')
                    }),
                    _ => false,
                };
                (shown_if(name, is_symbol(name)), shown_if(value, shown))
            }))
            .finish()
    }
}

impl<'a> Challenge<'a> {
    /// Every challenge of one header value ([`Challenges::parse`] has the
    /// rules), with the default [`Limits`].
    pub(crate) fn parse_all(value: &'a str) -> Result<Vec<Self>, ParseError> {
        Self::parse_all_with(value, &Limits::DEFAULT)
    }

    /// [`Challenges::parse`] within the given [`Limits`] (only
    /// [`Limits::max_header`] and the counts apply): what
    /// [`HttpResponse::limits`](crate::HttpResponse::limits) sets.
    pub(crate) fn parse_all_with(value: &'a str, limits: &Limits) -> Result<Vec<Self>, ParseError> {
        crate::limits::check(value.len(), limits.max_header)?;
        Parser::new(value, limits).challenges()
    }

    /// A challenge with this scheme and nothing else yet, for the parser.
    fn new(scheme: Cow<'a, str>) -> Self {
        Self {
            scheme,
            token68: None,
            params: Vec::new(),
        }
    }

    /// The authentication scheme, as written (`Bearer`, `bearer`, `DPoP`).
    ///
    /// ```
    /// use oauth_triage::{Challenge, Challenges};
    ///
    /// let challenges = Challenges::parse(r#"bearer realm="", DPoP algs="ES256""#)?;
    /// let schemes: Vec<&str> = challenges.iter().map(Challenge::scheme).collect();
    /// // As written: compare with `is_scheme`, which ignores case.
    /// assert_eq!(schemes, ["bearer", "DPoP"]);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// Whether the scheme is `scheme`, ignoring ASCII case
    /// ([RFC 9110 §11.1](https://www.rfc-editor.org/rfc/rfc9110#section-11.1)):
    /// `Bearer` ([RFC 6750 §3](https://www.rfc-editor.org/rfc/rfc6750#section-3)),
    /// `DPoP` ([RFC 9449 §7.1](https://www.rfc-editor.org/rfc/rfc9449#section-7.1)),
    /// or any other.
    ///
    /// ```
    /// use oauth_triage::{Challenge, Challenges, ErrorName};
    ///
    /// let challenges = Challenges::parse(r#"NEGOTIATE, Basic realm="legacy", DPoP algs="ES256", error="use_dpop_nonce""#)?;
    /// assert!(challenges[0].is_scheme("Negotiate"));
    /// let dpop = challenges.iter().find(|c| c.is_scheme("DPoP")).ok_or("no DPoP challenge")?;
    /// assert_eq!(dpop.error(), Some(ErrorName::UseDpopNonce));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_scheme(&self, scheme: &str) -> bool {
        self.scheme.eq_ignore_ascii_case(scheme)
    }

    /// The token68 that follows the scheme instead of parameters, as in
    /// `Negotiate YIIC...` or `Basic dXNlcjpwYXNz`
    /// ([RFC 9110 §11.2](https://www.rfc-editor.org/rfc/rfc9110#section-11.2)).
    ///
    /// ```
    /// # use oauth_triage::Challenges;
    /// let challenges = Challenges::parse("Negotiate abc==")?;
    /// assert_eq!(challenges[0].token68(), Some("abc=="));
    /// assert_eq!(challenges[0].params().count(), 0);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn token68(&self) -> Option<&str> {
        self.token68.as_deref()
    }

    /// The value of the parameter `name`, compared ignoring ASCII case, with
    /// quoted-string escapes removed. **Raw server text.**
    ///
    /// The parameters worth knowing by name, read as they were sent:
    ///
    /// - `realm`, the protection space ([RFC 9110 §11.5](https://www.rfc-editor.org/rfc/rfc9110#section-11.5));
    ///   Entra sends an empty one or a tenant;
    /// - `scope`, the space-separated scopes the resource needs
    ///   ([RFC 6750 §3](https://www.rfc-editor.org/rfc/rfc6750#section-3));
    /// - `acr_values`, the authentication context classes the token must
    ///   satisfy, in order of preference ([RFC 9470 §3](https://www.rfc-editor.org/rfc/rfc9470#section-3));
    /// - `resource_metadata`, the URL of the resource's protected resource
    ///   metadata ([RFC 9728 §5.1](https://www.rfc-editor.org/rfc/rfc9728#section-5.1));
    /// - Microsoft's `authorization_uri` (Azure Key Vault says
    ///   `authorization`), the authorization endpoint to get a token from;
    ///   `resource` (Azure Storage says `resource_id`), the resource to ask a
    ///   token for; `client_id`, the application the resource expects tokens
    ///   for.
    ///
    /// ```
    /// # use oauth_triage::Challenges;
    /// let challenges = Challenges::parse(r#"Bearer Realm="contoso", x_vendor=abc"#)?;
    /// assert_eq!(challenges[0].param("REALM"), Some("contoso"));
    /// assert_eq!(challenges[0].param("x_vendor"), Some("abc"));
    ///
    /// // Azure Storage writes its parameters unquoted and without commas,
    /// // and names them its own way.
    /// let value = "Bearer authorization_uri=https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/authorize resource_id=https://storage.azure.com";
    /// let storage = &Challenges::parse(value)?[0];
    /// let resource = storage.param("resource").or_else(|| storage.param("resource_id"));
    /// assert_eq!(resource, Some("https://storage.azure.com"));
    ///
    /// // A scope the token lacks.
    /// let value = r#"Bearer realm="files", error="insufficient_scope", scope="Files.Read.All Sites.Read.All""#;
    /// let scopes = Challenges::parse(value)?[0].param("scope").map(|s| s.split(' ').count());
    /// assert_eq!(scopes, Some(2));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| &**v)
    }

    /// Every parameter as (name as written, value) pairs, in input order.
    /// **Raw server text.**
    ///
    /// ```
    /// # use oauth_triage::Challenges;
    /// let challenges = Challenges::parse(r#"Bearer Realm="a", scope="b c""#)?;
    /// assert_eq!(challenges[0].params().collect::<Vec<_>>(), [("Realm", "a"), ("scope", "b c")]);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn params(&self) -> impl Iterator<Item = (&str, &str)> {
        self.params.iter().map(|(n, v)| (&**n, &**v))
    }

    /// `error`: why the request was refused
    /// ([RFC 6750 §3.1](https://www.rfc-editor.org/rfc/rfc6750#section-3.1),
    /// [RFC 9449 §7.1](https://www.rfc-editor.org/rfc/rfc9449#section-7.1)).
    /// `None` when absent or empty: a challenge without `error` means no
    /// credentials were sent.
    ///
    /// ```
    /// # use oauth_triage::{Challenge, Challenges, ErrorName};
    /// let challenges = Challenges::parse(r#"DPoP error="use_dpop_nonce""#)?;
    /// assert_eq!(challenges[0].error(), Some(ErrorName::UseDpopNonce));
    /// let empty = Challenges::parse(r#"Bearer error="""#)?;
    /// assert_eq!(empty[0].error(), None);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn error(&self) -> Option<ErrorName<'_>> {
        self.param("error")
            .filter(|value| !value.is_empty())
            .map(ErrorName::from)
    }

    /// `error_description`, or Microsoft's camelCase `errorDescription` when
    /// that is absent ([RFC 6750 §3](https://www.rfc-editor.org/rfc/rfc6750#section-3)).
    /// **Raw server text** for developers: it can change at any time and no
    /// decision should read it.
    ///
    /// ```
    /// use oauth_triage::Challenges;
    ///
    /// let challenges = Challenges::parse(r#"Bearer error="invalid_token", errorDescription="The token is expired""#)?;
    /// // For a developer-facing message only.
    /// assert_eq!(challenges[0].error_description(), Some("The token is expired"));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn error_description(&self) -> Option<&str> {
        DESCRIPTION_NAMES.iter().find_map(|name| self.param(name))
    }

    /// `error_uri`: a page about the error
    /// ([RFC 6750 §3](https://www.rfc-editor.org/rfc/rfc6750#section-3)).
    pub(crate) fn error_uri(&self) -> Option<&str> {
        self.param("error_uri")
    }

    /// `max_age`: the longest time, in seconds, since the user last
    /// authenticated actively
    /// ([RFC 9470 §3](https://www.rfc-editor.org/rfc/rfc9470#section-3)).
    /// Sent as a token or a quoted string; `None` when absent or when the
    /// value is not all ASCII digits (or does not fit a `u64`).
    ///
    /// ```
    /// # use oauth_triage::Challenges;
    /// let challenges = Challenges::parse(r#"Bearer max_age="5", DPoP max_age=300"#)?;
    /// assert_eq!(challenges[0].max_age(), Some(5));
    /// assert_eq!(challenges[1].max_age(), Some(300));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn max_age(&self) -> Option<u64> {
        let value = self.param("max_age")?;
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        value.parse().ok()
    }

    /// `algs`: the JWS algorithms the resource accepts for DPoP proofs,
    /// split on white space
    /// ([RFC 9449 §7.1](https://www.rfc-editor.org/rfc/rfc9449#section-7.1)).
    /// Empty when absent.
    ///
    /// ```
    /// use oauth_triage::Challenges;
    ///
    /// let challenges = Challenges::parse(r#"DPoP algs="ES256 PS256", error="invalid_dpop_proof""#)?;
    /// // Sign the next proof with an algorithm both sides support.
    /// let alg = challenges[0].algs().find(|alg| ["EdDSA", "ES256"].contains(alg));
    /// assert_eq!(alg, Some("ES256"));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn algs(&self) -> impl Iterator<Item = &str> {
        self.param("algs").unwrap_or("").split_ascii_whitespace()
    }

    /// `claims` (Microsoft Entra): the claims request of an
    /// `insufficient_claims` challenge
    /// ([claims challenges](https://learn.microsoft.com/entra/identity-platform/claims-challenge)),
    /// decoded from base64 to its JSON text, ready to pass as the `claims`
    /// parameter of the next token or authorization request.
    ///
    /// Decoding accepts the standard and URL-safe alphabets and repairs
    /// missing or extra `=` padding. When the value cannot be decoded (a
    /// character outside base64, a truncated final group, or bytes that are
    /// not UTF-8) the raw value is returned unchanged, since some servers
    /// send the JSON itself. `None` when absent or empty.
    ///
    /// ```
    /// # use oauth_triage::Challenges;
    /// let value = r#"Bearer realm="", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiY3AxIn19fQ==""#;
    /// let challenges = Challenges::parse(value)?;
    /// assert_eq!(
    ///     challenges[0].claims().as_deref(),
    ///     Some(r#"{"access_token":{"acrs":{"essential":true,"value":"cp1"}}}"#)
    /// );
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn claims(&self) -> Option<Cow<'_, str>> {
        let raw = self.param("claims").filter(|value| !value.is_empty())?;
        match decode_base64(raw).and_then(|bytes| String::from_utf8(bytes).ok()) {
            // `claims="="` decodes to nothing: there is no claims request.
            Some(json) if json.trim().is_empty() => None,
            Some(json) => Some(Cow::Owned(json)),
            None => Some(Cow::Borrowed(raw)),
        }
    }

    /// Copies borrowed text so the value no longer borrows the input.
    ///
    /// ```
    /// use oauth_triage::{Challenge, Challenges, ErrorName, ParseError};
    ///
    /// // The header value is dropped on return; the challenge lives on.
    /// fn first_challenge(value: String) -> Result<Option<Challenge<'static>>, ParseError> {
    ///     Ok(Challenges::parse(&value)?.first().cloned().map(Challenge::into_owned))
    /// }
    /// let challenge = first_challenge(r#"Bearer realm="", error="invalid_token""#.to_owned())?.ok_or("no challenge")?;
    /// assert_eq!(challenge.error(), Some(ErrorName::InvalidToken));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_owned(self) -> Challenge<'static> {
        Challenge {
            scheme: into_static(self.scheme),
            token68: self.token68.map(into_static),
            params: self
                .params
                .into_iter()
                .map(|(n, v)| (into_static(n), into_static(v)))
                .collect(),
        }
    }
}

/// Every challenge of a response, gathered from one or more
/// `WWW-Authenticate` headers, and the one [`classify`](crate::classify)
/// reads.
///
/// A resource may offer several schemes (`Bearer, DPoP algs="ES256"`), and
/// RFC 9449 §7.2 puts an `error` only on the challenge of the scheme the
/// client used. [`Challenges::in_use`] picks that challenge: the one of the
/// scheme named by [`Challenges::sent_scheme`], else the first `Bearer` or
/// `DPoP` challenge that carries an `error`, else the first `Bearer` or
/// `DPoP` challenge. Other schemes (`Basic`, `Negotiate`) are kept but never
/// classified: a new OAuth token does not answer them.
///
/// A header that cannot be parsed does not stop the others: its
/// [`ParseError`] is kept ([`Challenges::parse_error`]) and the challenges
/// of the other headers still count.
///
/// # Examples
///
/// ```
/// use oauth_triage::{classify, Action, Challenges};
///
/// // Two WWW-Authenticate headers on one 401.
/// let challenges = Challenges::default()
///     .header(r#"Basic realm="legacy""#)
///     .header(r#"Bearer realm="api", error="invalid_token""#);
/// assert_eq!(challenges.iter().len(), 2);
/// assert_eq!(challenges.in_use().map(|c| c.scheme()), Some("Bearer"));
/// assert_eq!(classify(&challenges).action(), &Action::Renew);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Challenges<'a> {
    list: Vec<Challenge<'a>>,
    sent_scheme: Option<Cow<'a, str>>,
    parse_error: Option<ParseError>,
}

impl<'a> Challenges<'a> {
    /// Parses every challenge of one `WWW-Authenticate` field value, with the
    /// default [`Limits`].
    ///
    /// A response can carry the field several times: parse the first and
    /// add the others with [`Challenges::header`], in order.
    ///
    /// Lenient where real servers are:
    ///
    /// - empty list elements (`Bearer, , DPoP`) and a bare scheme (`Bearer`);
    /// - any ASCII white space, line breaks included, where the grammar allows
    ///   white space (headers pasted from logs or folded over lines), and
    ///   inside quoted strings;
    /// - an unquoted value that is not an RFC token (a URL, say) runs to the
    ///   next white space or comma;
    /// - parameters separated by white space instead of a comma, as long as
    ///   the next one is `name=...`;
    /// - a parameter after a comma belongs to the challenge before it, also
    ///   when that is a bare scheme (`Bearer, realm="x"`);
    /// - two challenges run together without a comma, when the second
    ///   starts with a scheme after white space
    ///   (`Bearer realm="a", resource="b" Bearer realm="c"`, as azure-core
    ///   for Python reads them; after a token68 too: `Negotiate abc Bearer`);
    /// - Facebook's pre-RFC 6750 `OAuth` form with values by position
    ///   (`OAuth "Facebook Platform" "invalid_code" "..."`), read as
    ///   `realm`, `error` and `error_description`.
    ///
    /// A lone `name=` right after the scheme is read as a token68, as the
    /// grammar says (`Basic abc=`); anywhere else it is an error.
    ///
    /// # Errors
    ///
    /// - [`ParseError::TooLarge`] when the value is longer than
    ///   [`Limits::max_header`];
    /// - [`ParseError::Empty`] when it holds no challenge (only white space and
    ///   commas);
    /// - [`ParseError::Duplicate`] when a parameter name (ignoring case)
    ///   appears twice in one challenge;
    /// - [`ParseError::InvalidChallenge`] wherever the meaning would be
    ///   ambiguous: an unterminated quoted string, a parameter without a value,
    ///   parameters before any scheme or after a token68, a quoted value
    ///   where a parameter name belongs (outside the `OAuth` form above),
    ///   control characters.
    ///
    /// ```
    /// use oauth_triage::Challenges;
    ///
    /// let challenges = Challenges::parse(r#"Bearer, DPoP algs="ES256 PS256""#)?;
    /// assert_eq!(challenges.iter().len(), 2);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn parse(value: &'a str) -> Result<Self, ParseError> {
        Ok(Self::from(Challenge::parse_all(value)?))
    }

    /// Adds the challenges of one more `WWW-Authenticate` header, read with
    /// the default [`Limits`] (an [`HttpResponse`](crate::HttpResponse)
    /// applies its own). A value that cannot be parsed adds nothing; the
    /// first such problem is kept in [`Challenges::parse_error`].
    ///
    /// ```
    /// use oauth_triage::{classify, Action, Challenges};
    ///
    /// // A header that cannot be read does not hide the one that can.
    /// let challenges = Challenges::default()
    ///     .header(r#"Basic realm="intranet"#) // the quoted string never ends
    ///     .header(r#"Bearer realm="", error="invalid_token""#);
    /// assert_eq!(challenges.iter().len(), 1);
    /// assert!(challenges.parse_error().is_some());
    /// assert_eq!(classify(&challenges).action(), &Action::Renew);
    /// ```
    #[must_use]
    pub fn header(mut self, value: &'a str) -> Self {
        self.add_header_with(value, &Limits::DEFAULT);
        self
    }

    /// Adds the challenges of one more header value within the given
    /// limits (those of an [`HttpResponse`](crate::HttpResponse)).
    pub(crate) fn add_header_with(&mut self, value: &'a str, limits: &Limits) {
        match Challenge::parse_all_with(value, limits) {
            Ok(list) if self.room_for(list.len(), limits) => self.list.extend(list),
            Ok(_) => {}
            Err(err) => self.record(err),
        }
    }

    /// Adds the challenges of a header value that the caller does not keep:
    /// they are parsed, then copied.
    pub(crate) fn add_owned_header_with(&mut self, value: &str, limits: &Limits) {
        match Challenge::parse_all_with(value, limits) {
            Ok(list) if self.room_for(list.len(), limits) => {
                let owned = list.into_iter().map(|c: Challenge<'_>| c.into_owned());
                self.list.extend(owned);
            }
            Ok(_) => {}
            Err(err) => self.record(err),
        }
    }

    /// Keeps the first problem met while reading the headers.
    pub(crate) fn record(&mut self, err: ParseError) {
        self.parse_error.get_or_insert(err);
    }

    /// Whether `more` challenges fit within [`Limits::max_challenges`],
    /// which bounds the whole response, every header together; when they
    /// do not, the header adds none and the problem is kept.
    fn room_for(&mut self, more: usize, limits: &Limits) -> bool {
        match check_count(self.list.len() + more, limits.max_challenges, "challenges") {
            Ok(()) => true,
            Err(err) => {
                self.record(err);
                false
            }
        }
    }

    /// Names the scheme the request sent its token with (`Bearer` or
    /// `DPoP`), so that [`Challenges::in_use`] reads that scheme's challenge.
    ///
    /// ```
    /// use oauth_triage::{classify, Action, Challenges};
    ///
    /// let value = r#"Bearer error="invalid_token", DPoP error="invalid_dpop_proof", algs="ES256""#;
    /// let challenges = Challenges::parse(value)?;
    /// assert_eq!(classify(&challenges).action(), &Action::Renew);
    /// // The token was sent as a DPoP-bound token: its proof was refused, not the token.
    /// let challenges = challenges.sent_scheme("DPoP");
    /// assert_eq!(classify(&challenges).action(), &Action::FixRequest);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    #[must_use]
    pub fn sent_scheme(mut self, scheme: impl Into<Cow<'a, str>>) -> Self {
        self.sent_scheme = Some(scheme.into());
        self
    }

    /// The challenge that classification reads (see the type's docs), if any.
    ///
    /// ```
    /// use oauth_triage::{Challenges, ErrorName};
    ///
    /// let value = r#"Bearer error="invalid_token", DPoP error="use_dpop_nonce", algs="ES256""#;
    /// let challenges = Challenges::parse(value)?;
    /// assert_eq!(challenges.in_use().and_then(|c| c.error()), Some(ErrorName::InvalidToken));
    /// let challenges = challenges.sent_scheme("DPoP");
    /// assert_eq!(challenges.in_use().and_then(|c| c.error()), Some(ErrorName::UseDpopNonce));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn in_use(&self) -> Option<&Challenge<'a>> {
        if let Some(scheme) = &self.sent_scheme {
            if let Some(found) = self.list.iter().find(|c| c.is_scheme(scheme)) {
                return Some(found);
            }
        }
        let mut oauth = self
            .list
            .iter()
            .filter(|c| c.is_scheme("Bearer") || c.is_scheme("DPoP"));
        let first = oauth.clone().next();
        oauth.find(|c| c.error().is_some()).or(first)
    }

    /// Why a header could not be parsed, for the first one that could not.
    ///
    /// ```
    /// use oauth_triage::{Challenges, ParseError};
    ///
    /// // Two `error` parameters in one challenge: there is no telling which is meant.
    /// let challenges = Challenges::default().header(r#"Bearer error="invalid_token", error="insufficient_scope""#);
    /// assert_eq!(challenges.iter().len(), 0);
    /// assert_eq!(challenges.parse_error().map(ParseError::kind), Some("duplicate"));
    /// ```
    pub fn parse_error(&self) -> Option<&ParseError> {
        self.parse_error.as_ref()
    }

    /// Copies borrowed text so the value no longer borrows the input.
    ///
    /// ```
    /// use oauth_triage::{classify, Action, Challenges};
    ///
    /// // Keep the challenges after the response's headers are gone.
    /// let challenges: Challenges<'static> = {
    ///     let header = String::from(r#"Bearer realm="", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTcxNDY0MTI0NyJ9fX0=""#);
    ///     Challenges::parse(&header)?.into_owned()
    /// };
    /// assert!(matches!(classify(&challenges).action(), Action::StepUp(_)));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn into_owned(self) -> Challenges<'static> {
        Challenges {
            list: self.list.into_iter().map(Challenge::into_owned).collect(),
            sent_scheme: self.sent_scheme.map(into_static),
            parse_error: self.parse_error,
        }
    }
}

impl<'a> From<Vec<Challenge<'a>>> for Challenges<'a> {
    fn from(list: Vec<Challenge<'a>>) -> Self {
        Self {
            list,
            ..Self::default()
        }
    }
}

impl<'a> FromIterator<Challenge<'a>> for Challenges<'a> {
    fn from_iter<I: IntoIterator<Item = Challenge<'a>>>(iter: I) -> Self {
        Self::from(iter.into_iter().collect::<Vec<_>>())
    }
}

/// The challenges as a slice, in the order the headers gave them: `len`,
/// `is_empty`, `iter`, indexing and the rest of the slice methods.
///
/// ```
/// use oauth_triage::Challenges;
///
/// let challenges = Challenges::parse(r#"Bearer realm="api", DPoP algs="ES256 PS256""#)?;
/// assert_eq!(challenges.len(), 2);
/// assert_eq!(challenges[1].scheme(), "DPoP");
/// assert_eq!(challenges.iter().filter(|c| c.is_scheme("bearer")).count(), 1);
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
impl<'a> std::ops::Deref for Challenges<'a> {
    type Target = [Challenge<'a>];

    fn deref(&self) -> &[Challenge<'a>] {
        &self.list
    }
}

impl<'s, 'a> IntoIterator for &'s Challenges<'a> {
    type Item = &'s Challenge<'a>;
    type IntoIter = std::slice::Iter<'s, Challenge<'a>>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

/// Decodes base64 in either alphabet (`+/` or `-_`, even mixed), ignoring
/// any trailing `=` padding (missing, right or extra) and the unused bits of
/// a final group. `None` for a character outside the alphabets, a `=`
/// before the end, or a final group of a single character.
///
/// The `base64` crate decodes; what is ours is the leniency servers need:
/// the padding is stripped here and the engine asked for none, the URL-safe
/// characters are mapped onto the standard alphabet (only when there are
/// any), and trailing bits are allowed, as they were by our own decoder.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    use base64::alphabet::STANDARD;
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    use base64::Engine as _;

    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::RequireNone)
            .with_decode_allow_trailing_bits(true),
    );
    let data = text.trim_end_matches('=');
    let data: Cow<'_, str> = if data.contains(['-', '_']) {
        Cow::Owned(data.replace('-', "+").replace('_', "/"))
    } else {
        Cow::Borrowed(data)
    };
    LENIENT.decode(data.as_bytes()).ok()
}
