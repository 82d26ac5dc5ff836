//! The inputs of the benchmarks, shared with `tests/alloc.rs` so that the
//! allocation counts in the README are for the bodies that were timed.

/// A typical Microsoft Entra ID v2 token error body, compact as Entra sends
/// it: a description with `\r\n` escapes, the id members, `error_uri`,
/// `suberror` and a `claims` string (whose quotes are escaped).
pub(crate) const ENTRA: &[u8] = br#"{"error":"invalid_grant","error_description":"AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.\r\nTrace ID: a50bbe59-dd02-42f6-b6b1-3931021e0f02\r\nCorrelation ID: 355da6cc-ab30-4456-91aa-0be3e8e0925c\r\nTimestamp: 2024-05-02 11:42:13Z","error_codes":[53003],"timestamp":"2024-05-02 11:42:13Z","trace_id":"a50bbe59-dd02-42f6-b6b1-3931021e0f02","correlation_id":"355da6cc-ab30-4456-91aa-0be3e8e0925c","error_uri":"https://login.microsoftonline.com/error?code=53003","suberror":"message_only","claims":"{\"access_token\":{\"capolids\":{\"essential\":true,\"values\":[\"da9d1d9d-2cf5-498f-8463-69025e65fe48\"]}}}"}"#;

/// The same shape with a suberror that lets the claims request decide
/// (step 5 of `classify`), so that it is decoded.
pub(crate) const ENTRA_STEP_UP: &[u8] = br#"{"error":"interaction_required","error_description":"AADSTS50079: Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication.\r\nTrace ID: a50bbe59-dd02-42f6-b6b1-3931021e0f02\r\nCorrelation ID: 355da6cc-ab30-4456-91aa-0be3e8e0925c\r\nTimestamp: 2024-05-02 11:42:13Z","error_codes":[50079],"timestamp":"2024-05-02 11:42:13Z","trace_id":"a50bbe59-dd02-42f6-b6b1-3931021e0f02","correlation_id":"355da6cc-ab30-4456-91aa-0be3e8e0925c","error_uri":"https://login.microsoftonline.com/error?code=50079","suberror":"basic_action","claims":"{\"access_token\":{\"capolids\":{\"essential\":true,\"values\":[\"da9d1d9d-2cf5-498f-8463-69025e65fe48\"]}}}"}"#;

/// The smallest RFC 6749 §5.2 body.
pub(crate) const MINIMAL: &[u8] = br#"{"error":"invalid_grant"}"#;

/// An Entra body whose description is padded with `\r\n`-separated lines
/// until the whole body is `len` bytes (at least the size of the unpadded
/// body).
pub(crate) fn padded(len: usize) -> Vec<u8> {
    const HEAD: &str = r#"{"error":"invalid_grant","error_description":"AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed."#;
    const TAIL: &str = r#"\r\nTrace ID: 6e94ade5-10de-4d67-909a-14d845813500\r\nCorrelation ID: 0e87b495-1e24-4882-be85-d012c216f4f6\r\nTimestamp: 2024-05-02 11:42:13Z","error_codes":[50173],"timestamp":"2024-05-02 11:42:13Z","trace_id":"6e94ade5-10de-4d67-909a-14d845813500","correlation_id":"0e87b495-1e24-4882-be85-d012c216f4f6","error_uri":"https://login.microsoftonline.com/error?code=50173"}"#;
    const LINE: &str = r#"\r\nThe user might have changed or reset their password."#;
    let mut body = String::with_capacity(len);
    body.push_str(HEAD);
    while body.len() + LINE.len() + TAIL.len() <= len {
        body.push_str(LINE);
    }
    while body.len() + TAIL.len() < len {
        body.push('.');
    }
    body.push_str(TAIL);
    body.into_bytes()
}

/// A body of about 2 KiB, most of it a description with many `\r\n`.
pub(crate) fn long_description() -> Vec<u8> {
    padded(2048)
}

/// Entra's answers to an authorization request, in each response mode: the
/// description and `error_uri` are percent-encoded, `state` is not.
pub(crate) const REDIRECT_QUERY: &str = "https://app.example/callback?error=invalid_request&error_description=AADSTS50011%3a+The+redirect+URI+%27https%3a%2f%2fapp.example%2fcb%27+specified+in+the+request+does+not+match+the+redirect+URIs+configured+for+the+application.%0d%0aTrace+ID%3a+a50bbe59-dd02-42f6-b6b1-3931021e0f02&error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d50011&state=d66b10a0-6c5e-4b4c-9a8e-2b0b8c4f2d11";
pub(crate) const REDIRECT_FRAGMENT: &str = "https://app.example/#error=login_required&error_description=AADSTS50058%3a+A+silent+sign-in+request+was+sent+but+no+user+is+signed+in.%0d%0aTrace+ID%3a+a50bbe59-dd02-42f6-b6b1-3931021e0f02&error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d50058&state=d66b10a0-6c5e-4b4c-9a8e-2b0b8c4f2d11";
pub(crate) const FORM_POST: &[u8] = b"error=consent_required&error_description=AADSTS65001%3a+The+user+or+administrator+has+not+consented+to+use+the+application.%0d%0aTrace+ID%3a+a50bbe59-dd02-42f6-b6b1-3931021e0f02&error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d65001&state=d66b10a0-6c5e-4b4c-9a8e-2b0b8c4f2d11";
