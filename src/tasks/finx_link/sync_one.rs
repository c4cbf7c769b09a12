//! `s` on a German bank: its finX link synced from the TUI with the code of `coffre sync`
//! (`sync::finx`: the refresh token rotated and kept first, every account and transaction
//! read), its progress on the sync board (`ApiEvent::SyncProgressed`: syncing, then done or
//! failed with a typed reason, [`GermanSyncFailure`], worded in the UI's language with what to
//! do next by `crate::wording::german_sync`; a lost access says to renew it with `r`).
//!
//! Docs gap (ours): a refused sync whose cause has no class of its own (the sync lock held by
//! `coffre sync` past the TUI's patience, a store write refused, finX's error envelope) is
//! [`GermanSyncFailure::Refused`], quoting what was said.

use super::sync_link;
use crate::app::ApiEvent;
use crate::domain::SyncStep;
use crate::domain::{CallFailure, ChannelHealth, ConnectionId, GermanSyncFailure, PageFailure};
use crate::i18n::Lang;
use crate::sanitize::clean_line;
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
                Err(why) => SyncStep::Failed(ChannelHealth::German(why)),
            };
            runner.sender.api(step(done));
        });
    }

    async fn sync_finx_bank(&self, connection: &ConnectionId) -> Result<(), GermanSyncFailure> {
        let config = self.finx_config().ok_or(GermanSyncFailure::NotConfigured)?;
        let path = self
            .options
            .store
            .clone()
            .ok_or(GermanSyncFailure::NoStore)?;
        let unreadable = |e: crate::store::StoreError| {
            GermanSyncFailure::StoreUnreadable(clean_line(&e.to_string()))
        };
        let link = {
            let store = Store::open(&path).map_err(unreadable)?;
            let links = store
                .finx_links(&config.api_url, &config.client_id)
                .map_err(unreadable)?;
            links
                .into_iter()
                .find(|l| l.access_id.as_deref() == Some(connection.raw()))
                .ok_or(GermanSyncFailure::LinkGone)?
        };
        sync_link(&config, self.finx_tokens, path, link.owner.link_id, None)
            .await
            .map(|_| ())
            .map_err(|e| reason(e, self.sender.lang()))
    }
}

/// Why the sync of a German bank's link failed, from the failure the link's sync returned.
fn reason(failure: CallFailure, lang: Lang) -> GermanSyncFailure {
    use GermanSyncFailure as G;
    match failure {
        CallFailure::SessionExpired
        | CallFailure::Page(PageFailure::FinxAccessRefused | PageFailure::FinxCodeRefused) => {
            G::AccessLost
        }
        CallFailure::Unreachable => G::Unreachable,
        CallFailure::BadClientCredentials => G::ClientRefused,
        CallFailure::Rejected(why)
        | CallFailure::Internal(why)
        | CallFailure::Page(PageFailure::LinkedButNotRead(why) | PageFailure::FinxRefused(why)) => {
            G::Refused(why)
        }
        other => G::Refused(crate::wording::failures::call_failure(&other, lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_finx_access_says_renew_and_a_refusal_keeps_what_was_said() {
        let lost = CallFailure::Page(PageFailure::FinxAccessRefused);
        assert_eq!(reason(lost, Lang::En), GermanSyncFailure::AccessLost);
        assert_eq!(
            reason(CallFailure::SessionExpired, Lang::En),
            GermanSyncFailure::AccessLost
        );
        assert_eq!(
            reason(CallFailure::Unreachable, Lang::Fr),
            GermanSyncFailure::Unreachable
        );
        assert_eq!(
            reason(CallFailure::Rejected("quota".into()), Lang::Fr),
            GermanSyncFailure::Refused("quota".into())
        );
    }
}
