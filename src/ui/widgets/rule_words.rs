//! A bank's field rule (its regexp) in the user's words: "8 characters at least", "6 digits",
//! "7 to 20 characters". The API gives only the regexp; banks write the rule in the label too
//! ("Mot de passe (8 car. min.)"), so a rule we cannot put in words points at the label's hint.
//!
//! Choice (the docs are silent): only the common whole-value shapes are read, `^X{n}$`,
//! `^X{n,}$`, `^X{n,m}$` and `^X+$`, with X one of `.`, `\d`, `[0-9]` or a character class;
//! anything else gets the generic sentence.

/// The rule of `regexp` in words, for a field labelled `label`.
pub fn rule_words(regexp: &str, label: &str) -> String {
    read_rule(regexp).unwrap_or_else(|| {
        if label.contains('(') {
            "does not match what the bank expects: see the hint in its name".to_string()
        } else {
            "does not match what the bank expects".to_string()
        }
    })
}

/// `Some(words)` when the regexp has one of the shapes we read.
fn read_rule(regexp: &str) -> Option<String> {
    let body = regexp.strip_prefix('^')?.strip_suffix('$')?;
    let (unit, count) = split_unit(body)?;
    let what = match unit {
        "." => "characters",
        r"\d" | "[0-9]" => "digits",
        class if class.starts_with('[') && !class.starts_with("[^") => "characters",
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
        class if class.starts_with('[') && what == "characters" => {
            format!(" ({})", allowed_chars(class))
        }
        _ => String::new(),
    };
    let unit = |n: u32| match n {
        1 => what.trim_end_matches('s'),
        _ => what,
    };
    Some(match (min, max) {
        (n, Some(m)) if n == m => format!("{n} {}{allowed}", unit(n)),
        (n, Some(m)) => format!("{n} to {m} {what}{allowed}"),
        (n, None) => format!("{n} {} at least{allowed}", unit(n)),
    })
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
fn allowed_chars(class: &str) -> String {
    let inner = &class[1..class.len() - 1];
    let mut parts = Vec::new();
    let mut rest = inner.to_string();
    for (range, words) in [
        ("a-zA-Z", "letters"),
        ("A-Za-z", "letters"),
        ("a-z", "lower-case letters"),
        ("A-Z", "capital letters"),
        ("0-9", "digits"),
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
            rule_words("^.{8,}$", "Mot de passe"),
            "8 characters at least"
        );
        assert_eq!(rule_words("^[0-9]{6}$", "Code"), "6 digits");
        assert_eq!(rule_words(r"^\d{4,8}$", "Code"), "4 to 8 digits");
        assert_eq!(rule_words("^.+$", "Login"), "1 character at least");
        assert_eq!(
            rule_words("^[a-zA-Z0-9@._-]{7,}$", "Identifiant"),
            "7 characters at least (letters, digits, @ . _ -)"
        );
    }

    #[test]
    fn other_rules_point_at_the_label() {
        assert_eq!(
            rule_words("^(FR|DE)[0-9]+$", "IBAN (FR or DE)"),
            "does not match what the bank expects: see the hint in its name"
        );
        assert_eq!(
            rule_words("^a|b$", "Code"),
            "does not match what the bank expects"
        );
    }
}
