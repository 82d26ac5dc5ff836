//! Handling the browser's return to the redirect URI: check `iss` and
//! `state` before believing anything the callback says, then redeem the
//! code or act on the error. Successes and errors go through the same
//! `Callback` and the same check.
//!
//! Runs offline on canned callbacks.
//!
//! ```text
//! cargo run --example authorize_callback
//! ```

use oauth_triage::{classify, Action, Callback, ExpectedCallback};

/// What the client remembered when it sent the user to the authorization
/// endpoint (in a real app: in the session, keyed by a cookie).
const SENT_STATE: &str = "Vq3c8bZ2oXk1";
/// The server's issuer identifier, from its metadata. Entra ID does not
/// advertise RFC 9207 support (no `authorization_response_iss_parameter_supported`
/// in its discovery documents) and its callbacks carry no `iss`, so the
/// check is `issuer_if_present`: an absent `iss` passes, a present one must
/// be this one (RFC 9207 §2.4). A server that advertises it gets `issuer`.
const ISSUER: &str = "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0";

fn main() {
    let issuer_param =
        "https%3A%2F%2Flogin.microsoftonline.com%2F9188040d-6c67-4c5b-b112-36a304b66dad%2Fv2.0";
    let callbacks = [
        (
            "the user cancelled the consent prompt",
            format!("https://app.example/cb?error=access_denied&error_subcode=cancel&state={SENT_STATE}&iss={issuer_param}"),
        ),
        (
            "silent sign-in (prompt=none) needs the user",
            format!("https://app.example/cb#error=interaction_required&error_description=AADSTS50076%3a+MFA+required&state={SENT_STATE}&iss={issuer_param}"),
        ),
        (
            "a link someone crafted, with a guessed state",
            format!("https://app.example/cb?error=access_denied&error_description=Call+the+helpdesk+at+555-0100&state=guess&iss={issuer_param}"),
        ),
        (
            "an answer from another authorization server (mix-up)",
            format!("https://app.example/cb?error=login_required&state={SENT_STATE}&iss=https%3A%2F%2Fevil.example"),
        ),
        (
            "a smuggled second error parameter",
            format!("https://app.example/cb?error=login_required&error=server_error&state={SENT_STATE}"),
        ),
        (
            "a successful sign-in",
            format!("https://app.example/cb?code=0.AAAA&state={SENT_STATE}&iss={issuer_param}"),
        ),
        (
            "a successful sign-in as Entra answers it: no iss",
            format!("https://app.example/cb?code=0.AAAA&state={SENT_STATE}&session_state=5f2a"),
        ),
        (
            "another server's code, with the right state (mix-up)",
            format!("https://app.example/cb?code=0.OTHER&state={SENT_STATE}&iss=https%3A%2F%2Fevil.example"),
        ),
        (
            "login CSRF: the attacker's own code, with a guessed state",
            format!("https://app.example/cb?code=0.ATTACKER&state=guess&iss={issuer_param}"),
        ),
        (
            "a code and an error at once",
            format!("https://app.example/cb?code=0.AAAA&error=access_denied&state={SENT_STATE}&iss={issuer_param}"),
        ),
    ];
    let mut decided = Vec::new();
    for (what, url) in &callbacks {
        println!("== {what}");
        decided.push(handle(url));
    }
    assert_eq!(
        decided,
        [
            "denied",
            "reauthenticate",
            "rejected",
            "rejected",
            "rejected",
            "redeem",
            "redeem",
            "rejected",
            "rejected",
            "rejected"
        ]
    );
}

fn handle(url: &str) -> &'static str {
    // 1. Parse: duplicated parameters, and a code beside an error, are refused here.
    let callback = match Callback::from_redirect_uri(url) {
        Ok(callback) => callback,
        Err(problem) => {
            println!("  rejected: {problem}");
            return "rejected";
        }
    };
    // 2. iss, then state, before the code or the error means anything.
    let expected = ExpectedCallback::state(SENT_STATE).issuer_if_present(ISSUER);
    let verified = match callback.check(&expected) {
        Ok(verified) => verified,
        Err(problem) => {
            println!("  rejected: {problem}; neither redeem its code nor show its text");
            return "rejected";
        }
    };
    // 3. Only now redeem the code, or classify the error.
    // (Delete the state kept for this request now: a replayed callback must not pass again.)
    let iss = if verified.issuer_checked() {
        "iss checked"
    } else {
        "no iss, as Entra answers"
    };
    let Some(err) = verified.error() else {
        // The code is a secret: redeem it, never log it.
        println!(
            "  checked ({iss}): redeem the code at the token endpoint (with the PKCE verifier)"
        );
        return "redeem";
    };
    let c = classify(err);
    println!("  {c}");
    match c.action() {
        Action::Reauthenticate | Action::Consent | Action::StepUp(_) => {
            println!("  send the user to sign in again, interactively (no prompt=none)");
        }
        Action::Denied => {
            println!("  tell the user sign-in was cancelled or refused; offer to try again")
        }
        Action::Retry { .. } => println!("  the server is busy: offer to try again in a moment"),
        other => println!("  {}", other.advice()),
    }
    c.action().name()
}
