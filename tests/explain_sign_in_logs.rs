//! The `explain` example's `--sign-in-logs`, run as a program on the sign-in log exports of
//! `tests/fixtures/sign-in-logs/`: every format and encoding, the `--json` contract, bad
//! input (exit status 2, never a panic), and privacy: no user, IP address, device or location
//! of any sample is ever printed.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use common::{explain, json};
use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join("sign-in-logs")
        .join(name)
        .to_str()
        .unwrap()
        .to_owned()
}

/// Runs `explain --json --sign-in-logs FILE` and expects a summary.
fn summary(name: &str) -> Value {
    let (code, v) = json(&["--json", "--sign-in-logs", &fixture(name)], None);
    assert_eq!(code, 0, "{name}: {v}");
    v
}

/// `(code, count)` of every entry of `codes`, in order.
fn counts(v: &Value) -> Vec<(u64, u64)> {
    v["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["code"].as_u64().unwrap(), c["count"].as_u64().unwrap()))
        .collect()
}

/// The entry of `codes` for `code`.
fn entry(v: &Value, code: u64) -> &Value {
    v["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {v}"))
}

/// graph-signins.json, powershell-export.json and its two Windows PowerShell variants.
const GRAPH_CODES: &[(u64, u64)] = &[
    (50126, 2),
    (16000, 1),
    (50053, 1),
    (50074, 1),
    (50076, 1),
    (53003, 1),
    (65001, 1),
    (500011, 1),
    (700016, 1),
    (7000215, 1),
];

/// portal-download.json and portal-download.csv.
const PORTAL_CODES: &[(u64, u64)] = &[
    (50126, 2),
    (50011, 1),
    (50074, 1),
    (50140, 1),
    (50158, 1),
    (53003, 1),
    (90072, 1),
    (530003, 1),
    (9002332, 1),
];

const LOG_ANALYTICS_CODES: &[(u64, u64)] = &[
    (7000215, 2),
    (16000, 1),
    (50053, 1),
    (50076, 1),
    (50126, 1),
    (53003, 1),
    (65001, 1),
    (500011, 1),
    (700016, 1),
    (9002332, 1),
];

/// Every export that is read (bad input is listed in `bad_input_exits_2`).
const EXPORTS: &[&str] = &[
    "graph-signins.json",
    "portal-download.json",
    "portal-download.csv",
    "log-analytics-export.csv",
    "powershell-export.json",
    "powershell-5.1-utf16le.json",
    "powershell-single-utf8-bom.json",
    "portal-app-sign-ins.csv",
    "azure-monitor-records.jsonl",
];

#[test]
fn graph_json() {
    let v = summary("graph-signins.json");
    assert_eq!(v["format"], "graph_json");
    assert_eq!(v["encoding"], "utf-8");
    assert_eq!(v["records"], 13);
    assert_eq!(v["failures"], 11);
    assert_eq!(v["without_code"], 0);
    assert_eq!(counts(&v), GRAPH_CODES);

    let e = oauth_triage::AadstsCode::new(50126).entry().unwrap();
    assert_eq!(
        v["codes"][0],
        json!({
            "code": 50126,
            "count": 2,
            "name": "InvalidUserNameOrPassword",
            "action": e.action.as_ref().map(|a| a.name()),
            "party": e.party.as_str(),
            "interrupt": false,
            "remedy": e.remedy,
            "apps": [{"name": "Fabrikam Timesheet", "count": 2}],
        })
    );
    assert_eq!(v["codes"][0]["action"], "reauthenticate");
    assert_eq!(v["codes"][0]["party"], "user");
    // No symbolic name, an override all the same.
    let secret = entry(&v, 7000215);
    assert_eq!(secret["name"], Value::Null);
    assert_eq!(secret["action"], "fix_credentials");
    assert_eq!(secret["party"], "developer");
    // The app is unknown to the tenant: no display name.
    assert_eq!(
        entry(&v, 700016)["apps"],
        json!([{"name": null, "count": 1}])
    );
}

#[test]
fn powershell_exports_match_graph() {
    let graph = summary("graph-signins.json");
    for (name, encoding) in [
        ("powershell-export.json", "utf-8"),
        // Windows PowerShell 5.1: UTF-16LE with a BOM, CRLF, `\/Date(ms)\/` dates.
        ("powershell-5.1-utf16le.json", "utf-16le"),
    ] {
        let v = summary(name);
        assert_eq!(v["format"], "powershell_json", "{name}");
        assert_eq!(v["encoding"], encoding, "{name}");
        assert_eq!(v["records"], 13, "{name}");
        assert_eq!(v["failures"], 11, "{name}");
        assert_eq!(v["codes"], graph["codes"], "{name}: the same 13 sign-ins");
    }
}

