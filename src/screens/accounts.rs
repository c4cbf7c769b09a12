//! A first, simple accounts table: bank, account, type, balance and how fresh it is. The full
//! dashboard (transactions, totals, search) is its own issue.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Block, Cell, Row, StatefulWidget, Table, TableState, Widget};

use crate::app::api_types::{AccountRow, ApiError};
use crate::screens::{ViewCtx, clean};
use crate::ui::format::{date, money};
use crate::ui::widgets::key_hints::KeyHint;
use crate::ui::widgets::spinner::spinner_frame;

/// The table's state.
#[derive(Debug, Clone, Default)]
pub struct AccountsTable {
    rows: Vec<AccountRow>,
    state: TableState,
    /// Accounts are being loaded.
    pub loading: bool,
    /// Loading failed.
    pub error: Option<ApiError>,
}

impl AccountsTable {
    /// Keys shown in the hint bar and the help.
    pub const KEYS: &[KeyHint] = &[("↑↓", "move"), ("c", "connect another bank")];

    /// A table waiting for its rows.
    pub fn loading() -> Self {
        AccountsTable {
            loading: true,
            ..Default::default()
        }
    }

    /// Fills the table (text sanitised).
    pub fn set_rows(&mut self, rows: Vec<AccountRow>) {
        self.rows = rows
            .into_iter()
            .map(|mut r| {
                r.bank = clean(&r.bank);
                r.name = clean(&r.name);
                r.kind = clean(&r.kind);
                r.currency = clean(&r.currency);
                r
            })
            .collect();
        self.loading = false;
        self.error = None;
        self.state.select((!self.rows.is_empty()).then_some(0));
    }

    /// Handles a key (`c` is handled by the app: it opens the picker).
    pub fn on_key(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Up => self.state.select_previous(),
            KeyCode::Down => self.state.select_next(),
            _ => {}
        }
    }

    /// Draws the table (`&mut` for ratatui's `TableState` scrolling).
    pub fn render(&mut self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let block = Block::bordered().title(Line::styled(" Accounts ", ctx.theme.title));
        if self.loading || self.error.is_some() || self.rows.is_empty() {
            let line = match &self.error {
                Some(e) => Line::styled(e.to_string(), ctx.theme.error),
                None if self.loading => Line::styled(
                    format!("{} Loading accounts…", spinner_frame(ctx.now)),
                    ctx.theme.text,
                ),
                None => Line::styled("No account yet: press c to connect a bank.", ctx.theme.dim),
            };
            let inner = block.inner(area);
            block.render(area, buf);
            line.render(inner, buf);
            return;
        }
        let header =
            Row::new(["Bank", "Account", "Type", "Balance", "As of"]).style(ctx.theme.title);
        let rows = self.rows.iter().map(|r| {
            let balance = r
                .balance
                .map(|b| money(b, &r.currency, ctx.numbers))
                .unwrap_or_default();
            let style = if r.balance.is_some_and(|b| b.is_sign_negative()) {
                ctx.theme.negative
            } else {
                ctx.theme.text
            };
            Row::new([
                Cell::from(r.bank.as_str()),
                Cell::from(r.name.as_str()),
                Cell::from(r.kind.as_str()),
                Cell::from(Text::styled(balance, style).right_aligned()),
                Cell::from(r.balance_date.map(date).unwrap_or_default()),
            ])
        });
        let widths = [
            Constraint::Fill(2),
            Constraint::Fill(3),
            Constraint::Length(11),
            Constraint::Length(16),
            Constraint::Length(10),
        ];
        let table = Table::new(rows, widths)
            .header(header)
            .block(block)
            .row_highlight_style(ctx.theme.selected);
        StatefulWidget::render(table, area, buf, &mut self.state);
    }
}
