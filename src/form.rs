//! Form-urlencoded parameters (RFC 6749 Appendix B) as authorization
//! responses carry them: in the query or the fragment of a redirect URI, or
//! in a `form_post` body. Decoding borrows when there is nothing to decode.
//!
//! A redirect URI comes as text ([`redirect_params`]), as a `url::Url`
//! (`url_params`, `url` feature) or as an `http::Uri` (`uri_params`, `http`
//! feature), and the three choose between query and fragment alike
//! ([`query_or_fragment`]). Parameters that a framework has already decoded
//! come as pairs, from ordered sources only ([`QueryPairs`]).

use std::borrow::Cow;
use std::fmt;

use crate::error::{excerpt, ParseError};
use crate::limits::Limits;

/// Where an authorization response carried its parameters.
///
/// # Examples
///
/// ```
/// use oauth_triage::{Callback, ResponseMode};
///
/// // An SPA's hash router received the implicit-flow error in the fragment.
/// let callback = Callback::from_redirect_uri("https://spa.example/#/auth?error=login_required&state=Zx81")?;
/// assert_eq!(callback.response_mode(), ResponseMode::Fragment);
/// assert_eq!(callback.response_mode().to_string(), "fragment");
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResponseMode {
    /// The query of the redirect URI (`response_mode=query`, the default for
    /// the code flow).
    Query,
    /// The fragment of the redirect URI (`response_mode=fragment`, the
    /// default for implicit and hybrid flows).
    Fragment,
    /// A form posted to the redirect URI (`response_mode=form_post`).
    FormPost,
}

impl ResponseMode {
    /// The `response_mode` value: `query`, `fragment` or `form_post`.
    ///
    /// ```
    /// use oauth_triage::Callback;
    ///
    /// // Check the callback came back the way the request asked for it.
    /// let requested = "form_post";
    /// let callback = Callback::from_form_post(b"error=login_required&state=Zx81")?;
    /// assert_eq!(callback.response_mode().as_str(), requested);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Query => "query",
            Self::Fragment => "fragment",
            Self::FormPost => "form_post",
        }
    }
}

impl fmt::Display for ResponseMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Parameters whose presence marks the container that holds the response.
pub(crate) const RESPONSE_PARAMS: &[&str] = &[
    "error",
    "code",
    "state",
    "iss",
    "access_token",
    "id_token",
    "response",
];

/// The parameters of a redirect URI given as text, and where they were, as
/// [`query_or_fragment`] chooses. Without `?` or `#` the whole text is
/// taken as the parameters (a bare query). Offsets in errors are byte
/// offsets in `uri`.
pub(crate) fn redirect_params<'a>(
    uri: &'a str,
    limits: &Limits,
) -> Result<(Params<'a>, ResponseMode), ParseError> {
    crate::limits::check(uri.len(), limits.max_url)?;
    if uri.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let (query, fragment) = split_uri(uri);
    query_or_fragment(query, fragment, limits)
}

/// The parameters of a parsed [`url::Url`] and where they were, chosen as
/// for a redirect URI given as text ([`query_or_fragment`]: the fragment if
/// it holds a response parameter, else the query; hash-router fragments
/// `#/route?error=...` understood).
///
/// The text read is the URL as `url` serialized it ([`url::Url::as_str`],
/// which is also what its `Display` writes), and that is what offsets in
/// errors ([`ParseError::BadPercentEncoding`]) count bytes in and what
/// [`Limits::max_url`] measures. It may differ from the text the URL was
/// parsed from: parsing dropped tabs and line breaks, trimmed spaces at the
/// ends, percent-encoded raw spaces, quotes and non-ASCII characters, and
/// normalized the scheme, host and path. So a raw space that the text
/// parser would trim around a parameter (a pasted, indented URL) reaches
/// this one as `%20`, which is data; a malformed escape (`%zz`) and bytes
/// that are not UTF-8 once decoded are errors, as in the text, where
/// `Url::query_pairs` would pass them on.
#[cfg(feature = "url")]
pub(crate) fn url_params<'a>(
    url: &'a url::Url,
    limits: &Limits,
) -> Result<(Params<'a>, ResponseMode), ParseError> {
    crate::limits::check(url.as_str().len(), limits.max_url)?;
    let query = url.query().map(|text| Part {
        text,
        at: url[..url::Position::BeforeQuery].len(),
    });
    let fragment = url.fragment().map(|text| Part {
        text,
        at: url[..url::Position::BeforeFragment].len(),
    });
    query_or_fragment(query, fragment, limits)
}

