//! The transactions view's reads, served off the UI task: [`Command::ReadTxWindow`],
//! [`Command::CountTx`] and [`Command::ReadTxFacts`] go to one thread that keeps **one**
//! read connection to the store open for the life of the app (never a `Store::open` per
//! keystroke), through a mailbox of one slot per kind of read: a newer read of a kind replaces
//! an older one not yet served (only the newest window, count and facts matter; the view drops
//! an answer to anything older anyway). Windows are served before counts, and a window of
//! another query asked while a count runs interrupts it (SQLite's interrupt; the count is
//! asked again after the window unless a newer one replaced it), so a slow count of an old
//! search never holds the new rows back; scrolling (windows of the same query) lets it finish.
//!
//! [`perform_with`] is the one function that turns such a command into its answer: the thread
//! calls it with the sorts' orders it keeps for the ranked search (`store::window::Ranks`,
//! read when a search first needs them, read again after the store changes), and [`perform`]
//! (the same without kept orders: a common search that walks give up on is read row by row)
//! serves the tests' synchronous "settle" helper and the benchmarks.
//!
//! Docs gap (ours): the connection opens on the first read (a store that does not exist yet is
//! created by `Store::open` as everywhere else); if it cannot be opened, each read is answered
//! with why, and the next read tries again.

use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use crate::app::{ApiEvent, Command};
use crate::store::Store;
use crate::store::dashboard::tx_facts;
use crate::store::window::{Ranks, TxQuery};
use crate::tasks::sender::MsgSender;

/// The answer to a read command of the transactions view (`None`: not such a command),
/// without kept orders.
pub fn perform(store: &Store, command: &Command) -> Option<ApiEvent> {
    perform_ranked(store, None, command)
}

/// [`perform`] with the orders `ranks` keeps between reads of `store`'s connection.
pub fn perform_with(store: &Store, ranks: &mut Ranks, command: &Command) -> Option<ApiEvent> {
    perform_ranked(store, Some(ranks), command)
}

fn perform_ranked(store: &Store, ranks: Option<&mut Ranks>, command: &Command) -> Option<ApiEvent> {
    Some(match command {
        Command::ReadTxWindow {
            generation,
            query,
            anchor,
            n,
        } => ApiEvent::TxWindowRead {
            generation: *generation,
            rows: match ranks {
                Some(ranks) => store.tx_window_ranked(ranks, query, anchor, *n),
                None => store.tx_window(query, anchor, *n),
            }
            .map(Box::new)
            .map_err(|e| e.to_string()),
        },
        Command::CountTx { generation, query } => ApiEvent::TxCounted {
            generation: *generation,
            count: store.tx_count(query).map_err(|e| e.to_string()),
        },
        Command::ReadTxFacts { generation } => ApiEvent::TxFactsRead {
            generation: *generation,
            facts: tx_facts(store).map_err(|e| e.to_string()),
        },
        _ => return None,
    })
}

/// What an unopenable store answers to `command`.
fn failed(command: &Command, why: String) -> Option<ApiEvent> {
    Some(match command {
        Command::ReadTxWindow { generation, .. } => ApiEvent::TxWindowRead {
            generation: *generation,
            rows: Err(why),
        },
        Command::CountTx { generation, .. } => ApiEvent::TxCounted {
            generation: *generation,
            count: Err(why),
        },
        Command::ReadTxFacts { generation } => ApiEvent::TxFactsRead {
            generation: *generation,
            facts: Err(why),
        },
        _ => return None,
    })
}

/// The newest read of each kind not served yet, and the count being served.
#[derive(Default)]
struct Mailbox {
    window: Option<Command>,
    count: Option<Command>,
    facts: Option<Command>,
    /// Stops the count being served, and its query (set while one runs).
    counting: Option<(rusqlite::InterruptHandle, TxQuery)>,
}

impl Mailbox {
    /// The next read to serve: a window first, then facts, then a count.
    fn take(&mut self) -> Option<Command> {
        self.window
            .take()
            .or_else(|| self.facts.take())
            .or_else(|| self.count.take())
    }
}

/// The reading thread's handle: cheap to clone, shared by the runner's clones.
#[derive(Clone, Default)]
pub struct TxReader {
    inner: Shared,
}

/// The mailbox (`None` until the thread starts) and the bell that wakes the thread.
type Shared = Arc<(Mutex<Option<Mailbox>>, Condvar)>;

impl std::fmt::Debug for TxReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TxReader")
    }
}

