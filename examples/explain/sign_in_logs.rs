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
//! Windows PowerShell 5.1 writes). The file is read as a stream, a block at
//! a time (UTF-16 transcoded on the way), one sign-in kept at a time: memory
//! stays at a few MB whatever the file's size.
//!
//! Where the export names each record's status itself (the admin center
//! CSV's `Status` column: `Success`, `Failure`, `Interrupted`), those words
//! are counted beside the codes, with the codes where they differ from this
//! summary's reading; they never decide a code's count. Graph, PowerShell
//! and Azure Monitor JSON and Log Analytics CSV name no such word (their
//! status is an object with the code).
//!
//! Only codes, counts, catalog text and application names are printed: never
//! a user, an IP address, a device or a location, nor the failure reason
//! (free text that may name the user), nor the path of the file.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::io::Read;
use std::process::ExitCode;

use oauth_triage::{catalog, AadstsCode};

use crate::decode::{self, Encoding};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{json, Map, Value};

/// Whether a code is an interrupt: a normal step of a sign-in that the user
/// (or the browser) completes and the sign-in goes on (Keep me signed in, an
/// MFA prompt or registration, a password reset registration or an expired
/// password's change, a consent prompt, an app confirmation, an account
/// picker, a one-time passcode at sign-up), logged with its code but no
/// failure to fix.
///
/// Two rules, each from Microsoft's own statements:
/// - the name rule: Microsoft's name for the code ends in `Interrupt` (or
///   `InterruptError`), as the error code reference
///   (<https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes>)
///   names it and the catalog carries it: 50072
///   `UserStrongAuthEnrollmentRequiredInterrupt`, 50074
///   `UserStrongAuthClientAuthNRequiredInterrupt`, 50125
///   `PasswordResetRegistrationRequiredInterrupt`, 50140 `KmsiInterrupt`,
///   50199 `CmsiInterrupt`, 1000002 `BindCompleteInterruptError`;
/// - the table [`SOURCED_INTERRUPTS`]: codes a Microsoft source calls an
///   interrupt, an expected interruption or a sign-in pending the user's
///   action, where every Microsoft source at hand agrees and Microsoft's own
///   description of the code is a step the sign-in goes on after.
///
/// Where Microsoft's sources disagree, or none calls a code an interrupt,
/// the code stays a failure:
/// - 50076 and 50097 (and 29200, 50019, 50148, 50158, 165100): the admin
///   center's Sign-ins Failure Analysis workbook counts them as waiting on
///   user action, and the Sign-ins workbook's summary tiles (50148 aside)
///   as pending user action, but the Sign-ins workbook's location, device
///   and IP views and the Sign-in Analysis (AAD & AD FS) workbook count
///   them as failures;
/// - 50079, 53000-53011: the reference describes an MFA registration to
///   make or a Conditional Access requirement that is not met (for those it
///   lists), and the only Microsoft source that calls one of them an
///   interrupt, the security operations guide for user accounts
///   (<https://learn.microsoft.com/en-us/entra/architecture/security-operations-user-accounts>),
///   lists 53003 among interrupts and among failures blocked by Conditional
///   Access alike;
/// - 81010, 81012 (and 81014): the workbooks count them as pending user
///   action, but Microsoft's Seamless SSO troubleshooting page
///   (<https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/tshoot-connect-sso>)
///   lists 81010 and 81012 as sign-in failure reasons with a fix, and
///   neither it nor the reference describes 81014;
/// - 16000, 16003, 50059, 50143, 50144: the workbooks count them as pending
///   user action, but the reference sends the admin or Microsoft support to
///   fix them (an account missing from the tenant, a support ticket, an
///   admin's password reset); the reference once called 16000 an interrupt
///   (an account picker), and now describes an account missing from the
///   tenant;
/// - 500121, 50155: the security operations guides list them among
///   interrupts (the one for privileged accounts,
///   <https://learn.microsoft.com/en-us/entra/architecture/security-operations-privileged-accounts>,
///   with the admin center's `Interrupted` status for 500121), but their
///   description is a failed MFA or device authentication;
/// - 90095: the reference calls it an interrupt, but the sign-in waits for
///   an admin to grant consent.
pub(crate) fn is_interrupt(code: u32) -> bool {
    SOURCED_INTERRUPTS.contains(&code)
        || AadstsCode::new(code)
            .entry()
            .and_then(|e| e.name)
            .is_some_and(|name| name.ends_with("Interrupt") || name.ends_with("InterruptError"))
}

