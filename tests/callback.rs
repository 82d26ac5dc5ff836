//! Authorization responses at the redirect URI, success and error alike:
//! every reader, the options, the checks, and what `Debug` hides.

use oauth_triage::{
    classify, Action, Callback, CallbackError, ExpectedCallback, Limits, ParseError, ResponseMode,
};

const ISSUER: &str = "https://login.microsoftonline.com/contoso/v2.0";
const ISS: &str = "https%3A%2F%2Flogin.microsoftonline.com%2Fcontoso%2Fv2.0";

fn kind<T>(result: Result<T, ParseError>) -> Result<T, &'static str> {
    result.map_err(|e| e.kind())
}

#[test]
fn every_reader_reads_a_success() {
    let expected = ExpectedCallback::state("k8Qz1").issuer(ISSUER);
    let query =
        format!("https://app.example/cb?code=0.AXoA-c0de&state=k8Qz1&iss={ISS}&session_state=5f2a");
    let fragment = format!("https://spa.example/#/auth?code=0.AXoA-c0de&state=k8Qz1&iss={ISS}");
    let form = format!("code=0.AXoA-c0de&state=k8Qz1&iss={ISS}");
    let decoded_iss = ISSUER.to_owned();
    let pairs = vec![
        ("code".to_owned(), "0.AXoA-c0de".to_owned()),
        ("state".to_owned(), "k8Qz1".to_owned()),
        ("iss".to_owned(), decoded_iss),
    ];
    let callbacks = [
        (Callback::from_redirect_uri(&query), ResponseMode::Query),
        (
            Callback::from_redirect_uri(&fragment),
            ResponseMode::Fragment,
        ),
        (
            Callback::from_form_post(form.as_bytes()),
            ResponseMode::FormPost,
        ),
        (
            Callback::from_query_pairs(pairs.clone()),
            ResponseMode::Query,
        ),
        (
            Callback::options().from_pairs(ResponseMode::Fragment, &pairs),
            ResponseMode::Fragment,
        ),
        (
            Callback::options().from_pairs(ResponseMode::FormPost, &pairs),
            ResponseMode::FormPost,
        ),
        (
            Callback::options().from_query(&query[23..]),
            ResponseMode::Query,
        ),
    ];
    for (parsed, mode) in callbacks {
        let callback = parsed.unwrap();
        assert_eq!(callback.response_mode(), mode);
        assert_eq!(
            (callback.state(), callback.iss()),
            (Some("k8Qz1"), Some(ISSUER))
        );
        let verified = callback.check(&expected).unwrap();
        assert_eq!(verified.code(), Some("0.AXoA-c0de"));
        assert!(verified.error().is_none());
        assert!(verified.state_checked() && verified.issuer_checked());
    }
}

#[test]
fn a_query_given_alone_is_read_whole() {
    // A `?` is legal inside a query's values; only a whole URL is searched for one.
    let raw = "code=a?b&state=k8Qz1";
    let verified = Callback::from_query(raw)
        .unwrap()
        .check(&ExpectedCallback::state("k8Qz1"))
        .unwrap();
    assert_eq!(verified.code(), Some("a?b"));
    assert_eq!(
        Callback::from_query("error=access_denied&state=a?b#c")
            .unwrap()
            .state(),
        Some("a?b#c")
    );
    assert_eq!(
        kind(Callback::from_query("code=a&code=b").map(|_| ())),
        Err("duplicate")
    );
    assert_eq!(
        kind(Callback::from_query("code=%zz").map(|_| ())),
        Err("bad_percent_encoding")
    );
    // An empty query is a callback without parameters.
    for empty in ["", " ", "&&", "state="] {
        assert_eq!(
            kind(Callback::from_query(empty).map(|_| ())),
            Err("no_parameters"),
            "{empty:?}"
        );
    }
}

