//! The embedded catalog of Microsoft Entra ID `AADSTS` error codes.
//!
//! Every code on Microsoft's public error-code reference, plus codes seen in
//! real responses, with its symbolic name, a category, who must act, a summary
//! and a remedy written for this crate, and, where the code alone makes the
//! right reaction unambiguous, an action override used by
//! [`classify`](crate::classify) (step 7 of the procedure).
//!
//! The table is compiled in: a lookup by code is a binary search over a
//! static slice, and a lookup by name goes through a generated index on a
//! hash of the name, with no start-up cost and no allocation.
//!
//! Entra's codes change over time, so a code only **refines** what the
//! `error` value already says: an unknown code changes nothing.
//!
//! # Examples
//!
//! ```
//! use oauth_triage::{Action, AadstsCode, Party};
//!
//! let code: AadstsCode = "AADSTS50011".parse()?;
//! let entry = code.entry().ok_or("not in the catalog")?;
//! assert_eq!(entry.name, Some("InvalidReplyTo"));
//! assert_eq!(entry.party, Party::Developer);
//! assert_eq!(entry.action, Some(Action::FixConfig));
//!
//! // "50011", "AADSTS 50011" and the symbolic name read as the same code.
//! assert_eq!("InvalidReplyTo".parse::<AadstsCode>()?, code);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The whole catalog
//!
//! Every code, then every entry in full. The docs' search finds each
//! code by its `AADSTS` form ([`AadstsCode`] carries one alias per code).
//!
#![doc = include_str!("table.md")]
//!
//! ## Every entry
#![doc = include_str!("details.md")]

use std::fmt;
use std::str::FromStr;

use self::error_uri::code_from_error_uri;
use self::name_hash::name_hash;
use crate::action::{Action, Party};

#[rustfmt::skip]
#[macro_use]
mod aliases;
#[rustfmt::skip]
mod generated;
pub(crate) mod error_uri;
mod name_hash;

with_code_aliases! {
    /// An `AADSTS` error code of Microsoft Entra ID: the number Entra puts
    /// in `error_codes`, in its error pages' `code` parameter, and after
    /// `AADSTS` in its messages.
    ///
    /// Any number is a code, since Entra adds codes faster than any list
    /// follows; [`AadstsCode::entry`] says whether this crate's catalog
    /// knows it. Its `Debug` and `Display` name it as Entra does
    /// (`AADSTS50011`); it serializes as the bare number.
    ///
    /// # Reading a code
    ///
    /// [`FromStr`] reads what people and servers write: `AADSTS50011`,
    /// `aadsts50011`, `AADSTS 50011`, `AADSTS-50011` or `50011` (the prefix
    /// in any ASCII case, then at most one space, tab or `-`), a symbolic
    /// name such as `InvalidReplyTo` in any case (the first of the codes
    /// that carry it: Microsoft gives a few names to two codes), and the
    /// `error_uri` of Entra's answers
    /// (`https://login.microsoftonline.com/error?code=50011`), read only
    /// from Microsoft's sign-in hosts, as classification reads it. White
    /// space around the text is ignored.
    ///
    /// ```
    /// use oauth_triage::AadstsCode;
    ///
    /// let code = AadstsCode::new(50011);
    /// for text in ["AADSTS50011", " aadsts50011 ", "AADSTS 50011", "AADSTS-50011", "50011", "invalidreplyto",
    ///              "https://login.microsoftonline.com/error?code=50011"] {
    ///     assert_eq!(text.parse(), Ok(code), "{text}");
    /// }
    /// assert_eq!(format!("{code:?}"), "AADSTS50011");
    /// assert!("AADSTS--50011".parse::<AadstsCode>().is_err());
    /// assert!("https://evil.example/error?code=50011".parse::<AadstsCode>().is_err());
    /// assert!("99999999999".parse::<AadstsCode>().is_err());
    /// ```
    ///
    /// # The catalog
    ///
    /// ```
    /// use oauth_triage::{classify, Action, TokenError};
    ///
    /// let err = TokenError::from_json(br#"{"error":"invalid_grant","error_codes":[70002,50126]}"#)?;
    /// let c = classify(&err);
    /// let names: Vec<_> = c.codes().iter().map(|code| code.entry().and_then(|e| e.name)).collect();
    /// assert_eq!(names, [Some("InvalidClient"), Some("InvalidUserNameOrPassword")]);
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    ///
    /// The [`catalog`](crate::catalog) module lists every entry; the docs'
    /// search finds a code by its `AADSTS` form.
    #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub struct AadstsCode(pub(crate) u32);
}

