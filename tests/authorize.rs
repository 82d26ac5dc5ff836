//! Authorization endpoint error callbacks: redirects (query, fragment) and
//! `form_post` bodies, read as a `Callback`, and the state / iss checks
//! that come first.

use oauth_triage::{
    classify, Action, AuthorizeError, Callback, CallbackError, DecidedBy, ErrorName,
    ExpectedCallback, Limits, ParseError, ResponseMode, Suberror, Surface, VerifiedCallback,
};

/// Reads a callback and lets it through the check without comparing its
/// `state`: these tests are about reading; the checks have their own test
/// below.
fn read(uri: &str) -> Result<VerifiedCallback<'_>, ParseError> {
    let callback = Callback::from_redirect_uri(uri)?;
    Ok(callback
        .check(&ExpectedCallback::state_not_checked())
        .expect("no issuer is expected"))
}

fn parse(uri: &str) -> VerifiedCallback<'_> {
    read(uri).unwrap_or_else(|e| panic!("{uri}: {e}"))
}

/// The error of a verified callback.
#[track_caller]
fn error<'v, 'a>(verified: &'v VerifiedCallback<'a>) -> &'v AuthorizeError<'a> {
    verified.error().expect("an error callback")
}

/// What the parser says about a redirect URI: its error, or why it refused.
fn read_error(uri: &str) -> Result<AuthorizeError<'static>, ParseError> {
    Ok(error(&read(uri)?).clone().into_owned())
}

#[test]
fn query_fragment_bare_and_hash_router() {
    let query = parse("https://app.example/cb?error=access_denied&state=s1");
    assert_eq!(query.callback().response_mode(), ResponseMode::Query);
    assert_eq!(error(&query).error(), &ErrorName::AccessDenied);
    assert_eq!(query.callback().state(), Some("s1"));

    let fragment = parse("http://localhost/#error=login_required&state=s2");
    assert_eq!(fragment.callback().response_mode(), ResponseMode::Fragment);
    assert_eq!(error(&fragment).error(), &ErrorName::LoginRequired);

    let oob = parse("urn:ietf:wg:oauth:2.0:oob#error=login_required");
    assert_eq!(error(&oob).error(), &ErrorName::LoginRequired);

    for uri in [
        "http://localhost:4200/#/error=consent_required&state=s3",
        "http://localhost:4200/#/auth/callback?error=consent_required&state=s3",
    ] {
        let routed = parse(uri);
        assert_eq!(
            routed.callback().response_mode(),
            ResponseMode::Fragment,
            "{uri}"
        );
        assert_eq!(error(&routed).error(), &ErrorName::ConsentRequired, "{uri}");
        assert_eq!(routed.callback().state(), Some("s3"), "{uri}");
    }

    for uri in [
        "?error=invalid_scope",
        "#error=invalid_scope",
        "error=invalid_scope&state=x",
    ] {
        assert_eq!(
            read_error(uri).map(|err| err.error().clone()),
            Ok(ErrorName::InvalidScope),
            "{uri}"
        );
    }
}

#[test]
fn the_fragment_wins_when_it_holds_the_response() {
    // The app's own query parameters stay with the URL; the response is in
    // the fragment.
    let verified = parse("https://app.example/cb?tab=2#error=interaction_required&state=s");
    assert_eq!(verified.callback().response_mode(), ResponseMode::Fragment);
    assert_eq!(error(&verified).extra().count(), 0);
    // A fragment that is only a route leaves the query in charge.
    let verified = parse("https://app.example/cb?error=server_error#/home");
    assert_eq!(verified.callback().response_mode(), ResponseMode::Query);
    // An error in both is ambiguous.
    assert_eq!(
        read_error("/cb?error=access_denied#error=login_required"),
        Err(ParseError::Duplicate {
            name: "\"error\"".into()
        })
    );
}

