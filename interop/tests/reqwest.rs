//! reqwest 0.12 against the loopback server: the status, headers and body
//! that reqwest hands over are read by `HttpResponse::from_parts` (the
//! `http` feature), as the crate's docs show.

use std::time::Duration;

use oauth_triage::{classify, Action, HttpResponse, ParseError};
use oauth_triage_interop::{response, Server};

/// What a token request sends: a form with a refresh token.
const FORM: &str = "grant_type=refresh_token&refresh_token=r1&client_id=app";

/// An Entra body asking for more authentication: the claims request is a
/// JSON string holding JSON.
const ENTRA_STEP_UP: &[u8] = br#"{"error":"invalid_grant","suberror":"basic_action","error_codes":[50076],"claims":"{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}"}"#;

/// That claims request, decoded, as the client must send it.
const CLAIMS: &str = r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#;

/// A whole response as reqwest hands it over.
struct Parts {
    status: reqwest::StatusCode,
    headers: http::HeaderMap,
    body: bytes::Bytes,
}

impl Parts {
    fn response(&self) -> HttpResponse<'_> {
        HttpResponse::from_parts(self.status, &self.headers, &self.body)
    }
}

/// Sends the token request and keeps the whole response: the lines the
/// docs of `HttpResponse::from_parts` show. The status and headers are
/// taken before the body is read, which consumes the response.
async fn post_token(client: &reqwest::Client, url: &str) -> reqwest::Result<Parts> {
    let mut resp = client
        .post(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(FORM)
        .send()
        .await?;
    let status = resp.status();
    let headers = std::mem::take(resp.headers_mut());
    let body = resp.bytes().await?;
    // Classified right here, borrowing all three.
    let c = classify(HttpResponse::from_parts(status, &headers, &body));
    assert!(c.status().is_some());
    Ok(Parts {
        status,
        headers,
        body,
    })
}

#[tokio::test]
async fn token_errors_through_reqwest() {
    tokio::time::timeout(Duration::from_secs(30), token_errors())
        .await
        .expect("the test took more than 30 s");
}

async fn token_errors() {
    let server = Server::start(vec![
        response(
            "429 Too Many Requests",
            &[("Content-Type", "application/json"), ("Retry-After", "7")],
            br#"{"error":"temporarily_unavailable"}"#,
        ),
        response(
            "400 Bad Request",
            &[("Content-Type", "application/json; charset=utf-8")],
            ENTRA_STEP_UP,
        ),
        response(
            "502 Bad Gateway",
            &[("Content-Type", "text/html")],
            b"<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>",
        ),
    ])
    .await
    .expect("bind 127.0.0.1");
    let url = server.url("/token");
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");

    // 429 with Retry-After: retry after the server's delay.
    let throttled = post_token(&client, &url).await.expect("429 response");
    assert_eq!(throttled.status, 429);
    let response = throttled.response();
    let c = classify(&response);
    assert_eq!(
        c.action(),
        &Action::Retry {
            after: Some(Duration::from_secs(7))
        }
    );
    assert_eq!(c.retry_after(), Some(Duration::from_secs(7)));

    // Entra asks for more authentication: step up with the claims request,
    // decoded from its JSON string.
    let step_up = post_token(&client, &url).await.expect("400 response");
    let response = step_up.response();
    let c = classify(&response);
    assert!(matches!(c.action(), Action::StepUp(_)), "{c:?}");
    assert_eq!(
        (match c.action() {
            oauth_triage::Action::StepUp(s) => Some(s),
            _ => None,
        })
        .unwrap()
        .claims
        .as_deref(),
        Some(CLAIMS)
    );
    assert_eq!(c.codes(), &[50076]);

    // A proxy's HTML page: retryable (5xx), and the parse error says why the
    // body was not read.
    let gateway = post_token(&client, &url).await.expect("502 response");
    let response = gateway.response();
    let c = classify(&response);
    assert!(matches!(c.action(), Action::Retry { .. }), "{c:?}");
    assert_eq!(c.parse_error().map(ParseError::kind), Some("html"));

    // What reqwest sent, three times.
    let requests = server.finish().await.expect("server");
    assert_eq!(requests.len(), 3);
    for request in &requests {
        assert_eq!(request.request_line(), "POST /token HTTP/1.1");
        assert_eq!(
            request.header("content-type"),
            Some("application/x-www-form-urlencoded")
        );
        assert_eq!(request.body, FORM.as_bytes());
    }
}
