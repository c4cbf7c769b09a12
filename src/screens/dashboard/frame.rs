//! The dashboard's frame: the tab bar (with the pending question or the offline badge), then
//! the loading, error or empty message, a bank's details (`bank_detail.rs`), or the view on screen.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::{Dashboard, Prompt, Tab};
use rust_i18n::t;

use crate::screens::ViewCtx;
use crate::screens::syncing::SyncBoard;
use crate::ui::widgets::spinner::spinner_frame;

impl Dashboard {
    /// Draws the dashboard; `sync` tells which connections are syncing.
    pub fn render(&mut self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx, sync: &SyncBoard) {
        let [tabs, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        self.hits.clear_rows();
        self.render_tabs(tabs, buf, ctx);
        let message = if self.loading {
            Some(Line::styled(
                format!(
                    "{} {}",
                    spinner_frame(ctx.now),
                    t!("bank_detail.reading_store", locale = ctx.lang.code())
                ),
                ctx.theme.text,
            ))
        } else if let Some(e) = &self.error {
            Some(Line::styled(
                format!(
                    "{} {e}",
                    t!("bank_detail.store_unreadable", locale = ctx.lang.code())
                ),
                ctx.theme.error,
            ))
        } else if self.accounts.is_empty() && self.connections.is_empty() {
            Some(Line::styled(
                t!("bank_detail.no_bank_yet", locale = ctx.lang.code()),
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
        if let Some(Prompt::Detail(id)) = &self.prompt {
            return self.render_bank_detail(id, body, buf, ctx, sync);
        }
        match self.tab {
            Tab::Accounts => self.render_accounts(body, buf, ctx, sync),
            Tab::Transactions => self.render_transactions(body, buf, ctx),
            Tab::Charts => self.render_charts(body, buf, ctx),
        }
        if let Some(dialog) = &self.export {
            dialog.render(body, buf, ctx);
        }
    }

    fn render_tabs(&mut self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let code = ctx.lang.code();
        let tab = |name: std::borrow::Cow<'static, str>, on: bool| {
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
            tab(
                t!("dashboard.tab_accounts", locale = code),
                self.tab == Tab::Accounts,
            ),
            Span::raw(" "),
            tab(
                t!("dashboard.tab_transactions", locale = code),
                self.tab == Tab::Transactions,
            ),
            Span::raw(" "),
            tab(
                t!("dashboard.tab_charts", locale = code),
                self.tab == Tab::Charts,
            ),
            Span::raw("  "),
        ];
        // Where each tab's label is, for clicks: spans 0, 2 and 4, a space between them.
        let mut x = area.x;
        let mut hits = Vec::new();
        for (i, span) in spans.iter().take(5).enumerate() {
            let w = span.width() as u16;
            if i % 2 == 0 {
                let tab = [Tab::Accounts, Tab::Transactions, Tab::Charts][i / 2];
                hits.push((Rect::new(x, area.y, w, 1).intersection(area), tab));
            }
            x = x.saturating_add(w);
        }
        self.hits.tabs = hits;
        match &self.prompt {
            Some(Prompt::Delete(_)) => spans.push(Span::styled(
                "Delete this bank and its accounts? (y/n)",
                ctx.theme.error,
            )),
            Some(Prompt::Detail(_)) => spans.push(Span::styled(
                t!("bank_detail.frame_hint", locale = ctx.lang.code()),
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
