//! What the client expects of a callback ([`ExpectedCallback`]), the
//! `iss` and `state` comparison that checks it, and why it fails ([`CallbackError`]).

use std::fmt;

use crate::log_safe::Redacted;

/// What the client sent with its authorization request, to check the
/// callback against before its error is believed.
///
/// [`Callback::check`](crate::Callback::check) works in the order of the usual callback validation (RFC 9207 §2.4, RFC
/// 6749 §10.12):
///
/// 1. Duplicated parameters were already rejected by the parser: with two
///    `error` or two `state` values there is no telling which one is real.
/// 2. `iss`, when an issuer is configured, compared with the authorization
///    server's issuer identifier by simple string comparison (no
///    normalization: `https://as.example/` is not `https://as.example`).
///    This defends against mix-up attacks when the client talks to more than
///    one server. Whether an absent `iss` passes depends on the server: see
///    below.
/// 3. `state`: it must equal the value the client sent, compared in constant
///    time. A callback with a wrong, missing or unexpected `state` is a
///    forgery (or belongs to another flow), not an OAuth error.
/// 4. Only then is the `error` classified, or the code redeemed.
///
/// Once a callback has passed, delete the `state` kept for it: the same
/// callback replayed would pass again.
///
/// # Examples
///
/// ```
/// use oauth_triage::{Callback, CallbackError, ExpectedCallback};
///
/// let expected = ExpectedCallback::state("k8Qz1").issuer("https://idp.example");
/// let callback = Callback::from_redirect_uri("/cb?error=login_required&state=k8Qz1")?;
/// assert_eq!(callback.check(&expected).map(|_| ()), Err(CallbackError::IssuerMissing));
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
///
/// Every `ExpectedCallback` starts from what the client did with `state`,
/// and the three cases cannot be mixed up: [`ExpectedCallback::state`] (the
/// client sent this value), [`ExpectedCallback::state_absent`] (the client
/// sent none, so a callback carrying one is rejected) and
/// [`ExpectedCallback::state_not_checked`] (the state is checked elsewhere;
/// the verified callback says so).
///
/// # Which issuer check, for which server
///
/// [RFC 9207 §2.4](https://www.rfc-editor.org/rfc/rfc9207#section-2.4):
/// a client must compare an `iss` that is present with the issuer of the
/// server it sent the request to, and reject the response when they differ;
/// it must reject a response **without** `iss` only from a server whose
/// metadata advertises `authorization_response_iss_parameter_supported:
/// true` (RFC 9207 §3; absent means `false`). The MCP authorization
/// specification asks the same of MCP clients from
/// [revision 2026-07-28](https://modelcontextprotocol.io/specification/2026-07-28/basic/authorization)
/// on ([SEP-2468](https://modelcontextprotocol.io/seps/2468-recommend-issuer-claim-for-auth)):
/// validate a present `iss`, require it where it is advertised.
///
/// | the server | its metadata | call |
/// |---|---|---|
/// | advertises the flag | `authorization_response_iss_parameter_supported: true` | [`issuer`](ExpectedCallback::issuer): `iss` required |
/// | does not, or you do not know | no such member, or `false` | [`issuer_if_present`](ExpectedCallback::issuer_if_present): an absent `iss` passes, a present one must match |
/// | whichever: read it from the discovery document | both members | [`issuer_from_metadata`](ExpectedCallback::issuer_from_metadata) picks one of the two |
///
/// What servers publish (their discovery documents, `/.well-known/openid-configuration`):
///
/// - **Microsoft Entra ID**: no flag, in the v2.0 documents of `common`,
///   `organizations` and single tenants, and its redirects carry no `iss`
///   (none of the Entra callbacks in this crate's test fixtures does):
///   `issuer_if_present`, with the tenant's issuer
///   (`https://login.microsoftonline.com/{tenant-id}/v2.0`; the
///   multi-tenant documents give `{tenantid}` as a placeholder). Source:
///   the documents as served, tracked at
///   <https://github.com/panva/wellknown> (`entra-common`,
///   `entra-organizations`).
/// - **Google** (`https://accounts.google.com`): no flag in its discovery
///   document (same source, `google`), although its callbacks have been
///   seen carrying `iss`: `issuer_if_present` checks it when it comes.
/// - **Keycloak** 23 and later: advertises the flag for the realm and sends
///   `iss` ([Keycloak 23 upgrading notes](https://www.keycloak.org/docs/23.0.4/upgrading/#added-iss-parameter-to-oauth-2-0openid-connect-authentication-response),
///   "Added iss parameter to OAuth 2.0/OpenID Connect Authentication
///   Response"): `issuer`. A client with "Exclude Issuer From Authentication
///   Response" set gets no `iss` while the realm still advertises the flag
///   ([keycloak#25419](https://github.com/keycloak/keycloak/issues/25419)),
///   and Keycloak 23.0 left `iss` out of `prompt=none` errors
///   ([keycloak#25584](https://github.com/keycloak/keycloak/issues/25584)):
///   such callbacks fail with [`CallbackError::IssuerMissing`], as RFC 9207
///   says they must.
/// - **node-oidc-provider** (panva/node-oidc-provider, and servers built on
///   it): advertises the flag and sends `iss`: `issuer`.
/// - **Duende IdentityServer** 6.2.1 and later: the flag follows its
///   `EmitIssuerIdentificationResponseParameter` option
///   ([DuendeSoftware/products#1113](https://github.com/DuendeSoftware/products/issues/1113)):
///   `issuer_from_metadata`.
/// - **Okta**, **Auth0** and others: the flag is per deployment, so read
///   it from the tenant's own document: `issuer_from_metadata`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ExpectedCallback<'e> {
    state: StateCheck<'e>,
    issuer: IssuerCheck<'e>,
}

