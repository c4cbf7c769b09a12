//! The connections the poller delivers events for, each with the generation the app gave it,
//! and the backlog of events of connections not watched yet (a new connection's events can
//! arrive before its `PollQueue`). A sync started by `SyncNow` is watched "fresh": the events
//! kept from before it belong to an earlier sync and are dropped, so the end of a sync left
//! running by an earlier coffre does not end the user's new one.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use crate::domain::ConnectionId;
use crate::oxlin::wire::Event;

/// Events kept for connections not watched yet; older ones are dropped beyond this.
const BACKLOG: usize = 256;

/// What the poller delivers, shared between the poller's task and the runner.
#[derive(Debug, Default)]
pub(super) struct Watched {
    /// The watched connections and the generation their events carry.
    pub(super) generations: HashMap<ConnectionId, u64>,
    /// Events of connections not watched (yet), oldest first.
    pub(super) backlog: VecDeque<Event>,
}

impl Watched {
    /// Watches `connection` under `generation`, dropping its backlogged events.
    pub(super) fn watch_fresh(&mut self, connection: ConnectionId, generation: u64) {
        self.backlog.retain(|event| {
            event
                .connection()
                .is_none_or(|c| ConnectionId::oxlin(&c.id) != connection)
        });
        self.generations.insert(connection, generation);
    }
}

/// Adds `fresh` to the backlog and takes out every event of a watched connection, in order.
pub(super) fn ready(shared: &Mutex<Watched>, fresh: Vec<Event>) -> Vec<(Event, ConnectionId, u64)> {
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
        shared.lock().unwrap().watch_fresh(c1, 9);
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