/// The parameters of the query of an [`http::Uri`], as a server sees the
/// redirect URI: the browser never sends the fragment, and an `http::Uri`
/// never holds one (it drops a `#` and what follows), so the mode is always
/// [`ResponseMode::Query`]. A fragment response never reaches a server:
/// the page must read `location.hash` itself and post it.
///
/// Offsets in errors ([`ParseError::BadPercentEncoding`]) are byte offsets
/// in the URI as its `Display` writes it: the request target as received
/// (`/cb?error=...`), or `scheme://authority/path?query` for a URI in
/// absolute form. [`Limits::max_url`] measures the same text.
#[cfg(feature = "http")]
pub(crate) fn uri_params<'a>(
    uri: &'a http::Uri,
    limits: &Limits,
) -> Result<(Params<'a>, ResponseMode), ParseError> {
    // What `Display` writes before the query: `scheme://`, the authority,
    // the path.
    let before = uri.scheme_str().map_or(0, |s| s.len() + "://".len())
        + uri.authority().map_or(0, |a| a.as_str().len())
        + uri.path().len();
    let query = uri.query().map(|text| Part {
        text,
        at: before + "?".len(),
    });
    crate::limits::check(
        query.map_or(before, |q| q.at + q.text.len()),
        limits.max_url,
    )?;
    query_or_fragment(query, None, limits)
}

/// Parameters that are already decoded, as a framework hands them over,
/// in their order, with [`Limits::max_params`] applied: at most that many
/// are taken from `pairs`, and one more is [`ParseError::TooMany`].
///
/// Nothing is trimmed or dropped. The text parser trims only raw
/// whitespace around a parameter (`& state=s`) before decoding, and never
/// a decoded value (`state=a%20` is `"a "`); once a framework has decoded
/// the pairs there is no telling a raw space from an encoded one, and a
/// request target cannot carry raw whitespace anyway. Empty values stay too:
/// readers skip them, as for text (RFC 6749 §3.1).
///
/// Duplicates are not rejected here: [`reject_duplicates`] does that, as
/// for text. Only ordered sources reach this ([`QueryPairs`]): a map has
/// already lost them.
fn pairs_params<'a, I, K, V>(pairs: I, limits: &Limits) -> Result<Params<'a>, ParseError>
where
    I: IntoIterator<Item = (K, V)>,
    K: Into<Cow<'a, str>>,
    V: Into<Cow<'a, str>>,
{
    let mut params = Vec::new();
    for (name, value) in pairs {
        crate::limits::check_count(params.len() + 1, limits.max_params, "parameters")?;
        params.push((name.into(), value.into()));
    }
    Ok(params)
}

