//! An `oauth2` 5 client over an HTTP client wrapped in `KeepResponses`, so
//! that nothing of an error response is lost: a step-up keeps its claims
//! request, a 429's `Retry-After` is honoured, and `invalid_client` stops
//! the client. Last, the same step-up without the wrapper, through a
//! client whose error type is `TokenError<'static>`.
//!
//! Runs offline: the HTTP client is a closure that answers with canned
//! Microsoft Entra ID responses. With reqwest, wrap the `reqwest::Client`
//! instead: `KeepResponses::new(reqwest::Client::new())` and
//! `request_async(&http).await`.
//!
//! ```sh
//! cargo run --example oauth2_client --features oauth2
//! ```

use std::cell::Cell;
use std::time::Duration;

use oauth2::basic::BasicClient;
use oauth2::{
    ClientId, ClientSecret, HttpRequest, RefreshToken, RequestTokenError, TokenResponse, TokenUrl,
};
use oauth_triage::oauth2::{KeepResponses, TokenErrorClient};
use oauth_triage::{classify, Action};

/// One canned answer: status, headers, body.
type Answer = (u16, &'static [(&'static str, &'static str)], &'static str);

/// Canned answers of a token endpoint, one per request, in order.
fn token_endpoint(
    answers: Vec<Answer>,
) -> impl Fn(HttpRequest) -> Result<oauth2::HttpResponse, http::Error> {
    let next = Cell::new(0);
    move |_request: HttpRequest| {
        let (status, headers, body) = answers[next.get().min(answers.len() - 1)];
        next.set(next.get() + 1);
        let mut response = http::Response::builder().status(status);
        for (name, value) in headers {
            response = response.header(*name, *value);
        }
        response.body(body.as_bytes().to_vec())
    }
}

const JSON: (&str, &str) = ("Content-Type", "application/json; charset=utf-8");

const STEP_UP: &str = r#"{"error":"invalid_grant","error_description":"AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.","error_codes":[50076],"timestamp":"2024-05-02 11:42:13Z","trace_id":"a50bbe59-dd02-42f6-b6b1-3931021e0f02","correlation_id":"355da6cc-ab30-4456-91aa-0be3e8e0925c","error_uri":"https://login.microsoftonline.com/error?code=50076","suberror":"basic_action","claims":"{\"access_token\":{\"capolids\":{\"essential\":true,\"values\":[\"da9d1d9d-2cf5-498f-8463-69025e65fe48\"]}}}"}"#;

const THROTTLED: &str = r#"{"error":"temporarily_unavailable","error_description":"AADSTS90033: A transient error has occurred. Please try again.","error_codes":[90033],"trace_id":"0f4c2bd2-5a31-4a8c-9f7e-2d1b6f0e7a11"}"#;

const TOKEN: &str = r#"{"token_type":"Bearer","scope":"https://graph.microsoft.com/.default","expires_in":3599,"access_token":"eyJ0eXAiOiJKV1QiLCJub25jZSI6IjEifQ.e30.c2ln"}"#;

const EXPIRED_SECRET: &str = r#"{"error":"invalid_client","error_description":"AADSTS7000222: The provided client secret keys for app '3f1a6b0e-1d2c-4e5f-8a9b-0c1d2e3f4a5b' are expired.","error_codes":[7000222],"trace_id":"2b6c1a9e-7d55-4c1f-9a3e-0e8f4b2d6c70","correlation_id":"7d9f3c41-2b8e-4f6a-a0d5-3e1c9b8f2a47"}"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client_id = ClientId::new("3f1a6b0e-1d2c-4e5f-8a9b-0c1d2e3f4a5b".into());
    let token_url =
        TokenUrl::new("https://login.microsoftonline.com/contoso/oauth2/v2.0/token".into())?;
    // With KeepResponses, the client's error type never sees an error
    // response: oauth2's stock client will do.
    let client = BasicClient::new(client_id.clone())
        .set_client_secret(ClientSecret::new("canned".into()))
        .set_token_uri(token_url.clone());
    let refresh_token = RefreshToken::new("0.AXoA-canned-refresh-token".into());

    println!("1. Conditional Access asks for MFA on a refresh:");
    let http = KeepResponses::new(token_endpoint(vec![(400, &[JSON], STEP_UP)]));
    let err = client
        .exchange_refresh_token(&refresh_token)
        .request(&http)
        .expect_err("the endpoint answers with a step-up");
    let c = classify(&err);
    println!("   {c}");
    let Action::StepUp(step_up) = c.action() else {
        return Err(format!("expected a step-up, got {c}").into());
    };
    // The whole body was kept: without the claims, the sign-in satisfies
    // nothing and Entra asks again.
    let claims = step_up.claims.as_deref().unwrap_or_default();
    println!("   sign the user in interactively with claims={claims}");

    println!("2. The token endpoint is throttled, then answers:");
    let http = KeepResponses::new(token_endpoint(vec![
        (429, &[JSON, ("Retry-After", "7")], THROTTLED),
        (200, &[JSON], TOKEN),
    ]));
    let mut waited = Duration::ZERO;
    let token = loop {
        match client
            .exchange_client_credentials()
            .add_scope(oauth2::Scope::new(
                "https://graph.microsoft.com/.default".into(),
            ))
            .request(&http)
        {
            Ok(token) => break token,
            Err(err) => {
                let c = classify(&err);
                println!("   {c}");
                match c.action() {
                    Action::Retry { after } if waited < Duration::from_secs(60) => {
                        let wait = after.unwrap_or(Duration::from_secs(1));
                        println!("   waiting {}s as the server asked", wait.as_secs());
                        // std::thread::sleep(wait) in a real client.
                        waited += wait;
                    }
                    _ => return Err(c.into_owned().into()),
                }
            }
        }
    };
    println!(
        "   got a token after waiting {}s: expires in {}s",
        waited.as_secs(),
        token.expires_in().unwrap_or_default().as_secs()
    );
    assert_eq!(waited, Duration::from_secs(7));

    println!("3. The client secret has expired:");
    let http = KeepResponses::new(token_endpoint(vec![(401, &[JSON], EXPIRED_SECRET)]));
    let err = client
        .exchange_client_credentials()
        .request(&http)
        .expect_err("the endpoint refuses the secret");
    let c = classify(&err);
    println!("   {c}");
    assert_eq!(c.action(), &Action::FixCredentials);
    println!("   stop and tell {}: {}", c.party(), c.action().advice());
    // `?` into anyhow or `Box<dyn Error>` keeps a log-safe summary.
    if let RequestTokenError::Request(kept) = &err {
        println!("   as an error: {kept}");
    }

    println!("4. The same step-up, with no wrapper: the error type keeps the claims");
    let client = TokenErrorClient::new(client_id)
        .set_client_secret(ClientSecret::new("canned".into()))
        .set_token_uri(token_url);
    let http = token_endpoint(vec![(400, &[JSON], STEP_UP)]);
    let err = client
        .exchange_refresh_token(&refresh_token)
        .request(&http)
        .expect_err("the endpoint answers with a step-up");
    let RequestTokenError::ServerResponse(body) = &err else {
        return Err(format!("expected the parsed body, got {err}").into());
    };
    println!("   the body, log-safe: {body}");
    let c = classify(&err);
    println!("   {c}");
    // The status is lost without the wrapper; the body's claims are not.
    assert!(c.status().is_none());
    assert_eq!(
        (match c.action() {
            oauth_triage::Action::StepUp(s) => Some(s),
            _ => None,
        })
        .and_then(|s| s.claims.as_deref()),
        body.claims()
    );
    Ok(())
}
