//! The dashboard: the screen users live in. Two views switched with `Tab`: the accounts (grouped
//! by bank, with totals, statuses and badges; `accounts.rs`) and the transactions (sortable,
//! searchable, filterable, with a detail pane; `transactions.rs`, `transactions_view.rs`). The
//! data arrives as a [`DashboardData`] from the store (connections, accounts, histories); the
//! transactions view holds only a window of rows around its cursor, read from the store on
//! demand ([`Dashboard::tx_query`] says which; the answers come back through
//! [`Dashboard::tx_window_read`], [`Dashboard::tx_counted`], [`Dashboard::tx_facts_read`]); keys
//! (`keys.rs`) return a [`DashboardAction`] the app turns into commands; `frame.rs` draws.
//! A third view, the charts (`v`; `charts.rs`), draws balances and spending the store summed.
//! Pure: no IO, no clock.
//!
//! Docs gap (ours): deleting a connection asks `y/n` first; `e` opens the export dialog
//! (`crate::screens::export_dialog`) for what is on screen: the transactions view's rows as
//! searched, filtered and sorted, or everything from the accounts view.

mod account_columns;
mod accounts;
mod bank_detail;
mod bank_line;
mod charts;
mod clicks;
mod clip;
mod export_scope;
pub mod filter_bar;
mod frame;
mod keys;
mod picks;
pub mod query;
mod totals;
pub mod transactions;
mod transactions_view;

use rust_decimal::Decimal;

use crate::domain::{AccountId, AccountKind, ConnectionId, ConnectionState};
use crate::export::ExportRequest;
use crate::screens::clean;
use crate::screens::export_dialog::ExportDialog;
use crate::store::dashboard::TxFacts;
use crate::store::read_model::{AccountSummary, ConnectionSummary};
pub use crate::store::read_model::{DashboardData, Transactions};
use crate::store::window::{TxQuery, Window};
use crate::ui::widgets::key_hints::KeyHint;
use transactions::TxRead;
use transactions::TxView;

pub use clip::Copied;

/// Which of the two views is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// Accounts grouped by bank.
    #[default]
    Accounts,
    /// The transactions table.
    Transactions,
    /// The charts: balances over time and spending per month (`v`).
    Charts,
}

/// What a key asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DashboardAction {
    /// Nothing outside the dashboard.
    None,
    /// Sync every connection now.
    SyncAll,
    /// Give the credentials again (expiring, expired or refused).
    RenewCredentials(ConnectionId),
    /// Set up the bank's other channel on this connection (`c`).
    AddChannel(ConnectionId),
    /// Choose which waiting accounts to share.
    GiveConsent(ConnectionId),
    /// Archive (`true`) or unarchive an account.
    Archive(AccountId, bool),
    /// Delete a connection (confirmed).
    DeleteConnection(ConnectionId),
    /// Write this export (the dialog waits for the answer).
    Export(ExportRequest),
    /// Connect another bank.
    AddBank,
    /// Sync this one connection now (it needs an answer, or a retry).
    SyncOne(ConnectionId),
    /// Nothing to do: say this on the status line.
    Notice(String),
    /// Turn privacy mode on or off (`p`): amounts and IBANs masked on every screen.
    TogglePrivacy,
    /// Put `text` on the clipboard (`y`); `what` it is, for the status line.
    Copy {
        /// What is copied (the value itself may not be shown).
        what: Copied,
        /// The text copied.
        text: String,
    },
}

/// A question waiting for one more key.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Prompt {
    /// "Delete this connection? (y/n)".
    Delete(ConnectionId),
    /// A bank's details (its raw API status), until any key.
    Detail(ConnectionId),
}

