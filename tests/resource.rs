//! REST API error bodies, `ResourceError`: Microsoft Graph and Azure
//! Resource Manager, Google, Meta, Dropbox, Okta, Salesforce, FHIR
//! `OperationOutcome`, gRPC status JSON (ZITADEL), Kakao, Spotify, DocuSign
//! and the bare `code`/`message` shape (Zoom, Discord, Atlassian).
//!
//! A table of bodies, each with where it is documented, read alone
//! (`ResourceError::from_json`) and inside a response (`HttpResponse` and
//! `classify`); the message never decides; bodies that are not UTF-8 or are
//! too large give the documented errors.

use std::collections::HashSet;
use std::time::Duration;

use oauth_triage::{
    classify, Action, Api, Classification, DecidedBy, HttpResponse, Limits, ParseError,
    ResourceError, Surface,
};
use serde_json::Value;

const GRAPH_401: &str = r#"{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid.","innerError":{"date":"2022-09-23T11:57:49","request-id":"1740feb8-b33a-4c08-a6ee-ab5cfc5a18c4","client-request-id":"1740feb8-b33a-4c08-a6ee-ab5cfc5a18c4"}}}"#;

#[test]
fn graph_and_resource_manager_bodies() {
    let response = HttpResponse::new(401).body(GRAPH_401.as_bytes());
    let c = classify(&response);
    assert_eq!(
        (c.action(), c.decided_by(), c.surface()),
        (&Action::Renew, DecidedBy::Error, Surface::Resource)
    );
    assert_eq!(c.api_code(), Some("InvalidAuthenticationToken"));
    assert_eq!(c.trace_id(), Some("1740feb8-b33a-4c08-a6ee-ab5cfc5a18c4"));
    assert!(c
        .to_string()
        .contains("api_code InvalidAuthenticationToken"));
    assert!(!c.to_string().contains("expired"));

    let arm = br#"{"error":{"code":"AuthorizationFailed","message":"The client 'user@contoso.com' with object id '0000' does not have authorization to perform action"}}"#;
    let response = HttpResponse::new(403).body(arm);
    let c = classify(&response);
    assert_eq!(c.action(), &Action::Denied);
    assert!(!c.to_string().contains("contoso"), "{c}");

    let unknown = br#"{"error":{"code":"SomethingNew","message":"x"}}"#;
    let response = HttpResponse::new(401).body(unknown);
    let c = classify(&response);
    assert_eq!(
        (c.action(), c.decided_by()),
        (&Action::Abort, DecidedBy::Fallback)
    );
}

#[test]
fn the_message_of_a_graph_body_never_decides() {
    let mut json: serde_json::Value = serde_json::from_str(GRAPH_401).unwrap();
    let baseline = classify(HttpResponse::new(401).body(GRAPH_401.as_bytes()))
        .action()
        .clone()
        .into_owned();
    for message in [
        None,
        Some(""),
        Some("AADSTS50196 temporarily_unavailable retry"),
        Some("consent_required"),
    ] {
        match message {
            Some(text) => json["error"]["message"] = text.into(),
            None => {
                json["error"].as_object_mut().unwrap().remove("message");
            }
        }
        let body = serde_json::to_vec(&json).unwrap();
        let response = HttpResponse::new(401).body(&body);
        assert_eq!(classify(&response).action(), &baseline, "{message:?}");
    }
}

