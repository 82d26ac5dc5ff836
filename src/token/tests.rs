//! Unit tests of the token reader: the scanner against serde_json.

use proptest::prelude::*;

use super::parse::{
    checked_against_serde_json, parse, read_into, scan, scan_members, Fields, Member,
};
use super::TokenError;
use crate::error::ParseError;
use crate::error_code::ErrorName;
use crate::json_scan::Scanner;
use crate::limits::Limits;

/// The body read by the scanner, or `None` when it leaves it to
/// serde_json; the same whether its UTF-8 is checked at once or string
/// by string.
fn scanned<'a>(text: &'a str, limits: &Limits) -> Option<Result<TokenError<'a>, ParseError>> {
    let read = |json| {
        let mut scanned = None;
        let read = read_into(limits, |fields| {
            scanned = scan_members(json, fields);
            Ok(())
        });
        scanned.map(|()| read)
    };
    let at_once = read(Scanner::new(text));
    let lazily = read(Scanner::lazy(text.as_bytes()));
    assert_eq!(at_once, lazily, "{text}");
    let mut token = TokenError::new(ErrorName::InvalidRequest);
    let mut fields = Fields::new(&mut token, limits);
    assert_eq!(
        scan(text.as_bytes(), &mut fields),
        at_once.is_some(),
        "{text}"
    );
    at_once
}

/// The body read by serde_json alone.
fn parsed<'a>(text: &'a str, limits: &Limits) -> Result<TokenError<'a>, ParseError> {
    parse(serde_json::Deserializer::from_str(text), limits)
}

/// Bodies the scanner reads itself: what servers send, and the checks
/// that come after reading.
const SCANNED: &[&str] = &[
    r#"{"error":"invalid_grant"}"#,
    " \r\n\t{ \"error\" : \"invalid_grant\" , \"error_codes\" : [ 70008 , 50173 ] } \n",
    r#"{"error":"interaction_required","error_description":"AADSTS50079: MFA.\r\nTrace ID: 5c8ce2fc\r\n","error_codes":[50079],"timestamp":"2018-03-16 15:03:39Z","trace_id":"5c8ce2fc-1720-45c1-899a-0a6d0e965600","correlation_id":"e421d7f3-0160-4431-bc41-d675aa4007e8","claims":"{\"access_token\":{\"capolids\":{\"essential\":true,\"values\":[\"59866338\"]}}}","suberror":"basic_action"}"#,
    r#"{"error":"invalid_client","error_codes":null,"error_uri":"https:\/\/login.microsoftonline.com\/error?code=7000215"}"#,
    r#"{"error":"invalid_request","error_description":"Zugriff f\u00fcr J\u00F6rg \ud83d\ude00","error_codes":[]}"#,
    r#"{"error":"slow_down","interval":10,"expires_in":-1.5e3,"retry":true,"note":null,"x":"\u0000"}"#,
    r#"{"error":"invalid_grant","error_description":null,"claims":null,"suberror":null,"timestamp":null}"#,
    r#"{"error":"invalid_grant","error_codes":[0,4294967295]}"#,
    r#"{"error":"invalid_grant","error_codes":[1,2,3,4,5,6]}"#,
    // Read, then refused by the checks that follow.
    r#"{}"#,
    r#"{"error":"invalid_grant","error":"invalid_client"}"#,
    r#"{"error_codes":[1],"error_codes":[2],"error":"x"}"#,
    r#"{"access_token":"eyJ0eXAi","token_type":"Bearer"}"#,
    r#"{"error":"bad value"}"#,
    r#"{"error":null}"#,
    r#"{"error":"x","error_description":"a","error_description":"b"}"#,
    r#"{"error":"x","claims":"a","claims":"b"}"#,
];

/// Valid and invalid bodies that are left to serde_json.
const LEFT_TO_SERDE_JSON: &[&str] = &[
    r#"{"error":"invalid_grant","claims":{"access_token":{"acrs":{"essential":true}}}}"#,
    r#"{"error":"invalid_grant","details":{"a":[1,2]}}"#,
    r#"{"error":"invalid_grant","error_codes":[4294967296]}"#,
    r#"{"error":"invalid_grant","error_codes":[-1]}"#,
    r#"{"error":"invalid_grant","error_codes":[1.0]}"#,
    r#"{"error":"invalid_grant","error_codes":"50076"}"#,
    r#"{"error":"temporarily_unavailable","error_codes":["50196"]}"#,
    r#"{"error":"invalid_\u0067rant"}"#,
    r#"{"err\u006fr":"invalid_grant"}"#,
    r#"{"error":"invalid_grant","trace_id":"\ud800"}"#,
    r#"{"error":1}"#,
    r#"{"error":"invalid_grant",}"#,
    r#"{"error":"invalid_grant"} x"#,
    r#"{"error":"invalid_grant""#,
    r#"{"error":"invalid_grant","n":01}"#,
    r#"{"error":"invalid_grant","n":1.}"#,
    "{\"error\":\"tab\there\"}",
    r#"{"error":"x\q"}"#,
    r#"[{"error":"invalid_grant"}]"#,
    r#""error""#,
];

