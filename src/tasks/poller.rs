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

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::task::AbortHandle;
use tokio::time::MissedTickBehavior;

use crate::app::ApiEvent;
use crate::domain::{ChannelHealth, ConnectionId, SyncStep};
use crate::oxlin::client::Client;
use crate::oxlin::to_domain;
use crate::oxlin::wire::Event;
use crate::sanitize::clean_line;
use crate::tasks::sender::MsgSender;
use crate::tasks::store_sync::StoreTarget;
use translate::translate;

/// Events kept for connections not watched yet; older ones are dropped beyond this.
const BACKLOG: usize = 256;

#[derive(Debug, Default)]
struct Watched {
    generations: HashMap<ConnectionId, u64>,
    backlog: VecDeque<Event>,
}

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
            forget(&mut w, &connection);
            w.generations.insert(connection, generation);
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
        error: crate::domain::CallFailure::Rejected(format!(
            "following the sync failed ({}); coffre keeps trying",
            crate::wording::failures::call_failure(&error)
        )),
    });
}

/// Drops the backlogged events of `connection`.
fn forget(w: &mut Watched, connection: &ConnectionId) {
    w.backlog.retain(|event| {
        event
            .connection()
            .is_none_or(|c| ConnectionId::oxlin(&c.id) != *connection)
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
        let saved =
            crate::tasks::store_sync::save_connection(client, store, connection.clone()).await;
        match saved {
            Ok(saved) => {
                if let Some(what) = saved.attention {
                    sender.api(ApiEvent::Notice(format!("Synced; {what}.")));
                }
                sender.api(msg);
            }
            Err(e) => {
                let why = clean_line(&format!("not saved: {e}"));
                sender.api(ApiEvent::SyncProgressed {
                    connection: connection.clone(),
                    generation,
                    step: SyncStep::Failed(ChannelHealth::Other(why.clone())),
                });
                sender.api(ApiEvent::Failed {
                    connection: Some(connection),
                    error: crate::domain::CallFailure::Rejected(format!(
                        "the sync was {why}; the dashboard shows the store as before"
                    )),
                });
            }
        }
    });
}

/// Adds `fresh` to the backlog and takes out every event of a watched connection, in order.
fn ready(shared: &Mutex<Watched>, fresh: Vec<Event>) -> Vec<(Event, ConnectionId, u64)> {
    let Ok(mut w) = shared.lock() else {
        return Vec::new();
    };
    w.backlog.extend(fresh);
    let mut out = Vec::new();
    let mut kept = VecDeque::new();
    while let Some(event) = w.backlog.pop_front() {
        let Some(connection) = event.connection().map(|c| ConnectionId::oxlin(&c.id)) else {
            continue;
        };
        match w.generations.get(&connection) {
            Some(&generation) => out.push((event, connection, generation)),
            None => kept.push_back(event),
        }
    }
    while kept.len() > BACKLOG {
        kept.pop_front();
    }
    w.backlog = kept;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str, connection: &str) -> Event {
        serde_json::from_value(serde_json::json!({
            "id": id, "event_type": "LIST_ACCOUNTS_STARTED", "resource_type": "CONNECTION",
            "resource": {"id": connection}
        }))
        .unwrap()
    }

    fn failed(id: &str, connection: &str) -> Event {
        serde_json::from_value(serde_json::json!({
            "id": id, "event_type": "SYNC_ALL_FAILED", "resource_type": "CONNECTION",
            "resource": {"id": connection},
            "sync_all_failed": {"status": "CHALLENGE_TIMED_OUT"}
        }))
        .unwrap()
    }

    #[test]
    fn a_new_sync_does_not_inherit_the_end_of_the_sync_before_it() {
        // Restarted while a sync waited for a code: its CHALLENGE_TIMED_OUT arrives while the
        // connection is not watched; the user's next `s` must not be ended by it.
        let shared = Mutex::new(Watched::default());
        assert!(ready(&shared, vec![failed("1", "c1"), event("2", "c2")]).is_empty());
        let c1 = ConnectionId::oxlin("c1");
        {
            let mut w = shared.lock().unwrap();
            forget(&mut w, &c1);
            w.generations.insert(c1, 9);
        }
        let ids: Vec<_> = ready(&shared, vec![event("3", "c1")])
            .iter()
            .map(|(e, _, g)| (e.id.clone(), *g))
            .collect();
        assert_eq!(ids, vec![("3".to_owned(), 9)]);
        assert_eq!(shared.lock().unwrap().backlog.len(), 1, "c2 still waits");
    }

    #[test]
    fn events_wait_until_their_connection_is_watched() {
        let shared = Mutex::new(Watched::default());
        let early = ready(&shared, vec![event("1", "c1"), event("2", "c2")]);
        assert!(early.is_empty());
        let c1 = ConnectionId::oxlin("c1");
        shared.lock().unwrap().generations.insert(c1, 7);
        let later = ready(&shared, vec![event("3", "c1")]);
        let ids: Vec<_> = later.iter().map(|(e, _, g)| (e.id.as_str(), *g)).collect();
        assert_eq!(ids, vec![("1", 7), ("3", 7)]);
        assert_eq!(shared.lock().unwrap().backlog.len(), 1, "c2 still waits");
    }
}
