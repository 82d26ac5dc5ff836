//! `TokenError` as an error type: `Serialize` and `Deserialize` (as the
//! `oauth2` crate reads error bodies), and the log-safe `Display` and
//! `Debug`, on real bodies.

use std::fmt::{Debug, Display};

use oauth_triage::{classify, ErrorName, Suberror, TokenError};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A Conditional Access step-up from Entra's v2 token endpoint.
const STEP_UP: &str = r#"{"error":"invalid_grant","error_description":"AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'. Trace ID: 5c8ce2fc-1720-45c1-899a-0a6d0e965600 Correlation ID: e421d7f3-0160-4431-bc41-d675aa4007e8 Timestamp: 2024-05-02 11:42:13Z","error_codes":[50076],"timestamp":"2024-05-02 11:42:13Z","trace_id":"5c8ce2fc-1720-45c1-899a-0a6d0e965600","correlation_id":"e421d7f3-0160-4431-bc41-d675aa4007e8","error_uri":"https://login.microsoftonline.com/error?code=50076","suberror":"basic_action","claims":"{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}"}"#;

/// Auth0 asks for a second factor and sends the token that continues it.
const AUTH0_MFA: &str = r#"{"error":"mfa_required","error_description":"Multifactor authentication required","mfa_token":"Fe26.2*SERVER*secret"}"#;

/// Device-code polling, pretty-printed, with the interval and an echoed
/// device code among the members the crate does not model.
const POLLING: &str = "{\n  \"error\": \"slow_down\",\n  \"error_description\": \"AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling.\\r\\nTrace ID: 0b1c6e2a-7f3d-4a51-9c8e-5d2f4b7a1e00\",\n  \"error_codes\": [ 70016 ],\n  \"interval\": 10,\n  \"expires_in\": 8.5e2,\n  \"device_code\": \"DAQABAAEAAAD--DLA3VO7QrddgJg7WevrGAAC_secret\",\n  \"details\": { \"b\": [1, 2.50, null], \"a\": \"\\u00e9\" }\n}";

/// A claims request sent as an object rather than as a string.
const CLAIMS_OBJECT: &str = r#"{"error":"interaction_required","claims":{"id_token":{"auth_time":{"essential":true}}},"error_codes":[50072]}"#;

fn assert_error_type<T: Debug + Display + DeserializeOwned + Serialize + std::error::Error>() {}

#[test]
fn token_error_has_what_oauth2_asks_of_an_error_response() {
    // `oauth2::ErrorResponse: Debug + Display + DeserializeOwned + Serialize`.
    assert_error_type::<TokenError<'static>>();
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<TokenError<'static>>();
}

// ---------------------------------------------------------------------------
// Serialize
// ---------------------------------------------------------------------------

#[track_caller]
fn serialized(body: &str) -> String {
    let err = TokenError::from_json(body.as_bytes()).unwrap();
    serde_json::to_string(&err).unwrap()
}

#[track_caller]
fn assert_round_trip(body: &[u8]) {
    let err = TokenError::from_json(body).unwrap();
    let json = serde_json::to_vec(&err).unwrap();
    assert_eq!(
        TokenError::from_json(&json).as_ref(),
        Ok(&err),
        "{}",
        String::from_utf8_lossy(&json)
    );
    // Deserialize reads it back too, and writing that again changes nothing.
    let owned: TokenError<'static> = serde_json::from_slice(&json).unwrap();
    assert_eq!(owned, err);
    assert_eq!(serde_json::to_vec(&owned).unwrap(), json);
}

#[test]
fn serialize_writes_the_members_in_wire_order() {
    assert_eq!(
        serialized(STEP_UP),
        r#"{"error":"invalid_grant","error_description":"AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'. Trace ID: 5c8ce2fc-1720-45c1-899a-0a6d0e965600 Correlation ID: e421d7f3-0160-4431-bc41-d675aa4007e8 Timestamp: 2024-05-02 11:42:13Z","error_codes":[50076],"timestamp":"2024-05-02 11:42:13Z","trace_id":"5c8ce2fc-1720-45c1-899a-0a6d0e965600","correlation_id":"e421d7f3-0160-4431-bc41-d675aa4007e8","error_uri":"https://login.microsoftonline.com/error?code=50076","suberror":"basic_action","claims":"{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}"}"#
    );
    assert_eq!(serialized(AUTH0_MFA), AUTH0_MFA);
}

