//! A bounded retry loop around a token request, with [`Retries`]: the
//! server's delay honoured, backoff with jitter when it names none, a renew
//! that is tried once, budgets that hold whatever the server sends, and a
//! stop at once on anything that retrying cannot fix. A [`Throttle`] holds
//! back the other tasks that would send the same request meanwhile.
//!
//! Runs offline: the "server" is a list of canned responses, and waiting is
//! only printed, not slept.
//!
//! ```text
//! cargo run --example retry_loop
//! ```

use std::time::Duration;

use oauth_triage::{classify, HttpResponse, Next, RetryPolicy, Surface, Throttle};

/// A canned HTTP answer: status, headers, body.
type Canned = (u16, &'static [(&'static str, &'static str)], &'static str);

/// What became of the request.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Token(&'static str),
    /// Stopped on this action: someone must act.
    Stopped(String),
    /// A budget is spent.
    GaveUp,
}

fn main() {
    // Four resends at most, two minutes of waiting in all; a fixed seed so
    // that the example prints the same waits on every run (leave it out in
    // production).
    let policy = RetryPolicy::new()
        .max_attempts(4)
        .max_elapsed(Duration::from_secs(120))
        .seed(7);
    let throttle = Throttle::new();

    println!("== a throttled, then briefly unavailable, token endpoint");
    let outcome = run(
        &policy,
        &throttle,
        &[
            (429, &[("Retry-After", "2")], "Too Many Requests"),
            (
                503,
                &[],
                r#"{"error":"temporarily_unavailable","error_codes":[50196]}"#,
            ),
            (500, &[], "<html><body>Internal Server Error</body></html>"),
            (200, &[], r#"{"access_token":"eyJ0eXAi","expires_in":3599}"#),
        ],
    );
    assert_eq!(
        outcome,
        Outcome::Token(r#"{"access_token":"eyJ0eXAi","expires_in":3599}"#)
    );

    println!("\n== a wrong client secret, with a challenge for the client's authentication");
    let outcome = run(
        &policy,
        &throttle,
        &[(
            401,
            &[("WWW-Authenticate", r#"Bearer error="invalid_token""#)],
            r#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215]}"#,
        )],
    );
    assert_eq!(outcome, Outcome::Stopped("fix_credentials".into()));

    println!("\n== an endpoint that keeps asking for more time");
    let down: Canned = (503, &[("Retry-After", "1")], "");
    let outcome = run(&policy, &throttle, &[down; 8]);
    assert_eq!(outcome, Outcome::GaveUp);

    println!("\n== a server that asks for more than the whole budget");
    let outcome = run(&policy, &throttle, &[(429, &[("Retry-After", "600")], "")]);
    assert_eq!(outcome, Outcome::GaveUp);
    // Another task that would send the same request now waits, without asking.
    let held = throttle.check(KEY).expect("held back");
    println!(
        "another task: held back for {}s more ({})",
        held.remaining().as_millis().div_ceil(1000),
        held.classification()
    );
}

/// The request's key for the throttle: authority, client, scopes.
const KEY: &str = "https://login.microsoftonline.com/contoso|app-1|api://x/.default";

/// Sends the request until it succeeds, someone must act, or a budget is
/// spent.
fn run(policy: &RetryPolicy, throttle: &Throttle, server: &[Canned]) -> Outcome {
    let mut retries = policy.start();
    for (n, &(status, headers, body)) in server.iter().enumerate() {
        println!("request {}: HTTP {status}", n + 1);
        let response = headers
            .iter()
            .fold(HttpResponse::new(status), |r, (name, value)| {
                r.header(name, *value)
            })
            .body(body.as_bytes())
            // A token endpoint: its challenges are about the client's own
            // authentication, never a reason to renew.
            .surface(Surface::Token);
        let c = classify(&response);
        // `Display` is safe for logs: no server free text.
        println!("  {c}");
        throttle.record(KEY.to_owned(), &c);
        match retries.next(&c) {
            Next::Done => {
                println!("  got a token");
                return Outcome::Token(body);
            }
            Next::Resend { after } => println!("  wait {after:?}, then send it again"),
            Next::Renew => println!("  renew the token, then send it again"),
            _ if retries.exhausted() => {
                println!(
                    "  giving up: {} resends, {:?} of waiting",
                    retries.attempts(),
                    retries.waited()
                );
                return Outcome::GaveUp;
            }
            // Sign in, or stop: someone must act.
            _ => {
                println!("  {} (who acts: {})", c.action().advice(), c.party());
                return Outcome::Stopped(c.action().name().to_owned());
            }
        }
    }
    Outcome::GaveUp
}
