//! `multiple_channels` (both channels of the test bank on one connection, REDIRECT first) and
//! the manage-accounts webview (agreement only), hop by hop over HTTP.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::Value;

use crate::support::widget_session::{WidgetWorld, location, no_redirects, query_of, widget_world};

const CALLBACK: &str = "http://127.0.0.1:9/callback?state=XYZ";

async fn get(w: &WidgetWorld, path_and_query: &str) -> reqwest::Response {
    let url = if path_and_query.starts_with("http") {
        path_and_query.to_owned()
    } else {
        w.h.url(path_and_query)
    };
    no_redirects().get(url).send().await.unwrap()
}

/// The flow page until it goes back to the callback (the callback's query), or until its text
/// contains `wanted` (`None`).
async fn flow_until(
    w: &WidgetWorld,
    session: &str,
    wanted: &str,
) -> Option<HashMap<String, String>> {
    for _ in 0..200 {
        let response = get(w, &format!("/widget/flow?session_id={session}")).await;
        if response.status() == 303 && location(&response).starts_with("http://127.0.0.1:9/") {
            return Some(query_of(&location(&response)));
        }
        if response.status() == 200 && response.text().await.unwrap().contains(wanted) {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the flow never showed {wanted:?} nor went back");
}

#[tokio::test]
async fn multiple_channels_adds_the_redirect_channel_then_offers_the_form_channel_on_the_same_connection()
 {
    let w = widget_world(false, "both@example.fr").await;
    let session = w.session(true).await;
    let start = format!(
        "/widget/add_connection?session_id={session}&provider_id=87&multiple_channels=true&redirect_url={}",
        url::form_urlencoded::byte_serialize(CALLBACK.as_bytes()).collect::<String>()
    );
    get(&w, &start).await;
    let bank_page = location(&get(&w, &format!("/widget/flow?session_id={session}")).await);
    assert!(bank_page.contains("/testbank/authorize"), "{bank_page}");
    let state = query_of(&bank_page)["state"].clone();
    let back_to_widget = location(
        &get(
            &w,
            &format!("/testbank/authorize/decision?state={state}&approve=true"),
        )
        .await,
    );
    get(&w, &back_to_widget).await;
    assert!(
        flow_until(&w, &session, "Ajouter vos autres comptes")
            .await
            .is_none()
    );

    get(
        &w,
        &format!("/widget/flow/next_channel?session_id={session}&channel_definition_id=13400"),
    )
    .await;
    w.post_test_bank_login(&session, "").await;
    let back = flow_until(&w, &session, "never shown").await.unwrap();
    assert_eq!(back["status"], "success");

    let (_, connections) = w.api_get("/connections").await;
    let connections = connections.as_array().unwrap();
    assert_eq!(connections.len(), 1, "{connections:?}");
    assert_eq!(connections[0]["id"], back["connection_id"].as_str());
    let statuses: Vec<&Value> = connections[0]["channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["status"])
        .collect();
    assert!(statuses.iter().all(|s| *s == "SUCCESS"), "{statuses:?}");
}

#[tokio::test]
async fn manage_accounts_stops_sharing_an_unticked_account_and_is_refused_without_agreement() {
    let w = widget_world(false, "manage@example.fr").await;
    let session = w.session(true).await;
    let add = format!(
        "/widget/add_connection?session_id={session}&provider_id=87&channel_definition_id=13400&redirect_url={}",
        url::form_urlencoded::byte_serialize(CALLBACK.as_bytes()).collect::<String>()
    );
    get(&w, &add).await;
    w.post_test_bank_login(&session, "").await;
    let connection_id =
        flow_until(&w, &session, "never shown").await.unwrap()["connection_id"].clone();
    let (_, accounts) = w.api_get("/accounts").await;
    let ids: Vec<String> = accounts
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(ids.len() >= 2, "{accounts}");

    let manage = format!(
        "/widget/manage_accounts?session_id={session}&connection_id={connection_id}&redirect_url={}",
        url::form_urlencoded::byte_serialize(CALLBACK.as_bytes()).collect::<String>()
    );
    get(&w, &manage).await;
    let page = get(&w, &format!("/widget/flow?session_id={session}"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(page.matches("checked").count(), ids.len(), "{page}");
    let keep = format!("account_{}", ids[0]);
    let form = [("session_id", session.as_str()), (keep.as_str(), "on")];
    no_redirects()
        .post(w.h.url("/widget/flow/consent"))
        .form(&form)
        .send()
        .await
        .unwrap();
    let back = flow_until(&w, &session, "never shown").await.unwrap();
    assert_eq!(back["status"], "success");
    let (_, after) = w.api_get("/accounts").await;
    let left: Vec<&str> = after
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(left, [ids[0].as_str()]);

    let without = widget_world(true, "manage-none@example.fr").await;
    let session = without.session(true).await;
    let refused = get(
        &without,
        &format!(
            "/widget/manage_accounts?session_id={session}&connection_id=1&redirect_url={}",
            url::form_urlencoded::byte_serialize(CALLBACK.as_bytes()).collect::<String>()
        ),
    )
    .await;
    assert_eq!(query_of(&location(&refused))["error"], "AGREEMENT_REQUIRED");
}

#[tokio::test]
async fn select_accounts_with_agreement_shares_only_the_ticked_accounts() {
    let w = widget_world(false, "select-some@example.fr").await;
    let session = w.session(true).await;
    let add = format!(
        "/widget/add_connection?session_id={session}&provider_id=87&channel_definition_id=13400&select_accounts=true&redirect_url={}",
        url::form_urlencoded::byte_serialize(CALLBACK.as_bytes()).collect::<String>()
    );
    get(&w, &add).await;
    w.post_test_bank_login(&session, "").await;
    assert!(
        flow_until(&w, &session, "Quels comptes partager")
            .await
            .is_none()
    );
    let (_, listed) = w.api_get("/accounts").await;
    let pending: Vec<String> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(pending.len() >= 2, "{listed}");

    // Ticking nothing is refused on the page; nothing is lost.
    let none = no_redirects()
        .post(w.h.url("/widget/flow/consent"))
        .form(&[("session_id", session.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(none.status(), 422);
    assert!(
        none.text()
            .await
            .unwrap()
            .contains("Cochez au moins un compte")
    );

    let keep = format!("account_{}", pending[1]);
    no_redirects()
        .post(w.h.url("/widget/flow/consent"))
        .form(&[("session_id", session.as_str()), (keep.as_str(), "on")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        flow_until(&w, &session, "never shown").await.unwrap()["status"],
        "success"
    );
    let (_, after) = w.api_get("/accounts").await;
    let shared: Vec<(&str, &str)> = after
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap(), a["status"].as_str().unwrap()))
        .collect();
    assert_eq!(shared, [(pending[1].as_str(), "ACTIVE")]);
}
