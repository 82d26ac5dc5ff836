//! What the callback tests of axum (`axum.rs`, the extractor) and actix-web
//! (`actix.rs`, the recipe) share: the session the app kept, the requests a
//! browser (or a forger) sends to the redirect URI, the answer each route
//! must give, and the check a handler makes once the callback is read.
//! Both servers answer every request the same way: that is the point.
#![allow(dead_code)] // each test file uses its own share of these

use oauth_triage::{classify, Callback, ExpectedCallback, ParseError};

/// The `state` the app sent with its authorization request.
pub(crate) const STATE: &str = "k8Qz1";

/// The authorization server's issuer identifier (RFC 9207).
pub(crate) const ISSUER: &str = "https://login.microsoftonline.com/contoso/v2.0";

/// [`ISSUER`], percent-encoded as it appears in the redirect.
pub(crate) const ISS: &str = "https%3A%2F%2Flogin.microsoftonline.com%2Fcontoso%2Fv2.0";

/// Another server's issuer: the answer of a mix-up.
pub(crate) const OTHER_ISS: &str = "https%3A%2F%2Fidp.example.net";

/// The route that requires `iss` (`ExpectedCallback::issuer`: the server
/// advertises RFC 9207).
pub(crate) const REQUIRED: &str = "/cb/required";

/// The route that checks `iss` when present
/// (`ExpectedCallback::issuer_if_present`: the server does not advertise it).
pub(crate) const IF_PRESENT: &str = "/cb/if-present";

/// What the app kept in the user's session when it sent the request.
pub(crate) struct Session {
    pub(crate) state: String,
    pub(crate) issuer: String,
}

impl Session {
    pub(crate) fn new() -> Self {
        Self {
            state: STATE.to_owned(),
            issuer: ISSUER.to_owned(),
        }
    }
}

/// How a route checks `iss`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Iss {
    Required,
    IfPresent,
}

impl Iss {
    /// The mode of a route, by its path.
    pub(crate) fn of(path: &str) -> Self {
        if path.starts_with(REQUIRED) {
            Self::Required
        } else {
            Self::IfPresent
        }
    }
}

/// What a handler does with a callback it could read: check `iss` and
/// `state` against the session, then say what the app would do (the code
/// is echoed here only so that the test can see which one passed).
pub(crate) fn verdict(session: &Session, mode: Iss, callback: Callback<'_>) -> String {
    let expected = ExpectedCallback::state(&session.state);
    let expected = match mode {
        Iss::Required => expected.issuer(&session.issuer),
        Iss::IfPresent => expected.issuer_if_present(&session.issuer),
    };
    let verified = match callback.check(&expected) {
        Ok(verified) => verified,
        Err(err) => return format!("rejected {}", err.kind()),
    };
    let iss = if verified.issuer_checked() {
        "iss checked"
    } else {
        "no iss"
    };
    match (verified.code(), verified.error()) {
        (Some(code), _) => format!("redeem {code} ({iss})"),
        (None, Some(err)) => format!("error {} ({iss})", classify(err).action().name()),
        (None, None) => format!("tokens ({iss})"),
    }
}

/// The body of the 400 for a callback that cannot be read: the kind of
/// problem, nothing of the request. The axum extractor's rejection says
/// this; the actix-web recipe writes the same.
pub(crate) fn unreadable(err: &ParseError) -> String {
    format!(
        "the authorization response could not be read ({})",
        err.kind()
    )
}

/// A request to the redirect URI.
#[derive(Clone, Debug)]
pub(crate) enum Sent {
    /// A GET with this query (without `?`; empty for none).
    Get(String),
    /// A `form_post`: a POST with this `application/x-www-form-urlencoded` body.
    Post(String),
}

/// A request and what the two routes must answer: the status and the body.
#[derive(Clone, Debug)]
pub(crate) struct Case {
    pub(crate) send: Sent,
    pub(crate) required: (u16, String),
    pub(crate) if_present: (u16, String),
}

fn ok(body: &str) -> (u16, String) {
    (200, body.to_owned())
}

fn bad(kind: &str) -> (u16, String) {
    (
        400,
        format!("the authorization response could not be read ({kind})"),
    )
}

fn case(send: Sent, required: (u16, String), if_present: (u16, String)) -> Case {
    Case {
        send,
        required,
        if_present,
    }
}

/// The same answer from both routes.
fn both(send: Sent, answer: (u16, String)) -> Case {
    case(send, answer.clone(), answer)
}

