//! S000/S001/S002's connection, consent, accounts and transactions commands, run with the real
//! `curl` as printed (host replaced as in `sandbox_curl.rs`) in the order a user meets them:
//! key, queue, connection with the test bank, poll, connection status, consents, accounts,
//! transactions; and S002's "Update all credentials for a channel" on an HSBC connection.
//!
//! What differs from the print, and why:
//! - The PGP message of credentials `301`/`3502` is encrypted to the docs' key: replaced by a
//!   password encrypted by the real `gpg` to the key from `GET /keys/{key_id}` (`printed.rs`).
//! - Lines whose `\` is missing (`-H 'authorization: …'` then `-d '…'`) are run as one command.
//! - S002's `PUT …/channels/{channel_id}` sends HSBC's credentials (`3500`–`3502`), so it runs
//!   on an HSBC EMBEDDED connection (`embedded1`); `3502` must match `^.{8,}$`, so its
//!   encrypted value is an 8-character password rather than `dev`.

use crate::support::curl_run;

use crate::support::printed;

use curl_run::curl;
use printed::{DOCS_PGP_MESSAGE, Printed, SANITY_URL};
use serde_json::Value;

/// S002 "Consent for accounts", the body as printed.
const CONSENTS: &str = r#"{
"consents": [
{
"account_id": "{account_id1}",
"consent": true
},
{
"account_id": "{account_id2}",
"consent": false
}
]
}"#;

fn ids(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

/// The channel of `connection` with `channel_definition_id`.
fn channel<'c>(connection: &'c Value, channel_definition_id: &str) -> &'c Value {
    connection["channels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["channel_definition_id"] == channel_definition_id)
        .unwrap_or_else(|| panic!("no channel {channel_definition_id}: {connection}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s002_test_bank_connection_consent_then_accounts_and_transactions() {
    let user = Printed::new().await;
    let mut queue = user.subscribe();
    let created = user.create_connection(SANITY_URL);
    assert_eq!(created.status, 201, "{}", created.body);
    assert!(created.location().starts_with("/connections/"));
    let connection_id = created.location_id();

    let listed = queue.wait_for("LIST_ACCOUNTS_SUCCESS").await;
    assert_eq!(listed["resource"]["id"], connection_id.as_str());
    let pending = ids(&listed["list_accounts_success"]["pending_consent"]);
    assert_eq!(pending.len(), 2, "sanity.txt has two accounts: {listed}");

    // S000/S001 "Retrieve connection".
    let shown = user.get(&format!("/connections/{connection_id}"));
    assert_eq!(shown.status, 200, "{}", shown.body);
    let shown = shown.json();
    assert_eq!(shown["id"], connection_id.as_str());
    assert_eq!(shown["provider_id"], "87");
    let embedded = channel(&shown, "13400");
    assert_eq!(embedded["mode"], "EMBEDDED");
    assert_eq!(embedded["credentials"][0]["masked_value"], "**v");

    // S002 "Consent for accounts": the first synced, the second deleted.
    let body = CONSENTS
        .replace("{account_id1}", &pending[0])
        .replace("{account_id2}", &pending[1]);
    let path = user
        .h
        .api(&format!("/connections/{connection_id}/consents"));
    let consent = curl(&["-X", "PUT", &path, "-H", &user.auth, "-d", &body]);
    assert_eq!(consent.status, 204, "{}", consent.body);
    let synced = queue.wait_for("SYNC_ALL_SUCCESS").await;
    assert_eq!(
        ids(&synced["sync_all_success"]["account_ids"]),
        [pending[0].as_str()]
    );

    // S000/S001 "Get accounts and transactions".
    let account = user.get(&format!("/accounts/{}", pending[0]));
    assert_eq!(account.status, 200, "{}", account.body);
    let account = account.json();
    assert_eq!(account["id"], pending[0].as_str());
    assert_eq!(account["connection_id"], connection_id.as_str());
    assert_eq!(user.get(&format!("/accounts/{}", pending[1])).status, 404);
    // Not printed: the list, to fill `{transaction_id}`.
    let listed = user.get("/transactions").json();
    let transaction_id = listed[0]["id"].as_str().unwrap().to_owned();
    let transaction = user.get(&format!("/transactions/{transaction_id}"));
    assert_eq!(transaction.status, 200, "{}", transaction.body);
    let transaction = transaction.json();
    assert_eq!(transaction["id"], transaction_id.as_str());
    assert_eq!(transaction["account_id"], pending[0].as_str());

    // S002/S003's last line: curl -sk ${api_baseurl}/accounts -H "authorization: Bearer $token".
    let auth = format!("authorization: Bearer {}", user.token);
    let all = curl(&["-sk", &user.h.api("/accounts"), "-H", &auth]);
    assert_eq!(all.status, 200, "{}", all.body);
    let all: Vec<String> = all
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].to_string())
        .collect();
    assert_eq!(all, [format!("\"{}\"", pending[0])]);
}