#[test]
fn serialize_decodes_the_description_and_keeps_unknown_values_as_they_came() {
    // Unknown values are copied as JSON text: the number spellings, the key
    // order, the white space and the escapes inside them are the server's.
    assert_eq!(
        serialized(POLLING),
        r#"{"error":"slow_down","error_description":"AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling.\r\nTrace ID: 0b1c6e2a-7f3d-4a51-9c8e-5d2f4b7a1e00","error_codes":[70016],"interval":10,"expires_in":8.5e2,"device_code":"DAQABAAEAAAD--DLA3VO7QrddgJg7WevrGAAC_secret","details":{ "b": [1, 2.50, null], "a": "\u00e9" }}"#
    );
    // `\/`, `\u` escapes and codes written as strings come out plain.
    assert_eq!(
        serialized(
            r#"{"error":"invalid_client","error_codes":["AADSTS7000215"],"error_uri":"https:\/\/login.microsoftonline.com\/error?code=7000215","error_description":"Zugriff f\u00fcr J\u00f6rg"}"#
        ),
        r#"{"error":"invalid_client","error_description":"Zugriff für Jörg","error_codes":[7000215],"error_uri":"https://login.microsoftonline.com/error?code=7000215"}"#
    );
    // Absent, null and empty members are left out.
    assert_eq!(
        serialized(
            r#"{"error":"invalid_grant","error_codes":[],"error_description":null,"suberror":null}"#
        ),
        r#"{"error":"invalid_grant"}"#
    );
}

#[test]
fn a_claims_object_is_written_back_as_an_object() {
    assert_eq!(
        serialized(CLAIMS_OBJECT),
        r#"{"error":"interaction_required","error_codes":[50072],"claims":{"id_token":{"auth_time":{"essential":true}}}}"#
    );
    let object = TokenError::from_json(CLAIMS_OBJECT.as_bytes()).unwrap();
    let string = TokenError::from_json(
        br#"{"error":"interaction_required","claims":"{\"id_token\":{\"auth_time\":{\"essential\":true}}}","error_codes":[50072]}"#,
    )
    .unwrap();
    // The same request, but not the same body: they serialize differently.
    assert_eq!(object.claims(), string.claims());
    assert_ne!(object, string);
    // Each writes back the shape it came in.
    assert_eq!(
        serde_json::to_value(&string).unwrap()["claims"],
        r#"{"id_token":{"auth_time":{"essential":true}}}"#
    );
    assert!(serde_json::to_value(&object).unwrap()["claims"].is_object());
}

#[test]
fn serialize_then_parse_gives_the_same_error() {
    for body in [STEP_UP, AUTH0_MFA, POLLING, CLAIMS_OBJECT] {
        assert_round_trip(body.as_bytes());
    }
    // Unknown members named twice, control characters, non-ASCII names.
    assert_round_trip(
        "\u{feff}{\"error\":\"invalid_request\",\"x\":1,\"x\":[2],\"\\u0001\u{e9}\":\"\\ud800\",\"error_description\":\"\\ud83d\\ude00 \\u0000\"}".as_bytes(),
    );
    for sample in token_samples() {
        assert_round_trip(sample.as_bytes());
    }
}

#[test]
fn serialize_goes_through_a_json_value_for_other_formats() {
    let err = TokenError::from_json(POLLING.as_bytes()).unwrap();
    let value = serde_json::to_value(&err).unwrap();
    assert_eq!(value["interval"], 10);
    assert_eq!(value["details"]["b"][1], 2.5);
    assert_eq!(value["details"]["a"], "é");
    let back: TokenError<'static> = serde_json::from_value(value).unwrap();
    assert_eq!(back.error_codes(), &[70016]);
    assert_eq!(back.description(), err.description());
}

// ---------------------------------------------------------------------------
// Deserialize
// ---------------------------------------------------------------------------

