//! What a caller knows that a response does not say: which server answered
//! ([`Provider`]) and its own reactions to some `error` values or AADSTS
//! codes ([`Rules`]), for [`classify_with`](crate::classify_with).

use std::borrow::Cow;
use std::fmt;

use crate::action::Action;
use crate::catalog::AadstsCode;
use crate::error_code::ErrorName;
use crate::log_safe::{is_symbol, shown_if};

/// The server a response came from, when the caller knows it.
///
/// Most values mean the same at every server, and [`classify`](crate::classify())
/// maps them without a hint. A few mean different things at different
/// servers, and neither the surface nor the status tells them apart (for
/// `unauthorized_client` on a 401, Keycloak means a wrong client secret and
/// Google a missing domain-wide delegation). Named through a [`Rules`],
/// the provider settles those; [`classify_with`](crate::classify_with)
/// lists the rules.
///
/// [`Provider::Custom`] names any other server: it changes no decision, and
/// lets a caller's logs and metrics say which server answered.
///
/// # Examples
///
/// ```
/// use oauth_triage::{classify, classify_with, Action, HttpResponse, Rules, Provider};
///
/// let response = HttpResponse::new(401).body(br#"{"error":"unauthorized_client","error_description":"Invalid client or Invalid client credentials"}"#);
/// assert_eq!(classify(&response).action(), &Action::FixConfig);
///
/// let keycloak = Rules::new().provider(Provider::Keycloak);
/// assert_eq!(classify_with(&response, &keycloak).action(), &Action::FixCredentials);
///
/// // Names from configuration files, in any case; a name it does not know
/// // (a typo, your own server) is a custom name, which changes no decision.
/// assert_eq!(Provider::from("KeyCloak"), Provider::Keycloak);
/// assert!(matches!(Provider::from("keycloack"), Provider::Custom(_)));
/// assert_eq!(Provider::from("our-sso").as_str(), "our-sso");
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Provider<'a> {
    /// Microsoft Entra ID (work and school accounts).
    Entra,
    /// Microsoft personal accounts (`login.live.com`, the `consumers` tenant).
    MicrosoftAccount,
    /// Azure AD B2C.
    AzureAdB2c,
    /// Google (`accounts.google.com`, `oauth2.googleapis.com`).
    Google,
    /// GitHub (OAuth apps and GitHub Apps).
    GitHub,
    /// Okta.
    Okta,
    /// Auth0.
    Auth0,
    /// Keycloak.
    Keycloak,
    /// Amazon Cognito user pools.
    Cognito,
    /// Sign in with Apple.
    Apple,
    /// Salesforce.
    Salesforce,
    /// Slack.
    Slack,
    /// Spring Authorization Server and the legacy Spring Security OAuth.
    Spring,
    /// Duende IdentityServer (and IdentityServer4).
    Duende,
    /// ForgeRock AM, PingAM, OpenAM.
    ForgeRock,
    /// PingFederate.
    PingFederate,
    /// node-oidc-provider (panva) and servers built on it.
    NodeOidcProvider,
    /// Discord.
    Discord,
    /// X (Twitter).
    X,
    /// LinkedIn.
    LinkedIn,
    /// Dropbox.
    Dropbox,
    /// Zoom.
    Zoom,
    /// Atlassian.
    Atlassian,
    /// Yahoo.
    Yahoo,
    /// Login with Amazon.
    Amazon,
    /// Meta (Facebook).
    Meta,
    /// FusionAuth.
    FusionAuth,
    /// Ory Hydra (and servers built on fosite).
    OryHydra,
    /// Gluu Server and the Janssen Project.
    Janssen,
    /// Shopify.
    Shopify,
    /// PayPal.
    PayPal,
    /// Twitch.
    Twitch,
    /// Fitbit.
    Fitbit,
    /// Strava.
    Strava,
    /// Xero.
    Xero,
    /// Zoho (Zoho Accounts).
    Zoho,
    /// Bitbucket Cloud.
    Bitbucket,
    /// Reddit.
    Reddit,
    /// Kakao.
    Kakao,
    /// Naver.
    Naver,
    /// LINE Login.
    Line,
    /// Mastodon (and other Doorkeeper servers' APIs).
    Mastodon,
    /// EVE Online SSO and ESI.
    EveOnline,
    /// Spotify.
    Spotify,
    /// Box.
    Box,
    /// Intuit (QuickBooks Online).
    Intuit,
    /// DocuSign.
    DocuSign,
    /// Stripe Connect.
    Stripe,
    /// Mollie.
    Mollie,
    /// GitLab.
    GitLab,
    /// ZITADEL.
    Zitadel,
    /// authentik.
    Authentik,
    /// Kanidm.
    Kanidm,
    /// PingOne.
    PingOne,
    /// Epic (SMART on FHIR).
    Epic,
    /// Oracle Health / Cerner (SMART on FHIR).
    Cerner,
    /// Dex.
    Dex,
    /// OpenIddict.
    OpenIddict,
    /// Authlib's server side.
    Authlib,
    /// Any other server, by the caller's name for it: no built-in rule
    /// applies.
    Custom(Cow<'a, str>),
}

