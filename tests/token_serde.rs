//! `TokenError` as an error type: the log-safe `Display` and `Debug`, on
//! real bodies.

use oauth_triage::TokenError;

/// A Conditional Access step-up from Entra's v2 token endpoint.
const STEP_UP: &str = r#"{"error":"invalid_grant","error_description":"AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'. Trace ID: 5c8ce2fc-1720-45c1-899a-0a6d0e965600 Correlation ID: e421d7f3-0160-4431-bc41-d675aa4007e8 Timestamp: 2024-05-02 11:42:13Z","error_codes":[50076],"timestamp":"2024-05-02 11:42:13Z","trace_id":"5c8ce2fc-1720-45c1-899a-0a6d0e965600","correlation_id":"e421d7f3-0160-4431-bc41-d675aa4007e8","error_uri":"https://login.microsoftonline.com/error?code=50076","suberror":"basic_action","claims":"{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}"}"#;

/// Auth0 asks for a second factor and sends the token that continues it.
const AUTH0_MFA: &str = r#"{"error":"mfa_required","error_description":"Multifactor authentication required","mfa_token":"Fe26.2*SERVER*secret"}"#;

/// Device-code polling, pretty-printed, with the interval and an echoed
/// device code among the members the crate does not model.
const POLLING: &str = "{\n  \"error\": \"slow_down\",\n  \"error_description\": \"AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling.\\r\\nTrace ID: 0b1c6e2a-7f3d-4a51-9c8e-5d2f4b7a1e00\",\n  \"error_codes\": [ 70016 ],\n  \"interval\": 10,\n  \"expires_in\": 8.5e2,\n  \"device_code\": \"DAQABAAEAAAD--DLA3VO7QrddgJg7WevrGAAC_secret\",\n  \"details\": { \"b\": [1, 2.50, null], \"a\": \"\\u00e9\" }\n}";

#[test]
fn token_error_is_an_error() {
    fn error<T: std::error::Error + Send + Sync + 'static>() {}
    error::<TokenError<'static>>();
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
