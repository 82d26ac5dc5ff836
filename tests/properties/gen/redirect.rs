//! Authorization redirects and `form_post` bodies: a model of the
//! parameters, rendered in every shape a response travels in.

use super::*;

use std::collections::HashSet;
use std::fmt::Write as _;

use oauth_triage::{
    classify, AuthorizeError, Callback, ExpectedCallback, ParseError, ResponseMode,
    VerifiedCallback,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

/// The parameters `AuthorizeError` reads, and those that mark a success or a
/// JARM response.
pub(crate) const REDIRECT_NAMES: &[&str] = &[
    "error",
    "error_description",
    "error_uri",
    "state",
    "iss",
    "error_subcode",
    "suberror",
    "code",
    "access_token",
    "id_token",
    "response",
];

/// Form-urlencodes `text`, each character raw or encoded as its style byte
/// says: `+` or `%20` for a space, `%XX` in either case, raw UTF-8.
/// `sub_delims` lets `/:@!$'()*,;` stay raw (in values only: a name must
/// not start a fragment with `/`).
pub(crate) fn form_encode(text: &str, styles: &[u8], sub_delims: bool) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        let style = styles.get(i).copied().unwrap_or(0);
        let raw_ok = c.is_ascii_alphanumeric()
            || "-._~".contains(c)
            || (sub_delims && style & 8 != 0 && "/:@!$'()*,;".contains(c))
            || (!c.is_ascii() && style & 16 != 0);
        if raw_ok && style & 3 != 3 {
            out.push(c);
        } else if c == ' ' && style & 1 == 0 {
            out.push('+');
        } else {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                if style & 4 == 0 {
                    write!(out, "%{byte:02X}").unwrap();
                } else {
                    write!(out, "%{byte:02x}").unwrap();
                }
            }
        }
    }
    out
}

#[derive(Clone, Debug)]
pub(crate) struct Param {
    pub(crate) name: String,
    pub(crate) value: String,
    pub(crate) name_styles: Vec<u8>,
    pub(crate) value_styles: Vec<u8>,
}

impl Param {
    pub(crate) fn render(&self) -> String {
        format!(
            "{}={}",
            form_encode(&self.name, &self.name_styles, false),
            form_encode(&self.value, &self.value_styles, true)
        )
    }
}

/// Where the parameters travel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Shape {
    /// `base?params`, maybe followed by a fragment without response parameters.
    Query,
    /// `base#params`, maybe after a query of the client's own.
    Fragment,
    /// `base#/params`
    HashRouter,
    /// `base#/callback?params`
    HashRouterPath,
    /// `params` alone.
    Bare,
    /// `?params`
    BareQuery,
    /// `#params`
    BareFragment,
    /// A `form_post` body.
    FormPost,
}

pub(crate) const SHAPES: &[Shape] = &[
    Shape::Query,
    Shape::Fragment,
    Shape::HashRouter,
    Shape::HashRouterPath,
    Shape::Bare,
    Shape::BareQuery,
    Shape::BareFragment,
    Shape::FormPost,
];

pub(crate) const BASES: &[&str] = &[
    "https://app.example/callback",
    "http://localhost:3000/",
    "urn:ietf:wg:oauth:2.0:oob",
    "msal00000000-0000-0000-0000-000000000000://auth",
    "/cb",
];

/// A fragment after a query response, and a query before a fragment
/// response: neither holds a response parameter.
pub(crate) const OTHER_PART: &[(&str, &str)] = &[
    ("section", "client_id=abc"),
    ("/home", "lang=en&x=y%20z"),
    ("", ""),
    ("/", "tenant=common"),
];

pub(crate) const FORM_SEPS: &[&str] = &["&", "&", "&", "&&", " &", "& "];

#[derive(Clone, Debug)]
pub(crate) struct Redirect {
    pub(crate) params: Vec<Param>,
    pub(crate) shape: Shape,
    pub(crate) base: &'static str,
    pub(crate) other: Option<usize>,
    pub(crate) seps: Vec<&'static str>,
}