/// S002 "Update all credentials for a channel", the body as printed.
const UPDATE_CHANNEL: &str = r#"{
"id": "{channel_definition_id}",
"key_id": "{key_id}",
"credentials": [
{ "id": "3500", "value": "0123456" },
{ "id": "3501", "value": "test" },
{ "id": "3502", "value": "-----BEGIN PGP MESSAGE-----\nVersion: BCPG v1.43\n\nhIwDwj9RkuzOAeMBA/9iuYDAGJ6QcZZaGLzF2hLNG+cdCIIZl3Yva9y+q12JpuIz\nhlsOuxdYaIQ/KVsQHj7tMULNkKrbLa6mzL2I/tzzbS1ZXXe43Xwcpk76zOPeqikx\ngjTT4ND0gz2NWu2rNAml9Fau/1MsMTNBWXQpBFHooa9QkamYB9MBux/BQKp0Mckl\nhERvVwT6pbXZu+aomrbksBonZYbFt66DQDq7lv3tpWOJht5m1Q==\n=a6mL\n-----END PGP MESSAGE-----\n" }
]
}"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s002_update_credentials_of_an_hsbc_embedded_channel() {
    let user = Printed::new().await;
    // Not printed: an HSBC EMBEDDED connection to update, made with the same credentials.
    let hsbc = UPDATE_CHANNEL
        .replace(
            "\"id\": \"{channel_definition_id}\",",
            "\"provider_id\": \"119\",",
        )
        .replace("0123456", "jdupont1");
    let body = user.with_key(&hsbc, "old-pass-1");
    let created = curl(&[
        "-X",
        "POST",
        &user.h.api("/connections"),
        "-H",
        &user.auth,
        "-d",
        &body,
    ]);
    assert_eq!(created.status, 201, "{}", created.body);
    let connection_id = created.location_id();
    let before = user.get(&format!("/connections/{connection_id}")).json();
    assert_eq!(
        channel(&before, "embedded1")["credentials"][0]["masked_value"],
        "**t1"
    );

    assert!(UPDATE_CHANNEL.contains(DOCS_PGP_MESSAGE));
    let body = user
        .with_key(UPDATE_CHANNEL, "new-pass-2")
        .replace("{channel_definition_id}", "embedded1");
    let path = user
        .h
        .api(&format!("/connections/{connection_id}/channels/embedded1"));
    let updated = curl(&["-X", "PUT", &path, "-H", &user.auth, "-d", &body]);
    assert_eq!(updated.status, 204, "{}", updated.body);
    let shown = user.get(&format!("/connections/{connection_id}")).json();
    let embedded = channel(&shown, "embedded1");
    assert_eq!(embedded["credentials"][0]["id"], "3500");
    assert_eq!(embedded["credentials"][0]["masked_value"], "**56");
}