#[test]
fn resource_error_parse_errors() {
    assert!(matches!(
        ResourceError::from_json(br#"{"error":"invalid_grant"}"#),
        Err(ParseError::WrongType {
            field: "error",
            found: "a string",
            ..
        })
    ));
    assert_eq!(
        ResourceError::from_json(br#"{"error":{"message":"no code"}}"#)
            .unwrap_err()
            .to_string(),
        "`error` is an object without a string `code`, expected an object with a string `code`"
    );
    assert_eq!(ResourceError::from_json(b"<html>"), Err(ParseError::Html));
    assert_eq!(
        ResourceError::from_json(b"{}"),
        Err(ParseError::MissingError)
    );
}

/// One REST API error body, where its shape is documented, and what
/// `ResourceError` reads from it.
struct Row {
    /// The body, as the API sends it.
    body: &'static str,
    /// A public page or issue that documents the shape (or shows this body).
    source: &'static str,
    /// The status the API sends it with.
    status: u16,
    api: Api,
    api_code: &'static str,
    reason: Option<&'static str>,
    message: Option<&'static str>,
    request_id: Option<&'static str>,
    /// Where the body's free text is (a JSON pointer): what the golden rule
    /// replaces and removes. `message()` reads it, but for FHIR, whose
    /// `diagnostics` no accessor reads.
    free_text: Option<&'static str>,
}

const GRAPH_ERRORS: &str = "https://learn.microsoft.com/graph/errors";
const GOOGLE_ERRORS: &str = "https://cloud.google.com/apis/design/errors";
const FHIR_ISSUE_TYPE: &str = "https://hl7.org/fhir/valueset-issue-type.html";

const ROWS: &[Row] = &[
    Row {
        body: GRAPH_401,
        source: GRAPH_ERRORS,
        status: 401,
        api: Api::Microsoft,
        api_code: "InvalidAuthenticationToken",
        reason: None,
        message: Some("Access token has expired or is not yet valid."),
        request_id: Some("1740feb8-b33a-4c08-a6ee-ab5cfc5a18c4"),
        free_text: Some("/error/message"),
    },
    // As pasted in the issue, pretty-printed, with an empty `request-id`.
    Row {
        body: r#"{
  "error": {
    "code": "InvalidAuthenticationToken",
    "message": "CompactToken parsing failed with error code: -2147184105",
    "innerError": {
      "request-id": "",
      "date": "2016-01-29T23:32:15"
    }
  }
}"#,
        source: "https://github.com/microsoftgraph/android-java-meetingfeedback-rest-sample/issues/11",
        status: 401,
        api: Api::Microsoft,
        api_code: "InvalidAuthenticationToken",
        reason: None,
        message: Some("CompactToken parsing failed with error code: -2147184105"),
        request_id: None,
        free_text: Some("/error/message"),
    },
    Row {
        body: r#"{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}"#,
        source: GRAPH_ERRORS,
        status: 403,
        api: Api::Microsoft,
        api_code: "Authorization_RequestDenied",
        reason: None,
        message: Some("Insufficient privileges to complete the operation."),
        request_id: None,
        free_text: Some("/error/message"),
    },
    Row {
        body: r#"{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}}"#,
        source: GOOGLE_ERRORS,
        status: 401,
        api: Api::Google,
        api_code: "UNAUTHENTICATED",
        reason: None,
        message: Some("Request had invalid authentication credentials."),
        request_id: None,
        free_text: Some("/error/message"),
    },
    Row {
        body: r#"{"error":{"code":403,"message":"Request had insufficient authentication scopes.","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"ACCESS_TOKEN_SCOPE_INSUFFICIENT","domain":"googleapis.com"}]}}"#,
        source: GOOGLE_ERRORS,
        status: 403,
        api: Api::Google,
        api_code: "PERMISSION_DENIED",
        reason: Some("ACCESS_TOKEN_SCOPE_INSUFFICIENT"),
        message: Some("Request had insufficient authentication scopes."),
        request_id: None,
        free_text: Some("/error/message"),
    },
    // Google's older shape: the first `errors[].reason`, the number as the reason.
    Row {
        body: r#"{"error":{"errors":[{"domain":"usageLimits","reason":"userRateLimitExceeded","message":"User Rate Limit Exceeded"}],"code":403,"message":"User Rate Limit Exceeded"}}"#,
        source: GOOGLE_ERRORS,
        status: 403,
        api: Api::Google,
        api_code: "userRateLimitExceeded",
        reason: Some("403"),
        message: Some("User Rate Limit Exceeded"),
        request_id: None,
        free_text: Some("/error/message"),
    },
    Row {
        body: r#"{"error":{"message":"Error validating access token: Session has expired.","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"AbCdEf123"}}"#,
        source: "https://developers.facebook.com/docs/graph-api/guides/error-handling",
        status: 400,
        api: Api::Meta,
        api_code: "190",
        reason: Some("463"),
        message: Some("Error validating access token: Session has expired."),
        request_id: Some("AbCdEf123"),
        free_text: Some("/error/message"),
    },
    Row {
        body: r#"{"error_summary":"expired_access_token/..","error":{".tag":"expired_access_token"}}"#,
        source: "https://www.dropbox.com/developers/documentation/http/documentation#error-handling",
        status: 401,
        api: Api::Dropbox,
        api_code: "expired_access_token",
        reason: None,
        message: Some("expired_access_token/.."),
        request_id: None,
        free_text: Some("/error_summary"),
    },
    Row {
        body: r#"{"errorCode":"E0000011","errorSummary":"Invalid token provided","errorLink":"E0000011","errorId":"oae1","errorCauses":[]}"#,
        source: "https://developer.okta.com/docs/reference/error-codes/",
        status: 401,
        api: Api::Okta,
        api_code: "E0000011",
        reason: None,
        message: Some("Invalid token provided"),
        request_id: Some("oae1"),
        free_text: Some("/errorSummary"),
    },
    Row {
        body: r#"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#,
        source: "https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm",
        status: 401,
        api: Api::Salesforce,
        api_code: "INVALID_SESSION_ID",
        reason: None,
        message: Some("Session expired or invalid"),
        request_id: None,
        free_text: Some("/0/message"),
    },
    Row {
        body: r#"{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"expired","diagnostics":"Token expired"}]}"#,
        source: FHIR_ISSUE_TYPE,
        status: 401,
        api: Api::Fhir,
        api_code: "expired",
        reason: None,
        message: None,
        request_id: None,
        free_text: Some("/issue/0/diagnostics"),
    },
    // The first issue whose severity is `error` or `fatal`.
    Row {
        body: r#"{"resourceType":"OperationOutcome","issue":[{"severity":"information","code":"informational"},{"severity":"fatal","code":"login"}]}"#,
        source: FHIR_ISSUE_TYPE,
        status: 401,
        api: Api::Fhir,
        api_code: "login",
        reason: None,
        message: None,
        request_id: None,
        free_text: None,
    },
    Row {
        body: r#"{"code":16,"message":"Errors.Token.Invalid (AUTH-7fs1e)","details":[{"@type":"type.googleapis.com/zitadel.v1.ErrorDetail","id":"AUTH-7fs1e","message":"Errors.Token.Invalid"}]}"#,
        source: "https://zitadel.com/docs/apis/introduction",
        status: 401,
        api: Api::Grpc,
        api_code: "UNAUTHENTICATED",
        reason: None,
        message: Some("Errors.Token.Invalid (AUTH-7fs1e)"),
        request_id: None,
        free_text: Some("/message"),
    },
    Row {
        body: r#"{"msg":"this access token does not exist","code":-401}"#,
        source: "https://developers.kakao.com/docs/latest/en/rest-api/reference#response-code",
        status: 401,
        api: Api::Kakao,
        api_code: "-401",
        reason: None,
        message: Some("this access token does not exist"),
        request_id: None,
        free_text: Some("/msg"),
    },
    Row {
        body: r#"{"error":{"status":401,"message":"The access token expired"}}"#,
        source: "https://developer.spotify.com/documentation/web-api/concepts/api-calls#response-status-codes",
        status: 401,
        api: Api::Spotify,
        api_code: "401",
        reason: None,
        message: Some("The access token expired"),
        request_id: None,
        free_text: Some("/error/message"),
    },
    Row {
        body: r#"{"errorCode":"USER_AUTHENTICATION_FAILED","message":"One or both of Username and Password are invalid. Invalid access token"}"#,
        source: "https://developers.docusign.com/docs/esign-rest-api/esign101/error-codes/",
        status: 401,
        api: Api::DocuSign,
        api_code: "USER_AUTHENTICATION_FAILED",
        reason: None,
        message: Some("One or both of Username and Password are invalid. Invalid access token"),
        request_id: None,
        free_text: Some("/message"),
    },
    Row {
        body: r#"{"code":124,"message":"Invalid access token."}"#,
        source: "https://developers.zoom.us/docs/api/rest/error-definitions/",
        status: 401,
        api: Api::CodeMessage,
        api_code: "124",
        reason: None,
        message: Some("Invalid access token."),
        request_id: None,
        free_text: Some("/message"),
    },
];

/// What the golden rule compares: the action, the deciding step and the delay.
type Outcome = (Action<'static>, DecidedBy, Option<Duration>);

fn outcome(c: &Classification<'_>) -> Outcome {
    (
        c.action().clone().into_owned(),
        c.decided_by(),
        c.retry_after(),
    )
}

/// What the table pins of a parsed body: `api()`, `api_code()`, `reason()`,
/// `message()` and `request_id()`.
type Fields<'e> = (
    Api,
    &'e str,
    Option<&'e str>,
    Option<&'e str>,
    Option<&'e str>,
);

fn fields<'e>(err: &'e ResourceError<'_>) -> Fields<'e> {
    (
        err.api(),
        err.api_code(),
        err.reason(),
        err.message(),
        err.request_id(),
    )
}

#[track_caller]
fn read(row: &Row) -> ResourceError<'static> {
    ResourceError::from_json(row.body.as_bytes())
        .unwrap_or_else(|e| panic!("{}: {e}", row.source))
        .into_owned()
}

