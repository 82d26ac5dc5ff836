//! `classify(&azure_core::Error)`, the conversions from azure_core's
//! responses, and `azure::KeepResponses` in a real azure_core pipeline over
//! a canned transport. (The interop package runs azure_identity's
//! credentials over the same kind of transport.)

use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::{Context as TaskContext, Poll, Wake, Waker};
use std::time::Duration;

use azure_core::error::{Error, ErrorKind};
use azure_core::http::headers::Headers;
use azure_core::http::{
    AsyncRawResponse, ClientOptions, Context, FixedRetryOptions, HttpClient, Method, Pipeline,
    PipelineSendOptions, RawResponse, Request, RetryOptions, StatusCode, Transport, Url,
};
use oauth_triage::azure::KeepResponses;
use oauth_triage::{
    classify, classify_with, Action, DecidedBy, HttpResponse, Limits, ManagedIdentitySource,
    ParseError, Rules, Provider, Surface,
};

/// Runs a future on this thread (azure_core's default runtime sleeps on
/// threads of its own and wakes the task).
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

/// One canned answer.
#[derive(Clone, Debug)]
struct Answer {
    status: u16,
    headers: Vec<(&'static str, &'static str)>,
    body: &'static [u8],
}

fn answer(status: u16, headers: &[(&'static str, &'static str)], body: &'static [u8]) -> Answer {
    Answer {
        status,
        headers: headers.to_vec(),
        body,
    }
}

/// A transport that answers each request with the next canned answer and
/// counts the requests.
#[derive(Debug, Default)]
struct Canned {
    answers: Mutex<VecDeque<Answer>>,
    requests: Mutex<usize>,
}

impl Canned {
    fn new(answers: &[Answer]) -> Arc<Self> {
        Arc::new(Self {
            answers: Mutex::new(answers.iter().cloned().collect()),
            requests: Mutex::new(0),
        })
    }

    fn requests(&self) -> usize {
        *self.requests.lock().unwrap()
    }
}

#[async_trait::async_trait]
impl HttpClient for Canned {
    async fn execute_request(&self, _request: &Request) -> azure_core::Result<AsyncRawResponse> {
        *self.requests.lock().unwrap() += 1;
        let next = self.answers.lock().unwrap().pop_front();
        let Some(Answer {
            status,
            headers,
            body,
        }) = next
        else {
            return Err(Error::with_message(ErrorKind::Io, "no more canned answers"));
        };
        let mut map = Headers::new();
        for (name, value) in headers {
            map.insert(name, value);
        }
        Ok(AsyncRawResponse::from_bytes(
            StatusCode::from(status),
            map,
            body,
        ))
    }
}

/// A pipeline as azure_identity builds one, over the canned transport,
/// retrying twice with a short delay, with or without the policy.
fn pipeline(transport: Arc<Canned>, keep: Option<KeepResponses>) -> Pipeline {
    let options = ClientOptions {
        transport: Some(Transport::new(transport)),
        per_call_policies: keep
            .into_iter()
            .map(|k| Arc::new(k) as Arc<dyn azure_core::http::policies::Policy>)
            .collect(),
        retry: RetryOptions::fixed(FixedRetryOptions {
            delay: azure_core::time::Duration::milliseconds(1),
            max_retries: 2,
            ..Default::default()
        }),
        ..Default::default()
    };
    Pipeline::new(None, None, options, Vec::new(), Vec::new(), None)
}

/// Sends one request through the pipeline, as a credential does (no
/// success check: the credential reads the answer itself).
fn send(pipeline: &Pipeline, url: &str) -> azure_core::Result<RawResponse> {
    let mut request = Request::new(Url::parse(url).unwrap(), Method::Post);
    block_on(pipeline.send(
        &Context::new(),
        &mut request,
        Some(PipelineSendOptions {
            skip_checks: true,
            ..Default::default()
        }),
    ))
}

const TOKEN_URL: &str =
    "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token";
