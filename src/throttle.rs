//! Throttling shared across callers: identical requests held back while the
//! server's answer still stands, as MSAL does.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::action::Action;
use crate::classify::{Classification, DecidedBy};
use crate::retry::DEFAULT_MAX_RETRY_AFTER;

/// Holds back identical requests, across tasks and threads, while a
/// server's answer to one of them still stands: what MSAL calls client
/// throttling, so that a thousand tasks that share a credential do not
/// each ask the token endpoint again (and loop into AADSTS50196).
///
/// Requests are identical when their keys are equal: choose a key that
/// names what the server answered for, such as the authority, the client
/// id, the scopes and the account (MSAL's "request thumbprint"). Before
/// sending, [`check`](Throttle::check) the key: a held request is not sent,
/// and the hold's classification goes to [`Retries::next`](crate::Retries::next)
/// in place of an answer (a held `retry` waits what is left of the hold).
/// After classifying an answer, [`record`](Throttle::record) it:
///
/// ```
/// use oauth_triage::{classify, Classification, HttpResponse, Next, RetryPolicy, Throttle};
///
/// fn send() -> HttpResponse<'static> { HttpResponse::new(429).header("Retry-After", "30") }
///
/// let throttle = Throttle::new(); // shared by every task, in an Arc
/// let key = "https://login.microsoftonline.com/contoso|app-1|api://x/.default".to_owned();
/// let mut retries = RetryPolicy::new().start();
/// let mut waits = Vec::new();
/// for _ in 0..2 {
///     let c: Classification<'static> = match throttle.check(&key) {
///         Some(held) => held.classification().clone(), // not sent
///         None => {
///             let c = classify(send()).into_owned();
///             throttle.record(key.clone(), &c);
///             c
///         }
///     };
///     match retries.next(&c) {
///         Next::Resend { after } => waits.push(after), // sleep `after`, then loop
///         _ => break,
///     }
/// }
/// // The second round waited out the hold instead of asking the server again.
/// assert_eq!(waits.len(), 2);
/// assert!(waits[1] <= waits[0]);
/// ```
///
/// The rules mirror MSAL.NET's (Microsoft's "Understanding client and
/// server throttling in MSAL.NET",
/// <https://learn.microsoft.com/en-us/entra/msal/dotnet/advanced/client-and-server-throttling>,
/// and MSAL.js's `ThrottlingUtils`):
///
/// | the answer | held for | MSAL |
/// |---|---|---|
/// | a `retry` with a server delay (`Retry-After`, `retry-after-ms`, a catalog minimum) | that delay, at most one hour | the delay, capped at one hour; every flow |
/// | a `retry` decided by a 429 or 5xx status without a delay | 60 seconds ([`Throttle::server_error_hold`]) | one minute; public clients |
/// | an interactive need (`reauthenticate`, `consent`, `step_up`) | 120 seconds ([`Throttle::interactive_hold`]) | two minutes; silent requests only |
/// | a success | nothing: the key is released | |
/// | anything else (a transport failure, `fix_*`, `denied`, `abort`) | nothing | |
///
/// Record only the answers of silent requests (a refresh, client
/// credentials): an interactive need is what a user clears by signing
/// in, after which the silent request succeeds, and its success, recorded,
/// releases the key. A held request
/// gets the classification that holds it back, as if the server had
/// answered again.
///
/// The table is bounded ([`Throttle::capacity`], 1024 keys by
/// default): when it is full, expired holds go first, then the one that
/// ends soonest. It uses the monotonic clock ([`Instant`]).
///
/// # Examples
///
/// ```
/// use std::sync::Arc;
/// use oauth_triage::{classify, Action, HttpResponse, Throttle};
///
/// let throttle = Arc::new(Throttle::new());
/// let key = "https://login.microsoftonline.com/contoso|api://daemon|.default".to_owned();
///
/// // One task is told to come back in 60 seconds...
/// let answer = HttpResponse::new(429).header("Retry-After", "60");
/// throttle.record(key.clone(), &classify(&answer));
///
/// // ...and every other task with the same request waits too, without
/// // asking the server.
/// let held = throttle.check(&key).expect("held back");
/// assert!(matches!(held.classification().action(), Action::Retry { .. }));
/// assert!(held.remaining().as_secs() <= 60);
/// assert!(throttle.check("another request").is_none());
/// ```
pub struct Throttle<K = String> {
    holds: Mutex<HashMap<K, Hold>>,
    server_error_hold: Duration,
    interactive_hold: Duration,
    capacity: usize,
}

/// One held key: until when, and the answer that holds it.
struct Hold {
    until: Instant,
    classification: Classification<'static>,
}

/// A request held back by a [`Throttle`]: the answer that holds it, and
/// for how much longer.
#[derive(Clone, Debug)]
pub struct Held {
    classification: Classification<'static>,
    remaining: Duration,
}

impl Held {
    /// The classification of the answer that holds the request back, a
    /// `retry`'s delay set to the time left: act on it as on a fresh answer,
    /// or hand it to [`Retries::next`](crate::Retries::next) (a held `retry`
    /// waits out the hold, an interactive need signs in).
    ///
    /// ```
    /// use std::time::Duration;
    /// use oauth_triage::{classify, HttpResponse, Next, RetryPolicy, Throttle};
    ///
    /// let throttle = Throttle::new();
    /// // A busy server that named no delay: MSAL's minute.
    /// throttle.record("token".to_owned(), &classify(HttpResponse::new(503)));
    /// let held = throttle.check("token").ok_or("not held")?;
    /// let mut retries = RetryPolicy::new().start();
    /// let Next::Resend { after } = retries.next(held.classification()) else {
    ///     return Err("a held retry waits".into());
    /// };
    /// assert!(after > Duration::from_secs(55) && after <= Duration::from_secs(60));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn classification(&self) -> &Classification<'static> {
        &self.classification
    }

    /// How much longer the hold lasts.
    pub fn remaining(&self) -> Duration {
        self.remaining
    }
}