/// The codes [`is_interrupt`] takes from Microsoft's statements rather than
/// from a name, each with its sources. "Workbooks" are Microsoft's Sign-ins,
/// Sign-in Analysis (AAD & AD FS) and Sign-ins Failure Analysis workbooks of
/// the admin center
/// (<https://github.com/microsoft/Application-Insights-Workbooks/tree/master/Workbooks/Azure%20Active%20Directory/SignIns>,
/// <https://github.com/microsoft/Application-Insights-Workbooks/tree/master/Workbooks/Azure%20Active%20Directory/SignInsAADADFS>,
/// <https://github.com/microsoft/Application-Insights-Workbooks/tree/master/Workbooks/Azure%20Active%20Directory%20TroubleShooting/SignInFailureAnalysis>),
/// which count the code as pending user action (interrupts) in every view;
/// "reference" is the error code reference linked from [`is_interrupt`].
const SOURCED_INTERRUPTS: [u32; 10] = [
    // Email one-time passcode at sign-up: "not actual errors" but "expected
    // interruptions", with 50140, on
    // https://learn.microsoft.com/en-us/entra/identity/monitoring-health/howto-troubleshoot-sign-up-errors
    1_002_013,
    // UserAccountSelectionInvalid: workbooks; reference: the user picks again
    // from an updated list of accounts.
    16001,
    // InvalidPasswordExpiredPassword: workbooks; reference: the user is
    // offered to change the expired password.
    50055,
    // UserInformationNotProvided: workbooks; reference: expected when the
    // user has not signed in yet (a silent request without a session).
    50058,
    // BrokerAppNotInstalled: workbooks; reference: the user installs a
    // broker app.
    50127,
    // DeviceIsNotWorkplaceJoined: workbooks; reference: the user registers
    // the device (workplace join).
    50129,
    // ChromeBrowserSsoInterruptRequired, Microsoft's name for it in earlier
    // versions of the reference; the reference: the client can get a single
    // sign-on token through the Windows accounts extension, and the request
    // had none or an expired one.
    50168,
    // ForceReauthDueToInsufficientAuth: workbooks; reference: the user
    // signs in again with Windows integrated authentication.
    51006,
    // DelegationDoesNotExistForLinkedIn: workbooks; reference: the user's
    // consent to LinkedIn is asked.
    52004,
    // DelegationDoesNotExist: workbooks; reference: an interactive request
    // asks the user's consent.
    65001,
];

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
    /// Failures whose code is an interrupt ([`is_interrupt`]).
    interrupts: usize,
    codes: HashMap<u32, CodeTally>,
    /// JSON: the first envelope key seen (`value` or `records`).
    envelope: Option<Envelope>,
    pascal_case: usize,
    azure_monitor: usize,
    /// The status each record names itself (the admin center CSV's
    /// `Status` column); `None` when the export names none.
    export_status: Option<ExportStatus>,
}

/// A status word of the export, read as a closed set (ASCII case and the
/// white space around it ignored); any other word is [`StatusWord::Other`].
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum StatusWord {
    Success,
    Failure,
    Interrupted,
    Other,
}

impl StatusWord {
    fn read(cell: &str) -> Self {
        let cell = cell.trim();
        [
            ("success", Self::Success),
            ("failure", Self::Failure),
            ("interrupted", Self::Interrupted),
        ]
        .into_iter()
        .find(|(word, _)| cell.eq_ignore_ascii_case(word))
        .map_or(Self::Other, |(_, status)| status)
    }

    /// This summary's reading of a code, in the export's words: 0 a
    /// success, an interrupt ([`is_interrupt`]) interrupted, else a failure.
    fn of_code(code: u32) -> Self {
        match code {
            0 => Self::Success,
            code if is_interrupt(code) => Self::Interrupted,
            _ => Self::Failure,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Failure => "failure",
            Self::Interrupted => "interrupted",
            Self::Other => "other",
        }
    }

    /// How the export names it.
    fn export_word(self) -> &'static str {
        match self {
            Self::Success => "Success",
            Self::Failure => "Failure",
            Self::Interrupted => "Interrupted",
            Self::Other => "another status",
        }
    }

    /// How this summary counts a code read as `self`.
    fn counted_as(self) -> &'static str {
        match self {
            Self::Success => "a success (code 0)",
            Self::Failure => "a failure",
            Self::Interrupted => "an interrupt",
            Self::Other => "another status",
        }
    }
}

/// The counts of the export's own status words, and where they differ from
/// this summary's reading of the code: counts only, whatever the size.
#[derive(Default)]
struct ExportStatus {
    success: usize,
    failure: usize,
    interrupted: usize,
    other: usize,
    /// `(code, the export's word)` → records, where the word is one of the
    /// three and the code is read otherwise.
    differs: HashMap<(u32, StatusWord), usize>,
}

impl ExportStatus {
    fn add(&mut self, word: StatusWord, code: Option<u32>) {
        *match word {
            StatusWord::Success => &mut self.success,
            StatusWord::Failure => &mut self.failure,
            StatusWord::Interrupted => &mut self.interrupted,
            StatusWord::Other => &mut self.other,
        } += 1;
        if let Some(code) = code {
            if word != StatusWord::Other && word != StatusWord::of_code(code) {
                *self.differs.entry((code, word)).or_default() += 1;
            }
        }
    }