#[test]
fn form_urlencoding_per_rfc_6749_appendix_b() {
    let verified = parse(
        "/cb?error=access_denied&error_description=AADSTS65004%3a+User+declined%0d%0aTrace+ID%3a+7c83&state=a%2Bb+c",
    );
    assert_eq!(
        error(&verified).description(),
        Some("AADSTS65004: User declined\r\nTrace ID: 7c83")
    );
    // `+` is a space, `%2B` a plus.
    assert_eq!(verified.callback().state(), Some("a+b c"));
    // UTF-8 after decoding.
    let err = read_error(
        "/cb?error=access_denied&error_description=Zugriff+verweigert+f%C3%BCr+J%C3%B6rg",
    )
    .unwrap();
    assert_eq!(err.description(), Some("Zugriff verweigert für Jörg"));
    // Names are decoded too.
    let err = read_error("/cb?error=access_denied&error%5Fsubcode=cancel").unwrap();
    assert_eq!(err.error_subcode(), Some("cancel"));
}

#[test]
fn values_borrow_from_the_input_when_nothing_is_decoded() {
    let uri = String::from("/cb?error=access_denied&state=abc123&iss=https://login.example&x=1");
    let verified = parse(&uri);
    let err = error(&verified);
    let range = uri.as_bytes().as_ptr_range();
    let extra = err.extra().next().unwrap();
    let callback = verified.callback();
    for value in [
        callback.state().unwrap(),
        callback.iss().unwrap(),
        extra.0,
        extra.1,
    ] {
        assert!(range.contains(&value.as_ptr()), "{value} was copied");
    }
    let owned = verified.clone().into_owned();
    let owned_err = err.clone().into_owned();
    drop(uri);
    assert_eq!(owned.callback().state(), Some("abc123"));
    assert_eq!(owned.param("x"), Some("1"));
    assert_eq!(owned_err.extra().collect::<Vec<_>>(), [("x", "1")]);
}

#[test]
fn bad_percent_encoding_is_an_error_with_its_offset() {
    for (uri, offset, reason) in [
        (
            "?error=access_denied&state=%zz",
            27,
            "`%` is not followed by two hex digits",
        ),
        (
            "?error=access_denied&state=ab%4",
            29,
            "`%` is not followed by two hex digits",
        ),
        (
            "?error=access%",
            13,
            "`%` is not followed by two hex digits",
        ),
        (
            "?error=access_denied&state=%FF%FE",
            27,
            "the decoded bytes are not UTF-8",
        ),
    ] {
        let err = read(uri).unwrap_err();
        assert_eq!(
            err,
            ParseError::BadPercentEncoding { offset, reason },
            "{uri}"
        );
        assert_eq!(&uri[offset..offset + 1], "%", "{uri}");
    }
    assert_eq!(
        read("?error=x&state=%zz").unwrap_err().to_string(),
        "bad percent-encoding at byte 15: `%` is not followed by two hex digits"
    );
}

#[test]
fn duplicated_parameters_are_rejected() {
    for (uri, name) in [
        ("?error=access_denied&error=server_error", "\"error\""),
        ("?error=access_denied&state=a&state=b", "\"state\""),
        ("?error=access_denied&iss=a&iss=a", "\"iss\""),
        ("?tenant=a&error=access_denied&tenant=b", "\"tenant\""),
        // An encoded name is the same name.
        ("?error=access_denied&st%61te=a&state=b", "\"state\""),
    ] {
        let err = read(uri).unwrap_err();
        assert_eq!(err, ParseError::Duplicate { name: name.into() }, "{uri}");
    }
    assert_eq!(
        Callback::from_form_post(b"error=a&error=b")
            .map(|_| ())
            .unwrap_err()
            .to_string(),
        "\"error\" appears more than once"
    );
}

