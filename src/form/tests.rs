//! Unit tests of the form-urlencoded reader: splitting, decoding, limits and duplicates.

use super::*;
use crate::authorize::AuthorizeError;
use crate::error_code::ErrorName;

/// Parameters as plain owned pairs, to compare.
fn owned(params: &Params<'_>) -> Vec<(String, String)> {
    params
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|&(name, value)| (name.to_owned(), value.to_owned()))
        .collect()
}

#[test]
fn pairs_are_taken_as_decoded_in_order() {
    // Nothing trimmed or dropped: the spaces were decoded, so they are data.
    let list = [("error", "access_denied"), ("state", " s1 "), (" iss", "")];
    let params = pairs_params(list, &Limits::DEFAULT).unwrap();
    assert_eq!(owned(&params), pairs(&list));
    // Borrowed pairs stay borrowed.
    assert!(params
        .iter()
        .all(|(name, value)| matches!((name, value), (Cow::Borrowed(_), Cow::Borrowed(_)))));

    // Owned pairs, as axum's `Query<Vec<(String, String)>>` hands them over.
    let list = vec![
        ("error".to_owned(), "login_required".to_owned()),
        ("state".to_owned(), "s1".to_owned()),
    ];
    let params = pairs_params(list.clone(), &Limits::DEFAULT).unwrap();
    assert_eq!(owned(&params), list);
    let err = AuthorizeError::from_params(params, ResponseMode::Query).unwrap();
    assert_eq!(err.error(), &ErrorName::LoginRequired);
    assert_eq!(err.state(), Some("s1"));
}

#[test]
fn pairs_stop_at_the_limit_and_duplicates_are_rejected_after() {
    let mut limits = Limits::DEFAULT;
    limits.max_params = 3;
    let three = [("error", "access_denied"), ("state", "a"), ("x", "1")];
    assert_eq!(pairs_params(three, &limits).map(|p| p.len()), Ok(3));
    // One more is an error, and an endless iterator is not read to its end.
    assert_eq!(
        pairs_params(std::iter::repeat(("x", "1")), &limits),
        Err(ParseError::TooMany {
            what: "parameters",
            limit: 3
        })
    );
    let twice = pairs_params([("state", "a"), ("state", "b")], &limits).unwrap();
    assert_eq!(
        reject_duplicates(&twice),
        Err(ParseError::Duplicate {
            name: "\"state\"".into()
        })
    );
}

#[cfg(feature = "url")]
mod from_url {
    use proptest::collection::vec;
    use proptest::prelude::*;
    use url::Url;

    use super::*;

    type Read = Result<(Vec<(String, String)>, ResponseMode), ParseError>;

    fn read_url(url: &Url, limits: &Limits) -> Read {
        url_params(url, limits).map(|(params, mode)| (owned(&params), mode))
    }

    fn read_text(text: &str) -> Read {
        redirect_params(text, &Limits::DEFAULT).map(|(params, mode)| (owned(&params), mode))
    }

    /// URLs that `url` leaves as they are, so that the text parser and
    /// this one read the same characters.
    const SAME_AS_TEXT: &[&str] = &[
        "https://app.example/cb?error=access_denied&state=s1",
        "http://localhost/#error=login_required&state=s2",
        "urn:ietf:wg:oauth:2.0:oob#error=login_required",
        "http://localhost:4200/#/error=consent_required&state=s3",
        "http://localhost:4200/#/auth/callback?error=consent_required&state=s3",
        "https://app.example/cb?tab=2#error=interaction_required&state=s",
        "https://app.example/cb?error=server_error#/home",
        "https://app.example/cb?error=access_denied#error=login_required",
        "https://app.example/cb?code=0.AAA#state=s&code=x",
        "https://app.example/cb?",
        "https://app.example/cb?error=access_denied&error_description=a+b%2Bc%0D%0A&state=%C3%A9",
        "https://app.example/cb?error=x&state=%zz",
        "https://app.example/cb?error=x&state=ab%4",
        "https://app.example/#/cb?error=x&state=%FF%FE",
        "msal00000000-0000-0000-0000-000000000000://auth#error=x&state=a%2",
    ];