#[test]
fn every_row_reads_alone_and_in_a_response() {
    let apis: HashSet<Api> = ROWS.iter().map(|row| row.api).collect();
    assert_eq!(apis.len(), 12, "a row or more for each shape");
    for row in ROWS {
        assert!(row.source.starts_with("https://"), "{}", row.source);
        let err = read(row);
        assert_eq!(
            fields(&err),
            (
                row.api,
                row.api_code,
                row.reason,
                row.message,
                row.request_id
            ),
            "{}",
            row.body
        );
        let response = HttpResponse::new(row.status).body(row.body.as_bytes());
        assert_eq!(response.resource_error(), Some(&err), "{}", row.body);
        assert!(response.error_body().is_none(), "{}", row.body);
        let c = classify(&response);
        assert_eq!(c.parse_error(), None, "{}", row.body);
        assert_eq!(c.api_code(), Some(row.api_code), "{}", row.body);
        assert_eq!(c.surface(), Surface::Resource, "{}", row.body);
        assert_eq!(c.status(), Some(row.status), "{}", row.body);
        // Alone, without a status, it gives the same code and surface.
        let alone = classify(&err);
        assert_eq!(alone.api_code(), Some(row.api_code), "{}", row.body);
        assert_eq!(alone.surface(), Surface::Resource, "{}", row.body);
    }
}

