//! Properties of every parser and of `classify`, checked with proptest.
//!
//! The generators build a model of a response (a token body, an authorization
//! redirect or `form_post` body, `WWW-Authenticate` challenges, a Graph
//! error, a whole HTTP response) and render it as text with random but valid
//! choices of escaping, percent-encoding, case, white space and order. The
//! properties then compare what the crate reads with the model.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use oauth_triage::{
    catalog, classify, AadstsCode, Action, AuthorizeError, Callback, Challenge, Challenges,
    Classification, DecidedBy, ErrorName, ExpectedCallback, HttpResponse, Limits, ParseError,
    ResourceError, ResponseMode, StepUp, Suberror, TokenError, VerifiedCallback,
};

/// What one `Retry-After` value asks for, read through a whole response
/// whose `Date` is the Unix epoch, uncapped: a delay as it is, a date as
/// the time from the epoch to it.
fn retry_after_value(value: &str) -> Option<Duration> {
    HttpResponse::new(503)
        .header("Date", "Thu, 01 Jan 1970 00:00:00 GMT")
        .header("Retry-After", value)
        .max_retry_after(Duration::MAX)
        .retry_after()
}

/// An HTTP-date (`Retry-After`'s date form) as the crate reads it.
fn http_date(value: &str) -> Option<SystemTime> {
    if value
        .trim_matches([' ', '\t'])
        .bytes()
        .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    retry_after_value(value).map(|d| UNIX_EPOCH + d)
}
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{select, Index};

// ---------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// What the golden rule compares: the action, the deciding step and the delay.
#[derive(Debug, PartialEq)]
struct Outcome {
    action: Action<'static>,
    decided_by: DecidedBy,
    retry_after: Option<Duration>,
}

fn outcome(c: &Classification<'_>) -> Outcome {
    Outcome {
        action: c.action().clone().into_owned(),
        decided_by: c.decided_by(),
        retry_after: c.retry_after(),
    }
}

/// `Display` is one log line, the JSON form is an object naming the same
/// action, and `into_owned` keeps the value.
fn check_classification(c: &Classification<'_>) -> Result<(), TestCaseError> {
    let line = c.to_string();
    prop_assert!(
        !line.chars().any(char::is_control),
        "control character in {line:?}"
    );
    prop_assert!(line.starts_with(c.action().name()), "{line}");
    prop_assert!(Action::NAMES.contains(&c.action().name()));
    let json = serde_json::to_string(c).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let value: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(value["action"].as_str(), Some(c.action().name()));
    prop_assert_eq!(c.clone().into_owned(), c.clone());
    Ok(())
}

/// A parse error has a kind, and its message is one lowercase log line.
fn check_parse_error(e: &ParseError) -> Result<(), TestCaseError> {
    let message = e.to_string();
    prop_assert!(!e.kind().is_empty());
    prop_assert!(
        !message.chars().any(char::is_control),
        "control character in {message:?}"
    );
    prop_assert!(
        message.chars().next().is_some_and(|c| !c.is_uppercase()),
        "{message}"
    );
    Ok(())
}

#[track_caller]
fn parsed<T>(result: Result<T, ParseError>, input: &[u8]) -> Result<T, TestCaseError> {
    result.map_err(|e| {
        TestCaseError::fail(format!(
            "{e} ({}) for {:?}",
            e.kind(),
            String::from_utf8_lossy(input)
        ))
    })
}

/// An entry from what a person types.
fn find(text: &str) -> Option<&'static catalog::Entry> {
    text.parse::<AadstsCode>().ok().and_then(AadstsCode::entry)
}

fn catalog_codes() -> Vec<u32> {
    catalog::entries().iter().map(|e| e.code.get()).collect()
}

/// Codes whose catalog entry overrides the action.
fn action_codes() -> Vec<u32> {
    catalog::entries()
        .iter()
        .filter(|e| e.action.is_some())
        .map(|e| e.code.get())
        .collect()
}

// ---------------------------------------------------------------------------
// Text generators
// ---------------------------------------------------------------------------

/// Characters that stress escaping and encoding, and a few beyond ASCII.
const SPECIAL_CHARS: &[char] = &[
    '\r', '\n', '\t', '/', '"', '\\', '\'', '&', '=', '+', '%', '#', '?', ',', ';', ' ', '@', 'é',
    'ü', '中', '😀', '\u{2028}', '\u{0}', '\u{7f}', '\u{feff}', '\u{85}',
];

fn text_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => (0x20u8..0x7F).prop_map(char::from),
        3 => select(SPECIAL_CHARS),
        1 => any::<char>(),
    ]
}

fn text(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    vec(text_char(), len).prop_map(String::from_iter)
}

/// One style byte per character: how to escape or encode it.
fn styles() -> impl Strategy<Value = Vec<u8>> {
    vec(any::<u8>(), 0..32)
}

/// A control character that is not white space: not allowed in a header.
fn is_header_control(c: char) -> bool {
    (c < ' ' && !c.is_ascii_whitespace()) || c == '\u{7f}'
}

fn without_controls(text: &str) -> String {
    text.chars().filter(|&c| !is_header_control(c)).collect()
}

/// An RFC 6749 `NQSCHAR`: printable ASCII except `"` and `\`.
fn nqschar() -> impl Strategy<Value = char> {
    (0x20u8..0x7F)
        .prop_filter("NQSCHAR", |&b| b != b'"' && b != b'\\')
        .prop_map(char::from)
}

/// An `error` value: a known one, or any run of `NQSCHAR`s.
fn error_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(ErrorName::KNOWN).prop_map(|e| e.as_str().to_owned()),
        1 => vec(nqschar(), 1..24)
            .prop_map(String::from_iter)
            .prop_filter("a sentence is a shape of its own", |v| !is_sentence(v)),
    ]
}

/// Prose in `error` (two or more words of letters), which the token parser
/// reports as the `error-sentence` shape.
fn is_sentence(value: &str) -> bool {
    let words = value.strip_suffix('.').unwrap_or(value);
    words.split(' ').count() >= 2
        && words
            .split(' ')
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphabetic()))
}

fn suberror_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(Suberror::KNOWN).prop_map(|s| s.as_str().to_owned()),
        1 => text(0..16),
    ]
}

/// Descriptions as Entra writes them (code, CR LF, trace lines), and any text.
fn description() -> BoxedStrategy<String> {
    prop_oneof![
        2 => (select(catalog_codes()), text(0..30)).prop_map(|(code, t)| format!(
            "AADSTS{code}: {t}\r\nTrace ID: 6e94ade5-10de-4d67-909a-14d845813500\r\n\
             Correlation ID: 0e87b495-1e24-4882-be85-d012c216f4f6\r\n\
             Timestamp: 2024-05-06 22:31:52Z"
        )),
        3 => text(0..40),
    ]
    .boxed()
}

/// Text that names other `error` values, suberrors, AADSTS codes and
/// headers, or imitates the syntax around it.
const HOSTILE_TEMPLATES: &[&str] = &[
    "AADSTS{code}: {error}",
    "{error} suberror={suberror} error_codes=[{code}]",
    "\", \"error\":\"{error}\", \"suberror\":\"{suberror}\", \"error_codes\":[{code}], \"x\":\"",
    "&error={error}&suberror={suberror}&error_uri=https://login.microsoftonline.com/error?code={code}",
    "\", error=\"{error}\", claims=\"eyJhY2Nlc3NfdG9rZW4iOnt9fQ==\", x=\"",
    "Retry-After: 0\r\nDPoP-Nonce: abc\r\nerror={error}",
    "The user must {error} (AADSTS{code}, {suberror}); retry after 5 seconds or step up",
];

fn hostile() -> BoxedStrategy<String> {
    (
        select(HOSTILE_TEMPLATES),
        select(ErrorName::KNOWN),
        select(Suberror::KNOWN),
        select(action_codes()),
    )
        .prop_map(|(template, error, suberror, code)| {
            template
                .replace("{error}", error.as_str())
                .replace("{suberror}", suberror.as_str())
                .replace("{code}", &code.to_string())
        })
        .boxed()
}

fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        1 => text(0..20),
    ]
}

fn timestamp() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "20[0-9]{2}-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z",
        1 => text(0..12),
    ]
}

const MS_ERROR_PAGE: &str = "https://login.microsoftonline.com/error?code=";

/// `error_uri`: Microsoft's error page with a code, and look-alikes that
/// must not yield one.
fn error_uri() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(catalog_codes()).prop_map(|c| format!("{MS_ERROR_PAGE}{c}")),
        1 => (0u32..1_000_000_000).prop_map(|c| format!("{MS_ERROR_PAGE}{c}")),
        1 => any::<u32>().prop_map(|c| format!("https://example.com/error?code={c}")),
        1 => any::<u32>().prop_map(|c| format!("https://login.microsoftonline.com.example/error?code={c}")),
        1 => any::<u32>().prop_map(|c| format!("https://evilmicrosoftonline.com/error?code={c}")),
        1 => Just(format!("{MS_ERROR_PAGE}1234567890")),
        1 => text(0..20),
    ]
}

/// The code the crate reads from a generated `error_uri`.
fn expected_uri_code(uri: &str) -> Option<u32> {
    let digits = uri.strip_prefix(MS_ERROR_PAGE)?;
    let valid =
        !digits.is_empty() && digits.len() <= 9 && digits.bytes().all(|b| b.is_ascii_digit());
    valid.then(|| digits.parse().unwrap())
}

// ---------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------

/// White space allowed between JSON tokens.
const JSON_WS: &[&str] = &["", "", " ", "\n", "\t", "\r\n", "  "];

/// A JSON string literal for `text`, each character raw or escaped as its
/// style byte says: short escapes, `\uXXXX` in either case, surrogate pairs
/// for characters beyond the BMP, `\/`.
fn json_literal(text: &str, styles: &[u8]) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for (i, c) in text.chars().enumerate() {
        let style = styles.get(i).copied().unwrap_or(0);
        let escape = style & 3 == 3;
        let short = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            '/' if style & 3 == 1 => Some("\\/"),
            _ => None,
        };
        match short {
            Some(s) if !escape => out.push_str(s),
            _ if escape || c < ' ' || c == '"' || c == '\\' => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    if style & 4 == 0 {
                        write!(out, "\\u{unit:04x}").unwrap();
                    } else {
                        write!(out, "\\u{unit:04X}").unwrap();
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Any JSON value, as text: every type, big and negative numbers, escaped
/// strings, nested arrays and objects.
fn raw_json() -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        select(
            &[
                "123456789012345678901234567890",
                "-0",
                "1.5e-7",
                "4294967296",
                "-1",
                "0.0"
            ][..]
        )
        .prop_map(str::to_owned),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| format!("{f:?}")),
        (text(0..12), styles()).prop_map(|(t, s)| json_literal(&t, &s)),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            (vec(inner.clone(), 0..4), select(JSON_WS))
                .prop_map(|(items, ws)| format!("[{ws}{}{ws}]", items.join(&format!(",{ws}")))),
            (vec((text(0..8), styles(), inner), 0..4), select(JSON_WS)).prop_map(
                |(members, ws)| {
                    let members: Vec<String> = members
                        .iter()
                        .map(|(k, s, v)| format!("{}{ws}:{ws}{v}", json_literal(k, s)))
                        .collect();
                    format!("{{{ws}{}{ws}}}", members.join(","))
                }
            ),
        ]
    })
    .boxed()
}

