//! The `WWW-Authenticate` parser: the spec examples, Microsoft's real
//! headers, where it is lenient, and the exact message of every parse error.

use oauth_triage::{Challenge, Challenges, ErrorName, HttpResponse, Limits, ParseError};

#[track_caller]
fn parse(value: &str) -> Vec<Challenge<'_>> {
    match Challenges::parse(value) {
        Ok(challenges) => challenges.to_vec(),
        Err(err) => panic!("{value:?} should parse: {err}"),
    }
}

#[track_caller]
fn one(value: &str) -> Challenge<'_> {
    let mut challenges = parse(value);
    assert_eq!(challenges.len(), 1, "{value:?}");
    challenges.remove(0)
}

/// Parses one header value within `limits`, as an [`HttpResponse`] does.
fn parse_within(value: &str, limits: Limits) -> Result<Vec<Challenge<'_>>, ParseError> {
    let response = HttpResponse::new(401)
        .limits(limits)
        .header("WWW-Authenticate", value);
    match response.challenges().parse_error() {
        Some(err) => Err(err.clone()),
        None => Ok(response.challenges().iter().cloned().collect()),
    }
}

#[track_caller]
fn assert_message(value: &str, kind: &str, message: &str) {
    let err = Challenges::parse(value).unwrap_err();
    assert_eq!(err.kind(), kind, "{value:?}");
    assert_eq!(err.to_string(), message, "{value:?}");
}

#[track_caller]
fn assert_borrowed(input: &str, part: &str) {
    let start = input.as_ptr() as usize;
    let at = part.as_ptr() as usize;
    assert!(
        (start..start + input.len()).contains(&at),
        "{part:?} should point into the input"
    );
}

const CAE: &str = r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiY3AxIn19fQ==""#;
const CAE_CLAIMS: &str = r#"{"access_token":{"acrs":{"essential":true,"value":"cp1"}}}"#;

// The examples of RFC 6750 §3, RFC 9470 §3 and RFC 9449 §7 (reference §B.3,
// §B.4), with their line folding kept.

