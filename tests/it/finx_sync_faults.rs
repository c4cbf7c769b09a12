//! finX under the sandbox's fault injection (`--faults`): under `/finx` the injected failures
//! answer finX's error envelope (`{"error": {"code", "group", "description", "data"}}`, 429
//! with `Retry-After`, 5xx), and `coffre sync` of a German bank of thousands of lines over the
//! issue-9 fault mix (5xx 40 %, 429 15 %, dropped connections 5 %) converges in a few runs on
//! every line the bank lists, each once, never losing what an earlier run stored.

use std::collections::BTreeSet;
use std::str::FromStr;

use coffre::sandbox::{Faults, SandboxConfig, start};
use coffre::store::Store;
use serde_json::Value;

use crate::support::finx_link::{append_to_config, finx_section, link, sandbox_secret_line};
use crate::support::finx_sandbox::{FinxHarness, finx_harness, finx_harness_with};

/// The runs allowed to converge (the faults are random and the machine loaded: generous, as in
/// `sync_faults`).
const RUNS: usize = 25;

#[tokio::test]
async fn injected_faults_under_finx_answer_finx_error_envelopes() {
    for (spec, status) in [("errors=1.0", None), ("429=1.0,retry-after=3", Some(429))] {
        let h = finx_harness_with(SandboxConfig {
            faults: Faults::from_str(spec).unwrap(),
            ..SandboxConfig::default()
        })
        .await;
        let response = h
            .http
            .get(h.url("/rest/accounts"))
            .bearer_auth("any")
            .send()
            .await
            .unwrap();
        let code = response.status().as_u16();
        match status {
            Some(expected) => {
                assert_eq!(code, expected);
                assert_eq!(response.headers()["retry-after"], "3");
            }
            None => assert!(code == 500 || code == 503, "{code}"),
        }
        let body: Value = response.json().await.unwrap();
        let error = &body["error"];
        assert!(error["code"].is_u64(), "{body}");
        assert!(error["group"].is_string(), "{body}");
        assert!(error["description"].is_string(), "{body}");
        assert!(error["data"].is_object(), "{body}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_finx_sync_over_a_flaky_link_converges_on_every_line_once() {
    // The link is made on a quiet sandbox, then its finX world moves to the flaky one: the
    // widget is a person's clicks, the syncs are what cron retries.
    let quiet = finx_harness().await;
    let flaky = FinxHarness::around(
        start(SandboxConfig {
            faults: Faults::from_str("errors=0.4,429=0.15,retry-after=0,drop=0.05").unwrap(),
            ..SandboxConfig::default()
        })
        .await
        .unwrap(),
    );
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let store_file = data.join("sandbox.sqlite");
    let store = Store::open(&store_file).unwrap();
    let owner = link(&quiet, store.path(), "vielbuch").await;
    drop(store);
    std::mem::swap(
        &mut *quiet.sandbox.state.finx.lock(),
        &mut *flaky.sandbox.state.finx.lock(),
    );
    rusqlite::Connection::open(&store_file)
        .unwrap()
        .execute(
            "UPDATE finx_links SET api_url = ?1 WHERE link_id = ?2",
            [flaky.sandbox.finx_url(), owner.link_id.clone()],
        )
        .unwrap();
    let config_file = dir.path().join("config.toml");
    std::fs::write(&config_file, "").unwrap();
    std::fs::set_permissions(
        &config_file,
        std::os::unix::fs::PermissionsExt::from_mode(0o600),
    )
    .unwrap();
    append_to_config(&config_file, &finx_section(&flaky, &sandbox_secret_line()));

    let mut counts = Vec::new();
    for _ in 0..RUNS {
        let status = tokio::process::Command::new(env!("CARGO_BIN_EXE_coffre"))
            .arg("sync")
            .arg("--config")
            .arg(&config_file)
            .arg("--data-dir")
            .arg(&data)
            .env_remove("COFFRE_SYNC_DEADLINE")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .await
            .unwrap();
        counts.push((status.code(), stored_ids(&store_file).len()));
        if status.success() {
            break;
        }
    }
    eprintln!("runs (exit code, transactions stored): {counts:?}");
    assert_eq!(
        counts.last().unwrap().0,
        Some(0),
        "no convergence: {counts:?}"
    );
    assert!(
        counts.windows(2).all(|w| w[0].1 <= w[1].1),
        "a run lost what an earlier one stored: {counts:?}"
    );
    let access = Store::open(&store_file)
        .unwrap()
        .finx_links(&flaky.sandbox.finx_url(), &owner.client_id)
        .unwrap()[0]
        .access_id
        .clone()
        .unwrap();
    let bank: BTreeSet<String> = flaky
        .sandbox
        .state
        .finx
        .lock()
        .transaction_ids(&access)
        .unwrap()
        .into_iter()
        .map(|id| format!("finx:{id}"))
        .collect();
    let stored = stored_ids(&store_file);
    let unique: BTreeSet<String> = stored.iter().cloned().collect();
    assert_eq!(stored.len(), unique.len(), "a line stored twice");
    assert!(bank.len() > 2_000);
    assert_eq!(unique, bank, "every line of the bank, and only those");
}

/// Every finX transaction id stored in the store file at `path`.
fn stored_ids(path: &std::path::Path) -> Vec<String> {
    let db = rusqlite::Connection::open(path).unwrap();
    db.prepare("SELECT id FROM transactions WHERE id LIKE 'finx:%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}
