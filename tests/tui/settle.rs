//! The tests' stand-in for the runner's transactions reader: a store per test thread (the
//! dashboard fixture writes its rows there) and [`settle`], which performs the transactions
//! view's reads (`ReadTxWindow`, `CountTx`, `ReadTxFacts`) with the runner's own function
//! (`coffre::tasks::tx_window::perform`) and feeds the answers back, until no read is left —
//! synchronously, so a test sees the rows as a person would a moment later.

use std::cell::RefCell;

use coffre::app::{Command, Model, Msg, update};
use coffre::store::Store;
use coffre::tasks::tx_window::perform;

thread_local! {
    /// This test's store (and the directory it lives in), once a dashboard was opened.
    static STORE: RefCell<Option<(tempfile::TempDir, Store)>> = const { RefCell::new(None) };
}

/// This test's store from now on (the fixture writes its rows there first).
pub fn use_store(dir: tempfile::TempDir, store: Store) {
    STORE.with(|s| *s.borrow_mut() = Some((dir, store)));
}

/// Calls `f` with this test's store (an empty one if none was set).
pub fn with_store<T>(f: impl FnOnce(&Store) -> T) -> T {
    STORE.with(|s| {
        let mut s = s.borrow_mut();
        let (_, store) = s.get_or_insert_with(empty_store);
        f(store)
    })
}

/// A new empty store in a temporary directory.
pub fn empty_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = Store::open(&dir.path().join("store.sqlite")).expect("a store");
    (dir, store)
}

/// Is this a read of the transactions view?
pub fn is_tx_read(command: &Command) -> bool {
    matches!(
        command,
        Command::ReadTxWindow { .. } | Command::CountTx { .. } | Command::ReadTxFacts { .. }
    )
}

/// Performs the transactions view's reads among `commands` (and those their answers ask for)
/// on this test's store, until none is left; returns the other commands.
pub fn settle(model: &mut Model, commands: Vec<Command>) -> Vec<Command> {
    let (reads, mut others): (Vec<_>, Vec<_>) = commands.into_iter().partition(is_tx_read);
    let mut queue = reads;
    while !queue.is_empty() {
        let answers: Vec<Msg> = queue.drain(..).filter_map(|c| answer(&c)).collect();
        for answer in answers {
            let (reads, rest): (Vec<_>, Vec<_>) =
                update(model, answer).into_iter().partition(is_tx_read);
            queue.extend(reads);
            others.extend(rest);
        }
    }
    others
}

/// The answer to one read, from this test's store (an empty one if none was set).
pub fn answer(command: &Command) -> Option<Msg> {
    STORE.with(|s| {
        let mut s = s.borrow_mut();
        let (_, store) = s.get_or_insert_with(empty_store);
        perform(store, command).map(Msg::Api)
    })
}
