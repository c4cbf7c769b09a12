//! The bank list of the picker: one row per bank the search keeps (name, country, channel
//! modes), unavailable banks greyed with "unavailable, try later", the cursor's row highlighted
//! (reversed when the bank is unavailable, so the cursor never disappears).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::{ProviderPicker, Unavailable};
use crate::domain::ChannelMode;
use crate::screens::ViewCtx;
use crate::ui::format::fit_padded;

impl ProviderPicker {
    /// Draws the rows that fit, scrolled so that the cursor's row shows.
    pub(super) fn render_list(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let height = area.height as usize;
        let first = self.first_row(area.height);
        // name, country (4), then the modes (17: REDIRECT+EMBEDDED) or "unavailable, try
        // later" (22).
        let name_w = (area.width as usize).saturating_sub(28).max(8);
        for (row, &i) in self.filtered.iter().enumerate().skip(first).take(height) {
            let p = &self.providers[i];
            let modes: Vec<&str> = p.channels.iter().map(|c| mode_name(c.mode)).collect();
            let name = fit_padded(&p.name, name_w);
            let why = Unavailable::of(p);
            let closed = why.is_some();
            let modes = match why {
                Some(why) => why.column(ctx.lang).into_owned(),
                None => modes.join("+"),
            };
            let text = format!("{name} {:<4} {modes}", p.country);
            let style = match (closed, row == self.cursor) {
                // Greyed, and reversed under the cursor: the cursor is never invisible.
                (true, true) => ctx.theme.disabled.add_modifier(Modifier::REVERSED),
                (true, false) => ctx.theme.disabled,
                (false, true) => ctx.theme.selected,
                (false, false) => ctx.theme.text,
            };
            let y = area.y + (row - first) as u16;
            Line::styled(text, style).render(Rect::new(area.x, y, area.width, 1), buf);
        }
    }
}

impl ProviderPicker {
    /// The first bank shown in a list `height` rows high (so that the cursor's row shows).
    pub(super) fn first_row(&self, height: u16) -> usize {
        (self.cursor + 1).saturating_sub(usize::from(height))
    }
}

fn mode_name(mode: ChannelMode) -> &'static str {
    match mode {
        ChannelMode::Redirect => "REDIRECT",
        ChannelMode::Embedded => "EMBEDDED",
    }
}
