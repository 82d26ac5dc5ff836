//! `--sign-in-logs FILE`: the failures in a Microsoft Entra sign-in log export,
//! counted by AADSTS code and explained from the catalog.
//!
//! The export is recognized by its shape, not by its name:
//! - a Microsoft Graph response (`{"value": [...]}`, any `@odata` keys);
//! - an admin center JSON download (an array of camelCase sign-ins, or one);
//! - a PowerShell `ConvertTo-Json` export (PascalCase keys; one object when
//!   there was one result);
//! - Azure Monitor diagnostic records (`{"records": [...]}`, or one record a
//!   line), where the code is `properties.status.errorCode` or `resultType`;
//! - an admin center CSV download (the `Sign-in error code` column) or a Log
//!   Analytics CSV export (the `ResultType` column, a string there).
//!
//! UTF-8 with or without a byte order mark, and UTF-16 with one (what
//! Windows PowerShell 5.1 writes). JSON is read one sign-in at a time, so a
//! 100,000-record download needs little memory.
//!
//! Only codes, counts, catalog text and application names are printed: never
//! a user, an IP address, a device or a location, nor the failure reason
//! (free text that may name the user), nor the path of the file.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::io::Read;
use std::process::ExitCode;

use oauth_triage::catalog;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{json, Map, Value};

/// How many applications the text output names per code.
const APPS_SHOWN: usize = 3;

/// Summarises the failures of the export at `path` (`-`: standard input).
/// Exit status 0, or 2 when the file cannot be read as an export.
pub(crate) fn run(path: &str, as_json: bool) -> ExitCode {
    match read(path) {
        Ok(summary) => {
            if as_json {
                crate::print_json(&summary.to_json());
            } else {
                summary.print();
            }
            ExitCode::SUCCESS
        }
        Err(err) => crate::unreadable(
            as_json,
            err.kind,
            &err.message,
            format_args!("Cannot read this as a sign-in log export: {}", err.message),
        ),
    }
}

/// Why a file is not read as an export. The message never quotes the file.
struct Unreadable {
    kind: &'static str,
    message: String,
}

impl Unreadable {
    fn new(kind: &'static str, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    GraphJson,
    AdminCenterJson,
    PowerShellJson,
    AzureMonitorJson,
    AdminCenterCsv,
    LogAnalyticsCsv,
}

impl Format {
    fn as_str(self) -> &'static str {
        match self {
            Self::GraphJson => "graph_json",
            Self::AdminCenterJson => "admin_center_json",
            Self::PowerShellJson => "powershell_json",
            Self::AzureMonitorJson => "azure_monitor_json",
            Self::AdminCenterCsv => "admin_center_csv",
            Self::LogAnalyticsCsv => "log_analytics_csv",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::GraphJson => "Microsoft Graph JSON",
            Self::AdminCenterJson => "admin center JSON download",
            Self::PowerShellJson => "PowerShell JSON",
            Self::AzureMonitorJson => "Azure Monitor JSON records",
            Self::AdminCenterCsv => "admin center CSV download",
            Self::LogAnalyticsCsv => "Log Analytics CSV export",
        })
    }
}

#[derive(Clone, Copy)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    fn as_str(self) -> &'static str {
        match self {
            Self::Utf8 => "utf-8",
            Self::Utf8Bom => "utf-8-bom",
            Self::Utf16Le => "utf-16le",
            Self::Utf16Be => "utf-16be",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Utf8 => "UTF-8",
            Self::Utf8Bom => "UTF-8 with a byte order mark",
            Self::Utf16Le => "UTF-16LE",
            Self::Utf16Be => "UTF-16BE",
        })
    }
}

/// The failures of one code.
#[derive(Default)]
struct CodeTally {
    count: usize,
    /// Application display name (empty when the record has none) → sign-ins.
    apps: HashMap<String, usize>,
}

/// The counts, built one sign-in at a time.
#[derive(Default)]
struct Tally {
    records: usize,
    /// Records without a readable code: empty, `None`, not a number.
    without_code: usize,
    /// JSON records that have a code field at all (readable or not).
    with_code_field: usize,
    failures: usize,
    codes: HashMap<u32, CodeTally>,
    /// JSON: the first envelope key seen (`value` or `records`).
    envelope: Option<Envelope>,
    pascal_case: usize,
    azure_monitor: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Envelope {
    Value,
    Records,
}

impl Tally {
    fn add(&mut self, code: Option<u32>, app: &str) {
        self.records += 1;
        match code {
            None => self.without_code += 1,
            Some(0) => {}
            Some(code) => {
                self.failures += 1;
                let tally = self.codes.entry(code).or_default();
                tally.count += 1;
                match tally.apps.get_mut(app) {
                    Some(n) => *n += 1,
                    None => {
                        tally.apps.insert(app.to_owned(), 1);
                    }
                }
            }
        }
    }

