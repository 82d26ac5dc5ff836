//! Graph and Resource Manager error bodies: `{"error": {"code", "message",
//! "innerError"}}`.

use super::*;

use std::collections::HashSet;

use oauth_triage::ResourceError;
use proptest::collection::vec;
use proptest::option;
use proptest::sample::select;

#[derive(Clone, Debug)]
pub(crate) struct ResourceBody {
    pub(crate) code: (String, Vec<u8>),
    /// `None`: absent; `Some(None)`: `null`.
    pub(crate) message: Option<Option<(String, Vec<u8>)>>,
    /// `innerError` (or `innererror`) members.
    pub(crate) inner: Option<(bool, Vec<(&'static str, String)>)>,
}

#[derive(Debug, PartialEq)]
pub(crate) struct ResourceFields {
    pub(crate) code: String,
    pub(crate) message: Option<String>,
    pub(crate) request_id: Option<String>,
    pub(crate) client_request_id: Option<String>,
    pub(crate) date: Option<String>,
}

impl ResourceFields {
    pub(crate) fn of(err: &ResourceError<'_>) -> Self {
        Self {
            code: err.api_code().to_owned(),
            message: err.message().map(str::to_owned),
            request_id: err.request_id().map(str::to_owned),
            client_request_id: err.client_request_id().map(str::to_owned),
            date: err.date().map(str::to_owned),
        }
    }
}

impl ResourceBody {
    pub(crate) fn message(&self, desc: &Desc) -> Option<Option<(String, Vec<u8>)>> {
        match desc {
            Desc::Keep => self.message.clone(),
            Desc::Remove => None,
            Desc::Replace(text) => Some(Some((text.clone(), Vec::new()))),
        }
    }

    pub(crate) fn render(&self, desc: &Desc) -> Vec<u8> {
        let mut error = vec![format!(
            "\"code\":{}",
            json_literal(&self.code.0, &self.code.1)
        )];
        match self.message(desc) {
            Some(Some((text, styles))) => {
                error.push(format!("\"message\": {}", json_literal(&text, &styles)));
            }
            Some(None) => error.push("\"message\":null".to_owned()),
            None => {}
        }
        if let Some((lower, members)) = &self.inner {
            let members: Vec<String> = members
                .iter()
                .map(|(name, value)| format!("\"{name}\":{}", json_literal(value, &[])))
                .collect();
            let name = if *lower { "innererror" } else { "innerError" };
            error.push(format!("\"{name}\":{{{}}}", members.join(",")));
        }
        format!("{{\"error\": {{{}}}}}", error.join(", ")).into_bytes()
    }

    pub(crate) fn expect(&self, desc: &Desc) -> ResourceFields {
        let inner = |name: &str| {
            self.inner
                .iter()
                .flat_map(|(_, members)| members)
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
                .filter(|v| !v.is_empty())
        };
        ResourceFields {
            code: self.code.0.clone(),
            message: self.message(desc).flatten().map(|(text, _)| text),
            request_id: inner("request-id"),
            client_request_id: inner("client-request-id"),
            date: inner("date"),
        }
    }
}

pub(crate) fn resource_body() -> BoxedStrategy<ResourceBody> {
    let code = prop_oneof![
        3 => select(
            &[
                "InvalidAuthenticationToken",
                "ExpiredAuthenticationToken",
                "InvalidAuthenticationTokenAudience",
                "InvalidAuthenticationTokenTenant",
                "AuthorizationFailed",
                "Authorization_RequestDenied",
                "accessDenied",
                "Request_ResourceNotFound",
            ][..]
        )
        .prop_map(str::to_owned),
        1 => text(1..16),
    ];
    let inner_member = prop_oneof![Just("request-id"), Just("client-request-id"), Just("date")];
    (
        (code, styles()),
        option::of(option::of((description(), styles()))),
        option::of((
            any::<bool>(),
            vec((inner_member, prop_oneof![id(), Just(String::new())]), 0..3),
        )),
    )
        .prop_map(|(code, message, inner)| {
            let inner = inner.map(|(lower, members)| {
                let mut seen = HashSet::new();
                let members: Vec<_> = members
                    .into_iter()
                    .filter(|(n, _)| seen.insert(*n))
                    .collect();
                (lower, members)
            });
            ResourceBody {
                code,
                message,
                inner,
            }
        })
        .boxed()
}