/// Whether the scanner read the body; when it did, `checked_against_serde_json`
/// (the check that fuzzing builds make) panics unless serde_json agrees.
fn assert_agree(text: &str, limits: &Limits) -> bool {
    scanned(text, limits)
        .map(|result| checked_against_serde_json(result, text, limits))
        .is_some()
}

#[test]
fn the_scanner_reads_what_servers_send_as_serde_json_does() {
    for limits in [Limits::DEFAULT, {
        let mut limits = Limits::DEFAULT;
        limits.max_params = 2;
        limits
    }] {
        for text in SCANNED {
            assert!(assert_agree(text, &limits), "not scanned: {text}");
        }
    }
}

#[test]
fn names_are_read_as_they_are_looked_up() {
    for name in [
        "error",
        "error_description",
        "error_codes",
        "error_uri",
        "timestamp",
        "trace_id",
        "correlation_id",
        "claims",
        "suberror",
        "errors",
        "error_",
        "err",
        "claim",
        "suberrors",
        "trace",
        "x",
        "",
    ] {
        let json = format!("{name}\"");
        let mut scanner = Scanner::new(&json);
        let member = Member::read_known(&mut scanner);
        assert_eq!(member, Member::of(name), "{name}");
        // A known name is read with its quote; any other, not at all.
        let read = if member == Member::Other {
            0
        } else {
            json.len()
        };
        assert!(scanner.eat_ascii(&json.as_bytes()[read..]), "{name}");
        assert!(scanner.at_end(), "{name}");
    }
}

#[test]
fn the_scanner_leaves_the_rest_to_serde_json() {
    for text in LEFT_TO_SERDE_JSON {
        assert!(scanned(text, &Limits::DEFAULT).is_none(), "scanned: {text}");
        // Through the public function, the answer is serde_json's.
        assert_eq!(
            TokenError::from_json(text.as_bytes()),
            parsed(text, &Limits::DEFAULT),
            "{text}"
        );
    }
}

#[test]
fn bodies_that_are_not_utf8_are_left_to_serde_json() {
    let long = "x".repeat(200);
    // Whether the body reads: a byte that is not UTF-8 in free text is
    // read lossily; in `error`, or outside a string, it is not.
    for (body, reads) in [
        (&b"{\"error\":\"invalid_gr\xe9nt\"}"[..], false),
        (b"{\"error\":\"invalid_grant\",\"trace_id\":\"\xff\"}", true),
        (b"{\"error\":\"invalid_grant\",\"\xc3\":1}", true),
        (b"{\"error\":\"invalid_grant\",\"x\":\"\xc3\"}", true),
        (
            b"{\"error\":\"invalid_grant\",\"error_description\":\"\xed\xa0\x80\"}",
            true,
        ),
        (b"{\"error\":\"invalid_grant\"}\xff", false),
        (
            &[
                b"{\"error\":\"invalid_grant\",\"x\":\"",
                long.as_bytes(),
                b"\xff\"}",
            ]
            .concat(),
            true,
        ),
    ] {
        let mut token = TokenError::new(ErrorName::InvalidRequest);
        let mut fields = Fields::new(&mut token, &Limits::DEFAULT);
        assert!(!scan(body, &mut fields), "{body:?}");
        let strict = parse(serde_json::Deserializer::from_slice(body), &Limits::DEFAULT);
        assert!(strict.is_err(), "{body:?}");
        let got = TokenError::from_json(body);
        if reads {
            let lossy = String::from_utf8_lossy(body).into_owned();
            let expected = TokenError::from_json(lossy.as_bytes()).map(TokenError::into_owned);
            assert_eq!(got, expected, "{body:?}");
            assert!(got.is_ok(), "{body:?}");
        } else {
            assert_eq!(got, strict, "{body:?}");
        }
    }
    // Text that is UTF-8, in a short body and in a long one.
    for body in [
        "{\"error\":\"tenant_bl\u{f6}cked\",\"trace_id\":\"caf\u{e9} \u{1f600}\"}".to_owned(),
        format!("{{\"error\":\"invalid_grant\",\"x\":\"{long}\u{e9}\"}}"),
    ] {
        assert!(assert_agree(&body, &Limits::DEFAULT), "{body}");
    }
}

