//! The real error responses in `tests/fixtures/`, each with the outcome a
//! correct implementation gives (`public-labels.jsonl`), run by one
//! data-driven test, plus the golden rule: the description never decides.

use std::collections::BTreeMap;

use oauth_triage::{
    classify, AuthorizeError, Callback, Challenges, Classification, ExpectedCallback, HttpResponse,
    ParseError, TokenError,
};
use serde::Deserialize;

#[path = "common/described.rs"]
mod described;

use described::described;

#[derive(Deserialize)]
struct Sample {
    id: String,
    kind: String,
    input: String,
    http_status: Option<u16>,
    #[serde(default)]
    headers: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct Label {
    id: String,
    expect: String,
    also_ok: Vec<String>,
    decided_by: String,
    retry_after_secs: Option<u64>,
}

fn load<T: for<'de> Deserialize<'de>>(name: &str) -> Vec<T> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// What the crate makes of a sample, as `explain --json` would.
#[derive(Debug, PartialEq)]
struct Outcome {
    action: String,
    decided_by: String,
    retry_after_secs: Option<u64>,
}

impl Outcome {
    fn of(c: &Classification<'_>) -> Self {
        Self {
            action: c.action().name().to_owned(),
            decided_by: c.decided_by().to_string(),
            retry_after_secs: c.retry_after().map(|d| d.as_secs()),
        }
    }

    fn parse_error() -> Self {
        Self {
            action: "parse_error".into(),
            decided_by: "parse_error".into(),
            retry_after_secs: None,
        }
    }
}

fn response<'a>(sample: &'a Sample, status: u16) -> HttpResponse<'a> {
    sample
        .headers
        .iter()
        .fold(HttpResponse::new(status), |r, (name, value)| {
            r.header(name, value)
        })
}

/// `None` for the surfaces the crate does not parse yet (see `known-gaps.txt`).
fn run(sample: &Sample) -> Option<Outcome> {
    match sample.kind.as_str() {
        "token_json" | "malformed" | "http_response" => Some(match sample.http_status {
            Some(status) => Outcome::of(&classify(
                response(sample, status).body(sample.input.as_bytes()),
            )),
            None => match TokenError::from_json(sample.input.as_bytes()) {
                Ok(err) => Outcome::of(&classify(&err)),
                Err(_) => Outcome::parse_error(),
            },
        }),
        "www_authenticate" => Some(match sample.http_status {
            Some(status) => Outcome::of(&classify(
                response(sample, status).header("WWW-Authenticate", &sample.input),
            )),
            None => match Challenges::parse(&sample.input) {
                Ok(challenges) => Outcome::of(&classify(&challenges)),
                Err(_) => Outcome::parse_error(),
            },
        }),
        "authorize_redirect" => Some(match parse_authorize(sample) {
            Ok(err) => Outcome::of(&classify(&err)),
            Err(_) => Outcome::parse_error(),
        }),
        _ => None,
    }
}

/// A redirect URL, or a `form_post` body when the sample says so.
fn parse_authorize(sample: &Sample) -> Result<AuthorizeError<'_>, ParseError> {
    parse_authorize_text(sample, &sample.input)
}

/// `text` read as the sample's callback is: a redirect URL, or a
/// `form_post` body. The error, its `state` not compared (the samples'
/// states are not known here); a success is [`ParseError::Success`].
fn parse_authorize_text<'t>(
    sample: &Sample,
    text: &'t str,
) -> Result<AuthorizeError<'t>, ParseError> {
    let form_post = sample.headers.iter().any(|(name, value)| {
        name.eq_ignore_ascii_case("content-type")
            && value.starts_with("application/x-www-form-urlencoded")
    });
    let callback = if form_post {
        Callback::from_form_post(text.as_bytes())?
    } else {
        Callback::from_redirect_uri(text)?
    };
    let verified = callback
        .check(&ExpectedCallback::state_not_checked())
        .expect("no issuer is expected");
    verified.error().cloned().ok_or(ParseError::Success)
}

