//! Callbacks, success or error: a redirect URL (the bytes read as UTF-8,
//! lossily), a `form_post` body (the raw bytes) and the pairs a framework
//! would hand over, then the checks.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth_triage::{Callback, CallbackError, ExpectedCallback, ParseError, ResponseMode};
use oauth_triage_fuzz::check_parse_error;

fuzz_target!(|data: &[u8]| {
    let uri = String::from_utf8_lossy(data);
    check(Callback::from_redirect_uri(&uri));
    check(Callback::from_form_post(data));
    // The same text split as a framework would, without decoding.
    let pairs: Vec<(&str, &str)> = uri
        .split('&')
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .collect();
    let from_query = Callback::from_query_pairs(&pairs);
    // Told another response mode, the pairs read alike and say so.
    let posted = Callback::options().from_pairs(ResponseMode::FormPost, &pairs);
    match (&from_query, &posted) {
        (Ok(query), Ok(posted)) => {
            assert_eq!(query.response_mode(), ResponseMode::Query);
            assert_eq!(posted.response_mode(), ResponseMode::FormPost);
            assert_eq!((query.state(), query.iss()), (posted.state(), posted.iss()));
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("the response mode changed what was read"),
    }
    check(from_query);
    check(posted);
});

fn check(callback: Result<Callback<'_>, ParseError>) {
    let callback = match callback {
        Ok(callback) => callback,
        Err(e) => return check_parse_error(&e),
    };
    let shown = format!("{callback:?}");
    let state = callback.state().map(str::to_owned);
    let iss = callback.iss().map(str::to_owned);
    // `into_owned` keeps what a check hands out (callbacks have no `==`:
    // it would compare their codes).
    let owned = callback.clone().into_owned();
    assert_eq!(
        (owned.state(), owned.iss(), owned.response_mode()),
        (callback.state(), callback.iss(), callback.response_mode())
    );
    assert_eq!(format!("{owned:?}"), shown);

    // The values the callback carries pass the checks; anything else fails.
    let expected = match &state {
        Some(state) => {
            let other = format!("{state}x");
            assert_eq!(
                callback
                    .clone()
                    .check(&ExpectedCallback::state(&other))
                    .map(|_| ()),
                Err(CallbackError::StateMismatch)
            );
            assert_eq!(
                callback
                    .clone()
                    .check(&ExpectedCallback::state_absent())
                    .map(|_| ()),
                Err(CallbackError::UnexpectedState)
            );
            ExpectedCallback::state(state)
        }
        None => ExpectedCallback::state_absent(),
    };
    let expected = match &iss {
        Some(iss) => {
            let other = format!("{iss}/");
            for wrong in [expected.issuer(&other), expected.issuer_if_present(&other)] {
                assert_eq!(
                    callback.clone().check(&wrong).map(|_| ()),
                    Err(CallbackError::IssuerMismatch)
                );
            }
            expected.issuer(iss)
        }
        None => {
            let issuer = "https://issuer.example";
            assert_eq!(
                callback.clone().check(&expected.issuer(issuer)).map(|_| ()),
                Err(CallbackError::IssuerMissing)
            );
            let verified = callback
                .clone()
                .check(&expected.issuer_if_present(issuer))
                .expect("an absent iss passes where it is not required");
            assert!(!verified.issuer_checked());
            expected
        }
    };
    let verified = callback.check(&expected).expect("its own values pass");
    // Only a compared state counts as checked (not `state_absent`).
    assert_eq!(verified.state_checked(), state.is_some());
    assert_eq!(verified.issuer_checked(), iss.is_some());
    assert_eq!(verified.param("state"), state.as_deref());
    assert_eq!(verified.param("iss"), iss.as_deref());
    match (verified.code(), verified.error()) {
        (Some(code), None) => {
            assert_eq!(verified.param("code"), Some(code));
            // The code never shows in `Debug` (one with an `@` can match nothing shown).
            if code.len() > 8 && code.contains('@') {
                assert!(!shown.contains(code), "{shown}");
            }
        }
        (None, Some(err)) => {
            // `param` gives the error's members by their names.
            assert_eq!(verified.param("error"), Some(err.error().as_str()));
            assert_eq!(verified.param("error_description"), err.description());
            assert_eq!(verified.param("error_uri"), err.error_uri());
            assert_eq!(verified.param("error_subcode"), err.error_subcode());
            assert_eq!(
                verified.param("suberror"),
                err.suberror().map(|s| s.as_str())
            );
            for (name, value) in err.extra() {
                assert_eq!(verified.param(name), Some(value));
            }
            assert_eq!(verified.param("code"), None);
        }
        (None, None) => assert!(
            verified.param("access_token").is_some() || verified.param("id_token").is_some()
        ),
        (Some(_), Some(_)) => panic!("a code and an error"),
    }
}
