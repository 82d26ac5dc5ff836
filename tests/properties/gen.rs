//! What two or more modules use: the checks every property makes, the
//! generators of text and JSON, one model per surface with its renderer, and
//! the mutations that make inputs near the valid ones.

mod challenge;
mod redirect;
mod resource;
mod response;
mod token;

pub(crate) use self::challenge::*;
pub(crate) use self::redirect::*;
pub(crate) use self::resource::*;
pub(crate) use self::response::*;
pub(crate) use self::token::*;

use std::fmt::Write as _;
use std::time::Duration;

use oauth_triage::{catalog, Action, Classification, DecidedBy, ErrorName, ParseError, Suberror};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::FileFailurePersistence;

// ---------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------

/// `cases` cases, with the seeds of past failures read from (and new ones
/// written to) the file next to the module that runs them:
/// `tests/properties/<module>.proptest-regressions`. proptest's default
/// would look in `tests/proptest-regressions/<module>.txt`, beside this
/// directory, since it holds a `main.rs`.
pub(crate) fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

/// What the golden rule compares: the action, the deciding step and the delay.
#[derive(Debug, PartialEq)]
pub(crate) struct Outcome {
    pub(crate) action: Action<'static>,
    pub(crate) decided_by: DecidedBy,
    pub(crate) retry_after: Option<Duration>,
}

pub(crate) fn outcome(c: &Classification<'_>) -> Outcome {
    Outcome {
        action: c.action().clone().into_owned(),
        decided_by: c.decided_by(),
        retry_after: c.retry_after(),
    }
}

/// `Display` is one log line, the JSON form is an object naming the same
/// action, and `into_owned` keeps the value.
pub(crate) fn check_classification(c: &Classification<'_>) -> Result<(), TestCaseError> {
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
pub(crate) fn check_parse_error(e: &ParseError) -> Result<(), TestCaseError> {
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
pub(crate) fn parsed<T>(result: Result<T, ParseError>, input: &[u8]) -> Result<T, TestCaseError> {
    result.map_err(|e| {
        TestCaseError::fail(format!(
            "{e} ({}) for {:?}",
            e.kind(),
            String::from_utf8_lossy(input)
        ))
    })
}

pub(crate) fn catalog_codes() -> Vec<u32> {
    catalog::entries().iter().map(|e| e.code.get()).collect()
}

/// Codes whose catalog entry overrides the action.
pub(crate) fn action_codes() -> Vec<u32> {
    catalog::entries()
        .iter()
        .filter(|e| e.action.is_some())
        .map(|e| e.code.get())
        .collect()
}

/// A token request's error as an `oauth2::Client` hands it back.
#[cfg(feature = "oauth2")]
pub(crate) type Error<TE> = ::oauth2::RequestTokenError<oauth_triage::oauth2::HttpError, TE>;

// ---------------------------------------------------------------------------
// Text generators
// ---------------------------------------------------------------------------

/// Characters that stress escaping and encoding, and a few beyond ASCII.
pub(crate) const SPECIAL_CHARS: &[char] = &[
    '\r', '\n', '\t', '/', '"', '\\', '\'', '&', '=', '+', '%', '#', '?', ',', ';', ' ', '@', 'é',
    'ü', '中', '😀', '\u{2028}', '\u{0}', '\u{7f}', '\u{feff}', '\u{85}',
];

pub(crate) fn text_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => (0x20u8..0x7F).prop_map(char::from),
        3 => select(SPECIAL_CHARS),
        1 => any::<char>(),
    ]
}

pub(crate) fn text(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    vec(text_char(), len).prop_map(String::from_iter)
}

/// One style byte per character: how to escape or encode it.
pub(crate) fn styles() -> impl Strategy<Value = Vec<u8>> {
    vec(any::<u8>(), 0..32)
}

/// A control character that is not white space: not allowed in a header.
pub(crate) fn is_header_control(c: char) -> bool {
    (c < ' ' && !c.is_ascii_whitespace()) || c == '\u{7f}'
}

pub(crate) fn without_controls(text: &str) -> String {
    text.chars().filter(|&c| !is_header_control(c)).collect()
}

/// An RFC 6749 `NQSCHAR`: printable ASCII except `"` and `\`.
pub(crate) fn nqschar() -> impl Strategy<Value = char> {
    (0x20u8..0x7F)
        .prop_filter("NQSCHAR", |&b| b != b'"' && b != b'\\')
        .prop_map(char::from)
}

/// An `error` value: a known one, or any run of `NQSCHAR`s.
pub(crate) fn error_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(ErrorName::KNOWN).prop_map(|e| e.as_str().to_owned()),
        1 => vec(nqschar(), 1..24)
            .prop_map(String::from_iter)
            .prop_filter("a sentence is a shape of its own", |v| !is_sentence(v)),
    ]
}

