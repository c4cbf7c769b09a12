//! The redirect a flow ends on, and how a page's query overrides the session's defaults.

use super::*;

fn flow(kind: FlowKind, captive: bool) -> Flow {
    let params = Params {
        captive_mode: Some(captive),
        ..Params::default()
    };
    let url = url::Url::parse("http://127.0.0.1:9/callback?state=XYZ").unwrap();
    Flow::new(kind, Lang::Fr, Some(url), params)
}

#[test]
fn redirect_keeps_the_clients_state_and_appends_the_result() {
    let mut flow = flow(FlowKind::AddConnection, false);
    flow.connection_id = Some("10003".into());
    flow.client_queue_id = Some("10004".into());
    let url = flow.return_url(&Outcome::Success).unwrap();
    assert_eq!(
        url.as_str(),
        "http://127.0.0.1:9/callback?state=XYZ&connection_id=10003&status=success&queue_id=10004"
    );
}

#[test]
fn captive_redirect_carries_no_queue_and_a_failure_names_its_status() {
    let mut flow = flow(FlowKind::AddConnection, true);
    flow.connection_id = Some("7".into());
    flow.client_queue_id = Some("8".into());
    let failed = Outcome::Failed {
        status: "AUTH_FAILED".into(),
        message: "refused".into(),
    };
    let url = flow.return_url(&failed).unwrap();
    assert_eq!(
        url.query(),
        Some("state=XYZ&connection_id=7&status=error&error=AUTH_FAILED")
    );
}

#[test]
fn terms_answer_a_result_and_an_expired_status() {
    let flow = flow(FlowKind::Terms, true);
    let url = flow.return_url(&Outcome::Expired).unwrap();
    assert_eq!(url.query(), Some("state=XYZ&result=error&status=expired"));
    let url = flow.return_url(&Outcome::Success).unwrap();
    assert_eq!(url.query(), Some("state=XYZ&result=success"));
}

#[test]
fn query_overrides_the_session_defaults() {
    let defaults = Params {
        provider_id: Some("87".into()),
        captive_mode: Some(false),
        ..Params::default()
    };
    let query = Params {
        captive_mode: Some(true),
        ..Params::default()
    };
    let merged = defaults.overridden_by(&query);
    assert_eq!(merged.provider_id.as_deref(), Some("87"));
    assert!(merged.captive());
    assert_eq!(Lang::from_query(Some("en")), Lang::En);
    assert_eq!(Lang::from_query(None), Lang::Fr);
}

proptest::proptest! {
    /// Whatever `state` the client put in its redirect URL, the redirect gives it back intact,
    /// followed by the result, and nothing else.
    #[test]
    fn any_client_state_comes_back_intact_before_the_result(state in "\\PC{0,40}", id in "[0-9]{1,8}") {
        let mut base = url::Url::parse("http://127.0.0.1:9/callback").unwrap();
        base.query_pairs_mut().append_pair("state", &state);
        let mut flow = Flow::new(FlowKind::AddConnection, Lang::En, Some(base), Params::default());
        flow.connection_id = Some(id.clone());
        let url = flow.return_url(&Outcome::Cancelled).unwrap();
        let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        let expected = vec![
            ("state".to_owned(), state),
            ("connection_id".to_owned(), id),
            ("status".to_owned(), "cancelled".to_owned()),
        ];
        proptest::prop_assert_eq!(pairs, expected);
    }
}
