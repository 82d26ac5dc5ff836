//! oauth2 5 over reqwest 0.12, against the loopback server: a client whose
//! error type is `TokenError<'static>` keeps every Entra member; the
//! `KeepResponses` wrapper keeps whole error responses; the stock
//! `BasicClient` is classified from what it keeps.

use std::time::Duration;

use oauth2::basic::BasicClient;
use oauth2::{
    ClientId, ClientSecret, HttpClientError, RefreshToken, RequestTokenError, TokenResponse,
    TokenUrl,
};
use oauth_triage::oauth2::{HttpError, KeepResponses, TokenErrorClient};
use oauth_triage::{classify, Action, DecidedBy, ErrorName, ParseError, Suberror};
use oauth_triage_interop::{response, Server};

const JSON: (&str, &str) = ("Content-Type", "application/json; charset=utf-8");

/// Entra's answer when Conditional Access asks for MFA on a refresh.
const STEP_UP: &[u8] = br#"{"error":"invalid_grant","error_description":"AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.\r\nTrace ID: a50bbe59-dd02-42f6-b6b1-3931021e0f02\r\nCorrelation ID: 355da6cc-ab30-4456-91aa-0be3e8e0925c\r\nTimestamp: 2024-05-02 11:42:13Z","error_codes":[50076],"timestamp":"2024-05-02 11:42:13Z","trace_id":"a50bbe59-dd02-42f6-b6b1-3931021e0f02","correlation_id":"355da6cc-ab30-4456-91aa-0be3e8e0925c","error_uri":"https://login.microsoftonline.com/error?code=50076","suberror":"basic_action","claims":"{\"access_token\":{\"capolids\":{\"essential\":true,\"values\":[\"da9d1d9d-2cf5-498f-8463-69025e65fe48\"]}}}"}"#;

/// The claims request of [`STEP_UP`], decoded, as the next request must send it.
const CLAIMS: &str = r#"{"access_token":{"capolids":{"essential":true,"values":["da9d1d9d-2cf5-498f-8463-69025e65fe48"]}}}"#;

const TOKEN: &[u8] = br#"{"token_type":"Bearer","scope":"User.Read","expires_in":3599,"access_token":"eyJ0eXAiOiJKV1QiLCJub25jZSI6IjEifQ.e30.c2ln","refresh_token":"0.AXoA-new"}"#;

const TOKEN_WITH_NULL_ERROR: &[u8] = br#"{"token_type":"Bearer","expires_in":3599,"access_token":"eyJ0eXAiOiJKV1QiLCJub25jZSI6IjEifQ.e30.c2ln","error":null,"message":"token issued","detail":{"tenant":"contoso"}}"#;

const BAD_GATEWAY: &[u8] =
    b"<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";