#[test]
fn rfc6750_examples() {
    let c = one(r#"Bearer realm="example""#);
    assert!(c.is_scheme("Bearer"));
    assert_eq!(c.param("realm"), Some("example"));
    assert_eq!(c.error(), None);
    assert_eq!(c.token68(), None);

    let c = one(
        "Bearer realm=\"example\", error=\"invalid_token\",\r\n                  error_description=\"The access token expired\"",
    );
    assert_eq!(c.param("realm"), Some("example"));
    assert_eq!(c.error(), Some(ErrorName::InvalidToken));
    assert_eq!(c.error_description(), Some("The access token expired"));
    assert_eq!(c.params().count(), 3);

    let c = one(r#"Bearer error="insufficient_scope", scope="openid profile""#);
    assert_eq!(c.error(), Some(ErrorName::InsufficientScope));
    assert_eq!(c.param("scope"), Some("openid profile"));
}

#[test]
fn rfc9470_examples() {
    let c = one(
        "Bearer error=\"insufficient_user_authentication\",\n  error_description=\"A different authentication level is required\", acr_values=\"myACR\"",
    );
    assert_eq!(c.error(), Some(ErrorName::InsufficientUserAuthentication));
    assert_eq!(c.param("acr_values"), Some("myACR"));
    assert_eq!(c.max_age(), None);

    let c = one(
        "Bearer error=\"insufficient_user_authentication\",\n  error_description=\"More recent authentication is required\", max_age=\"5\"",
    );
    assert_eq!(c.max_age(), Some(5));
    assert_eq!(
        c.error_description(),
        Some("More recent authentication is required")
    );
}

#[test]
fn rfc9449_examples() {
    let c = one(
        r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof""#,
    );
    assert!(c.is_scheme("DPoP"));
    assert!(!c.is_scheme("Bearer"));
    assert_eq!(c.error(), Some(ErrorName::UseDpopNonce));

    let c = one(
        r#"DPoP error="invalid_token", error_description="Invalid DPoP key binding", algs="ES256""#,
    );
    assert_eq!(c.error(), Some(ErrorName::InvalidToken));
    assert_eq!(c.algs().collect::<Vec<_>>(), ["ES256"]);

    // No credentials sent: both schemes, a bare Bearer first.
    let challenges = parse(r#"Bearer, DPoP algs="ES256 PS256""#);
    assert_eq!(challenges.len(), 2);
    assert!(challenges[0].is_scheme("Bearer"));
    assert_eq!(challenges[0].params().count(), 0);
    assert_eq!(challenges[0].token68(), None);
    assert!(challenges[1].is_scheme("DPoP"));
    assert_eq!(challenges[1].algs().collect::<Vec<_>>(), ["ES256", "PS256"]);
}

#[test]
fn rfc9110_example() {
    // RFC 9110 §11.6.1: two challenges, a token value, an escaped quote.
    let challenges =
        parse(r#"Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple""#);
    assert_eq!(challenges.len(), 2);
    assert!(challenges[0].is_scheme("newauth"));
    assert_eq!(
        challenges[0].params().collect::<Vec<_>>(),
        [
            ("realm", "apps"),
            ("type", "1"),
            ("title", r#"Login to "apps""#)
        ]
    );
    assert!(challenges[1].is_scheme("Basic"));
    assert_eq!(challenges[1].param("realm"), Some("simple"));
}

#[test]
fn entra_cae_challenge() {
    let c = one(CAE);
    assert!(c.is_scheme("Bearer"));
    assert_eq!(c.param("realm"), Some(""));
    assert_eq!(c.error(), Some(ErrorName::InsufficientClaims));
    assert_eq!(
        c.param("authorization_uri"),
        Some("https://login.microsoftonline.com/common/oauth2/authorize")
    );
    assert_eq!(c.claims().as_deref(), Some(CAE_CLAIMS));
}

#[test]
fn several_challenges_in_one_value() {
    let challenges = parse(
        r#"Negotiate, Basic realm="contoso", Bearer realm="", error="invalid_token", DPoP algs="ES256", error="use_dpop_nonce""#,
    );
    let schemes: Vec<_> = challenges.iter().map(Challenge::scheme).collect();
    assert_eq!(schemes, ["Negotiate", "Basic", "Bearer", "DPoP"]);
    // Each error belongs to its own challenge.
    assert_eq!(challenges[0].error(), None);
    assert_eq!(challenges[1].error(), None);
    assert_eq!(challenges[2].error(), Some(ErrorName::InvalidToken));
    assert_eq!(challenges[3].error(), Some(ErrorName::UseDpopNonce));
    assert_eq!(challenges[3].algs().collect::<Vec<_>>(), ["ES256"]);
}

#[test]
fn several_header_values_are_parsed_one_by_one() {
    let values = [
        r#"Bearer realm="", error="invalid_token""#,
        r#"DPoP algs="ES256 PS256""#,
    ];
    let mut challenges = Vec::new();
    for value in values {
        challenges.extend(Challenges::parse(value).unwrap().to_vec());
    }
    assert_eq!(challenges.len(), 2);
    assert!(challenges[0].is_scheme("Bearer"));
    assert_eq!(challenges[0].error(), Some(ErrorName::InvalidToken));
    assert!(challenges[1].is_scheme("DPoP"));
    // A challenge cannot continue in the next field value: parameters
    // without a scheme are rejected.
    assert_message(
        r#"error="invalid_token""#,
        "invalid_challenge",
        r#"invalid challenge at byte 0: expected an authentication scheme before the first parameter, found "error=\"invalid_token\"""#,
    );
}

#[test]
fn empty_list_elements_and_bare_schemes() {
    let challenges = parse(r#"Bearer, , DPoP algs="ES256""#);
    assert_eq!(challenges.len(), 2);
    assert_eq!(challenges[1].algs().collect::<Vec<_>>(), ["ES256"]);

    let challenges = parse(r#" ,Bearer realm="a",, ,Basic,"#);
    assert_eq!(challenges.len(), 2);
    assert_eq!(challenges[0].param("realm"), Some("a"));
    assert!(challenges[1].is_scheme("basic"));

    let c = one("Bearer");
    assert_eq!(c.params().count(), 0);
    assert_eq!(c.token68(), None);

    // A parameter after a comma belongs to the challenge before it, also a
    // bare one.
    let c = one(r#"Bearer, realm="a""#);
    assert_eq!(c.param("realm"), Some("a"));
}

#[test]
fn escapes_in_quoted_strings() {
    let c = one(r#"Bearer error_description="say \"hi\" to C:\\temp", realm="\a\b""#);
    assert_eq!(c.error_description(), Some(r#"say "hi" to C:\temp"#));
    assert_eq!(c.param("realm"), Some("ab"));
    // A non-ASCII character can be escaped too.
    let c = one("Bearer realm=\"caf\\\u{e9}\"");
    assert_eq!(c.param("realm"), Some("caf\u{e9}"));
    // Commas, `=` and white space inside quotes are text.
    let c = one(r#"Bearer scope="a, b=c  d""#);
    assert_eq!(c.param("scope"), Some("a, b=c  d"));
}

#[test]
fn names_ignore_case_and_are_kept_as_written() {
    let c = one(r#"bEARER REALM="x", Error="invalid_token", Max_Age=7"#);
    assert!(c.is_scheme("Bearer"));
    assert!(c.is_scheme("BEARER"));
    assert_eq!(c.scheme(), "bEARER");
    assert_eq!(c.param("realm"), Some("x"));
    assert_eq!(c.param("error"), Some("invalid_token"));
    assert_eq!(c.error(), Some(ErrorName::InvalidToken));
    assert_eq!(c.max_age(), Some(7));
    assert_eq!(
        c.params().map(|(name, _)| name).collect::<Vec<_>>(),
        ["REALM", "Error", "Max_Age"]
    );
    assert!(one("dpop").is_scheme("DPoP"));
    // Values keep their case.
    assert_eq!(one("Bearer realm=Contoso").param("realm"), Some("Contoso"));
}

#[test]
fn token68() {
    let c = one("Basic dXNlcjpwYXNz");
    assert!(c.is_scheme("basic"));
    assert_eq!(c.token68(), Some("dXNlcjpwYXNz"));
    assert_eq!(c.params().count(), 0);

    let c = one("Negotiate abc==");
    assert_eq!(c.token68(), Some("abc=="));

    let challenges = parse("Negotiate a-b.c_d~e+f/g= \t, Bearer realm=x");
    assert_eq!(challenges[0].token68(), Some("a-b.c_d~e+f/g="));
    assert_eq!(challenges[1].param("realm"), Some("x"));

    // A lone `name=` right after the scheme is a token68, by the grammar.
    let c = one("Basic abc=");
    assert_eq!(c.token68(), Some("abc="));
    assert_eq!(c.param("abc"), None);
}

// Leniencies, each from a real header.

#[test]
fn any_ascii_white_space_is_ows() {
    let c = one("Bearer\trealm\t=\t\"a\"\r\n,\r\n\terror =\n\"invalid_token\"\u{c}");
    assert_eq!(c.param("realm"), Some("a"));
    assert_eq!(c.error(), Some(ErrorName::InvalidToken));
    let challenges = parse("\r\n Bearer\r\n,\r\n DPoP\talgs=ES256 \r\n");
    assert_eq!(challenges.len(), 2);
    assert_eq!(challenges[1].algs().collect::<Vec<_>>(), ["ES256"]);
    // Inside a quoted string, white space is kept as text.
    let c = one("Bearer error_description=\"line one\r\n line two\"");
    assert_eq!(c.error_description(), Some("line one\r\n line two"));
}

#[test]
fn azure_storage_unquoted_urls_without_commas() {
    let value = r#"Bearer authorization_uri=https://login.microsoftonline.com/<client_id>/oauth2/authorize resource_id=[https://storage.azure.com"]()"#;
    let c = one(value);
    assert!(c.is_scheme("Bearer"));
    assert_eq!(c.params().count(), 2);
    assert_eq!(
        c.param("authorization_uri"),
        Some("https://login.microsoftonline.com/<client_id>/oauth2/authorize")
    );
    assert_eq!(
        c.param("resource_id"),
        Some(r#"[https://storage.azure.com"]()"#)
    );

    // The form Storage sends today, which also has no comma.
    let c = one("Bearer authorization_uri=https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/authorize resource_id=https://storage.azure.com");
    assert_eq!(c.param("resource_id"), Some("https://storage.azure.com"));
    assert_eq!(c.param("resource"), None);
    // An unquoted value runs to white space or a comma, `=` and `?` included.
    let c = one("Bearer error_uri=https://example.com/e?code=1&x=y, realm=a");
    assert_eq!(
        c.param("error_uri"),
        Some("https://example.com/e?code=1&x=y")
    );
    assert_eq!(c.param("realm"), Some("a"));
}

#[test]
fn missing_comma_between_parameters() {
    let value = "Bearer\n  client_id=\"Resource GUID\"\n  authorization_uri=\"https://login.windows.net/common/oauth2/authorize\",\n  error=\"insufficient_claims\",\n  claims=\"eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0=\"";
    let c = one(value);
    assert!(c.is_scheme("Bearer"));
    assert_eq!(c.params().count(), 4);
    assert_eq!(c.param("client_id"), Some("Resource GUID"));
    assert_eq!(
        c.param("authorization_uri"),
        Some("https://login.windows.net/common/oauth2/authorize")
    );
    assert_eq!(c.error(), Some(ErrorName::InsufficientClaims));
    assert_eq!(
        c.claims().as_deref(),
        Some(r#"{"access_token":{"nbf":{"essential":true, "value":"1604106651"}}}"#)
    );
}

#[test]
fn camel_case_error_description() {
    let c = one(r#"Bearer error="invalid_token", errorDescription="The token is expired""#);
    assert_eq!(c.error_description(), Some("The token is expired"));
    // The registered name wins when both are present.
    let c = one(r#"Bearer error_description="registered", errorDescription="camel""#);
    assert_eq!(c.error_description(), Some("registered"));
}

#[test]
fn key_vault_authorization_and_resource() {
    let c = one(
        r#"Bearer authorization="https://login.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47", resource="https://vault.azure.net""#,
    );
    // Key Vault's names: `authorization`, not `authorization_uri`.
    assert_eq!(
        c.param("authorization"),
        Some("https://login.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47")
    );
    assert_eq!(c.param("resource"), Some("https://vault.azure.net"));
    assert_eq!(c.param("authorization_uri"), None);
}

// Strictness: every error, with its exact message.

#[test]
fn empty_values() {
    for value in ["", " ", "\r\n\t ", ",", " , ,, "] {
        assert_eq!(
            Challenges::parse(value),
            Err(ParseError::Empty),
            "{value:?}"
        );
    }
    assert_eq!(
        ParseError::Empty.to_string(),
        "empty input where an error response was expected"
    );
}

#[test]
fn unterminated_quoted_string() {
    assert_message(
        r#"Bearer realm="abc"#,
        "invalid_challenge",
        r#"invalid challenge at byte 17: expected `"` to close the quoted string, found the end of the input"#,
    );
    // An escaped closing quote does not close.
    assert_message(
        r#"Bearer realm="abc\""#,
        "invalid_challenge",
        r#"invalid challenge at byte 19: expected `"` to close the quoted string, found the end of the input"#,
    );
    assert_message(
        r#"Bearer realm="abc\"#,
        "invalid_challenge",
        r#"invalid challenge at byte 18: expected `"` to close the quoted string, found the end of the input"#,
    );
}

#[test]
fn parameter_without_a_value() {
    assert_message(
        r#"Bearer realm="x", error="#,
        "invalid_challenge",
        "invalid challenge at byte 24: expected a parameter value, found the end of the input",
    );
    assert_message(
        r#"Bearer realm="x", error=, scope="a""#,
        "invalid_challenge",
        r#"invalid challenge at byte 24: expected a parameter value, found ", scope=\"a\"""#,
    );
    // With white space before `=`, it cannot be a token68.
    assert_message(
        "Bearer realm =",
        "invalid_challenge",
        "invalid challenge at byte 14: expected a parameter value, found the end of the input",
    );
    // The next parameter is not taken as the value.
    assert_message(
        r#"Bearer realm= error="x""#,
        "invalid_challenge",
        r#"invalid challenge at byte 14: expected a parameter value, found "error=\"x\"""#,
    );
    assert_message(
        r#"Bearer realm="x", error=="y""#,
        "invalid_challenge",
        r#"invalid challenge at byte 24: expected a parameter value, found "=\"y\"""#,
    );
}

#[test]
fn parameter_without_a_scheme() {
    assert_message(
        r#"realm="example""#,
        "invalid_challenge",
        r#"invalid challenge at byte 0: expected an authentication scheme before the first parameter, found "realm=\"example\"""#,
    );
    assert_message(
        r#"  , realm = "example", Bearer"#,
        "invalid_challenge",
        r#"invalid challenge at byte 4: expected an authentication scheme before the first parameter, found "realm = \"example\", Beare"..."#,
    );
    assert_message(
        "=x",
        "invalid_challenge",
        r#"invalid challenge at byte 0: expected an authentication scheme, found "=x""#,
    );
    assert_message(
        r#"Bearer, ="x""#,
        "invalid_challenge",
        r#"invalid challenge at byte 8: expected an authentication scheme or a parameter, found "=\"x\"""#,
    );
}

#[test]
fn token68_followed_by_parameters() {
    assert_message(
        r#"Basic dXNlcjpwYXNz, realm="x""#,
        "invalid_challenge",
        r#"invalid challenge at byte 20: expected a new challenge (a challenge with a token68 takes no parameters), found "realm=\"x\"""#,
    );
    // Without a comma, `abc=` reads as a parameter whose value is missing.
    assert_message(
        r#"Negotiate abc== realm="x""#,
        "invalid_challenge",
        r#"invalid challenge at byte 14: expected a parameter value, found "= realm=\"x\"""#,
    );
    // A token68, then white space and a scheme: two challenges run together.
    let two = Challenges::parse("Negotiate abc def").unwrap();
    assert_eq!((two[0].token68(), two[1].scheme()), (Some("abc"), "def"));
}

#[test]
fn missing_separators() {
    // A scheme after white space starts the next challenge (azure-core
    // for Python reads them so).
    let two = Challenges::parse(r#"Bearer realm="x" Basic"#).unwrap();
    assert_eq!(
        (two[0].param("realm"), two[1].scheme()),
        (Some("x"), "Basic")
    );
    let two = Challenges::parse(r#"Bearer realm="x" Basic realm="y""#).unwrap();
    assert_eq!(
        (two[0].param("realm"), two[1].param("realm")),
        (Some("x"), Some("y"))
    );
    assert_message(
        r#"Bearer realm="x" "y""#,
        "invalid_challenge",
        r#"invalid challenge at byte 17: expected `,` or another parameter, found "\"y\"""#,
    );
    assert_message(
        r#"Bearer realm="x"error="y""#,
        "invalid_challenge",
        r#"invalid challenge at byte 16: expected `,` or white space after the parameter value, found "error=\"y\"""#,
    );
    assert_message(
        r#"Bearer"x""#,
        "invalid_challenge",
        r#"invalid challenge at byte 6: expected white space or `,` after the authentication scheme, found "\"x\"""#,
    );
    assert_message(
        r#"Bearer realm "x""#,
        "invalid_challenge",
        r#"invalid challenge at byte 13: expected `=` after the parameter name, found "\"x\"""#,
    );
}

#[test]
fn control_characters() {
    assert_message(
        "Bearer error=\"a\u{1}b\"",
        "invalid_challenge",
        r#"invalid challenge at byte 15: expected a visible character in the quoted string, found "\u{1}b\"""#,
    );
    assert_message(
        "Bearer error=a\u{0}b",
        "invalid_challenge",
        r#"invalid challenge at byte 14: expected a visible character in the parameter value, found "\0b""#,
    );
    assert_message(
        "Bearer error=\"a\\\u{1}\"",
        "invalid_challenge",
        r#"invalid challenge at byte 16: expected a visible character after `\`, found "\u{1}\"""#,
    );
    assert_message(
        "Bear\u{7f}er",
        "invalid_challenge",
        r#"invalid challenge at byte 4: expected white space or `,` after the authentication scheme, found "\u{7f}er""#,
    );
    assert_message(
        "Bearer realm=\"x\",\u{b}DPoP",
        "invalid_challenge",
        r#"invalid challenge at byte 17: expected an authentication scheme or a parameter, found "\u{b}DPoP""#,
    );
}

#[test]
fn duplicate_parameters() {
    assert_message(
        r#"Bearer realm="a", Realm="b""#,
        "duplicate",
        r#""Realm" appears more than once"#,
    );
    assert_message(
        r#"Bearer error="invalid_token" ERROR=insufficient_scope"#,
        "duplicate",
        r#""ERROR" appears more than once"#,
    );
    // The same name in two challenges is fine.
    let challenges = parse(r#"Bearer realm="a", DPoP realm="b""#);
    assert_eq!(challenges[0].param("realm"), Some("a"));
    assert_eq!(challenges[1].param("realm"), Some("b"));
    // The registered name and Microsoft's spelling are different names.
    let c = one(r#"Bearer error_description="a", errorDescription="b""#);
    assert_eq!(c.params().count(), 2);
}

#[test]
fn too_large() {
    let limits = {
        let mut limits = Limits::DEFAULT;
        limits.max_header = 10;
        limits
    };
    assert_eq!(
        parse_within(r#"Bearer realm="x""#, limits),
        Err(ParseError::TooLarge { len: 16, limit: 10 })
    );
    assert_eq!(
        parse_within(r#"Bearer realm="x""#, limits)
            .unwrap_err()
            .to_string(),
        "input is 16 bytes, over the limit of 10 bytes"
    );
    // At the limit is fine.
    assert!(parse_within("Bearer a=b", limits).is_ok());
    // The default is 16 KiB.
    let long = format!("Bearer realm=\"{}\"", "x".repeat(16 * 1024));
    assert_eq!(Challenges::parse(&long).unwrap_err().kind(), "too_large");
}

// Typed accessors.

#[test]
fn claims_decoding() {
    // The value as a quoted string, escapes and all.
    let claims = |value: &str| {
        let quoted = value.replace('\\', "\\\\").replace('"', "\\\"");
        one(&format!(r#"Bearer claims="{quoted}""#))
            .claims()
            .map(|c| c.into_owned())
    };
    // Padded, padding missing, padding wrong.
    let padded = "eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiY3AxIn19fQ==";
    assert_eq!(claims(padded).as_deref(), Some(CAE_CLAIMS));
    assert_eq!(
        claims(padded.trim_end_matches('=')).as_deref(),
        Some(CAE_CLAIMS)
    );
    assert_eq!(claims(&format!("{padded}=")).as_deref(), Some(CAE_CLAIMS));
    assert_eq!(
        claims(&padded[..padded.len() - 1]).as_deref(),
        Some(CAE_CLAIMS)
    );
    // Standard and URL-safe alphabets.
    assert_eq!(
        claims("eyJhIjoiw6k/Pz4ifQ==").as_deref(),
        Some("{\"a\":\"\u{e9}??>\"}")
    );
    assert_eq!(
        claims("eyJhIjoiw6k_Pz4ifQ").as_deref(),
        Some("{\"a\":\"\u{e9}??>\"}")
    );
    // Not base64, or not UTF-8 once decoded: the raw value, unchanged.
    assert_eq!(
        claims(r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#).as_deref(),
        Some(r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#)
    );
    assert_eq!(claims("not base64!").as_deref(), Some("not base64!"));
    assert_eq!(claims("eyJh=IjoiYiJ9").as_deref(), Some("eyJh=IjoiYiJ9"));
    assert_eq!(claims("eyJhI").as_deref(), Some("eyJhI"));
    assert_eq!(claims("//79").as_deref(), Some("//79"));
    // Empty or absent.
    assert_eq!(claims(""), None);
    assert_eq!(one("Bearer").claims(), None);
}

#[test]
fn claims_from_a_quoted_or_unquoted_value_borrow_when_raw() {
    let value = "Bearer claims=not-json!";
    let c = one(value);
    let claims = c.claims().unwrap();
    assert_eq!(claims, "not-json!");
    assert_borrowed(value, &claims);
}

#[test]
fn max_age_quoted_and_unquoted() {
    let max_age = |value: &str| one(value).max_age();
    assert_eq!(max_age(r#"Bearer max_age="5""#), Some(5));
    assert_eq!(max_age("Bearer max_age=300"), Some(300));
    assert_eq!(max_age("Bearer max_age=0"), Some(0));
    assert_eq!(max_age("Bearer max_age=007"), Some(7));
    assert_eq!(max_age(r#"Bearer max_age="""#), None);
    assert_eq!(max_age("Bearer max_age=-1"), None);
    assert_eq!(max_age("Bearer max_age=+1"), None);
    assert_eq!(max_age(r#"Bearer max_age=" 5""#), None);
    assert_eq!(max_age("Bearer max_age=5s"), None);
    assert_eq!(max_age("Bearer max_age=99999999999999999999999"), None);
    assert_eq!(max_age("Bearer realm=x"), None);
}

#[test]
fn algs_split_on_white_space() {
    let c = one(r#"DPoP algs="  ES256   PS256 EdDSA ""#);
    assert_eq!(c.algs().collect::<Vec<_>>(), ["ES256", "PS256", "EdDSA"]);
    assert_eq!(one("DPoP algs=RS256").algs().collect::<Vec<_>>(), ["RS256"]);
    assert_eq!(one("DPoP").algs().count(), 0);
    assert_eq!(one(r#"DPoP algs="""#).algs().count(), 0);
}

#[test]
fn other_accessors() {
    let c = one(
        r#"Bearer resource_metadata="https://resource.example.com/.well-known/oauth-protected-resource", error_uri="https://example.com/help", client_id=00000003-0000-0000-c000-000000000000, error="""#,
    );
    assert_eq!(
        c.param("resource_metadata"),
        Some("https://resource.example.com/.well-known/oauth-protected-resource")
    );
    assert_eq!(c.param("error_uri"), Some("https://example.com/help"));
    assert_eq!(
        c.param("client_id"),
        Some("00000003-0000-0000-c000-000000000000")
    );
    // An empty error is no error.
    assert_eq!(c.param("error"), Some(""));
    assert_eq!(c.error(), None);
    // Unknown codes are kept.
    let c = one("Bearer error=vendor_specific");
    assert_eq!(c.error().unwrap().as_str(), "vendor_specific");
    assert!(matches!(c.error(), Some(ErrorName::Other(_))));
    // Absent parameters.
    let c = one("Bearer");
    assert_eq!(c.param("realm"), None);
    assert_eq!(c.param("scope"), None);
    assert_eq!(c.error_description(), None);
    assert_eq!(c.param("authorization_uri"), None);
    assert_eq!(c.param("resource"), None);
    assert_eq!(c.param("acr_values"), None);
}

#[test]
fn equality_is_structural() {
    // Names as written, values after unquoting, parameters in order.
    let c = one(r#"Bearer REALM="b", error=invalid_token"#);
    assert_eq!(
        c.params().collect::<Vec<_>>(),
        [("REALM", "b"), ("error", "invalid_token")]
    );
    assert_eq!(c, one(r#"Bearer REALM=b, error="invalid_token""#));
    assert_ne!(c, one(r#"bearer REALM="b", error=invalid_token"#));
    assert_ne!(c, one(r#"Bearer realm="b", error=invalid_token"#));
    assert_ne!(c, one(r#"Bearer error=invalid_token, REALM="b""#));
}

// Borrowing and ownership.

#[test]
fn values_borrow_from_the_input_unless_unescaped() {
    let value = r#"Bearer realm="example", error=invalid_token, error_description="say \"hi\"", Negotiate abc=="#;
    let challenges = parse(value);
    let c = &challenges[0];
    assert_borrowed(value, c.scheme());
    assert_borrowed(value, c.param("realm").unwrap());
    assert_borrowed(value, c.param("error").unwrap());
    assert_borrowed(value, c.params().next().unwrap().0);
    assert_borrowed(value, challenges[1].token68().unwrap());
    // Unescaping needs a copy.
    let description = c.error_description().unwrap();
    assert_eq!(description, r#"say "hi""#);
    let start = value.as_ptr() as usize;
    assert!(!(start..start + value.len()).contains(&(description.as_ptr() as usize)));
}

#[test]
fn into_owned_is_equal_and_detached() {
    let value = format!("{CAE}, Negotiate abc==, DPoP error_description=\"a \\\"b\\\"\"");
    let challenges = Challenges::parse(&value).unwrap();
    let owned: Vec<Challenge<'static>> = challenges
        .iter()
        .cloned()
        .map(Challenge::into_owned)
        .collect();
    assert_eq!(owned, *challenges);
    drop(challenges);
    drop(value);
    assert_eq!(owned[0].claims().as_deref(), Some(CAE_CLAIMS));
    assert_eq!(owned[1].token68(), Some("abc=="));
    assert_eq!(owned[2].error_description(), Some(r#"a "b""#));
}

// Robustness.

#[test]
fn non_ascii_text_is_never_split() {
    let c = one("Bearer realm=\u{e9}t\u{e9}, error_description=\"\u{1f600} \u{e9}\"");
    assert_eq!(c.param("realm"), Some("\u{e9}t\u{e9}"));
    assert_eq!(c.error_description(), Some("\u{1f600} \u{e9}"));
    let err = Challenges::parse("\u{e9}t\u{e9}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid challenge at byte 0: expected an authentication scheme, found \"\u{e9}t\u{e9}\""
    );
    let err = Challenges::parse("Bearer\u{e9}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid challenge at byte 6: expected white space or `,` after the authentication scheme, found \"\u{e9}\""
    );
}

#[test]
fn never_panics_on_short_inputs() {
    // Every string of up to five characters from an alphabet of the
    // characters that matter to the grammar.
    const ALPHABET: [char; 11] = [
        'B', 'a', '=', ',', ' ', '"', '\\', '\n', '\u{0}', '\u{e9}', '/',
    ];
    let mut text = String::new();
    let mut indices = Vec::new();
    for len in 0..=5 {
        indices.clear();
        indices.resize(len, 0usize);
        loop {
            text.clear();
            text.extend(indices.iter().map(|&i| ALPHABET[i]));
            if let Ok(challenges) = Challenges::parse(&text) {
                for c in challenges.iter() {
                    let _ = (c.claims(), c.max_age(), c.algs().count(), c.error());
                }
            }
            // Next combination, like an odometer.
            let mut position = 0;
            while position < len {
                indices[position] += 1;
                if indices[position] < ALPHABET.len() {
                    break;
                }
                indices[position] = 0;
                position += 1;
            }
            if position == len {
                break;
            }
        }
    }
}

#[test]
fn hostile_inputs_are_linear() {
    // Each would take minutes if any step rescanned the input.
    let unlimited = {
        let mut limits = Limits::DEFAULT;
        limits.max_header = usize::MAX;
        limits.max_params = usize::MAX;
        limits.max_challenges = usize::MAX;
        limits
    };
    let n = 200_000;
    let many_params: String = std::iter::once("Bearer ".to_owned())
        .chain((0..n).map(|i| format!("p{i}=v, ")))
        .collect();
    let challenges = parse_within(&many_params, unlimited).unwrap();
    assert_eq!(challenges[0].params().count(), n);
    let spaced: String = std::iter::once("Bearer ".to_owned())
        .chain((0..n).map(|i| format!("p{i}=v ")))
        .collect();
    assert_eq!(
        parse_within(&spaced, unlimited).unwrap()[0]
            .params()
            .count(),
        n
    );
    // Many parameters, then many challenges with one parameter each.
    let wide_then_many: String = std::iter::once("Bearer ".to_owned())
        .chain((0..n).map(|i| format!("p{i}=v, ")))
        .chain((0..n).map(|_| "Basic realm=x, ".to_owned()))
        .collect();
    assert_eq!(
        parse_within(&wide_then_many, unlimited).unwrap().len(),
        n + 1
    );
    let many_schemes = "Bearer, ".repeat(n);
    assert_eq!(parse_within(&many_schemes, unlimited).unwrap().len(), n);
    let unterminated = format!("Bearer realm=\"{}", "\\\"".repeat(n));
    assert_eq!(
        parse_within(&unterminated, unlimited).unwrap_err().kind(),
        "invalid_challenge"
    );
    let long_token68 = format!("Negotiate {}", "a".repeat(n));
    assert_eq!(
        parse_within(&long_token68, unlimited).unwrap()[0]
            .token68()
            .map(str::len),
        Some(n)
    );
    // `a=` then a long unquoted value, then a second challenge.
    let almost_token68 = format!("Negotiate {} x", "a=".repeat(n));
    let two = parse_within(&almost_token68, unlimited).unwrap();
    assert_eq!((two.len(), two[1].scheme()), (2, "x"));
    let commas = ",".repeat(n);
    assert_eq!(parse_within(&commas, unlimited), Err(ParseError::Empty));
    let duplicates: String = std::iter::once("Bearer ".to_owned())
        .chain((0..n).map(|i| format!("P{i}=v, ")))
        .chain(std::iter::once("p0=v".to_owned()))
        .collect();
    assert_eq!(
        parse_within(&duplicates, unlimited)
            .unwrap_err()
            .to_string(),
        r#""p0" appears more than once"#
    );
}
