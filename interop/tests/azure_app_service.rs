//! azure_identity 1's `ManagedIdentityCredential` on App Service (and Azure
//! Functions), chosen by the `IDENTITY_ENDPOINT` and `IDENTITY_HEADER`
//! environment variables that App Service sets, against real-shaped answers
//! served by a transport of the tests' own; with and without
//! `oauth_triage::azure::KeepResponses`.
//!
//! Every test in this file sets the same two variables before building a
//! credential, so that running them in parallel changes nothing.

mod azure_support;

use azure_core::credentials::TokenCredential;
use azure_identity::{ManagedIdentityCredential, ManagedIdentityCredentialOptions};
use azure_support::{answer, msi_token, options, raw_of, setup, Canned, ACCESS_TOKEN, SCOPES};
use oauth_triage::{classify, Action, DecidedBy, ManagedIdentitySource, Surface};

/// App Service's endpoint and secret, as it sets them (the port and the
/// secret differ on every instance).
const IDENTITY_ENDPOINT: &str = "http://127.0.0.1:41741/msi/token/";
const IDENTITY_HEADER: &str = "0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b";

const NOT_LOADED: &[u8] = br#"{"statusCode":400,"message":"Unable to load the proper Managed Identity.","correlationId":"bf68136a-73f7-4ca4-9903-9ee8af3ab2ee"}"#;
const SERVER_ERROR: &[u8] = br#"{"statusCode":500,"message":"An unexpected error occured while fetching the AAD Token.","correlationId":"8a1d4e9c-2b7f-4c3a-9e5d-6f0a1b2c3d4e"}"#;

fn app_service(
    transport: std::sync::Arc<Canned>,
    keep: bool,
) -> std::sync::Arc<ManagedIdentityCredential> {
    // The same values in every test of this file (see the file's docs).
    std::env::set_var("IDENTITY_ENDPOINT", IDENTITY_ENDPOINT);
    std::env::set_var("IDENTITY_HEADER", IDENTITY_HEADER);
    ManagedIdentityCredential::new(Some(ManagedIdentityCredentialOptions {
        client_options: options(transport, keep),
        ..Default::default()
    }))
    .expect("a valid credential")
}

#[tokio::test]
async fn a_token_comes_from_the_app_service_endpoint() {
    setup();
    let transport = Canned::new(vec![answer(429, &[("retry-after", "2")], b""), msi_token()]);
    let token = app_service(transport.clone(), true)
        .get_token(SCOPES, None)
        .await
        .expect("a token after the 429");
    assert_eq!(token.token.secret(), ACCESS_TOKEN);
    let seen = transport.seen();
    assert_eq!(seen.len(), 2);
    assert!(seen[0].url.starts_with(IDENTITY_ENDPOINT), "{seen:?}");
    assert!(
        seen[0].headers.iter().any(|h| h == "x-identity-header"),
        "{seen:?}"
    );
}

/// App Service's 400 carries no OAuth `error`: with the policy it is read
/// as App Service's (the identity asked for is not assigned: `fix_config`);
/// without it, the same response (azure_identity keeps it) has nothing to
/// go on but the status, and is `abort`.
#[tokio::test]
async fn app_service_failures_with_and_without_the_policy() {
    setup();
    let cases = [
        (
            answer(
                400,
                &[("content-type", "application/json; charset=utf-8")],
                NOT_LOADED,
            ),
            1,
            (Action::FixConfig, DecidedBy::ManagedIdentity),
            (Action::Abort, DecidedBy::Fallback),
        ),
        (
            answer(500, &[("content-type", "application/json")], SERVER_ERROR),
            3,
            (Action::Retry { after: None }, DecidedBy::Status),
            (Action::Retry { after: None }, DecidedBy::Status),
        ),
    ];
    for (canned, served, with_policy, without_policy) in cases {
        for keep in [true, false] {
            let transport = Canned::new(vec![canned.clone(); served]);
            let err = app_service(transport.clone(), keep)
                .get_token(SCOPES, None)
                .await
                .unwrap_err();
            assert_eq!(transport.seen().len(), served, "{}", canned.status);
            let c = classify(&err);
            let expected = if keep { &with_policy } else { &without_policy };
            assert_eq!(
                (c.action(), c.decided_by()),
                (&expected.0, expected.1),
                "{} keep={keep}: {c}",
                canned.status
            );
            assert_eq!(c.surface(), Surface::Token);
            assert_eq!(
                c.managed_identity(),
                keep.then_some(ManagedIdentitySource::AppService)
            );
            assert_eq!(&raw_of(&err).expect("kept").body()[..], &canned.body[..]);
            // The message App Service sent is never in the classification's line.
            assert!(!c.to_string().contains("Unable to load"), "{c}");
        }
    }
}
