//! The language's choice, and the catalogue's completeness (no key missing a language, no key
//! read by the code missing from the catalogue).

use std::collections::BTreeSet;
use std::path::Path;

use super::*;
use crate::ui::format::NumberStyle;

fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| {
        pairs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
    }
}

#[test]
fn a_french_locale_gives_french_and_any_other_english() {
    assert_eq!(
        Lang::choose(None, None, env(&[("LANG", "fr_FR.UTF-8")])),
        Lang::Fr
    );
    assert_eq!(
        Lang::choose(None, None, env(&[("LANG", "fr_CA")])),
        Lang::Fr
    );
    assert_eq!(
        Lang::choose(None, None, env(&[("LANG", "de_DE.UTF-8")])),
        Lang::En
    );
    assert_eq!(Lang::choose(None, None, env(&[("LANG", "C")])), Lang::En);
    assert_eq!(
        Lang::choose(None, None, env(&[])),
        Lang::En,
        "nothing set: English"
    );
}

#[test]
fn lc_all_wins_over_lc_messages_which_wins_over_lang() {
    let all = [
        ("LC_ALL", "en_GB"),
        ("LC_MESSAGES", "fr_FR"),
        ("LANG", "fr_FR"),
    ];
    assert_eq!(Lang::choose(None, None, env(&all)), Lang::En);
    let messages = [("LC_MESSAGES", "fr_FR.UTF-8"), ("LANG", "en_US.UTF-8")];
    assert_eq!(Lang::choose(None, None, env(&messages)), Lang::Fr);
    let empty_all = [("LC_ALL", ""), ("LANG", "fr_FR")];
    assert_eq!(
        Lang::choose(None, None, env(&empty_all)),
        Lang::Fr,
        "an empty variable is skipped"
    );
}

#[test]
fn the_command_line_wins_over_the_config_which_wins_over_the_environment() {
    let french_env = [("LANG", "fr_FR.UTF-8")];
    assert_eq!(
        Lang::choose(None, Some(Lang::En), env(&french_env)),
        Lang::En
    );
    assert_eq!(
        Lang::choose(Some(Lang::Fr), Some(Lang::En), env(&[])),
        Lang::Fr
    );
    assert_eq!(
        Lang::choose(Some(Lang::En), None, env(&french_env)),
        Lang::En
    );
}

#[test]
fn amounts_follow_the_language() {
    assert_eq!(NumberStyle::of(Lang::Fr), NumberStyle::FRENCH);
    assert_eq!(NumberStyle::of(Lang::En), NumberStyle::PLAIN);
}

/// Every key of the catalogue (every `locales/*.toml` file), with the languages it has.
fn catalogue() -> Vec<(String, BTreeSet<String>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut keys = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let table: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{} parses: {e}", file.display()));
        walk(&table, "", &mut keys);
    }
    keys
}

#[test]
fn no_key_is_in_two_catalogue_files() {
    let mut seen = BTreeSet::new();
    let twice: Vec<_> = catalogue()
        .into_iter()
        .filter(|(k, _)| !seen.insert(k.clone()))
        .collect();
    assert!(twice.is_empty(), "keys defined twice: {twice:?}");
}

/// A table whose values are all strings is one key's translations; any other is a namespace.
fn walk(table: &toml::Table, prefix: &str, keys: &mut Vec<(String, BTreeSet<String>)>) {
    for (name, value) in table {
        if name == "_version" {
            continue;
        }
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        let toml::Value::Table(inner) = value else {
            panic!("{path} is neither a key nor a namespace");
        };
        if inner.values().all(|v| v.is_str()) {
            let langs = inner
                .iter()
                .filter(|(_, v)| v.as_str().is_some_and(|s| !s.is_empty()))
                .map(|(l, _)| l.clone())
                .collect();
            keys.push((path, langs));
        } else {
            walk(inner, &path, keys);
        }
    }
}

#[test]
fn every_key_has_english_and_french() {
    let both: BTreeSet<String> = ["en".to_string(), "fr".to_string()].into();
    let keys = catalogue();
    assert!(
        keys.len() > 20,
        "the catalogue is read: {} keys",
        keys.len()
    );
    let incomplete: Vec<_> = keys.iter().filter(|(_, langs)| *langs != both).collect();
    assert!(
        incomplete.is_empty(),
        "keys without en and fr: {incomplete:?}"
    );
}

#[test]
fn every_key_the_code_reads_is_in_the_catalogue() {
    let known: BTreeSet<String> = catalogue().into_iter().map(|(k, _)| k).collect();
    let call = regex::Regex::new(r#"\bt!\(\s*"([^"]+)""#).unwrap();
    let mut read = BTreeSet::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                read.extend(call.captures_iter(&text).map(|c| c[1].to_string()));
            }
        }
    }
    assert!(read.len() > 20, "the code is read: {} keys", read.len());
    let missing: Vec<_> = read.difference(&known).collect();
    assert!(
        missing.is_empty(),
        "keys read but not in locales/*.toml: {missing:?}"
    );
}

#[test]
fn the_compiled_catalogue_answers_in_both_languages() {
    assert_eq!(rust_i18n::t!("frame.help", locale = "en"), "help");
    assert_eq!(rust_i18n::t!("frame.help", locale = "fr"), "aide");
}

#[test]
fn every_key_hint_is_in_the_catalogue() {
    // The `KEYS` tables: `("key", "what it does")` pairs in the screens and the frame.
    let pair = regex::Regex::new(r#"\(\s*"[^"]{1,12}",\s*"([^"]+)"\s*\)"#).unwrap();
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![
        base.join("app/view.rs"),
        base.join("app/update/questions.rs"),
        base.join("ui/widgets/help_overlay.rs"),
    ];
    let mut dirs = vec![base.join("screens")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("tests.rs") {
                files.push(path);
            }
        }
    }
    let mut actions = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let found = pair.captures_iter(&text).map(|c| c[1].to_string());
        // Words only: `replace("..", ".")` is no key table.
        actions.extend(found.filter(|a| a.starts_with(char::is_alphabetic)));
    }
    assert!(actions.len() > 30, "the KEYS tables are read: {actions:?}");
    let missing: Vec<_> = actions
        .iter()
        .filter(|a| hint(Lang::Fr, a).starts_with("hint.") || hint(Lang::En, a) != **a)
        .collect();
    assert!(
        missing.is_empty(),
        "key hints not in locales/*.toml: {missing:?}"
    );
}
