//! Deleting a German bank from the dashboard (`d`, then `y`): its finX link is forgotten (the
//! refresh token removed where it lives, the OS keyring entry included:
//! `sync::finx::token_place::forget_link`), then the bank and everything under it leaves the
//! store, and the dashboard is read again. Nothing is asked of Oxlin, which never knew it.
//!
//! Docs gap (ours): finx-api.md names no call that revokes a one-time access, so none is made;
//! the access ends by itself 90 days after its last refresh. A keyring that cannot be reached
//! stops the deletion before anything is removed, with what to do.

use rust_i18n::t;

use crate::app::ApiEvent;
use crate::domain::{CallFailure, ConnectionId};
use crate::store::Store;
use crate::sync::finx::token_place::forget_link;
use crate::tasks::Runner;

impl Runner {
    /// Deletes the German bank `connection`: its link, then its data in the store.
    pub(crate) fn delete_german_bank(&self, connection: ConnectionId) {
        let runner = self.clone();
        self.sender
            .spawn_blocking("deleting a German bank", move || {
                match runner.forget_german_bank(&connection) {
                    Ok(()) => {
                        let done = t!("notice.bank_deleted", locale = runner.sender.lang().code());
                        runner.sender.api(ApiEvent::Notice(done.into()));
                    }
                    Err(why) => runner.sender.api(ApiEvent::Failed {
                        connection: Some(connection.clone()),
                        error: CallFailure::Rejected(why),
                    }),
                }
                runner.local().load();
            });
    }

    fn forget_german_bank(&self, connection: &ConnectionId) -> Result<(), String> {
        let path = self
            .options
            .store
            .clone()
            .ok_or("coffre has no local store")?;
        let mut store = Store::open(&path).map_err(|e| e.to_string())?;
        if let Some(config) = self.finx_config() {
            let links = store
                .finx_links(&config.api_url, &config.client_id)
                .map_err(|e| e.to_string())?;
            let of_bank = links
                .into_iter()
                .filter(|l| l.access_id.as_deref() == Some(connection.raw()));
            for link in of_bank {
                forget_link(&store, &link.owner).map_err(|e| e.to_string())?;
            }
        }
        store
            .delete_connection(connection)
            .map(drop)
            .map_err(|e| e.to_string())
    }
}