fn known_gaps() -> Vec<String> {
    let path = format!(
        "{}/tests/fixtures/known-gaps.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| l.split('#').next().unwrap().trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn public_samples_get_their_expected_outcome() {
    let samples = load::<Sample>("public-samples.jsonl");
    let labels: BTreeMap<String, Label> = load::<Label>("public-labels.jsonl")
        .into_iter()
        .map(|l| (l.id.clone(), l))
        .collect();
    assert_eq!(samples.len(), labels.len());
    let gaps = known_gaps();
    let mut failures = Vec::new();
    let mut passed = 0;
    for sample in &samples {
        let label = &labels[&sample.id];
        let Some(got) = run(sample) else {
            assert!(
                gaps.contains(&sample.id),
                "{}: not run and not a known gap",
                sample.id
            );
            continue;
        };
        assert!(
            !gaps.contains(&sample.id),
            "{}: now runs; remove it from known-gaps.txt",
            sample.id
        );
        let acceptable = got.action == label.expect || label.also_ok.contains(&got.action);
        let exact = got.action != label.expect
            || (label.decided_by == "parse_error" || got.decided_by == label.decided_by)
                && (label.retry_after_secs.is_none()
                    || got.retry_after_secs == label.retry_after_secs);
        if acceptable && exact {
            passed += 1;
        } else {
            failures.push(format!(
                "{}: got {:?}, expected {} (also ok {:?}) decided by {} retry {:?}",
                sample.id,
                got,
                label.expect,
                label.also_ok,
                label.decided_by,
                label.retry_after_secs
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} passed, failures:\n{}",
        passed,
        failures.join("\n")
    );
    assert_eq!(passed + gaps.len(), samples.len());
}

/// Descriptions that try to steer a classifier that reads text.
const HOSTILE: &[&str] = &[
    "AADSTS50196: The server terminated an operation because it encountered a client request loop. temporarily_unavailable",
    "AADSTS65001: consent_required interaction_required login_required",
    "AADSTS7000215: Invalid client secret provided. invalid_client",
    "",
];

#[test]
fn the_description_never_changes_a_classification() {
    let samples = load::<Sample>("public-samples.jsonl");
    let mut checked = 0;
    for sample in &samples {
        if run(sample).is_none() {
            continue;
        }
        if TokenError::from_json(sample.input.as_bytes()).is_err() {
            continue;
        }
        // Classify the sample's body as JSON text, whole or edited, with its
        // status and headers when it has them.
        let classify_body = |body: &[u8]| {
            let err = TokenError::from_json(body).unwrap();
            match sample.http_status {
                Some(status) => Outcome::of(&classify(response(sample, status).body(body))),
                None => Outcome::of(&classify(&err)),
            }
        };
        let baseline = classify_body(sample.input.as_bytes());
        let removed = described(&sample.input, None);
        assert_eq!(
            baseline,
            classify_body(&removed),
            "{}: removing the description",
            sample.id
        );
        let others = HOSTILE.iter().map(|s| s.to_string()).chain(
            samples
                .iter()
                .filter_map(|s| TokenError::from_json(s.input.as_bytes()).ok())
                .filter_map(|e| e.description().map(str::to_owned)),
        );
        for other in others {
            let replaced = described(&sample.input, Some(&other));
            assert_eq!(
                baseline,
                classify_body(&replaced),
                "{}: description replaced by {other:?}",
                sample.id
            );
        }
        checked += 1;
    }
    assert!(checked >= 25, "only {checked} samples were checked");
}

/// Every description seen in the samples, plus the hostile ones.
fn all_descriptions(samples: &[Sample]) -> Vec<String> {
    let mut all: Vec<String> = HOSTILE.iter().map(|s| s.to_string()).collect();
    for sample in samples {
        if let Ok(err) = TokenError::from_json(sample.input.as_bytes()) {
            all.extend(err.description().map(str::to_owned));
        }
        if let Ok(err) = parse_authorize(sample) {
            all.extend(err.description().map(str::to_owned));
        }
    }
    all
}

/// Form-urlencodes a value (RFC 6749 Appendix B): `+` for a space, `%XX`
/// for any byte but letters, digits and `-._*`.
fn form_encode(text: &str) -> String {
    let mut out = String::new();
    for &byte in text.as_bytes() {
        match byte {
            b' ' => out.push('+'),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(char::from(byte));
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The `error_description` parameter of a redirect or form body replaced
/// by `text`: dropped, then written again just before `error`.
fn replace_description_param(input: &str, text: &str) -> String {
    let stripped = strip_description_param(input);
    let at = stripped
        .match_indices("error=")
        .map(|(i, _)| i)
        .find(|&i| {
            i == 0
                || matches!(
                    stripped.as_bytes()[i - 1],
                    b'?' | b'#' | b'&' | b'/' | b' ' | b'\t' | b'\n' | b'\r'
                )
        })
        .expect("an `error` parameter");
    format!(
        "{}error_description={}&{}",
        &stripped[..at],
        form_encode(text),
        &stripped[at..]
    )
}

/// Drops the `error_description` parameter from a redirect or form body.
fn strip_description_param(input: &str) -> String {
    let mut out = String::new();
    let mut rest = input;
    while let Some(i) = rest.find("error_description=") {
        let (head, tail) = rest.split_at(i);
        out.push_str(head);
        rest = &tail[tail.find(['&', '#']).unwrap_or(tail.len())..];
        rest = rest.strip_prefix('&').unwrap_or(rest);
    }
    out.push_str(rest);
    out
}

#[test]
fn the_description_never_changes_an_authorize_classification() {
    let samples = load::<Sample>("public-samples.jsonl");
    let descriptions = all_descriptions(&samples);
    let mut checked = 0;
    for sample in samples.iter().filter(|s| s.kind == "authorize_redirect") {
        let Ok(err) = parse_authorize(sample) else {
            continue;
        };
        let baseline = Outcome::of(&classify(&err));
        for other in &descriptions {
            let text = replace_description_param(&sample.input, other);
            let replaced = parse_authorize_text(sample, &text)
                .unwrap_or_else(|e| panic!("{}: {e}: {text}", sample.id));
            // An empty value is an omitted one (RFC 6749 §3.1).
            let sent = Some(other.as_str()).filter(|text| !text.is_empty());
            assert_eq!(replaced.description(), sent, "{text}");
            assert_eq!(
                baseline,
                Outcome::of(&classify(&replaced)),
                "{}: description replaced by {other:?}",
                sample.id
            );
        }
        let stripped = strip_description_param(&sample.input);
        assert!(!stripped.contains("error_description"), "{stripped}");
        let reparsed = parse_authorize_text(sample, &stripped).unwrap();
        assert_eq!(reparsed.description(), None);
        assert_eq!(
            baseline,
            Outcome::of(&classify(&reparsed)),
            "{}: description removed from the URL",
            sample.id
        );
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} samples were checked");
}

/// The same challenges with every description removed, or replaced: each
/// written back as a header value of its own, and parsed again.
fn challenge_variants(
    challenges: &Challenges<'_>,
    description: Option<&str>,
) -> Challenges<'static> {
    let quote = |text: &str| format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""));
    let headers: Vec<String> = challenges
        .iter()
        .map(|c| {
            if let Some(token68) = c.token68() {
                return format!("{} {token68}", c.scheme());
            }
            let mut params: Vec<String> = c
                .params()
                .filter(|(name, _)| {
                    !name.eq_ignore_ascii_case("error_description")
                        && !name.eq_ignore_ascii_case("errorDescription")
                })
                .map(|(name, value)| format!("{name}={}", quote(value)))
                .collect();
            params.extend(description.map(|text| format!("error_description={}", quote(text))));
            match params.is_empty() {
                true => c.scheme().to_owned(),
                false => format!("{} {}", c.scheme(), params.join(", ")),
            }
        })
        .collect();
    let rebuilt = headers
        .iter()
        .fold(Challenges::default(), |all, header| all.header(header));
    assert_eq!(rebuilt.parse_error(), None, "{headers:?}");
    rebuilt.into_owned()
}

#[test]
fn the_description_never_changes_a_challenge_classification() {
    let samples = load::<Sample>("public-samples.jsonl");
    let descriptions = all_descriptions(&samples);
    let mut checked = 0;
    for sample in samples.iter().filter(|s| s.kind == "www_authenticate") {
        let Ok(challenges) = Challenges::parse(&sample.input) else {
            continue;
        };
        let baseline = Outcome::of(&classify(&challenges));
        let removed = challenge_variants(&challenges, None);
        assert!(removed.iter().all(|c| c.error_description().is_none()));
        assert_eq!(baseline, Outcome::of(&classify(&removed)), "{}", sample.id);
        for other in &descriptions {
            let replaced = challenge_variants(&challenges, Some(other));
            assert_eq!(
                baseline,
                Outcome::of(&classify(&replaced)),
                "{}: description replaced by {other:?}",
                sample.id
            );
        }
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} samples were checked");
}

const EMAIL: &str = "jane.doe@contoso.com";

/// `Display` of a classification and of a parse error is safe for logs:
/// descriptions (which carry user names and e-mail addresses), unknown
/// values and ids with text in them never reach it. Each sample is run with
/// an address planted in every free-text place.
#[test]
fn display_carries_no_server_text() {
    let samples = load::<Sample>("public-samples.jsonl");
    let planted = format!("AADSTS50126: Error validating credentials for {EMAIL}.");
    let clean = |text: String, id: &str| {
        assert!(!text.contains("contoso"), "{id}: {text}");
    };
    let mut checked = 0;
    for sample in &samples {
        let id = sample.id.as_str();
        if TokenError::from_json(sample.input.as_bytes()).is_ok() {
            let body = described(&sample.input, Some(&planted));
            clean(
                classify(TokenError::from_json(&body).unwrap()).to_string(),
                id,
            );
            let status = sample.http_status.unwrap_or(400);
            let response = response(sample, status).body(&body);
            clean(classify(&response).to_string(), id);
            checked += 1;
        }
        if parse_authorize(sample).is_ok() {
            let text = replace_description_param(&sample.input, &planted);
            let err = parse_authorize_text(sample, &text).unwrap();
            assert_eq!(err.description(), Some(planted.as_str()), "{id}");
            clean(classify(err).to_string(), id);
            checked += 1;
        }
        if let Ok(challenges) = Challenges::parse(&sample.input) {
            let planted = challenge_variants(&challenges, Some(&planted));
            clean(classify(&planted).to_string(), id);
            checked += 1;
        }
        // The same address at the start of the input, where a parse error
        // might quote it.
        let poisoned = format!("{EMAIL} {}", sample.input);
        for err in [
            TokenError::from_json(poisoned.as_bytes()).err(),
            Callback::from_redirect_uri(&poisoned).err(),
            Challenges::parse(&poisoned).err(),
        ]
        .into_iter()
        .flatten()
        {
            clean(err.to_string(), id);
        }
    }
    assert!(checked >= 35, "only {checked} checked");

    // Unknown values and ids that hold text are not printed either.
    let body = format!(
        r#"{{"error":"{EMAIL}","suberror":"{EMAIL}","trace_id":"{EMAIL}","correlation_id":"{EMAIL}"}}"#
    );
    let err = TokenError::from_json(body.as_bytes()).unwrap();
    clean(classify(&err).to_string(), "unknown values");
    let body = format!(r#"{{"error":{{"code":"{EMAIL}","message":"{EMAIL}"}}}}"#);
    let response = HttpResponse::new(403).body(body.as_bytes());
    clean(classify(&response).to_string(), "graph");
    let duplicate = format!("?error=x&{EMAIL}=1&{EMAIL}=2");
    let err = Callback::from_redirect_uri(&duplicate)
        .map(|_| ())
        .unwrap_err();
    assert_eq!(err.to_string(), "\"[email]\" appears more than once");
}
