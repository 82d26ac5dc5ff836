//! The answers of Azure's managed identity endpoints (IMDS, App Service,
//! Azure Arc, Service Fabric, Cloud Shell), as `HttpResponse` fixtures in
//! the shapes their documentation gives, with the endpoint declared.

use oauth_triage::{
    classify, Action, DecidedBy, HttpResponse, ManagedIdentitySource as M, Surface,
};
use std::time::Duration;

/// One answer: the endpoint, the status, its headers and its body.
struct Answer {
    source: M,
    status: u16,
    headers: &'static [(&'static str, &'static str)],
    body: &'static str,
}

fn response(a: &Answer) -> HttpResponse<'static> {
    a.headers
        .iter()
        .fold(HttpResponse::new(a.status), |r, (n, v)| r.header(n, *v))
        .body(a.body.as_bytes())
        .managed_identity(a.source)
}

#[track_caller]
fn outcome(a: &Answer) -> (Action<'static>, DecidedBy) {
    let c = classify(response(a));
    (c.action().clone(), c.decided_by())
}

const IMDS_NOT_FOUND: &str =
    r#"{"error":"invalid_request","error_description":"Identity not found"}"#;
const APP_SERVICE_400: &str = r#"{"statusCode":400,"message":"Unable to load the proper Managed Identity.","correlationId":"bf68136a-73f7-4ca4-9903-9ee8af3ab2ee"}"#;
const SF_NOT_FOUND: &str = r#"{"error":{"correlationId":"7f30f4d3-0f3a-41e0-a417-527f21b3848f","code":"ManagedIdentityNotFound","message":"Managed identity not found for the specified application host."}}"#;
const SF_NO_SECRET: &str = r#"{"error":{"correlationId":"7f30f4d3-0f3a-41e0-a417-527f21b3848f","code":"SecretHeaderNotFound","message":"Secret is not found in the request headers."}}"#;
const SF_API_VERSION: &str = r#"{"error":{"correlationId":"7f30f4d3-0f3a-41e0-a417-527f21b3848f","code":"InvalidApiVersion","message":"The api-version '' is not supported. Supported version is '2019-07-01-preview'."}}"#;
const SF_NO_RESOURCE: &str = r#"{"error":{"correlationId":"7f30f4d3-0f3a-41e0-a417-527f21b3848f","code":"ArgumentNullOrEmpty","message":"The parameter 'resource' should not be null or empty string."}}"#;
const SF_INTERNAL: &str = r#"{"error":{"correlationId":"7f30f4d3-0f3a-41e0-a417-527f21b3848f","code":"InternalServerError","message":"An error occurred."}}"#;
const ARC_CHALLENGE_LINUX: &str =
    "Basic realm=/var/opt/azcmagent/tokens/6bc1b9ad-4cbe-4f2f-9a3e-2d0f8e3b7c41.key";
const ARC_CHALLENGE_WINDOWS: &str = r"Basic realm=C:\ProgramData\AzureConnectedMachineAgent\Tokens\6bc1b9ad-4cbe-4f2f-9a3e-2d0f8e3b7c41.key";

