//! Token endpoint error bodies: generated bodies parse to their model,
//! `error_codes` outside `u32` are a clear error, and serde's `Deserialize`
//! and `Serialize` agree with `from_json`.

use oauth_triage::{classify, ErrorName, ParseError, Suberror, TokenError};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};

use crate::gen::*;

proptest! {
    #![proptest_config(config(256))]

    /// A generated token body parses, and every member reads back as generated.
    #[test]
    fn token_bodies_parse_to_their_model(body in token_body()) {
        let bytes = body.render(&Desc::Keep);
        let err = parsed(TokenError::from_json(&bytes), &bytes)?;
        let expected = body.expect(&Desc::Keep);
        prop_assert_eq!(err.error(), &ErrorName::from(expected.error.as_str()));
        prop_assert_eq!(
            err.suberror().cloned(),
            expected.suberror.as_deref().map(Suberror::from)
        );
        prop_assert_eq!(TokenFields::of(&err), expected);
        check_classification(&classify(&err))?;
    }

    /// `error_codes` from 0 to `u32::MAX` are codes; anything else in the
    /// array (beyond `u32`, negative, fractional, huge, not a number) is a
    /// `wrong_type` error naming the member, never a panic or a wrapped value.
    #[test]
    fn error_codes_outside_u32_are_a_clear_error(
        body in token_body(),
        good in vec(code(), 0..3),
        bad in select(&[
            "4294967296", "18446744073709551615", "18446744073709551616",
            "123456789012345678901234567890", "1e30", "-1", "1.5", "-0.5",
            "\"AADSTS4294967296\"", "\"99999999999\"", "\"\"", "\"12a\"", "\"-1\"",
            "null", "true", "[]", "{}",
        ][..]),
        at in any::<Index>(),
    ) {
        let mut elements: Vec<String> = good.iter().map(u32::to_string).collect();
        elements.insert(at.index(elements.len() + 1), bad.to_owned());
        let mut body = body;
        body.members.retain(|(m, _)| !matches!(m, Member::Codes(_)));
        body.members.push((Member::Extra("error_codes".to_owned(), format!("[{}]", elements.join(","))), Vec::new()));
        let bytes = body.render(&Desc::Keep);
        let err = TokenError::from_json(&bytes).unwrap_err();
        prop_assert_eq!(&err, &ParseError::WrongType {
            field: "error_codes",
            found: "an array with a non-code element",
            expected: "an array of integers",
        });
        prop_assert_eq!(
            err.to_string(),
            "`error_codes` is an array with a non-code element, expected an array of integers"
        );
        // The edges themselves are codes.
        let edges = format!(r#"{{"error":"invalid_grant","error_codes":[0,{}]}}"#, u32::MAX);
        let edges = TokenError::from_json(edges.as_bytes()).unwrap();
        prop_assert_eq!(edges.error_codes(), &[0, u32::MAX]);
    }
}

// ---------------------------------------------------------------------------
// Serde: Deserialize checks what from_json checks; Serialize gives the body back
// ---------------------------------------------------------------------------

/// Valid token bodies, the same with a few bytes edited, and junk.
fn token_body_bytes() -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        3 => token_body().prop_map(|b| b.render(&Desc::Keep)),
        3 => mutate_bytes(token_body().prop_map(|b| b.render(&Desc::Keep))),
        1 => junk_body(),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(config(512))]

    /// `Deserialize` (through a slice, a reader, and `serde_path_to_error` as
    /// `oauth2` calls it) accepts what `from_json` accepts, with the same
    /// value, and refuses what it refuses; but for text that is not UTF-8,
    /// which serde_json refuses first and `from_json` reads lossily. A byte order mark is not JSON:
    /// serde_json refuses it before `TokenError` sees anything, so it is
    /// taken off first.
    #[test]
    fn deserialize_agrees_with_from_json(body in token_body_bytes()) {
        let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&body);
        let expected = TokenError::from_json(body);
        let from_slice = serde_json::from_slice::<TokenError<'static>>(body);
        let from_reader = serde_json::from_reader::<_, TokenError<'static>>(body);
        let mut de = serde_json::Deserializer::from_slice(body);
        let path = serde_path_to_error::deserialize::<_, TokenError<'static>>(&mut de)
            .map_err(|e| e.to_string())
            .and_then(|err| de.end().map(|()| err).map_err(|e| e.to_string()));
        match &expected {
            // serde_json refuses text that is not UTF-8 before `TokenError`
            // sees it; `from_json` reads it lossily where it is free text.
            Ok(_) if std::str::from_utf8(body).is_err() => {
                prop_assert!(from_slice.is_err());
            }
            Ok(err) => {
                prop_assert_eq!(from_slice.as_ref().ok(), Some(err));
                prop_assert_eq!(from_reader.as_ref().ok(), Some(err));
                prop_assert_eq!(path.as_ref().ok(), Some(err));
            }
            Err(e) => {
                prop_assert!(from_slice.is_err(), "from_json: {}", e);
                prop_assert!(from_reader.is_err(), "from_json: {}", e);
                prop_assert!(path.is_err(), "from_json: {}", e);
                // The deserializer's message is one log line, as a ParseError's is.
                let message = from_slice.unwrap_err().to_string();
                prop_assert!(!message.chars().any(char::is_control), "{:?}", message);
            }
        }
    }

    /// `from_json(serialize(err)) == err` for every body `from_json`
    /// accepts, and `Deserialize` reads the serialized body back too.
    #[test]
    fn serialize_then_parse_round_trips(body in token_body_bytes()) {
        let Ok(err) = TokenError::from_json(&body) else {
            return Ok(());
        };
        let json = serde_json::to_vec(&err).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let again = parsed(TokenError::from_json(&json), &json)?;
        prop_assert_eq!(&again, &err);
        let owned = serde_json::from_slice::<TokenError<'static>>(&json)
            .map_err(|e| TestCaseError::fail(format!("{e} for {}", String::from_utf8_lossy(&json))))?;
        prop_assert_eq!(&owned, &err);
        prop_assert_eq!(classify(&owned), classify(&err));
        // Written again, the body is the same bytes.
        prop_assert_eq!(serde_json::to_vec(&owned).ok(), Some(json));
    }
}
