//! The `explain` example's `--export csv|json|kql`, run as a program: each
//! format is read back and compared with the catalog, code by code. The KQL
//! `datatable` is read by a small checker of KQL's grammar written here,
//! which decodes every string literal, so the escaping is proven both ways.

mod common;

// The example's own encoder, for text the catalog does not hold.
#[allow(dead_code)]
#[path = "../examples/explain/export.rs"]
mod export;

use std::io::Read;
use std::process::{Command, Stdio};

use common::explain;
use oauth_triage::catalog::{self, Entry};
use oauth_triage::Action;
use serde_json::{json, Value};

/// The CSV header and JSON keys, in order.
const COLUMNS: [&str; 11] = [
    "code",
    "name",
    "aliases",
    "category",
    "party",
    "action",
    "retry_after_secs",
    "reason",
    "summary",
    "remedy",
    "lookup_url",
];

/// The KQL columns, in the same order.
const KQL_COLUMNS: [(&str, &str); 11] = [
    ("Code", "string"),
    ("Name", "string"),
    ("Aliases", "string"),
    ("Category", "string"),
    ("Party", "string"),
    ("Action", "string"),
    ("RetryAfterSecs", "long"),
    ("Reason", "string"),
    ("Summary", "string"),
    ("Remedy", "string"),
    ("LookupUrl", "string"),
];

fn retry_after_secs(e: &Entry) -> Option<u64> {
    match &e.action {
        Some(Action::Retry { after: Some(after) }) => Some(after.as_secs()),
        _ => None,
    }
}

/// An entry's row as text, an absent value empty: what CSV holds, and what
/// the KQL row decodes to.
fn cells(e: &Entry) -> Vec<String> {
    vec![
        e.code.get().to_string(),
        e.name.unwrap_or_default().to_owned(),
        e.aliases.join(";"),
        e.category.as_str().to_owned(),
        e.party.as_str().to_owned(),
        e.action
            .as_ref()
            .map(Action::name)
            .unwrap_or_default()
            .to_owned(),
        retry_after_secs(e)
            .map(|secs| secs.to_string())
            .unwrap_or_default(),
        e.reason.unwrap_or_default().to_owned(),
        e.summary.to_owned(),
        e.remedy.to_owned(),
        e.code.lookup_url(),
    ]
}

fn export(format: &str) -> String {
    let (code, out) = explain(&["--export", format], None);
    assert_eq!(code, 0, "--export {format}");
    out
}

#[test]
fn the_catalog_is_sorted_and_has_text_worth_escaping() {
    let entries = catalog::entries();
    assert!(entries.windows(2).all(|pair| pair[0].code < pair[1].code));
    // Apostrophes, and one code with a retry delay; no `"` or `\` today,
    // so `kql_escapes_what_the_catalog_does_not_hold` covers those.
    let with_apostrophe = entries
        .iter()
        .filter(|e| cells(e).iter().any(|text| text.contains('\'')))
        .count();
    assert!(with_apostrophe > 10, "{with_apostrophe}");
    assert!(entries.iter().any(|e| retry_after_secs(e).is_some()));
}

#[test]
fn csv_reads_back_as_the_catalog() {
    let out = export("csv");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, COLUMNS);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let entries = catalog::entries();
    assert_eq!(records.len(), entries.len());
    for (record, e) in records.iter().zip(entries) {
        let record: Vec<&str> = record.iter().collect();
        assert_eq!(record, cells(e), "{}", e.code);
        assert_eq!(record[0].parse::<u32>().unwrap(), e.code.get());
        assert_eq!(record[1], e.name.unwrap_or(""));
        assert_eq!(
            record[5],
            e.action.as_ref().map_or("", |action| action.name())
        );
    }
}

#[test]
fn json_reads_back_as_the_catalog() {
    let out = export("json");
    let rows: Vec<Value> = serde_json::from_str(&out).unwrap();
    let entries = catalog::entries();
    assert_eq!(rows.len(), entries.len());
    for (row, e) in rows.iter().zip(entries) {
        let expected = json!({
            "code": e.code,
            "name": e.name,
            "aliases": e.aliases,
            "category": e.category.as_str(),
            "party": e.party.as_str(),
            "action": e.action.as_ref().map(Action::name),
            "retry_after_secs": retry_after_secs(e),
            "reason": e.reason,
            "summary": e.summary,
            "remedy": e.remedy,
            "lookup_url": e.code.lookup_url(),
        });
        assert_eq!(row, &expected, "{}", e.code);
    }
    // The keys come in the columns' order.
    let first = out.lines().nth(1).unwrap();
    let at: Vec<usize> = COLUMNS
        .iter()
        .map(|key| first.find(&format!("\"{key}\":")).unwrap())
        .collect();
    assert!(at.windows(2).all(|pair| pair[0] < pair[1]), "{first}");
}