/// Decoded (name, value) pairs **in the order they came**, as web
/// frameworks hand them over: what
/// [`Callback::from_query_pairs`](crate::Callback::from_query_pairs) and
/// [`CallbackOptions::from_pairs`](crate::CallbackOptions::from_pairs)
/// take.
///
/// | source | implemented for | names and values (`K`, `V`) |
/// |---|---|---|
/// | axum's `Query<Vec<(String, String)>>`, actix-web's `web::Query<Vec<(String, String)>>` (take the `Vec` out) | `Vec<(K, V)>` | `String`, `&str`, `Cow<str>`: anything `Into<Cow<str>>` |
/// | pairs you hold and keep | `&Vec<(K, V)>`, `&[(K, V)]`, `&[(K, V); N]` | anything `AsRef<str>` (borrowed, not copied) |
/// | a literal list, in tests | `[(K, V); N]` | as for `Vec` |
/// | `url::Url::query_pairs()`, `url::form_urlencoded::parse(..)` | `url::form_urlencoded::Parse` (`url` feature) | `Cow<str>` |
///
/// That is all, on purpose: the trait is sealed, so no other type can
/// implement it. **A `HashMap` or a `BTreeMap` does not compile**, nor does
/// any iterator: a map keeps one value of a duplicated parameter, so
/// `code=attacker&state=guess&state=<real>` would arrive with only the real
/// state, and the attacker's code would pass [`Callback::check`](crate::Callback::check).
/// The parsers reject a duplicated name, and they can only when they see
/// every pair. Collect an iterator into a `Vec` first (`.collect::<Vec<_>>()`),
/// which keeps the order and the duplicates.
///
/// What the compiler says when a map is passed, from Rust 1.78 on (the
/// trait's `#[diagnostic::on_unimplemented]`, which older compilers do
/// not know and this crate leaves out there):
///
/// ```text
/// error[E0277]: `HashMap<String, String>` is not a list of (name, value) pairs in their order
///   |
///   |     Callback::from_query_pairs(map)
///   |     -------------------------- ^^^ ordered pairs only: a map has already dropped any duplicated parameter
///   |
///   = help: the trait `QueryPairs<'_>` is not implemented for `HashMap<String, String>`
///   = note: pass the pairs in order: axum's `Query<Vec<(String, String)>>`, actix-web's `web::Query<Vec<(String, String)>>`, a slice or an array of pairs, `url::Url::query_pairs()`, or the raw query to `Callback::from_query`
/// ```
///
/// The compiler then lists the types that implement the trait
/// (`Vec<(K, V)>`, `[(K, V); N]`, `&'a [(K, V)]`, `&'a Vec<(K, V)>`,
/// `&'a [(K, V); N]`). Before 1.78 that list is all it adds to its own
/// first line: "the trait bound `HashMap<String, String>: QueryPairs<'_>`
/// is not satisfied".
///
/// # Examples
///
/// ```
/// use oauth_triage::{Callback, ExpectedCallback};
///
/// // Owned pairs, as a framework hands them over.
/// let pairs = vec![("code".to_owned(), "0.AXoA-c0de".to_owned()), ("state".to_owned(), "k8Qz1".to_owned())];
/// let verified = Callback::from_query_pairs(&pairs)?.check(&ExpectedCallback::state("k8Qz1"))?;
/// assert_eq!(verified.code(), Some("0.AXoA-c0de"));
/// // Borrowed: the callback borrows from `pairs`, which is still there.
/// assert_eq!(pairs.len(), 2);
///
/// // A slice, an array of `&str` pairs.
/// assert!(Callback::from_query_pairs(&pairs[..]).is_ok());
/// assert!(Callback::from_query_pairs([("error", "login_required"), ("state", "k8Qz1")]).is_ok());
///
/// // An iterator: collect it first, duplicates and all.
/// let collected: Vec<(&str, &str)> = "code=a&state=k8Qz1&state=guess".split('&').filter_map(|p| p.split_once('=')).collect();
/// assert_eq!(Callback::from_query_pairs(collected).map(|_| ()).map_err(|e| e.kind()), Err("duplicate"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// A `HashMap` is refused at compile time:
///
/// ```compile_fail,E0277
/// use std::collections::HashMap;
/// use oauth_triage::Callback;
///
/// // What axum's `Query<HashMap<String, String>>` hands over: the duplicate is gone.
/// let map: HashMap<String, String> = [("code".to_owned(), "attacker".to_owned()), ("state".to_owned(), "k8Qz1".to_owned())].into();
/// let callback = Callback::from_query_pairs(map);
/// ```
///
/// So is a `BTreeMap`, borrowed or not, whatever the response mode:
///
/// ```compile_fail,E0277
/// use std::collections::BTreeMap;
/// use oauth_triage::{Callback, ResponseMode};
///
/// let map = BTreeMap::from([("error", "access_denied"), ("state", "k8Qz1")]);
/// let callback = Callback::options().from_pairs(ResponseMode::FormPost, &map);
/// ```
///
/// And an iterator, which could as well come from a map:
///
/// ```compile_fail,E0277
/// use std::collections::HashMap;
/// use oauth_triage::{Callback, Limits, ResponseMode};
///
/// let map = HashMap::from([("code", "attacker"), ("state", "k8Qz1")]);
/// let callback = Callback::options().limits(Limits::DEFAULT).from_pairs(ResponseMode::Query, map.into_iter());
/// ```
#[cfg_attr(
    not(no_diagnostic_namespace),
    diagnostic::on_unimplemented(
        message = "`{Self}` is not a list of (name, value) pairs in their order",
        label = "ordered pairs only: a map has already dropped any duplicated parameter",
        note = "pass the pairs in order: axum's `Query<Vec<(String, String)>>`, actix-web's `web::Query<Vec<(String, String)>>`, a slice or an array of pairs, `url::Url::query_pairs()`, or the raw query to `Callback::from_query`"
    )
)]
pub trait QueryPairs<'a>: sealed::Pairs<'a> {}

