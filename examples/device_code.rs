//! Polling the token endpoint in the device authorization flow (RFC 8628):
//! keep polling while the user is busy, slow down by 5 seconds when asked,
//! stop when the code expires or the user says no.
//!
//! Runs offline: the token endpoint is a list of canned answers, and waiting
//! is only printed, not slept.
//!
//! ```text
//! cargo run --example device_code
//! ```

use std::time::Duration;

use oauth_triage::{classify, Action, HttpResponse};

/// How polling ended.
#[derive(Debug, PartialEq, Eq)]
enum Polled {
    Token,
    /// Stop polling; the string is the action.
    Stopped(&'static str),
}

fn main() {
    // The device authorization response said `"interval": 5`.
    let interval = Duration::from_secs(5);

    println!("== the user signs in after a while");
    let answers = [
        r#"{"error":"authorization_pending","error_description":"AADSTS70016: OAuth 2.0 device flow error. Authorization is pending.","error_codes":[70016]}"#,
        r#"{"error":"slow_down"}"#,
        r#"{"error":"authorization_pending","error_codes":[70016]}"#,
        r#"{"access_token":"eyJ0eXAi","token_type":"Bearer","expires_in":3599}"#,
    ];
    assert_eq!(poll(&answers, interval), Polled::Token);

    println!("\n== the user never comes");
    let answers = [
        r#"{"error":"authorization_pending","error_codes":[70016]}"#,
        r#"{"error":"expired_token","error_description":"AADSTS70020: The provided value for the input parameter 'device_code' is not valid. This device code has expired.","error_codes":[70020]}"#,
    ];
    assert_eq!(poll(&answers, interval), Polled::Stopped("reauthenticate"));

    println!("\n== the user declines on the other device");
    let answers = [r#"{"error":"authorization_declined"}"#];
    assert_eq!(poll(&answers, interval), Polled::Stopped("denied"));
}

fn poll(answers: &[&str], mut interval: Duration) -> Polled {
    for (n, body) in answers.iter().enumerate() {
        println!("poll {} after waiting {interval:?}", n + 1);
        // The endpoint answers 200 with a token, 400 with an error.
        let status = if body.contains("access_token") {
            200
        } else {
            400
        };
        let response = HttpResponse::new(status).body(body.as_bytes());
        let c = classify(&response);
        println!("  {c}");
        match c.action() {
            Action::Success => {
                println!("  the user signed in: got a token");
                return Polled::Token;
            }
            Action::KeepPolling => println!("  still pending: poll again"),
            Action::SlowDown { interval: asked } => {
                // The interval the server names (GitHub), else RFC 8628
                // §3.5: this and every later poll waits 5 s longer.
                interval = asked.unwrap_or(interval + Duration::from_secs(5));
                println!("  polling too fast: interval is now {interval:?}");
            }
            Action::Retry { after } => {
                let wait = after.unwrap_or(interval).max(interval);
                println!("  the server is struggling: wait {wait:?}, then poll again");
            }
            other => {
                // expired_token → reauthenticate: start a new device flow, but
                // only when the user asks for it.
                println!("  stop polling: {}", other.advice());
                return Polled::Stopped(other.name());
            }
        }
    }
    Polled::Stopped("abort")
}
