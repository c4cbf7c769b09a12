//! The status line: one message the app wants the user to see (an error in red, or information),
//! above the key hints. The text is sanitised by whoever sets it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::ui::theme::Theme;

/// A message for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Something the user should know.
    Info(String),
    /// Something went wrong.
    Error(String),
}

impl Status {
    /// Draws the message, styled by its kind.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let (text, style) = match self {
            Status::Info(t) => (t.as_str(), theme.text),
            Status::Error(t) => (t.as_str(), theme.error),
        };
        Line::styled(text, style).render(area, buf);
    }
}