#[test]
fn implicit_and_hybrid_answers_keep_their_tokens_as_given() {
    let url = "https://spa.example/cb#access_token=eyJ0eXAi.e30.c2ln&token_type=Bearer&expires_in=3599&id_token=eyJhbGci.e30.c2ln&state=Zx81&scope=openid";
    let verified = Callback::from_redirect_uri(url)
        .unwrap()
        .check(&ExpectedCallback::state("Zx81"))
        .unwrap();
    assert_eq!(verified.code(), None);
    assert_eq!(verified.param("access_token"), Some("eyJ0eXAi.e30.c2ln"));
    assert_eq!(verified.param("id_token"), Some("eyJhbGci.e30.c2ln"));
    assert_eq!(verified.param("token_type"), Some("Bearer"));
    assert_eq!(verified.param("expires_in"), Some("3599"));
    assert_eq!(verified.param("scope"), Some("openid"));
    assert_eq!(verified.extra().collect::<Vec<_>>(), [("scope", "openid")]);
}

#[test]
fn errors_are_checked_like_successes() {
    let expected = ExpectedCallback::state("k8Qz1").issuer(ISSUER);
    for (tail, want) in [
        (format!("state=k8Qz1&iss={ISS}"), Ok(())),
        // `iss` is checked first: a wrong issuer wins over a wrong state.
        (
            "state=guess&iss=https%3A%2F%2Fidp.example".to_owned(),
            Err(CallbackError::IssuerMismatch),
        ),
        ("state=k8Qz1".to_owned(), Err(CallbackError::IssuerMissing)),
        (
            format!("state=guess&iss={ISS}"),
            Err(CallbackError::StateMismatch),
        ),
        (
            format!("state=k8Qz&iss={ISS}"),
            Err(CallbackError::StateMismatch),
        ),
        (format!("iss={ISS}"), Err(CallbackError::StateMissing)),
    ] {
        for head in ["code=0.AXoA-c0de", "error=access_denied"] {
            let url = format!("https://app.example/cb?{head}&{tail}");
            let got = Callback::from_redirect_uri(&url)
                .unwrap()
                .check(&expected)
                .map(|_| ());
            assert_eq!(got, want, "{url}");
        }
    }
}

#[test]
fn not_checked_and_must_be_absent_differ() {
    let with_state =
        Callback::from_redirect_uri("https://app.example/cb?code=a&state=Zx81").unwrap();
    let without = Callback::from_redirect_uri("https://app.example/cb?code=a").unwrap();
    assert_eq!(
        with_state
            .clone()
            .check(&ExpectedCallback::state_absent())
            .map(|_| ()),
        Err(CallbackError::UnexpectedState)
    );
    // Nothing was compared: the verified callback does not claim a check
    // (protection against forgery then rests on PKCE).
    assert!(!without
        .clone()
        .check(&ExpectedCallback::state_absent())
        .unwrap()
        .state_checked());
    for callback in [with_state, without] {
        let verified = callback
            .check(&ExpectedCallback::state_not_checked())
            .unwrap();
        assert!(!verified.state_checked());
        assert!(!verified.issuer_checked());
    }
}

#[test]
fn a_verified_error_is_classified() {
    let url = "https://app.example/cb?error=consent_required&error_description=AADSTS65001%3A+consent&state=k8Qz1";
    let verified = Callback::from_redirect_uri(url)
        .unwrap()
        .check(&ExpectedCallback::state("k8Qz1"))
        .unwrap();
    let err = verified.error().unwrap();
    assert_eq!(classify(err).action(), &Action::Consent);
    assert_eq!(verified.code(), None);
}

