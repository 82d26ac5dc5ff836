//! The `explain` example, run as a program: lookup, token bodies, `--json`,
//! `--status` and `--header`, standard input, and exit status 2 on garbage.

mod common;

use common::{explain, json};
use serde_json::Value;
use std::io::Write;

#[test]
fn explains_the_headline_code() {
    let (code, out) = explain(&["AADSTS9002332"], None);
    assert_eq!(code, 0);
    assert!(out.contains("/consumers"), "{out}");
    assert!(out.contains("/organizations"), "{out}");
    assert!(out.contains("fix_config"), "{out}");
    assert!(
        out.contains("https://login.microsoftonline.com/error?code=9002332"),
        "{out}"
    );
}

#[test]
fn lookup_json_and_by_name() {
    let (code, v) = json(&["--json", "50011"], None);
    assert_eq!(code, 0);
    assert_eq!(v["codes"][0]["name"], "InvalidReplyTo");
    assert_eq!(v["action"], "fix_config");
    let (_, out) = explain(&["--lookup", "invalidreplyto"], None);
    assert!(out.starts_with("AADSTS50011 InvalidReplyTo"), "{out}");
    let (code, v) = json(&["--json", "AADSTS1"], None);
    assert_eq!(code, 0);
    assert_eq!(v["codes"][0]["known"], false);
    // A code the catalog does not know has the same members, `null`, and
    // Microsoft's lookup page, as the text output shows it.
    assert_eq!(v["category"], Value::Null);
    assert_eq!(v["summary"], Value::Null);
    assert_eq!(
        v["lookup_url"],
        "https://login.microsoftonline.com/error?code=1"
    );
    // Code 0 is a success, said once: `action`.
    let (code, v) = json(&["--json", "0"], None);
    assert_eq!(code, 0);
    assert_eq!(v["action"], "success");
    assert!(v.get("success").is_none(), "{v}");
}

#[test]
fn token_body_json() {
    let body = r#"{"error":"invalid_grant","error_description":"AADSTS700082: expired for bob@example.com","error_codes":[700082]}"#;
    let (code, v) = json(&["--json", body], None);
    assert_eq!(code, 0);
    assert_eq!(v["action"], "reauthenticate");
    assert_eq!(v["decided_by"], "catalog:700082");
    assert_eq!(v["error"], "invalid_grant");
    assert_eq!(v["suberror"], Value::Null);
    assert_eq!(v["retry_after_secs"], Value::Null);
    assert_eq!(v["codes"][0]["known"], true);
    let (_, text) = explain(&[body], None);
    assert!(
        !text.contains("bob@example.com"),
        "the description is hidden by default: {text}"
    );
    let (_, text) = explain(&["--show-description", body], None);
    assert!(text.contains("bob@example.com"), "{text}");
}

#[test]
fn status_and_headers_from_standard_input() {
    let (code, v) = json(
        &[
            "--json",
            "--status",
            "429",
            "--header",
            "Retry-After: 60",
            "-",
        ],
        Some("Too Many Requests"),
    );
    assert_eq!(code, 0);
    assert_eq!(v["action"], "retry");
    assert_eq!(v["retry_after_secs"], 60);
    assert_eq!(v["decided_by"], "status");
    assert_eq!(v["parse_error"], "not_json");
}

#[test]
fn garbage_exits_2_with_parse_error() {
    for input in ["garbage", "{\"error\":", "<html></html>", "[1]"] {
        let (code, v) = json(&["--json", "--token", input], None);
        assert_eq!(code, 2, "{input}");
        assert!(v["parse_error"].is_string(), "{v}");
        assert!(v["message"].is_string(), "{v}");
    }
    // With --status, an unparseable body is classified from the status alone.
    let (code, v) = json(&["--json", "--status", "400", "garbage"], None);
    assert_eq!(code, 0);
    assert_eq!(v["action"], "abort");
}

#[test]
fn search_names() {
    let (code, out) = explain(&["--search", "redirect"], None);
    assert_eq!(code, 0);
    assert!(out.contains("AADSTS50011"), "{out}");
}

/// Every public sample, fed to `explain --json` the way the labels describe,
/// gives its expected outcome: the same check as tests/fixtures.rs, through
/// the command line.
#[test]
fn every_public_sample_through_the_command_line() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    let read = |name: &str| -> Vec<Value> {
        std::fs::read_to_string(format!("{dir}{name}"))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let samples = read("public-samples.jsonl");
    let labels = read("public-labels.jsonl");
    let mut failures = Vec::new();
    for (sample, label) in samples.iter().zip(&labels) {
        assert_eq!(sample["id"], label["id"]);
        let kind = sample["kind"].as_str().unwrap();
        let headers = sample["headers"].as_object().unwrap();
        let form_post = headers.iter().any(|(name, value)| {
            name.eq_ignore_ascii_case("content-type")
                && value
                    .as_str()
                    .unwrap()
                    .starts_with("application/x-www-form-urlencoded")
        });
        let mut args: Vec<String> = vec!["--json".into()];
        args.push(
            match kind {
                "authorize_redirect" if form_post => "--form-post",
                "authorize_redirect" => "--redirect",
                "www_authenticate" => "--challenge",
                _ => "--token",
            }
            .into(),
        );
        if let Some(status) = sample["http_status"].as_u64() {
            args.extend(["--status".into(), status.to_string()]);
            for (name, value) in headers {
                args.extend([
                    "--header".into(),
                    format!("{name}: {}", value.as_str().unwrap()),
                ]);
            }
        }
        args.push(sample["input"].as_str().unwrap().into());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, out) = explain(&args, None);
        let out: Value = serde_json::from_str(&out).unwrap();
        let got = if code == 2 {
            "parse_error"
        } else {
            out["action"].as_str().unwrap()
        };
        let expect = label["expect"].as_str().unwrap();
        let exact = got == expect
            && (expect == "parse_error" || out["decided_by"] == label["decided_by"])
            && (label["retry_after_secs"].is_null()
                || out["retry_after_secs"] == label["retry_after_secs"]);
        if !exact {
            failures.push(format!("{}: got {got} {}", sample["id"], out["decided_by"]));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(samples.len(), 53);
}

#[test]
fn redirects_detected_checked_and_forced() {
    let (code, v) = json(
        &["--json", "http://localhost/#error=login_required&state=s1"],
        None,
    );
    assert_eq!(code, 0);
    assert_eq!(
        (&v["action"], &v["surface"]),
        (&"reauthenticate".into(), &"authorize".into())
    );

    let forged = "?error=access_denied&state=forged";
    let (code, v) = json(&["--json", "--state", "s1", forged], None);
    assert_eq!(code, 3);
    assert_eq!(v["callback_error"], "state_mismatch");
    let (code, out) = explain(&["--state", "s1", forged], None);
    assert_eq!(code, 3);
    assert!(out.contains("do not act on its error"), "{out}");

    let (code, v) = json(
        &["--json", "--state", "s1", "?error=access_denied&state=s1"],
        None,
    );
    assert_eq!((code, &v["action"]), (0, &"denied".into()));
    let (code, v) = json(
        &[
            "--json",
            "--issuer",
            "https://as.example",
            "?error=access_denied",
        ],
        None,
    );
    assert_eq!((code, &v["callback_error"]), (3, &"issuer_missing".into()));

    let (code, v) = json(
        &[
            "--json",
            "--form-post",
            "error=interaction_required&suberror=basic_action",
        ],
        None,
    );
    assert_eq!((code, &v["decided_by"]), (0, &"suberror".into()));

    let (code, v) = json(
        &["--json", "--redirect", "?error=access_denied&state=%zz"],
        None,
    );
    assert_eq!(
        (code, &v["parse_error"]),
        (2, &"bad_percent_encoding".into())
    );
    // A success is read and checked like an error, and its code never shown.
    let (code, v) = json(&["--json", "--redirect", "?code=abc&state=s"], None);
    assert_eq!((code, &v["callback"]), (0, &"success".into()));
    assert_eq!(
        (&v["code"], &v["state_checked"]),
        (&true.into(), &false.into())
    );
    let (code, out) = explain(&["--state", "s", "?code=c0de-s3cret&state=s"], None);
    assert_eq!(code, 0);
    assert!(out.contains("State:       checked"), "{out}");
    assert!(!out.contains("c0de-s3cret"), "{out}");
    let (code, v) = json(&["--json", "--state", "s1", "?code=abc&state=forged"], None);
    assert_eq!((code, &v["callback_error"]), (3, &"state_mismatch".into()));

    // --issuer alone checks the issuer, and says the state was not checked.
    let iss = "?error=access_denied&state=k8Qz1&iss=https%3A%2F%2Fas.example";
    let (code, v) = json(&["--json", "--issuer", "https://as.example", iss], None);
    assert_eq!((code, &v["action"]), (0, &"denied".into()));
    assert_eq!(
        (&v["state_checked"], &v["issuer_checked"]),
        (&false.into(), &true.into())
    );
    let (code, out) = explain(&["--issuer", "https://as.example", iss], None);
    assert_eq!(code, 0);
    assert!(
        out.contains("State:       not checked; issuer: checked"),
        "{out}"
    );

    // --issuer-if-present, for servers that do not advertise RFC 9207
    // support (Entra ID): a callback without `iss` passes and says so, a
    // present one must match; --issuer requires it.
    let issuer = "https://as.example";
    let bare_error = "?error=access_denied&state=k8Qz1";
    let (code, v) = json(&["--json", "--issuer-if-present", issuer, bare_error], None);
    assert_eq!((code, &v["action"]), (0, &"denied".into()));
    assert_eq!(
        (&v["state_checked"], &v["issuer_checked"]),
        (&false.into(), &false.into())
    );
    let (code, out) = explain(
        &[
            "--state",
            "k8Qz1",
            "--issuer-if-present",
            issuer,
            bare_error,
        ],
        None,
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("State:       checked; issuer: no iss (not required)"),
        "{out}"
    );
    let (code, v) = json(&["--json", "--issuer-if-present", issuer, iss], None);
    assert_eq!((code, &v["issuer_checked"]), (0, &true.into()));
    let bare_success = "?code=c0de-s3cret&state=k8Qz1";
    let (code, v) = json(
        &[
            "--json",
            "--state",
            "k8Qz1",
            "--issuer-if-present",
            issuer,
            bare_success,
        ],
        None,
    );
    assert_eq!((code, &v["callback"]), (0, &"success".into()));
    assert_eq!(
        (&v["state_checked"], &v["issuer_checked"]),
        (&true.into(), &false.into())
    );
    let (code, v) = json(&["--json", "--issuer", issuer, bare_success], None);
    assert_eq!((code, &v["callback_error"]), (3, &"issuer_missing".into()));
    for wrong in [
        "?code=c0de&state=k8Qz1&iss=https%3A%2F%2Fevil.example",
        "?error=access_denied&state=k8Qz1&iss=https%3A%2F%2Fas.example%2F",
    ] {
        for flag in ["--issuer", "--issuer-if-present"] {
            let (code, v) = json(&["--json", flag, issuer, wrong], None);
            assert_eq!(
                (code, &v["callback_error"]),
                (3, &"issuer_mismatch".into()),
                "{flag} {wrong}"
            );
        }
    }
    let (code, out) = explain(&["--issuer-if-present", issuer, wrong_iss()], None);
    assert_eq!(code, 3);
    assert!(out.contains("do not act on its error"), "{out}");
    // One of the two, not both.
    let (code, _) = explain(
        &[
            "--issuer",
            issuer,
            "--issuer-if-present",
            issuer,
            bare_error,
        ],
        None,
    );
    assert_eq!(code, 64);
    // No parameters at all is its own parse error.
    let (code, v) = json(&["--json", "--redirect", "https://app.example/cb"], None);
    assert_eq!((code, &v["parse_error"]), (2, &"no_parameters".into()));

    // A response with both a code and an error is refused.
    let (code, v) = json(&["--json", "?code=abc&error=access_denied&state=s"], None);
    assert_eq!((code, &v["parse_error"]), (2, &"code_with_error".into()));
}

/// An error callback from another server: a mix-up.
fn wrong_iss() -> &'static str {
    "?error=access_denied&state=k8Qz1&iss=https%3A%2F%2Fevil.example"
}

