//! The smallest program that classifies: a token error body from standard
//! input, its action on standard output. Built with and without the
//! `catalog-text` feature to measure what the catalog's text adds to a
//! stripped binary (see README.md here).

use std::io::Read;

fn main() {
    let mut body = Vec::new();
    std::io::stdin()
        .read_to_end(&mut body)
        .expect("standard input");
    let response = oauth_triage::HttpResponse::new(400).body(&body);
    println!("{}", oauth_triage::classify(&response).action());
}
