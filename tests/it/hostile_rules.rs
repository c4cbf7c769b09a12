//! A bank's regexps are hostile input: every form compiles them through
//! `coffre::bank_rules::compile_rule` (size limits), and a rule it refuses leaves the field
//! required-only (not empty; the bank checks the format).

use std::time::{Duration, Instant};

use coffre::domain::{CredentialField, InputKind};
use coffre::screens::credential_form::field_for;

fn field_with_rule(regexp: &str) -> CredentialField {
    CredentialField {
        id: "301".into(),
        label: "Identifiant".into(),
        regexp: regexp.into(),
        kind: InputKind::Text,
        encrypt: false,
        params: Vec::new(),
    }
}

#[test]
fn a_rule_too_large_to_check_leaves_the_field_required_only() {
    // 6 KB of `(a|b)?`: accepted by a plain `Regex::new`, which made the field optional (the
    // rule matches "") and refused "zzz"; over the server-rule cap it is not used at all.
    let spec = field_with_rule(&"(a|b)?".repeat(1000));
    let field = field_for(&spec, "Identifiant".into());
    assert_eq!(
        field.problem(coffre::i18n::Lang::En).as_deref(),
        Some("required")
    );
    assert_eq!(
        field.with_value("zzz").problem(coffre::i18n::Lang::En),
        None
    );
}

#[test]
fn a_pathological_rule_is_refused_without_a_hang_or_a_panic() {
    for rule in [
        r"(\w{100}){100}",
        "(a{1000}){1000}",
        "((((((((((a*)*)*)*)*)*)*)*)*)*)*",
        "([",
    ] {
        let started = Instant::now();
        let field = field_for(&field_with_rule(rule), "Identifiant".into());
        let field = field.with_value("a".repeat(200));
        let _ = field.problem(coffre::i18n::Lang::En);
        assert!(started.elapsed() < Duration::from_secs(5), "{rule}");
    }
    let refused = field_for(&field_with_rule(r"(\w{100}){100}"), "Id".into());
    assert_eq!(
        refused.problem(coffre::i18n::Lang::En).as_deref(),
        Some("required")
    );
    assert_eq!(
        refused.with_value("x").problem(coffre::i18n::Lang::En),
        None
    );
}