#[test]
fn challenges_detected_with_and_without_status() {
    let (code, v) = json(
        &["--json", r#"Bearer realm="", error="invalid_token""#],
        None,
    );
    assert_eq!(code, 0);
    assert_eq!(
        (&v["action"], &v["surface"]),
        (&"renew".into(), &"resource".into())
    );
    assert_eq!(v["status"], Value::Null);

    let nonce = r#"DPoP error="use_dpop_nonce", algs="ES256""#;
    let (code, v) = json(
        &[
            "--json",
            "--status",
            "401",
            "--header",
            "DPoP-Nonce: n-1",
            nonce,
        ],
        None,
    );
    assert_eq!((code, &v["action"]), (0, &"retry_with_nonce".into()));

    let broken = r#"Bearer error="unterminated"#;
    let (code, v) = json(&["--json", "--challenge", broken], None);
    assert_eq!((code, &v["parse_error"]), (2, &"invalid_challenge".into()));
    let (code, v) = json(&["--json", "--challenge", "--status", "401", broken], None);
    assert_eq!((code, &v["action"]), (0, &"abort".into()));
    assert_eq!(v["parse_error"], "invalid_challenge");

    let (_, out) = explain(
        &[r#"Bearer error="insufficient_user_authentication", acr_values="myACR", max_age=5"#],
        None,
    );
    assert!(out.contains("acr_values:  myACR"), "{out}");
    let (_, v) = json(
        &[
            "--json",
            "--show-description",
            "--status",
            "401",
            r#"Bearer error="invalid_token", error_description="The token expired""#,
        ],
        None,
    );
    assert_eq!(v["description"], "The token expired");
    assert!(out.contains("max_age:     5"), "{out}");
}

/// Hostile input gets an answer: exit 0 (classified) or 2 (parse_error),
/// never a crash, a hang or an unbounded allocation.
#[test]
fn hostile_input_exits_0_or_2() {
    let megabyte_json = format!(
        r#"{{"error":"invalid_grant","x":"{}"}}"#,
        "a".repeat(1 << 20)
    );
    let nested = format!(
        r#"{{"error":"x","y":{}1{}}}"#,
        "[".repeat(20_000),
        "]".repeat(20_000)
    );
    let many_params: String = (0..1000).map(|i| format!("&p{i}=v")).collect();
    let many_params = format!("?error=access_denied{many_params}");
    let many_challenges = "Bearer, ".repeat(1000);
    let cases: Vec<(Vec<&str>, &str, i32, &str)> = vec![
        (vec!["--json", "-"], &megabyte_json, 2, "too_large"),
        (vec!["--json", "-"], &nested, 2, "too_deep"),
        (
            vec!["--json", "--redirect", "-"],
            &many_params,
            2,
            "too_many",
        ),
        (
            vec!["--json", "--challenge", "-"],
            &many_challenges,
            2,
            "too_many",
        ),
        (
            vec!["--json", "-"],
            "\u{0}\u{1}\u{fffd}",
            2,
            "not_recognized",
        ),
        (
            vec!["--json", "--status", "400", "-"],
            &megabyte_json,
            0,
            "too_large",
        ),
        (
            vec!["--json", "--status", "401", "--challenge", "-"],
            &many_challenges,
            0,
            "too_many",
        ),
    ];
    for (args, input, code, kind) in cases {
        let (got, v) = json(&args, Some(input));
        assert_eq!(got, code, "{args:?}");
        assert_eq!(v["parse_error"], kind, "{args:?}");
    }
    let (code, v) = json(
        &[
            "--json",
            "--status",
            "503",
            "--header",
            "Retry-After: 99999999999999999999999999",
            "-",
        ],
        Some("<html>busy</html>"),
    );
    assert_eq!((code, &v["retry_after_secs"]), (0, &3600.into()));
}

#[test]
fn other_providers_form_bodies_and_the_provider_hint() {
    // GitHub's form-encoded answer, forced as a token body, with and without a status.
    let github = "error=incorrect_client_credentials&error_description=x&error_uri=https%3A%2F%2Fdocs.example";
    for args in [
        &["--json", "--token", github][..],
        &["--json", "--status", "200", "--token", github][..],
    ] {
        let (code, v) = json(args, None);
        assert_eq!(code, 0, "{args:?}");
        assert_eq!(v["action"], "fix_credentials", "{args:?}");
        assert_eq!(v["error"], "incorrect_client_credentials");
    }
    // The interval of GitHub's slow_down.
    let (_, v) = json(&["--json", "--token", "error=slow_down&interval=10"], None);
    assert_eq!(
        (v["action"].as_str(), v["poll_interval_secs"].as_u64()),
        (Some("slow_down"), Some(10))
    );
    // Auth0's step-up: the MFA token is a credential and is never printed.
    let mfa = r#"{"error":"mfa_required","error_description":"Multifactor authentication required","mfa_token":"Fe26.2*secret"}"#;
    let (_, v) = json(&["--json", "--status", "403", mfa], None);
    assert_eq!(
        (v["action"].as_str(), v["step_up"]["mfa_token"].as_bool()),
        (Some("step_up"), Some(true))
    );
    for args in [
        &["--json", mfa][..],
        &[mfa][..],
        &["--show-description", mfa][..],
    ] {
        let (_, out) = explain(args, None);
        assert!(!out.contains("Fe26.2"), "{out}");
    }
    // The provider hint.
    let body = r#"{"error":"unauthorized_client","error_description":"Invalid client or Invalid client credentials"}"#;
    let (_, v) = json(&["--json", "--status", "401", body], None);
    assert_eq!(v["action"], "fix_config");
    let (_, v) = json(
        &["--json", "--status", "401", "--provider", "keycloak", body],
        None,
    );
    assert_eq!(
        (v["action"].as_str(), v["decided_by"].as_str()),
        (Some("fix_credentials"), Some("provider"))
    );
    let (code, _) = explain(&["--provider", "no-such-server", body], None);
    assert_eq!(code, 64);
    // The description never decides: the same answer whatever it says.
    let quiet = r#"{"error":"unauthorized_client"}"#;
    let (_, a) = json(
        &["--json", "--status", "401", "--provider", "keycloak", quiet],
        None,
    );
    let (_, b) = json(
        &["--json", "--status", "401", "--provider", "keycloak", body],
        None,
    );
    assert_eq!(a, b);
    // A REST API's error shape, and one that cannot be read.
    let google = r#"{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}}"#;
    let (_, v) = json(&["--json", "--status", "401", google], None);
    assert_eq!(
        (v["action"].as_str(), v["api_code"].as_str()),
        (Some("renew"), Some("UNAUTHENTICATED"))
    );
    let (code, v) = json(
        &[
            "--json",
            r#"{"__type":"NotAuthorizedException","message":"x"}"#,
        ],
        None,
    );
    assert_eq!(
        (code, v["parse_error"].as_str()),
        (2, Some("unsupported_shape"))
    );
}

/// What an admin pastes: a sign-in page's text, a symbolic name, header
/// lines, a whole response, a form_post page.
#[test]
fn paste_anything() {
    // A sign-in page's text: a lookup from text, with the ids it shows.
    let page = "Sign in\nSorry, but we're having trouble signing you in.\n\nAADSTS50011: The redirect URI 'https://app.example/cb' specified in the request does not match the redirect URIs configured for the application '0b1c6e2a-0000-4a51-9c8e-5d2f4b7a1e00'.\n\nTroubleshooting details\nRequest Id: 5d8f1a7c-3e42-4b9a-8c61-f0a2d4e6b8c0\nCorrelation Id: 6e94ade5-10de-4d67-909a-14d845813500\nTimestamp: 2024-05-02T11:42:13.000Z\nMessage: AADSTS50011 again\n";
    let (code, out) = explain(&["-"], Some(page));
    assert_eq!(code, 0);
    assert!(
        out.contains("Lookup from text: 1 AADSTS code found"),
        "{out}"
    );
    assert!(
        out.contains("not the classification of a response"),
        "{out}"
    );
    assert!(out.contains("AADSTS50011 InvalidReplyTo"), "{out}");
    assert!(
        out.contains("5d8f1a7c-3e42-4b9a-8c61-f0a2d4e6b8c0"),
        "{out}"
    );
    let (code, v) = json(&["--json", "-"], Some(page));
    assert_eq!(code, 0);
    assert_eq!(v["lookup"], "text");
    assert_eq!(v["action"], Value::Null);
    assert_eq!(v["codes"][0]["code"], 50011);
    assert_eq!(v["codes"][0]["action"], "fix_config");
    assert_eq!(v["request_id"], "5d8f1a7c-3e42-4b9a-8c61-f0a2d4e6b8c0");
    assert_eq!(v["correlation_id"], "6e94ade5-10de-4d67-909a-14d845813500");
    assert_eq!(v["timestamp"], "2024-05-02T11:42:13.000Z");
    // An MSAL exception message with two codes.
    let msal = "MsalUiRequiredException: AADSTS50076: Due to a configuration change made by your administrator... Trace ID: 0f4c2bd2-5a31-4a8c-9f7e-2d1b6f0e7a11 Correlation ID: 1740feb8-b33a-4c08-a6ee-ab5cfc5a18c4 (inner: AADSTS50079)";
    let (_, v) = json(&["--json", msal], None);
    let codes: Vec<u64> = v["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_u64().unwrap())
        .collect();
    assert_eq!(codes, [50076, 50079]);
    assert_eq!(v["trace_id"], "0f4c2bd2-5a31-4a8c-9f7e-2d1b6f0e7a11");

    // A bare symbolic name, any case.
    for name in ["InvalidReplyTo", "invalidreplyto"] {
        let (code, v) = json(&["--json", name], None);
        assert_eq!(
            (code, v["codes"][0]["code"].as_u64()),
            (0, Some(50011)),
            "{name}"
        );
    }

    // Header lines with their names, one or two.
    let (_, v) = json(
        &[
            "--json",
            r#"WWW-Authenticate: Bearer error="invalid_token""#,
        ],
        None,
    );
    assert_eq!(
        (v["action"].as_str(), v["surface"].as_str()),
        (Some("renew"), Some("resource"))
    );
    let two = "WWW-Authenticate: DPoP error=\"use_dpop_nonce\", algs=\"ES256\"\r\nDPoP-Nonce: eyJ7S_zG.eyJH0-Z.HX4w-7v\r\n";
    let (_, v) = json(&["--json", "-"], Some(two));
    assert_eq!(v["action"], "retry_with_nonce");
    // Forced as a challenge, the header name is dropped too.
    let (_, v) = json(
        &[
            "--json",
            "--challenge",
            r#"WWW-Authenticate: Bearer error="insufficient_scope""#,
        ],
        None,
    );
    assert_eq!(v["action"], "consent");

    // A whole response from `curl -i` (CRLF) and from a browser (LF, HTTP/2).
    let curl = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 429 Too Many Requests\r\nDate: Thu, 02 May 2024 11:42:13 GMT\r\nRetry-After: 30\r\nContent-Type: application/json; charset=utf-8\r\n\r\n{\"error\":\"temporarily_unavailable\",\"error_description\":\"AADSTS50196: loop\",\"error_codes\":[50196]}";
    let (_, v) = json(&["--json", "-"], Some(curl));
    assert_eq!(
        (
            v["action"].as_str(),
            v["status"].as_u64(),
            v["retry_after_secs"].as_u64()
        ),
        (Some("retry"), Some(429), Some(30))
    );
    let browser = "HTTP/2 401\nwww-authenticate: Bearer realm=\"\", error=\"insufficient_claims\", claims=\"eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZX19fQ==\"\ncontent-length: 0\n\n";
    let (_, v) = json(&["--json", "-"], Some(browser));
    assert_eq!(v["action"], "step_up");
    // A GitHub answer: 200, form-encoded.
    let github = "HTTP/1.1 200 OK\r\nContent-Type: application/x-www-form-urlencoded; charset=utf-8\r\n\r\nerror=bad_verification_code&error_description=The+code+passed+is+incorrect+or+expired.";
    let (_, v) = json(&["--json", "-"], Some(github));
    assert_eq!(
        (v["action"].as_str(), v["error"].as_str()),
        (Some("reauthenticate"), Some("bad_verification_code"))
    );
    // A redirect response, and a pasted Location header: the callback each carries.
    let found = "HTTP/1.1 302 Found\nLocation: https://app.example/cb?error=access_denied&error_description=AADSTS65004&state=s1\n\n";
    let (code, v) = json(&["--json", "--state", "s1", "-"], Some(found));
    assert_eq!(
        (code, v["action"].as_str(), v["state_checked"].as_bool()),
        (0, Some("denied"), Some(true))
    );
    let (code, v) = json(
        &[
            "--json",
            "--state",
            "other",
            "Location: https://app.example/cb?error=access_denied&state=s1",
        ],
        None,
    );
    assert_eq!(
        (code, v["callback_error"].as_str()),
        (3, Some("state_mismatch"))
    );
    // A broken status line is a clear error.
    let (code, v) = json(&["--json", "HTTP/1.1 abc\n\n"], None);
    assert_eq!(
        (code, v["parse_error"].as_str()),
        (2, Some("bad_http_message"))
    );

    // The form_post page, auto-detected or given to --form-post: its hidden inputs, entities decoded.
    let form_page = r#"<html><head><title>Working...</title></head><body><form method="POST" name="hiddenform" action="https://app.example/signin-oidc"><input type="hidden" name="error" value="login_required" /><input type="hidden" name="error_description" value="AADSTS50058: A silent sign-in request was sent but no user is signed in.&#13;&#10;Trace ID: x" /><input type="hidden" name="state" value="OpenIdConnect.AuthenticationProperties=a&amp;b" /><noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit" /></noscript></form><script language="javascript">window.setTimeout('document.forms[0].submit()', 0);</script></body></html>"#;
    for args in [
        &[
            "--json",
            "--state",
            "OpenIdConnect.AuthenticationProperties=a&b",
            "-",
        ][..],
        &[
            "--json",
            "--form-post",
            "--state",
            "OpenIdConnect.AuthenticationProperties=a&b",
            "-",
        ][..],
    ] {
        let (code, v) = json(args, Some(form_page));
        assert_eq!(
            (code, v["action"].as_str(), v["error"].as_str()),
            (0, Some("reauthenticate"), Some("login_required")),
            "{args:?}"
        );
        assert_eq!(v["state_checked"], true);
    }
    // Text with no code and nothing else readable is an error that says so.
    let (code, v) = json(&["--json", "hello there"], None);
    assert_eq!(
        (code, v["parse_error"].as_str()),
        (2, Some("not_recognized"))
    );
    // Forced as a token body, it is what the body parser says.
    let (code, v) = json(&["--json", "--token", "hello there"], None);
    assert_eq!((code, v["parse_error"].as_str()), (2, Some("not_json")));
}

/// Nothing pasted decides by its description: the same response with
/// another description gives the same answer.
#[test]
fn pasted_descriptions_never_decide() {
    let response = |description: &str| {
        format!("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\r\n{{\"error\":\"invalid_grant\",\"error_description\":\"{description}\",\"error_codes\":[50126]}}")
    };
    let (_, a) = json(
        &["--json", "-"],
        Some(&response("AADSTS50126: wrong password")),
    );
    let (_, b) = json(
        &["--json", "-"],
        Some(&response("AADSTS7000215: please retry renew")),
    );
    assert_eq!(a, b);
}

/// Entra's `Trace ID`, `Correlation ID` and `Timestamp` lines in a callback's description are
/// shown, labelled as read from it, and kept apart (`ids_in_description`): the classification's
/// own `trace_id`, `correlation_id` and `timestamp` stay null and the action is the same
/// without the description. Only a GUID or an ISO-like timestamp is shown.
#[test]
fn ids_in_a_callback_description_are_shown_never_deciding() {
    let samples = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/public-samples.jsonl"
    ))
    .unwrap();
    let sample: Value = samples
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|v| v["id"] == "s035")
        .unwrap();
    let url = sample["input"].as_str().unwrap();
    let (code, v) = json(&["--json", "--redirect", url], None);
    assert_eq!(code, 0, "{v}");
    assert_eq!(
        v["ids_in_description"],
        serde_json::json!({
            "trace_id": "400f7474-a075-4e95-bdec-0b558554a90c",
            "correlation_id": "0bffffde-0199-491b-a4db-516eaefcf642",
            "timestamp": "2016-11-08 18:00:51Z",
        })
    );
    for name in ["trace_id", "correlation_id", "timestamp"] {
        assert_eq!(v[name], Value::Null, "{name}: {v}");
    }
    // The same callback without its description: the same answer, the ids and the lookup aside.
    let start = url.find("&error_description=").unwrap();
    let end = start + 1 + url[start + 1..].find('&').unwrap();
    let without = format!("{}{}", &url[..start], &url[end..]);
    let (_, w) = json(&["--json", "--redirect", &without], None);
    assert_eq!(w.get("ids_in_description"), None, "{w}");
    let mut aside = v.clone();
    for name in ["ids_in_description", "lookup_in_description"] {
        aside.as_object_mut().unwrap().remove(name);
    }
    assert_eq!(aside, w);
    // A batch line says the same.
    let (_, out) = explain(&["--batch", "-", "--json"], Some(url));
    let row: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(row["ids_in_description"], v["ids_in_description"], "{row}");

    // Text: without --show-description, labelled, and no other word of the description.
    let (_, text) = explain(&["--redirect", url], None);
    for line in [
        "Trace ID:    400f7474-a075-4e95-bdec-0b558554a90c (read from the description; decides nothing)\n",
        "Correlation: 0bffffde-0199-491b-a4db-516eaefcf642 (read from the description; decides nothing)\n",
        "Timestamp:   2016-11-08 18:00:51Z (read from the description; decides nothing)\n",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }
    assert!(!text.contains("cookies"), "{text}");
    let (_, plain) = explain(&["--redirect", &without], None);
    assert!(!plain.contains("read from the description"), "{plain}");
    assert_eq!(text.lines().next(), plain.lines().next(), "the same action");

    // A form_post page: the same.
    let page = "<html><body><form method=\"POST\" action=\"https://app.example/cb\">\
        <input type=\"hidden\" name=\"error\" value=\"access_denied\"/>\
        <input type=\"hidden\" name=\"error_description\" value=\"AADSTS65004: User declined to consent.&#13;&#10;Trace ID: 7c839d05-4806-48f2-ba40-bf4128382500&#13;&#10;Correlation ID: b94f5bce-b15e-48c6-a713-fc07c5c41a77&#13;&#10;Timestamp: 2023-08-28 11:25:19Z\"/>\
        <input type=\"hidden\" name=\"state\" value=\"s1\"/></form></body></html>";
    let (code, v) = json(&["--json", "--form-post", "--state", "s1", page], None);
    assert_eq!(code, 0, "{v}");
    assert_eq!(
        v["ids_in_description"]["trace_id"], "7c839d05-4806-48f2-ba40-bf4128382500",
        "{v}"
    );
    assert_eq!(
        v["ids_in_description"]["timestamp"], "2023-08-28 11:25:19Z",
        "{v}"
    );
    assert_eq!(v["trace_id"], Value::Null, "{v}");

    // Values that do not look like ids are ignored, one by one.
    let (_, v) = json(
        &[
            "--json",
            "https://app.example/cb?error=access_denied&error_description=Trace+ID%3a+redacted%0d%0aCorrelation+ID%3a+b94f5bce-b15e-48c6-a713-fc07c5c41a77%0d%0aTimestamp%3a+****&state=s",
        ],
        None,
    );
    assert_eq!(
        v["ids_in_description"],
        serde_json::json!({
            "trace_id": null,
            "correlation_id": "b94f5bce-b15e-48c6-a713-fc07c5c41a77",
            "timestamp": null,
        })
    );
    let (_, v) = json(
        &[
            "--json",
            "https://app.example/cb?error=access_denied&error_description=Trace+ID%3a+1234%0d%0aTimestamp%3a+2016-1-8+rm+-rf&state=s",
        ],
        None,
    );
    assert_eq!(v.get("ids_in_description"), None, "{v}");
}

#[test]
fn batch_lines_json_and_summary() {
    let lines = [
        r#"{"error":"invalid_grant","error_codes":[700082]}"#,
        "AADSTS50011",
        "InvalidReplyTo",
        r#"{"status":429,"headers":{"Retry-After":"30"},"body":""}"#,
        r#"{"status":401,"headers":{"WWW-Authenticate":["Bearer error=\"invalid_token\""]}}"#,
        // Has `status` but also `error`: an error body, not an envelope.
        r#"{"status":400,"error":"invalid_request"}"#,
        "https://app.example/cb?error=access_denied&state=s1",
        r#"WWW-Authenticate: Bearer error="insufficient_scope""#,
        r#"Bearer error="invalid_token""#,
        "Sorry, we hit AADSTS50076 while signing you in",
        "",
        "{truncated",
        "error=bad_verification_code&error_description=x",
        r#"{"status":"x","body":""}"#,
    ]
    .join("\n");
    let (code, out) = explain(&["--batch", "-", "--json"], Some(&lines));
    assert_eq!(code, 2, "some lines cannot be read");
    let rows: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 13, "the blank line is skipped: {out}");
    let action = |i: usize| rows[i]["action"].as_str().map(str::to_owned);
    assert_eq!(rows[0]["line"], 1);
    assert_eq!(action(0).as_deref(), Some("reauthenticate"));
    assert_eq!(
        (action(1).as_deref(), rows[1]["codes"][0]["code"].as_u64()),
        (Some("fix_config"), Some(50011))
    );
    assert_eq!(rows[2]["codes"][0]["code"], 50011);
    assert_eq!(
        (action(3).as_deref(), rows[3]["retry_after_secs"].as_u64()),
        (Some("retry"), Some(30))
    );
    assert_eq!(action(4).as_deref(), Some("renew"));
    assert_eq!(action(5).as_deref(), Some("fix_request"));
    assert_eq!(action(6).as_deref(), Some("denied"));
    assert_eq!(action(7).as_deref(), Some("consent"));
    assert_eq!(action(8).as_deref(), Some("renew"));
    assert_eq!(
        (
            rows[9]["lookup"].as_str(),
            rows[9]["codes"][0]["code"].as_u64()
        ),
        (Some("text"), Some(50076))
    );
    assert_eq!(
        (rows[10]["line"].as_u64(), rows[10]["parse_error"].as_str()),
        (Some(12), Some("invalid_json"))
    );
    assert_eq!(action(11).as_deref(), Some("reauthenticate"));
    assert_eq!(
        (rows[12]["line"].as_u64(), rows[12]["parse_error"].as_str()),
        (Some(14), Some("bad_envelope"))
    );

    // Text, one line each; a file as well as standard input.
    let file = std::env::temp_dir().join(format!("explain-batch-{}.txt", std::process::id()));
    std::fs::write(&file, &lines).unwrap();
    let (code, out) = explain(&["--batch", file.to_str().unwrap()], None);
    std::fs::remove_file(&file).unwrap();
    assert_eq!(code, 2);
    assert!(
        out.starts_with("1: reauthenticate; decided by catalog:700082"),
        "{out}"
    );
    assert!(out.contains("\n12: cannot read: "), "{out}");

    // The summary: counts by action, who acts and code.
    let (code, v) = json(&["--batch", "-", "--summary", "--json"], Some(&lines));
    assert_eq!(
        (code, v["lines"].as_u64(), v["unreadable"].as_u64()),
        (2, Some(13), Some(2))
    );
    let count = |list: &str, name: &str| {
        v[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == name)
            .and_then(|e| e["count"].as_u64())
    };
    assert_eq!(count("actions", "renew"), Some(2));
    assert_eq!(count("parties", "user"), Some(4));
    assert_eq!(v["codes"][0]["code"], 50011);
    assert_eq!(v["codes"][0]["count"], 2);
    let (_, out) = explain(&["--batch", "-", "--summary"], Some(&lines));
    assert!(
        out.starts_with("13 lines: 11 read, 2 not readable"),
        "{out}"
    );

    // Every line read: exit 0. An unreadable file: exit 2 and a clear message.
    let (code, _) = explain(
        &["--batch", "-"],
        Some("AADSTS50011\n{\"error\":\"invalid_client\"}\n"),
    );
    assert_eq!(code, 0);
    let (code, v) = json(&["--batch", "no/such/file.txt", "--json"], None);
    assert_eq!(
        (code, v["parse_error"].as_str()),
        (2, Some("unreadable_file"))
    );
    // Binary input never stops the run.
    let binary = String::from_utf8_lossy(&[0u8, 159, 146, 150, 10, 255, 10, 65]).into_owned();
    let (code, out) = explain(&["--batch", "-", "--json"], Some(&binary));
    assert_eq!(code, 2);
    assert_eq!(out.lines().count(), 3, "{out}");
    // Usage errors.
    assert_eq!(explain(&["--summary", "AADSTS50011"], None).0, 64);
    assert_eq!(explain(&["--batch", "-", "AADSTS50011"], None).0, 64);
}