/// Every way the tests read a body into a `TokenError<'static>`.
fn deserialized(body: &[u8]) -> [Result<TokenError<'static>, String>; 4] {
    let from_slice = serde_json::from_slice::<TokenError<'static>>(body).map_err(|e| e.to_string());
    // A reader never lends its text: everything is copied.
    let from_reader =
        serde_json::from_reader::<_, TokenError<'static>>(body).map_err(|e| e.to_string());
    let from_str = std::str::from_utf8(body)
        .map_err(|e| e.to_string())
        .and_then(|text| {
            serde_json::from_str::<TokenError<'static>>(text).map_err(|e| e.to_string())
        });
    // As the `oauth2` crate reads error bodies.
    let mut de = serde_json::Deserializer::from_slice(body);
    let path = serde_path_to_error::deserialize::<_, TokenError<'static>>(&mut de)
        .map_err(|e| e.to_string())
        .and_then(|err| de.end().map(|()| err).map_err(|e| e.to_string()));
    [from_slice, from_reader, from_str, path]
}

#[test]
fn deserialize_reads_what_from_json_reads() {
    let bodies = [STEP_UP, AUTH0_MFA, POLLING, CLAIMS_OBJECT]
        .into_iter()
        .map(str::to_owned)
        .chain(token_samples());
    for body in bodies {
        let expected = TokenError::from_json(body.as_bytes()).unwrap();
        for got in deserialized(body.as_bytes()) {
            assert_eq!(got.as_ref(), Ok(&expected), "{body}");
        }
    }
    let err: TokenError<'static> = serde_json::from_str(STEP_UP).unwrap();
    assert_eq!(err.error(), &ErrorName::InvalidGrant);
    assert_eq!(err.suberror(), Some(&Suberror::BasicAction));
    assert_eq!(
        err.claims(),
        Some(r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#)
    );
}

#[test]
fn deserialize_reads_a_member_of_a_larger_document() {
    // An error kept in a record of one's own, next to other data.
    #[derive(Deserialize)]
    struct Attempt {
        status: u16,
        error: TokenError<'static>,
    }
    let record = format!(r#"{{"status":400,"error":{POLLING}}}"#);
    let attempt: Attempt = serde_json::from_str(&record).unwrap();
    assert_eq!(attempt.status, 400);
    assert_eq!(
        attempt.error,
        TokenError::from_json(POLLING.as_bytes()).unwrap()
    );
}

#[track_caller]
fn assert_refused(body: &str, message: &str) {
    let parse_error = TokenError::from_json(body.as_bytes()).unwrap_err();
    for got in deserialized(body.as_bytes()) {
        assert_eq!(got.as_ref().map(|_| ()), Err(&message.to_owned()), "{body}");
    }
    // Where the deserializer did not stop first, the message is from_json's.
    if !message.contains(" at line ") {
        assert_eq!(parse_error.to_string(), message);
    }
}

#[test]
fn deserialize_applies_the_checks_of_from_json() {
    assert_refused(
        r#"{"error":"invalid grant\u0007","error_codes":[70000]}"#,
        r#"`error` value "invalid grant\u{7}" has characters outside RFC 6749's set (printable ASCII except `"` and `\`)"#,
    );
    assert_refused(
        r#"{"error":"invalid_grant","error_codes":[70000],"error":"invalid_client"}"#,
        r#""error" appears more than once"#,
    );
    assert_refused(
        r#"{"error":"invalid_grant","error_description":"first","error_description":"second"}"#,
        r#""error_description" appears more than once"#,
    );
    assert_refused(
        r#"{"access_token":"eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9","token_type":"Bearer","expires_in":3599}"#,
        "the response is a success, not an error",
    );
    assert_refused(
        r#"{"error_description":"no error here"}"#,
        "no `error` member in the error response",
    );
    assert_refused(
        r#"{"error":401,"message":"Unauthorized"}"#,
        "found a body of another shape (numeric-error), not an OAuth error response",
    );
    assert_refused(r#"{"error":401}"#, "`error` is a number, expected a string");
    assert_refused(
        r#"{"error":"invalid_grant","error_codes":"50126"}"#,
        "`error_codes` is a string, expected an array of integers",
    );
    assert_refused(
        r#"{"error":"invalid_grant","trace_id":{"id":"5c8ce2fc"}}"#,
        "`trace_id` is an object, expected a string",
    );
    assert_refused(
        r#"[{"error":"invalid_grant"}]"#,
        "expected a JSON object, found an array",
    );
    let deep = format!(
        r#"{{"error":"invalid_grant","x":{}1{}}}"#,
        "[".repeat(40),
        "]".repeat(40)
    );
    assert_refused(&deep, "JSON nested deeper than 32 levels");
    let many: String = (0..300).map(|i| format!(r#","x{i}":{i}"#)).collect();
    assert_refused(
        &format!(r#"{{"error":"invalid_grant"{many}}}"#),
        "more than 256 members",
    );
}

#[test]
fn deserialize_leaves_what_is_not_json_to_the_json_parser() {
    // serde_json reads the text first: an HTML page is its syntax error, and
    // `from_json` on the kept body names it.
    let html = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    assert_refused(html, "expected value at line 1 column 1");
    assert_eq!(
        TokenError::from_json(html.as_bytes())
            .unwrap_err()
            .to_string(),
        "found an HTML page where a JSON error body was expected"
    );
    assert_refused(
        r#"{"error":"invalid_grant""#,
        "EOF while parsing an object at line 1 column 24",
    );
    // serde_path_to_error says where, as `oauth2` reports it.
    let body = br#"{"error":"invalid_grant","error_codes":[70000],"error_codes":[70001]}"#;
    let err = serde_path_to_error::deserialize::<_, TokenError<'static>>(
        &mut serde_json::Deserializer::from_slice(body),
    )
    .unwrap_err();
    assert_eq!(err.to_string(), r#""error_codes" appears more than once"#);
}

// ---------------------------------------------------------------------------
// Display and Debug
// ---------------------------------------------------------------------------

#[test]
fn display_is_one_log_safe_line() {
    let cases = [
        (STEP_UP, "invalid_grant (suberror basic_action; codes 50076; trace_id 5c8ce2fc-1720-45c1-899a-0a6d0e965600; correlation_id e421d7f3-0160-4431-bc41-d675aa4007e8)"),
        (AUTH0_MFA, "mfa_required"),
        (POLLING, "slow_down (codes 70016)"),
        // The code of a Microsoft `error_uri` is a code.
        (r#"{"error":"invalid_grant","error_uri":"https://login.microsoftonline.com/error?code=700003"}"#, "invalid_grant (codes 700003)"),
        (r#"{"error":"invalid_grant","error_codes":[70008,50173]}"#, "invalid_grant (codes 70008,50173)"),
        // What is not a symbol or an id is not repeated.
        (
            r#"{"error":"user jo@example.com is blocked","suberror":"ask jo@example.com","trace_id":"jo@example.com","correlation_id":"e421d7f3-0160-4431-bc41-d675aa4007e8"}"#,
            "unrecognized (suberror unrecognized; correlation_id e421d7f3-0160-4431-bc41-d675aa4007e8)",
        ),
    ];
    for (body, line) in cases {
        let err = TokenError::from_json(body.as_bytes()).unwrap();
        assert_eq!(err.to_string(), line);
        let boxed: Box<dyn std::error::Error> = Box::new(err.into_owned());
        assert_eq!(boxed.to_string(), line);
    }
}

#[test]
fn debug_names_the_members_and_redacts_server_text() {
    let err = TokenError::from_json(STEP_UP.as_bytes()).unwrap();
    assert_eq!(
        format!("{err:?}"),
        r#"TokenError { error: InvalidGrant, error_description: [redacted: 333 bytes], error_codes: [50076], timestamp: "2024-05-02 11:42:13Z", trace_id: "5c8ce2fc-1720-45c1-899a-0a6d0e965600", correlation_id: "e421d7f3-0160-4431-bc41-d675aa4007e8", error_uri: "https://login.microsoftonline.com/error?code=50076", suberror: BasicAction, claims: "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}" }"#
    );
    let err = TokenError::from_json(POLLING.as_bytes()).unwrap();
    assert_eq!(
        format!("{err:?}"),
        r#"TokenError { error: SlowDown, error_description: [redacted: 133 bytes], error_codes: [70016], extra: {"interval": [redacted: 2 bytes], "expires_in": [redacted: 5 bytes], "device_code": [redacted: 46 bytes], "details": [redacted: 39 bytes]} }"#
    );
    // Values that do not look as they should are lengths too.
    let odd = TokenError::from_json(
        br#"{"error":"blocked: jo@example.com","suberror":"ask jo@example.com","timestamp":"jo@example.com","trace_id":"jo@example.com","error_uri":"https://jo@example.com/","jo@example.com":"x"}"#,
    )
    .unwrap();
    assert_eq!(
        format!("{odd:?}"),
        r#"TokenError { error: Other(Unrecognized([redacted: 23 bytes])), timestamp: [redacted: 14 bytes], trace_id: [redacted: 14 bytes], error_uri: [redacted: 23 bytes], suberror: Other(Unrecognized([redacted: 18 bytes])), extra: {[redacted: 14 bytes]: [redacted: 3 bytes]} }"#
    );
}

#[test]
fn debug_never_shows_descriptions_or_secrets() {
    let secrets = [
        "Multifactor authentication required",
        "Fe26.2*SERVER*secret",
        "DAQABAAEAAAD--DLA3VO7QrddgJg7WevrGAAC_secret",
        "AADSTS70016",
        "AADSTS50076",
        "jo@example.com",
    ];
    let with_address = STEP_UP.replace("multi-factor", "jo@example.com multi-factor");
    for body in [STEP_UP, AUTH0_MFA, POLLING, &with_address] {
        let err = TokenError::from_json(body.as_bytes()).unwrap();
        for shown in [format!("{err:?}"), format!("{err:#?}"), format!("{err}")] {
            for secret in secrets {
                assert!(!shown.contains(secret), "{secret} in {shown}");
            }
        }
        // Still there for the code that needs them.
        assert!(err.description().is_some());
    }
    let err = TokenError::from_json(AUTH0_MFA.as_bytes()).unwrap();
    assert_eq!(
        err.extra().collect::<Vec<_>>(),
        [("mfa_token", r#""Fe26.2*SERVER*secret""#)]
    );
}

// ---------------------------------------------------------------------------
// The golden rule, through Deserialize
// ---------------------------------------------------------------------------

#[test]
fn a_deserialized_error_classifies_the_same_whatever_its_description() {
    let bodies = [STEP_UP, AUTH0_MFA, POLLING, CLAIMS_OBJECT]
        .into_iter()
        .map(str::to_owned)
        .chain(token_samples());
    for body in bodies {
        let err = TokenError::from_json(body.as_bytes()).unwrap();
        let baseline = classify(&err);
        let mut value: serde_json::Value = serde_json::to_value(&err).unwrap();
        for description in [
            None,
            Some("AADSTS50196: temporarily_unavailable; retry"),
            Some("AADSTS65001: consent_required interaction_required"),
            Some(""),
        ] {
            let object = value.as_object_mut().unwrap();
            match description {
                Some(text) => object.insert("error_description".into(), text.into()),
                None => object.remove("error_description"),
            };
            let edited: TokenError<'static> = serde_json::from_value(value.clone()).unwrap();
            assert_eq!(edited.description(), description);
            assert_eq!(classify(&edited), baseline, "{body} with {description:?}");
        }
    }
}

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

#[derive(Deserialize)]
struct Sample {
    kind: String,
    input: String,
}

/// The token bodies of `tests/fixtures/` that parse.
fn token_samples() -> Vec<String> {
    let path = format!(
        "{}/tests/fixtures/public-samples.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let samples: Vec<String> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<Sample>(l).unwrap())
        .filter(|s| s.kind == "token_json")
        .map(|s| s.input)
        .filter(|input| TokenError::from_json(input.as_bytes()).is_ok())
        .collect();
    assert!(samples.len() >= 20, "{} token samples", samples.len());
    samples
}
