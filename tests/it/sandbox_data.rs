//! The sandbox's accounts and transactions over loopback HTTP, seeded straight from test-bank
//! files (the connection flow is tested elsewhere): filters, paging, scopes, other users' ids,
//! bad parameters, updates and deletes, and what a second sync changes.

use coffre::sandbox::testbank::{Seeded, seed};
use coffre::sandbox::{RunningSandbox, SandboxConfig, start};
use reqwest::StatusCode;
use serde_json::Value;

#[path = "sandbox_data/accounts.rs"]
mod accounts;
#[path = "sandbox_data/transactions.rs"]
mod transactions;

const READ: &[&str] = &["accounts_read", "transactions_read"];
const MANAGE: &[&str] = &["accounts_read", "transactions_read", "accounts_manage"];

pub async fn sandbox() -> RunningSandbox {
    let _ = rustls::crypto::ring::default_provider().install_default();
    match start(SandboxConfig::default()).await {
        Ok(sandbox) => sandbox,
        Err(e) => panic!("cannot start the sandbox: {e}"),
    }
}

pub fn seeded(sandbox: &RunningSandbox, user: &str, file: &str, scopes: &[&str]) -> Seeded {
    seed(&sandbox.state, user, file, scopes).unwrap_or_else(|e| panic!("{e}"))
}

/// GET `path` (relative to `/v2.1`) with `token`: the status and the JSON body.
pub async fn get(sandbox: &RunningSandbox, token: &str, path: &str) -> (StatusCode, Value) {
    let answer = reqwest::Client::new()
        .get(format!("{}{path}", sandbox.api_url()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {path}: {e}"));
    let status = answer.status();
    (status, answer.json().await.unwrap_or(Value::Null))
}

pub fn array(body: &Value) -> &Vec<Value> {
    body.as_array()
        .unwrap_or_else(|| panic!("not an array: {body}"))
}

pub fn ids(body: &Value) -> Vec<String> {
    array(body)
        .iter()
        .map(|v| v["id"].as_str().unwrap_or_default().to_owned())
        .collect()
}
