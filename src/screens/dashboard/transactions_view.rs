//! The transactions view's drawing: a summary line (scope, count — "counting…" until the store
//! has counted —, sort, filter, search), the table (only the rows on screen are built, from the
//! window the view holds; the last window stays drawn while the next one is read), the detail pane with everything the API gave, and
//! the filter dialog on top. Narrow terminals drop columns: category first, then status and
//! account; the detail pane goes to the right when there is room, below the table otherwise.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Widget, Wrap};

use super::Dashboard;
use super::query::{SortColumn, column_header};
use super::transactions::Focus;
use rust_i18n::t;

use crate::domain::BookingStatus;
use crate::screens::ViewCtx;
use crate::ui::format::{count, masked_iban, signed_money};

impl Dashboard {
    /// Draws the transactions view (`&mut` to keep the selection on screen).
    pub(super) fn render_transactions(&mut self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let [summary, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        self.summary_line(ctx).render(summary, buf);
        let (table_area, detail_area) = if !self.tx.detail {
            (rest, None)
        } else if rest.width >= 110 {
            let [t, d] =
                Layout::horizontal([Constraint::Min(0), Constraint::Length(44)]).areas(rest);
            (t, Some(d))
        } else {
            let [t, d] = Layout::vertical([Constraint::Min(4), Constraint::Length(10)]).areas(rest);
            (t, Some(d))
        };
        self.render_table(table_area, buf, ctx);
        if let Some(d) = detail_area {
            self.render_detail(d, buf, ctx);
        }
        if let Focus::Filter(dialog) = &self.tx.focus {
            let name = |key: &str| {
                self.account_of_key(key)
                    .map_or_else(|| "?".into(), |a| a.account.name.clone())
            };
            dialog.render(rest, buf, (ctx.theme, ctx.lang), &name);
        }
    }

    fn summary_line(&self, ctx: &ViewCtx) -> Line<'static> {
        let scope = self
            .tx
            .selection
            .account
            .as_deref()
            .and_then(|key| self.account_of_key(key))
            .map_or_else(
                || t!("dashboard.all_accounts", locale = ctx.lang.code()).into_owned(),
                |a| a.account.name.clone(),
            );
        let arrow = if self.tx.sort.descending {
            "▼"
        } else {
            "▲"
        };
        let mut spans = vec![
            Span::styled(scope, ctx.theme.title),
            Span::styled(
                format!(
                    "  {} {arrow}",
                    t!(
                        "dashboard.shown_of",
                        locale = ctx.lang.code(),
                        shown = self.tx.count().map_or_else(
                            || t!("transactions.counting", locale = ctx.lang.code()).into_owned(),
                            |n| count(n, ctx.numbers)
                        ),
                        total = self
                            .tx
                            .facts()
                            .map_or_else(|| "…".into(), |f| count(f.total, ctx.numbers)),
                        column = column_header(self.tx.sort.column, ctx.lang).to_lowercase()
                    )
                ),
                ctx.theme.dim,
            ),
        ];
        let f = &self.tx.selection;
        let mut parts = Vec::new();
        if f.from.is_some() || f.to.is_some() {
            let d = |d: Option<chrono::NaiveDate>| {
                d.map(|d| crate::ui::format::day(d, ctx.lang))
                    .unwrap_or_default()
            };
            parts.push(format!("{}…{}", d(f.from), d(f.to)));
        }
        if let Some(s) = f.status {
            parts.push(crate::wording::actions::booking_word(s, ctx.lang).to_string());
        }
        if let Some(code) = &f.category {
            let language = ctx.lang.category_names();
            let name = crate::domain::category_name(Some(code), language);
            parts.push(crate::screens::clean(name));
        }
        if f.min.is_some() || f.max.is_some() {
            let a = |a: Option<rust_decimal::Decimal>| a.map(|a| a.to_string()).unwrap_or_default();
            parts.push(format!("{}…{}", a(f.min), a(f.max)));
        }
        if !parts.is_empty() {
            spans.push(Span::styled(
                format!(
                    "  {} {}",
                    t!("dashboard.filter", locale = ctx.lang.code()),
                    parts.join(", ")
                ),
                ctx.theme.key,
            ));
        }
        let searching = matches!(self.tx.focus, Focus::Search);
        if searching || !f.search.is_empty() {
            let cursor = if searching { "▏" } else { "" };
            spans.push(Span::styled("  /", ctx.theme.key));
            spans.push(Span::styled(
                format!("{}{cursor}", crate::screens::clean(&f.search)),
                ctx.theme.text,
            ));
        }
        Line::from(spans)
    }