    /// `(code, the export's word, records)`: most records first, then by
    /// code.
    fn differs(&self) -> Vec<(u32, StatusWord, usize)> {
        let mut differs: Vec<(u32, StatusWord, usize)> = self
            .differs
            .iter()
            .map(|(&(code, word), &n)| (code, word, n))
            .collect();
        differs.sort_by(|a, b| {
            b.2.cmp(&a.2)
                .then(a.0.cmp(&b.0))
                .then(a.1.as_str().cmp(b.1.as_str()))
        });
        differs
    }

    fn to_json(&self) -> Value {
        let differs: Vec<Value> = self
            .differs()
            .into_iter()
            .map(|(code, word, count)| {
                json!({
                    "code": code,
                    "export": word.as_str(),
                    "counted_as": StatusWord::of_code(code).as_str(),
                    "count": count,
                })
            })
            .collect();
        json!({
            "interrupted": self.interrupted,
            "failure": self.failure,
            "success": self.success,
            "other": self.other,
            "differs": differs,
        })
    }

    fn text(&self, out: &mut String) {
        let mut words = vec![
            format!("{} Interrupted", self.interrupted),
            format!("{} Failure", self.failure),
            format!("{} Success", self.success),
        ];
        if self.other > 0 {
            words.push(format!("{} other", self.other));
        }
        let _ = writeln!(out, "The export's own Status column: {}", words.join(", "));
        for (code, word, n) in self.differs() {
            let _ = writeln!(
                out,
                "  AADSTS{code} ({}): the export says {}, this summary counts {}",
                counted(n, "record"),
                word.export_word(),
                StatusWord::of_code(code).counted_as(),
            );
        }
        out.push_str(
            "  This summary's interrupt rule is its own (sourced in the README); the admin \
             center's may differ\n",
        );
    }
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
                if is_interrupt(code) {
                    self.interrupts += 1;
                }
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
        Value::String(text) => crate::paste::typed_code(text),
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
                    entry: AadstsCode::new(code).entry(),
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
                    "interrupt": is_interrupt(row.code),
                    "remedy": row.entry.map(|e| e.remedy),
                    "apps": apps,
                })
            })
            .collect();
        json!({
            "records": self.tally.records,
            "failures": self.tally.failures,
            "interrupts": self.tally.interrupts,
            "codes": codes,
            "without_code": self.tally.without_code,
            "format": self.format.as_str(),
            "encoding": self.encoding.as_str(),
            "export_status": self.tally.export_status.as_ref().map(ExportStatus::to_json),
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
        if tally.interrupts > 0 {
            let _ = writeln!(
                out,
                "{} of the failures {}: normal steps of a sign-in, listed apart at the end",
                tally.interrupts,
                if tally.interrupts == 1 {
                    "is an interrupt"
                } else {
                    "are interrupts"
                },
            );
        }
        if let Some(status) = &tally.export_status {
            status.text(&mut out);
        }
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
        let (interrupts, failures): (Vec<Row<'_>>, Vec<Row<'_>>) = self
            .rows()
            .into_iter()
            .partition(|row| is_interrupt(row.code));
        for row in &failures {
            write_row(&mut out, row);
        }
        if !interrupts.is_empty() {
            out.push_str(
                "\nInterrupts: normal steps of a sign-in (the user answers a prompt, or the \
                 browser fetches a token, and the sign-in goes on); nothing to fix unless \
                 users report being stuck:\n",
            );
            for row in &interrupts {
                let _ = writeln!(
                    out,
                    "  {}: {}",
                    row.entry
                        .map_or_else(|| format!("AADSTS{}", row.code), ToString::to_string),
                    counted(row.count, "record")
                );
                if let Some(e) = row.entry {
                    let _ = writeln!(out, "    {}", e.summary);
                }
            }
        }
        out
    }
}

/// One code's lines in the text summary: what it is, who acts, what to do.
fn write_row(out: &mut String, row: &Row<'_>) {
    {
        {
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
                            "  Action:    none fixed for this code: check the sign-in's details in the \
                             admin center (its Conditional Access and authentication details, the \
                             failure reason), then apply the remedy"
                        ),
                    };
                    writeln!(out, "  Who acts:  {}\n  Remedy:    {}", e.party, e.remedy)
                }
                None => writeln!(
                    out,
                    "  Lookup:    {}",
                    AadstsCode::new(row.code).lookup_url()
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
    }
}

