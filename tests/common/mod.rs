//! What the test files share: the `explain` example run as a program, the
//! way a user types it, and the outcome of `classify` on a body or a
//! response.
#![allow(dead_code)] // each test file uses its own share of these

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use oauth_triage::{classify, Action, DecidedBy, HttpResponse, TokenError};
use serde_json::Value;

/// The action of a token endpoint JSON body, with no status known, and the
/// step that decided.
#[track_caller]
pub(crate) fn token(body: &str) -> (Action<'static>, DecidedBy) {
    let err = TokenError::from_json(body.as_bytes()).unwrap_or_else(|e| panic!("{body}: {e}"));
    let c = classify(&err);
    (c.action().clone().into_owned(), c.decided_by())
}

/// The action of a whole response, and the step that decided.
#[track_caller]
pub(crate) fn http(
    status: u16,
    headers: &[(&str, &str)],
    body: &str,
) -> (Action<'static>, DecidedBy) {
    let response = headers
        .iter()
        .fold(HttpResponse::new(status), |r, (n, v)| r.header(n, *v))
        .body(body.as_bytes());
    let c = classify(&response);
    (c.action().clone().into_owned(), c.decided_by())
}

pub(crate) fn explain_path() -> PathBuf {
    // target/<profile>/deps/explain-<hash> → target/<profile>/examples/explain
    let exe = std::env::current_exe().unwrap();
    let profile = exe.parent().unwrap().parent().unwrap();
    profile
        .join("examples")
        .join(format!("explain{}", std::env::consts::EXE_SUFFIX))
}

pub(crate) fn explain(args: &[&str], stdin: Option<&str>) -> (i32, String) {
    let mut child = Command::new(explain_path())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the explain example is built by `cargo test`");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

pub(crate) fn json(args: &[&str], stdin: Option<&str>) -> (i32, Value) {
    let (code, out) = explain(args, stdin);
    (
        code,
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}")),
    )
}
