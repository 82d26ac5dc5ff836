//! The parser of a `WWW-Authenticate` header value: one forward pass (`Parser`), with the
//! parameter names of each challenge (`Names`, `NoCase`) to find one given twice.

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use super::Challenge;
use crate::error::{excerpt, ParseError};
use crate::limits::{check_count, Limits};

/// A `tchar` of RFC 9110 §5.6.2.
fn is_tchar(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

/// A character of a token68 before its `=` padding (RFC 9110 §11.2).
fn is_token68_char(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"-._~+/".contains(&byte)
}

/// Whether a parameter's value can change a classification: `error`,
/// `error_uri` (its AADSTS code), and what a step-up carries (`claims`,
/// `acr_values`, `max_age`). These are read strictly; every other value is
/// free text or a link, read leniently, so that a stray control character
/// in a description never drops the challenge that decides.
fn is_deciding(name: &str) -> bool {
    ["error", "error_uri", "claims", "acr_values", "max_age"]
        .iter()
        .any(|deciding| name.eq_ignore_ascii_case(deciding))
}

/// A control character that is not ASCII white space.
fn is_control(byte: u8) -> bool {
    (byte < 0x20 && !byte.is_ascii_whitespace()) || byte == 0x7F
}

/// A parameter name, hashed and compared ignoring ASCII case.
struct NoCase<'a>(&'a str);

impl PartialEq for NoCase<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for NoCase<'_> {}

impl Hash for NoCase<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for byte in self.0.bytes() {
            state.write_u8(byte.to_ascii_lowercase());
        }
    }
}

/// The parameter names of one challenge, to find a name given twice
/// (ignoring ASCII case). A challenge has a handful of parameters: the first
/// few are compared one by one, which costs less than hashing them; a set
/// holds the rest, so that the work stays linear however many there are.
#[derive(Default)]
struct Names<'a> {
    first: [&'a str; 8],
    len: usize,
    rest: HashSet<NoCase<'a>>,
}

impl<'a> Names<'a> {
    /// Adds `name`; `false` when it is already there.
    fn insert(&mut self, name: &'a str) -> bool {
        if self.first[..self.len]
            .iter()
            .any(|seen| seen.eq_ignore_ascii_case(name))
        {
            return false;
        }
        if self.len < self.first.len() {
            self.first[self.len] = name;
            self.len += 1;
            return true;
        }
        self.rest.insert(NoCase(name))
    }

    fn clear(&mut self) {
        self.len = 0;
        // A fresh set rather than `clear`, whose cost follows the capacity
        // an earlier, larger challenge left behind.
        if !self.rest.is_empty() {
            self.rest = HashSet::new();
        }
    }
}

/// A single forward pass over a header value.
///
/// The text is only sliced where the position sits on an ASCII byte, at the
/// first byte of a character, or at the end, so a slice never splits a
/// character. Look-aheads scan a stretch that is then parsed once, so the
/// work stays linear.
pub(super) struct Parser<'a> {
    text: &'a str,
    pos: usize,
    max_params: usize,
    max_challenges: usize,
    /// Names of the parameters of the challenge being read.
    names: Names<'a>,
}

impl<'a> Parser<'a> {
    pub(super) fn new(text: &'a str, limits: &Limits) -> Self {
        Self {
            text,
            pos: 0,
            max_params: limits.max_params,
            max_challenges: limits.max_challenges,
            names: Names::default(),
        }
    }

