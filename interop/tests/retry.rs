//! The step after the decision, through real components: `Retries` driving a
//! reqwest loop, `tower::ClassifyRetry` in a tower stack over hyper's
//! client, and the bounded backon recipe the docs give; every server on
//! 127.0.0.1, bounded in requests and time.

use std::convert::Infallible;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use oauth_triage::tower::ClassifyRetry;
use oauth_triage::{classify, Classification, HttpResponse, Input, Next, RetryPolicy, Surface};
use oauth_triage_interop::{response, Server};
use tower::retry::RetryLayer;
use tower::{service_fn, ServiceBuilder, ServiceExt};

const TOKEN: &[u8] = br#"{"access_token":"eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln","token_type":"Bearer","expires_in":3599}"#;
const FORM: &str = "grant_type=client_credentials&client_id=app&scope=api%3A%2F%2Fx%2F.default";

fn busy() -> Vec<u8> {
    response(
        "503 Service Unavailable",
        &[("Retry-After", "0"), ("Content-Type", "text/html")],
        b"<html><body>busy</body></html>",
    )
}

fn throttled() -> Vec<u8> {
    response(
        "429 Too Many Requests",
        &[("Retry-After", "0"), ("Content-Type", "application/json")],
        br#"{"error":"temporarily_unavailable"}"#,
    )
}

fn token() -> Vec<u8> {
    response("200 OK", &[("Content-Type", "application/json")], TOKEN)
}

/// Runs a test within a time bound.
async fn bounded<F: std::future::Future<Output = ()>>(test: F) {
    tokio::time::timeout(Duration::from_secs(30), test)
        .await
        .expect("the test took more than 30 s");
}

/// The loop the README and the crate docs show, with reqwest.
#[tokio::test]
async fn a_reqwest_loop_driven_by_retries() {
    bounded(async {
        let server = Server::start(vec![busy(), throttled(), token()])
            .await
            .unwrap();
        let client = reqwest::Client::new();
        let url = server.url("/token");
        let mut retries = RetryPolicy::new().start();
        let body = loop {
            let c = match fetch(&client, &url).await {
                Ok(body) => break body,
                Err(c) => c,
            };
            match retries.next(&c) {
                Next::Resend { after } => tokio::time::sleep(after).await,
                other => panic!("{other:?} after {c}"),
            }
        };
        assert_eq!(&body[..], TOKEN);
        assert_eq!(retries.attempts(), 2);
        let requests = server.finish().await.unwrap();
        assert_eq!(requests.len(), 3);
    })
    .await;
}

