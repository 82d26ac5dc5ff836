//! Responses that are not errors, whole responses classified by value, and
//! responses whose status is not known.

use std::error::Error;
use std::time::Duration;

use oauth_triage::{
    classify, Action, Challenges, Classification, DecidedBy, ErrorName, HttpResponse, Party,
    TokenError,
};

const TOKEN_RESPONSE: &[u8] = br#"{"access_token":"eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.sig","token_type":"Bearer","expires_in":3599,"scope":"User.Read","refresh_token":"0.AXoA-refresh"}"#;

fn outcome(response: &HttpResponse<'_>) -> (Action<'static>, DecidedBy) {
    let c = classify(response);
    (c.action().clone().into_owned(), c.decided_by())
}

#[test]
fn a_2xx_that_is_not_an_error_is_a_success() {
    for (status, body) in [
        (200, TOKEN_RESPONSE),
        // No content at all (a revocation endpoint's answer).
        (204, &b""[..]),
        (200, b"  \r\n"),
        // An API's answer: an object without `error`, or another JSON value.
        (200, br#"{"value":[]}"#),
        (201, br#"[{"id":"1"}]"#),
        (200, b"true"),
    ] {
        let response = HttpResponse::new(status).body(body);
        let c = classify(&response);
        assert_eq!(
            (c.action(), c.decided_by()),
            (&Action::Success, DecidedBy::Status),
            "{status} {:?}",
            String::from_utf8_lossy(body)
        );
        // Not an error, so not a parse failure either.
        assert_eq!(c.parse_error(), None);
        assert_eq!(c.party(), Party::Service);
        assert!(!c.action().is_retryable() && !c.action().is_terminal());
        assert!(!c.action().needs_user());
        assert_eq!(
            c.to_string(),
            format!("success (decided by status; status {status})")
        );
    }
}

#[test]
fn a_2xx_that_carries_an_error_is_that_error() {
    // GitHub answers token errors with 200.
    let body = br#"{"error":"bad_verification_code","error_description":"The code passed is incorrect or expired.","error_uri":"https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code"}"#;
    let response = HttpResponse::new(200).body(body);
    let c = classify(&response);
    assert_eq!(c.error(), Some(&ErrorName::BadVerificationCode));
    assert_eq!(
        (c.action(), c.decided_by()),
        (&Action::Reauthenticate, DecidedBy::Error)
    );
    assert_eq!(c.status(), Some(200));

    // A Graph-style error body on a 2xx is an error too.
    let graph =
        br#"{"error":{"code":"InvalidAuthenticationToken","message":"Access token is empty."}}"#;
    assert_eq!(
        outcome(&HttpResponse::new(200).body(graph)),
        (Action::Renew, DecidedBy::Error)
    );

    // The description never decides, on a 2xx either.
    let plain = br#"{"error":"bad_verification_code"}"#;
    assert_eq!(
        classify(HttpResponse::new(200).body(plain)),
        classify(HttpResponse::new(200).body(&body[..]))
    );
}

#[test]
fn a_2xx_whose_body_cannot_be_read_is_no_success() {
    // A captive portal or a sign-in page, served with 200.
    for body in [
        &b"<!DOCTYPE html><html><head><title>Sign in to Wi-Fi</title></head></html>"[..],
        b"{\"access_token\":\"eyJ0eXAi",
        b"Thank you",
    ] {
        let c = classify(HttpResponse::new(200).body(body));
        assert_eq!(
            (c.action(), c.decided_by()),
            (&Action::Abort, DecidedBy::Fallback),
            "{:?}",
            String::from_utf8_lossy(body)
        );
        assert!(c.parse_error().is_some());
    }
    let c = classify(HttpResponse::new(200).body(b"<html><body>Hotel Wi-Fi</body></html>"));
    assert_eq!(c.parse_error().map(|e| e.kind()), Some("html"));
}

#[test]
fn only_a_status_says_success() {
    // A token body without its response: no status, so no success either;
    // the parser says what it is.
    assert_eq!(
        TokenError::from_json(TOKEN_RESPONSE).map(|_| ()),
        Err(oauth_triage::ParseError::Success)
    );
    let unknown = HttpResponse::without_status().body(TOKEN_RESPONSE);
    assert_eq!(
        outcome(&unknown),
        (Action::Abort, DecidedBy::Fallback),
        "without a status nothing says the request succeeded"
    );
    // 1xx and 3xx are not successes.
    for status in [101, 302, 304] {
        assert_eq!(
            outcome(&HttpResponse::new(status)),
            (Action::Abort, DecidedBy::Fallback),
            "{status}"
        );
    }
}

#[test]
fn one_match_handles_every_response() {
    fn next(status: u16, retry_after: &str, body: &[u8]) -> &'static str {
        let response = HttpResponse::new(status)
            .header("Retry-After", retry_after.to_owned())
            .body(body);
        match classify(&response).action() {
            Action::Success => "use the token",
            Action::Retry { .. } => "wait and retry",
            Action::Reauthenticate => "sign in",
            _ => "stop",
        }
    }
    assert_eq!(next(200, "", TOKEN_RESPONSE), "use the token");
    assert_eq!(next(429, "5", b""), "wait and retry");
    assert_eq!(next(400, "", br#"{"error":"invalid_grant"}"#), "sign in");
    assert_eq!(next(401, "", br#"{"error":"invalid_client"}"#), "stop");
}

#[test]
fn the_status_may_be_unknown() {
    let response = HttpResponse::without_status()
        .header("Retry-After", "12")
        .body(
        br#"{"error":"temporarily_unavailable","trace_id":"6e94ade5-10de-4d67-909a-14d845813500"}"#,
    );
    let c = classify(&response);
    assert_eq!(c.status(), None);
    assert_eq!(c.retry_after(), Some(Duration::from_secs(12)));
    assert!(!c.to_string().contains("status"), "{c}");
    assert_eq!(
        serde_json::to_value(&c).unwrap()["status"],
        serde_json::Value::Null
    );
    // What `Default` gives.
    assert_eq!(classify(HttpResponse::default()).status(), None);
}

#[test]
fn header_values_may_be_owned() {
    // The values outlive nothing: each is dropped as soon as it is given.
    let response = HttpResponse::new(401)
        .header(
            "WWW-Authenticate",
            String::from(r#"DPoP algs="ES256", error="use_dpop_nonce""#),
        )
        .header("DPoP-Nonce", format!(" {} ", "eyJ7S_zG.eyJH0-Z.HX4w-7v"))
        .header("Retry-After", String::from("3"))
        .sent_scheme("DPoP");
    assert_eq!(response.dpop_nonce(), Some("eyJ7S_zG.eyJH0-Z.HX4w-7v"));
    assert_eq!(response.challenges().iter().count(), 1);
    assert_eq!(classify(&response).action(), &Action::RetryWithNonce);

    // An owned value that cannot be parsed is reported like a borrowed one.
    let broken = HttpResponse::new(401).header("WWW-Authenticate", String::from("Bearer error=\""));
    assert_eq!(
        broken.challenges().parse_error(),
        HttpResponse::new(401)
            .header("WWW-Authenticate", "Bearer error=\"")
            .challenges()
            .parse_error()
    );
}

/// Parses and classifies in one expression, returning what no longer
/// borrows anything: the case a reference to a temporary cannot serve.
fn triage(body: Vec<u8>) -> Result<Classification<'static>, oauth_triage::ParseError> {
    Ok(classify(TokenError::from_json(&body)?).into_owned())
}

#[test]
fn inputs_may_be_given_by_value() {
    let body = br#"{"error":"invalid_grant","error_codes":[50076],"suberror":"basic_action","trace_id":"0b1c6e2a-7f3d-4a51-9c8e-5d2f4b7a1e00"}"#;
    let by_value = classify(TokenError::from_json(body).unwrap());
    let err = TokenError::from_json(body).unwrap();
    assert_eq!(by_value, classify(&err));
    assert_eq!(
        by_value.trace_id(),
        Some("0b1c6e2a-7f3d-4a51-9c8e-5d2f4b7a1e00")
    );
    assert_eq!(triage(body.to_vec()).unwrap(), classify(&err));

    let response = HttpResponse::new(429).header("Retry-After", "7");
    let expected = classify(&response).into_owned();
    assert_eq!(classify(response), expected);

    let challenges =
        Challenges::parse(r#"Bearer error="insufficient_scope", scope="Mail.Send""#).unwrap();
    let expected = classify(&challenges).into_owned();
    assert_eq!(classify(challenges), expected);

    let url = "https://app.example/cb?error=consent_required&state=Zx81";
    let verified = oauth_triage::Callback::from_redirect_uri(url)
        .unwrap()
        .check(&oauth_triage::ExpectedCallback::state("Zx81"))
        .unwrap();
    let redirect = verified.error().unwrap().clone();
    let expected = classify(&redirect).into_owned();
    assert_eq!(classify(redirect), expected);
}

#[test]
fn an_owned_classification_is_an_error_that_travels() {
    fn assert_traits<T: Error + Send + Sync + 'static>() {}
    assert_traits::<Classification<'static>>();

    fn refresh() -> Result<(), Box<dyn Error + Send + Sync>> {
        let body = br#"{"error":"invalid_client","error_codes":[7000222]}"#.to_vec();
        let c = classify(TokenError::from_json(&body)?);
        if c.action().is_terminal() {
            Err(c.into_owned())?;
        }
        Ok(())
    }
    let err = refresh().unwrap_err();
    assert_eq!(
        err.to_string(),
        "fix_credentials (decided by catalog:7000222; error invalid_client; codes 7000222)"
    );
    let c = err.downcast::<Classification<'static>>().unwrap();
    assert_eq!(c.action(), &Action::FixCredentials);
    assert!(c.source().is_none());
}

#[cfg(feature = "http")]
mod http_parts {
    use super::*;
    use http::header::{HeaderMap, HeaderValue, RETRY_AFTER, WWW_AUTHENTICATE};
    use http::StatusCode;

    #[test]
    fn from_parts_reads_status_headers_and_body() {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        headers.append(
            WWW_AUTHENTICATE,
            HeaderValue::from_static(r#"Basic realm="legacy""#),
        );
        // A value that is not UTF-8 is skipped, not a reason to fail.
        headers.append("x-odd", HeaderValue::from_bytes(b"\xff\xfe").unwrap());
        let body = br#"{"error":"temporarily_unavailable"}"#;
        let response = HttpResponse::from_parts(StatusCode::TOO_MANY_REQUESTS, &headers, body);
        let c = classify(&response);
        assert_eq!(c.status(), Some(429));
        assert_eq!(c.retry_after(), Some(Duration::from_secs(7)));
        assert_eq!(response.challenges().iter().len(), 1);

        // The same as the whole `http::Response`.
        let mut whole = http::Response::new(body.to_vec());
        *whole.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        *whole.headers_mut() = headers.clone();
        assert_eq!(classify(HttpResponse::from(&whole)), c);

        let none = HeaderMap::new();
        let ok = HttpResponse::from_parts(StatusCode::OK, &none, TOKEN_RESPONSE);
        assert_eq!(classify(&ok).action(), &Action::Success);
    }
}
