//! The dashboard: the screen users live in. Two views switched with `Tab`: the accounts (grouped
//! by bank, with totals, statuses and badges; `accounts.rs`) and the transactions (sortable,
//! searchable, filterable, with a detail pane; `transactions.rs`, `transactions_view.rs`). The
//! data arrives whole as a [`DashboardData`] from the store; keys return a [`DashboardAction`]
//! the app turns into commands. Pure: no IO, no clock.
//!
//! Docs gap (ours): deleting a connection asks `y/n` first; `e` asks for the export format with
//! one more key (`c` CSV, `l` ledger, `b` beancount, `o` OFX) and exports the account the view
//! is scoped to, or everything.

mod accounts;
pub mod data;
pub mod filter_bar;
pub mod history;
pub mod query;
pub mod transactions;
mod transactions_view;

use crossterm::event::{KeyCode, KeyEvent, MouseEvent, MouseEventKind};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};
use rust_decimal::Decimal;

use crate::screens::syncing::SyncBoard;
use crate::screens::{ViewCtx, clean};
use crate::ui::widgets::key_hints::KeyHint;
use crate::ui::widgets::spinner::spinner_frame;
pub use data::DashboardData;
use data::{AccountSummary, ConnectionStatus, ConnectionSummary, TransactionRow};
use query::TxTable;
use transactions::{TxAction, TxView};

/// Which of the two views is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// Accounts grouped by bank.
    #[default]
    Accounts,
    /// The transactions table.
    Transactions,
}

/// An export format the user can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Comma-separated values.
    Csv,
    /// ledger / hledger journal.
    Ledger,
    /// beancount.
    Beancount,
    /// OFX.
    Ofx,
}

/// What a key asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DashboardAction {
    /// Nothing outside the dashboard.
    None,
    /// Sync every connection now.
    SyncAll,
    /// Give the credentials again (expiring, expired or refused).
    RenewCredentials(String),
    /// Choose which waiting accounts to share.
    GiveConsent(String),
    /// Archive (`true`) or unarchive an account.
    Archive(String, bool),
    /// Delete a connection (confirmed).
    DeleteConnection(String),
    /// Export, everything or one account.
    Export(ExportFormat, Option<String>),
    /// Connect another bank.
    AddBank,
}

