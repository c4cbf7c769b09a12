//! The channel chooser drawn over the bank list when a bank has both channels: what each gives
//! access to, numbered, wrapped on narrow terminals and kept inside the picker's frame.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::available;
use std::borrow::Cow;

use rust_i18n::t;

use crate::domain::{ChannelMode, Provider};
use crate::i18n::Lang;
use crate::screens::ViewCtx;

/// Draws the chooser for `p` with the cursor on its `cursor`th available channel.
pub(super) fn render_chooser(
    p: &Provider,
    cursor: usize,
    area: Rect,
    buf: &mut Buffer,
    ctx: &ViewCtx,
) {
    let channels = available(p);
    let width = area.width.saturating_sub(2).min(64);
    let inner_w = width.saturating_sub(2).max(1) as usize;
    // Lines wrap at narrow widths: count the rows each takes.
    let rows = |text: &str| text.chars().count().div_ceil(inner_w).max(1) as u16;
    let code = ctx.lang.code();
    let question = t!("picker.how_to_connect", locale = code, bank = p.name).into_owned();
    let mut height = 2 + rows(&question);
    for c in &channels {
        height += rows(&format!("1. {}", channel_text(c.mode, ctx.lang)));
        height += rows(&format!("   {}", c.account_types.join(", ")));
    }
    // Under the search field when it fits, moved up (never over the frame) when it does not.
    let height = height.min(area.height.saturating_sub(2));
    let bottom = (area.y + area.height).saturating_sub(1);
    let y = (area.y + 4)
        .min(bottom.saturating_sub(height))
        .max(area.y + 1);
    let x = area.x + area.width.saturating_sub(width) / 2;
    let boxed = Rect::new(x, y, width, height).intersection(area);
    Clear.render(boxed, buf);
    let mut lines = vec![Line::styled(question, ctx.theme.text)];
    for (i, c) in channels.iter().enumerate() {
        let text = channel_text(c.mode, ctx.lang);
        let style = if i == cursor {
            ctx.theme.selected
        } else {
            ctx.theme.text
        };
        lines.push(Line::from(vec![Span::styled(
            format!("{}. {text}", i + 1),
            style,
        )]));
        lines.push(Line::styled(
            format!("   {}", c.account_types.join(", ")),
            ctx.theme.dim,
        ));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::bordered().title(Line::styled(
            format!(" {} ", t!("picker.channel", locale = code)),
            ctx.theme.title,
        )))
        .render(boxed, buf);
}

/// What a channel gives access to, in the user's words.
fn channel_text(mode: ChannelMode, lang: Lang) -> Cow<'static, str> {
    match mode {
        ChannelMode::Redirect => t!("picker.channel_redirect", locale = lang.code()),
        ChannelMode::Embedded => t!("picker.channel_embedded", locale = lang.code()),
    }
}
