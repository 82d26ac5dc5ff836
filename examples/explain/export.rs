//! `--export csv|json|kql`: the whole catalog as one table, one row per code
//! sorted by code, for a spreadsheet, a script, or a Log Analytics, Microsoft
//! Sentinel or Azure Data Explorer query.
//!
//! The three formats have the same columns in the same order ([`COLUMNS`]).
//! CSV and JSON name them in snake_case (as `--json` does) and keep the code a
//! number; KQL names them in PascalCase and makes the code a `string`, the
//! type of `ResultType` in `SigninLogs`, so that the two join without a cast.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use oauth_triage::catalog::{self, Entry};
use oauth_triage::Action;
use serde::Serialize;

/// The formats of `--export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Export {
    Csv,
    Json,
    Kql,
}

impl Export {
    /// `csv`, `json` or `kql`.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        match name {
            "csv" => Some(Self::Csv),
            "json" => Some(Self::Json),
            "kql" => Some(Self::Kql),
            _ => None,
        }
    }
}

/// The columns, in order: the CSV header and JSON key, then the KQL column
/// name and type.
pub(crate) const COLUMNS: [(&str, &str, &str); 11] = [
    ("code", "Code", "string"),
    ("name", "Name", "string"),
    ("aliases", "Aliases", "string"),
    ("category", "Category", "string"),
    ("party", "Party", "string"),
    ("action", "Action", "string"),
    ("retry_after_secs", "RetryAfterSecs", "long"),
    ("reason", "Reason", "string"),
    ("summary", "Summary", "string"),
    ("remedy", "Remedy", "string"),
    ("lookup_url", "LookupUrl", "string"),
];

/// The name of the KQL table (`let AadstsCatalog = datatable(...)`).
pub(crate) const KQL_TABLE: &str = "AadstsCatalog";

/// One row: an entry as the export shows it. The fields are in the order of
/// [`COLUMNS`], and JSON writes them in that order.
#[derive(Serialize)]
pub(crate) struct Row {
    code: u32,
    name: Option<&'static str>,
    /// Joined with `;` in CSV and KQL.
    aliases: &'static [&'static str],
    category: &'static str,
    /// Who acts.
    party: &'static str,
    /// The catalog's action override, when the code has one.
    action: Option<&'static str>,
    /// The catalog's minimum delay before a retry, when its action is a
    /// retry with one.
    retry_after_secs: Option<u64>,
    /// Why the override is safe.
    reason: Option<&'static str>,
    summary: &'static str,
    remedy: &'static str,
    lookup_url: String,
}

impl Row {
    pub(crate) fn new(e: &'static Entry) -> Self {
        let retry_after_secs = match &e.action {
            Some(Action::Retry { after: Some(after) }) => Some(after.as_secs()),
            _ => None,
        };
        Self {
            code: e.code.get(),
            name: e.name,
            aliases: e.aliases,
            category: e.category.as_str(),
            party: e.party.as_str(),
            action: e.action.as_ref().map(Action::name),
            retry_after_secs,
            reason: e.reason,
            summary: e.summary,
            remedy: e.remedy,
            lookup_url: e.code.lookup_url(),
        }
    }

    /// The text of the columns other than `code` and `retry_after_secs`, in
    /// order, with an absent value as the empty string: what CSV and KQL
    /// write.
    fn texts(&self) -> [String; 9] {
        [
            self.name.unwrap_or_default().to_owned(),
            self.aliases.join(";"),
            self.category.to_owned(),
            self.party.to_owned(),
            self.action.unwrap_or_default().to_owned(),
            self.reason.unwrap_or_default().to_owned(),
            self.summary.to_owned(),
            self.remedy.to_owned(),
            self.lookup_url.clone(),
        ]
    }
}

/// Every entry, sorted by code (as `catalog::entries` keeps them).
fn rows() -> impl Iterator<Item = Row> {
    catalog::entries().iter().map(Row::new)
}

/// Writes the whole catalog to standard output. A reader that goes away
/// (`| head`) ends the output quietly.
pub(crate) fn run(format: Export) -> ExitCode {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let written = match format {
        Export::Csv => write_csv(&mut out),
        Export::Json => write_json(&mut out),
        Export::Kql => write_kql(&mut out),
    }
    .and_then(|()| out.flush());
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        // As every mode of `explain` (its `out` module, which the export's
        // tests do not include): status 74 for a failed write.
        Err(e) => {
            eprintln!("explain: cannot write the output: {e}");
            ExitCode::from(74)
        }
    }
}

