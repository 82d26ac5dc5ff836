//! The catalog's action overrides, seen through `classify`: every override
//! decides at step 7 whatever `error` value comes with its code, and each
//! override the audit changed has a named test with the `error` value the
//! code really arrives with, so that a change to `catalog/aadsts.json` shows
//! up as a named failure.

use oauth_triage::catalog;
use oauth_triage::{classify, AadstsCode, Action, DecidedBy, TokenError};

/// What `classify` makes of `{"error":ERROR,"error_codes":[CODE]}`.
#[track_caller]
fn decide(error: &str, code: u32) -> (Action<'static>, DecidedBy) {
    let body = format!(r#"{{"error":"{error}","error_codes":[{code}]}}"#);
    let err = TokenError::from_json(body.as_bytes()).unwrap();
    let c = classify(&err).into_owned();
    (c.action().clone(), c.decided_by())
}

/// The code has `action` as its override, and `classify` applies it to a
/// body with `error`.
#[track_caller]
fn overrides(code: u32, error: &str, action: Action<'static>) {
    let entry = AadstsCode::new(code)
        .entry()
        .unwrap_or_else(|| panic!("{code} is not in the catalog"));
    assert_eq!(entry.action.as_ref(), Some(&action), "{code}: override");
    assert_eq!(
        decide(error, code),
        (action, DecidedBy::Catalog(code.into())),
        "{code} with {error}"
    );
}

/// `error` values Entra pairs with AADSTS codes, none of which any step
/// before the catalog reads.
const ERRORS: &[&str] = &[
    "invalid_grant",
    "invalid_request",
    "invalid_client",
    "unauthorized_client",
    "interaction_required",
    "access_denied",
    "temporarily_unavailable",
    "server_error",
];

#[test]
fn every_override_decides_whatever_the_error_value() {
    let mut checked = 0;
    for entry in catalog::entries() {
        let Some(action) = &entry.action else {
            continue;
        };
        for error in ERRORS {
            assert_eq!(
                decide(error, entry.code.get()),
                (action.clone(), DecidedBy::Catalog(entry.code)),
                "{} with {error}",
                entry.code
            );
        }
        checked += 1;
    }
    assert!(checked > 200, "only {checked} overrides");
}

#[test]
fn a_code_without_an_override_leaves_the_error_value_to_decide() {
    // Wrappers and generic codes, and two service faults Entra marks as not
    // worth retrying.
    for code in [70002, 90023, 900144, 90036, 90092] {
        assert_eq!(
            AadstsCode::new(code).entry().map(|e| &e.action),
            Some(&None),
            "{code}"
        );
        assert_eq!(
            decide("invalid_grant", code),
            (Action::Reauthenticate, DecidedBy::Error),
            "{code}"
        );
    }
    // The next code with an override decides, after a wrapper.
    let err =
        TokenError::from_json(br#"{"error":"invalid_grant","error_codes":[70002,54005]}"#).unwrap();
    let c = classify(&err);
    assert_eq!(
        (c.action(), c.decided_by()),
        (&Action::FixRequest, DecidedBy::Catalog(54005.into()))
    );
}

#[test]
fn device_flow_pending_is_read_before_the_catalog() {
    assert_eq!(
        decide("authorization_pending", 70016),
        (Action::KeepPolling, DecidedBy::Polling)
    );
    overrides(70016, "invalid_grant", Action::KeepPolling);
}

#[test]
fn admin_consent_required_request_access_keeps_consent() {
    overrides(90095, "invalid_grant", Action::Consent);
}

// The overrides the audit changed, each with the `error` value it arrives
// with (`invalid_grant` where no public response shows one).

#[test]
fn aadsts50196_loop_detected_is_fix_request() {
    overrides(50196, "invalid_grant", Action::FixRequest);
}

#[test]
fn aadsts54005_code_already_redeemed_is_fix_request() {
    overrides(54005, "invalid_grant", Action::FixRequest);
}

#[test]
fn aadsts9002313_malformed_request_is_fix_request() {
    overrides(9002313, "invalid_grant", Action::FixRequest);
}

#[test]
fn aadsts501481_pkce_verifier_mismatch_is_fix_request() {
    overrides(501481, "invalid_grant", Action::FixRequest);
}

#[test]
fn aadsts700005_code_redeemed_at_another_tenant_is_fix_config() {
    overrides(700005, "invalid_grant", Action::FixConfig);
}

#[test]
fn aadsts7000012_grant_for_another_tenant_is_fix_config() {
    overrides(7000012, "invalid_grant", Action::FixConfig);
}

#[test]
fn aadsts50053_locked_account_is_denied() {
    overrides(50053, "unauthorized_client", Action::Denied);
    overrides(50053, "invalid_grant", Action::Denied);
}

#[test]
fn aadsts500571_disabled_guest_is_denied() {
    overrides(500571, "invalid_grant", Action::Denied);
}

#[test]
fn aadsts54000_blocked_minor_is_denied() {
    overrides(54000, "invalid_grant", Action::Denied);
}

#[test]
fn aadsts5000224_tenant_blocked_for_fraud_is_denied() {
    overrides(5000224, "invalid_grant", Action::Denied);
}

#[test]
fn aadsts53004_mfa_registration_blocked_by_risk_is_denied() {
    overrides(53004, "invalid_grant", Action::Denied);
}

#[test]
fn aadsts53010_mfa_registration_blocked_here_is_denied() {
    overrides(53010, "invalid_grant", Action::Denied);
}

#[test]
fn aadsts530034_delegated_admin_blocked_is_denied() {
    overrides(530034, "invalid_grant", Action::Denied);
}

#[test]
fn aadsts500021_tenant_restrictions_is_denied() {
    overrides(500021, "invalid_grant", Action::Denied);
}

#[test]
fn aadsts500022_proxy_tenant_restrictions_is_denied() {
    overrides(500022, "invalid_grant", Action::Denied);
}

#[test]
fn aadsts50002_not_allowed_tenant_is_denied() {
    overrides(50002, "invalid_grant", Action::Denied);
}

#[test]
fn aadsts1000104_cross_cloud_not_allowed_is_denied() {
    overrides(1000104, "invalid_grant", Action::Denied);
}
