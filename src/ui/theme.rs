//! Colours and text styles, in one struct so every screen looks the same and a theme is a value
//! (ratatui demo2's `Theme`). Dark is the default; light and high-contrast are alternatives; with
//! `NO_COLOR` set (<https://no-color.org>) only modifiers (bold, dim, reversed) remain.
//!
//! The theme never reads the environment itself: the caller passes `no_color` in, which keeps
//! rendering pure and snapshots identical on every machine.
//!
//! Projector-safe: every foreground a theme draws has a WCAG contrast of at least 4.5:1 on
//! every background it is drawn on (its [`Canvas`], the selected row, the badge), in xterm's
//! default palette ([`contrast`]; checked on rendered screens by `tests/tui/themes_contrast.rs`).
//! So no role relies on `DIM` (a dim grey falls below 4.5:1) and the 16 basic colours that are
//! too pale on white or too dark on black are replaced: red by light red on dark backgrounds,
//! green, magenta and grey by darker 256-palette shades on the light theme. Colour is never the
//! only signal: amounts carry their sign, statuses a word, charts a title.

pub mod contrast;

pub use contrast::Canvas;
use ratatui::style::{Color, Modifier, Style};

/// Every style the screens use, named by role, not by colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Plain text.
    pub text: Style,
    /// Secondary text: hints, units, dates.
    pub dim: Style,
    /// Titles and headers.
    pub title: Style,
    /// The SANDBOX badge in the title bar.
    pub badge: Style,
    /// The focused field or the selected row.
    pub selected: Style,
    /// Unavailable items: shown but not selectable.
    pub disabled: Style,
    /// Errors: failing fields, ERROR_MSG, the status line on failure.
    pub error: Style,
    /// Good news: synced, valid.
    pub ok: Style,
    /// Key names in the hint bar and the help overlay.
    pub key: Style,
    /// Negative amounts.
    pub negative: Style,
    /// Positive amounts.
    pub positive: Style,
    /// A chart's line or bars (the account's balance, the spending).
    pub plot: Style,
    /// A second chart's line (the net worth), told apart from `plot` by its title too.
    pub plot_alt: Style,
    /// The terminal's default colours the theme is made for (what `Color::Reset` shows).
    pub canvas: Canvas,
}

impl Theme {
    /// The default theme for a dark terminal.
    pub fn dark() -> Self {
        Theme {
            text: Style::new().fg(Color::Gray),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            badge: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            selected: Style::new().fg(Color::Black).bg(Color::Cyan),
            // Italic, not dim: dark grey dimmed is below 4.5:1 on black.
            disabled: Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
            // Light red: xterm's red on black is 3.6:1.
            error: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            ok: Style::new().fg(Color::Green),
            key: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            negative: Style::new().fg(Color::LightRed),
            positive: Style::new().fg(Color::Green),
            plot: Style::new().fg(Color::Cyan),
            plot_alt: Style::new().fg(Color::Yellow),
            canvas: Canvas {
                ink: Color::Gray,
                paper: Color::Black,
            },
        }
    }

    /// A theme for a light terminal background.
    pub fn light() -> Self {
        // xterm's dark grey, green and magenta are below 4.5:1 on white: darker shades of the
        // 256-colour palette instead (grey 108, green 0/95/0, purple 135/0/135).
        let grey = Color::Indexed(242);
        let green = Color::Indexed(22);
        let purple = Color::Indexed(90);
        Theme {
            text: Style::new().fg(Color::Black),
            dim: Style::new().fg(grey),
            title: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            selected: Style::new().fg(Color::White).bg(Color::Blue),
            disabled: Style::new().fg(grey).add_modifier(Modifier::ITALIC),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            ok: Style::new().fg(green),
            key: Style::new().fg(purple).add_modifier(Modifier::BOLD),
            negative: Style::new().fg(Color::Red),
            positive: Style::new().fg(green),
            plot: Style::new().fg(Color::Blue),
            plot_alt: Style::new().fg(purple),
            canvas: Canvas {
                ink: Color::Black,
                paper: Color::White,
            },
            ..Theme::dark()
        }
    }

    /// Maximum contrast: white on black, pure colours, bold where it matters.
    pub fn high_contrast() -> Self {
        let bold = Modifier::BOLD;
        Theme {
            text: Style::new().fg(Color::White),
            dim: Style::new().fg(Color::White),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::White)
                .add_modifier(bold),
            error: Style::new()
                .fg(Color::LightRed)
                .add_modifier(bold | Modifier::UNDERLINED),
            // Dark grey and dim vanish on a projector: unavailable items stay readable, in italics.
            disabled: Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
            plot: Style::new().fg(Color::LightCyan),
            plot_alt: Style::new().fg(Color::LightYellow),
            canvas: Canvas {
                ink: Color::White,
                paper: Color::Black,
            },
            ..Theme::dark()
        }
    }

    /// No colour at all (the `NO_COLOR` convention): roles are told apart by modifiers only
    /// (secondary text is italic rather than dim: dim text falls below 4.5:1).
    pub fn monochrome() -> Self {
        let plain = Style::new();
        Theme {
            text: plain,
            dim: plain.add_modifier(Modifier::ITALIC),
            title: plain.add_modifier(Modifier::BOLD),
            badge: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED),
            disabled: plain.add_modifier(Modifier::ITALIC | Modifier::CROSSED_OUT),
            error: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            ok: plain,
            key: plain.add_modifier(Modifier::BOLD),
            negative: plain,
            positive: plain,
            plot: plain,
            plot_alt: plain,
            canvas: Canvas {
                ink: Color::White,
                paper: Color::Black,
            },
        }
    }

    /// The theme to use: `no_color` (the caller read `NO_COLOR`) wins over everything.
    pub fn pick(name: &str, no_color: bool) -> Self {
        if no_color {
            return Theme::monochrome();
        }
        match name {
            "light" => Theme::light(),
            "high-contrast" => Theme::high_contrast(),
            _ => Theme::dark(),
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
}

/// The themes of `--theme` (and of `theme` in the config's `[ui]` section).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    /// Light text on a dark terminal.
    Dark,
    /// Dark text on a light terminal.
    Light,
    /// Strong colours and bold for low vision.
    HighContrast,
}

impl ThemeName {
    /// The theme, or no colour when `NO_COLOR` is set (non-empty, <https://no-color.org>).
    pub fn theme(self) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let name = match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::HighContrast => "high-contrast",
        };
        Theme::pick(name, no_color)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_beats_the_chosen_theme() {
        let t = Theme::pick("light", true);
        assert_eq!(t, Theme::monochrome());
        assert_eq!(t.error.fg, None);
        assert_eq!(Theme::pick("unknown", false), Theme::dark());
    }
}
