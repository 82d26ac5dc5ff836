//! `--batch FILE|-`: one input per line, each read as `explain` reads one
//! INPUT, or a whole response as a JSON envelope
//! `{"status": N, "headers": {...}, "body": "..."}`.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use oauth_triage::{
    classify_with, Callback, Challenges, ExpectedCallback, HttpResponse, ParseError, ResourceError,
    ResponseMode, Rules, Surface,
};
use serde_json::{json, Map, Value};

use crate::paste::{self, Kind};
use crate::Options;

/// Inputs larger than this show progress on a terminal.
const LARGE: usize = 1 << 20;

/// What one line came to.
enum Outcome {
    /// A classification (its JSON form), with the codes and party it names.
    Classified(Value),
    /// A catalog lookup: of a code or name, or of the codes in a text.
    Lookup(Value),
    /// The line could not be read.
    Failed { kind: &'static str, message: String },
}

pub(crate) fn run(source: &str, opts: &Options) -> Result<ExitCode, String> {
    let bytes = match read(source) {
        Ok(bytes) => bytes,
        Err(message) => {
            if opts.json {
                outln!(
                    "{}",
                    json!({"parse_error": "unreadable_file", "message": message})
                );
            } else {
                eprintln!("explain: {message}");
            }
            return Ok(ExitCode::from(2));
        }
    };
    let text = paste::text_of(&bytes);
    let policy = opts.policy();
    let progress = bytes.len() > LARGE && std::io::stderr().is_terminal();

    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut summary = Summary::default();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if progress && number % 1000 == 0 {
            eprint!("\rexplain: {number} lines");
        }
        // One line that trips a bug is reported as unreadable; the rest go on.
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_line(line, &policy)))
                .unwrap_or_else(|_| Outcome::Failed {
                    kind: "internal_error",
                    message: "this line could not be read (an internal error)".to_owned(),
                });
        summary.add(&outcome);
        if opts.summary {
            continue;
        }
        let written = if opts.json {
            let mut value = match &outcome {
                Outcome::Classified(v) | Outcome::Lookup(v) => v.clone(),
                Outcome::Failed { kind, message } => {
                    json!({"parse_error": kind, "message": message})
                }
            };
            value["line"] = json!(number);
            writeln!(out, "{}", crate::out::safe(&value.to_string()))
        } else {
            writeln!(out, "{number}: {}", crate::out::safe(&one_line(&outcome)))
        };
        if let Err(err) = written {
            crate::out::failed(&err);
        }
    }
    if progress {
        eprintln!("\rexplain: {} lines, done", summary.lines);
    }
    if opts.summary {
        let written = if opts.json {
            writeln!(out, "{}", crate::out::safe(&summary.json().to_string()))
        } else {
            write!(out, "{}", crate::out::safe(&summary.text()))
        };
        if let Err(err) = written {
            crate::out::failed(&err);
        }
    }
    if let Err(err) = out.flush() {
        crate::out::failed(&err);
    }
    Ok(if summary.unreadable == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// The whole file, or standard input for `-`.
fn read(source: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    if source == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
    } else {
        bytes = std::fs::read(source).map_err(|e| format!("cannot read {source:?}: {e}"))?;
    }
    Ok(bytes)
}

fn failed(err: &ParseError) -> Outcome {
    Outcome::Failed {
        kind: err.kind(),
        message: err.to_string(),
    }
}

fn classified<'a>(input: impl Into<oauth_triage::Input<'a>>, policy: &Rules<'_>) -> Outcome {
    let c = classify_with(input, policy);
    Outcome::Classified(crate::classification_json(&c))
}

/// One line, as `explain` reads one INPUT; a line that is a JSON object
/// with `body` or `headers` and no `error` is a whole response.
fn read_line(line: &str, policy: &Rules<'_>) -> Outcome {
    if line.starts_with('{') {
        if let Ok(Value::Object(object)) = serde_json::from_str::<Value>(line) {
            let is_envelope = (object.contains_key("body") || object.contains_key("headers"))
                && !object.contains_key("error");
            if is_envelope {
                return envelope(&object, policy);
            }
        }
        return token(line, policy);
    }
    match paste::detect(line) {
        Kind::ErrorValue => match crate::error_only(line) {
            Ok(err) => classified(err, policy),
            Err(err) => failed(&err),
        },
        Kind::Lookup => Outcome::Lookup(crate::lookup_json(line)),
        Kind::Text => Outcome::Lookup(crate::text_lookup_json(line)),
        Kind::Embedded => match paste::embedded_error(line) {
            Some(found) => {
                let response = found
                    .status
                    .map_or_else(HttpResponse::without_status, HttpResponse::new);
                classified(response.body(found.body.as_bytes()), policy)
            }
            None => Outcome::Lookup(crate::text_lookup_json(line)),
        },
        Kind::Challenge => match Challenges::parse(line) {
            Ok(challenges) => classified(&challenges, policy),
            Err(err) => failed(&err),
        },
        Kind::Message => message(line, policy),
        Kind::Redirect | Kind::FormPost => callback(Callback::from_redirect_uri(line), policy),
        Kind::FormPostPage => {
            let inputs = paste::form_inputs(line);
            callback(
                Callback::options().from_pairs(ResponseMode::FormPost, &inputs),
                policy,
            )
        }
        // Free text without a code, as in single mode.
        Kind::Token if !crate::looks_structured(line) => Outcome::Failed {
            kind: "not_recognized",
            message: crate::NOT_RECOGNIZED.to_owned(),
        },
        Kind::Token => token(line, policy),
    }
}