/// What [`ExpectedCallback`] does with `state`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum StateCheck<'e> {
    Equals(&'e str),
    Absent,
    NotChecked,
}

/// What [`ExpectedCallback`] does with `iss`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum IssuerCheck<'e> {
    /// No issuer configured: `iss` is not read.
    None,
    /// RFC 9207 advertised: `iss` must be present and equal.
    Required(&'e str),
    /// Not advertised: an absent `iss` passes, a present one must be equal.
    IfPresent(&'e str),
}

/// What a check compared, for [`VerifiedCallback`](crate::VerifiedCallback).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Checked {
    /// `state` was compared with the value sent.
    pub(crate) state: bool,
    /// `iss` was present and compared with the expected issuer.
    pub(crate) issuer: bool,
}

/// Log-safe: the expected `state` is the client's secret against forgery,
/// so it prints as `[redacted: N bytes]`.
impl fmt::Debug for ExpectedCallback<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("ExpectedCallback");
        match self.state {
            StateCheck::Equals(state) => d.field("state", &Redacted(state.len())),
            StateCheck::Absent => d.field("state", &"absent"),
            StateCheck::NotChecked => d.field("state", &"not checked"),
        };
        match self.issuer {
            IssuerCheck::None => d.field("issuer", &None::<&str>),
            IssuerCheck::Required(issuer) => {
                d.field("issuer", &Some(issuer)).field("iss", &"required")
            }
            IssuerCheck::IfPresent(issuer) => {
                d.field("issuer", &Some(issuer)).field("iss", &"if present")
            }
        };
        d.finish()
    }
}

impl<'e> ExpectedCallback<'e> {
    /// Checks a callback's `state` and `iss` in the documented order: `iss`
    /// first (exact match), then `state` (constant time). Says what was
    /// compared.
    pub(crate) fn verify(
        &self,
        state: Option<&str>,
        iss: Option<&str>,
    ) -> Result<Checked, CallbackError> {
        let issuer_checked = match (self.issuer, iss) {
            (IssuerCheck::None, _) | (IssuerCheck::IfPresent(_), None) => false,
            (IssuerCheck::Required(_), None) => return Err(CallbackError::IssuerMissing),
            // RFC 9207 §2.4: simple string comparison.
            (IssuerCheck::Required(issuer) | IssuerCheck::IfPresent(issuer), Some(iss)) => {
                if iss != issuer {
                    return Err(CallbackError::IssuerMismatch);
                }
                true
            }
        };
        match (self.state, state) {
            (StateCheck::Equals(_), None) => return Err(CallbackError::StateMissing),
            (StateCheck::Equals(sent), Some(got))
                if !constant_time_eq(sent.as_bytes(), got.as_bytes()) =>
            {
                return Err(CallbackError::StateMismatch)
            }
            (StateCheck::Absent, Some(_)) => return Err(CallbackError::UnexpectedState),
            _ => {}
        }
        Ok(Checked {
            state: matches!(self.state, StateCheck::Equals(_)),
            issuer: issuer_checked,
        })
    }