#[test]
fn ambiguous_and_forged_responses_are_refused() {
    for (input, want) in [
        (
            "https://app.example/cb?code=a&error=access_denied&state=s",
            "code_with_error",
        ),
        (
            "https://app.example/cb?error=access_denied&code=a",
            "code_with_error",
        ),
        ("https://app.example/cb?code=a&state=s&state=t", "duplicate"),
        ("https://app.example/cb?code=a&code=b", "duplicate"),
        // Split between the query and the fragment.
        ("https://app.example/cb?code=a#code=b&state=s", "duplicate"),
        ("https://app.example/cb?error=x#code=b&state=s", "duplicate"),
        // JARM: verify the JWT first.
        (
            "https://app.example/cb?response=eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
            "jwt",
        ),
        ("https://app.example/cb?state=s", "missing_error"),
        (
            "https://app.example/cb?code=%zz&state=s",
            "bad_percent_encoding",
        ),
        ("", "empty"),
    ] {
        assert_eq!(
            kind(Callback::from_redirect_uri(input).map(|_| ())),
            Err(want),
            "{input}"
        );
    }
    assert_eq!(
        kind(Callback::from_form_post(b"code=a&code=b").map(|_| ())),
        Err("duplicate")
    );
    // Pairs from a framework: duplicates are rejected as in a URL.
    for pairs in [
        vec![("state", "guess"), ("code", "a"), ("state", "k8Qz1")],
        vec![
            ("error", "login_required"),
            ("error", "server_error"),
            ("state", "k8Qz1"),
        ],
        vec![("code", "a"), ("error", "access_denied")],
    ] {
        assert!(
            Callback::from_query_pairs(pairs.clone()).is_err(),
            "{pairs:?}"
        );
        for mode in [ResponseMode::FormPost, ResponseMode::Fragment] {
            assert!(
                Callback::options().from_pairs(mode, pairs.clone()).is_err(),
                "{pairs:?} {mode}"
            );
        }
    }
    // And a form_post error with a code.
    assert_eq!(
        kind(Callback::from_form_post(b"error=access_denied&code=a&state=s").map(|_| ())),
        Err("code_with_error")
    );
}

#[test]
fn an_error_from_pairs_reads_as_the_url_and_the_body_do() {
    let expected = ExpectedCallback::state("k8Qz1");
    let url = "https://app.example/cb?error=access_denied&error_subcode=cancel&state=k8Qz1";
    let body = b"error=access_denied&error_subcode=cancel&state=k8Qz1";
    let pairs = [
        ("error", "access_denied"),
        ("error_subcode", "cancel"),
        ("state", "k8Qz1"),
    ];
    let error = |parsed: Result<Callback<'_>, ParseError>| {
        let verified = parsed.unwrap().check(&expected).unwrap();
        let err = verified.error().cloned().unwrap().into_owned();
        (err, verified.callback().response_mode())
    };
    let (from_pairs, mode) = error(Callback::from_query_pairs(pairs));
    let (from_url, url_mode) = error(Callback::from_redirect_uri(url));
    assert_eq!((&from_pairs, mode), (&from_url, url_mode));
    assert_eq!(classify(&from_pairs), classify(&from_url));
    let (posted, mode) = error(Callback::options().from_pairs(ResponseMode::FormPost, pairs));
    let (from_body, body_mode) = error(Callback::from_form_post(body));
    assert_eq!((&posted, mode), (&from_body, body_mode));
    assert_eq!(mode, ResponseMode::FormPost);
    assert_eq!(posted.error_subcode(), Some("cancel"));
}

#[test]
fn options_carry_the_limits_to_every_reader() {
    let url = "https://app.example/cb?error=access_denied&state=k8Qz1";
    let query = &url[23..];
    let body = query.as_bytes();
    let pairs = [("error", "access_denied"), ("state", "k8Qz1"), ("x", "1")];
    let short = Callback::options().limits({
        let mut limits = Limits::DEFAULT;
        limits.max_url = 16;
        limits.max_body = 8;
        limits
    });
    assert_eq!(
        short.from_redirect_uri(url).map(|_| ()),
        Err(ParseError::TooLarge {
            len: url.len(),
            limit: 16
        })
    );
    assert_eq!(
        short.from_query(query).map(|_| ()),
        Err(ParseError::TooLarge {
            len: query.len(),
            limit: 16
        })
    );
    assert_eq!(
        short.from_form_post(body).map(|_| ()),
        Err(ParseError::TooLarge {
            len: body.len(),
            limit: 8
        })
    );
    // Pairs have no length to bound, only a count.
    assert!(short.from_pairs(ResponseMode::Query, pairs).is_ok());
    let few = Callback::options().limits({
        let mut limits = Limits::DEFAULT;
        limits.max_params = 2;
        limits
    });
    let too_many = Err(ParseError::TooMany {
        what: "parameters",
        limit: 2,
    });
    assert_eq!(
        few.from_pairs(ResponseMode::Query, pairs).map(|_| ()),
        too_many
    );
    assert_eq!(
        few.from_redirect_uri("/cb?error=access_denied&state=k8Qz1&x=1")
            .map(|_| ()),
        too_many
    );
    assert_eq!(
        few.from_form_post(b"error=access_denied&state=k8Qz1&x=1")
            .map(|_| ()),
        too_many
    );
    // The options are a value: the last `limits` wins, and the defaults
    // are those of the shorthands.
    assert!(few
        .limits(Limits::DEFAULT)
        .from_pairs(ResponseMode::Query, pairs)
        .is_ok());
    assert!(Callback::options().from_redirect_uri(url).is_ok());
    assert_eq!(
        format!("{:?}", Callback::options()),
        format!("CallbackOptions {{ limits: {:?} }}", Limits::DEFAULT)
    );
}

