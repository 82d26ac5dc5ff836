//! Owned and borrowed values: `into_owned` keeps every parsed value and
//! classification equal, and a value given by value classifies as the same
//! value given by reference.

use oauth_triage::{classify, Challenges, HttpResponse, ResourceError, TokenError};
use proptest::collection::vec;
use proptest::prelude::*;

use crate::gen::*;

proptest! {
    #![proptest_config(config(128))]

    /// `into_owned` keeps every parsed value equal to the borrowed one.
    #[test]
    fn into_owned_preserves_equality(
        body in token_body(),
        redirect in redirect(),
        headers in vec(header(), 1..3),
        resource in resource_body(),
        http in http_gen(),
        junk in junk_text(),
    ) {
        let bytes = body.render(&Desc::Keep);
        let token = parsed(TokenError::from_json(&bytes), &bytes)?;
        prop_assert_eq!(token.clone().into_owned(), token.clone());

        let text = redirect.render(&Desc::Keep);
        let verified = parsed(redirect.parse(&text), text.as_bytes())?;
        let authorize = error_of(&verified);
        prop_assert_eq!(authorize.clone().into_owned(), authorize.clone());
        let owned = verified.clone().into_owned();
        prop_assert_eq!(owned.error(), Some(authorize));
        prop_assert_eq!(AuthorizeFields::of(&owned), AuthorizeFields::of(&verified));

        let texts: Vec<String> = headers.iter().map(|h| h.render(&Desc::Keep)).collect();
        for text in &texts {
            for challenge in parsed(Challenges::parse(text), text.as_bytes())?.iter() {
                prop_assert_eq!(&challenge.clone().into_owned(), challenge);
            }
        }
        let challenges = texts
            .iter()
            .fold(Challenges::default(), |all, t| all.header(t))
            .header(&junk)
            .sent_scheme("DPoP");
        prop_assert_eq!(challenges.clone().into_owned(), challenges.clone());

        let bytes = resource.render(&Desc::Keep);
        let graph = parsed(ResourceError::from_json(&bytes), &bytes)?;
        prop_assert_eq!(graph.clone().into_owned(), graph.clone());

        let rendered = http.render(&Desc::Keep);
        let response = rendered.response();
        for c in [
            classify(&token),
            classify(authorize),
            classify(&challenges),
            classify(&response),
        ] {
            prop_assert_eq!(c.clone().into_owned(), c);
        }
    }

    /// A value given by value classifies as the same value given by
    /// reference, on every surface.
    #[test]
    fn inputs_by_value_classify_as_by_reference(
        body in token_body(),
        redirect in redirect(),
        header in header(),
        http in http_gen(),
    ) {
        let bytes = body.render(&Desc::Keep);
        if let Ok(err) = TokenError::from_json(&bytes) {
            prop_assert_eq!(classify(err.clone()), classify(&err));
        }
        let text = redirect.render(&Desc::Keep);
        if let Ok(verified) = redirect.parse(&text) {
            let err = error_of(&verified);
            prop_assert_eq!(classify(err.clone()), classify(err));
        }
        let text = header.render(&Desc::Keep);
        if let Ok(challenges) = Challenges::parse(&text) {
            prop_assert_eq!(classify(challenges.clone()), classify(&challenges));
        }
        let rendered = http.render(&Desc::Keep);
        let response = rendered.response();
        prop_assert_eq!(classify(response.clone()), classify(&response));
        // Owned header values read as borrowed ones.
        let mut owned = HttpResponse::new(rendered.status);
        for (name, value) in &rendered.headers {
            owned = owned.header(name, value.clone());
        }
        if let Some(scheme) = rendered.used_scheme {
            owned = owned.sent_scheme(scheme);
        }
        prop_assert_eq!(classify(owned.body(&rendered.body)), classify(&response));
    }
}
