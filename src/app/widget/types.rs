//! The data of the browser waits (the page to open is [`crate::domain::WidgetPage`]): what the runner answers while the
//! browser is away ([`BrowserEvent`], carried by `Msg::Browser`) and what `update` asks of it
//! ([`BrowserCommand`], carried by `Command::Browser`).

use std::time::Duration;

use crate::domain::{CallFailure, ConnectionId, PageFailure, WidgetPage};

/// What a page that ended well did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetDone {
    /// The connection added or renewed (`None`: the terms page).
    pub connection: Option<ConnectionId>,
    /// Its bank's name (empty for the terms page).
    pub bank: String,
    /// Transactions written to the store that were not there before.
    pub new_transactions: usize,
}

/// The runner's news about a browser wait (the bank's website or an Oxlin page).
#[derive(Debug, Clone)]
pub enum BrowserEvent {
    /// The page to open is known; coffre waits for the browser at most `wait_for`.
    PageReady {
        /// The wait this answers.
        request: u64,
        /// The page's address.
        url: String,
        /// How long coffre waits (the screen's countdown).
        wait_for: Duration,
    },
    /// A pasted address is not this flow's answer: nothing changed, the wait goes on.
    PasteRefused {
        /// The wait this answers.
        request: u64,
        /// Why (worded with what to paste instead by `wording::page_failure`).
        reason: PageFailure,
    },
    /// The browser came back; coffre now waits for Oxlin (what it does, in words).
    Progress {
        /// The wait this answers.
        request: u64,
        /// The step, e.g. "Oxlin is reading your accounts…".
        step: String,
    },
    /// An Oxlin page's flow ended: the connection is synced into the store, or why not.
    Finished {
        /// The wait this answers.
        request: u64,
        /// What it did, or why it failed.
        result: Result<WidgetDone, CallFailure>,
    },
}

impl BrowserEvent {
    /// The wait this answers.
    pub fn request(&self) -> u64 {
        match self {
            BrowserEvent::PageReady { request, .. }
            | BrowserEvent::PasteRefused { request, .. }
            | BrowserEvent::Progress { request, .. }
            | BrowserEvent::Finished { request, .. } => *request,
        }
    }
}

/// What `update` asks of the runner about browser waits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrowserCommand {
    /// Create a widget session, open `page` with a loopback return, wait for the browser (or a
    /// pasted address), then for Oxlin, and sync the connection into the store (answered by
    /// `BrowserEvent`s tagged `request`; `CancelRedirect` stops it).
    OpenWidget {
        /// The id the answers carry.
        request: u64,
        /// The page.
        page: WidgetPage,
    },
    /// Link a German bank through the finX widget (a loopback return, the code exchanged, the
    /// link synced into the store), or renew the finX bank `renew`; answered by
    /// `BrowserEvent`s tagged `request`, `CancelRedirect` stops it.
    LinkGermanBank {
        /// The id the answers carry.
        request: u64,
        /// An IBAN that skips the bank choice in the widget.
        iban: Option<String>,
        /// The finX bank whose access is renewed (`None`: a new bank).
        renew: Option<ConnectionId>,
    },
    /// The address the browser ended on, pasted by the user, for wait `request`.
    Paste {
        /// The wait it is for.
        request: u64,
        /// What was pasted.
        address: String,
    },
    /// Put `text` on the terminal's clipboard (OSC 52).
    Copy {
        /// The text.
        text: String,
    },
}
