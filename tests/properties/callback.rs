//! Authorization responses: redirects and `form_post` bodies parse to their
//! model, line breaks are ignored, and successes and errors are read and
//! checked alike by every constructor.

use oauth_triage::{classify, Callback, ErrorName, ExpectedCallback, ParseError, ResponseMode};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{select, Index};

use crate::gen::*;

proptest! {
    #![proptest_config(config(256))]

    /// A generated redirect or `form_post` body parses, and every parameter
    /// reads back as generated.
    #[test]
    fn redirects_parse_to_their_model(redirect in redirect()) {
        let text = redirect.render(&Desc::Keep);
        let verified = parsed(redirect.parse(&text), text.as_bytes())?;
        let err = error_of(&verified);
        let expected = redirect.expect(&Desc::Keep);
        prop_assert_eq!(err.error(), &ErrorName::from(expected.error.as_str()));
        prop_assert_eq!(AuthorizeFields::of(&verified), expected);
        check_classification(&classify(err))?;
    }

    /// Line breaks and tabs anywhere in a redirect URL are ignored, as the
    /// docs promise (and as browsers do).
    #[test]
    fn line_breaks_in_redirect_urls_are_ignored(
        redirect in redirect().prop_filter("a URL", |r| r.shape != Shape::FormPost),
        breaks in vec((any::<Index>(), select(&["\n", "\r\n", "\t"][..])), 1..4),
    ) {
        let text = redirect.render(&Desc::Keep);
        let mut wrapped: Vec<String> = text.chars().map(String::from).collect();
        for (at, piece) in breaks {
            let i = at.index(wrapped.len() + 1);
            wrapped.insert(i, piece.to_owned());
        }
        let wrapped = wrapped.concat();
        let verified = parsed(error_callback(Callback::from_redirect_uri(&wrapped)), wrapped.as_bytes())?;
        prop_assert_eq!(AuthorizeFields::of(&verified), redirect.expect(&Desc::Keep));
    }
}

/// Regression: a tab or line break inside a `%XX` escape, or before the `/`
/// of a hash-router fragment, used to break the parse (a bad percent-encoding
/// error, or a missing `error`), although the docs say they are ignored.
#[test]
fn line_breaks_inside_escapes_and_router_prefixes_are_ignored() {
    for (wrapped, plain) in [
        ("?error=x&state=a%2\n0b", "?error=x&state=a%20b"),
        ("?error=x&state=a%\r\n20b", "?error=x&state=a%20b"),
        ("?error=x&state=%C3\t%\nA9", "?error=x&state=%C3%A9"),
        (
            "https://app/#\n/error=login_required&state=s1",
            "https://app/#/error=login_required&state=s1",
        ),
        (
            "https://app/#/\n/error=login_required&state=s1",
            "https://app/#//error=login_required&state=s1",
        ),
        (
            "https://app/#\t/callback?error=login_required",
            "https://app/#/callback?error=login_required",
        ),
    ] {
        let read = |text| {
            error_callback(Callback::from_redirect_uri(text))
                .map(|verified| error_of(&verified).clone().into_owned())
        };
        assert_eq!(read(wrapped), read(plain), "{wrapped:?}");
        assert!(read(wrapped).is_ok(), "{wrapped:?}");
    }
    // A break does not make a short escape whole, and the offset is the `%`'s.
    assert_eq!(
        Callback::from_redirect_uri("?error=x&state=a%2\n").map(|_| ()),
        Err(ParseError::BadPercentEncoding {
            offset: 16,
            reason: "`%` is not followed by two hex digits"
        })
    );
}

// ---------------------------------------------------------------------------
// Callbacks: successes and errors read and checked alike
// ---------------------------------------------------------------------------

impl Redirect {
    /// The same response as a success: `error` becomes `code`.
    fn as_success(&self) -> Self {
        let mut redirect = self.clone();
        for param in &mut redirect.params {
            if param.name == "error" {
                param.name = "code".to_owned();
                param.value = "0.AXoA-c0de".to_owned();
            }
        }
        redirect
    }

    /// The same response with one parameter also at position `at`, its
    /// name and value encoded in their own way.
    fn with_duplicate(&self, which: Index, at: Index, styles: Vec<u8>) -> Self {
        let mut redirect = self.clone();
        let copy = Param {
            name_styles: styles.clone(),
            value_styles: styles,
            ..redirect.params[which.index(redirect.params.len())].clone()
        };
        let at = at.index(redirect.params.len() + 1);
        redirect.params.insert(at, copy);
        redirect
    }
}