#[test]
fn debug_shows_no_code_token_or_state() {
    let url = "https://app.example/cb#code=c0de-s3cret&access_token=t0ken-s3cret&id_token=id-s3cret&state=st4te-s3cret&session_state=ss-s3cret&token_type=Bearer";
    let callback = Callback::from_redirect_uri(url).unwrap();
    let verified = callback
        .clone()
        .check(&ExpectedCallback::state("st4te-s3cret"))
        .unwrap();
    let expected = ExpectedCallback::state("st4te-s3cret");
    for shown in [
        format!("{callback:?}"),
        format!("{callback:#?}"),
        format!("{verified:?}"),
        format!("{expected:?}"),
    ] {
        assert!(!shown.contains("s3cret"), "{shown}");
    }
    assert!(format!("{callback:?}").contains("code: [redacted: 11 bytes]"));
    let err = Callback::from_redirect_uri(
        "/cb?error=access_denied&error_description=jo%40contoso.com&state=st4te-s3cret",
    )
    .unwrap();
    let shown = format!("{err:?}");
    assert!(
        !shown.contains("s3cret") && !shown.contains("contoso"),
        "{shown}"
    );
}

#[test]
fn owned_callbacks_outlive_their_input() {
    let verified = {
        let url = String::from("https://app.example/cb?code=a&state=Zx81");
        Callback::from_redirect_uri(&url)
            .unwrap()
            .check(&ExpectedCallback::state("Zx81"))
            .unwrap()
            .into_owned()
    };
    assert_eq!(verified.code(), Some("a"));
}

#[cfg(feature = "http")]
#[test]
fn an_http_uri_is_read_by_its_query() {
    let uri: http::Uri = "/cb?code=a%3Fb&state=k8Qz1".parse().unwrap();
    let verified = Callback::try_from(&uri)
        .unwrap()
        .check(&ExpectedCallback::state("k8Qz1"))
        .unwrap();
    assert_eq!(verified.code(), Some("a?b"));
    let uri: http::Uri = "/cb?error=login_required&error=server_error"
        .parse()
        .unwrap();
    assert_eq!(kind(Callback::try_from(&uri).map(|_| ())), Err("duplicate"));
    let uri: http::Uri = "/cb".parse().unwrap();
    assert_eq!(
        kind(Callback::try_from(&uri).map(|_| ())),
        Err("no_parameters")
    );
}

#[cfg(feature = "url")]
#[test]
fn a_url_is_read_as_its_text() {
    for text in [
        "https://app.example/cb?code=0.AXoA-c0de&state=k8Qz1",
        "https://spa.example/#/auth?code=0.AXoA-c0de&state=k8Qz1",
        "http://localhost:3000/?error=access_denied&error_subcode=cancel&state=k8Qz1",
        "https://app.example/cb?code=a#code=b&state=k8Qz1",
        "https://app.example/cb?code=%zz&state=k8Qz1",
    ] {
        let url = url::Url::parse(text).unwrap();
        // Callbacks have no `==` (it would compare codes): compare what
        // the check hands out.
        let seen = |parsed: Result<Callback<'_>, &'static str>| {
            parsed.map(|callback| {
                let verified = callback.check(&ExpectedCallback::state("k8Qz1")).unwrap();
                (
                    verified.code().map(str::to_owned),
                    verified
                        .error()
                        .cloned()
                        .map(oauth_triage::AuthorizeError::into_owned),
                )
            })
        };
        assert_eq!(
            seen(kind(Callback::try_from(&url))),
            seen(kind(Callback::from_redirect_uri(text))),
            "{text}"
        );
    }
}