#[test]
fn powershell_single_object_with_utf8_bom() {
    // One result: ConvertTo-Json writes an object, not an array.
    let v = summary("powershell-single-utf8-bom.json");
    assert_eq!(v["format"], "powershell_json");
    assert_eq!(v["encoding"], "utf-8-bom");
    assert_eq!(v["records"], 1);
    assert_eq!(v["failures"], 1);
    assert_eq!(counts(&v), [(50126, 1)]);
}

#[test]
fn admin_center_json_and_csv_agree() {
    let from_json = summary("portal-download.json");
    let from_csv = summary("portal-download.csv");
    assert_eq!(from_json["format"], "admin_center_json");
    assert_eq!(from_csv["format"], "admin_center_csv");
    for v in [&from_json, &from_csv] {
        assert_eq!(v["records"], 12);
        assert_eq!(v["failures"], 10);
        assert_eq!(v["without_code"], 0);
        assert_eq!(counts(v), PORTAL_CODES);
    }
    assert_eq!(from_json["codes"], from_csv["codes"]);
    // Codes without an override: the action is null, not guessed.
    for code in [50140, 50158, 530003] {
        assert_eq!(entry(&from_csv, code)["action"], Value::Null, "{code}");
        assert_eq!(entry(&from_csv, code)["party"], "user", "{code}");
    }
    assert_eq!(
        entry(&from_csv, 9002332)["apps"][0]["name"],
        "Margie's Travel Booking"
    );
}