#[test]
fn success_jarm_and_missing_error() {
    for uri in [
        "/cb?code=0.AAA&state=s",
        "/cb#access_token=eyJ0&token_type=Bearer",
        "/cb#id_token=eyJ0&state=s",
        // An empty error is no error (RFC 6749 §3.1).
        "/cb?code=0.AAA&error=",
    ] {
        // A success: it carries no error, and a code or a token.
        let verified = parse(uri);
        assert!(verified.error().is_none(), "{uri}");
        assert!(
            ["code", "access_token", "id_token"]
                .iter()
                .any(|name| verified.param(name).is_some()),
            "{uri}"
        );
    }
    assert_eq!(
        read_error("/cb?response=eyJhbGciOiJSUzI1NiJ9.e30.sig"),
        Err(ParseError::Jwt)
    );
    assert_eq!(read_error("/cb?state=s"), Err(ParseError::MissingError));
    // No parameters at all, or only empty ones (RFC 6749 §3.1: omitted),
    // is its own error: nothing an authorization server answers.
    for uri in [
        "https://app.example/cb",
        "https://app.example/cb?",
        "https://app.example/cb?state=&error=",
        "https://app.example/cb#",
    ] {
        assert_eq!(read_error(uri), Err(ParseError::NoParameters), "{uri}");
    }
    assert_eq!(
        ParseError::NoParameters.to_string(),
        "the callback carries no parameters: no `code`, no `error`, no `state`"
    );
    assert_eq!(read_error(" \n"), Err(ParseError::Empty));
    assert_eq!(
        read_error("?error=bad%22quote"),
        Err(ParseError::InvalidErrorValue {
            found: "\"bad\\\"quote\"".into()
        })
    );
}

#[test]
fn limits_apply_to_urls_and_bodies() {
    let limits = {
        let mut limits = Limits::DEFAULT;
        limits.max_url = 16;
        limits.max_body = 8;
        limits
    };
    let options = Callback::options().limits(limits);
    assert_eq!(
        options
            .from_redirect_uri("/cb?error=access_denied")
            .map(|_| ()),
        Err(ParseError::TooLarge { len: 23, limit: 16 })
    );
    assert_eq!(
        options.from_form_post(b"error=access_denied").map(|_| ()),
        Err(ParseError::TooLarge { len: 19, limit: 8 })
    );
}

#[test]
fn form_post_bodies() {
    let body = b"error=consent_required&error_description=AADSTS65001%3a+The+user+or+administrator+has+not+consented&error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d65001&state=s9&suberror=consent_required";
    let verified = Callback::from_form_post(body)
        .unwrap()
        .check(&ExpectedCallback::state("s9"))
        .unwrap();
    assert_eq!(verified.callback().response_mode(), ResponseMode::FormPost);
    let err = error(&verified);
    assert_eq!(err.suberror(), Some(&Suberror::ConsentRequired));
    let c = classify(err);
    assert_eq!(c.surface(), Surface::Authorize);
    assert_eq!(c.codes(), &[65001]);
    assert_eq!(c.action(), &Action::Consent);

    assert_eq!(
        Callback::from_form_post(b"error=access_denied&state=\xff").map(|_| ()),
        Err(ParseError::BadPercentEncoding {
            offset: 26,
            reason: "the body is not UTF-8"
        })
    );
    assert_eq!(
        Callback::from_form_post(b"").map(|_| ()),
        Err(ParseError::Empty)
    );
}

#[test]
fn pasted_line_breaks_and_indentation_are_ignored() {
    let pasted = "http://localhost/myapp/permissions\n        ?admin_consent=True\n        &error=consent_required\n        &state=12345";
    let verified = parse(pasted);
    assert_eq!(error(&verified).error(), &ErrorName::ConsentRequired);
    assert_eq!(verified.callback().state(), Some("12345"));
    // Encoded spaces are data and stay.
    assert_eq!(
        parse("?error=access_denied&state=a%20").callback().state(),
        Some("a ")
    );
}

