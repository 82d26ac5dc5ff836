//! axum 0.8 callback handlers, driven by reqwest 0.12 over 127.0.0.1.
//!
//! The extractor of the `axum` feature (`Callback<'static>` as a handler's
//! argument), GET and `form_post`, under both RFC 9207 modes, answers every
//! request of `callbacks::cases()` as the actix-web recipe does (`actix.rs`),
//! refuses with 400 without echoing the request, and applies the `Limits`
//! an `Extension` layer sets.
//!
//! The three other ways a handler gets at the query (`Query<Vec<(String,
//! String)>>`, `RawQuery`, `Uri`) give the same answers, and a duplicated
//! parameter is rejected by all three; only bad percent-encoding, which
//! axum decodes before the pairs are handed over, tells them apart. A route
//! takes `Query<HashMap<String, String>>` to show why
//! `Callback::from_query_pairs` does not compile with a map: the map has
//! already dropped the duplicate.

mod callbacks;

use std::collections::HashMap;
use std::net::Ipv4Addr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Query, RawQuery, State};
use axum::http::Uri;
use axum::routing::{any, get};
use axum::{Extension, Router};
use callbacks::{Iss, Sent, Session, IF_PRESENT, ISS, OTHER_ISS, REQUIRED, STATE};
use oauth_triage::axum::CallbackRejection;
use oauth_triage::{classify, Callback, ExpectedCallback, Limits, ParseError};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// The routes that read the query strictly.
const STRICT: [&str; 3] = ["/cb/query", "/cb/raw", "/cb/uri"];

/// `Query<Vec<(String, String)>>`: the pairs in the order they came.
async fn by_pairs(
    State(session): State<Arc<Session>>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> String {
    answer(&session, Callback::from_query_pairs(pairs)).await
}

/// `RawQuery`: the query as it was sent, parsed by oauth-triage itself.
async fn by_raw_query(State(session): State<Arc<Session>>, RawQuery(query): RawQuery) -> String {
    let query = query.unwrap_or_default();
    answer(&session, Callback::from_query(&query)).await
}

/// `Uri`: the request target (`/cb/uri?...`), through `TryFrom<&http::Uri>`.
async fn by_uri(State(session): State<Arc<Session>>, uri: Uri) -> String {
    answer(&session, Callback::try_from(&uri)).await
}

/// Why `Callback::from_query_pairs` refuses a map at compile time:
/// `Query<HashMap<String, String>>` keeps one value of a duplicated
/// parameter (serde overwrites the earlier one), so the duplicate would
/// never reach oauth-triage and `state=guess&state=<real>` would pass. This
/// route only reports what the map kept.
async fn by_map(Query(map): Query<HashMap<String, String>>) -> String {
    let kept = |name: &str| map.get(name).map_or("-", String::as_str).to_owned();
    format!(
        "map of {}: state={} code={}",
        map.len(),
        kept("state"),
        kept("code")
    )
}

/// Checks the callback against the session and says what the app would do.
async fn answer(session: &Session, parsed: Result<Callback<'_>, ParseError>) -> String {
    let callback = match parsed {
        Ok(callback) => callback,
        Err(err) => return format!("unreadable {}", err.kind()),
    };
    // A session store is usually asynchronous: the callback is held across
    // an await, so it has to be `Send` for axum to take the handler.
    tokio::task::yield_now().await;
    let expected = ExpectedCallback::state(&session.state).issuer(&session.issuer);
    match callback.check(&expected) {
        Err(err) => format!("rejected {}", err.kind()),
        Ok(verified) => match (verified.code(), verified.error()) {
            (Some(code), _) => format!("redeem {code}"),
            (None, Some(err)) => format!("error {}", classify(err).action().name()),
            (None, None) => "tokens".to_owned(),
        },
    }
}

/// The extractor, on a route that requires `iss`.
async fn extract_required(
    State(session): State<Arc<Session>>,
    callback: Callback<'static>,
) -> String {
    checked(&session, Iss::Required, callback).await
}

/// The extractor, on a route that checks `iss` when present.
async fn extract_if_present(
    State(session): State<Arc<Session>>,
    callback: Callback<'static>,
) -> String {
    checked(&session, Iss::IfPresent, callback).await
}

/// The rejection taken by the handler, to answer in its own way.
async fn extract_or_answer(
    State(session): State<Arc<Session>>,
    callback: Result<Callback<'static>, CallbackRejection>,
) -> String {
    match callback {
        Ok(callback) => checked(&session, Iss::IfPresent, callback).await,
        Err(rejection) => format!(
            "own answer: {} {}",
            rejection.status().as_u16(),
            rejection.kind()
        ),
    }
}

/// The check, after an await: the owned callback is held across it, as
/// when the session store is asynchronous.
async fn checked(session: &Session, mode: Iss, callback: Callback<'static>) -> String {
    tokio::task::yield_now().await;
    callbacks::verdict(session, mode, callback)
}

/// Starts `app` on 127.0.0.1; returns its base URL, the sender that stops
/// it and its task.
async fn serve(
    app: Router,
) -> (
    String,
    oneshot::Sender<()>,
    tokio::task::JoinHandle<std::io::Result<()>>,
) {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local address");
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
    });
    (format!("http://{addr}"), stop, server)
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

