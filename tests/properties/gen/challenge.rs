//! `WWW-Authenticate` values: a model of the challenges and their
//! parameters, rendered with any case, quoting and list separators.

use super::*;

use std::collections::HashSet;

use oauth_triage::{Challenge, ErrorName};
use proptest::collection::vec;
use proptest::option;
use proptest::sample::select;

pub(crate) fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// Changes the case of each ASCII letter whose style byte says so.
pub(crate) fn recase(text: &str, styles: &[u8]) -> String {
    text.chars()
        .enumerate()
        .map(|(i, c)| match styles.get(i).copied().unwrap_or(0) % 3 {
            1 => c.to_ascii_uppercase(),
            2 => c.to_ascii_lowercase(),
            _ => c,
        })
        .collect()
}

/// A quoted-string: `"` and `\` always escaped, other characters escaped
/// (a quoted-pair) when their style byte says so.
pub(crate) fn quote(text: &str, styles: &[u8]) -> String {
    let mut out = String::from("\"");
    for (i, c) in text.chars().enumerate() {
        if c == '"' || c == '\\' || styles.get(i).is_some_and(|s| s & 7 == 7) {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

#[derive(Clone, Debug)]
pub(crate) struct AuthParam {
    pub(crate) name: String,
    pub(crate) value: String,
    /// `None`: written as a token when the value is one.
    pub(crate) quoted: Option<Vec<u8>>,
    /// White space before and after `=`.
    pub(crate) bws: (&'static str, &'static str),
}

impl AuthParam {
    pub(crate) fn render(&self) -> String {
        let token = !self.value.is_empty() && self.value.chars().all(is_tchar);
        let value = match &self.quoted {
            None if token => self.value.clone(),
            Some(styles) => quote(&self.value, styles),
            None => quote(&self.value, &[]),
        };
        format!("{}{}={}{value}", self.name, self.bws.0, self.bws.1)
    }

    pub(crate) fn is_description(&self) -> bool {
        self.name.eq_ignore_ascii_case("error_description")
            || self.name.eq_ignore_ascii_case("errorDescription")
    }
}

#[derive(Clone, Debug)]
pub(crate) enum ChallengeBody {
    Bare,
    Token68(String),
    Params(Vec<AuthParam>),
}

#[derive(Clone, Debug)]
pub(crate) struct ChallengeGen {
    pub(crate) scheme: String,
    /// White space between the scheme and what follows.
    pub(crate) gap: &'static str,
    pub(crate) body: ChallengeBody,
}

/// One `WWW-Authenticate` value: challenges and the list separators
/// between elements.
#[derive(Clone, Debug)]
pub(crate) struct Header {
    pub(crate) challenges: Vec<ChallengeGen>,
    pub(crate) seps: Vec<&'static str>,
    pub(crate) lead: &'static str,
}

/// A challenge as plain values: scheme, token68, parameters.
pub(crate) type ChallengeFields = (String, Option<String>, Vec<(String, String)>);

pub(crate) fn challenge_fields(c: &Challenge<'_>) -> ChallengeFields {
    (
        c.scheme().to_owned(),
        c.token68().map(str::to_owned),
        c.params()
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect(),
    )
}

impl Header {
    pub(crate) fn challenges(&self, desc: &Desc) -> Vec<ChallengeGen> {
        let mut challenges = self.challenges.clone();
        match desc {
            Desc::Keep => {}
            Desc::Remove => {
                for c in &mut challenges {
                    if let ChallengeBody::Params(params) = &mut c.body {
                        params.retain(|p| !p.is_description());
                        if params.is_empty() {
                            c.body = ChallengeBody::Bare;
                        }
                    }
                }
            }
            Desc::Replace(text) => {
                // Control characters stay: free text is read leniently,
                // and one in a description must not drop the challenge.
                let text = text.clone();
                let mut replaced = false;
                for c in &mut challenges {
                    if let ChallengeBody::Params(params) = &mut c.body {
                        for p in params.iter_mut().filter(|p| p.is_description()) {
                            p.value = text.clone();
                            replaced = true;
                        }
                    }
                }
                if !replaced {
                    let added = AuthParam {
                        name: "error_description".to_owned(),
                        value: text,
                        quoted: Some(Vec::new()),
                        bws: ("", ""),
                    };
                    for c in &mut challenges {
                        match &mut c.body {
                            ChallengeBody::Bare => c.body = ChallengeBody::Params(vec![added]),
                            ChallengeBody::Params(params) => params.push(added),
                            ChallengeBody::Token68(_) => continue,
                        }
                        break;
                    }
                }
            }
        }
        challenges
    }

    pub(crate) fn render(&self, desc: &Desc) -> String {
        let mut seps = self.seps.iter().copied().cycle();
        let mut out = self.lead.to_owned();
        for (i, c) in self.challenges(desc).iter().enumerate() {
            if i > 0 {
                out.push_str(seps.next().unwrap());
            }
            out.push_str(&c.scheme);
            match &c.body {
                ChallengeBody::Bare => {}
                ChallengeBody::Token68(token68) => {
                    out.push_str(c.gap);
                    out.push_str(token68);
                }
                ChallengeBody::Params(params) => {
                    out.push_str(c.gap);
                    for (j, p) in params.iter().enumerate() {
                        if j > 0 {
                            out.push_str(seps.next().unwrap());
                        }
                        out.push_str(&p.render());
                    }
                }
            }
        }
        out
    }

    pub(crate) fn expect(&self, desc: &Desc) -> Vec<ChallengeFields> {
        self.challenges(desc)
            .into_iter()
            .map(|c| match c.body {
                ChallengeBody::Bare => (c.scheme, None, Vec::new()),
                ChallengeBody::Token68(t) => (c.scheme, Some(t), Vec::new()),
                ChallengeBody::Params(params) => (
                    c.scheme,
                    None,
                    params.into_iter().map(|p| (p.name, p.value)).collect(),
                ),
            })
            .collect()
    }

    /// The same header with `error` set on every challenge that has parameters.
    pub(crate) fn with_error(&self, error: &str) -> Self {
        let mut header = self.clone();
        for c in &mut header.challenges {
            if let ChallengeBody::Params(params) = &mut c.body {
                params.retain(|p| !p.name.eq_ignore_ascii_case("error"));
                params.push(AuthParam {
                    name: "error".to_owned(),
                    value: error.to_owned(),
                    quoted: Some(Vec::new()),
                    bws: ("", ""),
                });
            }
        }
        header
    }
}

pub(crate) const SCHEMES: &[&str] = &["Bearer", "Bearer", "DPoP", "DPoP", "Basic", "Negotiate"];
pub(crate) const GAPS: &[&str] = &[" ", " ", "  ", "\t", " \r\n "];
pub(crate) const LIST_SEPS: &[&str] = &[", ", ", ", ",", " , ", ",\r\n ", ", , "];
pub(crate) const BWS: &[&str] = &["", "", "", " ", "\t"];

pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    while out.len() % 4 != 0 {
        out.push('=');
    }
    out
}

/// A parameter name the crate reads (or any token) and a value that fits it.
pub(crate) fn auth_param_pair() -> impl Strategy<Value = (String, String)> {
    let named = |name: &'static str, value: BoxedStrategy<String>| {
        value.prop_map(move |v| (name.to_owned(), v))
    };
    let free = || text(0..24).prop_map(|t| without_controls(&t)).boxed();
    prop_oneof![
        4 => named("error", prop_oneof![
            4 => select(ErrorName::KNOWN).prop_map(|e| e.as_str().to_owned()),
            1 => free(),
        ].boxed()),
        // Free text keeps its control characters (VT, BEL, DEL, ...): they
        // must not drop the challenge.
        2 => named("error_description", prop_oneof![description(), hostile()].boxed()),
        1 => named("errorDescription", free()),
        2 => named("realm", prop_oneof![Just(String::new()), free(), text(0..24).boxed()].boxed()),
        1 => named("scope", Just("https://graph.microsoft.com/.default openid".to_owned()).boxed()),
        2 => named("claims", prop_oneof![
            select(CLAIMS).prop_map(|c| base64(c.as_bytes())),
            free(),
        ].boxed()),
        1 => named("acr_values", prop_oneof![Just("c1 c2".to_owned()), free()].boxed()),
        1 => named("max_age", prop_oneof![any::<u64>().prop_map(|n| n.to_string()), free()].boxed()),
        1 => named("algs", Just("ES256 PS256".to_owned()).boxed()),
        1 => named("error_uri", error_uri().prop_map(|t| without_controls(&t)).boxed()),
        1 => named("authorization_uri", Just("https://login.microsoftonline.com/common/oauth2/authorize".to_owned()).boxed()),
        2 => ("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,10}", free()),
    ]
}

pub(crate) fn auth_params() -> BoxedStrategy<Vec<AuthParam>> {
    vec(
        (
            auth_param_pair(),
            styles(),
            option::of(styles()),
            select(BWS),
            select(BWS),
        ),
        1..5,
    )
    .prop_map(|params| {
        let mut seen = HashSet::new();
        params
            .into_iter()
            .map(|((name, value), case, quoted, before, after)| AuthParam {
                name: recase(&name, &case),
                value,
                quoted,
                bws: (before, after),
            })
            .filter(|p| seen.insert(p.name.to_ascii_lowercase()))
            .collect()
    })
    .boxed()
}

pub(crate) fn challenge() -> BoxedStrategy<ChallengeGen> {
    let scheme = prop_oneof![
        4 => select(SCHEMES).prop_map(str::to_owned),
        1 => "[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,10}",
    ];
    let body = prop_oneof![
        1 => Just(ChallengeBody::Bare),
        1 => "[A-Za-z0-9._~+/-]{1,20}={0,2}".prop_map(ChallengeBody::Token68),
        5 => auth_params().prop_map(ChallengeBody::Params),
    ];
    (scheme, styles(), select(GAPS), body)
        .prop_map(|(scheme, case, gap, body)| ChallengeGen {
            scheme: recase(&scheme, &case),
            gap,
            body,
        })
        .boxed()
}

pub(crate) fn header() -> BoxedStrategy<Header> {
    (
        vec(challenge(), 1..4),
        vec(select(LIST_SEPS), 1..4),
        select(&["", "", ", ", " "][..]),
    )
        .prop_map(|(challenges, seps, lead)| Header {
            challenges,
            seps,
            lead,
        })
        .boxed()
}
