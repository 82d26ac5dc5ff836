//! Token endpoint error bodies: a model of the members, rendered as JSON.

use super::*;

use oauth_triage::{classify, TokenError};
use proptest::collection::vec;
use proptest::option;
use proptest::sample::select;

/// The members `TokenError` models, and those that mark a success body.
pub(crate) const TOKEN_MEMBERS: &[&str] = &[
    "error",
    "error_description",
    "error_codes",
    "timestamp",
    "trace_id",
    "correlation_id",
    "error_uri",
    "suberror",
    "claims",
    "access_token",
    "id_token",
    "device_code",
];

/// One element of `error_codes`, in one of the forms the parser accepts.
#[derive(Clone, Debug)]
pub(crate) enum Code {
    Number(u32),
    Digits(u32),
    Aadsts(u32),
}

impl Code {
    pub(crate) fn value(&self) -> u32 {
        match *self {
            Self::Number(c) | Self::Digits(c) | Self::Aadsts(c) => c,
        }
    }

    pub(crate) fn json(&self) -> String {
        match self {
            Self::Number(c) => c.to_string(),
            Self::Digits(c) => format!("\"{c}\""),
            Self::Aadsts(c) => format!("\"AADSTS{c}\""),
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) enum Member {
    /// `error`, with the style bytes of its literal.
    Error(String, Vec<u8>),
    /// A string member (`error_description`, `trace_id`, `claims`, ...);
    /// `None` is `null`.
    Text(&'static str, Option<(String, Vec<u8>)>),
    /// `error_codes`; `None` is `null`.
    Codes(Option<Vec<Code>>),
    /// `claims` sent as an object, kept as its JSON text.
    ClaimsObject(String),
    /// A member the crate does not model, with its JSON text.
    Extra(String, String),
}

impl Member {
    pub(crate) fn name(&self) -> &str {
        match self {
            Self::Error(..) => "error",
            Self::Text(name, _) => name,
            Self::Codes(_) => "error_codes",
            Self::ClaimsObject(_) => "claims",
            Self::Extra(name, _) => name,
        }
    }

    pub(crate) fn value_json(&self, ws: &str) -> String {
        match self {
            Self::Error(text, styles) | Self::Text(_, Some((text, styles))) => {
                json_literal(text, styles)
            }
            Self::Text(_, None) | Self::Codes(None) => "null".to_owned(),
            Self::Codes(Some(codes)) => {
                let items: Vec<String> = codes.iter().map(Code::json).collect();
                format!("[{ws}{}{ws}]", items.join(&format!(",{ws}")))
            }
            Self::ClaimsObject(raw) | Self::Extra(_, raw) => raw.clone(),
        }
    }

    pub(crate) fn is_description(&self) -> bool {
        matches!(self, Self::Text("error_description", _))
    }
}

/// A token endpoint error body: members in output order, each with the
/// style bytes of its name, and the white space around them.
#[derive(Clone, Debug)]
pub(crate) struct TokenBody {
    pub(crate) members: Vec<(Member, Vec<u8>)>,
    pub(crate) ws: Vec<&'static str>,
    pub(crate) bom: bool,
}

/// Every member of a `TokenError`, as plain values.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct TokenFields {
    pub(crate) error: String,
    pub(crate) description: Option<String>,
    pub(crate) error_codes: Vec<u32>,
    pub(crate) codes: Vec<u32>,
    pub(crate) timestamp: Option<String>,
    pub(crate) trace_id: Option<String>,
    pub(crate) correlation_id: Option<String>,
    pub(crate) error_uri: Option<String>,
    pub(crate) suberror: Option<String>,
    pub(crate) claims: Option<String>,
    pub(crate) extra: Vec<(String, String)>,
}

impl TokenFields {
    pub(crate) fn of(err: &TokenError<'_>) -> Self {
        Self {
            error: err.error().as_str().to_owned(),
            description: err.description().map(str::to_owned),
            error_codes: err.error_codes().iter().map(|c| c.get()).collect(),
            codes: classify(err).codes().iter().map(|c| c.get()).collect(),
            timestamp: err.timestamp().map(str::to_owned),
            trace_id: err.trace_id().map(str::to_owned),
            correlation_id: err.correlation_id().map(str::to_owned),
            error_uri: err.error_uri().map(str::to_owned),
            suberror: err.suberror().map(|s| s.as_str().to_owned()),
            claims: err.claims().map(str::to_owned),
            extra: err
                .extra()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        }
    }
}

impl TokenBody {
    pub(crate) fn members(&self, desc: &Desc) -> Vec<(Member, Vec<u8>)> {
        let mut members = self.members.clone();
        match desc {
            Desc::Keep => {}
            Desc::Remove => members.retain(|(m, _)| !m.is_description()),
            Desc::Replace(text) => {
                let member = (
                    Member::Text("error_description", Some((text.clone(), Vec::new()))),
                    Vec::new(),
                );
                match members.iter().position(|(m, _)| m.is_description()) {
                    Some(i) => members[i] = member,
                    None => members.insert(0, member),
                }
            }
        }
        members
    }

    pub(crate) fn render(&self, desc: &Desc) -> Vec<u8> {
        let mut ws = self.ws.iter().copied().cycle();
        let mut out = String::new();
        if self.bom {
            out.push('\u{feff}');
        }
        out.push_str(ws.next().unwrap());
        out.push('{');
        for (i, (member, key_styles)) in self.members(desc).iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(ws.next().unwrap());
            out.push_str(&json_literal(member.name(), key_styles));
            out.push_str(ws.next().unwrap());
            out.push(':');
            out.push_str(ws.next().unwrap());
            out.push_str(&member.value_json(ws.next().unwrap()));
            out.push_str(ws.next().unwrap());
        }
        out.push('}');
        out.push_str(ws.next().unwrap());
        out.into_bytes()
    }

    /// What the parser must read from `render(desc)`.
    pub(crate) fn expect(&self, desc: &Desc) -> TokenFields {
        let mut f = TokenFields::default();
        for (member, _) in self.members(desc) {
            match member {
                Member::Error(text, _) => f.error = text,
                Member::Text(name, value) => {
                    let value = value.map(|(text, _)| text);
                    match name {
                        "error_description" => f.description = value,
                        "timestamp" => f.timestamp = value,
                        "trace_id" => f.trace_id = value,
                        "correlation_id" => f.correlation_id = value,
                        "error_uri" => f.error_uri = value,
                        "suberror" => f.suberror = value,
                        "claims" => f.claims = value,
                        other => unreachable!("{other}"),
                    }
                }
                Member::Codes(codes) => {
                    f.error_codes = codes.iter().flatten().map(Code::value).collect();
                }
                Member::ClaimsObject(raw) => f.claims = Some(raw),
                Member::Extra(name, raw) => f.extra.push((name, raw)),
            }
        }
        f.codes = if f.error_codes.is_empty() {
            f.error_uri
                .as_deref()
                .and_then(expected_uri_code)
                .into_iter()
                .collect()
        } else {
            f.error_codes.clone()
        };
        f
    }

    /// The same body with another `error` value.
    pub(crate) fn with_error(&self, error: &str) -> Self {
        let mut body = self.clone();
        for (member, _) in &mut body.members {
            if let Member::Error(text, styles) = member {
                *text = error.to_owned();
                styles.clear();
            }
        }
        body
    }
}

pub(crate) fn text_member(
    name: &'static str,
    value: impl Strategy<Value = String>,
) -> impl Strategy<Value = Member> {
    prop_oneof![
        1 => Just(Member::Text(name, None)),
        8 => (value, styles()).prop_map(move |v| Member::Text(name, Some(v))),
    ]
}

/// An AADSTS code: the edges of `u32`, catalog codes, anything.
pub(crate) fn code() -> impl Strategy<Value = u32> {
    prop_oneof![
        Just(0u32),
        Just(u32::MAX),
        select(catalog_codes()),
        any::<u32>(),
    ]
}

pub(crate) fn codes_member() -> impl Strategy<Value = Member> {
    let element = (code(), 0u8..3).prop_map(|(c, form)| match form {
        0 => Code::Number(c),
        1 => Code::Digits(c),
        _ => Code::Aadsts(c),
    });
    prop_oneof![
        1 => Just(Member::Codes(None)),
        6 => vec(element, 0..4).prop_map(|codes| Member::Codes(Some(codes))),
    ]
}

/// Claims requests as Entra sends them.
pub(crate) const CLAIMS: &[&str] = &[
    r#"{"access_token":{"nbf":{"essential":true,"value":"1604106651"}}}"#,
    r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#,
    r#"{"access_token":{"capolids":{"essential":true,"values":["59866338"]}}}"#,
    "{}",
];

pub(crate) fn claims_member() -> impl Strategy<Value = Member> {
    prop_oneof![
        3 => text_member(
            "claims",
            prop_oneof![select(CLAIMS).prop_map(str::to_owned), text(0..20)],
        ),
        2 => raw_object().prop_map(Member::ClaimsObject),
    ]
}

pub(crate) fn extra_member() -> impl Strategy<Value = Member> {
    (prop_oneof!["[a-z_]{1,12}", text(0..8)], raw_json())
        .prop_filter("a member the crate reads", |(name, _)| {
            !TOKEN_MEMBERS.contains(&name.as_str())
        })
        .prop_map(|(name, raw)| Member::Extra(name, raw))
}

/// A valid token error body: a random subset of the known members, in
/// random order, with unknown members of every JSON type.
pub(crate) fn token_body() -> BoxedStrategy<TokenBody> {
    (
        (error_value(), styles()).prop_map(|(e, s)| Member::Error(e, s)),
        option::of(text_member("error_description", description())),
        option::of(codes_member()),
        option::of(text_member("timestamp", timestamp())),
        option::of(text_member("trace_id", id())),
        option::of(text_member("correlation_id", id())),
        option::of(text_member("error_uri", error_uri())),
        option::of(text_member("suberror", suberror_value())),
        option::of(claims_member()),
        vec(extra_member(), 0..4),
    )
        .prop_flat_map(
            |(
                error,
                description,
                codes,
                timestamp,
                trace,
                correlation,
                uri,
                sub,
                claims,
                extra,
            )| {
                let members: Vec<Member> = [
                    Some(error),
                    description,
                    codes,
                    timestamp,
                    trace,
                    correlation,
                    uri,
                    sub,
                    claims,
                ]
                .into_iter()
                .flatten()
                .chain(extra)
                .collect();
                let n = members.len();
                (
                    Just(members).prop_shuffle(),
                    vec(styles(), n),
                    vec(select(JSON_WS), 1..8),
                    any::<bool>(),
                )
            },
        )
        .prop_map(|(members, key_styles, ws, bom)| TokenBody {
            members: members.into_iter().zip(key_styles).collect(),
            ws,
            bom,
        })
        .boxed()
}
