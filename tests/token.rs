//! The token endpoint parser: what it keeps, where it is lenient, and the exact
//! message of every parse error.

use oauth_triage::{classify, ErrorName, HttpResponse, Limits, ParseError, Suberror, TokenError};

/// The AADSTS codes the classification reads: `error_codes`, else the
/// code of a Microsoft `error_uri`.
fn codes(err: &TokenError<'_>) -> Vec<u32> {
    classify(err).codes().iter().map(|c| c.get()).collect()
}

#[track_caller]
fn parse_err(body: &str) -> ParseError {
    TokenError::from_json(body.as_bytes()).unwrap_err()
}

#[track_caller]
fn assert_message(body: &str, kind: &str, message: &str) {
    let err = parse_err(body);
    assert_eq!(err.kind(), kind, "{body:?}");
    assert_eq!(err.to_string(), message, "{body:?}");
}

const ENTRA: &str = r#"{"error":"interaction_required","error_description":"AADSTS50079: The user is required to use multi-factor authentication.\r\nTrace ID: 5c8ce2fc-1720-45c1-899a-0a6d0e965600\r\nCorrelation ID: e421d7f3-0160-4431-bc41-d675aa4007e8\r\nTimestamp: 2018-03-16 15:03:39Z","error_codes":[50079],"timestamp":"2018-03-16 15:03:39Z","trace_id":"5c8ce2fc-1720-45c1-899a-0a6d0e965600","correlation_id":"e421d7f3-0160-4431-bc41-d675aa4007e8","error_uri":"https:\/\/login.microsoftonline.com\/error?code=50079","claims":"{\"access_token\":{\"capolids\":{\"essential\":true,\"values\":[\"59866338\"]}}}","suberror":"basic_action","x_vendor":{"a":[1,2]}}"#;