    /// The client sent this `state` value.
    ///
    /// ```
    /// use oauth_triage::{Callback, CallbackError, ExpectedCallback};
    ///
    /// let callback = Callback::from_redirect_uri("/cb?error=login_required&state=k8Qz1")?;
    /// assert!(callback.clone().check(&ExpectedCallback::state("k8Qz1")).is_ok());
    /// assert_eq!(callback.check(&ExpectedCallback::state("Pm3vT")).map(|_| ()), Err(CallbackError::StateMismatch));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn state(state: &'e str) -> Self {
        Self {
            state: StateCheck::Equals(state),
            issuer: IssuerCheck::None,
        }
    }

    /// The client sent no `state`: a callback that carries one is rejected
    /// (it answers some other request). Not to be confused with
    /// [`ExpectedCallback::state_not_checked`].
    ///
    /// Nothing is compared, so nothing here ties the callback to the
    /// client's own request: protection against forged callbacks (CSRF)
    /// then rests on PKCE, whose verifier the forger does not have (RFC
    /// 9700 §2.1), and
    /// [`VerifiedCallback::state_checked`](crate::VerifiedCallback::state_checked)
    /// is `false`.
    ///
    /// ```
    /// use oauth_triage::{Callback, CallbackError, ExpectedCallback};
    ///
    /// let plain = Callback::from_redirect_uri("/cb?error=server_error")?;
    /// assert!(plain.check(&ExpectedCallback::state_absent()).is_ok());
    ///
    /// let foreign = Callback::from_redirect_uri("/cb?error=server_error&state=Zx81")?;
    /// assert_eq!(foreign.check(&ExpectedCallback::state_absent()).map(|_| ()), Err(CallbackError::UnexpectedState));
    ///
    /// let verified = Callback::from_redirect_uri("/cb?code=0.AXoA-c0de")?.check(&ExpectedCallback::state_absent())?;
    /// assert!(!verified.state_checked()); // redeem it with the PKCE verifier
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn state_absent() -> Self {
        Self {
            state: StateCheck::Absent,
            issuer: IssuerCheck::None,
        }
    }

    /// `state` is not checked here, whatever the callback carries: for a
    /// client whose framework checks it elsewhere, or for a person checking
    /// only the issuer. Without a check on `state` nothing stops a forged
    /// callback (RFC 6749 §10.12), so a verified callback says that its
    /// state was not checked ([`VerifiedCallback::state_checked`](crate::VerifiedCallback::state_checked)).
    ///
    /// ```
    /// use oauth_triage::{Callback, ExpectedCallback};
    ///
    /// let issuer = "https://idp.example";
    /// let url = "/cb?error=access_denied&state=Zx81&iss=https%3A%2F%2Fidp.example";
    /// let verified = Callback::from_redirect_uri(url)?.check(&ExpectedCallback::state_not_checked().issuer(issuer))?;
    /// assert!(!verified.state_checked() && verified.issuer_checked());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn state_not_checked() -> Self {
        Self {
            state: StateCheck::NotChecked,
            issuer: IssuerCheck::None,
        }
    }

    /// The authorization server advertises RFC 9207 support
    /// (`authorization_response_iss_parameter_supported: true` in its
    /// metadata) and this is its issuer identifier: `iss` must be present
    /// and equal to it, on successes and errors alike (RFC 9207 §2.4).
    /// Replaces an earlier [`ExpectedCallback::issuer_if_present`]. The
    /// table on [`ExpectedCallback`] says which servers advertise it.
    ///
    /// ```
    /// use oauth_triage::{Callback, CallbackError, ExpectedCallback};
    ///
    /// // Keycloak advertises the flag and sends `iss`.
    /// let issuer = "https://sso.example/realms/staff";
    /// let expected = ExpectedCallback::state("k8Qz1").issuer(issuer);
    /// let sent = Callback::from_redirect_uri("/cb?error=access_denied&state=k8Qz1&iss=https%3A%2F%2Fsso.example%2Frealms%2Fstaff")?;
    /// assert!(sent.check(&expected).is_ok());
    ///
    /// // The answer of another server the client also talks to (a mix-up).
    /// let other = Callback::from_redirect_uri("/cb?error=access_denied&state=k8Qz1&iss=https%3A%2F%2Fidp.example.net")?;
    /// assert_eq!(other.check(&expected).map(|_| ()), Err(CallbackError::IssuerMismatch));
    ///
    /// // No `iss` from a server that promised one.
    /// let bare = Callback::from_redirect_uri("/cb?error=access_denied&state=k8Qz1")?;
    /// assert_eq!(bare.check(&expected).map(|_| ()), Err(CallbackError::IssuerMissing));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    #[must_use]
    pub fn issuer(mut self, issuer: &'e str) -> Self {
        self.issuer = IssuerCheck::Required(issuer);
        self
    }

    /// The authorization server does **not** advertise RFC 9207 support
    /// (no `authorization_response_iss_parameter_supported`, or `false`), or
    /// you cannot tell, and this is its issuer identifier: a callback
    /// without `iss` passes, one with `iss` must carry exactly this issuer,
    /// on successes and errors alike (RFC 9207 §2.4; what MCP's
    /// authorization specification asks from revision 2026-07-28 on).
    /// [`VerifiedCallback::issuer_checked`](crate::VerifiedCallback::issuer_checked)
    /// then says whether an `iss` was there to compare. Replaces an earlier
    /// [`ExpectedCallback::issuer`]. For Microsoft Entra ID, which does not
    /// advertise the flag, this is the one (see the table on
    /// [`ExpectedCallback`]).
    ///
    /// ```
    /// use oauth_triage::{Callback, CallbackError, ExpectedCallback};
    ///
    /// let issuer = "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0";
    /// let expected = ExpectedCallback::state("k8Qz1").issuer_if_present(issuer);
    ///
    /// // Entra's callbacks carry no `iss`: they pass, and say so.
    /// let entra = Callback::from_redirect_uri("https://app.example/cb?code=0.AXoA-c0de&state=k8Qz1&session_state=5f2a")?;
    /// let verified = entra.check(&expected)?;
    /// assert!(verified.state_checked() && !verified.issuer_checked());
    ///
    /// // A present `iss` is still compared: another server's answer fails.
    /// let other = Callback::from_redirect_uri("https://app.example/cb?code=0.AXoA-c0de&state=k8Qz1&iss=https%3A%2F%2Fidp.example.net")?;
    /// assert_eq!(other.check(&expected).map(|_| ()), Err(CallbackError::IssuerMismatch));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn issuer_if_present(mut self, issuer: &'e str) -> Self {
        self.issuer = IssuerCheck::IfPresent(issuer);
        self
    }

    /// The issuer check that the authorization server's metadata (RFC 8414,
    /// or OpenID Connect Discovery) calls for: its `issuer`, and its
    /// `authorization_response_iss_parameter_supported` (`false` when the
    /// member is absent, RFC 9207 §3). `true` is
    /// [`ExpectedCallback::issuer`], `false`
    /// [`ExpectedCallback::issuer_if_present`]; like them, it replaces an
    /// earlier issuer check.
    ///
    /// Take both values from the document of the server the request went
    /// to, fetched over TLS and checked as RFC 8414 §3.3 says (its `issuer`
    /// equal to the one the document's address was built from).
    ///
    /// ```
    /// use oauth_triage::{Callback, CallbackError, ExpectedCallback};
    ///
    /// // From the discovery document, with serde_json or your own types.
    /// let metadata: serde_json::Value = serde_json::from_str(r#"{
    ///     "issuer": "https://sso.example/realms/staff",
    ///     "authorization_endpoint": "https://sso.example/realms/staff/protocol/openid-connect/auth",
    ///     "authorization_response_iss_parameter_supported": true
    /// }"#)?;
    /// let issuer = metadata["issuer"].as_str().ok_or("no issuer")?;
    /// let supported = metadata["authorization_response_iss_parameter_supported"].as_bool().unwrap_or(false);
    /// let expected = ExpectedCallback::state("k8Qz1").issuer_from_metadata(issuer, supported);
    ///
    /// let bare = Callback::from_redirect_uri("/cb?error=login_required&state=k8Qz1")?;
    /// assert_eq!(bare.clone().check(&expected).map(|_| ()), Err(CallbackError::IssuerMissing));
    /// // The same callback from a server that does not advertise the flag passes.
    /// assert!(bare.check(&ExpectedCallback::state("k8Qz1").issuer_from_metadata(issuer, false)).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn issuer_from_metadata(
        self,
        issuer: &'e str,
        authorization_response_iss_parameter_supported: bool,
    ) -> Self {
        if authorization_response_iss_parameter_supported {
            self.issuer(issuer)
        } else {
            self.issuer_if_present(issuer)
        }
    }
}

