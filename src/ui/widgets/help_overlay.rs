//! The `?` overlay: a centred box listing every key of the current screen, then the keys that
//! work everywhere (how to open this help and how to quit, which differ while a text field has
//! the focus: letters type there, so help is F1 and quit is Ctrl+C).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::ui::theme::Theme;
use crate::ui::widgets::key_hints::KeyHint;

/// The keys that work on every screen: help and quit, as they are typed on this one.
pub fn global_keys(typing: bool) -> [KeyHint; 2] {
    if typing {
        [("F1", "show/hide this help"), ("Ctrl+C", "quit")]
    } else {
        [("?", "show/hide this help"), ("q", "quit")]
    }
}

/// Draws the overlay, titled `title`, over `area` (the whole screen); the actions are the words
/// to show (translated by the caller, `crate::i18n::hints`).
pub fn render_help<A: AsRef<str>>(
    screen_keys: &[(&str, A)],
    global: &[(&str, A)],
    title: &str,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let rows = screen_keys.len() + global.len() + 1;
    let height = (rows as u16 + 2).min(area.height);
    let width = 50.min(area.width);
    let [vert] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [boxed] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(vert);
    Clear.render(boxed, buf);
    let line = |(k, a): &(&str, A)| {
        Line::from(vec![
            Span::styled(format!("{k:>15}  "), theme.key),
            Span::styled(a.as_ref().to_owned(), theme.text),
        ])
    };
    let mut lines: Vec<Line> = screen_keys.iter().map(line).collect();
    lines.push(Line::raw(""));
    lines.extend(global.iter().map(line));
    Paragraph::new(lines)
        .block(Block::bordered().title(Span::styled(format!(" {title} "), theme.title)))
        .render(boxed, buf);
}
