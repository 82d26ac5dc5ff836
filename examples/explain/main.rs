//! Explain an OAuth / Entra error offline: an AADSTS code, whatever an admin
//! pastes (a sign-in page's text, a whole response), a file of responses
//! (`--batch`), a sign-in log export (`--sign-in-logs`); or take the catalog
//! elsewhere (`--export csv|json|kql`).
//!
//! ```text
//! cargo run --example explain -- AADSTS9002332
//! cargo run --example explain -- --json '{"error":"invalid_grant","error_codes":[700082]}'
//! cargo run --example explain -- --status 429 --header 'Retry-After: 30' --json -  < body.txt
//! ```

use std::io::Read;
use std::process::ExitCode;

use oauth_triage::{
    catalog, classify_with, AadstsCode, Callback, Challenges, Classification, ExpectedCallback,
    HttpResponse, ParseError, Party, Provider, ResourceError, ResponseMode, Rules, Surface,
    TokenError, VerifiedCallback,
};
use serde_json::{json, Value};

#[macro_use]
mod out;
mod batch;
mod decode;
mod export;
mod paste;
mod sign_in_logs;

use paste::Kind;

const USAGE: &str = "\
usage: explain [OPTIONS] INPUT
       explain --batch FILE|- [--json | --summary]
       explain --sign-in-logs FILE|- [--json]
       explain --export csv|json|kql

INPUT is detected; paste what you have:
  an AADSTS code (AADSTS50011, 50011) or a symbolic name (InvalidReplyTo): looked up;
  text that holds AADSTS codes (a sign-in page, an exception, a log line; or codes
    alone: `error 50011`, `50011 50076`): each code looked up, with the request,
    correlation and trace ids the text shows;
  a whole HTTP response (`HTTP/1.1 401 ...`, headers, blank line, body), or header
    lines with their names (`WWW-Authenticate: Bearer ...`; a `Location:` is a callback);
    also `curl -v` output and PowerShell's error text (its console-wrapped JSON joined);
  `{...}`: a token endpoint JSON error body, or a REST API's (Graph, ARM:
    `{\"error\":{\"code\":...}}`); with --token, `error=...&...`: a form-encoded
    one, as GitHub sends;
  a line of text around one JSON error body (a log line): the body, with the
    status written next to it (`status: 400`, `status code 400`, `HTTP 400`);
  a URL or query with `error=`: the redirect of an authorization callback (its line
    breaks dropped, as a browser does);
  a form_post page (HTML with hidden inputs): the callback it would post;
  `Bearer ...` or `DPoP ...`: a WWW-Authenticate challenge.
`-` reads standard input.