/// Prose in `error` (two or more words of letters), which the token parser
/// reports as the `error-sentence` shape.
pub(crate) fn is_sentence(value: &str) -> bool {
    let words = value.strip_suffix('.').unwrap_or(value);
    words.split(' ').count() >= 2
        && words
            .split(' ')
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphabetic()))
}

pub(crate) fn suberror_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(Suberror::KNOWN).prop_map(|s| s.as_str().to_owned()),
        1 => text(0..16),
    ]
}

/// Descriptions as Entra writes them (code, CR LF, trace lines), and any text.
pub(crate) fn description() -> BoxedStrategy<String> {
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
pub(crate) const HOSTILE_TEMPLATES: &[&str] = &[
    "AADSTS{code}: {error}",
    "{error} suberror={suberror} error_codes=[{code}]",
    "\", \"error\":\"{error}\", \"suberror\":\"{suberror}\", \"error_codes\":[{code}], \"x\":\"",
    "&error={error}&suberror={suberror}&error_uri=https://login.microsoftonline.com/error?code={code}",
    "\", error=\"{error}\", claims=\"eyJhY2Nlc3NfdG9rZW4iOnt9fQ==\", x=\"",
    "Retry-After: 0\r\nDPoP-Nonce: abc\r\nerror={error}",
    "The user must {error} (AADSTS{code}, {suberror}); retry after 5 seconds or step up",
];

pub(crate) fn hostile() -> BoxedStrategy<String> {
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

pub(crate) fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        1 => text(0..20),
    ]
}

pub(crate) fn timestamp() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "20[0-9]{2}-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z",
        1 => text(0..12),
    ]
}

pub(crate) const MS_ERROR_PAGE: &str = "https://login.microsoftonline.com/error?code=";

/// `error_uri`: Microsoft's error page with a code, and look-alikes that
/// must not yield one.
pub(crate) fn error_uri() -> impl Strategy<Value = String> {
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
pub(crate) fn expected_uri_code(uri: &str) -> Option<u32> {
    let digits = uri.strip_prefix(MS_ERROR_PAGE)?;
    let valid =
        !digits.is_empty() && digits.len() <= 9 && digits.bytes().all(|b| b.is_ascii_digit());
    valid.then(|| digits.parse().unwrap())
}

// ---------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------

/// White space allowed between JSON tokens.
pub(crate) const JSON_WS: &[&str] = &["", "", " ", "\n", "\t", "\r\n", "  "];

/// A JSON string literal for `text`, each character raw or escaped as its
/// style byte says: short escapes, `\uXXXX` in either case, surrogate pairs
/// for characters beyond the BMP, `\/`.
pub(crate) fn json_literal(text: &str, styles: &[u8]) -> String {
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
pub(crate) fn raw_json() -> BoxedStrategy<String> {
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

pub(crate) fn raw_object() -> BoxedStrategy<String> {
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
// The description kept, removed or replaced
// ---------------------------------------------------------------------------

/// What happens to the description in a rendering.
#[derive(Clone, Debug)]
pub(crate) enum Desc {
    Keep,
    Remove,
    Replace(String),
}

/// The description removed, replaced by any text, and replaced by text that
/// names other error values and codes.
pub(crate) fn desc_variants() -> impl Strategy<Value = [Desc; 3]> {
    (text(0..60), hostile())
        .prop_map(|(any, hostile)| [Desc::Remove, Desc::Replace(any), Desc::Replace(hostile)])
}

// ---------------------------------------------------------------------------
// Mutations, for inputs near the valid ones
// ---------------------------------------------------------------------------

pub(crate) const MUTATION_CHARS: &[char] = &[
    'é', '😀', '中', '\u{80}', '\u{fffd}', ' ', ',', '=', '"', '\\', '%', '&', '#', '?', '/', '\n',
    '\t', '\0', 'a', '0', '9', 'Z', '{', '}', '[', ']', ':', '-',
];

pub(crate) const MUTATION_BYTES: &[u8] =
    b"{}[]\":,\\/ntrufalse0123456789-+.eE \t\r\nu<>%&=#?\xEF\xBB\xBF\xC3\xA9\xFF\x00";

/// `base` with a few characters deleted, inserted, replaced, a tail cut off
/// or repeated.
pub(crate) fn mutate_text(base: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
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
pub(crate) fn mutate_bytes(base: impl Strategy<Value = Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
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
pub(crate) fn apply_edits<T: Clone>(items: &mut Vec<T>, edits: Vec<(Index, u8, T)>) {
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

pub(crate) fn any_date_text() -> impl Strategy<Value = String> {
    (0..=MAX_HTTP_DATE, 0u8..3).prop_map(|(secs, form)| match form {
        0 => imf_fixdate(secs),
        1 => rfc850_date(secs),
        _ => asctime_date(secs),
    })
}

/// Arbitrary bytes, JSON-ish bytes, and valid bodies with a few edits.
pub(crate) fn junk_body() -> BoxedStrategy<Vec<u8>> {
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
pub(crate) fn junk_text() -> BoxedStrategy<String> {
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