/// `1 record`, `2 records`.
fn counted(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

fn read(path: &str) -> Result<Summary, Unreadable> {
    let cannot = |e: std::io::Error| {
        if decode::is_not_text(&e) {
            not_text()
        } else if path == "-" {
            Unreadable::new("unreadable", format!("cannot read standard input: {e}"))
        } else {
            Unreadable::new("unreadable", format!("cannot read the file: {e}"))
        }
    };
    let source: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path).map_err(cannot)?)
    };
    let (mut reader, encoding) = decode::open(source).map_err(cannot)?;
    let first = decode::skip_blank(&mut reader).map_err(cannot)?;
    let mut tally = Tally::default();
    let format = match first {
        None => return Err(Unreadable::new("empty", "the file is empty")),
        Some(b'{' | b'[') => from_json(reader, &mut tally)?,
        Some(_) => from_csv(reader, &mut tally)?,
    };
    Ok(Summary {
        format,
        encoding,
        tally,
    })
}

fn not_text() -> Unreadable {
    Unreadable::new(
        "binary",
        "the file is not text: exports are UTF-8 (with or without a byte order mark) \
         or UTF-16 with a byte order mark",
    )
}

/// One or more JSON documents (several: one record a line), read a block
/// at a time: each sign-in is parsed by serde_json's slice parser from the
/// block that holds it (re-read whole when a block cuts it), only the
/// members the tally needs kept; the structure around sign-ins is read
/// here. Memory: the block, and one sign-in.
fn from_json<R: Read>(reader: R, tally: &mut Tally) -> Result<Format, Unreadable> {
    let mut blocks = Blocks::new(reader);
    while let Some(first) = blocks.peek()? {
        match first {
            b'[' => {
                blocks.advance(1);
                blocks.records(tally)?;
            }
            b'{' => blocks.object(tally)?,
            _ => return Err(blocks.not_sign_in_log()),
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

/// The largest value read whole (a sign-in is a few KB).
const MAX_VALUE: usize = 64 * 1024 * 1024;

/// JSON text read a block at a time.
struct Blocks<R> {
    reader: R,
    buf: Vec<u8>,
    /// The next byte to read: `buf[start]`.
    start: usize,
    /// The end of the input is in `buf`.
    eof: bool,
    /// Lines dropped from the front of `buf`, and the bytes of the last one.
    lines: usize,
    column: usize,
}

impl<R: Read> Blocks<R> {
    fn new(reader: R) -> Self {
        Self {
            reader,
            buf: Vec::with_capacity(4 * decode::BLOCK),
            start: 0,
            eof: false,
            lines: 0,
            column: 0,
        }
    }

    /// Reads more: drops what was read, grows the buffer when one value
    /// fills it. `Ok(false)` at the end.
    fn fill(&mut self) -> Result<bool, Unreadable> {
        if self.eof {
            return Ok(false);
        }
        let dropped = &self.buf[..self.start];
        match dropped.iter().rposition(|&b| b == b'\n') {
            Some(i) => {
                self.lines += dropped.iter().filter(|&&b| b == b'\n').count();
                self.column = dropped.len() - i - 1;
            }
            None => self.column += dropped.len(),
        }
        self.buf.drain(..self.start);
        self.start = 0;
        if self.buf.len() == self.buf.capacity() {
            if self.buf.len() >= MAX_VALUE {
                return Err(Unreadable::new(
                    "not_sign_in_log",
                    format!(
                        "a value of more than {} MB at {}: a sign-in is a few KB",
                        MAX_VALUE >> 20,
                        self.position(0)
                    ),
                ));
            }
            self.buf.reserve(self.buf.len());
        }
        let len = self.buf.len();
        self.buf.resize(self.buf.capacity(), 0);
        let read = loop {
            match self.reader.read(&mut self.buf[len..]) {
                Ok(n) => break Ok(n),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => break Err(e),
            }
        };
        let n = read.map_err(|e| {
            if decode::is_not_text(&e) {
                not_text()
            } else {
                Unreadable::new("unreadable", format!("cannot read the file: {e}"))
            }
        });
        self.buf.truncate(len + *n.as_ref().unwrap_or(&0));
        let n = n?;
        self.eof = n == 0;
        Ok(n > 0)
    }

    /// The next byte that is not white space, not consumed (`None`: the end).
    fn peek(&mut self) -> Result<Option<u8>, Unreadable> {
        loop {
            match self.buf[self.start..]
                .iter()
                .position(|b| !b.is_ascii_whitespace())
            {
                Some(i) => {
                    self.start += i;
                    return Ok(Some(self.buf[self.start]));
                }
                None => {
                    self.start = self.buf.len();
                    if !self.fill()? {
                        return Ok(None);
                    }
                }
            }
        }
    }

    fn advance(&mut self, n: usize) {
        self.start += n;
    }

    /// One value at the current position.
    fn parse<T: de::DeserializeOwned>(&mut self) -> Result<T, Unreadable> {
        loop {
            let mut values =
                serde_json::Deserializer::from_slice(&self.buf[self.start..]).into_iter::<T>();
            let parsed = values.next();
            let end = self.start + values.byte_offset();
            match parsed {
                // A number may go on in the next block.
                Some(Ok(_)) if end == self.buf.len() && !self.eof => {}
                Some(Ok(value)) => {
                    self.start = end;
                    return Ok(value);
                }
                // A value cut by the end of the block (`1.` is an invalid
                // number until its digits come): read on.
                Some(Err(e))
                    if self.eof
                        || !(e.is_eof()
                            || self.start + self.error_offset(&e) + 8 >= self.buf.len()) =>
                {
                    return Err(self.error(&e))
                }
                None if self.eof => return Err(self.invalid("EOF while parsing a value", 0)),
                Some(Err(_)) | None => {}
            }
            self.fill()?;
        }
    }

    /// Sign-ins up to the `]` of their array, its `[` read.
    fn records(&mut self, tally: &mut Tally) -> Result<(), Unreadable> {
        if self.peek()? == Some(b']') {
            self.advance(1);
            return Ok(());
        }
        loop {
            let record: Record = self.parse()?;
            tally.add_record(&record);
            match self.peek()? {
                Some(b',') => self.advance(1),
                Some(b']') => {
                    self.advance(1);
                    return Ok(());
                }
                Some(_) => return Err(self.invalid("expected `,` or `]`", 0)),
                None => return Err(self.invalid("EOF while parsing a list", 0)),
            }
        }
    }

    /// An object at the top: an envelope with a `value` or `records` array
    /// of sign-ins (other members ignored), or one sign-in.
    fn object(&mut self, tally: &mut Tally) -> Result<(), Unreadable> {
        self.advance(1);
        let mut envelope = None;
        // The members of a lone sign-in.
        let mut members = Map::new();
        if self.peek()? == Some(b'}') {
            self.advance(1);
        } else {
            loop {
                if self.peek()? != Some(b'"') {
                    return Err(self.invalid("expected a member name", 0));
                }
                let key: String = self.parse()?;
                if self.peek()? != Some(b':') {
                    return Err(self.invalid("expected `:`", 0));
                }
                self.advance(1);
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
                        tally.envelope.get_or_insert(kind);
                        members = Map::new();
                        if self.peek()? != Some(b'[') {
                            return Err(self.not_sign_in_log());
                        }
                        self.advance(1);
                        self.records(tally)?;
                    }
                    _ if envelope.is_some() => {
                        self.parse::<de::IgnoredAny>()?;
                    }
                    _ => {
                        members.insert(key, self.parse::<Value>()?);
                    }
                }
                match self.peek()? {
                    Some(b',') => self.advance(1),
                    Some(b'}') => {
                        self.advance(1);
                        break;
                    }
                    Some(_) => return Err(self.invalid("expected `,` or `}`", 0)),
                    None => return Err(self.invalid("EOF while parsing an object", 0)),
                }
            }
        }
        if envelope.is_none() {
            let record = <Record as de::Deserialize>::deserialize(Value::Object(members))
                .map_err(|e| self.error(&e))?;
            tally.add_record(&record);
        }
        Ok(())
    }

    /// `line L, column C` of `buf[start + offset]`, counted from 1.
    fn position(&self, offset: usize) -> String {
        let before = &self.buf[..self.start + offset];
        let newlines = before.iter().filter(|&&b| b == b'\n').count();
        let column = match before.iter().rposition(|&b| b == b'\n') {
            Some(i) => before.len() - i,
            None => self.column + before.len() + 1,
        };
        format!("line {}, column {column}", self.lines + newlines + 1)
    }

    /// Where a serde_json error is, from `start` (serde_json counts lines
    /// and columns from the value's start).
    fn error_offset(&self, err: &serde_json::Error) -> usize {
        let value = &self.buf[self.start..];
        let mut offset = 0;
        for _ in 1..err.line() {
            offset += value[offset..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(value.len() - offset, |i| i + 1);
        }
        (offset + err.column().saturating_sub(1)).min(value.len())
    }

    /// A serde_json error in the value that starts at `start`.
    fn error(&self, err: &serde_json::Error) -> Unreadable {
        let offset = self.error_offset(err);
        match err.classify() {
            serde_json::error::Category::Data => self.not_sign_in_log_at(offset),
            _ => {
                let text = err.to_string();
                let what = text
                    .rfind(" at line ")
                    .map_or(text.as_str(), |i| &text[..i]);
                self.invalid(what, offset)
            }
        }
    }

    fn invalid(&self, what: &str, offset: usize) -> Unreadable {
        Unreadable::new(
            "invalid_json",
            format!(
                "the file is not valid JSON: {what} ({})",
                self.position(offset)
            ),
        )
    }

    fn not_sign_in_log(&self) -> Unreadable {
        self.not_sign_in_log_at(0)
    }

    /// A message that never quotes the input (serde's type errors can).
    fn not_sign_in_log_at(&self, offset: usize) -> Unreadable {
        Unreadable::new(
            "not_sign_in_log",
            format!(
                "the JSON is not a sign-in log export: expected an array of sign-in objects, \
                 one sign-in object, or an object with a `value` or `records` array ({})",
                self.position(offset)
            ),
        )
    }
}

/// The members of an object the tally reads, by name, ASCII case ignored
/// (camelCase from Graph and the admin center, PascalCase from PowerShell).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Status,
    ResultType,
    Properties,
    AppDisplayName,
    ServicePrincipalName,
    Value,
    Records,
    Other,
}

/// A member's name, read without keeping it; whether it is spelled
/// exactly (`status`), and whether it starts with a capital (`Status`).
struct Name {
    key: Key,
    exact: bool,
    capital: bool,
}

impl<'de> DeserializeSeed<'de> for NameSeed {
    type Value = Name;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Name, D::Error> {
        deserializer.deserialize_str(self)
    }
}

struct NameSeed;

impl<'de> Visitor<'de> for NameSeed {
    type Value = Name;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Name, E> {
        const KEYS: [(&str, Key); 7] = [
            ("status", Key::Status),
            ("resultType", Key::ResultType),
            ("properties", Key::Properties),
            ("appDisplayName", Key::AppDisplayName),
            ("servicePrincipalName", Key::ServicePrincipalName),
            ("value", Key::Value),
            ("records", Key::Records),
        ];
        let found = KEYS.iter().find(|(k, _)| k.eq_ignore_ascii_case(name));
        Ok(Name {
            key: found.map_or(Key::Other, |&(_, key)| key),
            exact: found.is_some_and(|(k, _)| *k == name),
            capital: name.starts_with(|c: char| c.is_ascii_uppercase()),
        })
    }
}

/// A value kept from the first member of its name, or from the one
/// spelled exactly (`status` over `Status` when both come).
struct Slot<T> {
    value: Option<T>,
    exact: bool,
}

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Self {
            value: None,
            exact: false,
        }
    }
}

