//! What other providers send: their own `error` values, the surface rules,
//! the shapes that are not RFC 6749 §5.2, the provider hint and the
//! caller's overrides. Every body here is a small one of our own, shaped as
//! the providers' documentation and public reports show.

use std::time::Duration;

use oauth_triage::{
    classify, classify_with, Action, Api, Callback, Challenges, DecidedBy, ErrorName,
    ExpectedCallback, HttpResponse, ParseError, Provider, ResourceError, Rules, StepUp, Surface,
    TokenError,
};

mod common;

use common::{http, token};

const RETRY: Action<'static> = Action::Retry { after: None };

/// The action of a redirect.
fn redirect(uri: &str) -> (Action<'static>, DecidedBy) {
    let callback = Callback::from_redirect_uri(uri).unwrap_or_else(|e| panic!("{uri}: {e}"));
    // The state is not what these tests are about.
    let verified = callback
        .check(&ExpectedCallback::state_not_checked())
        .unwrap();
    let c = classify(verified.error().expect("an error callback"));
    (c.action().clone().into_owned(), c.decided_by())
}

/// The action of a resource's challenge.
fn challenge(value: &str) -> (Action<'static>, DecidedBy) {
    let challenges = Challenges::parse(value).unwrap_or_else(|e| panic!("{value}: {e}"));
    let c = classify(&challenges);
    (c.action().clone().into_owned(), c.decided_by())
}

