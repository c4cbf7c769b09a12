//! The demo's German bank, so the stage shows both aggregators: [`GERMAN_BANK`] (the finX
//! sandbox's Musterbank Hamburg: a Giro account, a savings account and a credit card, 90 days of
//! German lines in euros) linked through the built-in sandbox's finX API as `coffre connect
//! finx` links one (the access made by the client, its code exchanged, the refresh token kept in
//! the store's `finx_links`), then synced into the demo's store by the code of `coffre sync`
//! (`sync::finx`). The dashboard shows it beside the French banks, headed "finX · access until …".
//!
//! Choices (ours): the widget is walked in the sandbox's world, not in a browser
//! (`FinxState::link_with_test_login`: the test login, every account shared), since the demo
//! opens on the dashboard; the finX sandbox's clock is set to the demo's `now` first, so its
//! lines end on the demo's day and the same `now` gives the same store, as the French banks'
//! files do (`banks::seeds`).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use secrecy::SecretString;

use crate::finx::{Client, FinxConfig};
use crate::sandbox::{RunningSandbox, SANDBOX_FINX_CLIENT_ID, SANDBOX_FINX_CLIENT_SECRET};
use crate::store::Store;
use crate::store::finx_links::FinxLinkOwner;
use crate::sync::ConnectionLine;
use crate::sync::finx::keeper::FinxLinkKeeper;
use crate::sync::session::SessionStore;

/// The finX sandbox's test bank the demo links (its id in the widget's list).
pub const GERMAN_BANK: &str = "musterbank";

/// Where finX sends the browser back: nothing listens, the demo reads the code from the world.
const CALLBACK: &str = "http://127.0.0.1:9/coffre-demo";

/// The built-in sandbox's finX client configuration.
pub fn sandbox_config(sandbox: &RunningSandbox) -> FinxConfig {
    FinxConfig::new(
        &sandbox.finx_url(),
        SANDBOX_FINX_CLIENT_ID,
        SecretString::from(SANDBOX_FINX_CLIENT_SECRET),
    )
}

/// Links [`GERMAN_BANK`] in `sandbox` as of `now` and syncs it into `store`; what the sync
/// says of it.
pub async fn link_and_sync(
    sandbox: &RunningSandbox,
    store: &mut Store,
    now: DateTime<Utc>,
) -> Result<Vec<ConnectionLine>, String> {
    let config = sandbox_config(sandbox);
    {
        let mut finx = sandbox.state.finx.lock();
        let to_demo_time = now - finx.now();
        finx.advance_clock(to_demo_time);
    }
    let client = Client::new(config.clone()).map_err(|e| e.to_string())?;
    let widget = client
        .create_access(CALLBACK, "demo", Some("de"), None, Some(90))
        .await
        .map_err(|e| e.to_string())?;
    let token = widget_token(&widget.location)
        .ok_or_else(|| format!("finX's widget address has no token: {}", widget.location))?;
    let code = sandbox
        .state
        .finx
        .lock()
        .link_with_test_login(&token, GERMAN_BANK)
        .ok_or("the demo's German bank could not be linked in the sandbox")?;
    let owner = FinxLinkOwner {
        link_id: widget.id.clone(),
        api_url: config.api_url.clone(),
        client_id: config.client_id.clone(),
    };
    client.keep_tokens_with(Arc::new(FinxLinkKeeper::new(store.path(), owner)));
    client
        .exchange_code(SecretString::from(code), CALLBACK)
        .await
        .map_err(|e| e.to_string())?;
    crate::sync::finx::sync_links(&config, SessionStore::Auto, store, now)
        .await
        .map_err(|e| format!("cannot sync the demo's German bank: {e}"))
}

/// The `token` of the widget's address.
fn widget_token(location: &str) -> Option<String> {
    let url = url::Url::parse(location).ok()?;
    url.query_pairs()
        .find(|(name, _)| name == "token")
        .map(|(_, value)| value.into_owned())
}
