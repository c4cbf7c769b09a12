//! The seed documents' curl commands (000, 001, 002, 003), run with the real `curl` binary as
//! printed against the sandbox, with only the host part replaced:
//! `https://sandbox-auth.oxlin.io` / `{anvilUrl}` / `{authUrl}` → the sandbox root,
//! `https://sandbox-api.oxlin.io/v2.1` / `{baseUrl}` / `${api_baseurl}` → `…/v2.1`,
//! `{widgetUrl}` → the sandbox root. We add `-i` (to read status and headers) and a time limit.
//!
//! Docs typos and what we did with them:
//! - S002's client-credentials example glues `-u "${client_id}:${client_secret}"-X POST` into
//!   one word; we put the missing space back.
//! - S002 writes `/v2.1}/`, `/v2.1/v2.1/` and `connectionconnections` in places; those commands
//!   are run with the path corrected to `/v2.1/connections/{id}`.
//! - Multi-line commands whose `\` is missing (S000/S001 `-H … -d …`) are run as one command.
//!
//! - S002 prints `curl -sk GET <url>` / `curl -ski POST <url>`: curl reads the stray word as a
//!   first URL (a host named `GET`/`POST`, looked up in DNS, which these loopback-only tests do
//!   not do) and then sends the real request unchanged; we drop the stray word.
//!
//! This file runs the auth, users, widget, providers, keys and queue commands and S003's last
//! line; `sandbox_curl_embedded.rs` runs the connection, challenge, consent, accounts and
//! transactions commands in their flow, `sandbox_curl_redirect.rs` the `authorize_url` ones.

use crate::support::sandbox_client as support;

use crate::support::curl_run;

use coffre::sandbox::SandboxConfig;
use curl_run::curl;
use support::{CLIENT_ID, CLIENT_SECRET, Harness, harness};