/// The issue's table: small inputs that must come out right.
#[test]
fn small_inputs_come_out_right() {
    assert_eq!(
        redirect("https://app.example/cb?error=redirect_uri_mismatch&state=s").0,
        Action::FixConfig
    );
    let github = "error=incorrect_client_credentials&error_description=x&error_uri=https%3A%2F%2Fdocs.example";
    assert_eq!(http(200, &[], github).0, Action::FixCredentials);
    let step_up = http(
        403,
        &[],
        r#"{"error":"mfa_required","mfa_token":"Fe26.2*x"}"#,
    )
    .0;
    assert_eq!(step_up.name(), "step_up");
    match step_up {
        Action::StepUp(StepUp { mfa_token, .. }) => {
            assert_eq!(mfa_token.as_deref(), Some("Fe26.2*x"));
        }
        other => panic!("{other}"),
    }
    let at_token = token(r#"{"error":"invalid_token","error_description":"x"}"#);
    assert_ne!(at_token.0, Action::Renew);
    assert_eq!(at_token, (Action::Abort, DecidedBy::Error));
    assert_eq!(
        redirect("https://app.example/cb?error=unsupported_response_mode&state=s&iss=https%3A%2F%2Fop.example").0,
        Action::FixConfig
    );
}

/// Every provider value of step 8, one small body each, on the surface the
/// provider sends it: (value, action).
const TOKEN_VALUES: &[(&str, Action<'static>)] = &[
    // Microsoft Entra ID admin consent.
    ("permission_denied", Action::Denied),
    // Google.
    ("admin_policy_enforced", Action::Denied),
    ("access_not_configured", Action::Denied),
    ("org_internal", Action::FixConfig),
    ("disallowed_useragent", Action::FixRequest),
    ("policy_enforced", Action::Denied),
    ("deleted_client", Action::FixConfig),
    ("internal_failure", RETRY),
    // GitHub.
    ("bad_verification_code", Action::Reauthenticate),
    ("incorrect_client_credentials", Action::FixCredentials),
    ("redirect_uri_mismatch", Action::FixConfig),
    ("application_suspended", Action::Abort),
    ("unverified_user_email", Action::Denied),
    ("bad_refresh_token", Action::Reauthenticate),
    ("device_flow_disabled", Action::FixConfig),
    ("incorrect_device_code", Action::Abort),
    // Auth0.
    ("mfa_registration_required", Action::Reauthenticate),
    ("unsupported_challenge_type", Action::Reauthenticate),
    ("mfa_invalid_code", Action::Reauthenticate),
    ("invalid_user_password", Action::Reauthenticate),
    ("too_many_attempts", Action::Denied),
    ("blocked_user", Action::Denied),
    ("password_leaked", Action::Denied),
    ("requires_verification", Action::Reauthenticate),
    ("unauthorized", Action::Denied),
    // Keycloak.
    ("unknown_error", RETRY),
    // Cognito, Apple, LinkedIn.
    ("redirect_mismatch", Action::FixConfig),
    ("user_cancelled_authorize", Action::Denied),
    ("user_cancelled_login", Action::Denied),
    ("unauthorized_scope_error", Action::FixConfig),
    // Salesforce.
    ("invalid_client_id", Action::FixConfig),
    ("access-denied", Action::Denied),
    ("inactive_org", Action::Denied),
    ("inactive_user", Action::Denied),
    ("rate_limit_exceeded", RETRY),
    ("invalid_app_access", Action::FixConfig),
    ("immediate_unsuccessful", Action::Reauthenticate),
    ("redirect_uri_missing", Action::FixRequest),
    // Slack.
    ("bad_client_secret", Action::FixCredentials),
    ("invalid_code", Action::Reauthenticate),
    ("bad_redirect_uri", Action::FixConfig),
    ("oauth_authorization_url_mismatch", Action::FixRequest),
    ("invalid_grant_type", Action::FixRequest),
    ("invalid_refresh_token", Action::Reauthenticate),
    ("token_rotation_not_enabled", Action::FixConfig),
    ("token_already_exchanged", Action::Abort),
    ("authorization_not_found", Action::Reauthenticate),
    ("missing_scope", Action::Consent),
    ("token_expired", Action::Reauthenticate),
    ("invalid_auth", Action::Reauthenticate),
    ("token_revoked", Action::Reauthenticate),
    ("account_inactive", Action::Denied),
    ("team_disabled", Action::Denied),
    ("user_removed_from_team", Action::Denied),
    ("org_login_required", Action::Reauthenticate),
    ("ekm_access_denied", Action::Denied),
    ("no_permission", Action::Denied),
    ("ratelimited", RETRY),
    ("internal_error", RETRY),
    ("fatal_error", RETRY),
    ("service_unavailable", RETRY),
    ("request_timeout", RETRY),
    // Yahoo.
    ("INVALID_REFRESH_TOKEN", Action::Reauthenticate),
    ("INVALID_INPUT", Action::FixRequest),
    // WSO2, IBM, FAPI, Nimbus, OpenID Federation, PayPal.
    ("invalid_callback", Action::FixConfig),
    ("mapping_error", Action::Abort),
    ("invalid_grant_id", Action::FixRequest),
    ("overbroad_scope", Action::FixRequest),
    ("missing_trust_anchor", Action::FixConfig),
    ("validation_failed", Action::FixConfig),
    ("trust_chain_validation_failed", Action::FixConfig),
    ("invalid_subject", Action::FixConfig),
    // Ory Hydra / fosite.
    ("invalid_state", Action::FixRequest),
    ("insufficient_entropy", Action::FixRequest),
    ("request_forbidden", Action::Abort),
    ("jti_known", Action::FixRequest),
    // Gluu / Janssen.
    ("disabled_client", Action::FixConfig),
    ("retry", RETRY),
    ("authentication_session_invalid", Action::Reauthenticate),
    ("invalid_authentication_method", Action::Abort),
    ("user_mismatched", Action::Reauthenticate),
    ("session_selection_required", Action::Reauthenticate),
    ("invalid_request_redirect_uri", Action::FixConfig),
    // FusionAuth, NeoDay, thephpleague, Doorkeeper, Casdoor.
    ("change_password_required", Action::Reauthenticate),
    ("not_licensed", Action::Abort),
    ("password_change_required", Action::Reauthenticate),
    ("invalid_credentials", Action::Reauthenticate),
    ("invalid_code_challenge_method", Action::FixRequest),
    ("endpoint_error", Action::Abort),
    // node-oidc-provider.
    ("unsupported_response_mode", Action::FixConfig),
    ("web_message_uri_mismatch", Action::FixConfig),
];

#[test]
fn every_provider_value_has_its_action() {
    for (value, action) in TOKEN_VALUES {
        let body = format!(r#"{{"error":"{value}","error_description":"x"}}"#);
        let err = TokenError::from_json(body.as_bytes()).unwrap();
        assert!(
            !matches!(err.error(), ErrorName::Other(_)),
            "{value} is not recognized"
        );
        assert_eq!(err.error().as_str(), *value);
        assert_eq!(token(&body), (action.clone(), DecidedBy::Error), "{value}");
    }
    // The step-ups and DPoP values decide through their own rules.
    assert_eq!(token(r#"{"error":"mfa_required"}"#).0.name(), "step_up");
    assert_eq!(
        token(r#"{"error":"two_factor_required","two_factor_id":"x"}"#)
            .0
            .name(),
        "step_up"
    );
    assert_eq!(
        http(
            400,
            &[("DPoP-Nonce", "n-1")],
            r#"{"error":"use_new_dpop_nonce"}"#
        ),
        (Action::RetryWithNonce, DecidedBy::Dpop)
    );
}

/// Every recognized value of the vocabulary is either decided at step 8 in
/// a token body or deliberately left to the fallback; the list of the
/// latter is short (the last four are a resource's values).
#[test]
fn every_known_value_is_decided_or_listed() {
    let left_to_fallback = [
        "unmet_authentication_requirements",
        "unsupported_token_type",
        "not_authed",
        "request_unauthorized",
        "missing_authorization",
        "missing_token",
    ];
    for known in ErrorName::KNOWN {
        let body = format!(r#"{{"error":"{}"}}"#, known.as_str());
        let (action, decided_by) = token(&body);
        if left_to_fallback.contains(&known.as_str()) {
            assert_eq!((action, decided_by), (Action::Abort, DecidedBy::Fallback));
        } else {
            assert_ne!(decided_by, DecidedBy::Fallback, "{known}");
        }
    }
}

/// Values that mean "renew" at a resource never renew at the token endpoint.
#[test]
fn surface_rules() {
    for value in [
        "invalid_token",
        "expired_token",
        "token_expired",
        "not_authed",
        "unauthorized",
        "request_unauthorized",
    ] {
        let (at_resource, _) = challenge(&format!(r#"Bearer error="{value}""#));
        assert_eq!(at_resource, Action::Renew, "{value} at a resource");
        let (at_token, _) = token(&format!(r#"{{"error":"{value}"}}"#));
        assert_ne!(at_token, Action::Renew, "{value} at the token endpoint");
        let (in_redirect, _) = redirect(&format!("https://app.example/cb?error={value}&state=s"));
        assert_ne!(in_redirect, Action::Renew, "{value} in a redirect");
    }
    // One meaning per surface for `expired_token`.
    assert_eq!(
        token(r#"{"error":"expired_token"}"#).0,
        Action::Reauthenticate
    );
    assert_eq!(
        challenge(r#"Bearer error="expired_token""#).0,
        Action::Renew
    );
    assert_eq!(
        redirect("https://app.example/cb?error=expired_token&state=s").0,
        Action::Reauthenticate
    );
    // A whole response: the challenge makes it a resource's answer.
    assert_eq!(
        http(
            401,
            &[("WWW-Authenticate", r#"Bearer error="invalid_token""#)],
            ""
        ),
        (Action::Renew, DecidedBy::Error)
    );
    assert_eq!(
        http(400, &[], r#"{"error":"invalid_token"}"#),
        (Action::Abort, DecidedBy::Error)
    );
}

#[test]
fn github_slow_down_carries_its_interval() {
    let interval = Some(Duration::from_secs(10));
    assert_eq!(
        http(
            200,
            &[],
            r#"{"error":"slow_down","error_description":"Too many requests have been made in the same timeframe.","error_uri":"https://docs.github.com","interval":10}"#
        ),
        (Action::SlowDown { interval }, DecidedBy::Polling)
    );
    assert_eq!(
        http(
            200,
            &[],
            "error=slow_down&error_description=Too+many+requests&interval=10"
        ),
        (Action::SlowDown { interval }, DecidedBy::Polling)
    );
    // Without `interval`, RFC 8628's 5 seconds more.
    assert_eq!(
        token(r#"{"error":"slow_down"}"#),
        (Action::SlowDown { interval: None }, DecidedBy::Polling)
    );
    // A value that is no whole number of seconds is ignored.
    for odd in ["-5", "1.5", "\"ten\"", "null", "99999999999999999999999"] {
        let body = format!(r#"{{"error":"slow_down","interval":{odd}}}"#);
        assert_eq!(token(&body).0, Action::SlowDown { interval: None }, "{odd}");
    }
    assert_eq!(
        Action::SlowDown { interval }.to_string(),
        "slow_down to 10s"
    );
}

#[test]
fn google_error_subtype_decides() {
    for subtype in ["invalid_rapt", "rapt_required"] {
        let body = format!(
            r#"{{"error":"invalid_grant","error_description":"reauth related error","error_uri":"https://support.google.com/a/answer/9368756","error_subtype":"{subtype}"}}"#
        );
        assert_eq!(
            token(&body),
            (Action::Reauthenticate, DecidedBy::Suberror),
            "{subtype}"
        );
    }
    // It decides before a caller's override of `invalid_grant`.
    let policy = Rules::new().error("invalid_grant", Action::FixCredentials);
    let err = TokenError::from_json(br#"{"error":"invalid_grant","error_subtype":"invalid_rapt"}"#)
        .unwrap();
    assert_eq!(
        classify_with(&err, &policy).action(),
        &Action::Reauthenticate
    );
    // Entra's `suberror` comes first when both are there.
    let both = TokenError::from_json(br#"{"error":"invalid_grant","suberror":"consent_required","error_subtype":"invalid_rapt"}"#).unwrap();
    assert_eq!(classify(&both).action(), &Action::Consent);
}

#[test]
fn github_form_bodies() {
    let body = b"error=bad_verification_code&error_description=The+code+passed+is+incorrect+or+expired.&error_uri=https%3A%2F%2Fdocs.github.com%2Fapps%2Fmanaging-oauth-apps";
    let err = TokenError::from_form(body).unwrap();
    assert_eq!(err.error(), &ErrorName::BadVerificationCode);
    assert_eq!(
        err.description(),
        Some("The code passed is incorrect or expired.")
    );
    assert_eq!(
        err.error_uri(),
        Some("https://docs.github.com/apps/managing-oauth-apps")
    );
    // Serialized, it is the JSON body the server would have sent.
    let json =
        serde_json::to_string(&TokenError::from_form(b"error=slow_down&interval=5").unwrap())
            .unwrap();
    assert_eq!(json, r#"{"error":"slow_down","interval":"5"}"#);
    // Read by content type, by shape, with any status.
    for status in [200, 400, 401] {
        assert_eq!(
            http(
                status,
                &[(
                    "Content-Type",
                    "application/x-www-form-urlencoded; charset=utf-8"
                )],
                "error=incorrect_client_credentials"
            )
            .0,
            Action::FixCredentials
        );
        assert_eq!(
            http(
                status,
                &[],
                "error_uri=x&error=incorrect_client_credentials"
            )
            .0,
            Action::FixCredentials
        );
    }
    // A form success is a success; a form without `error` is no error.
    assert_eq!(
        http(200, &[], "access_token=gho_x&scope=repo&token_type=bearer"),
        (Action::Success, DecidedBy::Status)
    );
    assert_eq!(
        TokenError::from_form(b"access_token=x"),
        Err(ParseError::Success)
    );
    assert_eq!(
        TokenError::from_form(b"state=x"),
        Err(ParseError::MissingError)
    );
    assert!(matches!(
        TokenError::from_form(b"error=a&error=b"),
        Err(ParseError::Duplicate { .. })
    ));
    assert!(matches!(
        TokenError::from_form(b"error=%zz"),
        Err(ParseError::BadPercentEncoding { .. })
    ));
    assert!(matches!(
        TokenError::from_form(b"error=%22quoted%22"),
        Err(ParseError::InvalidErrorValue { .. })
    ));
    assert_eq!(TokenError::from_form(b"  "), Err(ParseError::Empty));
}

#[test]
fn slack_envelope_is_read_as_it_is() {
    let body = r#"{"ok":false,"error":"invalid_code","warning":"superfluous_charset"}"#;
    assert_eq!(
        http(200, &[], body),
        (Action::Reauthenticate, DecidedBy::Error)
    );
    let missing =
        r#"{"ok":false,"error":"missing_scope","needed":"chat:write","provided":"channels:read"}"#;
    let err = TokenError::from_json(missing.as_bytes()).unwrap();
    assert_eq!(err.error(), &ErrorName::MissingScope);
    assert_eq!(
        err.extra().find(|(k, _)| *k == "needed"),
        Some(("needed", r#""chat:write""#))
    );
    // `ok: true` is a success.
    assert_eq!(
        http(200, &[], r#"{"ok":true,"access_token":"xoxb-1"}"#).0,
        Action::Success
    );
}

#[test]
fn api_shapes_whose_meaning_is_clear() {
    let cases: &[(u16, &str, Api, &str, Action<'static>)] = &[
        (
            401,
            r#"{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}}"#,
            Api::Google,
            "UNAUTHENTICATED",
            Action::Renew,
        ),
        (
            403,
            r#"{"error":{"code":403,"message":"Insufficient scopes.","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"ACCESS_TOKEN_SCOPE_INSUFFICIENT","domain":"googleapis.com"}]}}"#,
            Api::Google,
            "PERMISSION_DENIED",
            Action::Consent,
        ),
        (
            403,
            r#"{"error":{"code":403,"message":"API not enabled.","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.Help"},{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SERVICE_DISABLED"}]}}"#,
            Api::Google,
            "PERMISSION_DENIED",
            Action::FixConfig,
        ),
        (
            403,
            r#"{"error":{"code":403,"message":"The caller does not have permission","status":"PERMISSION_DENIED"}}"#,
            Api::Google,
            "PERMISSION_DENIED",
            Action::Denied,
        ),
        (
            400,
            r#"{"error":{"message":"Error validating access token: Session has expired.","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"AbC1"}}"#,
            Api::Meta,
            "190",
            Action::Reauthenticate,
        ),
        (
            401,
            r#"{"error_summary":"expired_access_token/..","error":{".tag":"expired_access_token"}}"#,
            Api::Dropbox,
            "expired_access_token",
            Action::Renew,
        ),
        (
            401,
            r#"{"error_summary":"invalid_access_token/..","error":{".tag":"invalid_access_token"}}"#,
            Api::Dropbox,
            "invalid_access_token",
            Action::Reauthenticate,
        ),
        (
            401,
            r#"{"error_summary":"missing_scope/.","error":{".tag":"missing_scope","required_scope":"files.content.read"}}"#,
            Api::Dropbox,
            "missing_scope",
            Action::Consent,
        ),
        (
            401,
            r#"{"errorCode":"E0000011","errorSummary":"Invalid token provided","errorLink":"E0000011","errorId":"oae1","errorCauses":[]}"#,
            Api::Okta,
            "E0000011",
            Action::Renew,
        ),
        (
            403,
            r#"{"errorCode":"E0000006","errorSummary":"You do not have permission.","errorLink":"E0000006","errorId":"oae2","errorCauses":[]}"#,
            Api::Okta,
            "E0000006",
            Action::Denied,
        ),
        (
            401,
            r#"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#,
            Api::Salesforce,
            "INVALID_SESSION_ID",
            Action::Renew,
        ),
    ];
    for (status, body, api, code, action) in cases {
        let err =
            ResourceError::from_json(body.as_bytes()).unwrap_or_else(|e| panic!("{body}: {e}"));
        assert_eq!((err.api(), err.api_code()), (*api, *code), "{body}");
        let response = HttpResponse::new(*status).body(body.as_bytes());
        let c = classify(&response);
        assert_eq!(
            (c.action(), c.decided_by()),
            (action, DecidedBy::Error),
            "{body}"
        );
        assert_eq!(c.surface(), Surface::Resource);
        assert_eq!(c.api_code(), Some(*code));
    }
}

#[test]
fn other_shapes_are_named() {
    let cases = [
        (
            r#"{"__type":"NotAuthorizedException","message":"x"}"#,
            "aws-json",
        ),
        (r#"{"errors":[{"code":89,"message":"x"}]}"#, "errors-array"),
        (
            r#"{"message":"Bad Request","errors":[{"resource":"RefreshToken","field":"refresh_token","code":"invalid"}]}"#,
            "errors-array",
        ),
        (
            r#"{"title":"Unauthorized","type":"about:blank","status":401,"detail":"x"}"#,
            "problem-details",
        ),
        (
            r#"{"name":"BadRequestError","code":"invalid_password","description":"x","statusCode":400}"#,
            "auth0-dbconnections",
        ),
        (
            r#"{"code":401,"reason":"Unauthorized","message":"x"}"#,
            "forgerock-crest",
        ),
        (
            r#"{"serviceErrorCode":65600,"message":"x","status":401}"#,
            "linkedin-rest",
        ),
        (
            r#"{"fault":{"code":900901,"message":"x","description":"x"}}"#,
            "wso2-fault",
        ),
        (r#"{"lang":"en-US","description":"x"}"#, "yahoo"),
        (
            r#"{"code":124,"message":"Invalid access token."}"#,
            "code-message",
        ),
        (
            r#"{"status":400,"message":"invalid device code"}"#,
            "status-message",
        ),
        (
            r#"{"statusCode":401,"error":"Unauthorized","message":"x"}"#,
            "http-reason-phrase",
        ),
        (
            r#"{"error":"Unauthorized","status":401,"message":"Invalid OAuth token"}"#,
            "http-reason-phrase",
        ),
        (r#"{"errorCode":"E0000011","errorSummary":"x"}"#, "okta"),
    ];
    for (body, shape) in cases {
        let err = TokenError::from_json(body.as_bytes()).unwrap_err();
        assert_eq!(err, ParseError::UnsupportedShape { shape }, "{body}");
        assert_eq!(err.kind(), "unsupported_shape");
        assert!(err.to_string().contains(shape), "{err}");
    }
    // In a whole response, an unreadable shape leaves the status to decide.
    assert_eq!(
        http(
            401,
            &[],
            r#"{"statusCode":401,"error":"Unauthorized","message":"x"}"#
        ),
        (Action::Abort, DecidedBy::Fallback)
    );
    assert_eq!(
        http(503, &[], r#"{"__type":"ServiceUnavailable","message":"x"}"#).0,
        RETRY
    );
    // Auth0's own `unauthorized` (lower case, RFC shape) is a value, not a shape.
    assert_eq!(
        token(r#"{"error":"unauthorized","error_description":"user is blocked"}"#).0,
        Action::Denied
    );
}

#[test]
fn provider_hint_settles_shared_values() {
    let cases: &[(
        Provider<'static>,
        u16,
        &str,
        Action<'static>,
        Action<'static>,
    )] = &[
        // (provider, status, body, without a hint, with it)
        (
            Provider::Keycloak,
            401,
            r#"{"error":"unauthorized_client","error_description":"Invalid client or Invalid client credentials"}"#,
            Action::FixConfig,
            Action::FixCredentials,
        ),
        (
            Provider::X,
            401,
            r#"{"error":"unauthorized_client","error_description":"Missing valid authorization header"}"#,
            Action::FixConfig,
            Action::FixCredentials,
        ),
        (
            Provider::Keycloak,
            400,
            r#"{"error":"invalid_resource"}"#,
            Action::FixConfig,
            Action::FixRequest,
        ),
        (
            Provider::NodeOidcProvider,
            400,
            r#"{"error":"invalid_client","error_description":"client is invalid"}"#,
            Action::FixCredentials,
            Action::FixConfig,
        ),
        (
            Provider::X,
            400,
            r#"{"error":"invalid_request","error_description":"Value passed for the authorization code was invalid."}"#,
            Action::FixRequest,
            Action::Reauthenticate,
        ),
        (
            Provider::LinkedIn,
            400,
            r#"{"error":"invalid_request","error_description":"Unable to retrieve access token"}"#,
            Action::FixRequest,
            Action::Reauthenticate,
        ),
        (
            Provider::Discord,
            400,
            r#"{"error":"invalid_request","error_description":"Invalid \"code\" in request."}"#,
            Action::FixRequest,
            Action::Reauthenticate,
        ),
        (
            Provider::Shopify,
            400,
            r#"{"error":"invalid_request","error_description":"The authorization code was not found or was already used"}"#,
            Action::FixRequest,
            Action::Reauthenticate,
        ),
        (
            Provider::Discord,
            400,
            r#"{"error":"unsupported_grant_type"}"#,
            Action::FixConfig,
            Action::FixRequest,
        ),
        (
            Provider::GitHub,
            200,
            r#"{"error":"unsupported_grant_type","error_description":"The grant type must be urn:ietf:params:oauth:grant-type:device_code"}"#,
            Action::FixConfig,
            Action::FixRequest,
        ),
        (
            Provider::Spring,
            401,
            r#"{"error":"invalid_token","error_description":"Invalid refresh token (expired)"}"#,
            Action::Abort,
            Action::Reauthenticate,
        ),
        (
            Provider::Slack,
            200,
            r#"{"ok":false,"error":"token_expired"}"#,
            Action::Reauthenticate,
            Action::Renew,
        ),
        (
            Provider::Slack,
            200,
            r#"{"ok":false,"error":"not_authed"}"#,
            Action::Abort,
            Action::Renew,
        ),
        (
            Provider::PayPal,
            400,
            r#"{"error":"access_denied","error_description":"Invalid authorization code"}"#,
            Action::Denied,
            Action::Reauthenticate,
        ),
    ];
    for (provider, status, body, without, with) in cases {
        let response = HttpResponse::new(*status).body(body.as_bytes());
        assert_eq!(classify(&response).action(), without, "{provider} {body}");
        let policy = Rules::new().provider(provider.clone());
        let c = classify_with(&response, &policy);
        assert_eq!(
            (c.action(), c.decided_by()),
            (with, DecidedBy::Provider),
            "{provider} {body}"
        );
        // The same answer from another provider is read as without a hint.
        let other = Rules::new().provider(Provider::Entra);
        assert_eq!(classify_with(&response, &other).action(), without, "{body}");
    }
    // Google's `unauthorized_client` on a 401 stays a configuration problem.
    let google = Rules::new().provider(Provider::Google);
    let response = HttpResponse::new(401).body(br#"{"error":"unauthorized_client","error_description":"Client is unauthorized to retrieve access tokens using this method"}"#);
    assert_eq!(
        classify_with(&response, &google).action(),
        &Action::FixConfig
    );
    // A custom name changes nothing.
    let custom = Rules::new().provider(Provider::from("our-sso"));
    for (_, status, body, without, _) in cases {
        let response = HttpResponse::new(*status).body(body.as_bytes());
        assert_eq!(classify_with(&response, &custom).action(), without);
    }
}

#[test]
fn provider_names() {
    for provider in Provider::KNOWN {
        assert_eq!(&Provider::from(provider.as_str()), provider);
        assert_eq!(&Provider::from(provider.as_str().to_uppercase()), provider);
    }
    assert_eq!(Provider::from("GitHub"), Provider::GitHub);
    let custom = Provider::from(String::from("our-sso"));
    assert_eq!(custom.as_str(), "our-sso");
    assert_eq!(format!("{custom:?}"), r#"Custom("our-sso")"#);
    assert_eq!(
        format!("{:?}", Provider::from("jo@contoso.com")),
        "Custom([redacted: 14 bytes])"
    );
}

#[test]
fn caller_overrides_apply_at_their_step() {
    let policy = Rules::new()
        .error("tenant_blocked", Action::Denied)
        .error("invalid_grant", Action::FixCredentials)
        .code(50076, Action::Reauthenticate)
        .code(
            700082,
            Action::Retry {
                after: Some(Duration::from_secs(30)),
            },
        );

    let c = |body: &str| {
        let err = TokenError::from_json(body.as_bytes()).unwrap();
        let c = classify_with(&err, &policy);
        (c.action().clone().into_owned(), c.decided_by())
    };
    assert_eq!(
        c(r#"{"error":"tenant_blocked"}"#),
        (Action::Denied, DecidedBy::RulesError)
    );
    // The caller's `error` override beats the built-in mapping...
    assert_eq!(
        c(r#"{"error":"invalid_grant"}"#),
        (Action::FixCredentials, DecidedBy::RulesError)
    );
    // ...but not a catalog code, which decides at step 7 before it.
    assert_eq!(
        c(r#"{"error":"invalid_grant","error_codes":[50173]}"#),
        (Action::Reauthenticate, DecidedBy::Catalog(50173.into()))
    );
    // The caller's code override beats the catalog's for the same code.
    assert_eq!(
        c(r#"{"error":"invalid_grant","error_codes":[50076]}"#),
        (Action::Reauthenticate, DecidedBy::RulesCode(50076.into()))
    );
    assert_eq!(
        c(r#"{"error":"invalid_grant","error_codes":[700082]}"#),
        (
            Action::Retry {
                after: Some(Duration::from_secs(30))
            },
            DecidedBy::RulesCode(700082.into())
        )
    );
    assert_eq!(
        DecidedBy::RulesCode(700082.into()).to_string(),
        "rules:700082"
    );
    assert_eq!(DecidedBy::RulesError.to_string(), "rules:error");
    assert_eq!(DecidedBy::Provider.to_string(), "provider");
    // Earlier steps come first: a 503, polling, claims.
    let response = HttpResponse::new(503).body(br#"{"error":"tenant_blocked"}"#);
    assert_eq!(
        classify_with(&response, &policy).decided_by(),
        DecidedBy::Status
    );
    let claims = TokenError::from_json(br#"{"error":"invalid_grant","error_codes":[50076],"claims":"{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}"}"#).unwrap();
    assert_eq!(
        classify_with(&claims, &policy).decided_by(),
        DecidedBy::Claims
    );
    // A redirect and a challenge take the policy too.
    let verified =
        Callback::from_redirect_uri("https://app.example/cb?error=tenant_blocked&state=s")
            .unwrap()
            .check(&ExpectedCallback::state("s"))
            .unwrap();
    let redirect = verified.error().unwrap();
    assert_eq!(classify_with(redirect, &policy).action(), &Action::Denied);
    let challenges = Challenges::parse(r#"Bearer error="tenant_blocked""#).unwrap();
    assert_eq!(
        classify_with(&challenges, &policy).action(),
        &Action::Denied
    );
    // The last action given for a value wins; the default policy is classify's.
    let twice = Rules::new()
        .error("x_blocked", Action::Denied)
        .error("x_blocked", Action::FixConfig);
    let err = TokenError::from_json(br#"{"error":"x_blocked"}"#).unwrap();
    assert_eq!(classify_with(&err, &twice).action(), &Action::FixConfig);
    assert_eq!(classify_with(&err, &Rules::DEFAULT), classify(&err));
    // An owned policy outlives the names it was built from.
    let owned: Rules<'static> = {
        let name = String::from("x_blocked");
        Rules::new()
            .error(name.as_str(), Action::Denied)
            .into_owned()
    };
    assert_eq!(classify_with(&err, &owned).action(), &Action::Denied);
}

/// The description never decides, on any new value or shape.
#[test]
fn golden_rule_on_new_values_and_shapes() {
    let descriptions = [
        "",
        "AADSTS50076: step up",
        "invalid_token",
        "renew now",
        "user is blocked",
        "Session expired",
    ];
    let policies = [
        Rules::DEFAULT,
        Rules::new().provider(Provider::Keycloak),
        Rules::new().provider(Provider::X),
        Rules::new().provider(Provider::Slack),
        Rules::new().error("invalid_request", Action::Denied),
    ];
    for known in ErrorName::KNOWN {
        let value = known.as_str();
        for policy in &policies {
            let mut seen = Vec::new();
            for description in descriptions {
                let json = format!(
                    r#"{{"error":"{value}","error_description":"{description}","mfa_token":"m","interval":7}}"#
                );
                let form = format!(
                    "error={}&error_description={}&interval=7",
                    value,
                    description.replace(' ', "+")
                );
                let uri = format!(
                    "https://app.example/cb?error={value}&error_description={}&state=s",
                    description.replace(' ', "+")
                );
                let header =
                    format!(r#"Bearer error="{value}", error_description="{description}""#);
                let token = TokenError::from_json(json.as_bytes()).unwrap();
                let form = HttpResponse::new(200).body(form.as_bytes());
                let verified = Callback::from_redirect_uri(&uri)
                    .unwrap()
                    .check(&ExpectedCallback::state("s"))
                    .unwrap();
                let redirect = verified.error().unwrap();
                let challenges = Challenges::parse(&header).unwrap();
                let http = HttpResponse::new(401)
                    .header("WWW-Authenticate", header.as_str())
                    .body(json.as_bytes());
                let outcome = [
                    classify_with(&token, policy).action().clone().into_owned(),
                    classify_with(&form, policy).action().clone().into_owned(),
                    classify_with(redirect, policy)
                        .action()
                        .clone()
                        .into_owned(),
                    classify_with(&challenges, policy)
                        .action()
                        .clone()
                        .into_owned(),
                    classify_with(&http, policy).action().clone().into_owned(),
                ];
                seen.push(outcome);
            }
            assert!(seen.windows(2).all(|w| w[0] == w[1]), "{value}: {seen:?}");
        }
    }
    // The API shapes: the `message` (free text) never decides.
    for message in ["Token expired", "Insufficient scopes", "blocked"] {
        let google = format!(
            r#"{{"error":{{"code":403,"message":"{message}","status":"PERMISSION_DENIED"}}}}"#
        );
        let okta = format!(r#"{{"errorCode":"E0000011","errorSummary":"{message}"}}"#);
        assert_eq!(http(403, &[], &google).0, Action::Denied);
        assert_eq!(http(401, &[], &okta).0, Action::Renew);
    }
}

#[test]
fn review_findings() {
    // A parsed API error is classified alone, by reference or by value.
    let body = br#"{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}}"#;
    let err = ResourceError::from_json(body).unwrap();
    assert_eq!(classify(&err).action(), &Action::Renew);
    assert_eq!(classify(err.clone()).surface(), Surface::Resource);
    // Google's rate limits, in both shapes, retry.
    let limited = br#"{"error":{"code":403,"message":"Rate limit exceeded","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED"}]}}"#;
    assert_eq!(
        classify(HttpResponse::new(403).body(limited)).action(),
        &RETRY
    );
    let legacy = br#"{"error":{"errors":[{"domain":"usageLimits","reason":"userRateLimitExceeded","message":"User Rate Limit Exceeded"}],"code":403,"message":"User Rate Limit Exceeded"}}"#;
    let err = ResourceError::from_json(legacy).unwrap();
    assert_eq!(
        (err.api(), err.api_code(), err.reason()),
        (Api::Google, "userRateLimitExceeded", Some("403"))
    );
    assert_eq!(
        classify(HttpResponse::new(403).body(legacy)).action(),
        &RETRY
    );
    let auth = br#"{"error":{"errors":[{"domain":"global","reason":"authError","message":"Invalid Credentials","locationType":"header","location":"Authorization"}],"code":401,"message":"Invalid Credentials"}}"#;
    assert_eq!(
        classify(HttpResponse::new(401).body(auth)).action(),
        &Action::Renew
    );
    // GitHub's REST API error is named for what it is.
    assert_eq!(
        TokenError::from_json(br#"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}"#),
        Err(ParseError::UnsupportedShape { shape: "github-rest" })
    );
    // A form success body, whatever parameter comes first, is a success:
    // never a parse error that would quote a token.
    for body in [
        "refresh_token=ghr_1B4a2e&access_token=gho_x",
        "scope=repo&token_type=bearer&access_token=gho_x",
        "token_type=bearer&access_token=x",
    ] {
        let response = HttpResponse::new(200).body(body.as_bytes());
        let c = classify(&response);
        assert_eq!(c.action(), &Action::Success, "{body}");
        assert!(
            !format!("{c} {c:?} {response:?}").contains("ghr_"),
            "{body}"
        );
    }
    // A typo in a provider's name can be refused.
    assert!(matches!(Provider::from("keycloack"), Provider::Custom(_)));
    assert_eq!(Provider::from("GITHUB"), Provider::GitHub);
}

/// One row of `tests/fixtures/providers.jsonl`.
struct Row {
    id: String,
    kind: String,
    status: Option<u16>,
    headers: Vec<(String, String)>,
    input: String,
    hint: Option<String>,
    expect: String,
    decided_by: String,
    shape: Option<String>,
    api: Option<String>,
}

fn rows() -> Vec<Row> {
    let text = include_str!("fixtures/providers.jsonl");
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = |k: &str| v[k].as_str().map(str::to_owned);
            let id = text("id").unwrap();
            assert!(
                text("source").is_some_and(|s| s.starts_with("https://")),
                "{id}: every row names its source"
            );
            Row {
                kind: text("kind").unwrap(),
                status: v["status"].as_u64().map(|s| u16::try_from(s).unwrap()),
                headers: v["headers"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                    .collect(),
                input: text("input").unwrap(),
                hint: text("hint"),
                expect: text("expect").unwrap(),
                decided_by: text("decided_by").unwrap(),
                shape: text("shape"),
                api: text("api"),
                id,
            }
        })
        .collect()
}

/// The action and deciding step of a row's input, as given or with its
/// free text replaced.
fn outcome(row: &Row, input: &str, headers: &[(String, String)]) -> (String, String) {
    let policy = match &row.hint {
        Some(name) => Rules::new().provider(Provider::from(name.as_str())),
        None => Rules::DEFAULT,
    };
    let c = match row.kind.as_str() {
        "http" => {
            let response = headers
                .iter()
                .fold(HttpResponse::new(row.status.unwrap()), |r, (n, v)| {
                    r.header(n, v.as_str())
                })
                .body(input.as_bytes());
            classify_with(&response, &policy).into_owned()
        }
        "token" => {
            let err = TokenError::from_json(input.as_bytes())
                .unwrap_or_else(|e| panic!("{}: {e}", row.id));
            classify_with(&err, &policy).into_owned()
        }
        "challenge" => {
            let challenges = Challenges::parse(input).unwrap_or_else(|e| panic!("{}: {e}", row.id));
            classify_with(&challenges, &policy).into_owned()
        }
        other => panic!("{}: unknown kind {other}", row.id),
    };
    (c.action().name().to_owned(), c.decided_by().to_string())
}

/// The members that hold free text, in the bodies of the fixtures.
const FREE_TEXT: &[&str] = &[
    "error_description",
    "message",
    "msg",
    "detail",
    "Detail",
    "diagnostics",
    "reason",
    "Message",
    "Title",
    "title",
];

/// The same JSON with every free-text string replaced by `with`; `None`
/// when the text is no JSON or nothing changed. A `message` that holds a
/// value of the vocabulary (Twitch) is the value, not free text: kept.
fn rewritten(input: &str, with: &str) -> Option<String> {
    fn walk(v: &mut serde_json::Value, with: &str, changed: &mut bool) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map.iter_mut() {
                    let value_slot = v.as_str().is_some_and(|t| {
                        !matches!(ErrorName::from(t), ErrorName::Other(_)) && !t.contains(' ')
                    });
                    if FREE_TEXT.contains(&k.as_str()) && v.is_string() && !value_slot {
                        *v = serde_json::Value::from(with);
                        *changed = true;
                    } else {
                        walk(v, with, changed);
                    }
                }
            }
            serde_json::Value::Array(items) => {
                items.iter_mut().for_each(|v| walk(v, with, changed));
            }
            _ => {}
        }
    }
    let mut v: serde_json::Value = serde_json::from_str(input).ok()?;
    let mut changed = false;
    walk(&mut v, with, &mut changed);
    changed.then(|| v.to_string())
}

/// A challenge with its `error_description` replaced.
fn rewritten_challenge(value: &str, with: &str) -> String {
    match value.find("error_description=\"") {
        Some(start) => {
            let open = start + "error_description=\"".len();
            let mut end = open;
            let bytes = value.as_bytes();
            while end < bytes.len() && bytes[end] != b'"' {
                end += if bytes[end] == b'\\' { 2 } else { 1 };
            }
            format!("{}{with}{}", &value[..open], &value[end.min(value.len())..])
        }
        None => value.to_owned(),
    }
}

/// Every row of the providers' fixtures: the action, the deciding step,
/// the shape named and the API read; and the golden rule on each, with the
/// free text replaced or emptied.
#[test]
fn provider_fixtures() {
    let rows = rows();
    assert!(rows.len() >= 70, "{}", rows.len());
    for row in &rows {
        let got = outcome(row, &row.input, &row.headers);
        assert_eq!(
            got,
            (row.expect.clone(), row.decided_by.clone()),
            "{}",
            row.id
        );
        if let Some(shape) = &row.shape {
            match TokenError::from_json(row.input.as_bytes()) {
                Err(ParseError::UnsupportedShape { shape: found }) => {
                    assert_eq!(found, shape, "{}", row.id);
                }
                other => panic!("{}: {other:?}", row.id),
            }
        }
        if let Some(api) = &row.api {
            let err = ResourceError::from_json(row.input.as_bytes())
                .unwrap_or_else(|e| panic!("{}: {e}", row.id));
            assert_eq!(err.api().as_str(), api, "{}", row.id);
        }
        for with in ["", "renew now: AADSTS50076 invalid_token", "Access blocked"] {
            if let Some(input) = rewritten(&row.input, with) {
                assert_eq!(
                    outcome(row, &input, &row.headers),
                    got,
                    "{}: free text {with:?}",
                    row.id
                );
            }
            let headers: Vec<(String, String)> = row
                .headers
                .iter()
                .map(|(n, v)| (n.clone(), rewritten_challenge(v, with)))
                .collect();
            assert_eq!(outcome(row, &row.input, &headers), got, "{}", row.id);
            if row.kind == "challenge" {
                let input = rewritten_challenge(&row.input, with);
                assert_eq!(outcome(row, &input, &row.headers), got, "{}", row.id);
            }
        }
    }
}

/// The new values, one by one: recognized, and the surface rules of the
/// token-shaped ones.
#[test]
fn new_values_and_surfaces() {
    for value in [
        "missing_authorization",
        "missing_token",
        "token_inactive",
        "token_signature_mismatch",
        "token_claim",
    ] {
        assert!(
            !matches!(ErrorName::from(value), ErrorName::Other(_)),
            "{value}"
        );
        assert_eq!(
            challenge(&format!(r#"Bearer error="{value}""#)).0,
            Action::Renew,
            "{value}"
        );
        assert_ne!(
            token(&format!(r#"{{"error":"{value}"}}"#)).0,
            Action::Renew,
            "{value} at the token endpoint"
        );
    }
    assert_eq!(
        challenge(r#"Bearer error="unsupported_token_type""#).0,
        Action::FixRequest
    );
    assert_eq!(
        token(r#"{"error":"unsupported_token_type"}"#),
        (Action::Abort, DecidedBy::Fallback)
    );
    for (value, action) in [
        ("insufficient_access", Action::Denied),
        ("device_not_found", Action::Abort),
        ("misconfiguration", Action::FixConfig),
        ("scope_not_granted", Action::Consent),
        ("NO_TEXT", Action::FixRequest),
        ("invalid_client_secret", Action::FixCredentials),
        ("Access Denied", Action::Denied),
    ] {
        let body = format!(r#"{{"error":"{value}"}}"#);
        assert_eq!(token(&body), (action, DecidedBy::Error), "{value}");
    }
    // A sentence is no value; a known phrase with a space is.
    assert_eq!(
        TokenError::from_json(br#"{"error":"Record not found"}"#),
        Err(ParseError::UnsupportedShape {
            shape: "error-sentence"
        })
    );
    assert!(TokenError::from_json(br#"{"error":"Access Denied"}"#).is_ok());
    // Twitch's `message` is read only when it is a known value, exactly.
    for body in [
        r#"{"status":400,"message":"authorization pending"}"#,
        r#"{"status":400,"message":"Authorization_Pending"}"#,
        r#"{"status":400,"message":"tenant_quota_exceeded"}"#,
        r#"{"status":400,"message":"slow_down","extra":1}"#,
    ] {
        assert!(
            matches!(
                TokenError::from_json(body.as_bytes()),
                Err(ParseError::UnsupportedShape { .. })
            ),
            "{body}"
        );
    }
    let twitch = TokenError::from_json(br#"{"status":400,"message":"slow_down"}"#).unwrap();
    assert_eq!(twitch.error(), &ErrorName::SlowDown);
}

/// Facebook's positional challenge and challenges run together.
#[test]
fn lenient_challenges() {
    let facebook = Challenges::parse(
        r#"OAuth "Facebook Platform" "invalid_code" "Error validating verification code.""#,
    )
    .unwrap();
    let c = facebook.iter().next().unwrap();
    assert_eq!(c.param("realm"), Some("Facebook Platform"));
    assert_eq!(c.error(), Some(ErrorName::InvalidCode));
    assert_eq!(
        c.error_description(),
        Some("Error validating verification code.")
    );
    assert!(Challenges::parse(r#"OAuth "a" "b" "c" "d""#).is_err());
    assert!(Challenges::parse(r#"Bearer "a""#).is_err());
    let two = Challenges::parse(r#"Bearer authorization_uri="https://login.microsoftonline.com/tenant-id", resource="https://vault.azure.net" Bearer authorization_uri="https://login.microsoftonline.com/tenant-id", resource="https://vault.azure.net""#).unwrap();
    assert_eq!(two.iter().len(), 2);
    assert!(two
        .iter()
        .all(|c| c.param("resource") == Some("https://vault.azure.net")));
    let after_token68 = Challenges::parse("Negotiate abc== Bearer").unwrap();
    assert_eq!(after_token68.iter().len(), 2);
    assert_eq!(
        after_token68.iter().next().unwrap().token68(),
        Some("abc==")
    );
}
