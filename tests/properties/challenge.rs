//! `WWW-Authenticate`: generated values parse to their challenges, in
//! order, and several headers keep every challenge.

use oauth_triage::{classify, Challenges};
use proptest::collection::vec;
use proptest::prelude::*;

use crate::gen::*;

proptest! {
    #![proptest_config(config(256))]

    /// A generated `WWW-Authenticate` value parses to the challenges
    /// generated: schemes and names as written, values unescaped, in order.
    #[test]
    fn challenges_parse_to_their_model(header in header()) {
        let text = header.render(&Desc::Keep);
        let list = parsed(Challenges::parse(&text), text.as_bytes())?;
        let got: Vec<ChallengeFields> = list.iter().map(challenge_fields).collect();
        prop_assert_eq!(got, header.expect(&Desc::Keep));
        let challenges = parsed(Challenges::parse(&text), text.as_bytes())?;
        prop_assert_eq!(challenges.iter().len(), list.len());
        check_classification(&classify(&challenges))?;
    }

    /// Several `WWW-Authenticate` headers gather their challenges in order.
    #[test]
    fn several_headers_keep_every_challenge(headers in vec(header(), 1..4)) {
        let texts: Vec<String> = headers.iter().map(|h| h.render(&Desc::Keep)).collect();
        let challenges = texts
            .iter()
            .fold(Challenges::default(), |all, text| all.header(text));
        prop_assert_eq!(challenges.parse_error(), None);
        let got: Vec<ChallengeFields> = challenges.iter().map(challenge_fields).collect();
        let expected: Vec<ChallengeFields> =
            headers.iter().flat_map(|h| h.expect(&Desc::Keep)).collect();
        prop_assert_eq!(got, expected);
        check_classification(&classify(&challenges))?;
    }
}