#[test]
fn a_verified_callback_brings_a_code_tokens_or_an_error() {
    let expected = ExpectedCallback::state("Zx81");
    let check = |url: &str| {
        Callback::from_redirect_uri(url)
            .unwrap()
            .check(&expected)
            .unwrap()
            .into_owned()
    };
    let code = check("https://app.example/cb?code=c0de-s3cret&state=Zx81");
    assert_eq!(code.code(), Some("c0de-s3cret"));
    assert!(code.error().is_none());
    let shown = format!("{code:?}");
    assert!(
        !shown.contains("s3cret") && shown.contains("code: [redacted: 11 bytes]"),
        "{shown}"
    );
    let tokens = check("https://spa.example/#access_token=t0ken&token_type=Bearer&state=Zx81");
    assert_eq!((tokens.code(), tokens.error()), (None, None));
    assert_eq!(tokens.param("access_token"), Some("t0ken"));
    let error = check("https://app.example/cb?error=login_required&state=Zx81");
    assert_eq!(error.code(), None);
    let err = error.error().expect("expected the error");
    assert_eq!(classify(err).action(), &Action::Reauthenticate);
}

#[test]
fn param_reads_every_parameter_by_its_exact_name() {
    let expected = ExpectedCallback::state("k8Qz1");
    let success = format!(
        "https://app.example/cb?code=0.AXoA-c0de&state=k8Qz1&iss={ISS}&session_state=5f2a\
         &client_info=eyJ1aWQi&scope=&id_token=eyJ.e30.sig&expires_in=3599&token_type=Bearer&access_token=at"
    );
    let verified = Callback::from_redirect_uri(&success)
        .unwrap()
        .check(&expected)
        .unwrap();
    for (name, want) in [
        ("code", Some("0.AXoA-c0de")),
        ("state", Some("k8Qz1")),
        ("iss", Some(ISSUER)),
        ("session_state", Some("5f2a")),
        ("client_info", Some("eyJ1aWQi")),
        ("id_token", Some("eyJ.e30.sig")),
        ("access_token", Some("at")),
        ("token_type", Some("Bearer")),
        ("expires_in", Some("3599")),
        // Sent empty: omitted (RFC 6749 §3.1).
        ("scope", None),
        // Exact names only.
        ("Code", None),
        ("error", None),
        ("", None),
    ] {
        assert_eq!(verified.param(name), want, "{name}");
    }

    let error =
        "https://app.example/cb?error=interaction_required&error_description=AADSTS50079%3A+MFA\
         &error_uri=https%3A%2F%2Flogin.microsoftonline.com%2Ferror%3Fcode%3D50079\
         &error_subcode=cancel&suberror=consent_required&state=k8Qz1&tenant=contoso&admin_consent=";
    let verified = Callback::from_redirect_uri(error)
        .unwrap()
        .check(&expected)
        .unwrap();
    let err = verified.error().unwrap();
    for (name, want) in [
        ("error", Some("interaction_required")),
        ("error_description", Some("AADSTS50079: MFA")),
        (
            "error_uri",
            Some("https://login.microsoftonline.com/error?code=50079"),
        ),
        ("error_subcode", Some("cancel")),
        ("suberror", Some("consent_required")),
        ("state", Some("k8Qz1")),
        ("tenant", Some("contoso")),
        ("admin_consent", None),
        ("iss", None),
        ("code", None),
    ] {
        assert_eq!(verified.param(name), want, "{name}");
    }
    // The same values as the error's own getters.
    assert_eq!(verified.param("error"), Some(err.error().as_str()));
    assert_eq!(verified.param("error_description"), err.description());
    assert_eq!(verified.param("error_uri"), err.error_uri());
    assert_eq!(
        verified.param("suberror"),
        err.suberror().map(|s| s.as_str())
    );
    // An unknown value comes back as sent.
    let odd = Callback::from_query("error=tenant_blocked&suberror=some_new_thing&state=k8Qz1")
        .unwrap()
        .check(&expected)
        .unwrap();
    assert_eq!(odd.param("error"), Some("tenant_blocked"));
    assert_eq!(odd.param("suberror"), Some("some_new_thing"));
}

