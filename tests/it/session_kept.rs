//! The saved session survives a `coffre sync` killed halfway: the refresh token it rotated
//! while resuming was stored the moment it arrived, so the next `coffre sync` resumes without
//! a password (issue 9: 16 of 16 kills logged the cron user out when the rotated token was
//! only stored at the end).

use coffre::sandbox::testbank::seed;

use crate::support::sync_bank::{
    bank_with_user, kill_while_writing, refresh_token, sync, sync_with,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cron_sync_killed_after_resuming_leaves_a_session_the_next_one_resumes() {
    let bank = bank_with_user("killed-session@example.com", &["default"]).await;
    let (code, output) = sync(&bank).await;
    assert_eq!(code, 0, "{output}");
    let before = refresh_token(&bank).expect("the first sync stores the session");
    // A large bank, so that the next sync is still writing when it is killed.
    seed(
        &bank.sandbox.state,
        &bank.user_id,
        "large",
        &["accounts_read"],
    )
    .unwrap();

    // A cron run without a password: it resumes (spending the stored token) and is killed
    // once its write has spilled into the WAL.
    let config = bank.dir.path().join("config.toml");
    let data = bank.dir.path().join("data");
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_coffre"))
        .arg("sync")
        .arg("--config")
        .arg(&config)
        .arg("--data-dir")
        .arg(&data)
        .env_remove("COFFRE_OXLIN_PASSWORD")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    kill_while_writing(&mut child, &data).await;

    let after_kill = refresh_token(&bank).expect("the session is still stored");
    assert_ne!(
        after_kill, before,
        "the token rotated by the killed run was stored before it was killed"
    );
    let (code, output) = sync_with(&bank, None).await;
    assert_eq!(
        code, 0,
        "the next cron run resumes without a password: {output}"
    );
    assert!(!output.contains("log in again"), "{output}");
}
