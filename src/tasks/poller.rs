//! The queue poller: one background task per session that polls the user's queue on a
//! `tokio::time::interval` (`MissedTickBehavior::Delay`: a slow poll pushes the next one back
//! rather than firing a burst) and turns each event into `Msg::Api(..)`, tagged with the
//! generation the app gave the connection in `Command::PollQueue`. Dropping the [`Poller`]
//! cancels the task.
//!
//! The queue is subscribed at login, before any connection exists, so no event is missed; an
//! event for a connection the app does not watch yet (its `PollQueue` is still on the way) is
//! kept in a small backlog and delivered once it is watched.
//!
//! What each event means (a sync step, a challenge, a consent request) is [`translate`]'s.
//!
//! With a local store, a sync's `Done` is sent only after the connection was fetched and written
//! to the store in one transaction ([`crate::tasks::store_sync`]); a failed write turns it into
//! a failure, the store unchanged. A failed poll reaches the status line once per run of
//! failures (and the dashboard's OFFLINE badge when the host is unreachable), not every tick;
//! an expired saved session (`OxlinError::SessionExpired`) is said once and ends the polling.

mod translate;
mod watched;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::task::AbortHandle;
use tokio::time::MissedTickBehavior;

use crate::app::ApiEvent;
use crate::domain::{ChannelHealth, ConnectionId, SyncStep};
use crate::oxlin::client::Client;
use crate::oxlin::to_domain;
use crate::sanitize::clean_line;
use crate::tasks::sender::MsgSender;
use crate::tasks::store_sync::StoreTarget;
use translate::translate;
use watched::{Watched, ready};

/// The running poller of one session; dropping it stops the task.
#[derive(Debug)]
pub struct Poller {
    watched: Arc<Mutex<Watched>>,
    task: AbortHandle,
}

impl Drop for Poller {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Poller {
    /// Starts polling `queue` every `every`.
    /// With `store`, a connection's sync is written there before its `Done` is sent.
    pub fn start(
        client: Client,
        queue: String,
        sender: MsgSender,
        every: Duration,
        store: Option<StoreTarget>,
    ) -> Self {
        let watched = Arc::new(Mutex::new(Watched::default()));
        let shared = Arc::clone(&watched);
        let task = sender
            .clone()
            .spawn("polling the bank's queue", async move {
                let mut ticker = tokio::time::interval(every);
                ticker.set_missed_tick_behavior(MissedTickBehavior::Delay);
                let mut failing = false;
                while !sender.is_closed() {
                    ticker.tick().await;
                    let fresh = match client.poll(&queue).await {
                        Ok(events) => events,
                        Err(e @ crate::oxlin::error::OxlinError::SessionExpired(_)) => {
                            // Dead for good: said once, never polled (nor refreshed) again.
                            tracing::warn!("queue polling stops: {e}");
                            sender.api(ApiEvent::Failed {
                                connection: None,
                                error: to_domain::call_failure(&e),
                            });
                            break;
                        }
                        Err(e) => {
                            tracing::warn!("queue poll failed: {e}");
                            if !failing {
                                poll_failed(&sender, &e);
                            }
                            failing = true;
                            continue;
                        }
                    };
                    if std::mem::take(&mut failing) {
                        sender.api(ApiEvent::Connectivity { online: true });
                    }
                    for (event, connection, generation) in ready(&shared, fresh) {
                        for msg in translate(&client, &event, connection, generation).await {
                            deliver(&client, &sender, store.as_ref(), msg);
                        }
                    }
                }
            });
        Poller {
            watched,
            task: task.abort_handle(),
        }
    }

    /// Delivers `connection`'s events from now on, tagged with `generation`.
    pub fn watch(&self, connection: ConnectionId, generation: u64) {
        if let Ok(mut w) = self.watched.lock() {
            w.generations.insert(connection, generation);
        }
    }

    /// Delivers `connection`'s events from now on, tagged with `generation`, and forgets the
    /// ones kept while it was not watched: they belong to an earlier sync (a sync started by
    /// `SyncNow` begins after this call, so none of its events can be in the backlog yet).
    pub fn watch_fresh(&self, connection: ConnectionId, generation: u64) {
        if let Ok(mut w) = self.watched.lock() {
            w.watch_fresh(connection, generation);
        }
    }

    /// Stops delivering `connection`'s events.
    pub fn unwatch(&self, connection: &ConnectionId) {
        if let Ok(mut w) = self.watched.lock() {
            w.generations.remove(connection);
        }
    }
}

/// Tells the app a poll failed (the first of a run of failures).
fn poll_failed(sender: &MsgSender, e: &crate::oxlin::error::OxlinError) {
    let error = to_domain::call_failure(e);
    if error == crate::domain::CallFailure::Unreachable {
        sender.api(ApiEvent::Connectivity { online: false });
    }
    sender.api(ApiEvent::Failed {
        connection: None,
        error: crate::domain::CallFailure::Rejected(
            rust_i18n::t!(
                "notice.poll_failed",
                locale = sender.lang().code(),
                why = crate::wording::failures::call_failure(&error, sender.lang())
            )
            .into(),
        ),
    });
}

/// Sends `msg`; a sync's `Done` waits until the connection is written to the store.
fn deliver(client: &Client, sender: &MsgSender, store: Option<&StoreTarget>, msg: ApiEvent) {
    match (store, msg) {
        (
            Some(store),
            ApiEvent::SyncProgressed {
                connection,
                generation,
                step: SyncStep::Done,
            },
        ) => save_then_done(client, sender, Some(store), connection, generation),
        (_, msg) => sender.api(msg),
    }
}

/// Writes `connection` to the store (when there is one), then tells the app its sync of
/// `generation` is done; a failed write ends it as failed instead, the store unchanged.
pub(crate) fn save_then_done(
    client: &Client,
    sender: &MsgSender,
    store: Option<&StoreTarget>,
    connection: ConnectionId,
    generation: u64,
) {
    let msg = ApiEvent::SyncProgressed {
        connection: connection.clone(),
        generation,
        step: SyncStep::Done,
    };
    let Some(store) = store else {
        sender.api(msg);
        return;
    };
    let (client, sender, store) = (client.clone(), sender.clone(), store.clone());
    sender.clone().spawn("saving a sync", async move {
        let counts = Some(sender.clone());
        let saved = crate::tasks::store_sync::save_connection_counting(
            client,
            store,
            connection.clone(),
            counts,
        )
        .await;
        match saved {
            Ok(saved) => {
                if let Some(what) = saved.attention {
                    let code = sender.lang().code();
                    let said = rust_i18n::t!("notice.synced_but", locale = code, what = what);
                    sender.api(ApiEvent::Notice(said.into()));
                }
                sender.api(msg);
            }
            Err(e) => {
                let code = sender.lang().code();
                let why = rust_i18n::t!("notice.not_saved", locale = code, why = e);
                let why = clean_line(&why);
                sender.api(ApiEvent::SyncProgressed {
                    connection: connection.clone(),
                    generation,
                    step: SyncStep::Failed(ChannelHealth::Other(why.clone())),
                });
                sender.api(ApiEvent::Failed {
                    connection: Some(connection),
                    error: crate::domain::CallFailure::Rejected(
                        rust_i18n::t!("notice.sync_not_saved", locale = code, why = why).into(),
                    ),
                });
            }
        }
    });
}