/// The admin center CSV names each record's status: its words are counted beside the codes,
/// with the codes where they differ from the summary's reading, and change no count.
#[test]
fn export_status_beside_the_counts() {
    let v = summary("portal-download.csv");
    assert_eq!(
        v["export_status"],
        json!({
            "interrupted": 3,
            "failure": 7,
            "success": 2,
            "other": 0,
            "differs": [
                {"code": 50158, "export": "interrupted", "counted_as": "failure", "count": 1}
            ],
        })
    );
    assert_eq!((&v["failures"], &v["interrupts"]), (&json!(10), &json!(2)));
    let (code, text) = explain(&["--sign-in-logs", &fixture("portal-download.csv")], None);
    assert_eq!(code, 0);
    for line in [
        "The export's own Status column: 3 Interrupted, 7 Failure, 2 Success\n",
        "  AADSTS50158 (1 record): the export says Interrupted, this summary counts a failure\n",
        "  This summary's interrupt rule is its own (sourced in the README); the admin center's may differ\n",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }

    // A closed set of words, case and spaces ignored; anything else is other. Every kind of
    // difference; a record without a code is counted, never compared.
    let csv = "\"Date (UTC)\",\"Status\",\"Sign-in error code\",\"Application\"\r\n\
               1,\" SUCCESS \",0,A\r\n\
               2,interrupted,50140,A\r\n\
               3,Interrupted,50074,A\r\n\
               4,Failure,50074,A\r\n\
               5,Success,50126,A\r\n\
               6,Failure,0,A\r\n\
               7,Pending,50126,A\r\n\
               8,,53003,A\r\n\
               9,Failure,,A\r\n";
    let (code, v) = json(&["--json", "--sign-in-logs", "-"], Some(csv));
    assert_eq!(code, 0, "{v}");
    assert_eq!(
        (&v["records"], &v["failures"], &v["interrupts"]),
        (&json!(9), &json!(6), &json!(3))
    );
    assert_eq!(
        v["export_status"],
        json!({
            "interrupted": 2,
            "failure": 3,
            "success": 2,
            "other": 2,
            "differs": [
                {"code": 0, "export": "failure", "counted_as": "success", "count": 1},
                {"code": 50074, "export": "failure", "counted_as": "interrupted", "count": 1},
                {"code": 50126, "export": "success", "counted_as": "failure", "count": 1},
            ],
        })
    );
    let (_, text) = explain(&["--sign-in-logs", "-"], Some(csv));
    assert!(
        text.contains(
            "The export's own Status column: 2 Interrupted, 3 Failure, 2 Success, 2 other\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("  AADSTS0 (1 record): the export says Failure, this summary counts a success (code 0)\n"),
        "{text}"
    );

    // Exports that name no status word: null, and no line.
    for name in [
        "graph-signins.json",
        "portal-download.json",
        "powershell-export.json",
        "log-analytics-export.csv",
        "azure-monitor-records.jsonl",
    ] {
        assert_eq!(summary(name)["export_status"], Value::Null, "{name}");
    }
    let (_, text) = explain(&["--sign-in-logs", &fixture("graph-signins.json")], None);
    assert!(!text.contains("Status column"), "{text}");
    // An admin center CSV without the column.
    let (_, v) = json(
        &["--json", "--sign-in-logs", "-"],
        Some("Sign-in error code\n50126\n"),
    );
    assert_eq!(v["export_status"], Value::Null, "{v}");
}

#[test]
fn log_analytics_csv() {
    let v = summary("log-analytics-export.csv");
    assert_eq!(v["format"], "log_analytics_csv");
    assert_eq!(v["encoding"], "utf-8-bom");
    assert_eq!(v["records"], 13);
    assert_eq!(v["failures"], 11);
    assert_eq!(counts(&v), LOG_ANALYTICS_CODES);
    assert_eq!(
        v["codes"][0]["apps"],
        json!([{"name": "Northwind Inventory Sync", "count": 2}])
    );
}

#[test]
fn admin_center_application_sign_ins_csv() {
    // No user columns, LF line endings, a quoted line break, and codes that are empty or `None`.
    let v = summary("portal-app-sign-ins.csv");
    assert_eq!(v["format"], "admin_center_csv");
    assert_eq!(v["records"], 6);
    assert_eq!(v["failures"], 3);
    assert_eq!(v["without_code"], 2);
    assert_eq!(counts(&v), [(7000215, 2), (7000222, 1)]);
    assert_eq!(v["codes"][1]["apps"][0]["name"], "Litware Report Exporter");
    let (code, text) = explain(
        &["--sign-in-logs", &fixture("portal-app-sign-ins.csv")],
        None,
    );
    assert_eq!(code, 0);
    assert!(
        text.contains("2 records have no readable error code"),
        "{text}"
    );
}

#[test]
fn azure_monitor_records() {
    // One diagnostic record a line: `resultType` a string, the code in `properties.status`.
    let v = summary("azure-monitor-records.jsonl");
    assert_eq!(v["format"], "azure_monitor_json");
    assert_eq!(v["records"], 4);
    assert_eq!(v["failures"], 3);
    assert_eq!(counts(&v), [(50126, 1), (50140, 1), (7000222, 1)]);
    // A service principal sign-in: its name is the application's.
    assert_eq!(
        entry(&v, 7000222)["apps"][0]["name"],
        "Litware Report Exporter"
    );
    // The same records in a `records` envelope.
    let text = std::fs::read_to_string(fixture("azure-monitor-records.jsonl")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let envelope = format!("{{\"records\": [{}]}}", lines.join(","));
    let (code, w) = json(&["--json", "--sign-in-logs", "-"], Some(&envelope));
    assert_eq!(code, 0, "{w}");
    assert_eq!(w["codes"], v["codes"]);
}

#[test]
fn other_shapes_from_standard_input() {
    let run = |input: &str| {
        let (code, v) = json(&["--json", "--sign-in-logs", "-"], Some(input));
        assert_eq!(code, 0, "{input}: {v}");
        v
    };
    // Empty exports.
    for input in ["[]", r#"{"@odata.context": "x", "value": []}"#] {
        let v = run(input);
        assert_eq!((&v["records"], &v["failures"]), (&json!(0), &json!(0)));
        assert_eq!(v["codes"], json!([]));
    }
    // Codes as text, keys in any case, a status that PowerShell wrote as a type name.
    let v = run(concat!(
        r#"[{"status": {"errorCode": "50126"}, "appDisplayName": "A"},"#,
        r#" {"STATUS": {"ERRORCODE": 50126}, "AppDisplayName": "B"},"#,
        r#" {"Status": "Microsoft.Graph.PowerShell.Models.MicrosoftGraphSignInStatus"},"#,
        r#" {"status": {"errorCode": 0}}]"#
    ));
    assert_eq!(v["records"], 4);
    assert_eq!(v["failures"], 2);
    assert_eq!(v["without_code"], 1);
    assert_eq!(
        v["codes"][0]["apps"],
        json!([{"name": "A", "count": 1}, {"name": "B", "count": 1}])
    );
    // Log Analytics: `Status` as JSON text when `ResultType` is empty; LF; a quoted line break.
    let v = run("ResultType,ResultDescription,Status,AppDisplayName\n\
         ,\"two\nlines\",\"{\"\"errorCode\"\":50053}\",App\n\
         0,,,App\n");
    assert_eq!(v["format"], "log_analytics_csv");
    assert_eq!((&v["records"], &v["failures"]), (&json!(2), &json!(1)));
    assert_eq!(counts(&v), [(50053, 1)]);
    // Headers drift: spaces and case do not matter.
    let v = run("\"Application \",\" SIGN-IN  ERROR CODE\"\r\nX,53003\r\n");
    assert_eq!(counts(&v), [(53003, 1)]);
}

#[test]
fn text_output() {
    let (code, text) = explain(&["--sign-in-logs", &fixture("graph-signins.json")], None);
    assert_eq!(code, 0);
    assert!(
        text.starts_with("Sign-in log: Microsoft Graph JSON (UTF-8)\n"),
        "{text}"
    );
    assert!(text.contains("13 records, 11 failures"), "{text}");
    let first = text
        .find("AADSTS50126 InvalidUserNameOrPassword: 2 failures")
        .expect(&text);
    let later = text
        .find("AADSTS16000 InteractionRequired: 1 failure")
        .expect(&text);
    assert!(first < later, "most frequent first: {text}");
    assert!(text.contains("Who acts:  user"), "{text}");
    assert!(
        text.contains(oauth_triage::AadstsCode::new(50126).entry().unwrap().remedy),
        "{text}"
    );
    assert!(text.contains("Apps:      Fabrikam Timesheet (2)"), "{text}");
    assert!(text.contains("Apps:      (no name) (1)"), "{text}");

    let (_, text) = explain(&["--sign-in-logs", &fixture("portal-download.csv")], None);
    // In an admin's words: no word of the classifier's.
    assert!(!text.contains("`error` value"), "{text}");
    let external = text.find("AADSTS50158: 1 failure").expect(&text);
    assert!(
        text[external..].contains(
            "Action:    none fixed for this code: check the sign-in's details in the admin center"
        ),
        "{text}"
    );
    // Interrupts: counted, and listed apart after the failures to fix.
    assert!(
        text.contains("2 of the failures are interrupts: normal steps of a sign-in"),
        "{text}"
    );
    let apart = text
        .find("\nInterrupts: normal steps of a sign-in")
        .expect(&text);
    for code in [
        "AADSTS50140 KmsiInterrupt: 1 record",
        "AADSTS50074 UserStrongAuthClientAuthNRequiredInterrupt: 1 record",
    ] {
        assert!(text.find(code).expect(&text) > apart, "{code}: {text}");
    }
    assert!(text.find("AADSTS53003").expect(&text) < apart, "{text}");
}

/// `interrupt` on every code (the contract), and `interrupts` beside `failures`, which keeps
/// its meaning: records whose code is not 0.
#[test]
fn interrupts_told_apart() {
    let v = summary("portal-download.csv");
    assert_eq!(
        (
            v["records"].as_u64(),
            v["failures"].as_u64(),
            v["interrupts"].as_u64()
        ),
        (Some(12), Some(10), Some(2))
    );
    for c in v["codes"].as_array().unwrap() {
        let code = c["code"].as_u64().unwrap();
        assert_eq!(c["interrupt"], json!([50074, 50140].contains(&code)), "{c}");
    }
    let v = summary("graph-signins.json");
    assert_eq!(
        (v["failures"].as_u64(), v["interrupts"].as_u64()),
        (Some(11), Some(2))
    );
    assert_eq!(entry(&v, 50074)["interrupt"], true);
    assert_eq!(entry(&v, 65001)["interrupt"], true);
    assert_eq!(entry(&v, 50076)["interrupt"], false);
    // The name rule: Microsoft's name for the code ends in `Interrupt`.
    for (code, interrupt) in [
        (50072, true),
        (50125, true),
        (50199, true),
        (1000002, true),
        (50076, false),
        (50079, false),
        (53003, false),
        (0, false),
    ] {
        let (_, v) = json(
            &["--json", "--sign-in-logs", "-"],
            Some(&format!("ResultType\n{code}\n")),
        );
        assert_eq!(
            v["interrupts"].as_u64(),
            Some(u64::from(interrupt)),
            "{code}: {v}"
        );
    }
}

/// A small Graph export: one sign-in that failed with `code`, one that succeeded.
fn graph_export(code: u32) -> String {
    format!(
        r#"{{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns",
  "value": [
    {{"id": "5f0c2a8e-1d43-4b7a-9c61-0e8f2b4d7a13", "createdDateTime": "2026-03-02T09:14:05Z",
      "appDisplayName": "Fabrikam Timesheet", "isInteractive": true,
      "status": {{"errorCode": {code}, "failureReason": "Other.", "additionalDetails": null}}}},
    {{"id": "8b27d4f1-6c0e-4e95-a3b8-71d9f5c2e604", "createdDateTime": "2026-03-02T09:14:31Z",
      "appDisplayName": "Fabrikam Timesheet", "isInteractive": true,
      "status": {{"errorCode": 0, "failureReason": "Other.", "additionalDetails": null}}}}
  ]}}"#
    )
}

