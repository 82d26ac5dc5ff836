//! What a response body looks like, told from its bytes before any reader runs: the one place
//! that decides whether a body is a token endpoint's error or a REST API's.

use std::borrow::Cow;

#[cfg(test)]
mod tests;

/// The shape of a body, as [`body_shape`] tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Nothing but white space: no body.
    Empty,
    /// Form-encoded: it starts with a parameter name and `=` (see [`is_form`]).
    Form,
    /// A JSON object for the token endpoint's reader: its `error` is not an
    /// object, or it has no `error` and none of the members of
    /// [`Shape::ApiMembers`].
    TokenJson,
    /// A JSON object whose top-level `error` is an object: Microsoft,
    /// Google, Meta, Dropbox, Spotify.
    ErrorObject,
    /// A JSON object without `error` that has an API's own member: Okta's
    /// and DocuSign's `errorCode`, a FHIR `resourceType`, or a `code` (gRPC,
    /// Kakao, Zoom, Discord, Atlassian). A success body (`access_token`,
    /// `id_token`, `device_code`) is [`Shape::TokenJson`] even so.
    ApiMembers,
    /// A JSON array: Salesforce's list of errors.
    Array,
    /// Anything else (an HTML page, plain text, a JSON scalar): left to the
    /// token endpoint's reader, which names what it found.
    Other,
}

impl Shape {
    /// Whether the body is a REST API's error, for
    /// [`ResourceError`](crate::ResourceError)'s reader.
    pub(crate) fn is_api(self) -> bool {
        matches!(self, Self::ErrorObject | Self::ApiMembers | Self::Array)
    }
}

/// The shape of a body, from its bytes: white space only, a form, or by
/// its first byte past a UTF-8 byte order mark and white space, a JSON
/// object or array; for an object, by its top-level members (the first
/// `error`, whether its value is an object; without one, an API's own
/// members). Names are compared as JSON decodes them.
///
/// Lenient: it validates nothing, and stops reading at the first thing that
/// is not JSON, keeping what it has seen. The readers then word any error.
pub(crate) fn body_shape(body: &[u8]) -> Shape {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Shape::Empty;
    }
    if is_form(body) {
        return Shape::Form;
    }
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    match body.get(start) {
        Some(b'[') => Shape::Array,
        Some(b'{') => object_shape(&body[start + 1..]),
        _ => Shape::Other,
    }
}

/// Whether a body is form-encoded by its shape: it starts with a
/// parameter name (letters, digits, `_`, `.`, `-`) and `=`, as GitHub's
/// token endpoint answers without `Accept: application/json`
/// (`error=...`, or a success: `access_token=...`, `refresh_token=...`).
/// JSON and HTML never start so; read as a form, a success body is no
/// parse error that would quote its start (and a token) in a log.
fn is_form(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let body = &body[start..];
    let name = body
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
        .count();
    name > 0 && body.get(name) == Some(&b'=') && body[0].is_ascii_alphabetic()
}

/// The members of an object (its text after the `{`) that tell its shape.
fn object_shape(json: &[u8]) -> Shape {
    let mut members = Members {
        json,
        at: 0,
        error: None,
        api: false,
        success: false,
    };
    members.read();
    match members.error {
        Some(b'{') => Shape::ErrorObject,
        Some(_) => Shape::TokenJson,
        None if members.api && !members.success => Shape::ApiMembers,
        None => Shape::TokenJson,
    }
}

/// A walk over the top-level members of an object.
struct Members<'j> {
    json: &'j [u8],
    at: usize,
    /// The first byte of the first `error` member's value.
    error: Option<u8>,
    /// An API's own member was seen.
    api: bool,
    /// A member of a success body was seen.
    success: bool,
}

impl<'j> Members<'j> {
    /// Reads members up to the first `error` (which decides alone), the end
    /// of the object, or the first thing that is not JSON.
    fn read(&mut self) -> Option<()> {
        loop {
            self.skip_space();
            if self.eat(b'}') {
                return Some(());
            }
            let name = self.string()?;
            self.skip_space();
            if !self.eat(b':') {
                return None;
            }
            self.skip_space();
            let first = *self.json.get(self.at)?;
            self.note(&name, first);
            if self.error.is_some() {
                return Some(());
            }
            self.skip_value()?;
            self.skip_space();
            if !self.eat(b',') {
                return self.eat(b'}').then_some(());
            }
        }
    }

    /// Notes what a member of this name, whose value starts with `first`,
    /// says of the shape.
    fn note(&mut self, name: &[u8], first: u8) {
        match name {
            b"error" => self.error = Some(first),
            b"errorCode" | b"resourceType" | b"code" => self.api = true,
            b"access_token" | b"id_token" | b"device_code" => self.success = true,
            _ => {}
        }
    }

    fn skip_space(&mut self) {
        while self.json.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.json.get(self.at) == Some(&byte);
        if found {
            self.at += 1;
        }
        found
    }

    /// A string's text, decoded when it has escapes (`None` when they do
    /// not decode).
    fn string(&mut self) -> Option<Cow<'j, [u8]>> {
        let start = self.at;
        if !self.eat(b'"') {
            return None;
        }
        let mut escaped = false;
        loop {
            let byte = *self.json.get(self.at)?;
            self.at += 1;
            match byte {
                b'\\' => {
                    escaped = true;
                    self.at += 1;
                }
                b'"' => break,
                _ => {}
            }
        }
        let quoted = &self.json[start..self.at];
        if escaped {
            let text: String = serde_json::from_slice(quoted).ok()?;
            Some(Cow::Owned(text.into_bytes()))
        } else {
            Some(Cow::Borrowed(&quoted[1..quoted.len() - 1]))
        }
    }

    /// Skips a value: a string, a scalar, or an array or object with all it
    /// nests.
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match *self.json.get(self.at)? {
                b'"' => {
                    self.skip_string()?;
                    if depth == 0 {
                        return Some(());
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        self.at += 1;
                        return Some(());
                    }
                }
                b',' | b'}' | b']' if depth == 0 => return Some(()),
                _ => {}
            }
            self.at += 1;
        }
    }

    /// Skips a string, its quotes included.
    fn skip_string(&mut self) -> Option<()> {
        self.at += 1;
        loop {
            match *self.json.get(self.at)? {
                b'\\' => self.at += 2,
                b'"' => {
                    self.at += 1;
                    return Some(());
                }
                _ => self.at += 1,
            }
        }
    }
}
