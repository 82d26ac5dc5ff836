//! Which endpoint answered: the token endpoint, the authorization endpoint,
//! or a protected resource.

use std::fmt;
use std::str::FromStr;

/// Where the error response came from; the same `error` value can mean
/// different things on different surfaces.
///
/// [`classify`](crate::classify) knows the surface of a [`TokenError`](crate::TokenError)
/// (the token endpoint), an [`AuthorizeError`](crate::AuthorizeError) (a redirect
/// from the authorization endpoint) and [`Challenges`](crate::Challenges) (a
/// protected resource). For a whole [`HttpResponse`](crate::HttpResponse) it
/// infers one (a `Bearer` or `DPoP` challenge means a resource, else the token
/// endpoint) unless the caller declares it with
/// [`HttpResponse::surface`](crate::HttpResponse::surface), which wins: the
/// caller knows which endpoint it called, and a token endpoint that answers a
/// failed client authentication with `401` and `WWW-Authenticate` (as
/// [RFC 6749 §5.2](https://www.rfc-editor.org/rfc/rfc6749#section-5.2) asks)
/// is no resource.
///
/// # Examples
///
/// ```
/// use oauth_triage::{classify, Action, Callback, Challenges, ExpectedCallback, Surface, TokenError};
///
/// // `invalid_token` at a resource: get a new access token. At the token
/// // endpoint, getting one is what just failed; a redirect has no token.
/// let challenge = Challenges::parse(r#"Bearer error="invalid_token""#)?;
/// let body = TokenError::from_json(br#"{"error":"invalid_token"}"#)?;
/// let callback = Callback::from_redirect_uri("https://app.example/cb?error=invalid_token&state=Zx81")?;
/// let verified = callback.check(&ExpectedCallback::state("Zx81"))?;
/// let redirect = verified.error().ok_or("a success")?;
/// let (at_resource, from_body, from_redirect) = (classify(&challenge), classify(&body), classify(redirect));
/// assert_eq!((at_resource.surface(), at_resource.action()), (Surface::Resource, &Action::Renew));
/// assert_eq!((from_body.surface(), from_body.action()), (Surface::Token, &Action::Abort));
/// assert_eq!((from_redirect.surface(), from_redirect.action()), (Surface::Authorize, &Action::Abort));
///
/// // `expired_token`: the access token at a resource; the device code at the token endpoint.
/// let challenge = Challenges::parse(r#"Bearer error="expired_token""#)?;
/// let body = TokenError::from_json(br#"{"error":"expired_token"}"#)?;
/// assert_eq!(classify(&challenge).action(), &Action::Renew);
/// assert_eq!(classify(&body).action(), &Action::Reauthenticate);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Surface {
    /// The token endpoint (also device-code polling, on-behalf-of, client
    /// credentials, token exchange).
    Token,
    /// The authorization endpoint: through the redirect back to the client,
    /// or, declared on an [`HttpResponse`](crate::HttpResponse), answering
    /// directly (an error page, a `400`) instead of redirecting.
    Authorize,
    /// A protected resource (an API): through `WWW-Authenticate`, or,
    /// declared on an [`HttpResponse`](crate::HttpResponse), through a body
    /// alone (some resource servers answer `401 {"error":"invalid_token"}`
    /// without a challenge).
    Resource,
}

impl Surface {
    /// The snake_case name (`token`, `authorize`, `resource`).
    ///
    /// ```
    /// use oauth_triage::{classify, Challenges};
    ///
    /// let challenges = Challenges::parse(r#"Bearer realm="", error="invalid_token""#)?;
    /// let c = classify(&challenges);
    /// assert_eq!(c.surface().as_str(), "resource");
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Token => "token",
            Self::Authorize => "authorize",
            Self::Resource => "resource",
        }
    }
}

impl fmt::Display for Surface {
    /// The snake_case name, as [`Surface::as_str`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Reads the snake_case name (`token`, `authorize`, `resource`), as
/// [`Surface::as_str`] writes it.
///
/// ```
/// use oauth_triage::Surface;
///
/// assert_eq!("token".parse(), Ok(Surface::Token));
/// assert!("Token".parse::<Surface>().is_err());
/// ```
impl FromStr for Surface {
    type Err = UnknownSurface;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "token" => Ok(Self::Token),
            "authorize" => Ok(Self::Authorize),
            "resource" => Ok(Self::Resource),
            _ => Err(UnknownSurface(())),
        }
    }
}

/// The error of [`Surface`]'s `FromStr`: the text is none of `token`,
/// `authorize` and `resource`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown surface: expected `token`, `authorize` or `resource`")]
pub struct UnknownSurface(());