fn text_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(r#""plain""#.to_owned()),
        Just(r#""a\r\nb\"c\\d\/e\b\f\t""#.to_owned()),
        Just(r#""\u00e9 \ud83d\ude00 \ud800 \udc00x""#.to_owned()),
        Just(r#""{\"access_token\":{\"acrs\":{\"essential\":true}}}""#.to_owned()),
        Just("null".to_owned()),
        "\"[ -~\u{e9}\u{1f600}]{0,12}\"",
    ]
}

fn codes_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("null".to_owned()),
        Just("[]".to_owned()),
        Just("[ 50076 , 70011 ,1,2,3 ]".to_owned()),
        prop::collection::vec("0|[1-9][0-9]{0,10}", 1..4)
            .prop_map(|codes| format!("[{}]", codes.join(","))),
    ]
}

/// Any value, valid JSON or nearly, mostly what the scanner reads.
fn any_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => text_value(),
        2 => codes_value(),
        1 => Just("true".to_owned()),
        1 => Just("false".to_owned()),
        2 => "-?(0|[1-9][0-9]{0,11})(\\.[0-9]{1,3})?([eE][+-]?[0-9]{1,3})?",
        1 => Just(r#"["50076","AADSTS70011",null,1.5,-2,{}]"#.to_owned()),
        1 => Just(r#"{"a":[1,{"b":null}]}"#.to_owned()),
        1 => Just("[[[]]]".to_owned()),
    ]
}

/// A member: usually a name with a value of its type, sometimes any
/// value, or a name the scanner leaves to serde_json.
fn member() -> impl Strategy<Value = (String, String)> {
    const TEXT: &[&str] = &[
        "error",
        "error_uri",
        "timestamp",
        "trace_id",
        "correlation_id",
        "suberror",
        "error_description",
        "claims",
    ];
    let text = || prop::sample::select(TEXT);
    let other = prop::sample::select(&["access_token", "interval", "error_codes", "x"][..]);
    prop_oneof![
        4 => (text(), text_value()).prop_map(|(k, v)| (k.to_owned(), v)),
        2 => codes_value().prop_map(|v| ("error_codes".to_owned(), v)),
        2 => (prop::sample::select(&["interval", "x", "access_token"][..]), any_value()).prop_map(|(k, v)| (k.to_owned(), v)),
        1 => (text(), any_value()).prop_map(|(k, v)| (k.to_owned(), v)),
        1 => (other, any_value()).prop_map(|(k, v)| (k.to_owned(), v)),
        1 => any_value().prop_map(|v| ("err\\u006fr".to_owned(), v)),
    ]
}

fn body() -> impl Strategy<Value = String> {
    let space = "[ \t\r\n]{0,2}";
    (
        prop::collection::vec((member(), space, space), 0..6),
        prop_oneof![Just("invalid_grant"), Just("slow_down"), Just("bad value")],
    )
        .prop_map(|(members, error)| {
            let mut body = format!("{{\"error\":\"{error}\"");
            for ((key, value), space, space_after) in members {
                body.push_str(&format!(",{space}\"{key}\"{space}:{space_after}{value}"));
            }
            body.push('}');
            body
        })
}

/// A body with up to three characters replaced, removed or inserted.
fn edited_body() -> impl Strategy<Value = String> {
    let edit = (
        any::<prop::sample::Index>(),
        0..3u8,
        prop::sample::select(&b"\"\\{}[],:0 -.eu\x01"[..]),
    );
    (body(), prop::collection::vec(edit, 0..3)).prop_map(|(body, edits)| {
        let mut bytes = body.into_bytes();
        for (at, kind, byte) in edits {
            let at = at.index(bytes.len() + 1);
            match kind {
                0 if at < bytes.len() => bytes[at] = byte,
                1 if at < bytes.len() => {
                    bytes.remove(at);
                }
                _ => bytes.insert(at, byte),
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_scanner_agrees_with_serde_json(body in body(), small in any::<bool>()) {
        let limits = if small { { let mut limits = Limits::DEFAULT; limits.max_params = 3; limits } } else { Limits::DEFAULT };
        assert_agree(&body, &limits);
    }

    #[test]
    fn the_scanner_agrees_with_serde_json_on_edited_bodies(body in edited_body()) {
        assert_agree(&body, &Limits::DEFAULT);
    }
}
