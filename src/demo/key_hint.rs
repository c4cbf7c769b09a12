//! The autoplay's hint, drawn over the frame's bottom-right corner (above the status and key
//! lines): that a script is playing, the key it pressed last (`⌨ Enter`), and that any key
//! takes over. Reversed and bold, so it reads in every theme and without colours.
//!
//! Typed text shows as typed (`⌨ linxo`), except into secret fields, where each key shows as a
//! dot: the hint never shows a password or a code.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

/// Rows left free under the hint: the status line and the key hints.
const BOTTOM_ROWS: u16 = 2;

/// What the hint says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyHint {
    /// The script is playing (nothing is drawn otherwise).
    pub playing: bool,
    /// The last key, or the text typed so far in this field.
    pub last: Option<String>,
}

impl KeyHint {
    /// The line the hint draws.
    pub fn text(&self) -> String {
        match &self.last {
            Some(key) => format!(" ▶ autoplay · ⌨ {key} · any key takes over "),
            None => " ▶ autoplay · any key takes over ".to_owned(),
        }
    }
}

/// The name of a key as the key hints write it (`Enter`, `Tab`, `↓`, `a`).
pub fn key_name(key: &KeyEvent) -> String {
    match key.code {
        KeyCode::Enter => "Enter".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift+Tab".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other}"),
    }
}

/// Draws `hint` over `frame` (nothing when the script is not playing, or no room).
pub fn render(hint: &KeyHint, frame: &mut Frame) {
    if !hint.playing {
        return;
    }
    let area = frame.area();
    let text = hint.text();
    let width = (text.chars().count() as u16).min(area.width);
    if area.height <= BOTTOM_ROWS || width == 0 {
        return;
    }
    let spot = Rect::new(
        area.x + area.width - width,
        area.y + area.height - BOTTOM_ROWS - 1,
        width,
        1,
    );
    let style = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
    frame.render_widget(Clear, spot);
    frame.render_widget(Paragraph::new(Line::styled(text, style)), spot);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    #[test]
    fn keys_are_named_as_the_key_hints_name_them() {
        let name = |code| key_name(&KeyEvent::new(code, KeyModifiers::NONE));
        assert_eq!(name(KeyCode::Enter), "Enter");
        assert_eq!(name(KeyCode::Down), "↓");
        assert_eq!(name(KeyCode::Char(' ')), "Space");
        assert_eq!(name(KeyCode::Char('a')), "a");
    }

    #[test]
    fn the_hint_says_how_to_take_over() {
        let hint = KeyHint {
            playing: true,
            last: Some("Enter".into()),
        };
        assert_eq!(hint.text(), " ▶ autoplay · ⌨ Enter · any key takes over ");
    }
}