/// A header row, then one record per entry (RFC 4180 quoting, by `csv`).
pub(crate) fn write_csv(out: &mut impl Write) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(COLUMNS.iter().map(|column| column.0))
        .map_err(io_error)?;
    for row in rows() {
        let [name, aliases, category, party, action, reason, summary, remedy, url] = row.texts();
        let retry = row
            .retry_after_secs
            .map(|secs| secs.to_string())
            .unwrap_or_default();
        csv.write_record([
            &row.code.to_string(),
            &name,
            &aliases,
            &category,
            &party,
            &action,
            &retry,
            &reason,
            &summary,
            &remedy,
            &url,
        ])
        .map_err(io_error)?;
    }
    csv.flush()
}

/// The I/O error inside a `csv` error, so that a broken pipe stays one
/// (`csv`'s own conversion makes every error `Other`).
fn io_error(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(err) => err,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// An array of objects, one a line; absent values are `null`.
pub(crate) fn write_json(out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"[")?;
    for (i, row) in rows().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &row)?;
    }
    out.write_all(b"\n]\n")
}

/// `let AadstsCatalog = datatable(Code:string, ...) [ ... ];`: a KQL `let`
/// statement to paste above a query, one row a line, every text a
/// double-quoted string literal ([`kql_string`]), an absent retry delay
/// `long(null)`.
pub(crate) fn write_kql(out: &mut impl Write) -> io::Result<()> {
    let count = catalog::entries().len();
    writeln!(
        out,
        "// The AADSTS catalog of oauth-triage {}: {count} codes. Code is a string, as ResultType is in SigninLogs.",
        env!("CARGO_PKG_VERSION"),
    )?;
    let columns: Vec<String> = COLUMNS
        .iter()
        .map(|(_, name, kind)| format!("{name}:{kind}"))
        .collect();
    writeln!(out, "let {KQL_TABLE} = datatable({})", columns.join(", "))?;
    writeln!(out, "[")?;
    for row in rows() {
        let [name, aliases, category, party, action, reason, summary, remedy, url] = row.texts();
        let retry = row
            .retry_after_secs
            .map_or_else(|| "long(null)".to_owned(), |secs| secs.to_string());
        let code = row.code.to_string();
        let mut values = Vec::with_capacity(COLUMNS.len());
        for text in [&code, &name, &aliases, &category, &party, &action] {
            values.push(kql_string(text)?);
        }
        values.push(retry);
        for text in [&reason, &summary, &remedy, &url] {
            values.push(kql_string(text)?);
        }
        // A trailing comma before `]` is allowed, so every row ends with one.
        writeln!(out, "    {},", values.join(", "))?;
    }
    writeln!(out, "];")
}

/// `text` as a double-quoted KQL string literal.
///
/// KQL's rules: inside `"..."` a backslash starts an escape, and `\\`,
/// `\"`, `\n` and `\t` are the documented ones; `\r` is also read (and
/// written by Microsoft's own `Kusto.Language` for a carriage return). A
/// raw line break cannot appear in the literal. Everything else, `'` and
/// all non-ASCII text included, stands for itself (strings are UTF-8). A
/// control character with no such escape, and U+2028 / U+2029 (line breaks
/// to KQL's lexer), has no safe form, so it is an error rather than text
/// altered in silence; the catalog holds none.
pub(crate) fn kql_string(text: &str) -> io::Result<String> {
    let mut literal = String::with_capacity(text.len() + 2);
    literal.push('"');
    for c in text.chars() {
        match c {
            '\\' => literal.push_str("\\\\"),
            '"' => literal.push_str("\\\""),
            '\n' => literal.push_str("\\n"),
            '\r' => literal.push_str("\\r"),
            '\t' => literal.push_str("\\t"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "U+{:04X} has no escape in a KQL string literal",
                        u32::from(c)
                    ),
                ));
            }
            c => literal.push(c),
        }
    }
    literal.push('"');
    Ok(literal)
}
