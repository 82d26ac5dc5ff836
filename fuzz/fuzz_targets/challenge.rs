//! `WWW-Authenticate` values: `Challenge::parse_all`, every accessor, then
//! `Challenges` and `classify`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth_triage::{classify, Challenge, Challenges};
use oauth_triage_fuzz::{check_classification, check_parse_error};

fuzz_target!(|data: &[u8]| {
    let value = String::from_utf8_lossy(data);
    let value = &*value;
    let from_header = Challenges::default().header(value);

    let list = match Challenges::parse(value) {
        Ok(list) => list,
        Err(e) => {
            check_parse_error(&e);
            // A header that cannot be parsed adds nothing and keeps its error.
            assert_eq!(from_header.iter().len(), 0);
            assert_eq!(from_header.parse_error(), Some(&e));
            return;
        }
    };
    assert!(!list.is_empty());
    for challenge in &list {
        check_challenge(challenge);
    }

    let challenges = Challenges::from(list.clone());
    assert_eq!(Challenges::parse(value).as_ref(), Ok(&challenges));
    assert!(from_header.parse_error().is_none());
    assert!(from_header.iter().eq(list.iter()));
    if let Some(in_use) = challenges.in_use() {
        assert!(in_use.is_scheme("Bearer") || in_use.is_scheme("DPoP"));
    }

    let descriptions: Vec<_> = list.iter().map(|c| c.error_description()).collect();
    let c = classify(&challenges);
    check_classification(&c, &descriptions);
    for scheme in ["Bearer", "DPoP", "Basic"] {
        let sent = challenges.clone().sent_scheme(scheme);
        check_classification(&classify(&sent), &descriptions);
    }
    assert_eq!(challenges.clone().into_owned(), challenges);
});

fn check_challenge(challenge: &Challenge<'_>) {
    assert!(!challenge.scheme().is_empty());
    assert!(challenge.is_scheme(challenge.scheme()));
    if challenge.token68().is_some() {
        assert_eq!(challenge.params().count(), 0);
    }
    // Names are unique ignoring case, so each one finds its own value.
    for (name, value) in challenge.params() {
        assert_eq!(challenge.param(name), Some(value));
    }
    if let Some(error) = challenge.error() {
        assert!(!error.as_str().is_empty());
    }
    if let Some(max_age) = challenge.max_age() {
        assert_eq!(
            challenge.param("max_age").map(str::parse),
            Some(Ok(max_age))
        );
    }
    for alg in challenge.algs() {
        assert!(!alg.is_empty() && !alg.bytes().any(|b| b.is_ascii_whitespace()));
    }
    let _ = (
        challenge.is_scheme("Bearer"),
        challenge.error_description(),
        challenge.param("error_uri"),
        challenge.claims(),
    );
    assert_eq!(challenge.clone().into_owned(), *challenge);
}
