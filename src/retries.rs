//! The step after the decision: a retry policy ([`RetryPolicy`]) and its
//! state for one request ([`Retries`]), which turn each
//! [`Classification`] into what to do next ([`Next`]), within budgets that
//! hold whatever the server sends.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::time::Duration;

use crate::action::Action;
use crate::classify::Classification;
use crate::retry::DEFAULT_MAX_RETRY_AFTER;

/// What to do next with a request that was just classified, as
/// [`Retries::next`] says.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use oauth_triage::{classify, HttpResponse, Next, RetryPolicy};
///
/// let mut retries = RetryPolicy::new().start();
/// let busy = HttpResponse::new(429).header("Retry-After", "2");
/// assert_eq!(retries.next(&classify(&busy)), Next::Resend { after: Duration::from_secs(2) });
/// let done = HttpResponse::new(200).body(br#"{"access_token":"eyJ0eXAiOi","token_type":"Bearer","expires_in":3599}"#);
/// assert_eq!(retries.next(&classify(&done)), Next::Done);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[must_use]
pub enum Next {
    /// The request succeeded: go on.
    Done,
    /// Send the same request again once `after` has passed (`retry`,
    /// `keep_polling`, `slow_down`; `retry_with_nonce` with
    /// [`Duration::ZERO`], the new `DPoP-Nonce` in the proof).
    Resend {
        /// How long to wait first. The caller sleeps: `Retries` keeps no
        /// clock.
        after: Duration,
    },
    /// Get a fresh access token silently (a refresh token, client
    /// credentials again), then send the request again with it.
    Renew,
    /// Run an interactive sign-in (`reauthenticate`, `consent`,
    /// `step_up`; the classification holds what a step-up must carry),
    /// or a second `renew` in a row: the fresh token was refused too.
    SignIn,
    /// Stop and report the classification: a developer, an administrator
    /// or the user must act (`fix_*`, `denied`, `abort`), or a budget is
    /// spent ([`Retries::exhausted`]).
    Stop,
}

/// How a client retries: budgets of resends and of waiting, the polling
/// interval of a device flow, and the backoff used when the server names
/// no delay.
///
/// Build one per kind of request and [`start`](RetryPolicy::start) it per
/// request; the [`Retries`] it gives decides each next step:
///
/// - **The server's delay is honoured as given** (`Retry-After`,
///   `retry-after-ms`, a catalog minimum; within the classification's cap,
///   one hour by default, see [`HttpResponse::max_retry_after`](crate::HttpResponse::max_retry_after));
///   when it names none, the wait is drawn with full jitter from zero to
///   `min(max, base × 2^n)`, `n` being the resends so far
///   ([backoff](RetryPolicy::backoff)).
/// - **The attempt budget holds** even while the server keeps sending
///   `Retry-After`: at most [`max_attempts`](RetryPolicy::max_attempts)
///   resends of a failed request (a retry, a nonce retry, a resend after
///   renewing). Polls of a device flow do not count.
/// - **The waiting budget holds**: a wait that would take the total of all
///   waits (polls included) past [`max_elapsed`](RetryPolicy::max_elapsed)
///   is [`Next::Stop`], never a longer or a shortened sleep.
/// - **Renew once**: a second `renew` in a row is [`Next::SignIn`] (the
///   fresh token was refused too), and a third, after the sign-in, is
///   [`Next::Stop`], so a client never loops on a token that is refused.
/// - **Nonce once**: a second `use_dpop_nonce` in a row is [`Next::Stop`]
///   (the server refuses the nonce it asked for).
/// - **Polling** ([RFC 8628 §3.5](https://www.rfc-editor.org/rfc/rfc8628#section-3.5)):
///   `authorization_pending` waits the polling interval; `slow_down`
///   raises it by 5 seconds, or to the `interval` the server named when
///   that is longer, for the rest of the flow (at most one hour).
///
/// A budget of zero attempts, or of zero waiting, stops at the first
/// answer that would be sent again.
///
/// # With other retry crates
///
/// - **tower**: the `tower` feature's `tower::ClassifyRetry` drives
///   `Retries` from a `tower::retry::Policy`.
/// - **backon**: let the server's delay replace backon's only while backon
///   still has one to give, `.adjust(|c, d| d.map(|d| c.retry_after().unwrap_or(d)))`;
///   the natural `c.retry_after().or(d)` never stops a server that keeps
///   sending `Retry-After`, whatever `with_max_times` says.
/// - **reqwest-retry**: its `RetryableStrategy` is handed the status and
///   headers but never the body, so it cannot see a step-up, an Entra code
///   or `invalid_grant`, and a `400` is all it knows. Retry above the HTTP
///   client instead, once the body is read: with `Retries`, or backon.
///
/// (The project's interop tests run the tower policy over hyper and both
/// backon recipes against a server on 127.0.0.1.)
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use oauth_triage::{classify, HttpResponse, Next, RetryPolicy};
///
/// // The server keeps asking for two seconds: three resends, then stop.
/// let policy = RetryPolicy::new().max_attempts(3);
/// let mut retries = policy.start();
/// let throttled = HttpResponse::new(429).header("Retry-After", "2");
/// let c = classify(&throttled);
/// let steps: Vec<Next> = (0..4).map(|_| retries.next(&c)).collect();
/// assert_eq!(steps[..3], [Next::Resend { after: Duration::from_secs(2) }; 3]);
/// assert_eq!(steps[3], Next::Stop);
/// assert!(retries.exhausted());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    max_elapsed: Duration,
    poll_interval: Duration,
    base_delay: Duration,
    max_delay: Duration,
    seed: Option<u64>,
}