/// A user with a ROPC token, made through the documented commands.
async fn user_token(h: &Harness) -> String {
    h.new_user_token("jane.doe@example.fr").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s002_s003_client_credentials_with_basic_auth() {
    let h = harness(SandboxConfig::default()).await;
    let user = format!("{CLIENT_ID}:{CLIENT_SECRET}");
    let url = h.url("/token");
    let args = ["-s", "-u", &user, "-X", "POST", &url];
    let answer = curl(
        &[
            &args[..],
            &[
                "-d",
                "grant_type=client_credentials",
                "-d",
                "scope=users_create",
            ],
        ]
        .concat(),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let json = answer.json();
    assert_eq!(json["token_type"], "Bearer");
    assert_eq!(json["expires_in"], 3600);
    assert!(json["access_token"].as_str().unwrap().starts_with("eyJ"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s000_s001_s002_user_creation_then_ropc_in_three_spellings() {
    let h = harness(SandboxConfig::default()).await;
    let client = h.client_token("users_create").await;
    // S000/S001: curl -sk -X POST {baseUrl}/users -H 'authorization: Bearer …' -d email= -d password=
    let auth = format!("authorization: Bearer {client}");
    let users = h.api("/users");
    let created = curl(&[
        "-sk",
        "-X",
        "POST",
        &users,
        "-H",
        &auth,
        "-d",
        "email=jane.doe@example.fr",
        "-d",
        "password=s3cret",
    ]);
    assert_eq!(created.status, 201, "{}", created.body);
    assert!(created.location().starts_with("/users/"));
    let token = h.url("/token");
    let id = format!("client_id={CLIENT_ID}");
    let secret = format!("client_secret={CLIENT_SECRET}");
    // S000: -d scope=openid%20profile%20accounts_read
    let s000 = curl(&[
        "-sk",
        "-X",
        "POST",
        &token,
        "-d",
        "grant_type=password",
        "-d",
        "username=jane.doe@example.fr",
        "-d",
        "password=s3cret",
        "-d",
        &id,
        "-d",
        &secret,
        "-d",
        "scope=openid%20profile%20accounts_read",
        "-d",
        "provider=connect",
    ]);
    assert_eq!(s000.status, 200, "{}", s000.body);
    // S001: --header 'Content-Type: application/x-www-form-urlencoded' --data-urlencode …
    let id_u = format!("client_id={CLIENT_ID}");
    let secret_u = format!("client_secret={CLIENT_SECRET}");
    let s001 = curl(&[
        "-sk",
        "-X",
        "POST",
        &token,
        "--header",
        "Content-Type: application/x-www-form-urlencoded",
        "--data-urlencode",
        "grant_type=password",
        "--data-urlencode",
        "username=jane.doe@example.fr",
        "--data-urlencode",
        "password=s3cret",
        "--data-urlencode",
        &id_u,
        "--data-urlencode",
        &secret_u,
        "--data-urlencode",
        "scope=openid profile accounts_read",
        "--data-urlencode",
        "provider=connect",
    ]);
    assert_eq!(s001.status, 200, "{}", s001.body);
    let login = s001.json();
    assert!(login["refresh_token"].is_string());
    assert!(login["id_token"].is_string());
    // S002: refresh example, as printed (Accept + form content type with charset).
    let refresh = format!("refresh_token={}", login["refresh_token"].as_str().unwrap());
    let s002 = curl(&[
        "-s",
        "-X",
        "POST",
        &token,
        "-d",
        &refresh,
        "-d",
        "grant_type=refresh_token",
        "-d",
        "redirect_uri=https://client.example/callback",
        "-d",
        &id,
        "-d",
        &secret,
        "-H",
        "Accept: application/json",
        "-H",
        "Content-Type: application/x-www-form-urlencoded;charset=UTF-8",
    ]);
    assert_eq!(s002.status, 200, "{}", s002.body);
    let json = s002.json();
    for field in [
        "access_token",
        "token_type",
        "expires_in",
        "refresh_token",
        "id_token",
    ] {
        assert!(!json[field].is_null(), "missing {field}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s000_s001_widget_session() {
    let h = harness(SandboxConfig::default()).await;
    let token = user_token(&h).await;
    let url = h.url("/widget/widget_session");
    let id = format!("client_id={CLIENT_ID}");
    let secret = format!("client_secret={CLIENT_SECRET}");
    let access = format!("access_token={token}");
    let answer = curl(&[
        "-sk", "-X", "POST", &url, "-d", &id, "-d", &secret, "-d", &access,
    ]);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(answer.json()["session_id"].is_string());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s002_provider_119_is_hsbc() {
    let h = harness(SandboxConfig::default()).await;
    let token = user_token(&h).await;
    let auth = format!("authorization: Bearer {token}");
    let answer = curl(&["-sk", &h.api("/providers/119"), "-H", &auth]);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let json = answer.json();
    assert_eq!(json["name"], "HSBC");
    assert_eq!(
        json["channel_definitions"][1]["credentials"][2]["id"],
        "3502"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s002_key_is_created_then_read() {
    let h = harness(SandboxConfig::default()).await;
    let token = user_token(&h).await;
    let auth = format!("authorization: Bearer {token}");
    let keys = h.api("/keys");
    let created = curl(&[
        "-X",
        "POST",
        &keys,
        "-H",
        &auth,
        "-d",
        "{\n\"type\": \"PGP\"\n}",
    ]);
    assert_eq!(created.status, 201, "{}", created.body);
    let location = created.location();
    assert!(location.starts_with("/keys/"), "{location}");
    // S002 prints `curl -sk GET <url>`: we drop the stray `GET` word, which curl would read as a
    // second URL (a host named GET).
    let url = h.api(&location);
    let read = curl(&["-sk", &url, "-H", &auth]);
    assert_eq!(read.status, 200, "{}", read.body);
    let json = read.json();
    assert_eq!(json["type"], "PGP");
    assert!(
        json["public_key"]
            .as_str()
            .unwrap()
            .contains("BEGIN PGP PUBLIC KEY BLOCK")
    );
    assert!(json["expiration_date"].is_i64());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s002_queue_subscription() {
    let h = harness(SandboxConfig::default()).await;
    let token = user_token(&h).await;
    let auth = format!("authorization: Bearer {token}");
    let answer = curl(&[
        "-X",
        "POST",
        &h.api("/queues/subscribe"),
        "-H",
        &auth,
        "-d",
        "{\n\"topics\": [\"connections\"]\n}",
    ]);
    assert_eq!(answer.status, 201);
    assert!(answer.location().starts_with("/queues/"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s003_ropc_example_then_its_token_lists_the_accounts() {
    let h = harness(SandboxConfig::default()).await;
    h.create_user("jane.doe@example.fr", "s3cret").await;
    let id = format!("client_id={CLIENT_ID}");
    let secret = format!("client_secret={CLIENT_SECRET}");
    // S002/S003 "ROPC example", argument order as printed.
    let response = curl(&[
        "-sk",
        "-X",
        "POST",
        &h.url("/token"),
        "-d",
        "username=jane.doe@example.fr",
        "-d",
        "password=s3cret",
        "-d",
        "grant_type=password",
        "-d",
        &id,
        "-d",
        &secret,
        "-d",
        "scope=openid%20profile%20accounts_read",
        "-d",
        "provider=connect",
    ]);
    assert_eq!(response.status, 200, "{}", response.body);
    let token = response.json()["access_token"].as_str().unwrap().to_owned();
    // S002/S003: curl -sk ${api_baseurl}/accounts -H "authorization: Bearer $token" | jq .
    let auth = format!("authorization: Bearer {token}");
    let accounts = curl(&["-sk", &h.api("/accounts"), "-H", &auth]);
    assert_eq!(accounts.status, 200, "{}", accounts.body);
    assert_eq!(accounts.json(), serde_json::json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s000_accounts_transactions_and_connection_of_an_unknown_id_are_404() {
    let h = harness(SandboxConfig::default()).await;
    let token = user_token(&h).await;
    let auth = format!("authorization: Bearer {token}");
    for path in ["/connections/1", "/accounts/1", "/transactions/1"] {
        let answer = curl(&["-sk", "-X", "GET", &h.api(path), "-H", &auth]);
        assert_eq!(answer.status, 404, "{path}");
    }
    let list = curl(&["-sk", &h.api("/accounts"), "-H", &auth]);
    assert_eq!(list.status, 200);
    assert!(list.json().is_array());
}
