//! What an admin pastes, read into what the library takes: a raw HTTP
//! response or header lines, the hidden inputs of a `form_post` page, and
//! the AADSTS codes and ids in free text.

use oauth_triage::{AadstsCode, HttpResponse, ParseError, ResourceError, TokenError};

/// Text as pasted or saved: UTF-8 (invalid bytes replaced, a byte order
/// mark dropped), or UTF-16 with a byte order mark (what Windows PowerShell
/// 5.1 writes with `>`).
pub(crate) fn text_of(bytes: &[u8]) -> String {
    let utf16 = |rest: &[u8], unit: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|p| unit([p[0], *p.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes)
    } else {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// The kinds of input `explain` tells apart by itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An AADSTS code, or a symbolic name or alias in the catalog.
    Lookup,
    /// A token endpoint body: JSON, or form-encoded with `--token`.
    Token,
    /// The redirect URL (or query) of an authorization callback.
    Redirect,
    /// A `response_mode=form_post` body (`error=...&state=...`).
    FormPost,
    /// A `WWW-Authenticate` value.
    Challenge,
    /// An OAuth `error` value alone (`invalid_client`), as error pages show it.
    ErrorValue,
    /// A whole HTTP response (`HTTP/1.1 401 ...`, headers, body), or header
    /// lines with their names (`WWW-Authenticate: Bearer ...`).
    Message,
    /// The auto-submitting HTML page of a `form_post` response.
    FormPostPage,
    /// A line of text (a log line) around one JSON error body.
    Embedded,
    /// Free text that holds AADSTS codes: a sign-in page, an exception, a log line.
    Text,
}

/// The headers a pasted response may carry that `explain` reads.
const HEADERS: &[&str] = &[
    "www-authenticate",
    "retry-after",
    "dpop-nonce",
    "date",
    "content-type",
    "location",
];

/// Picks the kind of `input`. Structured input comes first (a code, a
/// name, a response, a body, a challenge, a redirect); free text with
/// AADSTS codes is a lookup from text; anything else is read as a token
/// body, which says what is wrong with it.
pub(crate) fn detect(input: &str) -> Kind {
    let text = input.trim_start_matches('\u{feff}').trim_start();
    let first_word = text
        .split(|c: char| c.is_ascii_whitespace() || c == ',')
        .next()
        .unwrap_or("");
    if typed_code(input).is_some() || is_catalog_name(input) {
        Kind::Lookup
    } else if is_error_value(input) {
        Kind::ErrorValue
    } else if text.starts_with("HTTP/") || starts_with_header(text) {
        Kind::Message
    } else if text.starts_with('{') {
        Kind::Token
    } else if ["bearer", "dpop"]
        .iter()
        .any(|s| first_word.eq_ignore_ascii_case(s))
    {
        Kind::Challenge
    } else if is_form_post_page(text) {
        Kind::FormPostPage
    } else if is_redirect(&joined_url(text)) {
        Kind::Redirect
    } else if embedded_error(text).is_some() {
        Kind::Embedded
    } else if !codes_in_text(text).is_empty() || typed_codes(text).is_some() {
        Kind::Text
    } else {
        Kind::Token
    }
}

/// A URL or query with `error=` or `code=`, in one piece.
fn is_redirect(url: &str) -> bool {
    ["error=", "code="].iter().any(|p| url.contains(p))
        && (url.contains(['?', '#']) || url.starts_with("error=") || url.starts_with("code="))
        && !url.contains(char::is_whitespace)
}

/// A pasted URL as a browser reads it: white space (and a byte order
/// mark) at either end dropped, and the line breaks and tabs inside
/// removed, as the URL Standard does (a URL copied from a wrapped
/// terminal or an e-mail comes split over lines).
pub(crate) fn joined_url(text: &str) -> String {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\r' | '\n'))
        .collect()
}

/// A single word that is a recognized OAuth `error` value.
fn is_error_value(input: &str) -> bool {
    let word = input.trim();
    !word.contains(char::is_whitespace)
        && !matches!(
            oauth_triage::ErrorName::from(word),
            oauth_triage::ErrorName::Other(_)
        )
}

/// A single word that the catalog knows as a symbolic name or alias.
fn is_catalog_name(input: &str) -> bool {
    let word = input.trim();
    !word.is_empty()
        && word.len() <= 80
        && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && word.parse::<AadstsCode>().is_ok()
}

/// A code written as one (`AADSTS50011`, `AADSTS 50011`, `50011`, ...),
/// not a symbolic name or a link, which `AadstsCode` reads too. No
/// catalog name ends with a digit; every written code does.
pub(crate) fn typed_code(text: &str) -> Option<u32> {
    let trimmed = text.trim();
    if !trimmed.ends_with(|c: char| c.is_ascii_digit()) || trimmed.contains("://") {
        return None;
    }
    trimmed.parse::<AadstsCode>().ok().map(AadstsCode::get)
}

/// Whether the text starts with header lines, one of them a header
/// `explain` reads: a header copied from a browser (Chrome's and Firefox's
/// "Copy response headers" start with any header, or `:status`).
fn starts_with_header(text: &str) -> bool {
    let mut known = false;
    for line in text.lines().take_while(|l| !l.trim().is_empty()) {
        if let Some(status) = line.strip_prefix(":status:") {
            known |= status.trim().parse::<u16>().is_ok();
            continue;
        }
        let Some((name, _)) = line.split_once(':') else {
            return false;
        };
        let name = name.trim();
        let token = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
        if !token {
            return false;
        }
        known |= HEADERS.iter().any(|h| name.eq_ignore_ascii_case(h));
    }
    known
}

/// A response pasted in another form, rewritten as a raw response
/// (`HTTP/1.1 NNN`, header lines, a blank line, the body) for
/// [`read_message`]: the output of `curl -v` (its `< ` lines the
/// response, `> ` the request, `* ` and `{ [n bytes data]` curl's notes),
/// or PowerShell's `Invoke-WebRequest` / `Invoke-RestMethod` error text
/// (`Response status code does not indicate success: 429 (Too Many
/// Requests).`, `The remote server returned an error: (400) Bad Request.`,
/// and the body it shows). `None`: neither.
pub(crate) fn as_raw_response(input: &str) -> Option<String> {
    let text = input.trim_start_matches('\u{feff}');
    if text.lines().any(|l| l.starts_with("< HTTP/")) {
        return Some(from_curl_verbose(text));
    }
    from_powershell(text)
}

fn from_curl_verbose(text: &str) -> String {
    let mut head = String::new();
    let mut body = String::new();
    // The body comes after the blank `<` line that ends a response's head;
    // anything before it (curl's own warnings) is not the response.
    let mut in_body = false;
    for line in text.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Some(header) = line.strip_prefix("< ") {
            head.push_str(header);
            head.push('\n');
            in_body = false;
        } else if line == "<" {
            head.push('\n');
            in_body = true;
        } else if !in_body
            || line.starts_with(['>', '*'])
            || line.starts_with("{ [")
            || line.starts_with("} [")
        {
            // The request, and curl's notes.
        } else {
            // curl writes its last note right after a body without a line end.
            let line = line.find("* Connection #").map_or(line, |i| &line[..i]);
            if !body.is_empty() {
                body.push('\n');
            }
            body.push_str(line);
        }
    }
    if !head.ends_with("\n\n") {
        head.push('\n');
    }
    head + &body
}