/// Every fixture with the action the endpoint's documentation asks for.
fn fixtures() -> Vec<(Answer, Action<'static>, DecidedBy)> {
    let retry = Action::Retry { after: None };
    let a = |source, status, headers, body| Answer {
        source,
        status,
        headers,
        body,
    };
    vec![
        // IMDS: 404, 410, 429 and every 5xx (501 and 505 too) are retried.
        (
            a(M::Imds, 404, &[], ""),
            retry.clone(),
            DecidedBy::ManagedIdentity,
        ),
        (
            a(M::Imds, 404, &[], IMDS_NOT_FOUND),
            retry.clone(),
            DecidedBy::ManagedIdentity,
        ),
        (
            a(M::Imds, 410, &[], ""),
            retry.clone(),
            DecidedBy::ManagedIdentity,
        ),
        (
            a(M::Imds, 429, &[], ""),
            retry.clone(),
            DecidedBy::ManagedIdentity,
        ),
        (
            a(
                M::Imds,
                500,
                &[],
                r#"{"error":"unknown","error_description":"Failed to retrieve token from the Active directory. For details see logs in C:\\WindowsAzure\\Logs\\Plugins\\Microsoft.Identity.MSI\\msi.log"}"#,
            ),
            retry.clone(),
            DecidedBy::ManagedIdentity,
        ),
        (
            a(M::Imds, 501, &[], ""),
            retry.clone(),
            DecidedBy::ManagedIdentity,
        ),
        (
            a(M::Imds, 505, &[], ""),
            retry.clone(),
            DecidedBy::ManagedIdentity,
        ),
        (
            a(
                M::Imds,
                503,
                &[],
                "<html><body>Service Unavailable</body></html>",
            ),
            retry.clone(),
            DecidedBy::ManagedIdentity,
        ),
        // IMDS's own error values.
        (
            a(
                M::Imds,
                400,
                &[],
                r#"{"error":"bad_request_102","error_description":"Required metadata header not specified"}"#,
            ),
            Action::FixRequest,
            DecidedBy::ManagedIdentity,
        ),
        (
            a(
                M::Imds,
                401,
                &[],
                r#"{"error":"unknown_source","error_description":"Unknown Source http://169.254.169.254/metadata/identity/oauth2/tokens"}"#,
            ),
            Action::FixRequest,
            DecidedBy::ManagedIdentity,
        ),
        // IMDS's OAuth values: the general step 8.
        (
            a(
                M::Imds,
                400,
                &[],
                r#"{"error":"invalid_resource","error_description":"AADSTS50001: The application named https://vault.azure.net/ was not found in the tenant named contoso."}"#,
            ),
            Action::FixConfig,
            DecidedBy::Error,
        ),
        (
            a(M::Imds, 400, &[], IMDS_NOT_FOUND),
            Action::FixRequest,
            DecidedBy::Error,
        ),
        (
            a(
                M::Imds,
                400,
                &[],
                r#"{"error":"unauthorized_client","error_description":"The client is not authorized to request an access token using this method."}"#,
            ),
            Action::FixConfig,
            DecidedBy::Error,
        ),
        (
            a(
                M::Imds,
                403,
                &[],
                r#"{"error":"access_denied","error_description":"The resource owner or authorization server denied the request."}"#,
            ),
            Action::Denied,
            DecidedBy::Error,
        ),
        // App Service: a 400 without an OAuth error; throttling and server errors.
        (
            a(
                M::AppService,
                400,
                &[("Content-Type", "application/json; charset=utf-8")],
                APP_SERVICE_400,
            ),
            Action::FixConfig,
            DecidedBy::ManagedIdentity,
        ),
        (
            a(M::AppService, 429, &[], APP_SERVICE_400),
            retry.clone(),
            DecidedBy::Status,
        ),
        (
            a(
                M::AppService,
                500,
                &[],
                r#"{"statusCode":500,"message":"An unexpected error occured while fetching the AAD Token.","correlationId":"8a1d4e9c-2b7f-4c3a-9e5d-6f0a1b2c3d4e"}"#,
            ),
            retry.clone(),
            DecidedBy::Status,
        ),
        // App Service passes Entra's OAuth errors through: the general steps.
        (
            a(
                M::AppService,
                400,
                &[],
                r#"{"error":"invalid_resource","error_codes":[500011]}"#,
            ),
            Action::FixConfig,
            DecidedBy::Catalog(500011.into()),
        ),
        // Azure Arc: the key file handshake, Linux and Windows paths.
        (
            a(
                M::AzureArc,
                401,
                &[("WWW-Authenticate", ARC_CHALLENGE_LINUX)],
                "",
            ),
            Action::Renew,
            DecidedBy::ManagedIdentity,
        ),
        (
            a(
                M::AzureArc,
                401,
                &[("WWW-Authenticate", ARC_CHALLENGE_WINDOWS)],
                "",
            ),
            Action::Renew,
            DecidedBy::ManagedIdentity,
        ),
        // A 401 without the challenge is no handshake.
        (
            a(M::AzureArc, 401, &[], ""),
            Action::Abort,
            DecidedBy::Fallback,
        ),
        (
            a(M::AzureArc, 503, &[], ""),
            retry.clone(),
            DecidedBy::Status,
        ),
        // Service Fabric.
        (
            a(M::ServiceFabric, 404, &[], ""),
            Action::FixConfig,
            DecidedBy::ManagedIdentity,
        ),
        (
            a(M::ServiceFabric, 400, &[], SF_NOT_FOUND),
            Action::FixConfig,
            DecidedBy::ManagedIdentity,
        ),
        (
            a(M::ServiceFabric, 401, &[], SF_NO_SECRET),
            Action::FixRequest,
            DecidedBy::ManagedIdentity,
        ),
        (
            a(M::ServiceFabric, 400, &[], SF_API_VERSION),
            Action::FixRequest,
            DecidedBy::ManagedIdentity,
        ),
        (
            a(M::ServiceFabric, 400, &[], SF_NO_RESOURCE),
            Action::FixRequest,
            DecidedBy::ManagedIdentity,
        ),
        (
            a(M::ServiceFabric, 500, &[], SF_INTERNAL),
            retry.clone(),
            DecidedBy::Status,
        ),
        (
            a(M::ServiceFabric, 429, &[], ""),
            retry.clone(),
            DecidedBy::Status,
        ),
        // Cloud Shell answers as Entra does.
        (
            a(
                M::CloudShell,
                400,
                &[],
                r#"{"error":"invalid_request","error_description":"Required audience parameter not specified"}"#,
            ),
            Action::FixRequest,
            DecidedBy::Error,
        ),
        (a(M::CloudShell, 503, &[], ""), retry, DecidedBy::Status),
    ]
}