/// Every request both frameworks are sent, GET and `form_post` alike.
pub(crate) fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for send in [Sent::Get as fn(String) -> Sent, Sent::Post] {
        cases.extend([
            // A success from the expected server, answering the app's request.
            both(
                send(format!("code=0.AXoA-code&state={STATE}&iss={ISS}&session_state=5f2a")),
                ok("redeem 0.AXoA-code (iss checked)"),
            ),
            // Without `iss`, as Entra answers: refused where it is required,
            // accepted (and said to be unchecked) where it is not.
            case(
                send(format!("code=0.AXoA-code&state={STATE}")),
                ok("rejected issuer_missing"),
                ok("redeem 0.AXoA-code (no iss)"),
            ),
            case(
                send(format!("error=consent_required&error_description=AADSTS65001%3A+no+consent&state={STATE}")),
                ok("rejected issuer_missing"),
                ok("error consent (no iss)"),
            ),
            both(
                send(format!("error=consent_required&state={STATE}&iss={ISS}")),
                ok("error consent (iss checked)"),
            ),
            // Mix-up: another server's answer, success or error, fails in both modes.
            both(
                send(format!("code=0.AXoA-code&state={STATE}&iss={OTHER_ISS}")),
                ok("rejected issuer_mismatch"),
            ),
            both(
                send(format!("error=access_denied&state={STATE}&iss={OTHER_ISS}")),
                ok("rejected issuer_mismatch"),
            ),
            // A trailing slash is another issuer: simple string comparison.
            both(
                send(format!("code=0.AXoA-code&state={STATE}&iss={ISS}%2F")),
                ok("rejected issuer_mismatch"),
            ),
            // Login CSRF: the attacker's code with a guessed state.
            both(
                send(format!("code=attacker-code&state=guess&iss={ISS}")),
                ok("rejected state_mismatch"),
            ),
            // Without `iss`, the issuer check comes first where `iss` is required.
            case(
                send("code=attacker-code&state=guess".to_owned()),
                ok("rejected issuer_missing"),
                ok("rejected state_mismatch"),
            ),
            both(
                send(format!("error=access_denied&state=guess&iss={ISS}")),
                ok("rejected state_mismatch"),
            ),
            both(
                send(format!("code=0.AXoA-code&iss={ISS}")),
                ok("rejected state_missing"),
            ),
            // A duplicated `state`, in both orders: there is no telling which
            // one the server sent, so neither is believed.
            both(
                send(format!("state=guess&state={STATE}&code=attacker-code&iss={ISS}")),
                bad("duplicate"),
            ),
            both(
                send(format!("state={STATE}&state=guess&code=attacker-code&iss={ISS}")),
                bad("duplicate"),
            ),
            both(
                send(format!("code=attacker-code&state={STATE}&iss={ISS}&state=guess")),
                bad("duplicate"),
            ),
            both(
                send(format!("error=login_required&error=server_error&state={STATE}&iss={ISS}")),
                bad("duplicate"),
            ),
            both(
                send(format!("code=a&state={STATE}&iss={OTHER_ISS}&iss={ISS}")),
                bad("duplicate"),
            ),
            // A code beside an error: neither is believed.
            both(
                send(format!("code=a&error=access_denied&state={STATE}&iss={ISS}")),
                bad("code_with_error"),
            ),
            both(
                send(format!("error=access_denied&state={STATE}&iss={ISS}&code=a")),
                bad("code_with_error"),
            ),
            // Bad percent-encoding: a malformed escape, bytes that are not UTF-8.
            both(
                send(format!("code=a%zz&state={STATE}&iss={ISS}")),
                bad("bad_percent_encoding"),
            ),
            both(
                send(format!("code=%FF&state={STATE}&iss={ISS}")),
                bad("bad_percent_encoding"),
            ),
            // Parameters, but neither a code nor an error.
            both(send(format!("state={STATE}&iss={ISS}")), bad("missing_error")),
            // A JWT-secured response (JARM) is not read without verifying it.
            both(send("response=eyJhbGciOiJSUzI1NiJ9.e30.c2ln".to_owned()), bad("jwt")),
        ]);
    }
    cases.extend([
        // A GET with no query at all: not an answer of the server.
        both(Sent::Get(String::new()), bad("no_parameters")),
        both(Sent::Get("state=&code=".to_owned()), bad("no_parameters")),
        // An empty form_post body.
        both(Sent::Post(String::new()), bad("empty")),
    ]);
    cases
}

/// A forged callback whose values are markup: the 400 must not carry them.
pub(crate) fn hostile_query() -> String {
    format!(
        "state=%3Cscript%3Ealert(1)%3C%2Fscript%3E&state={STATE}&code=%3Cb%3Eattacker%3C%2Fb%3E"
    )
}
