//! Spending per month by category: a bar per month of the last 12 (the chosen category, or
//! all of them), the highest month and this month spelled out under it, and beside it (when
//! wide enough) the categories' 12-month totals, largest first, the chosen one marked `▶`.
//! Main currency only (see the parent module's doc).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Widget};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::{SIDE_BY_SIDE, words};
use crate::domain::category_name;
use crate::screens::ViewCtx;
use crate::screens::dashboard::Dashboard;
use crate::store::read_model::charts::{ChartData, MONTHS};
use crate::ui::format::money;

impl Dashboard {
    /// The main currency's spending over the 12 months per category, largest first (ties by
    /// code, so the order is stable).
    pub(super) fn category_totals(&self) -> Vec<(Option<String>, Decimal)> {
        let (Some(data), Some((currency, _))) = (self.charts.data(), self.main_currency()) else {
            return Vec::new();
        };
        let mut totals: Vec<(Option<String>, Decimal)> = Vec::new();
        for s in data.spending.iter().filter(|s| s.currency == currency) {
            match totals.iter_mut().find(|(c, _)| *c == s.category) {
                Some((_, sum)) => *sum = sum.saturating_add(s.spent),
                None => totals.push((s.category.clone(), s.spent)),
            }
        }
        totals.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        totals
    }

    /// The bars, and the categories beside them when wide enough.
    pub(super) fn render_spending(
        &self,
        data: &ChartData,
        area: Rect,
        buf: &mut Buffer,
        ctx: &ViewCtx,
    ) {
        let Some((currency, _)) = self.main_currency() else {
            return;
        };
        let totals = self.category_totals();
        let chosen = self
            .charts
            .category
            .checked_sub(1)
            .and_then(|i| totals.get(i))
            .map(|(c, _)| c);
        let mut months = [Decimal::ZERO; MONTHS];
        for s in &data.spending {
            if s.currency == currency
                && chosen.is_none_or(|c| *c == s.category)
                && let Some(m) = months.get_mut(s.month)
            {
                *m = m.saturating_add(s.spent);
            }
        }
        let all = words::all_categories(ctx.lang);
        let name = chosen.map_or(&*all, |c| {
            category_name(c.as_deref(), ctx.lang.category_names())
        });
        let (bars, list) = if area.width >= SIDE_BY_SIDE {
            let [bars, list] =
                Layout::horizontal([Constraint::Percentage(60), Constraint::Fill(1)]).areas(area);
            (bars, Some(list))
        } else {
            (area, None)
        };
        self.render_bars(data, &months, name, &currency, bars, buf, ctx);
        if let Some(list) = list {
            self.render_categories(&totals, &currency, list, buf, ctx);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn render_bars(
        &self,
        data: &ChartData,
        months: &[Decimal; MONTHS],
        category: &str,
        currency: &str,
        area: Rect,
        buf: &mut Buffer,
        ctx: &ViewCtx,
    ) {
        let title = Line::from(vec![
            Span::styled(format!(" {} ", words::spending(ctx.lang)), ctx.theme.title),
            Span::styled(format!("◂ {category} ▸ {currency} "), ctx.theme.key),
        ]);
        let (high_month, high) = months
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))
            .map_or((0, Decimal::ZERO), |(i, v)| (i, *v));
        let footer = if high.is_zero() {
            Line::styled(format!(" {} ", words::no_spending(ctx.lang)), ctx.theme.dim)
        } else {
            let month = data
                .months
                .get(high_month)
                .map(|d| words::month_year(ctx.lang, *d));
            Line::styled(
                format!(
                    " {} {}: {} · {}: {} ",
                    words::highest(ctx.lang),
                    month.unwrap_or_default(),
                    money(high, currency, ctx.numbers),
                    words::this_month(ctx.lang),
                    money(months[MONTHS - 1], currency, ctx.numbers),
                ),
                ctx.theme.text,
            )
        };
        let block = Block::bordered().title(title).title_bottom(footer);
        let inner = block.inner(area);
        let bar_width = ((inner.width + 1) / MONTHS as u16)
            .saturating_sub(1)
            .clamp(1, 6);
        let bars: Vec<Bar> = months
            .iter()
            .zip(&data.months)
            .map(|(spent, month)| {
                let label = words::month(ctx.lang, chrono::Datelike::month0(month));
                Bar::default()
                    .value((*spent * Decimal::ONE_HUNDRED).to_u64().unwrap_or_default())
                    .label(Line::from(label))
                    .text_value("")
                    .style(ctx.theme.plot)
            })
            .collect();
        BarChart::default()
            .block(block)
            .data(BarGroup::default().bars(&bars))
            .bar_width(bar_width)
            .bar_gap(1)
            .label_style(ctx.theme.dim)
            .render(area, buf);
    }

    fn render_categories(
        &self,
        totals: &[(Option<String>, Decimal)],
        currency: &str,
        area: Rect,
        buf: &mut Buffer,
        ctx: &ViewCtx,
    ) {
        let block = Block::bordered().title(Span::styled(
            format!(" {} ", words::by_category(ctx.lang)),
            ctx.theme.title,
        ));
        let inner = block.inner(area);
        block.render(area, buf);
        let all: Decimal = totals.iter().map(|(_, v)| *v).sum();
        let all_categories = words::all_categories(ctx.lang);
        let rows = std::iter::once((&*all_categories, all)).chain(
            totals
                .iter()
                .map(|(c, v)| (category_name(c.as_deref(), ctx.lang.category_names()), *v)),
        );
        let height = inner.height as usize;
        let chosen = self.charts.category;
        let skip = (chosen + 1).saturating_sub(height);
        for (n, (name, spent)) in rows.enumerate().skip(skip).take(height) {
            let on = n == chosen;
            let amount = money(spent, currency, ctx.numbers);
            let room = (inner.width as usize)
                .saturating_sub(unicode_width::UnicodeWidthStr::width(amount.as_str()) + 3);
            let name = crate::ui::format::fit_padded(name, room);
            let text = format!("{} {name} {amount}", if on { "▶" } else { " " });
            let style = if on {
                ctx.theme.selected
            } else {
                ctx.theme.text
            };
            let line_area = Rect {
                y: inner.y + (n - skip) as u16,
                height: 1,
                ..inner
            };
            Line::styled(text, style).render(line_area, buf);
        }
    }
}