#[test]
fn every_endpoint_answer_gets_its_documented_action() {
    for (answer, action, decided_by) in fixtures() {
        assert_eq!(
            outcome(&answer),
            (action, decided_by),
            "{} {} {}",
            answer.source,
            answer.status,
            answer.body
        );
    }
}

#[test]
fn the_endpoint_is_recorded_and_the_surface_is_the_token_endpoint() {
    for (answer, _, _) in fixtures() {
        let c = classify(response(&answer));
        assert_eq!(c.managed_identity(), Some(answer.source));
        assert_eq!(c.surface(), Surface::Token);
    }
}

/// The golden rule on these endpoints: their free text (IMDS's
/// `error_description`, App Service's and Service Fabric's `message`) never
/// decides. Each body is classified as it came, with the text replaced by
/// another, and with it removed.
#[test]
fn descriptions_and_messages_never_decide() {
    let replace = |body: &str, text: &str| -> String {
        let mut value: serde_json::Value = serde_json::from_str(body).unwrap();
        fn walk(v: &mut serde_json::Value, text: &str) {
            if let Some(map) = v.as_object_mut() {
                for key in ["error_description", "message"] {
                    if map.contains_key(key) {
                        if text.is_empty() {
                            map.remove(key);
                        } else {
                            map.insert(key.into(), text.into());
                        }
                    }
                }
                for child in map.values_mut() {
                    walk(child, text);
                }
            }
        }
        walk(&mut value, text);
        value.to_string()
    };
    let mut checked = 0;
    for (answer, action, decided_by) in fixtures() {
        if !answer.body.starts_with('{') {
            continue;
        }
        for text in [
            "",
            "Retry later: the service is busy.",
            "AADSTS50076: multi-factor authentication required",
            "Identity not found",
        ] {
            let body: &'static str = Box::leak(replace(answer.body, text).into_boxed_str());
            let changed = Answer { body, ..answer };
            assert_eq!(
                outcome(&changed),
                (action.clone(), decided_by),
                "{} {} {body}",
                changed.source,
                changed.status
            );
        }
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} bodies with text");
}

