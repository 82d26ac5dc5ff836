//! Error callbacks: a redirect URL (the bytes read as UTF-8, lossily) and a
//! `form_post` body (the raw bytes), read as a `Callback`, then `classify`
//! and the `iss` / `state` checks.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth_triage::{classify, Callback, CallbackError, ExpectedCallback, ParseError, ResponseMode};
use oauth_triage_fuzz::{check_classification, check_error_value, check_parse_error};

fuzz_target!(|data: &[u8]| {
    let uri = String::from_utf8_lossy(data);
    check(Callback::from_redirect_uri(&uri));

    let form = Callback::from_form_post(data);
    if let Ok(callback) = &form {
        assert_eq!(callback.response_mode(), ResponseMode::FormPost);
    }
    check(form);
});

fn check(parsed: Result<Callback<'_>, ParseError>) {
    let callback = match parsed {
        Ok(callback) => callback,
        Err(e) => return check_parse_error(&e),
    };
    let (state, iss, mode) = (callback.state(), callback.iss(), callback.response_mode());
    let verified = callback
        .clone()
        .check(&ExpectedCallback::state_not_checked())
        .expect("no issuer is expected");
    let Some(err) = verified.error() else {
        return; // a success: the callback target reads those
    };
    check_error_value(err.error().as_str());

    let c = classify(err);
    check_classification(&c, &[err.description(), state, iss]);
    // A redirect carries at most one AADSTS code: the one of its `error_uri`.
    assert!(c.codes().len() <= 1);
    assert_eq!(err.clone().into_owned(), *err);
    let _ = (err.error_subcode(), err.suberror(), err.extra().count());

    // The same parameters as decoded pairs read back as the same error;
    // without `error_description`, it classifies the same (the golden rule).
    let mut pairs: Vec<(&str, &str)> = [
        "error",
        "error_uri",
        "error_subcode",
        "suberror",
        "state",
        "iss",
    ]
    .into_iter()
    .filter_map(|name| Some((name, verified.param(name)?)))
    .chain(err.extra())
    .collect();
    let read = |pairs: &[(&str, &str)]| {
        let callback = Callback::options()
            .from_pairs(mode, pairs)
            .expect("the pairs of a callback read");
        let verified = callback
            .check(&ExpectedCallback::state_not_checked())
            .expect("no issuer is expected");
        verified
            .error()
            .expect("an error callback")
            .clone()
            .into_owned()
    };
    let without = read(&pairs);
    assert_eq!(without.description(), None);
    assert_eq!(classify(&without), c);
    match err.description() {
        Some(description) => {
            pairs.push(("error_description", description));
            let with = read(&pairs);
            assert_eq!(with, *err);
            assert_eq!(classify(&with), c);
        }
        None => assert_eq!(without, *err),
    }

    // The values the callback carries pass the checks; anything else fails.
    let check = |expected: ExpectedCallback<'_>| callback.clone().check(&expected).map(|_| ());
    let expected = match state {
        Some(state) => {
            let other = format!("{state}x");
            assert_eq!(
                check(ExpectedCallback::state(&other)),
                Err(CallbackError::StateMismatch)
            );
            assert_eq!(
                check(ExpectedCallback::state_absent()),
                Err(CallbackError::UnexpectedState)
            );
            ExpectedCallback::state(state)
        }
        None => {
            assert_eq!(
                check(ExpectedCallback::state("k8Qz1")),
                Err(CallbackError::StateMissing)
            );
            ExpectedCallback::state_absent()
        }
    };
    assert_eq!(check(expected), Ok(()));
    // RFC 9207 §2.4: a present `iss` must match in both modes; an absent
    // one fails only where the server advertises it.
    match iss {
        Some(iss) => {
            assert_eq!(check(expected.issuer(iss)), Ok(()));
            assert_eq!(check(expected.issuer_if_present(iss)), Ok(()));
            let other = format!("{iss}/");
            assert_eq!(
                check(expected.issuer(&other)),
                Err(CallbackError::IssuerMismatch)
            );
            assert_eq!(
                check(expected.issuer_if_present(&other)),
                Err(CallbackError::IssuerMismatch)
            );
        }
        None => {
            assert_eq!(
                check(expected.issuer("https://issuer.example")),
                Err(CallbackError::IssuerMissing)
            );
            assert_eq!(
                check(expected.issuer_if_present("https://issuer.example")),
                Ok(())
            );
        }
    }
}
