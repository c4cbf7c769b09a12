//! S002's `authorize_url` commands (REDIRECT channels), run with the real `curl` as printed (host
//! replaced as in `sandbox_curl.rs`), then the sandbox's bank page approved with a plain GET so
//! that the documented redirect to the caller's `redirect_uri` can be checked.
//!
//! What differs from the print, and why (the sandbox's choices are in `src/sandbox/redirect.rs`):
//! - Lines whose `\` is missing (`-H 'authorization: …'`, `-H 'Content-Type: …'`) are run as
//!   one command.
//! - The test-bank example nests `redirect_uri` in `widget_params`: the sandbox reads it there.
//! - The HSBC examples print `curl -ski POST <url>`: curl would first ask DNS for a host named
//!   `POST`; we drop the stray word (the request to the real URL is the same: `-d` makes it a
//!   POST).
//! - Their body has `"client_secret' :`, a mismatched quote: it is not JSON. Run as printed,
//!   the sandbox answers 400 "the body is not valid JSON"; the quote fixed, the same body is
//!   then run.
//! - They post to `…/channel_definitions/100/…` while HSBC's printed channels are `redirect1` and
//!   `embedded1`. Creation (no `channel_definition_id` in the body) gets a 404 that lists
//!   HSBC's channel ids, and succeeds with `redirect1` in the path. Renewal names
//!   `"channel_definition_id" : "redirect1"` in its body: the sandbox takes it and answers 201.
//!   Its `"connection_id" : "123"` is a placeholder, filled with the HSBC connection just made.

use crate::support::sandbox_client as support;

use crate::support::curl_run;

use coffre::sandbox::SandboxConfig;
use curl_run::{Answer, curl};
use support::{CLIENT_ID, CLIENT_SECRET, Harness, harness};

/// S002: the test bank's `authorize_url` body, as printed.
const TEST_BANK_BODY: &str = r#"{
"widget_params": {
"client_id": "{client_id}",
"client_secret": "{client_secret}",
"access_token": "{access_token}",
"provider_id": "87",
"redirect_uri": "https://your.callback.uri"
}
}"#;

/// S002: "Generate the authorize URL for HSBC", the body as printed.
const HSBC_CREATE: &str = r#"{
"redirect_uri" : "https://<api-client-url>",
"widget_params" : {
"access_token" : "<access_token>",
"refresh_token" : "<refresh_token>",
"client_id" : "<client_id>",
"client_secret' : "<client_secret>",
"captive_mode" : false
}
}"#;

/// S002: "Generate the authorize URL for HSBC on existing connection", the body as printed.
const HSBC_RENEW: &str = r#"{
"connection_id" : "123",
"channel_definition_id" : "redirect1",
"redirect_uri" : "https://<api-client-url>",
"widget_params" : {
"access_token" : "<access_token>",
"refresh_token" : "<refresh_token>",
"client_id" : "<client_id>",
"client_secret' : "<client_secret>",
"captive_mode" : false
}
}"#;

struct Caller {
    h: Harness,
    token: String,
    auth: String,
}

impl Caller {
    async fn new() -> Caller {
        let h = harness(SandboxConfig::default()).await;
        let token = h.new_user_token("claire@example.com").await;
        let auth = format!("authorization: Bearer {token}");
        Caller { h, token, auth }
    }

    /// Fills the `{…}` and `<…>` placeholders of a printed body.
    fn fill(&self, body: &str) -> String {
        body.replace("{client_id}", CLIENT_ID)
            .replace("<client_id>", CLIENT_ID)
            .replace("{client_secret}", CLIENT_SECRET)
            .replace("<client_secret>", CLIENT_SECRET)
            .replace("{access_token}", &self.token)
            .replace("<access_token>", &self.token)
            .replace("<refresh_token>", "not-used")
            .replace("https://<api-client-url>", "https://client.example/cb")
    }

    /// The HSBC command: `curl -ski [POST] <url> -H auth -H 'Content-Type: application/json' -d`.
    fn hsbc(&self, channel: &str, body: &str) -> Answer {
        let path = format!("/providers/119/channel_definitions/{channel}/authorize_url");
        let url = self.h.api(&path);
        let content_type = "Content-Type: application/json";
        curl(&[
            "-ski",
            &url,
            "-H",
            &self.auth,
            "-H",
            content_type,
            "-d",
            body,
        ])
    }

