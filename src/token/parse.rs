//! The token body reader: a scanner for what servers send, serde_json for the rest, both
//! filling `Fields`, whose checks decide what a body is.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::serde::{CodesField, ErrorCodes, Text, TextField};
use super::{into_static, TokenError};
use crate::error::{excerpt, ParseError};
use crate::error_code::{is_valid_error_value, ErrorName, Suberror};
use crate::json_scan::{Escapes, JsonStr, Scanner};
use crate::json_text::{unescape, LazyText};
use crate::limits::{check_count, json_depth, Limits};

/// Rejects input that cannot be a JSON object before the JSON parser sees it,
/// so that the error names what was found.
fn check_start(body: &[u8]) -> Result<(), ParseError> {
    let Some(first) = body.iter().position(|b| !b.is_ascii_whitespace()) else {
        return Err(ParseError::Empty);
    };
    match body[first] {
        b'<' => Err(ParseError::Html),
        b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n' => Ok(()),
        byte => Err(ParseError::NotJson {
            found: crate::error::byte_class(byte),
        }),
    }
}

fn json_error(err: serde_json::Error, limits: &Limits) -> ParseError {
    let (line, column) = (err.line(), err.column());
    if err.is_eof() {
        return ParseError::Truncated { line, column };
    }
    let message = err.to_string();
    // serde_json's own bound on the nesting it recurses into (members it
    // keeps raw are read without recursion and bounded by `max_depth`).
    if message.starts_with("recursion limit exceeded") {
        return ParseError::TooDeep {
            limit: limits.max_depth.min(JSON_PARSER_DEPTH),
        };
    }
    let reason = match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    };
    ParseError::InvalidJson {
        line,
        column,
        reason,
    }
}

/// What the body turned out to be.
pub(super) enum TopLevel {
    /// An object, whose members are in the `Fields` the visitor was given.
    Object,
    Other(&'static str),
}

/// The nesting at which serde_json stops by itself.
const JSON_PARSER_DEPTH: usize = 128;

/// Reads the body's object into a [`Fields`], keeping text as `L` says.
pub(super) struct TopVisitor<'f, 'a, 't, L>(&'f mut Fields<'a, 't>, PhantomData<L>);

impl<'f, 'a, 't, L> TopVisitor<'f, 'a, 't, L> {
    pub(super) fn new(fields: &'f mut Fields<'a, 't>) -> Self {
        Self(fields, PhantomData)
    }
}

impl<'de, 'a, L: TextSource<'de, 'a>> Visitor<'de> for TopVisitor<'_, 'a, '_, L> {
    type Value = TopLevel;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let fields = self.0;
        while let Some(Text(key)) = map.next_key()? {
            fields.members += 1;
            if fields.members > fields.max_params {
                // Read on to the end (the body is bounded), keep nothing.
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            fields.visit::<L, A>(L::text(key), &mut map)?;
        }
        Ok(TopLevel::Object)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(TopLevel::Other("an array"))
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(TopLevel::Other("a string"))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(TopLevel::Other("a boolean"))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(TopLevel::Other("a number"))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(TopLevel::Other("a number"))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(TopLevel::Other("a number"))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(TopLevel::Other("null"))
    }
}

/// The members as read, each put in place in the error they make, and what
/// [`Fields::check`] must check before that error is returned.
pub(super) struct Fields<'a, 't> {
    /// The error the members are read into, in place.
    token: &'t mut TokenError<'a>,
    /// How `error` was read (a string's value is in `token`), so that
    /// `check` tells a `null` or a wrong type from a missing `error`.
    error: Option<Field<()>>,
    /// The members this crate models that were read, a bit each (see
    /// [`Member::rank`]), to find duplicates.
    seen: u16,
    /// The first member read twice.
    duplicate: Option<Member>,
    /// The first member kept among the others (`extra`) that some value
    /// reads (Google's `error_subtype`, GitHub's `interval`, Auth0's
    /// `mfa_token`) and that came twice: refused as a modelled member
    /// would be, since most JSON parsers (and a proxy in front) would take
    /// the last where this crate reads the first.
    duplicate_extra: Option<&'static str>,
    /// The first member of the wrong type, in the order of
    /// [`Member::rank`], and the JSON type found.
    wrong: Option<(Member, &'static str)>,
    success: bool,
    max_params: usize,
    max_depth: usize,
    pub(super) members: usize,
    /// The deepest nesting inside a member's value.
    deepest: usize,
}

/// A member's value, or the JSON type found when it had the wrong one.
pub(super) enum Field<T> {
    Ok(T),
    Null,
    Wrong(&'static str),
}

impl<T> Field<T> {
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Field<U> {
        match self {
            Self::Ok(value) => Field::Ok(f(value)),
            Self::Null => Field::Null,
            Self::Wrong(found) => Field::Wrong(found),
        }
    }
}

/// The members this crate models, by name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Member {
    Text(TextMember),
    Codes,
    /// No decision reads it, so it is decoded only when read.
    Description,
    Claims,
    Other,
}

/// The members read as plain text, numbered by [`Member::rank`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum TextMember {
    Error = 0,
    Timestamp = 3,
    TraceId = 4,
    CorrelationId = 5,
    ErrorUri = 6,
    Suberror = 7,
}

