//! The translation layer: the UI's language ([`Lang`]), how it is chosen, and the catalogue
//! every UI string comes from (`locales/*.toml`, one file per area of the UI, merged and
//! compiled in by `rust_i18n::i18n!` in `lib.rs`, rebuilt when one changes thanks to
//! `build.rs`; read a string with `t!("frame.help", locale = lang.code())`).
//!
//! Choices (ours):
//! - The language comes from `--lang`, else the config's `[ui] language`, else the environment
//!   (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, the POSIX order; the first that is set and not
//!   empty decides: French when it starts with `fr`, English otherwise), else English.
//! - Numbers follow the language: French gets `-1 234,56 €`, English the plain `-1234.56 EUR`
//!   (no grouping: a column of amounts reads without guessing which mark is the decimal one).
//! - Bank texts (labels, names, challenge texts) are never translated: they stay as the bank
//!   wrote them. Category names keep their own two-column table in `domain::category`.
//! - There is no silent fallback: `tests::every_key_has_english_and_french` fails when a key
//!   lacks a language, and `every_key_the_code_reads_is_in_the_catalogue` when the code reads a
//!   key the catalogue does not have.

use serde::Deserialize;

use crate::domain::NameLanguage;

/// The language of the UI text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// French.
    Fr,
}

impl Lang {
    /// The catalogue's name for the language (`en`, `fr`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// The language: the command line's, else the config's, else the environment's (read
    /// through `var`, so a test passes its own), else English.
    pub fn choose(
        command_line: Option<Lang>,
        config: Option<Lang>,
        var: impl Fn(&str) -> Option<String>,
    ) -> Lang {
        command_line
            .or(config)
            .or_else(|| Lang::from_environment(var))
            .unwrap_or_default()
    }

    /// The language the locale variables ask for: the first of `LC_ALL`, `LC_MESSAGES`, `LANG`
    /// set to something not empty; French when it starts with `fr`, English otherwise.
    pub fn from_environment(var: impl Fn(&str) -> Option<String>) -> Option<Lang> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| var(name))
            .find(|value| !value.is_empty())
            .map(|value| {
                if value.to_ascii_lowercase().starts_with("fr") {
                    Lang::Fr
                } else {
                    Lang::En
                }
            })
    }

    /// The language of category names.
    pub fn category_names(self) -> NameLanguage {
        match self {
            Lang::En => NameLanguage::English,
            Lang::Fr => NameLanguage::French,
        }
    }
}

/// What a key does, in this language: `action` is the English text of a screen's `KEYS` table
/// (`"quit"`), looked up under `hint.` in the catalogue. A text the catalogue lacks shows as its
/// key (`hint.…`), never silently in English (`tests::every_key_hint_is_in_the_catalogue`).
pub fn hint(lang: Lang, action: &str) -> String {
    rust_i18n::t!(format!("hint.{action}"), locale = lang.code()).into_owned()
}

/// A screen's key hints with their actions in this language.
pub fn hints<'a>(lang: Lang, keys: &[(&'a str, &str)]) -> Vec<(&'a str, String)> {
    keys.iter().map(|(k, a)| (*k, hint(lang, a))).collect()
}

#[cfg(test)]
mod tests;