    #[test]
    fn a_url_reads_as_its_text_does() {
        for text in SAME_AS_TEXT {
            let url = Url::parse(text).unwrap();
            assert_eq!(url.as_str(), *text);
            assert_eq!(read_url(&url, &Limits::DEFAULT), read_text(text), "{text}");
        }
        // Text without `?` or `#` is a bare query; a URL without them has
        // no parameters.
        let url = Url::parse("https://app.example/cb").unwrap();
        assert_eq!(
            read_url(&url, &Limits::DEFAULT),
            Ok((Vec::new(), ResponseMode::Query))
        );
        let url =
            Url::parse("http://localhost:4200/#/auth/callback?error=consent_required&state=s3")
                .unwrap();
        assert_eq!(
            read_url(&url, &Limits::DEFAULT),
            Ok((
                pairs(&[("error", "consent_required"), ("state", "s3")]),
                ResponseMode::Fragment
            ))
        );
    }

    #[test]
    fn offsets_count_in_the_serialized_url() {
        // Parsing lowercases the scheme and host, drops the default port
        // and the `..`, and removes the line break.
        let url = Url::parse("HTTPS://App.Example:443/a/../cb?error=x&\nstate=%zz").unwrap();
        assert_eq!(url.as_str(), "https://app.example/cb?error=x&state=%zz");
        let offset = url.as_str().find('%').unwrap();
        assert_eq!(
            read_url(&url, &Limits::DEFAULT),
            Err(ParseError::BadPercentEncoding {
                offset,
                reason: "`%` is not followed by two hex digits"
            })
        );
        // In the fragment, past a hash-router path; the offset of a value
        // that is not UTF-8 is the value's.
        let url = Url::parse("https://app.example/#/cb?error=x&state=%FF").unwrap();
        let offset = url.as_str().find("%FF").unwrap();
        assert_eq!(
            read_url(&url, &Limits::DEFAULT),
            Err(ParseError::BadPercentEncoding {
                offset,
                reason: "the decoded bytes are not UTF-8"
            })
        );
        let mut limits = Limits::DEFAULT;
        limits.max_url = 16;
        assert_eq!(
            read_url(&url, &limits),
            Err(ParseError::TooLarge {
                len: url.as_str().len(),
                limit: 16
            })
        );
    }

    #[test]
    fn raw_spaces_were_encoded_by_url_and_are_data() {
        let text = "https://app.example/cb?error=access_denied& state=s1";
        assert_eq!(
            read_text(text).unwrap().0,
            pairs(&[("error", "access_denied"), ("state", "s1")])
        );
        let url = Url::parse(text).unwrap();
        assert_eq!(url.query(), Some("error=access_denied&%20state=s1"));
        assert_eq!(
            read_url(&url, &Limits::DEFAULT).unwrap().0,
            pairs(&[("error", "access_denied"), (" state", "s1")])
        );
    }

