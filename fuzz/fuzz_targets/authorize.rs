//! Authorization callbacks: a redirect URL (the bytes read as UTF-8, lossily)
//! and a `form_post` body (the raw bytes), then `classify` and the
//! `iss` / `state` checks.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth_triage::{
    classify, AuthorizeError, CallbackError, ExpectedCallback, ParseError, ResponseMode,
};
use oauth_triage_fuzz::{check_classification, check_error_value, check_parse_error};

fuzz_target!(|data: &[u8]| {
    let uri = String::from_utf8_lossy(data);
    check(AuthorizeError::from_redirect_uri(&uri));

    let form = AuthorizeError::from_form_post(data);
    if let Ok(err) = &form {
        assert_eq!(err.response_mode(), ResponseMode::FormPost);
    }
    check(form);
});

fn check(parsed: Result<AuthorizeError<'_>, ParseError>) {
    let err = match parsed {
        Ok(err) => err,
        Err(e) => return check_parse_error(&e),
    };
    check_error_value(err.error().as_str());

    let c = classify(&err);
    check_classification(&c, &[err.description(), err.state(), err.iss()]);
    assert_eq!(classify(&err.clone().without_description()), c);
    if let Some(code) = err.code() {
        assert_eq!(c.codes(), [code]);
    }
    assert_eq!(err.clone().into_owned(), err);
    let _ = (
        err.error_uri(),
        err.error_subcode(),
        err.suberror(),
        err.extra().count(),
    );

    // The values the callback carries pass the checks; anything else fails.
    let expected = match err.state() {
        Some(state) => {
            let other = format!("{state}x");
            assert_eq!(
                err.check(&ExpectedCallback::state(&other)),
                Err(CallbackError::StateMismatch)
            );
            assert_eq!(
                err.check(&ExpectedCallback::state_absent()),
                Err(CallbackError::UnexpectedState)
            );
            ExpectedCallback::state(state)
        }
        None => {
            assert_eq!(
                err.check(&ExpectedCallback::state("k8Qz1")),
                Err(CallbackError::StateMissing)
            );
            ExpectedCallback::state_absent()
        }
    };
    assert_eq!(err.check(&expected), Ok(()));
    // RFC 9207 §2.4: a present `iss` must match in both modes; an absent
    // one fails only where the server advertises it.
    match err.iss() {
        Some(iss) => {
            assert_eq!(err.check(&expected.issuer(iss)), Ok(()));
            assert_eq!(err.check(&expected.issuer_if_present(iss)), Ok(()));
            let other = format!("{iss}/");
            assert_eq!(
                err.check(&expected.issuer(&other)),
                Err(CallbackError::IssuerMismatch)
            );
            assert_eq!(
                err.check(&expected.issuer_if_present(&other)),
                Err(CallbackError::IssuerMismatch)
            );
        }
        None => {
            assert_eq!(
                err.check(&expected.issuer("https://issuer.example")),
                Err(CallbackError::IssuerMissing)
            );
            assert_eq!(
                err.check(&expected.issuer_if_present("https://issuer.example")),
                Ok(())
            );
        }
    }
}