/// The reqwest that oauth2 implements its client for, through its own
/// re-export, as the README shows.
fn http_client() -> oauth2::reqwest::Client {
    oauth2::reqwest::ClientBuilder::new()
        // oauth2 asks for no redirects on token requests.
        .redirect(oauth2::reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

fn client(
    server: &Server,
) -> TokenErrorClient<
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointSet,
> {
    TokenErrorClient::new(ClientId::new("3f1a6b0e-1d2c-4e5f-8a9b-0c1d2e3f4a5b".into()))
        .set_client_secret(ClientSecret::new("s3cr3t".into()))
        .set_token_uri(TokenUrl::new(server.url("/token")).expect("url"))
}

/// oauth2's stock client, for use over `KeepResponses`.
fn basic_client(
    server: &Server,
) -> BasicClient<
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointSet,
> {
    BasicClient::new(ClientId::new("3f1a6b0e-1d2c-4e5f-8a9b-0c1d2e3f4a5b".into()))
        .set_client_secret(ClientSecret::new("s3cr3t".into()))
        .set_token_uri(TokenUrl::new(server.url("/token")).expect("url"))
}

fn refresh_token() -> RefreshToken {
    RefreshToken::new("0.AXoA-refresh".into())
}

/// Runs a test body with a time limit, so that nothing hangs.
async fn bounded<F: std::future::Future<Output = ()>>(test: F) {
    tokio::time::timeout(Duration::from_secs(30), test)
        .await
        .expect("the test took more than 30 s");
}

#[tokio::test]
async fn token_error_as_the_error_type_keeps_every_entra_member() {
    bounded(async {
        let server = Server::start(vec![response("400 Bad Request", &[JSON], STEP_UP)])
            .await
            .expect("bind 127.0.0.1");
        let http = http_client();
        let err = client(&server)
            .exchange_refresh_token(&refresh_token())
            .request_async(&http)
            .await
            .expect_err("a step-up");
        let RequestTokenError::ServerResponse(body) = &err else {
            panic!("expected the server's error body, got {err:?}");
        };
        assert_eq!(body.error(), &ErrorName::InvalidGrant);
        assert_eq!(body.suberror(), Some(&Suberror::BasicAction));
        assert_eq!(body.error_codes(), &[50076]);
        assert_eq!(
            body.trace_id(),
            Some("a50bbe59-dd02-42f6-b6b1-3931021e0f02")
        );
        assert_eq!(body.claims(), Some(CLAIMS));

        let c = classify(&err);
        assert_eq!(c.decided_by(), DecidedBy::Claims);
        assert_eq!(
            (match c.action() {
                oauth_triage::Action::StepUp(s) => Some(s),
                _ => None,
            })
            .and_then(|s| s.claims.as_deref()),
            Some(CLAIMS)
        );
        assert_eq!(c.codes(), &[50076]);
        // The refresh token went out as a form.
        let requests = server.finish().await.expect("server");
        assert_eq!(requests.len(), 1);
        assert_eq!(requests[0].request_line(), "POST /token HTTP/1.1");
        let form = String::from_utf8_lossy(&requests[0].body).into_owned();
        assert!(form.contains("grant_type=refresh_token"), "{form}");
    })
    .await;
}

#[tokio::test]
async fn keep_responses_hands_back_whole_error_responses() {
    bounded(async {
        let server = Server::start(vec![
            response(
                "429 Too Many Requests",
                &[JSON, ("Retry-After", "7")],
                br#"{"error":"temporarily_unavailable"}"#,
            ),
            // A 429 with a text body and one with no body: oauth2 alone
            // reports both as errors of its own.
            response("429 Too Many Requests", &[("Retry-After", "3")], b"Too Many Requests"),
            response("429 Too Many Requests", &[], b""),
            response("502 Bad Gateway", &[("Content-Type", "text/html")], BAD_GATEWAY),
            response("400 Bad Request", &[JSON], STEP_UP),
            response(
                "401 Unauthorized",
                &[JSON, ("WWW-Authenticate", r#"Basic realm="login.microsoftonline.com""#)],
                br#"{"error":"invalid_client","error_codes":[7000215]}"#,
            ),
            // GitHub answers token errors with 200.
            response(
                "200 OK",
                &[JSON],
                br#"{"error":"bad_verification_code","error_description":"The code passed is incorrect or expired.","error_uri":"https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code"}"#,
            ),
            response("200 OK", &[JSON], TOKEN),
            // A token with `"error": null` and free text: plain oauth2
            // accepts it, and so does the wrapper.
            response("200 OK", &[JSON], TOKEN_WITH_NULL_ERROR),
        ])
        .await
        .expect("bind 127.0.0.1");
        let http = KeepResponses::new(http_client());
        // With the wrapper, the client's error type never sees an error
        // response: the stock client will do.
        let client = basic_client(&server);
        let mut outcomes = Vec::new();
        for _ in 0..7 {
            // Spawned on the runtime: the wrapper's future is `Send`.
            let (client, http) = (client.clone(), http.clone());
            let err = tokio::spawn(async move {
                client
                    .exchange_refresh_token(&refresh_token())
                    .request_async(&http)
                    .await
                    .map(|_| ())
            })
            .await
            .expect("task")
            .expect_err("an error response");
            let RequestTokenError::Request(kept) = &err else {
                panic!("expected the kept response, got {err:?}");
            };
            assert!(kept.response().is_some());
            let c = classify(&err);
            assert_eq!(c, classify(kept));
            // Log-safe and useful through `?`: the status and the body's codes.
            let line = kept.to_string();
            assert!(line.starts_with("the server answered with HTTP status "), "{line}");
            if let Some(code) = c.codes().first() {
                assert!(line.contains(&code.get().to_string()), "{line}");
            }
            outcomes.push((
                kept.response().map(|r| r.status().as_u16()),
                c.action().to_string(),
                c.decided_by(),
                c.parse_error().map(ParseError::kind),
            ));
            if let Action::StepUp(step_up) = c.action() {
                assert_eq!(step_up.claims.as_deref(), Some(CLAIMS));
            }
        }
        let expected = [
            (429, "retry after 7s", DecidedBy::Status, None),
            (429, "retry after 3s", DecidedBy::Status, Some("not_json")),
            (429, "retry", DecidedBy::Status, None),
            (502, "retry", DecidedBy::Status, Some("html")),
            (400, "step_up", DecidedBy::Claims, None),
            (401, "fix_credentials", DecidedBy::Catalog(7000215.into()), None),
            (200, "reauthenticate", DecidedBy::Error, None),
        ]
        .map(|(status, action, by, parse)| (Some(status), action.to_owned(), by, parse));
        assert_eq!(outcomes, expected);

        // A success passes through untouched.
        let token = client
            .exchange_refresh_token(&refresh_token())
            .request_async(&http)
            .await
            .expect("a token");
        assert_eq!(token.expires_in(), Some(Duration::from_secs(3599)));
        let token = client
            .exchange_refresh_token(&refresh_token())
            .request_async(&http)
            .await
            .expect("a token, though it says `\"error\": null`");
        assert_eq!(token.expires_in(), Some(Duration::from_secs(3599)));
        assert_eq!(server.finish().await.expect("server").len(), 9);
    })
    .await;
}

#[tokio::test]
async fn the_stock_client_is_classified_from_what_it_keeps() {
    bounded(async {
        let server = Server::start(vec![
            response("400 Bad Request", &[JSON], STEP_UP),
            response(
                "429 Too Many Requests",
                &[("Retry-After", "7")],
                b"Too Many Requests",
            ),
            response(
                "502 Bad Gateway",
                &[("Content-Type", "text/html")],
                BAD_GATEWAY,
            ),
        ])
        .await
        .expect("bind 127.0.0.1");
        let http = http_client();
        let client = BasicClient::new(ClientId::new("app".into()))
            .set_token_uri(TokenUrl::new(server.url("/token")).expect("url"));
        let mut outcomes = Vec::new();
        for _ in 0..3 {
            let err = client
                .exchange_refresh_token(&refresh_token())
                .request_async(&http)
                .await
                .expect_err("an error");
            let c = classify(&err);
            outcomes.push((
                c.action().to_string(),
                c.decided_by(),
                c.parse_error().map(ParseError::kind),
            ));
            if let RequestTokenError::ServerResponse(body) = &err {
                // The standard error response itself classifies the same.
                assert_eq!(classify(body), c);
            }
        }
        // oauth2's error type keeps `error`, the description and `error_uri`:
        // the code still comes from Microsoft's `error_uri`, but the suberror
        // and the claims request are gone, so the step-up is lost; the
        // status is gone too, so a throttled or failing server is no longer
        // retried. `KeepResponses` and `TokenError` are the remedy.
        assert_eq!(
            outcomes,
            [
                (
                    "reauthenticate".to_owned(),
                    DecidedBy::Catalog(50076.into()),
                    None
                ),
                ("abort".to_owned(), DecidedBy::Fallback, Some("not_json")),
                ("abort".to_owned(), DecidedBy::Fallback, Some("html")),
            ]
        );
        server.finish().await.expect("server");
    })
    .await;
}

#[tokio::test]
async fn no_answer_at_all_is_retried() {
    bounded(async {
        // A port that nothing listens on any more.
        let url = {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            format!("http://{}/token", listener.local_addr().expect("addr"))
        };
        let plain = http_client();
        let kept = KeepResponses::new(http_client());
        let client = TokenErrorClient::new(ClientId::new("app".into()))
            .set_token_uri(TokenUrl::new(url).expect("url"));

        let err = client
            .exchange_refresh_token(&refresh_token())
            .request_async(&plain)
            .await
            .expect_err("refused");
        assert!(matches!(
            err,
            RequestTokenError::Request(HttpClientError::Reqwest(_))
        ));
        let c = classify(&err);
        assert_eq!(
            (c.action(), c.decided_by()),
            (&Action::Retry { after: None }, DecidedBy::Transport)
        );

        let err = client
            .exchange_refresh_token(&refresh_token())
            .request_async(&kept)
            .await
            .expect_err("refused");
        let RequestTokenError::Request(http_err) = &err else {
            panic!("expected a request error, got {err:?}");
        };
        assert!(http_err.response().is_none());
        let source = std::error::Error::source(http_err).expect("the reqwest error");
        assert!(source.is::<HttpClientError<reqwest::Error>>());
        assert_eq!(classify(&err).decided_by(), DecidedBy::Transport);
        let _: &HttpError = http_err;
    })
    .await;
}