impl Member {
    pub(super) fn of(name: &str) -> Self {
        match name {
            "error" => Self::Text(TextMember::Error),
            "timestamp" => Self::Text(TextMember::Timestamp),
            "trace_id" => Self::Text(TextMember::TraceId),
            "correlation_id" => Self::Text(TextMember::CorrelationId),
            "error_uri" => Self::Text(TextMember::ErrorUri),
            "suberror" => Self::Text(TextMember::Suberror),
            "error_codes" => Self::Codes,
            "error_description" => Self::Description,
            "claims" => Self::Claims,
            _ => Self::Other,
        }
    }

    /// Reads the name of a member this crate models, with its closing
    /// quote, when it is next (the opening quote read); `Other`, having read
    /// nothing, for any other name. The first letter tells which names to
    /// compare, so that a name is read in one or two comparisons, with no
    /// scan for its end.
    #[inline]
    pub(super) fn read_known(json: &mut Scanner<'_>) -> Self {
        use TextMember as T;
        let first = json.peek();
        // Each name a constant, compared in place.
        let mut name = |name: &[u8]| json.eat_ascii(name);
        match first {
            Some(b'e') if name(b"error\"") => Self::Text(T::Error),
            Some(b'e') if name(b"error_description\"") => Self::Description,
            Some(b'e') if name(b"error_codes\"") => Self::Codes,
            Some(b'e') if name(b"error_uri\"") => Self::Text(T::ErrorUri),
            Some(b't') if name(b"timestamp\"") => Self::Text(T::Timestamp),
            Some(b't') if name(b"trace_id\"") => Self::Text(T::TraceId),
            Some(b'c') if name(b"correlation_id\"") => Self::Text(T::CorrelationId),
            Some(b'c') if name(b"claims\"") => Self::Claims,
            Some(b's') if name(b"suberror\"") => Self::Text(T::Suberror),
            _ => Self::Other,
        }
    }

    /// The order in which [`Fields::check`] looks for a member of the wrong
    /// type (`error` first); also the member's bit among those seen.
    fn rank(self) -> u8 {
        match self {
            Self::Text(member) => member as u8,
            Self::Description => 1,
            Self::Codes => 2,
            Self::Claims => 8,
            Self::Other => 9,
        }
    }

    /// The name on the wire, and what its value must be.
    fn name_and_type(self) -> (&'static str, &'static str) {
        match self {
            Self::Text(TextMember::Error) => ("error", "a string"),
            Self::Text(TextMember::Timestamp) => ("timestamp", "a string"),
            Self::Text(TextMember::TraceId) => ("trace_id", "a string"),
            Self::Text(TextMember::CorrelationId) => ("correlation_id", "a string"),
            Self::Text(TextMember::ErrorUri) => ("error_uri", "a string"),
            Self::Text(TextMember::Suberror) => ("suberror", "a string"),
            Self::Codes => ("error_codes", "an array of integers"),
            Self::Description => ("error_description", "a string"),
            Self::Claims => ("claims", "a string"),
            // Never noted: such members are kept as they come.
            Self::Other => ("", ""),
        }
    }
}

impl<'a, 't> Fields<'a, 't> {
    /// Reads into `token`, which must be new: its `error` is a stand-in,
    /// never returned, since `check` refuses a body without `error`.
    pub(super) fn new(token: &'t mut TokenError<'a>, limits: &Limits) -> Self {
        Self {
            token,
            error: None,
            seen: 0,
            duplicate: None,
            duplicate_extra: None,
            wrong: None,
            success: false,
            max_params: limits.max_params,
            max_depth: limits.max_depth,
            members: 0,
            deepest: 0,
        }
    }