fn from_powershell(text: &str) -> Option<String> {
    let cmdlet = ["Invoke-WebRequest", "Invoke-RestMethod", "iwr", "irm"]
        .iter()
        .find_map(|c| text.trim_start().strip_prefix(c))?;
    let rest = cmdlet.trim_start().strip_prefix(':')?.trim_start();
    let status = |after: &str| -> Option<u16> {
        let at = rest.find(after)? + after.len();
        let digits: String = rest[at..]
            .trim_start_matches([' ', '('])
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok().filter(|s| (100..=999).contains(s))
    };
    let status = status("Response status code does not indicate success:")
        .or_else(|| status("The remote server returned an error:"));
    // The body: the JSON object from the first `{` (PowerShell 5.1 adds
    // `At line:1 char:1` and `+ CategoryInfo` lines after it), else up to
    // the last `}`. The console wraps long lines at its width, anywhere
    // (inside a string, a number, a name): every line break in the body
    // is one it inserted or a pretty-printed JSON's, and a JSON body
    // reads the same without them.
    let body = match rest.find('{') {
        Some(start) => match object_end(rest, start) {
            Some(end) => &rest[start..end],
            None => rest.rfind('}').map_or("", |end| &rest[start..=end]),
        },
        None => "",
    };
    let body = without_line_breaks(body);
    if status.is_none() && body.is_empty() {
        return None;
    }
    let status_line = status.map_or_else(String::new, |s| format!("HTTP/1.1 {s}\n"));
    Some(format!("{status_line}\n{body}"))
}

