//! A QR code drawn with half blocks (two modules per character cell: `▀`, `▄`, `█` or a space),
//! in explicit colours, black modules on a white background, whatever the terminal's theme: a phone reads it on a light or a dark
//! terminal alike. It keeps the quiet zone the QR specification asks for (ISO/IEC 18004: four
//! modules of light on every side). [`render_qr`] draws nothing when it does not fit.

use qrcode::{Color as Module, EcLevel, QrCode};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

/// Light modules around the code (ISO/IEC 18004 §6.3.8).
pub const QUIET_ZONE: usize = 4;

/// A QR code's modules, quiet zone included (`true`: dark).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrModules {
    side: usize,
    dark: Vec<bool>,
}

impl QrModules {
    /// The code of `text` (error correction L: the shortest), `None` when it is too long.
    pub fn of(text: &str) -> Option<Self> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).ok()?;
        let width = code.width();
        let colors = code.to_colors();
        let side = width + 2 * QUIET_ZONE;
        let mut dark = vec![false; side * side];
        for y in 0..width {
            for x in 0..width {
                dark[(y + QUIET_ZONE) * side + x + QUIET_ZONE] =
                    colors[y * width + x] == Module::Dark;
            }
        }
        Some(QrModules { side, dark })
    }

    /// Modules on a side, quiet zone included.
    pub fn side(&self) -> usize {
        self.side
    }

    /// Whether the module at (`x`, `y`) is dark (outside the code: light).
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.side && y < self.side && self.dark[y * self.side + x]
    }

    /// The size drawn, in cells: (columns, rows).
    pub fn cells(&self) -> (u16, u16) {
        (self.side as u16, self.side.div_ceil(2) as u16)
    }
}

/// The size in cells of the QR code of `text`, `None` when it cannot be made.
pub fn qr_cells(text: &str) -> Option<(u16, u16)> {
    QrModules::of(text).map(|q| q.cells())
}

/// Draws the QR code of `text` at the top-left of `area`; `false` (nothing drawn) if too small.
pub fn render_qr(text: &str, area: Rect, buf: &mut Buffer) -> bool {
    let Some(code) = QrModules::of(text) else {
        return false;
    };
    let (width, height) = code.cells();
    if width > area.width || height > area.height {
        return false;
    }
    // Dark modules in black on white: explicit, so the code reads on any terminal theme.
    let style = Style::default().fg(Color::Black).bg(Color::White);
    for row in 0..height {
        for col in 0..width {
            let (x, y) = (col as usize, row as usize * 2);
            let symbol = match (code.is_dark(x, y), code.is_dark(x, y + 1)) {
                (true, true) => "█",
                (true, false) => "▀",
                (false, true) => "▄",
                (false, false) => " ",
            };
            if let Some(cell) = buf.cell_mut((area.x + col, area.y + row)) {
                cell.set_symbol(symbol).set_style(style);
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_keeps_a_four_module_quiet_zone() {
        let code = QrModules::of("https://example.org/a").unwrap();
        // Version 2 = 25 modules, plus 4 light ones on each side.
        assert_eq!(code.side(), 25 + 2 * QUIET_ZONE);
        for i in 0..code.side() {
            for q in 0..QUIET_ZONE {
                let far = code.side() - 1 - q;
                assert!(
                    !code.is_dark(i, q) && !code.is_dark(i, far),
                    "row {q}/{far}"
                );
                assert!(
                    !code.is_dark(q, i) && !code.is_dark(far, i),
                    "column {q}/{far}"
                );
            }
        }
        // The finder pattern's corner is dark, right inside the quiet zone.
        assert!(code.is_dark(QUIET_ZONE, QUIET_ZONE));
        assert_eq!(code.cells(), (33, 17));
    }

    #[test]
    fn the_code_is_drawn_in_explicit_black_on_white_whatever_the_theme() {
        let text = "https://example.org/a";
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 20));
        assert!(render_qr(text, buf.area, &mut buf));
        let corner = &buf[(0, 0)];
        assert_eq!(corner.symbol(), " ", "the quiet zone is light");
        assert_eq!((corner.fg, corner.bg), (Color::Black, Color::White));
        // Row 2 holds modules 4 and 5: the finder's dark top edge under the quiet zone.
        assert_eq!(buf[(QUIET_ZONE as u16, 2)].symbol(), "█");
        let (w, h) = QrModules::of(text).unwrap().cells();
        for y in 0..h {
            for x in 0..w {
                let cell = &buf[(x, y)];
                assert_eq!(
                    (cell.fg, cell.bg),
                    (Color::Black, Color::White),
                    "({x},{y})"
                );
            }
        }
    }

    #[test]
    fn a_code_that_does_not_fit_draws_nothing() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 10));
        assert!(!render_qr("https://example.org/a", buf.area, &mut buf));
        assert!(
            buf.content()
                .iter()
                .all(|c| c.symbol() == " " && c.bg == Color::Reset)
        );
    }
}