impl AadstsCode {
    /// The code with this number.
    ///
    /// ```
    /// use oauth_triage::AadstsCode;
    /// const REPLY_URL_MISMATCH: AadstsCode = AadstsCode::new(50011);
    /// assert_eq!(REPLY_URL_MISMATCH.get(), 50011);
    /// ```
    pub const fn new(number: u32) -> Self {
        Self(number)
    }

    /// The number after `AADSTS`.
    pub const fn get(self) -> u32 {
        self.0
    }

    /// The catalog's entry for this code, found by binary search; `None`
    /// for a code the catalog does not know.
    ///
    /// ```
    /// use oauth_triage::AadstsCode;
    ///
    /// assert_eq!(AadstsCode::new(9002332).entry().map(|e| e.code), Some(AadstsCode::new(9002332)));
    /// assert!(AadstsCode::new(1).entry().is_none());
    /// ```
    pub fn entry(self) -> Option<&'static Entry> {
        let entries = generated::ENTRIES;
        entries
            .binary_search_by_key(&self, |e| e.code)
            .ok()
            .map(|i| &entries[i])
    }

    /// Microsoft's public lookup page for this code, which answers for
    /// codes this catalog does not know too.
    ///
    /// ```
    /// use oauth_triage::AadstsCode;
    ///
    /// assert_eq!(AadstsCode::new(50011).lookup_url(), "https://login.microsoftonline.com/error?code=50011");
    /// ```
    pub fn lookup_url(self) -> String {
        format!("https://login.microsoftonline.com/error?code={}", self.0)
    }
}

impl fmt::Debug for AadstsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AADSTS{}", self.0)
    }
}

impl fmt::Display for AadstsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AADSTS{}", self.0)
    }
}

impl From<AadstsCode> for u32 {
    fn from(code: AadstsCode) -> Self {
        code.0
    }
}

/// Compares with the bare number, as `http::StatusCode` compares with a
/// `u16`: `assert_eq!(c.codes(), &[50011])`.
impl PartialEq<u32> for AadstsCode {
    fn eq(&self, other: &u32) -> bool {
        self.0 == *other
    }
}

impl PartialEq<AadstsCode> for u32 {
    fn eq(&self, other: &AadstsCode) -> bool {
        *self == other.0
    }
}

/// Any number is a code (see [`AadstsCode::new`]).
impl From<u32> for AadstsCode {
    fn from(number: u32) -> Self {
        Self(number)
    }
}

impl serde::Serialize for AadstsCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(self.0)
    }
}

/// Text that is no `AADSTS` code in any form [`AadstsCode`]'s `FromStr`
/// reads. It quotes nothing of the text, which may have come from anyone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not an AADSTS code, a code's symbolic name or a Microsoft error_uri")]
#[non_exhaustive]
pub struct NotACode;

impl FromStr for AadstsCode {
    type Err = NotACode;

    fn from_str(text: &str) -> Result<Self, NotACode> {
        let text = text.trim();
        if let Some(code) = number(text) {
            return Ok(Self(code));
        }
        if let Some(code) = code_from_error_uri(text) {
            return Ok(Self(code));
        }
        by_name(text).next().map(|e| e.code).ok_or(NotACode)
    }
}

/// A code as a person types it: `AADSTS50011`, `aadsts50011`,
/// `AADSTS 50011`, `AADSTS-50011` or `50011`; `None` for anything else and
/// for numbers that cannot be a code.
fn number(text: &str) -> Option<u32> {
    let digits = match text.get(..6) {
        Some(prefix) if prefix.eq_ignore_ascii_case("aadsts") => {
            let rest = &text[6..];
            rest.strip_prefix([' ', '\t', '-']).unwrap_or(rest)
        }
        _ => text,
    };
    if !digits.is_empty() && digits.len() <= 10 && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse().ok()
    } else {
        None
    }
}