macro_rules! providers {
    ($($variant:ident = $name:literal,)*) => {
        impl<'a> Provider<'a> {
            /// Every named provider (not [`Provider::Custom`]).
            ///
            /// ```
            /// use oauth_triage::Provider;
            /// assert!(Provider::KNOWN.contains(&Provider::GitHub));
            /// ```
            pub const KNOWN: &'static [Provider<'static>] = &[$(Provider::$variant,)*];

            /// The lowercase name (`github`, `keycloak`, ...); a custom
            /// provider's name as given.
            ///
            /// ```
            /// use oauth_triage::Provider;
            /// assert_eq!(Provider::NodeOidcProvider.as_str(), "node-oidc-provider");
            /// ```
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $name,)*
                    Self::Custom(name) => name,
                }
            }

            /// The named provider of this name, ignoring ASCII case; `None`
            /// for any other name (where `From<&str>` gives
            /// [`Provider::Custom`]): for configuration, where a typo
            /// should be an error rather than a provider without rules.
            pub(crate) fn known(name: &str) -> Option<Provider<'static>> {
                $(if name.eq_ignore_ascii_case($name) {
                    return Some(Provider::$variant);
                })*
                None
            }

            /// The provider of this name, ignoring ASCII case; any other
            /// name is [`Provider::Custom`]. `From<&str>` does the same.
            fn named(name: Cow<'a, str>) -> Self {
                Provider::known(&name).unwrap_or(Self::Custom(name))
            }

            /// Copies a custom name so the value no longer borrows it.
            pub(crate) fn into_owned(self) -> Provider<'static> {
                match self {
                    $(Self::$variant => Provider::$variant,)*
                    Self::Custom(name) => Provider::Custom(Cow::Owned(name.into_owned())),
                }
            }

            fn variant_name(&self) -> &'static str {
                match self {
                    $(Self::$variant => stringify!($variant),)*
                    Self::Custom(_) => "Custom",
                }
            }
        }
    };
}

providers! {
    Entra = "entra",
    MicrosoftAccount = "microsoft-account",
    AzureAdB2c = "azure-ad-b2c",
    Google = "google",
    GitHub = "github",
    Okta = "okta",
    Auth0 = "auth0",
    Keycloak = "keycloak",
    Cognito = "cognito",
    Apple = "apple",
    Salesforce = "salesforce",
    Slack = "slack",
    Spring = "spring",
    Duende = "duende",
    ForgeRock = "forgerock",
    PingFederate = "pingfederate",
    NodeOidcProvider = "node-oidc-provider",
    Discord = "discord",
    X = "x",
    LinkedIn = "linkedin",
    Dropbox = "dropbox",
    Zoom = "zoom",
    Atlassian = "atlassian",
    Yahoo = "yahoo",
    Amazon = "amazon",
    Meta = "meta",
    FusionAuth = "fusionauth",
    OryHydra = "ory-hydra",
    Janssen = "janssen",
    Shopify = "shopify",
    PayPal = "paypal",
    Twitch = "twitch",
    Fitbit = "fitbit",
    Strava = "strava",
    Xero = "xero",
    Zoho = "zoho",
    Bitbucket = "bitbucket",
    Reddit = "reddit",
    Kakao = "kakao",
    Naver = "naver",
    Line = "line",
    Mastodon = "mastodon",
    EveOnline = "eve-online",
    Spotify = "spotify",
    Box = "box",
    Intuit = "intuit",
    DocuSign = "docusign",
    Stripe = "stripe",
    Mollie = "mollie",
    GitLab = "gitlab",
    Zitadel = "zitadel",
    Authentik = "authentik",
    Kanidm = "kanidm",
    PingOne = "pingone",
    Epic = "epic",
    Cerner = "cerner",
    Dex = "dex",
    OpenIddict = "openiddict",
    Authlib = "authlib",
}

impl<'a> From<&'a str> for Provider<'a> {
    fn from(name: &'a str) -> Self {
        Self::named(Cow::Borrowed(name))
    }
}

impl From<String> for Provider<'static> {
    fn from(name: String) -> Self {
        Provider::named(Cow::Owned(name))
    }
}

impl fmt::Display for Provider<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A custom name prints when it is a plain symbol, else its length.
impl fmt::Debug for Provider<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Custom(name) => f
                .debug_tuple("Custom")
                .field(&shown_if(name, is_symbol(name)))
                .finish(),
            known => f.write_str(known.variant_name()),
        }
    }
}

