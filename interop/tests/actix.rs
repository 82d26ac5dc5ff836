//! The actix-web 4 recipe of the crate docs ("Web frameworks"), served by
//! actix's own server on 127.0.0.1 and driven by reqwest 0.12: the raw
//! query of a GET (`HttpRequest::query_string`) to `Callback::from_query`,
//! a `form_post` body (`web::Bytes`, bounded by `web::PayloadConfig`) to
//! `Callback::from_form_post`, a 400 that names the problem and echoes
//! nothing. It answers every request of `callbacks::cases()` as the axum
//! extractor does (`axum.rs`).

mod callbacks;

use std::time::Duration;

use actix_web::http::header;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use callbacks::{Iss, Sent, Session, IF_PRESENT, REQUIRED, STATE};
use oauth_triage::{Callback, Limits, ParseError};

// The recipe: two handlers and the answer to an unreadable callback.

/// GET: the query exactly as it was sent, read (and percent-decoded,
/// strictly) by oauth-triage.
async fn callback_get(req: HttpRequest, session: web::Data<Session>) -> HttpResponse {
    answer(&req, &session, Callback::from_query(req.query_string()))
}

/// POST (`response_mode=form_post`): the body, which `web::PayloadConfig`
/// stops reading past its limit. The query of the POST's URL is not read.
async fn callback_post(
    req: HttpRequest,
    body: web::Bytes,
    session: web::Data<Session>,
) -> HttpResponse {
    let form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|essence| {
            essence
                .trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        });
    if !form {
        return HttpResponse::UnsupportedMediaType().finish();
    }
    answer(&req, &session, Callback::from_form_post(&body))
}

/// A callback that cannot be read is a 400 naming the kind of problem, with
/// nothing of the request in it; one that can is checked against the session.
fn answer(
    req: &HttpRequest,
    session: &Session,
    parsed: Result<Callback<'_>, ParseError>,
) -> HttpResponse {
    match parsed {
        Err(err) => HttpResponse::BadRequest()
            .content_type("text/plain; charset=utf-8")
            .body(callbacks::unreadable(&err)),
        Ok(callback) => {
            HttpResponse::Ok().body(callbacks::verdict(session, Iss::of(req.path()), callback))
        }
    }
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

#[test]
fn the_recipe_through_actix_web() {
    actix_web::rt::System::new().block_on(async {
        tokio::time::timeout(Duration::from_secs(30), recipe())
            .await
            .expect("the test took more than 30 s");
    });
}

async fn recipe() {
    let session = web::Data::new(Session::new());
    let server = HttpServer::new(move || {
        App::new()
            .app_data(session.clone())
            // The body of a form_post: no more than oauth-triage reads.
            .app_data(web::PayloadConfig::new(Limits::DEFAULT.max_body))
            .service(
                web::resource([REQUIRED, IF_PRESENT])
                    .route(web::get().to(callback_get))
                    .route(web::post().to(callback_post)),
            )
    })
    .workers(1)
    .disable_signals()
    .shutdown_timeout(1)
    .bind(("127.0.0.1", 0))
    .expect("bind 127.0.0.1");
    let addr = server.addrs()[0];
    let server = server.run();
    let handle = server.handle();
    let task = actix_web::rt::spawn(server);

    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    let base = format!("http://{addr}");

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
    assert!(
        !body.contains("script") && !body.contains("attacker"),
        "{body}"
    );

    // A form_post is a form: JSON is 415.
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
    // A body over the limit is refused by actix-web itself (413), before
    // oauth-triage sees it.
    let big = Sent::Post(format!(
        "code=a&state={STATE}&pad={}",
        "x".repeat(64 * 1024)
    ));
    assert_eq!(send(&client, &base, IF_PRESENT, &big).await.0, 413);

    handle.stop(true).await;
    task.await
        .expect("the server task")
        .expect("the server stopped cleanly");
}
