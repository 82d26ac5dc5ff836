//! The golden rule, the crate's first promise: the description never
//! decides. On every surface, with the description removed, replaced by any
//! text, or replaced by text that names other error values, suberrors and
//! codes, the classification is the same.

use oauth_triage::{classify, Callback, Challenge, Challenges, ExpectedCallback, TokenError};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

#[cfg(feature = "oauth2")]
use ::oauth2::basic::BasicErrorResponse;
#[cfg(feature = "oauth2")]
use ::oauth2::RequestTokenError;

use crate::gen::*;

/// A parsed token error written back as its JSON body, with the
/// description removed or replaced: the edit made on the parsed value.
fn token_rewritten(err: &TokenError<'_>, desc: &Desc) -> Vec<u8> {
    let written = serde_json::to_string(err).expect("a token error serializes");
    let text = match desc {
        Desc::Replace(text) => Some(text.as_str()),
        _ => None,
    };
    crate::described::described(&written, text)
}

/// A parsed challenge written back as a header value, with its
/// description (`error_description`, `errorDescription`) removed or
/// replaced: the edit made on the parsed value. A token68 stays as it was:
/// a challenge with one has no parameters.
fn challenge_rewritten(c: &Challenge<'_>, desc: &Desc) -> String {
    if let Some(token68) = c.token68() {
        return format!("{} {token68}", c.scheme());
    }
    let mut params: Vec<String> = c
        .params()
        .filter(|(name, _)| {
            !name.eq_ignore_ascii_case("error_description")
                && !name.eq_ignore_ascii_case("errorDescription")
        })
        .map(|(name, value)| format!("{name}={}", quote(value, &[])))
        .collect();
    if let Desc::Replace(text) = desc {
        params.push(format!("error_description={}", quote(text, &[])));
    }
    match params.is_empty() {
        true => c.scheme().to_owned(),
        false => format!("{} {}", c.scheme(), params.join(", ")),
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Token bodies: the same classification whatever the description, edited
    /// in the JSON text and in the parsed value.
    #[test]
    fn the_description_never_decides_for_token_bodies(body in token_body(), variants in desc_variants()) {
        let bytes = body.render(&Desc::Keep);
        let err = parsed(TokenError::from_json(&bytes), &bytes)?;
        let baseline = outcome(&classify(&err));
        for desc in &variants {
            let bytes = body.render(desc);
            let edited = parsed(TokenError::from_json(&bytes), &bytes)?;
            prop_assert_eq!(TokenFields::of(&edited), body.expect(desc));
            prop_assert_eq!(&outcome(&classify(&edited)), &baseline, "{:?}", desc);
            // The same edit on the parsed value, written back as JSON.
            let rewritten = token_rewritten(&err, desc);
            let rebuilt = parsed(TokenError::from_json(&rewritten), &rewritten)?;
            let expected = match desc {
                Desc::Replace(text) => Some(text.as_str()),
                _ => None,
            };
            prop_assert_eq!(rebuilt.description(), expected);
            prop_assert_eq!(&outcome(&classify(&rebuilt)), &baseline, "{:?}", desc);
        }
    }

    /// Redirects and `form_post` bodies: the same classification whatever
    /// the description.
    #[test]
    fn the_description_never_decides_for_redirects(redirect in redirect(), variants in desc_variants()) {
        let text = redirect.render(&Desc::Keep);
        let verified = parsed(redirect.parse(&text), text.as_bytes())?;
        let baseline = outcome(&classify(error_of(&verified)));
        for desc in &variants {
            let text = redirect.render(desc);
            let edited = parsed(redirect.parse(&text), text.as_bytes())?;
            prop_assert_eq!(AuthorizeFields::of(&edited), redirect.expect(desc));
            prop_assert_eq!(&outcome(&classify(error_of(&edited))), &baseline, "{:?}", desc);
        }
    }

    /// Challenges: the same classification whatever `error_description` (or
    /// `errorDescription`) says, edited in the header text and in the
    /// parsed challenges.
    #[test]
    fn the_description_never_decides_for_challenges(
        headers in vec(header(), 1..3),
        sent_scheme in option::of(select(&["Bearer", "DPoP"][..])),
        variants in desc_variants(),
    ) {
        let build = |desc: &Desc| -> Vec<String> { headers.iter().map(|h| h.render(desc)).collect() };
        let gather = |texts: &[String]| -> Result<Outcome, TestCaseError> {
            let mut challenges = texts.iter().fold(Challenges::default(), |all, t| all.header(t));
            prop_assert_eq!(challenges.parse_error(), None, "{:?}", texts);
            if let Some(scheme) = sent_scheme {
                challenges = challenges.sent_scheme(scheme);
            }
            Ok(outcome(&classify(&challenges)))
        };
        let texts = build(&Desc::Keep);
        let baseline = gather(&texts)?;
        let parsed_all = texts.iter().fold(Challenges::default(), |all, t| all.header(t));
        for desc in &variants {
            prop_assert_eq!(&gather(&build(desc))?, &baseline, "{:?}", desc);
            // The same edit on the parsed challenges, each written back as
            // a header of its own.
            let rewritten: Vec<String> = parsed_all.iter().map(|c| challenge_rewritten(c, desc)).collect();
            let edited = rewritten.iter().fold(Challenges::default(), |all, t| all.header(t));
            prop_assert_eq!(edited.parse_error(), None, "{:?}", rewritten);
            let edited = match sent_scheme {
                Some(scheme) => edited.sent_scheme(scheme),
                None => edited,
            };
            prop_assert_eq!(&outcome(&classify(&edited)), &baseline, "{:?}", desc);
        }
    }

    /// Whole responses (any status, `Retry-After`, `DPoP-Nonce`, challenges,
    /// a token or Graph body): the same classification whatever every
    /// description and message says.
    #[test]
    fn the_description_never_decides_for_http_responses(http in http_gen(), variants in desc_variants()) {
        let baseline = outcome(&classify(http.render(&Desc::Keep).response()));
        for desc in &variants {
            let rendered = http.render(desc);
            let response = rendered.response();
            prop_assert_eq!(response.challenges().parse_error(), None);
            prop_assert_eq!(&outcome(&classify(&response)), &baseline, "{:?}", desc);
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// The golden rule through `Callback`: the description never decides.
    #[test]
    fn the_description_never_decides_for_callbacks(redirect in redirect(), variants in desc_variants()) {
        let text = redirect.render(&Desc::Keep);
        let Ok(callback) = redirect.callback(&text) else { return Ok(()) };
        let verified = callback.check(&ExpectedCallback::state_not_checked());
        let verified = verified.map_err(|e| TestCaseError::fail(e.to_string()))?;
        let baseline = outcome(&classify(verified.error().expect("an error callback")));
        for desc in &variants {
            let text = redirect.render(desc);
            let callback = parsed(redirect.callback(&text), text.as_bytes())?;
            let verified = callback.check(&ExpectedCallback::state_not_checked())
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&outcome(&classify(verified.error().expect("an error callback"))), &baseline, "{:?}", desc);
            let pairs = Callback::from_query_pairs(redirect.pairs(desc))
                .map_err(|e| TestCaseError::fail(e.to_string()))?
                .check(&ExpectedCallback::state_not_checked())
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&outcome(&classify(pairs.error().expect("an error callback"))), &baseline, "{:?}", desc);
        }
    }
}

proptest! {
    #![proptest_config(config(512))]

    /// A deserialized error with its description removed or replaced (any
    /// text, or text that names other values and codes) classifies the same.
    #[test]
    fn the_description_never_decides_for_deserialized_errors(
        body in token_body(),
        variants in desc_variants(),
    ) {
        let bytes = body.render(&Desc::Keep);
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let err = serde_json::from_slice::<TokenError<'static>>(bytes)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let baseline = classify(&err);
        for desc in &variants {
            let bytes = body.render(desc);
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            let edited = serde_json::from_slice::<TokenError<'static>>(bytes)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(TokenFields::of(&edited), body.expect(desc));
            prop_assert_eq!(&classify(&edited), &baseline, "{:?}", desc);
        }
    }
}

#[cfg(feature = "oauth2")]
proptest! {
    #![proptest_config(config(128))]

    /// Token bodies as oauth2 hands them over, as `TokenError<'static>`
    /// (parsed through `serde_path_to_error`, as oauth2 does) or as its
    /// own `BasicErrorResponse`: the description never decides, and a
    /// `TokenError` classifies as `from_json`'s.
    #[test]
    fn the_description_never_decides_for_oauth2_errors(body in token_body(), variants in desc_variants()) {
        let read = |bytes: &[u8]| {
            serde_path_to_error::deserialize::<_, TokenError<'static>>(
                &mut serde_json::Deserializer::from_slice(bytes),
            )
        };
        let basic = |bytes: &[u8]| serde_json::from_slice::<BasicErrorResponse>(bytes);
        let bytes = body.render(&Desc::Keep);
        let Ok(err) = read(&bytes) else { return Ok(()) };
        let direct = parsed(TokenError::from_json(&bytes), &bytes)?;
        let server: Error<TokenError<'static>> = RequestTokenError::ServerResponse(err);
        let baseline = outcome(&classify(&server));
        prop_assert_eq!(&baseline, &outcome(&classify(&direct)));
        let basic_baseline = basic(&bytes).ok().map(|e| outcome(&classify(&e)));
        for desc in &variants {
            let bytes = body.render(desc);
            let edited: Error<TokenError<'static>> = RequestTokenError::ServerResponse(
                read(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?,
            );
            prop_assert_eq!(&outcome(&classify(&edited)), &baseline, "{:?}", desc);
            if let (Some(expected), Ok(e)) = (&basic_baseline, basic(&bytes)) {
                prop_assert_eq!(&outcome(&classify(&e)), expected, "{:?}", desc);
                let wrapped: Error<BasicErrorResponse> = RequestTokenError::ServerResponse(e);
                prop_assert_eq!(&outcome(&classify(&wrapped)), expected, "{:?}", desc);
            }
        }
    }
}
