//! What providers send beyond the registries: notes on the servers read
//! for this crate, with the reading each value, shape or status rule gets,
//! and its source. The values are variants of
//! [`ErrorName`](crate::ErrorName); the shapes are named by
//! [`ParseError::UnsupportedShape`](crate::ParseError::UnsupportedShape) or
//! read as a [`ResourceError`](crate::ResourceError); the rules that need
//! the server named are on [`classify_with`](crate::classify_with).
//!
//! This page has no code. Every row has a test, data-driven from
//! `tests/fixtures/providers.jsonl`, where each input carries its source.
//!
//! # Token and authorization endpoints
//!
//! | provider | what it sends | reading | source |
//! |---|---|---|---|
//! | Twitch | token endpoint: `{"status":400,"message":"authorization_pending"}` (device flow), `{"status":400,"message":"Invalid refresh token"}` | a `message` that is exactly a known value is that value (`keep_polling`, `slow_down`, ...); any other `message` is the `status-message` shape, never read | [Twitch device code flow](https://dev.twitch.tv/docs/authentication/getting-tokens-oauth/#device-code-grant-flow) |
//! | Strava | `{"message":"Bad Request","errors":[{"resource":"RefreshToken","field":"refresh_token","code":"invalid"}]}` | the `errors-array` shape; the status decides | [Strava authentication](https://developers.strava.com/docs/authentication/) |
//! | Kakao | RFC 6749 bodies plus `error_code` (`KOE320`: code not found; `KOE322`: refresh token expired or unknown) | `error` decides; `error_code` is kept as an extra member and changes nothing, as an unknown AADSTS code does | [Kakao Login errors](https://developers.kakao.com/docs/latest/en/kakaologin/trouble-shooting), [devtalk KOE322](https://devtalk.kakao.com/t/koe322-expired-or-invalid-refresh-token/126899) |
//! | Naver | RFC 6749 values at the token endpoint | as the registry | [Naver Login API](https://developers.naver.com/docs/login/api/api.md) |
//! | LINE | RFC 6749 and OpenID Connect values | as the registry | [LINE Login v2.1](https://developers.line.biz/en/reference/line-login/) |
//! | Reddit | `NO_TEXT` (no `code` sent); a 401 `{"message":"Unauthorized","error":401}` for wrong client credentials | `NO_TEXT` → `fix_request`; the numeric `error` is the `numeric-error` shape (the status decides) | [Reddit OAuth2 wiki](https://github.com/reddit-archive/reddit/wiki/OAuth2), mikf/gallery-dl#4749, n8n-io/n8n#2488 |
//! | Zoho | HTTP 200 or 400 with `invalid_code`, `invalid_client`, `invalid_client_secret`, `invalid_redirect_uri`; `Access Denied` with `"status":"failure"` when refreshed too often | `invalid_code` → `reauthenticate`; `invalid_client_secret` → `fix_credentials`; `Access Denied` → `denied`, `retry` with [`Provider::Zoho`](crate::Provider::Zoho) | [Zoho access tokens](https://www.zoho.com/accounts/protocol/oauth/web-apps/access-token.html), [Zoho refresh](https://www.zoho.com/crm/developer/docs/api/v7/refresh.html), Weble/ZohoBooksApi#84 |
//! | Mastodon | Doorkeeper's RFC values at `/oauth/token`; at the API `{"error":"The access token is invalid"}` (+ `WWW-Authenticate: Bearer ... error="invalid_token"`) | the sentence is the `error-sentence` shape; the challenge decides (`renew`) | [Mastodon Error entity](https://docs.joinmastodon.org/entities/Error/) |
//! | EVE Online | RFC values at `login.eveonline.com/v2/oauth/token`; ESI answers `{"error":"token is expired","sso_status":401}` | `error-sentence`; the status decides | [EVE SSO](https://developers.eveonline.com/docs/services/sso/), [ESI errors](https://developers.eveonline.com/docs/services/esi/best-practices/) |
//! | Spotify | RFC values at the token endpoint; Web API `{"error":{"status":401,"message":...}}` | `ResourceError` ([`Api::Spotify`](crate::Api::Spotify)): 401 → `renew` | [Spotify API calls](https://developer.spotify.com/documentation/web-api/concepts/api-calls) |
//! | Box | RFC values; API `{"type":"error","status":401,"code":"unauthorized",...}` with `WWW-Authenticate: Bearer ... error="invalid_token"` | the challenge decides | [Box errors](https://developer.box.com/guides/api-calls/permissions-and-errors/common-errors/) |
//! | Intuit | RFC values (`invalid_grant` for a refresh token past 100 days); API `{"Fault":{"Error":[{"code":"3200",...}],"type":"AuthenticationFault"}}` | `intuit-fault` shape; the status decides | [Intuit errors](https://developer.intuit.com/app/developer/qbo/docs/develop/troubleshooting/error-codes) |
//! | Xero | RFC values; API problem details with capitalized members (`Title`, `Status`, `Detail`) | `problem-details` (its `Detail` is text, never read) | [Xero OAuth 2.0](https://developer.xero.com/documentation/guides/oauth2/troubleshooting/) |
//! | DocuSign | `consent_required` at the token endpoint for a JWT grant without consent; API `{"errorCode":"USER_AUTHENTICATION_FAILED","message":...}` | `consent`; `ResourceError` ([`Api::DocuSign`](crate::Api::DocuSign)) | [DocuSign JWT](https://developers.docusign.com/platform/auth/jwt/jwt-get-token/), [DocuSign error codes](https://developers.docusign.com/docs/esign-rest-api/esign101/error-codes/) |
//! | Stripe Connect | RFC values (`invalid_grant` for a used code, `invalid_client`, `access_denied` in the redirect) | as the registry | [Stripe Connect OAuth](https://docs.stripe.com/connect/oauth-reference) |
//! | Mollie | RFC values at the token endpoint; API `{"status":401,"title":...,"detail":...}` | `problem-details` | [Mollie errors](https://docs.mollie.com/reference/handling-errors) |
//! | Bitbucket | `unauthorized_client` with HTTP 400 for wrong or missing client credentials | `fix_config` by default; `fix_credentials` with [`Provider::Bitbucket`](crate::Provider::Bitbucket) | harness/harness#1650, p2/OAuth2#96 |
//! | GitLab | Doorkeeper's RFC values; API 401 `{"error":"invalid_token",...}` with a `Bearer` challenge | the challenge decides (`renew`) | [GitLab OAuth](https://docs.gitlab.com/api/oauth2/) |
//! | ZITADEL | RFC values (zitadel/oidc); API gRPC status `{"code":16,"message":...,"details":[...]}` | `ResourceError` ([`Api::Grpc`](crate::Api::Grpc)) | [zitadel/oidc](https://github.com/zitadel/oidc/blob/main/pkg/oidc/error.go) |
//! | authentik | RFC values; API `{"detail":"..."}` (Django REST framework) | `drf-detail` shape | [authentik OAuth2 provider](https://docs.goauthentik.io/docs/add-secure-apps/providers/oauth2/) |
//! | Kanidm | RFC values in its OAuth2 error enum | as the registry | [kanidm](https://github.com/kanidm/kanidm) |
//! | Ory Hydra | fosite's `misconfiguration`, `token_inactive`, `token_signature_mismatch`, `token_claim`, `scope_not_granted` | `fix_config`; the three token values as `invalid_token`; `consent` | [ory/fosite](https://github.com/ory/fosite/blob/master/errors.go) |
//! | PingOne, PingFederate | RFC values; PingOne's API `{"id":...,"code":"INVALID_TOKEN","message":...}` | `code-message` (Platform API codes are strings; not read) | [PingOne errors](https://apidocs.pingidentity.com/pingone/platform/v1/api/#errors) |
//! | Epic, Cerner (SMART on FHIR) | RFC values at the token endpoint (`invalid_client` for a bad client assertion, `"error_description":null`); FHIR APIs answer with an `OperationOutcome` | `ResourceError` ([`Api::Fhir`](crate::Api::Fhir)) by `IssueType` | [SMART App Launch](https://hl7.org/fhir/smart-app-launch/), [FHIR IssueType](https://hl7.org/fhir/valueset-issue-type.html) |
//! | Dex | RFC values | as the registry | [dex](https://github.com/dexidp/dex/blob/master/server/oauth2.go) |
//!
//! # Server libraries
//!
//! | library | value | reading | source |
//! |---|---|---|---|
//! | Authlib | `missing_authorization` (resource, 401) | `renew` at a resource | [authlib errors.py](https://github.com/authlib/authlib/blob/main/authlib/oauth2/rfc6749/errors.py) |
//! | Authlib | `unsupported_token_type` (resource, 401) | `fix_request` at a resource; left to the fallback elsewhere | same |
//! | Django OAuth Toolkit | `device_not_found` (token endpoint, 404) | `abort` | [django-oauth-toolkit](https://github.com/django-oauth/django-oauth-toolkit/blob/master/oauth2_provider/authorization_server/views/base.py) |
//! | OpenIddict | `missing_token` (resource), `insufficient_access` | `renew` at a resource; `denied` | [OpenIddictConstants.cs](https://github.com/openiddict/openiddict-core/blob/dev/src/OpenIddict.Abstractions/OpenIddictConstants.cs) |
//! | oauthlib, Spring Authorization Server, Duende IdentityServer, Keycloak, oidc-provider | nothing on the wire beyond the registry and values already mapped (`token_expired`, `invalid_redirect_uri`, `expired_token` at a resource, `unknown_error`, ...); oauthlib's `missing_token`, `mismatching_state`, `insecure_transport` and Spring Security's `authorization_request_not_found` are raised on the client and never travel | | oauthlib `oauth2/rfc6749/errors.py`; spring-security `OAuth2ErrorCodes`; IdentityModel `OidcConstants`; keycloak `OAuthErrorException`; panva/node-oidc-provider `lib/helpers/errors.js` |
//!
//! # Statuses
//!
//! EVE Online's ESI and X's API v1 answer rate limits with 420; this crate
//! does not read 420 (step 1 knows 408, 429 and 5xx), so such a response
//! falls to its body or the fallback.