/// A question waiting for one more key.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Prompt {
    /// "Delete this connection? (y/n)".
    Delete(String),
    /// "Export as: c/l/b/o".
    Export,
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
    table: TxTable,
    /// The view on screen.
    pub tab: Tab,
    /// Position in `order` of the selected account.
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
    prompt: Option<Prompt>,
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
        ("Enter", "open"),
        ("s", "sync"),
        ("r", "renew/fix"),
        ("e", "export"),
        ("x", "archive"),
        ("D", "delete bank"),
        ("a", "add bank"),
        ("↑↓ jk", "move"),
    ];
    /// Keys of the transactions view.
    pub const TRANSACTION_KEYS: &[KeyHint] = &[
        ("/", "search"),
        ("f", "filter"),
        ("o O 1-6", "sort"),
        ("Enter", "detail"),
        ("Tab", "accounts"),
        ("Esc", "close/clear"),
        ("s", "sync"),
        ("e", "export"),
        ("↑↓ jk PgUp PgDn", "move"),
        ("g G Home End", "first/last"),
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
        match self.tab {
            Tab::Accounts => Self::ACCOUNT_KEYS,
            Tab::Transactions => Self::TRANSACTION_KEYS,
        }
    }

    /// Takes a fresh load from the store (bank text sanitised), keeping the view's settings.
    pub fn load(&mut self, data: DashboardData) {
        let DashboardData {
            mut connections,
            mut accounts,
            mut transactions,
        } = data;
        for c in &mut connections {
            c.bank = clean(&c.bank);
            if let ConnectionStatus::Other(s) = &mut c.status {
                *s = clean(s);
            }
        }
        for a in &mut accounts {
            a.name = clean(&a.name);
            a.currency = clean(&a.currency);
            a.iban = a.iban.as_deref().map(clean);
            a.owner = a.owner.as_deref().map(clean);
            if let data::AccountKind::Other(k) = &mut a.kind {
                *k = clean(k);
            }
        }
        transactions.iter_mut().for_each(clean_row);
        self.connection_of = accounts
            .iter()
            .map(|a| connections.iter().position(|c| c.id == a.connection_id))
            .collect();
        let mut order: Vec<u32> = (0..accounts.len() as u32).collect();
        order.sort_by_key(|a| self.connection_of[*a as usize].unwrap_or(usize::MAX));
        self.order = order;
        let ids: Vec<&str> = accounts.iter().map(|a| a.id.as_str()).collect();
        let names: Vec<&str> = accounts.iter().map(|a| a.name.as_str()).collect();
        self.table = TxTable::new(transactions, &ids, &names);
        self.histories =
            history::balance_histories(&accounts, &self.table.rows, &self.table.account_of);
        self.connections = connections;
        self.accounts = accounts;
        self.account_cursor = self.account_cursor.min(self.order.len().saturating_sub(1));
        if self
            .tx
            .filter
            .account
            .is_some_and(|a| a as usize >= self.accounts.len())
        {
            self.tx.filter.account = None;
        }
        self.tx.recompute(&self.table);
        self.loading = false;
        self.error = None;
    }

    /// The user is typing a search or a filter (letters must not quit or open help).
    pub fn is_typing(&self) -> bool {
        self.tab == Tab::Transactions && self.tx.is_typing()
    }

    /// How many transactions are loaded.
    pub fn transaction_count(&self) -> usize {
        self.table.len()
    }

    /// Every connection's id and bank name.
    pub fn connection_names(&self) -> impl Iterator<Item = (&str, &str)> {
        self.connections
            .iter()
            .map(|c| (c.id.as_str(), c.bank.as_str()))
    }

    fn selected_account(&self) -> Option<u32> {
        self.order.get(self.account_cursor).copied()
    }

    fn selected_connection(&self) -> Option<&ConnectionSummary> {
        let a = self.selected_account()?;
        self.connection_of[a as usize].and_then(|c| self.connections.get(c))
    }

    /// Handles a key.
    pub fn on_key(&mut self, key: KeyEvent) -> DashboardAction {
        if let Some(prompt) = self.prompt.take() {
            return self.answer_prompt(prompt, key);
        }
        if self.is_typing() {
            self.tx.on_key(key, &self.table, self.accounts.len() as u32);
            return DashboardAction::None;
        }
        match key.code {
            KeyCode::Tab | KeyCode::BackTab => {
                self.tab = match self.tab {
                    Tab::Accounts => Tab::Transactions,
                    Tab::Transactions => Tab::Accounts,
                };
                return DashboardAction::None;
            }
            KeyCode::Char('s') => return DashboardAction::SyncAll,
            KeyCode::Char('e') => {
                self.prompt = Some(Prompt::Export);
                return DashboardAction::None;
            }
            _ => {}
        }
        match self.tab {
            Tab::Accounts => self.accounts_key(key),
            Tab::Transactions => {
                if self.tx.on_key(key, &self.table, self.accounts.len() as u32) == TxAction::Back {
                    self.tab = Tab::Accounts;
                }
                DashboardAction::None
            }
        }
    }

    fn accounts_key(&mut self, key: KeyEvent) -> DashboardAction {
        let last = self.order.len().saturating_sub(1);
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => {
                self.account_cursor = self.account_cursor.saturating_sub(1)
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.account_cursor = (self.account_cursor + 1).min(last)
            }
            KeyCode::Home | KeyCode::Char('g') => self.account_cursor = 0,
            KeyCode::End | KeyCode::Char('G') => self.account_cursor = last,
            KeyCode::Enter => {
                if let Some(a) = self.selected_account() {
                    self.tx.scope(&self.table, Some(a));
                    self.tab = Tab::Transactions;
                }
            }
            KeyCode::Char('a') => return DashboardAction::AddBank,
            KeyCode::Char('x') => {
                if let Some(a) = self
                    .selected_account()
                    .and_then(|a| self.accounts.get(a as usize))
                {
                    return DashboardAction::Archive(a.id.clone(), !a.archived);
                }
            }
            KeyCode::Char('D') => {
                if let Some(c) = self.selected_connection() {
                    self.prompt = Some(Prompt::Delete(c.id.clone()));
                }
            }
            KeyCode::Char('r') => return self.fix_selected(),
            _ => {}
        }
        DashboardAction::None
    }

    /// The action the selected account's connection needs (`r`).
    fn fix_selected(&self) -> DashboardAction {
        let Some(c) = self.selected_connection() else {
            return DashboardAction::None;
        };
        let expiring = c.credentials_expire.is_some();
        match (&c.status, c.accounts_pending_consent) {
            (ConnectionStatus::AuthFailed, _) => DashboardAction::RenewCredentials(c.id.clone()),
            (_, n) if n > 0 => DashboardAction::GiveConsent(c.id.clone()),
            _ if expiring => DashboardAction::RenewCredentials(c.id.clone()),
            _ => DashboardAction::None,
        }
    }

    fn answer_prompt(&mut self, prompt: Prompt, key: KeyEvent) -> DashboardAction {
        match (prompt, key.code) {
            (Prompt::Delete(c), KeyCode::Char('y')) => DashboardAction::DeleteConnection(c),
            (Prompt::Export, KeyCode::Char(c)) => {
                let format = match c {
                    'c' => ExportFormat::Csv,
                    'l' => ExportFormat::Ledger,
                    'b' => ExportFormat::Beancount,
                    'o' => ExportFormat::Ofx,
                    _ => return DashboardAction::None,
                };
                let account = match self.tab {
                    Tab::Transactions => self.tx.filter.account,
                    Tab::Accounts => None,
                };
                let id = account
                    .and_then(|a| self.accounts.get(a as usize))
                    .map(|a| a.id.clone());
                DashboardAction::Export(format, id)
            }
            _ => DashboardAction::None,
        }
    }

    /// The mouse wheel scrolls the view on screen.
    pub fn on_mouse(&mut self, event: MouseEvent) {
        let delta = match event.kind {
            MouseEventKind::ScrollDown => 3,
            MouseEventKind::ScrollUp => -3,
            _ => return,
        };
        match self.tab {
            Tab::Transactions => self.tx.move_by(delta),
            Tab::Accounts => {
                let last = self.order.len().saturating_sub(1);
                self.account_cursor = self.account_cursor.saturating_add_signed(delta).min(last);
            }
        }
    }

    /// Draws the dashboard; `sync` tells which connections are syncing.
    pub fn render(&mut self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx, sync: &SyncBoard) {
        let [tabs, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        self.render_tabs(tabs, buf, ctx);
        let message = if self.loading {
            Some(Line::styled(
                format!("{} Reading the store…", spinner_frame(ctx.now)),
                ctx.theme.text,
            ))
        } else if let Some(e) = &self.error {
            Some(Line::styled(
                format!("The store could not be read: {e}"),
                ctx.theme.error,
            ))
        } else if self.accounts.is_empty() && self.connections.is_empty() {
            Some(Line::styled(
                "No bank yet: press a to connect one.",
                ctx.theme.dim,
            ))
        } else {
            None
        };
        if let Some(line) = message {
            let block = Block::bordered();
            let inner = block.inner(body);
            block.render(body, buf);
            line.render(inner, buf);
            return;
        }
        match self.tab {
            Tab::Accounts => self.render_accounts(body, buf, ctx, sync),
            Tab::Transactions => self.render_transactions(body, buf, ctx),
        }
    }

    fn render_tabs(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let tab = |name: &'static str, on: bool| {
            Span::styled(
                format!(" {name} "),
                if on {
                    ctx.theme.selected
                } else {
                    ctx.theme.dim
                },
            )
        };
        let mut spans = vec![
            tab("Accounts", self.tab == Tab::Accounts),
            Span::raw(" "),
            tab("Transactions", self.tab == Tab::Transactions),
            Span::raw("  "),
        ];
        match &self.prompt {
            Some(Prompt::Delete(_)) => spans.push(Span::styled(
                "Delete this bank and its accounts? (y/n)",
                ctx.theme.error,
            )),
            Some(Prompt::Export) => spans.push(Span::styled(
                "Export as: c CSV · l ledger · b beancount · o OFX",
                ctx.theme.key,
            )),
            None if self.offline => spans.push(Span::styled(
                " OFFLINE: showing the store ",
                ctx.theme.badge,
            )),
            None => {}
        }
        Line::from(spans).render(area, buf);
    }
}

fn clean_row(r: &mut TransactionRow) {
    r.label = clean(&r.label);
    r.notes = r.notes.as_deref().map(crate::sanitize::clean_multiline);
    r.category = r.category.as_deref().map(clean);
    r.kind = r.kind.as_deref().map(clean);
    r.currency = clean(&r.currency);
}
