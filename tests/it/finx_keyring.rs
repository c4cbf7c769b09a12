//! Where a German bank's finX refresh token lives (`[session] store`, as the Oxlin session):
//! `coffre connect finx` and `coffre sync` run in a desktop session with a real Secret Service,
//! or from cron with no session bus (`support::desktop`), against the in-process finX sandbox
//! over loopback. `auto` keeps a loopback server's links in the store, so the keyring stories
//! ask for `store = "keyring"` explicitly.

use std::path::{Path, PathBuf};

use coffre::sandbox::{SANDBOX_FINX_CLIENT_ID, SANDBOX_FINX_CLIENT_SECRET};
use coffre::store::Store;
use coffre::store::finx_links::FinxLink;
use secrecy::ExposeSecret;
use serde_json::json;
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::support::desktop::{Where, coffre_at};
use crate::support::finx_sandbox::{FinxHarness, finx_harness, query_of};

/// A German bank's story: the sandbox, and a directory with the config and the data dir.
struct Story {
    h: FinxHarness,
    dir: tempfile::TempDir,
}

impl Story {
    /// A `[finx]` configuration for the sandbox with `[session] store = STORE`.
    async fn keeping_in(store: &str) -> Story {
        let h = finx_harness().await;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            format!(
                "[finx]\napi_url = \"{}\"\nclient_id = \"{SANDBOX_FINX_CLIENT_ID}\"\n\
                 client_secret = \"{SANDBOX_FINX_CLIENT_SECRET}\"\n\n[session]\nstore = \"{store}\"\n",
                h.sandbox.finx_url()
            ),
        )
        .unwrap();
        std::fs::set_permissions(
            dir.path().join("config.toml"),
            std::os::unix::fs::PermissionsExt::from_mode(0o600),
        )
        .unwrap();
        Story { h, dir }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// `coffre ARGS` there, with this story's config and data dir.
    fn coffre(&self, place: Where, args: &[&str]) -> std::process::Command {
        let mut command = coffre_at(place, self.dir.path());
        command
            .args(args)
            .arg("--config")
            .arg(self.dir.path().join("config.toml"))
            .arg("--data-dir")
            .arg(self.data());
        command
    }

    /// `coffre connect finx` there, the widget passed for the demo bank and the browser's
    /// return through the loopback: (exit code, output).
    async fn connect(&self, place: Where) -> (i32, String) {
        let mut command = self.coffre(place, &["connect", "finx", "--no-browser"]);
        command
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = tokio::process::Command::from(command)
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut address = String::new();
        stdout.read_line(&mut address).await.unwrap();
        let token = query_of(address.trim())["token"].clone();
        let back = self.h.through_widget(&token, "demobank").await;
        assert_eq!(reqwest::get(&back).await.unwrap().status(), 200);
        let out = child.wait_with_output().await.unwrap();
        let mut printed = String::new();
        stdout.read_line(&mut printed).await.unwrap();
        let output = format!("{printed}{}", String::from_utf8_lossy(&out.stderr));
        (out.status.code().unwrap_or(-1), output)
    }

    /// `coffre sync` there: (exit code, stdout then stderr).
    fn sync(&self, place: Where) -> (i32, String) {
        let out = self
            .coffre(place, &["sync"])
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let output = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code().unwrap_or(-1), output)
    }

    /// The store's one finX link.
    fn link(&self) -> FinxLink {
        let store = self.store();
        let links = store
            .finx_links(&self.h.sandbox.finx_url(), SANDBOX_FINX_CLIENT_ID)
            .unwrap();
        assert_eq!(links.len(), 1);
        links.into_iter().next().unwrap()
    }

    fn store(&self) -> Store {
        Store::open(&coffre::store::store_file(&self.data(), true)).unwrap()
    }

    /// Every token the sandbox would take as a refresh token among the data dir's bytes (the
    /// store, its WAL and every file beside it): each 64-letter run is tried at `/auth/token`.
    async fn live_tokens_in_data_dir(&self) -> usize {
        let mut live = 0;
        for candidate in token_shaped_runs(&self.data()) {
            let (status, _) = self
                .h
                .token_call(json!({ "grant_type": "refresh_token", "refresh_token": candidate }))
                .await;
            live += usize::from(status == 200);
        }
        live
    }
}