/// Where the JSON object that starts at `text[start]` (a `{`) ends (the
/// index after its `}`): braces counted outside strings, escapes skipped,
/// line breaks after a `\` passed over (a console's wrap). `None`: it is
/// not closed. Not a check that it is JSON.
pub(crate) fn object_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut i = start;
    while i < bytes.len() {
        match (in_string, bytes[i]) {
            (true, b'\\') => {
                i += 1;
                while bytes.get(i).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
                    i += 1;
                }
            }
            (_, b'"') => in_string = !in_string,
            (false, b'{') => depth += 1,
            (false, b'}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Whether a body alone is read: a token endpoint's error or success, or
/// a REST API's error.
pub(crate) fn body_reads(body: &str) -> bool {
    match token_error(body) {
        Ok(_) => true,
        Err(err) => {
            err.kind() == ParseError::Success.kind()
                || ResourceError::from_json(body.as_bytes()).is_ok()
        }
    }
}

/// A JSON error body found in a line of text, and the HTTP status written
/// next to it.
pub(crate) struct Embedded<'a> {
    pub(crate) body: &'a str,
    pub(crate) status: Option<u16>,
}

/// The one JSON object in a text (a log line: `failed (status: 400 data:
/// {...})`) that has an `error` member and reads as an error body, a token
/// endpoint's or a REST API's; with the status written next to it
/// (`status: 400`, `status code 400`, `HTTP 400`), the nearest before it,
/// else after it. `None`: no such object, or more than one.
pub(crate) fn embedded_error(text: &str) -> Option<Embedded<'_>> {
    // Each try reads to the end of an object at most: a bound keeps a text
    // of many `{` linear.
    const TRIES: usize = 64;
    let mut found = None;
    let mut from = 0;
    for _ in 0..TRIES {
        let Some(i) = text[from..].find('{') else {
            break;
        };
        let start = from + i;
        match object_end(text, start).filter(|&end| is_error_body(&text[start..end])) {
            Some(end) => {
                if found.is_some() {
                    return None;
                }
                found = Some((start, end));
                from = end;
            }
            None => from = start + 1,
        }
    }
    let (start, end) = found?;
    let status = statuses(&text[..start])
        .last()
        .copied()
        .or_else(|| statuses(&text[end..]).first().copied());
    Some(Embedded {
        body: &text[start..end],
        status,
    })
}

/// A JSON object with an `error` member that reads as an error body.
fn is_error_body(body: &str) -> bool {
    matches!(
        serde_json::from_str::<serde_json::Value>(body),
        Ok(serde_json::Value::Object(object)) if object.contains_key("error")
    ) && body_reads(body)
}

/// The HTTP statuses a text writes as `status: 400`, `status=400`,
/// `"status": 400`, `status code 400`, `StatusCode: 400`, `HTTP 400` or
/// `HTTP/1.1 400`, in order.
fn statuses(text: &str) -> Vec<u16> {
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut found = Vec::new();
    for (i, _) in lower.char_indices() {
        if i > 0 && bytes[i - 1].is_ascii_alphanumeric() {
            continue;
        }
        let rest = &lower[i..];
        let after = if let Some(rest) = rest.strip_prefix("http") {
            // A version (`HTTP/1.1`, `HTTP/2`), then white space.
            let rest = rest.strip_prefix('/').map_or(rest, |v| {
                v.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
            });
            rest.strip_prefix([' ', '\t'])
        } else {
            ["status code", "status_code", "statuscode", "status"]
                .iter()
                .find_map(|label| rest.strip_prefix(label))
                .map(|rest| {
                    let rest = rest.trim_start_matches(['"', '\'', ' ', '\t']);
                    rest.strip_prefix([':', '=']).unwrap_or(rest)
                })
        };
        let Some(after) = after else {
            continue;
        };
        let after = after.trim_start_matches([' ', '\t', '"', '(']);
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 3 {
            if let Some(status) = after[..3].parse().ok().filter(|s| (100..=599).contains(s)) {
                found.push(status);
            }
        }
    }
    found
}