impl TxReader {
    /// Hands `command` (a read of the transactions view) to the reading thread, replacing an
    /// older read of its kind; starts the thread on first use, reading `store`.
    pub fn send(&self, command: Command, store: Option<PathBuf>, sender: &MsgSender) {
        let (lock, wake) = &*self.inner;
        let mut slot = lock.lock().unwrap_or_else(PoisonError::into_inner);
        let mailbox = slot.get_or_insert_with(|| {
            let inner = Arc::clone(&self.inner);
            let sender = sender.clone();
            std::thread::Builder::new()
                .name("tx-window".into())
                .spawn(move || serve(&inner, store, &sender))
                .map_err(|e| tracing::error!("cannot start the transactions reader: {e}"))
                .ok();
            Mailbox::default()
        });
        match &command {
            Command::ReadTxWindow { query, .. } => {
                // A window of another query (a new search): the running count is of no use.
                if mailbox.counting.as_ref().is_some_and(|(_, q)| q != query)
                    && let Some((count, _)) = mailbox.counting.take()
                {
                    count.interrupt();
                }
                mailbox.window = Some(command);
            }
            Command::CountTx { .. } => mailbox.count = Some(command),
            Command::ReadTxFacts { .. } => mailbox.facts = Some(command),
            _ => return,
        }
        wake.notify_one();
    }
}

/// The reading thread: waits for a read, serves it on its one connection, answers; ends once
/// no runner holds the reader any more (it looks every second while idle).
fn serve(inner: &Shared, path: Option<PathBuf>, sender: &MsgSender) {
    let (lock, wake) = &**inner;
    let mut store: Option<Store> = None;
    let mut ranks = Ranks::default();
    loop {
        let command = {
            let mut slot = lock.lock().unwrap_or_else(PoisonError::into_inner);
            loop {
                if let Some(c) = slot.as_mut().and_then(Mailbox::take) {
                    break c;
                }
                if Arc::strong_count(inner) == 1 {
                    return;
                }
                slot = wake
                    .wait_timeout(slot, Duration::from_secs(1))
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
        };
        if store.is_none() {
            let opened = path
                .as_ref()
                .ok_or_else(|| "no local store".to_string())
                .and_then(|p| Store::open(p).map_err(|e| e.to_string()));
            match opened {
                Ok(s) => {
                    store = Some(s);
                    // Orders are of one connection's reads (`data_version` is per connection).
                    ranks = Ranks::default();
                }
                Err(why) => {
                    if let Some(event) = failed(&command, why) {
                        sender.api(event);
                    }
                    continue;
                }
            }
        }
        let Some(store) = store.as_ref() else {
            continue;
        };
        let counted = match &command {
            Command::CountTx { query, .. } => Some(query.clone()),
            _ => None,
        };
        let is_count = counted.is_some();
        if let Some(query) = counted {
            let handle = (store.conn.get_interrupt_handle(), query);
            lock.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get_or_insert_with(Mailbox::default)
                .counting = Some(handle);
        }
        let event = perform_with(store, &mut ranks, &command);
        if is_count {
            let mut slot = lock.lock().unwrap_or_else(PoisonError::into_inner);
            let mailbox = slot.get_or_insert_with(Mailbox::default);
            let stopped = mailbox.counting.take().is_none();
            let failed = matches!(event, Some(ApiEvent::TxCounted { count: Err(_), .. }));
            if stopped && failed {
                // Stopped for a window: counted again afterwards, unless a newer count came.
                if mailbox.count.is_none() {
                    mailbox.count = Some(command);
                }
                continue;
            }
        }
        if let Some(event) = event {
            sender.api(event);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Msg;
    use crate::store::window::Anchor;

    #[test]
    fn the_reader_answers_a_window_and_a_count_from_its_own_thread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite");
        drop(Store::open(&path).unwrap());
        let (sender, mut answers) = MsgSender::channel();
        let reader = TxReader::default();
        let query = TxQuery::default();
        reader.send(
            Command::ReadTxWindow {
                generation: 7,
                query: query.clone(),
                anchor: Anchor::First,
                n: 10,
            },
            Some(path.clone()),
            &sender,
        );
        reader.send(
            Command::CountTx {
                generation: 8,
                query,
            },
            Some(path),
            &sender,
        );
        let mut seen = Vec::new();
        while seen.len() < 2 {
            match answers.blocking_recv() {
                Some(Msg::Api(ApiEvent::TxWindowRead { generation, rows })) => {
                    assert_eq!(rows.map(|w| w.rows.len()), Ok(0));
                    seen.push(generation);
                }
                Some(Msg::Api(ApiEvent::TxCounted { generation, count })) => {
                    assert_eq!(count, Ok(0));
                    seen.push(generation);
                }
                other => panic!("unexpected {other:?}"),
            }
        }
        seen.sort_unstable();
        assert_eq!(seen, [7, 8]);
    }
}