const TOKEN: &[u8] = br#"{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln"}"#;
const INVALID_CLIENT: &[u8] = br#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.","error_codes":[7000215],"timestamp":"2025-04-04 21:10:04Z","trace_id":"0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9","correlation_id":"5f6e7d8c-9b0a-4c1d-8e2f-3a4b5c6d7e8f","error_uri":"https://login.microsoftonline.com/error?code=7000215"}"#;
const HTML_503: &[u8] =
    b"<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>";

/// What azure_identity returns around the pipeline's error.
fn as_credential_error(err: Error) -> Error {
    Error::with_error(
        ErrorKind::Credential,
        err,
        "ClientSecretCredential authentication failed.",
    )
}

#[test]
fn a_throttled_request_still_gets_its_token_with_the_policy() {
    let transport = Canned::new(&[
        answer(
            429,
            &[("retry-after-ms", "5")],
            br#"{"error":"temporarily_unavailable","error_codes":[50196]}"#,
        ),
        answer(200, &[("content-type", "application/json")], TOKEN),
    ]);
    let pipeline = pipeline(transport.clone(), Some(KeepResponses::new()));
    let raw = send(&pipeline, TOKEN_URL).expect("azure_core retried the 429");
    assert_eq!(raw.status(), StatusCode::Ok);
    assert_eq!(&raw.body()[..], TOKEN);
    assert_eq!(transport.requests(), 2);
}

#[test]
fn a_failure_comes_back_whole_and_classifies() {
    let cases: Vec<(Answer, Action<'static>, usize)> = vec![
        (answer(401, &[], INVALID_CLIENT), Action::FixCredentials, 1),
        // Retried by azure_core (two retries), then kept.
        (
            answer(503, &[("content-type", "text/html")], HTML_503),
            Action::Retry { after: None },
            3,
        ),
        (
            answer(
                401,
                &[(
                    "www-authenticate",
                    r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize""#,
                )],
                b"",
            ),
            Action::Abort,
            1,
        ),
        (
            answer(400, &[], br#"{"error":"invalid_grant","error_codes":[7"#),
            Action::Abort,
            1,
        ),
    ];
    for (canned, action, requests) in cases {
        let transport = Canned::new(&vec![canned.clone(); 3]);
        let pipeline = pipeline(transport.clone(), Some(KeepResponses::new()));
        let err = as_credential_error(send(&pipeline, TOKEN_URL).unwrap_err());
        let c = classify(&err);
        assert_eq!(c.action(), &action, "{}", canned.status);
        assert_eq!(c.status(), Some(canned.status));
        assert_eq!(c.surface(), Surface::Token);
        assert_eq!(transport.requests(), requests, "{}", canned.status);
        // Nothing lost: the raw response is the one the server sent.
        let inner = err.downcast_ref::<Error>().unwrap();
        let ErrorKind::HttpResponse {
            raw_response: Some(raw),
            ..
        } = inner.kind()
        else {
            panic!("no raw response kept for {}", canned.status)
        };
        assert_eq!(&raw.body()[..], canned.body);
        for (name, value) in &canned.headers {
            assert_eq!(
                raw.headers().get_optional_str(&(*name).into()),
                Some(*value)
            );
        }
    }
}

#[test]
fn the_kept_error_says_what_answered_and_nothing_more() {
    let transport = Canned::new(&[answer(401, &[], INVALID_CLIENT)]);
    let err = send(&pipeline(transport, Some(KeepResponses::new())), TOKEN_URL).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the token endpoint answered with HTTP status 401: invalid_client (codes 7000215; trace_id 0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9; correlation_id 5f6e7d8c-9b0a-4c1d-8e2f-3a4b5c6d7e8f)"
    );
    let ErrorKind::HttpResponse { error_code, .. } = err.kind() else {
        panic!("{err:?}")
    };
    assert_eq!(error_code.as_deref(), Some("7000215"));
    let source = std::error::Error::source(&err).expect("the endpoint is the source");
    let shown = format!("{source} {source:?}");
    assert!(!shown.contains("Invalid client secret"), "{shown}");
}