/// The text without its line breaks (CR and LF).
fn without_line_breaks(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, '\r' | '\n')).collect()
}

/// Whether the text is an HTML page with a form of hidden inputs.
fn is_form_post_page(text: &str) -> bool {
    let lower = text
        .get(..text.len().min(64 * 1024))
        .unwrap_or(text)
        .to_ascii_lowercase();
    lower.contains("<form") && lower.contains("<input") && lower.contains("hidden")
}

/// A pasted response: the status (when a status line came), the header
/// lines, and the body after the first blank line.
pub(crate) struct Message<'a> {
    pub(crate) status: Option<u16>,
    pub(crate) headers: Vec<(&'a str, &'a str)>,
    pub(crate) body: &'a str,
}

impl<'a> Message<'a> {
    /// The response it describes, its body not yet added: its own status,
    /// else `status`, and its headers.
    pub(crate) fn head(&self, status: Option<u16>) -> HttpResponse<'a> {
        let status = self.status.or(status);
        let response = status.map_or_else(HttpResponse::without_status, HttpResponse::new);
        self.headers
            .iter()
            .fold(response, |response, (name, value)| {
                response.header(name, *value)
            })
    }

    /// The value of the first header of this name, ignoring case.
    pub(crate) fn header(&self, name: &str) -> Option<&'a str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    }
}

/// Reads a response copied from `curl -i` or a browser: `HTTP/1.1 429 Too
/// Many Requests` or `HTTP/2 429`, header lines, a blank line, the body; CRLF
/// or LF. When `curl -i` shows several responses (`100 Continue`, a redirect
/// followed), the last one is read. Header lines without a status line are
/// read too. `Err` says what is wrong.
pub(crate) fn read_message(input: &str) -> Result<Message<'_>, String> {
    let text = input.trim_start_matches('\u{feff}').trim_start();
    // The last response of several: each starts with a status line after a blank line.
    let start = last_status_line(text);
    let text = &text[start..];
    let mut lines = LinesWithRest::new(text);
    let mut status = None;
    if text.starts_with("HTTP/") {
        let line = lines.next().unwrap_or_default();
        let mut words = line.split_whitespace();
        let _version = words.next();
        let code = words.next().unwrap_or("");
        status = Some(
            code.parse::<u16>()
                .ok()
                .filter(|s| (100..=999).contains(s))
                .ok_or_else(|| format!("the status line {line:?} has no HTTP status"))?,
        );
    }
    let mut headers = Vec::new();
    for line in lines.by_ref() {
        if line.trim().is_empty() {
            break;
        }
        // HTTP/2's pseudo-header, as a browser may copy it.
        if let Some(value) = line.strip_prefix(":status:") {
            let value = value.trim();
            status = Some(
                value
                    .parse::<u16>()
                    .ok()
                    .filter(|s| (100..=999).contains(s))
                    .ok_or_else(|| format!("the status {value:?} is not an HTTP status"))?,
            );
            continue;
        }
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| format!("the header line {line:?} has no `:`"))?;
        headers.push((name.trim(), value.trim()));
    }
    Ok(Message {
        status,
        headers,
        body: lines.rest(),
    })
}

/// A token endpoint body: form-encoded when it starts like a parameter
/// (`error=...`, GitHub's answer unless JSON was asked for), else JSON.
pub(crate) fn token_error(text: &str) -> Result<TokenError<'_>, ParseError> {
    let trimmed = text.trim_start();
    if trimmed.starts_with(|c: char| c.is_ascii_alphabetic()) && trimmed.contains('=') {
        TokenError::from_form(text.as_bytes())
    } else {
        TokenError::from_json(text.as_bytes())
    }
}