    /// Approves at the sandbox's bank page; answers the redirect to the caller.
    fn approve(&self, authorize_location: &str) -> url::Url {
        let bank = url::Url::parse(authorize_location).unwrap();
        let state = bank.query_pairs().find(|(k, _)| k == "state").unwrap().1;
        let decision = self.h.url(&format!(
            "/testbank/authorize/decision?state={state}&approve=true"
        ));
        let answer = curl(&["-s", &decision]);
        assert_eq!(answer.status, 303, "{}", answer.body);
        url::Url::parse(&answer.location()).unwrap()
    }
}

fn query(url: &url::Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s002_test_bank_authorize_url_then_approval_reaches_the_callback() {
    let caller = Caller::new().await;
    let url = caller.h.api("/providers/87/channels/8701/authorize_url");
    let body = caller.fill(TEST_BANK_BODY);
    let answer = curl(&[
        "-skX",
        "POST",
        &url,
        "-H",
        &caller.auth,
        "-H",
        "Content-Type: Application/json",
        "-d",
        &body,
    ]);
    assert_eq!(answer.status, 201, "{}", answer.body);
    let location = answer.location();
    let bank = url::Url::parse(&location).unwrap();
    assert_eq!(bank.path(), "/testbank/authorize");
    assert_eq!(query(&bank, "create").as_deref(), Some("true"));
    assert!(
        query(&bank, "redirect_uri")
            .unwrap()
            .ends_with("/oauth2/aisp")
    );

    let back = caller.approve(&location);
    assert_eq!(back.host_str(), Some("your.callback.uri"));
    assert_eq!(query(&back, "status").as_deref(), Some("success"));
    let connection_id = query(&back, "connection_id").unwrap();
    let shown = curl(&[
        "-sk",
        &caller.h.api(&format!("/connections/{connection_id}")),
        "-H",
        &caller.auth,
    ]);
    assert_eq!(shown.status, 200, "{}", shown.body);
    assert_eq!(shown.json()["provider_id"], "87");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s002_hsbc_authorize_url_as_printed_then_as_intended_creates_and_renews() {
    let caller = Caller::new().await;
    // Creation, as printed: the mismatched quote makes the body invalid JSON.
    let printed = caller.hsbc("100", &caller.fill(HSBC_CREATE));
    assert_eq!(printed.status, 400, "{}", printed.body);
    let error = printed.json()["error_description"].to_string();
    assert!(error.contains("not valid JSON"), "{error}");

    let fixed = caller.fill(&HSBC_CREATE.replace("\"client_secret'", "\"client_secret\""));
    let unknown = caller.hsbc("100", &fixed);
    assert_eq!(unknown.status, 404, "{}", unknown.body);
    let error = unknown.json()["error_description"].to_string();
    assert!(error.contains("redirect1, embedded1"), "{error}");

    let created = caller.hsbc("redirect1", &fixed);
    assert_eq!(created.status, 201, "{}", created.body);
    let back = caller.approve(&created.location());
    assert_eq!(
        back.as_str().split('?').next(),
        Some("https://client.example/cb")
    );
    let connection_id = query(&back, "connection_id").unwrap();

    // Renewal, as printed, then fixed with `connection_id` filled.
    let printed = caller.hsbc("100", &caller.fill(HSBC_RENEW));
    assert_eq!(printed.status, 400, "{}", printed.body);
    let fixed = caller.fill(
        &HSBC_RENEW
            .replace("\"client_secret'", "\"client_secret\"")
            .replace("\"123\"", &format!("\"{connection_id}\"")),
    );
    let renewed = caller.hsbc("100", &fixed);
    assert_eq!(renewed.status, 201, "{}", renewed.body);
    let bank = url::Url::parse(&renewed.location()).unwrap();
    assert_eq!(query(&bank, "create").as_deref(), Some("false"));
    let back = caller.approve(&renewed.location());
    assert_eq!(query(&back, "connection_id"), Some(connection_id));
}