/// The dashboard's state.
#[derive(Clone, Default)]
pub struct Dashboard {
    connections: Vec<ConnectionSummary>,
    accounts: Vec<AccountSummary>,
    /// For each account, its connection's index.
    connection_of: Vec<Option<usize>>,
    /// Accounts in display order (by bank, then as loaded).
    order: Vec<u32>,
    /// Weekly balance history per account (the store's loader computes them).
    histories: Vec<Vec<Decimal>>,
    /// The view on screen.
    pub tab: Tab,
    /// Where the cursor of the accounts view can stand (`picks.rs`).
    picks: Vec<picks::Pick>,
    /// Position in `picks` of the selection.
    account_cursor: usize,
    accounts_offset: usize,
    /// The transactions view.
    pub tx: TxView,
    /// The store is being read.
    pub loading: bool,
    /// Reading the store failed.
    pub error: Option<String>,
    /// The API cannot be reached: the store is shown as it is.
    pub offline: bool,
    /// Sync every connection as soon as this dashboard has loaded (asked for while loading).
    pub sync_when_loaded: bool,
    prompt: Option<Prompt>,
    /// The export dialog, while open.
    pub export: Option<ExportDialog>,
    /// The charts view's data and choices.
    pub charts: charts::ChartsView,
    /// Where the last frame drew the tabs and rows (mouse clicks, `clicks.rs`).
    hits: clicks::Hits,
}

impl std::fmt::Debug for Dashboard {
    /// Counts, not the whole history.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dashboard")
            .field("tab", &self.tab)
            .field("connections", &self.connections.len())
            .field("accounts", &self.accounts.len())
            .field("transactions", &self.tx.facts().map(|f| f.total))
            .field("shown", &self.tx.count())
            .field("loading", &self.loading)
            .field("offline", &self.offline)
            .finish()
    }
}

impl Dashboard {
    /// Keys of the accounts view.
    pub const ACCOUNT_KEYS: &[KeyHint] = &[
        ("Tab", "transactions"),
        ("v", "charts"),
        ("Enter", "open"),
        ("s", "sync"),
        ("r", "renew/fix"),
        ("e", "export"),
        ("x", "archive"),
        ("D", "delete bank"),
        ("i", "bank details"),
        ("a", "add bank"),
        ("c", "other channel"),
        ("↑↓ jk wheel", "move"),
        ("p", "privacy (hide amounts)"),
        ("y", "copy IBAN"),
        ("click", "select"),
    ];
    /// Keys of the transactions view.
    pub const TRANSACTION_KEYS: &[KeyHint] = &[
        ("/", "search"),
        ("f", "filter"),
        ("c", "category"),
        ("o O 1-6", "sort"),
        ("Enter", "detail"),
        ("Tab", "accounts"),
        ("Esc", "close/clear"),
        ("s", "sync"),
        ("e", "export"),
        ("↑↓ jk PgUp PgDn", "move"),
        ("g G Home End", "first/last"),
        ("wheel", "scroll"),
        ("p", "privacy (hide amounts)"),
        ("y", "copy label"),
        ("click", "select"),
    ];
    /// Keys of the charts view.
    pub const CHART_KEYS: &[KeyHint] = &[
        ("↑↓ jk", "account"),
        ("←→ hl", "category"),
        ("Esc v", "accounts"),
        ("Tab", "transactions"),
        ("s", "sync"),
    ];
    /// Keys of the export dialog.
    pub const EXPORT_KEYS: &[KeyHint] = &[
        ("Enter", "export"),
        ("Esc", "cancel"),
        ("Tab ↑↓", "format/file"),
        ("←→", "format"),
    ];

    /// A dashboard waiting for the store.
    pub fn loading() -> Self {
        Dashboard {
            loading: true,
            ..Default::default()
        }
    }