/// Every 64 ASCII letters and digits in a row in the files of `dir` (the sandbox's refresh
/// tokens are such runs; SQLite writes a row's columns side by side, so a token may run on
/// into its neighbours: every window of a longer run is one).
fn token_shaped_runs(dir: &Path) -> Vec<String> {
    let mut runs = Vec::new();
    for file in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(file.unwrap().path()).unwrap_or_default();
        for run in bytes.split(|b| !b.is_ascii_alphanumeric()) {
            for window in run.windows(64) {
                runs.push(String::from_utf8_lossy(window).into_owned());
            }
        }
    }
    runs.sort();
    runs.dedup();
    runs
}

fn in_keyring(link: &FinxLink) -> bool {
    link.place
        .as_deref()
        .is_some_and(|p| p.starts_with("keyring "))
        && link.refresh_token.expose_secret().is_empty()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_finx_link_kept_in_the_keyring_survives_a_restart_and_a_rotation() {
    let story = Story::keeping_in("keyring").await;
    let (code, output) = story.connect(Where::Desktop).await;
    assert_eq!(code, 0, "{output}");
    let linked = story.link();
    assert!(in_keyring(&linked), "{:?}", linked.place);

    for run in 0..2 {
        let (code, output) = story.sync(Where::Desktop);
        assert_eq!(code, 0, "sync {run}, a new process each time: {output}");
        assert!(output.contains("synced, 3 account(s)"), "{output}");
    }
    let rotated = story.link();
    assert!(in_keyring(&rotated), "{:?}", rotated.place);
    assert_eq!(rotated.place, linked.place, "one entry, rotated in place");
    // The second sync could only refresh with the token the first one rotated into the
    // keyring (each refresh token is spent once); the times are whole seconds, so all three
    // steps may share one.
    assert!(rotated.refreshed_at >= linked.refreshed_at);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_auto_the_sandbox_links_stay_in_the_store() {
    let story = Story::keeping_in("auto").await;
    let (code, output) = story.connect(Where::Desktop).await;
    assert_eq!(code, 0, "{output}");
    let (code, output) = story.sync(Where::Desktop);
    assert_eq!(code, 0, "{output}");
    let link = story.link();
    assert_eq!(
        link.place, None,
        "a keyring answered, yet the sandbox stays in the store"
    );
    assert!(!link.refresh_token.expose_secret().is_empty());
    let (code, output) = story.sync(Where::Cron);
    assert_eq!(code, 0, "cron reads it from the store: {output}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_store_file_never_holds_a_keyring_token() {
    let story = Story::keeping_in("keyring").await;
    let (code, output) = story.connect(Where::Desktop).await;
    assert_eq!(code, 0, "{output}");
    let (code, output) = story.sync(Where::Desktop);
    assert_eq!(code, 0, "{output}");
    assert!(in_keyring(&story.link()));
    assert_eq!(story.live_tokens_in_data_dir().await, 0);

    // The same search finds the token once `file` moves it into the store: it can fail.
    let config = story.dir.path().join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, text.replace("\"keyring\"", "\"file\"")).unwrap();
    let (code, output) = story.sync(Where::Desktop);
    assert_eq!(code, 0, "{output}");
    assert_eq!(story.link().place, None);
    assert_eq!(story.live_tokens_in_data_dir().await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_keyring_that_is_gone_says_what_to_do_and_loses_nothing() {
    let story = Story::keeping_in("keyring").await;
    let (code, output) = story.connect(Where::Desktop).await;
    assert_eq!(code, 0, "{output}");
    let before = story.link();
    let banks = story.store().connections().unwrap().len();

    let (code, output) = story.sync(Where::Cron);
    assert_eq!(code, 2, "the bank needs the user: {output}");
    assert!(output.contains("OS keyring"), "{output}");
    assert!(output.contains("store = \"file\""), "{output}");
    assert!(output.contains("desktop session"), "{output}");
    let after = story.link();
    assert_eq!(after.place, before.place);
    assert_eq!(after.refreshed_at, before.refreshed_at, "nothing was spent");
    assert_eq!(story.store().connections().unwrap().len(), banks);

    let (code, output) = story.sync(Where::Desktop);
    assert_eq!(code, 0, "the keyring's token was not lost: {output}");
}
