//! Catalog queries as a person types them: `find`, `parse_code`, `by_name`
//! and `search`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth_triage::catalog;

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    let found = catalog::find(&query);
    match catalog::parse_code(&query) {
        Some(code) => assert_eq!(found, catalog::lookup(code)),
        None => {
            let name = query.trim();
            assert_eq!(found, catalog::by_name(name).next());
            if let Some(entry) = found {
                assert!(entry
                    .name
                    .into_iter()
                    .chain(entry.aliases.iter().copied())
                    .any(|n| n.eq_ignore_ascii_case(name)));
            }
        }
    }
    if let Some(entry) = found {
        let _ = (entry.to_string(), entry.lookup_url());
    }
    assert!(catalog::search(&query).count() <= catalog::entries().len());
});