options:
  --lookup               treat INPUT as a catalog code or symbolic name
  --token                treat INPUT as a token endpoint body (JSON, or form-encoded)
  --redirect             treat INPUT as the redirect URL of an authorization callback
  --form-post            treat INPUT as a response_mode=form_post body
  --challenge            treat INPUT as a WWW-Authenticate header value
  --state VALUE          check the callback's state against VALUE first (redirects)
  --surface ENDPOINT     the endpoint that answered: token, authorize or resource;
                         it wins over what the headers suggest (a token endpoint's
                         401 with a Bearer challenge never renews)
  --issuer URL           check the callback's iss against URL first (redirects); iss
                         required: the server advertises
                         authorization_response_iss_parameter_supported (RFC 9207)
  --issuer-if-present URL
                         as --issuer, but a callback without iss passes: servers that
                         do not advertise it (Entra ID, Google)
  --search WORDS         list catalog entries whose name, an alias or summary
                         contains every word (a reply URL is a redirect URI, too
                         many requests are throttling; a code: its entry)
  --export FORMAT        print the whole catalog as csv, json or kql (a datatable)
  --sign-in-logs FILE    count the failures of an Entra sign-in log export by code
                         (Graph, admin center, Log Analytics or PowerShell; JSON or CSV)
  --status N             the HTTP status of the response around the body
  --header 'Name: value' a response header (Retry-After, DPoP-Nonce, Date,
                         WWW-Authenticate); repeatable
  --provider NAME        the server that answered (github, keycloak, google, slack,
                         x, ...): its own meaning of shared error values applies
  --batch FILE|-         one input per line (as INPUT, or a whole response as
                         {\"status\": N, \"headers\": {...}, \"body\": \"...\"}); a line
                         that cannot be read is reported and the rest go on
  --summary              with --batch: counts by action, who acts and code
  --json                 print one JSON object instead of text (with --batch:
                         one per line, with its line number)
  --show-description     also print the server's error_description (raw server text)
  -h, --help             print this help

JSON answers (--json; with --batch, one a line, each with its \"line\": N):
  every answer: action, decided_by, retry_after_secs, error, suberror, codes
    (each {code, name, known});
  a classification (a body, a response, a challenge, an error value, a
    callback) also: retry_after_ms, poll_interval_secs, party, needs_user,
    surface, status, other_error, api_code, step_up, trace_id,
    correlation_id, timestamp, parse_error (a body not understood beside a
    status: its kind; else null), delay_from_catalog (the code whose catalog
    minimum set the delay, as 90055's 60 s; else null). action is \"success\" for every success,
    decided_by \"status\" (a 2xx), \"success_body\" (a token response) or
    \"success_callback\" (a callback with a code or tokens);
  a callback also: state_checked, issuer_checked; a successful one also
    callback (\"success\"), response_mode, code and tokens (true or false:
    never their values); an error callback whose answer names no code also
    lookup_in_description ({lookup: \"text\", codes}) when its description
    names some: looked up, never deciding; an error callback whose
    description shows Entra's Trace ID, Correlation ID or Timestamp also
    ids_in_description ({trace_id, correlation_id, timestamp}, each a GUID
    or an ISO-like time, else null): shown, never deciding, never in the
    classification's own trace_id, correlation_id, timestamp;
  a lookup (never a classification): lookup, \"code\", \"name\" or \"text\".
    A code or a name also: category, party, summary, remedy, reason,
    aliases, notes, sources (null where the catalog does not know the code),
    lookup_url (Microsoft's page, for any code); action and decided_by are
    the catalog's fixed action (\"catalog:N\") or null. A text: action and
    decided_by null, its codes with category, party, action, summary and
    remedy, and request_id, trace_id, correlation_id, timestamp;
  input that cannot be read: {parse_error, message} (exit 2); a callback
    refused by --state or an issuer check: {callback_error, message} (exit 3);
  --batch --summary: lines, read, unreadable, classified, actions, parties,
    lookups, lookup_kinds, parse_errors, codes (each list {name|code, count});
  --sign-in-logs: records, failures (records whose code is not 0),
    interrupts (failures that are normal steps of a sign-in), without_code,
    format, encoding, codes (each {code, count, name, action, party,
    interrupt, remedy, apps}), export_status (the status each record names
    itself, the admin center CSV's Status column: {interrupted, failure,
    success, other, differs (each {code, export, counted_as, count}, where
    the export's word is not this reading of the code)}; null when the
    export names none: JSON and Log Analytics CSV);
  --search: query, results (each {code, name, summary}).

exit status: 0 classified or looked up (with --batch: every line read); 2 the
input cannot be parsed (with --batch: some line could not; with --json:
{\"parse_error\": KIND, \"message\": ...}); 3 a callback failed --state or an issuer check
(with --json: {\"callback_error\": KIND, \"message\": ...}); 64 bad usage; 74 the
output could not be written (a reader that goes away early is no error).
";

#[derive(Default)]
struct Options {
    json: bool,
    show_description: bool,
    mode: Option<Kind>,
    status: Option<u16>,
    headers: Vec<(String, String)>,
    search: Option<String>,
    export: Option<export::Export>,
    sign_in_logs: Option<String>,
    state: Option<String>,
    issuer: Option<String>,
    surface: Option<Surface>,
    issuer_if_present: Option<String>,
    provider: Option<String>,
    batch: Option<String>,
    summary: bool,
    input: Option<String>,
}

impl Options {
    /// Whether the input comes with something of the response around it:
    /// a status, headers, or the endpoint that answered.
    fn around(&self) -> bool {
        self.status.is_some() || !self.headers.is_empty() || self.surface.is_some()
    }

    /// The caller's policy: the provider named with --provider, if any.
    fn policy(&self) -> Rules<'_> {
        match &self.provider {
            Some(name) => Rules::new().provider(Provider::from(name.as_str())),
            None => Rules::new(),
        }
    }
}

fn main() -> ExitCode {
    // A panic's message can quote what was being read (a description with
    // a user's address): say where, never what.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
        eprintln!("explain: internal error{at}; please report it, without the input");
    }));
    match run() {
        Ok(code) => code,
        Err(message) => {
            eprintln!("explain: {message}\n\n{USAGE}");
            ExitCode::from(64)
        }
    }
}

fn parse_args() -> Result<Option<Options>, String> {
    use lexopt::prelude::*;

    let mut opts = Options::default();
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(None),
            Long("json") => opts.json = true,
            Long("show-description") => opts.show_description = true,
            Long("summary") => opts.summary = true,
            Long("batch") => opts.batch = Some(value(&mut parser, "--batch needs a FILE or -")?),
            Long("lookup") => set_mode(&mut opts, Kind::Lookup, "--lookup")?,
            Long("token") => set_mode(&mut opts, Kind::Token, "--token")?,
            Long("redirect") => set_mode(&mut opts, Kind::Redirect, "--redirect")?,
            Long("form-post") => set_mode(&mut opts, Kind::FormPost, "--form-post")?,
            Long("challenge") => set_mode(&mut opts, Kind::Challenge, "--challenge")?,
            Long("state") => opts.state = Some(value(&mut parser, "--state needs a VALUE")?),
            Long("issuer") => opts.issuer = Some(value(&mut parser, "--issuer needs a URL")?),
            Long("surface") => {
                let name = value(&mut parser, "--surface needs token, authorize or resource")?;
                let surface = name.to_ascii_lowercase().parse().map_err(|_| {
                    format!("--surface {name:?} is not token, authorize or resource")
                })?;
                opts.surface = Some(surface);
            }
            Long("issuer-if-present") => {
                opts.issuer_if_present =
                    Some(value(&mut parser, "--issuer-if-present needs a URL")?);
            }
            Long("search") => {
                let words = value(&mut parser, "--search needs WORDS")?;
                if words.trim().is_empty() {
                    return Err(
                        "--search needs WORDS (the whole catalog: --export csv|json|kql)".into(),
                    );
                }
                opts.search = Some(words);
            }
            Long("export") => {
                let format = value(&mut parser, "--export needs csv, json or kql")?;
                let export = export::Export::from_name(&format)
                    .ok_or_else(|| format!("--export {format:?} is not csv, json or kql"))?;
                opts.export = Some(export);
            }
            Long("sign-in-logs") => {
                opts.sign_in_logs = Some(value(&mut parser, "--sign-in-logs needs a FILE")?);
            }
            Long("provider") => {
                let name = value(&mut parser, "--provider needs a NAME")?;
                if matches!(Provider::from(name.as_str()), Provider::Custom(_)) {
                    let known: Vec<&str> = Provider::KNOWN.iter().map(Provider::as_str).collect();
                    return Err(format!(
                        "--provider {name:?} is not one of: {}",
                        known.join(", ")
                    ));
                }
                opts.provider = Some(name);
            }
            Long("status") => {
                let value = value(&mut parser, "--status needs a number")?;
                let status = value
                    .parse::<u16>()
                    .ok()
                    .filter(|s| (100..=999).contains(s))
                    .ok_or_else(|| format!("--status {value:?} is not an HTTP status"))?;
                opts.status = Some(status);
            }
            Long("header") => {
                let value = value(&mut parser, "--header needs 'Name: value'")?;
                let (name, value) = value
                    .split_once(':')
                    .ok_or_else(|| format!("--header {value:?} is not 'Name: value'"))?;
                opts.headers
                    .push((name.trim().to_owned(), value.trim().to_owned()));
            }
            Value(_) if opts.input.is_some() => return Err("more than one INPUT".into()),
            Value(value) if value == "-" => opts.input = Some(read_stdin()?),
            Value(value) => opts.input = Some(text(value)?),
            other => return Err(other.unexpected().to_string()),
        }
    }
    Ok(Some(opts))
}

/// Forces the kind of INPUT; a second, different kind is a usage error.
fn set_mode(opts: &mut Options, kind: Kind, flag: &str) -> Result<(), String> {
    if opts.mode.is_some_and(|m| m != kind) {
        return Err(format!(
            "{flag}: give one of --lookup, --token, --redirect, --form-post, --challenge"
        ));
    }
    opts.mode = Some(kind);
    Ok(())
}

/// The value of the option just read, as UTF-8.
fn value(parser: &mut lexopt::Parser, missing: &str) -> Result<String, String> {
    parser
        .value()
        .map_err(|_| missing.to_owned())
        .and_then(text)
}

fn text(value: std::ffi::OsString) -> Result<String, String> {
    value
        .into_string()
        .map_err(|v| format!("{v:?} is not UTF-8"))
}

/// Standard input as text (UTF-8, or UTF-16 with a byte order mark), at
/// most 4 MiB: a longer input is reported as such, not cut short.
fn read_stdin() -> Result<String, String> {
    const MAX: u64 = 4 * 1024 * 1024;
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(MAX + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    if bytes.len() as u64 > MAX {
        return Err("standard input is longer than 4 MiB; for many inputs, use --batch".into());
    }
    Ok(paste::text_of(&bytes))
}

fn run() -> Result<ExitCode, String> {
    let Some(opts) = parse_args()? else {
        out!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    };
    if opts.issuer.is_some() && opts.issuer_if_present.is_some() {
        return Err("give one of --issuer, --issuer-if-present".into());
    }
    let jobs = [
        opts.export.is_some(),
        opts.search.is_some(),
        opts.sign_in_logs.is_some(),
        opts.batch.is_some(),
    ];
    if jobs.iter().filter(|&&job| job).count() > 1 {
        return Err("give one of --export, --search, --sign-in-logs, --batch".into());
    }
    if let Some(format) = opts.export {
        return Ok(export::run(format));
    }
    if let Some(words) = &opts.search {
        return Ok(search(words, opts.json));
    }
    if let Some(path) = &opts.sign_in_logs {
        if opts.input.is_some() {
            return Err("--sign-in-logs FILE takes no INPUT".into());
        }
        return Ok(sign_in_logs::run(path, opts.json));
    }
    if let Some(source) = &opts.batch {
        if opts.input.is_some() {
            return Err("--batch reads its inputs from FILE; give no INPUT".into());
        }
        if opts.surface.is_some() {
            return Err(
                "--surface names the endpoint of one INPUT; --batch reads each line as it comes"
                    .into(),
            );
        }
        return batch::run(source, &opts);
    }
    if opts.summary {
        return Err("--summary goes with --batch".into());
    }
    let pasted = opts.input.as_deref().ok_or("no INPUT given")?;
    // `curl -v` and PowerShell's error text: read as the response they show.
    let raw = opts
        .mode
        .is_none()
        .then(|| paste::as_raw_response(pasted))
        .flatten();
    let input = raw.as_deref().unwrap_or(pasted);
    let forced = opts.mode.is_some();
    let kind = match opts.mode {
        // A page given to --form-post is read through its hidden inputs.
        Some(Kind::FormPost) if input.contains("<input") => Kind::FormPostPage,
        Some(kind) => kind,
        // A form body with a status or headers around it is a token body (GitHub's).
        None if (opts.status.is_some()
            || !opts.headers.is_empty()
            || matches!(opts.surface, Some(Surface::Token | Surface::Resource)))
            && paste::detect(input) == Kind::Redirect
            && !input.contains(['?', '#']) =>
        {
            Kind::Token
        }
        None => paste::detect(input),
    };
    if let Some(surface) = opts.surface {
        let endpoint_of_kind = match kind {
            // A redirect comes from the authorization endpoint.
            Kind::Redirect | Kind::FormPost | Kind::FormPostPage => Some(Surface::Authorize),
            _ => None,
        };
        if let Some(endpoint) = endpoint_of_kind.filter(|&e| e != surface) {
            return Err(format!(
                "--surface {surface} contradicts the input: a callback comes from the {endpoint} endpoint"
            ));
        }
        if kind == Kind::Challenge && surface == Surface::Authorize {
            return Err("--surface authorize contradicts the input: the authorization endpoint sends no challenge".into());
        }
        if matches!(kind, Kind::Lookup | Kind::Text) {
            eprintln!("explain: a lookup has no endpoint; ignoring --surface");
        }
    }
    // A response shown without a status whose body still cannot be read
    // (PowerShell's text cut or mangled): the codes the text names, looked up.
    if raw.is_some()
        && kind == Kind::Token
        && !opts.around()
        && !paste::body_reads(input)
        && !paste::codes_in_text(pasted).is_empty()
    {
        return Ok(text_lookup(pasted, opts.json));
    }
    Ok(match kind {
        Kind::Lookup => lookup(input, opts.json),
        // Free text without a code; with --status or --header it is a body.
        Kind::Token if !forced && !opts.around() && !looks_structured(input) => unrecognized(&opts),
        Kind::Token => token(input, &opts),
        Kind::Redirect | Kind::FormPost => redirect(input, kind, &opts),
        Kind::Challenge => challenge(input, &opts),
        Kind::Message => message(input, &opts),
        Kind::FormPostPage => form_post_page(input, &opts),
        Kind::Text => text_lookup(input, opts.json),
        Kind::Embedded => embedded(input, &opts),
        Kind::ErrorValue => error_value(input, &opts),
    })
}

/// Whether auto-detected input looks like a body at all (JSON, a form, or
/// nothing), rather than free text without a code.
pub(crate) fn looks_structured(input: &str) -> bool {
    let text = input.trim_start_matches('\u{feff}').trim();
    text.is_empty() || text.starts_with(['{', '[', '<', '"']) || text.contains('=')
}

/// Free text in which nothing readable was found.
fn unrecognized(opts: &Options) -> ExitCode {
    unreadable(
        opts.json,
        "not_recognized",
        NOT_RECOGNIZED,
        format_args!("Cannot read this: {NOT_RECOGNIZED}."),
    )
}

/// The message for free text in which nothing readable was found.
pub(crate) const NOT_RECOGNIZED: &str = "no AADSTS code, symbolic name, OAuth error value, \
     JSON body, HTTP response, redirect or challenge found in the input";

/// Input that cannot be read: exit status 2; with `--json`, the
/// `{"parse_error": KIND, "message": ...}` object, else the `text` line.
fn unreadable(json: bool, kind: &str, message: &str, text: std::fmt::Arguments<'_>) -> ExitCode {
    if json {
        print_json(&json!({"parse_error": kind, "message": message}));
    } else {
        outln!("{text}");
    }
    ExitCode::from(2)
}

/// An OAuth `error` value alone, as an error page shows it: what it means
/// from a token endpoint (the surface decides some values).
fn error_value(input: &str, opts: &Options) -> ExitCode {
    let err = match error_only(input.trim()) {
        Ok(err) => err,
        Err(err) => return parse_failed(&err, opts),
    };
    let surface = opts.surface.unwrap_or(Surface::Token);
    if !opts.json {
        outln!(
            "The `error` value {} alone, as {} would send it:",
            input.trim(),
            match surface {
                Surface::Authorize => "the authorization endpoint",
                Surface::Resource => "a protected resource",
                _ => "a token endpoint",
            }
        );
    }
    if opts.around() {
        // The same body, inside the response the options describe.
        let body = json!({ "error": input.trim() }).to_string();
        let response = with_headers(opts).body(body.as_bytes());
        report(&classify_with(&response, &opts.policy()), None, opts);
    } else {
        report(&classify_with(&err, &opts.policy()), None, opts);
    }
    ExitCode::SUCCESS
}

/// The body a token endpoint sends with this `error` value and no other
/// member.
pub(crate) fn error_only(value: &str) -> Result<TokenError<'static>, ParseError> {
    let body = json!({ "error": value }).to_string();
    TokenError::from_json(body.as_bytes()).map(TokenError::into_owned)
}

fn parse_failed(err: &ParseError, opts: &Options) -> ExitCode {
    unreadable(
        opts.json,
        err.kind(),
        &err.to_string(),
        format_args!("Cannot read this as an OAuth error response: {err}"),
    )
}

/// A WWW-Authenticate value; with `--status`, the response around it.
fn challenge(input: &str, opts: &Options) -> ExitCode {
    // A value pasted with its header name.
    let input = match input.trim_start().split_once(':') {
        Some((name, value)) if name.trim().eq_ignore_ascii_case("www-authenticate") => value,
        _ => input,
    };
    if opts.around() {
        let response = with_headers(opts).header("WWW-Authenticate", input);
        report(
            &classify_with(&response, &opts.policy()),
            description_of(&response),
            opts,
        );
        return ExitCode::SUCCESS;
    }
    match Challenges::parse(input) {
        Ok(challenges) => {
            let description = challenges.in_use().and_then(|c| c.error_description());
            report(
                &classify_with(&challenges, &opts.policy()),
                description,
                opts,
            );
            ExitCode::SUCCESS
        }
        Err(err) => parse_failed(&err, opts),
    }
}

/// The server's free text in a response: the body's description, the API
/// error's message, or the challenge's `error_description`.
fn description_of<'a>(response: &'a HttpResponse<'_>) -> Option<&'a str> {
    response
        .error_body()
        .and_then(TokenError::description)
        .or_else(|| response.resource_error().and_then(|e| e.message()))
        .or_else(|| {
            response
                .challenges()
                .in_use()
                .and_then(|c| c.error_description())
        })
}

/// The response around the input: `--status` (when given), every
/// `--header` and `--surface`.
fn with_headers(opts: &Options) -> HttpResponse<'_> {
    let mut response = opts
        .status
        .map_or_else(HttpResponse::without_status, HttpResponse::new);
    for (name, value) in &opts.headers {
        response = response.header(name, value);
    }
    match opts.surface {
        Some(surface) => response.surface(surface),
        None => response,
    }
}

fn redirect(input: &str, mode: Kind, opts: &Options) -> ExitCode {
    if opts.status.is_some() || !opts.headers.is_empty() {
        eprintln!("explain: a redirect has no HTTP status or headers of its own; ignoring them");
    }
    // A URL pasted with a line end, or split over lines, as a browser reads it.
    let url = paste::joined_url(input);
    let parsed = match mode {
        Kind::FormPost => Callback::from_form_post(input.as_bytes()),
        _ => Callback::from_redirect_uri(&url),
    };
    check_callback(parsed, opts)
}

/// A callback as read, checked against --state and --issuer (or
/// --issuer-if-present), then reported.
fn check_callback(parsed: Result<Callback<'_>, ParseError>, opts: &Options) -> ExitCode {
    let callback = match parsed {
        Ok(callback) => callback,
        Err(err) => return parse_failed(&err, opts),
    };
    // Without --state the state is not checked (and the output says so);
    // --issuer alone checks the issuer only; --issuer-if-present lets a
    // callback without `iss` pass (RFC 9207 §2.4).
    let mut expected = match &opts.state {
        Some(state) => ExpectedCallback::state(state),
        None => ExpectedCallback::state_not_checked(),
    };
    if let Some(issuer) = &opts.issuer {
        expected = expected.issuer(issuer);
    }
    if let Some(issuer) = &opts.issuer_if_present {
        expected = expected.issuer_if_present(issuer);
    }
    let verified = match callback.check(&expected) {
        Ok(verified) => verified,
        Err(rejected) => {
            if opts.json {
                print_json(
                    &json!({"callback_error": rejected.kind(), "message": rejected.to_string()}),
                );
            } else {
                outln!("Rejected before reading the callback: {rejected}");
                outln!("Treat this callback as forged or stale: do not act on its error or redeem its code.");
            }
            return ExitCode::from(3);
        }
    };
    let checks = json!({
        "state_checked": verified.state_checked(),
        "issuer_checked": verified.issuer_checked(),
    });
    let Some(err) = verified.error() else {
        // A success: never print the code or a token.
        if opts.json {
            let mut value = callback_success_json(&verified);
            value["state_checked"] = checks["state_checked"].clone();
            value["issuer_checked"] = checks["issuer_checked"].clone();
            print_json(&value);
        } else {
            outln!(
                "A successful authorization response ({}), not an error.",
                verified.callback().response_mode()
            );
            if verified.code().is_some() {
                outln!("It carries a code to redeem at the token endpoint (not shown).");
            }
            print_checks(&verified, opts);
        }
        return ExitCode::SUCCESS;
    };
    let c = classify_with(err, &opts.policy());
    if opts.json {
        let mut value = classification_json(&c);
        value["state_checked"] = checks["state_checked"].clone();
        value["issuer_checked"] = checks["issuer_checked"].clone();
        add_description_lookup(&mut value, &c, err.description());
        add_description_ids(&mut value, err.description());
        if opts.show_description {
            value["description"] = json!(err.description());
        }
        print_json(&value);
    } else {
        report(&c, err.description(), opts);
        print_description_lookup(&c, err.description());
        print_description_ids(err.description());
        print_checks(&verified, opts);
    }
    ExitCode::SUCCESS
}

/// The answer for a successful callback: a success, as a 2xx is; whether
/// it carries a code or tokens, never them.
pub(crate) fn callback_success_json(verified: &VerifiedCallback<'_>) -> Value {
    let mut value = success_json("success_callback", Surface::Authorize);
    value["callback"] = json!("success");
    value["response_mode"] = json!(verified.callback().response_mode().as_str());
    value["code"] = json!(verified.code().is_some());
    value["tokens"] = json!(["access_token", "id_token"]
        .iter()
        .any(|name| verified.param(name).is_some()));
    value
}

/// A success answer: the members of every classification, `action`
/// `success`, decided by `decided_by` (`success_body`: a token body with
/// tokens; `success_callback`: a callback with a code or tokens).
pub(crate) fn success_json(decided_by: &str, surface: Surface) -> Value {
    let template = classify_with(HttpResponse::new(200).body(b""), &Rules::new());
    let mut value = classification_json(&template);
    value["decided_by"] = json!(decided_by);
    value["status"] = Value::Null;
    value["surface"] = json!(surface.as_str());
    value
}

/// The codes a callback's description names, when the classification
/// names none: looked up, never decided by (`lookup_in_description`).
pub(crate) fn add_description_lookup(
    value: &mut Value,
    c: &Classification<'_>,
    description: Option<&str>,
) {
    if !c.codes().is_empty() {
        return;
    }
    let Some(description) = description else {
        return;
    };
    let codes = paste::codes_in_text(description);
    if !codes.is_empty() {
        value["lookup_in_description"] = json!({
            "lookup": "text",
            "codes": codes.iter().map(|&code| code_entry_json(code)).collect::<Vec<_>>(),
        });
    }
}

/// The ids Entra writes into a callback's description (`Trace ID: ...`,
/// `Correlation ID: ...`, `Timestamp: ...`), for display only: read from
/// free text, they never fill the classification's `trace_id`,
/// `correlation_id` or `timestamp` and never change the action. Only a GUID
/// for an id and an ISO-like date (`2024-05-02 11:42:13Z`,
/// `2024-05-02T11:42:13.123Z`) for the timestamp; anything else is ignored.
pub(crate) struct DescriptionIds<'a> {
    trace_id: Option<&'a str>,
    correlation_id: Option<&'a str>,
    timestamp: Option<&'a str>,
}

/// The ids in a description, or `None` when it shows none.
pub(crate) fn ids_in_description(description: Option<&str>) -> Option<DescriptionIds<'_>> {
    let ids = paste::ids_in_text(description?);
    let ids = DescriptionIds {
        trace_id: ids.trace_id,
        correlation_id: ids.correlation_id,
        timestamp: ids.timestamp.filter(|t| iso_like(t)),
    };
    (ids.trace_id.is_some() || ids.correlation_id.is_some() || ids.timestamp.is_some())
        .then_some(ids)
}

/// `YYYY-MM-DD`, alone or followed by `T` or a space and `HH:MM`.
fn iso_like(value: &str) -> bool {
    let b = value.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && (b.len() == 10
            || (matches!(b[10], b'T' | b' ') && digits(11..13) && b.get(13) == Some(&b':')))
}

/// `ids_in_description` (`{trace_id, correlation_id, timestamp}`) when a
/// callback's description shows Entra's ids: displayed, never deciding.
pub(crate) fn add_description_ids(value: &mut Value, description: Option<&str>) {
    if let Some(ids) = ids_in_description(description) {
        value["ids_in_description"] = json!({
            "trace_id": ids.trace_id,
            "correlation_id": ids.correlation_id,
            "timestamp": ids.timestamp,
        });
    }
}

/// The text form of [`add_description_ids`], each line labelled.
fn print_description_ids(description: Option<&str>) {
    let Some(ids) = ids_in_description(description) else {
        return;
    };
    for (label, value) in [
        ("Trace ID:   ", ids.trace_id),
        ("Correlation:", ids.correlation_id),
        ("Timestamp:  ", ids.timestamp),
    ] {
        if let Some(value) = value {
            outln!("{label} {value} (read from the description; decides nothing)");
        }
    }
}

/// The text form of [`add_description_lookup`].
fn print_description_lookup(c: &Classification<'_>, description: Option<&str>) {
    if !c.codes().is_empty() {
        return;
    }
    let codes = description.map(paste::codes_in_text).unwrap_or_default();
    if codes.is_empty() {
        return;
    }
    outln!(
        "Lookup:      the description names {}; looked up, it decides nothing:",
        codes
            .iter()
            .map(|c| format!("AADSTS{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for code in codes {
        match AadstsCode::new(code).entry() {
            Some(e) => {
                outln!("             {e}: {}", e.summary);
                outln!("             Remedy: {}", e.remedy);
            }
            None => outln!("             AADSTS{code} (not in the catalog)"),
        }
    }
}

/// What was checked of a callback, and what was not.
fn print_checks(verified: &VerifiedCallback<'_>, opts: &Options) {
    let said = |checked| if checked { "checked" } else { "not checked" };
    let issuer = if !verified.issuer_checked() && opts.issuer_if_present.is_some() {
        "no iss (not required)"
    } else {
        said(verified.issuer_checked())
    };
    outln!(
        "State:       {}; issuer: {}",
        said(verified.state_checked()),
        issuer
    );
    if !verified.state_checked() {
        outln!("             (give --state to check it: an unchecked callback may be forged)");
    }
}

/// A classification's JSON answer: the library's members, and
/// `delay_from_catalog`.
pub(crate) fn classification_json(c: &Classification<'_>) -> Value {
    let mut value = serde_json::to_value(c).expect("a classification serializes");
    value["delay_from_catalog"] = json!(delay_from_catalog(c).map(AadstsCode::get));
    value
}

/// The code whose catalog minimum set the delay (AADSTS90055's 60 s over
/// a shorter `Retry-After`, or as the code's own action): the delay is
/// that minimum.
pub(crate) fn delay_from_catalog(c: &Classification<'_>) -> Option<AadstsCode> {
    let after = c.retry_after()?;
    c.codes().iter().copied().find(|code| {
        matches!(
            code.entry().and_then(|e| e.action.as_ref()),
            Some(oauth_triage::Action::Retry { after: Some(minimum) }) if *minimum == after
        )
    })
}

/// A delay as a person reads it: `30s`, `1.5s` (whole seconds when whole).
pub(crate) fn delay(after: std::time::Duration) -> String {
    if after.subsec_millis() == 0 {
        format!("{}s", after.as_secs())
    } else {
        format!("{}s", after.as_secs_f64())
    }
}

fn print_json(value: &Value) {
    let text = serde_json::to_string_pretty(value).expect("a JSON value serializes");
    outln!("{text}");
}

fn entry_json(code: u32, entry: Option<&catalog::Entry>) -> Value {
    json!({"code": code, "name": entry.and_then(|e| e.name), "known": entry.is_some()})
}

/// The answer for a code or a name looked up: `lookup` is `code` or
/// `name`; `action` and `decided_by` are the catalog's fixed action for the
/// code (else `null`).
pub(crate) fn lookup_json(input: &str) -> Value {
    let kind = if paste::typed_code(input).is_some() {
        "code"
    } else {
        "name"
    };
    if paste::typed_code(input) == Some(0) {
        return json!({
            "lookup": kind,
            "action": "success",
            "decided_by": null,
            "retry_after_secs": null,
            "error": null,
            "suberror": null,
            "codes": [{"code": 0, "name": null, "known": false}],
        });
    }
    let entry = input.parse::<AadstsCode>().ok().and_then(AadstsCode::entry);
    let code = entry
        .map(|e| e.code.get())
        .or_else(|| paste::typed_code(input));
    let mut value = json!({
        "lookup": kind,
        "action": entry.and_then(|e| e.action.as_ref()).map(|a| a.name()),
        "retry_after_secs": null,
        "error": null,
        "suberror": null,
        "codes": code.map(|c| vec![entry_json(c, entry)]).unwrap_or_default(),
        "decided_by": entry.filter(|e| e.action.is_some()).map(|e| format!("catalog:{}", e.code.get())),
    });
    // The same members for every code or name: `null` where the catalog
    // has nothing, and Microsoft's lookup page for any code.
    let extra = match entry {
        Some(e) => json!({
            "category": e.category.as_str(),
            "party": e.party.as_str(),
            "summary": e.summary,
            "remedy": e.remedy,
            "reason": e.reason,
            "aliases": e.aliases,
            "notes": e.notes,
            "sources": e.sources,
            "lookup_url": e.code.lookup_url(),
        }),
        None => json!({
            "category": null,
            "party": null,
            "summary": null,
            "remedy": null,
            "reason": null,
            "aliases": [],
            "notes": null,
            "sources": [],
            "lookup_url": code.map(|c| AadstsCode::new(c).lookup_url()),
        }),
    };
    value
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    value
}

/// A code of a text looked up: `code`, `name`, `known`, and the catalog's
/// `category`, `party`, `action`, `summary`, `remedy` when it knows it.
pub(crate) fn code_entry_json(code: u32) -> Value {
    let entry = AadstsCode::new(code).entry();
    let mut value = entry_json(code, entry);
    if let Some(e) = entry {
        value["category"] = json!(e.category.as_str());
        value["party"] = json!(e.party.as_str());
        value["action"] = json!(e.action.as_ref().map(|a| a.name()));
        value["summary"] = json!(e.summary);
        value["remedy"] = json!(e.remedy);
    }
    value
}

/// The answer for a text's codes looked up (`lookup`: `text`): never a
/// classification, so `action` and `decided_by` are `null`.
pub(crate) fn text_lookup_json(input: &str) -> Value {
    let codes = paste::lookup_codes(input);
    let ids = paste::ids_in_text(input);
    json!({
        "lookup": "text",
        "action": null,
        "retry_after_secs": null,
        "error": null,
        "suberror": null,
        "decided_by": null,
        "codes": codes.iter().map(|&code| code_entry_json(code)).collect::<Vec<_>>(),
        "trace_id": ids.trace_id,
        "correlation_id": ids.correlation_id,
        "request_id": ids.request_id,
        "timestamp": ids.timestamp,
    })
}

fn lookup(input: &str, as_json: bool) -> ExitCode {
    if input.trim().is_empty() {
        let err = ParseError::Empty;
        return unreadable(
            as_json,
            err.kind(),
            &err.to_string(),
            format_args!("Nothing to look up: {err}"),
        );
    }
    if as_json {
        print_json(&lookup_json(input));
        return ExitCode::SUCCESS;
    }
    if paste::typed_code(input) == Some(0) {
        outln!("0 is not an error: it is the code of a successful sign-in.");
        return ExitCode::SUCCESS;
    }
    let entry = input.parse::<AadstsCode>().ok().and_then(AadstsCode::entry);
    let code = entry
        .map(|e| e.code.get())
        .or_else(|| paste::typed_code(input));
    match entry {
        Some(e) => print_entry(e),
        None => {
            let shown = code.map_or_else(|| input.trim().to_owned(), |c| format!("AADSTS{c}"));
            outln!("{shown} is not in the catalog.");
            if let Some(c) = code {
                outln!(
                    "Microsoft's lookup page: {}",
                    AadstsCode::new(c).lookup_url()
                );
            }
        }
    }
    ExitCode::SUCCESS
}

fn print_entry(e: &catalog::Entry) {
    outln!("{e}");
    outln!("  Category:  {}", e.category);
    outln!("  Who acts:  {}", e.party);
    outln!("  What:      {}", e.summary);
    outln!("  Remedy:    {}", e.remedy);
    match &e.action {
        Some(action) => outln!(
            "  Action:    {} ({}): {}",
            action.name(),
            action.advice(),
            e.reason.unwrap_or("")
        ),
        None => outln!("  Action:    none of its own; the response's `error` value decides"),
    }
    if !e.aliases.is_empty() {
        outln!("  Also:      {}", e.aliases.join(", "));
    }
    if let Some(notes) = e.notes {
        outln!("  Notes:     {notes}");
    }
    for (i, url) in e.sources.iter().enumerate() {
        outln!("  {:<11}{url}", if i == 0 { "Sources:" } else { "" });
    }
    outln!("  Lookup:    {}", e.code.lookup_url());
}

/// What admins type for what the catalog words otherwise, whole words of
/// a query (lower case): a reply URL is a redirect URI, too many requests
/// and rate limits are throttling, a URL is a URI. Longer phrases first.
const SEARCH_SYNONYMS: &[(&str, &str)] = &[
    ("reply urls", "redirect uri"),
    ("reply url", "redirect uri"),
    ("reply address", "redirect uri"),
    ("too many requests", "throttl"),
    ("rate limited", "throttl"),
    ("rate limit", "throttl"),
    ("urls", "uris"),
    ("url", "uri"),
];

/// The query in the catalog's words, when [`SEARCH_SYNONYMS`] rewrite it.
fn catalog_words(words: &str) -> Option<String> {
    let query = format!(
        " {} ",
        words.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    let mut rewritten = query.to_ascii_lowercase();
    for (from, to) in SEARCH_SYNONYMS {
        rewritten = rewritten.replace(&format!(" {from} "), &format!(" {to} "));
    }
    (rewritten != query.to_ascii_lowercase()).then(|| rewritten.trim().to_owned())
}

fn search(words: &str, as_json: bool) -> ExitCode {
    let words = words.trim();
    let also = catalog_words(words);
    let mut hits: Vec<&catalog::Entry> = catalog::search(words).collect();
    for e in also.iter().flat_map(|also| catalog::search(also)) {
        if !hits.iter().any(|h| h.code == e.code) {
            hits.push(e);
        }
    }
    // Codes: their entries first, and the lookup that shows them whole.
    let codes = paste::typed_codes(words);
    for (i, e) in codes
        .iter()
        .flatten()
        .filter_map(|&c| AadstsCode::new(c).entry())
        .enumerate()
    {
        hits.retain(|h| h.code != e.code);
        hits.insert(i, e);
    }
    if as_json {
        let list: Vec<Value> = hits
            .iter()
            .map(|e| json!({"code": e.code, "name": e.name, "summary": e.summary}))
            .collect();
        print_json(&json!({ "query": words, "results": list }));
        return ExitCode::SUCCESS;
    }
    if let Some(also) = &also {
        outln!("(also searched for {also:?}: the catalog's words)");
    }
    if hits.is_empty() {
        outln!("no catalog entry mentions {words:?}");
    }
    // The aliases a word matched, when the name did not show it.
    let query_words: Vec<String> = words
        .split_whitespace()
        .chain(also.iter().flat_map(|a| a.split_whitespace()))
        .map(str::to_ascii_lowercase)
        .collect();
    for e in hits {
        let aliases: Vec<&str> = e
            .aliases
            .iter()
            .copied()
            .filter(|alias| {
                let alias_lower = alias.to_ascii_lowercase();
                query_words.iter().any(|w| {
                    alias_lower.contains(w.as_str())
                        && !e
                            .name
                            .is_some_and(|n| n.to_ascii_lowercase().contains(w.as_str()))
                })
            })
            .collect();
        if aliases.is_empty() {
            outln!("{:<40} {}", e.to_string(), e.summary);
        } else {
            outln!(
                "{:<40} {} (alias: {})",
                e.to_string(),
                e.summary,
                aliases.join(", ")
            );
        }
    }
    if codes.is_some() {
        outln!("to look codes up, give them without --search: explain '{words}'");
    }
    ExitCode::SUCCESS
}

fn token(input: &str, opts: &Options) -> ExitCode {
    let body = input.as_bytes();
    if opts.around() {
        let response = with_headers(opts).body(body);
        report(
            &classify_with(&response, &opts.policy()),
            description_of(&response),
            opts,
        );
        return ExitCode::SUCCESS;
    }
    match paste::token_error(input) {
        Ok(err) => {
            report(
                &classify_with(&err, &opts.policy()),
                err.description(),
                opts,
            );
            ExitCode::SUCCESS
        }
        // A token response: a success, never an unreadable input.
        Err(err) if err.kind() == ParseError::Success.kind() => {
            if opts.json {
                print_json(&success_json("success_body", Surface::Token));
            } else {
                outln!("Action:      success: a token response, not an error (its tokens are not shown)");
                outln!("Decided by:  success_body");
            }
            ExitCode::SUCCESS
        }
        // A REST API's error (Graph, ARM: `{"error":{"code":...}}`), without
        // a status: the response it came in.
        Err(_) if ResourceError::from_json(body).is_ok() => {
            let response = HttpResponse::without_status().body(body);
            report(
                &classify_with(&response, &opts.policy()),
                description_of(&response),
                opts,
            );
            ExitCode::SUCCESS
        }
        Err(err) => parse_failed(&err, opts),
    }
}

fn report(c: &Classification<'_>, description: Option<&str>, opts: &Options) {
    if opts.json {
        let mut value = classification_json(c);
        if opts.show_description {
            value["description"] = json!(description);
        }
        print_json(&value);
        return;
    }
    outln!("Action:      {}: {}", c.action(), c.action().advice());
    match c.party() {
        // Named as the JSON answer and `--batch --summary` name it; nobody on
        // the client's side acts: the client (or the service) recovers.
        Party::Service => {
            outln!("Who acts:    service (nobody needs to act: the client recovers on its own)");
        }
        party => outln!("Who acts:    {party}"),
    }
    outln!("Decided by:  {}", c.decided_by());
    outln!("Endpoint:    {}", c.surface());
    if let Some(after) = c.retry_after() {
        match delay_from_catalog(c) {
            Some(code) => outln!("Retry after: {} (catalog minimum for {code})", delay(after)),
            None => outln!("Retry after: {}", delay(after)),
        }
    }
    if let Some(status) = c.status() {
        outln!("Status:      {status}");
    }
    if let Some(err) = c.parse_error() {
        outln!("Body:        not understood ({err})");
    }
    if let Some(error) = c.error() {
        outln!("Error:       {error}");
    }
    if let Some(other) = c.other_error() {
        outln!("Also:        {other} (the other of the body and the challenge; it did not decide)");
    }
    if let Some(suberror) = c.suberror() {
        outln!("Suberror:    {suberror}");
    }
    if let Some(code) = c.api_code() {
        outln!("API code:    {code}");
    }
    if let oauth_triage::Action::StepUp(step_up) = c.action() {
        if let Some(claims) = &step_up.claims {
            outln!("Claims:      {claims}");
        }
        if let Some(acr_values) = &step_up.acr_values {
            outln!("acr_values:  {acr_values}");
        }
        if let Some(max_age) = step_up.max_age {
            outln!("max_age:     {max_age}");
        }
        if step_up.mfa_token.is_some() {
            outln!("MFA token:   present (a credential; not shown): drive the provider's MFA challenge with it");
        }
    }
    for &code in c.codes() {
        match code.entry() {
            Some(e) => {
                outln!("Code:        {e}");
                outln!("             {}", e.summary);
                outln!("             Remedy: {}", e.remedy);
            }
            None => outln!("Code:        {code} (not in the catalog)"),
        }
    }
    // A REST API's ids are Graph's `request-id` and `client-request-id`
    // (the id the caller sent, echoed back), not Entra's trace and
    // correlation ids, though the JSON answer carries them in those members.
    let (trace, correlation) = if c.api_code().is_some() {
        ("Request ID: ", "Client request ID:")
    } else {
        ("Trace ID:   ", "Correlation:")
    };
    for (label, value) in [
        (trace, c.trace_id()),
        (correlation, c.correlation_id()),
        ("Timestamp:  ", c.timestamp()),
    ] {
        if let Some(value) = value {
            outln!("{label} {value}");
        }
    }
    if opts.show_description {
        if let Some(description) = description {
            // Raw server text, but never terminal control sequences.
            outln!(
                "Description (raw server text):\n{}",
                without_controls(description)
            );
        }
    }
}

/// A response pasted whole (`curl -i`, a browser's copy), or header lines
/// with their names. A `Location` header on a redirect (or alone) is the
/// callback it carries.
fn message(input: &str, opts: &Options) -> ExitCode {
    let message = match paste::read_message(input) {
        Ok(message) => message,
        Err(reason) => {
            return unreadable(
                opts.json,
                "bad_http_message",
                &reason,
                format_args!("Cannot read this as an HTTP response: {reason}"),
            )
        }
    };
    if let Some(location) = message.header("location") {
        if message
            .status
            .or(opts.status)
            .map_or(true, |s| (300..400).contains(&s))
        {
            return check_callback(Callback::from_redirect_uri(location), opts);
        }
    }
    let mut response = opts
        .headers
        .iter()
        .fold(message.head(opts.status), |r, (name, value)| {
            r.header(name, value.as_str())
        })
        .body(message.body.as_bytes());
    if let Some(surface) = opts.surface {
        response = response.surface(surface);
    }
    report(
        &classify_with(&response, &opts.policy()),
        description_of(&response),
        opts,
    );
    ExitCode::SUCCESS
}

/// A line of text around one JSON error body (a log line): the body, in
/// the response around it: the status written next to it (`--status`
/// wins), `--header` and `--surface`.
fn embedded(input: &str, opts: &Options) -> ExitCode {
    let Some(found) = paste::embedded_error(input) else {
        return unrecognized(opts);
    };
    let status = opts.status.or(found.status);
    let mut response = opts.headers.iter().fold(
        status.map_or_else(HttpResponse::without_status, HttpResponse::new),
        |r, (name, value)| r.header(name, value.as_str()),
    );
    if let Some(surface) = opts.surface {
        response = response.surface(surface);
    }
    let response = response.body(found.body.as_bytes());
    if !opts.json {
        match found.status.filter(|_| opts.status.is_none()) {
            Some(status) => outln!(
                "The JSON error body in the text, with the status {status} written next to it:"
            ),
            None => outln!("The JSON error body in the text:"),
        }
    }
    report(
        &classify_with(&response, &opts.policy()),
        description_of(&response),
        opts,
    );
    ExitCode::SUCCESS
}

/// The auto-submitting HTML page of a `form_post` response, read through
/// its inputs as the form it would post.
fn form_post_page(input: &str, opts: &Options) -> ExitCode {
    let inputs = paste::form_inputs(input);
    check_callback(
        Callback::options().from_pairs(ResponseMode::FormPost, &inputs),
        opts,
    )
}

/// Free text with AADSTS codes: each code looked up, with the ids the text
/// shows. A lookup, not a classification: the text may be a description.
fn text_lookup(input: &str, as_json: bool) -> ExitCode {
    if as_json {
        print_json(&text_lookup_json(input));
        return ExitCode::SUCCESS;
    }
    let codes = paste::lookup_codes(input);
    let ids = paste::ids_in_text(input);
    outln!(
        "Lookup from text: {} AADSTS code{} found. This is not the classification of a response:",
        codes.len(),
        if codes.len() == 1 { "" } else { "s" }
    );
    outln!("no decision reads a description, and this text may be one. Each code's catalog entry:");
    outln!();
    for &code in &codes {
        match AadstsCode::new(code).entry() {
            Some(e) => print_entry(e),
            None => outln!(
                "AADSTS{code} is not in the catalog. Microsoft's lookup page: {}",
                AadstsCode::new(code).lookup_url()
            ),
        }
        outln!();
    }
    for (label, value) in [
        ("Request ID: ", ids.request_id),
        ("Correlation:", ids.correlation_id),
        ("Trace ID:   ", ids.trace_id),
        ("Timestamp:  ", ids.timestamp),
    ] {
        if let Some(value) = value {
            outln!("{label} {value}");
        }
    }
    ExitCode::SUCCESS
}

/// Text with control characters (but line breaks and tabs) shown as
/// `\u{..}` escapes, so that server text cannot drive a terminal.
fn without_controls(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => c.to_string(),
            c if c.is_control() => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect()
}