/// Every field of an `AuthorizeError`, as plain values.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct AuthorizeFields {
    pub(crate) error: String,
    pub(crate) description: Option<String>,
    pub(crate) error_uri: Option<String>,
    pub(crate) code: Option<u32>,
    pub(crate) state: Option<String>,
    pub(crate) iss: Option<String>,
    pub(crate) error_subcode: Option<String>,
    pub(crate) suberror: Option<String>,
    pub(crate) extra: Vec<(String, String)>,
    pub(crate) mode: Option<ResponseMode>,
}

impl AuthorizeFields {
    /// The fields of an error callback: the error's own, the AADSTS code
    /// the classification reads from `error_uri`, and the callback's
    /// `state`, `iss` and response mode.
    pub(crate) fn of(verified: &VerifiedCallback<'_>) -> Self {
        let err = error_of(verified);
        let callback = verified.callback();
        Self {
            error: err.error().as_str().to_owned(),
            description: err.description().map(str::to_owned),
            error_uri: err.error_uri().map(str::to_owned),
            code: classify(err).codes().first().map(|c| c.get()),
            state: callback.state().map(str::to_owned),
            iss: callback.iss().map(str::to_owned),
            error_subcode: err.error_subcode().map(str::to_owned),
            suberror: err.suberror().map(|s| s.as_str().to_owned()),
            extra: err
                .extra()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            mode: Some(callback.response_mode()),
        }
    }
}

/// A callback let through the check without comparing its `state` (the
/// properties of the checks are in `callback`); a success is
/// [`ParseError::Success`] here, where only error callbacks are expected.
pub(crate) fn error_callback(
    parsed: Result<Callback<'_>, ParseError>,
) -> Result<VerifiedCallback<'_>, ParseError> {
    let verified = parsed?
        .check(&ExpectedCallback::state_not_checked())
        .expect("no issuer is expected");
    match verified.error() {
        Some(_) => Ok(verified),
        None => Err(ParseError::Success),
    }
}

/// The error of a callback that [`error_callback`] let through.
#[track_caller]
pub(crate) fn error_of<'v, 'a>(verified: &'v VerifiedCallback<'a>) -> &'v AuthorizeError<'a> {
    verified.error().expect("an error callback")
}

impl Redirect {
    pub(crate) fn params(&self, desc: &Desc) -> Vec<Param> {
        let mut params = self.params.clone();
        let is_description = |p: &Param| p.name == "error_description";
        match desc {
            Desc::Keep => {}
            Desc::Remove => params.retain(|p| !is_description(p)),
            Desc::Replace(text) => {
                let param = Param {
                    name: "error_description".to_owned(),
                    value: text.clone(),
                    name_styles: Vec::new(),
                    value_styles: Vec::new(),
                };
                match params.iter().position(is_description) {
                    Some(i) => params[i] = param,
                    None => params.push(param),
                }
            }
        }
        params
    }

    pub(crate) fn render(&self, desc: &Desc) -> String {
        let mut seps = self.seps.iter().copied().cycle();
        let mut params = String::new();
        for (i, param) in self.params(desc).iter().enumerate() {
            if i > 0 {
                params.push_str(seps.next().unwrap());
            }
            params.push_str(&param.render());
        }
        let base = self.base;
        let other = self.other.map(|i| OTHER_PART[i]);
        match self.shape {
            Shape::Query => match other {
                Some((fragment, _)) => format!("{base}?{params}#{fragment}"),
                None => format!("{base}?{params}"),
            },
            Shape::Fragment => match other {
                Some((_, query)) => format!("{base}?{query}#{params}"),
                None => format!("{base}#{params}"),
            },
            Shape::HashRouter => format!("{base}#/{params}"),
            Shape::HashRouterPath => format!("{base}#/callback?{params}"),
            Shape::Bare | Shape::FormPost => params,
            Shape::BareQuery => format!("?{params}"),
            Shape::BareFragment => format!("#{params}"),
        }
    }