/// Why a callback failed [`Callback::check`](crate::Callback::check). The message never
/// repeats the values involved.
///
/// # Examples
///
/// ```
/// use oauth_triage::{Callback, CallbackError, ExpectedCallback};
///
/// let callback = Callback::from_redirect_uri("/cb?error=access_denied&state=alice%40contoso.com")?;
/// let Err(failure) = callback.check(&ExpectedCallback::state("k8Qz1")) else {
///     panic!("a forged callback was accepted");
/// };
/// assert_eq!(failure, CallbackError::StateMismatch);
/// assert_eq!(failure.to_string(), "the callback's `state` does not match the value sent");
/// # Ok::<(), oauth_triage::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum CallbackError {
    /// The callback has no `iss`, but [`ExpectedCallback::issuer`] says the
    /// server sends one (it advertises RFC 9207 support).
    #[error("the callback has no `iss`, but the issuer is configured to send one")]
    IssuerMissing,
    /// `iss` is not the expected issuer: the response may come from another
    /// server (mix-up attack).
    #[error("the callback's `iss` is not the expected issuer")]
    IssuerMismatch,
    /// The client sent a `state` but the callback has none.
    #[error("the callback has no `state`, but one was sent")]
    StateMissing,
    /// `state` differs from the value sent: a forged or foreign callback.
    #[error("the callback's `state` does not match the value sent")]
    StateMismatch,
    /// The callback has a `state` although the client sent none.
    #[error("the callback has a `state`, but none was sent")]
    UnexpectedState,
}

impl CallbackError {
    /// A stable snake_case name, such as `state_mismatch`, for metrics and
    /// structured logs.
    ///
    /// ```
    /// use oauth_triage::{Callback, CallbackError, ExpectedCallback};
    ///
    /// let callback = Callback::from_redirect_uri("https://app.example/cb?error=server_error")?;
    /// let outcome = callback.check(&ExpectedCallback::state("k8Qz1")).map(|_| ()).map_err(CallbackError::kind);
    /// assert_eq!(outcome, Err("state_missing"));
    /// # Ok::<(), oauth_triage::ParseError>(())
    /// ```
    pub fn kind(self) -> &'static str {
        match self {
            Self::IssuerMissing => "issuer_missing",
            Self::IssuerMismatch => "issuer_mismatch",
            Self::StateMissing => "state_missing",
            Self::StateMismatch => "state_mismatch",
            Self::UnexpectedState => "unexpected_state",
        }
    }
}

/// Compares without stopping at the first difference, so that the time taken
/// does not tell an attacker how much of a guessed `state` was right. The
/// length is not hidden (`subtle` answers at once when the lengths differ):
/// a `state` is the client's own random value of a fixed length.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.ct_eq(b).into()
}