    fn render_table(&mut self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let block = Block::bordered();
        let inner = block.inner(area);
        block.render(area, buf);
        if self.tx.window_rows().is_empty() {
            let code = ctx.lang.code();
            let why = if self.tx.is_reading() || self.tx.facts().is_none() {
                t!("dashboard.tx_loading", locale = code)
            } else if self.transaction_count() == 0 {
                t!("dashboard.tx_none", locale = code)
            } else {
                t!("dashboard.tx_no_match", locale = code)
            };
            Line::styled(why, ctx.theme.dim).render(inner, buf);
            return;
        }
        let w = inner.width;
        let columns: Vec<(SortColumn, Constraint)> = [
            (SortColumn::Date, Constraint::Length(10), true),
            (SortColumn::Account, Constraint::Length(14), w >= 70),
            (SortColumn::Label, Constraint::Fill(1), true),
            (SortColumn::Amount, Constraint::Length(14), w >= 30),
            (SortColumn::Status, Constraint::Length(7), w >= 60),
            (SortColumn::Category, Constraint::Length(13), w >= 90),
        ]
        .into_iter()
        .filter(|(_, _, on)| *on)
        .map(|(c, w, _)| (c, w))
        .collect();
        let header = Row::new(columns.iter().map(|(c, _)| {
            let mark = match (self.tx.sort.column == *c, self.tx.sort.descending) {
                (true, true) => "▼",
                (true, false) => "▲",
                _ => "",
            };
            let text = Text::from(format!("{}{mark}", column_header(*c, ctx.lang)));
            Cell::from(if *c == SortColumn::Amount {
                text.right_aligned()
            } else {
                text
            })
        }))
        .style(ctx.theme.title);
        let rows = inner.height.saturating_sub(1) as usize;
        self.tx.scroll_into_view(rows);
        let body_area = Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(1),
            ..inner
        };
        self.hits.transactions = Some((body_area, self.tx.offset));
        let first = self.tx.offset;
        let visible: Vec<_> = (first..first + rows)
            .filter_map(|p| self.tx.row_at(p).map(|r| (p - first, r)))
            .collect();
        let end = first + visible.last().map_or(0, |(n, _)| n + 1);
        let body: Vec<Row> = visible
            .into_iter()
            .map(|(n, row)| {
                let account = self.account_index(row.account_id);
                let cells = columns.iter().map(|(c, _)| match c {
                    SortColumn::Date => Cell::from(crate::ui::format::day(row.date, ctx.lang)),
                    SortColumn::Account => Cell::from(
                        self.accounts
                            .get(account as usize)
                            .map_or("?", |a| a.account.name.as_str())
                            .to_string(),
                    ),
                    SortColumn::Label => Cell::from(row.label.to_string()),
                    SortColumn::Amount => {
                        // In privacy mode the colour would tell the sign.
                        let style = if ctx.numbers.is_private() {
                            ctx.theme.text
                        } else if row.amount.is_sign_negative() {
                            ctx.theme.negative
                        } else {
                            ctx.theme.positive
                        };
                        let text = signed_money(row.amount, row.currency, ctx.numbers);
                        Cell::from(Text::styled(text, style).right_aligned())
                    }
                    SortColumn::Status => match row.status {
                        BookingStatus::Pending => {
                            Cell::from(Span::styled("pending", ctx.theme.key))
                        }
                        BookingStatus::Booked => Cell::from(Span::styled("booked", ctx.theme.dim)),
                    },
                    SortColumn::Category => Cell::from(row.category.map_or(String::new(), |c| {
                        let language = ctx.lang.category_names();
                        crate::domain::category_name(Some(c), language).to_string()
                    })),
                });
                let r = Row::new(cells);
                if self.tx.offset + n == self.tx.selected {
                    r.style(ctx.theme.selected)
                } else {
                    r
                }
            })
            .collect();
        let widths: Vec<Constraint> = columns.iter().map(|(_, w)| *w).collect();
        Widget::render(Table::new(body, widths).header(header), inner, buf);
        // The selected row in the selection's colours through and through: a cell's own colour
        // (the status's, the amount's) on the selection's background can be unreadable (white
        // on white in the high-contrast theme); its sign and word still say what it is.
        if let Some(n) = self.tx.selected.checked_sub(self.tx.offset)
            && n < end - self.tx.offset
        {
            let y = inner.y + 1 + n as u16;
            buf.set_style(
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
                ctx.theme.selected,
            );
        }
    }

    /// The dashboard's index of the account whose id key is `key` (`u32::MAX`: unknown).
    fn account_index(&self, key: &str) -> u32 {
        self.accounts
            .iter()
            .position(|a| a.id().key() == key)
            .map_or(u32::MAX, |a| a as u32)
    }

    fn render_detail(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let block = Block::bordered().title(Span::styled(" Detail ", ctx.theme.title));
        let Some(row) = self.tx.selected_row() else {
            block.render(area, buf);
            return;
        };
        let account = self
            .accounts
            .get(self.account_index(row.account_id) as usize);
        let field = |name: &str, value: String| {
            Line::from(vec![
                Span::styled(format!("{name:>12} "), ctx.theme.dim),
                Span::styled(value, ctx.theme.text),
            ])
        };
        let date = |d: Option<chrono::NaiveDate>| {
            d.map_or("—".into(), |d| crate::ui::format::day(d, ctx.lang))
        };
        let mut lines = vec![
            field("Label", row.label.to_string()),
            field(
                "Amount",
                signed_money(row.amount, row.currency, ctx.numbers),
            ),
            field("Date", date(Some(row.date))),
            field("Value date", date(row.value_date)),
            field("Booking date", date(row.booking_date)),
            field(
                "Status",
                crate::wording::actions::booking_word(row.status, ctx.lang),
            ),
            field(
                "Account",
                account.map_or("?".into(), |a| {
                    let iban = a
                        .account
                        .iban
                        .as_deref()
                        .map(|iban| masked_iban(iban, ctx.numbers))
                        .unwrap_or_default();
                    format!("{} {iban}", a.account.name)
                }),
            ),
            field("Category", row.category.unwrap_or("—").to_string()),
            field("Type", row.kind.unwrap_or("—").to_string()),
            field(
                "Imported",
                row.imported_at
                    .map_or("—".into(), |t| crate::ui::format::day_time(t, ctx.lang)),
            ),
            field("Id", row.raw_id().to_string()),
        ];
        match row.notes {
            Some(notes) => {
                lines.push(field("Notes", String::new()));
                lines.extend(
                    notes
                        .lines()
                        .map(|l| Line::styled(format!("  {l}"), ctx.theme.text)),
                );
            }
            None => lines.push(field("Notes", "—".into())),
        }
        let inner = block.inner(area);
        block.render(area, buf);
        // Two columns when the pane is wide and short (below the table on 80 columns).
        if inner.width >= 70 && (lines.len() as u16) > inner.height {
            let right = lines.split_off(6);
            let [l, r] =
                Layout::horizontal([Constraint::Percentage(45), Constraint::Fill(1)]).areas(inner);
            Paragraph::new(lines).render(l, buf);
            Paragraph::new(right)
                .wrap(Wrap { trim: false })
                .render(r, buf);
            return;
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(inner, buf);
    }
}