/// RFC 9207 §2.4 as written: `issuer` requires `iss`; `issuer_if_present`
/// lets an absent one pass and compares a present one; on successes and
/// errors alike, before `state`.
#[test]
fn issuer_modes() {
    let required = ExpectedCallback::state("k8Qz1").issuer(ISSUER);
    let if_present = ExpectedCallback::state("k8Qz1").issuer_if_present(ISSUER);
    let other = "https%3A%2F%2Fidp.example.net";
    // (tail, under `issuer`, under `issuer_if_present`, issuer_checked when it passes)
    let cases = [
        (format!("state=k8Qz1&iss={ISS}"), Ok(()), Ok(()), true),
        (
            "state=k8Qz1".to_owned(),
            Err(CallbackError::IssuerMissing),
            Ok(()),
            false,
        ),
        (
            format!("state=k8Qz1&iss={other}"),
            Err(CallbackError::IssuerMismatch),
            Err(CallbackError::IssuerMismatch),
            false,
        ),
        // A trailing slash is another issuer (simple string comparison).
        (
            format!("state=k8Qz1&iss={ISS}%2F"),
            Err(CallbackError::IssuerMismatch),
            Err(CallbackError::IssuerMismatch),
            false,
        ),
        // An empty `iss` is an absent one (RFC 6749 §3.1).
        (
            "state=k8Qz1&iss=".to_owned(),
            Err(CallbackError::IssuerMissing),
            Ok(()),
            false,
        ),
        // The issuer is compared before the state.
        (
            format!("state=guess&iss={other}"),
            Err(CallbackError::IssuerMismatch),
            Err(CallbackError::IssuerMismatch),
            false,
        ),
        (
            "state=guess".to_owned(),
            Err(CallbackError::IssuerMissing),
            Err(CallbackError::StateMismatch),
            false,
        ),
    ];
    for (tail, want_required, want_if_present, checked) in &cases {
        for head in ["code=0.AXoA-c0de", "error=access_denied"] {
            let url = format!("https://app.example/cb?{head}&{tail}");
            let callback = Callback::from_redirect_uri(&url).unwrap();
            for (expected, want) in [(&required, want_required), (&if_present, want_if_present)] {
                let got = callback.clone().check(expected);
                assert_eq!(
                    got.as_ref().map(|_| ()),
                    want.as_ref().map(|_| ()),
                    "{url} {expected:?}"
                );
                if let Ok(verified) = got {
                    assert!(verified.state_checked());
                    assert_eq!(verified.issuer_checked(), *checked, "{url} {expected:?}");
                }
            }
        }
    }
}

#[test]
fn the_last_issuer_call_wins_and_metadata_picks_one() {
    let bare = Callback::from_redirect_uri("https://app.example/cb?code=a&state=k8Qz1").unwrap();
    let passes = |expected: ExpectedCallback<'_>| bare.clone().check(&expected).map(|_| ());
    let state = ExpectedCallback::state("k8Qz1");
    assert_eq!(
        passes(state.issuer(ISSUER).issuer_if_present(ISSUER)),
        Ok(())
    );
    assert_eq!(
        passes(state.issuer_if_present(ISSUER).issuer(ISSUER)),
        Err(CallbackError::IssuerMissing)
    );
    assert_eq!(
        passes(state.issuer_from_metadata(ISSUER, true)),
        Err(CallbackError::IssuerMissing)
    );
    assert_eq!(passes(state.issuer_from_metadata(ISSUER, false)), Ok(()));
    assert_eq!(
        state.issuer_from_metadata(ISSUER, true),
        state.issuer(ISSUER)
    );
    assert_eq!(
        state.issuer_from_metadata(ISSUER, false),
        state.issuer_if_present(ISSUER)
    );
    assert_eq!(
        passes(state.issuer_from_metadata(ISSUER, false).issuer(ISSUER)),
        Err(CallbackError::IssuerMissing)
    );
    // Debug says which mode, and never the state.
    let shown = format!("{:?}", state.issuer_if_present(ISSUER));
    assert!(
        shown.contains("if present") && !shown.contains("k8Qz1"),
        "{shown}"
    );
    let shown = format!("{:?}", state.issuer(ISSUER));
    assert!(shown.contains("required"), "{shown}");
}

