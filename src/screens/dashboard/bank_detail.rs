//! A bank's details, opened with Enter on its heading or `i`: what coffre knows of the
//! connection, including the raw texts the API gave (its status code, the stored next action,
//! the last sync's failure as the API named it), which the heading and the status line put in
//! plain words, and the aggregator it came from (Oxlin or finX). Any key closes it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use rust_i18n::t;

use super::Dashboard;
use crate::domain::{ChannelHealth, ConnectionId, SyncStep};
use crate::screens::ViewCtx;
use crate::screens::syncing::SyncBoard;

impl Dashboard {
    /// Draws the details of connection `id` over the accounts view.
    pub(super) fn render_bank_detail(
        &self,
        id: &ConnectionId,
        area: Rect,
        buf: &mut Buffer,
        ctx: &ViewCtx,
        sync: &SyncBoard,
    ) {
        let block = Block::bordered().title(Line::styled(" Bank details ", ctx.theme.title));
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(c) = self.connections.iter().find(|c| c.id() == id) else {
            Line::styled("This bank is no longer in the store.", ctx.theme.dim).render(inner, buf);
            return;
        };
        let row = |label: &str, value: String| {
            Line::from(vec![
                Span::styled(format!("{label:<14}"), ctx.theme.dim),
                Span::styled(value, ctx.theme.text),
            ])
        };
        let last_sync = match sync
            .rows
            .iter()
            .find(|r| r.connection == *id)
            .map(|r| &r.step)
        {
            Some(SyncStep::Failed(ChannelHealth::Other(raw))) => format!("failed: {raw}"),
            Some(SyncStep::Failed(why)) => format!("failed: {why:?}"),
            Some(SyncStep::Done) => "done".into(),
            Some(_) => "running".into(),
            None => "none since coffre started".into(),
        };
        let note = super::accounts::needed_action(c, ctx.now, self.shared_of(id), ctx.lang)
            .unwrap_or_else(|| "nothing to do".into());
        let lines = vec![
            row("Bank", c.bank().to_string()),
            row(
                &t!("finx_tui.detail.aggregator", locale = ctx.lang.code()),
                c.id().aggregator().name().to_string(),
            ),
            row("Login", c.login.clone().unwrap_or_else(|| "—".into())),
            row("Connection", c.id().raw().to_string()),
            row("API status", c.connection.state.code().to_string()),
            row("Next action", c.next_action.code()),
            row("Last sync", last_sync),
            row("What to do", note),
            Line::default(),
            Line::styled("Any key closes these details.", ctx.theme.dim),
        ];
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(inner, buf);
    }

    /// How many accounts of connection `id` are on screen.
    pub(super) fn shared_of(&self, id: &ConnectionId) -> usize {
        self.connections
            .iter()
            .position(|c| c.id() == id)
            .map_or(0, |c| self.accounts_of(c))
    }
}
