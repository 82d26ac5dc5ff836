//! What the azure_identity tests share: a transport that serves canned
//! Entra and managed identity answers in order and records the requests,
//! an azure_core async runtime that records the delays azure_core's retry
//! policy asks for instead of sleeping, the options a credential is given,
//! and a reader of the raw response an error kept.
#![allow(dead_code)] // each test file uses its own share

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::{ready, Future};
use std::pin::Pin;
use std::sync::{Arc, Mutex, Once};
use std::task::{Context as TaskContext, Poll};
use std::time::Duration;

use azure_core::async_runtime::{AbortableTask, AsyncRuntime, SpawnedTask, TaskFuture};
use azure_core::error::{Error, ErrorKind};
use azure_core::http::headers::Headers;
use azure_core::http::{
    AsyncRawResponse, ClientOptions, FixedRetryOptions, HttpClient, RawResponse, Request,
    RetryOptions, StatusCode, Transport,
};
use oauth_triage::azure::KeepResponses;

/// One canned answer: status, headers (lowercase names), body.
#[derive(Clone, Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Vec<u8>,
}

pub(crate) fn answer(status: u16, headers: &[(&'static str, &str)], body: &[u8]) -> Answer {
    Answer {
        status,
        headers: headers.iter().map(|(n, v)| (*n, (*v).to_owned())).collect(),
        body: body.to_vec(),
    }
}

/// A request as the transport saw it: method, URL, header names.
#[derive(Clone, Debug)]
pub(crate) struct Seen {
    pub(crate) method: String,
    pub(crate) url: String,
    pub(crate) headers: Vec<String>,
}

/// The credential's transport: serves the answers in order, then fails
/// with an I/O error (a test that sees one asked for too many).
#[derive(Debug, Default)]
pub(crate) struct Canned {
    answers: Mutex<VecDeque<Answer>>,
    seen: Mutex<Vec<Seen>>,
}

impl Canned {
    pub(crate) fn new(answers: Vec<Answer>) -> Arc<Self> {
        Arc::new(Self {
            answers: Mutex::new(answers.into()),
            seen: Mutex::new(Vec::new()),
        })
    }

    pub(crate) fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    pub(crate) fn left(&self) -> usize {
        self.answers.lock().unwrap().len()
    }
}

#[async_trait::async_trait]
impl HttpClient for Canned {
    async fn execute_request(&self, request: &Request) -> azure_core::Result<AsyncRawResponse> {
        self.seen.lock().unwrap().push(Seen {
            method: request.method().to_string(),
            url: request.url().to_string(),
            headers: request
                .headers()
                .iter()
                .map(|(n, _)| n.as_str().to_owned())
                .collect(),
        });
        let next = self.answers.lock().unwrap().pop_front();
        let Some(answer) = next else {
            return Err(Error::with_message(ErrorKind::Io, "no more canned answers"));
        };
        let mut headers = Headers::new();
        for (name, value) in answer.headers {
            headers.insert(name, value);
        }
        Ok(AsyncRawResponse::from_bytes(
            StatusCode::from(answer.status),
            headers,
            answer.body,
        ))
    }
}

thread_local! {
    static SLEEPS: RefCell<Vec<Duration>> = const { RefCell::new(Vec::new()) };
}

/// azure_core's async runtime for these tests: `sleep` records the delay
/// on the calling thread (the test's, under `#[tokio::test]`) and returns
/// at once, so that IMDS's retries (1.34 s and up) take no time and the
/// delays azure_core chose can be checked; `spawn` runs the task on a
/// thread of its own.
struct RecordingRuntime;

impl AsyncRuntime for RecordingRuntime {
    fn spawn(&self, f: TaskFuture) -> SpawnedTask {
        let handle = std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime for a spawned task")
                .block_on(f)
        });
        Box::pin(Spawned(Mutex::new(Some(handle))))
    }

    fn sleep(&self, duration: azure_core::time::Duration) -> TaskFuture {
        let duration = Duration::try_from(duration).unwrap_or_default();
        SLEEPS.with(|sleeps| sleeps.borrow_mut().push(duration));
        Box::pin(ready(()))
    }

    fn yield_now(&self) -> TaskFuture {
        Box::pin(ready(()))
    }
}

