//! Form-urlencoded parameters (RFC 6749 Appendix B) as authorization
//! responses carry them: in the query or the fragment of a redirect URI, or
//! in a `form_post` body. Decoding borrows when there is nothing to decode.

use std::borrow::Cow;

use crate::authorize::ResponseMode;
use crate::error::excerpt;
use crate::{Limits, ParseError};

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

/// The parameters of a redirect URI and where they were: the fragment when
/// it holds a response parameter (`error`, `code`, `state`, ...), else the
/// query. A response split between the two (`error` or `code` in both) is
/// a duplicate.
pub(crate) fn redirect_params<'a>(
    uri: &'a str,
    limits: &Limits,
) -> Result<(Params<'a>, ResponseMode), ParseError> {
    crate::limits::check(uri.len(), limits.max_url)?;
    if uri.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let (query, fragment) = split_uri(uri);
    let fragment = match fragment {
        Some(part) => parse_form(part, limits)?,
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
        Some(i) => (&uri[..i], Some(fragment_params(uri, i + 1))),
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

/// The parameters of a fragment starting at byte `at`, past a hash-router
/// path: `#/error=...` and `#/callback?error=...`. Tabs and line breaks
/// around the router's `/` are ignored, as everywhere else.
fn fragment_params(uri: &str, at: usize) -> Part<'_> {
    let fragment = &uri[at..];
    let is_break = |c: char| matches!(c, '\t' | '\r' | '\n');
    if !fragment.trim_start_matches(is_break).starts_with('/') {
        return Part { text: fragment, at };
    }
    match fragment.find('?') {
        Some(i) => Part {
            text: &fragment[i + 1..],
            at: at + i + 1,
        },
        None => {
            let path = fragment.len()
                - fragment
                    .trim_start_matches(|c| c == '/' || is_break(c))
                    .len();
            Part {
                text: &fragment[path..],
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
        params.push((decode(name, offset)?, decode(value, value_at)?));
    }
    Ok(params)
}

/// Decodes one form-urlencoded component starting at byte `at` of the
/// input: `+` is a space, `%XX` a byte; tabs and line breaks are dropped,
/// also inside a `%XX` escape (a URL wrapped there). Borrows when there is
/// nothing to decode.
fn decode(text: &str, at: usize) -> Result<Cow<'_, str>, ParseError> {
    let bytes = text.as_bytes();
    if !bytes
        .iter()
        .any(|&b| matches!(b, b'+' | b'%' | b'\t' | b'\r' | b'\n'))
    {
        return Ok(Cow::Borrowed(text));
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
    String::from_utf8(out)
        .map(Cow::Owned)
        .map_err(|_| ParseError::BadPercentEncoding {
            offset: at,
            reason: "the decoded bytes are not UTF-8",
        })
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

/// Parameters a web framework has already split and decoded, as (name,
/// value) pairs, bounded by [`Limits::max_params`].
pub(crate) fn pairs_params<'a, I, K, V>(pairs: I, limits: &Limits) -> Result<Params<'a>, ParseError>
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

/// The parameters of a query given alone, without the `?` (axum's
/// `RawQuery`, `http::Uri::query()`, actix-web's `query_string()`): no
/// looking for `?` or `#`, which a query may hold in its values.
pub(crate) fn query_params<'a>(query: &'a str, limits: &Limits) -> Result<Params<'a>, ParseError> {
    crate::limits::check(query.len(), limits.max_url)?;
    if query.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    parse_form(Part { text: query, at: 0 }, limits)
}