impl RetryPolicy {
    /// Three resends, 15 minutes of waiting in all (the lifetime Entra
    /// gives a device code), a 5-second polling interval (RFC 8628 §3.5's
    /// default), backoff from 500 ms up to 30 s.
    ///
    /// ```
    /// use oauth_triage::RetryPolicy;
    ///
    /// assert_eq!(RetryPolicy::new(), RetryPolicy::default());
    /// ```
    pub fn new() -> Self {
        Self {
            max_attempts: 3,
            max_elapsed: Duration::from_secs(15 * 60),
            poll_interval: Duration::from_secs(5),
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            seed: None,
        }
    }

    /// At most this many resends of a failed request (default 3). Polls
    /// of a device flow do not count; a resend after renewing does, so with
    /// `0` a `renew` is [`Next::Stop`] too (nothing is sent again).
    ///
    /// ```
    /// use oauth_triage::{classify, HttpResponse, Next, RetryPolicy};
    ///
    /// // No resends at all: the first retryable answer stops.
    /// let mut retries = RetryPolicy::new().max_attempts(0).start();
    /// assert_eq!(retries.next(&classify(HttpResponse::new(503))), Next::Stop);
    /// ```
    #[must_use]
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts;
        self
    }

    /// At most this much waiting in all, polls included (default 15
    /// minutes). Set it to the `expires_in` of a device authorization
    /// response, so that polling ends when the code does.
    ///
    /// ```
    /// use std::time::Duration;
    /// use oauth_triage::{classify, HttpResponse, Next, RetryPolicy};
    ///
    /// // A server that asks for more than the budget: stop now, not later.
    /// let mut retries = RetryPolicy::new().max_elapsed(Duration::from_secs(60)).start();
    /// let c = classify(HttpResponse::new(429).header("Retry-After", "120"));
    /// assert_eq!(retries.next(&c), Next::Stop);
    /// ```
    #[must_use]
    pub fn max_elapsed(mut self, total: Duration) -> Self {
        self.max_elapsed = total;
        self
    }

    /// The polling interval of a device flow (default 5 seconds,
    /// [RFC 8628 §3.5](https://www.rfc-editor.org/rfc/rfc8628#section-3.5)):
    /// give the `interval` of the device authorization response.
    ///
    /// ```
    /// use std::time::Duration;
    /// use oauth_triage::{classify, Next, RetryPolicy, TokenError};
    ///
    /// let mut retries = RetryPolicy::new().poll_interval(Duration::from_secs(8)).start();
    /// let pending = TokenError::from_json(br#"{"error":"authorization_pending"}"#)?;
    /// assert_eq!(retries.next(&classify(&pending)), Next::Resend { after: Duration::from_secs(8) });
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    #[must_use]
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    /// The bounds of the backoff used when the server names no delay: the
    /// `n`-th resend waits a random time from zero to `min(max, base ×
    /// 2^n)` ("full jitter", so that many clients do not come back at
    /// once). Defaults: 500 ms and 30 s.
    ///
    /// ```
    /// use std::time::Duration;
    /// use oauth_triage::{classify, HttpResponse, Next, RetryPolicy};
    ///
    /// let policy = RetryPolicy::new().backoff(Duration::from_millis(100), Duration::from_secs(1));
    /// let mut retries = policy.start();
    /// let Next::Resend { after } = retries.next(&classify(HttpResponse::new(503))) else {
    ///     panic!("a 503 is sent again");
    /// };
    /// assert!(after <= Duration::from_millis(100));
    /// ```
    #[must_use]
    pub fn backoff(mut self, base: Duration, max: Duration) -> Self {
        self.base_delay = base;
        self.max_delay = max;
        self
    }

    /// Makes the jitter repeatable: the same seed draws the same waits
    /// (for tests). Without one, each [`start`](RetryPolicy::start) draws
    /// its own seed.
    ///
    /// ```
    /// use oauth_triage::{classify, HttpResponse, RetryPolicy};
    ///
    /// let policy = RetryPolicy::new().seed(7);
    /// let c = classify(HttpResponse::new(503));
    /// let (mut a, mut b) = (policy.start(), policy.start());
    /// assert_eq!(a.next(&c), b.next(&c));
    /// ```
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// The state of one request (or one device flow) under this policy.
    ///
    /// ```
    /// use oauth_triage::RetryPolicy;
    ///
    /// let retries = RetryPolicy::new().start();
    /// assert_eq!(retries.attempts(), 0);
    /// ```
    pub fn start(&self) -> Retries {
        let seed = self
            .seed
            .unwrap_or_else(|| RandomState::new().hash_one(0x6f61_7574_685f_7472_u64));
        Retries {
            policy: self.clone(),
            attempts: 0,
            waited: Duration::ZERO,
            interval: self.poll_interval.min(MAX_POLL_INTERVAL),
            last: Last::Other,
            exhausted: false,
            rng: seed,
        }
    }
}