pub(crate) mod sealed {
    use super::Params;
    use crate::error::ParseError;
    use crate::limits::Limits;

    /// What [`QueryPairs`](super::QueryPairs) does, out of users' reach:
    /// no type outside this crate can implement it.
    pub trait Pairs<'a> {
        /// The pairs, in order, with [`Limits::max_params`] applied.
        fn into_params(self, limits: &Limits) -> Result<Params<'a>, ParseError>;
    }
}

impl<'a, K, V> sealed::Pairs<'a> for Vec<(K, V)>
where
    K: Into<Cow<'a, str>>,
    V: Into<Cow<'a, str>>,
{
    fn into_params(self, limits: &Limits) -> Result<Params<'a>, ParseError> {
        pairs_params(self, limits)
    }
}

impl<'a, K, V> QueryPairs<'a> for Vec<(K, V)>
where
    K: Into<Cow<'a, str>>,
    V: Into<Cow<'a, str>>,
{
}

impl<'a, K, V, const N: usize> sealed::Pairs<'a> for [(K, V); N]
where
    K: Into<Cow<'a, str>>,
    V: Into<Cow<'a, str>>,
{
    fn into_params(self, limits: &Limits) -> Result<Params<'a>, ParseError> {
        pairs_params(self, limits)
    }
}

impl<'a, K, V, const N: usize> QueryPairs<'a> for [(K, V); N]
where
    K: Into<Cow<'a, str>>,
    V: Into<Cow<'a, str>>,
{
}

impl<'a, K, V> sealed::Pairs<'a> for &'a [(K, V)]
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    fn into_params(self, limits: &Limits) -> Result<Params<'a>, ParseError> {
        pairs_params(
            self.iter()
                .map(|(name, value)| (name.as_ref(), value.as_ref())),
            limits,
        )
    }
}

impl<'a, K, V> QueryPairs<'a> for &'a [(K, V)]
where
    K: AsRef<str>,
    V: AsRef<str>,
{
}

impl<'a, K, V> sealed::Pairs<'a> for &'a Vec<(K, V)>
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    fn into_params(self, limits: &Limits) -> Result<Params<'a>, ParseError> {
        self.as_slice().into_params(limits)
    }
}

impl<'a, K, V> QueryPairs<'a> for &'a Vec<(K, V)>
where
    K: AsRef<str>,
    V: AsRef<str>,
{
}