#[test]
fn the_endpoint_is_told_by_the_path() {
    let cases = [
        (TOKEN_URL, Surface::Token, None),
        ("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/token", Surface::Token, None),
        (
            "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2019-08-01&resource=https://vault.azure.net",
            Surface::Token,
            Some(ManagedIdentitySource::Imds),
        ),
        (
            "http://localhost:40342/metadata/identity/oauth2/token?api-version=2020-06-01&resource=https://vault.azure.net",
            Surface::Token,
            Some(ManagedIdentitySource::AzureArc),
        ),
        ("https://contoso.vault.azure.net/secrets/db?api-version=7.5", Surface::Resource, None),
    ];
    for (url, surface, source) in cases {
        let transport = Canned::new(&[answer(500, &[], b"")]);
        let keep = KeepResponses::new();
        let options = ClientOptions {
            transport: Some(Transport::new(transport)),
            per_call_policies: vec![Arc::new(keep)],
            retry: RetryOptions::none(),
            ..Default::default()
        };
        let pipeline = Pipeline::new(None, None, options, Vec::new(), Vec::new(), None);
        let c = classify(send(&pipeline, url).unwrap_err());
        assert_eq!(
            (c.surface(), c.managed_identity()),
            (surface, source),
            "{url}"
        );
    }
}

#[test]
fn a_declared_endpoint_wins_over_the_path() {
    let transport = Canned::new(&[answer(410, &[], b"")]);
    let options = ClientOptions {
        transport: Some(Transport::new(transport)),
        per_call_policies: vec![Arc::new(KeepResponses::for_managed_identity(
            ManagedIdentitySource::Imds,
        ))],
        retry: RetryOptions::none(),
        ..Default::default()
    };
    let pipeline = Pipeline::new(None, None, options, Vec::new(), Vec::new(), None);
    let c = classify(send(&pipeline, "http://imds-proxy.internal/token").unwrap_err());
    assert_eq!(
        (c.action(), c.decided_by(), c.managed_identity()),
        (
            &Action::Retry { after: None },
            DecidedBy::ManagedIdentity,
            Some(ManagedIdentitySource::Imds)
        )
    );
}

#[test]
fn a_service_success_passes_untouched_and_a_token_page_does_not() {
    let page = b"<html><body>Sign in to the proxy</body></html>";
    // A service's 2xx passes as it came.
    let transport = Canned::new(&[answer(200, &[], page)]);
    let raw = send(
        &pipeline(transport, Some(KeepResponses::new())),
        "https://contoso.vault.azure.net/secrets/db",
    )
    .unwrap();
    assert_eq!(&raw.body()[..], page);
    // A token endpoint's 2xx page is no token.
    let transport = Canned::new(&[answer(200, &[], page)]);
    let err = send(&pipeline(transport, Some(KeepResponses::new())), TOKEN_URL).unwrap_err();
    let c = classify(&err);
    assert_eq!(c.action(), &Action::Abort);
    assert_eq!(c.parse_error(), Some(&ParseError::Html));
}

#[test]
fn arcs_handshake_passes_through_and_its_second_refusal_is_kept() {
    let challenge = (
        "www-authenticate",
        "Basic realm=/var/opt/azcmagent/tokens/6bc1b9ad-4cbe-4f2f-9a3e-2d0f8e3b7c41.key",
    );
    let url = "http://localhost:40342/metadata/identity/oauth2/token?api-version=2020-06-01&resource=https%3A%2F%2Fvault.azure.net";
    let transport = Canned::new(&[
        answer(401, &[challenge], b""),
        answer(401, &[challenge], b""),
    ]);
    let pipeline = pipeline(transport, Some(KeepResponses::new()));
    let raw = send(&pipeline, url).expect("the first 401 is the handshake");
    assert_eq!(raw.status(), StatusCode::Unauthorized);
    // The request that carries the key is refused: kept, and read as Arc's.
    let mut request = Request::new(Url::parse(url).unwrap(), Method::Get);
    request.insert_header("authorization", "Basic a2V5");
    let err = block_on(pipeline.send(&Context::new(), &mut request, None)).unwrap_err();
    let c = classify(&err);
    assert_eq!(c.managed_identity(), Some(ManagedIdentitySource::AzureArc));
    assert_eq!(c.action(), &Action::Renew);
}

