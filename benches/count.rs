//! `cargo bench -p oauth-triage-benches --bench count -- WORKLOAD N`: runs one workload of the
//! `triage` benchmarks N times and nothing else, for an instruction counter
//! such as `valgrind --tool=callgrind`. Instruction counts do not depend on
//! what else the machine is doing, so they back the timed ratios with ones
//! that repeat exactly. Count at two values of N and take the difference, so
//! that the start-up of the process drops out:
//!
//! ```sh
//! cargo bench -p oauth-triage-benches --bench count --no-run   # prints the path of the binary
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null BINARY entra_step_up/oauth_triage_classify 1000
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null BINARY entra_step_up/oauth_triage_classify 2000
//! ```
//!
//! With no arguments, it runs each workload once and lists them.

use std::hint::black_box;
use std::process::ExitCode;

use oauth_triage::{classify, AadstsCode, Callback, TokenError};

mod baseline;
mod bodies;

use baseline::OwnedTokenError;

fn oauth_triage_classify(body: &[u8]) {
    let err = TokenError::from_json(black_box(body)).unwrap();
    let c = classify(&err);
    black_box(&c);
}

fn serde_owned(body: &[u8]) {
    let err: OwnedTokenError = serde_json::from_slice(black_box(body)).unwrap();
    black_box(&err);
}

fn oauth2(body: &[u8]) {
    let err: oauth2::basic::BasicErrorResponse = serde_json::from_slice(black_box(body)).unwrap();
    black_box(&err);
}

/// Every workload: its name and one run of it.
type Workload = (String, Box<dyn Fn()>);

fn workloads() -> Vec<Workload> {
    // Kept for the life of the process, as the constant bodies are.
    let long: &'static [u8] = Box::leak(bodies::long_description().into_boxed_slice());
    let bodies: [(&str, &'static [u8]); 4] = [
        ("entra", bodies::ENTRA),
        ("entra_step_up", bodies::ENTRA_STEP_UP),
        ("minimal", bodies::MINIMAL),
        ("long_description", long),
    ];
    let parsers = [
        ("oauth_triage_classify", oauth_triage_classify as fn(&[u8])),
        ("serde_owned", serde_owned),
        ("oauth2", oauth2),
    ];
    let mut all: Vec<Workload> = Vec::new();
    for (body_name, body) in bodies {
        for (parser_name, parse) in parsers {
            all.push((
                format!("{body_name}/{parser_name}"),
                Box::new(move || parse(body)),
            ));
        }
    }
    let redirects = [
        ("authorize/query", bodies::REDIRECT_QUERY),
        ("authorize/fragment", bodies::REDIRECT_FRAGMENT),
    ];
    for (name, uri) in redirects {
        all.push((
            name.to_owned(),
            Box::new(move || {
                let err = Callback::from_redirect_uri(black_box(uri)).unwrap();
                black_box(&err);
            }),
        ));
    }
    all.push((
        "authorize/form_post".to_owned(),
        Box::new(|| {
            let err = Callback::from_form_post(black_box(bodies::FORM_POST)).unwrap();
            black_box(&err);
        }),
    ));
    all.push((
        "catalog/by_name".to_owned(),
        Box::new(|| {
            black_box(black_box("InvalidReplyTo").parse::<AadstsCode>().ok());
        }),
    ));
    all
}

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; skip flags.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let workloads = workloads();
    let Some(name) = args.first() else {
        // As `cargo test --workspace --all-targets` runs it: each workload once.
        for (name, run) in &workloads {
            run();
            println!("{name}");
        }
        return ExitCode::SUCCESS;
    };
    let Some(Ok(n)) = args.get(1).map(|n| n.parse::<u64>()) else {
        eprintln!("usage: count WORKLOAD N (run with no arguments to list the workloads)");
        return ExitCode::from(2);
    };
    let Some((_, run)) = workloads.iter().find(|(w, _)| w == name) else {
        eprintln!("no workload {name} (run with no arguments to list them)");
        return ExitCode::from(2);
    };
    for _ in 0..n {
        run();
    }
    ExitCode::SUCCESS
}
