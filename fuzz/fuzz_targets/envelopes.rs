//! The envelopes of the providers read in the second round: FHIR
//! `OperationOutcome`, gRPC status JSON, Kakao's `code`/`msg`, Spotify's
//! `error.status`, DocuSign's `errorCode`, bare `code`/`message`, Reddit's
//! numeric `error`, sentences in `error`, Twitch's `status`/`message`, and
//! challenges run together or given by position. Built from arbitrary
//! parts, they never panic, keep their limits, and their free text never
//! changes a decision.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use oauth_triage::{classify_with, Challenges, HttpResponse, Provider, ResourceError, Rules};
use oauth_triage_fuzz::{check_classification, check_parse_error};

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    shape: u8,
    provider: u8,
    status: u16,
    number: i64,
    code: &'a str,
    text: &'a str,
    other_text: &'a str,
    header: &'a str,
}

/// A JSON string literal holding `text`.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

fn body(shape: u8, number: i64, code: &str, text: &str) -> String {
    let (code, text) = (quoted(code), quoted(text));
    match shape % 10 {
        0 => format!(
            r#"{{"resourceType":"OperationOutcome","issue":[{{"severity":"error","code":{code},"diagnostics":{text}}}]}}"#
        ),
        1 => format!(r#"{{"code":{number},"message":{text},"details":[]}}"#),
        2 => format!(r#"{{"code":{number},"msg":{text}}}"#),
        3 => format!(
            r#"{{"error":{{"status":{},"message":{text}}}}}"#,
            number.rem_euclid(1000)
        ),
        4 => format!(r#"{{"errorCode":{code},"message":{text}}}"#),
        5 => format!(r#"{{"code":{number},"message":{text}}}"#),
        6 => format!(r#"{{"message":{text},"error":{number}}}"#),
        7 => format!(r#"{{"error":{text}}}"#),
        8 => format!(r#"{{"status":400,"message":{code}}}"#),
        _ => format!(r#"{{"error":{code},"error_description":{text},"error_code":{code}}}"#),
    }
}

fuzz_target!(|input: Input<'_>| {
    let policy = match Provider::KNOWN.get(usize::from(input.provider)) {
        Some(provider) => Rules::new().provider(provider.clone()),
        None => Rules::new(),
    };
    let one = body(input.shape, input.number, input.code, input.text);
    let two = body(input.shape, input.number, input.code, input.other_text);

    match ResourceError::from_json(one.as_bytes()) {
        Ok(err) => {
            assert!(!err.api_code().is_empty());
            assert_eq!(err.clone().into_owned(), err);
        }
        Err(e) => check_parse_error(&e),
    }

    let classify = |body: &str| {
        let response = HttpResponse::new(input.status)
            .header("WWW-Authenticate", input.header)
            .body(body.as_bytes());
        let c = classify_with(&response, &policy).into_owned();
        if let Some(e) = c.parse_error() {
            check_parse_error(e);
        }
        c
    };
    let first = classify(&one);
    check_classification(&first, &[Some(input.text)]);
    // The free text is never read, except where Twitch's `message` (shape
    // 8) or an `error` (shape 7) is the value itself.
    if !matches!(input.shape % 10, 7 | 8) {
        let second = classify(&two);
        assert_eq!(first.action(), second.action(), "{one} / {two}");
        assert_eq!(first.decided_by(), second.decided_by());
    }

    match Challenges::parse(input.header) {
        Ok(challenges) => assert!(challenges.iter().len() > 0),
        Err(e) => check_parse_error(&e),
    }
});