/// One catalog entry: what an `AADSTS` code means and what to do about it.
///
/// Its `Display` is the code and the symbolic name.
///
/// # Examples
///
/// ```
/// use oauth_triage::{AadstsCode, Action, Party};
///
/// let entry = AadstsCode::new(700082).entry().ok_or("not in the catalog")?;
/// assert_eq!(entry.to_string(), "AADSTS700082 ExpiredOrRevokedGrantInactiveToken");
/// assert_eq!(entry.party, Party::User);
/// assert_eq!(entry.action, Some(Action::Reauthenticate));
/// println!("{}: {}", entry.summary, entry.remedy);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Entry {
    /// The code.
    pub code: AadstsCode,
    /// Microsoft's symbolic name (such as `InvalidReplyTo`), when it gives one.
    pub name: Option<&'static str>,
    /// Older symbolic names of the code.
    pub aliases: &'static [&'static str],
    /// What kind of problem this is.
    pub category: Category,
    /// Who must act to resolve it.
    pub party: Party,
    /// The action this code implies on its own, when it is unambiguous.
    pub action: Option<Action<'static>>,
    /// Why the override is safe, when there is one. With the
    /// `catalog-text` feature (on by default).
    #[cfg(feature = "catalog-text")]
    pub reason: Option<&'static str>,
    /// What happened, in one or two sentences. With the `catalog-text`
    /// feature (on by default).
    #[cfg(feature = "catalog-text")]
    pub summary: &'static str,
    /// What to do about it, in one or two sentences. With the
    /// `catalog-text` feature (on by default).
    #[cfg(feature = "catalog-text")]
    pub remedy: &'static str,
    /// Extra context, such as where the code is documented. With the
    /// `catalog-text` feature (on by default).
    #[cfg(feature = "catalog-text")]
    pub notes: Option<&'static str>,
    /// Public pages (`https` URLs) where the code was seen or is described,
    /// such as bug reports and Microsoft's docs; empty when none is
    /// recorded. With the `catalog-text` feature (on by default).
    ///
    /// ```
    /// let entry = oauth_triage::AadstsCode::new(54005).entry().unwrap();
    /// assert!(entry.sources.iter().all(|url| url.starts_with("https://")));
    /// ```
    #[cfg(feature = "catalog-text")]
    pub sources: &'static [&'static str],
}

impl fmt::Display for Entry {
    /// `AADSTS50011 InvalidReplyTo`, or just the code when there is no name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)?;
        if let Some(name) = self.name {
            write!(f, " {name}")?;
        }
        Ok(())
    }
}

/// The kind of problem an `AADSTS` code reports.
///
/// # Examples
///
/// ```
/// use oauth_triage::catalog::{self, Category};
///
/// let throttling: Vec<u32> = catalog::entries()
///     .iter()
///     .filter(|e| e.category == Category::Throttling)
///     .map(|e| e.code.get())
///     .collect();
/// assert!(throttling.contains(&50196));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Category {
    /// The request is malformed or uses the protocol wrongly.
    ProtocolRequest,
    /// The application's registration or service principal is misconfigured.
    AppConfig,
    /// Multi-factor authentication or Conditional Access is involved.
    MfaOrCa,
    /// A federated or external identity provider is involved.
    Federation,
    /// Device registration, compliance or device sign-in.
    Device,
    /// The user must interact (sign in, choose an account).
    UserInteraction,
    /// The tenant's configuration or state.
    TenantConfig,
    /// Password change or expiry.
    PasswordChange,
    /// A token, code or grant is invalid or expired.
    TokenInvalidOrExpired,
    /// Anything else.
    Other,
    /// A transient fault inside the service.
    TransientService,
    /// The client's credentials (secret, certificate, assertion).
    CredentialsClient,
    /// Consent is missing or was refused.
    Consent,
    /// The user's credentials (password, passcode, key).
    CredentialsUser,
    /// Throttling or rate limiting.
    Throttling,
}

