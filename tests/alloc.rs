//! Heap allocations on the common paths, pinned exactly so that the
//! README's performance section, which quotes them, stays true; and the
//! borrowing of values that need no decoding.
//!
//! Counting takes a global allocator, and implementing `GlobalAlloc` takes
//! `unsafe`. The library forbids `unsafe` (`#![forbid(unsafe_code)]` in
//! `lib.rs`); this test binary allows it for the wrapper below, which only
//! counts and hands every call to `System` unchanged.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use oauth_triage::{
    classify, AadstsCode, Action, Callback, Challenges, ExpectedCallback, TokenError,
};

#[path = "../benches/bodies/mod.rs"]
#[allow(dead_code)]
mod bodies;

thread_local! {
    /// Allocations and reallocations made by this thread. Tests run on
    /// threads of their own, so counts do not mix.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

struct Counting;

fn count() {
    // A `const` thread-local without `Drop` never allocates itself.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

// SAFETY: each method forwards its arguments to `System`, whose contract is
// the same, and returns what `System` returns.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count();
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// How many allocations and reallocations `f` makes on this thread.
fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

/// Whether `part` lies inside `whole`: borrowed, not copied.
fn borrows(whole: &[u8], part: &str) -> bool {
    whole.as_ptr_range().contains(&part.as_ptr())
}

#[test]
fn minimal_token_body_allocates_nothing() {
    let n = allocations(|| {
        let err = TokenError::from_json(bodies::MINIMAL).unwrap();
        assert_eq!(classify(&err).action(), &Action::Reauthenticate);
    });
    assert_eq!(n, 0);
}

#[test]
fn typical_entra_body_allocates_nothing() {
    // Every value is borrowed or kept inline (the codes). The description's
    // `\r\n` and the claims request's `\"` are decoded only when read, and
    // no step reads the claims once `message_only` has decided.
    let n = allocations(|| {
        let err = TokenError::from_json(bodies::ENTRA).unwrap();
        assert_eq!(classify(&err).action(), &Action::Denied);
    });
    assert_eq!(n, 0);

    let err = TokenError::from_json(bodies::ENTRA).unwrap();
    for value in [err.trace_id(), err.correlation_id(), err.error_uri()] {
        assert!(borrows(bodies::ENTRA, value.unwrap()));
    }
    // Reading decodes once; later reads are free.
    assert_eq!(
        allocations(|| assert!(err.description().unwrap().contains("\r\n"))),
        1
    );
    assert_eq!(allocations(|| assert!(err.description().is_some())), 0);
    assert_eq!(
        allocations(|| assert!(err.claims().unwrap().starts_with('{'))),
        1
    );
    assert_eq!(allocations(|| assert!(err.claims().is_some())), 0);
}

#[test]
fn a_step_up_decodes_its_claims_request_once() {
    // Without `message_only`, the claims request decides (step 5), so
    // classification decodes it: the one allocation.
    let n = allocations(|| {
        let err = TokenError::from_json(bodies::ENTRA_STEP_UP).unwrap();
        let c = classify(&err);
        assert!((match c.action() {
            oauth_triage::Action::StepUp(s) => Some(s),
            _ => None,
        })
        .unwrap()
        .claims
        .as_deref()
        .unwrap()
        .contains("capolids"));
    });
    assert_eq!(n, 1);

    // The decoded request belongs to the classification; `claims()` on the
    // token error decodes its own copy on first read, then keeps it.
    let err = TokenError::from_json(bodies::ENTRA_STEP_UP).unwrap();
    let c = classify(&err);
    assert_eq!(allocations(|| assert!(err.claims().is_some())), 1);
    assert_eq!(allocations(|| assert!(err.claims().is_some())), 0);
    assert_eq!(
        err.claims(),
        (match c.action() {
            oauth_triage::Action::StepUp(s) => Some(s),
            _ => None,
        })
        .unwrap()
        .claims
        .as_deref()
    );
}

#[test]
fn long_descriptions_cost_no_allocation() {
    for body in [bodies::long_description(), bodies::padded(64 * 1024)] {
        let n = allocations(|| {
            let err = TokenError::from_json(&body).unwrap();
            assert_eq!(classify(&err).action(), &Action::Reauthenticate);
        });
        assert_eq!(n, 0, "{} bytes", body.len());
    }
}

#[test]
fn redirects_borrow_what_needs_no_decoding() {
    let url = "https://app.example/cb?error=login_required&state=d66b10a0&iss=https%3A%2F%2Flogin.example%2F";
    let mut parsed = None;
    // The list of parameters, and `iss`, which is percent-encoded.
    assert_eq!(
        allocations(|| parsed = Some(Callback::from_redirect_uri(url).unwrap())),
        2
    );
    let callback = parsed.unwrap();
    assert!(borrows(url.as_bytes(), callback.state().unwrap()));
    assert!(!borrows(url.as_bytes(), callback.iss().unwrap()));
    // The check allocates nothing either.
    let expected = ExpectedCallback::state("d66b10a0");
    let mut verified = None;
    assert_eq!(
        allocations(|| verified = Some(callback.check(&expected).unwrap())),
        0
    );
    let verified = verified.unwrap();
    let err = verified.error().unwrap();
    assert_eq!(
        allocations(|| assert_eq!(classify(err).action(), &Action::Reauthenticate)),
        0
    );

    // Classifying reads the code of a Microsoft `error_uri` without an
    // allocation of its own.
    let url = "/cb?error=invalid_request&error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d50011";
    let verified = Callback::from_redirect_uri(url)
        .unwrap()
        .check(&ExpectedCallback::state_absent())
        .unwrap();
    let err = verified.error().unwrap();
    let n = allocations(|| {
        let c = classify(err);
        assert_eq!(
            (c.codes(), c.action()),
            (&[AadstsCode::new(50011)][..], &Action::FixConfig)
        );
    });
    assert_eq!(n, 0);

    let body = b"error=consent_required&state=d66b10a0";
    let mut parsed = None;
    assert_eq!(
        allocations(|| parsed = Some(Callback::from_form_post(body).unwrap())),
        1
    );
    assert!(borrows(body, parsed.unwrap().state().unwrap()));
}

#[test]
fn challenges_borrow_what_needs_no_decoding() {
    let header =
        r#"Bearer realm="api", error="invalid_token", DPoP algs="ES256 PS256", Basic realm="x""#;
    let mut parsed = None;
    // The list of challenges and the parameters of each.
    assert_eq!(
        allocations(|| parsed = Some(Challenges::parse(header).unwrap())),
        4
    );
    let challenges = parsed.unwrap();
    for challenge in &challenges {
        for (name, value) in challenge.params() {
            assert!(borrows(header.as_bytes(), name));
            assert!(borrows(header.as_bytes(), value));
        }
    }
    assert_eq!(
        allocations(|| assert_eq!(classify(&challenges).action(), &Action::Renew)),
        0
    );

    // Microsoft Graph's CAE challenge: five parameters outgrow the first
    // four places of their list. Classifying decodes the base64 claims.
    let header = r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0=""#;
    let mut parsed = None;
    assert_eq!(
        allocations(|| parsed = Some(Challenges::parse(header).unwrap())),
        3
    );
    let challenges = parsed.unwrap();
    let n = allocations(|| {
        let c = classify(&challenges);
        assert!((match c.action() {
            oauth_triage::Action::StepUp(s) => Some(s),
            _ => None,
        })
        .unwrap()
        .claims
        .as_deref()
        .unwrap()
        .contains("nbf"));
    });
    assert_eq!(n, 1);
}

#[test]
fn the_catalog_needs_no_start_up() {
    // The first lookups of the process: a static table, nothing to build.
    let n = allocations(|| {
        let code = AadstsCode::new(50076);
        assert_eq!(code.entry().map(|e| e.code), Some(code));
        assert_eq!("InvalidReplyTo".parse(), Ok(AadstsCode::new(50011)));
        assert_eq!("AADSTS50076".parse(), Ok(code));
        assert_eq!(
            "https://login.microsoftonline.com/error?code=50076".parse(),
            Ok(code)
        );
    });
    assert_eq!(n, 0);
}

#[test]
fn the_retry_policy_allocates_nothing_per_answer() {
    use oauth_triage::{HttpResponse, RetryPolicy};

    let answers = [
        classify(HttpResponse::new(429).header("Retry-After", "2")),
        classify(HttpResponse::new(503)),
        classify(TokenError::from_json(br#"{"error":"authorization_pending"}"#).unwrap()),
        classify(TokenError::from_json(br#"{"error":"slow_down","interval":10}"#).unwrap()),
        classify(Challenges::parse(r#"Bearer error="invalid_token""#).unwrap()),
        classify(TokenError::from_json(br#"{"error":"invalid_client"}"#).unwrap()),
    ];
    let policy = RetryPolicy::new().max_attempts(100).seed(1);
    let mut retries = policy.start();
    let n = allocations(|| {
        for c in answers.iter().cycle().take(60) {
            let _ = retries.next(c);
        }
    });
    assert_eq!(n, 0);
}
