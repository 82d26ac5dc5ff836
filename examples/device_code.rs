//! Polling the token endpoint in the device authorization flow (RFC 8628)
//! with [`Retries`]: keep polling while the user is busy, slow down by 5
//! seconds for the rest of the flow when asked, stop when the code expires
//! or the user says no, and never poll past the code's lifetime.
//!
//! Runs offline: the token endpoint is a list of canned answers, and waiting
//! is only printed, not slept.
//!
//! ```text
//! cargo run --example device_code
//! ```

use std::time::Duration;

use oauth_triage::{classify, HttpResponse, Next, RetryPolicy};

/// How polling ended.
#[derive(Debug, PartialEq, Eq)]
enum Polled {
    Token,
    /// Stop polling; the string is the action.
    Stopped(&'static str),
    /// The code's lifetime is spent.
    Expired,
}

fn main() {
    // The device authorization response said `"interval": 5` and
    // `"expires_in": 900`.
    let policy = RetryPolicy::new()
        .poll_interval(Duration::from_secs(5))
        .max_elapsed(Duration::from_secs(900));

    println!("== the user signs in after a while");
    let answers = [
        r#"{"error":"authorization_pending","error_description":"AADSTS70016: OAuth 2.0 device flow error. Authorization is pending.","error_codes":[70016]}"#,
        r#"{"error":"slow_down"}"#,
        r#"{"error":"authorization_pending","error_codes":[70016]}"#,
        r#"{"access_token":"eyJ0eXAi","token_type":"Bearer","expires_in":3599}"#,
    ];
    assert_eq!(poll(&policy, &answers), Polled::Token);

    println!("\n== the user never comes");
    let answers = [
        r#"{"error":"authorization_pending","error_codes":[70016]}"#,
        r#"{"error":"expired_token","error_description":"AADSTS70020: The provided value for the input parameter 'device_code' is not valid. This device code has expired.","error_codes":[70020]}"#,
    ];
    assert_eq!(poll(&policy, &answers), Polled::Stopped("reauthenticate"));

    println!("\n== the user declines on the other device");
    let answers = [r#"{"error":"authorization_declined"}"#];
    assert_eq!(poll(&policy, &answers), Polled::Stopped("denied"));

    println!("\n== a short-lived code: polling ends with it");
    let short = policy.max_elapsed(Duration::from_secs(12));
    let pending = r#"{"error":"authorization_pending","error_codes":[70016]}"#;
    assert_eq!(poll(&short, &[pending; 5]), Polled::Expired);
}

fn poll(policy: &RetryPolicy, answers: &[&str]) -> Polled {
    let mut retries = policy.start();
    for body in answers {
        // The endpoint answers 200 with a token, 400 with an error.
        let status = if body.contains("access_token") {
            200
        } else {
            400
        };
        let c = classify(HttpResponse::new(status).body(body.as_bytes()));
        println!("  {c}");
        match retries.next(&c) {
            Next::Done => {
                println!("  the user signed in: got a token");
                return Polled::Token;
            }
            // authorization_pending, slow_down (the interval is raised for
            // good), or a busy server's delay: wait, then poll again.
            Next::Resend { after } => println!("  poll again in {after:?}"),
            _ if retries.exhausted() => {
                println!("  the device code has expired: start over if the user asks");
                return Polled::Expired;
            }
            _ => {
                // expired_token → reauthenticate: start a new device flow, but
                // only when the user asks for it.
                println!("  stop polling: {}", c.action().advice());
                return Polled::Stopped(c.action().name());
            }
        }
    }
    Polled::Stopped("abort")
}