/// Expectations a client may hold: a state and maybe an issuer.
fn expected_callback() -> impl Strategy<Value = (Option<String>, Option<bool>)> {
    (
        option::of(prop_oneof!["[A-Za-z0-9_-]{1,24}", text(0..16)]),
        option::of(any::<bool>()),
    )
}

const RIGHT_ISSUER: &str =
    "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0";

fn build_expected<'e>(state: &'e Option<String>, issuer: Option<bool>) -> ExpectedCallback<'e> {
    let expected = match state {
        Some(state) => ExpectedCallback::state(state),
        None => ExpectedCallback::state_not_checked(),
    };
    match issuer {
        Some(true) => expected.issuer(RIGHT_ISSUER),
        Some(false) => expected.issuer("https://idp.example"),
        None => expected,
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// An error callback hands out, once checked, the error it was read
    /// with, and its success twin passes or fails the same checks.
    #[test]
    fn success_and_error_callbacks_are_checked_alike(
        redirect in redirect(),
        (state, issuer) in expected_callback(),
    ) {
        let text = redirect.render(&Desc::Keep);
        let Ok(unchecked) = redirect.parse(&text) else { return Ok(()) };
        let err = error_of(&unchecked);
        let callback = parsed(redirect.callback(&text), text.as_bytes())?;
        let fields = AuthorizeFields::of(&unchecked);
        prop_assert_eq!(callback.state(), fields.state.as_deref());
        prop_assert_eq!(callback.iss(), fields.iss.as_deref());
        let expected = build_expected(&state, issuer);
        let verified = callback.check(&expected);
        let by_error = verified.as_ref().map(|_| ()).map_err(|e| *e);
        if let Ok(verified) = &verified {
            prop_assert_eq!(verified.error(), Some(err));
            prop_assert_eq!(verified.code(), None);
        }

        let success = redirect.as_success();
        let text = success.render(&Desc::Keep);
        let callback = parsed(success.callback(&text), text.as_bytes())?;
        let unchecked = callback
            .clone()
            .check(&ExpectedCallback::state_not_checked())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(unchecked.error().is_none());
        let verified = callback.check(&expected);
        prop_assert_eq!(verified.as_ref().map(|_| ()).map_err(|e| *e), by_error);
        if let Ok(verified) = &verified {
            prop_assert_eq!(verified.code(), Some("0.AXoA-c0de"));
            prop_assert!(verified.error().is_none());
        }
    }

    /// A parameter twice, anywhere and in any encoding, is refused by every
    /// constructor, for errors and successes alike.
    #[test]
    fn a_duplicated_parameter_is_refused_by_every_constructor(
        redirect in redirect(),
        which in any::<Index>(),
        at in any::<Index>(),
        styles in styles(),
        success in any::<bool>(),
    ) {
        let redirect = if success { redirect.as_success() } else { redirect };
        let twice = redirect.with_duplicate(which, at, styles);
        let text = twice.render(&Desc::Keep);
        let kind = |r: Result<(), ParseError>| r.map_err(|e| e.kind());
        prop_assert_eq!(kind(twice.callback(&text).map(|_| ())), Err("duplicate"), "{}", text);
        prop_assert_eq!(kind(Callback::from_query_pairs(twice.pairs(&Desc::Keep)).map(|_| ())), Err("duplicate"));
        for mode in [ResponseMode::FormPost, ResponseMode::Fragment] {
            let from_pairs = Callback::options().from_pairs(mode, twice.pairs(&Desc::Keep));
            prop_assert_eq!(kind(from_pairs.map(|_| ())), Err("duplicate"));
        }
    }

    /// Pairs a framework decoded read as the URL they came from.
    #[test]
    fn query_pairs_read_as_the_url(redirect in redirect()) {
        let text = redirect.render(&Desc::Keep);
        let Ok(from_url) = redirect.parse(&text) else { return Ok(()) };
        let url_fields = AuthorizeFields::of(&from_url);
        let mode = url_fields.mode.expect("a response mode");
        let pairs = redirect.pairs(&Desc::Keep);
        let from_pairs = parsed(error_callback(Callback::from_query_pairs(&pairs)), text.as_bytes())?;
        let mut fields = AuthorizeFields::of(&from_pairs);
        prop_assert_eq!(fields.mode, Some(ResponseMode::Query));
        fields.mode = url_fields.mode;
        prop_assert_eq!(&fields, &url_fields);
        // Told where they came from, the pairs read with that response mode.
        let told = parsed(error_callback(Callback::options().from_pairs(mode, &pairs)), text.as_bytes())?;
        prop_assert_eq!(AuthorizeFields::of(&told), url_fields);
    }
}
