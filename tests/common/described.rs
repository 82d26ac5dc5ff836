//! A JSON error body with its description edited: what the tests of the
//! golden rule (no decision reads `error_description`) feed back in.

use std::collections::BTreeMap;

use serde_json::value::{to_raw_value, RawValue};

/// `json`, an object, with its `error_description` replaced (`Some`) or
/// removed (`None`). Every other member stays as its JSON text, so that a
/// claims object or a number is written back as it came.
pub(crate) fn described(json: &str, description: Option<&str>) -> Vec<u8> {
    let mut members: BTreeMap<String, Box<RawValue>> =
        serde_json::from_str(json).expect("a JSON object");
    match description {
        Some(text) => members.insert(
            "error_description".to_owned(),
            to_raw_value(text).expect("a string serializes"),
        ),
        None => members.remove("error_description"),
    };
    serde_json::to_vec(&members).expect("JSON text serializes")
}