impl<'a, K, V, const N: usize> sealed::Pairs<'a> for &'a [(K, V); N]
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    fn into_params(self, limits: &Limits) -> Result<Params<'a>, ParseError> {
        self.as_slice().into_params(limits)
    }
}

impl<'a, K, V, const N: usize> QueryPairs<'a> for &'a [(K, V); N]
where
    K: AsRef<str>,
    V: AsRef<str>,
{
}

/// `url`'s lossy reading of a query: a malformed escape passes through as
/// text and bytes that are not UTF-8 become U+FFFD, so those errors are
/// not seen; give the raw query to `Callback::from_query` to have them.
#[cfg(feature = "url")]
impl<'a> sealed::Pairs<'a> for url::form_urlencoded::Parse<'a> {
    fn into_params(self, limits: &Limits) -> Result<Params<'a>, ParseError> {
        pairs_params(self, limits)
    }
}

#[cfg(feature = "url")]
impl<'a> QueryPairs<'a> for url::form_urlencoded::Parse<'a> {}

/// Rejects a callback whose parameters all lack a value, or that has none
/// at all: a parameter without a value is omitted (RFC 6749 §3.1).
pub(crate) fn reject_no_parameters(params: &Params<'_>) -> Result<(), ParseError> {
    if params.iter().all(|(_, value)| value.is_empty()) {
        Err(ParseError::NoParameters)
    } else {
        Ok(())
    }
}

/// The parameters of the part of a redirect URI that holds the response,
/// and which part it was: the fragment (read past a hash-router path) when
/// it holds a response parameter (`error`, `code`, `state`, ...), else the
/// query. A response split between the two (`error` or `code` in both) is
/// a duplicate. Each part carries its offset in the URI's text, for errors.
fn query_or_fragment<'a>(
    query: Option<Part<'a>>,
    fragment: Option<Part<'a>>,
    limits: &Limits,
) -> Result<(Params<'a>, ResponseMode), ParseError> {
    let fragment = match fragment {
        Some(part) => parse_form(fragment_params(part), limits)?,
        None => Vec::new(),
    };
    let holds_response = |params: &Params<'_>| {
        params
            .iter()
            .any(|(name, _)| RESPONSE_PARAMS.contains(&&**name))
    };
    if holds_response(&fragment) {
        if let Some(part) = query {
            let query = parse_form(part, limits)?;
            if let Some((name, _)) = query
                .iter()
                .find(|(name, _)| *name == "error" || *name == "code")
            {
                return Err(ParseError::Duplicate {
                    name: excerpt(name),
                });
            }
        }
        Ok((fragment, ResponseMode::Fragment))
    } else {
        let query = match query {
            Some(part) => parse_form(part, limits)?,
            None => Vec::new(),
        };
        Ok((query, ResponseMode::Query))
    }
}

/// The parameters of a `form_post` body.
pub(crate) fn form_post_params<'a>(
    body: &'a [u8],
    limits: &Limits,
) -> Result<Params<'a>, ParseError> {
    crate::limits::check(body.len(), limits.max_body)?;
    let body = std::str::from_utf8(body).map_err(|e| ParseError::BadPercentEncoding {
        offset: e.valid_up_to(),
        reason: "the body is not UTF-8",
    })?;
    if body.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    parse_form(Part { text: body, at: 0 }, limits)
}

pub(crate) type Params<'a> = Vec<(Cow<'a, str>, Cow<'a, str>)>;

/// A slice of the input and its byte offset, for error messages.
#[derive(Clone, Copy)]
pub(crate) struct Part<'a> {
    pub(crate) text: &'a str,
    pub(crate) at: usize,
}