#[test]
fn state_and_iss_are_checked_before_the_error_is_believed() {
    let err = Callback::from_redirect_uri(
        "/cb?error=access_denied&state=k8Qz1&iss=https%3A%2F%2Fas.example",
    )
    .unwrap();
    let check = |expected: &ExpectedCallback<'_>| err.clone().check(expected).map(|_| ());
    let issuer = "https://as.example";
    assert_eq!(check(&ExpectedCallback::state("k8Qz1")), Ok(()));
    assert_eq!(
        check(&ExpectedCallback::state("k8Qz1").issuer(issuer)),
        Ok(())
    );
    assert_eq!(
        check(&ExpectedCallback::state("k8Qz2")),
        Err(CallbackError::StateMismatch)
    );
    assert_eq!(
        check(&ExpectedCallback::state("k8Qz")),
        Err(CallbackError::StateMismatch)
    );
    assert_eq!(
        check(&ExpectedCallback::state_absent()),
        Err(CallbackError::UnexpectedState)
    );
    // iss comes first: a wrong issuer is reported even when state is also wrong.
    assert_eq!(
        check(&ExpectedCallback::state("other").issuer("https://evil.example")),
        Err(CallbackError::IssuerMismatch)
    );
    // Simple string comparison: no normalization of a trailing slash.
    assert_eq!(
        check(&ExpectedCallback::state("k8Qz1").issuer("https://as.example/")),
        Err(CallbackError::IssuerMismatch)
    );

    let bare = Callback::from_redirect_uri("/cb?error=access_denied").unwrap();
    let check = |expected: &ExpectedCallback<'_>| bare.clone().check(expected).map(|_| ());
    assert_eq!(
        check(&ExpectedCallback::state("k8Qz1")),
        Err(CallbackError::StateMissing)
    );
    assert_eq!(check(&ExpectedCallback::state_absent()), Ok(()));
    assert_eq!(
        check(&ExpectedCallback::state_absent().issuer(issuer)),
        Err(CallbackError::IssuerMissing)
    );

    let messages: Vec<_> = [
        CallbackError::IssuerMissing,
        CallbackError::IssuerMismatch,
        CallbackError::StateMissing,
        CallbackError::StateMismatch,
        CallbackError::UnexpectedState,
    ]
    .iter()
    .map(|e| format!("{}: {e}", e.kind()))
    .collect();
    assert_eq!(
        messages,
        [
            "issuer_missing: the callback has no `iss`, but the issuer is configured to send one",
            "issuer_mismatch: the callback's `iss` is not the expected issuer",
            "state_missing: the callback has no `state`, but one was sent",
            "state_mismatch: the callback's `state` does not match the value sent",
            "unexpected_state: the callback has a `state`, but none was sent",
        ]
    );
}

#[test]
fn classification_on_the_authorize_surface() {
    let cases = [
        ("?error=access_denied&error_subcode=cancel", Action::Denied, DecidedBy::Error),
        ("?error=login_required", Action::Reauthenticate, DecidedBy::Error),
        ("?error=consent_required", Action::Consent, DecidedBy::Error),
        ("?error=temporarily_unavailable", Action::Retry { after: None }, DecidedBy::Error),
        ("?error=invalid_request", Action::FixRequest, DecidedBy::Error),
        ("?error=unauthorized_client", Action::FixConfig, DecidedBy::Error),
        // invalid_token means nothing at the authorization endpoint.
        ("?error=invalid_token", Action::Abort, DecidedBy::Fallback),
        ("?error=something_new", Action::Abort, DecidedBy::Fallback),
        // The error_uri code refines: 50105 (user not assigned to the app).
        (
            "?error=access_denied&error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d50105",
            Action::Denied,
            DecidedBy::Catalog(50105.into()),
        ),
        // A code on a foreign host is not read.
        (
            "?error=access_denied&error_uri=https%3a%2f%2fevil.example%2ferror%3fcode%3d50196",
            Action::Denied,
            DecidedBy::Error,
        ),
    ];
    for (uri, action, decided_by) in cases {
        let verified = parse(uri);
        let c = classify(error(&verified));
        assert_eq!((c.action(), c.decided_by()), (&action, decided_by), "{uri}");
        assert_eq!(c.surface(), Surface::Authorize);
        assert_eq!(c.status(), None);
    }
}