impl<T> Slot<T> {
    /// Whether a member spelled so replaces what the slot holds.
    fn wants(&self, exact: bool) -> bool {
        self.value.is_none() || (exact && !self.exact)
    }

    fn set(&mut self, value: T, exact: bool) {
        self.value = Some(value);
        self.exact = exact;
    }
}

/// What the tally reads of one sign-in (or of its `properties`).
#[derive(Default)]
struct Record {
    status: Slot<Code>,
    result_type: Slot<Code>,
    app_display_name: Slot<String>,
    service_principal_name: Slot<String>,
    properties: Option<Box<Self>>,
    /// The status member is spelled `Status` (PowerShell).
    pascal_case: bool,
}

impl Record {
    /// Reads one member into the record (its value skipped when the tally
    /// does not need it).
    fn member<'de, A: MapAccess<'de>>(
        &mut self,
        name: &Name,
        map: &mut A,
        nested: bool,
    ) -> Result<(), A::Error> {
        match name.key {
            Key::Status if self.status.wants(name.exact) => {
                let code = map.next_value_seed(StatusSeed)?;
                self.status.set(code, name.exact);
                self.pascal_case = name.capital;
            }
            Key::ResultType if self.result_type.wants(name.exact) => {
                let code = map.next_value_seed(CodeSeed)?;
                self.result_type.set(code, name.exact);
            }
            Key::AppDisplayName if self.app_display_name.wants(name.exact) => {
                let app = map.next_value::<Option<AppName>>()?;
                self.app_display_name
                    .set(app.map(|a| a.0).unwrap_or_default(), name.exact);
            }
            Key::ServicePrincipalName if self.service_principal_name.wants(name.exact) => {
                let app = map.next_value::<Option<AppName>>()?;
                self.service_principal_name
                    .set(app.map(|a| a.0).unwrap_or_default(), name.exact);
            }
            Key::Properties if !nested && self.properties.is_none() => {
                self.properties = map.next_value_seed(PropertiesSeed)?.map(Box::new);
            }
            _ => {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
        Ok(())
    }

    fn status(&self) -> Code {
        self.status.value.unwrap_or(Code::Absent)
    }

    fn result_type(&self) -> Code {
        self.result_type.value.unwrap_or(Code::Absent)
    }
}

impl Tally {
    /// One JSON sign-in: its code from `status.errorCode`, then
    /// `properties.status.errorCode`, `resultType`, `properties.resultType`.
    fn add_record(&mut self, record: &Record) {
        let properties = record.properties.as_deref();
        let code = [
            record.status(),
            properties.map_or(Code::Absent, Record::status),
            record.result_type(),
            properties.map_or(Code::Absent, Record::result_type),
        ]
        .into_iter()
        .fold(Code::Absent, Code::or);
        if code != Code::Absent {
            self.with_code_field += 1;
            if properties.is_some() {
                self.azure_monitor += 1;
            }
            if record.pascal_case {
                self.pascal_case += 1;
            }
        }
        let app = [
            Some(record).and_then(|r| r.app_display_name.value.as_deref()),
            properties.and_then(|r| r.app_display_name.value.as_deref()),
            Some(record).and_then(|r| r.service_principal_name.value.as_deref()),
            properties.and_then(|r| r.service_principal_name.value.as_deref()),
        ]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|name| !name.is_empty())
        .unwrap_or("");
        let code = match code {
            Code::Known(code) => Some(code),
            Code::Absent | Code::Unreadable => None,
        };
        self.add(code, app);
    }
}

/// An application's name: a string (anything else counts as no name).
struct AppName(String);

impl<'de> de::Deserialize<'de> for AppName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AppName;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<AppName, E> {
                Ok(AppName(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<AppName, E> {
                Ok(AppName(v))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<AppName, E> {
                Ok(AppName(String::new()))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<AppName, E> {
                Ok(AppName(String::new()))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<AppName, E> {
                Ok(AppName(String::new()))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<AppName, E> {
                Ok(AppName(String::new()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<AppName, E> {
                Ok(AppName(String::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<AppName, A::Error> {
                de::IgnoredAny.visit_seq(seq)?;
                Ok(AppName(String::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<AppName, A::Error> {
                de::IgnoredAny.visit_map(map)?;
                Ok(AppName(String::new()))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A code written as a number (Graph) or as text (`resultType`).
struct CodeSeed;

impl<'de> DeserializeSeed<'de> for CodeSeed {
    type Value = Code;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Code, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CodeSeed {
    type Value = Code;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error code")
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Code, E> {
        Ok(u32::try_from(n).map_or(Code::Unreadable, Code::Known))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Code, E> {
        Ok(u32::try_from(n).map_or(Code::Unreadable, Code::Known))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Code, E> {
        Ok(Code::Unreadable)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Code, E> {
        Ok(crate::paste::typed_code(text).map_or(Code::Unreadable, Code::Known))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Code, E> {
        Ok(Code::Unreadable)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Code, E> {
        Ok(Code::Unreadable)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Code, A::Error> {
        de::IgnoredAny.visit_seq(seq)?;
        Ok(Code::Unreadable)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Code, A::Error> {
        de::IgnoredAny.visit_map(map)?;
        Ok(Code::Unreadable)
    }
}

/// A status: `errorCode` of an object, or of the JSON text of one (the
/// `Status` column of the non-interactive Log Analytics table is a
/// string); anything else holds no code.
struct StatusSeed;

impl<'de> DeserializeSeed<'de> for StatusSeed {
    type Value = Code;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Code, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StatusSeed {
    type Value = Code;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a status")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Code, A::Error> {
        let mut code: Slot<Code> = Slot::default();
        while let Some(key) = map.next_key_seed(MemberSeed)? {
            let exact = key == Member::ErrorCodeExact;
            if key != Member::Other && code.wants(exact) {
                let value = map.next_value_seed(CodeSeed)?;
                code.set(value, exact);
            } else {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
        Ok(code.value.unwrap_or(Code::Unreadable))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Code, E> {
        // PowerShell below `-Depth` writes a type name instead.
        Ok(match serde_json::from_str::<Value>(text) {
            Ok(value @ Value::Object(_)) => status_code(&value),
            _ => Code::Unreadable,
        })
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Code, E> {
        Ok(Code::Unreadable)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Code, E> {
        Ok(Code::Unreadable)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Code, E> {
        Ok(Code::Unreadable)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Code, E> {
        Ok(Code::Unreadable)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Code, E> {
        Ok(Code::Unreadable)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Code, A::Error> {
        de::IgnoredAny.visit_seq(seq)?;
        Ok(Code::Unreadable)
    }
}

/// The one member of a status the tally reads.
#[derive(PartialEq, Eq)]
enum Member {
    ErrorCodeExact,
    ErrorCode,
    Other,
}

struct MemberSeed;

impl<'de> DeserializeSeed<'de> for MemberSeed {
    type Value = Member;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Member, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for MemberSeed {
    type Value = Member;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Member, E> {
        Ok(if name == "errorCode" {
            Member::ErrorCodeExact
        } else if name.eq_ignore_ascii_case("errorCode") {
            Member::ErrorCode
        } else {
            Member::Other
        })
    }
}

/// `properties`: an object read as a record (anything else: none).
struct PropertiesSeed;

impl<'de> DeserializeSeed<'de> for PropertiesSeed {
    type Value = Option<Record>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for PropertiesSeed {
    type Value = Option<Record>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("properties")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut record = Record::default();
        while let Some(name) = map.next_key_seed(NameSeed)? {
            record.member(&name, &mut map, true)?;
        }
        Ok(Some(record))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        de::IgnoredAny.visit_seq(seq)?;
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// One sign-in object.
struct RecordSeed;

impl<'de> de::Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RecordSeed)
    }
}

impl<'de> DeserializeSeed<'de> for RecordSeed {
    type Value = Record;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Record, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sign-in object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let mut record = Record::default();
        while let Some(name) = map.next_key_seed(NameSeed)? {
            record.member(&name, &mut map, false)?;
        }
        Ok(record)
    }
}

/// An admin center download (`Sign-in error code`) or a Log Analytics
/// export (`ResultType`), read a record at a time. Columns are found by
/// name, white space and case ignored: headers drift, carry stray spaces
/// and repeat a name.
fn from_csv<R: Read>(reader: R, tally: &mut Tally) -> Result<Format, Unreadable> {
    let csv_error = |e: csv::Error| match e.kind() {
        csv::ErrorKind::Io(e) if decode::is_not_text(e) => not_text(),
        csv::ErrorKind::Io(e) => {
            Unreadable::new("unreadable", format!("cannot read the file: {e}"))
        }
        _ => Unreadable::new("invalid_csv", format!("the file is not valid CSV: {e}")),
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .buffer_capacity(decode::BLOCK)
        .from_reader(reader);
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
    // is empty; in the admin center it is `Success`, `Failure`...: the
    // export's own word, counted beside the codes, never deciding one.
    let status_column = column("status");
    let word_column = status_column.filter(|_| format == Format::AdminCenterCsv);
    if word_column.is_some() {
        tally.export_status = Some(ExportStatus::default());
    }
    let app_columns: Vec<usize> = ["application", "appdisplayname", "serviceprincipalname"]
        .iter()
        .filter_map(|name| column(name))
        .collect();
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(csv_error)? {
        let code = record
            .get(code_column)
            .and_then(crate::paste::typed_code)
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
        if let (Some(status), Some(i)) = (tally.export_status.as_mut(), word_column) {
            status.add(StatusWord::read(record.get(i).unwrap_or("")), code);
        }
        tally.add(code, app);
    }
    Ok(format)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out `step` bytes a call: every cut a block can make.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.1).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn json_cut_anywhere() {
        let text = r#" {"@odata.context": "x", "@odata.count": -1.5e3, "value": [
            {"status": {"errorCode": 50126, "x": 1.25e-2}, "appDisplayName": "Zürich \"A\""},
            {"Status": {"ErrorCode": 0}, "n": [1, 2.5, {"k": null}]},
            {"properties": {"status": {"errorCode": 50140}, "servicePrincipalName": "B"}}
        ], "after": 12345}
        [{"resultType": "53003"}]
        {"status": "{\"errorCode\": 50074}", "appDisplayName": 7}"#;
        for step in [1, 2, 3, 5, 8, 4096] {
            let mut tally = Tally::default();
            let format = from_json(Trickle(text.as_bytes(), step), &mut tally)
                .unwrap_or_else(|e| panic!("{step}: {}", e.message));
            assert!(format == Format::GraphJson, "{step}");
            assert_eq!((tally.records, tally.failures), (5, 4), "{step}");
            let mut codes: Vec<u32> = tally.codes.keys().copied().collect();
            codes.sort_unstable();
            assert_eq!(codes, [50074, 50126, 50140, 53003], "{step}");
            assert_eq!(tally.codes[&50126].apps["Zürich \"A\""], 1);
            assert_eq!(tally.codes[&50140].apps["B"], 1);
            assert_eq!(tally.codes[&50074].apps[""], 1);
        }
    }

    #[test]
    fn json_errors_say_where() {
        for (text, kind, at) in [
            (
                "{\"value\": [\n{\"status\": 1},\n{\"status\" 2}]}",
                "invalid_json",
                "line 3, column 11",
            ),
            ("[\n{}, 5]", "not_sign_in_log", "line 2, column 5"),
            ("[{}\n{}]", "invalid_json", "line 2, column 1"),
            ("{\"value\": [{}", "invalid_json", "line 1"),
        ] {
            for step in [1, 4096] {
                let err = from_json(Trickle(text.as_bytes(), step), &mut Tally::default())
                    .err()
                    .unwrap_or_else(|| panic!("{text}"));
                assert_eq!(err.kind, kind, "{text}: {}", err.message);
                assert!(err.message.contains(at), "{text}: {}", err.message);
            }
        }
    }
}
