//! Shared by the `oxlin_*` integration tests: an in-process sandbox, a client configured for it
//! over loopback, a freshly created and logged-in user, and a queue poll with a deadline.

#![allow(dead_code)] // each test crate uses part of it

use std::time::{Duration, Instant};

use coffre::oxlin::client::Client;
use coffre::oxlin::config::OxlinConfig;
use coffre::oxlin::error::OxlinError;
use coffre::oxlin::secret::secret;
use coffre::oxlin::wire::Event;
use coffre::sandbox::{RunningSandbox, SandboxConfig};

/// Every scope a coffre user session asks for.
pub const SCOPES: &str = "openid profile profile_edit accounts_manage connections_manage connections_sync transactions_read";
/// How long a test waits for an awaited event.
pub const DEADLINE: Duration = Duration::from_secs(30);
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