/// Sends `sent` to `route`; returns the status and the body.
async fn send(client: &reqwest::Client, base: &str, route: &str, sent: &Sent) -> (u16, String) {
    let request = match sent {
        Sent::Get(query) if query.is_empty() => client.get(format!("{base}{route}")),
        Sent::Get(query) => client.get(format!("{base}{route}?{query}")),
        Sent::Post(body) => client
            .post(format!("{base}{route}"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body.clone()),
    };
    let response = request.send().await.expect("response");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

#[tokio::test]
async fn the_extractor_through_axum() {
    tokio::time::timeout(Duration::from_secs(30), extractor())
        .await
        .expect("the test took more than 30 s");
}

async fn extractor() {
    let session = Arc::new(Session::new());
    let tight = Router::new()
        .route(
            "/cb/tight",
            get(extract_if_present).post(extract_if_present),
        )
        .layer(Extension({
            let mut limits = Limits::DEFAULT;
            limits.max_params = 4;
            limits.max_body = 256;
            limits.max_url = 512;
            limits
        }));
    let app = Router::new()
        .route(REQUIRED, get(extract_required).post(extract_required))
        .route(IF_PRESENT, get(extract_if_present).post(extract_if_present))
        .route("/cb/any", any(extract_if_present))
        .route("/cb/own", get(extract_or_answer))
        .merge(tight)
        .with_state(session);
    let (base, stop, server) = serve(app).await;
    let client = client();

    let cases = callbacks::cases();
    assert_eq!(cases.len(), 47);
    for case in &cases {
        for (route, want) in [(REQUIRED, &case.required), (IF_PRESENT, &case.if_present)] {
            assert_eq!(
                &send(&client, &base, route, &case.send).await,
                want,
                "{route} {:?}",
                case.send
            );
        }
    }

    // A 400 repeats nothing of the request.
    let hostile = Sent::Get(callbacks::hostile_query());
    let (status, body) = send(&client, &base, IF_PRESENT, &hostile).await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        "the authorization response could not be read (duplicate)"
    );
    assert!(
        !body.contains("script") && !body.contains("attacker"),
        "{body}"
    );

    // A form_post is a form: JSON is 415, whatever it holds.
    let response = client
        .post(format!("{base}{IF_PRESENT}"))
        .header("Content-Type", "application/json")
        .body(format!(r#"{{"code":"a","state":"{STATE}"}}"#))
        .send()
        .await
        .expect("response");
    assert_eq!(response.status(), 415);
    // The body of a POST is the response; the query of its URL is not read.
    let response = client
        .post(format!(
            "{base}{IF_PRESENT}?code=attacker-code&state={STATE}"
        ))
        .header(
            "Content-Type",
            "application/x-www-form-urlencoded; charset=UTF-8",
        )
        .body(format!("code=0.AXoA-code&state={STATE}"))
        .send()
        .await
        .expect("response");
    assert_eq!(
        response.text().await.expect("body"),
        "redeem 0.AXoA-code (no iss)"
    );
    // Another method: 405, naming the two that work.
    let response = client
        .put(format!("{base}/cb/any?code=a&state={STATE}"))
        .send()
        .await
        .expect("response");
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "GET, POST");

    // The limits of an `Extension(Limits)` layer apply.
    let five = Sent::Get(format!("code=a&state={STATE}&a=1&b=2&c=3"));
    assert_eq!(
        send(&client, &base, "/cb/tight", &five).await,
        (
            400,
            "the authorization response could not be read (too_many)".to_owned()
        )
    );
    let four = Sent::Get(format!("code=a&state={STATE}&a=1&b=2"));
    assert_eq!(
        send(&client, &base, "/cb/tight", &four).await,
        (200, "redeem a (no iss)".to_owned())
    );
    let long_body = Sent::Post(format!("code=a&state={STATE}&pad={}", "x".repeat(256)));
    assert_eq!(
        send(&client, &base, "/cb/tight", &long_body).await,
        (
            400,
            "the authorization response could not be read (too_large)".to_owned()
        )
    );
    let long_url = Sent::Get(format!("code=a&state={STATE}&pad={}", "x".repeat(512)));
    assert_eq!(
        send(&client, &base, "/cb/tight", &long_url).await,
        (
            400,
            "the authorization response could not be read (too_large)".to_owned()
        )
    );
    // The default limits elsewhere: 64 KiB of body.
    let big = Sent::Post(format!(
        "code=a&state={STATE}&pad={}",
        "x".repeat(64 * 1024)
    ));
    assert_eq!(send(&client, &base, IF_PRESENT, &big).await.0, 400);

    // A handler that takes the rejection answers in its own way.
    let dup = Sent::Get(format!("state=guess&state={STATE}&code=a"));
    assert_eq!(
        send(&client, &base, "/cb/own", &dup).await,
        (200, "own answer: 400 duplicate".to_owned())
    );

    stop.send(()).expect("the server is running");
    server
        .await
        .expect("the server task")
        .expect("the server stopped cleanly");
}

#[tokio::test]
async fn callbacks_through_axum() {
    tokio::time::timeout(Duration::from_secs(30), callbacks())
        .await
        .expect("the test took more than 30 s");
}

/// GETs `route?query` and returns the body of the 200 answer.
async fn fetch(client: &reqwest::Client, base: &str, route: &str, query: String) -> String {
    let response = client
        .get(format!("{base}{route}?{query}"))
        .send()
        .await
        .expect("response");
    assert_eq!(response.status(), 200, "{route}?{query}");
    response.text().await.expect("body")
}

async fn callbacks() {
    let session = Arc::new(Session::new());
    let app = Router::new()
        .route("/cb/query", get(by_pairs))
        .route("/cb/raw", get(by_raw_query))
        .route("/cb/uri", get(by_uri))
        .route("/cb/map", get(by_map))
        .with_state(session);
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local address");
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
    });

    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    let base = format!("http://{addr}");
    let get = |route: &'static str, query: &str| fetch(&client, &base, route, query.to_owned());

    let cases = [
        // A success from the expected server, answering the app's request.
        (
            format!("code=0.AXoA-code&state={STATE}&iss={ISS}&session_state=5f2a"),
            "redeem 0.AXoA-code",
        ),
        // The issuer encoded in lower case decodes to the same text.
        (
            format!("code=0.AXoA-code&state={STATE}&iss={}", ISS.replace("%3A%2F%2F", "%3a%2f%2f")),
            "redeem 0.AXoA-code",
        ),
        // An error, believed only once checked.
        (
            format!("error=consent_required&error_description=AADSTS65001%3A+The+user+has+not+consented.&state={STATE}&iss={ISS}"),
            "error consent",
        ),
        // Login CSRF: the attacker's code with a guessed state.
        (
            format!("code=attacker-code&state=guess&iss={ISS}"),
            "rejected state_mismatch",
        ),
        // A forged error is rejected the same way.
        (
            format!("error=access_denied&state=guess&iss={ISS}"),
            "rejected state_mismatch",
        ),
        (
            format!("code=0.AXoA-code&iss={ISS}"),
            "rejected state_missing",
        ),
        // Mix-up: another server's answer.
        (
            format!("code=0.AXoA-code&state={STATE}&iss={OTHER_ISS}"),
            "rejected issuer_mismatch",
        ),
        // The issuer is checked before the state.
        (
            format!("code=attacker-code&state=guess&iss={OTHER_ISS}"),
            "rejected issuer_mismatch",
        ),
        (
            format!("error=access_denied&state=guess&iss={OTHER_ISS}"),
            "rejected issuer_mismatch",
        ),
        (
            format!("code=0.AXoA-code&state={STATE}"),
            "rejected issuer_missing",
        ),
        // Duplicated parameters, first, last and in between: there is no
        // telling which value the server sent.
        (
            format!("state=guess&state={STATE}&code=attacker-code&iss={ISS}"),
            "unreadable duplicate",
        ),
        (
            format!("code=attacker-code&state={STATE}&iss={ISS}&state=guess"),
            "unreadable duplicate",
        ),
        (
            format!("error=login_required&error=server_error&state={STATE}&iss={ISS}"),
            "unreadable duplicate",
        ),
        // An empty value counts: `state=` then the real one.
        (
            format!("state=&state={STATE}&code=attacker-code&iss={ISS}"),
            "unreadable duplicate",
        ),
        (
            format!("code=a&state={STATE}&code=b&iss={ISS}"),
            "unreadable duplicate",
        ),
        (
            format!("code=a&state={STATE}&iss={OTHER_ISS}&iss={ISS}"),
            "unreadable duplicate",
        ),
        // Both a code and an error: neither is believed.
        (
            format!("code=a&error=access_denied&state={STATE}&iss={ISS}"),
            "unreadable code_with_error",
        ),
        (
            format!("error=access_denied&state={STATE}&iss={ISS}&code=a"),
            "unreadable code_with_error",
        ),
        // Neither a code nor an error.
        (format!("state={STATE}&iss={ISS}"), "unreadable missing_error"),
    ];
    for (query, expected) in &cases {
        for route in STRICT {
            assert_eq!(&get(route, query).await, expected, "{route}?{query}");
        }
    }

    // The trap a map sets: the forged `state=guess` is dropped and the real
    // state kept beside the attacker's code, so a check of the map's state
    // would pass. `from_query_pairs` does not compile with a map.
    let forged = format!("state=guess&state={STATE}&code=attacker-code&iss={ISS}");
    assert_eq!(
        get("/cb/map", &forged).await,
        format!("map of 3: state={STATE} code=attacker-code")
    );
    for route in STRICT {
        assert_eq!(get(route, &forged).await, "unreadable duplicate");
    }

    // Where the routes differ, as the docs of `Callback::from_query_pairs`
    // say: axum decodes bytes that are not UTF-8 (`%FF`) to U+FFFD before the
    // pairs reach oauth-triage, while a raw query is checked strictly.
    let not_utf8 = format!("code=%FF&state={STATE}&iss={ISS}");
    assert_eq!(get("/cb/query", &not_utf8).await, "redeem \u{FFFD}");
    for route in ["/cb/raw", "/cb/uri"] {
        assert_eq!(
            get(route, &not_utf8).await,
            "unreadable bad_percent_encoding"
        );
    }

    stop.send(()).expect("the server is running");
    server
        .await
        .expect("the server task")
        .expect("the server stopped cleanly");
}
