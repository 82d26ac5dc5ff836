//! The AADSTS catalog: every entry is found by its code and its names, and
//! every `u32` reads back from its text forms.

use oauth_triage::{catalog, AadstsCode};
use proptest::prelude::*;

use crate::gen::*;

/// An entry from what a person types.
fn find(text: &str) -> Option<&'static catalog::Entry> {
    text.parse::<AadstsCode>().ok().and_then(AadstsCode::entry)
}

#[test]
fn every_catalog_entry_is_found_by_its_code_and_by_search() {
    for entry in catalog::entries() {
        let number = entry.code.get();
        assert_eq!(entry.code.entry(), Some(entry));
        assert_eq!(find(&number.to_string()), Some(entry));
        assert_eq!(find(&format!("AADSTS{number}")), Some(entry));
        assert_eq!(find(&format!(" aadsts{number} ")), Some(entry));
        assert_eq!(
            find(&format!(
                "https://login.microsoftonline.com/error?code={number}"
            )),
            Some(entry)
        );
        // Names and aliases in any case: `tests/catalog.rs`,
        // `every_name_and_alias_is_found_in_any_case`.
        if let Some(name) = entry.name {
            assert!(catalog::search(name).any(|e| e == entry), "{entry}");
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Every `u32` reads back from `50011`, `AADSTS50011`, ` aadsts50011 `,
    /// `AADSTS-50011` and Entra's error page link; numbers beyond `u32` are
    /// no code.
    #[test]
    fn codes_round_trip_through_text(code in any::<u32>(), beyond in (u64::from(u32::MAX) + 1)..) {
        let expected = AadstsCode::new(code);
        for text in [
            code.to_string(),
            format!("AADSTS{code}"),
            format!(" aadsts{code}\t"),
            format!("AADSTS-{code}"),
        ] {
            prop_assert_eq!(text.parse::<AadstsCode>(), Ok(expected));
        }
        // An error page link names at most nine digits (Entra's codes have
        // seven at most).
        let link = format!("https://login.microsoftonline.com/error?code={code}");
        let from_link = link.parse::<AadstsCode>().ok();
        prop_assert_eq!(from_link, (code < 1_000_000_000).then_some(expected));
        prop_assert_eq!(expected.to_string().parse::<AadstsCode>(), Ok(expected));
        let prefixed = format!("AADSTS{beyond}");
        prop_assert!(beyond.to_string().parse::<AadstsCode>().is_err());
        prop_assert!(prefixed.parse::<AadstsCode>().is_err());
    }
}