    /// One JSON sign-in; keys are matched ignoring ASCII case (camelCase
    /// from Graph and the admin center, PascalCase from PowerShell).
    fn add_json(&mut self, record: &Map<String, Value>) {
        let properties = field(record, "properties").and_then(Value::as_object);
        let mut code = Code::Absent;
        for candidate in [
            field(record, "status").map(status_code),
            properties.and_then(|p| field(p, "status")).map(status_code),
            field(record, "resultType").map(code_of),
            properties.and_then(|p| field(p, "resultType")).map(code_of),
        ]
        .into_iter()
        .flatten()
        {
            code = code.or(candidate);
        }
        if code != Code::Absent {
            self.with_code_field += 1;
            if properties.is_some() {
                self.azure_monitor += 1;
            }
            if record
                .keys()
                .any(|k| k.eq_ignore_ascii_case("status") && k.starts_with('S'))
            {
                self.pascal_case += 1;
            }
        }
        let app = ["appDisplayName", "servicePrincipalName"]
            .iter()
            .flat_map(|key| [field(record, key), properties.and_then(|p| field(p, key))])
            .flatten()
            .filter_map(Value::as_str)
            .map(str::trim)
            .find(|name| !name.is_empty())
            .unwrap_or("");
        let code = match code {
            Code::Known(code) => Some(code),
            Code::Absent | Code::Unreadable => None,
        };
        self.add(code, app);
    }

    fn json_format(&self) -> Format {
        match self.envelope {
            Some(Envelope::Value) => Format::GraphJson,
            Some(Envelope::Records) => Format::AzureMonitorJson,
            None if self.azure_monitor > 0 => Format::AzureMonitorJson,
            None if self.pascal_case * 2 > self.with_code_field => Format::PowerShellJson,
            None => Format::AdminCenterJson,
        }
    }
}

/// A record's error code.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Code {
    /// No code field.
    Absent,
    /// A code field that holds no code: null, empty, `None`, not a number.
    Unreadable,
    Known(u32),
}

impl Code {
    /// The first readable code.
    fn or(self, other: Self) -> Self {
        match (self, other) {
            (Self::Known(_), _) => self,
            (_, Self::Known(_)) | (Self::Absent, _) => other,
            (Self::Unreadable, Self::Absent | Self::Unreadable) => self,
        }
    }
}

/// `errorCode` of a status object, or of the JSON text of one (the
/// `Status` column of the non-interactive Log Analytics table is a string).
fn status_code(status: &Value) -> Code {
    match status {
        Value::Object(status) => field(status, "errorCode").map_or(Code::Unreadable, code_of),
        Value::String(text) => match serde_json::from_str::<Value>(text) {
            Ok(value @ Value::Object(_)) => status_code(&value),
            // PowerShell below `-Depth` writes a type name instead.
            _ => Code::Unreadable,
        },
        _ => Code::Unreadable,
    }
}

/// A code written as a number (Graph) or as text (`resultType`).
fn code_of(value: &Value) -> Code {
    let code = match value {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(text) => catalog::parse_code(text),
        _ => None,
    };
    code.map_or(Code::Unreadable, Code::Known)
}

