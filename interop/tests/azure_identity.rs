//! azure_identity 1's `ClientSecretCredential` and `ManagedIdentityCredential`
//! (IMDS) against real-shaped Entra and IMDS answers, served by a transport
//! of the tests' own (azure_identity refuses an http authority host, so no
//! loopback server can stand in for Entra), with and without
//! `oauth_triage::azure::KeepResponses`.
//!
//! With the policy every failure classifies from the whole answer; without
//! it, what azure_identity keeps still classifies, and what it drops (an
//! HTML page, an empty body, a truncated body) is recorded here.
//! (App Service is in `azure_app_service.rs`: it is chosen by environment
//! variables, which IMDS must not see.)

mod azure_support;

use std::time::Duration;

use azure_core::credentials::TokenCredential;
use azure_core::error::ErrorKind;
use azure_identity::{
    ClientSecretCredential, ClientSecretCredentialOptions, ManagedIdentityCredential,
    ManagedIdentityCredentialOptions,
};
use azure_support::{
    answer, entra_token, msi_token, options, raw_of, setup, sleeps, Answer, Canned, ACCESS_TOKEN,
    SCOPES,
};
use oauth_triage::{classify, Action, DecidedBy, ManagedIdentitySource, ParseError, Surface};

const TENANT: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT_ID: &str = "3f1a6b0e-1d2c-4e5f-8a9b-0c1d2e3f4a5b";

const INVALID_CLIENT: &[u8] = br#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '3f1a6b0e-1d2c-4e5f-8a9b-0c1d2e3f4a5b'. Trace ID: 0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9 Correlation ID: 5f6e7d8c-9b0a-4c1d-8e2f-3a4b5c6d7e8f Timestamp: 2025-04-04 21:10:04Z","error_codes":[7000215],"timestamp":"2025-04-04 21:10:04Z","trace_id":"0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9","correlation_id":"5f6e7d8c-9b0a-4c1d-8e2f-3a4b5c6d7e8f","error_uri":"https://login.microsoftonline.com/error?code=7000215"}"#;
const THROTTLED: &[u8] = br#"{"error":"temporarily_unavailable","error_description":"AADSTS50196: The server terminated an operation because it encountered a client request loop.","error_codes":[50196],"trace_id":"1b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0","correlation_id":"6e7d8c9b-0a1b-4c2d-9e3f-4a5b6c7d8e9f"}"#;
const STEP_UP: &[u8] = br#"{"error":"invalid_grant","error_description":"AADSTS53003: Access has been blocked by Conditional Access policies.","error_codes":[50076],"suberror":"basic_action","claims":"{\"access_token\":{\"capolids\":{\"essential\":true,\"values\":[\"c1\"]}}}","trace_id":"2c3d4e5f-6071-4283-94a5-b6c7d8e9f0a1"}"#;
const HTML_503: &[u8] = b"<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request.</p></body></html>";
const TRUNCATED: &[u8] = br#"{"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired","error_co"#;
const CHALLENGE: &str = r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_client""#;

fn client_secret(
    transport: std::sync::Arc<Canned>,
    keep: bool,
) -> std::sync::Arc<ClientSecretCredential> {
    ClientSecretCredential::new(
        TENANT,
        CLIENT_ID.to_owned(),
        "not-a-real-secret".into(),
        Some(ClientSecretCredentialOptions {
            client_options: options(transport, keep),
        }),
    )
    .expect("a valid credential")
}

fn imds(
    transport: std::sync::Arc<Canned>,
    keep: bool,
) -> std::sync::Arc<ManagedIdentityCredential> {
    assert!(
        std::env::var_os("IDENTITY_ENDPOINT").is_none()
            && std::env::var_os("MSI_ENDPOINT").is_none(),
        "these tests expect IMDS: no managed identity environment variables"
    );
    ManagedIdentityCredential::new(Some(ManagedIdentityCredentialOptions {
        client_options: options(transport, keep),
        ..Default::default()
    }))
    .expect("a valid credential")
}

