//! Setting the stage before the terminal opens: a private temporary data dir, the demo's banks
//! in the in-process sandbox's world, and a real sync of them into the store there (the API
//! over loopback HTTP, as `coffre sync` does), so the TUI's first frame is the dashboard.
//!
//! [`open_on_dashboard`] then puts the app's model on the dashboard read from that store, before
//! the first frame: no "loading" frame comes first.
//!
//! The data dir is a fresh directory under the system's temporary directory (created `0700`,
//! removed when the demo ends): whatever `--data-dir`, `COFFRE_DATA_DIR` or `XDG_DATA_HOME`
//! say, the demo never opens the user's store.

use std::path::Path;

use chrono::{DateTime, Utc};
use secrecy::SecretString;
use tempfile::TempDir;

use super::banks::{self, Asking};
use crate::app::{ApiEvent, AutoLogin, Command, Model, Msg, Startup, start, update};
use crate::oxlin::client::Client;
use crate::oxlin::config::{OxlinConfig, SCOPES};
use crate::sandbox::RunningSandbox;
use crate::sandbox::testbank::{seed_bank, seed_user};
use crate::store::{Store, load_dashboard_summary};
use crate::sync::{ConnectionLine, sync_all};

/// A new private data dir for one demo run (removed when dropped).
pub fn private_data_dir() -> Result<TempDir, String> {
    tempfile::Builder::new()
        .prefix("coffre-demo-")
        .tempdir()
        .map_err(|e| format!("cannot create the demo's temporary data dir: {e}"))
}

/// Creates the user `email` with `password` in `sandbox`, gives them the demo's banks as of
/// `now` (their last sync, the renewal's deadline), and syncs them into the store at `store`,
/// the German one through finX (`super::german_bank`);
/// returns what the sync says of each bank. The same `now` gives the same store.
pub async fn set(
    sandbox: &RunningSandbox,
    oxlin: &OxlinConfig,
    (email, password): (&str, &str),
    store: &Path,
    asking: Asking,
    now: DateTime<Utc>,
) -> Result<Vec<ConnectionLine>, String> {
    let user = seed_user(&sandbox.state, email, password)?;
    for seed in banks::seeds(now.timestamp(), asking)? {
        seed_bank(&sandbox.state, &user, &seed, now.timestamp())?;
    }
    let client = Client::with_password(
        oxlin.clone(),
        email,
        SecretString::from(password.to_owned()),
        SCOPES,
    )
    .map_err(|e| e.to_string())?;
    let mut store = Store::open(store).map_err(|e| e.to_string())?;
    let mut lines = sync_all(&client, &mut store, now)
        .await
        .map_err(|e| format!("cannot sync the demo's banks: {e}"))?;
    lines.extend(super::german_bank::link_and_sync(sandbox, &mut store, now).await?);
    match lines.iter().find(|line| !line.synced) {
        Some(line) => Err(format!("the demo's bank was not synced: {line}")),
        None => Ok(lines),
    }
}

/// Puts `model` on the dashboard read from the store at `store` (so the first frame shows it)
/// and returns the commands to run before the first key, as `coffre` does with a store: the
/// dashboard's loading (the charts come with it), the background login with `auto_login` and,
/// once logged in, the refresh of every bank.
pub fn open_on_dashboard(
    model: &mut Model,
    store: &Path,
    auto_login: Option<AutoLogin>,
) -> Result<Vec<Command>, String> {
    let data = Store::open(store)
        .and_then(|store| load_dashboard_summary(&store, model.now))
        .map_err(|e| e.to_string())?;
    let startup = Startup {
        store_has_data: true,
        auto_login,
    };
    let mut first = start(model, startup);
    // The first frame shows this; `start`'s own `LoadDashboard` still runs, for what the
    // dashboard reads after its first frame (the charts).
    first.extend(update(model, Msg::Api(ApiEvent::DashboardLoaded(Ok(data)))));
    Ok(first)
}