/// `code`, a code Microsoft calls an interrupt, is counted as a failure and as an interrupt,
/// `"interrupt": true`, and the text lists it after the failures to fix.
#[track_caller]
fn assert_sourced_interrupt(code: u32) {
    let export = graph_export(code);
    let (status, v) = json(&["--json", "--sign-in-logs", "-"], Some(&export));
    assert_eq!(status, 0, "{code}: {v}");
    assert_eq!(
        (
            v["records"].as_u64(),
            v["failures"].as_u64(),
            v["interrupts"].as_u64()
        ),
        (Some(2), Some(1), Some(1)),
        "{code}: {v}"
    );
    assert_eq!(entry(&v, code.into())["interrupt"], true, "{v}");
    let (status, text) = explain(&["--sign-in-logs", "-"], Some(&export));
    assert_eq!(status, 0, "{text}");
    assert!(
        text.contains("1 of the failures is an interrupt: normal steps of a sign-in"),
        "{text}"
    );
    let apart = text
        .find("\nInterrupts: normal steps of a sign-in")
        .expect(&text);
    let row = text.find(&format!("AADSTS{code}")).expect(&text);
    assert!(row > apart, "{text}");
    assert!(text[row..].contains(": 1 record"), "{text}");
}

// One test per code that Microsoft's statements make an interrupt, the name rule aside (the
// sources are in `examples/explain/sign_in_logs.rs`).

