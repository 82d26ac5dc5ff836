//! Unit tests of the crate as a whole: its public types are `Send` and `Sync`.

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn public_types_are_send_and_sync() {
    assert_send_sync::<crate::TokenError<'_>>();
    assert_send_sync::<crate::Challenge<'_>>();
    assert_send_sync::<crate::Classification<'_>>();
    assert_send_sync::<crate::HttpResponse<'_>>();
    assert_send_sync::<crate::AuthorizeError<'_>>();
    assert_send_sync::<crate::Challenges<'_>>();
    assert_send_sync::<crate::ResourceError<'_>>();
    assert_send_sync::<crate::CallbackError>();
    assert_send_sync::<crate::CallbackOptions>();
    assert_send_sync::<crate::ParseError>();
    assert_send_sync::<crate::catalog::Entry>();
    assert_send_sync::<crate::RetryPolicy>();
    assert_send_sync::<crate::Retries>();
    assert_send_sync::<crate::Next>();
    assert_send_sync::<crate::Throttle>();
    assert_send_sync::<crate::Held>();
    assert_send_sync::<crate::ManagedIdentitySource>();
    #[cfg(feature = "azure")]
    assert_send_sync::<crate::azure::KeepResponses>();
}
