//! The bottom bar listing the keys of the current screen (`Enter submit  Esc back  ? help`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::ui::theme::Theme;

/// One key and what it does, e.g. `("Enter", "submit")`.
pub type KeyHint = (&'static str, &'static str);

/// Draws the hints on one line, cut at the right edge.
pub fn render_key_hints(hints: &[KeyHint], area: Rect, buf: &mut Buffer, theme: &Theme) {
    let mut spans = Vec::with_capacity(hints.len() * 3);
    for (i, (key, action)) in hints.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(*key, theme.key));
        spans.push(Span::styled(format!(" {action}"), theme.dim));
    }
    Line::from(spans).render(area, buf);
}