    /// Reads the value of the member `key` through serde, keeping its text
    /// as `L` says.
    fn visit<'de, L: TextSource<'de, 'a>, A: MapAccess<'de>>(
        &mut self,
        key: Cow<'a, str>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match Member::of(&key) {
            Member::Text(member) => {
                let value = map.next_value::<TextField<'de>>()?.0.map(L::text);
                self.set_text(member, value);
            }
            Member::Codes => {
                let value = map.next_value::<CodesField>()?.0;
                self.set_codes(value);
            }
            Member::Description => {
                let raw = L::raw(map)?;
                self.deepest = self.deepest.max(depth(&raw));
                self.set_description(string_field(raw).map(LazyText::json));
            }
            Member::Claims => {
                let raw = L::raw(map)?;
                self.deepest = self.deepest.max(depth(&raw));
                self.set_claims(claims_field(raw));
            }
            Member::Other => {
                let raw = L::raw(map)?;
                self.deepest = self.deepest.max(depth(&raw));
                self.set_other(key, raw);
            }
        }
        Ok(())
    }

    /// Whether `member` was read, whatever its value.
    fn was_read(&self, member: Member) -> bool {
        self.seen & 1 << member.rank() != 0
    }

    /// Notes that `member` was read, and whether it was read before.
    fn mark(&mut self, member: Member) {
        if self.was_read(member) && self.duplicate.is_none() {
            self.duplicate = Some(member);
        }
        self.seen |= 1 << member.rank();
    }

    /// Notes that `member` was read, and gives its value: `None` for
    /// `null`, and for a value of the wrong type, which is noted too.
    fn take<T>(&mut self, member: Member, value: Field<T>) -> Option<T> {
        self.mark(member);
        match value {
            Field::Ok(value) => Some(value),
            Field::Null => None,
            Field::Wrong(found) => {
                if self
                    .wrong
                    .map_or(true, |(first, _)| member.rank() < first.rank())
                {
                    self.wrong = Some((member, found));
                }
                None
            }
        }
    }

    pub(super) fn set_text(&mut self, member: TextMember, value: Field<Cow<'a, str>>) {
        let read = Member::Text(member);
        match member {
            TextMember::Error => self.set_error(value.map(ErrorName::from_cow)),
            TextMember::Timestamp => self.token.timestamp = self.take(read, value),
            TextMember::TraceId => self.token.trace_id = self.take(read, value),
            TextMember::CorrelationId => self.token.correlation_id = self.take(read, value),
            TextMember::ErrorUri => self.token.error_uri = self.take(read, value),
            TextMember::Suberror => {
                self.token.suberror = self.take(read, value).map(Suberror::from_cow);
            }
        }
    }

    fn set_error(&mut self, value: Field<ErrorName<'a>>) {
        match value {
            Field::Ok(error) => self.set_error_value(error),
            Field::Null => self.set_error_read(Field::Null),
            Field::Wrong(found) => self.set_error_read(Field::Wrong(found)),
        }
    }

    /// An `error` string: its value is put in place.
    fn set_error_value(&mut self, error: ErrorName<'a>) {
        self.token.error = error;
        self.set_error_read(Field::Ok(()));
    }

    /// How `error` was read, kept for `check`.
    fn set_error_read(&mut self, read: Field<()>) {
        self.mark(Member::Text(TextMember::Error));
        self.error = Some(read);
    }

    fn set_codes(&mut self, value: Field<ErrorCodes>) {
        self.token.error_codes = self.take(Member::Codes, value).unwrap_or_default();
    }

    /// Free text: a description that is no string (an object, an array, a
    /// number) is set aside, never a parse failure.
    pub(super) fn set_description(&mut self, value: Field<LazyText<'a>>) {
        let value = match value {
            Field::Wrong(_) => Field::Null,
            value => value,
        };
        self.token.description = self.take(Member::Description, value);
    }

    pub(super) fn set_claims(&mut self, value: Field<LazyText<'a>>) {
        self.token.claims = self.take(Member::Claims, value);
    }

    /// A member this crate does not model, kept as its JSON text.
    pub(super) fn set_other(&mut self, key: Cow<'a, str>, json: Cow<'a, str>) {
        if matches!(&*key, "access_token" | "id_token" | "device_code") {
            self.success = true;
        }
        if self.duplicate_extra.is_none() {
            if let Some(name) = ["error_subtype", "interval", "mfa_token"]
                .into_iter()
                .find(|name| *key == **name)
            {
                if has(&self.token.extra, name) {
                    self.duplicate_extra = Some(name);
                }
            }
        }
        self.token.extra.push((key, json));
    }

    /// Checks what was read, in this order: the bounds, duplicates,
    /// `error`, other members' types. Inlined for what nearly every body
    /// is (a recognized `error`, no unknown member, nothing wrong), which
    /// passes every check of [`Fields::check_each`].
    #[inline]
    fn check(&mut self) -> Result<(), ParseError> {
        if self.members <= self.max_params
            && self.deepest < self.max_depth
            && self.duplicate.is_none()
            && self.wrong.is_none()
            && matches!(self.error, Some(Field::Ok(())))
            && !matches!(self.token.error, ErrorName::Other(_))
            && self.token.extra.is_empty()
        {
            return Ok(());
        }
        self.check_each()
    }

    /// [`Fields::check`], check by check.
    fn check_each(&mut self) -> Result<(), ParseError> {
        check_count(self.members, self.max_params, "members")?;
        // The body's own object is one level.
        if 1 + self.deepest > self.max_depth {
            return Err(ParseError::TooDeep {
                limit: self.max_depth,
            });
        }
        if let Some(member) = self.duplicate {
            return Err(ParseError::Duplicate {
                name: excerpt(member.name_and_type().0),
            });
        }
        if let Some(name) = self.duplicate_extra {
            return Err(ParseError::Duplicate {
                name: excerpt(name),
            });
        }
        match self.error {
            Some(Field::Ok(())) => {}
            // Reddit: `{"message":"Unauthorized","error":401}`, the HTTP
            // status again; no OAuth value to read.
            Some(Field::Wrong("a number")) if has(&self.token.extra, "message") => {
                return Err(ParseError::UnsupportedShape {
                    shape: "numeric-error",
                })
            }
            Some(Field::Wrong(found)) => return Err(wrong("error", found, "a string")),
            Some(Field::Null) => return Err(wrong("error", "null", "a string")),
            None if self.success => return Err(ParseError::Success),
            // Twitch's token endpoint: `{"status":400,"message":"authorization_pending"}`,
            // where `message` holds a value of the vocabulary exactly.
            None => match symbolic_message(&self.token.extra) {
                Some(value) => self.token.error = ErrorName::from_cow(value),
                None => {
                    return Err(match foreign_shape(&self.token.extra) {
                        Some(shape) => ParseError::UnsupportedShape { shape },
                        None => ParseError::MissingError,
                    })
                }
            },
        }
        let token = &self.token;
        let error = &token.error;
        // Every value this crate recognizes is valid: only others are checked.
        if let ErrorName::Other(value) = error {
            if !is_valid_error_value(value.as_str()) {
                return Err(ParseError::InvalidErrorValue {
                    found: excerpt(value.as_str()),
                });
            }
            // Mastodon, EVE Online's ESI: `{"error":"The access token is
            // invalid"}`, a sentence where a value belongs. Its words are
            // free text, never read.
            if is_sentence(value.as_str()) {
                return Err(ParseError::UnsupportedShape {
                    shape: "error-sentence",
                });
            }
        }
        // A Boom or Spring Boot body (`error` a reason phrase, `message`,
        // `statusCode` or `status`): decided by those members alone, never
        // by whether a description is there too.
        if !token.extra.is_empty()
            && has(&token.extra, "message")
            && (has(&token.extra, "statusCode") || has(&token.extra, "status"))
            && is_reason_phrase(error.as_str())
        {
            return Err(ParseError::UnsupportedShape {
                shape: "http-reason-phrase",
            });
        }
        if let Some((member, found)) = self.wrong {
            let (name, expected) = member.name_and_type();
            return Err(wrong(name, found, expected));
        }
        Ok(())
    }
}

