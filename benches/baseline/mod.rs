//! The baselines' own types, shared by `triage.rs` and `count.rs`.

use serde::Deserialize;

/// What a careful hand-written parse of a token error body looks like: every
/// member this crate models, as owned text.
#[derive(Deserialize)]
#[allow(dead_code)] // read only through `black_box`
pub(crate) struct OwnedTokenError {
    error: String,
    error_description: Option<String>,
    error_uri: Option<String>,
    error_codes: Option<Vec<u32>>,
    timestamp: Option<String>,
    trace_id: Option<String>,
    correlation_id: Option<String>,
    suberror: Option<String>,
    claims: Option<String>,
}