/// The body with its free text replaced by `with`, or removed (`None`).
fn with_free_text(row: &Row, pointer: &str, with: Option<&str>) -> String {
    let mut json: Value = serde_json::from_str(row.body).unwrap();
    let (parent, name) = pointer.rsplit_once('/').unwrap();
    let parent = json.pointer_mut(parent).unwrap();
    match (parent, with) {
        (Value::Object(members), Some(text)) => {
            members.insert(name.to_owned(), text.into());
        }
        (Value::Object(members), None) => {
            members.remove(name).unwrap();
        }
        (other, _) => panic!("{pointer} in {other}"),
    }
    serde_json::to_string(&json).unwrap()
}

/// The body with its free text set to `MARK`, and `MARK` then replaced by
/// `f\xfcr Sie`: a Latin-1 `ü`, as a server that writes ISO-8859-1 sends it.
fn with_latin1_free_text(row: &Row, pointer: &str) -> Vec<u8> {
    const MARK: &str = "NOT-UTF-8-HERE";
    let body = with_free_text(row, pointer, Some(MARK));
    let at = body.find(MARK).unwrap();
    let mut latin1 = body.as_bytes()[..at].to_vec();
    latin1.extend_from_slice(b"f\xfcr Sie");
    latin1.extend_from_slice(&body.as_bytes()[at + MARK.len()..]);
    assert!(std::str::from_utf8(&latin1).is_err());
    latin1
}

/// Free text that names other codes, errors and actions.
const REPLACEMENTS: &[&str] = &[
    "",
    "InvalidAuthenticationToken",
    "AADSTS50076: invalid_token; consent_required; retry after 5 seconds",
    "PERMISSION_DENIED ACCESS_TOKEN_SCOPE_INSUFFICIENT expired_access_token E0000011",
    "Zugriffstoken abgelaufen \u{2013} \u{1f600}",
];

/// Checks that `body`, `row`'s body with its free text replaced by `with`
/// (or removed), reads as the row says and classifies as the row's body.
#[track_caller]
fn check_edited(row: &Row, body: &str, with: Option<&str>) {
    let edited =
        ResourceError::from_json(body.as_bytes()).unwrap_or_else(|e| panic!("{body}: {e}"));
    let message = match (row.message, with) {
        (Some(_), Some(text)) => Some(text),
        _ => None,
    };
    assert_eq!(
        fields(&edited),
        (row.api, row.api_code, row.reason, message, row.request_id),
        "{body}"
    );
    let baseline = classify(HttpResponse::new(row.status).body(row.body.as_bytes()));
    let response = HttpResponse::new(row.status).body(body.as_bytes());
    assert_eq!(outcome(&classify(&response)), outcome(&baseline), "{body}");
    assert_eq!(
        outcome(&classify(&edited)),
        outcome(&classify(read(row))),
        "{body}"
    );
}

/// The golden rule for every row: the message (or other free text)
/// replaced by any text, or removed, leaves the classification as it was,
/// alone and in a response; and the body reads as before but for it.
#[test]
fn the_message_never_decides() {
    for row in ROWS {
        let Some(pointer) = row.free_text else {
            continue;
        };
        for with in REPLACEMENTS {
            check_edited(row, &with_free_text(row, pointer, Some(with)), Some(with));
        }
        // Removed: no shape is told apart by whether its free text came
        // (Kakao's codes are negative, gRPC's body has `details`, Okta's
        // and DocuSign's codes are written differently).
        check_edited(row, &with_free_text(row, pointer, None), None);
    }
}

