//! Properties of every parser and of `classify`, checked with proptest.
//!
//! The generators build a model of a response (a token body, an authorization
//! redirect or `form_post` body, `WWW-Authenticate` challenges, a Graph
//! error, a whole HTTP response) and render it as text with random but valid
//! choices of escaping, percent-encoding, case, white space and order. The
//! properties then compare what the crate reads with the model.
//!
//! What this binary proves, one module per surface:
//!
//! - `golden_rule`: the description never decides, the crate's first promise.
//!   With `error_description` (or a challenge's `errorDescription`, or a Graph
//!   message) removed, replaced by any text, or replaced by text that names
//!   other error values, suberrors and codes, every surface classifies as
//!   before: token bodies (parsed, rewritten and deserialized), redirects and
//!   `form_post` bodies, callbacks, challenges, whole responses and, with the
//!   `oauth2` feature, oauth2's error types.
//! - `token`: token endpoint bodies parse to their model, `error_codes`
//!   outside `u32` are a clear error, `Deserialize` agrees with `from_json`
//!   and `Serialize` gives the body back.
//! - `callback`: redirects and `form_post` bodies parse to their model, line
//!   breaks are ignored, successes and errors are checked alike, a parameter
//!   twice is refused, and decoded pairs read as the URL.
//! - `challenge`: `WWW-Authenticate` values parse to their challenges, in
//!   order, across several headers.
//! - `resource`: API error bodies parse to their model, alone and inside a
//!   response.
//! - `http`: a whole response keeps its status, headers, body and delay, and
//!   (feature `http`) `from_parts` reads what the builder reads.
//! - `retry_after`: the three HTTP-date forms read back as the moment they
//!   were written from; broken ones are refused.
//! - `catalog`: every entry is found by its code and its names, and every
//!   `u32` reads back from its text forms.
//! - `names`: `ErrorName`, `Suberror` and the action names round-trip
//!   through text.
//! - `owned`: `into_owned` keeps every value equal, and a value given by
//!   value classifies as the same value given by reference.
//! - `log_safety`: a classification's line, JSON and `Debug`, and a token
//!   error's `Display` and `Debug`, never show server text.
//! - `never_panic`: any bytes, text or response gives a value or a log-safe
//!   error.
//! - `oauth2` (feature `oauth2`): `KeepResponses` hands back what `classify`
//!   reads.
//!
//! `gen` holds what two or more of them use: the checks, the text and JSON
//! generators, one model per surface (`gen/token.rs`, `gen/redirect.rs`,
//! `gen/challenge.rs`, `gen/resource.rs`, `gen/response.rs`) with its
//! renderer, and the mutations that make inputs near the valid ones.
//!
//! Each module with properties keeps the seeds of its past failures next to
//! it, in `<module>.proptest-regressions`, which proptest runs before any new
//! case. It is one test binary, so that the generators compile once.

/// The dates helpers the plain tests use too.
#[path = "../common/dates.rs"]
mod dates;
/// A JSON body with its description edited, as the plain tests do it.
#[path = "../common/described.rs"]
mod described;
mod gen;

mod callback;
mod catalog;
mod challenge;
mod golden_rule;
mod http;
mod log_safety;
mod names;
mod never_panic;
#[cfg(feature = "oauth2")]
mod oauth2;
mod owned;
mod resource;
mod retry_after;
mod token;
