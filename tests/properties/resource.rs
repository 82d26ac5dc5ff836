//! API error bodies (Graph, Resource Manager): generated bodies parse to
//! their model, alone and inside an `HttpResponse`.

use oauth_triage::{classify, HttpResponse, ResourceError};
use proptest::prelude::*;

use crate::gen::*;

proptest! {
    #![proptest_config(config(256))]

    /// A generated Graph / Resource Manager body parses to its model, alone
    /// and inside an `HttpResponse`.
    #[test]
    fn resource_bodies_parse_to_their_model(body in resource_body(), status in status()) {
        let bytes = body.render(&Desc::Keep);
        let err = parsed(ResourceError::from_json(&bytes), &bytes)?;
        prop_assert_eq!(ResourceFields::of(&err), body.expect(&Desc::Keep));
        let response = HttpResponse::new(status).body(&bytes);
        prop_assert_eq!(response.resource_error(), Some(&err));
        check_classification(&classify(&response))?;
    }
}
