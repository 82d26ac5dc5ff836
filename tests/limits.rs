//! Every bound of `Limits`, its error, and work that stays linear in the
//! size of the input when the bounds are lifted.

use oauth_triage::{
    classify, Action, Callback, Challenges, ExpectedCallback, HttpResponse, Limits, ParseError,
    TokenError,
};

fn members(n: usize) -> String {
    let mut body = String::from(r#"{"error":"invalid_grant""#);
    for i in 0..n {
        body.push_str(&format!(r#","x{i}":{i}"#));
    }
    body.push('}');
    body
}

/// A token error body read within `limits`, as an [`HttpResponse`] reads
/// it: the error, or why it could not be read.
fn token_within(body: &[u8], limits: Limits) -> Result<TokenError<'_>, ParseError> {
    let response = HttpResponse::new(400).limits(limits).body(body);
    match (response.error_body(), classify(&response).parse_error()) {
        (Some(err), _) => Ok(err.clone()),
        (None, Some(err)) => Err(err.clone()),
        (None, None) => panic!("an HttpResponse read neither an error nor a problem"),
    }
}

fn nested(depth: usize) -> String {
    format!(
        r#"{{"error":"invalid_grant","x":{}1{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

fn params(n: usize) -> String {
    let mut query = String::from("?error=access_denied");
    for i in 0..n {
        query.push_str(&format!("&p{i}=v"));
    }
    query
}

#[test]
fn the_defaults() {
    let limits = Limits::default();
    assert_eq!(limits, Limits::DEFAULT);
    assert_eq!(
        (
            limits.max_body,
            limits.max_url,
            limits.max_header,
            limits.max_params,
            limits.max_challenges,
            limits.max_depth
        ),
        (65536, 16384, 16384, 256, 16, 32)
    );
}

#[test]
fn json_members() {
    // 256 members in all pass; 257 do not.
    assert!(TokenError::from_json(members(255).as_bytes()).is_ok());
    let err = TokenError::from_json(members(256).as_bytes()).unwrap_err();
    assert_eq!(
        err,
        ParseError::TooMany {
            what: "members",
            limit: 256
        }
    );
    assert_eq!(err.to_string(), "more than 256 members");
    assert_eq!(err.kind(), "too_many");
    let limits = {
        let mut limits = Limits::DEFAULT;
        limits.max_params = 2;
        limits
    };
    assert!(token_within(members(1).as_bytes(), limits).is_ok());
    assert!(token_within(members(2).as_bytes(), limits).is_err());
}

#[test]
fn json_nesting() {
    // The body object is level 1, so 31 more levels fit in 32.
    assert!(TokenError::from_json(nested(31).as_bytes()).is_ok());
    let err = TokenError::from_json(nested(32).as_bytes()).unwrap_err();
    assert_eq!(err, ParseError::TooDeep { limit: 32 });
    assert_eq!(err.to_string(), "JSON nested deeper than 32 levels");
    assert_eq!(err.kind(), "too_deep");
    // Brackets inside strings are text, not nesting.
    let body = format!(r#"{{"error":"invalid_grant","x":"{}"}}"#, "[".repeat(100));
    assert!(TokenError::from_json(body.as_bytes()).is_ok());
    // A claims object counts too.
    let body = format!(
        r#"{{"error":"interaction_required","claims":{}1{}}}"#,
        r#"{"a":"#.repeat(40),
        "}".repeat(40)
    );
    assert_eq!(
        TokenError::from_json(body.as_bytes()),
        Err(ParseError::TooDeep { limit: 32 })
    );
    // Members kept raw are read without recursion, so the bound is ours.
    let limits = {
        let mut limits = Limits::DEFAULT;
        limits.max_depth = 1000;
        limits
    };
    assert!(token_within(nested(999).as_bytes(), limits).is_ok());
    assert_eq!(
        token_within(nested(1000).as_bytes(), limits),
        Err(ParseError::TooDeep { limit: 1000 })
    );
    // The same bound for Graph bodies.
    let graph = format!(
        r#"{{"error":{{"code":"InvalidAuthenticationToken","x":{}1{}}}}}"#,
        "[".repeat(40),
        "]".repeat(40)
    );
    assert_eq!(
        oauth_triage::ResourceError::from_json(graph.as_bytes()),
        Err(ParseError::TooDeep { limit: 32 })
    );
    // An unterminated deep array is still "too deep", never a stack overflow.
    let deep = format!(r#"{{"error":"x","y":{}"#, "[".repeat(100_000));
    assert!(TokenError::from_json(deep.as_bytes()).is_err());
}

#[test]
fn redirect_and_form_parameters() {
    assert!(Callback::from_redirect_uri(&params(255)).is_ok());
    let err = Callback::from_redirect_uri(&params(256))
        .map(|_| ())
        .unwrap_err();
    assert_eq!(err.to_string(), "more than 256 parameters");
    let body = params(300);
    assert_eq!(
        Callback::from_form_post(&body.as_bytes()[1..]).map(|_| ()),
        Err(ParseError::TooMany {
            what: "parameters",
            limit: 256
        })
    );
}

#[test]
fn challenges_and_their_parameters() {
    let many = "Bearer, ".repeat(17);
    assert_eq!(
        Challenges::parse(&many),
        Err(ParseError::TooMany {
            what: "challenges",
            limit: 16
        })
    );
    assert_eq!(Challenges::parse(&"Bearer, ".repeat(16)).unwrap().len(), 16);
    let wide: String = std::iter::once("Bearer ".to_owned())
        .chain((0..257).map(|i| format!("p{i}=v, ")))
        .collect();
    assert_eq!(
        Challenges::parse(&wide).unwrap_err().to_string(),
        "more than 256 parameters"
    );

    // An `HttpResponse` applies its limits to each header, and bounds the
    // challenges of all its headers together.
    let tight = {
        let mut limits = Limits::DEFAULT;
        limits.max_challenges = 2;
        limits
    };
    let response = HttpResponse::new(401)
        .limits(tight)
        .header("WWW-Authenticate", "Bearer, DPoP, Basic");
    assert_eq!(response.challenges().iter().len(), 0);
    assert_eq!(
        response.challenges().parse_error(),
        Some(&ParseError::TooMany {
            what: "challenges",
            limit: 2
        })
    );
    let response = HttpResponse::new(401)
        .limits(tight)
        .header("WWW-Authenticate", "Bearer")
        .header("WWW-Authenticate", "DPoP, Basic, Negotiate");
    let challenges = response.challenges();
    assert_eq!(challenges.iter().len(), 1);
    assert_eq!(
        challenges.parse_error(),
        Some(&ParseError::TooMany {
            what: "challenges",
            limit: 2
        })
    );
}

#[test]
fn sizes() {
    let big = vec![b' '; 65537];
    assert_eq!(
        TokenError::from_json(&big),
        Err(ParseError::TooLarge {
            len: 65537,
            limit: 65536
        })
    );
    let url = format!("?error=x&pad={}", "a".repeat(16384));
    assert!(matches!(
        Callback::from_redirect_uri(&url).map(|_| ()),
        Err(ParseError::TooLarge { limit: 16384, .. })
    ));
    let header = format!(r#"Bearer realm="{}""#, "a".repeat(16384));
    assert!(matches!(
        Challenges::parse(&header),
        Err(ParseError::TooLarge { limit: 16384, .. })
    ));
}

#[test]
fn over_limit_bodies_and_headers_leave_the_status_in_charge() {
    let body = members(1000);
    let response = HttpResponse::new(503)
        .header("Retry-After", "18446744073709551616000")
        .body(body.as_bytes());
    let c = classify(&response);
    assert_eq!(
        c.action(),
        &Action::Retry {
            after: Some(std::time::Duration::from_secs(3600))
        }
    );
    assert_eq!(c.parse_error().map(ParseError::kind), Some("too_many"));
}

/// With the bounds lifted, megabytes of input are still read in one pass:
/// each of these would take minutes if any step were quadratic.
#[test]
fn work_is_linear_in_the_input() {
    let unlimited = {
        let mut limits = Limits::DEFAULT;
        limits.max_body = usize::MAX;
        limits.max_url = usize::MAX;
        limits.max_params = usize::MAX;
        limits.max_depth = usize::MAX;
        limits
    };
    let n = 200_000;

    let body = members(n);
    let err = token_within(body.as_bytes(), unlimited).unwrap();
    assert_eq!(err.extra().count(), n);

    let description = format!(
        r#"{{"error":"invalid_grant","error_description":"{}"}}"#,
        "AADSTS50126: x\\r\\n".repeat(n)
    );
    let err = token_within(description.as_bytes(), unlimited).unwrap();
    assert_eq!(err.description().unwrap().len(), 16 * n);

    let query = params(n);
    let options = Callback::options().limits(unlimited);
    let error = |text| {
        let callback = options.from_redirect_uri(text)?;
        let verified = callback
            .check(&ExpectedCallback::state_not_checked())
            .unwrap();
        Ok::<_, ParseError>(verified.error().unwrap().clone())
    };
    let err = error(&query).unwrap();
    assert_eq!(err.extra().count(), n);
    // Duplicates are found without comparing every pair.
    let dup = format!("{query}&p7=again");
    assert!(matches!(
        options.from_redirect_uri(&dup).map(|_| ()),
        Err(ParseError::Duplicate { .. })
    ));

    let encoded = format!(
        "?error=access_denied&error_description={}",
        "%41+".repeat(n)
    );
    let err = error(&encoded).unwrap();
    assert_eq!(err.description().unwrap().len(), 2 * n);
}

/// One real input per kind of parse error, with its exact message: each says
/// what was found and what was expected, quoting at most a short excerpt.
#[test]
fn every_kind_of_parse_error_and_its_message() {
    use oauth_triage::ResourceError;
    let tiny = {
        let mut limits = Limits::DEFAULT;
        limits.max_body = 4;
        limits
    };
    let cases: Vec<(Result<(), ParseError>, &str, &str)> = vec![
        (
            token_within(b"{\"error\":1}", tiny).map(drop),
            "too_large",
            "input is 11 bytes, over the limit of 4 bytes",
        ),
        (
            TokenError::from_json(members(300).as_bytes()).map(drop),
            "too_many",
            "more than 256 members",
        ),
        (
            TokenError::from_json(nested(40).as_bytes()).map(drop),
            "too_deep",
            "JSON nested deeper than 32 levels",
        ),
        (
            TokenError::from_json(b"").map(drop),
            "empty",
            "empty input where an error response was expected",
        ),
        (
            TokenError::from_json(b"<html>").map(drop),
            "html",
            "found an HTML page where a JSON error body was expected",
        ),
        (
            TokenError::from_json(b"Bad Request").map(drop),
            "not_json",
            "not JSON: expected `{` but found a letter",
        ),
        (
            TokenError::from_json(b"{\"error\":").map(drop),
            "truncated",
            "truncated JSON: input ends at line 1 column 9 before the object is complete",
        ),
        (
            TokenError::from_json(b"{\"error\" \"x\"}").map(drop),
            "invalid_json",
            "invalid JSON at line 1 column 10: expected `:`",
        ),
        (
            TokenError::from_json(b"[]").map(drop),
            "not_object",
            "expected a JSON object, found an array",
        ),
        (
            TokenError::from_json(br#"{"access_token":"abc"}"#).map(drop),
            "success",
            "the response is a success, not an error",
        ),
        (
            Callback::from_redirect_uri("?state=abc").map(drop),
            "missing_error",
            "no `error` member in the error response",
        ),
        (
            ResourceError::from_json(br#"{"error":"x"}"#).map(drop),
            "wrong_type",
            "`error` is a string, expected an object with a string `code`",
        ),
        (
            TokenError::from_json(b"{\"error\":\"tab\\there\"}").map(drop),
            "invalid_error_value",
            "`error` value \"tab\\there\" has characters outside RFC 6749's set (printable ASCII except `\"` and `\\`)",
        ),
        (
            Callback::from_form_post(b"state=a&state=b&error=x").map(drop),
            "duplicate",
            "\"state\" appears more than once",
        ),
        (
            Callback::from_redirect_uri("?error=%G0").map(drop),
            "bad_percent_encoding",
            "bad percent-encoding at byte 7: `%` is not followed by two hex digits",
        ),
        (
            Callback::from_redirect_uri("#response=eyJ.eyJ.sig").map(drop),
            "jwt",
            "the response is a JWT (JARM); verify and decode it before reading the error",
        ),
        (
            Challenges::parse("Bearer realm=\"x").map(drop),
            "invalid_challenge",
            "invalid challenge at byte 15: expected `\"` to close the quoted string, found the end of the input",
        ),
    ];
    for (result, kind, message) in cases {
        let err = result.unwrap_err();
        assert_eq!((err.kind(), err.to_string().as_str()), (kind, message));
    }
}

/// The other providers' shapes are bounded like the rest: a form body by
/// `max_body` and `max_params`, a REST API's error by `max_body` and
/// `max_depth`; over a bound is a clear error and the status decides.
#[test]
fn provider_shapes_are_bounded() {
    use oauth_triage::ResourceError;

    let many: String = (0..1000).map(|i| format!("&p{i}=v")).collect();
    let form = format!("error=bad_verification_code{many}");
    assert!(matches!(
        TokenError::from_form(form.as_bytes()),
        Err(ParseError::TooMany { .. })
    ));
    let big = format!("error=bad_verification_code&x={}", "a".repeat(1 << 17));
    assert!(matches!(
        TokenError::from_form(big.as_bytes()),
        Err(ParseError::TooLarge { .. })
    ));
    let response = HttpResponse::new(503).body(form.as_bytes());
    assert_eq!(classify(&response).action(), &Action::Retry { after: None });
    assert_eq!(
        classify(&response).parse_error().map(ParseError::kind),
        Some("too_many")
    );

    let deep_google = format!(
        r#"{{"error":{{"code":403,"status":"PERMISSION_DENIED","details":[{{"reason":"x","metadata":{}1{}}}]}}}}"#,
        "[".repeat(100),
        "]".repeat(100)
    );
    assert!(matches!(
        ResourceError::from_json(deep_google.as_bytes()),
        Err(ParseError::TooDeep { .. })
    ));
    let long_array = format!(
        "[{}]",
        r#"{"errorCode":"INVALID_SESSION_ID"},"#.repeat(5000) + "{}"
    );
    assert!(matches!(
        ResourceError::from_json(long_array.as_bytes()),
        Err(ParseError::TooLarge { .. })
    ));
    // Odd members in a known shape are an error of that shape's reader, not a panic.
    for body in [
        r#"{"error":{"code":-1,"status":"PERMISSION_DENIED"}}"#,
        r#"{"error":{"code":190,"type":7}}"#,
        r#"{"error":{".tag":5}}"#,
        r#"{"errorCode":["E0000011"]}"#,
        r#"[{"errorCode":""}]"#,
        r#"[]"#,
        r#"{"error":{"code":403,"status":"PERMISSION_DENIED","details":[{"reason":1}]}}"#,
    ] {
        let err = ResourceError::from_json(body.as_bytes()).unwrap_err();
        assert!(!err.to_string().is_empty(), "{body}");
        let c = classify(HttpResponse::new(401).body(body.as_bytes()));
        assert_eq!(c.action(), &Action::Abort, "{body}");
    }
}