/// Where the last status line starts: the start, or after a blank line.
fn last_status_line(text: &str) -> usize {
    let mut last = 0;
    let mut at = 0;
    let mut blank_before = true;
    for line in text.split_inclusive('\n') {
        if blank_before && line.starts_with("HTTP/") {
            last = at;
        }
        blank_before = line.trim().is_empty();
        at += line.len();
    }
    last
}

/// Lines (without `\r\n` or `\n`), and the rest of the text once stopped.
struct LinesWithRest<'a> {
    text: &'a str,
}

impl<'a> LinesWithRest<'a> {
    fn new(text: &'a str) -> Self {
        Self { text }
    }

    fn rest(&self) -> &'a str {
        self.text
    }
}

impl<'a> Iterator for LinesWithRest<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.text.is_empty() {
            return None;
        }
        let (line, rest) = match self.text.find('\n') {
            Some(i) => (&self.text[..i], &self.text[i + 1..]),
            None => (self.text, ""),
        };
        self.text = rest;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// The `name` and `value` of every `<input>` of an HTML page, entities
/// decoded: what a `form_post` page would post.
pub(crate) fn form_inputs(page: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let lower = page.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<input") {
        let start = from + i;
        let end = lower[start..].find('>').map_or(page.len(), |j| start + j);
        let tag = &page[start..end];
        if let Some(name) = attribute(tag, "name") {
            pairs.push((
                decode_entities(name),
                decode_entities(attribute(tag, "value").unwrap_or("")),
            ));
        }
        from = end.max(start + 1).min(page.len());
    }
    pairs
}

/// An attribute's value in a tag (quoted with `"` or `'`, or bare).
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        // A whole attribute name: after white space, followed by `=`.
        let before = lower[..at].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let rest = lower[from..].trim_start();
        if !rest.starts_with('=') {
            continue;
        }
        let value_at = tag.len() - rest.len() + 1;
        let value = tag[value_at..].trim_start();
        let offset = tag.len() - value.len();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let inner = &tag[offset + 1..];
                &inner[..inner.find(q).unwrap_or(inner.len())]
            }
            _ => {
                let end = value
                    .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
                    .unwrap_or(value.len());
                &value[..end]
            }
        });
    }
    None
}

/// Decodes the HTML character references a server writes in attribute
/// values: `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#NN;`, `&#xHH;`.
/// Anything else is kept as it is.
pub(crate) fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // Bytes, not a `str` slice: byte 12 may fall inside a character
        // (a Japanese description), and `;` is ASCII.
        let Some(end) = rest.as_bytes()[..rest.len().min(12)]
            .iter()
            .position(|&b| b == b';')
        else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse::<u32>))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every AADSTS code in a text, once each, in order of appearance: after
/// `AADSTS`, or after an `Error code:` label (the Conditional Access block
/// page shows `Error code: 53003`).
pub(crate) fn codes_in_text(text: &str) -> Vec<u32> {
    let mut from_labels = Codes::default();
    let mut from = 0;
    while let Some(i) = find_ignore_case(&text[from..], "error code") {
        let after = from + i + "error code".len();
        from = after;
        let rest = text[after..].trim_start_matches([' ', '\t']);
        let Some(rest) = rest.strip_prefix(':') else {
            continue;
        };
        let rest = rest.trim_start_matches([' ', '\t']);
        let rest = rest.strip_prefix("AADSTS").unwrap_or(rest);
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if (4..=9).contains(&digits) {
            if let Ok(code) = rest[..digits].parse::<u32>() {
                from_labels.add(code);
            }
        }
    }
    let mut codes = Codes::default();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = find_ignore_case(&text[from..], "aadsts") {
        let start = from + i + "aadsts".len();
        let digits = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if (4..=9).contains(&digits) {
            if let Ok(code) = text[start..start + digits].parse::<u32>() {
                codes.add(code);
            }
        }
        from = start + digits;
    }
    for code in from_labels.list {
        codes.add(code);
    }
    codes.list
}