#[test]
fn kql_datatable_reads_back_as_the_catalog() {
    let out = export("kql");
    let table = Datatable::parse(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(table.name, "AadstsCatalog");
    let columns: Vec<(&str, &str)> = table
        .columns
        .iter()
        .map(|(name, kind)| (name.as_str(), kind.as_str()))
        .collect();
    assert_eq!(columns, KQL_COLUMNS);
    let entries = catalog::entries();
    assert_eq!(table.rows.len(), entries.len());
    for (row, e) in table.rows.iter().zip(entries) {
        assert_eq!(row.len(), KQL_COLUMNS.len());
        let decoded: Vec<String> = row.iter().map(KqlValue::text).collect();
        assert_eq!(decoded, cells(e), "{}", e.code);
        // The join key is a string, as `ResultType` is.
        assert_eq!(row[0], KqlValue::String(e.code.get().to_string()));
        match retry_after_secs(e) {
            Some(secs) => assert_eq!(row[6], KqlValue::Long(secs.try_into().unwrap())),
            None => assert_eq!(row[6], KqlValue::Null("long".into())),
        }
    }
}

#[test]
fn kql_escapes_what_the_catalog_does_not_hold() {
    let hostile =
        "say \"hi\" to C:\\dir\\ and 'quote'\ttab\nline\r\n\u{a0}nbsp é 日本 🙂 \\\" \\\\n";
    let literal = export::kql_string(hostile).unwrap();
    assert_eq!(
        literal,
        "\"say \\\"hi\\\" to C:\\\\dir\\\\ and 'quote'\\ttab\\nline\\r\\n\u{a0}nbsp é 日本 🙂 \\\\\\\" \\\\\\\\n\""
    );
    let query = format!("let T = datatable(X:string) [{literal}, {literal}];");
    let table = Datatable::parse(&query).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(table.rows.len(), 2);
    assert_eq!(table.rows[0], [KqlValue::String(hostile.to_owned())]);
    for plain in ["", "plain text", "'", "\"", "\\"] {
        let literal = export::kql_string(plain).unwrap();
        let table = Datatable::parse(&format!("let T = datatable(X:string) [{literal}];"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(table.rows[0], [KqlValue::String(plain.to_owned())]);
    }
    // No documented escape, and raw they break or hide in the query: refused.
    for bad in [
        '\u{0}', '\u{1b}', '\u{7f}', '\u{85}', '\u{2028}', '\u{2029}',
    ] {
        assert!(export::kql_string(&format!("a{bad}b")).is_err(), "{bad:?}");
    }
}

/// The checker itself reads the documentation's own examples of string
/// literals as the documentation says.
#[test]
fn kql_checker_reads_documented_literals() {
    let query = r#"let T = datatable(X:string, N:long)
        [
            "Single quote characters (') don't require escaping. Double quote characters (\") are escaped by a backslash (\\).", 1,
            'Single quote characters (\') require escaping. Double quote characters (") do not.', long(null),
            "tab\there, newline\nhere", -2,
        ];
        T"#;
    let table = Datatable::parse(query).unwrap_or_else(|e| panic!("{e}"));
    let texts: Vec<String> = table.rows.iter().map(|row| row[0].text()).collect();
    assert_eq!(
        texts,
        [
            r#"Single quote characters (') don't require escaping. Double quote characters (") are escaped by a backslash (\)."#,
            r#"Single quote characters (') require escaping. Double quote characters (") do not."#,
            "tab\there, newline\nhere",
        ]
    );
    for bad in [
        "let T = datatable(X:string) [\"raw\nline break\"];",
        "let T = datatable(X:string) [\"unknown \\q escape\"];",
        "let T = datatable(X:string) [\"unterminated];",
        "let T = datatable(X:string, Y:string) [\"one value of two\"];",
        "let T = datatable(X:long) [\"a string in a long column\"];",
        "let T = datatable(X:string) [\"no comma\" 1];",
    ] {
        assert!(Datatable::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_bad_format_is_a_usage_error() {
    for args in [
        &["--export", "xml"][..],
        &["--export", "CSV"],
        &["--export"],
    ] {
        let (code, out) = explain(args, None);
        assert_eq!(code, 64, "{args:?}");
        assert!(out.is_empty(), "{out}");
    }
}

/// `explain --export ... | head`: the reader goes away early, and the
/// program stops quietly (no panic, nothing on standard error).
#[test]
fn a_closed_pipe_stops_quietly() {
    for format in ["csv", "json", "kql"] {
        let mut child = Command::new(common::explain_path())
            .args(["--export", format])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut start = [0; 16];
        stdout.read_exact(&mut start).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{format}: {:?} {stderr}", out.status);
        assert!(stderr.is_empty(), "{format}: {stderr}");
    }
}

/// A value of a `datatable` row.
#[derive(Debug, PartialEq, Eq)]
enum KqlValue {
    String(String),
    Long(i64),
    /// `T(null)`, with its type.
    Null(String),
}

impl KqlValue {
    /// The value as the catalog's text: a null is empty.
    fn text(&self) -> String {
        match self {
            Self::String(text) => text.clone(),
            Self::Long(n) => n.to_string(),
            Self::Null(_) => String::new(),
        }
    }
}

/// `let NAME = datatable(Column:type, ...) [ value, ... ];` read by KQL's
/// rules: comments (`//` to the end of the line) and white space between
/// tokens; string literals in double or single quotes with the escapes
/// `\\`, `\"`, `\'`, `\n`, `\r`, `\t` and no raw line break; `long` values
/// as integers or `long(null)`; the values one flat list, whose length is a
/// multiple of the number of columns, with an optional trailing comma. Any
/// text after the `;` is left to the query that follows.
struct Datatable {
    name: String,
    columns: Vec<(String, String)>,
    rows: Vec<Vec<KqlValue>>,
}

impl Datatable {
    fn parse(text: &str) -> Result<Self, String> {
        let mut p = Lexer {
            chars: text.chars().collect(),
            at: 0,
        };
        p.keyword("let")?;
        let name = p.identifier()?;
        p.punct('=')?;
        p.keyword("datatable")?;
        p.punct('(')?;
        let mut columns = Vec::new();
        loop {
            let column = p.identifier()?;
            p.punct(':')?;
            let kind = p.identifier()?;
            columns.push((column, kind));
            if p.try_punct(')') {
                break;
            }
            p.punct(',')?;
        }
        p.punct('[')?;
        let mut values = Vec::new();
        while !p.try_punct(']') {
            let kind = &columns[values.len() % columns.len()].1;
            values.push(p.value(kind)?);
            if !p.try_punct(',') {
                p.punct(']')?;
                break;
            }
        }
        p.punct(';')?;
        if values.len() % columns.len() != 0 {
            return Err(format!(
                "{} values for {} columns",
                values.len(),
                columns.len()
            ));
        }
        let width = columns.len();
        let mut rows = Vec::new();
        let mut values = values.into_iter();
        while values.len() > 0 {
            rows.push(values.by_ref().take(width).collect());
        }
        Ok(Self {
            name,
            columns,
            rows,
        })
    }
}

struct Lexer {
    chars: Vec<char>,
    at: usize,
}

impl Lexer {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn error<T>(&self, what: &str) -> Result<T, String> {
        let near: String = self.chars[self.at..].iter().take(40).collect();
        Err(format!("at {}: {what}, near {near:?}", self.at))
    }

    /// White space and `//` comments.
    fn skip(&mut self) {
        loop {
            while self.peek().is_some_and(char::is_whitespace) {
                self.at += 1;
            }
            if self.chars[self.at..].starts_with(&['/', '/']) {
                while self.peek().is_some_and(|c| c != '\n') {
                    self.at += 1;
                }
            } else {
                return;
            }
        }
    }

    fn identifier(&mut self) -> Result<String, String> {
        self.skip();
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            self.at += 1;
        }
        if self.at == start || self.chars[start].is_ascii_digit() {
            return self.error("expected an identifier");
        }
        Ok(self.chars[start..self.at].iter().collect())
    }

    fn keyword(&mut self, word: &str) -> Result<(), String> {
        let start = self.at;
        match self.identifier() {
            Ok(found) if found == word => Ok(()),
            _ => {
                self.at = start;
                self.error(&format!("expected `{word}`"))
            }
        }
    }

    fn try_punct(&mut self, c: char) -> bool {
        self.skip();
        let found = self.peek() == Some(c);
        if found {
            self.at += 1;
        }
        found
    }

    fn punct(&mut self, c: char) -> Result<(), String> {
        if self.try_punct(c) {
            Ok(())
        } else {
            self.error(&format!("expected `{c}`"))
        }
    }

    fn value(&mut self, kind: &str) -> Result<KqlValue, String> {
        self.skip();
        match (kind, self.peek()) {
            ("string", Some(quote @ ('"' | '\''))) => {
                self.at += 1;
                self.string(quote).map(KqlValue::String)
            }
            ("long", Some(c)) if c == '-' || c.is_ascii_digit() => {
                let start = self.at;
                self.at += 1;
                while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.at += 1;
                }
                let digits: String = self.chars[start..self.at].iter().collect();
                digits
                    .parse()
                    .map(KqlValue::Long)
                    .or_else(|_| self.error("expected a long"))
            }
            ("long", Some(_)) => {
                self.keyword("long")?;
                self.punct('(')?;
                self.keyword("null")?;
                self.punct(')')?;
                Ok(KqlValue::Null("long".into()))
            }
            _ => self.error(&format!("expected a {kind} value")),
        }
    }

    /// The rest of a string literal after its opening `quote`, decoded.
    fn string(&mut self, quote: char) -> Result<String, String> {
        let mut text = String::new();
        loop {
            let Some(c) = self.peek() else {
                return self.error("unterminated string literal");
            };
            self.at += 1;
            match c {
                c if c == quote => return Ok(text),
                '\\' => {
                    let decoded = match self.peek() {
                        Some('\\') => '\\',
                        Some('"') => '"',
                        Some('\'') => '\'',
                        Some('n') => '\n',
                        Some('r') => '\r',
                        Some('t') => '\t',
                        _ => return self.error("unknown escape"),
                    };
                    self.at += 1;
                    text.push(decoded);
                }
                '\n' | '\r' | '\u{2028}' | '\u{2029}' => {
                    return self.error("line break inside a string literal");
                }
                c if c.is_control() => return self.error("control character in a string literal"),
                c => text.push(c),
            }
        }
    }
}