/// The query and the fragment of a redirect URI. Without `?` or `#` the whole
/// input is taken as the parameters.
fn split_uri(uri: &str) -> (Option<Part<'_>>, Option<Part<'_>>) {
    let (before, fragment) = match uri.find('#') {
        Some(i) => (
            &uri[..i],
            Some(Part {
                text: &uri[i + 1..],
                at: i + 1,
            }),
        ),
        None => (uri, None),
    };
    let query = match before.find('?') {
        Some(i) => Some(Part {
            text: &before[i + 1..],
            at: i + 1,
        }),
        None if fragment.is_none() => Some(Part { text: uri, at: 0 }),
        None => None,
    };
    (query, fragment)
}

/// The parameters of a fragment, past a hash-router path: `#/error=...` and
/// `#/callback?error=...`. Tabs and line breaks around the router's `/` are
/// ignored, as everywhere else.
fn fragment_params(fragment: Part<'_>) -> Part<'_> {
    let Part { text, at } = fragment;
    let is_break = |c: char| matches!(c, '\t' | '\r' | '\n');
    if !text.trim_start_matches(is_break).starts_with('/') {
        return fragment;
    }
    match text.find('?') {
        Some(i) => Part {
            text: &text[i + 1..],
            at: at + i + 1,
        },
        None => {
            let path = text.len() - text.trim_start_matches(|c| c == '/' || is_break(c)).len();
            Part {
                text: &text[path..],
                at: at + path,
            }
        }
    }
}

/// Splits form-urlencoded text into decoded (name, value) pairs.
pub(crate) fn parse_form<'a>(part: Part<'a>, limits: &Limits) -> Result<Params<'a>, ParseError> {
    let mut params = Vec::new();
    let mut at = part.at;
    for pair in part.text.split('&') {
        let start = at;
        at += pair.len() + 1;
        let trimmed = pair.trim_matches(|c: char| c.is_ascii_whitespace());
        if trimmed.is_empty() {
            continue;
        }
        let offset = start
            + (pair.len()
                - pair
                    .trim_start_matches(|c: char| c.is_ascii_whitespace())
                    .len());
        let (name, value, value_at) = match trimmed.split_once('=') {
            Some((name, value)) => (name, value, offset + name.len() + 1),
            None => (trimmed, "", offset + trimmed.len()),
        };
        crate::limits::check_count(params.len() + 1, limits.max_params, "parameters")?;
        let name = decode(name, offset)?;
        let value = match decode(value, value_at) {
            Ok(value) => value,
            // Free text (a description, a member nothing reads) whose
            // bytes are not UTF-8 (`f%FCr`, Latin-1) is read lossily: how
            // a server encodes its prose never fails the response.
            Err(ParseError::BadPercentEncoding {
                reason: NOT_UTF8, ..
            }) if !is_strict(&name) => decode_lossy(value, value_at)?,
            Err(err) => return Err(err),
        };
        params.push((name, value));
    }
    Ok(params)
}

/// The reason of a value whose decoded bytes are not UTF-8.
const NOT_UTF8: &str = "the decoded bytes are not UTF-8";

/// Whether a parameter's value is read strictly, its bytes UTF-8 once
/// decoded: the values that decide, that a check compares, or that carry a
/// credential. Every other value is free text or unread, and read lossily.
fn is_strict(name: &str) -> bool {
    matches!(
        name,
        "error"
            | "error_uri"
            | "error_codes"
            | "suberror"
            | "error_subtype"
            | "state"
            | "iss"
            | "code"
            | "session_state"
            | "access_token"
            | "id_token"
            | "refresh_token"
            | "token_type"
            | "expires_in"
            | "scope"
            | "response"
            | "interval"
            | "mfa_token"
            | "claims"
            | "device_code"
    )
}

/// `decode`, with bytes that are not UTF-8 as U+FFFD.
fn decode_lossy(text: &str, at: usize) -> Result<Cow<'_, str>, ParseError> {
    Ok(match decode_bytes(text, at)? {
        None => Cow::Borrowed(text),
        Some(bytes) => Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()),
    })
}