/// Whether an `error` value is prose rather than a value: two or more
/// words of ASCII letters, one space apart, with at most a final `.`
/// (`The access token is invalid`, `token is expired`).
pub(crate) fn is_sentence(value: &str) -> bool {
    let words = value.strip_suffix('.').unwrap_or(value);
    let mut count = 0;
    for word in words.split(' ') {
        if word.is_empty() || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
            return false;
        }
        count += 1;
    }
    count >= 2
}

/// Twitch's `status` + `message` body whose `message` is a value of the
/// vocabulary, spelled exactly (`authorization_pending`, `slow_down`, ...):
/// the value, borrowed from the body. A sentence, or a value the crate does
/// not know, is no value.
fn symbolic_message<'a>(extra: &[(Cow<'a, str>, Cow<'a, str>)]) -> Option<Cow<'a, str>> {
    if !has(extra, "status") || extra.len() != 2 {
        return None;
    }
    let (_, raw) = extra.iter().find(|(key, _)| key == "message")?;
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    if inner.is_empty() || !inner.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        return None;
    }
    if matches!(ErrorName::from(inner), ErrorName::Other(_)) {
        return None;
    }
    Some(match raw {
        Cow::Borrowed(raw) => Cow::Borrowed(&raw[1..raw.len() - 1]),
        Cow::Owned(_) => Cow::Owned(inner.to_owned()),
    })
}

