//! The `?` overlay: a centred box listing every key of the current screen plus the global keys.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::ui::theme::Theme;
use crate::ui::widgets::key_hints::KeyHint;

/// Keys that work on every screen.
pub const GLOBAL_KEYS: &[KeyHint] = &[("?", "show/hide this help"), ("Esc", "back"), ("q", "quit")];

/// Draws the overlay over `area` (the whole screen).
pub fn render_help(screen_keys: &[KeyHint], area: Rect, buf: &mut Buffer, theme: &Theme) {
    let rows = screen_keys.len() + GLOBAL_KEYS.len() + 1;
    let height = (rows as u16 + 2).min(area.height);
    let width = 44.min(area.width);
    let [vert] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [boxed] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(vert);
    Clear.render(boxed, buf);
    let line = |(k, a): &KeyHint| {
        Line::from(vec![
            Span::styled(format!("{k:>9}  "), theme.key),
            Span::styled(*a, theme.text),
        ])
    };
    let mut lines: Vec<Line> = screen_keys.iter().map(line).collect();
    lines.push(Line::raw(""));
    lines.extend(GLOBAL_KEYS.iter().map(line));
    Paragraph::new(lines)
        .block(Block::bordered().title(Span::styled(" Keys ", theme.title)))
        .render(boxed, buf);
}