/// Every ordered source the pairs constructors take reads the same
/// callback; an empty source is a callback without parameters.
#[test]
fn every_ordered_source_of_pairs() {
    let owned: Vec<(String, String)> = vec![
        ("code".into(), "0.AXoA-c0de".into()),
        ("state".into(), "k8Qz1".into()),
    ];
    let borrowed = [("code", "0.AXoA-c0de"), ("state", "k8Qz1")];
    let expected = ExpectedCallback::state("k8Qz1");
    let code = |parsed: Result<Callback<'_>, ParseError>| {
        parsed
            .unwrap()
            .check(&expected)
            .unwrap()
            .code()
            .map(str::to_owned)
    };
    let want = Some("0.AXoA-c0de".to_owned());
    assert_eq!(code(Callback::from_query_pairs(&owned)), want);
    assert_eq!(code(Callback::from_query_pairs(owned.as_slice())), want);
    let array_ref: &[(&str, &str); 2] = &borrowed;
    assert_eq!(code(Callback::from_query_pairs(array_ref)), want);
    assert_eq!(code(Callback::from_query_pairs(&borrowed[..])), want);
    assert_eq!(code(Callback::from_query_pairs(borrowed)), want);
    assert_eq!(code(Callback::from_query_pairs(borrowed.to_vec())), want);
    let cows: Vec<(std::borrow::Cow<'_, str>, std::borrow::Cow<'_, str>)> = borrowed
        .iter()
        .map(|&(name, value)| (name.into(), value.into()))
        .collect();
    assert_eq!(code(Callback::from_query_pairs(&cows)), want);
    assert_eq!(code(Callback::from_query_pairs(owned)), want);

    let none: Vec<(String, String)> = Vec::new();
    assert_eq!(
        kind(Callback::from_query_pairs(&none).map(|_| ())),
        Err("no_parameters")
    );
    assert_eq!(
        kind(
            Callback::options()
                .from_pairs(ResponseMode::FormPost, none)
                .map(|_| ())
        ),
        Err("no_parameters")
    );
    assert_eq!(
        kind(Callback::from_query_pairs([("state", ""), ("code", "")]).map(|_| ())),
        Err("no_parameters")
    );
    // Parameters, but neither a code nor an error: another error.
    assert_eq!(
        kind(Callback::from_query_pairs([("state", "k8Qz1")]).map(|_| ())),
        Err("missing_error")
    );
}

#[cfg(feature = "url")]
#[test]
fn url_query_pairs_are_an_ordered_source() {
    let url = url::Url::parse(&format!(
        "https://app.example/cb?code=0.AXoA-c0de&state=k8Qz1&iss={ISS}"
    ))
    .unwrap();
    let verified = Callback::from_query_pairs(url.query_pairs())
        .unwrap()
        .check(&ExpectedCallback::state("k8Qz1").issuer(ISSUER))
        .unwrap();
    assert_eq!(verified.code(), Some("0.AXoA-c0de"));
    let twice = url::Url::parse("https://app.example/cb?state=guess&code=a&state=k8Qz1").unwrap();
    assert_eq!(
        kind(Callback::from_query_pairs(twice.query_pairs()).map(|_| ())),
        Err("duplicate")
    );
    assert_eq!(
        kind(
            Callback::from_query_pairs(url::form_urlencoded::parse(b"error=a&error=b")).map(|_| ())
        ),
        Err("duplicate")
    );
}
