//! WCAG 2.x contrast of what a theme draws: a terminal colour's RGB value, its relative
//! luminance and the ratio of two of them (<https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio>),
//! and the colours a cell really shows (reset, reversed and dim resolved). The themes are held
//! to 4.5:1, the WCAG AA level for text, by the tests (`tests/tui/themes_contrast.rs`).
//!
//! Docs gap (ours): a named or indexed colour's RGB is the user's terminal palette's; we use
//! xterm's default palette (the 16 named colours, the 6×6×6 cube and the grey ramp), the most
//! common default. `Color::Reset` is the theme's [`Canvas`]; a dim cell's foreground is taken
//! halfway to its background (what xterm and VTE draw for SGR 2).

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

/// The terminal colours a theme is made for: what `Color::Reset` means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Canvas {
    /// The default foreground.
    pub ink: Color,
    /// The default background.
    pub paper: Color,
}

/// The 16 named colours in xterm's default palette.
const XTERM_16: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

/// A colour's RGB in xterm's default palette (`Reset`: `reset`'s).
pub fn rgb(color: Color, reset: Color) -> (u8, u8, u8) {
    let named = |i: usize| XTERM_16[i];
    match color {
        Color::Reset => match reset {
            Color::Reset => named(0),
            other => rgb(other, Color::Black),
        },
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(i) => indexed(i),
    }
}

/// xterm's 256-colour palette.
fn indexed(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => XTERM_16[i as usize],
        16..=231 => {
            let level = |n: u8| if n == 0 { 0 } else { 55 + n * 40 };
            let n = i - 16;
            (level(n / 36), level(n / 6 % 6), level(n % 6))
        }
        232..=255 => {
            let grey = 8 + (i - 232) * 10;
            (grey, grey, grey)
        }
    }
}

/// WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white).
pub fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG contrast ratio of two colours, 1 to 21.
pub fn ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The foreground and background a cell shows on `canvas`: reset resolved, reversed swapped,
/// dim taken halfway to the background.
pub fn shown(cell: &Cell, canvas: Canvas) -> ((u8, u8, u8), (u8, u8, u8)) {
    let mut fg = rgb(cell.fg, canvas.ink);
    let mut bg = rgb(cell.bg, canvas.paper);
    if cell.modifier.contains(Modifier::REVERSED) {
        std::mem::swap(&mut fg, &mut bg);
    }
    if cell.modifier.contains(Modifier::DIM) {
        let half = |f: u8, b: u8| ((u16::from(f) + u16::from(b)) / 2) as u8;
        fg = (half(fg.0, bg.0), half(fg.1, bg.1), half(fg.2, bg.2));
    }
    (fg, bg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn black_on_white_is_21_and_a_colour_on_itself_is_1() {
        let (black, white) = ((0, 0, 0), (255, 255, 255));
        assert!((ratio(black, white) - 21.0).abs() < 1e-9);
        assert!((ratio(white, white) - 1.0).abs() < 1e-9);
        // The WCAG's own example values: #777 on white is about 4.48.
        assert!((ratio((119, 119, 119), white) - 4.48).abs() < 0.01);
    }

    #[test]
    fn the_256_palette_follows_xterm() {
        assert_eq!(rgb(Color::Indexed(16), Color::Reset), (0, 0, 0));
        assert_eq!(rgb(Color::Indexed(28), Color::Reset), (0, 135, 0));
        assert_eq!(rgb(Color::Indexed(231), Color::Reset), (255, 255, 255));
        assert_eq!(rgb(Color::Indexed(244), Color::Reset), (128, 128, 128));
        assert_eq!(rgb(Color::Reset, Color::White), (255, 255, 255));
    }
}
