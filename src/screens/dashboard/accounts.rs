//! The accounts view: accounts grouped by bank, each bank headed by its status and the action it
//! needs, a subtotal per currency under each bank, and the net worth per currency at the bottom.
//! Each account shows its type, name, masked IBAN, balance, a balance sparkline and a freshness
//! badge. Archived accounts are shown dimmed and left out of the totals. On a narrow window the
//! optional columns give way to the name and the balance (`account_columns.rs`), and a total is
//! never cut mid-number (`totals::fit_totals`).
//!
//! Docs gap: the API converts no currency. We chose: totals and net worth per currency, never
//! summed across currencies; loans count with the sign the bank gives their balance.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use rust_decimal::Decimal;

use super::Dashboard;
use super::account_columns::{AccountColumns, name_cell};
use super::picks::Pick;
use super::totals::{fit_totals, totals};
use rust_i18n::t;

use crate::screens::ViewCtx;
use crate::screens::syncing::SyncBoard;
use crate::store::read_model::{ConnectionSummary, STALE_AFTER_HOURS};
use crate::ui::format::{masked_iban, money};
use crate::ui::widgets::badge::freshness_badge;
use crate::ui::widgets::sparkline::sparkline;
use crate::wording::actions::{dashboard_note, kind_short};

/// One line of the accounts view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    /// A bank's heading (index into connections; `None`: accounts of no known connection).
    Bank(Option<usize>),
    /// An account (index into accounts).
    Account(u32),
    /// The per-currency subtotal of the bank above.
    Subtotal(Option<usize>),
}

/// What a connection with `shared` accounts on screen needs from the user, if anything, as a
/// short note (words: [`crate::wording::actions::dashboard_note`]).
pub fn needed_action(
    c: &ConnectionSummary,
    now: DateTime<Utc>,
    shared: usize,
    lang: crate::i18n::Lang,
) -> Option<String> {
    dashboard_note(
        &c.next_action,
        c.is_closed(),
        c.accounts_pending_consent,
        shared,
        now,
        lang,
    )
}

impl Dashboard {
    fn items(&self) -> Vec<Item> {
        let mut items = Vec::new();
        let groups = (0..self.connections.len())
            .map(Some)
            .chain(std::iter::once(None));
        for group in groups {
            let members: Vec<u32> = self
                .order
                .iter()
                .copied()
                .filter(|a| self.connection_of[*a as usize] == group)
                .collect();
            if group.is_none() && members.is_empty() {
                continue;
            }
            items.push(Item::Bank(group));
            items.extend(members.iter().map(|a| Item::Account(*a)));
            if !members.is_empty() {
                items.push(Item::Subtotal(group));
            }
        }
        items
    }

    /// Draws the accounts view (`&mut` to keep the selection on screen).
    pub(super) fn render_accounts(
        &mut self,
        area: Rect,
        buf: &mut Buffer,
        ctx: &ViewCtx,
        sync: &SyncBoard,
    ) {
        let [list, footer] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
        let items = self.items();
        let selected_item = self.selected().and_then(|sel| {
            let wanted = match sel {
                Pick::Account(a) => Item::Account(a),
                Pick::Bank(c) => Item::Bank(Some(c)),
            };
            items.iter().position(|i| *i == wanted)
        });
        let columns = self.account_columns(list.width, ctx);
        let rows = list.height as usize;
        if let Some(pos) = selected_item {
            if pos < self.accounts_offset {
                self.accounts_offset = pos.saturating_sub(1);
            } else if pos >= self.accounts_offset + rows {
                self.accounts_offset = pos + 1 - rows;
            }
        }
        self.accounts_offset = self.accounts_offset.min(items.len().saturating_sub(rows));
        for (n, item) in items
            .iter()
            .skip(self.accounts_offset)
            .take(rows)
            .enumerate()
        {
            let line_area = Rect {
                y: list.y + n as u16,
                height: 1,
                ..list
            };
            let selected = Some(n + self.accounts_offset) == selected_item;
            let stop = match item {
                Item::Account(a) => Some(Pick::Account(*a)),
                Item::Bank(Some(c)) => Some(Pick::Bank(*c)),
                _ => None,
            };
            if let Some(stop) = stop {
                self.hits.accounts.push((line_area, stop));
            }
            match item {
                Item::Bank(c) => {
                    let line = self.bank_line(*c, ctx, sync, line_area.width);
                    if selected {
                        buf.set_style(line_area, ctx.theme.selected);
                        line.style(ctx.theme.selected).render(line_area, buf);
                    } else {
                        line.render(line_area, buf);
                    }
                }
                Item::Account(a) => {
                    let line = AccountLine {
                        area: line_area,
                        columns,
                        selected,
                    };
                    self.account_line(*a, line, buf, ctx)
                }
                Item::Subtotal(c) => {
                    let members = self
                        .accounts
                        .iter()
                        .zip(&self.connection_of)
                        .filter(|(_, g)| *g == c)
                        .map(|(a, _)| a);
                    let width = usize::from(line_area.width).saturating_sub(1);
                    let (_, text) = fit_totals(&[""], &totals_parts(&totals(members), ctx), width);
                    Line::styled(format!("{text} "), ctx.theme.dim)
                        .right_aligned()
                        .render(line_area, buf);
                }
            }
        }
        let parts = totals_parts(&totals(self.accounts.iter()), ctx);
        let code = ctx.lang.code();
        let (long, short) = (
            format!(" {} ", t!("dashboard.net_worth", locale = code)),
            format!(" {} ", t!("dashboard.net", locale = code)),
        );
        let labels = [long.as_str(), short.as_str(), " "];
        let (label, net) = fit_totals(&labels, &parts, usize::from(footer.width));
        Line::from(vec![
            Span::styled(label, ctx.theme.title),
            Span::styled(net, ctx.theme.text),
        ])
        .render(footer, buf);
    }