/// A form body with a status or headers around it is a token body.
#[test]
fn form_body_with_a_status_is_a_token_body() {
    let (code, v) = json(
        &[
            "--json",
            "--status",
            "200",
            "--header",
            "Content-Type: application/x-www-form-urlencoded",
            "error=bad_verification_code&error_description=x",
        ],
        None,
    );
    assert_eq!(
        (code, v["action"].as_str(), v["surface"].as_str()),
        (0, Some("reauthenticate"), Some("token"))
    );
    let (code, _) = explain(&["--provider", "keycloack", "AADSTS50011"], None);
    assert_eq!(code, 64);
}

/// What an admin met on a first try: a closed pipe or a full disk, the
/// Conditional Access page's `Error code:`, an `error` value alone, empty
/// and conflicting input, UTF-16 text, terminal control codes.
#[test]
fn first_try_findings() {
    use std::process::{Command, Stdio};

    // A full disk is reported with status 74, never a panic or a silent success.
    if std::path::Path::new("/dev/full").exists() {
        for args in [
            &["--search", "a"][..],
            &["50011"][..],
            &["--export", "csv"][..],
            &[
                "--sign-in-logs",
                "tests/fixtures/sign-in-logs/graph-signins.json",
            ][..],
        ] {
            let out = Command::new(common::explain_path())
                .args(args)
                .stdin(Stdio::null())
                .stdout(std::fs::File::create("/dev/full").unwrap())
                .stderr(Stdio::piped())
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(74), "{args:?}: {stderr}");
            assert!(
                stderr.contains("cannot write the output") && !stderr.contains("panicked"),
                "{stderr}"
            );
        }
    }
    // A reader that goes away early ends the program quietly.
    let mut child = Command::new(common::explain_path())
        .args(["--search", "a"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    assert_eq!(out.status.code(), Some(0));

    // The Conditional Access block page shows `Error code: 53003`, no AADSTS.
    let page = "You cannot access this right now\nTroubleshooting details\nError code: 53003\nRequest Id: 0b1c6e2a-7f3d-4a51-9c8e-5d2f4b7a1e00\n";
    let (code, v) = json(&["--json", "-"], Some(page));
    assert_eq!((code, v["codes"][0]["code"].as_u64()), (0, Some(53003)));
    // An OAuth `error` value alone, as error pages show it.
    let (code, v) = json(&["--json", "invalid_client"], None);
    assert_eq!(
        (code, v["action"].as_str(), v["error"].as_str()),
        (0, Some("fix_credentials"), Some("invalid_client"))
    );
    // Empty lookups fail; 0 is a success; conflicting options are usage errors.
    assert_eq!(explain(&["--lookup", ""], None).0, 2);
    assert_eq!(explain(&["--lookup", "-"], Some("")).0, 2);
    let (code, out) = explain(&["0"], None);
    assert!(code == 0 && out.contains("successful sign-in"), "{out}");
    assert_eq!(
        explain(&["--batch", "-", "--sign-in-logs", "x.json"], Some("")).0,
        64
    );
    assert_eq!(explain(&["--lookup", "--token", "50011"], None).0, 64);
    // Text saved by Windows PowerShell 5.1 (UTF-16LE with a byte order mark).
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Error: AADSTS700016 in the app\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let mut child = Command::new(common::explain_path())
        .args(["--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&utf16).unwrap();
    let out = child.wait_with_output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["codes"][0]["code"], 700016);
    // Terminal control codes in a description are shown escaped.
    let (_, out) = explain(
        &[
            "--show-description",
            r#"{"error":"invalid_grant","error_description":"\u001b]0;pwned\u0007 x"}"#,
        ],
        None,
    );
    assert!(
        !out.contains('\u{1b}') && out.contains("\\u{1b}"),
        "{out:?}"
    );
}

#[test]
fn surface_names_the_endpoint_for_any_input() {
    let challenge = r#"WWW-Authenticate: Bearer error="invalid_token""#;
    let body = r#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215]}"#;
    // A token endpoint's 401: the body decides, the challenge is kept.
    let (code, v) = json(
        &[
            "--json",
            "--surface",
            "token",
            "--status",
            "401",
            "--header",
            challenge,
            body,
        ],
        None,
    );
    assert_eq!(code, 0);
    assert_eq!(
        (v["action"].as_str(), v["surface"].as_str()),
        (Some("fix_credentials"), Some("token"))
    );
    assert_eq!(
        (v["error"].as_str(), v["other_error"].as_str()),
        (Some("invalid_client"), Some("invalid_token"))
    );
    // A challenge alone at the token endpoint never renews.
    let (_, v) = json(
        &[
            "--json",
            "--surface",
            "token",
            r#"Bearer error="invalid_token""#,
        ],
        None,
    );
    assert_eq!(v["action"].as_str(), Some("abort"));
    let (_, v) = json(&["--json", r#"Bearer error="invalid_token""#], None);
    assert_eq!(v["action"].as_str(), Some("renew"));
    // A resource's body without a challenge, and an error value alone.
    for input in [r#"{"error":"invalid_token"}"#, "invalid_token"] {
        let (_, v) = json(&["--json", "--surface", "resource", input], None);
        assert_eq!(
            (v["action"].as_str(), v["surface"].as_str()),
            (Some("renew"), Some("resource")),
            "{input}"
        );
    }
    // A whole response pasted with its status line.
    let pasted = format!(
        "HTTP/1.1 401 Unauthorized\r\n{challenge}\r\nContent-Type: application/json\r\n\r\n{body}"
    );
    let (_, v) = json(&["--json", "--surface", "token", "-"], Some(&pasted));
    assert_eq!(v["surface"].as_str(), Some("token"));
    assert_eq!(v["other_error"].as_str(), Some("invalid_token"));
}

#[test]
fn surface_contradictions_are_usage_errors() {
    let redirect = "https://app.example/cb?error=access_denied&state=Zx81";
    for args in [
        &["--surface", "token", "--redirect", redirect][..],
        &["--surface", "resource", redirect][..],
        &[
            "--surface",
            "authorize",
            "--challenge",
            r#"Bearer error="invalid_token""#,
        ][..],
        &["--surface", "api", "invalid_token"][..],
        &["--surface", "token", "--batch", "-"][..],
    ] {
        let (code, out) = explain(args, Some(""));
        assert_eq!(code, 64, "{args:?}: {out}");
    }
    // What agrees is read as usual.
    let (code, v) = json(&["--json", "--surface", "authorize", redirect], None);
    assert_eq!((code, v["action"].as_str()), (0, Some("denied")));
}

#[test]
fn delays_under_a_second_round_up_and_keep_their_milliseconds() {
    let (code, v) = json(
        &[
            "--json",
            "--status",
            "429",
            "--header",
            "retry-after-ms: 500",
            r#"{"error":"temporarily_unavailable"}"#,
        ],
        None,
    );
    assert_eq!(code, 0);
    assert_eq!(
        (v["retry_after_secs"].as_u64(), v["retry_after_ms"].as_u64()),
        (Some(1), Some(500))
    );
}

#[test]
fn server_text_cannot_steer_the_terminal() {
    // OSC 52 (write the clipboard), a screen clear, a bidi override, a C1 CSI.
    let body = r#"{"error":"invalid_grant","error_codes":[50076],"trace_id":"\u001b]52;c;SGVsbG8=\u0007","correlation_id":"\u202eevil","suberror":"\u001b[2J","timestamp":"\u009b31m"}"#;
    let (code, out) = explain(&[body], None);
    assert_eq!(code, 0, "{out}");
    for raw in ['\u{1b}', '\u{7}', '\u{202e}', '\u{9b}'] {
        assert!(!out.contains(raw), "{raw:?} in {out:?}");
    }
    assert!(out.contains(r"\u001b]52;c;SGVsbG8=\u0007"), "{out}");
    // JSON stays valid, and carries no raw control either.
    let (code, out) = explain(&["--json", "--show-description", body], None);
    assert_eq!(code, 0);
    assert!(
        !out.contains('\u{202e}') && !out.contains('\u{9b}'),
        "{out:?}"
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["action"], "reauthenticate");
    // --batch lines too.
    let (_, out) = explain(&["--batch", "-"], Some(&format!("{body}\n")));
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202e}'),
        "{out:?}"
    );
}

#[test]
fn a_form_post_page_in_japanese_is_read() {
    let page = "<html><body onload=\"document.forms[0].submit()\"><form method=\"POST\" action=\"https://app.example/cb\">\
        <input type=\"hidden\" name=\"error\" value=\"access_denied\" />\
        <input type=\"hidden\" name=\"error_description\" value=\"AADSTS50105: サインインしたユーザー &#39;jo@contoso.com&#39; はアプリのロールに割り当てられていません。&#xD;&#xA;Trace ID: 1c1d4f5e\" />\
        <input type=\"hidden\" name=\"state\" value=\"s1\" /></form></body></html>";
    let (code, v) = json(&["--json", "-"], Some(page));
    assert_eq!((code, v["action"].as_str()), (0, Some("denied")), "{v}");
    // Batch goes on past it, line by line.
    let lines = format!("{}\nAADSTS50011\n", page.replace('\n', ""));
    let (code, out) = explain(&["--batch", "-"], Some(&lines));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1: ") && out.contains("2: "), "{out}");
    assert!(!out.contains("jo@contoso.com"), "{out}");
}

#[test]
fn codes_in_a_long_text_are_found_once_and_bounded() {
    let text: String = (0..20_000)
        .map(|n| format!("AADSTS{} and AADSTS50011 again. ", 100_000 + n))
        .collect();
    let (code, v) = json(&["--json", "-"], Some(&text));
    assert_eq!(code, 0);
    let codes = v["codes"].as_array().unwrap();
    assert_eq!(codes.len(), 64, "at most 64 codes a text");
    assert_eq!(codes[1]["code"], 50011);
}

#[test]
fn every_common_form_of_a_code_looks_up_the_same_entry() {
    for typed in [
        "AADSTS 50011",
        "AADSTS-50011",
        "aadsts50011",
        "AADSTS50011",
        "50011",
        "InvalidReplyTo",
    ] {
        let (code, v) = json(&["--json", typed], None);
        assert_eq!(code, 0, "{typed}");
        assert_eq!(v["codes"][0]["code"], 50011, "{typed}: {v}");
    }
}

#[test]
fn search_matches_every_word_in_any_order() {
    let (code, out) = explain(&["--search", "URI redirect"], None);
    assert_eq!(code, 0);
    assert!(out.contains("AADSTS50011"), "{out}");
    let (_, reversed) = explain(&["--search", "redirect URI"], None);
    assert_eq!(out, reversed);
    let (_, none) = explain(&["--search", "redirect zzzz-no-such-word"], None);
    assert!(!none.contains("AADSTS50011"), "{none}");
}

/// What an admin copies from a terminal, a browser or PowerShell is read as the whole
/// response: status, headers (`Retry-After` too) and body.
#[test]
fn curl_verbose_devtools_and_powershell_pastes() {
    // `curl -v ... 2>&1`: the request (`> `), curl's notes (`* `, `{ [n bytes data]`), the
    // response (`< `), the body, and curl's last note right after it.
    let curl_v = "\
Note: Unnecessary use of -X or --request, POST is already inferred.
*   Trying 20.190.151.68:443...
* Connected to login.microsoftonline.com (20.190.151.68) port 443
* ALPN: curl offers h2,http/1.1
* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384
> POST /contoso.onmicrosoft.com/oauth2/v2.0/token HTTP/2
> Host: login.microsoftonline.com
> user-agent: curl/8.5.0
> accept: */*
> content-type: application/x-www-form-urlencoded
> content-length: 141
>
} [141 bytes data]
< HTTP/2 429
< cache-control: no-store, no-cache
< content-type: application/json; charset=utf-8
< retry-after: 30
< x-ms-request-id: 5d8f1a7c-3e42-4b9a-8c61-f0a2d4e6b8c0
< date: Thu, 02 May 2024 11:42:13 GMT
<
{ [412 bytes data]
{\"error\":\"temporarily_unavailable\",\"error_description\":\"AADSTS50196: The server terminated an operation because it encountered a client request loop.\",\"error_codes\":[50196]}* Connection #0 to host login.microsoftonline.com left intact
";
    let (code, v) = json(&["--json", "-"], Some(curl_v));
    assert_eq!(code, 0, "{v}");
    assert_eq!(
        (
            v["action"].as_str(),
            v["status"].as_u64(),
            v["retry_after_secs"].as_u64(),
            v["error"].as_str(),
            v["codes"][0]["code"].as_u64()
        ),
        (
            Some("retry"),
            Some(429),
            Some(30),
            Some("temporarily_unavailable"),
            Some(50196)
        )
    );
    let (_, text) = explain(&["-"], Some(curl_v));
    assert!(text.contains("Retry after: 30s"), "{text}");
    // HTTP/1.1 with `100 Continue` first: the last response is read.
    let curl_v11 = "> POST /common/oauth2/v2.0/token HTTP/1.1\r\n> Host: login.microsoftonline.com\r\n> Expect: 100-continue\r\n>\r\n< HTTP/1.1 100 Continue\r\n<\r\n< HTTP/1.1 400 Bad Request\r\n< Content-Type: application/json; charset=utf-8\r\n<\r\n{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70008: expired\",\"error_codes\":[70008]}\r\n* Connection #0 to host login.microsoftonline.com left intact\r\n";
    let (_, v) = json(&["--json", "-"], Some(curl_v11));
    assert_eq!(
        (v["status"].as_u64(), v["codes"][0]["code"].as_u64()),
        (Some(400), Some(70008)),
        "{v}"
    );

    // Chrome's "Copy response headers" for an HTTP/2 response: no status line, any header
    // first; with --status the response is whole.
    let chrome = "cache-control: no-store, no-cache\ncontent-length: 0\ndate: Thu, 02 May 2024 11:42:13 GMT\nretry-after: 12\nstrict-transport-security: max-age=31536000; includeSubDomains\nx-ms-request-id: 0b1c6e2a-7f3d-4a51-9c8e-5d2f4b7a1e00\n";
    let (code, v) = json(&["--json", "--status", "503", "-"], Some(chrome));
    assert_eq!(code, 0, "{v}");
    assert_eq!(
        (v["status"].as_u64(), v["retry_after_secs"].as_u64()),
        (Some(503), Some(12)),
        "{v}"
    );
    // The same with HTTP/2's `:status` pseudo-header, as some copies carry it.
    let (_, v) = json(&["--json", "-"], Some(&format!(":status: 503\n{chrome}")));
    assert_eq!(
        (v["status"].as_u64(), v["retry_after_secs"].as_u64()),
        (Some(503), Some(12)),
        "{v}"
    );
    // Firefox's raw response headers and the response body pasted after them.
    let firefox = "HTTP/2 401 \nwww-authenticate: Bearer authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", error=\"invalid_token\", error_description=\"Token expired\"\ncontent-type: application/json; charset=utf-8\ndate: Thu, 02 May 2024 11:42:13 GMT\n\n{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Lifetime validation failed, the token is expired.\"}}";
    let (_, v) = json(&["--json", "-"], Some(firefox));
    assert_eq!(
        (v["action"].as_str(), v["status"].as_u64()),
        (Some("renew"), Some(401)),
        "{v}"
    );

    // PowerShell 7: the status in the message, or the body.
    let pwsh = "Invoke-WebRequest: Response status code does not indicate success: 429 (Too Many Requests).";
    let (_, v) = json(&["--json", "--header", "Retry-After: 5", pwsh], None);
    assert_eq!(
        (
            v["action"].as_str(),
            v["status"].as_u64(),
            v["retry_after_secs"].as_u64()
        ),
        (Some("retry"), Some(429), Some(5)),
        "{v}"
    );
    let pwsh_body = "Invoke-RestMethod: {\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\",\"error_codes\":[7000215],\"timestamp\":\"2024-05-02 11:42:13Z\"}";
    let (_, v) = json(&["--json", pwsh_body], None);
    assert_eq!(
        (v["error"].as_str(), v["codes"][0]["code"].as_u64()),
        (Some("invalid_client"), Some(7000215)),
        "{v}"
    );
    // Windows PowerShell 5.1: the body, then where it failed.
    let ps51 = "Invoke-WebRequest : {\"error\":\"invalid_grant\",\"error_description\":\"AADSTS50126: Error validating credentials.\",\"error_codes\":[50126]}\r\nAt line:1 char:1\r\n+ Invoke-WebRequest -Method Post -Uri $tokenUrl -Body $form\r\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\r\n    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-WebRequest], WebException\r\n    + FullyQualifiedErrorId : WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand\r\n";
    let (_, v) = json(&["--json", "-"], Some(ps51));
    assert_eq!(
        (v["action"].as_str(), v["codes"][0]["code"].as_u64()),
        (Some("reauthenticate"), Some(50126)),
        "{v}"
    );
    let ps51_status = "Invoke-WebRequest : The remote server returned an error: (400) Bad Request.\r\nAt line:1 char:1\r\n";
    let (_, v) = json(&["--json", "-"], Some(ps51_status));
    assert_eq!(v["status"].as_u64(), Some(400), "{v}");
}

/// Every success is `action: success` with `decided_by`: a token body without a status, a
/// successful callback, a 2xx.
#[test]
fn every_success_is_action_success() {
    for (args, decided_by) in [
        (
            vec![
                "--json",
                r#"{"access_token":"x","token_type":"Bearer","expires_in":3599}"#,
            ],
            "success_body",
        ),
        (
            vec!["--json", "https://app.example/cb?code=abc&state=s1"],
            "success_callback",
        ),
        (
            vec!["--json", "--status", "200", r#"{"access_token":"x"}"#],
            "status",
        ),
    ] {
        let (code, v) = json(&args, None);
        assert_eq!(code, 0, "{args:?}: {v}");
        assert_eq!(
            (v["action"].as_str(), v["decided_by"].as_str()),
            (Some("success"), Some(decided_by)),
            "{args:?}: {v}"
        );
        assert!(!v.to_string().contains("abc"), "never the code: {v}");
    }
    let (code, text) = explain(&[r#"{"access_token":"x"}"#], None);
    assert_eq!(code, 0);
    assert!(text.starts_with("Action:      success"), "{text}");
}

/// A form_post page whose only AADSTS code is in its description: the code is looked up,
/// and the action is the one the `error` value gives (the description decides nothing).
#[test]
fn a_form_post_description_code_is_a_lookup() {
    let page = |description: &str| {
        format!(
            r#"<html><body onload="document.forms[0].submit()"><form method="POST" action="https://app.example/signin-oidc"><input type="hidden" name="error" value="access_denied" /><input type="hidden" name="error_description" value="{description}" /><input type="hidden" name="state" value="s1" /></form></body></html>"#
        )
    };
    let (code, v) = json(
        &["--json", "--state", "s1", "-"],
        Some(&page(
            "AADSTS65004: User declined to consent to access the app.",
        )),
    );
    assert_eq!(code, 0, "{v}");
    let (_, plain) = json(
        &["--json", "--state", "s1", "-"],
        Some(&page("The user declined.")),
    );
    assert_eq!(
        v["action"], plain["action"],
        "the description decides nothing"
    );
    assert_eq!(v["decided_by"], plain["decided_by"]);
    assert_eq!(v["codes"], serde_json::json!([]), "no code is classified");
    assert_eq!(v["lookup_in_description"]["lookup"], "text");
    assert_eq!(v["lookup_in_description"]["codes"][0]["code"], 65004);
    assert_eq!(plain.get("lookup_in_description"), None);
    let (_, text) = explain(
        &["--state", "s1", "-"],
        Some(&page(
            "AADSTS65004: User declined to consent to access the app.",
        )),
    );
    assert!(
        text.contains(
            "Lookup:      the description names AADSTS65004; looked up, it decides nothing"
        ),
        "{text}"
    );
}

/// `--batch --json` lines are the single-mode answers plus their `line`; unreadable lines get
/// the single-mode message; text lines show the delay; `--summary` counts lookups apart.
#[test]
fn batch_lines_are_single_mode_answers() {
    let lines = [
        r#"{"error":"invalid_grant","error_codes":[700082]}"#,
        "AADSTS50011",
        "InvalidReplyTo",
        "Sorry, we hit AADSTS50076 while signing you in",
        r#"{"access_token":"x"}"#,
        "https://app.example/cb?error=access_denied&error_description=AADSTS65004&state=s1",
        "https://app.example/cb?code=abc&state=s1",
        r#"Bearer error="invalid_token""#,
        "hello there",
        "{truncated",
        r#"WWW-Authenticate: Bearer error="insufficient_scope""#,
    ];
    let (_, out) = explain(&["--batch", "-", "--json"], Some(&lines.join("\n")));
    let rows: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), lines.len());
    for (i, (line, row)) in lines.iter().zip(&rows).enumerate() {
        let (_, mut single) = json(&["--json", line], None);
        single["line"] = serde_json::json!(i + 1);
        if single.get("callback").is_some() || single.get("state_checked").is_some() {
            // A batch checks no state, as single mode without --state.
            assert_eq!(single["state_checked"], false);
        }
        assert_eq!(row, &single, "line {}: {line}", i + 1);
    }
    let (_, text) = explain(
        &["--batch", "-"],
        Some(r#"{"status":429,"headers":{"Retry-After":"30"},"body":""}"#),
    );
    assert!(
        text.starts_with("1: retry; retry after 30s; decided by "),
        "{text}"
    );
    let (_, v) = json(
        &["--batch", "-", "--summary", "--json"],
        Some(&lines.join("\n")),
    );
    assert_eq!(
        (
            v["lookups"].as_u64(),
            v["classified"].as_u64(),
            v["unreadable"].as_u64()
        ),
        (Some(3), Some(6), Some(2)),
        "{v}"
    );
    let kinds: Vec<(&str, u64)> = v["lookup_kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| (k["name"].as_str().unwrap(), k["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(kinds, [("code", 1), ("name", 1), ("text", 1)]);
    assert!(
        v["actions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["name"] != "lookup"),
        "{v}"
    );
    let (_, text) = explain(&["--batch", "-", "--summary"], Some(&lines.join("\n")));
    assert!(
        text.contains("6 classified, 3 looked up (lookups are not classifications)"),
        "{text}"
    );
}

/// The JSON answers of every mode have exactly the members the help's "JSON answers" section
/// documents, and the section names every one of them.
#[test]
fn json_answers_follow_the_documented_schema() {
    const EVERY: &[&str] = &[
        "action",
        "decided_by",
        "retry_after_secs",
        "error",
        "suberror",
        "codes",
    ];
    const CLASSIFICATION: &[&str] = &[
        "retry_after_ms",
        "poll_interval_secs",
        "party",
        "needs_user",
        "surface",
        "status",
        "other_error",
        "api_code",
        "step_up",
        "trace_id",
        "correlation_id",
        "timestamp",
        "parse_error",
        "delay_from_catalog",
    ];
    const CALLBACK: &[&str] = &["state_checked", "issuer_checked"];
    const CALLBACK_SUCCESS: &[&str] = &["callback", "response_mode", "code", "tokens"];
    const ENTRY: &[&str] = &[
        "lookup",
        "category",
        "party",
        "summary",
        "remedy",
        "reason",
        "aliases",
        "notes",
        "sources",
        "lookup_url",
    ];
    const TEXT: &[&str] = &[
        "lookup",
        "request_id",
        "trace_id",
        "correlation_id",
        "timestamp",
    ];
    const UNREADABLE: &[&str] = &["parse_error", "message"];
    const REFUSED: &[&str] = &["callback_error", "message"];
    const SUMMARY: &[&str] = &[
        "lines",
        "read",
        "unreadable",
        "classified",
        "actions",
        "parties",
        "lookups",
        "lookup_kinds",
        "parse_errors",
        "codes",
    ];
    const SIGN_IN_LOGS: &[&str] = &[
        "records",
        "failures",
        "interrupts",
        "without_code",
        "format",
        "encoding",
        "codes",
        "export_status",
    ];
    const EXPORT_STATUS: &[&str] = &["interrupted", "failure", "success", "other", "differs"];
    const EXPORT_STATUS_DIFFERS: &[&str] = &["code", "export", "counted_as", "count"];
    const IDS_IN_DESCRIPTION: &[&str] = &["trace_id", "correlation_id", "timestamp"];
    const SIGN_IN_LOG_CODE: &[&str] = &[
        "code",
        "count",
        "name",
        "action",
        "party",
        "interrupt",
        "remedy",
        "apps",
    ];
    const CODE: &[&str] = &["code", "name", "known"];

    let set = |parts: &[&[&str]]| -> std::collections::BTreeSet<String> {
        parts
            .iter()
            .flat_map(|p| p.iter())
            .map(|s| (*s).to_owned())
            .collect()
    };
    let keys = |v: &Value| -> std::collections::BTreeSet<String> {
        v.as_object().unwrap().keys().cloned().collect()
    };
    let classification = set(&[EVERY, CLASSIFICATION]);
    let cases: Vec<(Vec<&str>, Option<&str>, std::collections::BTreeSet<String>)> = vec![
        (
            vec![
                "--json",
                r#"{"error":"invalid_grant","error_codes":[50126]}"#,
            ],
            None,
            classification.clone(),
        ),
        (
            vec!["--json", r#"{"access_token":"x"}"#],
            None,
            classification.clone(),
        ),
        (
            vec![
                "--json",
                "--status",
                "429",
                "--header",
                "Retry-After: 3",
                "-",
            ],
            Some("busy"),
            classification.clone(),
        ),
        (
            vec!["--json", "-"],
            Some("HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\"\n\n"),
            classification.clone(),
        ),
        (
            vec!["--json", r#"Bearer error="insufficient_scope""#],
            None,
            classification.clone(),
        ),
        (vec!["--json", "invalid_client"], None, classification),
        (
            vec![
                "--json",
                "https://app.example/cb?error=login_required&state=s",
            ],
            None,
            set(&[EVERY, CLASSIFICATION, CALLBACK]),
        ),
        (
            vec![
                "--json",
                "https://app.example/cb?error=access_denied&error_description=AADSTS65004&state=s",
            ],
            None,
            set(&[EVERY, CLASSIFICATION, CALLBACK, &["lookup_in_description"]]),
        ),
        (
            vec![
                "--json",
                "https://app.example/cb?error=access_denied&error_description=Trace+ID%3a+7c839d05-4806-48f2-ba40-bf4128382500&state=s",
            ],
            None,
            set(&[EVERY, CLASSIFICATION, CALLBACK, &["ids_in_description"]]),
        ),
        (
            vec!["--json", "https://app.example/cb?code=c&state=s"],
            None,
            set(&[EVERY, CLASSIFICATION, CALLBACK, CALLBACK_SUCCESS]),
        ),
        (vec!["--json", "AADSTS50011"], None, set(&[EVERY, ENTRY])),
        (vec!["--json", "InvalidReplyTo"], None, set(&[EVERY, ENTRY])),
        (
            vec!["--json", "Sorry: AADSTS50011. Request Id: x"],
            None,
            set(&[EVERY, TEXT]),
        ),
        (vec!["--json", "hello there"], None, set(&[UNREADABLE])),
        (
            vec![
                "--json",
                "--state",
                "other",
                "https://app.example/cb?error=x&state=s",
            ],
            None,
            set(&[REFUSED]),
        ),
        (
            vec!["--json", "--batch", "-", "--summary"],
            Some("AADSTS50011\n{\"error\":\"invalid_client\"}"),
            set(&[SUMMARY]),
        ),
        (
            vec!["--json", "--sign-in-logs", "-"],
            Some("ResultType,AppDisplayName\n50140,A\n0,A\n"),
            set(&[SIGN_IN_LOGS]),
        ),
        (
            vec!["--json", "--sign-in-logs", "-"],
            Some("Status,Sign-in error code\nInterrupted,50158\nSuccess,0\n"),
            set(&[SIGN_IN_LOGS]),
        ),
    ];
    for (args, stdin, expected) in &cases {
        let (_, v) = json(args, *stdin);
        assert_eq!(&keys(&v), expected, "{args:?}: {v}");
        if let Some(ids) = v.get("ids_in_description") {
            assert_eq!(keys(ids), set(&[IDS_IN_DESCRIPTION]), "{ids}");
        }
        if let Some(status) = v.get("export_status").filter(|s| !s.is_null()) {
            assert_eq!(keys(status), set(&[EXPORT_STATUS]), "{status}");
            for d in status["differs"].as_array().unwrap() {
                assert_eq!(keys(d), set(&[EXPORT_STATUS_DIFFERS]), "{d}");
            }
        }
        if let Some(codes) = v.get("codes").and_then(Value::as_array) {
            for c in codes {
                let have = keys(c);
                if args.contains(&"--sign-in-logs") {
                    assert_eq!(have, set(&[SIGN_IN_LOG_CODE]), "{c}");
                } else if !args.contains(&"--summary") {
                    assert!(set(&[CODE]).is_subset(&have), "{args:?}: {c}");
                }
            }
        }
        // Batch lines: the same members, and `line`.
        if stdin.is_none() && !args.contains(&"--state") {
            let input = args.last().unwrap();
            let (_, out) = explain(&["--batch", "-", "--json"], Some(input));
            let row: Value = serde_json::from_str(out.trim()).unwrap();
            let mut with_line = expected.clone();
            with_line.insert("line".into());
            assert_eq!(keys(&row), with_line, "batch {input}: {row}");
        }
    }
    // The help documents every member.
    let (_, help) = explain(&["--help"], None);
    let section = &help[help.find("JSON answers").expect(&help)..help.find("exit status").unwrap()];
    for name in [
        EVERY,
        CLASSIFICATION,
        CALLBACK,
        CALLBACK_SUCCESS,
        ENTRY,
        TEXT,
        UNREADABLE,
        REFUSED,
        SUMMARY,
        SIGN_IN_LOGS,
        SIGN_IN_LOG_CODE,
        EXPORT_STATUS,
        EXPORT_STATUS_DIFFERS,
        CODE,
        &["lookup_in_description", "ids_in_description", "line"],
    ]
    .concat()
    {
        assert!(
            section.contains(name),
            "{name} is not documented:\n{section}"
        );
    }
}

/// A redirect on standard input keeps its line end (`echo URL | explain -`), and a long one
/// may come split over lines: read as the browser reads it, as `--redirect` and `--batch` do.
#[test]
fn a_redirect_with_a_line_end_or_split_over_lines_is_a_callback() {
    let (code, v) = json(
        &["--json", "--state", "s1", "-"],
        Some("http://localhost/#error=login_required&state=s1\n"),
    );
    assert_eq!(
        (code, v["action"].as_str(), v["state_checked"].as_bool()),
        (0, Some("reauthenticate"), Some(true)),
        "{v}"
    );
    // Split over lines (a wrapped terminal, an e-mail), with CR LF: the line breaks are dropped.
    let split = "https://app.example/cb?error=invalid_request\r\n&error_description=AADSTS90130%3a+x\r\n&state=s1\r\n";
    let (code, v) = json(&["--json", "--state", "s1", "-"], Some(split));
    assert_eq!(
        (code, v["error"].as_str(), v["state_checked"].as_bool()),
        (0, Some("invalid_request"), Some(true)),
        "{v}"
    );
    let (_, forced) = json(&["--json", "--state", "s1", "--redirect", "-"], Some(split));
    assert_eq!(v, forced);
    // A query alone, split over lines.
    let (code, v) = json(&["--json", "-"], Some("error=access_denied\n&state=s1\n"));
    assert_eq!((code, v["action"].as_str()), (0, Some("denied")), "{v}");
    // A callback with a code in its description: classified by its `error`, the code a lookup.
    let url =
        "https://app.example/cb?error=invalid_request&error_description=AADSTS90130%3a+x&state=s1";
    let (code, v) = json(&["--json", "-"], Some(&format!("{url}\n")));
    assert_eq!(
        (code, v["action"].as_str(), v["lookup"].as_str()),
        (0, Some("fix_request"), None),
        "{v}"
    );
    assert_eq!(v["lookup_in_description"]["codes"][0]["code"], 90130, "{v}");
    let (_, text) = explain(&["-"], Some(&format!("{url}\n")));
    assert!(text.starts_with("Action:      fix_request"), "{text}");
    // The same line in a batch gives the same answer.
    let (_, out) = explain(&["--batch", "-", "--json"], Some(&format!("{url}\n")));
    let mut row: Value = serde_json::from_str(out.trim()).unwrap();
    row.as_object_mut().unwrap().remove("line");
    assert_eq!(row, v);
}

/// PowerShell's error text as the console shows it: the JSON body wrapped at the console's
/// width, anywhere (inside a string, a number), by Windows PowerShell 5.1 on the cmdlet's
/// line and by PowerShell 7 pretty-printed after it. The line breaks it inserted are removed;
/// a body that still cannot be read gives a lookup of the codes the text names, not exit 2.
#[test]
fn powershell_text_wrapped_by_the_console_is_read() {
    let ps51 = "Invoke-RestMethod : {\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000218: The request body must contain the following \nparameter: client_secret.\",\"error_codes\":[7000218]}\n";
    let (code, v) = json(&["--json", "-"], Some(ps51));
    assert_eq!(
        (
            code,
            v["action"].as_str(),
            v["error"].as_str(),
            v["codes"][0]["code"].as_u64()
        ),
        (
            0,
            Some("fix_credentials"),
            Some("invalid_client"),
            Some(7000218)
        ),
        "{v}"
    );
    let (_, unwrapped) = json(&["--json", "-"], Some(&ps51.replacen(" \n", " ", 1)));
    assert_eq!(v, unwrapped);
    // Wrapped inside a number and a name, with CR LF, and PowerShell 5.1's lines after it
    // (a script block's braces among them).
    let ps51_number = "Invoke-RestMethod : {\"error\":\"invalid_grant\",\"error_description\":\"AADSTS50126: Error validating credentials due to invalid username or password.\",\"error_co\r\ndes\":[501\r\n26]}\r\nAt line:1 char:1\r\n+ Invoke-RestMethod -Method Post -Uri $u -Body @{grant_type='password'}\r\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\r\n    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-RestMethod], WebException\r\n";
    let (code, v) = json(&["--json", "-"], Some(ps51_number));
    assert_eq!(
        (code, v["error"].as_str(), v["codes"][0]["code"].as_u64()),
        (0, Some("invalid_grant"), Some(50126)),
        "{v}"
    );
    // PowerShell 7: the body pretty-printed after `Invoke-RestMethod:`, a long line wrapped.
    let pwsh = "Invoke-RestMethod: \n{\n  \"error\": \"invalid_client\",\n  \"error_description\": \"AADSTS7000218: The request body must contain the following parameter: 'client_as\nsertion' or 'client_secret'.\\r\\nTrace ID: 0f4c2bd2-5a31-4a8c-9f7e-2d1b6f0e7a11\",\n  \"error_codes\": [\n    7000218\n  ],\n  \"trace_id\": \"0f4c2bd2-5a31-4a8c-9f7e-2d1b6f0e7a11\"\n}\n";
    let (code, v) = json(&["--json", "-"], Some(pwsh));
    assert_eq!(
        (
            code,
            v["action"].as_str(),
            v["codes"][0]["code"].as_u64(),
            v["trace_id"].as_str()
        ),
        (
            0,
            Some("fix_credentials"),
            Some(7000218),
            Some("0f4c2bd2-5a31-4a8c-9f7e-2d1b6f0e7a11")
        ),
        "{v}"
    );
    let (code, text) = explain(&["-"], Some(pwsh));
    assert!(
        code == 0 && text.starts_with("Action:      fix_credentials"),
        "{text}"
    );
    // Cut short (copied from a scrolled console): the codes it names, looked up.
    let cut = "Invoke-RestMethod : {\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000218: The request body must contain the follo\n";
    let (code, v) = json(&["--json", "-"], Some(cut));
    assert_eq!(
        (code, v["lookup"].as_str(), v["codes"][0]["code"].as_u64()),
        (0, Some("text"), Some(7000218)),
        "{v}"
    );
    let (code, text) = explain(&["-"], Some(cut));
    assert!(
        code == 0 && text.starts_with("Lookup from text: 1 AADSTS code found"),
        "{text}"
    );
}

/// A log line around a whole JSON error body: the body is classified, in the response the
/// line describes (the status written next to it); a line with no such body stays a text
/// lookup, or unreadable.
#[test]
fn a_json_body_inside_a_log_line_is_classified() {
    let line = r#"failed (status: 400 data: {"error":"invalid_grant","error_codes":[70000]})"#;
    let (code, v) = json(&["--json", "-"], Some(&format!("{line}\n")));
    assert_eq!(
        (
            code,
            v["action"].as_str(),
            v["status"].as_u64(),
            v["codes"][0]["code"].as_u64()
        ),
        (0, Some("reauthenticate"), Some(400), Some(70000)),
        "{v}"
    );
    let (_, body) = json(
        &[
            "--json",
            "--status",
            "400",
            r#"{"error":"invalid_grant","error_codes":[70000]}"#,
        ],
        None,
    );
    assert_eq!(v, body, "the body as if pasted alone with its status");
    let (_, text) = explain(&[line], None);
    assert!(
        text.starts_with("The JSON error body in the text, with the status 400 written next to it:\nAction:      reauthenticate"),
        "{text}"
    );
    // The status as logs write it; the nearest before the body, else after it; --status wins.
    for (line, status) in [
        (r#"HTTP 503 {"error":"temporarily_unavailable"}"#, Some(503)),
        (
            r#"POST /token -> status code 429: {"error":"temporarily_unavailable"}"#,
            Some(429),
        ),
        (
            r#"proxy said HTTP/1.1 200 OK, then status=503 body {"error":"temporarily_unavailable"}"#,
            Some(503),
        ),
        (
            r#"body {"error":"temporarily_unavailable"} (StatusCode: 502)"#,
            Some(502),
        ),
        (
            r#"error from token endpoint: {"error":"temporarily_unavailable"}"#,
            None,
        ),
    ] {
        let (code, v) = json(&["--json", line], None);
        assert_eq!((code, v["status"].as_u64()), (0, status), "{line}: {v}");
    }
    let (_, v) = json(
        &[
            "--json",
            "--status",
            "401",
            r#"HTTP 503 {"error":"temporarily_unavailable"}"#,
        ],
        None,
    );
    assert_eq!(v["status"], 401);
    // A body whose description names a code: the body decides, not the description.
    let (_, v) = json(
        &[
            "--json",
            r#"ERROR token call failed {"error":"invalid_client","error_description":"AADSTS50196: loop"}"#,
        ],
        None,
    );
    assert_eq!(
        (v["action"].as_str(), v["lookup"].as_str()),
        (Some("fix_credentials"), None),
        "{v}"
    );
    // A REST API's error in a log line.
    let (_, v) = json(
        &[
            "--json",
            r#"Graph call failed: HTTP 401 {"error":{"code":"InvalidAuthenticationToken","message":"x"}}"#,
        ],
        None,
    );
    assert_eq!(
        (v["action"].as_str(), v["api_code"].as_str()),
        (Some("renew"), Some("InvalidAuthenticationToken")),
        "{v}"
    );
    // Two error bodies, or an object without `error`: no body chosen; the codes of the text
    // are looked up, and text without any is unreadable as before.
    let (code, v) = json(
        &[
            "--json",
            r#"AADSTS50076 {"error":"a"} then {"error":"invalid_grant"}"#,
        ],
        None,
    );
    assert_eq!((code, v["lookup"].as_str()), (0, Some("text")), "{v}");
    let (code, v) = json(&["--json", r#"status: 400 data: {"message":"no"}"#], None);
    assert_eq!(
        (code, v["parse_error"].as_str()),
        (2, Some("not_recognized")),
        "{v}"
    );
    // A batch line gives the single-mode answer.
    let (_, out) = explain(&["--batch", "-", "--json"], Some(line));
    let mut row: Value = serde_json::from_str(out.trim()).unwrap();
    row.as_object_mut().unwrap().remove("line");
    assert_eq!(row, body);
}

/// A Graph or ARM error body pasted without `--status` is a REST API error, classified
/// without a status as the library reads it; its ids are named as Graph names them.
#[test]
fn a_rest_api_error_body_without_a_status_is_classified() {
    let graph = r#"{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid.","innerError":{"date":"2024-05-02T09:14:07","request-id":"5b0b6c2e-3c4b-4f0e-9a55-2c1f6f7d8e90","client-request-id":"9a3e1f4c-7b2d-4c8e-8f61-0d5a2b3c4e5f"}}}"#;
    let (code, v) = json(&["--json", graph], None);
    assert_eq!(
        (
            code,
            v["action"].as_str(),
            v["api_code"].as_str(),
            v["surface"].as_str(),
            v["status"].as_u64()
        ),
        (
            0,
            Some("renew"),
            Some("InvalidAuthenticationToken"),
            Some("resource"),
            None
        ),
        "{v}"
    );
    // The JSON answer keeps its members.
    assert_eq!(v["trace_id"], "5b0b6c2e-3c4b-4f0e-9a55-2c1f6f7d8e90");
    assert_eq!(v["correlation_id"], "9a3e1f4c-7b2d-4c8e-8f61-0d5a2b3c4e5f");
    // The text names Graph's ids as what they are.
    let (_, text) = explain(&[graph], None);
    assert!(
        text.contains("Request ID:  5b0b6c2e-3c4b-4f0e-9a55-2c1f6f7d8e90"),
        "{text}"
    );
    assert!(
        text.contains("Client request ID: 9a3e1f4c-7b2d-4c8e-8f61-0d5a2b3c4e5f"),
        "{text}"
    );
    assert!(
        !text.contains("Trace ID") && !text.contains("Correlation"),
        "{text}"
    );
    // With its status too.
    let (_, text) = explain(&["--status", "401", graph], None);
    assert!(
        text.contains("Client request ID:") && !text.contains("Trace ID"),
        "{text}"
    );
    // Entra's own ids keep their names.
    let (_, text) = explain(
        &[
            r#"{"error":"invalid_grant","error_codes":[70000],"trace_id":"0f4c2bd2-5a31-4a8c-9f7e-2d1b6f0e7a11","correlation_id":"1740feb8-b33a-4c08-a6ee-ab5cfc5a18c4"}"#,
        ],
        None,
    );
    assert!(
        text.contains("Trace ID:") && text.contains("Correlation:"),
        "{text}"
    );
    // An ARM body, from standard input and in a batch.
    let arm = r#"{"error":{"code":"AuthorizationFailed","message":"The client does not have authorization to perform action."}}"#;
    let (code, v) = json(&["--json", "-"], Some(arm));
    assert_eq!(
        (code, v["api_code"].as_str()),
        (0, Some("AuthorizationFailed")),
        "{v}"
    );
    let (_, out) = explain(
        &["--batch", "-", "--json"],
        Some(&format!("{graph}\n{arm}\n")),
    );
    let rows: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for (row, body) in rows.iter().zip([graph, arm]) {
        let (_, mut single) = json(&["--json", body], None);
        single["line"] = row["line"].clone();
        assert_eq!(row, &single);
    }
    // An `error` object that is no API's shape stays unreadable.
    let (code, v) = json(&["--json", r#"{"error":{"nothing":1}}"#], None);
    assert_eq!(code, 2, "{v}");
}

/// Who acts has one name in every output: the text names the party as the JSON answer and
/// the batch summary do, with the explanation after it.
#[test]
fn who_acts_has_the_same_name_in_text_and_json() {
    let body = r#"{"error":"temporarily_unavailable"}"#;
    let (_, v) = json(&["--json", body], None);
    assert_eq!(v["party"], "service");
    let (_, text) = explain(&[body], None);
    assert!(
        text.contains("Who acts:    service (nobody needs to act: the client recovers on its own)"),
        "{text}"
    );
    let (_, summary) = explain(&["--batch", "-", "--summary"], Some(body));
    assert!(
        summary.contains("Classifications by who acts:\n        1  service"),
        "{summary}"
    );
    // Other parties are named alone, as before.
    let (_, text) = explain(&[r#"{"error":"invalid_client"}"#], None);
    assert!(text.contains("Who acts:    developer\n"), "{text}");
}

/// Codes typed with `error` or `code` before them, or several separated by white space, are
/// a text lookup of those codes, as `AADSTS50011,AADSTS50076` is; another word or a
/// three-digit number keeps the input unreadable.
#[test]
fn codes_typed_with_a_word_or_by_white_space_are_looked_up() {
    for (input, codes) in [
        ("error 50011", &[50011][..]),
        ("code 50011", &[50011]),
        ("Error code: 50011", &[50011]),
        ("50011 50076", &[50011, 50076]),
        ("AADSTS50011 50076", &[50011, 50076]),
        ("AADSTS50011,AADSTS50076", &[50011, 50076]),
    ] {
        let (code, v) = json(&["--json", input], None);
        let got: Vec<u64> = v["codes"]
            .as_array()
            .unwrap_or_else(|| panic!("{input}: {v}"))
            .iter()
            .map(|c| c["code"].as_u64().unwrap())
            .collect();
        assert_eq!(
            (code, v["lookup"].as_str(), v["action"].clone(), got),
            (0, Some("text"), Value::Null, codes.to_vec()),
            "{input}: {v}"
        );
    }
    let (code, text) = explain(&["50011 50076"], None);
    assert_eq!(code, 0);
    assert!(
        text.starts_with("Lookup from text: 2 AADSTS codes found")
            && text.contains("AADSTS50011 InvalidReplyTo")
            && text.contains("AADSTS50076"),
        "{text}"
    );
    for input in ["error 404", "50011 please", "code 12"] {
        let (code, v) = json(&["--json", input], None);
        assert_eq!(
            (code, v["parse_error"].as_str()),
            (2, Some("not_recognized")),
            "{input}: {v}"
        );
    }
    // The same in a batch.
    let (_, out) = explain(&["--batch", "-"], Some("error 50011\n50011 50076\n"));
    assert_eq!(
        out,
        "1: lookup from text: AADSTS50011 InvalidReplyTo\n2: lookup from text: AADSTS50011 InvalidReplyTo, AADSTS50076 UserStrongAuthClientAuthNRequired\n"
    );
}

/// `--search` finds what admins type: a reply URL (a redirect URI in the catalog's words),
/// too many requests (throttling); a code points to the lookup; an alias that matched is
/// shown; an empty search is a usage error, not the whole catalog.
#[test]
fn search_finds_admins_words_codes_and_aliases() {
    let (code, out) = explain(&["--search", "reply url"], None);
    assert_eq!(code, 0);
    assert!(out.contains("AADSTS50011 InvalidReplyTo"), "{out}");
    assert!(out.contains(r#"also searched for "redirect uri""#), "{out}");
    let (_, out) = explain(&["--search", "Too Many Requests"], None);
    assert!(out.contains("AADSTS90055 TenantThrottlingError"), "{out}");
    let (_, v) = json(&["--json", "--search", "too many requests"], None);
    assert!(
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["code"] == 90055),
        "{v}"
    );
    let (_, out) = explain(&["--search", "redirect url"], None);
    assert!(out.contains("AADSTS50011"), "{out}");
    // A code: its entry, and the lookup to use.
    let (code, out) = explain(&["--search", "50011"], None);
    assert_eq!(code, 0);
    assert!(out.starts_with("AADSTS50011 InvalidReplyTo"), "{out}");
    assert!(out.contains("explain '50011'"), "{out}");
    let (_, v) = json(&["--json", "--search", "AADSTS50011"], None);
    assert_eq!(v["results"][0]["code"], 50011, "{v}");
    // An alias that matched a word the name does not hold.
    let (_, out) = explain(&["--search", "SelectUserAccount"], None);
    assert!(
        out.contains("AADSTS16000 InteractionRequired")
            && out.contains("(alias: SelectUserAccount)"),
        "{out}"
    );
    let (_, out) = explain(&["--search", "InvalidReplyTo"], None);
    let line = out
        .lines()
        .find(|l| l.starts_with("AADSTS50011"))
        .expect(&out);
    assert!(
        !line.contains("(alias:"),
        "the name matched, no alias shown: {line}"
    );
    // Empty: a usage error.
    for words in ["", "   "] {
        let (code, out) = explain(&["--search", words], None);
        assert_eq!((code, out.as_str()), (64, ""), "{words:?}");
    }
}

/// A delay set by a catalog minimum (AADSTS90055's 60 s, a documented minimum the
/// classification keeps) says so: in the text, in a batch line and in `delay_from_catalog`.
#[test]
fn a_delay_set_by_a_catalog_minimum_says_where_it_came_from() {
    let body = r#"{"error":"temporarily_unavailable","error_codes":[90055]}"#;
    let args = ["--status", "429", "--header", "Retry-After: 5", body];
    let (_, text) = explain(&args, None);
    assert!(
        text.contains("Retry after: 60s (catalog minimum for AADSTS90055)\n"),
        "{text}"
    );
    let (_, v) = json(&[&["--json"][..], &args].concat(), None);
    assert_eq!(
        (
            v["retry_after_secs"].as_u64(),
            v["delay_from_catalog"].as_u64()
        ),
        (Some(60), Some(90055)),
        "{v}"
    );
    let (_, v) = json(&["--json", body], None);
    assert_eq!(v["delay_from_catalog"], 90055, "{v}");
    let (_, out) = explain(&["--batch", "-"], Some(body));
    assert!(
        out.starts_with("1: retry; retry after 60s (catalog minimum for AADSTS90055); "),
        "{out}"
    );
    // A longer Retry-After decides, and the delay is the header's.
    let (_, text) = explain(
        &["--status", "429", "--header", "Retry-After: 120", body],
        None,
    );
    assert!(text.contains("Retry after: 120s\n"), "{text}");
    let (_, v) = json(
        &[
            "--json",
            "--status",
            "429",
            "--header",
            "Retry-After: 120",
            body,
        ],
        None,
    );
    assert_eq!(v["delay_from_catalog"], Value::Null, "{v}");
}
