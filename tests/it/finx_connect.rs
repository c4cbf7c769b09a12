//! `coffre connect finx` from the command line (issue 12), against the in-process sandbox over
//! loopback: it prints the widget address, the widget is passed as a browser without
//! JavaScript does, and the answer comes back pasted on standard input (a browser on another
//! device: an address of another attempt is refused and the wait goes on) or through the
//! loopback; the code is exchanged, the link stored and synced, one line printed; `coffre
//! sync` then finds the link.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use coffre::sandbox::{SANDBOX_FINX_CLIENT_ID, SANDBOX_FINX_CLIENT_SECRET};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdout, Command};

use crate::support::finx_sandbox::{FinxHarness, finx_harness, query_of};

/// A `[finx]`-only configuration for the sandbox of `h`, in `dir` (0600).
fn config_file(h: &FinxHarness, dir: &Path) -> PathBuf {
    let path = dir.join("config.toml");
    std::fs::write(
        &path,
        format!(
            "[finx]\napi_url = \"{}\"\nclient_id = \"{SANDBOX_FINX_CLIENT_ID}\"\nclient_secret = \"{SANDBOX_FINX_CLIENT_SECRET}\"\n",
            h.sandbox.finx_url()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    path
}

/// `coffre ARGS --config … --data-dir …` with piped standard streams.
fn coffre(dir: &Path, config: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_coffre"))
        .args(args)
        .arg("--config")
        .arg(config)
        .arg("--data-dir")
        .arg(dir.join("data"))
        .env("NO_COLOR", "1")
        .env_remove("COFFRE_SYNC_DEADLINE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap()
}

/// Reads the widget address `coffre connect finx` prints, passes the widget for `bank` with
/// every account shared: the address the browser ends on.
async fn pass_widget(h: &FinxHarness, stdout: &mut BufReader<ChildStdout>, bank: &str) -> String {
    let mut address = String::new();
    stdout.read_line(&mut address).await.unwrap();
    let token = query_of(address.trim())["token"].clone();
    h.through_widget(&token, bank).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_german_bank_is_linked_by_pasting_the_final_address_then_synced_by_cron() {
    let h = finx_harness().await;
    let dir = tempfile::tempdir().unwrap();
    let config = config_file(&h, dir.path());
    let mut child = coffre(dir.path(), &config, &["connect", "finx", "--no-browser"]);
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let back = pass_widget(&h, &mut stdout, "demobank").await;
    assert!(back.starts_with("http://127.0.0.1:"), "{back}");
    let state = query_of(&back)["state"].clone();
    let forged = back.replace(&state, "another-attempt");
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(format!("{forged}\n{back}\n").as_bytes())
        .await
        .unwrap();
    let out = child.wait_with_output().await.unwrap();
    let mut printed = String::new();
    stdout.read_line(&mut printed).await.unwrap();
    let errors = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{printed}{errors}");
    assert!(
        printed.contains("connected (finX ") && printed.contains("new transactions stored"),
        "{printed}"
    );
    assert!(errors.contains("another attempt"), "{errors}");
    let code = query_of(&back)["code"].clone();
    assert!(
        !printed.contains(&code) && !errors.contains(&code),
        "the code was printed"
    );

    let out = coffre(dir.path(), &config, &["sync"])
        .wait_with_output()
        .await
        .unwrap();
    let synced = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{synced}");
    assert!(
        synced.contains("synced, 3 account(s), 0 new transaction(s)"),
        "{synced}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_german_bank_is_linked_through_the_loopback_and_a_cancel_adds_nothing() {
    let h = finx_harness().await;
    let dir = tempfile::tempdir().unwrap();
    let config = config_file(&h, dir.path());
    let mut child = coffre(dir.path(), &config, &["connect", "finx", "--no-browser"]);
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let back = pass_widget(&h, &mut stdout, "demobank").await;
    let page = reqwest::get(&back).await.unwrap();
    assert_eq!(page.status(), 200);
    let out = child.wait_with_output().await.unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut child = coffre(dir.path(), &config, &["connect", "finx", "--no-browser"]);
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut address = String::new();
    stdout.read_line(&mut address).await.unwrap();
    let token = query_of(address.trim())["token"].clone();
    let cancelled = h.post(&token, "cancel", &[]).await;
    reqwest::get(&cancelled).await.unwrap();
    let out = child.wait_with_output().await.unwrap();
    let errors = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{errors}");
    assert!(errors.contains("cancelled"), "{errors}");
}
