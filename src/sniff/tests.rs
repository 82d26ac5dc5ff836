//! Unit tests of the body sniffer.

use super::{body_shape, Shape};

#[test]
fn nothing_but_white_space_is_empty() {
    for body in [&b""[..], b" ", b"\r\n\t "] {
        assert_eq!(body_shape(body), Shape::Empty, "{body:?}");
    }
}

#[test]
fn a_form_starts_with_a_name_and_an_equals_sign() {
    for body in [
        &b"error=bad_verification_code&error_description=x"[..],
        b"access_token=gho_x&scope=repo",
        b"\xEF\xBB\xBF  error=x",
    ] {
        assert_eq!(body_shape(body), Shape::Form, "{body:?}");
    }
    for body in [&b"=x"[..], b"1error=x", b"error =x", b"error"] {
        assert_ne!(body_shape(body), Shape::Form, "{body:?}");
    }
}

#[test]
fn the_first_error_member_decides() {
    for (body, shape) in [
        (r#"{"error":"invalid_grant"}"#, Shape::TokenJson),
        (r#"{"error":null,"errorCode":"E0000011"}"#, Shape::TokenJson),
        (
            r#"{"message":"Unauthorized","error":401}"#,
            Shape::TokenJson,
        ),
        (
            r#"{"error":{"code":"InvalidAuthenticationToken"}}"#,
            Shape::ErrorObject,
        ),
        (r#" { "error" : { } } "#, Shape::ErrorObject),
        (
            r#"{"error_summary":"x/","error":{".tag":"x"}}"#,
            Shape::ErrorObject,
        ),
        (r#"{"err\u006fr":{"code":"X"}}"#, Shape::ErrorObject),
        (r#"{"error":"x","error":{"code":"X"}}"#, Shape::TokenJson),
        (r#"{"error":{"code":"X"},"error":"x"}"#, Shape::ErrorObject),
        // Members before it are skipped whatever they hold.
        (
            r#"{"a":{"error":"x","b":["}",{"c":"\"]"}]},"error":{}}"#,
            Shape::ErrorObject,
        ),
        (r#"{"a":"{\"error\":{}}","error":"x"}"#, Shape::TokenJson),
        // An `error` object after an API's member is still an object.
        (r#"{"code":16,"error":{"x":1}}"#, Shape::ErrorObject),
    ] {
        assert_eq!(body_shape(body.as_bytes()), shape, "{body}");
    }
}

#[test]
fn without_error_an_apis_own_members_tell_it() {
    for (body, shape) in [
        (
            r#"{"errorCode":"E0000011","errorSummary":"Invalid token provided"}"#,
            Shape::ApiMembers,
        ),
        (
            r#"{"resourceType":"OperationOutcome","issue":[]}"#,
            Shape::ApiMembers,
        ),
        (
            r#"{"msg":"this access token does not exist","code":-401}"#,
            Shape::ApiMembers,
        ),
        (
            r#"{"code":16,"message":"x","details":[]}"#,
            Shape::ApiMembers,
        ),
        (
            r#"{"status":400,"message":"authorization_pending"}"#,
            Shape::TokenJson,
        ),
        (
            r#"{"title":"Unauthorized","type":"about:blank"}"#,
            Shape::TokenJson,
        ),
        (r#"{}"#, Shape::TokenJson),
        // A success body is the token endpoint's, whatever else it has.
        (r#"{"access_token":"x","code":1}"#, Shape::TokenJson),
        (r#"{"errorCode":"E1","id_token":"x"}"#, Shape::TokenJson),
        // Names inside nested values are not the object's.
        (r#"{"x":{"errorCode":"E1"}}"#, Shape::TokenJson),
        (r#"{"x":["code"]}"#, Shape::TokenJson),
    ] {
        assert_eq!(body_shape(body.as_bytes()), shape, "{body}");
    }
}

#[test]
fn arrays_and_everything_else() {
    for (body, shape) in [
        (
            &br#"[{"errorCode":"INVALID_SESSION_ID"}]"#[..],
            Shape::Array,
        ),
        (b"\xEF\xBB\xBF \n[]", Shape::Array),
        (b"[", Shape::Array),
        (b"<html><body>502 Bad Gateway</body></html>", Shape::Other),
        (b"Bad Gateway", Shape::Other),
        (br#""error""#, Shape::Other),
        (b"401", Shape::Other),
        (b"\xff\xfe", Shape::Other),
    ] {
        assert_eq!(body_shape(body), shape, "{body:?}");
    }
}

#[test]
fn broken_json_keeps_what_was_seen() {
    for (body, shape) in [
        (r#"{"error":{"code":"#, Shape::ErrorObject),
        (r#"{"error""#, Shape::TokenJson),
        (r#"{"errorCode":"E1""#, Shape::ApiMembers),
        (r#"{"errorCode":"E1" "x":1}"#, Shape::ApiMembers),
        (r#"{"x":"unterminated"#, Shape::TokenJson),
        (r#"{"x\"#, Shape::TokenJson),
        (r#"{"\ud800":1,"code":1}"#, Shape::TokenJson),
        ("{", Shape::TokenJson),
    ] {
        assert_eq!(body_shape(body.as_bytes()), shape, "{body}");
    }
    assert!(Shape::ErrorObject.is_api() && Shape::ApiMembers.is_api() && Shape::Array.is_api());
    assert!(!Shape::TokenJson.is_api() && !Shape::Other.is_api() && !Shape::Form.is_api());
}