/// Decodes one form-urlencoded component starting at byte `at` of the
/// input: `+` is a space, `%XX` a byte; tabs and line breaks are dropped,
/// also inside a `%XX` escape (a URL wrapped there). Borrows when there is
/// nothing to decode.
///
/// This is not `percent-encoding`'s decoder, which `url` uses, although it
/// agrees with it on every input both accept (a property test checks that
/// against `Url::query_pairs`). That one passes a malformed escape through,
/// leaves UTF-8 to its caller and knows neither `+` nor line breaks, so the
/// checks here would be passes of their own around it. Its byte iterator
/// is a call across crates for every byte: decoding into a buffer of our
/// own through it, the redirect parse took 1.4 to 2.1 times the
/// instructions. Its `Cow` conversions, which loop inside the crate, copy
/// and then grow their buffer: 4 allocations for a 30-byte `iss`, where
/// `tests/alloc.rs` pins 1.
fn decode(text: &str, at: usize) -> Result<Cow<'_, str>, ParseError> {
    match decode_bytes(text, at)? {
        None => Ok(Cow::Borrowed(text)),
        Some(bytes) => {
            String::from_utf8(bytes)
                .map(Cow::Owned)
                .map_err(|_| ParseError::BadPercentEncoding {
                    offset: at,
                    reason: NOT_UTF8,
                })
        }
    }
}

/// The bytes `text` decodes to; `None` when there is nothing to decode.
fn decode_bytes(text: &str, at: usize) -> Result<Option<Vec<u8>>, ParseError> {
    let bytes = text.as_bytes();
    if !bytes
        .iter()
        .any(|&b| matches!(b, b'+' | b'%' | b'\t' | b'\r' | b'\n'))
    {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'\t' | b'\r' | b'\n' => {}
            b'%' => {
                let mut digits = bytes[i + 1..]
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| !matches!(b, b'\t' | b'\r' | b'\n'));
                let high = digits.next().and_then(|(_, &b)| hex(b));
                let low = digits.next().and_then(|(j, &b)| Some((j, hex(b)?)));
                let (Some(high), Some((j, low))) = (high, low) else {
                    return Err(ParseError::BadPercentEncoding {
                        offset: at + i,
                        reason: "`%` is not followed by two hex digits",
                    });
                };
                out.push(high << 4 | low);
                // On the low digit; the loop steps past it.
                i += j + 1;
            }
            b => out.push(b),
        }
        i += 1;
    }
    Ok(Some(out))
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Rejects a parameter that appears twice: with two values there is no
/// telling which one the server sent. Names the first duplicated name in
/// sorted order.
pub(crate) fn reject_duplicates(params: &Params<'_>) -> Result<(), ParseError> {
    let duplicate = if params.len() <= 16 {
        // The usual handful: compare each pair, with no allocation.
        params
            .iter()
            .enumerate()
            .filter(|(i, (name, _))| params[..*i].iter().any(|(seen, _)| seen == name))
            .map(|(_, (name, _))| &**name)
            .min()
    } else {
        // Sorting keeps the work n log n for many parameters.
        let mut names: Vec<&str> = params.iter().map(|(name, _)| &**name).collect();
        names.sort_unstable();
        names.windows(2).find(|w| w[0] == w[1]).map(|w| w[0])
    };
    match duplicate {
        Some(name) => Err(ParseError::Duplicate {
            name: excerpt(name),
        }),
        None => Ok(()),
    }
}

/// The parameters of a query given alone, without the `?` (axum's
/// `RawQuery`, `http::Uri::query()`, actix-web's `query_string()`): no
/// looking for `?` or `#`, which a query may hold in its values.
/// An empty query is a callback without parameters, found by the readers
/// ([`ParseError::NoParameters`]).
pub(crate) fn query_params<'a>(query: &'a str, limits: &Limits) -> Result<Params<'a>, ParseError> {
    crate::limits::check(query.len(), limits.max_url)?;
    parse_form(Part { text: query, at: 0 }, limits)
}

#[cfg(test)]
mod tests;