/// Reads a JSON body into `token`, a new error, then checks it (see
/// [`TokenError::from_json`]).
#[inline(never)]
pub(super) fn read_json<'a>(
    token: &mut TokenError<'a>,
    body: &'a [u8],
    limits: &Limits,
) -> Result<(), ParseError> {
    crate::limits::check(body.len(), limits.max_body)?;
    let mut body = body;
    // A body that opens its object at once, as servers write it, has no
    // byte order mark and nothing before the object to name.
    if body.first() != Some(&b'{') {
        body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        check_start(body)?;
    }
    let mut fields = Fields::new(token, limits);
    if !scan(body, &mut fields) {
        // What the scanner leaves is read again, from the start. When the
        // body is not UTF-8, the slice parser finds the place to report.
        *token = TokenError::new(ErrorName::InvalidRequest);
        fields = Fields::new(token, limits);
        match std::str::from_utf8(body) {
            Ok(text) => parse_into(
                &mut fields,
                serde_json::Deserializer::from_str(text),
                limits,
            )?,
            Err(_) => {
                let strict = parse_into(
                    &mut fields,
                    serde_json::Deserializer::from_slice(body),
                    limits,
                )
                .and_then(|()| fields.check());
                return match strict {
                    // Text that is not UTF-8 (a Latin-1 byte in a
                    // description) is read lossily, unless a member that
                    // decides holds it.
                    Err(err @ ParseError::InvalidJson { .. }) => match read_lossily(body, limits) {
                        Some(lossy) => {
                            *token = lossy;
                            Ok(())
                        }
                        None => Err(err),
                    },
                    other => other,
                };
            }
        }
    } else if cfg!(fuzzing) {
        let scanned = fields.check().map(|()| token.clone());
        let text = std::str::from_utf8(body).expect("the scanner read text that is not UTF-8");
        *token = checked_against_serde_json(scanned, text, limits)?;
        return Ok(());
    }
    fields.check()
}

/// A body that is not UTF-8, read with its invalid bytes as U+FFFD: the
/// error it reads, when none of the members that decide (`error`,
/// `suberror`, `claims`, `error_uri`, Google's `error_subtype`, GitHub's
/// `interval`, Auth0's `mfa_token`) holds one; `None` otherwise, so that
/// such a body stays unreadable. Only ever called on a body the strict
/// reading refused.
#[cold]
fn read_lossily(body: &[u8], limits: &Limits) -> Option<TokenError<'static>> {
    const REPLACED: char = char::REPLACEMENT_CHARACTER;
    let text = String::from_utf8_lossy(body);
    let token = TokenError::from_json_with(text.as_bytes(), limits).ok()?;
    let deciding = [
        Some(token.error.as_str()),
        token.suberror.as_ref().map(Suberror::as_str),
        token.claims.as_ref().map(LazyText::as_str),
        token.error_uri.as_deref(),
    ];
    let deciding_extra = token
        .extra
        .iter()
        .filter(|(name, _)| matches!(&**name, "error_subtype" | "interval" | "mfa_token"))
        .map(|(_, value)| &**value);
    let clean = deciding
        .into_iter()
        .flatten()
        .chain(deciding_extra)
        .all(|value| !value.contains(REPLACED));
    clean.then(|| token.into_owned())
}