    /// Pieces of a query: plain characters, separators, valid escapes,
    /// malformed ones, escapes of bytes that may not make UTF-8, and
    /// characters that `url` percent-encodes.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            6 => "[a-zA-Z0-9._~-]{1,4}",
            3 => Just("=".to_owned()),
            3 => Just("&".to_owned()),
            2 => Just("+".to_owned()),
            4 => "%(2[0-9A-F]|3[0-9a-f]|[46][1-9]|C3%A9|E2%82%AC)",
            1 => "%[0-9A-Fa-f]{2}",
            1 => "%[g-z]?",
            2 => Just(" ".to_owned()),
            2 => Just("é".to_owned()),
            1 => Just("\"".to_owned()),
        ]
    }

    proptest! {
        /// Where this parser accepts a query or a fragment, it reads what
        /// `Url::query_pairs` (`form_urlencoded`, which `url` uses) reads;
        /// where it rejects one, the lossy reading passed a `%` through or
        /// made a U+FFFD.
        #[test]
        fn agrees_with_form_urlencoded(pieces in vec(piece(), 0..24), in_fragment in any::<bool>()) {
            let params = pieces.concat();
            let text = if in_fragment {
                format!("https://app.example/cb#error=x&{params}")
            } else {
                format!("https://app.example/cb?{params}")
            };
            let url = Url::parse(&text).unwrap();
            let part = if in_fragment { url.fragment() } else { url.query() };
            let lossy: Vec<(String, String)> = url::form_urlencoded::parse(part.unwrap().as_bytes())
                .into_owned()
                .collect();
            match read_url(&url, &Limits::DEFAULT) {
                Ok((params, _)) => prop_assert_eq!(params, lossy),
                Err(ParseError::BadPercentEncoding { offset, .. }) => {
                    prop_assert!(offset < url.as_str().len());
                    let lossy_mark = |text: &String| text.contains(['%', '\u{FFFD}']);
                    let passed_on = lossy.iter().any(|(name, value)| lossy_mark(name) || lossy_mark(value));
                    prop_assert!(passed_on, "{:?}", lossy);
                }
                Err(other) => prop_assert!(false, "{other:?}"),
            }
        }
    }
}

#[cfg(feature = "http")]
mod from_uri {
    use http::Uri;

    use super::*;

    fn read(
        uri: &Uri,
        limits: &Limits,
    ) -> Result<(Vec<(String, String)>, ResponseMode), ParseError> {
        uri_params(uri, limits).map(|(params, mode)| (owned(&params), mode))
    }

    #[test]
    fn a_request_target_reads_as_its_text_does() {
        for text in [
            "/cb?error=access_denied&state=s1",
            "/cb?error=access_denied&error_description=a+b%2Bc%0D%0A&state=%C3%A9",
            "/cb?error=x&state=%zz",
            "/cb?error=x&state=%FF",
            "/cb?error=access_denied&error=login_required",
            "/cb?",
        ] {
            let uri: Uri = text.parse().unwrap();
            let expected = redirect_params(text, &Limits::DEFAULT)
                .map(|(params, mode)| (owned(&params), mode));
            assert_eq!(read(&uri, &Limits::DEFAULT), expected, "{text}");
        }
    }

    #[test]
    fn offsets_count_in_the_uri_as_displayed() {
        for text in [
            "/cb?error=x&state=%zz",
            "https://app.example/cb?error=x&state=%zz",
            "https://app.example:8443?error=x&state=%zz",
        ] {
            let uri: Uri = text.parse().unwrap();
            let shown = uri.to_string();
            let Err(ParseError::BadPercentEncoding { offset, .. }) = read(&uri, &Limits::DEFAULT)
            else {
                panic!("{text}: no error");
            };
            assert_eq!(&shown[offset..], "%zz", "{text}");
        }
        let uri: Uri = "/cb?error=access_denied".parse().unwrap();
        assert_eq!(
            read(&uri, &{
                let mut limits = Limits::DEFAULT;
                limits.max_url = 16;
                limits
            }),
            Err(ParseError::TooLarge { len: 23, limit: 16 })
        );
    }

    #[test]
    fn the_fragment_never_reaches_a_uri() {
        let uri: Uri = "/cb".parse().unwrap();
        assert_eq!(
            read(&uri, &Limits::DEFAULT),
            Ok((Vec::new(), ResponseMode::Query))
        );
        let uri: Uri = "https://app.example/cb?tab=2#error=login_required"
            .parse()
            .unwrap();
        assert_eq!(
            read(&uri, &Limits::DEFAULT),
            Ok((pairs(&[("tab", "2")]), ResponseMode::Query))
        );
    }
}