#[test]
fn interrupt_1002013_email_one_time_passcode_at_sign_up() {
    // Not in the catalog: the table holds the code itself.
    assert_sourced_interrupt(1002013);
}

#[test]
fn interrupt_16001_account_picked_again() {
    assert_sourced_interrupt(16001);
}

#[test]
fn interrupt_50055_expired_password_changed() {
    assert_sourced_interrupt(50055);
}

#[test]
fn interrupt_50058_no_session_yet() {
    assert_sourced_interrupt(50058);
}

#[test]
fn interrupt_50127_broker_app_to_install() {
    assert_sourced_interrupt(50127);
}

#[test]
fn interrupt_50129_device_to_register() {
    assert_sourced_interrupt(50129);
}

#[test]
fn interrupt_50168_browser_single_sign_on_token() {
    assert_sourced_interrupt(50168);
}

#[test]
fn interrupt_51006_windows_integrated_sign_in_again() {
    assert_sourced_interrupt(51006);
}

#[test]
fn interrupt_52004_linkedin_consent() {
    assert_sourced_interrupt(52004);
}

#[test]
fn interrupt_65001_consent() {
    assert_sourced_interrupt(65001);
}

/// Codes that some Microsoft source calls an interrupt (or pending user action) while another
/// disagrees, and MFA or device codes no source calls one: failures, `"interrupt": false`.
#[test]
fn disputed_codes_stay_failures() {
    let disputed = [
        16000, 16003, 29200, 50019, 50059, 50076, 50079, 50097, 50143, 50144, 50148, 50155, 50158,
        81010, 81012, 81014, 90095, 165100, 500121,
    ];
    for code in disputed.into_iter().chain(53000..=53011) {
        let (status, v) = json(
            &["--json", "--sign-in-logs", "-"],
            Some(&graph_export(code)),
        );
        assert_eq!(status, 0, "{code}: {v}");
        assert_eq!(
            (v["failures"].as_u64(), v["interrupts"].as_u64()),
            (Some(1), Some(0)),
            "{code}: {v}"
        );
        assert_eq!(entry(&v, code.into())["interrupt"], false, "{v}");
    }
    let (_, text) = explain(&["--sign-in-logs", "-"], Some(&graph_export(50076)));
    assert!(
        text.contains("AADSTS50076 UserStrongAuthClientAuthNRequired: 1 failure"),
        "{text}"
    );
    assert!(!text.contains("\nInterrupts:"), "{text}");
}

