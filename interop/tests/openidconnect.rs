//! openidconnect 4 (which builds on oauth2 5) over reqwest 0.12, against
//! the loopback server: its `CoreClient`, whose error type is oauth2's
//! standard error response, classified as it is and over `KeepResponses`.

use std::time::Duration;

use oauth_triage::oauth2::KeepResponses;
use oauth_triage::{classify, Action, DecidedBy, ParseError};
use oauth_triage_interop::{response, Server};
use openidconnect::core::{CoreClient, CoreJsonWebKeySet};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, IssuerUrl, PkceCodeVerifier, RequestTokenError,
    TokenUrl,
};

const JSON: (&str, &str) = ("Content-Type", "application/json; charset=utf-8");

/// Entra's answer to a code that was already redeemed.
const REDEEMED: &[u8] = br#"{"error":"invalid_grant","error_description":"AADSTS54005: OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.\r\nTrace ID: 0f4c2bd2-5a31-4a8c-9f7e-2d1b6f0e7a11","error_codes":[54005],"trace_id":"0f4c2bd2-5a31-4a8c-9f7e-2d1b6f0e7a11","error_uri":"https://login.microsoftonline.com/error?code=54005"}"#;

/// Entra's answer to an expired client secret.
const EXPIRED_SECRET: &[u8] = br#"{"error":"invalid_client","error_description":"AADSTS7000222: The provided client secret keys are expired.","error_codes":[7000222],"error_uri":"https://login.microsoftonline.com/error?code=7000222"}"#;

fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

#[tokio::test]
async fn core_client_errors_are_classified() {
    tokio::time::timeout(Duration::from_secs(30), core_client())
        .await
        .expect("the test took more than 30 s");
}

async fn core_client() {
    let server = Server::start(vec![
        response("400 Bad Request", &[JSON], REDEEMED),
        response("401 Unauthorized", &[JSON], EXPIRED_SECRET),
        response("429 Too Many Requests", &[("Retry-After", "7")], b""),
        response("401 Unauthorized", &[JSON], EXPIRED_SECRET),
    ])
    .await
    .expect("bind 127.0.0.1");
    let client = CoreClient::new(
        ClientId::new("3f1a6b0e-1d2c-4e5f-8a9b-0c1d2e3f4a5b".into()),
        IssuerUrl::new(server.url("/contoso/v2.0")).expect("issuer"),
        CoreJsonWebKeySet::new(Vec::new()),
    )
    .set_client_secret(ClientSecret::new("expired".into()))
    .set_token_uri(TokenUrl::new(server.url("/token")).expect("url"));
    // The code exchange, over either HTTP client.
    macro_rules! exchange {
        ($http:expr) => {
            client
                .exchange_code(AuthorizationCode::new("0.AXoA-code".into()))
                .set_pkce_verifier(PkceCodeVerifier::new("v".repeat(43)))
                .request_async($http)
                .await
                .expect_err("an error response")
        };
    }

    // The stock error type: the code comes from Microsoft's `error_uri`.
    let plain = http_client();
    let err = exchange!(&plain);
    assert!(
        matches!(err, RequestTokenError::ServerResponse(_)),
        "{err:?}"
    );
    let c = classify(&err);
    assert_eq!(c.codes(), &[54005]);
    assert_eq!(c.error().map(|e| e.as_str()), Some("invalid_grant"));
    if let RequestTokenError::ServerResponse(body) = &err {
        assert_eq!(classify(body), c);
    }
    let err = exchange!(&plain);
    assert_eq!(
        (classify(&err).action(), classify(&err).decided_by()),
        (&Action::FixCredentials, DecidedBy::Catalog(7000222.into()))
    );

    // Over KeepResponses: the status and headers count, the whole body is read.
    let kept = KeepResponses::new(http_client());
    let err = exchange!(&kept);
    let c = classify(&err);
    assert_eq!(
        c.action(),
        &Action::Retry {
            after: Some(Duration::from_secs(7))
        }
    );
    assert_eq!(c.parse_error().map(ParseError::kind), None);
    let err = exchange!(&kept);
    let c = classify(&err);
    assert_eq!(c.action(), &Action::FixCredentials);
    assert_eq!(c.status(), Some(401));

    let requests = server.finish().await.expect("server");
    assert_eq!(requests.len(), 4);
    let form = String::from_utf8_lossy(&requests[0].body).into_owned();
    assert!(form.contains("grant_type=authorization_code"), "{form}");
}