#[test]
fn keeps_every_entra_member() {
    let err = TokenError::from_json(ENTRA.as_bytes()).unwrap();
    assert_eq!(err.error(), &ErrorName::InteractionRequired);
    assert!(err
        .description()
        .unwrap()
        .starts_with("AADSTS50079: The user"));
    assert!(err.description().unwrap().contains("\r\nTrace ID:"));
    assert_eq!(err.error_codes(), &[50079]);
    assert_eq!(err.timestamp(), Some("2018-03-16 15:03:39Z"));
    assert_eq!(err.trace_id(), Some("5c8ce2fc-1720-45c1-899a-0a6d0e965600"));
    assert_eq!(
        err.correlation_id(),
        Some("e421d7f3-0160-4431-bc41-d675aa4007e8")
    );
    assert_eq!(
        err.error_uri(),
        Some("https://login.microsoftonline.com/error?code=50079")
    );
    assert_eq!(err.suberror(), Some(&Suberror::BasicAction));
    assert_eq!(
        err.claims(),
        Some(r#"{"access_token":{"capolids":{"essential":true,"values":["59866338"]}}}"#)
    );
    assert_eq!(
        err.extra().collect::<Vec<_>>(),
        [("x_vendor", r#"{"a":[1,2]}"#)]
    );
}

#[test]
fn into_owned_keeps_everything() {
    let bytes = ENTRA.as_bytes().to_vec();
    let err = TokenError::from_json(&bytes).unwrap();
    let owned: TokenError<'static> = err.clone().into_owned();
    drop(bytes);
    assert_eq!(owned.error(), &ErrorName::InteractionRequired);
    assert_eq!(
        owned.trace_id(),
        Some("5c8ce2fc-1720-45c1-899a-0a6d0e965600")
    );
    assert_eq!(owned.extra().count(), 1);
}

#[test]
fn borrows_where_nothing_is_escaped() {
    let body = br#"{"error":"invalid_grant","trace_id":"abc","error_description":"plain"}"#;
    let err = TokenError::from_json(body).unwrap();
    let trace = err.trace_id().unwrap();
    let start = body.as_ptr() as usize;
    let within = |s: &str| (start..start + body.len()).contains(&(s.as_ptr() as usize));
    assert!(within(trace), "trace_id should point into the input");
    assert!(within(err.description().unwrap()));
}

#[test]
fn lenient_where_real_servers_are() {
    // BOM, pretty printing, `\/` escapes, no error_codes, login.windows.net.
    let body = "\u{feff}{\n  \"error\" : \"invalid_grant\",\n  \"error_uri\": \"https:\\/\\/login.windows.net\\/error?code=700003\"\n}\n";
    let err = TokenError::from_json(body.as_bytes()).unwrap();
    assert!(err.error_codes().is_empty());
    assert_eq!(codes(&err), &[700003]);
    // null members are absent
    let err = TokenError::from_json(
        br#"{"error":"invalid_grant","error_codes":null,"error_description":null}"#,
    )
    .unwrap();
    assert!(err.error_codes().is_empty());
    assert_eq!(err.description(), None);
    // codes as digit strings
    let err = TokenError::from_json(
        br#"{"error":"invalid_grant","error_codes":["50126","AADSTS70002"]}"#,
    )
    .unwrap();
    assert_eq!(err.error_codes(), &[50126, 70002]);
    // claims as an object
    let err =
        TokenError::from_json(br#"{"error":"interaction_required","claims":{"access_token":{}}}"#)
            .unwrap();
    assert_eq!(err.claims(), Some(r#"{"access_token":{}}"#));
}

#[test]
fn error_uri_codes_only_from_microsoft_hosts() {
    let body = br#"{"error":"invalid_grant","error_uri":"https://evil.example/error?code=50011"}"#;
    assert!(codes(&TokenError::from_json(body).unwrap()).is_empty());
    let body = br#"{"error":"invalid_grant","error_uri":"https://notmicrosoftonline.com/error?code=50011"}"#;
    assert!(codes(&TokenError::from_json(body).unwrap()).is_empty());
    let body = br#"{"error":"invalid_grant","error_uri":"https://login.microsoftonline.us/error?code=50011"}"#;
    assert_eq!(codes(&TokenError::from_json(body).unwrap()), &[50011]);
    // Non-ASCII hosts are compared byte-wise, never sliced inside a character.
    let body = "{\"error\":\"invalid_grant\",\"error_uri\":\"https://\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}.com/error?code=1\"}";
    assert!(codes(&TokenError::from_json(body.as_bytes()).unwrap()).is_empty());
    // error_codes wins over error_uri
    let body = br#"{"error":"invalid_grant","error_codes":[70000],"error_uri":"https://login.microsoftonline.com/error?code=50011"}"#;
    assert_eq!(codes(&TokenError::from_json(body).unwrap()), &[70000]);
}

#[test]
fn unknown_values_are_kept() {
    let err = TokenError::from_json(br#"{"error":"vendor_thing","suberror":"new_sub"}"#).unwrap();
    assert_eq!(err.error().as_str(), "vendor_thing");
    assert!(matches!(err.error(), ErrorName::Other(_)));
    assert_eq!(err.suberror().unwrap().as_str(), "new_sub");
}

#[test]
fn every_parse_error_message() {
    assert_message(
        "",
        "empty",
        "empty input where an error response was expected",
    );
    assert_message(
        " \n\t",
        "empty",
        "empty input where an error response was expected",
    );
    assert_message(
        "<!DOCTYPE html><html><body>Sign in to your account</body></html>",
        "html",
        "found an HTML page where a JSON error body was expected",
    );
    assert_message(
        "AADSTS700082: The refresh token has expired due to inactivity for user@example.com",
        "not_json",
        "not JSON: expected `{` but found a letter",
    );
    // Nothing of the text is quoted: it can be a token.
    for (body, found) in [
        (
            "access_token=gho_16C7e42F292c6912E7710c838347Ae178B4a",
            "a letter",
        ),
        ("\u{e9}t\u{e9}", "a non-ASCII byte"),
        ("*secret*", "`*`"),
        ("\u{7}bell", "a control character"),
    ] {
        let err = TokenError::from_json(body.as_bytes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("not JSON: expected `{{` but found {found}")
        );
    }
    assert_message(
        r#"{"error":"invalid_grant","error_description":"AADSTS9002313: Invalid"#,
        "truncated",
        "truncated JSON: input ends at line 1 column 68 before the object is complete",
    );
    assert_message(
        r#"{"error": "access_denied",}"#,
        "invalid_json",
        "invalid JSON at line 1 column 27: trailing comma",
    );
    assert_message(
        r#"{'error': 'invalid_client'}"#,
        "invalid_json",
        "invalid JSON at line 1 column 2: key must be a string",
    );
    assert_message(
        r#"{"error":"x"} trailing"#,
        "invalid_json",
        "invalid JSON at line 1 column 15: trailing characters",
    );
    assert_message(
        r#"["invalid_grant"]"#,
        "not_object",
        "expected a JSON object, found an array",
    );
    assert_message(
        r#""invalid_grant""#,
        "not_object",
        "expected a JSON object, found a string",
    );
    assert_message("42", "not_object", "expected a JSON object, found a number");
    assert_message(
        r#"{"access_token":"eyJ0eXAi","token_type":"Bearer","expires_in":3599}"#,
        "success",
        "the response is a success, not an error",
    );
    assert_message(
        r#"{"message":"nope"}"#,
        "missing_error",
        "no `error` member in the error response",
    );
    assert_message(
        r#"{"error":42}"#,
        "wrong_type",
        "`error` is a number, expected a string",
    );
    assert_message(
        r#"{"error":null}"#,
        "wrong_type",
        "`error` is null, expected a string",
    );
    assert_message(
        r#"{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired."}}"#,
        "wrong_type",
        "`error` is an object, expected a string",
    );
    assert_message(
        r#"{"error":"invalid_grant","error_codes":"50126"}"#,
        "wrong_type",
        "`error_codes` is a string, expected an array of integers",
    );
    assert_message(
        r#"{"error":"invalid_grant","error_codes":[-1]}"#,
        "wrong_type",
        "`error_codes` is an array with a non-code element, expected an array of integers",
    );
    assert_message(
        r#"{"error":"invalid_grant","trace_id":7}"#,
        "wrong_type",
        "`trace_id` is a number, expected a string",
    );
    assert_message(
        r#"{"error":"invalid_grant","claims":true}"#,
        "wrong_type",
        "`claims` is a boolean, expected a string",
    );
    assert_message(
        r#"{"error":"invalid \"grant\""}"#,
        "invalid_error_value",
        r#"`error` value "invalid \"grant\"" has characters outside RFC 6749's set (printable ASCII except `"` and `\`)"#,
    );
    assert_message(
        r#"{"error":""}"#,
        "invalid_error_value",
        r#"`error` value "" has characters outside RFC 6749's set (printable ASCII except `"` and `\`)"#,
    );
    assert_message(
        r#"{"error":"access_denied","error":"invalid_grant"}"#,
        "duplicate",
        r#""error" appears more than once"#,
    );
}

#[test]
fn size_limit() {
    let body = format!(
        r#"{{"error":"invalid_grant","error_description":"{}"}}"#,
        "x".repeat(70_000)
    );
    let err = parse_err(&body);
    assert_eq!(err.kind(), "too_large");
    assert_eq!(
        err.to_string(),
        format!(
            "input is {} bytes, over the limit of 65536 bytes",
            body.len()
        )
    );
    let roomy = {
        let mut limits = Limits::DEFAULT;
        limits.max_body = 1 << 20;
        limits
    };
    let response = HttpResponse::new(400).limits(roomy).body(body.as_bytes());
    assert!(
        response.error_body().is_some(),
        "{:?}",
        classify(&response).parse_error().cloned()
    );
}

#[test]
fn messages_do_not_echo_long_server_text() {
    let body = format!("Error for alice@example.com {}", "y".repeat(500));
    let message = parse_err(&body).to_string();
    assert!(message.len() < 80, "{message}");
}
