//! Callbacks, success or error: a redirect URL (the bytes read as UTF-8,
//! lossily), a `form_post` body (the raw bytes) and the pairs a framework
//! would hand over, then the checks.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth_triage::{AuthorizeError, Callback, CallbackError, ExpectedCallback, ParseError};
use oauth_triage_fuzz::check_parse_error;

fuzz_target!(|data: &[u8]| {
    let uri = String::from_utf8_lossy(data);
    check(
        Callback::from_redirect_uri(&uri),
        AuthorizeError::from_redirect_uri(&uri),
    );
    check(
        Callback::from_form_post(data),
        AuthorizeError::from_form_post(data),
    );
    // The same text split as a framework would, without decoding.
    let pairs: Vec<(&str, &str)> = uri
        .split('&')
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .collect();
    check(
        Callback::from_query_pairs(&pairs),
        AuthorizeError::from_query_pairs(&pairs),
    );
});

fn check(
    callback: Result<Callback<'_>, ParseError>,
    error: Result<AuthorizeError<'_>, ParseError>,
) {
    let callback = match callback {
        Ok(callback) => callback,
        Err(e) => {
            check_parse_error(&e);
            // What a callback cannot read, the error parser cannot either.
            assert!(error.is_err(), "{e}");
            return;
        }
    };
    // An error callback is what the error parser reads.
    assert_eq!(callback.is_error(), error.is_ok());
    let shown = format!("{callback:?}");
    let state = callback.state().map(str::to_owned);
    let iss = callback.iss().map(str::to_owned);
    // `into_owned` keeps what a check hands out (callbacks have no `==`:
    // it would compare their codes).
    let owned = callback.clone().into_owned();
    assert_eq!(
        (owned.state(), owned.iss(), owned.is_error()),
        (callback.state(), callback.iss(), callback.is_error())
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
    match (verified.code(), verified.error()) {
        (Some(code), None) => {
            // The code never shows in `Debug` (one with an `@` can match nothing shown).
            if code.len() > 8 && code.contains('@') {
                assert!(!shown.contains(code), "{shown}");
            }
        }
        (None, Some(err)) => assert_eq!(Ok(err), error.as_ref()),
        (None, None) => assert!(verified.access_token().is_some() || verified.id_token().is_some()),
        (Some(_), Some(_)) => panic!("a code and an error"),
    }
}