/// A byte that is not UTF-8 in the free text (a Latin-1 message) is read
/// lossily, as U+FFFD: the body reads as its UTF-8 twin and classifies the
/// same, alone and in a response.
#[test]
fn a_message_that_is_not_utf8_is_read_lossily() {
    for row in ROWS {
        let Some(pointer) = row.free_text else {
            continue;
        };
        let latin1 = with_latin1_free_text(row, pointer);
        let shown = String::from_utf8_lossy(&latin1);
        let err = ResourceError::from_json(&latin1).unwrap_or_else(|e| panic!("{shown}: {e}"));
        let message = row.message.map(|_| "f\u{fffd}r Sie");
        assert_eq!(
            fields(&err),
            (row.api, row.api_code, row.reason, message, row.request_id),
            "{shown}"
        );
        assert_eq!(
            outcome(&classify(&err)),
            outcome(&classify(read(row))),
            "{shown}"
        );
        let lossy = HttpResponse::new(row.status).body(&latin1);
        let utf8 = HttpResponse::new(row.status).body(row.body.as_bytes());
        assert_eq!(lossy.resource_error(), Some(&err), "{shown}");
        assert_eq!(
            outcome(&classify(&lossy)),
            outcome(&classify(&utf8)),
            "{shown}"
        );
    }
}

/// What a response whose body cannot be read classifies as: the status
/// decides, as for an `error` object without a `code`.
fn unreadable(status: u16) -> Outcome {
    outcome(&classify(
        HttpResponse::new(status).body(br#"{"error":{"message":"no code"}}"#),
    ))
}

/// A byte that is not UTF-8 in what decides (the code) leaves the body
/// unreadable: the error of an `error` object without a string `code`.
#[test]
fn a_code_that_is_not_utf8_stays_unreadable() {
    let body = b"{\"error\":{\"code\":\"InvalidAuthentication\xfcToken\",\"message\":\"x\"}}";
    let expected = ParseError::WrongType {
        field: "error",
        found: "an object without a string `code`",
        expected: "an object with a string `code`",
    };
    assert_eq!(ResourceError::from_json(body), Err(expected.clone()));
    let response = HttpResponse::new(401).body(body);
    assert_eq!(response.resource_error(), None);
    let c = classify(&response);
    assert_eq!(c.parse_error(), Some(&expected));
    assert_eq!(outcome(&c), unreadable(401));
}

/// A body over `Limits::max_body` (64 KiB by default) is `TooLarge`, alone
/// and in a response, where the status then decides; one at the limit reads.
#[test]
fn a_body_over_the_size_limit_is_too_large() {
    let limit = Limits::default().max_body;
    assert_eq!(limit, 64 * 1024);
    let padded = |len: usize| {
        let shell = r#"{"error":{"code":"InvalidAuthenticationToken","message":""}}"#;
        let message = "x".repeat(len - shell.len());
        format!(r#"{{"error":{{"code":"InvalidAuthenticationToken","message":"{message}"}}}}"#)
    };
    let at_limit = padded(limit);
    assert_eq!(at_limit.len(), limit);
    let err = ResourceError::from_json(at_limit.as_bytes()).unwrap();
    assert_eq!(err.api_code(), "InvalidAuthenticationToken");
    let over = padded(limit + 1);
    assert_eq!(
        ResourceError::from_json(over.as_bytes()),
        Err(ParseError::TooLarge {
            len: limit + 1,
            limit
        })
    );
    let response = HttpResponse::new(401).body(over.as_bytes());
    assert_eq!(response.resource_error(), None);
    assert_eq!(
        classify(&response).parse_error(),
        Some(&ParseError::TooLarge {
            len: limit + 1,
            limit
        })
    );
    assert_eq!(outcome(&classify(&response)), unreadable(401));
    // Under a response's own limit.
    let tight = {
        let mut limits = Limits::DEFAULT;
        limits.max_body = GRAPH_401.len() - 1;
        limits
    };
    let response = HttpResponse::new(401)
        .limits(tight)
        .body(GRAPH_401.as_bytes());
    assert_eq!(response.resource_error(), None);
    assert_eq!(
        classify(&response).parse_error(),
        Some(&ParseError::TooLarge {
            len: GRAPH_401.len(),
            limit: GRAPH_401.len() - 1
        })
    );
    assert_eq!(outcome(&classify(&response)), unreadable(401));
    let exact = {
        let mut limits = Limits::DEFAULT;
        limits.max_body = GRAPH_401.len();
        limits
    };
    let response = HttpResponse::new(401)
        .limits(exact)
        .body(GRAPH_401.as_bytes());
    assert_eq!(
        response.resource_error().map(ResourceError::api_code),
        Some("InvalidAuthenticationToken")
    );
}
