//! The charts view (`v` from the dashboard): the selected account's balance over the last year
//! and the net worth in the main currency (line charts, `balance.rs`), and the spending per
//! month of the last 12 months by category (a bar chart and the categories' totals,
//! `spending.rs`). The data is the store's ([`ChartData`], summed in SQL by
//! `store::dashboard::load_charts`), read after the transactions; `↑↓` choose the account,
//! `←→` the category, `Esc` or `v` go back to the accounts.
//!
//! Below 40×12 the charts are hidden behind one line that says so, never drawn squeezed.
//! Every amount, axis labels included, goes through `ui::format::money`.
//!
//! Docs gap (ours): the net worth never adds two currencies: it is drawn in the main currency
//! (the one most counted accounts hold; on a tie, the first in alphabetical order), the others
//! are named in its title; the spending shows the main currency's debits.
//!
//! Privacy mode (ours, issue 15 asks for the axes): every amount is masked, the axes' labels,
//! the balance in a chart's title, the footer's highest and this month's spending and the
//! categories' totals; the lines and the bars stay. Without a scale they show a direction
//! (up, down, which month spent most) and no amount, and a presenter who hid the amounts still
//! has the picture the view is for. The accounts view's sparklines are masked instead
//! (`ui::widgets::sparkline`): there the shape sits beside each account's name in a list
//! shown by default, here the user opened the pictures on purpose.

mod axis;
mod balance;
mod spending;
mod words;

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};

use super::totals::counted;
use super::{Dashboard, DashboardAction, Tab};
use crate::screens::{ViewCtx, clean};
use crate::store::read_model::charts::ChartData;

/// The smallest area the charts are drawn in.
const MIN_WIDTH: u16 = 40;
/// The smallest area the charts are drawn in.
const MIN_HEIGHT: u16 = 12;
/// From this width the net worth sits beside the balance and the categories beside the bars.
const SIDE_BY_SIDE: u16 = 80;

/// The charts view's state: the data once read, and the chosen category.
#[derive(Debug, Clone, Default)]
pub struct ChartsView {
    data: Option<ChartData>,
    error: Option<String>,
    /// 0: every category; `n`: the `n`th of the main currency's categories (largest first).
    category: usize,
}

impl ChartsView {
    /// Takes what the store read (or why it could not). New data starts again from every
    /// category (the chosen one may be gone).
    pub fn loaded(&mut self, result: Result<ChartData, String>) {
        match result {
            Ok(data) => {
                self.data = Some(data);
                self.error = None;
                self.category = 0;
            }
            Err(why) => self.error = Some(clean(&why)),
        }
    }

    /// The data, once read.
    pub fn data(&self) -> Option<&ChartData> {
        self.data.as_ref()
    }
}

impl Dashboard {
    /// Handles a key of the charts view.
    pub(super) fn charts_key(&mut self, key: KeyEvent) -> DashboardAction {
        let last = self.picks.len().saturating_sub(1);
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => {
                self.account_cursor = self.account_cursor.saturating_sub(1)
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.account_cursor = (self.account_cursor + 1).min(last)
            }
            KeyCode::Left | KeyCode::Char('h') => self.step_category(false),
            KeyCode::Right | KeyCode::Char('l') => self.step_category(true),
            KeyCode::Esc | KeyCode::Char('v') => self.tab = Tab::Accounts,
            _ => {}
        }
        DashboardAction::None
    }

    fn step_category(&mut self, forward: bool) {
        let count = self.category_totals().len() + 1;
        let c = &mut self.charts.category;
        *c = if forward {
            (*c + 1) % count
        } else {
            (*c + count - 1) % count
        };
    }

    /// Draws the charts view in `area`.
    pub(super) fn render_charts(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let note = |text: String, style, buf: &mut Buffer| {
            let block = Block::bordered();
            let inner = block.inner(area);
            block.render(area, buf);
            Line::styled(text, style).render(inner, buf);
        };
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            // One line, cut at the window's edge: never a squeezed chart.
            let line = Line::styled(words::too_small(ctx.lang), ctx.theme.dim);
            return line.render(Rect { height: 1, ..area }, buf);
        }
        let Some(data) = &self.charts.data else {
            return match &self.charts.error {
                Some(why) => note(
                    format!("{}{why}", words::failed(ctx.lang)),
                    ctx.theme.error,
                    buf,
                ),
                None => note(words::loading(ctx.lang).into(), ctx.theme.text, buf),
            };
        };
        if data.balances.is_empty() {
            return note(words::no_balance(ctx.lang).into(), ctx.theme.dim, buf);
        }
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(area);
        if area.width >= SIDE_BY_SIDE {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(top);
            self.render_balance(data, left, buf, ctx);
            self.render_net_worth(data, right, buf, ctx);
        } else {
            self.render_balance(data, top, buf, ctx);
        }
        self.render_spending(data, bottom, buf, ctx);
    }

    /// The account the balance chart shows: the selected one, else the first listed.
    fn chart_account(&self) -> Option<u32> {
        self.selected_account()
            .or_else(|| self.order.first().copied())
    }

    /// The currency most counted accounts hold (alphabetical first on a tie), and the others.
    fn main_currency(&self) -> Option<(String, Vec<String>)> {
        let mut held: BTreeMap<&str, usize> = BTreeMap::new();
        for a in counted(self.accounts.iter()) {
            if let Some(b) = &a.account.balance {
                *held.entry(b.currency.as_str()).or_default() += 1;
            }
        }
        let most = held.values().copied().max()?;
        let main = held.iter().find(|(_, n)| **n == most).map(|(c, _)| *c)?;
        let others = held.keys().filter(|c| **c != main).map(|c| c.to_string());
        Some((main.to_string(), others.collect()))
    }
}
