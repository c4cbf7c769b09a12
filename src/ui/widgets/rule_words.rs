//! A bank's field rule (its regexp) in the user's words: "8 characters at least", "6 digits",
//! "7 to 20 characters". The API gives only the regexp; banks write the rule in the label too
//! ("Mot de passe (8 car. min.)"), so a rule we cannot put in words points at the label's hint.
//!
//! The words are in the UI's [`Lang`] (catalogue `locales/onboarding.toml`, `onboarding.field.*`).
//!
//! Choice (the docs are silent): only the common whole-value shapes are read, `^X{n}$`,
//! `^X{n,}$`, `^X{n,m}$` and `^X+$`, with X one of `.`, `\d`, `[0-9]` or a character class;
//! anything else gets the generic sentence.

use rust_i18n::t;

use crate::i18n::Lang;

/// The rule of `regexp` in words, in `lang`, for a field labelled `label`.
pub fn rule_words(regexp: &str, label: &str, lang: Lang) -> String {
    let code = lang.code();
    read_rule(regexp, lang).unwrap_or_else(|| {
        if label.contains('(') {
            t!("onboarding.field.no_match_see_label", locale = code).into_owned()
        } else {
            t!("onboarding.field.no_match", locale = code).into_owned()
        }
    })
}

/// `Some(words)` when the regexp has one of the shapes we read.
fn read_rule(regexp: &str, lang: Lang) -> Option<String> {
    let code = lang.code();
    let body = regexp.strip_prefix('^')?.strip_suffix('$')?;
    let (unit, count) = split_unit(body)?;
    let digits = match unit {
        "." => false,
        r"\d" | "[0-9]" => true,
        class if class.starts_with('[') && !class.starts_with("[^") => false,
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
        class if class.starts_with('[') && !digits => {
            format!(" ({})", allowed_chars(class, lang))
        }
        _ => String::new(),
    };
    let unit = |n: u32| {
        match (digits, n) {
            (true, 1) => t!("onboarding.field.digit", locale = code),
            (true, _) => t!("onboarding.field.digits", locale = code),
            (false, 1) => t!("onboarding.field.character", locale = code),
            (false, _) => t!("onboarding.field.characters", locale = code),
        }
        .into_owned()
    };
    Some(
        match (min, max) {
            (n, Some(m)) if n == m => {
                t!(
                    "onboarding.field.exactly",
                    locale = code,
                    n = n,
                    what = unit(n),
                    allowed = allowed
                )
            }
            (n, Some(m)) => t!(
                "onboarding.field.between",
                locale = code,
                min = n,
                max = m,
                what = unit(2),
                allowed = allowed
            ),
            (n, None) => {
                t!(
                    "onboarding.field.at_least",
                    locale = code,
                    n = n,
                    what = unit(n),
                    allowed = allowed
                )
            }
        }
        .into_owned(),
    )
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
    let letters = t!("onboarding.field.letters", locale = code);
    let lower = t!("onboarding.field.lower_case_letters", locale = code);
    let capitals = t!("onboarding.field.capital_letters", locale = code);
    let digits = t!("onboarding.field.digits", locale = code);
    let inner = &class[1..class.len() - 1];
    let mut parts = Vec::new();
    let mut rest = inner.to_string();
    for (range, words) in [
        ("a-zA-Z", &letters),
        ("A-Za-z", &letters),
        ("a-z", &lower),
        ("A-Z", &capitals),
        ("0-9", &digits),
    ] {
        if rest.contains(range) {
            parts.push(words.to_string());
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

    #[test]
    fn common_rules_are_said_in_words() {
        assert_eq!(
            rule_words("^.{8,}$", "Mot de passe", Lang::En),
            "8 characters at least"
        );
        assert_eq!(rule_words("^[0-9]{6}$", "Code", Lang::En), "6 digits");
        assert_eq!(rule_words(r"^\d{4,8}$", "Code", Lang::En), "4 to 8 digits");
        assert_eq!(
            rule_words("^.+$", "Login", Lang::En),
            "1 character at least"
        );
        assert_eq!(
            rule_words("^[a-zA-Z0-9@._-]{7,}$", "Identifiant", Lang::En),
            "7 characters at least (letters, digits, @ . _ -)"
        );
    }

    #[test]
    fn other_rules_point_at_the_label() {
        assert_eq!(
            rule_words("^(FR|DE)[0-9]+$", "IBAN (FR or DE)", Lang::En),
            "does not match what the bank expects: see the hint in its name"
        );
        assert_eq!(
            rule_words("^a|b$", "Code", Lang::En),
            "does not match what the bank expects"
        );
    }

    #[test]
    fn a_french_user_reads_the_rule_in_french() {
        assert_eq!(
            rule_words("^.{8,}$", "Mot de passe", Lang::Fr),
            "8 caractères au moins"
        );
        assert_eq!(
            rule_words(r"^\d{4,8}$", "Code", Lang::Fr),
            "de 4 à 8 chiffres"
        );
        assert_eq!(rule_words("^[0-9]{1}$", "Code", Lang::Fr), "1 chiffre");
        assert_eq!(
            rule_words("^[a-zA-Z0-9@._-]{7,}$", "Identifiant", Lang::Fr),
            "7 caractères au moins (lettres, chiffres, @ . _ -)"
        );
        assert_eq!(
            rule_words("^a|b$", "Code", Lang::Fr),
            "ne correspond pas à ce qu'attend la banque"
        );
    }

    proptest::proptest! {
        /// A bank's regexp is outside input: any text gives words in either language, never a
        /// panic, and the French words hold no English ones.
        #[test]
        fn any_rule_from_a_bank_is_put_in_words_without_a_panic(
            regexp in "\\^?(\\[[a-zA-Z0-9@._-]{0,8}\\]|\\.|\\\\d|[a-z(|)*+?]{0,6})(\\{[0-9]{0,3},?[0-9]{0,3}\\}|\\+)?\\$?",
            label in ".{0,20}",
        ) {
            let english = rule_words(&regexp, &label, Lang::En);
            let french = rule_words(&regexp, &label, Lang::Fr);
            proptest::prop_assert!(!english.is_empty() && !french.is_empty());
            for word in ["characters", "digits", "at least", "does not match"] {
                proptest::prop_assert!(!french.contains(word), "{}", french);
            }
        }
    }
}