#[test]
fn without_a_response_only_transport_kinds_retry() {
    let io = || std::io::Error::from(std::io::ErrorKind::ConnectionReset);
    let cases = [
        (Error::new(ErrorKind::Io, io()), DecidedBy::Transport),
        (
            Error::with_message(ErrorKind::Connection, "connection refused"),
            DecidedBy::Transport,
        ),
        (
            as_credential_error(Error::new(ErrorKind::Io, io())),
            DecidedBy::Transport,
        ),
        (
            Error::new(ErrorKind::Io, io())
                .with_context("retry policy expired and the request will no longer be retried"),
            DecidedBy::Transport,
        ),
        (
            Error::with_message(
                ErrorKind::DataConversion,
                "expected value at line 1 column 1",
            ),
            DecidedBy::Fallback,
        ),
        (
            as_credential_error(Error::with_message(
                ErrorKind::DataConversion,
                "expected value at line 1 column 1",
            )),
            DecidedBy::Fallback,
        ),
        (
            Error::with_message(ErrorKind::Other, "no scopes specified"),
            DecidedBy::Fallback,
        ),
        (ErrorKind::Credential.into_error(), DecidedBy::Fallback),
    ];
    for (err, decided_by) in cases {
        let c = classify(&err);
        assert_eq!(c.decided_by(), decided_by, "{err:?}");
        assert_eq!(c.status(), None);
        let expected = match decided_by {
            DecidedBy::Transport => Action::Retry { after: None },
            _ => Action::Abort,
        };
        assert_eq!(c.action(), &expected);
        // By value, the same.
        assert_eq!(classify(err).decided_by(), decided_by);
    }
}

#[test]
fn a_status_without_a_raw_response_still_counts() {
    let err = Error::from(ErrorKind::HttpResponse {
        status: StatusCode::ServiceUnavailable,
        error_code: None,
        raw_response: None,
    });
    let c = classify(&err);
    assert_eq!(
        (c.action(), c.status()),
        (&Action::Retry { after: None }, Some(503))
    );
}

#[test]
fn every_kind_classifies_without_panic() {
    let raw = |status: u16, body: &'static [u8]| {
        Some(Box::new(RawResponse::from_bytes(
            StatusCode::from(status),
            Headers::new(),
            body,
        )))
    };
    let mut errors = vec![
        Error::from(ErrorKind::Io),
        Error::from(ErrorKind::Connection),
        Error::from(ErrorKind::DataConversion),
        Error::from(ErrorKind::Credential),
        Error::from(ErrorKind::Other),
    ];
    for status in [
        0,
        1,
        99,
        100,
        200,
        204,
        302,
        400,
        401,
        599,
        600,
        999,
        u16::MAX,
    ] {
        for body in [
            &b""[..],
            b"\xff\xfe\x00",
            b"{",
            b"[]",
            b"null",
            HTML_503,
            INVALID_CLIENT,
        ] {
            errors.push(Error::from(ErrorKind::HttpResponse {
                status: StatusCode::from(status),
                error_code: Some("\u{0}\n".into()),
                raw_response: raw(status, body),
            }));
        }
    }
    // Deep chains, over the walk's bound too.
    let mut deep = Error::from(ErrorKind::Io);
    for _ in 0..100 {
        deep = Error::with_error(ErrorKind::Other, deep, "wrapped");
    }
    errors.push(deep);
    for err in &errors {
        let c = classify(err);
        let _ = (c.to_string(), format!("{c:?}"));
    }
    for err in errors {
        let _ = classify_with(err, &Rules::new().provider(Provider::Entra));
    }
}

#[test]
fn a_response_over_the_limits_is_a_parse_error_inside_the_classification() {
    let body: &'static [u8] = Box::leak(
        format!(
            "{{\"error\":\"server_error\",\"padding\":\"{}\"}}",
            " ".repeat(Limits::DEFAULT.max_body)
        )
        .into_bytes()
        .into_boxed_slice(),
    );
    let err = as_credential_error(Error::from(ErrorKind::HttpResponse {
        status: StatusCode::BadRequest,
        error_code: None,
        raw_response: Some(Box::new(RawResponse::from_bytes(
            StatusCode::BadRequest,
            Headers::new(),
            body,
        ))),
    }));
    let c = classify(&err);
    assert_eq!(
        c.parse_error(),
        Some(&ParseError::TooLarge {
            len: body.len(),
            limit: Limits::DEFAULT.max_body
        })
    );
    assert_eq!((c.action(), c.status()), (&Action::Abort, Some(400)));
}

