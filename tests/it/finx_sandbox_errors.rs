//! The finX error envelope's shapes over HTTP, and the sandbox's fault injection on a finX
//! path.

use std::str::FromStr;

use coffre::sandbox::{Faults, SandboxConfig};
use serde_json::{Value, json};

use crate::support::finx_sandbox::{finx_harness, finx_harness_with};

#[tokio::test]
async fn a_link_request_with_bad_fields_names_every_field_at_once() {
    let h = finx_harness().await;
    let (status, error) = h
        .create_link(json!({ "language": "klingon", "sync_period": -3, "accounts": "DE89", "account_types": ["Sparschwein"] }))
        .await;
    assert_eq!(status, 400);
    let error = &error["error"];
    assert_eq!(error["code"], 1000);
    assert_eq!(error["group"], "client");
    assert_eq!(
        error["description"],
        "Request body doesn't match input schema."
    );
    let data = error["data"].as_object().unwrap();
    let mut fields: Vec<&str> = data.keys().map(String::as_str).collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "account_types",
            "accounts",
            "language",
            "redirect_uri",
            "sync_period"
        ]
    );
    assert_eq!(
        data["redirect_uri"],
        json!(["Missing data for required field."])
    );
}

#[tokio::test]
async fn a_redirect_uri_that_is_not_a_web_url_is_refused() {
    let h = finx_harness().await;
    for uri in ["not a url", "javascript:alert(1)", "/relative"] {
        let (status, error) = h.create_link(json!({ "redirect_uri": uri })).await;
        assert_eq!(status, 400, "{uri}");
        assert_eq!(
            error["error"]["data"]["redirect_uri"][0],
            "Not a valid URL."
        );
    }
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_400_in_the_envelope() {
    let h = finx_harness().await;
    let response = h
        .http
        .post(h.url("/onetime/access"))
        .basic_auth(
            coffre::sandbox::SANDBOX_FINX_CLIENT_ID,
            Some(coffre::sandbox::SANDBOX_FINX_CLIENT_SECRET),
        )
        .header("content-type", "application/json")
        .body("{\"redirect_uri\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], 1000);
}

#[tokio::test]
async fn unknown_objects_and_paths_are_404_with_code_1002() {
    let h = finx_harness().await;
    let tokens = h.access("demobank").await;
    for path in [
        "/rest/accounts/A1.1",
        "/rest/accounts/A1.1/balance",
        "/rest/accounts/A1.1/transactions",
        "/rest/transactions?accounts=A1.1",
    ] {
        let (status, error) = h.get(path, &tokens.access_token).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(
            error["error"]["description"],
            "The requested object does not exist."
        );
        assert_eq!(error["error"]["code"], 1002);
    }
    let (status, error) = h.get("/rest/securities", &tokens.access_token).await;
    assert_eq!(status, 404);
    assert_eq!(
        error,
        json!({"error": {"code": 1002, "group": "client", "description": "Not Found", "data": {}}})
    );
}

#[tokio::test]
async fn a_bad_query_parameter_is_named_in_data() {
    let h = finx_harness().await;
    let tokens = h.access("demobank").await;
    let (status, error) = h
        .get("/rest/transactions?count=5000", &tokens.access_token)
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        error["error"]["data"]["count"][0],
        "Must be a whole number between 1 and 1000."
    );
    let (status, error) = h
        .get("/rest/transactions?since=T1.1", &tokens.access_token)
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        error["error"]["data"]["since"][0],
        "Unknown transaction id."
    );
    // Unknown parameters are ignored (finx-api.md §9.6).
    let (status, _) = h
        .get(
            "/rest/transactions?filter=purpose:Miete&types=Transfer",
            &tokens.access_token,
        )
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn the_sandboxs_fault_injection_reaches_finx_paths_too() {
    let h = finx_harness_with(SandboxConfig {
        faults: Faults::from_str("errors=1").unwrap(),
        ..SandboxConfig::default()
    })
    .await;
    let (status, _) = h
        .create_link(json!({ "redirect_uri": "http://127.0.0.1:9/cb" }))
        .await;
    assert!(status == 500 || status == 503, "{status}");
    let response = h.http.get(h.url("/rest/accounts")).send().await.unwrap();
    assert!(response.status().is_server_error());
}
