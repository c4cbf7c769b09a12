//! The text field's own tests: masking, digits only, rules in words, editing keys.

use super::*;
use crate::i18n::Lang;
use secrecy::ExposeSecret;

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn secret_is_masked_until_revealed_and_never_in_debug() {
    let mut f = TextField::new("Password", FieldKind::Secret);
    for c in "hunter2".chars() {
        f.handle_key(key(c));
    }
    assert_eq!(f.shown_value(), "•••••••");
    assert!(!format!("{f:?}").contains("hunter2"));
    let mut code = TextField::new("Code SMS", FieldKind::Numeric);
    code.handle_key(key('4'));
    code.handle_key(key('2'));
    assert!(!format!("{code:?}").contains("42"));
    f.toggle_reveal();
    assert_eq!(f.shown_value(), "hunter2");
    assert_eq!(f.take_secret().expose_secret(), "hunter2");
    assert_eq!(f.value(), "");
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

#[test]
fn ctrl_w_deletes_the_previous_word_and_ctrl_u_clears_to_the_start() {
    let mut f = TextField::new("Search", FieldKind::Text).with_value("credit agricole");
    assert!(f.handle_key(ctrl('w')));
    assert_eq!(f.value(), "credit ");
    f.handle_key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
    f.handle_key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
    f.handle_key(ctrl('u'));
    assert_eq!(f.value(), "t ", "only what is before the cursor goes");
    let mut plain = String::from("CB MONOPRIX");
    assert!(edit_string(&mut plain, ctrl('w')));
    assert_eq!(plain, "CB ");
    assert!(edit_string(&mut plain, ctrl('u')));
    assert_eq!(plain, "");
    assert!(
        !edit_string(&mut plain, ctrl('a')),
        "a Ctrl+letter is not typed"
    );
    assert!(edit_string(&mut plain, key('x')));
    assert_eq!(plain, "x");
}

#[test]
fn numeric_field_refuses_letters() {
    let mut f = TextField::new("Code", FieldKind::Numeric);
    assert!(!f.handle_key(key('a')));
    assert!(f.handle_key(key('4')));
    assert_eq!(f.value(), "4");
}

#[test]
fn pattern_date_and_required_explain_the_problem() {
    let f = TextField::new("Id", FieldKind::Text)
        .with_pattern("^.{3,}$")
        .with_value("ab");
    assert_eq!(
        f.problem(Lang::En).as_deref(),
        Some("3 characters at least")
    );
    let f = TextField::new("Birth", FieldKind::Date).with_value("31/02/2020");
    assert_eq!(f.problem(Lang::En).as_deref(), Some("expected dd/mm/yyyy"));
    assert_eq!(
        TextField::new("x", FieldKind::Text)
            .required()
            .problem(Lang::En)
            .as_deref(),
        Some("required")
    );
    assert_eq!(
        TextField::new("x", FieldKind::Text)
            .with_pattern("([")
            .with_value("z")
            .problem(Lang::En),
        None
    );
    let f = TextField::new("Id", FieldKind::Text)
        .with_pattern("^.{3,}$")
        .with_value("ab");
    assert_eq!(
        f.problem(Lang::Fr).as_deref(),
        Some("3 caractères au moins")
    );
    assert!(!f.is_valid());
    assert!(f.clone().with_value("abc").is_valid());
}