/// A task spawned on a thread: ready once the thread has finished.
struct Spawned(Mutex<Option<std::thread::JoinHandle<()>>>);

impl Future for Spawned {
    type Output = Result<(), Box<dyn std::error::Error + Send>>;

    fn poll(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Self::Output> {
        let mut handle = self.0.lock().unwrap();
        match handle.as_ref() {
            Some(h) if !h.is_finished() => {
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            Some(_) => {
                let result = handle.take().map(std::thread::JoinHandle::join);
                Poll::Ready(match result {
                    Some(Err(_)) => {
                        Err(Box::new(std::io::Error::other("the spawned task panicked")))
                    }
                    _ => Ok(()),
                })
            }
            None => Poll::Ready(Ok(())),
        }
    }
}

impl AbortableTask for Spawned {
    fn abort(&self) {
        // The thread runs on; the task is no longer waited for.
        self.0.lock().unwrap().take();
    }
}

/// Installs the recording runtime (once per test binary) and forgets the
/// delays recorded so far on this thread.
pub(crate) fn setup() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        azure_core::async_runtime::set_async_runtime(Arc::new(RecordingRuntime))
            .expect("no async runtime chosen yet");
    });
    SLEEPS.with(|sleeps| sleeps.borrow_mut().clear());
}

/// The delays azure_core's retry policy waited on this thread since `setup`.
pub(crate) fn sleeps() -> Vec<Duration> {
    SLEEPS.with(|sleeps| sleeps.borrow().clone())
}

/// A credential's client options: the canned transport, azure_core's
/// retries (up to two, one millisecond apart unless the server asks for
/// more), and `KeepResponses` when `keep` is set.
pub(crate) fn options(transport: Arc<Canned>, keep: bool) -> ClientOptions {
    ClientOptions {
        transport: Some(Transport::new(transport)),
        per_call_policies: if keep {
            vec![Arc::new(KeepResponses::new())]
        } else {
            Vec::new()
        },
        retry: RetryOptions::fixed(FixedRetryOptions {
            delay: azure_core::time::Duration::milliseconds(1),
            max_retries: 2,
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The raw response an error kept, wherever it is in the source chain.
pub(crate) fn raw_of(err: &Error) -> Option<&RawResponse> {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(err) = next {
        if let Some(ErrorKind::HttpResponse {
            raw_response: Some(raw),
            ..
        }) = err.downcast_ref::<Error>().map(Error::kind)
        {
            return Some(raw);
        }
        next = err.source();
    }
    None
}

/// The scope every test asks a token for.
pub(crate) const SCOPES: &[&str] = &["https://vault.azure.net/.default"];

/// An access token as Entra and IMDS send it (not a real one).
pub(crate) const ACCESS_TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL3ZhdWx0LmF6dXJlLm5ldCJ9.c2lnbmF0dXJl";

/// Entra's token response.
pub(crate) fn entra_token() -> Answer {
    let body = format!(
        r#"{{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"{ACCESS_TOKEN}"}}"#
    );
    answer(
        200,
        &[("content-type", "application/json; charset=utf-8")],
        body.as_bytes(),
    )
}

/// A managed identity endpoint's token response (`expires_on` a string of
/// Unix seconds, an hour from now).
pub(crate) fn msi_token() -> Answer {
    let expires_on = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 3600;
    let body = format!(
        r#"{{"access_token":"{ACCESS_TOKEN}","expires_on":"{expires_on}","expires_in":"3599","ext_expires_in":"3599","not_before":"{}","resource":"https://vault.azure.net","token_type":"Bearer"}}"#,
        expires_on - 3600
    );
    answer(
        200,
        &[("content-type", "application/json; charset=utf-8")],
        body.as_bytes(),
    )
}