impl Default for RetryPolicy {
    /// [`RetryPolicy::new`].
    fn default() -> Self {
        Self::new()
    }
}

/// The longest polling interval a `slow_down` can raise the interval to:
/// the cap on a server's delay.
const MAX_POLL_INTERVAL: Duration = DEFAULT_MAX_RETRY_AFTER;

/// RFC 8628 §3.5: a `slow_down` raises the interval by 5 seconds.
const SLOW_DOWN_STEP: Duration = Duration::from_secs(5);

/// What the previous answer asked for, for the "once in a row" rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Last {
    Renew,
    /// A `renew` after a `renew`: the renewed token was refused.
    RenewRefused,
    Nonce,
    Other,
}

/// The state of one request under a [`RetryPolicy`]: what was spent of
/// its budgets, the polling interval, and what the previous answer asked
/// for. [`Retries::next`] takes each classification in turn.
///
/// It keeps no clock and never sleeps: the caller waits
/// [`Next::Resend`]'s `after` with whatever runtime it uses. It is `Send`
/// and `Sync`, and `next` allocates nothing.
///
/// # Examples
///
/// A token request, with any HTTP client:
///
/// ```
/// use oauth_triage::{classify, HttpResponse, Next, RetryPolicy};
///
/// // Your HTTP call: status, Retry-After (if any), body.
/// fn send() -> (u16, Option<&'static str>, &'static [u8]) {
///     (503, Some("1"), br#"{"error":"temporarily_unavailable"}"#)
/// }
///
/// let mut retries = RetryPolicy::new().start();
/// let outcome = loop {
///     let (status, retry_after, body) = send();
///     let mut response = HttpResponse::new(status);
///     if let Some(value) = retry_after {
///         response = response.header("Retry-After", value);
///     }
///     let c = classify(response.body(body));
///     match retries.next(&c) {
///         Next::Done => break Ok(body),
///         Next::Resend { after } => { let _ = after; /* sleep `after`, then loop */ }
///         Next::Renew => { /* refresh the access token, then loop */ }
///         Next::SignIn | Next::Stop => break Err(c.into_owned()),
///         _ => break Err(c.into_owned()),
///     }
/// };
/// assert_eq!(outcome.unwrap_err().action().name(), "retry");
/// assert_eq!(retries.attempts(), 3);
/// ```
#[derive(Clone, Debug)]
pub struct Retries {
    policy: RetryPolicy,
    attempts: u32,
    waited: Duration,
    interval: Duration,
    last: Last,
    exhausted: bool,
    rng: u64,
}

