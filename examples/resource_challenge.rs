//! Calling Microsoft Graph when continuous access evaluation revokes the
//! session: the API answers 401 with a claims challenge; get a new token
//! that carries those claims, then retry the call once.
//!
//! Runs offline: Graph and the token service are simulated.
//!
//! ```text
//! cargo run --example resource_challenge
//! ```

use oauth_triage::{classify, Action, HttpResponse, StepUp};

/// Graph's 401 after the user's session was revoked (a CAE event).
const CAE_CHALLENGE: &str = r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTcwNDA2NzIwMCJ9fX0=""#;

/// A stand-in for Graph: it refuses tokens issued without the claims.
fn call_graph(token: &str) -> (u16, Option<&'static str>) {
    if token.contains("nbf") {
        (200, None)
    } else {
        (401, Some(CAE_CHALLENGE))
    }
}

/// A stand-in for the token service: a refresh-token request carrying the
/// claims request (MSAL's `WithClaims`, or the `claims` form parameter).
fn acquire_token(claims: Option<&str>) -> String {
    match claims {
        Some(claims) => format!("token-with-{claims}"),
        None => "token-1".to_owned(),
    }
}

fn main() {
    let mut token = acquire_token(None);
    let mut retried = false;
    loop {
        let (status, challenge) = call_graph(&token);
        println!("GET /me with {token:?}: HTTP {status}");
        if status == 200 {
            println!("  done");
            break;
        }
        let mut response = HttpResponse::new(status);
        if let Some(challenge) = challenge {
            response = response.header("WWW-Authenticate", challenge);
        }
        let c = classify(&response);
        println!("  {c}");
        if retried {
            println!("  still refused after one retry: stop");
            std::process::exit(1);
        }
        match c.action() {
            Action::StepUp(StepUp { claims, .. }) => {
                // The challenge's claims arrive base64-encoded; this is the JSON.
                let claims = claims.as_deref().unwrap_or("");
                println!("  step up: request a token with claims {claims}");
                // Silently first (refresh token); interactively with the same
                // claims if that fails.
                token = acquire_token(Some(claims));
            }
            Action::Renew => {
                println!("  renew: get a fresh token silently");
                token = acquire_token(None);
            }
            other => {
                println!("  {}", other.advice());
                std::process::exit(1);
            }
        }
        retried = true;
    }
    assert!(token.contains(r#""nbf":{"essential":true, "value":"1704067200"}"#));
}