impl Category {
    /// Every category, in declaration order.
    ///
    /// ```
    /// use oauth_triage::catalog::{self, Category};
    ///
    /// // Every entry belongs to one of them.
    /// let counted: usize = Category::ALL
    ///     .iter()
    ///     .map(|c| catalog::entries().iter().filter(|e| e.category == *c).count())
    ///     .sum();
    /// assert_eq!(counted, catalog::entries().len());
    /// ```
    pub const ALL: &'static [Self] = &[
        Self::ProtocolRequest,
        Self::AppConfig,
        Self::MfaOrCa,
        Self::Federation,
        Self::Device,
        Self::UserInteraction,
        Self::TenantConfig,
        Self::PasswordChange,
        Self::TokenInvalidOrExpired,
        Self::Other,
        Self::TransientService,
        Self::CredentialsClient,
        Self::Consent,
        Self::CredentialsUser,
        Self::Throttling,
    ];

    /// The snake_case name used in `catalog/aadsts.json`; also its `Display`.
    ///
    /// ```
    /// use oauth_triage::AadstsCode;
    ///
    /// let entry = AadstsCode::new(50011).entry().ok_or("not in the catalog")?;
    /// assert_eq!(entry.category.as_str(), "app_config");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ProtocolRequest => "protocol_request",
            Self::AppConfig => "app_config",
            Self::MfaOrCa => "mfa_or_ca",
            Self::Federation => "federation",
            Self::Device => "device",
            Self::UserInteraction => "user_interaction",
            Self::TenantConfig => "tenant_config",
            Self::PasswordChange => "password_change",
            Self::TokenInvalidOrExpired => "token_invalid_or_expired",
            Self::Other => "other",
            Self::TransientService => "transient_service",
            Self::CredentialsClient => "credentials_client",
            Self::Consent => "consent",
            Self::CredentialsUser => "credentials_user",
            Self::Throttling => "throttling",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Every entry, sorted by code.
///
/// ```
/// use oauth_triage::catalog;
///
/// let all = catalog::entries();
/// assert!(all.windows(2).all(|pair| pair[0].code < pair[1].code));
/// // Every action override says why it is safe.
/// assert!(all.iter().filter(|e| e.action.is_some()).all(|e| e.reason.is_some()));
/// ```
pub fn entries() -> &'static [Entry] {
    generated::ENTRIES
}

/// Entries whose symbolic name or alias is `name`, ignoring ASCII case.
/// Microsoft gives a few names to two codes, so there may be more than one.
fn by_name(name: &str) -> impl Iterator<Item = &'static Entry> + '_ {
    // `BY_NAME` is sorted by a hash of the name ignoring case, and
    // `BY_NAME_BUCKETS` says where each value of the hash's top byte starts:
    // the bucket holds at most five names, told apart by the whole hash, then
    // one text comparison rules out a collision.
    let hash = name_hash(name);
    let bucket = (hash >> 56) as usize;
    let range = usize::from(generated::BY_NAME_BUCKETS[bucket])
        ..usize::from(generated::BY_NAME_BUCKETS[bucket + 1]);
    generated::BY_NAME[range]
        .iter()
        .filter(move |&&(h, lower, _)| h == hash && eq_lowercase(lower, name))
        .map(|&(_, _, i)| &generated::ENTRIES[usize::from(i)])
}

/// Whether `name` is `lower`, an ASCII-lowercase name, ignoring ASCII case.
/// (`str::eq_ignore_ascii_case` lowercases both sides, and took most of a
/// lookup's time.)
fn eq_lowercase(lower: &str, name: &str) -> bool {
    lower.len() == name.len()
        && lower
            .bytes()
            .zip(name.bytes())
            .fold(0, |diff, (l, b)| diff | (l ^ b.to_ascii_lowercase()))
            == 0
}

/// Entries that contain every word of `words` (split at white space), in
/// any order, ignoring ASCII case, each word in the name, an alias or the
/// summary (names and aliases only without the `catalog-text` feature).
/// No words at all match every entry.
///
/// ```
/// use oauth_triage::catalog;
///
/// let hits: Vec<u32> = catalog::search("reply").map(|e| e.code.get()).collect();
/// assert!(hits.contains(&50011));
/// // Every word, in any order.
/// let both: Vec<u32> = catalog::search("URI redirect").map(|e| e.code.get()).collect();
/// assert!(both.contains(&50011));
/// assert!(catalog::search("redirect zzzz-no-such-word").next().is_none());
/// ```
pub fn search(words: &str) -> impl Iterator<Item = &'static Entry> + '_ {
    generated::ENTRIES.iter().filter(move |e| {
        words.split_whitespace().all(|word| {
            e.name
                .into_iter()
                .chain(e.aliases.iter().copied())
                .any(|n| contains_ignore_case(n, word))
                || summary_contains(e, word)
        })
    })
}

#[cfg(feature = "catalog-text")]
fn summary_contains(entry: &Entry, needle: &str) -> bool {
    contains_ignore_case(entry.summary, needle)
}

#[cfg(not(feature = "catalog-text"))]
fn summary_contains(_: &Entry, _: &str) -> bool {
    false
}

fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    let needle = needle.as_bytes();
    needle.is_empty()
        || haystack
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}