/// The codes a text lookup shows: codes typed alone ([`typed_codes`]),
/// else the codes in the text ([`codes_in_text`]).
pub(crate) fn lookup_codes(text: &str) -> Vec<u32> {
    typed_codes(text).unwrap_or_else(|| codes_in_text(text))
}

/// Codes typed alone, with at most the words `error` and `code` around
/// them: `error 50011`, `code 50011`, `50011 50076`, `AADSTS50011, 50076`.
/// `None`: no code, or any other word (a number of 3 digits, `404`, is no
/// code).
pub(crate) fn typed_codes(text: &str) -> Option<Vec<u32>> {
    let mut codes = Codes::default();
    let words = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '#' | '(' | ')'))
        .filter(|w| !w.is_empty());
    for word in words {
        if ["error", "errors", "code", "codes", "aadsts"]
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w))
        {
            continue;
        }
        let digits = word.bytes().rev().take_while(u8::is_ascii_digit).count();
        match typed_code(word) {
            Some(code) if (4..=9).contains(&digits) => codes.add(code),
            _ => return None,
        }
    }
    (!codes.list.is_empty()).then_some(codes.list)
}

/// The most codes looked up in one text: what a person reads, and a bound
/// on what one line of `--batch` holds.
pub(crate) const MAX_CODES_IN_TEXT: usize = 64;

/// Distinct codes in order of appearance, at most [`MAX_CODES_IN_TEXT`]:
/// a set keeps finding them linear in the text.
#[derive(Default)]
struct Codes {
    list: Vec<u32>,
    seen: std::collections::HashSet<u32>,
}

impl Codes {
    fn add(&mut self, code: u32) {
        if self.list.len() < MAX_CODES_IN_TEXT && self.seen.insert(code) {
            self.list.push(code);
        }
    }
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The ids and timestamp a sign-in page, an exception or a log line shows:
/// `Trace ID`, `Correlation ID`, `Request Id`, `Timestamp`, each followed by
/// `:` and the value (the first of each).
pub(crate) struct TextIds<'a> {
    pub(crate) trace_id: Option<&'a str>,
    pub(crate) correlation_id: Option<&'a str>,
    pub(crate) request_id: Option<&'a str>,
    pub(crate) timestamp: Option<&'a str>,
}

pub(crate) fn ids_in_text(text: &str) -> TextIds<'_> {
    TextIds {
        trace_id: labelled(text, &["trace id", "trace_id", "traceid"], guid),
        correlation_id: labelled(
            text,
            &["correlation id", "correlation_id", "correlationid"],
            guid,
        ),
        request_id: labelled(text, &["request id", "request_id", "requestid"], guid),
        timestamp: labelled(text, &["timestamp"], timestamp),
    }
}

/// The value after the first of `labels` (ignoring case) followed by `:`
/// or `=` (quotes allowed around the label, as in JSON-ish logs), as
/// `take` cuts it from the rest of the text.
fn labelled<'t>(text: &'t str, labels: &[&str], take: fn(&str) -> Option<&str>) -> Option<&'t str> {
    for label in labels {
        let mut from = 0;
        while let Some(i) = find_ignore_case(&text[from..], label) {
            let after = from + i + label.len();
            from = after;
            let rest = text[after..].trim_start_matches(['"', ' ']);
            let Some(rest) = rest.strip_prefix([':', '=']) else {
                continue;
            };
            let rest = rest.trim_start_matches([' ', '"', '\t']);
            if let Some(value) = take(rest) {
                return Some(value);
            }
        }
    }
    None
}

/// A GUID at the start of the text.
fn guid(text: &str) -> Option<&str> {
    text.get(..36).filter(|v| is_guid(v))
}

/// A timestamp at the start of the text: digits, `-`, `:`, `.`, `T`,
/// `Z`, `+` and one space between date and time.
fn timestamp(text: &str) -> Option<&str> {
    let end = text
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit() || "-:.TZ+".contains(c) || (c == ' ' && text[..i].len() == 10))
        })
        .map_or(text.len(), |(i, _)| i);
    let value = text[..end].trim_end_matches(['.', ' ']);
    (value.len() >= 10 && value.as_bytes()[4] == b'-').then_some(value)
}