/// A new error, read by `read`, then checked.
pub(super) fn read_into<'a>(
    limits: &Limits,
    read: impl FnOnce(&mut Fields<'a, '_>) -> Result<(), ParseError>,
) -> Result<TokenError<'a>, ParseError> {
    let mut token = TokenError::new(ErrorName::InvalidRequest);
    let mut fields = Fields::new(&mut token, limits);
    read(&mut fields)?;
    fields.check()?;
    Ok(token)
}

/// Whether a member of this name was kept in `extra`.
fn has(extra: &[(Cow<'_, str>, Cow<'_, str>)], name: &str) -> bool {
    extra.iter().any(|(key, _)| key == name)
}

/// The name of a known non-OAuth error shape, told by its members, for a
/// body without `error` (see [`ParseError::UnsupportedShape`]).
fn foreign_shape(extra: &[(Cow<'_, str>, Cow<'_, str>)]) -> Option<&'static str> {
    let has = |name| has(extra, name);
    Some(
        if has("errorCode") && !has("errorSummary") && has("message") {
            "docusign"
        } else if has("errorCode") {
            "okta"
        } else if has("resourceType") {
            "fhir-operation-outcome"
        } else if has("Fault") || (has("fault") && has("time")) {
            "intuit-fault"
        } else if has("resultcode") {
            "naver-resultcode"
        } else if has("code") && has("msg") {
            "kakao-api"
        } else if has("error_code") {
            "error-code"
        } else if has("__type") {
            "aws-json"
        } else if has("serviceErrorCode") {
            "linkedin-rest"
        } else if has("fault") {
            "wso2-fault"
        } else if has("documentation_url") && has("message") {
            "github-rest"
        } else if has("errors") {
            "errors-array"
        } else if (has("title") && (has("type") || has("detail")))
            || (has("Title") && (has("Type") || has("Detail")))
        {
            "problem-details"
        } else if has("detail") && extra.len() == 1 {
            "drf-detail"
        } else if has("code") && has("description") {
            "auth0-dbconnections"
        } else if has("code") && has("reason") && has("message") {
            "forgerock-crest"
        } else if has("code") && has("message") && has("details") {
            "grpc-status"
        } else if has("code") && has("message") {
            "code-message"
        } else if has("lang") && has("description") {
            "yahoo"
        } else if has("status") && has("message") {
            "status-message"
        } else {
            return None;
        },
    )
}

/// Whether an `error` value is an HTTP reason phrase (RFC 9110 §15), as
/// Boom-style API errors carry, rather than an OAuth value.
fn is_reason_phrase(value: &str) -> bool {
    matches!(
        value,
        "Bad Request"
            | "Unauthorized"
            | "Forbidden"
            | "Not Found"
            | "Method Not Allowed"
            | "Conflict"
            | "Too Many Requests"
            | "Internal Server Error"
            | "Bad Gateway"
            | "Service Unavailable"
            | "Gateway Timeout"
    )
}

/// How deeply a member's value nests arrays and objects. serde_json gives
/// the value without leading white space, so a scalar (most members are
/// strings) is told by its first byte and needs no scan.
fn depth(json: &str) -> usize {
    let json = json.as_bytes();
    match json.first() {
        Some(b'[' | b'{') => json_depth(json),
        _ => 0,
    }
}

/// Reads a body without serde_json when it is what nearly every server
/// sends: an object of strings, `null`s and other scalars, with an array of
/// integers for `error_codes`. `false` when the body holds anything else,
/// valid JSON or not, or is not UTF-8: [`parse`] then reads it with
/// serde_json, which words the error when there is one. Both fill a
/// [`Fields`], which then checks the members alike; the tests check that
/// the two agree.
pub(super) fn scan<'a>(body: &'a [u8], fields: &mut Fields<'a, '_>) -> bool {
    // A long body is checked as UTF-8 at once, which costs less per byte
    // than checking its strings one by one. In a short one only the text
    // kept is checked: a recognized `error`, looked up as bytes, never is.
    let json = if body.len() > CHECKED_AT_ONCE {
        match std::str::from_utf8(body) {
            Ok(text) => Scanner::new(text),
            Err(_) => return false,
        }
    } else {
        Scanner::lazy(body)
    };
    scan_members(json, fields).is_some()
}

/// The length from which [`scan`] checks a body's UTF-8 at once.
const CHECKED_AT_ONCE: usize = 128;

