//! Token endpoint bodies: `TokenError::from_json`, then `classify`; the same
//! bytes as a Graph / Resource Manager body.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth_triage::{classify, ResourceError, TokenError};
use oauth_triage_fuzz::{check_classification, check_error_value, check_parse_error};

fuzz_target!(|data: &[u8]| {
    match TokenError::from_json(data) {
        Ok(err) => {
            check_error_value(err.error().as_str());
            let c = classify(&err);
            check_classification(&c, &[err.description()]);

            // No decision reads the description.
            assert_eq!(classify(&err.clone().without_description()), c);

            let owned = err.clone().into_owned();
            assert_eq!(owned, err);
            assert_eq!(classify(&owned), c);
            let _ = (err.codes(), err.extra().count());
        }
        Err(e) => check_parse_error(&e),
    }

    match ResourceError::from_json(data) {
        Ok(err) => {
            assert!(!err.code().is_empty());
            assert_eq!(err.clone().into_owned(), err);
        }
        Err(e) => check_parse_error(&e),
    }
});
