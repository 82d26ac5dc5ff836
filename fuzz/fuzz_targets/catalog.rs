//! Catalog queries as a person types them: an `AadstsCode` read from any
//! text (a code in any of its forms, a symbolic name, an `error_uri`), its
//! entry, and `search`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth_triage::{catalog, AadstsCode};

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    if let Ok(code) = query.parse::<AadstsCode>() {
        // What a code prints reads back as the same code.
        assert_eq!(code.to_string().parse(), Ok(code));
        assert_eq!(code.get().to_string().parse(), Ok(code));
        if let Some(entry) = code.entry() {
            assert_eq!(entry.code, code);
            let _ = (entry.to_string(), code.lookup_url());
        }
    }
    assert!(catalog::search(&query).count() <= catalog::entries().len());
});
