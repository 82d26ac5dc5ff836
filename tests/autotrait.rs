//! Every public type is `Send + Sync + Unpin + UnwindSafe + RefUnwindSafe`,
//! but where a comment says why not, and `Send + Sync` without exception.
//!
//! An error handed to `anyhow` or returned as `Box<dyn Error + Send + Sync>`,
//! a classification or a parsed body moved into a tokio task, a `Throttle`
//! shared between tasks: all need `Send + Sync`, and a value kept across
//! `catch_unwind` needs the unwind-safety traits. A field added later that
//! takes one away (an `Rc`, a `Cell`, a boxed trait object without the
//! bounds) fails here, not in a user's build. Types with a lifetime are
//! checked at `'static`, each behind the feature that defines it.

#![allow(clippy::extra_unused_type_parameters)]

use std::panic::{RefUnwindSafe, UnwindSafe};

fn assert_auto_traits<T: Send + Sync + Unpin + UnwindSafe + RefUnwindSafe>() {}

fn assert_send_sync<T: Send + Sync>() {}

fn assert_send_sync_unpin<T: Send + Sync + Unpin>() {}

#[test]
fn public_types_are_send_sync_unpin_and_unwind_safe() {
    assert_auto_traits::<oauth_triage::Action<'static>>();
    assert_auto_traits::<oauth_triage::Api>();
    assert_auto_traits::<oauth_triage::AuthorizeError<'static>>();
    assert_auto_traits::<oauth_triage::Callback<'static>>();
    assert_auto_traits::<oauth_triage::CallbackError>();
    assert_auto_traits::<oauth_triage::CallbackOptions>();
    assert_auto_traits::<oauth_triage::Challenge<'static>>();
    assert_auto_traits::<oauth_triage::Challenges<'static>>();
    assert_auto_traits::<oauth_triage::Classification<'static>>();
    assert_auto_traits::<oauth_triage::DecidedBy>();
    assert_auto_traits::<oauth_triage::ErrorName<'static>>();
    assert_auto_traits::<oauth_triage::ExpectedCallback<'static>>();
    assert_auto_traits::<oauth_triage::Held>();
    assert_auto_traits::<oauth_triage::HttpResponse<'static>>();
    assert_auto_traits::<oauth_triage::Limits>();
    assert_auto_traits::<oauth_triage::ManagedIdentitySource>();
    assert_auto_traits::<oauth_triage::Next>();
    assert_auto_traits::<oauth_triage::ParseError>();
    assert_auto_traits::<oauth_triage::Party>();
    assert_auto_traits::<oauth_triage::Provider<'static>>();
    assert_auto_traits::<oauth_triage::ResourceError<'static>>();
    assert_auto_traits::<oauth_triage::ResponseMode>();
    assert_auto_traits::<oauth_triage::Retries>();
    assert_auto_traits::<oauth_triage::RetryPolicy>();
    assert_auto_traits::<oauth_triage::Rules<'static>>();
    assert_auto_traits::<oauth_triage::StepUp<'static>>();
    assert_auto_traits::<oauth_triage::Suberror<'static>>();
    assert_auto_traits::<oauth_triage::Surface>();
    assert_auto_traits::<oauth_triage::Throttle>();
    assert_auto_traits::<oauth_triage::TokenError<'static>>();
    assert_auto_traits::<oauth_triage::UnknownSurface>();
    assert_auto_traits::<oauth_triage::Unrecognized<'static>>();
    assert_auto_traits::<oauth_triage::VerifiedCallback<'static>>();
    assert_auto_traits::<oauth_triage::AadstsCode>();
    assert_auto_traits::<oauth_triage::NotACode>();
    assert_auto_traits::<oauth_triage::catalog::Category>();
    assert_auto_traits::<oauth_triage::catalog::Entry>();
    #[cfg(feature = "axum")]
    assert_auto_traits::<oauth_triage::axum::CallbackRejection>();
    #[cfg(feature = "azure")]
    assert_auto_traits::<oauth_triage::azure::KeepResponses>();
    #[cfg(feature = "tower")]
    assert_auto_traits::<oauth_triage::tower::ClassifyRetry>();

    // Not unwind-safe: an `Input` may hold an integration's error given by
    // value, boxed as a `dyn` trait object bounded by `Send + Sync` only.
    assert_send_sync_unpin::<oauth_triage::Input<'static>>();
    // Not unwind-safe: it keeps the HTTP client's own error as a
    // `Box<dyn Error + Send + Sync>`, and the response's `http::Extensions`,
    // a map of `dyn` values bounded alike.
    #[cfg(feature = "oauth2")]
    assert_send_sync_unpin::<oauth_triage::oauth2::HttpError>();
}

/// A `Throttle` with any key that can be shared is shared itself.
#[allow(dead_code)]
fn throttle_with_any_key<K: Send + Sync>() {
    assert_send_sync::<oauth_triage::Throttle<K>>();
}

/// `KeepResponses` is what the client it wraps is.
#[cfg(feature = "oauth2")]
#[allow(dead_code)]
fn keep_responses<C: Send + Sync>() {
    assert_send_sync::<oauth_triage::oauth2::KeepResponses<C>>();
}

/// `KeepResponses` adds nothing that takes an auto trait away.
#[cfg(feature = "oauth2")]
#[allow(dead_code)]
fn keep_responses_of_any_client<C: Send + Sync + Unpin + UnwindSafe + RefUnwindSafe>() {
    assert_auto_traits::<oauth_triage::oauth2::KeepResponses<C>>();
}

/// The future of an async `KeepResponses` is `Send` and `Sync` when the
/// wrapped client's future is, and `Unpin` whatever that future is (it is
/// boxed), so a request can be spawned on a multi-threaded runtime.
#[cfg(feature = "oauth2")]
#[allow(dead_code)]
fn keep_responses_future<F: Send + Sync + UnwindSafe + RefUnwindSafe>() {
    assert_auto_traits::<oauth_triage::oauth2::KeepResponsesFuture<F>>();
}
