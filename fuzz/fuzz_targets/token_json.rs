//! Token endpoint bodies: `TokenError::from_json`, then `classify`; the same
//! bytes as a Graph / Resource Manager body.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth_triage::{classify, ResourceError, TokenError};
use oauth_triage_fuzz::{
    check_classification, check_error_value, check_parse_error, without_description,
};

fuzz_target!(|data: &[u8]| {
    match TokenError::from_json(data) {
        Ok(err) => {
            check_error_value(err.error().as_str());
            let c = classify(&err);
            check_classification(&c, &[err.description()]);

            // No decision reads the description.
            if let Some(without) = without_description(&err) {
                assert_eq!(classify(&without), c);
            }

            let owned = err.clone().into_owned();
            assert_eq!(owned, err);
            assert_eq!(classify(&owned), c);
            let _ = (err.error_codes(), err.extra().count());
        }
        Err(e) => check_parse_error(&e),
    }

    match ResourceError::from_json(data) {
        Ok(err) => {
            assert!(!err.api_code().is_empty());
            assert_eq!(err.clone().into_owned(), err);
        }
        Err(e) => check_parse_error(&e),
    }

    // Free text of any bytes and any JSON type: the input as the value of
    // `error_description` (and of Graph's `message`), raw, never changes
    // whether the body reads or how it classifies.
    let mut with =
        b"{\"error\":\"invalid_grant\",\"error_codes\":[50076],\"error_description\":".to_vec();
    with.extend_from_slice(data);
    with.push(b'}');
    // Within the limits: small, shallow, with few members.
    let opens = data.iter().filter(|&&b| b == b'[' || b == b'{').count();
    let members = data.iter().filter(|&&b| b == b':' || b == b',').count();
    let small = data.len() < 16 * 1024 && opens < 16 && members < 128;
    if small
        && serde_json::from_slice::<serde_json::Value>(String::from_utf8_lossy(data).as_bytes())
            .is_ok()
    {
        let read = TokenError::from_json(&with).expect("a description of any type reads");
        let plain =
            TokenError::from_json(br#"{"error":"invalid_grant","error_codes":[50076]}"#).unwrap();
        assert_eq!(classify(&read).action(), classify(&plain).action());
        let mut graph =
            b"{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":".to_vec();
        graph.extend_from_slice(data);
        graph.extend_from_slice(b"}}");
        let err = ResourceError::from_json(&graph).expect("a message of any type reads");
        assert_eq!(err.api_code(), "InvalidAuthenticationToken");
    }
});
