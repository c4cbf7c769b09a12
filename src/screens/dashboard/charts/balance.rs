//! The two line charts: the selected account's balance and the net worth in the main currency,
//! one point a day over the last year. x: dates (a label every quarter, or at both ends when
//! narrow); y: round bounds (`axis.rs`) labelled in the currency by `ui::format::money`. The
//! points are converted to `f64` for plotting only (screen coordinates, never arithmetic).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Widget};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::axis::round_bounds;
use super::words;
use crate::screens::ViewCtx;
use crate::screens::dashboard::Dashboard;
use crate::screens::dashboard::totals::counted;
use crate::store::read_model::charts::{ChartData, DAYS};
use crate::ui::format::money;

impl Dashboard {
    /// The selected account's balance over the year.
    pub(super) fn render_balance(
        &self,
        data: &ChartData,
        area: Rect,
        buf: &mut Buffer,
        ctx: &ViewCtx,
    ) {
        let account = self
            .chart_account()
            .and_then(|a| self.accounts.get(a as usize));
        let series = account.and_then(|a| data.balance_of(a.id()));
        let title = match account {
            Some(a) => format!("{}: {}", words::balance(ctx.lang), a.account.name),
            None => words::balance(ctx.lang).to_string(),
        };
        match series {
            Some(s) => line_chart(
                &title,
                &s.points,
                &s.currency,
                ctx.theme.plot,
                data,
                area,
                buf,
                ctx,
            ),
            None => empty(&title, &words::no_balance(ctx.lang), area, buf, ctx),
        }
    }

    /// The net worth in the main currency over the year (the counted accounts' balances summed
    /// day by day).
    pub(super) fn render_net_worth(
        &self,
        data: &ChartData,
        area: Rect,
        buf: &mut Buffer,
        ctx: &ViewCtx,
    ) {
        let Some((currency, others)) = self.main_currency() else {
            return empty(
                &words::net_worth(ctx.lang),
                &words::no_balance(ctx.lang),
                area,
                buf,
                ctx,
            );
        };
        let mut sums = vec![Decimal::ZERO; DAYS];
        for a in counted(self.accounts.iter()) {
            if let Some(s) = data.balance_of(a.id()).filter(|s| s.currency == currency) {
                for (sum, point) in sums.iter_mut().zip(&s.points) {
                    *sum = sum.saturating_add(*point);
                }
            }
        }
        let held = if others.is_empty() {
            words::only_currency(ctx.lang).to_string()
        } else {
            format!("{} {}", words::not_added(ctx.lang), others.join(", "))
        };
        let title = format!("{} {currency} ({held})", words::net_worth(ctx.lang));
        line_chart(
            &title,
            &sums,
            &currency,
            ctx.theme.plot_alt,
            data,
            area,
            buf,
            ctx,
        );
    }
}

/// A bordered box with a title and one line of text in place of a chart.
fn empty(title: &str, text: &str, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
    let block = Block::bordered().title(Span::styled(format!(" {title} "), ctx.theme.title));
    let inner = block.inner(area);
    block.render(area, buf);
    Line::styled(text.to_string(), ctx.theme.dim).render(inner, buf);
}

/// One series of daily amounts in `currency`, as a braille line.
#[allow(clippy::too_many_arguments)]
fn line_chart(
    title: &str,
    points: &[Decimal],
    currency: &str,
    style: Style,
    data: &ChartData,
    area: Rect,
    buf: &mut Buffer,
    ctx: &ViewCtx,
) {
    let (Some(min), Some(max)) = (points.iter().min(), points.iter().max()) else {
        return empty(title, &words::no_balance(ctx.lang), area, buf, ctx);
    };
    let bounds = round_bounds(*min, *max, 4);
    let plot: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .map(|(i, p)| (i as f64, p.to_f64().unwrap_or_default()))
        .collect();
    let dataset = Dataset::default()
        .marker(Marker::Braille)
        .graph_type(GraphType::Line)
        .style(style)
        .data(&plot);
    let amount = |d: Decimal| Span::styled(money(d, currency, ctx.numbers), ctx.theme.dim);
    let y_labels = vec![
        amount(bounds.low),
        amount(bounds.middle()),
        amount(bounds.high),
    ];
    // A label every quarter when there is room for five, else every half year, else the ends.
    let ticks: &[usize] = match area.width {
        80.. => &[0, 91, 182, 273, DAYS - 1],
        50.. => &[0, 182, DAYS - 1],
        _ => &[0, DAYS - 1],
    };
    let x_labels: Vec<Span> = ticks
        .iter()
        .map(|i| Span::styled(words::month_year(ctx.lang, data.day(*i)), ctx.theme.dim))
        .collect();
    let last = points.last().copied().unwrap_or_default();
    let title = Line::from(vec![
        Span::styled(format!(" {title} "), ctx.theme.title),
        Span::styled(
            format!("{} ", money(last, currency, ctx.numbers)),
            ctx.theme.text,
        ),
    ]);
    Chart::new(vec![dataset])
        .block(Block::bordered().title(title))
        .style(ctx.theme.text)
        .x_axis(
            Axis::default()
                .bounds([0.0, (DAYS - 1) as f64])
                .labels(x_labels)
                .style(ctx.theme.dim),
        )
        .y_axis(
            Axis::default()
                .bounds([
                    bounds.low.to_f64().unwrap_or_default(),
                    bounds.high.to_f64().unwrap_or_default(),
                ])
                .labels(y_labels)
                .style(ctx.theme.dim),
        )
        .legend_position(None)
        .render(area, buf);
}