pub(super) fn scan_members<'a>(mut json: Scanner<'a>, fields: &mut Fields<'a, '_>) -> Option<()> {
    json.skip_space();
    if !json.eat(b'{') {
        return None;
    }
    json.skip_space();
    if !json.eat(b'}') {
        loop {
            if !json.eat(b'"') {
                return None;
            }
            // The name: one this crate models, or another, whose text is
            // kept. One with escapes is left to `parse`.
            let member = Member::read_known(&mut json);
            let key = match member {
                Member::Other => match json.rest_of_string()? {
                    read if read.escapes == Escapes::None => json.text(read)?,
                    _ => return None,
                },
                _ => "",
            };
            json.skip_space();
            if !json.eat(b':') {
                return None;
            }
            json.skip_space();
            // Past the bound, members are read but not kept, as in `parse`.
            fields.members += 1;
            let keep = fields.members <= fields.max_params;
            match member {
                Member::Text(TextMember::Error) => {
                    if json.eat(b'"') {
                        // A recognized value is ASCII: looked up as bytes,
                        // it needs no scan for escapes, no UTF-8 check and
                        // no second lookup.
                        let error = match json.known_text(ErrorName::known) {
                            Some(code) => code,
                            None => {
                                let read = json.rest_of_string()?;
                                ErrorName::from_cow(text_value(&json, read)?)
                            }
                        };
                        if keep {
                            fields.set_error_value(error);
                        }
                    } else if json.null() {
                        if keep {
                            fields.set_error(Field::Null);
                        }
                    } else {
                        return None;
                    }
                }
                Member::Text(member) => {
                    let value = if json.eat(b'"') {
                        let read = json.rest_of_string()?;
                        Field::Ok(text_value(&json, read)?)
                    } else if json.null() {
                        Field::Null
                    } else {
                        return None;
                    };
                    if keep {
                        fields.set_text(member, value);
                    }
                }
                Member::Codes => {
                    let value = scan_codes(&mut json)?;
                    if keep {
                        fields.set_codes(value);
                    }
                }
                Member::Description => {
                    let value = lazy_value(&mut json)?;
                    if keep {
                        fields.set_description(value);
                    }
                }
                Member::Claims => {
                    // A claims object, rather than a string, is left to `parse`.
                    let value = lazy_value(&mut json)?;
                    if keep {
                        fields.set_claims(value);
                    }
                }
                Member::Other => {
                    let value = json.scalar()?;
                    if keep {
                        fields.set_other(Cow::Borrowed(key), Cow::Borrowed(value));
                    }
                }
            }
            json.skip_space();
            if json.eat(b',') {
                json.skip_space();
            } else if json.eat(b'}') {
                break;
            } else {
                return None;
            }
        }
    }
    json.skip_space();
    json.at_end().then_some(())
}

/// What the scanner read, after checking that serde_json reads the same:
/// `cargo fuzz` builds with `--cfg fuzzing`, and then every body the scanner
/// reads is checked.
pub(super) fn checked_against_serde_json<'a>(
    scanned: Result<TokenError<'a>, ParseError>,
    text: &'a str,
    limits: &Limits,
) -> Result<TokenError<'a>, ParseError> {
    let parsed = parse(serde_json::Deserializer::from_str(text), limits);
    assert_eq!(
        scanned, parsed,
        "the scanner and serde_json disagree on {text:?}"
    );
    scanned
}

/// A text member's value: borrowed when it has no escapes, decoded when it
/// has short ones. `\u` escapes are left to serde_json, which refuses half
/// a surrogate pair in such a member.
#[inline(always)]
fn text_value<'a>(json: &Scanner<'a>, read: JsonStr) -> Option<Cow<'a, str>> {
    match read.escapes {
        Escapes::None => Some(Cow::Borrowed(json.text(read)?)),
        Escapes::Short => Some(unescape(json.text(read)?)),
        Escapes::Unicode => None,
    }
}

/// A string kept undecoded, or `null`.
#[inline(always)]
fn lazy_value<'a>(json: &mut Scanner<'a>) -> Option<Field<LazyText<'a>>> {
    if json.eat(b'"') {
        let read = json.rest_of_string()?;
        Some(Field::Ok(LazyText::json(json.text(read)?)))
    } else if json.null() {
        Some(Field::Null)
    } else {
        None
    }
}

