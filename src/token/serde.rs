//! `Serialize` and `Deserialize` for [`TokenError`], and the deserializers of its members
//! (`Text`, `TextField`, `CodesField`, `CodeElement`) with the codes they fill (`ErrorCodes`).

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::parse::{read_into, CopyInput, Field, TopLevel, TopVisitor};
use super::TokenError;
use crate::catalog::error_uri::code_from_digits;
use crate::catalog::AadstsCode;
use crate::error::ParseError;
use crate::limits::Limits;

/// The body as the server sent it, member by member: `error`, then the
/// members that are present (`error_description` decoded, `error_codes`
/// when not empty, `timestamp`, `trace_id`, `correlation_id`, `error_uri`,
/// `suberror`, `claims`), then every unknown member with its JSON value as
/// it arrived: numbers, arrays and objects stay what they were, not strings.
///
/// **Raw server text**, like the accessors: this is a copy of the body (to
/// store, to forward, or for `oauth2`), not a log record. For logs, use
/// `Display`, or the `Serialize` of [`classify`](crate::classify)'s
/// [`Classification`](crate::Classification).
///
/// Unknown members, and a `claims` request that arrived as an object, are
/// kept as JSON text and written through [`serde_json::value::RawValue`]:
/// serde_json copies the text as it is, so that
/// `TokenError::from_json(&serde_json::to_vec(&err)?)? == err` for every body
/// that `from_json` accepts (number spellings, key order and repeated keys
/// included, where a `serde_json::Value` would change them). Other formats
/// than JSON do not know `RawValue`: for those, go through
/// `serde_json::to_value(&err)?`, which reads the text into a `Value`.
///
/// # Examples
///
/// ```
/// use oauth_triage::TokenError;
///
/// // Device-code polling: Entra's answer, with the interval as a number.
/// let body = br#"{"error":"slow_down","error_codes":[70016],"interval":10,"trace_id":"0b1c6e2a-7f3d-4a51-9c8e-5d2f4b7a1e00"}"#;
/// let err = TokenError::from_json(body)?;
/// let json = serde_json::to_string(&err)?;
/// // The known members first, then the unknown ones, each value as it was.
/// assert_eq!(json, r#"{"error":"slow_down","error_codes":[70016],"trace_id":"0b1c6e2a-7f3d-4a51-9c8e-5d2f4b7a1e00","interval":10}"#);
/// assert_eq!(TokenError::from_json(json.as_bytes())?, err);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl serde::Serialize for TokenError<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        let codes = self.error_codes.as_slice();
        let ids = [
            ("timestamp", &self.timestamp),
            ("trace_id", &self.trace_id),
            ("correlation_id", &self.correlation_id),
            ("error_uri", &self.error_uri),
        ];
        let len = 1
            + usize::from(self.description.is_some())
            + usize::from(!codes.is_empty())
            + ids.iter().filter(|(_, value)| value.is_some()).count()
            + usize::from(self.suberror.is_some())
            + usize::from(self.claims.is_some())
            + self.extra.len();
        let mut map = serializer.serialize_map(Some(len))?;
        map.serialize_entry("error", self.error.as_str())?;
        if let Some(description) = &self.description {
            map.serialize_entry("error_description", &*description.decode())?;
        }
        if !codes.is_empty() {
            map.serialize_entry("error_codes", codes)?;
        }
        for (name, value) in ids {
            if let Some(value) = value {
                map.serialize_entry(name, &**value)?;
            }
        }
        if let Some(suberror) = &self.suberror {
            map.serialize_entry("suberror", suberror.as_str())?;
        }
        if let Some(claims) = &self.claims {
            let text = claims.decode();
            if claims.is_object() {
                map.serialize_entry("claims", &Json(&text))?;
            } else {
                map.serialize_entry("claims", &*text)?;
            }
        }
        for (name, json) in &self.extra {
            map.serialize_entry(&**name, &Json(json))?;
        }
        map.end()
    }
}

/// JSON text, written as the value it holds (see `Serialize` for
/// [`TokenError`]).
struct Json<'t>(&'t str);

impl serde::Serialize for Json<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The text was read as one JSON value, so this never fails; reading
        // it again borrows it, without a copy.
        let raw: &RawValue = serde_json::from_str(self.0).map_err(serde::ser::Error::custom)?;
        serde::Serialize::serialize(raw, serializer)
    }
}

/// Reads a token endpoint error body with exactly the checks of
/// [`TokenError::from_json`] and the default [`Limits`] (an `error` of RFC
/// 6749's characters, no member twice, members of the right types, a
/// success body refused, bounded members and nesting), into an owned value:
/// `TokenError<'static>` is `DeserializeOwned`, so that it can be the error
/// type of an `oauth2` client, which reads error bodies with
/// `serde_path_to_error` over serde_json.
///
/// A [`ParseError`] becomes the deserializer's error, with the same
/// (log-safe) message. Two things differ from `from_json`, because the
/// deserializer reads the text before `TokenError` sees any of it: a byte
/// order mark, an HTML page and text that is not JSON are serde_json's
/// syntax errors, not [`ParseError::Html`] and its kin (keep the body and
/// call `from_json` on it to name them); and [`Limits::max_body`] is not
/// applied, since a deserializer does not tell its input's length: bound
/// the body where it is read.
///
/// The body is JSON: unknown members are kept as their JSON text through
/// [`serde_json::value::RawValue`], which serde_json's deserializers
/// (`from_slice`, `from_str`, `from_reader`, `from_value`) and wrappers
/// around them provide, and other formats do not.
///
/// # Examples
///
/// ```
/// use oauth_triage::{classify, Action, TokenError};
///
/// // An oauth2 client reads the body of a failed token request this way.
/// let body = br#"{"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity.","error_codes":[700082]}"#;
/// let err: TokenError<'static> = serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_slice(body))?;
/// assert_eq!(classify(&err).action(), &Action::Reauthenticate);
///
/// // The checks are those of `from_json`.
/// let twice = br#"{"error":"invalid_grant","error":"invalid_client"}"#;
/// let refused = serde_json::from_slice::<TokenError<'static>>(twice).unwrap_err();
/// assert_eq!(refused.to_string(), r#""error" appears more than once"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl<'de> de::Deserialize<'de> for TokenError<'static> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut found = Ok(TopLevel::Object);
        let read = read_into(&Limits::DEFAULT, |fields| {
            found = deserializer.deserialize_any(TopVisitor::<CopyInput>::new(fields));
            match &found {
                Ok(TopLevel::Object) | Err(_) => Ok(()),
                Ok(TopLevel::Other(found)) => Err(ParseError::NotObject { found }),
            }
        });
        // The deserializer's own error first, as it came.
        found?;
        read.map_err(de::Error::custom)
    }
}