fn is_guid(value: &str) -> bool {
    value.len() == 36
        && value.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_inputs() {
        assert_eq!(
            decode_entities("a&amp;b&lt;&#39;&#x41;&bogus;&"),
            "a&b<'A&bogus;&"
        );
        let page = r#"<html><body onload="javascript:document.forms[0].submit()"><form method="POST" action="https://app.example/cb"><input type="hidden" name="error" value="access_denied"/><input type='hidden' name='error_description' value='AADSTS65004: User declined &amp; left.'/><input type="hidden" name="state" value="s1"></form></body></html>"#;
        assert_eq!(
            form_inputs(page),
            [
                ("error".to_owned(), "access_denied".to_owned()),
                (
                    "error_description".to_owned(),
                    "AADSTS65004: User declined & left.".to_owned()
                ),
                ("state".to_owned(), "s1".to_owned()),
            ]
        );
    }

    #[test]
    fn messages() {
        let raw = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\nContent-Type: application/json\r\n\r\n{\"error\":\"temporarily_unavailable\"}";
        let m = read_message(raw).unwrap();
        assert_eq!(m.status, Some(429));
        assert_eq!(m.header("retry-after"), Some("7"));
        assert_eq!(m.body, "{\"error\":\"temporarily_unavailable\"}");
        let h = read_message("WWW-Authenticate: Bearer error=\"invalid_token\"\nWWW-Authenticate: DPoP algs=\"ES256\"\n").unwrap();
        assert_eq!((h.status, h.headers.len(), h.body), (None, 2, ""));
        assert!(read_message("HTTP/2 abc\n").is_err());
    }

    #[test]
    fn codes_and_ids() {
        let page = "AADSTS50011: The redirect URI 'x' does not match.\nRequest Id: 0b1c6e2a-7f3d-4a51-9c8e-5d2f4b7a1e00\nCorrelation Id: 5d8f1a7c-3e42-4b9a-8c61-f0a2d4e6b8c0\nTimestamp: 2024-05-02 11:42:13Z\nAADSTS50011 again, aadsts700016 too";
        assert_eq!(codes_in_text(page), [50011, 700016]);
        let ids = ids_in_text(page);
        assert_eq!(ids.request_id, Some("0b1c6e2a-7f3d-4a51-9c8e-5d2f4b7a1e00"));
        assert_eq!(
            ids.correlation_id,
            Some("5d8f1a7c-3e42-4b9a-8c61-f0a2d4e6b8c0")
        );
        assert_eq!(ids.timestamp, Some("2024-05-02 11:42:13Z"));
        assert_eq!(ids.trace_id, None);
    }

    #[test]
    fn detection() {
        assert_eq!(detect("InvalidReplyTo"), Kind::Lookup);
        assert_eq!(detect("invalidreplyto"), Kind::Lookup);
        assert_eq!(detect("AADSTS50011"), Kind::Lookup);
        assert_eq!(
            detect("HTTP/2 401\nwww-authenticate: Bearer\n\n"),
            Kind::Message
        );
        assert_eq!(
            detect("WWW-Authenticate: Bearer error=\"invalid_token\""),
            Kind::Message
        );
        assert_eq!(
            detect("Location: https://app.example/cb?error=x&state=s"),
            Kind::Message
        );
        assert_eq!(
            detect("{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS50126\"}"),
            Kind::Token
        );
        assert_eq!(detect("Bearer error=\"invalid_token\""), Kind::Challenge);
        assert_eq!(
            detect("https://app.example/cb?error=access_denied&state=s"),
            Kind::Redirect
        );
        assert_eq!(
            detect("<form><input type=\"hidden\" name=\"error\" value=\"x\"></form>"),
            Kind::FormPostPage
        );
        assert_eq!(
            detect("Sorry, but we're having trouble signing you in. AADSTS50011: ..."),
            Kind::Text
        );
        assert_eq!(detect("hello"), Kind::Token);
    }
}