    pub(super) fn challenges(mut self) -> Result<Vec<Challenge<'a>>, ParseError> {
        let mut out: Vec<Challenge<'a>> = Vec::new();
        loop {
            self.skip_ws();
            match self.peek() {
                None => break,
                Some(b',') => {
                    self.pos += 1;
                    continue;
                }
                Some(_) => {}
            }
            let start = self.pos;
            let token = self.token();
            if token.is_empty() {
                return Err(self.error(if out.is_empty() {
                    "an authentication scheme"
                } else {
                    "an authentication scheme or a parameter"
                }));
            }
            let spaced = self.skip_ws();
            if self.peek() == Some(b'=') {
                // `name=` after a comma: a parameter of the current challenge.
                let Some(current) = out.last_mut() else {
                    return Err(
                        self.error_at(start, "an authentication scheme before the first parameter")
                    );
                };
                if current.token68.is_some() {
                    return Err(self.error_at(
                        start,
                        "a new challenge (a challenge with a token68 takes no parameters)",
                    ));
                }
                self.pos += 1;
                self.params(current, token)?;
                continue;
            }
            // A token followed by white space, a comma or the end: a scheme.
            let mut challenge = Challenge::new(Cow::Borrowed(token));
            self.names.clear();
            match self.peek() {
                None | Some(b',') => {}
                Some(_) if !spaced => {
                    return Err(self.error("white space or `,` after the authentication scheme"))
                }
                Some(b'"') if challenge.is_scheme("OAuth") => self.positional(&mut challenge)?,
                Some(_) => {
                    if let Some(token68) = self.token68() {
                        challenge.token68 = Some(Cow::Borrowed(token68));
                    } else {
                        let name = self.param_name()?;
                        self.params(&mut challenge, name)?;
                    }
                }
            }
            check_count(out.len() + 1, self.max_challenges, "challenges")?;
            out.push(challenge);
        }
        if out.is_empty() {
            return Err(ParseError::Empty);
        }
        Ok(out)
    }

    /// Reads a parameter name, white space and `=`.
    fn param_name(&mut self) -> Result<&'a str, ParseError> {
        let name = self.token();
        if name.is_empty() {
            return Err(self.error("a parameter name"));
        }
        self.skip_ws();
        if self.peek() != Some(b'=') {
            return Err(self.error("`=` after the parameter name"));
        }
        self.pos += 1;
        Ok(name)
    }

    /// Reads the value of `name` (just after its `=`), then any further
    /// parameters separated only by white space, up to a comma or the end.
    fn params(
        &mut self,
        challenge: &mut Challenge<'a>,
        mut name: &'a str,
    ) -> Result<(), ParseError> {
        loop {
            if self.skip_ws() && self.param_ahead() {
                // `name= other=...`: the value is missing, not `other=...`.
                return Err(self.error("a parameter value"));
            }
            // Free text (a description, a realm) is read leniently: a
            // control character in it is kept, not an error. The values
            // that decide stay strict.
            let value = self.value(!is_deciding(name))?;
            if !self.names.insert(name) {
                return Err(ParseError::Duplicate {
                    name: excerpt(name),
                });
            }
            check_count(challenge.params.len() + 1, self.max_params, "parameters")?;
            challenge.params.push((Cow::Borrowed(name), value));
            let spaced = self.skip_ws();
            match self.peek() {
                None | Some(b',') => return Ok(()),
                Some(_) if !spaced => {
                    return Err(self.error("`,` or white space after the parameter value"))
                }
                Some(_) => {}
            }
            // No comma: another `name=`, or a token that starts the next
            // challenge (azure-core for Python reads two challenges run
            // together so).
            if !self.param_ahead() {
                if self.peek().is_some_and(is_tchar) {
                    return Ok(());
                }
                return Err(self.error("`,` or another parameter"));
            }
            name = self.param_name()?;
        }
    }

    /// Whether a token followed by optional white space and `=` starts here.
    fn param_ahead(&self) -> bool {
        let bytes = self.text.as_bytes();
        let mut at = self.pos;
        while bytes.get(at).copied().is_some_and(is_tchar) {
            at += 1;
        }
        if at == self.pos {
            return false;
        }
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        bytes.get(at) == Some(&b'=')
    }

    /// A token68 that makes up the rest of the challenge: it must be followed
    /// by white space and then a comma or the end.
    fn token68(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let mut end = start;
        while bytes.get(end).copied().is_some_and(is_token68_char) {
            end += 1;
        }
        if end == start {
            return None;
        }
        let unpadded = end;
        while bytes.get(end) == Some(&b'=') {
            end += 1;
        }
        let mut after = end;
        while bytes.get(after).is_some_and(u8::is_ascii_whitespace) {
            after += 1;
        }
        // Then a comma, the end, or (after white space) the scheme of the
        // next challenge: a token not followed by `=`.
        // (`name= value` with one `=` is a parameter, as RFC 9110 allows
        // white space around `=`.)
        let next_scheme = after > end && end - unpadded != 1 && {
            let saved = self.pos;
            self.pos = after;
            let scheme = bytes.get(after).copied().is_some_and(is_tchar) && !self.param_ahead();
            self.pos = saved;
            scheme
        };
        if !matches!(bytes.get(after), None | Some(b',')) && !next_scheme {
            return None;
        }
        self.pos = end;
        Some(&self.text[start..end])
    }

    /// The pre-RFC 6750 form of the `OAuth` scheme that Facebook's Graph
    /// API sends: up to three quoted values by position, the realm, the
    /// `error` and the `error_description`
    /// (`OAuth "Facebook Platform" "invalid_code" "..."`), read as
    /// parameters of those names.
    fn positional(&mut self, challenge: &mut Challenge<'a>) -> Result<(), ParseError> {
        const NAMES: [&str; 3] = ["realm", "error", "error_description"];
        for name in NAMES {
            let value = self.quoted(!is_deciding(name))?;
            self.names.insert(name);
            challenge.params.push((Cow::Borrowed(name), value));
            self.skip_ws();
            match self.peek() {
                None | Some(b',') => return Ok(()),
                Some(b'"') => {}
                Some(_) => return Err(self.error("`,` or another quoted value")),
            }
        }
        Err(self.error("at most three quoted values"))
    }

    /// A parameter value: a quoted string, or anything up to white space or a
    /// comma. With `lenient`, control characters are kept rather than
    /// refused.
    fn value(&mut self, lenient: bool) -> Result<Cow<'a, str>, ParseError> {
        match self.peek() {
            Some(b'"') => self.quoted(lenient),
            None | Some(b',' | b'=') => Err(self.error("a parameter value")),
            Some(_) => self.unquoted(lenient),
        }
    }

    fn unquoted(&mut self, lenient: bool) -> Result<Cow<'a, str>, ParseError> {
        let start = self.pos;
        while let Some(byte) = self.peek() {
            if byte == b',' || byte.is_ascii_whitespace() {
                break;
            }
            if is_control(byte) && !lenient {
                return Err(self.error("a visible character in the parameter value"));
            }
            self.pos += 1;
        }
        Ok(Cow::Borrowed(&self.text[start..self.pos]))
    }

    /// A quoted string, borrowed unless it holds a `\` escape.
    fn quoted(&mut self, lenient: bool) -> Result<Cow<'a, str>, ParseError> {
        self.pos += 1;
        let mut owned: Option<String> = None;
        let mut run = self.pos;
        while let Some(byte) = self.peek() {
            match byte {
                b'"' => {
                    let tail = &self.text[run..self.pos];
                    self.pos += 1;
                    return Ok(match owned {
                        Some(mut text) => {
                            text.push_str(tail);
                            Cow::Owned(text)
                        }
                        None => Cow::Borrowed(tail),
                    });
                }
                b'\\' => {
                    let text = owned.get_or_insert_with(String::new);
                    text.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    let Some(escaped) = self.text[self.pos..].chars().next() else {
                        break;
                    };
                    if escaped.is_ascii() && is_control(escaped as u8) && !lenient {
                        return Err(self.error("a visible character after `\\`"));
                    }
                    text.push(escaped);
                    self.pos += escaped.len_utf8();
                    run = self.pos;
                }
                _ if is_control(byte) && !lenient => {
                    return Err(self.error("a visible character in the quoted string"));
                }
                _ => self.pos += 1,
            }
        }
        Err(self.error("`\"` to close the quoted string"))
    }

    /// A run of `tchar`s, possibly empty.
    fn token(&mut self) -> &'a str {
        let start = self.pos;
        while self.peek().is_some_and(is_tchar) {
            self.pos += 1;
        }
        &self.text[start..self.pos]
    }

    /// Skips ASCII white space; whether there was any.
    fn skip_ws(&mut self) -> bool {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
        self.pos > start
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn error(&self, expected: &'static str) -> ParseError {
        self.error_at(self.pos, expected)
    }

    fn error_at(&self, offset: usize, expected: &'static str) -> ParseError {
        let found = match self.text.get(offset..) {
            Some(rest) if !rest.is_empty() => excerpt(rest),
            _ => "the end of the input".to_owned(),
        };
        ParseError::InvalidChallenge {
            offset,
            expected,
            found,
        }
    }
}
