//! A bank's field rule (its regexp) in the user's words: "8 characters at least", "6 digits",
//! "7 to 20 characters". The API gives only the regexp; banks write the rule in the label too
//! ("Mot de passe (8 car. min.)"), so a rule we cannot put in words points at the label's hint.
//!
//! Choice (the docs are silent): only the common whole-value shapes are read, `^X{n}$`,
//! `^X{n,}$`, `^X{n,m}$` and `^X+$`, with X one of `.`, `\d`, `[0-9]` or a character class;
//! anything else gets the generic sentence. The words are the UI's language's (`rule.*` in the
//! catalogue); the label is the bank's and stays as written.

use rust_i18n::t;

use crate::i18n::Lang;

/// The rule of `regexp` in words, in `lang`, for a field labelled `label`.
pub fn rule_words(regexp: &str, label: &str, lang: Lang) -> String {
    let code = lang.code();
    read_rule(regexp, lang).unwrap_or_else(|| {
        if label.contains('(') {
            t!("rule.unmatched_see_label", locale = code).into_owned()
        } else {
            t!("rule.unmatched", locale = code).into_owned()
        }
    })
}

/// What a rule counts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    Characters,
    Digits,
}

impl Unit {
    /// `n` of this unit's name, in `lang` ("1 character", "8 digits" without the number).
    fn name(self, n: u32, lang: Lang) -> String {
        let code = lang.code();
        match (self, n) {
            (Unit::Characters, 1) => t!("rule.character", locale = code),
            (Unit::Characters, _) => t!("rule.characters", locale = code),
            (Unit::Digits, 1) => t!("rule.digit", locale = code),
            (Unit::Digits, _) => t!("rule.digits", locale = code),
        }
        .into_owned()
    }
}

/// `Some(words)` when the regexp has one of the shapes we read.
fn read_rule(regexp: &str, lang: Lang) -> Option<String> {
    let code = lang.code();
    let body = regexp.strip_prefix('^')?.strip_suffix('$')?;
    let (unit, count) = split_unit(body)?;
    let what = match unit {
        "." => Unit::Characters,
        r"\d" | "[0-9]" => Unit::Digits,
        class if class.starts_with('[') && !class.starts_with("[^") => Unit::Characters,
        _ => return None,
    };
    let (min, max) = match count {
        "+" => (1, None),
        _ => {
            let inner = count.strip_prefix('{')?.strip_suffix('}')?;
            match inner.split_once(',') {
                None => {
                    let n = inner.parse::<u32>().ok()?;
                    (n, Some(n))
                }
                Some((min, "")) => (min.parse().ok()?, None),
                Some((min, max)) => (min.parse().ok()?, Some(max.parse().ok()?)),
            }
        }
    };
    let allowed = match unit {
        class if class.starts_with('[') && what == Unit::Characters => {
            format!(" ({})", allowed_chars(class, lang))
        }
        _ => String::new(),
    };
    let words = match (min, max) {
        (n, Some(m)) if n == m => format!("{n} {}", what.name(n, lang)),
        (n, Some(m)) => {
            let unit = what.name(m, lang);
            t!("rule.between", locale = code, min = n, max = m, unit = unit).into_owned()
        }
        (n, None) => {
            let unit = what.name(n, lang);
            t!("rule.at_least", locale = code, n = n, unit = unit).into_owned()
        }
    };
    Some(format!("{words}{allowed}"))
}

/// Splits `X{..}` or `X+` into the unit `X` and its count.
fn split_unit(body: &str) -> Option<(&str, &str)> {
    let unit_end = if body.starts_with('[') {
        body.find(']')? + 1
    } else if body.starts_with('\\') {
        2
    } else {
        1
    };
    let (unit, count) = body.split_at_checked(unit_end)?;
    (count == "+" || count.starts_with('{')).then_some((unit, count))
}

/// What a character class allows, in words: `[a-zA-Z0-9@._-]` → "letters, digits, @ . _ -".
fn allowed_chars(class: &str, lang: Lang) -> String {
    let code = lang.code();
    let inner = &class[1..class.len() - 1];
    let mut parts = Vec::new();
    let mut rest = inner.to_string();
    for (range, words) in [
        ("a-zA-Z", t!("rule.letters", locale = code)),
        ("A-Za-z", t!("rule.letters", locale = code)),
        ("a-z", t!("rule.lower_case", locale = code)),
        ("A-Z", t!("rule.capitals", locale = code)),
        ("0-9", t!("rule.digits", locale = code)),
    ] {
        if rest.contains(range) {
            parts.push(words.into_owned());
            rest = rest.replacen(range, "", 1);
        }
    }
    let others: Vec<String> = rest
        .chars()
        .filter(|c| *c != '\\')
        .map(String::from)
        .collect();
    if !others.is_empty() {
        parts.push(others.join(" "));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english(regexp: &str, label: &str) -> String {
        rule_words(regexp, label, Lang::En)
    }

    #[test]
    fn common_rules_are_said_in_words() {
        assert_eq!(english("^.{8,}$", "Mot de passe"), "8 characters at least");
        assert_eq!(english("^[0-9]{6}$", "Code"), "6 digits");
        assert_eq!(english(r"^\d{4,8}$", "Code"), "4 to 8 digits");
        assert_eq!(english("^.+$", "Login"), "1 character at least");
        assert_eq!(
            english("^[a-zA-Z0-9@._-]{7,}$", "Identifiant"),
            "7 characters at least (letters, digits, @ . _ -)"
        );
    }

    #[test]
    fn other_rules_point_at_the_label() {
        assert_eq!(
            english("^(FR|DE)[0-9]+$", "IBAN (FR or DE)"),
            "does not match what the bank expects: see the hint in its name"
        );
        assert_eq!(
            english("^a|b$", "Code"),
            "does not match what the bank expects"
        );
    }

    #[test]
    fn french_rules_are_said_in_french_and_the_bank_label_is_untouched() {
        let french = |regexp| rule_words(regexp, "Mot de passe", Lang::Fr);
        assert_eq!(french("^.{8,}$"), "au moins 8 caractères");
        assert_eq!(french("^[0-9]{6}$"), "6 chiffres");
        assert_eq!(french(r"^\d{4,8}$"), "de 4 à 8 chiffres");
        assert_eq!(french("^.+$"), "au moins 1 caractère");
        assert_eq!(
            french("^[a-zA-Z0-9@._-]{7,}$"),
            "au moins 7 caractères (lettres, chiffres, @ . _ -)"
        );
    }
}