impl<K: Eq + Hash> Throttle<K> {
    /// An empty throttle with MSAL's holds (60 s after a busy server that
    /// named no delay, 120 s after an interactive need) and room for 1024
    /// keys.
    pub fn new() -> Self {
        Self {
            holds: Mutex::new(HashMap::new()),
            server_error_hold: Duration::from_secs(60),
            interactive_hold: Duration::from_secs(120),
            capacity: 1024,
        }
    }

    /// How long a `retry` decided by a 429 or 5xx without a server delay
    /// holds its key (default 60 seconds; zero holds nothing).
    ///
    /// ```
    /// use std::time::Duration;
    /// use oauth_triage::{classify, HttpResponse, Throttle};
    ///
    /// let throttle = Throttle::new().server_error_hold(Duration::ZERO);
    /// throttle.record("token".to_owned(), &classify(HttpResponse::new(503)));
    /// assert!(throttle.check("token").is_none());
    /// ```
    #[must_use]
    pub fn server_error_hold(mut self, hold: Duration) -> Self {
        self.server_error_hold = hold;
        self
    }

    /// How long an interactive need (`reauthenticate`, `consent`,
    /// `step_up`) holds its key (default 120 seconds; zero holds
    /// nothing).
    ///
    /// ```
    /// use std::time::Duration;
    /// use oauth_triage::{classify, Throttle, TokenError};
    ///
    /// let throttle = Throttle::new().interactive_hold(Duration::from_secs(30));
    /// let mfa = TokenError::from_json(br#"{"error":"invalid_grant","error_codes":[50076]}"#)?;
    /// throttle.record("silent|jo".to_owned(), &classify(&mfa));
    /// let held = throttle.check("silent|jo").ok_or("not held")?;
    /// assert!(held.remaining() <= Duration::from_secs(30));
    /// assert!(held.classification().action().needs_user());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn interactive_hold(mut self, hold: Duration) -> Self {
        self.interactive_hold = hold;
        self
    }

    /// At most this many keys are held at once (default 1024; at least
    /// one): when a new key comes and the table is full, expired holds go
    /// first, then the hold that ends soonest.
    ///
    /// ```
    /// use oauth_triage::{classify, HttpResponse, Throttle};
    ///
    /// let throttle = Throttle::new().capacity(1);
    /// let busy = classify(HttpResponse::new(429).header("Retry-After", "30"));
    /// throttle.record("a".to_owned(), &busy);
    /// throttle.record("b".to_owned(), &busy);
    /// assert!(throttle.check("a").is_none());
    /// assert!(throttle.check("b").is_some());
    /// ```
    #[must_use]
    pub fn capacity(mut self, capacity: usize) -> Self {
        self.capacity = capacity.max(1);
        self
    }

    /// Whether a request with this key must wait: the hold, when one
    /// stands.
    pub fn check<Q>(&self, key: &Q) -> Option<Held>
    where
        K: Borrow<Q>,
        Q: Eq + Hash + ?Sized,
    {
        let now = Instant::now();
        let mut holds = self.lock();
        let hold = holds.get(key)?;
        match hold.until.checked_duration_since(now) {
            Some(remaining) if !remaining.is_zero() => Some(Held {
                classification: hold.classification.clone().held_for(remaining),
                remaining,
            }),
            _ => {
                holds.remove(key);
                None
            }
        }
    }

    /// Records the classification of an answer to the request with this
    /// key (see the table above): it holds the key, releases it (a
    /// success), or changes nothing.
    pub fn record(&self, key: K, classification: &Classification<'_>) {
        let hold = match classification.action() {
            Action::Success => {
                self.lock().remove(&key);
                return;
            }
            Action::Retry { after: Some(after) } => (*after).min(DEFAULT_MAX_RETRY_AFTER),
            Action::Retry { after: None } if classification.decided_by() == DecidedBy::Status => {
                self.server_error_hold
            }
            Action::Reauthenticate | Action::Consent | Action::StepUp(_) => self.interactive_hold,
            _ => return,
        };
        let now = Instant::now();
        let Some(until) = now.checked_add(hold).filter(|_| !hold.is_zero()) else {
            return;
        };
        let classification = classification.clone().into_owned();
        let mut holds = self.lock();
        if holds.len() >= self.capacity && !holds.contains_key(&key) {
            holds.retain(|_, hold| hold.until > now);
            if holds.len() >= self.capacity {
                if let Some(soonest) = holds.values().map(|hold| hold.until).min() {
                    holds.retain(|_, hold| hold.until != soonest);
                }
            }
        }
        holds.insert(
            key,
            Hold {
                until,
                classification,
            },
        );
    }
}

impl<K> Throttle<K> {
    /// The table, whatever a panicking holder of the lock left: every
    /// change to it is one call, so it is never half made.
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, Hold>> {
        self.holds.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl<K: Eq + Hash> Default for Throttle<K> {
    /// [`Throttle::new`].
    fn default() -> Self {
        Self::new()
    }
}

/// The settings and how many keys are held; not the keys, which may name
/// accounts.
impl<K> fmt::Debug for Throttle<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let held = self.lock().len();
        f.debug_struct("Throttle")
            .field("held", &held)
            .field("server_error_hold", &self.server_error_hold)
            .field("interactive_hold", &self.interactive_hold)
            .field("capacity", &self.capacity)
            .finish()
    }
}
