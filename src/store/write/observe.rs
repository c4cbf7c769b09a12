//! Telling a caller, as a sync writes, how far it got: after each group of pages is committed
//! (`Store::apply_pages`), the store hands a [`PagesWritten`] to the observer set with
//! [`Store::observe_pages`] (none by default). `coffre sync` draws its progress line from it
//! (`crate::sync::progress_line`).
//!
//! The observer is called after the commit, never inside the store's transaction, so what it
//! reports is stored; it must be quick (it runs on the writer's thread).

use super::super::Store;
use crate::domain::{AccountId, ConnectionId};

/// One group of pages committed by `Store::apply_pages`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagesWritten {
    /// The connection the lines belong to.
    pub connection: ConnectionId,
    /// The bank's name, as the connection names it (sanitised by `to_domain`).
    pub bank: String,
    /// The account read.
    pub account: AccountId,
    /// Lines fetched and stored by this group.
    pub lines: usize,
    /// Of those, lines the store did not hold before.
    pub new: usize,
}

/// What [`Store::observe_pages`] sets: called once per committed group.
pub type PagesObserver = Box<dyn FnMut(&PagesWritten) + Send>;

/// The store's observer, if one is set (a field of `Store`, which derives `Debug`).
#[derive(Default)]
pub struct Observer(Option<PagesObserver>);

impl std::fmt::Debug for Observer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Observer(set)"
        } else {
            "Observer(none)"
        })
    }
}

impl Observer {
    /// Tells the observer, if any, about `written`.
    pub(in crate::store) fn tell(&mut self, written: &PagesWritten) {
        if let Some(observer) = &mut self.0 {
            observer(written);
        }
    }
}

impl Store {
    /// Calls `observer` after each group of pages this store commits (replacing any observer
    /// set before).
    pub fn observe_pages(&mut self, observer: PagesObserver) {
        self.observer = Observer(Some(observer));
    }
}
