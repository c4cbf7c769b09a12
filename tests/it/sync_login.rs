//! How `coffre sync` logs in from cron: the first run with a password stores the refresh token,
//! the next runs need no password at all; a stored token the server refuses falls back to the
//! password (and is replaced), or, without one, says to log in again; a token stored for one
//! user is never used for another. No run prints a token (checked by `sync_with`).

use crate::support::sync_bank as support;

use coffre::oxlin::secret::secret;
use coffre::sync::session::REFRESH_TOKEN;
use support::{Bank, bank_with_user, refresh_token, stored, sync, sync_with};

fn spoil_stored_token(bank: &Bank) {
    stored(bank)
        .set_secret(REFRESH_TOKEN, &secret("no-longer-valid"))
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_sync_with_a_password_then_the_next_without_any_from_the_stored_token() {
    let bank = bank_with_user("cron-token@example.com", &["default"]).await;
    let (code, output) = sync(&bank).await;
    assert_eq!(code, 0, "{output}");
    let first = refresh_token(&bank).expect("the first sync stores the refresh token");

    let (code, output) = sync_with(&bank, None).await;
    assert_eq!(code, 0, "{output}");
    assert!(output.contains(": synced"), "{output}");
    assert!(!output.contains("refused"), "{output}");
    let second = refresh_token(&bank).unwrap();
    assert_ne!(first, second, "the rotated token replaces the used one");

    let (code, output) = sync_with(&bank, None).await;
    assert_eq!(
        code, 0,
        "a third run works from the rotated token: {output}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_stored_token_falls_back_to_the_password_and_is_replaced() {
    let bank = bank_with_user("fallback@example.com", &["default"]).await;
    assert_eq!(sync(&bank).await.0, 0);
    spoil_stored_token(&bank);

    let (code, output) = sync(&bank).await;
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("saved session was refused"), "{output}");
    assert_ne!(refresh_token(&bank).as_deref(), Some("no-longer-valid"));

    let (code, output) = sync_with(&bank, None).await;
    assert_eq!(code, 0, "{output}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_stored_token_without_a_password_says_log_in_again() {
    let bank = bank_with_user("expired@example.com", &["default"]).await;
    assert_eq!(sync(&bank).await.0, 0);
    spoil_stored_token(&bank);

    let (code, output) = sync_with(&bank, None).await;
    assert_eq!(code, 1, "{output}");
    assert!(output.contains("log in again"), "{output}");
    assert!(output.contains("COFFRE_OXLIN_PASSWORD"), "{output}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_stored_for_one_user_is_not_used_for_another() {
    let bank = bank_with_user("first-user@example.com", &["default"]).await;
    assert_eq!(sync(&bank).await.0, 0);
    let config = bank.dir.path().join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("first-user@example.com", "someone-else@example.com"),
    )
    .unwrap();

    let (code, output) = sync_with(&bank, None).await;
    assert_eq!(code, 1, "{output}");
    assert!(output.contains("no saved session"), "{output}");
}
