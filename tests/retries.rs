//! The retry policy: what each answer leads to, and budgets that hold
//! whatever the server sends; the throttle shared across callers.

use std::time::Duration;

use oauth_triage::{
    classify, Action, Callback, Challenges, Classification, ExpectedCallback, HttpResponse, Input,
    Next, Retries, RetryPolicy, Throttle, TokenError,
};
use proptest::prelude::*;

fn token(body: &str) -> Classification<'static> {
    classify(TokenError::from_json(body.as_bytes()).unwrap()).into_owned()
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> Classification<'static> {
    let response = headers
        .iter()
        .fold(HttpResponse::new(status), |r, (n, v)| r.header(n, *v));
    classify(response.body(body.as_bytes())).into_owned()
}

fn challenge(value: &str) -> Classification<'static> {
    classify(Challenges::parse(value).unwrap()).into_owned()
}

const SECOND: Duration = Duration::from_secs(1);

#[test]
fn each_action_leads_to_its_next_step() {
    let cases = [
        (
            response(200, &[], r#"{"access_token":"x","token_type":"Bearer"}"#),
            Next::Done,
        ),
        (response(204, &[], ""), Next::Done),
        (
            response(429, &[("Retry-After", "7")], ""),
            Next::Resend { after: 7 * SECOND },
        ),
        (
            token(r#"{"error":"authorization_pending"}"#),
            Next::Resend { after: 5 * SECOND },
        ),
        (challenge(r#"Bearer error="invalid_token""#), Next::Renew),
        (
            token(r#"{"error":"interaction_required","error_codes":[50076]}"#),
            Next::SignIn,
        ),
        (token(r#"{"error":"consent_required"}"#), Next::SignIn),
        (
            challenge(
                r#"Bearer error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwidmFsdWUiOiIxNzAwMDAwMDAwIn19fQ==""#,
            ),
            Next::SignIn,
        ),
        (token(r#"{"error":"invalid_request"}"#), Next::Stop),
        (token(r#"{"error":"unauthorized_client"}"#), Next::Stop),
        (
            token(r#"{"error":"invalid_client","error_codes":[7000215]}"#),
            Next::Stop,
        ),
        (token(r#"{"error":"access_denied"}"#), Next::Stop),
        (token(r#"{"error":"something_new"}"#), Next::Stop),
        (response(501, &[], ""), Next::Stop),
    ];
    for (c, expected) in cases {
        let mut retries = RetryPolicy::new().start();
        assert_eq!(retries.next(&c), expected, "{c}");
        assert!(!retries.exhausted(), "{c}");
    }
    // A nonce demand resends now, with the nonce.
    let nonce = response(
        400,
        &[("DPoP-Nonce", "eyJ7S_zG.eyJH0-Z")],
        r#"{"error":"use_dpop_nonce"}"#,
    );
    assert_eq!(nonce.action(), &Action::RetryWithNonce);
    let mut retries = RetryPolicy::new().start();
    assert_eq!(
        retries.next(&nonce),
        Next::Resend {
            after: Duration::ZERO
        }
    );
    // A request that got no answer is sent again after the backoff.
    let mut retries = RetryPolicy::new().seed(3).start();
    let Next::Resend { after } = retries.next(&classify(Input::transport_failure())) else {
        panic!("a transport failure is sent again");
    };
    assert!(after <= Duration::from_millis(500), "{after:?}");
}

#[test]
fn the_attempt_budget_holds_while_the_server_keeps_sending_retry_after() {
    // The backon recipe that never stopped: a server that always names a delay.
    let c = response(
        503,
        &[("Retry-After", "1")],
        r#"{"error":"temporarily_unavailable"}"#,
    );
    let mut retries = RetryPolicy::new().max_attempts(3).start();
    let steps: Vec<Next> = std::iter::repeat_with(|| retries.next(&c))
        .take(10)
        .collect();
    assert_eq!(steps[..3], [Next::Resend { after: SECOND }; 3]);
    assert!(steps[3..].iter().all(|&s| s == Next::Stop), "{steps:?}");
    assert!(retries.exhausted());
    assert_eq!(retries.attempts(), 3);
    assert_eq!(retries.waited(), 3 * SECOND);
}

#[test]
fn a_wait_past_the_elapsed_budget_stops_instead() {
    let policy = RetryPolicy::new()
        .max_attempts(100)
        .max_elapsed(Duration::from_secs(10));
    let mut retries = policy.start();
    let four = response(429, &[("Retry-After", "4")], "");
    assert_eq!(retries.next(&four), Next::Resend { after: 4 * SECOND });
    assert_eq!(retries.next(&four), Next::Resend { after: 4 * SECOND });
    // 8 s waited; 4 more would make 12: stop, no shorter sleep.
    assert_eq!(retries.next(&four), Next::Stop);
    assert!(retries.exhausted());
    // A wait that fits exactly is still given.
    let two = response(429, &[("Retry-After", "2")], "");
    assert_eq!(retries.next(&two), Next::Resend { after: 2 * SECOND });
    assert_eq!(retries.waited(), 10 * SECOND);
}

#[test]
fn zero_budgets_stop_at_the_first_answer_that_would_be_sent_again() {
    let busy = response(503, &[], "");
    let now = response(429, &[("Retry-After", "0")], "");
    let pending = token(r#"{"error":"authorization_pending"}"#);
    let renew = challenge(r#"Bearer error="invalid_token""#);
    for policy in [
        RetryPolicy::new().max_attempts(0),
        RetryPolicy::new().max_elapsed(Duration::ZERO),
    ] {
        for c in [&busy, &now, &renew] {
            let mut retries = policy.start();
            assert_eq!(retries.next(c), Next::Stop, "{policy:?} {c}");
            assert!(retries.exhausted());
        }
    }
    // Polls do not count as attempts, but they do wait.
    let mut retries = RetryPolicy::new().max_attempts(0).start();
    assert_eq!(retries.next(&pending), Next::Resend { after: 5 * SECOND });
    let mut retries = RetryPolicy::new().max_elapsed(Duration::ZERO).start();
    assert_eq!(retries.next(&pending), Next::Stop);
    // Successes and stops are the same under any budget.
    let mut retries = RetryPolicy::new().max_attempts(0).start();
    assert_eq!(retries.next(&response(200, &[], "")), Next::Done);
}

#[test]
fn retry_after_zero_resends_at_once_and_still_counts() {
    let now = response(429, &[("Retry-After", "0")], "");
    let mut retries = RetryPolicy::new().max_attempts(2).start();
    assert_eq!(
        retries.next(&now),
        Next::Resend {
            after: Duration::ZERO
        }
    );
    assert_eq!(
        retries.next(&now),
        Next::Resend {
            after: Duration::ZERO
        }
    );
    assert_eq!(retries.next(&now), Next::Stop);
    assert_eq!(retries.attempts(), 2);
}

#[test]
fn renew_once_then_sign_in() {
    let refused = challenge(r#"Bearer error="invalid_token""#);
    let busy = response(503, &[("Retry-After", "1")], "");
    let mut retries = RetryPolicy::new().max_attempts(10).start();
    assert_eq!(retries.next(&refused), Next::Renew);
    // The renewed token was refused too: a person must sign in.
    assert_eq!(retries.next(&refused), Next::SignIn);
    // And the token of that sign-in too: no new token fixes it.
    assert_eq!(retries.next(&refused), Next::Stop);
    assert_eq!(retries.next(&refused), Next::Stop);

    // Not in a row: another answer came between.
    let mut retries = RetryPolicy::new().max_attempts(10).start();
    assert_eq!(retries.next(&refused), Next::Renew);
    assert_eq!(retries.next(&busy), Next::Resend { after: SECOND });
    assert_eq!(retries.next(&refused), Next::Renew);
    assert_eq!(retries.attempts(), 3);

    // A token endpoint's 401 with a challenge, declared: no renew at all.
    let at_token = classify(
        HttpResponse::new(401)
            .header("WWW-Authenticate", r#"Bearer error="invalid_token""#)
            .body(br#"{"error":"invalid_client","error_codes":[7000215]}"#)
            .surface(oauth_triage::Surface::Token),
    );
    assert_eq!(RetryPolicy::new().start().next(&at_token), Next::Stop);
}

#[test]
fn nonce_once_then_stop() {
    let nonce = response(
        401,
        &[
            ("DPoP-Nonce", "eyJ7S_zG.eyJH0-Z"),
            (
                "WWW-Authenticate",
                r#"DPoP error="use_dpop_nonce", algs="ES256""#,
            ),
        ],
        "",
    );
    assert_eq!(nonce.action(), &Action::RetryWithNonce);
    let mut retries = RetryPolicy::new().start();
    assert_eq!(
        retries.next(&nonce),
        Next::Resend {
            after: Duration::ZERO
        }
    );
    assert_eq!(retries.next(&nonce), Next::Stop);
    assert!(!retries.exhausted(), "the answer stopped it, not a budget");
}

#[test]
fn slow_down_raises_the_interval_for_the_rest_of_the_flow() {
    let pending = token(r#"{"error":"authorization_pending"}"#);
    let slow_down = token(r#"{"error":"slow_down"}"#);
    let mut retries = RetryPolicy::new().max_attempts(0).start();
    assert_eq!(retries.next(&pending), Next::Resend { after: 5 * SECOND });
    assert_eq!(
        retries.next(&slow_down),
        Next::Resend { after: 10 * SECOND }
    );
    assert_eq!(retries.next(&pending), Next::Resend { after: 10 * SECOND });
    assert_eq!(
        retries.next(&slow_down),
        Next::Resend { after: 15 * SECOND }
    );
    assert_eq!(retries.poll_interval(), 15 * SECOND);
    // GitHub names the new interval: taken when longer than 5 s more.
    let github = token(r#"{"error":"slow_down","interval":30}"#);
    assert_eq!(retries.next(&github), Next::Resend { after: 30 * SECOND });
    let shorter = token(r#"{"error":"slow_down","interval":1}"#);
    assert_eq!(retries.next(&shorter), Next::Resend { after: 35 * SECOND });
    assert_eq!(retries.attempts(), 0, "polls are no attempts");
    // A huge interval is capped at an hour.
    let mut retries = RetryPolicy::new().max_elapsed(Duration::MAX).start();
    let huge = token(r#"{"error":"slow_down","interval":18446744073709551615}"#);
    assert_eq!(
        retries.next(&huge),
        Next::Resend {
            after: Duration::from_secs(3600)
        }
    );
}

#[test]
fn the_backoff_is_full_jitter_within_its_bounds_and_repeatable() {
    let busy = response(503, &[], "");
    let policy = RetryPolicy::new()
        .max_attempts(20)
        .max_elapsed(Duration::MAX)
        .backoff(Duration::from_millis(100), Duration::from_secs(2))
        .seed(42);
    let waits = |mut retries: Retries| -> Vec<Duration> {
        (0..20)
            .map(|_| match retries.next(&busy) {
                Next::Resend { after } => after,
                other => panic!("{other:?}"),
            })
            .collect()
    };
    let first = waits(policy.start());
    assert_eq!(
        first,
        waits(policy.start()),
        "the same seed, the same waits"
    );
    for (n, wait) in first.iter().enumerate() {
        let ceiling = (Duration::from_millis(100) * 2u32.pow(n as u32)).min(Duration::from_secs(2));
        assert!(*wait <= ceiling, "{n}: {wait:?} > {ceiling:?}");
    }
    // Jittered: not all the same, and the later ones reach past the base.
    assert!(
        first.iter().any(|w| *w > Duration::from_millis(100)),
        "{first:?}"
    );
    let unseeded: Vec<_> = (0..4)
        .map(|_| {
            waits(
                RetryPolicy::new()
                    .max_attempts(20)
                    .max_elapsed(Duration::MAX)
                    .start(),
            )
        })
        .collect();
    assert!(
        unseeded.windows(2).any(|w| w[0] != w[1]),
        "each start draws its own seed"
    );
}

#[test]
fn retries_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<Retries>();
    assert_send_sync::<RetryPolicy>();
    assert_send_sync::<Next>();
    assert_send_sync::<Throttle>();
}

/// Answers of every surface, from which the property test draws.
fn answers() -> Vec<Classification<'static>> {
    let redirect = |query: &str| {
        let verified = Callback::from_query(query)
            .unwrap()
            .check(&ExpectedCallback::state_not_checked())
            .unwrap();
        classify(verified.error().unwrap()).into_owned()
    };
    let mut all = vec![
        classify(Input::transport_failure()).into_owned(),
        token(r#"{"error":"authorization_pending"}"#),
        token(r#"{"error":"slow_down"}"#),
        token(r#"{"error":"slow_down","interval":0}"#),
        token(r#"{"error":"slow_down","interval":99999999999}"#),
        token(r#"{"error":"invalid_grant","error_codes":[50076]}"#),
        token(r#"{"error":"temporarily_unavailable","error_codes":[90055]}"#),
        token(r#"{"error":"invalid_client"}"#),
        token(r#"{"error":"use_dpop_nonce"}"#),
        challenge(r#"Bearer error="invalid_token""#),
        challenge(r#"Bearer realm="api""#),
        challenge(r#"Bearer error="insufficient_claims", claims="e30=""#),
        redirect("error=access_denied&state=x"),
        redirect("error=login_required&state=x"),
        response(200, &[], ""),
        response(
            400,
            &[("DPoP-Nonce", "n-1")],
            r#"{"error":"use_dpop_nonce"}"#,
        ),
        response(408, &[], ""),
        response(429, &[("Retry-After", "0")], ""),
        response(429, &[("Retry-After", "99999999999999999999")], ""),
        response(503, &[("retry-after-ms", "1")], ""),
        response(502, &[], "<html>Bad Gateway</html>"),
    ];
    for seconds in [1, 30, 600, 3600] {
        all.push(response(429, &[("Retry-After", &seconds.to_string())], ""));
    }
    all
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    /// Any answers in any order: no panic, and no budget passed.
    #[test]
    fn budgets_hold_for_any_sequence_of_answers(
        picks in proptest::collection::vec(0usize..25, 0..80),
        max_attempts in 0u32..6,
        max_elapsed_secs in prop_oneof![Just(0u64), 0u64..7200, Just(u64::MAX)],
        seed in any::<u64>(),
    ) {
        let answers = answers();
        let max_elapsed = Duration::from_secs(max_elapsed_secs);
        let policy = RetryPolicy::new()
            .max_attempts(max_attempts)
            .max_elapsed(max_elapsed)
            .seed(seed);
        let mut retries = policy.start();
        let mut total = Duration::ZERO;
        let mut counted = 0u32;
        let mut previous: Option<&Action<'_>> = None;
        for pick in picks {
            let c = &answers[pick % answers.len()];
            let next = retries.next(c);
            match next {
                Next::Resend { after } => {
                    total += after;
                    if !matches!(c.action(), Action::KeepPolling | Action::SlowDown { .. }) {
                        counted += 1;
                    }
                    prop_assert!(after <= Duration::from_secs(3600));
                }
                Next::Renew => {
                    counted += 1;
                    prop_assert!(!matches!(previous, Some(Action::Renew)));
                }
                _ => {}
            }
            prop_assert!(total <= max_elapsed);
            prop_assert!(counted <= max_attempts);
            prop_assert_eq!(retries.waited(), total);
            prop_assert_eq!(retries.attempts(), counted);
            previous = Some(c.action());
        }
    }
}

mod throttle {
    use std::sync::Arc;
    use std::time::Duration;

    use super::{challenge, response, token};
    use oauth_triage::{classify, Action, DecidedBy, Input, Throttle};

    #[test]
    fn msal_rules() {
        let throttle = Throttle::new();
        // The server's delay holds for as long as it says.
        throttle.record("a".to_owned(), &response(429, &[("Retry-After", "30")], ""));
        let held = throttle.check("a").expect("held");
        assert!(
            held.remaining() <= Duration::from_secs(30)
                && held.remaining() > Duration::from_secs(25)
        );
        // A held retry waits what is left of the hold.
        assert_eq!(
            held.classification().action(),
            &Action::Retry {
                after: Some(held.remaining())
            }
        );
        // A busy server without a delay: a minute.
        throttle.record("b".to_owned(), &response(503, &[], "<html>busy</html>"));
        let held = throttle.check("b").expect("held");
        assert_eq!(held.classification().decided_by(), DecidedBy::Status);
        assert!(
            held.remaining() > Duration::from_secs(55)
                && held.remaining() <= Duration::from_secs(60)
        );
        // An interactive need: two minutes.
        throttle.record(
            "c".to_owned(),
            &token(r#"{"error":"invalid_grant","error_codes":[50076]}"#),
        );
        let held = throttle.check("c").expect("held");
        assert!(held.classification().action().needs_user());
        assert!(
            held.remaining() > Duration::from_secs(115)
                && held.remaining() <= Duration::from_secs(120)
        );
        // A capped delay is capped.
        throttle.record(
            "d".to_owned(),
            &response(429, &[("Retry-After", "86400")], ""),
        );
        assert!(throttle.check("d").unwrap().remaining() <= Duration::from_secs(3600));
        // Nothing is held for what waiting does not help, or for a lost connection.
        for (key, c) in [
            ("e", token(r#"{"error":"invalid_client"}"#)),
            ("f", classify(Input::transport_failure()).into_owned()),
            ("g", challenge(r#"Bearer error="invalid_token""#)),
            ("h", response(429, &[("Retry-After", "0")], "")),
        ] {
            throttle.record(key.to_owned(), &c);
            assert!(throttle.check(key).is_none(), "{key}: {c}");
        }
        // A success frees the key.
        throttle.record("a".to_owned(), &response(200, &[], ""));
        assert!(throttle.check("a").is_none());
        assert!(format!("{throttle:?}").contains("held: 3"), "{throttle:?}");
    }

    #[test]
    fn holds_expire() {
        let throttle = Throttle::new().interactive_hold(Duration::from_millis(20));
        throttle.record("silent".to_owned(), &token(r#"{"error":"login_required"}"#));
        assert!(throttle.check("silent").is_some());
        std::thread::sleep(Duration::from_millis(40));
        assert!(throttle.check("silent").is_none());
    }

    #[test]
    fn shared_across_threads() {
        let throttle = Arc::new(Throttle::<(String, String)>::new());
        let key = (
            "https://login.microsoftonline.com/contoso".to_owned(),
            "api://x/.default".to_owned(),
        );
        throttle.record(key.clone(), &response(429, &[("Retry-After", "60")], ""));
        let held: usize = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    let throttle = Arc::clone(&throttle);
                    let key = key.clone();
                    scope.spawn(move || usize::from(throttle.check(&key).is_some()))
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).sum()
        });
        assert_eq!(held, 8);
    }

    #[test]
    fn the_table_is_bounded() {
        let throttle = Throttle::new().capacity(3);
        for (n, secs) in [(0, "40"), (1, "10"), (2, "50"), (3, "20")] {
            throttle.record(n, &response(429, &[("Retry-After", secs)], ""));
        }
        // The hold that ended soonest (key 1) made room.
        assert!(throttle.check(&1).is_none());
        for key in [0, 2, 3] {
            assert!(throttle.check(&key).is_some(), "{key}");
        }
    }
}