#[test]
fn millisecond_delays_come_through() {
    let mut headers = Headers::new();
    headers.insert("retry-after", "30");
    headers.insert("x-ms-retry-after-ms", "1200");
    let raw = RawResponse::from_bytes(StatusCode::TooManyRequests, headers, "");
    let err = as_credential_error(Error::from(ErrorKind::HttpResponse {
        status: StatusCode::TooManyRequests,
        error_code: None,
        raw_response: Some(Box::new(raw)),
    }));
    assert_eq!(
        classify(&err).retry_after(),
        Some(Duration::from_millis(1200))
    );
}

/// The golden rule on the new surface: the texts azure_core and
/// azure_identity carry (the error's message, the body's
/// `error_description`) never change a classification.
#[test]
fn messages_and_descriptions_never_decide() {
    let bodies: [&'static [u8]; 4] = [
        INVALID_CLIENT,
        br#"{"error":"invalid_grant","error_description":"AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.","error_codes":[50076],"suberror":"basic_action"}"#,
        br#"{"error":"temporarily_unavailable","error_description":"AADSTS50196: The server terminated an operation because it encountered a client request loop."}"#,
        br#"{"error":"invalid_request","error_description":"Identity not found"}"#,
    ];
    let descriptions = [
        None,
        Some("retry now: the server is busy"),
        Some("AADSTS7000215: Invalid client secret provided."),
        Some("consent_required"),
    ];
    let messages = [
        "ClientSecretCredential authentication failed.",
        "temporarily_unavailable: retry after 5 seconds",
        "",
    ];
    for body in bodies {
        for status in [400, 401, 429] {
            let baseline = {
                let err = with_body(status, body, None, messages[0]);
                let c = classify(&err);
                (c.action().clone().into_owned(), c.decided_by())
            };
            for description in descriptions {
                for message in messages {
                    let err = with_body(status, body, description, message);
                    let c = classify(&err);
                    assert_eq!(
                        (c.action().clone().into_owned(), c.decided_by()),
                        baseline,
                        "{status} {description:?} {message:?}"
                    );
                }
            }
        }
    }
}

/// A credential's error around a response with this body, its
/// `error_description` replaced (or removed, for `None`), and this message.
fn with_body(status: u16, body: &[u8], description: Option<&str>, message: &'static str) -> Error {
    let mut value: serde_json::Value = serde_json::from_slice(body).unwrap();
    let map = value.as_object_mut().unwrap();
    match description {
        Some(text) => map.insert("error_description".into(), text.into()),
        None => map.remove("error_description"),
    };
    let raw = RawResponse::from_bytes(StatusCode::from(status), Headers::new(), value.to_string());
    let inner = Error::with_message(
        ErrorKind::HttpResponse {
            status: StatusCode::from(status),
            error_code: None,
            raw_response: Some(Box::new(raw)),
        },
        message,
    );
    Error::with_error(ErrorKind::Credential, inner, message)
}

#[test]
fn conversions_read_every_header() {
    let mut headers = Headers::new();
    headers.insert("www-authenticate", r#"Bearer realm="", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTcwMDAwMDAwMCJ9fX0=""#);
    headers.insert("dpop-nonce", "eyJ7S_zG.eyJH0-Z.HX4w-7v");
    let raw = RawResponse::from_bytes(StatusCode::Unauthorized, headers, "");
    let response = HttpResponse::from(&raw);
    assert_eq!(response.dpop_nonce(), Some("eyJ7S_zG.eyJH0-Z.HX4w-7v"));
    let c = classify(&response);
    assert_eq!(
        c.step_up().and_then(|s| s.claims.as_deref()),
        Some(r#"{"access_token":{"nbf":{"essential":true, "value":"1700000000"}}}"#)
    );
}
