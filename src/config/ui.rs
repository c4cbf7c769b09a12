//! The `[ui]` section of the configuration: how the TUI looks and behaves.
//!
//! ```toml
//! [ui]
//! theme = "light"      # dark (default) | light | high-contrast; `--theme` wins over it
//! mouse = false        # true (default): clicks and the wheel work; false: the terminal keeps
//!                      # the mouse, so text can be selected and copied
//! language = "fr"      # en (default) | fr
//! privacy = true       # false (default): true starts in privacy mode (amounts and IBANs
//!                      # masked on every screen; `p` on the dashboard, `--privacy` too)
//! ```
//!
//! `language` is checked (`en` or `fr`, anything else is an error that says so); `--lang` wins
//! over it and it wins over the locale variables (see `crate::i18n`).

use serde::Deserialize;

use crate::i18n::Lang;
use crate::ui::theme::ThemeName;

/// The `[ui]` section; every key is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiSection {
    /// The colours, unless `--theme` says otherwise.
    pub theme: Option<ThemeName>,
    /// Whether the TUI captures the mouse (default: yes).
    pub mouse: Option<bool>,
    /// The language of the UI text.
    pub language: Option<Lang>,
    /// Start in privacy mode (amounts and IBANs masked; default: no).
    pub privacy: Option<bool>,
}

impl UiSection {
    /// The theme: the command line's when given, else this section's, else dark.
    pub fn theme(&self, command_line: Option<ThemeName>) -> ThemeName {
        command_line.or(self.theme).unwrap_or(ThemeName::Dark)
    }

    /// The UI's language: the command line's, else this section's, else the environment's
    /// (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English.
    pub fn language(&self, command_line: Option<Lang>) -> Lang {
        Lang::choose(command_line, self.language, |name| std::env::var(name).ok())
    }

    /// Whether to capture the mouse (default: yes).
    pub fn mouse(&self) -> bool {
        self.mouse.unwrap_or(true)
    }

    /// Whether to start in privacy mode: `--privacy` on the command line, else this section's
    /// `privacy`, else no (the command line can only turn it on; `p` turns it off).
    pub fn privacy(&self, command_line: bool) -> bool {
        command_line || self.privacy.unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse;

    #[test]
    fn ui_section_sets_theme_mouse_and_language() {
        let config =
            parse("[ui]\ntheme = \"high-contrast\"\nmouse = false\nlanguage = \"fr\"\n").unwrap();
        let ui = config.ui.unwrap();
        assert_eq!(ui.theme(None), ThemeName::HighContrast);
        assert_eq!(ui.theme(Some(ThemeName::Light)), ThemeName::Light);
        assert!(!ui.mouse());
        assert_eq!(ui.language, Some(Lang::Fr));
        let empty = UiSection::default();
        assert_eq!(empty.theme(None), ThemeName::Dark);
        assert!(empty.mouse());
    }

    #[test]
    fn privacy_comes_from_the_command_line_or_the_config() {
        let on = parse("[ui]\nprivacy = true\n").unwrap().ui.unwrap();
        assert!(on.privacy(false));
        let off = parse("[ui]\nprivacy = false\n").unwrap().ui.unwrap();
        assert!(!off.privacy(false));
        assert!(off.privacy(true), "--privacy wins");
        assert!(!UiSection::default().privacy(false), "off by default");
        let error = parse("[ui]\nprivacy = \"yes\"\n").unwrap_err();
        assert!(error.contains("line 2"), "{error}");
    }

    #[test]
    fn a_wrong_ui_value_is_refused_saying_what_is_allowed() {
        let error = parse("[ui]\nlanguage = \"de\"\n").unwrap_err();
        assert!(
            error.contains("line 2") && error.contains("`en`") && error.contains("`fr`"),
            "{error}"
        );
        let error = parse("[ui]\ntheme = \"pink\"\n").unwrap_err();
        assert!(error.contains("high-contrast"), "{error}");
        let error = parse("[ui]\nmouse = \"no\"\n").unwrap_err();
        assert!(error.contains("line 2"), "{error}");
        let error = parse("[ui]\ncolour = 1\n").unwrap_err();
        assert!(error.contains("colour"), "{error}");
    }
}