/// A token endpoint body; one with tokens is a success.
fn token(line: &str, policy: &Rules<'_>) -> Outcome {
    match paste::token_error(line) {
        Ok(err) => classified(&err, policy),
        Err(err) if err.kind() == ParseError::Success.kind() => {
            Outcome::Classified(crate::success_json("success_body", Surface::Token))
        }
        // A REST API's error, as in single mode.
        Err(_) if ResourceError::from_json(line.as_bytes()).is_ok() => {
            classified(HttpResponse::without_status().body(line.as_bytes()), policy)
        }
        Err(err) => failed(&err),
    }
}

/// A header line pasted with its name (one per line in a batch).
fn message(line: &str, policy: &Rules<'_>) -> Outcome {
    let message = match paste::read_message(line) {
        Ok(message) => message,
        Err(reason) => {
            return Outcome::Failed {
                kind: "bad_http_message",
                message: reason,
            }
        }
    };
    if let Some(location) = message.header("location") {
        return callback(Callback::from_redirect_uri(location), policy);
    }
    classified(message.head(None).body(message.body.as_bytes()), policy)
}

/// A callback, its state not checked (a batch has no state to compare).
fn callback(parsed: Result<Callback<'_>, ParseError>, policy: &Rules<'_>) -> Outcome {
    let callback = match parsed {
        Ok(callback) => callback,
        Err(err) => return failed(&err),
    };
    let verified = match callback.check(&ExpectedCallback::state_not_checked()) {
        Ok(verified) => verified,
        Err(err) => {
            return Outcome::Failed {
                kind: err.kind(),
                message: err.to_string(),
            }
        }
    };
    // As in single mode without --state: nothing checked, and it says so.
    let mut value = match verified.error() {
        Some(err) => {
            let c = classify_with(err, policy);
            let mut value = crate::classification_json(&c);
            crate::add_description_lookup(&mut value, &c, err.description());
            crate::add_description_ids(&mut value, err.description());
            value
        }
        None => crate::callback_success_json(&verified),
    };
    value["state_checked"] = json!(verified.state_checked());
    value["issuer_checked"] = json!(verified.issuer_checked());
    Outcome::Classified(value)
}

/// `{"status": N, "headers": {"Name": "value" or ["v1", "v2"]}, "body": "..."}`.
fn envelope(object: &Map<String, Value>, policy: &Rules<'_>) -> Outcome {
    let status = match object.get("status") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => match n.as_u64().filter(|s| (100..=999).contains(s)) {
            Some(s) => Some(s as u16),
            None => return bad_envelope("`status` is not an HTTP status"),
        },
        Some(_) => return bad_envelope("`status` is not a number"),
    };
    let mut headers: Vec<(&str, &str)> = Vec::new();
    match object.get("headers") {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (name, value) in map {
                match value {
                    Value::String(v) => headers.push((name, v)),
                    Value::Array(values) => {
                        for v in values {
                            match v {
                                Value::String(v) => headers.push((name, v)),
                                _ => return bad_envelope("a header value is not a string"),
                            }
                        }
                    }
                    _ => return bad_envelope("a header value is not a string"),
                }
            }
        }
        Some(_) => return bad_envelope("`headers` is not an object"),
    }
    let body = match object.get("body") {
        None | Some(Value::Null) => "",
        Some(Value::String(body)) => body.as_str(),
        Some(_) => return bad_envelope("`body` is not a string"),
    };
    let message = paste::Message {
        status,
        headers,
        body,
    };
    classified(message.head(None).body(body.as_bytes()), policy)
}

fn bad_envelope(message: &str) -> Outcome {
    Outcome::Failed {
        kind: "bad_envelope",
        message: message.to_owned(),
    }
}

/// One line of text for an outcome: the classification's log-safe line.
fn one_line(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Classified(v) => {
            let mut line = v["action"].as_str().unwrap_or("?").to_owned();
            if let Some(ms) = v["retry_after_ms"].as_u64() {
                let after = crate::delay(std::time::Duration::from_millis(ms));
                line.push_str(&format!("; retry after {after}"));
                if let Some(code) = v["delay_from_catalog"].as_u64() {
                    line.push_str(&format!(" (catalog minimum for AADSTS{code})"));
                }
            }
            for (label, key) in [
                ("decided by", "decided_by"),
                ("status", "status"),
                ("error", "error"),
            ] {
                if let Some(value) = v.get(key).filter(|v| !v.is_null()) {
                    let value = value
                        .as_str()
                        .map_or_else(|| value.to_string(), str::to_owned);
                    line.push_str(&format!("; {label} {value}"));
                }
            }
            if let Some(codes) = codes_of(v) {
                line.push_str(&format!("; codes {codes}"));
            }
            line
        }
        Outcome::Lookup(v) => {
            let what = match v["lookup"].as_str() {
                Some("text") => "lookup from text",
                Some("name") => "lookup of a name",
                _ => "lookup of a code",
            };
            match codes_of(v) {
                Some(codes) => format!("{what}: {codes}"),
                None => format!("{what}: no AADSTS code"),
            }
        }
        Outcome::Failed { message, .. } => format!("cannot read: {message}"),
    }
}

