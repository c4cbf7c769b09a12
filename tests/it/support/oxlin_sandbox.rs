//! Shared by the `oxlin_*` integration tests: an in-process sandbox, a client configured for it
//! over loopback, a freshly created and logged-in user, and a queue poll with a deadline.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use coffre::oxlin::client::Client;
use coffre::oxlin::config::OxlinConfig;
use coffre::oxlin::error::OxlinError;
use coffre::oxlin::secret::secret;
use coffre::oxlin::wire::{AuthorizeUrlRequest, CredentialDefinition, Event};
use coffre::sandbox::{RunningSandbox, SandboxConfig};
use secrecy::SecretString;

/// Every scope a coffre user session asks for.
pub use coffre::oxlin::config::SCOPES;
/// How long a test waits for an awaited event.
pub const DEADLINE: Duration = Duration::from_secs(30);
/// The `redirect_uri` of the REDIRECT tests (never connected to).
pub const CALLBACK: &str = "https://coffre.example/callback";
/// The user's password in every test.
pub const PASSWORD: &str = "correct horse battery";

/// A client configuration pointing at `sandbox` (fast backoff for the fault tests).
pub fn config_for(sandbox: &RunningSandbox, config: &SandboxConfig) -> OxlinConfig {
    let mut oxlin = OxlinConfig::with_hosts(
        &sandbox.base_url,
        &sandbox.api_url(),
        &sandbox.base_url,
        config.client_id.clone(),
        secret(config.client_secret.clone()),
    );
    oxlin.backoff = Duration::from_millis(20);
    oxlin.max_retries = 8;
    oxlin
}

/// The client-credentials session that creates and deletes users.
pub fn admin(oxlin: OxlinConfig) -> Client {
    Client::with_client_credentials(oxlin, "users_create").unwrap()
}

/// Creates a user (again after a lost answer: a conflict means it exists) and logs them in.
pub async fn new_user(oxlin: OxlinConfig, email: &str) -> Client {
    let admin = admin(oxlin.clone());
    let password = secret(PASSWORD);
    for _ in 0..20 {
        match admin.create_user(email, &password).await {
            Ok(_) => break,
            Err(OxlinError::FixField { message, .. }) if message.contains("already exists") => {
                break;
            }
            Err(e) if e.is_transient() => continue,
            Err(e) => panic!("create user: {e}"),
        }
    }
    Client::with_password(oxlin, email, password, SCOPES).unwrap()
}

/// A default sandbox and a new user's session on it.
pub async fn sandbox_and_user(email: &str) -> (RunningSandbox, Client) {
    let config = SandboxConfig::default();
    let sandbox = coffre::sandbox::start(config.clone()).await.unwrap();
    let client = new_user(config_for(&sandbox, &config), email).await;
    (sandbox, client)
}

/// Polls `queue` until an event satisfies `wanted`, with a deadline.
pub async fn wait_for(client: &Client, queue: &str, wanted: impl Fn(&Event) -> bool) -> Event {
    let started = Instant::now();
    loop {
        for event in client.poll(queue).await.unwrap() {
            if wanted(&event) {
                return event;
            }
        }
        assert!(
            started.elapsed() < DEADLINE,
            "no awaited event within {DEADLINE:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Polls `queue` until an event of type `event_type` arrives.
pub async fn wait_for_type(client: &Client, queue: &str, event_type: &str) -> Event {
    wait_for(client, queue, |e| e.event_type.as_str() == event_type).await
}

/// A browser that does not follow redirects, so each hop is seen.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Opens the bank page, clicks approve or deny; answers the query of the `redirect_uri` the
/// bank sends the browser to (without going there).
pub async fn decide(
    sandbox: &RunningSandbox,
    bank_url: &str,
    approve: bool,
) -> HashMap<String, String> {
    let browser = browser();
    let page = browser.get(bank_url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let anchor = if approve {
        "id=\"approve\""
    } else {
        "id=\"deny\""
    };
    let link = html
        .split(anchor)
        .nth(1)
        .and_then(|rest| rest.split("href=\"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no {anchor} link in {html}"))
        .replace("&amp;", "&");
    let back = browser
        .get(format!("{}{link}", sandbox.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(back.status(), 303);
    let location = back.headers()["location"].to_str().unwrap();
    assert!(location.starts_with(CALLBACK), "{location}");
    let url = url::Url::parse(location).unwrap();
    url.query_pairs().into_owned().collect()
}

/// Asks the client for the bank URL of channel 8701 (renewing `connection_id` when given).
pub async fn bank_url(client: &Client, connection_id: Option<&str>) -> String {
    let request = AuthorizeUrlRequest {
        redirect_uri: Some(CALLBACK.into()),
        connection_id: connection_id.map(str::to_owned),
        ..AuthorizeUrlRequest::default()
    };
    client.authorize_url("87", "8701", &request).await.unwrap()
}

/// A connection made through the REDIRECT channel 8701, its accounts listed: (connection id,
/// the queue the bank's callback named).
pub async fn redirect_connection(sandbox: &RunningSandbox, client: &Client) -> (String, String) {
    let back = decide(sandbox, &bank_url(client, None).await, true).await;
    assert_eq!(back["status"], "success");
    wait_for_type(client, &back["queue_id"], "LIST_ACCOUNTS_SUCCESS").await;
    (back["connection_id"].clone(), back["queue_id"].clone())
}

/// The credentials the test bank's EMBEDDED channel 13400 asks for.
pub async fn test_bank_form(client: &Client) -> Vec<CredentialDefinition> {
    let provider = client.provider("87").await.unwrap();
    let channel = provider
        .channel_definitions
        .iter()
        .find(|c| c.id == "13400");
    channel.unwrap().credentials.clone()
}

/// dev / `password` / test-bank `file`, as channel 13400 asks them.
pub fn test_bank_values(password: &str, file: &str) -> BTreeMap<String, SecretString> {
    BTreeMap::from([
        ("300".to_string(), secret("dev")),
        ("301".to_string(), secret(password)),
        ("302".to_string(), secret(file)),
    ])
}

/// Connects the test bank's EMBEDDED channel with dev / dev and test-bank `file`; the id of the
/// new connection.
pub async fn connect_test_bank(client: &Client, file: &str) -> String {
    let form = test_bank_form(client).await;
    client
        .create_connection("87", Some("13400"), &form, &test_bank_values("dev", file))
        .await
        .unwrap()
}
