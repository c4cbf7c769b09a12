//! Keeping the store's list of connections in step with the API: each time the dashboard is
//! read while logged in, `GET /connections` and `GET /accounts` are read and every listed
//! connection is recorded (`Store::record_listed`) with its state, its masked login and its
//! accounts waiting for consent, then the dashboard is read again if that changed anything.
//! So a connection whose first sync failed (or was abandoned) is on the dashboard, after a
//! restart too, with the action that moves it on.
//!
//! Choices of ours: the store is written only under the sync lock, taken without waiting (a
//! sync that holds it writes the connections itself); a failed listing says nothing on screen
//! (the dashboard shows the store, and the OFFLINE badge tells an unreachable API), it is
//! logged.

use chrono::Utc;

use super::Local;
use crate::oxlin::client::Client;
use crate::oxlin::endpoints::AccountFilter;
use crate::oxlin::error::OxlinError;
use crate::oxlin::{to_domain, wire};
use crate::sanitize::clean_line;
use crate::store::connections::Listed;
use crate::sync::lock::SyncLock;

/// The login the API shows for a connection: the first `masked_value` of its EMBEDDED
/// channels' credentials (`**ev`), sanitised.
pub fn masked_login(connection: &wire::Connection) -> Option<String> {
    connection
        .channels
        .iter()
        .filter(|c| c.mode != Some(wire::ChannelMode::Redirect))
        .flat_map(|c| &c.credentials)
        .find_map(|c| c.masked_value.as_deref())
        .map(clean_line)
        .filter(|m| !m.is_empty())
}

impl Local {
    /// Records every connection the API lists, then reads the dashboard again when that
    /// changed what it shows.
    pub async fn refresh_connections(&self, client: Client) {
        let listed = async {
            let connections = client.connections().await?;
            let accounts = client.accounts(&AccountFilter::default()).await?;
            Ok::<_, OxlinError>((connections, accounts))
        };
        let (connections, accounts) = match listed.await {
            Ok(listed) => listed,
            Err(e) => {
                tracing::warn!("listing the connections for the dashboard failed: {e}");
                return;
            }
        };
        let listed: Vec<Listed> = connections
            .iter()
            .map(|c| Listed {
                connection: to_domain::connection(c),
                login: masked_login(c),
            })
            .collect();
        let pending: Vec<_> = accounts.iter().map(to_domain::account).collect();
        let local = self.clone();
        let changed = tokio::task::spawn_blocking(move || -> Result<bool, String> {
            let path = local.store.as_ref().ok_or("no local store")?;
            let _lock = SyncLock::acquire(&SyncLock::dir_of(path)).map_err(|e| e.to_string())?;
            let mut store = local.open()?;
            store
                .record_listed(&listed, &pending, Utc::now())
                .map_err(|e| e.to_string())
        })
        .await
        .unwrap_or_else(|e| Err(e.to_string()));
        match changed {
            Ok(true) => self.load(),
            Ok(false) => {}
            Err(e) => tracing::info!("the connections were not recorded this time: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_login_shown_is_the_embedded_channels_masked_value() {
        let connection: wire::Connection = serde_json::from_value(serde_json::json!({
            "id": "1", "channels": [
                {"channel_definition_id": "102201", "mode": "REDIRECT", "credentials": []},
                {"channel_definition_id": "13400", "mode": "EMBEDDED",
                 "credentials": [{"id": "300", "masked_value": "**e\u{1b}[31mv"}]}
            ]
        }))
        .unwrap();
        assert_eq!(masked_login(&connection).as_deref(), Some("**ev"));
    }
}