type Collected = http::Response<bytes::Bytes>;
type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// hyper's client in a tower stack: the retry layer, then a layer that
/// collects the body, then the client.
async fn through_tower(server: &Server, policy: ClassifyRetry) -> Result<Collected, BoxError> {
    let client: Client<_, Full<bytes::Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let service = ServiceBuilder::new()
        .layer(RetryLayer::new(policy))
        .and_then(|response: http::Response<Incoming>| async move {
            let (parts, body) = response.into_parts();
            let body = body.collect().await?.to_bytes();
            Ok::<_, BoxError>(http::Response::from_parts(parts, body))
        })
        .service(client);
    let request = http::Request::post(server.url("/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(Full::new(bytes::Bytes::from_static(FORM.as_bytes())))?;
    service.oneshot(request).await
}

#[tokio::test]
async fn tower_over_hyper_retries_what_is_transient() {
    bounded(async {
        let server = Server::start(vec![busy(), throttled(), token()])
            .await
            .unwrap();
        let policy = ClassifyRetry::new(&RetryPolicy::new()).surface(Surface::Token);
        let response = through_tower(&server, policy).await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(&response.body()[..], TOKEN);
        assert_eq!(response.extensions().get::<Next>(), Some(&Next::Done));
        let requests = server.finish().await.unwrap();
        assert_eq!(requests.len(), 3);
        // The same request each time.
        assert!(requests.iter().all(|r| r.body == FORM.as_bytes()));
    })
    .await;
}

#[tokio::test]
async fn tower_hands_back_what_no_resend_fixes() {
    bounded(async {
        // A token endpoint's 401 with a challenge for client authentication.
        let refused = || {
            response(
                "401 Unauthorized",
                &[
                    ("WWW-Authenticate", r#"Bearer error="invalid_token""#),
                    ("Content-Type", "application/json"),
                ],
                br#"{"error":"invalid_client","error_codes":[7000222]}"#,
            )
        };
        let server = Server::start(vec![refused()]).await.unwrap();
        let policy = ClassifyRetry::new(&RetryPolicy::new()).surface(Surface::Token);
        let response = through_tower(&server, policy).await.unwrap();
        assert_eq!(response.status(), 401);
        assert_eq!(response.extensions().get::<Next>(), Some(&Next::Stop));
        let c = response
            .extensions()
            .get::<Classification<'static>>()
            .unwrap();
        assert_eq!(c.action().name(), "fix_credentials");
        assert_eq!(c.codes(), &[7000222]);
        assert_eq!(server.finish().await.unwrap().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn tower_stops_when_the_budget_is_spent() {
    bounded(async {
        // Three answers: a fourth request would find the server gone, and
        // end in a transport error rather than the 429 below.
        let server = Server::start(vec![throttled(); 3]).await.unwrap();
        let policy = ClassifyRetry::new(&RetryPolicy::new().max_attempts(2));
        let response = through_tower(&server, policy).await.unwrap();
        assert_eq!(response.status(), 429);
        assert_eq!(response.extensions().get::<Next>(), Some(&Next::Stop));
        // Three requests: the first and two resends.
        assert_eq!(server.finish().await.unwrap().len(), 3);
    })
    .await;
}

#[tokio::test]
async fn tower_retries_a_transport_failure_within_the_budget() {
    bounded(async {
        let calls = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&calls);
        let unreachable = service_fn(move |_request: http::Request<String>| {
            counted.fetch_add(1, Ordering::SeqCst);
            async {
                Err::<http::Response<Vec<u8>>, _>(std::io::Error::from(
                    std::io::ErrorKind::ConnectionRefused,
                ))
            }
        });
        let policy = RetryPolicy::new()
            .max_attempts(3)
            .backoff(Duration::from_millis(1), Duration::from_millis(5))
            .seed(9);
        let service = ServiceBuilder::new()
            .layer(RetryLayer::new(ClassifyRetry::new(&policy)))
            .service(unreachable);
        let request = http::Request::post("http://127.0.0.1:9/token")
            .body(FORM.to_owned())
            .unwrap();
        let result = service.oneshot(request).await;
        assert!(result.is_err());
        assert_eq!(calls.load(Ordering::SeqCst), 4);

        // A service_fn endpoint that answers: a nonce demand is handed back
        // (only the caller can sign the new proof).
        let nonce = service_fn(|_request: http::Request<String>| async {
            Ok::<_, Infallible>(
                http::Response::builder()
                    .status(400)
                    .header("DPoP-Nonce", "eyJ7S_zG.eyJH0-Z")
                    .body(br#"{"error":"use_dpop_nonce"}"#.to_vec())
                    .unwrap(),
            )
        });
        let service = ServiceBuilder::new()
            .layer(RetryLayer::new(ClassifyRetry::new(&RetryPolicy::new())))
            .service(nonce);
        let request = http::Request::post("http://127.0.0.1:9/token")
            .body(FORM.to_owned())
            .unwrap();
        let response = service.oneshot(request).await.unwrap();
        assert_eq!(
            response.extensions().get::<Next>(),
            Some(&Next::Resend {
                after: Duration::ZERO
            })
        );
    })
    .await;
}

/// One token request through reqwest, as backon's operation: the token, or
/// the classification of what came back.
async fn fetch(
    client: &reqwest::Client,
    url: &str,
) -> Result<bytes::Bytes, Classification<'static>> {
    let Ok(mut resp) = client.post(url).body(FORM).send().await else {
        return Err(classify(Input::transport_failure()));
    };
    let status = resp.status();
    let headers = std::mem::take(resp.headers_mut());
    let body = resp
        .bytes()
        .await
        .map_err(|_| classify(Input::transport_failure()))?;
    let response = HttpResponse::from_parts(status, &headers, &body).surface(Surface::Token);
    let c = classify(response).into_owned();
    match c.action().name() {
        "success" => Ok(body),
        _ => Err(c),
    }
}

#[tokio::test]
async fn the_bounded_backon_recipe() {
    use backon::{ExponentialBuilder, Retryable};

    bounded(async {
        let client = reqwest::Client::new();
        let backoff = ExponentialBuilder::default()
            .with_min_delay(Duration::from_millis(1))
            .with_max_times(3);

        // Bounded: the server's delay replaces backon's only while backon
        // still has one to give, so `max_times` holds.
        // Four answers: a fifth request would find the server gone and end
        // without a status.
        let server = Server::start(vec![throttled(); 4]).await.unwrap();
        let url = server.url("/token");
        let result = (|| fetch(&client, &url))
            .retry(backoff)
            .when(|c: &Classification<'static>| c.action().is_retryable())
            .adjust(|c: &Classification<'static>, d| d.map(|d| c.retry_after().unwrap_or(d)))
            .await;
        assert_eq!(result.unwrap_err().status(), Some(429));
        assert_eq!(
            server.finish().await.unwrap().len(),
            4,
            "one request and max_times(3) retries"
        );

        // The natural recipe, `c.retry_after().or(d)`: while the server
        // sends Retry-After, backon's own limit never stops it; here only
        // the server running out of answers does.
        let server = Server::start(vec![throttled(); 8]).await.unwrap();
        let url = server.url("/token");
        let result = (|| fetch(&client, &url))
            .retry(backoff)
            .when(|c: &Classification<'static>| c.action().is_retryable())
            .adjust(|c: &Classification<'static>, d| c.retry_after().or(d))
            .await;
        // It went on until the server was gone: the last error had no answer.
        assert_eq!(result.unwrap_err().status(), None);
        assert_eq!(
            server.finish().await.unwrap().len(),
            8,
            "every answer the server had"
        );

        // Bounded, and a success after throttling.
        let server = Server::start(vec![throttled(), token()]).await.unwrap();
        let url = server.url("/token");
        let token = (|| fetch(&client, &url))
            .retry(backoff)
            .when(|c: &Classification<'static>| c.action().is_retryable())
            .adjust(|c: &Classification<'static>, d| d.map(|d| c.retry_after().unwrap_or(d)))
            .await
            .unwrap();
        assert_eq!(&token[..], TOKEN);
        assert_eq!(server.finish().await.unwrap().len(), 2);
    })
    .await;
}

#[tokio::test]
async fn tower_resends_keep_the_request_extensions() {
    #[derive(Clone, Debug, PartialEq)]
    struct Span(&'static str);

    bounded(async {
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let endpoint = service_fn(move |request: http::Request<String>| {
            let log = Arc::clone(&log);
            async move {
                let mut log = log.lock().unwrap();
                log.push(request.extensions().get::<Span>().cloned());
                let status = if log.len() < 3 { 429 } else { 200 };
                Ok::<_, Infallible>(
                    http::Response::builder()
                        .status(status)
                        .header("Retry-After", "0")
                        .body(TOKEN.to_vec())
                        .unwrap(),
                )
            }
        });
        let service = ServiceBuilder::new()
            .layer(RetryLayer::new(ClassifyRetry::new(&RetryPolicy::new())))
            .service(endpoint);
        let mut request = http::Request::post("http://127.0.0.1:9/token")
            .body(FORM.to_owned())
            .unwrap();
        request.extensions_mut().insert(Span("request-7"));
        let response = service.oneshot(request).await.unwrap();
        assert_eq!(response.extensions().get::<Next>(), Some(&Next::Done));
        assert_eq!(*seen.lock().unwrap(), vec![Some(Span("request-7")); 3]);
    })
    .await;
}
