//! Regressions of a security review: no byte of free text decides, no delay
//! is unbounded, no log line can be made to carry a secret.

use std::time::Duration;

use oauth_triage::{
    classify, Action, Callback, Challenges, ExpectedCallback, HttpResponse, Limits, ParseError,
    TokenError,
};

/// A Graph CAE step-up challenge, its claims in base64.
const CAE: &str = r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwidmFsdWUiOiIxNzE0NjQxMjQ3In19fQ==""#;

#[test]
fn a_control_character_in_free_text_never_drops_the_challenge() {
    for control in ['\u{7}', '\u{b}', '\u{7f}', '\u{1b}', '\u{0}'] {
        // A description, quoted or not, and a realm.
        for value in [
            format!(r#"Bearer error="invalid_token", error_description="expired{control}here""#),
            format!(r#"Bearer error="invalid_token", error_description=expired{control}here"#),
            format!(r#"Bearer realm="a{control}b", error="invalid_token""#),
            format!(r#"Bearer error="invalid_token", error_description="esc\{control}aped""#),
            format!(r#"{CAE}, error_description="step{control}up""#).replacen(
                r#", error_description"#,
                r#", error_description"#,
                1,
            ),
        ] {
            let response = HttpResponse::new(401).header("WWW-Authenticate", value.as_str());
            let c = classify(&response);
            assert!(
                matches!(c.action(), Action::Renew | Action::StepUp(_)),
                "{value:?}: {c}"
            );
            assert_eq!(c.parse_error(), None, "{value:?}");
        }
        // The values that decide stay strict.
        let value = format!(r#"Bearer error="invalid{control}token""#);
        let response = HttpResponse::new(401).header("WWW-Authenticate", value.as_str());
        assert_eq!(
            classify(&response).parse_error().map(ParseError::kind),
            Some("invalid_challenge")
        );
    }
}

#[test]
fn an_oversized_challenge_is_recorded_not_ignored() {
    let huge = format!(
        r#"Bearer error="invalid_token", error_description="{}""#,
        "x".repeat(20 * 1024)
    );
    let response = HttpResponse::new(401).header("WWW-Authenticate", huge.as_str());
    assert!(matches!(
        response.challenges().parse_error(),
        Some(ParseError::TooLarge { limit: 16384, .. })
    ));
    let c = classify(&response);
    assert_eq!(c.parse_error().map(ParseError::kind), Some("too_large"));
    // Owned values too.
    let response = HttpResponse::new(401).header("WWW-Authenticate", huge.clone());
    assert!(response.challenges().parse_error().is_some());
}

#[test]
fn max_challenges_bounds_the_whole_response() {
    let limits = {
        let mut limits = Limits::DEFAULT;
        limits.max_challenges = 3;
        limits
    };
    let response = HttpResponse::new(401)
        .limits(limits)
        .header("WWW-Authenticate", r#"Basic realm="a", Negotiate"#)
        .header(
            "WWW-Authenticate",
            r#"Bearer error="invalid_token", DPoP algs="ES256""#,
        );
    assert_eq!(response.challenges().iter().len(), 2);
    assert_eq!(
        response.challenges().parse_error(),
        Some(&ParseError::TooMany {
            what: "challenges",
            limit: 3
        })
    );
    let within = HttpResponse::new(401)
        .limits(limits)
        .header("WWW-Authenticate", r#"Basic realm="a""#)
        .header(
            "WWW-Authenticate",
            r#"Bearer error="invalid_token", DPoP algs="ES256""#,
        );
    assert_eq!(within.challenges().iter().len(), 3);
    assert_eq!(classify(&within).action(), &Action::Renew);
}

#[cfg(feature = "http")]
#[test]
fn a_latin_1_header_value_is_read_not_skipped() {
    use http::{HeaderMap, HeaderValue};

    // One ISO-8859-1 byte (é) in the description, as Java and IIS servers send.
    let mut raw = CAE.as_bytes().to_vec();
    raw.extend_from_slice(b", error_description=\"expir\xE9\"");
    let mut headers = HeaderMap::new();
    headers.insert(
        http::header::WWW_AUTHENTICATE,
        HeaderValue::from_bytes(&raw).unwrap(),
    );
    let response = HttpResponse::from_parts(http::StatusCode::UNAUTHORIZED, &headers, b"");
    let c = classify(&response);
    assert!(matches!(c.action(), Action::StepUp(_)), "{c}");
    let description = response
        .challenges()
        .in_use()
        .and_then(|ch| ch.error_description());
    assert_eq!(description, Some("expir\u{e9}"));
    assert!(matches!(
        classify(Challenges::from(&headers)).action(),
        Action::StepUp(_)
    ));
}

#[test]
fn slow_down_intervals_are_clamped() {
    for (interval, expected) in [
        ("0", 5),
        ("1", 5),
        ("10", 10),
        ("3600", 3600),
        ("18446744073709551615", 3600),
        ("\"99999999999999\"", 3600),
    ] {
        let body = format!(r#"{{"error":"slow_down","interval":{interval}}}"#);
        let c = classify(TokenError::from_json(body.as_bytes()).unwrap());
        assert_eq!(
            c.action(),
            &Action::SlowDown {
                interval: Some(Duration::from_secs(expected))
            },
            "{interval}"
        );
        // Adding it to a clock never overflows.
        let _ = std::time::Instant::now() + Duration::from_secs(expected);
    }
}

#[test]
fn step_up_text_is_redacted_alike_everywhere() {
    // A claims value that is no base64 JSON is kept raw: shown by neither
    // the challenge's Debug nor the classification's Debug or JSON.
    let value = r#"Bearer error="insufficient_claims", claims="jo@contoso.com-not-base64!", acr_values="phr p@ss""#;
    let challenges = Challenges::parse(value).unwrap();
    let c = classify(&challenges);
    let step_up = (match c.action() {
        oauth_triage::Action::StepUp(s) => Some(s),
        _ => None,
    })
    .expect("a step-up");
    assert_eq!(
        step_up.claims.as_deref(),
        Some("jo@contoso.com-not-base64!"),
        "raw value kept"
    );
    for shown in [
        format!("{challenges:?}"),
        format!("{c:?}"),
        serde_json::to_string(&c).unwrap(),
    ] {
        assert!(!shown.contains("jo@contoso.com"), "{shown}");
        assert!(!shown.contains("p@ss"), "{shown}");
    }
    // A real claims request still shows.
    let c = classify(Challenges::parse(CAE).unwrap());
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(
        json["step_up"]["claims"],
        r#"{"access_token":{"nbf":{"essential":true,"value":"1714641247"}}}"#
    );
    assert!(format!("{c:?}").contains("nbf"));
}

#[test]
fn error_uri_forgeries_name_no_code() {
    let code = |uri: &str| {
        let url = format!(
            "https://app.example/cb?error=access_denied&state=s&error_uri={}",
            uri.replace('%', "%25")
                .replace('&', "%26")
                .replace('#', "%23")
                .replace('?', "%3F")
                .replace('\\', "%5C")
        );
        let verified = Callback::from_redirect_uri(&url)
            .unwrap()
            .check(&ExpectedCallback::state("s"))
            .unwrap();
        classify(verified.error().unwrap()).codes().to_vec()
    };
    assert_eq!(
        code("https://login.microsoftonline.com/error?code=50058"),
        [50058]
    );
    assert_eq!(
        code("https://LOGIN.microsoftonline.com./error?code=50058"),
        [50058]
    );
    assert_eq!(
        code("https://login.microsoftonline.us:443/error?code=50058"),
        [50058]
    );
    for forged in [
        // WHATWG reads the host as evil.example.
        "https://evil.example\\@login.microsoftonline.com/error?code=50058",
        "https://evil.example@login.microsoftonline.com/error?code=50058",
        // The code in the fragment, not the query.
        "https://login.microsoftonline.com/error#?code=50058",
        // Hosts under Microsoft's domains that are no sign-in host.
        "https://attacker.windows.net/error?code=50058",
        "https://evil.blob.core.windows.net/error?code=50058",
        "https://anything.microsoft.com/error?code=50058",
        "https://login.microsoftonline.com.example/error?code=50058",
        // Not https, or not a URL a parser reads one way.
        "http://login.microsoftonline.com/error?code=50058",
        "https://login.microsoftonline.com:x/error?code=50058",
    ] {
        assert_eq!(code(forged), Vec::<u32>::new(), "{forged}");
    }
    // In a JSON body a tab survives (a redirect parser drops tabs and line
    // breaks from a URL, as WHATWG does): refused.
    let body = b"{\"error\":\"invalid_grant\",\"error_uri\":\"https://login.micro\\tsoftonline.com/error?code=50058\"}";
    assert!(classify(TokenError::from_json(body).unwrap())
        .codes()
        .is_empty());
}

#[test]
fn a_2xx_without_a_string_error_is_a_success() {
    for body in [
        r#"{"access_token":"eyJ0eXAi","token_type":"Bearer","error":null}"#,
        r#"{"access_token":"eyJ0eXAi","message":"issued","description":{"note":1},"detail":[1]}"#,
        r#"{"detail":"fine"}"#,
        r#"{"status":"ok","message":"hello"}"#,
        r#"{"error":0,"access_token":"eyJ0eXAi"}"#,
        r#"{"error":false}"#,
        "[]",
        "",
    ] {
        let c = classify(HttpResponse::new(200).body(body.as_bytes()));
        assert_eq!(c.action(), &Action::Success, "{body}");
        assert_eq!(c.parse_error(), None, "{body}");
    }
    // A string `error` is that error; an unreadable page is not a success.
    let github = HttpResponse::new(200).body(br#"{"error":"bad_verification_code"}"#);
    assert_eq!(classify(github).action(), &Action::Reauthenticate);
    let portal = HttpResponse::new(200).body(b"<html><body>Sign in to the Wi-Fi</body></html>");
    assert_eq!(classify(portal).action(), &Action::Abort);
}

#[test]
fn free_text_of_any_encoding_or_type_never_fails_a_parse() {
    // A Latin-1 byte, percent-encoded, in a redirect's description.
    let url = "https://app.example/cb?error=login_required&error_description=f%FCr%20Sie&state=s1";
    let verified = Callback::from_redirect_uri(url)
        .unwrap()
        .check(&ExpectedCallback::state("s1"))
        .unwrap();
    let err = verified.error().unwrap();
    assert_eq!(classify(err).action(), &Action::Reauthenticate);
    assert_eq!(err.description(), Some("f\u{fffd}r Sie"));
    // The values that decide or are compared stay strict.
    for strict in [
        "error=login_%FCrequired&state=s1",
        "error=login_required&state=%FC",
    ] {
        let url = format!("https://app.example/cb?{strict}");
        assert!(Callback::from_redirect_uri(&url).is_err(), "{strict}");
    }
    // Free text of REST API bodies, as an object, an array, a number or null.
    for message in [
        r#"{"lang":"en-US","value":"Token expired."}"#,
        "[1,2]",
        "401",
        "null",
        "true",
    ] {
        for body in [
            format!(r#"{{"error":{{"code":"InvalidAuthenticationToken","message":{message}}}}}"#),
            format!(r#"{{"errorCode":"E0000011","errorSummary":{message}}}"#),
            format!(r#"{{"error_summary":{message},"error":{{".tag":"expired_access_token"}}}}"#),
        ] {
            let c = classify(HttpResponse::new(401).body(body.as_bytes()));
            assert_eq!(c.action(), &Action::Renew, "{body}");
            assert_eq!(c.parse_error(), None, "{body}");
        }
    }
}

#[test]
fn a_description_never_decides_the_shape_of_a_body() {
    // Boom's shape (`error` a reason phrase, `message`, `statusCode`): the
    // same with or without a description.
    let with = br#"{"statusCode":401,"error":"Unauthorized","message":"Bad token","error_description":"x"}"#;
    let without = br#"{"statusCode":401,"error":"Unauthorized","message":"Bad token"}"#;
    let (a, b) = (
        classify(HttpResponse::new(401).body(with)).into_owned(),
        classify(HttpResponse::new(401).body(without)).into_owned(),
    );
    assert_eq!((a.action(), a.decided_by()), (b.action(), b.decided_by()));
    assert_eq!(a.parse_error(), b.parse_error());
    assert_eq!(
        TokenError::from_json(with).map(drop),
        TokenError::from_json(without).map(drop)
    );
}

#[test]
fn a_json_description_of_any_bytes_or_type_never_fails_the_body() {
    let reauthenticate = |body: &[u8]| {
        let c = classify(HttpResponse::new(400).body(body));
        assert_eq!(
            c.action(),
            &Action::Reauthenticate,
            "{}",
            String::from_utf8_lossy(body)
        );
    };
    // One Latin-1 byte in the description.
    reauthenticate(b"{\"error\":\"invalid_grant\",\"error_description\":\"f\xfcr Sie\",\"error_codes\":[70008]}");
    // And in a Graph body's message (found by the `token_json` fuzz target).
    let graph =
        b"{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"\xa7 abgelaufen\"}}";
    assert_eq!(
        classify(HttpResponse::new(401).body(graph)).action(),
        &Action::Renew
    );
    for description in [r#"{"lang":"de","value":"x"}"#, "[1]", "42", "true", "null"] {
        let body = format!(
            r#"{{"error":"invalid_grant","error_description":{description},"error_codes":[70008]}}"#
        );
        reauthenticate(body.as_bytes());
    }
}

#[test]
fn a_byte_that_is_not_utf8_in_a_member_that_decides_stays_unreadable() {
    for body in [
        &b"{\"error\":\"invalid_gr\xfcnt\",\"error_description\":\"x\"}"[..],
        b"{\"error\":\"invalid_grant\",\"suberror\":\"basic_\xfcction\"}",
        b"{\"error\":\"interaction_required\",\"claims\":\"{\\\"a\xfc\\\":1}\"}",
        b"{\"error\":\"invalid_grant\",\"error_uri\":\"https://login.microsoftonline.com/error?code=50076\xfc\"}",
    ] {
        assert!(
            TokenError::from_json(body).is_err(),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    // Elsewhere it is read lossily and kept.
    let err = TokenError::from_json(
        b"{\"error\":\"invalid_grant\",\"error_description\":\"f\xfcr\",\"trace_id\":\"6e94ade5\"}",
    )
    .unwrap();
    assert_eq!(err.description(), Some("f\u{fffd}r"));
}

#[test]
fn duplicated_members_that_some_value_reads_are_refused() {
    for (json, form) in [
        (
            r#"{"error":"invalid_grant","error_subtype":"invalid_rapt","error_subtype":"x"}"#,
            "error=invalid_grant&error_subtype=invalid_rapt&error_subtype=x",
        ),
        (
            r#"{"error":"slow_down","interval":10,"interval":3600}"#,
            "error=slow_down&interval=10&interval=3600",
        ),
        (
            r#"{"error":"mfa_required","mfa_token":"a","mfa_token":"b"}"#,
            "error=mfa_required&mfa_token=a&mfa_token=b",
        ),
    ] {
        assert_eq!(
            TokenError::from_json(json.as_bytes())
                .map(drop)
                .map_err(|e| e.kind()),
            Err("duplicate"),
            "{json}"
        );
        assert_eq!(
            TokenError::from_form(form.as_bytes())
                .map(drop)
                .map_err(|e| e.kind()),
            Err("duplicate"),
            "{form}"
        );
    }
    // Other unknown members may repeat, as before: nothing reads them.
    let body = br#"{"error":"invalid_grant","x":1,"x":2}"#;
    assert!(TokenError::from_json(body).is_ok());
}