/// A caller's policy for [`classify_with`](crate::classify_with): the
/// [`Provider`] that answered, and the caller's own reactions to `error`
/// values and AADSTS codes.
///
/// An override applies at the step where the built-in ones do, before
/// them: a code override at step 7 (the catalog), an `error` override at
/// step 8. Steps 1 to 6 (status, polling, DPoP, suberror, claims) come
/// first as always, so an override never turns a 503 into a stop or hides
/// a step-up's claims. [`Classification::decided_by`](crate::Classification::decided_by)
/// says when an override or a provider rule decided
/// ([`DecidedBy::RulesCode`](crate::DecidedBy::RulesCode),
/// [`DecidedBy::RulesError`](crate::DecidedBy::RulesError),
/// [`DecidedBy::Provider`](crate::DecidedBy::Provider)). The same value or
/// code given twice keeps the last action given.
///
/// Without a provider and without overrides, `classify_with` decides as
/// [`classify`](crate::classify()) does.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use oauth_triage::{classify_with, Action, DecidedBy, Rules, TokenError};
///
/// // This tenant's admins want a blocked tenant reported as a denial, and
/// // a throttled sign-in retried no sooner than two minutes later.
/// let policy = Rules::new()
///     .error("tenant_blocked", Action::Denied)
///     .code(50196, Action::Retry { after: Some(Duration::from_secs(120)) });
///
/// let err = TokenError::from_json(br#"{"error":"tenant_blocked"}"#)?;
/// let c = classify_with(&err, &policy);
/// assert_eq!((c.action(), c.decided_by()), (&Action::Denied, DecidedBy::RulesError));
///
/// let err = TokenError::from_json(br#"{"error":"invalid_request","error_codes":[50196]}"#)?;
/// let c = classify_with(&err, &policy);
/// assert_eq!(c.decided_by(), DecidedBy::RulesCode(50196.into()));
/// assert_eq!(c.retry_after(), Some(Duration::from_secs(120)));
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rules<'p> {
    provider: Option<Provider<'p>>,
    errors: Vec<(Cow<'p, str>, Action<'static>)>,
    codes: Vec<(AadstsCode, Action<'static>)>,
}

impl<'p> Rules<'p> {
    /// No provider, no overrides: [`classify`](crate::classify())'s decisions.
    pub const DEFAULT: Rules<'static> = Rules {
        provider: None,
        errors: Vec::new(),
        codes: Vec::new(),
    };

    /// No provider, no overrides, as [`Rules::DEFAULT`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Names the server that answers, so that its own meanings of shared
    /// values apply (see [`classify_with`](crate::classify_with)).
    ///
    /// ```
    /// use oauth_triage::{classify, classify_with, Action, HttpResponse, Provider, Rules};
    ///
    /// // Keycloak answers a wrong client secret with `unauthorized_client` and 401.
    /// let response = HttpResponse::new(401).body(br#"{"error":"unauthorized_client"}"#);
    /// let keycloak = Rules::new().provider(Provider::Keycloak);
    /// assert_eq!(classify_with(&response, &keycloak).action(), &Action::FixCredentials);
    /// assert_eq!(classify(&response).action(), &Action::FixConfig);
    /// ```
    #[must_use]
    pub fn provider(mut self, provider: Provider<'p>) -> Self {
        self.provider = Some(provider);
        self
    }

    /// Reacts to this `error` value (matched exactly, as servers send it)
    /// with `action`, at step 8 before the built-in mapping and the
    /// provider's rules.
    #[must_use]
    pub fn error(mut self, value: impl Into<Cow<'p, str>>, action: Action<'static>) -> Self {
        let value = value.into();
        self.errors.retain(|(known, _)| *known != value);
        self.errors.push((value, action));
        self
    }

    /// Reacts to this AADSTS code with `action`, at step 7 before the
    /// catalog's overrides. A `retry` waits at least the given delay and at
    /// least what `Retry-After` asks.
    #[must_use]
    pub fn code(mut self, code: impl Into<AadstsCode>, action: Action<'static>) -> Self {
        let code = code.into();
        self.codes.retain(|(known, _)| *known != code);
        self.codes.push((code, action));
        self
    }

    /// The provider named, if any.
    pub(crate) fn named_provider(&self) -> Option<&Provider<'p>> {
        self.provider.as_ref()
    }

    /// The caller's action for this `error` value, if it set one.
    #[inline]
    pub(crate) fn error_action(&self, error: &ErrorName<'_>) -> Option<&Action<'static>> {
        if self.errors.is_empty() {
            return None;
        }
        let value = error.as_str();
        self.errors
            .iter()
            .find(|(known, _)| *known == value)
            .map(|(_, action)| action)
    }

    /// The caller's action for this AADSTS code, if it set one.
    #[inline]
    pub(crate) fn code_action(&self, code: AadstsCode) -> Option<&Action<'static>> {
        if self.codes.is_empty() {
            return None;
        }
        self.codes
            .iter()
            .find(|(known, _)| *known == code)
            .map(|(_, action)| action)
    }

    /// Copies borrowed text so the policy no longer borrows it.
    pub fn into_owned(self) -> Rules<'static> {
        Rules {
            provider: self.provider.map(Provider::into_owned),
            errors: self
                .errors
                .into_iter()
                .map(|(value, action)| (Cow::Owned(value.into_owned()), action))
                .collect(),
            codes: self.codes,
        }
    }
}
