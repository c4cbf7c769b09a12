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
        let w = |key: &str| t!(format!("bank_detail.{key}"), locale = ctx.lang.code()).into_owned();
        let block =
            Block::bordered().title(Line::styled(format!(" {} ", w("title")), ctx.theme.title));
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(c) = self.connections.iter().find(|c| c.id() == id) else {
            Line::styled(w("gone"), ctx.theme.dim).render(inner, buf);
            return;
        };
        // The labels' column: the longest label in this language (12 at least), plus two.
        let labels = [
            "bank",
            "login",
            "connection",
            "api_status",
            "next_action",
            "last_sync",
            "what_to_do",
        ];
        let aggregator = t!("finx_tui.detail.aggregator", locale = ctx.lang.code());
        let width = labels
            .iter()
            .map(|k| w(k).chars().count())
            .chain([aggregator.chars().count()])
            .max()
            .unwrap_or(0)
            .max(12)
            + 2;
        let row = |label: &str, value: String| {
            Line::from(vec![
                Span::styled(format!("{label:<width$}"), ctx.theme.dim),
                Span::styled(value, ctx.theme.text),
            ])
        };
        let last_sync = match sync
            .rows
            .iter()
            .find(|r| r.connection == *id)
            .map(|r| &r.step)
        {
            Some(SyncStep::Failed(ChannelHealth::Other(raw))) => format!("{} {raw}", w("failed")),
            Some(SyncStep::Failed(ChannelHealth::German(why))) => format!(
                "{} {}",
                w("failed"),
                crate::wording::german_sync::next_action(why, ctx.lang)
            ),
            Some(SyncStep::Failed(why)) => format!("{} {why:?}", w("failed")),
            Some(SyncStep::Done) => w("done"),
            Some(_) => w("running"),
            None => w("none_yet"),
        };
        let note = super::accounts::needed_action(c, ctx.now, self.shared_of(id), ctx.lang)
            .unwrap_or_else(|| w("nothing_to_do"));
        let lines = vec![
            row(&w("bank"), c.bank().to_string()),
            row(&aggregator, c.id().aggregator().name().to_string()),
            row(&w("login"), c.login.clone().unwrap_or_else(|| "—".into())),
            row(&w("connection"), c.id().raw().to_string()),
            row(&w("api_status"), c.connection.state.code().to_string()),
            row(&w("next_action"), c.next_action.code()),
            row(&w("last_sync"), last_sync),
            row(&w("what_to_do"), note),
            Line::default(),
            Line::styled(w("close"), ctx.theme.dim),
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
