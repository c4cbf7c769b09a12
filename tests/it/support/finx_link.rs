//! A German bank linked into a store as `coffre connect finx` links it (the finX client makes
//! the link, the widget is walked without JavaScript, the code is exchanged, the keeper stores
//! the refresh token in the store's `finx_links`), and the `[finx]` section of a config file
//! for the sandbox: shared by the `finx_sync*` stories and the ones beside an Oxlin bank.

use std::path::Path;
use std::sync::Arc;

use std::collections::HashSet;

use coffre::finx::client::TransactionFilter;
use coffre::finx::wire::Callback;
use coffre::finx::{Client, FinxConfig};
use coffre::oxlin::secret::secret;
use coffre::sandbox::{SANDBOX_FINX_CLIENT_ID, SANDBOX_FINX_CLIENT_SECRET};
use coffre::store::Store;
use coffre::store::finx_links::FinxLinkOwner;
use coffre::sync::finx::keeper::FinxLinkKeeper;

use super::finx_sandbox::{CALLBACK, FinxHarness, query_of};

/// The sandbox's finX client configuration.
pub fn config(h: &FinxHarness) -> FinxConfig {
    FinxConfig::new(
        &h.sandbox.finx_url(),
        SANDBOX_FINX_CLIENT_ID,
        secret(SANDBOX_FINX_CLIENT_SECRET),
    )
}

/// Links `bank` through the widget (every account shared) into the store at `store_path`.
pub async fn link(h: &FinxHarness, store_path: &Path, bank: &str) -> FinxLinkOwner {
    let client = Client::new(config(h)).unwrap();
    let widget = client
        .create_access(CALLBACK, "S-1", Some("de"), None, Some(90))
        .await
        .unwrap();
    let owner = FinxLinkOwner {
        link_id: widget.id.clone(),
        api_url: client.config().api_url.clone(),
        client_id: client.config().client_id.clone(),
    };
    client.keep_tokens_with(Arc::new(FinxLinkKeeper::new(store_path, owner.clone())));
    let token = query_of(&widget.location)["token"].clone();
    let address = h.through_widget(&token, bank).await;
    let callback = Callback::from_query(url::Url::parse(&address).unwrap().query().unwrap());
    assert_eq!(callback.state.as_deref(), Some("S-1"));
    client
        .exchange_code(callback.code.unwrap(), CALLBACK)
        .await
        .unwrap();
    owner
}

/// The `[finx]` section for the sandbox of `h`, with `secret_line` (`client_secret = …` or
/// `client_secret_command = …`).
pub fn finx_section(h: &FinxHarness, secret_line: &str) -> String {
    format!(
        "\n[finx]\napi_url = \"{}\"\nclient_id = \"{SANDBOX_FINX_CLIENT_ID}\"\n{secret_line}\n",
        h.sandbox.finx_url()
    )
}

/// The `client_secret` line of the sandbox's finX client.
pub fn sandbox_secret_line() -> String {
    format!("client_secret = \"{SANDBOX_FINX_CLIENT_SECRET}\"")
}

/// Appends `section` to the config file `file` (kept private).
pub fn append_to_config(file: &Path, section: &str) {
    use std::io::Write;
    let mut config = std::fs::OpenOptions::new().append(true).open(file).unwrap();
    config.write_all(section.as_bytes()).unwrap();
}

/// Every stored transaction id of the store at `path`, and how many are pending.
pub fn stored_lines(path: &Path) -> (Vec<String>, usize) {
    let db = rusqlite::Connection::open(path).unwrap();
    let ids: Vec<String> = db
        .prepare("SELECT id FROM transactions WHERE id LIKE 'finx:%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let pending = db
        .query_row(
            "SELECT COUNT(*) FROM transactions WHERE booking = 'pending'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap() as usize;
    (ids, pending)
}

/// Every transaction id the sandbox lists for the link now (pending included), as stored.
pub async fn listed_ids(h: &FinxHarness, store: &Store, owner: &FinxLinkOwner) -> HashSet<String> {
    let token = store.finx_refresh_token(owner).unwrap().unwrap();
    let reader = Client::with_refresh_token(config(h), token).unwrap();
    reader.keep_tokens_with(Arc::new(FinxLinkKeeper::new(store.path(), owner.clone())));
    let filter = TransactionFilter {
        include_pending: Some(true),
        ..TransactionFilter::default()
    };
    reader
        .transactions(&filter)
        .await
        .unwrap()
        .iter()
        .map(|t| format!("finx:{}", t.transaction_id))
        .collect()
}
