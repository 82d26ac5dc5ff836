//! The decision procedure, step by step, on the token surface and on whole
//! HTTP responses.

use std::time::Duration;

use oauth_triage::{classify, Action, DecidedBy, HttpResponse, Party, TokenError};

mod common;

use common::{http, token};

const RETRY: Action<'static> = Action::Retry { after: None };

#[test]
fn step_1_status_wins_and_codes_are_only_recorded() {
    let body = r#"{"error":"invalid_grant","error_codes":[50126],"suberror":"message_only"}"#;
    assert_eq!(http(503, &[], body), (RETRY, DecidedBy::Status));
    assert_eq!(
        http(500, &[], "<html>oops</html>"),
        (RETRY, DecidedBy::Status)
    );
    let (action, by) = http(429, &[("retry-after", "7")], body);
    assert_eq!(
        (action, by),
        (
            Action::Retry {
                after: Some(Duration::from_secs(7))
            },
            DecidedBy::Status
        )
    );
    let r = HttpResponse::new(503).body(body.as_bytes());
    assert_eq!(classify(&r).codes(), &[50126]);
}

#[test]
fn step_2_polling() {
    assert_eq!(
        token(r#"{"error":"authorization_pending","error_codes":[70016]}"#),
        (Action::KeepPolling, DecidedBy::Polling)
    );
    assert_eq!(
        token(r#"{"error":"slow_down","claims":"{}","suberror":"message_only"}"#),
        (Action::SlowDown { interval: None }, DecidedBy::Polling)
    );
    // Entra's device-code endpoint answers errors with 200 OK.
    assert_eq!(
        http(200, &[], r#"{"error":"authorization_pending"}"#),
        (Action::KeepPolling, DecidedBy::Polling)
    );
}

#[test]
fn step_3_dpop_nonce() {
    let body = r#"{"error":"use_dpop_nonce"}"#;
    assert_eq!(
        http(400, &[("DPoP-Nonce", "eyJ7S_zG.eyJH0-Z.HX4w-7v")], body),
        (Action::RetryWithNonce, DecidedBy::Dpop)
    );
    assert_eq!(http(400, &[], body), (Action::FixRequest, DecidedBy::Dpop));
    assert_eq!(token(body), (Action::FixRequest, DecidedBy::Dpop));
}

#[test]
fn step_4_message_only_before_claims() {
    let body = r#"{"error":"invalid_grant","suberror":"message_only","claims":"{\"access_token\":{}}","error_codes":[53003]}"#;
    assert_eq!(token(body), (Action::Denied, DecidedBy::Suberror));
}

#[test]
fn step_5_claims() {
    let body = r#"{"error":"interaction_required","suberror":"basic_action","error_codes":[50079],"claims":"{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}"}"#;
    let err = TokenError::from_json(body.as_bytes()).unwrap();
    let c = classify(&err);
    assert_eq!(c.decided_by(), DecidedBy::Claims);
    let step_up = (match c.action() {
        oauth_triage::Action::StepUp(s) => Some(s),
        _ => None,
    })
    .unwrap();
    assert_eq!(
        step_up.claims.as_deref(),
        Some(r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#)
    );
    assert!(c.action().needs_user());
    // Blank claims are no claims.
    assert_eq!(
        token(r#"{"error":"interaction_required","claims":"  "}"#),
        (Action::Reauthenticate, DecidedBy::Error)
    );
}

#[test]
fn step_6_suberrors() {
    let with = |sub: &str| {
        token(&format!(
            r#"{{"error":"invalid_grant","suberror":"{sub}","error_codes":[7000215]}}"#
        ))
    };
    assert_eq!(
        with("consent_required"),
        (Action::Consent, DecidedBy::Suberror)
    );
    for sub in [
        "basic_action",
        "additional_action",
        "user_password_expired",
        "bad_token",
        "token_expired",
        "device_authentication_failed",
    ] {
        assert_eq!(
            with(sub),
            (Action::Reauthenticate, DecidedBy::Suberror),
            "{sub}"
        );
    }
    assert_eq!(
        with("client_mismatch"),
        (Action::Renew, DecidedBy::Suberror)
    );
    assert_eq!(
        with("protection_policy_required"),
        (Action::FixConfig, DecidedBy::Suberror)
    );
    // An unknown suberror changes nothing: the code decides.
    assert_eq!(
        with("brand_new"),
        (Action::FixCredentials, DecidedBy::Catalog(7000215.into()))
    );
}

#[test]
fn step_7_catalog_refines_and_unknown_codes_change_nothing() {
    assert_eq!(
        token(r#"{"error":"invalid_request","error_codes":[9002326]}"#),
        (Action::FixConfig, DecidedBy::Catalog(9002326.into()))
    );
    // 70002 is a wrapper without an override; the next code decides.
    assert_eq!(
        token(r#"{"error":"invalid_grant","error_codes":[70002,50126]}"#),
        (Action::Reauthenticate, DecidedBy::Catalog(50126.into()))
    );
    assert_eq!(
        token(r#"{"error":"invalid_client","error_codes":[7000222]}"#),
        (Action::FixCredentials, DecidedBy::Catalog(7000222.into()))
    );
    assert_eq!(
        token(r#"{"error":"invalid_grant","error_codes":[999999999]}"#),
        (Action::Reauthenticate, DecidedBy::Error)
    );
    assert_eq!(
        token(
            r#"{"error":"access_denied","error_uri":"https://login.microsoftonline.com/error?code=65004"}"#
        ),
        (Action::Denied, DecidedBy::Catalog(65004.into()))
    );
}

/// 50196 (loop detected) on a 400 is Entra's verdict that the app repeats
/// the same token request: neither a prompt (the `invalid_grant` default) nor
/// a delayed repeat stops it, so the catalog says `fix_request`. Throttling
/// arrives as 429 or 503 with `Retry-After` and is retried by status first.
#[test]
fn loop_detection_is_a_defect_to_fix_and_throttling_still_retries() {
    let body = r#"{"error":"invalid_grant","error_codes":[50196]}"#;
    assert_eq!(
        token(body),
        (Action::FixRequest, DecidedBy::Catalog(50196.into()))
    );
    // A Retry-After on the 400 changes nothing.
    assert_eq!(
        http(400, &[("Retry-After", "300")], body),
        (Action::FixRequest, DecidedBy::Catalog(50196.into()))
    );
    for status in [429, 503] {
        assert_eq!(
            http(
                status,
                &[("Retry-After", "120")],
                r#"{"error":"temporarily_unavailable","error_codes":[50196]}"#
            ),
            (
                Action::Retry {
                    after: Some(Duration::from_secs(120))
                },
                DecidedBy::Status
            ),
            "{status}"
        );
    }
}

/// A catalog retry keeps its minimum delay, and a longer `Retry-After` wins.
#[test]
fn tenant_throttling_retries_with_a_long_minimum_delay() {
    let body = r#"{"error":"temporarily_unavailable","error_codes":[90055]}"#;
    let (action, by) = token(body);
    assert_eq!(by, DecidedBy::Catalog(90055.into()));
    let Action::Retry { after: Some(after) } = action else {
        panic!("{action:?}")
    };
    assert!(after >= Duration::from_secs(60));
    let (action, _) = http(400, &[("Retry-After", "300")], body);
    assert_eq!(
        action,
        Action::Retry {
            after: Some(Duration::from_secs(300))
        }
    );
}

#[test]
fn step_8_error_values() {
    let cases = [
        ("invalid_grant", Action::Reauthenticate),
        ("invalid_client", Action::FixCredentials),
        ("invalid_request", Action::FixRequest),
        ("invalid_scope", Action::FixRequest),
        ("invalid_target", Action::FixRequest),
        ("invalid_dpop_proof", Action::FixRequest),
        ("unauthorized_client", Action::FixConfig),
        ("unsupported_grant_type", Action::FixConfig),
        ("invalid_tenant", Action::FixConfig),
        ("invalid_resource", Action::FixConfig),
        ("access_denied", Action::Denied),
        ("interaction_required", Action::Reauthenticate),
        ("login_required", Action::Reauthenticate),
        ("consent_required", Action::Consent),
        ("expired_token", Action::Reauthenticate),
        ("user_password_expired", Action::Reauthenticate),
        ("insufficient_scope", Action::Consent),
        // At the token endpoint renewing is what just failed: stop.
        ("invalid_token", Action::Abort),
        ("temporarily_unavailable", RETRY),
        ("server_error", RETRY),
    ];
    for (error, action) in cases {
        assert_eq!(
            token(&format!(r#"{{"error":"{error}"}}"#)),
            (action, DecidedBy::Error),
            "{error}"
        );
    }
    assert_eq!(
        token(r#"{"error":"insufficient_claims"}"#).0.name(),
        "step_up"
    );
}

#[test]
fn step_10_fallback() {
    assert_eq!(
        token(r#"{"error":"vendor_specific"}"#),
        (Action::Abort, DecidedBy::Fallback)
    );
    assert_eq!(
        http(400, &[], "{truncated"),
        (Action::Abort, DecidedBy::Fallback)
    );
    assert_eq!(http(401, &[], ""), (Action::Abort, DecidedBy::Fallback));
}

#[test]
fn parse_problems_are_kept() {
    let r = HttpResponse::new(502).body(b"<html><h1>Bad Gateway</h1></html>");
    let c = classify(&r);
    assert_eq!(c.action(), &RETRY);
    assert_eq!(c.parse_error().map(|e| e.kind()), Some("html"));
}

#[test]
fn party_comes_from_the_catalog_when_a_code_decides() {
    let err = TokenError::from_json(br#"{"error":"invalid_grant","error_codes":[50126]}"#).unwrap();
    assert_eq!(classify(&err).party(), Party::User);
    let err = TokenError::from_json(br#"{"error":"unauthorized_client","error_codes":[700016]}"#)
        .unwrap();
    assert_eq!(
        classify(&err).party(),
        oauth_triage::AadstsCode::new(700016).entry().unwrap().party
    );
    let err = TokenError::from_json(br#"{"error":"temporarily_unavailable"}"#).unwrap();
    assert_eq!(classify(&err).party(), Party::Service);
}

#[test]
fn display_is_log_safe() {
    let body = r#"{"error":"invalid_grant","error_description":"AADSTS50126: Invalid username or password for alice@example.com","error_codes":[50126],"trace_id":"09cc9b95-4354-46b7-91f1-efd92665ae00","correlation_id":"alice@example.com","suberror":"odd value with alice@example.com"}"#;
    let err = TokenError::from_json(body.as_bytes()).unwrap();
    let text = classify(&err).to_string();
    assert_eq!(
        text,
        "reauthenticate (decided by catalog:50126; error invalid_grant; suberror unrecognized; codes 50126; trace_id 09cc9b95-4354-46b7-91f1-efd92665ae00)"
    );
    let json = serde_json::to_string(&classify(&err)).unwrap();
    assert!(!json.contains("Invalid username"), "{json}");
    let unknown = TokenError::from_json(br#"{"error":"contact alice@example.com"}"#).unwrap();
    assert!(!classify(&unknown).to_string().contains("alice"));

    // The JSON for structured logs follows the same rules.
    let v = serde_json::to_value(classify(&err)).unwrap();
    assert_eq!(v["suberror"], "unrecognized");
    assert_eq!(v["correlation_id"], serde_json::Value::Null);
    assert_eq!(v["trace_id"], "09cc9b95-4354-46b7-91f1-efd92665ae00");
    assert!(!v.to_string().contains("alice"), "{v}");
    let v = serde_json::to_value(classify(&unknown)).unwrap();
    assert_eq!(v["error"], "unrecognized");
    // A plain unknown symbol is kept: it is a value, not free text.
    let vendor = TokenError::from_json(br#"{"error":"vendor_specific_error"}"#).unwrap();
    assert_eq!(
        classify(&vendor).to_string(),
        "abort (decided by fallback; error vendor_specific_error)"
    );
}

#[test]
fn serialize_names_match_the_contract() {
    let err = TokenError::from_json(
        br#"{"error":"invalid_grant","suberror":"bad_token","error_codes":[700084,1]}"#,
    )
    .unwrap();
    let v = serde_json::to_value(classify(&err)).unwrap();
    assert_eq!(v["action"], "reauthenticate");
    assert_eq!(v["decided_by"], "suberror");
    assert_eq!(v["retry_after_secs"], serde_json::Value::Null);
    assert_eq!(v["error"], "invalid_grant");
    assert_eq!(v["suberror"], "bad_token");
    assert_eq!(v["codes"][0]["code"], 700084);
    assert_eq!(v["codes"][0]["known"], true);
    assert_eq!(v["codes"][1]["known"], false);
}

#[test]
fn action_names_round_trip_through_serde() {
    for (i, name) in Action::NAMES.iter().enumerate() {
        assert!(
            name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{i}"
        );
    }
    assert_eq!(
        serde_json::to_string(&Action::RetryWithNonce).unwrap(),
        r#""retry_with_nonce""#
    );
}

#[test]
fn surfaces_display_their_names() {
    use oauth_triage::Surface;
    let names: Vec<String> = [Surface::Token, Surface::Authorize, Surface::Resource]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(names, ["token", "authorize", "resource"]);
}
