//! `s` on a German bank: its finX link synced from the TUI with the code of `coffre sync`
//! (`sync::finx`: the refresh token rotated and kept first, every account and transaction
//! read), its progress on the sync board (`ApiEvent::SyncProgressed`: syncing, then done or
//! failed with a sentence; a lost access says to renew it with `r`).

use super::sync_link;
use crate::app::ApiEvent;
use crate::domain::{CallFailure, ChannelHealth, ConnectionId, SyncStep};
use crate::store::Store;
use crate::tasks::Runner;

impl Runner {
    /// Syncs the German bank `connection`, its progress tagged `generation`.
    pub(crate) fn sync_german_bank(&self, connection: ConnectionId, generation: u64) {
        let runner = self.clone();
        self.sender.spawn("syncing a German bank", async move {
            let step = |step| ApiEvent::SyncProgressed {
                connection: connection.clone(),
                generation,
                step,
            };
            runner.sender.api(step(SyncStep::Syncing));
            let done = match runner.sync_finx_bank(&connection).await {
                Ok(()) => SyncStep::Done,
                Err(why) => SyncStep::Failed(ChannelHealth::Other(why)),
            };
            runner.sender.api(step(done));
        });
    }

    async fn sync_finx_bank(&self, connection: &ConnectionId) -> Result<(), String> {
        let config = self
            .finx_config()
            .ok_or("German banks need a [finx] section in the configuration")?;
        let path = self
            .options
            .store
            .clone()
            .ok_or("coffre has no local store")?;
        let link = {
            let store = Store::open(&path).map_err(|e| e.to_string())?;
            let links = store
                .finx_links(&config.api_url, &config.client_id)
                .map_err(|e| e.to_string())?;
            links
                .into_iter()
                .find(|l| l.access_id.as_deref() == Some(connection.raw()))
                .ok_or("this bank's finX link is not in the store; add it again (a)")?
        };
        sync_link(&config, self.finx_tokens, path, link.owner.link_id, None)
            .await
            .map(|_| ())
            .map_err(|e| match e {
                CallFailure::Rejected(why) => why,
                other => crate::wording::failures::call_failure(&other, self.sender.lang()),
            })
    }
}
