//! Widget mode end to end against a sandbox without a PSD2 agreement: `coffre connect oxlin
//! --no-browser` finished by pasting the addresses the (text) browser ended on, the terms first;
//! and the terms' 401 classified once, without a refresh loop. The TUI's runner is tested in
//! `widget_connect_runner`.

use std::process::Stdio;
use std::time::{Duration, Instant};

use coffre::domain::CallFailure;
use coffre::oxlin::client::Client;
use coffre::oxlin::error::OxlinError;
use coffre::sandbox::SandboxConfig;
use coffre::store::Store;
use secrecy::{ExposeSecret, SecretString};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

use crate::support::oxlin_sandbox::{DEADLINE, config_for};
use crate::support::sync_bank::{Bank, PASSWORD, bank_on};
use crate::widget_connect_browser::go_through;

pub async fn bank_without_agreement(email: &str) -> Bank {
    let config = SandboxConfig {
        without_agreement: true,
        ..SandboxConfig::default()
    };
    bank_on(config, email, &[]).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connect_oxlin_no_browser_finishes_from_the_pasted_addresses_terms_first() {
    let bank = bank_without_agreement("paste@example.com").await;
    let dir = bank.dir.path();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_coffre"))
        .args(["--config"])
        .arg(dir.join("config.toml"))
        .args(["connect", "oxlin", "--no-browser", "--data-dir"])
        .arg(dir.join("data"))
        .env("COFFRE_OXLIN_PASSWORD", PASSWORD)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut stderr = child.stderr.take().unwrap();
    let errors = tokio::spawn(async move {
        let mut text = String::new();
        stderr.read_to_string(&mut text).await.unwrap();
        text
    });
    let mut next_line = async || {
        tokio::time::timeout(DEADLINE, stdout.next_line())
            .await
            .expect("coffre connect printed nothing")
            .unwrap()
            .expect("coffre connect ended early")
    };

    // The terms first: the page's address, gone through; the end address pasted.
    let terms = next_line().await;
    assert!(terms.contains("/widget/terms?"), "{terms}");
    let ended_on = go_through(&terms).await;
    assert!(ended_on.contains("result=success"), "{ended_on}");
    stdin
        .write_all(b"https://example.org/not-it\n")
        .await
        .unwrap();
    stdin
        .write_all(format!("{ended_on}\n").as_bytes())
        .await
        .unwrap();

    // Then the bank.
    let add = next_line().await;
    assert!(add.contains("/widget/add_connection?"), "{add}");
    let ended_on = go_through(&add).await;
    assert!(ended_on.contains("status=success"), "{ended_on}");
    let pasted = Instant::now();
    stdin
        .write_all(format!("{ended_on}\n").as_bytes())
        .await
        .unwrap();
    let done = next_line().await;
    let callback_to_stored = pasted.elapsed();
    eprintln!("pasted address to bank stored: {callback_to_stored:?}");
    drop(stdin);
    let status = tokio::time::timeout(DEADLINE, child.wait())
        .await
        .unwrap()
        .unwrap();
    let errors = errors.await.unwrap();
    assert_eq!(status.code(), Some(0), "{done}\n{errors}");
    assert!(
        done.starts_with("Linxo Test Bank connected (connection "),
        "{done}"
    );
    let stored: usize = done
        .split(": ")
        .nth(1)
        .and_then(|n| n.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("a count of transactions");
    assert!(stored > 0, "{done}");
    assert!(
        errors.contains("Not used: This is not the address coffre waits for"),
        "{errors}"
    );
    assert!(!errors.contains(PASSWORD) && !done.contains(PASSWORD));
    let store = Store::open(&dir.join("data").join("sandbox.sqlite")).unwrap();
    assert!(store.has_data().unwrap(), "the bank is in the store");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn terms_not_accepted_is_its_own_error_without_a_refresh_loop() {
    let bank = bank_without_agreement("terms-401@example.com").await;
    let oxlin = config_for(&bank.sandbox, &SandboxConfig::default());
    let client = Client::with_password(
        oxlin,
        "terms-401@example.com",
        SecretString::from(PASSWORD),
        coffre::oxlin::config::SCOPES,
    )
    .unwrap();
    client.access_token().await.unwrap();
    let before = client
        .refresh_token()
        .await
        .map(|t| t.expose_secret().to_owned());
    assert!(before.is_some());
    let started = Instant::now();
    let error = client.connections().await.unwrap_err();
    assert!(
        matches!(&error, OxlinError::UserActionRequired { action, .. } if action == "ACCEPT_TERMS"),
        "{error:?}"
    );
    // One answer, no refresh: the refresh token (rotated by every refresh) is the same.
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    let after = client
        .refresh_token()
        .await
        .map(|t| t.expose_secret().to_owned());
    assert!(
        before == after,
        "the token was refreshed for a terms refusal"
    );
    assert_eq!(
        coffre::oxlin::to_domain::call_failure(&error),
        CallFailure::TermsNotAccepted
    );
}
