//! The oauth2 seam: `KeepResponses` hands back an error response whole, as
//! `classify` reads it, and lets through only what it calls a success.

use ::oauth2::{RequestTokenError, SyncHttpClient};
use oauth_triage::oauth2::KeepResponses;
use oauth_triage::{classify, Action, TokenError};
use proptest::prelude::*;

use crate::gen::*;

/// What a `KeepResponses` client hands back for the rendered response.
fn through_keep_responses(
    rendered: &RenderedHttp,
) -> Option<Result<(), Error<TokenError<'static>>>> {
    let headers = header_map(rendered)?;
    let status = http::StatusCode::from_u16(rendered.status).ok()?;
    let body = rendered.body.clone();
    let client = KeepResponses::new(move |_request: ::oauth2::HttpRequest| {
        let mut response = http::Response::new(body.clone());
        *response.status_mut() = status;
        *response.headers_mut() = headers.clone();
        Ok::<_, std::io::Error>(response)
    });
    let request = http::Request::new(Vec::new());
    Some(
        client
            .call(request)
            .map(|_| ())
            .map_err(RequestTokenError::Request),
    )
}

proptest! {
    #![proptest_config(config(128))]

    /// Whole responses through `KeepResponses`: an error response comes
    /// back whole and classifies as the `HttpResponse` of the same
    /// parts; a response let through is a success; and the description
    /// never decides.
    #[test]
    fn keep_responses_keeps_what_classify_reads(http in http_gen(), variants in desc_variants()) {
        // The wrapper cannot know the scheme the request used.
        let http = HttpGen { used_scheme: None, ..http };
        let rendered = http.render(&Desc::Keep);
        let Some(answer) = through_keep_responses(&rendered) else { return Ok(()) };
        let direct = classify(rendered.response());
        let baseline = match &answer {
            Err(err) => {
                let c = classify(err);
                prop_assert_eq!(&c, &direct);
                c
            }
            Ok(()) => {
                prop_assert_eq!(direct.action(), &Action::Success);
                direct
            }
        };
        for desc in &variants {
            let rendered = http.render(desc);
            let Some(answer) = through_keep_responses(&rendered) else { continue };
            let edited = match &answer {
                Err(err) => outcome(&classify(err)),
                Ok(()) => outcome(&classify(rendered.response())),
            };
            prop_assert_eq!(edited, outcome(&baseline), "{:?}", desc);
        }
    }
}
