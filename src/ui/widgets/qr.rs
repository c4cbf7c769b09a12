//! A QR code drawn with half-block characters (two modules per character cell), light modules
//! as blocks so the code reads on a dark terminal. Returns `false` when it does not fit.

use qrcode::{Color, EcLevel, QrCode};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

/// The QR code of `text` as lines of half blocks, with a one-module quiet zone.
pub fn qr_lines(text: &str) -> Option<Vec<String>> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).ok()?;
    let w = code.width();
    let colors = code.to_colors();
    let light = |x: isize, y: isize| {
        if x < 0 || y < 0 || x >= w as isize || y >= w as isize {
            return true;
        }
        colors[y as usize * w + x as usize] == Color::Light
    };
    let side = w as isize + 2;
    let mut lines = Vec::new();
    let mut y = -1;
    while y < side - 1 {
        let line: String = (-1..side - 1)
            .map(|x| match (light(x, y), light(x, y + 1)) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            })
            .collect();
        lines.push(line);
        y += 2;
    }
    Some(lines)
}

/// Draws the QR code of `text` at the top-left of `area`; `false` (nothing drawn) if too small.
pub fn render_qr(text: &str, area: Rect, buf: &mut Buffer) -> bool {
    let Some(lines) = qr_lines(text) else {
        return false;
    };
    let width = lines.first().map_or(0, |l| l.chars().count());
    if lines.len() > area.height as usize || width > area.width as usize {
        return false;
    }
    for (i, line) in lines.iter().enumerate() {
        Line::raw(line.as_str()).render(Rect::new(area.x, area.y + i as u16, area.width, 1), buf);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_is_square_in_half_blocks() {
        let lines = qr_lines("https://example.org/a").unwrap();
        let width = lines[0].chars().count();
        // version 2 = 25 modules + 2 quiet = 27 wide, 14 half-block rows.
        assert_eq!(width, 27);
        assert_eq!(lines.len(), 14);
    }
}
