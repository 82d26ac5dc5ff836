//! A bounded retry loop around a token request: honour `Retry-After`, back
//! off with jitter when the server gives no delay, and stop at once on
//! anything that retrying cannot fix.
//!
//! Runs offline: the "server" is a list of canned responses, and waiting is
//! only printed, not slept.
//!
//! ```text
//! cargo run --example retry_loop
//! ```

use std::time::Duration;

use oauth_triage::{classify, Action, HttpResponse};

/// A canned HTTP answer: status, headers, body.
type Canned = (u16, &'static [(&'static str, &'static str)], &'static str);

const MAX_ATTEMPTS: u32 = 5;
const BASE_DELAY: Duration = Duration::from_millis(500);
const MAX_DELAY: Duration = Duration::from_secs(30);

/// What became of the request.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Token(&'static str),
    Stopped(String),
    GaveUp,
}

fn main() {
    println!("== a throttled, then briefly unavailable, token endpoint");
    let outcome = run(&[
        (429, &[("Retry-After", "2")], "Too Many Requests"),
        (
            503,
            &[],
            r#"{"error":"temporarily_unavailable","error_codes":[50196]}"#,
        ),
        (500, &[], "<html><body>Internal Server Error</body></html>"),
        (200, &[], r#"{"access_token":"eyJ0eXAi","expires_in":3599}"#),
    ]);
    assert_eq!(
        outcome,
        Outcome::Token(r#"{"access_token":"eyJ0eXAi","expires_in":3599}"#)
    );

    println!("\n== a wrong client secret: retrying cannot help");
    let outcome = run(&[(
        401,
        &[],
        r#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215]}"#,
    )]);
    assert!(matches!(outcome, Outcome::Stopped(_)));

    println!("\n== an endpoint that never recovers");
    let down: Canned = (503, &[("Retry-After", "1")], "");
    let outcome = run(&[down; 6]);
    assert_eq!(outcome, Outcome::GaveUp);
}

/// Sends the request until it succeeds, a non-retryable action comes back,
/// or the attempts run out.
fn run(server: &[Canned]) -> Outcome {
    let mut jitter = Jitter(0x9E37_79B9_7F4A_7C15);
    for attempt in 0..MAX_ATTEMPTS {
        let Some(&(status, headers, body)) = server.get(attempt as usize) else {
            return Outcome::GaveUp;
        };
        println!("attempt {}: HTTP {status}", attempt + 1);
        let response = headers
            .iter()
            .fold(HttpResponse::new(status), |r, (name, value)| {
                r.header(name, *value)
            })
            .body(body.as_bytes());
        let c = classify(&response);
        // `Display` is safe for logs: no server free text.
        println!("  {c}");
        match c.action() {
            // One match handles every response, the success too.
            Action::Success => {
                println!("  got a token");
                return Outcome::Token(body);
            }
            Action::Retry { after } => {
                let wait = match after {
                    Some(after) => *after,
                    None => jitter.backoff(attempt),
                };
                let why = if after.is_some() {
                    "the server's delay"
                } else {
                    "backoff with jitter"
                };
                println!("  wait {wait:?} ({why}), then send the same request again");
            }
            other => {
                println!("  {} (who acts: {})", other.advice(), c.party());
                return Outcome::Stopped(other.name().to_owned());
            }
        }
    }
    println!("  giving up after {MAX_ATTEMPTS} attempts");
    Outcome::GaveUp
}

/// "Full jitter" backoff: a random delay between zero and an exponentially
/// growing cap. A tiny xorshift keeps the example free of dependencies and
/// its output the same on every run; use a real random source in production.
struct Jitter(u64);

impl Jitter {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn backoff(&mut self, attempt: u32) -> Duration {
        let cap = BASE_DELAY
            .saturating_mul(1 << attempt.min(16))
            .min(MAX_DELAY);
        let millis = u64::try_from(cap.as_millis()).unwrap_or(u64::MAX).max(1);
        Duration::from_millis(self.next() % millis)
    }
}