#[test]
fn bad_input_exits_2() {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let truncated_utf16 = tmp.join("sign-in-logs-truncated-utf16.json");
    std::fs::write(&truncated_utf16, b"\xFF\xFE[\x00{").unwrap();
    let latin1 = tmp.join("sign-in-logs-not-utf8.csv");
    std::fs::write(&latin1, b"ResultType,AppDisplayName\n0,Z\xFCrich\n").unwrap();
    let fixtures = fixture("");
    let cases = [
        (fixture("audit-log-download.csv"), "no_code_column"),
        (fixture("graph-users.json"), "not_sign_in_log"),
        (fixture("log-analytics-export.csv.gz"), "binary"),
        (fixture("does-not-exist.json"), "unreadable"),
        (fixtures, "unreadable"),
        (truncated_utf16.to_str().unwrap().to_owned(), "binary"),
        (latin1.to_str().unwrap().to_owned(), "binary"),
    ];
    for (path, kind) in &cases {
        let (code, v) = json(&["--json", "--sign-in-logs", path], None);
        assert_eq!(code, 2, "{path}: {v}");
        assert_eq!(v["parse_error"], *kind, "{path}: {v}");
        assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
        let (code, text) = explain(&["--sign-in-logs", path], None);
        assert_eq!(code, 2, "{path}: {text}");
        assert!(
            text.starts_with("Cannot read this as a sign-in log export: "),
            "{text}"
        );
    }
    for (input, kind) in [
        ("", "empty"),
        ("  \r\n", "empty"),
        (r#"{"value": ["#, "invalid_json"),
        ("[1, 2]", "not_sign_in_log"),
        (r#"{"value": "x"}"#, "not_sign_in_log"),
        ("{}", "not_sign_in_log"),
        (
            r#"{"error": "invalid_grant", "error_codes": [50126]}"#,
            "not_sign_in_log",
        ),
        ("hello", "no_code_column"),
        ("a\0b", "binary"),
    ] {
        let (code, v) = json(&["--json", "--sign-in-logs", "-"], Some(input));
        assert_eq!(code, 2, "{input:?}: {v}");
        assert_eq!(v["parse_error"], kind, "{input:?}: {v}");
    }
}

#[test]
fn bad_usage_exits_64() {
    let (code, out) = explain(&["--sign-in-logs"], None);
    assert_eq!(code, 64, "{out}");
    let (code, out) = explain(
        &["--sign-in-logs", &fixture("graph-signins.json"), "50011"],
        None,
    );
    assert_eq!(code, 64, "{out}");
}

/// Whether `name` (a normalised JSON key or CSV header) holds a user, an address, a device or
/// a place. CSV headers: `User`, `Username`, `Sign-in identifier`, `IP address`, ...
fn personal(name: &str) -> bool {
    [
        "user",
        "username",
        "userid",
        "userprincipalname",
        "userdisplayname",
        "alternatesigninname",
        "sign-inidentifier",
        "signinidentifier",
        "identity",
        "mail",
        "ipaddress",
        "calleripaddress",
        "ipaddress(seenbyresource)",
        "globalsecureaccessipaddress",
        "useragent",
        "deviceid",
        "location",
        "city",
        "state",
        "actordisplayname",
        "actoruserprincipalname",
        "actorobjectid",
        "target1displayname",
        "target1userprincipalname",
    ]
    .contains(&name)
}

fn normalised(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The file as text, whatever its byte order mark.
fn decoded(name: &str) -> String {
    let bytes = std::fs::read(fixture(name)).unwrap();
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .collect();
        return String::from_utf16(&units).unwrap();
    }
    let rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(rest.to_vec()).unwrap()
}

fn add(value: &str, out: &mut BTreeSet<String>) {
    // A `Location` cell is `City, State, CC`; two-letter country codes are too short to test.
    for part in value.split(',').map(str::trim) {
        if part.len() > 2 {
            out.insert(part.to_lowercase());
        }
    }
}

fn collect_json(value: &Value, parent: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(object) => {
            for (key, value) in object {
                let key = normalised(key);
                let device_name = parent == "devicedetail" && key == "displayname";
                // Users listed by Graph: their display names.
                let user_name = key == "displayname"
                    && object.keys().any(|k| normalised(k) == "userprincipalname");
                match value {
                    Value::String(s) if personal(&key) || device_name || user_name => add(s, out),
                    _ => collect_json(value, &key, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_json(v, parent, out)),
        _ => {}
    }
}

/// Every user name, UPN, user id, IP address, user agent, device id or name and place in the file.
fn personal_values(name: &str) -> BTreeSet<String> {
    let text = decoded(name);
    let mut out = BTreeSet::new();
    if text.trim_start().starts_with(['{', '[']) {
        for value in serde_json::Deserializer::from_str(&text).into_iter::<Value>() {
            collect_json(&value.unwrap(), "", &mut out);
        }
    } else {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(normalised).collect();
        for record in reader.records() {
            for (header, value) in headers.iter().zip(record.unwrap().iter()) {
                if personal(header) {
                    add(value, &mut out);
                }
            }
        }
    }
    out
}

#[test]
fn privacy_no_user_address_device_or_place_is_printed() {
    let mut files: Vec<&str> = EXPORTS.to_vec();
    files.extend(["audit-log-download.csv", "graph-users.json"]);
    for name in files {
        let values = personal_values(name);
        assert!(values.len() >= 2, "{name}: {values:?}");
        let path = fixture(name);
        for args in [
            vec!["--sign-in-logs", path.as_str()],
            vec!["--json", "--sign-in-logs", path.as_str()],
        ] {
            let (_, out) = explain(&args, None);
            let out = out.to_lowercase();
            for value in &values {
                assert!(
                    !out.contains(value.as_str()),
                    "{name} {args:?}: {value} printed:\n{out}"
                );
            }
        }
    }
    // What is collected: the samples' users, addresses and devices.
    let single = personal_values("powershell-single-utf8-bom.json");
    for value in [
        "blake.sample@example.com",
        "desktop-placeholder7",
        "5f0c9a7e-3b1d-4e62-9a4f-0d2c8b7e1a63",
    ] {
        assert!(single.contains(value), "{single:?}");
    }
    let utf16 = personal_values("powershell-5.1-utf16le.json");
    assert!(
        utf16.contains("devon placeholder") && utf16.contains("203.0.113.10"),
        "{utf16:?}"
    );
    let csv = personal_values("portal-download.csv");
    assert!(
        csv.contains("blake.sample@example.com") && csv.contains("seattle"),
        "{csv:?}"
    );
    let app = personal_values("portal-app-sign-ins.csv");
    assert!(
        app.contains("2001:db8::1f") && app.contains("dublin"),
        "{app:?}"
    );
}

/// Writes a Graph export of at least `mb` MB (the 13 records of graph-signins.json, again and
/// again) and returns its path, records and failures.
fn large_graph_export(mb: usize) -> (PathBuf, u64, u64) {
    use std::io::Write;
    let sample: Value = serde_json::from_str(&decoded("graph-signins.json")).unwrap();
    let records: Vec<String> = sample["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| serde_json::to_string_pretty(r).unwrap())
        .collect();
    let failures_per_round = sample["value"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"]["errorCode"] != 0)
        .count() as u64;
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("graph-{mb}mb.json"));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    out.write_all(b"{\"@odata.context\": \"https://graph.microsoft.com/beta/$metadata#auditLogs/signIns\",\n\"value\": [\n").unwrap();
    let (mut written, mut rounds) = (0, 0u64);
    while written < mb * 1_000_000 {
        for (i, record) in records.iter().enumerate() {
            if written > 0 || i > 0 {
                out.write_all(b",\n").unwrap();
            }
            out.write_all(record.as_bytes()).unwrap();
            written += record.len() + 2;
        }
        rounds += 1;
    }
    out.write_all(b"\n]}\n").unwrap();
    out.flush().unwrap();
    (
        path,
        rounds * records.len() as u64,
        rounds * failures_per_round,
    )
}

/// `path` in UTF-16LE with a byte order mark (Windows PowerShell 5.1's `>`), beside it.
fn utf16_copy(path: &std::path::Path) -> PathBuf {
    use std::io::{BufRead, Write};
    let utf16 = path.with_extension("utf16.json");
    let mut input = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    let mut out = std::io::BufWriter::new(std::fs::File::create(&utf16).unwrap());
    out.write_all(b"\xFF\xFE").unwrap();
    let mut line = String::new();
    while input.read_line(&mut line).unwrap() > 0 {
        for unit in line.encode_utf16() {
            out.write_all(&unit.to_le_bytes()).unwrap();
        }
        line.clear();
    }
    out.flush().unwrap();
    utf16
}

/// An admin center CSV download of at least `mb` MB (portal-download.csv's rows, again and
/// again), and its records.
fn large_csv_export(mb: usize) -> (PathBuf, u64) {
    use std::io::Write;
    let sample = decoded("portal-download.csv");
    let (header, rows) = sample.split_once("\r\n").unwrap();
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("portal-{mb}mb.csv"));
    let mut rounds = 0u64;
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    write!(out, "{header}\r\n").unwrap();
    let mut written = 0;
    while written < mb * 1_000_000 {
        out.write_all(rows.as_bytes()).unwrap();
        written += rows.len();
        rounds += 1;
    }
    out.flush().unwrap();
    (path, rounds * 12)
}

/// Exports of `mb` MB, JSON in UTF-8 and UTF-16 and CSV, read whole: their records and
/// failures counted, the codes as in the samples.
fn read_large_exports(mb: usize, check_memory: bool) {
    let (path, records, failures) = large_graph_export(mb);
    let utf16 = utf16_copy(&path);
    let (csv, csv_records) = large_csv_export(mb);
    for (path, records, encoding) in [
        (&path, records, "utf-8"),
        (&utf16, records, "utf-16le"),
        (&csv, csv_records, "utf-8"),
    ] {
        let path = path.to_str().unwrap();
        let (code, v) = json(&["--json", "--sign-in-logs", path], None);
        assert_eq!(code, 0, "{path}: {v}");
        assert_eq!(
            (v["records"].as_u64(), v["encoding"].as_str()),
            (Some(records), Some(encoding)),
            "{path}"
        );
        if path.ends_with(".csv") {
            assert_eq!(v["failures"].as_u64(), Some(records / 12 * 10), "{path}");
        } else {
            assert_eq!(v["failures"].as_u64(), Some(failures), "{path}");
            let rounds = records / 13;
            let expected: Vec<(u64, u64)> =
                GRAPH_CODES.iter().map(|&(c, n)| (c, n * rounds)).collect();
            assert_eq!(counts(&v), expected, "{path}");
        }
        if check_memory {
            peak_memory_under_100_mb(path);
        }
    }
}

/// Exports of a few blocks: sign-ins, numbers, names and UTF-16 pairs cut by the ends of
/// blocks are read whole.
#[test]
fn exports_larger_than_a_block() {
    read_large_exports(3, false);
}

/// The large-file check (not timed; run by hand, see benches/README.md):
/// `cargo test --release --test explain_sign_in_logs -- --ignored --nocapture`
/// writes exports of `EXPLAIN_EXPORT_MB` MB (default 250: JSON in UTF-8 and UTF-16, CSV),
/// reads them, and checks the counts and, where `/usr/bin/time` exists, that peak memory
/// stays under 100 MB. The files stay in the target directory, to time them beside other
/// tools.
#[test]
#[ignore = "writes files of hundreds of MB; run by hand"]
fn a_large_export_is_read_in_constant_memory() {
    let mb = std::env::var("EXPLAIN_EXPORT_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(250);
    read_large_exports(mb, true);
}

/// Runs `explain --json --sign-in-logs path` under `/usr/bin/time` (when there is one) and
/// checks its peak resident memory.
fn peak_memory_under_100_mb(path: &str) {
    let time = std::path::Path::new("/usr/bin/time");
    if !time.exists() {
        eprintln!("no /usr/bin/time: peak memory not checked");
        return;
    }
    let out = std::process::Command::new(time)
        .args(["-f", "%M"])
        .arg(common::explain_path())
        .args(["--json", "--sign-in-logs", path])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let kb: u64 = stderr.trim().lines().last().unwrap().parse().unwrap();
    eprintln!("{path}: peak memory {kb} KB");
    assert!(kb < 100 * 1024, "{path}: {kb} KB");
}