    /// The keys of the view on screen.
    pub fn keys(&self) -> &'static [KeyHint] {
        if self.export.is_some() {
            return Self::EXPORT_KEYS;
        }
        match self.tab {
            Tab::Accounts => Self::ACCOUNT_KEYS,
            Tab::Transactions => Self::TRANSACTION_KEYS,
            Tab::Charts => Self::CHART_KEYS,
        }
    }

    /// Takes a fresh load from the store (bank text sanitised), keeping the view's settings;
    /// the transactions view reads its window again.
    pub fn load(&mut self, data: DashboardData) {
        let DashboardData {
            mut connections,
            mut accounts,
            histories,
        } = data;
        for c in &mut connections {
            let c = &mut c.connection;
            c.name = clean(&c.name);
            if let ConnectionState::Other(s) = &mut c.state {
                *s = clean(s);
            }
        }
        for a in &mut accounts {
            let a = &mut a.account;
            a.name = clean(&a.name);
            if let Some(balance) = &mut a.balance {
                balance.currency = clean(&balance.currency);
            }
            a.iban = a.iban.as_deref().map(clean);
            a.owner = a.owner.as_deref().map(clean);
            if let AccountKind::Other(k) = &mut a.kind {
                *k = clean(k);
            }
        }
        self.connection_of = accounts
            .iter()
            .map(|a| {
                connections
                    .iter()
                    .position(|c| Some(c.id()) == a.connection_id())
            })
            .collect();
        let mut order: Vec<u32> = (0..accounts.len() as u32).collect();
        order.sort_by_key(|a| self.connection_of[*a as usize].unwrap_or(usize::MAX));
        self.order = order;
        self.connections = connections;
        self.accounts = accounts;
        self.histories = histories;
        self.picks = self.build_picks();
        self.account_cursor = self.account_cursor.min(self.picks.len().saturating_sub(1));
        self.loading = false;
        self.error = None;
        if let Some(key) = &self.tx.selection.account
            && self.account_of_key(key).is_none()
        {
            self.tx.selection.account = None;
        }
        self.tx.reload();
    }

    /// Which transactions the view shows, in which order, as the store reads them; category
    /// names sort in `lang`.
    pub fn tx_query(&self, lang: crate::i18n::Lang) -> TxQuery {
        TxQuery {
            selection: self.tx.selection.clone(),
            sort: self.tx.sort,
            language: lang.category_names(),
        }
    }

    /// The reads of the store the transactions view asked for since the last call.
    pub fn take_tx_reads(&mut self) -> Vec<TxRead> {
        self.tx.take_asks()
    }

    /// A window of transactions arrived (an old one is dropped; a failure is shown).
    pub fn tx_window_read(&mut self, generation: u64, rows: Result<Window, String>) {
        if let Err(why) = self.tx.window_read(generation, rows) {
            self.error = Some(clean(&why));
        }
    }

    /// The count of the transactions view's query arrived.
    pub fn tx_counted(&mut self, generation: u64, count: Result<usize, String>) {
        if let Err(why) = self.tx.counted(generation, count) {
            self.error = Some(clean(&why));
        }
    }

    /// The store's total and categories arrived.
    pub fn tx_facts_read(&mut self, generation: u64, facts: Result<TxFacts, String>) {
        if let Err(why) = self.tx.facts_read(generation, facts) {
            self.error = Some(clean(&why));
        }
    }

    /// The user is typing a search or a filter (letters must not quit or open help).
    pub fn is_typing(&self) -> bool {
        self.export.is_some() || self.tab == Tab::Transactions && self.tx.is_typing()
    }

    /// How many transactions the store holds (0 until read).
    pub fn transaction_count(&self) -> usize {
        self.tx.facts().map_or(0, |f| f.total)
    }

    /// The account whose id key is `key`.
    fn account_of_key(&self, key: &str) -> Option<&AccountSummary> {
        self.accounts.iter().find(|a| a.id().key() == key)
    }

    /// Every connection's id and bank name.
    pub fn connection_names(&self) -> impl Iterator<Item = (&ConnectionId, &str)> {
        self.connections.iter().map(|c| (c.id(), c.bank()))
    }
}

/// The accounts' id keys, in the dashboard's order (the filter's account choices).
fn account_keys(accounts: &[AccountSummary]) -> Vec<&str> {
    accounts.iter().map(|a| a.id().key()).collect()
}