    /// The columns every account line of this frame gets (`account_columns.rs`).
    fn account_columns(&self, width: u16, ctx: &ViewCtx) -> AccountColumns {
        let longest_name = self
            .accounts
            .iter()
            .map(|a| a.account.name.chars().count() + if a.archived() { 11 } else { 0 })
            .max()
            .unwrap_or(0);
        let widest_balance = self
            .accounts
            .iter()
            .filter_map(|a| a.balance().map(|b| money(b, a.currency(), ctx.numbers)))
            .map(|t| t.chars().count())
            .max()
            .unwrap_or(1);
        AccountColumns::plan(width, longest_name + 2, widest_balance)
    }

    fn account_line(&self, a: u32, line: AccountLine, buf: &mut Buffer, ctx: &ViewCtx) {
        let Some(account) = self.accounts.get(a as usize) else {
            return;
        };
        let AccountLine {
            area,
            columns,
            selected,
        } = line;
        let [kind, name, iban, balance, spark, badge] =
            Layout::horizontal(columns.constraints()).areas(area);
        let base = if selected {
            ctx.theme.selected
        } else if account.archived() {
            ctx.theme.disabled
        } else {
            ctx.theme.text
        };
        buf.set_style(area, base);
        let put = |buf: &mut Buffer, r: Rect, text: String, style: Style| {
            let style = if selected { base } else { style };
            Line::styled(text, style).render(r, buf);
        };
        put(
            buf,
            kind,
            format!("  {}", kind_short(&account.account.kind, ctx.lang)),
            base,
        );
        let archived = if account.archived() {
            format!(
                " {}",
                t!("leftovers.accounts.archived", locale = ctx.lang.code())
            )
        } else {
            String::new()
        };
        // Indented under its bank's heading, as the type column would do.
        let indent = if columns.kind == 0 && area.width >= 30 {
            "  "
        } else {
            ""
        };
        let text = name_cell(indent, &account.account.name, &archived, name.width);
        put(buf, name, text, base);
        let masked = account
            .account
            .iban
            .as_deref()
            .map(|iban| masked_iban(iban, ctx.numbers))
            .unwrap_or_default();
        put(buf, iban, format!(" {masked}"), ctx.theme.dim);
        // In privacy mode the colour would tell the sign: every balance is drawn alike.
        let (amount, style) = match account.balance() {
            Some(b) if b.is_sign_negative() && !ctx.numbers.is_private() => (
                money(b, account.currency(), ctx.numbers),
                ctx.theme.negative,
            ),
            Some(b) => (money(b, account.currency(), ctx.numbers), base),
            None => ("—".into(), ctx.theme.dim),
        };
        let style = if selected { base } else { style };
        // A window narrower than the balance gets `…`, never a cut number.
        let fits = amount.chars().count() < usize::from(balance.width);
        let amount = if fits { amount } else { "…".into() };
        Line::styled(format!("{amount} "), style)
            .right_aligned()
            .render(balance, buf);
        let history = self
            .histories
            .get(a as usize)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        put(
            buf,
            spark,
            format!(" {}", sparkline(history, 8, ctx.numbers)),
            ctx.theme.dim,
        );
        let mut b = freshness_badge(
            account.synced_at,
            ctx.now,
            STALE_AFTER_HOURS,
            self.offline,
            ctx.theme,
            ctx.lang,
        );
        if selected {
            b.style = base;
        }
        Line::from(vec![Span::raw(" "), b]).render(badge, buf);
    }
}

/// One line of the accounts view with its place on screen.
struct AccountLine {
    area: Rect,
    columns: AccountColumns,
    selected: bool,
}

/// A total per currency, as written on screen (`—` when there is none).
fn totals_parts(sums: &BTreeMap<String, Decimal>, ctx: &ViewCtx) -> Vec<String> {
    if sums.is_empty() {
        return vec!["—".into()];
    }
    sums.iter()
        .map(|(cur, sum)| money(*sum, cur, ctx.numbers))
        .collect()
}
