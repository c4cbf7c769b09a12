//! The challenge dialog's own tests: labels filled from the bank's params stay bounded.

use super::*;

#[test]
fn params_that_repeat_each_other_cannot_blow_up_the_label() {
    let params = (0..6)
        .map(|level| {
            (
                format!("p{level}"),
                format!("{{p{}}}", level + 1).repeat(10),
            )
        })
        .collect();
    let spec = CredentialField {
        id: "1".into(),
        label: "{p0}".repeat(20),
        regexp: String::new(),
        kind: InputKind::Info,
        encrypt: false,
        params,
    };
    let shown = fill(&spec, None);
    assert!(
        shown.len() <= crate::bank_rules::MAX_FILLED_LEN,
        "{} bytes",
        shown.len()
    );
    assert_eq!(shown, "{p1}".repeat(200));
}
