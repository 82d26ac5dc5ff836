//! A credential's token request through azure_core's pipeline with
//! `oauth_triage::azure::KeepResponses`, offline: a canned transport
//! answers as Entra does (a throttled 429, then a token; a 503 page from a
//! proxy; an empty 401 with a challenge; a wrong client secret), and each
//! failure is classified whole.
//!
//! azure_identity's credentials send their token requests through the same
//! pipeline, built from the `ClientOptions` they are given: with
//! azure_identity, pass `options()` below as
//! `ClientSecretCredentialOptions { client_options }` (or
//! `ManagedIdentityCredentialOptions`), then `classify(&err)` on what
//! `get_token` returns. The project's interop tests do exactly that.
//!
//! Run with `cargo run --example azure_credential --features azure`.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::{Context as TaskContext, Poll, Wake, Waker};

use azure_core::error::{Error, ErrorKind};
use azure_core::http::headers::Headers;
use azure_core::http::{
    AsyncRawResponse, ClientOptions, Context, FixedRetryOptions, HttpClient, Method, Pipeline,
    PipelineSendOptions, Request, RetryOptions, StatusCode, Transport, Url,
};
use oauth_triage::azure::KeepResponses;
use oauth_triage::{classify, Action};

const TOKEN_URL: &str =
    "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token";

/// One canned answer: status, headers, body.
type Answer = (u16, &'static [(&'static str, &'static str)], &'static str);

/// Canned answers, served in order: what Entra (or a proxy in front of it)
/// sends.
#[derive(Debug)]
struct Canned(Mutex<VecDeque<Answer>>);

#[async_trait::async_trait]
impl HttpClient for Canned {
    async fn execute_request(&self, request: &Request) -> azure_core::Result<AsyncRawResponse> {
        let next = self.0.lock().map_err(|_| ErrorKind::Other)?.pop_front();
        let Some((status, headers, body)) = next else {
            return Err(Error::with_message(ErrorKind::Io, "no more canned answers"));
        };
        println!(
            "  transport: {} {} -> {status}",
            request.method(),
            request.url().path()
        );
        let mut map = Headers::new();
        for (name, value) in headers {
            map.insert(*name, *value);
        }
        Ok(AsyncRawResponse::from_bytes(
            StatusCode::from(status),
            map,
            body,
        ))
    }
}

/// The options a credential takes: the transport (here the canned one),
/// azure_core's retries (short here, to run fast), and the policy.
fn options(transport: Arc<Canned>) -> ClientOptions {
    ClientOptions {
        transport: Some(Transport::new(transport)),
        per_call_policies: vec![Arc::new(KeepResponses::new())],
        retry: RetryOptions::fixed(FixedRetryOptions {
            delay: azure_core::time::Duration::milliseconds(50),
            max_retries: 2,
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The client credentials request a `ClientSecretCredential` sends.
fn token_request(answers: Vec<Answer>) -> azure_core::Result<String> {
    let transport = Arc::new(Canned(Mutex::new(answers.into())));
    let pipeline = Pipeline::new(None, None, options(transport), Vec::new(), Vec::new(), None);
    let mut request = Request::new(Url::parse(TOKEN_URL).map_err(Error::from)?, Method::Post);
    request.insert_header("content-type", "application/x-www-form-urlencoded");
    request.set_body("grant_type=client_credentials&client_id=3f1a6b0e-1d2c-4e5f-8a9b-0c1d2e3f4a5b&client_secret=not-a-real-secret&scope=https%3A%2F%2Fvault.azure.net%2F.default");
    let send = PipelineSendOptions {
        skip_checks: true,
        ..Default::default()
    };
    let raw = block_on(pipeline.send(&Context::new(), &mut request, Some(send)))?;
    Ok(format!(
        "{} with {} bytes of token response",
        raw.status(),
        raw.body().len()
    ))
}

fn main() {
    let scenes: Vec<(&str, Vec<Answer>)> = vec![
        (
            "Entra throttles, then answers: azure_core retries the 429 itself (after its Retry-After)",
            vec![
                (429, &[("retry-after", "1")], r#"{"error":"temporarily_unavailable","error_codes":[50196]}"#),
                (200, &[("content-type", "application/json")], r#"{"token_type":"Bearer","expires_in":3599,"access_token":"eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln"}"#),
            ],
        ),
        (
            "a proxy answers 503 with an HTML page, three times",
            vec![(503, &[("content-type", "text/html")], "<html><body><h1>503 Service Unavailable</h1></body></html>"); 3],
        ),
        (
            "an empty 401 with a challenge",
            vec![(401, &[("www-authenticate", r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize""#)], "")],
        ),
        (
            "a wrong client secret",
            vec![(401, &[], r#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215],"trace_id":"0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9"}"#)],
        ),
    ];
    for (title, answers) in scenes {
        println!("{title}:");
        match token_request(answers) {
            Ok(token) => println!("  token: {token}"),
            Err(err) => {
                // What azure_identity wraps it in does not matter: the whole
                // source chain is searched.
                let c = classify(&err);
                println!("  error: {err}");
                println!("  classified: {c}");
                let advice = match c.action() {
                    Action::Retry { after: Some(after) } => format!("retry after {after:?}"),
                    Action::Retry { after: None } => "retry after your own backoff".to_owned(),
                    Action::FixCredentials => "stop: the client secret must be replaced".to_owned(),
                    other => format!(
                        "stop and report ({}): the whole answer is in the error",
                        other.name()
                    ),
                };
                println!("  next: {advice}");
            }
        }
    }
}

/// Runs a future on this thread: the example needs no async runtime
/// (azure_core's default one sleeps on a thread of its own and wakes us).
fn block_on<F: Future>(future: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = TaskContext::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        std::thread::park();
    }
}
