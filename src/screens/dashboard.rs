//! The dashboard: the screen users live in. Two views switched with `Tab`: the accounts (grouped
//! by bank, with totals, statuses and badges; `accounts.rs`) and the transactions (sortable,
//! searchable, filterable, with a detail pane; `transactions.rs`, `transactions_view.rs`). The
//! data arrives as a [`DashboardData`] from the store, whole or in two stages (accounts first,
//! the compact transactions a moment later: [`Dashboard::load_transactions`]); keys
//! (`keys.rs`) return a [`DashboardAction`] the app turns into commands; `frame.rs` draws.
//! A third view, the charts (`v`; `charts.rs`), draws balances and spending the store summed.
//! Pure: no IO, no clock.
//!
//! Docs gap (ours): deleting a connection asks `y/n` first; `e` opens the export dialog
//! (`crate::screens::export_dialog`) for what is on screen: the transactions view's rows as
//! searched, filtered and sorted, or everything from the accounts view.

mod accounts;
mod bank_detail;
mod bank_line;
mod charts;
mod export_scope;
pub mod filter_bar;
mod frame;
pub mod history;
mod keys;
mod order;
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
use crate::store::read_model::{AccountSummary, ConnectionSummary};
pub use crate::store::read_model::{DashboardData, Transactions};
use crate::ui::widgets::key_hints::KeyHint;
use query::TxTable;
use transactions::TxView;

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
    /// Weekly balance history per account.
    histories: Vec<Vec<Decimal>>,
    /// The histories came with the data (else they are derived from the rows).
    histories_given: bool,
    table: TxTable,
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
    /// The transactions are being read (the accounts are shown).
    pub transactions_loading: bool,
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
}

impl std::fmt::Debug for Dashboard {
    /// Counts, not the whole history.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dashboard")
            .field("tab", &self.tab)
            .field("connections", &self.connections.len())
            .field("accounts", &self.accounts.len())
            .field("transactions", &self.table.len())
            .field("shown", &self.tx.shown.len())
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

    /// Takes a fresh load from the store (bank text sanitised), keeping the view's settings.
    /// When the transactions are still to come, the rows loaded before stay until they do.
    pub fn load(&mut self, data: DashboardData) {
        let DashboardData {
            mut connections,
            mut accounts,
            transactions,
            histories,
            transactions_to_come,
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
        self.histories_given = histories.is_some();
        self.histories = histories.unwrap_or_default();
        self.picks = self.build_picks();
        self.account_cursor = self.account_cursor.min(self.picks.len().saturating_sub(1));
        self.loading = false;
        self.error = None;
        self.transactions_loading = transactions_to_come;
        if transactions_to_come {
            let (ids, names) = account_keys(&self.accounts);
            self.table.set_accounts(&ids, &names);
            if !self.histories_given {
                self.histories = history::balance_histories(&self.accounts, &self.table);
            }
            self.tx.recompute(&self.table);
        } else {
            self.load_transactions(transactions);
        }
    }

    /// Takes the transactions, read after the rest (see [`DashboardData::transactions_to_come`]).
    pub fn load_transactions(&mut self, transactions: Transactions) {
        let (ids, names) = account_keys(&self.accounts);
        self.table = TxTable::new(transactions, &ids, &names);
        if !self.histories_given {
            self.histories = history::balance_histories(&self.accounts, &self.table);
        }
        if self
            .tx
            .filter
            .account
            .is_some_and(|a| a as usize >= self.accounts.len())
        {
            self.tx.filter.account = None;
        }
        self.tx.recompute(&self.table);
        self.transactions_loading = false;
    }

    /// Reading the transactions failed (the rest is shown).
    pub fn transactions_failed(&mut self, why: &str) {
        self.transactions_loading = false;
        self.error = Some(clean(why));
    }

    /// The user is typing a search or a filter (letters must not quit or open help).
    pub fn is_typing(&self) -> bool {
        self.export.is_some() || self.tab == Tab::Transactions && self.tx.is_typing()
    }

    /// How many transactions are loaded.
    pub fn transaction_count(&self) -> usize {
        self.table.len()
    }

    /// Every connection's id and bank name.
    pub fn connection_names(&self) -> impl Iterator<Item = (&ConnectionId, &str)> {
        self.connections.iter().map(|c| (c.id(), c.bank()))
    }
}

/// The accounts' ids and names, same order.
fn account_keys(accounts: &[AccountSummary]) -> (Vec<&str>, Vec<&str>) {
    let ids = accounts.iter().map(|a| a.id().key()).collect();
    let names = accounts.iter().map(|a| a.account.name.as_str()).collect();
    (ids, names)
}
