//! `coffre sync` with a French bank (Oxlin) and a German bank (finX) in one store, against the
//! in-process sandbox over loopback: each aggregator is synced on its own. Oxlin without a
//! password, or Oxlin down, never stops finX (and the reverse: a `[finx]` section that cannot
//! give its secret never stops Oxlin); the output says which aggregator was not synced and
//! what to do, and the exit code is the worst of both (1 over 2 over 75 over 0).

use crate::support::finx_link::{append_to_config, finx_section, sandbox_secret_line};
use crate::support::sync_bank::PASSWORD;
use crate::support::two_banks::two_banks;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oxlin_section_without_a_password_still_syncs_the_german_bank() {
    let banks = two_banks("no-password@example.com").await;
    append_to_config(
        &banks.config(),
        &finx_section(&banks.h, &sandbox_secret_line()),
    );

    let (code, stdout, stderr) = banks.sync(None).await;
    assert_eq!(
        code,
        Some(1),
        "the worst of both: Oxlin could do nothing\n{stdout}{stderr}"
    );
    assert!(stderr.contains("Oxlin not synced"), "{stderr}");
    assert!(
        stderr.contains("COFFRE_OXLIN_PASSWORD"),
        "says what to do: {stderr}"
    );
    assert_eq!(
        stdout.lines().count(),
        1,
        "one line, the German bank's: {stdout}"
    );
    assert!(stdout.contains("synced, "), "{stdout}");
    let (oxlin, finx) = banks.stored();
    assert_eq!(oxlin, 0, "{stdout}");
    assert!(finx > 0, "the German bank is stored: {stdout}");

    let (code, stdout, stderr) = banks.sync(Some(PASSWORD)).await;
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        banks.stored().0 > 0,
        "with the password, the French bank too"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oxlin_down_still_syncs_the_german_bank_and_says_try_again_later() {
    let banks = two_banks("oxlin-down@example.com").await;
    // The same store (the first section is on loopback: the sandbox's), an Oxlin nobody serves.
    let config = format!(
        "[oxlin]\nauth_url = \"http://127.0.0.1:9\"\napi_url = \"http://127.0.0.1:9/v2.1\"\n\
         client_id = \"c\"\nclient_secret = \"s\"\nusername = \"oxlin-down@example.com\"\n{}",
        finx_section(&banks.h, &sandbox_secret_line())
    );
    std::fs::write(banks.config(), config).unwrap();

    let (code, stdout, stderr) = banks.sync(Some(PASSWORD)).await;
    assert_eq!(code, Some(75), "{stdout}{stderr}");
    assert!(stderr.contains("Oxlin not synced"), "{stderr}");
    assert!(stderr.contains("try again later"), "{stderr}");
    assert!(stdout.contains("synced, "), "{stdout}");
    assert!(banks.stored().1 > 0, "the German bank is stored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_finx_section_that_cannot_give_its_secret_still_syncs_the_french_bank() {
    let banks = two_banks("finx-broken@example.com").await;
    append_to_config(
        &banks.config(),
        &finx_section(&banks.h, "client_secret_command = \"false\""),
    );

    let (code, stdout, stderr) = banks.sync(Some(PASSWORD)).await;
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(stderr.contains("finX not synced"), "{stderr}");
    assert!(
        stderr.contains("client_secret_command"),
        "names what to fix: {stderr}"
    );
    assert!(
        !stdout.is_empty() && stdout.lines().all(|l| l.contains("synced, ")),
        "{stdout}"
    );
    let (oxlin, finx) = banks.stored();
    assert!(oxlin > 0, "the French bank is stored");
    assert_eq!(finx, 0);
}
