//! Azure managed identity endpoints: which one answered, and the rules of
//! their own that [`classify`](crate::classify) applies to their answers.

use std::fmt;

/// The managed identity endpoint that answered a token request: an Azure
/// virtual machine's Instance Metadata Service, App Service and Functions,
/// an Azure Arc-enabled server, a Service Fabric cluster, or Cloud Shell.
///
/// These endpoints hand out Entra tokens to the identity of the machine or
/// app they run on. Each answers failures in a shape of its own and has
/// retry rules of its own, so that the same status means different things
/// at different endpoints (a 404 from IMDS is a moment's, a 404 from
/// Service Fabric is a configuration's). Declare the endpoint with
/// [`HttpResponse::managed_identity`](crate::HttpResponse::managed_identity)
/// (the `azure` feature's `KeepResponses` does it from the request), and
/// [`classify`](crate::classify) applies its rules at step 1, before the
/// general ones, decided by
/// [`DecidedBy::ManagedIdentity`](crate::DecidedBy::ManagedIdentity).
/// Declaring one also declares the token endpoint
/// ([`Surface::Token`](crate::Surface::Token)).
///
/// The rules, from the Azure documentation of each endpoint:
///
/// | endpoint | answer | action | source |
/// |---|---|---|---|
/// | IMDS | 404 (the endpoint is updating, or a new identity is not there yet), 410 (IMDS is being upgraded: available again within 70 s), 429, every 5xx (501 and 505 too) | `retry`, with the server's delay when it sends one | [How to use managed identities on a VM to get a token: error handling and retry guidance](https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/how-to-use-vm-token#error-handling) |
/// | IMDS | `error` `bad_request_102` (the `Metadata: true` header is missing), `unknown_source` (the request URI is malformed) | `fix_request` | the same page, HTTP response reference |
/// | App Service, Functions | 400 without an OAuth `error` (`{"statusCode":400,"message":...,"correlationId":...}`: the identity asked for is not assigned to the app, or several are and none was named) | `fix_config` | the request's parameters: [Managed identities for App Service and Azure Functions: REST endpoint reference](https://learn.microsoft.com/azure/app-service/overview-managed-identity#rest-endpoint-reference) (a user-assigned identity is named by `client_id`, `principal_id` or `mi_res_id`); the answer's shape: MSAL's `ManagedIdentityErrorResponse` (`message`, `correlationId`) and answers reported to the Azure SDK for .NET ([issue 43691](https://github.com/Azure/azure-sdk-for-net/issues/43691)), where the documentation gives none |
/// | Azure Arc | 401 with `WWW-Authenticate: Basic realm=<path of a key file>` | `renew`: the first half of a handshake (read the key file the realm names, then send the request again with `Authorization: Basic <key>`) | [Authenticate against Azure resources with Azure Arc-enabled servers](https://learn.microsoft.com/azure/azure-arc/servers/managed-identity-authentication) |
/// | Service Fabric | 404 (the authentication code is unknown, or the application has no managed identity) | `fix_config` | [How to use a Service Fabric application's managed identity: error handling](https://learn.microsoft.com/azure/service-fabric/how-to-managed-identity-service-fabric-app-code#error-handling) |
/// | Service Fabric | `{"error":{"code":...}}` with `ManagedIdentityNotFound` | `fix_config` | the same page |
/// | Service Fabric | `SecretHeaderNotFound`, `ArgumentNullOrEmpty`, `InvalidApiVersion` | `fix_request` | the same page |
/// | Cloud Shell | (none of its own: it answers as Entra does, with OAuth JSON) | the general steps | |
///
/// Anything else goes on to the general steps: 408, 429 and transient 5xx
/// are `retry` everywhere, and the body's `error` value decides the rest
/// (IMDS answers `invalid_resource` → `fix_config`, `unauthorized_client` →
/// `fix_config`, `access_denied` → `denied`, `invalid_request` →
/// `fix_request`, as OAuth servers do).
///
/// Where other clients differ:
///
/// - azure_identity (Rust) retries IMDS answers 404, 410, 429 and every 5xx
///   it names (500 to 511, 501 and 505 among them) for up to 72 seconds,
///   and App Service answers on azure_core's general list (408, 429, 500,
///   502, 503, 504).
/// - MSAL .NET retries IMDS answers 404, 408, 410 (for up to 70 seconds),
///   429 and 5xx, and the other managed identity endpoints' 404, 408, 429,
///   500, 503 and 504: a Service Fabric 404, which the Service Fabric
///   documentation calls a setup error, is retried there, and is
///   `fix_config` here.
/// - azure-identity for Python and JavaScript retry IMDS 410 for at least
///   70 seconds, as the IMDS guidance asks; a retry budget that gives up
///   sooner sees the same 410 again.
///
/// The descriptions (`error_description`, App Service's and Service
/// Fabric's `message`) are never read: Service Fabric's documentation warns
/// that they change at any time.
///
/// # Examples
///
/// ```
/// use oauth_triage::{classify, Action, DecidedBy, HttpResponse, ManagedIdentitySource};
///
/// // IMDS is being upgraded: a 410, which the general rules would not retry.
/// let response = HttpResponse::new(410).managed_identity(ManagedIdentitySource::Imds);
/// let c = classify(&response);
/// assert_eq!((c.action(), c.decided_by()), (&Action::Retry { after: None }, DecidedBy::ManagedIdentity));
/// assert_eq!(c.managed_identity(), Some(ManagedIdentitySource::Imds));
///
/// // Service Fabric does not know the application's identity.
/// let body = br#"{"error":{"correlationId":"7f30f4d3-0f3a-41e0-a417-527f21b3848f","code":"ManagedIdentityNotFound","message":"Managed identity not found for the specified application host."}}"#;
/// let response = HttpResponse::new(400)
///     .body(body)
///     .managed_identity(ManagedIdentitySource::ServiceFabric);
/// assert_eq!(classify(&response).action(), &Action::FixConfig);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ManagedIdentitySource {
    /// The Azure Instance Metadata Service of a virtual machine or scale
    /// set (`http://169.254.169.254/metadata/identity/oauth2/token`).
    Imds,
    /// App Service, Azure Functions, Container Apps (`IDENTITY_ENDPOINT`
    /// with the `X-IDENTITY-HEADER` secret).
    AppService,
    /// An Azure Arc-enabled server's local identity endpoint
    /// (`IDENTITY_ENDPOINT`, `http://localhost:40342/metadata/identity/oauth2/token`).
    AzureArc,
    /// A Service Fabric cluster's Managed Identity Token Service
    /// (`IDENTITY_ENDPOINT` with the `secret` header).
    ServiceFabric,
    /// Azure Cloud Shell (`MSI_ENDPOINT`, `http://localhost:50342/oauth2/token`).
    CloudShell,
}

impl ManagedIdentitySource {
    /// The snake_case name: `imds`, `app_service`, `azure_arc`,
    /// `service_fabric`, `cloud_shell`.
    ///
    /// ```
    /// use oauth_triage::ManagedIdentitySource;
    /// assert_eq!(ManagedIdentitySource::AzureArc.as_str(), "azure_arc");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Imds => "imds",
            Self::AppService => "app_service",
            Self::AzureArc => "azure_arc",
            Self::ServiceFabric => "service_fabric",
            Self::CloudShell => "cloud_shell",
        }
    }
}

impl fmt::Display for ManagedIdentitySource {
    /// The snake_case name, as [`ManagedIdentitySource::as_str`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
