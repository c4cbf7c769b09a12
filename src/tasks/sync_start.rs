//! A sync the server refuses to start because one already runs on the connection (a sync left
//! behind by an earlier coffre, a `coffre sync` from cron, the bank's own daily sync): that is
//! not a failure but a sync to wait for. The connection stays watched, so the queue's events of
//! the running sync (its end among them) reach the app under the generation of the user's `s`,
//! and the app's deadline bounds the wait ([`crate::app::progress::deadline`]).
//!
//! Docs gap (oxlin-api.md §11): the answer to `POST /connections/{id}/sync` while a job runs is
//! not published (the sandbox answers 409). Rather than read an unpublished error, a refused
//! sync asks the connection itself: `status` `RUNNING` (or a channel `RUNNING`) means "already
//! running".

use crate::app::ApiEvent;
use crate::domain::{ConnectionId, SyncStep};
use crate::oxlin::client::Client;
use crate::oxlin::wire::{ChannelStatus, ConnectionStatus};
use crate::tasks::MsgSender;

/// Whether a sync runs on `connection` at the server now (`false` when that cannot be read).
pub async fn already_running(client: &Client, connection: &ConnectionId) -> bool {
    client.connection(connection.raw()).await.is_ok_and(|c| {
        c.status == Some(ConnectionStatus::Running)
            || c.channels
                .iter()
                .any(|ch| ch.status == Some(ChannelStatus::Running))
    })
}

/// Tells the app its sync of `generation` follows the one already running.
pub fn follow_running(sender: &MsgSender, connection: ConnectionId, generation: u64) {
    tracing::info!("a sync already runs on {connection}: following it");
    sender.api(ApiEvent::SyncProgressed {
        connection,
        generation,
        step: SyncStep::Syncing,
    });
    let said = rust_i18n::t!("notice.following_running", locale = sender.lang().code());
    sender.api(ApiEvent::Notice(said.into()));
}