/// One Entra failure: the answer (served as often as azure_core asks), what
/// it classifies as, and how many requests azure_core sends for it.
struct Failure {
    name: &'static str,
    answer: Answer,
    action: Action<'static>,
    requests: usize,
    /// azure_identity 1.0 can parse the body (JSON), and keeps the response.
    kept_without_policy: bool,
}

fn entra_failures() -> Vec<Failure> {
    vec![
        Failure {
            name: "invalid_client JSON",
            answer: answer(
                401,
                &[("content-type", "application/json; charset=utf-8")],
                INVALID_CLIENT,
            ),
            action: Action::FixCredentials,
            requests: 1,
            kept_without_policy: true,
        },
        Failure {
            name: "429 with Retry-After, past azure_core's retries",
            answer: answer(
                429,
                &[("retry-after", "7"), ("content-type", "application/json")],
                THROTTLED,
            ),
            action: Action::Retry {
                after: Some(Duration::from_secs(7)),
            },
            requests: 3,
            kept_without_policy: true,
        },
        Failure {
            name: "step-up claims JSON",
            answer: answer(400, &[("content-type", "application/json")], STEP_UP),
            action: Action::StepUp({
                let mut step_up = oauth_triage::StepUp::default();
                step_up.claims = Some(
                    r#"{"access_token":{"capolids":{"essential":true,"values":["c1"]}}}"#.into(),
                );
                step_up
            }),
            requests: 1,
            kept_without_policy: true,
        },
        Failure {
            name: "503 HTML page from a proxy",
            answer: answer(503, &[("content-type", "text/html")], HTML_503),
            action: Action::Retry { after: None },
            requests: 3,
            kept_without_policy: false,
        },
        Failure {
            name: "empty 401 with a challenge",
            answer: answer(401, &[("www-authenticate", CHALLENGE)], b""),
            action: Action::FixCredentials,
            requests: 1,
            kept_without_policy: false,
        },
        Failure {
            name: "truncated JSON",
            answer: answer(400, &[("content-type", "application/json")], TRUNCATED),
            action: Action::Abort,
            requests: 1,
            kept_without_policy: false,
        },
    ]
}

#[tokio::test]
async fn a_throttled_token_request_still_succeeds_with_the_policy() {
    setup();
    let transport = Canned::new(vec![
        answer(
            429,
            &[("retry-after", "7"), ("content-type", "application/json")],
            THROTTLED,
        ),
        entra_token(),
    ]);
    let credential = client_secret(transport.clone(), true);
    let token = credential
        .get_token(SCOPES, None)
        .await
        .expect("a token after the 429");
    assert_eq!(token.token.secret(), ACCESS_TOKEN);
    let seen = transport.seen();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(
        seen[0]
            .url
            .ends_with(&format!("/{TENANT}/oauth2/v2.0/token")),
        "{seen:?}"
    );
    // azure_core waited what Entra asked for before the second request.
    assert_eq!(sleeps(), [Duration::from_secs(7)]);
}

#[tokio::test]
async fn with_the_policy_every_failure_classifies_whole() {
    setup();
    for failure in entra_failures() {
        let transport = Canned::new(vec![failure.answer.clone(); 3]);
        let credential = client_secret(transport.clone(), true);
        let err = credential.get_token(SCOPES, None).await.unwrap_err();
        assert_eq!(*err.kind(), ErrorKind::Credential, "{}", failure.name);
        let c = classify(&err);
        assert_eq!(c.action(), &failure.action, "{}: {c}", failure.name);
        assert_eq!(c.status(), Some(failure.answer.status), "{}", failure.name);
        assert_eq!(c.surface(), Surface::Token, "{}", failure.name);
        assert_eq!(transport.seen().len(), failure.requests, "{}", failure.name);
        // Nothing lost: the raw response is the one served, headers and all.
        let raw = raw_of(&err).unwrap_or_else(|| panic!("{}: no response kept", failure.name));
        assert_eq!(
            &raw.body()[..],
            &failure.answer.body[..],
            "{}",
            failure.name
        );
        for (name, value) in &failure.answer.headers {
            assert_eq!(
                raw.headers().get_optional_str(&(*name).into()),
                Some(value.as_str()),
                "{}",
                failure.name
            );
        }
        // azure_identity's message carries the kept answer's log-safe line.
        let message = err.to_string();
        assert!(
            message.starts_with("ClientSecretCredential authentication failed. the token endpoint answered with HTTP status"),
            "{message}"
        );
        assert!(!message.contains("Invalid client secret"), "{message}");
    }
}

