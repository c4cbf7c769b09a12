use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;

fn fill_from(label: &str, params: &BTreeMap<String, String>) -> String {
    fill_placeholders(label, |name| {
        params.get(name).map(|v| Cow::Borrowed(v.as_str()))
    })
}

#[test]
fn params_that_name_each_other_do_not_multiply() {
    // p0 = "{p1}{p1}…", p1 = "{p2}{p2}…", …: replacing one name after another made a label of
    // under 1 KB grow to 10^8 characters.
    let mut params = BTreeMap::new();
    for level in 0..8 {
        params.insert(
            format!("p{level}"),
            format!("{{p{}}}", level + 1).repeat(10),
        );
    }
    let label = "{p0}".repeat(20);
    assert!(label.len() + params.values().map(String::len).sum::<usize>() < 1024);
    let filled = fill_from(&label, &params);
    assert!(filled.len() <= MAX_FILLED_LEN, "{} bytes", filled.len());
    // One pass: p0's text is shown as the bank wrote it, its own braces untouched.
    assert_eq!(filled, "{p1}".repeat(10).repeat(20));
}

#[test]
fn a_huge_param_is_cut_with_an_ellipsis_on_a_character_boundary() {
    let params = BTreeMap::from([("phone".to_string(), "é".repeat(10_000))]);
    let filled = fill_from("Code sent to {phone} by SMS", &params);
    assert!(filled.len() <= MAX_FILLED_LEN);
    assert!(filled.starts_with("Code sent to éé"));
    assert!(filled.ends_with('…'));
}

#[test]
fn unknown_placeholders_and_stray_braces_stay_as_written() {
    let params = BTreeMap::from([("phone".to_string(), "06 12".to_string())]);
    assert_eq!(fill_from("{ {phone} {nope} {", &params), "{ 06 12 {nope} {");
}

#[test]
fn a_pathological_rule_is_refused_quickly_and_cleanly() {
    assert_eq!(
        compile_rule("(a{1000}){1000}").err(),
        Some(RuleError::TooLarge)
    );
    assert_eq!(
        compile_rule(&"a".repeat(MAX_RULE_LEN + 1)).err(),
        Some(RuleError::TooLarge)
    );
    assert!(matches!(compile_rule("(["), Err(RuleError::Invalid(_))));
    assert!(compile_rule("^[0-9]{6}$").unwrap().is_match("123456"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn filled_labels_never_exceed_the_bound(
        label in "[a-z{} ]{0,300}",
        params in prop::collection::btree_map("[a-z]{1,3}", "[a-z{} ]{0,400}", 0..6),
    ) {
        prop_assert!(fill_from(&label, &params).len() <= MAX_FILLED_LEN);
    }

    #[test]
    fn params_without_braces_fill_like_a_plain_replacement(
        label in "[a-z{}A-Z ]{0,200}",
        params in prop::collection::btree_map("[a-z]{1,4}", "[A-Z0-9 ]{1,10}", 0..6),
    ) {
        let mut naive = label.clone();
        for (name, value) in &params {
            naive = naive.replace(&format!("{{{name}}}"), value);
        }
        prop_assert_eq!(fill_from(&label, &params), naive);
    }

    #[test]
    fn any_server_rule_compiles_or_is_refused_without_panicking(pattern in ".{0,64}") {
        let _ = compile_rule(&pattern);
    }
}