/// `error_codes` as an array of codes, or `null`.
#[inline]
fn scan_codes(json: &mut Scanner<'_>) -> Option<Field<ErrorCodes>> {
    if json.null() {
        return Some(Field::Null);
    }
    let mut codes = ErrorCodes::default();
    if !json.eat(b'[') {
        return None;
    }
    json.skip_space();
    if json.eat(b']') {
        return Some(Field::Ok(codes));
    }
    loop {
        codes.push(json.small_integer()?);
        json.skip_space();
        if json.eat(b',') {
            json.skip_space();
        } else if json.eat(b']') {
            return Some(Field::Ok(codes));
        } else {
            return None;
        }
    }
}

/// Reads the members of the body's object with serde_json, then checks them.
pub(super) fn parse<'a, R: serde_json::de::Read<'a>>(
    de: serde_json::Deserializer<R>,
    limits: &Limits,
) -> Result<TokenError<'a>, ParseError> {
    read_into(limits, |fields| parse_into(fields, de, limits))
}

/// Reads the members of the body's object with serde_json into `fields`.
#[inline(never)]
fn parse_into<'a, R: serde_json::de::Read<'a>>(
    fields: &mut Fields<'a, '_>,
    mut de: serde_json::Deserializer<R>,
    limits: &Limits,
) -> Result<(), ParseError> {
    // The visitor fills `fields` in place: returned through serde's layers,
    // a struct this size would be copied at each one.
    let top = de
        .deserialize_any(TopVisitor::<BorrowInput>::new(fields))
        .map_err(|e| json_error(e, limits))?;
    de.end().map_err(|e| json_error(e, limits))?;
    match top {
        TopLevel::Object => Ok(()),
        TopLevel::Other(found) => Err(ParseError::NotObject { found }),
    }
}

fn wrong(field: &'static str, found: &'static str, expected: &'static str) -> ParseError {
    ParseError::WrongType {
        field,
        found,
        expected,
    }
}

/// A member kept as raw JSON: a string as the text between its quotes, not
/// yet decoded.
fn string_field(json: Cow<'_, str>) -> Field<Cow<'_, str>> {
    match json.as_bytes().first() {
        Some(b'"') => Field::Ok(match json {
            Cow::Borrowed(json) => Cow::Borrowed(&json[1..json.len() - 1]),
            Cow::Owned(mut json) => {
                json.pop();
                json.remove(0);
                Cow::Owned(json)
            }
        }),
        Some(b'n') => Field::Null,
        _ => Field::Wrong(json_type(&json)),
    }
}

/// `claims` is a string holding a JSON claims request; some servers send the
/// object itself, which is kept as its JSON text.
fn claims_field(json: Cow<'_, str>) -> Field<LazyText<'_>> {
    match json.as_bytes().first() {
        Some(b'{') => Field::Ok(LazyText::object(json)),
        _ => string_field(json).map(LazyText::json),
    }
}

/// Whether [`Fields`] borrows the text it reads through serde from the body
/// ([`BorrowInput`], for [`TokenError::from_json`]) or copies it
/// ([`CopyInput`], for the `TokenError<'static>` of `Deserialize`, whose
/// deserializer may not lend its text at all, as `serde_json::from_reader`
/// does not).
pub(super) trait TextSource<'de, 'a> {
    /// Text that serde decoded.
    fn text(text: Cow<'de, str>) -> Cow<'a, str>;
    /// The next value's JSON text.
    fn raw<A: MapAccess<'de>>(map: &mut A) -> Result<Cow<'a, str>, A::Error>;
}

/// Borrows every text from the body.
enum BorrowInput {}

impl<'a> TextSource<'a, 'a> for BorrowInput {
    fn text(text: Cow<'a, str>) -> Cow<'a, str> {
        text
    }

    fn raw<A: MapAccess<'a>>(map: &mut A) -> Result<Cow<'a, str>, A::Error> {
        Ok(Cow::Borrowed(map.next_value::<&'a RawValue>()?.get()))
    }
}

/// Copies every text.
pub(super) enum CopyInput {}

impl<'de> TextSource<'de, 'static> for CopyInput {
    fn text(text: Cow<'de, str>) -> Cow<'static, str> {
        into_static(text)
    }

    fn raw<A: MapAccess<'de>>(map: &mut A) -> Result<Cow<'static, str>, A::Error> {
        let raw: Box<RawValue> = map.next_value()?;
        Ok(Cow::Owned(Box::<str>::from(raw).into_string()))
    }
}

fn json_type(json: &str) -> &'static str {
    match json.as_bytes().first() {
        Some(b'"') => "a string",
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}