impl Retries {
    /// What to do after this answer (see [`RetryPolicy`] for the rules).
    ///
    /// | the action | `next` |
    /// |---|---|
    /// | `success` | [`Next::Done`] |
    /// | `retry` | [`Next::Resend`] after the server's delay, else the backoff; counts an attempt |
    /// | `retry_with_nonce` | [`Next::Resend`] now; counts an attempt; a second in a row is [`Next::Stop`] |
    /// | `keep_polling` | [`Next::Resend`] after the polling interval |
    /// | `slow_down` | [`Next::Resend`] after the raised polling interval |
    /// | `renew` | [`Next::Renew`]; counts an attempt; a second in a row is [`Next::SignIn`], a third [`Next::Stop`] |
    /// | `reauthenticate`, `consent`, `step_up` | [`Next::SignIn`] |
    /// | `fix_request`, `fix_config`, `fix_credentials`, `denied`, `abort` | [`Next::Stop`] |
    ///
    /// Any resend that would pass a budget is [`Next::Stop`] instead, and
    /// [`Retries::exhausted`] turns true.
    ///
    /// ```
    /// use oauth_triage::{classify, Next, RetryPolicy, Challenges};
    ///
    /// // A resource refuses the token, and then the renewed one too.
    /// let refused = Challenges::parse(r#"Bearer error="invalid_token""#)?;
    /// let mut retries = RetryPolicy::new().start();
    /// assert_eq!(retries.next(&classify(&refused)), Next::Renew);
    /// assert_eq!(retries.next(&classify(&refused)), Next::SignIn);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn next(&mut self, classification: &Classification<'_>) -> Next {
        let last = std::mem::replace(&mut self.last, Last::Other);
        match classification.action() {
            Action::Success => Next::Done,
            Action::Retry { after } => {
                let after = match after {
                    Some(after) => *after,
                    None => self.backoff(),
                };
                self.resend(after, true)
            }
            Action::RetryWithNonce if last == Last::Nonce => Next::Stop,
            Action::RetryWithNonce => {
                self.last = Last::Nonce;
                self.resend(Duration::ZERO, true)
            }
            Action::KeepPolling => self.resend(self.interval, false),
            Action::SlowDown { interval } => {
                let raised = self.interval.saturating_add(SLOW_DOWN_STEP);
                self.interval = raised
                    .max(interval.unwrap_or_default())
                    .min(MAX_POLL_INTERVAL);
                self.resend(self.interval, false)
            }
            // The renewed token was refused too: sign in. Once more after
            // that (the signed-in token refused as well): nothing a new
            // token fixes.
            Action::Renew if last == Last::Renew => {
                self.last = Last::RenewRefused;
                Next::SignIn
            }
            Action::Renew if last == Last::RenewRefused => {
                self.last = Last::RenewRefused;
                Next::Stop
            }
            Action::Renew => {
                self.last = Last::Renew;
                match self.resend(Duration::ZERO, true) {
                    Next::Resend { .. } => Next::Renew,
                    stop => stop,
                }
            }
            Action::Reauthenticate | Action::Consent | Action::StepUp(_) => Next::SignIn,
            // fix_request, fix_config, fix_credentials, denied, abort, and
            // whatever a later version adds: nothing to do automatically.
            _ => Next::Stop,
        }
    }

    /// The resends so far (retries, nonce retries, resends after renewing;
    /// not polls).
    ///
    /// ```
    /// use oauth_triage::{classify, HttpResponse, RetryPolicy};
    ///
    /// let mut retries = RetryPolicy::new().start();
    /// let _ = retries.next(&classify(HttpResponse::new(503)));
    /// assert_eq!(retries.attempts(), 1);
    /// ```
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The total of the waits handed out so far, polls included.
    ///
    /// ```
    /// use std::time::Duration;
    /// use oauth_triage::{classify, HttpResponse, RetryPolicy};
    ///
    /// let mut retries = RetryPolicy::new().start();
    /// let _ = retries.next(&classify(HttpResponse::new(429).header("Retry-After", "3")));
    /// assert_eq!(retries.waited(), Duration::from_secs(3));
    /// ```
    pub fn waited(&self) -> Duration {
        self.waited
    }

    /// The polling interval now: the policy's, raised by each `slow_down`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use oauth_triage::{classify, RetryPolicy, TokenError};
    ///
    /// let mut retries = RetryPolicy::new().start();
    /// let slow_down = TokenError::from_json(br#"{"error":"slow_down"}"#)?;
    /// let _ = retries.next(&classify(&slow_down));
    /// assert_eq!(retries.poll_interval(), Duration::from_secs(10));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn poll_interval(&self) -> Duration {
        self.interval
    }

    /// Whether a [`Next::Stop`] came from a spent budget (of attempts or of
    /// waiting) rather than from the answer itself.
    ///
    /// ```
    /// use oauth_triage::{classify, Next, RetryPolicy, TokenError};
    ///
    /// let mut retries = RetryPolicy::new().start();
    /// let denied = TokenError::from_json(br#"{"error":"access_denied"}"#)?;
    /// assert_eq!(retries.next(&classify(&denied)), Next::Stop);
    /// assert!(!retries.exhausted());
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn exhausted(&self) -> bool {
        self.exhausted
    }

    /// A resend after `after`, if the budgets allow it.
    fn resend(&mut self, after: Duration, counts: bool) -> Next {
        let within_attempts = !counts || self.attempts < self.policy.max_attempts;
        let waited = self.waited.checked_add(after);
        let within_elapsed = !self.policy.max_elapsed.is_zero()
            && waited.is_some_and(|total| total <= self.policy.max_elapsed);
        match waited {
            Some(waited) if within_attempts && within_elapsed => {
                self.waited = waited;
                self.attempts += u32::from(counts);
                Next::Resend { after }
            }
            _ => {
                self.exhausted = true;
                Next::Stop
            }
        }
    }

    /// A full-jitter backoff: uniform in `[0, min(max, base × 2^n)]`.
    fn backoff(&mut self) -> Duration {
        let exponent = self.attempts.min(31);
        let ceiling = self
            .policy
            .base_delay
            .saturating_mul(1 << exponent)
            .min(self.policy.max_delay);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        match nanos.checked_add(1) {
            Some(span) => Duration::from_nanos(self.random() % span),
            None => Duration::from_nanos(self.random()),
        }
    }

    /// SplitMix64: a small, well-mixed generator; jitter needs no more.
    fn random(&mut self) -> u64 {
        self.rng = self.rng.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}
