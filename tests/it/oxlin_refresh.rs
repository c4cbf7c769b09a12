//! A session resumed from a stored refresh token, against the in-process sandbox over loopback
//! HTTP: log in with a password, take the refresh token, start a new client from it and list the
//! accounts; the token rotates, and a used one is refused with "log in again" (a session started
//! from a refresh token has no password to fall back to).

use crate::support::oxlin_sandbox as support;

use coffre::oxlin::client::Client;
use coffre::oxlin::config::OxlinConfig;
use coffre::oxlin::endpoints::AccountFilter;
use coffre::oxlin::error::OxlinError;
use coffre::oxlin::secret::{Expose, same_secret, secret};
use coffre::oxlin::tokens::Grant;
use coffre::sandbox::testbank::seed;
use coffre::sandbox::{RunningSandbox, SandboxConfig, start};
use support::{PASSWORD, admin, config_for};

use coffre::oxlin::config::SCOPES;

/// A sandbox, its client configuration, and a user holding the `default` test bank, logged in
/// with their password.
async fn user_with_accounts(email: &str) -> (RunningSandbox, OxlinConfig, Client) {
    let config = SandboxConfig::default();
    let sandbox = start(config.clone()).await.unwrap();
    let oxlin = config_for(&sandbox, &config);
    let user_id = admin(oxlin.clone())
        .create_user(email, &secret(PASSWORD))
        .await
        .unwrap();
    seed(&sandbox.state, &user_id, "default", &["accounts_read"]).unwrap();
    let client = Client::with_password(oxlin.clone(), email, secret(PASSWORD), SCOPES).unwrap();
    (sandbox, oxlin, client)
}

async fn account_ids(client: &Client) -> Result<Vec<String>, OxlinError> {
    let accounts = client.accounts(&AccountFilter::default()).await?;
    Ok(accounts.into_iter().map(|a| a.id).collect())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_login_then_a_new_client_from_its_refresh_token_lists_the_same_accounts() {
    let (_sandbox, oxlin, by_password) = user_with_accounts("resume@example.com").await;
    assert!(
        by_password.refresh_token().await.is_none(),
        "no token before the first call"
    );
    let expected = account_ids(&by_password).await.unwrap();
    assert!(!expected.is_empty());
    let stored = by_password.refresh_token().await.unwrap();

    let resumed = Client::with_refresh_token(oxlin, stored.clone()).unwrap();
    assert_eq!(account_ids(&resumed).await.unwrap(), expected);
    let rotated = resumed.refresh_token().await.unwrap();
    assert!(
        !same_secret(&rotated, &stored),
        "the refresh token rotates when it is used"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_used_refresh_token_is_refused_with_log_in_again_and_never_shown() {
    let (_sandbox, oxlin, by_password) = user_with_accounts("used@example.com").await;
    account_ids(&by_password).await.unwrap();
    let first = by_password.refresh_token().await.unwrap();
    let resumed = Client::with_refresh_token(oxlin.clone(), first.clone()).unwrap();
    account_ids(&resumed).await.unwrap();

    let replayed = Client::with_refresh_token(oxlin, first.clone()).unwrap();
    let error = account_ids(&replayed).await.unwrap_err();
    assert!(matches!(error, OxlinError::SessionExpired(_)), "{error:?}");
    let text = format!("{error} {error:?} {replayed:?}");
    assert!(text.contains("log in again"), "{text}");
    assert!(!text.contains(first.expose_secret()), "{text}");
    assert!(replayed.refresh_token().await.is_none());
    let grant = Grant::RefreshToken {
        refresh_token: first.clone(),
    };
    assert!(!format!("{grant:?}").contains(first.expose_secret()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resumed_session_whose_token_another_process_used_must_log_in_again() {
    let (_sandbox, oxlin, by_password) = user_with_accounts("raced@example.com").await;
    account_ids(&by_password).await.unwrap();
    let resumed =
        Client::with_refresh_token(oxlin.clone(), by_password.refresh_token().await.unwrap())
            .unwrap();
    account_ids(&resumed).await.unwrap();

    // Another process resumes from the current token: the sandbox then kills `resumed`'s
    // access token, and `resumed`'s refresh token is used, with no password behind it.
    let other = Client::with_refresh_token(oxlin, resumed.refresh_token().await.unwrap()).unwrap();
    account_ids(&other).await.unwrap();
    let error = account_ids(&resumed).await.unwrap_err();
    assert!(matches!(error, OxlinError::SessionExpired(_)), "{error:?}");

    // The password session, whose token was taken first, logs in again with its password.
    assert!(!account_ids(&by_password).await.unwrap().is_empty());
}