/// The member named `key`, its ASCII case ignored (an exact match first).
fn field<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    object.get(key).or_else(|| {
        object
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

/// The summary of one export.
struct Summary {
    format: Format,
    encoding: Encoding,
    tally: Tally,
}

/// One code's line of the summary.
struct Row<'a> {
    code: u32,
    count: usize,
    entry: Option<&'static catalog::Entry>,
    /// Most frequent first; `""` is a record without an application name.
    apps: Vec<(&'a str, usize)>,
}

impl Summary {
    /// Most frequent code first, then by code.
    fn rows(&self) -> Vec<Row<'_>> {
        let mut rows: Vec<Row<'_>> = self
            .tally
            .codes
            .iter()
            .map(|(&code, tally)| {
                let mut apps: Vec<(&str, usize)> = tally
                    .apps
                    .iter()
                    .map(|(name, &n)| (name.as_str(), n))
                    .collect();
                apps.sort_by(|a, b| {
                    b.1.cmp(&a.1)
                        .then(a.0.is_empty().cmp(&b.0.is_empty()))
                        .then(a.0.cmp(b.0))
                });
                Row {
                    code,
                    count: tally.count,
                    entry: catalog::lookup(code),
                    apps,
                }
            })
            .collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));
        rows
    }

    fn to_json(&self) -> Value {
        let codes: Vec<Value> = self
            .rows()
            .iter()
            .map(|row| {
                let apps: Vec<Value> = row
                    .apps
                    .iter()
                    .map(|&(name, count)| {
                        json!({"name": Some(name).filter(|n| !n.is_empty()), "count": count})
                    })
                    .collect();
                json!({
                    "code": row.code,
                    "count": row.count,
                    "name": row.entry.and_then(|e| e.name),
                    "action": row.entry.and_then(|e| e.action.as_ref()).map(|a| a.name()),
                    "party": row.entry.map(|e| e.party.as_str()),
                    "remedy": row.entry.map(|e| e.remedy),
                    "apps": apps,
                })
            })
            .collect();
        json!({
            "records": self.tally.records,
            "failures": self.tally.failures,
            "codes": codes,
            "without_code": self.tally.without_code,
            "format": self.format.as_str(),
            "encoding": self.encoding.as_str(),
        })
    }

    /// The text summary, written at once (see the `out` module).
    fn print(&self) {
        crate::out::write(format_args!("{}", self.text()));
        crate::out::flush();
    }

    fn text(&self) -> String {
        let tally = &self.tally;
        let mut out = format!("Sign-in log: {} ({})\n", self.format, self.encoding);
        let order = if tally.codes.len() > 1 {
            ", most frequent first"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "{}, {} (error code not 0) under {}{order}",
            counted(tally.records, "record"),
            counted(tally.failures, "failure"),
            counted(tally.codes.len(), "code"),
        );
        if tally.without_code > 0 {
            let _ = writeln!(
                out,
                "{} no readable error code (empty, `None` or not a number): \
                 counted as records, not as failures",
                match tally.without_code {
                    1 => "1 record has".to_owned(),
                    n => format!("{n} records have"),
                }
            );
            if self.format == Format::PowerShellJson {
                out.push_str(
                    "(ConvertTo-Json writes deeper objects as type names: export with a larger -Depth)\n",
                );
            }
        }
        for row in self.rows() {
            let failures = counted(row.count, "failure");
            let _ = match row.entry {
                Some(e) => writeln!(out, "\n{e}: {failures}"),
                None => writeln!(out, "\nAADSTS{} (not in the catalog): {failures}", row.code),
            };
            let _ = match row.entry {
                Some(e) => {
                    let _ = match &e.action {
                        Some(action) => {
                            writeln!(out, "  Action:    {}: {}", action.name(), action.advice())
                        }
                        None => writeln!(
                            out,
                            "  Action:    none fixed for the code: the response's `error` value decides (see the remedy)"
                        ),
                    };
                    writeln!(out, "  Who acts:  {}\n  Remedy:    {}", e.party, e.remedy)
                }
                None => writeln!(
                    out,
                    "  Lookup:    https://login.microsoftonline.com/error?code={}",
                    row.code
                ),
            };
            let mut apps: Vec<String> = row
                .apps
                .iter()
                .take(APPS_SHOWN)
                .map(|&(name, n)| {
                    let name = if name.is_empty() { "(no name)" } else { name };
                    format!("{name} ({n})")
                })
                .collect();
            if row.apps.len() > APPS_SHOWN {
                apps.push(format!("and {} more", row.apps.len() - APPS_SHOWN));
            }
            let _ = writeln!(out, "  Apps:      {}", apps.join(", "));
        }
        out
    }
}

/// `1 record`, `2 records`.
fn counted(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

fn read(path: &str) -> Result<Summary, Unreadable> {
    let bytes = if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map(|_| bytes)
            .map_err(|e| Unreadable::new("unreadable", format!("cannot read standard input: {e}")))
    } else {
        std::fs::read(path)
            .map_err(|e| Unreadable::new("unreadable", format!("cannot read the file: {e}")))
    }?;
    let (text, encoding) = decode(bytes)?;
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(Unreadable::new("empty", "the file is empty"));
    }
    let mut tally = Tally::default();
    let format = if text.trim_start().starts_with(['{', '[']) {
        from_json(text, &mut tally)?
    } else {
        from_csv(text, &mut tally)?
    };
    Ok(Summary {
        format,
        encoding,
        tally,
    })
}

/// The text of the file: UTF-8 (a byte order mark dropped), or UTF-16 with
/// a byte order mark.
fn decode(mut bytes: Vec<u8>) -> Result<(String, Encoding), Unreadable> {
    let (text, encoding) = if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
        (String::from_utf8(bytes).ok(), Encoding::Utf8Bom)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (utf16(rest, u16::from_le_bytes), Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (utf16(rest, u16::from_be_bytes), Encoding::Utf16Be)
    } else {
        (String::from_utf8(bytes).ok(), Encoding::Utf8)
    };
    match text {
        Some(text) if !text.contains('\0') => Ok((text, encoding)),
        _ => Err(Unreadable::new(
            "binary",
            "the file is not text: exports are UTF-8 (with or without a byte order mark) \
             or UTF-16 with a byte order mark",
        )),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Option<String> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| unit([pair[0], pair[1]]))
        .collect();
    String::from_utf16(&units).ok()
}

