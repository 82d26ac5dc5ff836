//! The `explain` example, run as a program: lookup, token bodies, `--json`,
//! `--status` and `--header`, standard input, and exit status 2 on garbage.

mod common;

use common::{explain, json};
use serde_json::Value;

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
        out.contains("State:       not checked ; issuer: checked"),
        "{out}"
    );

    // A response with both a code and an error is refused.
    let (code, v) = json(&["--json", "?code=abc&error=access_denied&state=s"], None);
    assert_eq!((code, &v["parse_error"]), (2, &"code_with_error".into()));
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
        (vec!["--json", "-"], "\u{0}\u{1}\u{fffd}", 2, "not_json"),
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
