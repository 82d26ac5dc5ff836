//! Tells the library whether the compiler knows the `#[diagnostic]`
//! attributes (Rust 1.78), so that `QueryPairs` explains in words why a map
//! is refused where it can, and the library still builds on its
//! `rust-version` (1.74), where that namespace is an error. serde's build
//! script does the same for its own `on_unimplemented` messages.

use std::env;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RUSTC");
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let minor = Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|version| minor_version(&version));
    // An unreadable version is taken as a recent compiler.
    if minor.is_some_and(|minor| minor < 78) {
        println!("cargo:rustc-cfg=no_diagnostic_namespace");
    }
}

/// The minor version in `rustc 1.74.1 (a28077b28 2023-12-04)`.
fn minor_version(version: &str) -> Option<u32> {
    let number = version.strip_prefix("rustc ")?.split(' ').next()?;
    let mut parts = number.split('.');
    if parts.next()? != "1" {
        return None;
    }
    parts.next()?.parse().ok()
}