/// The codes of an outcome, `AADSTS50011 InvalidReplyTo, ...`.
fn codes_of(v: &Value) -> Option<String> {
    let codes = v["codes"].as_array().filter(|c| !c.is_empty())?;
    Some(
        codes
            .iter()
            .map(|c| match c["name"].as_str() {
                Some(name) if !name.is_empty() => format!("AADSTS{} {name}", c["code"]),
                _ => format!("AADSTS{}", c["code"]),
            })
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// Counts for `--summary`.
#[derive(Default)]
struct Summary {
    lines: usize,
    unreadable: usize,
    actions: BTreeMap<String, usize>,
    parties: BTreeMap<String, usize>,
    /// Lookups by kind (`code`, `name`, `text`): not classifications.
    lookups: BTreeMap<String, usize>,
    codes: BTreeMap<u64, (usize, Option<String>)>,
    errors: BTreeMap<String, usize>,
}

impl Summary {
    fn add(&mut self, outcome: &Outcome) {
        self.lines += 1;
        let value = match outcome {
            Outcome::Classified(v) => {
                let action = v["action"].as_str().unwrap_or("?").to_owned();
                *self.actions.entry(action).or_default() += 1;
                if let Some(party) = v["party"].as_str() {
                    *self.parties.entry(party.to_owned()).or_default() += 1;
                }
                v
            }
            Outcome::Lookup(v) => {
                let kind = v["lookup"].as_str().unwrap_or("code").to_owned();
                *self.lookups.entry(kind).or_default() += 1;
                v
            }
            Outcome::Failed { kind, .. } => {
                self.unreadable += 1;
                *self.errors.entry((*kind).to_owned()).or_default() += 1;
                return;
            }
        };
        for code in value["codes"].as_array().into_iter().flatten() {
            if let Some(n) = code["code"].as_u64() {
                let slot = self.codes.entry(n).or_insert((0, None));
                slot.0 += 1;
                slot.1 = code["name"].as_str().map(str::to_owned);
            }
        }
    }

    /// Codes, most frequent first.
    fn sorted_codes(&self) -> Vec<(u64, usize, Option<&str>)> {
        let mut codes: Vec<_> = self
            .codes
            .iter()
            .map(|(&code, (count, name))| (code, *count, name.as_deref()))
            .collect();
        codes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        codes
    }

    fn json(&self) -> Value {
        let by_count = |map: &BTreeMap<String, usize>| {
            let mut pairs: Vec<_> = map.iter().collect();
            pairs.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            pairs
                .into_iter()
                .map(|(k, v)| json!({"name": k, "count": v}))
                .collect::<Vec<_>>()
        };
        json!({
            "lines": self.lines,
            "read": self.lines - self.unreadable,
            "unreadable": self.unreadable,
            "classified": self.actions.values().sum::<usize>(),
            "actions": by_count(&self.actions),
            "parties": by_count(&self.parties),
            "lookups": self.lookups.values().sum::<usize>(),
            "lookup_kinds": by_count(&self.lookups),
            "parse_errors": by_count(&self.errors),
            "codes": self.sorted_codes().into_iter().map(|(code, count, name)| {
                json!({"code": code, "count": count, "name": name})
            }).collect::<Vec<_>>(),
        })
    }

    fn text(&self) -> String {
        let mut out = format!(
            "{} lines: {} read, {} not readable\n",
            self.lines,
            self.lines - self.unreadable,
            self.unreadable
        );
        let classified: usize = self.actions.values().sum();
        let lookups: usize = self.lookups.values().sum();
        out.push_str(&format!(
            "{classified} classified, {lookups} looked up (lookups are not classifications)\n"
        ));
        for (title, map) in [
            ("Classifications by action", &self.actions),
            ("Classifications by who acts", &self.parties),
            ("Lookups, by what was looked up", &self.lookups),
            ("Not readable", &self.errors),
        ] {
            if map.is_empty() {
                continue;
            }
            out.push_str(&format!("\n{title}:\n"));
            let mut pairs: Vec<_> = map.iter().collect();
            pairs.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (name, count) in pairs {
                out.push_str(&format!("  {count:>7}  {name}\n"));
            }
        }
        let codes = self.sorted_codes();
        if !codes.is_empty() {
            out.push_str("\nBy AADSTS code:\n");
            for (code, count, name) in codes {
                match name {
                    Some(name) => out.push_str(&format!("  {count:>7}  AADSTS{code} {name}\n")),
                    None => out.push_str(&format!("  {count:>7}  AADSTS{code}\n")),
                }
            }
        }
        out
    }
}