/// One or more JSON documents (several: one record a line).
fn from_json(text: &str, tally: &mut Tally) -> Result<Format, Unreadable> {
    let mut de = serde_json::Deserializer::from_str(text);
    loop {
        Document(tally).deserialize(&mut de).map_err(json_error)?;
        if de.end().is_ok() {
            break;
        }
    }
    if tally.records > 0 && tally.with_code_field == 0 {
        return Err(Unreadable::new(
            "not_sign_in_log",
            "the JSON holds no sign-in: no object has `status.errorCode` or `resultType` \
             (expected a Graph `value` envelope, an admin center or PowerShell export, \
             or Azure Monitor records)",
        ));
    }
    Ok(tally.json_format())
}

/// A message that never quotes the input (serde's type errors can).
fn json_error(err: serde_json::Error) -> Unreadable {
    match err.classify() {
        serde_json::error::Category::Data => Unreadable::new(
            "not_sign_in_log",
            format!(
                "the JSON is not a sign-in log export: {} (line {}, column {})",
                "expected an array of sign-in objects, one sign-in object, \
                 or an object with a `value` or `records` array",
                err.line(),
                err.column()
            ),
        ),
        _ => Unreadable::new("invalid_json", format!("the file is not valid JSON: {err}")),
    }
}

/// A JSON document: an array of sign-ins, an envelope with a `value` or
/// `records` array of them, or one sign-in.
struct Document<'t>(&'t mut Tally);

impl<'de> DeserializeSeed<'de> for Document<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Document<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array or an object")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        List(self.0).visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut envelope = None;
        // The members of a lone sign-in (or the `@odata` members of an envelope).
        let mut record = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let kind = if key.eq_ignore_ascii_case("value") {
                Some(Envelope::Value)
            } else if key.eq_ignore_ascii_case("records") {
                Some(Envelope::Records)
            } else {
                None
            };
            match kind {
                Some(kind) if envelope.is_none() => {
                    envelope = Some(kind);
                    self.0.envelope.get_or_insert(kind);
                    map.next_value_seed(List(self.0))?;
                }
                _ => {
                    record.insert(key, map.next_value()?);
                }
            }
        }
        if envelope.is_none() {
            self.0.add_json(&record);
        }
        Ok(())
    }
}

/// An array of sign-ins, read one at a time.
struct List<'t>(&'t mut Tally);

impl<'de> DeserializeSeed<'de> for List<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for List<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of sign-in objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(value) = seq.next_element::<Value>()? {
            match value {
                Value::Object(record) => self.0.add_json(&record),
                _ => return Err(de::Error::custom("an element is not an object")),
            }
        }
        Ok(())
    }
}

/// An admin center download (`Sign-in error code`) or a Log Analytics
/// export (`ResultType`). Columns are found by name, white space and case
/// ignored: headers drift, carry stray spaces and repeat a name.
fn from_csv(text: &str, tally: &mut Tally) -> Result<Format, Unreadable> {
    let csv_error =
        |e: csv::Error| Unreadable::new("invalid_csv", format!("the file is not valid CSV: {e}"));
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let names: Vec<String> = reader
        .headers()
        .map_err(csv_error)?
        .iter()
        .map(|name| {
            name.chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect()
        })
        .collect();
    let column = |name: &str| names.iter().position(|n| n == name);
    let (code_column, format) = match (column("sign-inerrorcode"), column("resulttype")) {
        (Some(i), _) => (i, Format::AdminCenterCsv),
        (None, Some(i)) => (i, Format::LogAnalyticsCsv),
        (None, None) => {
            return Err(Unreadable::new(
                "no_code_column",
                "the CSV has no error code column: an admin center download has \
                 `Sign-in error code`, a Log Analytics export `ResultType` \
                 (or the file is neither CSV nor JSON)",
            ))
        }
    };
    // Log Analytics: `Status` holds `{"errorCode": ...}` when `ResultType`
    // is empty; in the admin center it is `Success`, `Failure`...
    let status_column = column("status");
    let app_columns: Vec<usize> = ["application", "appdisplayname", "serviceprincipalname"]
        .iter()
        .filter_map(|name| column(name))
        .collect();
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(csv_error)? {
        let code = record
            .get(code_column)
            .and_then(catalog::parse_code)
            .or_else(|| {
                let status = record
                    .get(status_column?)
                    .filter(|s| s.trim_start().starts_with('{'))?;
                match status_code(&Value::String(status.to_owned())) {
                    Code::Known(code) => Some(code),
                    Code::Absent | Code::Unreadable => None,
                }
            });
        let app = app_columns
            .iter()
            .filter_map(|&i| record.get(i))
            .map(str::trim)
            .find(|name| !name.is_empty())
            .unwrap_or("");
        tally.add(code, app);
    }
    Ok(format)
}
