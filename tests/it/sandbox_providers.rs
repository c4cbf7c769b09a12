//! Provider catalogue stories over HTTP: search, country filter, pagination, unknown id.

use crate::support::sandbox_client as support;

use coffre::sandbox::SandboxConfig;
use serde_json::Value;
use support::harness;

#[tokio::test]
async fn search_is_accent_insensitive_filters_by_country_and_pages() {
    let h = harness(SandboxConfig::default()).await;
    let token = h.client_token("users_create").await;
    let get = |query: &'static str| {
        h.http
            .get(format!("{}{query}", h.api("/providers")))
            .bearer_auth(&token)
            .send()
    };
    let found: Vec<Value> = get("?q=credit%20agricole")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(found.len() >= 39);
    assert!(found.iter().all(|p| p["name"] == "Crédit Agricole"));
    let german: Vec<Value> = get("?country_code=deu&limit=500")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(german.len() > 50);
    assert!(german.iter().all(|p| p["country_code"] == "DEU"));
    let first: Vec<Value> = get("").await.unwrap().json().await.unwrap();
    assert_eq!(first.len(), 100);
    let fourth: Vec<Value> = get("?page=4").await.unwrap().json().await.unwrap();
    assert!(!fourth.is_empty() && fourth.len() < 100);
    assert_eq!(get("?limit=0").await.unwrap().status(), 400);
    assert_eq!(get("?page=x").await.unwrap().status(), 400);
    let unknown = h.http.get(h.api("/providers/4242")).bearer_auth(&token);
    let unknown = unknown.send().await.unwrap();
    assert_eq!(unknown.status(), 404);
    assert_eq!(unknown.json::<Value>().await.unwrap()["error"], "not_found");
    let anonymous = h.http.get(h.api("/providers")).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
}
