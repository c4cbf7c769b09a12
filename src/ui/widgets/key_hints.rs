//! The bottom bar listing the keys of the current screen (`Enter submit  Esc back  ? help`).
//! The help key always shows at the right end: when the screen's hints do not all fit, the last
//! ones give way to `…` (the `?`/F1 overlay lists them all).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::ui::theme::Theme;

/// One key and what it does, e.g. `("Enter", "submit")`.
pub type KeyHint = (&'static str, &'static str);

fn width<A: AsRef<str>>((key, action): &(&str, A)) -> usize {
    key.chars().count() + 1 + action.as_ref().chars().count()
}

/// Draws the hints on one line, then `help` (always kept, at the end); the actions are the
/// words to show (translated by the caller, `crate::i18n::hints`).
pub fn render_key_hints<A: AsRef<str>>(
    hints: &[(&str, A)],
    help: (&str, A),
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let room = area.width as usize;
    let total: usize = hints.iter().chain([&help]).map(|h| width(h) + 2).sum();
    let mut shown: Vec<&(&str, A)> = hints.iter().collect();
    let mut cut = false;
    if total > room + 2 {
        // Keep as many as fit before "…  ? help".
        let reserved = width(&help) + 3;
        let mut used = 0;
        shown.clear();
        for h in hints {
            if used + width(h) + 2 + reserved > room {
                break;
            }
            used += width(h) + 2;
            shown.push(h);
        }
        cut = true;
    }
    let mut spans = Vec::with_capacity(shown.len() * 3 + 3);
    for (key, action) in shown {
        spans.push(Span::styled(*key, theme.key));
        spans.push(Span::styled(format!(" {}  ", action.as_ref()), theme.dim));
    }
    if cut {
        spans.push(Span::styled("… ", theme.dim));
    }
    spans.push(Span::styled(help.0, theme.key));
    spans.push(Span::styled(format!(" {}", help.1.as_ref()), theme.dim));
    Line::from(spans).render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(hints: &[KeyHint], w: u16) -> String {
        let area = Rect::new(0, 0, w, 1);
        let mut buf = Buffer::empty(area);
        render_key_hints(hints, ("?", "help"), area, &mut buf, &Theme::dark());
        (0..w).map(|x| buf[(x, 0)].symbol().to_string()).collect()
    }

    #[test]
    fn help_stays_visible_when_the_hints_do_not_fit() {
        let hints = [("Tab", "transactions"), ("Enter", "open"), ("s", "sync")];
        assert_eq!(
            text(&hints, 44),
            "Tab transactions  Enter open  s sync  ? help"
        );
        let narrow = text(&hints, 30);
        assert!(narrow.trim_end().ends_with("… ? help"), "{narrow}");
        assert!(narrow.starts_with("Tab transactions"));
    }
}