#[tokio::test]
async fn specific_signals_survive_the_policy() {
    setup();
    let transport = Canned::new(vec![answer(401, &[], INVALID_CLIENT)]);
    let err = client_secret(transport, true)
        .get_token(SCOPES, None)
        .await
        .unwrap_err();
    let c = classify(&err);
    assert_eq!(c.codes(), &[7000215]);
    assert_eq!(c.trace_id(), Some("0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9"));
    assert_eq!(
        c.correlation_id(),
        Some("5f6e7d8c-9b0a-4c1d-8e2f-3a4b5c6d7e8f")
    );

    let transport = Canned::new(vec![answer(503, &[], HTML_503); 3]);
    let err = client_secret(transport, true)
        .get_token(SCOPES, None)
        .await
        .unwrap_err();
    assert_eq!(classify(&err).parse_error(), Some(&ParseError::Html));

    let transport = Canned::new(vec![answer(401, &[("www-authenticate", CHALLENGE)], b"")]);
    let err = client_secret(transport, true)
        .get_token(SCOPES, None)
        .await
        .unwrap_err();
    let c = classify(&err);
    // The token endpoint's challenge names the error; the surface stays the token endpoint's.
    assert_eq!(
        (c.action(), c.decided_by()),
        (&Action::FixCredentials, DecidedBy::Error)
    );
}

/// Without the policy: the JSON failures still classify as with it, from
/// the response azure_identity keeps; the HTML page, the empty body and the
/// truncated body come back as `DataConversion` errors with no response,
/// and classify as `abort` by `fallback`, with no status.
#[tokio::test]
async fn without_the_policy_json_classifies_and_the_rest_is_dropped() {
    setup();
    let mut dropped = Vec::new();
    for failure in entra_failures() {
        let transport = Canned::new(vec![failure.answer.clone(); 3]);
        let credential = client_secret(transport.clone(), false);
        let err = credential.get_token(SCOPES, None).await.unwrap_err();
        let c = classify(&err);
        assert_eq!(transport.seen().len(), failure.requests, "{}", failure.name);
        if failure.kept_without_policy {
            assert_eq!(c.action(), &failure.action, "{}: {c}", failure.name);
            assert_eq!(c.status(), Some(failure.answer.status));
            assert_eq!(&raw_of(&err).unwrap().body()[..], &failure.answer.body[..]);
        } else {
            assert!(raw_of(&err).is_none(), "{}: kept after all", failure.name);
            let inner = err
                .downcast_ref::<azure_core::Error>()
                .expect("azure_identity wraps the error");
            assert_eq!(*inner.kind(), ErrorKind::DataConversion, "{}", failure.name);
            assert_eq!(
                (c.action(), c.decided_by(), c.status()),
                (&Action::Abort, DecidedBy::Fallback, None),
                "{}",
                failure.name
            );
            dropped.push(failure.name);
        }
    }
    assert_eq!(
        dropped,
        [
            "503 HTML page from a proxy",
            "empty 401 with a challenge",
            "truncated JSON"
        ]
    );
}

#[tokio::test]
async fn a_connection_failure_is_a_transport_failure() {
    setup();
    // No answer at all: the transport fails every time with an I/O error,
    // which azure_core retries.
    let transport = Canned::new(Vec::new());
    let err = client_secret(transport.clone(), true)
        .get_token(SCOPES, None)
        .await
        .unwrap_err();
    let c = classify(&err);
    assert_eq!(
        (c.action(), c.decided_by()),
        (&Action::Retry { after: None }, DecidedBy::Transport)
    );
    assert_eq!(transport.seen().len(), 3);
}

