//! The baseline for `classify_only`: the same body read by serde_json into
//! a struct of owned `String`s, its `error` on standard output.

use std::io::Read;

#[derive(serde::Deserialize)]
struct TokenError {
    error: String,
    #[allow(dead_code)]
    error_description: Option<String>,
    #[allow(dead_code)]
    error_codes: Option<Vec<u32>>,
}

fn main() {
    let mut body = Vec::new();
    std::io::stdin()
        .read_to_end(&mut body)
        .expect("standard input");
    let err: TokenError = serde_json::from_slice(&body).expect("a token error body");
    println!("{}", err.error);
}