#[test]
fn imds_retries_honour_the_servers_delay() {
    let response = HttpResponse::new(429)
        .header("Retry-After", "5")
        .managed_identity(M::Imds);
    assert_eq!(
        classify(&response).action(),
        &Action::Retry {
            after: Some(Duration::from_secs(5))
        }
    );
    let response = HttpResponse::new(410)
        .header("x-ms-retry-after-ms", "2500")
        .managed_identity(M::Imds);
    assert_eq!(
        classify(&response).retry_after(),
        Some(Duration::from_millis(2500))
    );
}

/// The general rule for 404, 410, 501 and 505 stays as it was for every
/// other server, and for the other managed identity endpoints.
#[test]
fn imds_rules_apply_to_imds_only() {
    for status in [404, 410] {
        assert_eq!(classify(HttpResponse::new(status)).action(), &Action::Abort);
        assert_eq!(
            classify(HttpResponse::new(status).managed_identity(M::AppService)).action(),
            &Action::Abort
        );
    }
    for status in [501, 505] {
        assert_eq!(
            classify(HttpResponse::new(status)).action(),
            &Action::FixRequest
        );
        assert_eq!(
            classify(HttpResponse::new(status).managed_identity(M::CloudShell)).action(),
            &Action::FixRequest
        );
        assert_eq!(
            classify(HttpResponse::new(status).managed_identity(M::Imds)).action(),
            &Action::Retry { after: None }
        );
    }
}

#[test]
fn a_basic_challenge_elsewhere_is_no_handshake() {
    // The same challenge from an endpoint that is not Azure Arc's.
    let response = HttpResponse::new(401)
        .header("WWW-Authenticate", ARC_CHALLENGE_LINUX)
        .managed_identity(M::Imds);
    assert_eq!(classify(&response).action(), &Action::Abort);
    // A `Basic` challenge without a realm is not Arc's either.
    let response = HttpResponse::new(401)
        .header("WWW-Authenticate", "Basic charset=\"UTF-8\"")
        .managed_identity(M::AzureArc);
    assert_eq!(classify(&response).action(), &Action::Abort);
}

#[test]
fn log_lines_name_the_endpoint_and_no_path() {
    let response = HttpResponse::new(401)
        .header("WWW-Authenticate", ARC_CHALLENGE_LINUX)
        .managed_identity(M::AzureArc);
    let c = classify(&response);
    let line = c.to_string();
    assert!(
        line.starts_with("renew (decided by managed_identity; status 401"),
        "{line}"
    );
    assert!(line.ends_with("; managed_identity azure_arc)"), "{line}");
    for shown in [line, format!("{c:?}"), format!("{response:?}")] {
        assert!(!shown.contains("azcmagent"), "{shown}");
    }
    let c = classify(response_of(M::AppService, 400, APP_SERVICE_400));
    let shown = format!("{c} {c:?}");
    assert!(!shown.contains("Unable to load"), "{shown}");
}

fn response_of(source: M, status: u16, body: &'static str) -> HttpResponse<'static> {
    HttpResponse::new(status)
        .body(body.as_bytes())
        .managed_identity(source)
}

#[test]
fn names() {
    let names: Vec<&str> = [
        M::Imds,
        M::AppService,
        M::AzureArc,
        M::ServiceFabric,
        M::CloudShell,
    ]
    .iter()
    .map(|s| s.as_str())
    .collect();
    assert_eq!(
        names,
        [
            "imds",
            "app_service",
            "azure_arc",
            "service_fabric",
            "cloud_shell"
        ]
    );
    assert_eq!(M::ServiceFabric.to_string(), "service_fabric");
    assert_eq!(DecidedBy::ManagedIdentity.to_string(), "managed_identity");
}