#[tokio::test]
async fn imds_410_then_a_token_succeeds_with_the_policy() {
    setup();
    let transport = Canned::new(vec![
        answer(410, &[], b""),
        answer(410, &[], b""),
        msi_token(),
    ]);
    let credential = imds(transport.clone(), true);
    let token = credential
        .get_token(SCOPES, None)
        .await
        .expect("a token after IMDS's upgrade");
    assert_eq!(token.token.secret(), ACCESS_TOKEN);
    let seen = transport.seen();
    assert_eq!(seen.len(), 3);
    assert!(
        seen[0]
            .url
            .starts_with("http://169.254.169.254/metadata/identity/oauth2/token?"),
        "{seen:?}"
    );
    assert!(seen[0].headers.iter().any(|h| h == "metadata"), "{seen:?}");
    // azure_identity's IMDS retries start at 1.34 s.
    let waited = sleeps();
    assert_eq!(waited.len(), 2, "{waited:?}");
    assert!(
        waited.iter().all(|d| *d >= Duration::from_millis(1000)),
        "{waited:?}"
    );
}

/// IMDS failures, with and without the policy: azure_identity's IMDS
/// credential keeps every failed response, so both classify; the policy
/// adds which endpoint answered, and with it IMDS's own rules.
#[tokio::test]
async fn imds_failures_with_and_without_the_policy() {
    setup();
    // (answer, served, action with the policy, action without)
    let cases: Vec<(Answer, usize, Action<'static>, Action<'static>)> = vec![
        // IMDS is being upgraded: retried by azure_identity (6 retries), then
        // IMDS's rule says retry again; the general rule does not know 410.
        (answer(410, &[], b""), 7, Action::Retry { after: None }, Action::Abort),
        // 501 is on IMDS's retry list; elsewhere it is a request to fix.
        (answer(501, &[], b""), 7, Action::Retry { after: None }, Action::FixRequest),
        (answer(503, &[("content-type", "text/html")], HTML_503), 7, Action::Retry { after: None }, Action::Retry { after: None }),
        (
            answer(400, &[("content-type", "application/json")], br#"{"error":"invalid_request","error_description":"Identity not found"}"#),
            1,
            Action::FixRequest,
            Action::FixRequest,
        ),
        // IMDS's own value: the Metadata header was missing.
        (
            answer(400, &[("content-type", "application/json")], br#"{"error":"bad_request_102","error_description":"Required metadata header not specified"}"#),
            1,
            Action::FixRequest,
            Action::Abort,
        ),
        (
            answer(400, &[("content-type", "application/json")], br#"{"error":"invalid_resource","error_description":"AADSTS500011: The resource principal named https://vault.azure.net was not found in the tenant named Contoso."}"#),
            1,
            Action::FixConfig,
            Action::FixConfig,
        ),
    ];
    for (canned, served, with_policy, without_policy) in cases {
        for keep in [true, false] {
            let transport = Canned::new(vec![canned.clone(); served]);
            let err = imds(transport.clone(), keep)
                .get_token(SCOPES, None)
                .await
                .unwrap_err();
            assert_eq!(transport.left(), 0, "{} keep={keep}", canned.status);
            assert_eq!(
                transport.seen().len(),
                served,
                "{} keep={keep}",
                canned.status
            );
            let c = classify(&err);
            let expected = if keep { &with_policy } else { &without_policy };
            assert_eq!(c.action(), expected, "{} keep={keep}: {c}", canned.status);
            assert_eq!(c.status(), Some(canned.status));
            assert_eq!(
                c.managed_identity(),
                keep.then_some(ManagedIdentitySource::Imds),
                "{}",
                canned.status
            );
            assert_eq!(&raw_of(&err).expect("kept").body()[..], &canned.body[..]);
        }
    }
}