/// A JSON string, borrowed when it has no escapes.
pub(super) struct Text<'a>(pub(super) Cow<'a, str>);

impl<'de> de::Deserialize<'de> for Text<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// A member expected to be a string; any other JSON type is recorded, not fatal
/// to the JSON parse, so that the error can name the member.
pub(super) struct TextField<'a>(pub(super) Field<Cow<'a, str>>);

impl<'de> de::Deserialize<'de> for TextField<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TextField<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(TextField(Field::Ok(Cow::Borrowed(v))))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(TextField(Field::Ok(Cow::Owned(v.to_owned()))))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(TextField(Field::Ok(Cow::Owned(v))))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(TextField(Field::Wrong("a boolean")))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(TextField(Field::Wrong("a number")))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(TextField(Field::Wrong("a number")))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(TextField(Field::Wrong("a number")))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(TextField(Field::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(TextField(Field::Wrong("an array")))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(TextField(Field::Wrong("an object")))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A member of free text (a description, a `message`, a summary) as a
/// string, whatever JSON type it came as: a string is kept; an object
/// (OData v3 writes `message` as `{"lang": ..., "value": ...}`), an array,
/// a number, a boolean or `null` is read and set aside as `None`. Free text
/// never fails a parse, and never decides the shape of a body. For
/// `#[serde(deserialize_with)]`.
pub(crate) fn free_text<'de, D>(deserializer: D) -> Result<Option<Cow<'de, str>>, D::Error>
where
    D: de::Deserializer<'de>,
{
    Ok(
        match <TextField<'de> as de::Deserialize>::deserialize(deserializer)?.0 {
            Field::Ok(text) => Some(text),
            Field::Null | Field::Wrong(_) => None,
        },
    )
}

/// `error_codes`: an array of AADSTS numbers. Digit strings are accepted too.
pub(super) struct CodesField(pub(super) Field<ErrorCodes>);

impl<'de> de::Deserialize<'de> for CodesField {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CodesField;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut codes = ErrorCodes::default();
                let mut bad = None;
                while let Some(CodeElement(code)) = seq.next_element()? {
                    match code {
                        Some(code) => codes.push(code),
                        None => bad = Some("an array with a non-code element"),
                    }
                }
                Ok(CodesField(match bad {
                    Some(found) => Field::Wrong(found),
                    None => Field::Ok(codes),
                }))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(CodesField(Field::Null))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(CodesField(Field::Wrong("a boolean")))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(CodesField(Field::Wrong("a number")))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(CodesField(Field::Wrong("a number")))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(CodesField(Field::Wrong("a number")))
            }
            fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
                Ok(CodesField(Field::Wrong("a string")))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(CodesField(Field::Wrong("an object")))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// One element of `error_codes`: `Some(code)` when it is a code.
struct CodeElement(Option<u32>);

impl<'de> de::Deserialize<'de> for CodeElement {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CodeElement;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
                Ok(CodeElement(u32::try_from(v).ok()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(CodeElement(u32::try_from(v).ok()))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(CodeElement(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(CodeElement(None))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(CodeElement(None))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(CodeElement(code_from_digits(
                    v.strip_prefix("AADSTS").unwrap_or(v),
                )))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(CodeElement(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(CodeElement(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// The codes of `error_codes`. Entra sends one, sometimes two: up to four
/// are kept inline, so that a typical body needs no allocation for them.
/// More are kept in a boxed slice (not a `Vec`), so that the whole is three
/// words, as small as a `Vec`.
#[derive(Clone)]
pub(super) enum ErrorCodes {
    Inline { len: u8, codes: [AadstsCode; 4] },
    Heap(Box<[AadstsCode]>),
}

impl Default for ErrorCodes {
    fn default() -> Self {
        Self::Inline {
            len: 0,
            codes: [AadstsCode::new(0); 4],
        }
    }
}

impl ErrorCodes {
    pub(super) fn as_slice(&self) -> &[AadstsCode] {
        match self {
            Self::Inline { len, codes } => &codes[..usize::from(*len)],
            Self::Heap(codes) => codes,
        }
    }

    pub(super) fn push(&mut self, code: u32) {
        let code = AadstsCode::new(code);
        match self {
            Self::Inline { len, codes } if usize::from(*len) < codes.len() => {
                codes[usize::from(*len)] = code;
                *len += 1;
            }
            // Past four codes, which no server is known to send.
            _ => {
                let mut heap = self.as_slice().to_vec();
                heap.push(code);
                *self = Self::Heap(heap.into_boxed_slice());
            }
        }
    }
}

impl PartialEq for ErrorCodes {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for ErrorCodes {}

impl fmt::Debug for ErrorCodes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_slice(), f)
    }
}
