//! Names as text: `ErrorName`, `Suberror` and the action names round-trip
//! through `Display`, `FromStr` and serde.

use std::collections::HashSet;
use std::str::FromStr;
use std::time::Duration;

use oauth_triage::{catalog, Action, ErrorName, StepUp, Suberror};
use proptest::prelude::*;
use proptest::sample::select;

use crate::gen::*;

#[test]
fn every_known_error_and_suberror_round_trips_through_display() {
    for known in ErrorName::KNOWN {
        assert!(!matches!(known, ErrorName::Other(_)));
        let text = known.to_string();
        assert_eq!(&ErrorName::from_str(&text).unwrap(), known);
        assert_eq!(ErrorName::from(text.as_str()), *known);
    }
    for known in Suberror::KNOWN {
        assert!(!matches!(known, Suberror::Other(_)));
        let text = known.to_string();
        assert_eq!(&Suberror::from_str(&text).unwrap(), known);
        assert_eq!(Suberror::from(text.as_str()), *known);
    }
    let errors: HashSet<&str> = ErrorName::KNOWN.iter().map(ErrorName::as_str).collect();
    assert_eq!(errors.len(), ErrorName::KNOWN.len(), "a wire value twice");
    let suberrors: HashSet<&str> = Suberror::KNOWN.iter().map(Suberror::as_str).collect();
    assert_eq!(suberrors.len(), Suberror::KNOWN.len(), "a wire value twice");
}

/// One value of each action, in `Action::NAMES` order.
fn every_action() -> Vec<Action<'static>> {
    vec![
        Action::Retry { after: None },
        Action::RetryWithNonce,
        Action::KeepPolling,
        Action::SlowDown { interval: None },
        Action::Renew,
        Action::Reauthenticate,
        Action::Consent,
        Action::StepUp(StepUp::default()),
        Action::FixRequest,
        Action::FixConfig,
        Action::FixCredentials,
        Action::Denied,
        Action::Abort,
        Action::Success,
    ]
}

#[test]
fn action_names_round_trip_through_names() {
    let actions = every_action();
    assert_eq!(actions.len(), Action::NAMES.len());
    for (i, action) in actions.iter().enumerate() {
        let name = action.name();
        assert_eq!(Action::NAMES[i], name);
        assert_eq!(Action::NAMES.iter().position(|n| *n == name), Some(i));
        assert_eq!(action.to_string(), name);
        assert_eq!(
            serde_json::to_string(action).unwrap(),
            format!("\"{name}\"")
        );
        assert!(!action.advice().is_empty());
    }
    for entry in catalog::entries() {
        if let Some(action) = &entry.action {
            assert!(Action::NAMES.contains(&action.name()), "{entry}");
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Any text converts to an `ErrorName` and a `Suberror` whose `Display`
    /// gives the text back, and converts again to an equal value.
    #[test]
    fn error_and_suberror_text_round_trips(
        text in prop_oneof![
            select(ErrorName::KNOWN).prop_map(|e| e.as_str().to_owned()),
            select(Suberror::KNOWN).prop_map(|s| s.as_str().to_owned()),
            any::<String>(),
            text(0..24),
        ],
    ) {
        let error = ErrorName::from_str(&text).unwrap();
        prop_assert_eq!(error.to_string(), text.as_str());
        prop_assert_eq!(&ErrorName::from_str(&error.to_string()).unwrap(), &error);
        prop_assert_eq!(!matches!(error, ErrorName::Other(_)), ErrorName::KNOWN.iter().any(|k| k.as_str() == text));
        prop_assert_eq!(ErrorName::from(std::borrow::Cow::Owned(text.clone())), error);

        let suberror = Suberror::from_str(&text).unwrap();
        prop_assert_eq!(suberror.to_string(), text.as_str());
        prop_assert_eq!(&Suberror::from_str(&suberror.to_string()).unwrap(), &suberror);
        prop_assert_eq!(!matches!(suberror, Suberror::Other(_)), Suberror::KNOWN.iter().any(|k| k.as_str() == text));
    }

    /// `retry` keeps its name whatever the delay, and prints the delay.
    #[test]
    fn retry_keeps_its_name(secs in any::<u64>()) {
        let action = Action::Retry { after: Some(Duration::from_secs(secs)) };
        prop_assert_eq!(action.name(), "retry");
        prop_assert_eq!(action.to_string(), format!("retry after {secs}s"));
    }
}