    pub(crate) fn parse<'a>(&self, text: &'a str) -> Result<VerifiedCallback<'a>, ParseError> {
        error_callback(match self.shape {
            Shape::FormPost => Callback::from_form_post(text.as_bytes()),
            _ => Callback::from_redirect_uri(text),
        })
    }

    pub(crate) fn expect(&self, desc: &Desc) -> AuthorizeFields {
        let mut f = AuthorizeFields::default();
        for Param { name, value, .. } in self.params(desc) {
            // RFC 6749 §3.1: a parameter without a value is omitted.
            if value.is_empty() {
                continue;
            }
            match name.as_str() {
                "error" => f.error = value,
                "error_description" => f.description = Some(value),
                "error_uri" => f.error_uri = Some(value),
                "state" => f.state = Some(value),
                "iss" => f.iss = Some(value),
                "error_subcode" => f.error_subcode = Some(value),
                "suberror" => f.suberror = Some(value),
                _ => f.extra.push((name, value)),
            }
        }
        f.code = f.error_uri.as_deref().and_then(expected_uri_code);
        f.mode = Some(match self.shape {
            Shape::Query | Shape::Bare | Shape::BareQuery => ResponseMode::Query,
            Shape::Fragment | Shape::HashRouter | Shape::HashRouterPath | Shape::BareFragment => {
                ResponseMode::Fragment
            }
            Shape::FormPost => ResponseMode::FormPost,
        });
        f
    }

    pub(crate) fn with_error(&self, error: &str) -> Self {
        let mut redirect = self.clone();
        for param in &mut redirect.params {
            if param.name == "error" {
                param.value = error.to_owned();
            }
        }
        redirect
    }
}

impl Redirect {
    pub(crate) fn callback<'a>(&self, text: &'a str) -> Result<Callback<'a>, ParseError> {
        match self.shape {
            Shape::FormPost => Callback::from_form_post(text.as_bytes()),
            _ => Callback::from_redirect_uri(text),
        }
    }

    /// The decoded pairs, as a web framework hands them over.
    pub(crate) fn pairs(&self, desc: &Desc) -> Vec<(String, String)> {
        self.params(desc)
            .into_iter()
            .map(|p| (p.name, p.value))
            .collect()
    }
}

pub(crate) fn param(
    name: &'static str,
    value: impl Strategy<Value = String>,
) -> impl Strategy<Value = Param> {
    (value, styles(), styles()).prop_map(move |(value, name_styles, value_styles)| Param {
        name: name.to_owned(),
        value,
        name_styles,
        value_styles,
    })
}

pub(crate) fn extra_param() -> impl Strategy<Value = Param> {
    (
        prop_oneof!["[a-z_]{1,12}", text(0..8)],
        text(0..16),
        styles(),
        styles(),
    )
        .prop_filter("a parameter the crate reads", |(name, ..)| {
            !REDIRECT_NAMES.contains(&name.as_str())
        })
        .prop_map(|(name, value, name_styles, value_styles)| Param {
            name,
            value,
            name_styles,
            value_styles,
        })
}

pub(crate) fn redirect() -> BoxedStrategy<Redirect> {
    let params = (
        param("error", error_value()),
        option::of(param("error_description", description())),
        option::of(param("error_uri", error_uri())),
        option::of(param(
            "state",
            prop_oneof!["[A-Za-z0-9_-]{1,24}", text(0..16)],
        )),
        option::of(param(
            "iss",
            prop_oneof![
                Just(
                    "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0"
                        .to_owned()
                ),
                text(0..12),
            ],
        )),
        option::of(param(
            "error_subcode",
            prop_oneof![Just("cancel".to_owned()), text(0..8)],
        )),
        option::of(param("suberror", suberror_value())),
        vec(extra_param(), 0..4),
    )
        .prop_flat_map(
            |(error, description, uri, state, iss, subcode, suberror, extra)| {
                let mut seen = HashSet::new();
                let params: Vec<Param> =
                    [Some(error), description, uri, state, iss, subcode, suberror]
                        .into_iter()
                        .flatten()
                        .chain(extra)
                        .filter(|p| seen.insert(p.name.clone()))
                        .collect();
                Just(params).prop_shuffle()
            },
        );
    (
        params,
        select(SHAPES),
        select(BASES),
        option::of(0..OTHER_PART.len()),
        vec(select(FORM_SEPS), 1..4),
    )
        .prop_map(|(params, shape, base, other, seps)| Redirect {
            params,
            shape,
            base,
            other,
            seps,
        })
        .boxed()
}