fn raw_object() -> BoxedStrategy<String> {
    (
        vec((text(0..8), styles(), raw_json()), 0..4),
        select(JSON_WS),
    )
        .prop_map(|(members, ws)| {
            let members: Vec<String> = members
                .iter()
                .map(|(k, s, v)| format!("{}{ws}:{ws}{v}", json_literal(k, s)))
                .collect();
            format!("{{{ws}{}{ws}}}", members.join(","))
        })
        .boxed()
}

// ---------------------------------------------------------------------------
// Token endpoint bodies
// ---------------------------------------------------------------------------

/// The members `TokenError` models, and those that mark a success body.
const TOKEN_MEMBERS: &[&str] = &[
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
enum Code {
    Number(u32),
    Digits(u32),
    Aadsts(u32),
}

impl Code {
    fn value(&self) -> u32 {
        match *self {
            Self::Number(c) | Self::Digits(c) | Self::Aadsts(c) => c,
        }
    }

    fn json(&self) -> String {
        match self {
            Self::Number(c) => c.to_string(),
            Self::Digits(c) => format!("\"{c}\""),
            Self::Aadsts(c) => format!("\"AADSTS{c}\""),
        }
    }
}

#[derive(Clone, Debug)]
enum Member {
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
    fn name(&self) -> &str {
        match self {
            Self::Error(..) => "error",
            Self::Text(name, _) => name,
            Self::Codes(_) => "error_codes",
            Self::ClaimsObject(_) => "claims",
            Self::Extra(name, _) => name,
        }
    }

    fn value_json(&self, ws: &str) -> String {
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

    fn is_description(&self) -> bool {
        matches!(self, Self::Text("error_description", _))
    }
}

/// What happens to the description in a rendering.
#[derive(Clone, Debug)]
enum Desc {
    Keep,
    Remove,
    Replace(String),
}

/// A token endpoint error body: members in output order, each with the
/// style bytes of its name, and the white space around them.
#[derive(Clone, Debug)]
struct TokenBody {
    members: Vec<(Member, Vec<u8>)>,
    ws: Vec<&'static str>,
    bom: bool,
}

/// Every member of a `TokenError`, as plain values.
#[derive(Debug, Default, PartialEq)]
struct TokenFields {
    error: String,
    description: Option<String>,
    error_codes: Vec<u32>,
    codes: Vec<u32>,
    timestamp: Option<String>,
    trace_id: Option<String>,
    correlation_id: Option<String>,
    error_uri: Option<String>,
    suberror: Option<String>,
    claims: Option<String>,
    extra: Vec<(String, String)>,
}

impl TokenFields {
    fn of(err: &TokenError<'_>) -> Self {
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
    fn members(&self, desc: &Desc) -> Vec<(Member, Vec<u8>)> {
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

    fn render(&self, desc: &Desc) -> Vec<u8> {
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
    fn expect(&self, desc: &Desc) -> TokenFields {
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
    fn with_error(&self, error: &str) -> Self {
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

fn text_member(
    name: &'static str,
    value: impl Strategy<Value = String>,
) -> impl Strategy<Value = Member> {
    prop_oneof![
        1 => Just(Member::Text(name, None)),
        8 => (value, styles()).prop_map(move |v| Member::Text(name, Some(v))),
    ]
}

/// An AADSTS code: the edges of `u32`, catalog codes, anything.
fn code() -> impl Strategy<Value = u32> {
    prop_oneof![
        Just(0u32),
        Just(u32::MAX),
        select(catalog_codes()),
        any::<u32>(),
    ]
}

fn codes_member() -> impl Strategy<Value = Member> {
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
const CLAIMS: &[&str] = &[
    r#"{"access_token":{"nbf":{"essential":true,"value":"1604106651"}}}"#,
    r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#,
    r#"{"access_token":{"capolids":{"essential":true,"values":["59866338"]}}}"#,
    "{}",
];

fn claims_member() -> impl Strategy<Value = Member> {
    prop_oneof![
        3 => text_member(
            "claims",
            prop_oneof![select(CLAIMS).prop_map(str::to_owned), text(0..20)],
        ),
        2 => raw_object().prop_map(Member::ClaimsObject),
    ]
}

fn extra_member() -> impl Strategy<Value = Member> {
    (prop_oneof!["[a-z_]{1,12}", text(0..8)], raw_json())
        .prop_filter("a member the crate reads", |(name, _)| {
            !TOKEN_MEMBERS.contains(&name.as_str())
        })
        .prop_map(|(name, raw)| Member::Extra(name, raw))
}

/// A valid token error body: a random subset of the known members, in
/// random order, with unknown members of every JSON type.
fn token_body() -> BoxedStrategy<TokenBody> {
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

// ---------------------------------------------------------------------------
// Authorization redirects and form_post bodies
// ---------------------------------------------------------------------------

/// The parameters `AuthorizeError` reads, and those that mark a success or a
/// JARM response.
const REDIRECT_NAMES: &[&str] = &[
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
fn form_encode(text: &str, styles: &[u8], sub_delims: bool) -> String {
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
struct Param {
    name: String,
    value: String,
    name_styles: Vec<u8>,
    value_styles: Vec<u8>,
}

impl Param {
    fn render(&self) -> String {
        format!(
            "{}={}",
            form_encode(&self.name, &self.name_styles, false),
            form_encode(&self.value, &self.value_styles, true)
        )
    }
}

/// Where the parameters travel.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Shape {
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

const SHAPES: &[Shape] = &[
    Shape::Query,
    Shape::Fragment,
    Shape::HashRouter,
    Shape::HashRouterPath,
    Shape::Bare,
    Shape::BareQuery,
    Shape::BareFragment,
    Shape::FormPost,
];

const BASES: &[&str] = &[
    "https://app.example/callback",
    "http://localhost:3000/",
    "urn:ietf:wg:oauth:2.0:oob",
    "msal00000000-0000-0000-0000-000000000000://auth",
    "/cb",
];

/// A fragment after a query response, and a query before a fragment
/// response: neither holds a response parameter.
const OTHER_PART: &[(&str, &str)] = &[
    ("section", "client_id=abc"),
    ("/home", "lang=en&x=y%20z"),
    ("", ""),
    ("/", "tenant=common"),
];

const FORM_SEPS: &[&str] = &["&", "&", "&", "&&", " &", "& "];

#[derive(Clone, Debug)]
struct Redirect {
    params: Vec<Param>,
    shape: Shape,
    base: &'static str,
    other: Option<usize>,
    seps: Vec<&'static str>,
}

/// Every field of an `AuthorizeError`, as plain values.
#[derive(Debug, Default, PartialEq)]
struct AuthorizeFields {
    error: String,
    description: Option<String>,
    error_uri: Option<String>,
    code: Option<u32>,
    state: Option<String>,
    iss: Option<String>,
    error_subcode: Option<String>,
    suberror: Option<String>,
    extra: Vec<(String, String)>,
    mode: Option<ResponseMode>,
}

impl AuthorizeFields {
    /// The fields of an error callback: the error's own, the AADSTS code
    /// the classification reads from `error_uri`, and the callback's
    /// `state`, `iss` and response mode.
    fn of(verified: &VerifiedCallback<'_>) -> Self {
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
/// properties of the checks are further down); a success is
/// [`ParseError::Success`] here, where only error callbacks are expected.
fn error_callback(
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
fn error_of<'v, 'a>(verified: &'v VerifiedCallback<'a>) -> &'v AuthorizeError<'a> {
    verified.error().expect("an error callback")
}

/// What a callback's reader makes of any input: a log-safe parse error, or
/// a callback whose error (if it is one) classifies.
fn check_callback(parsed: Result<Callback<'_>, ParseError>) -> Result<(), TestCaseError> {
    match parsed {
        Ok(callback) => {
            let verified = callback
                .check(&ExpectedCallback::state_not_checked())
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            if let Some(err) = verified.error() {
                check_classification(&classify(err))?;
            }
            Ok(())
        }
        Err(e) => check_parse_error(&e),
    }
}

impl Redirect {
    fn params(&self, desc: &Desc) -> Vec<Param> {
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

    fn render(&self, desc: &Desc) -> String {
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

    fn parse<'a>(&self, text: &'a str) -> Result<VerifiedCallback<'a>, ParseError> {
        error_callback(match self.shape {
            Shape::FormPost => Callback::from_form_post(text.as_bytes()),
            _ => Callback::from_redirect_uri(text),
        })
    }

    fn expect(&self, desc: &Desc) -> AuthorizeFields {
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

    fn with_error(&self, error: &str) -> Self {
        let mut redirect = self.clone();
        for param in &mut redirect.params {
            if param.name == "error" {
                param.value = error.to_owned();
            }
        }
        redirect
    }
}

fn param(name: &'static str, value: impl Strategy<Value = String>) -> impl Strategy<Value = Param> {
    (value, styles(), styles()).prop_map(move |(value, name_styles, value_styles)| Param {
        name: name.to_owned(),
        value,
        name_styles,
        value_styles,
    })
}

fn extra_param() -> impl Strategy<Value = Param> {
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

fn redirect() -> BoxedStrategy<Redirect> {
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

// ---------------------------------------------------------------------------
// WWW-Authenticate challenges
// ---------------------------------------------------------------------------

fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// Changes the case of each ASCII letter whose style byte says so.
fn recase(text: &str, styles: &[u8]) -> String {
    text.chars()
        .enumerate()
        .map(|(i, c)| match styles.get(i).copied().unwrap_or(0) % 3 {
            1 => c.to_ascii_uppercase(),
            2 => c.to_ascii_lowercase(),
            _ => c,
        })
        .collect()
}

/// A parsed token error written back as its JSON body, with the
/// description removed or replaced: the edit made on the parsed value.
fn token_rewritten(err: &TokenError<'_>, desc: &Desc) -> Vec<u8> {
    use serde_json::value::{to_raw_value, RawValue};
    // Each value as its JSON text, so that a claims object or a number
    // stays as it was written.
    let written = serde_json::to_string(err).expect("a token error serializes");
    let mut members: std::collections::BTreeMap<String, Box<RawValue>> =
        serde_json::from_str(&written).expect("a token error is an object");
    match desc {
        Desc::Replace(text) => {
            let text = to_raw_value(text).expect("a string serializes");
            members.insert("error_description".to_owned(), text);
        }
        _ => {
            members.remove("error_description");
        }
    }
    serde_json::to_vec(&members).expect("JSON text serializes")
}

/// A parsed challenge written back as a header value, with its
/// description (`error_description`, `errorDescription`) removed or
/// replaced: the edit made on the parsed value. A token68 stays as it was:
/// a challenge with one has no parameters.
fn challenge_rewritten(c: &Challenge<'_>, desc: &Desc) -> String {
    if let Some(token68) = c.token68() {
        return format!("{} {token68}", c.scheme());
    }
    let mut params: Vec<String> = c
        .params()
        .filter(|(name, _)| {
            !name.eq_ignore_ascii_case("error_description")
                && !name.eq_ignore_ascii_case("errorDescription")
        })
        .map(|(name, value)| format!("{name}={}", quote(value, &[])))
        .collect();
    if let Desc::Replace(text) = desc {
        params.push(format!("error_description={}", quote(text, &[])));
    }
    match params.is_empty() {
        true => c.scheme().to_owned(),
        false => format!("{} {}", c.scheme(), params.join(", ")),
    }
}

/// A quoted-string: `"` and `\` always escaped, other characters escaped
/// (a quoted-pair) when their style byte says so.
fn quote(text: &str, styles: &[u8]) -> String {
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
struct AuthParam {
    name: String,
    value: String,
    /// `None`: written as a token when the value is one.
    quoted: Option<Vec<u8>>,
    /// White space before and after `=`.
    bws: (&'static str, &'static str),
}

impl AuthParam {
    fn render(&self) -> String {
        let token = !self.value.is_empty() && self.value.chars().all(is_tchar);
        let value = match &self.quoted {
            None if token => self.value.clone(),
            Some(styles) => quote(&self.value, styles),
            None => quote(&self.value, &[]),
        };
        format!("{}{}={}{value}", self.name, self.bws.0, self.bws.1)
    }

    fn is_description(&self) -> bool {
        self.name.eq_ignore_ascii_case("error_description")
            || self.name.eq_ignore_ascii_case("errorDescription")
    }
}

#[derive(Clone, Debug)]
enum ChallengeBody {
    Bare,
    Token68(String),
    Params(Vec<AuthParam>),
}

#[derive(Clone, Debug)]
struct ChallengeGen {
    scheme: String,
    /// White space between the scheme and what follows.
    gap: &'static str,
    body: ChallengeBody,
}

/// One `WWW-Authenticate` value: challenges and the list separators
/// between elements.
#[derive(Clone, Debug)]
struct Header {
    challenges: Vec<ChallengeGen>,
    seps: Vec<&'static str>,
    lead: &'static str,
}

/// A challenge as plain values: scheme, token68, parameters.
type ChallengeFields = (String, Option<String>, Vec<(String, String)>);

fn challenge_fields(c: &Challenge<'_>) -> ChallengeFields {
    (
        c.scheme().to_owned(),
        c.token68().map(str::to_owned),
        c.params()
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect(),
    )
}

impl Header {
    fn challenges(&self, desc: &Desc) -> Vec<ChallengeGen> {
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

    fn render(&self, desc: &Desc) -> String {
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

    fn expect(&self, desc: &Desc) -> Vec<ChallengeFields> {
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
    fn with_error(&self, error: &str) -> Self {
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

const SCHEMES: &[&str] = &["Bearer", "Bearer", "DPoP", "DPoP", "Basic", "Negotiate"];
const GAPS: &[&str] = &[" ", " ", "  ", "\t", " \r\n "];
const LIST_SEPS: &[&str] = &[", ", ", ", ",", " , ", ",\r\n ", ", , "];
const BWS: &[&str] = &["", "", "", " ", "\t"];

fn base64(bytes: &[u8]) -> String {
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
fn auth_param_pair() -> impl Strategy<Value = (String, String)> {
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

fn auth_params() -> BoxedStrategy<Vec<AuthParam>> {
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

fn challenge() -> BoxedStrategy<ChallengeGen> {
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

fn header() -> BoxedStrategy<Header> {
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

// ---------------------------------------------------------------------------
// Graph / Resource Manager bodies
// ---------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct ResourceBody {
    code: (String, Vec<u8>),
    /// `None`: absent; `Some(None)`: `null`.
    message: Option<Option<(String, Vec<u8>)>>,
    /// `innerError` (or `innererror`) members.
    inner: Option<(bool, Vec<(&'static str, String)>)>,
}

#[derive(Debug, PartialEq)]
struct ResourceFields {
    code: String,
    message: Option<String>,
    request_id: Option<String>,
    client_request_id: Option<String>,
    date: Option<String>,
}

impl ResourceFields {
    fn of(err: &ResourceError<'_>) -> Self {
        Self {
            code: err.api_code().to_owned(),
            message: err.message().map(str::to_owned),
            request_id: err.request_id().map(str::to_owned),
            client_request_id: err.client_request_id().map(str::to_owned),
            date: err.date().map(str::to_owned),
        }
    }
}

impl ResourceBody {
    fn message(&self, desc: &Desc) -> Option<Option<(String, Vec<u8>)>> {
        match desc {
            Desc::Keep => self.message.clone(),
            Desc::Remove => None,
            Desc::Replace(text) => Some(Some((text.clone(), Vec::new()))),
        }
    }

    fn render(&self, desc: &Desc) -> Vec<u8> {
        let mut error = vec![format!(
            "\"code\":{}",
            json_literal(&self.code.0, &self.code.1)
        )];
        match self.message(desc) {
            Some(Some((text, styles))) => {
                error.push(format!("\"message\": {}", json_literal(&text, &styles)));
            }
            Some(None) => error.push("\"message\":null".to_owned()),
            None => {}
        }
        if let Some((lower, members)) = &self.inner {
            let members: Vec<String> = members
                .iter()
                .map(|(name, value)| format!("\"{name}\":{}", json_literal(value, &[])))
                .collect();
            let name = if *lower { "innererror" } else { "innerError" };
            error.push(format!("\"{name}\":{{{}}}", members.join(",")));
        }
        format!("{{\"error\": {{{}}}}}", error.join(", ")).into_bytes()
    }

    fn expect(&self, desc: &Desc) -> ResourceFields {
        let inner = |name: &str| {
            self.inner
                .iter()
                .flat_map(|(_, members)| members)
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
                .filter(|v| !v.is_empty())
        };
        ResourceFields {
            code: self.code.0.clone(),
            message: self.message(desc).flatten().map(|(text, _)| text),
            request_id: inner("request-id"),
            client_request_id: inner("client-request-id"),
            date: inner("date"),
        }
    }
}

fn resource_body() -> BoxedStrategy<ResourceBody> {
    let code = prop_oneof![
        3 => select(
            &[
                "InvalidAuthenticationToken",
                "ExpiredAuthenticationToken",
                "InvalidAuthenticationTokenAudience",
                "InvalidAuthenticationTokenTenant",
                "AuthorizationFailed",
                "Authorization_RequestDenied",
                "accessDenied",
                "Request_ResourceNotFound",
            ][..]
        )
        .prop_map(str::to_owned),
        1 => text(1..16),
    ];
    let inner_member = prop_oneof![Just("request-id"), Just("client-request-id"), Just("date")];
    (
        (code, styles()),
        option::of(option::of((description(), styles()))),
        option::of((
            any::<bool>(),
            vec((inner_member, prop_oneof![id(), Just(String::new())]), 0..3),
        )),
    )
        .prop_map(|(code, message, inner)| {
            let inner = inner.map(|(lower, members)| {
                let mut seen = HashSet::new();
                let members: Vec<_> = members
                    .into_iter()
                    .filter(|(n, _)| seen.insert(*n))
                    .collect();
                (lower, members)
            });
            ResourceBody {
                code,
                message,
                inner,
            }
        })
        .boxed()
}

// ---------------------------------------------------------------------------
// HTTP dates and whole responses
// ---------------------------------------------------------------------------

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const LONG_DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The last second of the year 9999, the latest four-digit year.
const MAX_HTTP_DATE: u64 = 253_402_300_799;

struct Civil {
    year: i64,
    month: usize,
    day: i64,
    hour: u64,
    minute: u64,
    second: u64,
    /// Monday is 0.
    weekday: usize,
}

/// The UTC calendar date of `secs` after the epoch (Howard Hinnant's
/// `civil_from_days`).
fn civil(secs: u64) -> Civil {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    Civil {
        year: yoe + era * 400 + i64::from(month <= 2),
        month: month as usize,
        day,
        hour: rem / 3600,
        minute: rem / 60 % 60,
        second: rem % 60,
        weekday: (days + 3).rem_euclid(7) as usize,
    }
}

fn imf_fixdate(secs: u64) -> String {
    let t = civil(secs);
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
        DAYS[t.weekday],
        t.day,
        MONTHS[t.month - 1],
        t.year,
        t.hour,
        t.minute,
        t.second
    )
}

fn rfc850_date(secs: u64) -> String {
    let t = civil(secs);
    format!(
        "{}, {:02}-{}-{:02} {:02}:{:02}:{:02} GMT",
        LONG_DAYS[t.weekday],
        t.day,
        MONTHS[t.month - 1],
        t.year % 100,
        t.hour,
        t.minute,
        t.second
    )
}

fn asctime_date(secs: u64) -> String {
    let t = civil(secs);
    format!(
        "{} {} {:>2} {:02}:{:02}:{:02} {:04}",
        DAYS[t.weekday],
        MONTHS[t.month - 1],
        t.day,
        t.hour,
        t.minute,
        t.second,
        t.year
    )
}

/// Moments within 40 years of now, in seconds after the epoch.
fn within_40_years() -> std::ops::Range<u64> {
    const YEARS_40: u64 = 40 * 365 * 86_400;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    now.saturating_sub(YEARS_40)..now + YEARS_40
}

#[derive(Clone, Debug)]
enum RetryAfterGen {
    Seconds(u64),
    /// A date this many seconds after the `Date` header (before when negative).
    Date(i64, bool),
    Garbage(String),
}

#[derive(Clone, Debug)]
enum HttpBody {
    None,
    Token(TokenBody),
    Resource(ResourceBody),
    Junk(&'static str),
}

#[derive(Clone, Debug)]
struct HttpGen {
    status: u16,
    /// Always sent, so that a `Retry-After` date gives the same delay at any time.
    date: u64,
    retry_after: Option<RetryAfterGen>,
    nonce: Option<String>,
    headers: Vec<Header>,
    used_scheme: Option<&'static str>,
    body: HttpBody,
    name_case: Vec<u8>,
}

/// A response as text, ready to be read by `HttpResponse`.
struct RenderedHttp {
    status: u16,
    headers: Vec<(String, String)>,
    used_scheme: Option<&'static str>,
    body: Vec<u8>,
}

impl RenderedHttp {
    fn response(&self) -> HttpResponse<'_> {
        let mut response = HttpResponse::new(self.status);
        for (name, value) in &self.headers {
            response = response.header(name, value);
        }
        if let Some(scheme) = self.used_scheme {
            response = response.sent_scheme(scheme);
        }
        response.body(&self.body)
    }
}

impl HttpGen {
    fn render(&self, desc: &Desc) -> RenderedHttp {
        let name = |n: &str| recase(n, &self.name_case);
        let mut headers = vec![(name("Date"), imf_fixdate(self.date))];
        if let Some(retry) = &self.retry_after {
            let value = match retry {
                RetryAfterGen::Seconds(n) => n.to_string(),
                RetryAfterGen::Date(offset, asctime) => {
                    let at = self.date.saturating_add_signed(*offset);
                    if *asctime {
                        asctime_date(at)
                    } else {
                        imf_fixdate(at)
                    }
                }
                RetryAfterGen::Garbage(text) => text.clone(),
            };
            headers.push((name("Retry-After"), value));
        }
        if let Some(nonce) = &self.nonce {
            headers.push((name("DPoP-Nonce"), nonce.clone()));
        }
        for header in &self.headers {
            headers.push((name("WWW-Authenticate"), header.render(desc)));
        }
        let body = match &self.body {
            HttpBody::None => Vec::new(),
            HttpBody::Token(body) => body.render(desc),
            HttpBody::Resource(body) => body.render(desc),
            HttpBody::Junk(text) => text.as_bytes().to_vec(),
        };
        RenderedHttp {
            status: self.status,
            headers,
            used_scheme: self.used_scheme,
            body,
        }
    }
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        3 => select(&[200u16, 400, 401, 403, 404, 429, 500, 502, 503, 504][..]),
        1 => 100u16..1000,
    ]
}

fn http_gen() -> BoxedStrategy<HttpGen> {
    let retry_after = prop_oneof![
        3 => prop_oneof![0u64..7200, any::<u64>()].prop_map(RetryAfterGen::Seconds),
        2 => (-100_000i64..100_000, any::<bool>()).prop_map(|(o, a)| RetryAfterGen::Date(o, a)),
        1 => text(0..12).prop_map(RetryAfterGen::Garbage),
    ];
    let body = prop_oneof![
        1 => Just(HttpBody::None),
        5 => token_body().prop_map(HttpBody::Token),
        2 => resource_body().prop_map(HttpBody::Resource),
        1 => select(&["<html><body>Sign in</body></html>", "Too Many Requests", "{\"error\":", "  "][..])
            .prop_map(HttpBody::Junk),
    ];
    (
        status(),
        // From 1970 to 2100, away from the edges of the date range.
        200_000u64..4_102_444_800,
        option::of(retry_after),
        option::of("[A-Za-z0-9_-]{8,24}"),
        vec(header(), 0..3),
        option::of(select(&["Bearer", "DPoP", "dpop", "Basic"][..])),
        body,
        styles(),
    )
        .prop_map(
            |(status, date, retry_after, nonce, headers, used_scheme, body, name_case)| HttpGen {
                status,
                date,
                retry_after,
                nonce,
                headers,
                used_scheme,
                body,
                name_case,
            },
        )
        .boxed()
}

// ---------------------------------------------------------------------------
// Mutations, for inputs near the valid ones
// ---------------------------------------------------------------------------

const MUTATION_CHARS: &[char] = &[
    'é', '😀', '中', '\u{80}', '\u{fffd}', ' ', ',', '=', '"', '\\', '%', '&', '#', '?', '/', '\n',
    '\t', '\0', 'a', '0', '9', 'Z', '{', '}', '[', ']', ':', '-',
];

const MUTATION_BYTES: &[u8] =
    b"{}[]\":,\\/ntrufalse0123456789-+.eE \t\r\nu<>%&=#?\xEF\xBB\xBF\xC3\xA9\xFF\x00";

/// `base` with a few characters deleted, inserted, replaced, a tail cut off
/// or repeated.
fn mutate_text(base: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    (
        base,
        vec((any::<Index>(), 0u8..5, select(MUTATION_CHARS)), 1..5),
    )
        .prop_map(|(text, edits)| {
            let mut chars: Vec<char> = text.chars().collect();
            apply_edits(&mut chars, edits);
            chars.into_iter().collect()
        })
}

/// `base` with a few bytes edited as [`mutate_text`] edits characters.
fn mutate_bytes(base: impl Strategy<Value = Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    (
        base,
        vec((any::<Index>(), 0u8..5, select(MUTATION_BYTES)), 1..5),
    )
        .prop_map(|(mut bytes, edits)| {
            apply_edits(&mut bytes, edits);
            bytes
        })
}

/// Applies each edit (where, what, with which item): delete, insert,
/// replace, cut the tail, or repeat the tail.
fn apply_edits<T: Clone>(items: &mut Vec<T>, edits: Vec<(Index, u8, T)>) {
    for (at, op, item) in edits {
        if items.is_empty() {
            items.push(item);
            continue;
        }
        let i = at.index(items.len());
        match op {
            0 => {
                items.remove(i);
            }
            1 => items.insert(i, item),
            2 => items[i] = item,
            3 => items.truncate(i),
            _ => items.extend(items[i..].to_vec()),
        }
    }
}

fn any_date_text() -> impl Strategy<Value = String> {
    (0..=MAX_HTTP_DATE, 0u8..3).prop_map(|(secs, form)| match form {
        0 => imf_fixdate(secs),
        1 => rfc850_date(secs),
        _ => asctime_date(secs),
    })
}

/// Arbitrary bytes, JSON-ish bytes, and valid bodies with a few edits.
fn junk_body() -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        vec(any::<u8>(), 0..200),
        vec(select(MUTATION_BYTES), 0..120),
        mutate_bytes(token_body().prop_map(|b| b.render(&Desc::Keep))),
        mutate_bytes(resource_body().prop_map(|b| b.render(&Desc::Keep))),
        mutate_bytes(redirect().prop_map(|r| r.render(&Desc::Keep).into_bytes())),
    ]
    .boxed()
}

/// Arbitrary strings, and valid redirects, headers, dates and codes with a
/// few edits.
fn junk_text() -> BoxedStrategy<String> {
    prop_oneof![
        any::<String>(),
        text(0..64),
        mutate_text(redirect().prop_map(|r| r.render(&Desc::Keep))),
        mutate_text(header().prop_map(|h| h.render(&Desc::Keep))),
        mutate_text(any_date_text()),
        mutate_text(code().prop_map(|c| format!("AADSTS{c}"))),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------
// Never panic
// ---------------------------------------------------------------------------

/// Header names `HttpResponse` reads, in any case, and others.
fn header_name() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            4 => select(&["Retry-After", "Date", "DPoP-Nonce", "WWW-Authenticate"][..]).prop_map(str::to_owned),
            1 => "[A-Za-z-]{1,12}",
        ],
        styles(),
    )
        .prop_map(|(name, case)| recase(&name, &case))
}

proptest! {
    #![proptest_config(config(512))]

    /// Every body parser gives a value or a log-safe error for any bytes.
    #[test]
    fn body_parsers_never_panic(body in junk_body()) {
        match TokenError::from_json(&body) {
            Ok(err) => check_classification(&classify(&err))?,
            Err(e) => check_parse_error(&e)?,
        }
        match ResourceError::from_json(&body) {
            Ok(err) => prop_assert!(!err.api_code().is_empty()),
            Err(e) => check_parse_error(&e)?,
        }
        check_callback(Callback::from_form_post(&body))?;
    }

    /// Every text parser and catalog look-up gives an answer for any string.
    #[test]
    fn text_parsers_never_panic(text in junk_text()) {
        check_callback(Callback::from_redirect_uri(&text))?;
        match Challenges::parse(&text) {
            Ok(list) => prop_assert!(!list.is_empty()),
            Err(e) => check_parse_error(&e)?,
        }
        match Challenges::parse(&text) {
            Ok(challenges) => check_classification(&classify(&challenges))?,
            Err(e) => check_parse_error(&e)?,
        }
        let retry = retry_after_value(&text);
        if let Some(at) = http_date(&text) {
            prop_assert_eq!(retry, at.duration_since(UNIX_EPOCH).ok());
        }
        if let Ok(code) = text.parse::<AadstsCode>() {
            prop_assert_eq!(code.to_string().parse(), Ok(code));
        }
        prop_assert!(catalog::search(&text).count() <= catalog::entries().len());
    }

    /// Any status, headers and body, with any limits, classify to a
    /// log-safe line and a JSON object.
    #[test]
    fn http_responses_never_panic(
        status in any::<u16>(),
        headers in vec((header_name(), junk_text()), 0..6),
        used_scheme in option::of(junk_text()),
        body in junk_body(),
        limits in option::of((0usize..512, 0usize..128)),
    ) {
        let mut response = HttpResponse::new(status);
        if let Some((max_body, max_header)) = limits {
            response = response.limits(
                { let mut limits = Limits::DEFAULT; limits.max_body = max_body; limits.max_header = max_header; limits },
            );
        }
        for (name, value) in &headers {
            response = response.header(name, value);
        }
        if let Some(scheme) = &used_scheme {
            response = response.sent_scheme(scheme);
        }
        let response = response.body(&body);
        if let Some(e) = response.challenges().parse_error() {
            check_parse_error(e)?;
        }
        let c = classify(&response);
        if let Some(e) = c.parse_error() {
            check_parse_error(e)?;
        }
        prop_assert_eq!(c.status(), Some(status));
        check_classification(&c)?;
    }
}

/// Regression: an HTTP-date candidate of the right length with a multi-byte
/// character where the parser slices the text used to panic (byte index not
/// a char boundary), in `parse_http_date`, `RetryAfter::parse` and so in
/// `HttpResponse::header` for `Retry-After` and `Date`.
#[test]
fn http_dates_with_multibyte_characters_are_rejected() {
    for value in [
        // IMF-fixdate length (29 bytes), `é` across bytes 2 and 3.
        "Sué 06 Nov 1994 08:49:37 GMT",
        // asctime length (24 bytes), `é` across bytes 2 and 3.
        "Sué Nov  6 08:49:37 1994",
        // RFC 850 tail of 22 bytes, `é` across bytes 17 and 18.
        "Sunday, 06-Nov-94 08:49:3é GMT",
        "ééééééééééééééé",
    ] {
        assert_eq!(http_date(value), None, "{value:?}");
        assert_eq!(retry_after_value(value), None, "{value:?}");
        let response = HttpResponse::new(503)
            .header("Date", value)
            .header("Retry-After", value);
        assert_eq!(response.retry_after(), None);
        assert_eq!(classify(&response).action(), &Action::Retry { after: None });
    }
}

// ---------------------------------------------------------------------------
// Generated responses parse to their model
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(256))]

    /// A generated token body parses, and every member reads back as generated.
    #[test]
    fn token_bodies_parse_to_their_model(body in token_body()) {
        let bytes = body.render(&Desc::Keep);
        let err = parsed(TokenError::from_json(&bytes), &bytes)?;
        let expected = body.expect(&Desc::Keep);
        prop_assert_eq!(err.error(), &ErrorName::from(expected.error.as_str()));
        prop_assert_eq!(
            err.suberror().cloned(),
            expected.suberror.as_deref().map(Suberror::from)
        );
        prop_assert_eq!(TokenFields::of(&err), expected);
        check_classification(&classify(&err))?;
    }

    /// `error_codes` from 0 to `u32::MAX` are codes; anything else in the
    /// array (beyond `u32`, negative, fractional, huge, not a number) is a
    /// `wrong_type` error naming the member, never a panic or a wrapped value.
    #[test]
    fn error_codes_outside_u32_are_a_clear_error(
        body in token_body(),
        good in vec(code(), 0..3),
        bad in select(&[
            "4294967296", "18446744073709551615", "18446744073709551616",
            "123456789012345678901234567890", "1e30", "-1", "1.5", "-0.5",
            "\"AADSTS4294967296\"", "\"99999999999\"", "\"\"", "\"12a\"", "\"-1\"",
            "null", "true", "[]", "{}",
        ][..]),
        at in any::<Index>(),
    ) {
        let mut elements: Vec<String> = good.iter().map(u32::to_string).collect();
        elements.insert(at.index(elements.len() + 1), bad.to_owned());
        let mut body = body;
        body.members.retain(|(m, _)| !matches!(m, Member::Codes(_)));
        body.members.push((Member::Extra("error_codes".to_owned(), format!("[{}]", elements.join(","))), Vec::new()));
        let bytes = body.render(&Desc::Keep);
        let err = TokenError::from_json(&bytes).unwrap_err();
        prop_assert_eq!(&err, &ParseError::WrongType {
            field: "error_codes",
            found: "an array with a non-code element",
            expected: "an array of integers",
        });
        prop_assert_eq!(
            err.to_string(),
            "`error_codes` is an array with a non-code element, expected an array of integers"
        );
        // The edges themselves are codes.
        let edges = format!(r#"{{"error":"invalid_grant","error_codes":[0,{}]}}"#, u32::MAX);
        let edges = TokenError::from_json(edges.as_bytes()).unwrap();
        prop_assert_eq!(edges.error_codes(), &[0, u32::MAX]);
    }

    /// A generated redirect or `form_post` body parses, and every parameter
    /// reads back as generated.
    #[test]
    fn redirects_parse_to_their_model(redirect in redirect()) {
        let text = redirect.render(&Desc::Keep);
        let verified = parsed(redirect.parse(&text), text.as_bytes())?;
        let err = error_of(&verified);
        let expected = redirect.expect(&Desc::Keep);
        prop_assert_eq!(err.error(), &ErrorName::from(expected.error.as_str()));
        prop_assert_eq!(AuthorizeFields::of(&verified), expected);
        check_classification(&classify(err))?;
    }

    /// Line breaks and tabs anywhere in a redirect URL are ignored, as the
    /// docs promise (and as browsers do).
    #[test]
    fn line_breaks_in_redirect_urls_are_ignored(
        redirect in redirect().prop_filter("a URL", |r| r.shape != Shape::FormPost),
        breaks in vec((any::<Index>(), select(&["\n", "\r\n", "\t"][..])), 1..4),
    ) {
        let text = redirect.render(&Desc::Keep);
        let mut wrapped: Vec<String> = text.chars().map(String::from).collect();
        for (at, piece) in breaks {
            let i = at.index(wrapped.len() + 1);
            wrapped.insert(i, piece.to_owned());
        }
        let wrapped = wrapped.concat();
        let verified = parsed(error_callback(Callback::from_redirect_uri(&wrapped)), wrapped.as_bytes())?;
        prop_assert_eq!(AuthorizeFields::of(&verified), redirect.expect(&Desc::Keep));
    }

    /// A generated `WWW-Authenticate` value parses to the challenges
    /// generated: schemes and names as written, values unescaped, in order.
    #[test]
    fn challenges_parse_to_their_model(header in header()) {
        let text = header.render(&Desc::Keep);
        let list = parsed(Challenges::parse(&text), text.as_bytes())?;
        let got: Vec<ChallengeFields> = list.iter().map(challenge_fields).collect();
        prop_assert_eq!(got, header.expect(&Desc::Keep));
        let challenges = parsed(Challenges::parse(&text), text.as_bytes())?;
        prop_assert_eq!(challenges.iter().len(), list.len());
        check_classification(&classify(&challenges))?;
    }

    /// Several `WWW-Authenticate` headers gather their challenges in order.
    #[test]
    fn several_headers_keep_every_challenge(headers in vec(header(), 1..4)) {
        let texts: Vec<String> = headers.iter().map(|h| h.render(&Desc::Keep)).collect();
        let challenges = texts
            .iter()
            .fold(Challenges::default(), |all, text| all.with_header(text));
        prop_assert_eq!(challenges.parse_error(), None);
        let got: Vec<ChallengeFields> = challenges.iter().map(challenge_fields).collect();
        let expected: Vec<ChallengeFields> =
            headers.iter().flat_map(|h| h.expect(&Desc::Keep)).collect();
        prop_assert_eq!(got, expected);
        check_classification(&classify(&challenges))?;
    }

    /// A generated Graph / Resource Manager body parses to its model, alone
    /// and inside an `HttpResponse`.
    #[test]
    fn resource_bodies_parse_to_their_model(body in resource_body(), status in status()) {
        let bytes = body.render(&Desc::Keep);
        let err = parsed(ResourceError::from_json(&bytes), &bytes)?;
        prop_assert_eq!(ResourceFields::of(&err), body.expect(&Desc::Keep));
        let response = HttpResponse::new(status).body(&bytes);
        prop_assert_eq!(response.resource_error(), Some(&err));
        check_classification(&classify(&response))?;
    }

    /// A generated whole response keeps its status, headers and body.
    #[test]
    fn http_responses_read_their_parts(http in http_gen()) {
        let rendered = http.render(&Desc::Keep);
        let response = rendered.response();
        prop_assert_eq!(response.dpop_nonce(), http.nonce.as_deref());
        prop_assert_eq!(response.challenges().parse_error(), None);
        let expected: Vec<ChallengeFields> =
            http.headers.iter().flat_map(|h| h.expect(&Desc::Keep)).collect();
        let got: Vec<ChallengeFields> = response.challenges().iter().map(challenge_fields).collect();
        prop_assert_eq!(got, expected);
        match &http.body {
            HttpBody::Token(body) => {
                let err = response.error_body().ok_or_else(|| TestCaseError::fail("no token body"))?;
                prop_assert_eq!(TokenFields::of(err), body.expect(&Desc::Keep));
            }
            HttpBody::Resource(body) => {
                let err = response.resource_error().ok_or_else(|| TestCaseError::fail("no resource body"))?;
                prop_assert_eq!(ResourceFields::of(err), body.expect(&Desc::Keep));
            }
            HttpBody::None => {
                let c = classify(&response);
                prop_assert_eq!(c.parse_error(), None);
            }
            HttpBody::Junk(_) => {}
        }
        let expected_retry = match &http.retry_after {
            Some(RetryAfterGen::Seconds(n)) => Some(Duration::from_secs(*n).min(Duration::from_secs(3600))),
            Some(RetryAfterGen::Date(offset, _)) => {
                Some(Duration::from_secs(offset.max(&0).unsigned_abs()).min(Duration::from_secs(3600)))
            }
            // A date measured from the response's own `Date`.
            Some(RetryAfterGen::Garbage(text)) => http_date(text)
                .map(|at| at.duration_since(UNIX_EPOCH + Duration::from_secs(http.date)).unwrap_or_default())
                .or_else(|| retry_after_value(text))
                .map(|d| d.min(Duration::from_secs(3600))),
            None => None,
        };
        prop_assert_eq!(response.retry_after(), expected_retry);
        let c = classify(&response);
        prop_assert_eq!(c.status(), Some(http.status));
        if matches!(http.status, 501 | 505) {
            prop_assert_eq!(c.action(), &Action::FixRequest);
            prop_assert_eq!(c.decided_by(), DecidedBy::Status);
        } else if http.status == 408 || http.status == 429 || (500..600).contains(&http.status) {
            // The server's delay, never under a catalog minimum.
            let minimum = c
                .codes()
                .iter()
                .filter_map(|code| match code.entry()?.action {
                    Some(Action::Retry { after }) => after,
                    _ => None,
                })
                .max();
            prop_assert_eq!(c.action(), &Action::Retry { after: expected_retry.max(minimum) });
            prop_assert_eq!(c.decided_by(), DecidedBy::Status);
        }
        check_classification(&c)?;
    }
}

/// Regression: a tab or line break inside a `%XX` escape, or before the `/`
/// of a hash-router fragment, used to break the parse (a bad percent-encoding
/// error, or a missing `error`), although the docs say they are ignored.
#[test]
fn line_breaks_inside_escapes_and_router_prefixes_are_ignored() {
    for (wrapped, plain) in [
        ("?error=x&state=a%2\n0b", "?error=x&state=a%20b"),
        ("?error=x&state=a%\r\n20b", "?error=x&state=a%20b"),
        ("?error=x&state=%C3\t%\nA9", "?error=x&state=%C3%A9"),
        (
            "https://app/#\n/error=login_required&state=s1",
            "https://app/#/error=login_required&state=s1",
        ),
        (
            "https://app/#/\n/error=login_required&state=s1",
            "https://app/#//error=login_required&state=s1",
        ),
        (
            "https://app/#\t/callback?error=login_required",
            "https://app/#/callback?error=login_required",
        ),
    ] {
        let read = |text| {
            error_callback(Callback::from_redirect_uri(text))
                .map(|verified| error_of(&verified).clone().into_owned())
        };
        assert_eq!(read(wrapped), read(plain), "{wrapped:?}");
        assert!(read(wrapped).is_ok(), "{wrapped:?}");
    }
    // A break does not make a short escape whole, and the offset is the `%`'s.
    assert_eq!(
        Callback::from_redirect_uri("?error=x&state=a%2\n").map(|_| ()),
        Err(ParseError::BadPercentEncoding {
            offset: 16,
            reason: "`%` is not followed by two hex digits"
        })
    );
}

// ---------------------------------------------------------------------------
// The golden rule: the description never decides
// ---------------------------------------------------------------------------

/// The description removed, replaced by any text, and replaced by text that
/// names other error values and codes.
fn desc_variants() -> impl Strategy<Value = [Desc; 3]> {
    (text(0..60), hostile())
        .prop_map(|(any, hostile)| [Desc::Remove, Desc::Replace(any), Desc::Replace(hostile)])
}

proptest! {
    #![proptest_config(config(256))]

    /// Token bodies: the same classification whatever the description, edited
    /// in the JSON text and in the parsed value.
    #[test]
    fn the_description_never_decides_for_token_bodies(body in token_body(), variants in desc_variants()) {
        let bytes = body.render(&Desc::Keep);
        let err = parsed(TokenError::from_json(&bytes), &bytes)?;
        let baseline = outcome(&classify(&err));
        for desc in &variants {
            let bytes = body.render(desc);
            let edited = parsed(TokenError::from_json(&bytes), &bytes)?;
            prop_assert_eq!(TokenFields::of(&edited), body.expect(desc));
            prop_assert_eq!(&outcome(&classify(&edited)), &baseline, "{:?}", desc);
            // The same edit on the parsed value, written back as JSON.
            let rewritten = token_rewritten(&err, desc);
            let rebuilt = parsed(TokenError::from_json(&rewritten), &rewritten)?;
            let expected = match desc {
                Desc::Replace(text) => Some(text.as_str()),
                _ => None,
            };
            prop_assert_eq!(rebuilt.description(), expected);
            prop_assert_eq!(&outcome(&classify(&rebuilt)), &baseline, "{:?}", desc);
        }
    }

    /// Redirects and `form_post` bodies: the same classification whatever
    /// the description.
    #[test]
    fn the_description_never_decides_for_redirects(redirect in redirect(), variants in desc_variants()) {
        let text = redirect.render(&Desc::Keep);
        let verified = parsed(redirect.parse(&text), text.as_bytes())?;
        let baseline = outcome(&classify(error_of(&verified)));
        for desc in &variants {
            let text = redirect.render(desc);
            let edited = parsed(redirect.parse(&text), text.as_bytes())?;
            prop_assert_eq!(AuthorizeFields::of(&edited), redirect.expect(desc));
            prop_assert_eq!(&outcome(&classify(error_of(&edited))), &baseline, "{:?}", desc);
        }
    }

    /// Challenges: the same classification whatever `error_description` (or
    /// `errorDescription`) says, edited in the header text and in the
    /// parsed challenges.
    #[test]
    fn the_description_never_decides_for_challenges(
        headers in vec(header(), 1..3),
        sent_scheme in option::of(select(&["Bearer", "DPoP"][..])),
        variants in desc_variants(),
    ) {
        let build = |desc: &Desc| -> Vec<String> { headers.iter().map(|h| h.render(desc)).collect() };
        let gather = |texts: &[String]| -> Result<Outcome, TestCaseError> {
            let mut challenges = texts.iter().fold(Challenges::default(), |all, t| all.with_header(t));
            prop_assert_eq!(challenges.parse_error(), None, "{:?}", texts);
            if let Some(scheme) = sent_scheme {
                challenges = challenges.sent_scheme(scheme);
            }
            Ok(outcome(&classify(&challenges)))
        };
        let texts = build(&Desc::Keep);
        let baseline = gather(&texts)?;
        let parsed_all = texts.iter().fold(Challenges::default(), |all, t| all.with_header(t));
        for desc in &variants {
            prop_assert_eq!(&gather(&build(desc))?, &baseline, "{:?}", desc);
            // The same edit on the parsed challenges, each written back as
            // a header of its own.
            let rewritten: Vec<String> = parsed_all.iter().map(|c| challenge_rewritten(c, desc)).collect();
            let edited = rewritten.iter().fold(Challenges::default(), |all, t| all.with_header(t));
            prop_assert_eq!(edited.parse_error(), None, "{:?}", rewritten);
            let edited = match sent_scheme {
                Some(scheme) => edited.sent_scheme(scheme),
                None => edited,
            };
            prop_assert_eq!(&outcome(&classify(&edited)), &baseline, "{:?}", desc);
        }
    }

    /// Whole responses (any status, `Retry-After`, `DPoP-Nonce`, challenges,
    /// a token or Graph body): the same classification whatever every
    /// description and message says.
    #[test]
    fn the_description_never_decides_for_http_responses(http in http_gen(), variants in desc_variants()) {
        let baseline = outcome(&classify(http.render(&Desc::Keep).response()));
        for desc in &variants {
            let rendered = http.render(desc);
            let response = rendered.response();
            prop_assert_eq!(response.challenges().parse_error(), None);
            prop_assert_eq!(&outcome(&classify(&response)), &baseline, "{:?}", desc);
        }
    }
}

// ---------------------------------------------------------------------------
// Round trips
// ---------------------------------------------------------------------------

#[test]
fn every_known_error_and_suberror_round_trips_through_display() {
    for known in ErrorName::KNOWN {
        assert!(!matches!(known, ErrorName::Other(_)));
        let text = known.to_string();
        assert_eq!(&ErrorName::from_str(&text).unwrap(), known);
        assert_eq!(ErrorName::from(text.as_str()), *known);
    }
    for known in Suberror::KNOWN {
        assert!(!matches!(known, Suberror::Other(_)));
        let text = known.to_string();
        assert_eq!(&Suberror::from_str(&text).unwrap(), known);
        assert_eq!(Suberror::from(text.as_str()), *known);
    }
    let errors: HashSet<&str> = ErrorName::KNOWN.iter().map(ErrorName::as_str).collect();
    assert_eq!(errors.len(), ErrorName::KNOWN.len(), "a wire value twice");
    let suberrors: HashSet<&str> = Suberror::KNOWN.iter().map(Suberror::as_str).collect();
    assert_eq!(suberrors.len(), Suberror::KNOWN.len(), "a wire value twice");
}

/// One value of each action, in `Action::NAMES` order.
fn every_action() -> Vec<Action<'static>> {
    vec![
        Action::Retry { after: None },
        Action::RetryWithNonce,
        Action::KeepPolling,
        Action::SlowDown { interval: None },
        Action::Renew,
        Action::Reauthenticate,
        Action::Consent,
        Action::StepUp(StepUp::default()),
        Action::FixRequest,
        Action::FixConfig,
        Action::FixCredentials,
        Action::Denied,
        Action::Abort,
        Action::Success,
    ]
}

#[test]
fn action_names_round_trip_through_names() {
    let actions = every_action();
    assert_eq!(actions.len(), Action::NAMES.len());
    for (i, action) in actions.iter().enumerate() {
        let name = action.name();
        assert_eq!(Action::NAMES[i], name);
        assert_eq!(Action::NAMES.iter().position(|n| *n == name), Some(i));
        assert_eq!(action.to_string(), name);
        assert_eq!(
            serde_json::to_string(action).unwrap(),
            format!("\"{name}\"")
        );
        assert!(!action.advice().is_empty());
    }
    for entry in catalog::entries() {
        if let Some(action) = &entry.action {
            assert!(Action::NAMES.contains(&action.name()), "{entry}");
        }
    }
}

#[test]
fn every_catalog_entry_is_found_by_code_and_by_name() {
    for entry in catalog::entries() {
        let number = entry.code.get();
        assert_eq!(entry.code.entry(), Some(entry));
        assert_eq!(find(&number.to_string()), Some(entry));
        assert_eq!(find(&format!("AADSTS{number}")), Some(entry));
        assert_eq!(find(&format!(" aadsts{number} ")), Some(entry));
        assert_eq!(
            find(&format!(
                "https://login.microsoftonline.com/error?code={number}"
            )),
            Some(entry)
        );
        for name in entry.name.iter().chain(entry.aliases) {
            for query in [
                name.to_string(),
                name.to_ascii_lowercase(),
                name.to_ascii_uppercase(),
            ] {
                let found = find(&query).unwrap_or_else(|| panic!("{query}"));
                assert!(
                    found
                        .name
                        .iter()
                        .chain(found.aliases)
                        .any(|n| n.eq_ignore_ascii_case(name)),
                    "{query} found {found}"
                );
            }
        }
        if let Some(name) = entry.name {
            assert!(catalog::search(name).any(|e| e == entry), "{entry}");
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Any text converts to an `ErrorName` and a `Suberror` whose `Display`
    /// gives the text back, and converts again to an equal value.
    #[test]
    fn error_and_suberror_text_round_trips(
        text in prop_oneof![
            select(ErrorName::KNOWN).prop_map(|e| e.as_str().to_owned()),
            select(Suberror::KNOWN).prop_map(|s| s.as_str().to_owned()),
            any::<String>(),
            text(0..24),
        ],
    ) {
        let error = ErrorName::from_str(&text).unwrap();
        prop_assert_eq!(error.to_string(), text.as_str());
        prop_assert_eq!(&ErrorName::from_str(&error.to_string()).unwrap(), &error);
        prop_assert_eq!(!matches!(error, ErrorName::Other(_)), ErrorName::KNOWN.iter().any(|k| k.as_str() == text));
        prop_assert_eq!(ErrorName::from(std::borrow::Cow::Owned(text.clone())), error);

        let suberror = Suberror::from_str(&text).unwrap();
        prop_assert_eq!(suberror.to_string(), text.as_str());
        prop_assert_eq!(&Suberror::from_str(&suberror.to_string()).unwrap(), &suberror);
        prop_assert_eq!(!matches!(suberror, Suberror::Other(_)), Suberror::KNOWN.iter().any(|k| k.as_str() == text));
    }

    /// `retry` keeps its name whatever the delay, and prints the delay.
    #[test]
    fn retry_keeps_its_name(secs in any::<u64>()) {
        let action = Action::Retry { after: Some(Duration::from_secs(secs)) };
        prop_assert_eq!(action.name(), "retry");
        prop_assert_eq!(action.to_string(), format!("retry after {secs}s"));
    }

    /// Every `u32` reads back from `50011`, `AADSTS50011`, ` aadsts50011 `,
    /// `AADSTS-50011` and Entra's error page link; numbers beyond `u32` are
    /// no code.
    #[test]
    fn codes_round_trip_through_text(code in any::<u32>(), beyond in (u64::from(u32::MAX) + 1)..) {
        let expected = AadstsCode::new(code);
        for text in [
            code.to_string(),
            format!("AADSTS{code}"),
            format!(" aadsts{code}\t"),
            format!("AADSTS-{code}"),
        ] {
            prop_assert_eq!(text.parse::<AadstsCode>(), Ok(expected));
        }
        // An error page link names at most nine digits (Entra's codes have
        // seven at most).
        let link = format!("https://login.microsoftonline.com/error?code={code}");
        let from_link = link.parse::<AadstsCode>().ok();
        prop_assert_eq!(from_link, (code < 1_000_000_000).then_some(expected));
        prop_assert_eq!(expected.to_string().parse::<AadstsCode>(), Ok(expected));
        let prefixed = format!("AADSTS{beyond}");
        prop_assert!(beyond.to_string().parse::<AadstsCode>().is_err());
        prop_assert!(prefixed.parse::<AadstsCode>().is_err());
    }

    /// The three HTTP-date forms read back as the moment they were written
    /// from (RFC 850 within 40 years of now, inside the 50-year window of
    /// its two-digit year).
    #[test]
    fn http_dates_round_trip(secs in 0..=MAX_HTTP_DATE, near in within_40_years(), delay in any::<u64>()) {
        let at = UNIX_EPOCH + Duration::from_secs(secs);
        prop_assert_eq!(http_date(&imf_fixdate(secs)), Some(at));
        prop_assert_eq!(http_date(&asctime_date(secs)), Some(at));
        let near_at = UNIX_EPOCH + Duration::from_secs(near);
        prop_assert_eq!(http_date(&rfc850_date(near)), Some(near_at));
        prop_assert_eq!(retry_after_value(&delay.to_string()), Some(Duration::from_secs(delay)));
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// `into_owned` keeps every parsed value equal to the borrowed one.
    #[test]
    fn into_owned_preserves_equality(
        body in token_body(),
        redirect in redirect(),
        headers in vec(header(), 1..3),
        resource in resource_body(),
        http in http_gen(),
        junk in junk_text(),
    ) {
        let bytes = body.render(&Desc::Keep);
        let token = parsed(TokenError::from_json(&bytes), &bytes)?;
        prop_assert_eq!(token.clone().into_owned(), token.clone());

        let text = redirect.render(&Desc::Keep);
        let verified = parsed(redirect.parse(&text), text.as_bytes())?;
        let authorize = error_of(&verified);
        prop_assert_eq!(authorize.clone().into_owned(), authorize.clone());
        let owned = verified.clone().into_owned();
        prop_assert_eq!(owned.error(), Some(authorize));
        prop_assert_eq!(AuthorizeFields::of(&owned), AuthorizeFields::of(&verified));

        let texts: Vec<String> = headers.iter().map(|h| h.render(&Desc::Keep)).collect();
        for text in &texts {
            for challenge in parsed(Challenges::parse(text), text.as_bytes())?.iter() {
                prop_assert_eq!(&challenge.clone().into_owned(), challenge);
            }
        }
        let challenges = texts
            .iter()
            .fold(Challenges::default(), |all, t| all.with_header(t))
            .with_header(&junk)
            .sent_scheme("DPoP");
        prop_assert_eq!(challenges.clone().into_owned(), challenges.clone());

        let bytes = resource.render(&Desc::Keep);
        let graph = parsed(ResourceError::from_json(&bytes), &bytes)?;
        prop_assert_eq!(graph.clone().into_owned(), graph.clone());

        let rendered = http.render(&Desc::Keep);
        let response = rendered.response();
        for c in [
            classify(&token),
            classify(authorize),
            classify(&challenges),
            classify(&response),
        ] {
            prop_assert_eq!(c.clone().into_owned(), c);
        }
    }
}

// ---------------------------------------------------------------------------
// Serde: Deserialize checks what from_json checks; Serialize gives the body back
// ---------------------------------------------------------------------------

/// Valid token bodies, the same with a few bytes edited, and junk.
fn token_body_bytes() -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        3 => token_body().prop_map(|b| b.render(&Desc::Keep)),
        3 => mutate_bytes(token_body().prop_map(|b| b.render(&Desc::Keep))),
        1 => junk_body(),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(config(512))]

    /// `Deserialize` (through a slice, a reader, and `serde_path_to_error` as
    /// `oauth2` calls it) accepts what `from_json` accepts, with the same
    /// value, and refuses what it refuses; but for text that is not UTF-8,
    /// which serde_json refuses first and `from_json` reads lossily. A byte order mark is not JSON:
    /// serde_json refuses it before `TokenError` sees anything, so it is
    /// taken off first.
    #[test]
    fn deserialize_agrees_with_from_json(body in token_body_bytes()) {
        let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&body);
        let expected = TokenError::from_json(body);
        let from_slice = serde_json::from_slice::<TokenError<'static>>(body);
        let from_reader = serde_json::from_reader::<_, TokenError<'static>>(body);
        let mut de = serde_json::Deserializer::from_slice(body);
        let path = serde_path_to_error::deserialize::<_, TokenError<'static>>(&mut de)
            .map_err(|e| e.to_string())
            .and_then(|err| de.end().map(|()| err).map_err(|e| e.to_string()));
        match &expected {
            // serde_json refuses text that is not UTF-8 before `TokenError`
            // sees it; `from_json` reads it lossily where it is free text.
            Ok(_) if std::str::from_utf8(body).is_err() => {
                prop_assert!(from_slice.is_err());
            }
            Ok(err) => {
                prop_assert_eq!(from_slice.as_ref().ok(), Some(err));
                prop_assert_eq!(from_reader.as_ref().ok(), Some(err));
                prop_assert_eq!(path.as_ref().ok(), Some(err));
            }
            Err(e) => {
                prop_assert!(from_slice.is_err(), "from_json: {}", e);
                prop_assert!(from_reader.is_err(), "from_json: {}", e);
                prop_assert!(path.is_err(), "from_json: {}", e);
                // The deserializer's message is one log line, as a ParseError's is.
                let message = from_slice.unwrap_err().to_string();
                prop_assert!(!message.chars().any(char::is_control), "{:?}", message);
            }
        }
    }

    /// `from_json(serialize(err)) == err` for every body `from_json`
    /// accepts, and `Deserialize` reads the serialized body back too.
    #[test]
    fn serialize_then_parse_round_trips(body in token_body_bytes()) {
        let Ok(err) = TokenError::from_json(&body) else {
            return Ok(());
        };
        let json = serde_json::to_vec(&err).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let again = parsed(TokenError::from_json(&json), &json)?;
        prop_assert_eq!(&again, &err);
        let owned = serde_json::from_slice::<TokenError<'static>>(&json)
            .map_err(|e| TestCaseError::fail(format!("{e} for {}", String::from_utf8_lossy(&json))))?;
        prop_assert_eq!(&owned, &err);
        prop_assert_eq!(classify(&owned), classify(&err));
        // Written again, the body is the same bytes.
        prop_assert_eq!(serde_json::to_vec(&owned).ok(), Some(json));
    }

    /// A deserialized error with its description removed or replaced (any
    /// text, or text that names other values and codes) classifies the same.
    #[test]
    fn the_description_never_decides_for_deserialized_errors(
        body in token_body(),
        variants in desc_variants(),
    ) {
        let bytes = body.render(&Desc::Keep);
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let err = serde_json::from_slice::<TokenError<'static>>(bytes)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let baseline = classify(&err);
        for desc in &variants {
            let bytes = body.render(desc);
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            let edited = serde_json::from_slice::<TokenError<'static>>(bytes)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(TokenFields::of(&edited), body.expect(desc));
            prop_assert_eq!(&classify(&edited), &baseline, "{:?}", desc);
        }
    }
}

// ---------------------------------------------------------------------------
// Log safety
// ---------------------------------------------------------------------------

/// An unknown `error` value with an e-mail address in it (all `NQSCHAR`s).
fn email_error() -> impl Strategy<Value = Option<String>> {
    option::of(
        (
            0u32..100_000,
            select(&["{}", "x {}", "{} y", "user={}&z"][..]),
        )
            .prop_map(|(n, template)| template.replace("{}", &format!("err{n}@example.org"))),
    )
}

/// Checks one classification: its line shows neither address, and its JSON
/// form does not show the description's.
fn check_log_safe(c: &Classification<'_>, description: &str) -> Result<(), TestCaseError> {
    let line = c.to_string();
    prop_assert!(!line.contains('@'), "{line}");
    prop_assert!(!line.contains(description), "{line}");
    let json = serde_json::to_string(c).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(!json.contains(description), "{json}");
    check_debug_safe(c, description)
}

/// `Debug`, plain and pretty, never shows the planted text either.
fn check_debug_safe(value: &impl std::fmt::Debug, planted: &str) -> Result<(), TestCaseError> {
    for shown in [format!("{value:?}"), format!("{value:#?}")] {
        prop_assert!(!shown.contains(planted), "{shown}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    /// `Classification`'s `Display` never shows the description, nor an
    /// unknown `error` (or suberror, API code, trace id) holding an address.
    #[test]
    fn classification_lines_never_show_server_text(
        n in 0u32..100_000,
        body in token_body(),
        redirect in redirect(),
        header in header(),
        http in http_gen(),
        error in email_error(),
    ) {
        let address = format!("user{n}@example.com");
        let desc = Desc::Replace(format!("AADSTS50126: Error validating credentials for {address}.\r\nTrace ID: x"));

        let body = match &error { Some(e) => body.with_error(e), None => body };
        let bytes = body.render(&desc);
        let err = parsed(TokenError::from_json(&bytes), &bytes)?;
        prop_assert_eq!(err.description().map(|d| d.contains(&address)), Some(true));
        check_log_safe(&classify(&err), &address)?;

        let redirect = match &error { Some(e) => redirect.with_error(e), None => redirect };
        let text = redirect.render(&desc);
        let verified = parsed(redirect.parse(&text), text.as_bytes())?;
        let err = error_of(&verified);
        prop_assert_eq!(err.description().map(|d| d.contains(&address)), Some(true));
        check_log_safe(&classify(err), &address)?;
        check_debug_safe(err, &address)?;
        check_debug_safe(&verified, &address)?;

        let header = match &error { Some(e) => header.with_error(e), None => header };
        let text = header.render(&desc);
        let challenges = parsed(Challenges::parse(&text), text.as_bytes())?;
        check_log_safe(&classify(&challenges), &address)?;
        check_debug_safe(&challenges, &address)?;

        // Every text member of a token body holding an address.
        let leaky = format!(
            r#"{{"error":"err{n}@example.org","error_description":"{address}","suberror":"{address}","trace_id":"{address}","correlation_id":"{address}","timestamp":"{address}"}}"#
        );
        let err = parsed(TokenError::from_json(leaky.as_bytes()), leaky.as_bytes())?;
        let line = classify(&err).to_string();
        prop_assert!(!line.contains('@'), "{line}");

        // A Graph body whose code holds an address.
        let graph = format!(r#"{{"error":{{"code":"{address}","message":"{address}"}}}}"#);
        let response = HttpResponse::new(403).body(graph.as_bytes());
        prop_assert!(response.resource_error().is_some());
        let line = classify(&response).to_string();
        prop_assert!(!line.contains('@'), "{line}");
        check_debug_safe(&response, &address)?;

        let rendered = http.render(&desc);
        check_log_safe(&classify(rendered.response()), &address)?;
        check_debug_safe(&rendered.response(), &address)?;
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// `TokenError`'s `Display` never shows the description, an unknown
    /// member's value or an address, and its `Debug` never shows the first
    /// two; both stay readable through the accessors.
    #[test]
    fn token_error_display_and_debug_never_show_server_text(
        n in 0u32..100_000,
        body in token_body(),
        error in email_error(),
        secret in "[A-Za-z0-9]{24}",
    ) {
        let address = format!("user{n}@example.com");
        let desc = Desc::Replace(format!("AADSTS50126: Error validating credentials for {address}.\r\nTrace ID: x"));
        let mut body = match &error { Some(e) => body.with_error(e), None => body };
        body.members.push((Member::Extra("mfa_token".to_owned(), format!("\"{secret}\"")), Vec::new()));
        let bytes = body.render(&desc);
        let err = parsed(TokenError::from_json(&bytes), &bytes)?;
        prop_assert!(err.description().is_some_and(|d| d.contains(&address)));
        prop_assert!(err.extra().any(|(_, value)| value.contains(&secret)));

        let line = err.to_string();
        prop_assert!(!line.contains('@'), "{}", line);
        prop_assert!(!line.chars().any(char::is_control), "{:?}", line);
        prop_assert!(line.starts_with(err.error().as_str()) || line.starts_with("unrecognized"), "{}", line);
        for shown in [line, format!("{err:?}"), format!("{err:#?}")] {
            prop_assert!(!shown.contains(&address), "{}", shown);
            prop_assert!(!shown.contains(&secret), "{}", shown);
        }
    }
}

// ---------------------------------------------------------------------------
// The entry points of the seams: values given by value, `from_parts`, oauth2
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(128))]

    /// A value given by value classifies as the same value given by
    /// reference, on every surface.
    #[test]
    fn inputs_by_value_classify_as_by_reference(
        body in token_body(),
        redirect in redirect(),
        header in header(),
        http in http_gen(),
    ) {
        let bytes = body.render(&Desc::Keep);
        if let Ok(err) = TokenError::from_json(&bytes) {
            prop_assert_eq!(classify(err.clone()), classify(&err));
        }
        let text = redirect.render(&Desc::Keep);
        if let Ok(verified) = redirect.parse(&text) {
            let err = error_of(&verified);
            prop_assert_eq!(classify(err.clone()), classify(err));
        }
        let text = header.render(&Desc::Keep);
        if let Ok(challenges) = Challenges::parse(&text) {
            prop_assert_eq!(classify(challenges.clone()), classify(&challenges));
        }
        let rendered = http.render(&Desc::Keep);
        let response = rendered.response();
        prop_assert_eq!(classify(response.clone()), classify(&response));
        // Owned header values read as borrowed ones.
        let mut owned = HttpResponse::new(rendered.status);
        for (name, value) in &rendered.headers {
            owned = owned.header(name, value.clone());
        }
        if let Some(scheme) = rendered.used_scheme {
            owned = owned.sent_scheme(scheme);
        }
        prop_assert_eq!(classify(owned.body(&rendered.body)), classify(&response));
    }
}

/// The rendered response as the `http` crate holds it; `None` when a header
/// value has bytes that `http` refuses (control characters).
#[cfg(feature = "http")]
fn header_map(rendered: &RenderedHttp) -> Option<http::HeaderMap> {
    let mut headers = http::HeaderMap::new();
    for (name, value) in &rendered.headers {
        let name = http::HeaderName::from_bytes(name.as_bytes()).ok()?;
        let value = http::HeaderValue::from_bytes(value.as_bytes()).ok()?;
        headers.append(name, value);
    }
    Some(headers)
}

#[cfg(feature = "http")]
proptest! {
    #![proptest_config(config(128))]

    /// `from_parts` reads what the builder reads, and the description
    /// never decides through it.
    #[test]
    fn from_parts_reads_as_the_builder(http in http_gen(), variants in desc_variants()) {
        let rendered = http.render(&Desc::Keep);
        let Some(headers) = header_map(&rendered) else { return Ok(()) };
        let Ok(status) = http::StatusCode::from_u16(rendered.status) else { return Ok(()) };
        let mut parts = HttpResponse::from_parts(status, &headers, &rendered.body);
        if let Some(scheme) = rendered.used_scheme {
            parts = parts.sent_scheme(scheme);
        }
        let baseline = classify(&parts);
        prop_assert_eq!(&baseline, &classify(rendered.response()));
        for desc in &variants {
            let rendered = http.render(desc);
            let Some(headers) = header_map(&rendered) else { continue };
            let mut parts = HttpResponse::from_parts(status, &headers, &rendered.body);
            if let Some(scheme) = rendered.used_scheme {
                parts = parts.sent_scheme(scheme);
            }
            prop_assert_eq!(outcome(&classify(&parts)), outcome(&baseline), "{:?}", desc);
        }
    }
}

#[cfg(feature = "oauth2")]
mod oauth2_seams {
    use super::*;
    use ::oauth2::basic::BasicErrorResponse;
    use ::oauth2::{RequestTokenError, SyncHttpClient};
    use oauth_triage::oauth2::{HttpError, KeepResponses};

    type Error<TE> = RequestTokenError<HttpError, TE>;

    /// What a `KeepResponses` client hands back for the rendered response.
    fn through_keep_responses(
        rendered: &RenderedHttp,
    ) -> Option<Result<(), Error<TokenError<'static>>>> {
        let headers = header_map(rendered)?;
        let status = http::StatusCode::from_u16(rendered.status).ok()?;
        let body = rendered.body.clone();
        let client = KeepResponses::new(move |_request: ::oauth2::HttpRequest| {
            let mut response = http::Response::new(body.clone());
            *response.status_mut() = status;
            *response.headers_mut() = headers.clone();
            Ok::<_, std::io::Error>(response)
        });
        let request = http::Request::new(Vec::new());
        Some(
            client
                .call(request)
                .map(|_| ())
                .map_err(RequestTokenError::Request),
        )
    }

    proptest! {
        #![proptest_config(config(128))]

        /// Whole responses through `KeepResponses`: an error response comes
        /// back whole and classifies as the `HttpResponse` of the same
        /// parts; a response let through is a success; and the description
        /// never decides.
        #[test]
        fn keep_responses_keeps_what_classify_reads(http in http_gen(), variants in desc_variants()) {
            // The wrapper cannot know the scheme the request used.
            let http = HttpGen { used_scheme: None, ..http };
            let rendered = http.render(&Desc::Keep);
            let Some(answer) = through_keep_responses(&rendered) else { return Ok(()) };
            let direct = classify(rendered.response());
            let baseline = match &answer {
                Err(err) => {
                    let c = classify(err);
                    prop_assert_eq!(&c, &direct);
                    c
                }
                Ok(()) => {
                    prop_assert_eq!(direct.action(), &Action::Success);
                    direct
                }
            };
            for desc in &variants {
                let rendered = http.render(desc);
                let Some(answer) = through_keep_responses(&rendered) else { continue };
                let edited = match &answer {
                    Err(err) => outcome(&classify(err)),
                    Ok(()) => outcome(&classify(rendered.response())),
                };
                prop_assert_eq!(edited, outcome(&baseline), "{:?}", desc);
            }
        }

        /// Token bodies as oauth2 hands them over, as `TokenError<'static>`
        /// (parsed through `serde_path_to_error`, as oauth2 does) or as its
        /// own `BasicErrorResponse`: the description never decides, and a
        /// `TokenError` classifies as `from_json`'s.
        #[test]
        fn the_description_never_decides_for_oauth2_errors(body in token_body(), variants in desc_variants()) {
            let read = |bytes: &[u8]| {
                serde_path_to_error::deserialize::<_, TokenError<'static>>(
                    &mut serde_json::Deserializer::from_slice(bytes),
                )
            };
            let basic = |bytes: &[u8]| serde_json::from_slice::<BasicErrorResponse>(bytes);
            let bytes = body.render(&Desc::Keep);
            let Ok(err) = read(&bytes) else { return Ok(()) };
            let direct = parsed(TokenError::from_json(&bytes), &bytes)?;
            let server: Error<TokenError<'static>> = RequestTokenError::ServerResponse(err);
            let baseline = outcome(&classify(&server));
            prop_assert_eq!(&baseline, &outcome(&classify(&direct)));
            let basic_baseline = basic(&bytes).ok().map(|e| outcome(&classify(&e)));
            for desc in &variants {
                let bytes = body.render(desc);
                let edited: Error<TokenError<'static>> = RequestTokenError::ServerResponse(
                    read(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?,
                );
                prop_assert_eq!(&outcome(&classify(&edited)), &baseline, "{:?}", desc);
                if let (Some(expected), Ok(e)) = (&basic_baseline, basic(&bytes)) {
                    prop_assert_eq!(&outcome(&classify(&e)), expected, "{:?}", desc);
                    let wrapped: Error<BasicErrorResponse> = RequestTokenError::ServerResponse(e);
                    prop_assert_eq!(&outcome(&classify(&wrapped)), expected, "{:?}", desc);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Callbacks: successes and errors read and checked alike
// ---------------------------------------------------------------------------

impl Redirect {
    fn callback<'a>(&self, text: &'a str) -> Result<Callback<'a>, ParseError> {
        match self.shape {
            Shape::FormPost => Callback::from_form_post(text.as_bytes()),
            _ => Callback::from_redirect_uri(text),
        }
    }

    /// The same response as a success: `error` becomes `code`.
    fn as_success(&self) -> Self {
        let mut redirect = self.clone();
        for param in &mut redirect.params {
            if param.name == "error" {
                param.name = "code".to_owned();
                param.value = "0.AXoA-c0de".to_owned();
            }
        }
        redirect
    }

    /// The same response with one parameter also at position `at`, its
    /// name and value encoded in their own way.
    fn with_duplicate(&self, which: Index, at: Index, styles: Vec<u8>) -> Self {
        let mut redirect = self.clone();
        let copy = Param {
            name_styles: styles.clone(),
            value_styles: styles,
            ..redirect.params[which.index(redirect.params.len())].clone()
        };
        let at = at.index(redirect.params.len() + 1);
        redirect.params.insert(at, copy);
        redirect
    }

    /// The decoded pairs, as a web framework hands them over.
    fn pairs(&self, desc: &Desc) -> Vec<(String, String)> {
        self.params(desc)
            .into_iter()
            .map(|p| (p.name, p.value))
            .collect()
    }
}

/// Expectations a client may hold: a state and maybe an issuer.
fn expected_callback() -> impl Strategy<Value = (Option<String>, Option<bool>)> {
    (
        option::of(prop_oneof!["[A-Za-z0-9_-]{1,24}", text(0..16)]),
        option::of(any::<bool>()),
    )
}

const RIGHT_ISSUER: &str =
    "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0";

fn build_expected<'e>(state: &'e Option<String>, issuer: Option<bool>) -> ExpectedCallback<'e> {
    let expected = match state {
        Some(state) => ExpectedCallback::state(state),
        None => ExpectedCallback::state_not_checked(),
    };
    match issuer {
        Some(true) => expected.issuer(RIGHT_ISSUER),
        Some(false) => expected.issuer("https://idp.example"),
        None => expected,
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// An error callback hands out, once checked, the error it was read
    /// with, and its success twin passes or fails the same checks.
    #[test]
    fn success_and_error_callbacks_are_checked_alike(
        redirect in redirect(),
        (state, issuer) in expected_callback(),
    ) {
        let text = redirect.render(&Desc::Keep);
        let Ok(unchecked) = redirect.parse(&text) else { return Ok(()) };
        let err = error_of(&unchecked);
        let callback = parsed(redirect.callback(&text), text.as_bytes())?;
        let fields = AuthorizeFields::of(&unchecked);
        prop_assert_eq!(callback.state(), fields.state.as_deref());
        prop_assert_eq!(callback.iss(), fields.iss.as_deref());
        let expected = build_expected(&state, issuer);
        let verified = callback.check(&expected);
        let by_error = verified.as_ref().map(|_| ()).map_err(|e| *e);
        if let Ok(verified) = &verified {
            prop_assert_eq!(verified.error(), Some(err));
            prop_assert_eq!(verified.code(), None);
        }

        let success = redirect.as_success();
        let text = success.render(&Desc::Keep);
        let callback = parsed(success.callback(&text), text.as_bytes())?;
        let unchecked = callback
            .clone()
            .check(&ExpectedCallback::state_not_checked())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(unchecked.error().is_none());
        let verified = callback.check(&expected);
        prop_assert_eq!(verified.as_ref().map(|_| ()).map_err(|e| *e), by_error);
        if let Ok(verified) = &verified {
            prop_assert_eq!(verified.code(), Some("0.AXoA-c0de"));
            prop_assert!(verified.error().is_none());
        }
    }

    /// A parameter twice, anywhere and in any encoding, is refused by every
    /// constructor, for errors and successes alike.
    #[test]
    fn a_duplicated_parameter_is_refused_by_every_constructor(
        redirect in redirect(),
        which in any::<Index>(),
        at in any::<Index>(),
        styles in styles(),
        success in any::<bool>(),
    ) {
        let redirect = if success { redirect.as_success() } else { redirect };
        let twice = redirect.with_duplicate(which, at, styles);
        let text = twice.render(&Desc::Keep);
        let kind = |r: Result<(), ParseError>| r.map_err(|e| e.kind());
        prop_assert_eq!(kind(twice.callback(&text).map(|_| ())), Err("duplicate"), "{}", text);
        prop_assert_eq!(kind(Callback::from_query_pairs(twice.pairs(&Desc::Keep)).map(|_| ())), Err("duplicate"));
        for mode in [ResponseMode::FormPost, ResponseMode::Fragment] {
            let from_pairs = Callback::options().from_pairs(mode, twice.pairs(&Desc::Keep));
            prop_assert_eq!(kind(from_pairs.map(|_| ())), Err("duplicate"));
        }
    }

    /// Pairs a framework decoded read as the URL they came from.
    #[test]
    fn query_pairs_read_as_the_url(redirect in redirect()) {
        let text = redirect.render(&Desc::Keep);
        let Ok(from_url) = redirect.parse(&text) else { return Ok(()) };
        let url_fields = AuthorizeFields::of(&from_url);
        let mode = url_fields.mode.expect("a response mode");
        let pairs = redirect.pairs(&Desc::Keep);
        let from_pairs = parsed(error_callback(Callback::from_query_pairs(&pairs)), text.as_bytes())?;
        let mut fields = AuthorizeFields::of(&from_pairs);
        prop_assert_eq!(fields.mode, Some(ResponseMode::Query));
        fields.mode = url_fields.mode;
        prop_assert_eq!(&fields, &url_fields);
        // Told where they came from, the pairs read with that response mode.
        let told = parsed(error_callback(Callback::options().from_pairs(mode, &pairs)), text.as_bytes())?;
        prop_assert_eq!(AuthorizeFields::of(&told), url_fields);
    }

    /// The golden rule through `Callback`: the description never decides.
    #[test]
    fn the_description_never_decides_for_callbacks(redirect in redirect(), variants in desc_variants()) {
        let text = redirect.render(&Desc::Keep);
        let Ok(callback) = redirect.callback(&text) else { return Ok(()) };
        let verified = callback.check(&ExpectedCallback::state_not_checked());
        let verified = verified.map_err(|e| TestCaseError::fail(e.to_string()))?;
        let baseline = outcome(&classify(verified.error().expect("an error callback")));
        for desc in &variants {
            let text = redirect.render(desc);
            let callback = parsed(redirect.callback(&text), text.as_bytes())?;
            let verified = callback.check(&ExpectedCallback::state_not_checked())
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&outcome(&classify(verified.error().expect("an error callback"))), &baseline, "{:?}", desc);
            let pairs = Callback::from_query_pairs(redirect.pairs(desc))
                .map_err(|e| TestCaseError::fail(e.to_string()))?
                .check(&ExpectedCallback::state_not_checked())
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&outcome(&classify(pairs.error().expect("an error callback"))), &baseline, "{:?}", desc);
        }
    }
}
