//! `cargo bench -p oauth-triage-benches --bench triage`: every benchmark in one run, so that the ratios compare
//! figures taken in the same run.
//!
//! Group names put the contenders side by side: `token/entra/oauth_triage_classify`
//! (parse and classify with this crate), `token/entra/serde_owned` (serde_json
//! into a plain struct of owned `String`s, no decision), `token/entra/oauth2`
//! (`oauth2::basic::BasicErrorResponse` through `serde_json::from_slice`, the
//! cheapest way to get it) and `token/entra/oauth2_path_to_error` (the same
//! type through `serde_path_to_error`, as the `oauth2` crate itself parses
//! error bodies).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use oauth_triage::{classify, AadstsCode, Callback, Challenges, TokenError};

mod baseline;
mod bodies;

use baseline::OwnedTokenError;

fn token_bodies(c: &mut Criterion) {
    let long = bodies::long_description();
    let cases: [(&str, &[u8]); 4] = [
        ("entra", bodies::ENTRA),
        ("entra_step_up", bodies::ENTRA_STEP_UP),
        ("minimal", bodies::MINIMAL),
        ("long_description", &long),
    ];
    for (name, body) in cases {
        let mut group = c.benchmark_group(format!("token/{name}"));
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function("oauth_triage_classify", |b| {
            b.iter(|| {
                let err = TokenError::from_json(black_box(body)).unwrap();
                let c = classify(&err);
                black_box(&c);
                c.decided_by()
            })
        });
        group.bench_function("oauth_triage_parse", |b| {
            b.iter(|| {
                let err = TokenError::from_json(black_box(body)).unwrap();
                black_box(&err);
            })
        });
        group.bench_function("serde_owned", |b| {
            b.iter(|| {
                let err: OwnedTokenError = serde_json::from_slice(black_box(body)).unwrap();
                black_box(&err);
            })
        });
        group.bench_function("oauth2", |b| {
            b.iter(|| {
                let err: oauth2::basic::BasicErrorResponse =
                    serde_json::from_slice(black_box(body)).unwrap();
                black_box(&err);
            })
        });
        group.bench_function("oauth2_path_to_error", |b| {
            b.iter(|| {
                let mut de = serde_json::Deserializer::from_slice(black_box(body));
                let err: oauth2::basic::BasicErrorResponse =
                    serde_path_to_error::deserialize(&mut de).unwrap();
                black_box(&err);
            })
        });
        group.finish();
    }
}

fn linearity(c: &mut Criterion) {
    let mut group = c.benchmark_group("linear/oauth_triage_classify");
    for kib in [1, 16, 64] {
        let body = bodies::padded(kib * 1024);
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{kib}KiB")),
            &body,
            |b, body| {
                b.iter(|| {
                    let err = TokenError::from_json(black_box(body)).unwrap();
                    let c = classify(&err);
                    black_box(&c);
                    c.decided_by()
                })
            },
        );
    }
    group.finish();
}

fn authorize(c: &mut Criterion) {
    let mut group = c.benchmark_group("authorize");
    group.bench_function("query", |b| {
        b.iter(|| {
            let err = Callback::from_redirect_uri(black_box(bodies::REDIRECT_QUERY)).unwrap();
            black_box(&err);
        })
    });
    group.bench_function("fragment", |b| {
        b.iter(|| {
            let err = Callback::from_redirect_uri(black_box(bodies::REDIRECT_FRAGMENT)).unwrap();
            black_box(&err);
        })
    });
    group.bench_function("form_post", |b| {
        b.iter(|| {
            let err = Callback::from_form_post(black_box(bodies::FORM_POST)).unwrap();
            black_box(&err);
        })
    });
    group.finish();
}

/// Microsoft Graph's continuous access evaluation challenge.
const GRAPH_CAE: &str = r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0=""#;
const MULTI: &str = r#"Bearer realm="api", DPoP algs="ES256 PS256", Basic realm="x""#;

fn challenge(c: &mut Criterion) {
    for (name, header) in [("graph_cae", GRAPH_CAE), ("multi", MULTI)] {
        let mut group = c.benchmark_group(format!("challenge/{name}"));
        group.bench_function("parse", |b| {
            b.iter(|| {
                let challenges = Challenges::parse(black_box(header)).unwrap();
                black_box(&challenges);
            })
        });
        group.bench_function("parse_classify", |b| {
            b.iter(|| {
                let challenges = Challenges::parse(black_box(header)).unwrap();
                let c = classify(&challenges);
                black_box(&c);
                c.decided_by()
            })
        });
        group.finish();
    }
}

fn catalog_lookup(c: &mut Criterion) {
    let mut group = c.benchmark_group("catalog");
    group.bench_function("lookup", |b| {
        b.iter(|| AadstsCode::new(black_box(50076)).entry().map(|e| e.code))
    });
    group.bench_function("lookup_unknown", |b| {
        b.iter(|| AadstsCode::new(black_box(50077)).entry().map(|e| e.code))
    });
    group.bench_function("by_name", |b| {
        b.iter(|| black_box("InvalidReplyTo").parse::<AadstsCode>().ok())
    });
    group.bench_function("find", |b| {
        b.iter(|| {
            black_box("AADSTS50076")
                .parse::<AadstsCode>()
                .ok()
                .and_then(AadstsCode::entry)
                .map(|e| e.code)
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    token_bodies,
    linearity,
    authorize,
    challenge,
    catalog_lookup
);
criterion_main!(benches);
