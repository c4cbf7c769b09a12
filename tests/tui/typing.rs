//! What the user types lands where they see it (issue 10): Enter in the bank list opens the bank
//! under the cursor or says why it cannot (an unavailable bank is never skipped); Ctrl+U and
//! Ctrl+W edit every text field; a form being checked by the bank keeps its values and marks
//! no field; a field says what is wrong in words as the user types.

use coffre::app::{Command, Model, Screen};
use coffre::screens::provider_picker::ProviderPicker;
use crossterm::event::KeyCode;
use insta::assert_snapshot;

use crate::common::*;
use crate::dashboard::fixtures::{dashboard, data};

/// The picker with "Brie Picardie" (unavailable) and "Banque Populaire – Rives de Paris".
fn brie_picker() -> Model {
    let mut all = providers();
    let mut brie = all.remove(2);
    assert!(brie.unavailable);
    brie.name = "Brie Picardie".into();
    let mut bp = all.remove(0);
    bp.name = "Banque Populaire – Rives de Paris".into();
    let mut picker = ProviderPicker::loading();
    picker.set_providers(vec![brie, bp]);
    let mut m = Model::new(now(), true, None);
    m.screen = Screen::ProviderPicker(picker);
    m
}

fn picker(m: &Model) -> &ProviderPicker {
    match &m.screen {
        Screen::ProviderPicker(p) => p,
        other => panic!("not on the picker: {other:?}"),
    }
}

#[test]
fn enter_on_an_unavailable_bank_says_why_and_never_opens_another() {
    let mut m = brie_picker();
    run(&mut m, typed("brie"));
    let under_cursor = picker(&m).selected().map(|p| p.name.clone());
    assert_eq!(under_cursor.as_deref(), Some("Brie Picardie"));
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    assert!(cmds.is_empty(), "{cmds:?}");
    assert!(
        matches!(m.screen, Screen::ProviderPicker(_)),
        "no form opened"
    );
    let screen = render(&mut m, 80, 24);
    assert!(
        screen.contains("Brie Picardie is unavailable for now: try again later"),
        "{screen}"
    );
    assert!(screen.contains("unavailable, try later"), "{screen}");
    assert_snapshot!("picker_unavailable_said", screen);
    assert_snapshot!("picker_unavailable_said_20x10", render(&mut m, 20, 10));
    run(&mut m, [key(KeyCode::Down), key(KeyCode::Enter)]);
    assert!(
        matches!(m.screen, Screen::CredentialForm(_)),
        "the next bank opens once the cursor is on it"
    );
}

#[test]
fn ctrl_w_and_ctrl_u_edit_the_bank_search_instead_of_typing_letters() {
    let mut m = at_picker();
    run(&mut m, typed("credit hsbc"));
    run(&mut m, [ctrl('w')]);
    run(&mut m, typed("agri"));
    let screen = render(&mut m, 80, 24);
    assert!(screen.contains("credit agri▏"), "{screen}");
    // Ctrl+U clears from the cursor to the start, as in a shell: what follows the cursor stays.
    run(&mut m, (0..4).map(|_| key(KeyCode::Left)));
    run(&mut m, [ctrl('u')]);
    let screen = render(&mut m, 80, 24);
    assert!(screen.contains("Search  agri"), "{screen}");
    let under_cursor = picker(&m).selected().map(|p| p.name.clone());
    assert_eq!(under_cursor.as_deref(), Some("Crédit Agricole - Languedoc"));
}

#[test]
fn ctrl_w_and_ctrl_u_edit_the_transaction_search_instead_of_typing_letters() {
    let mut m = dashboard(data());
    run(&mut m, [key(KeyCode::Tab), key(KeyCode::Char('/'))]);
    run(&mut m, typed("cb mono"));
    run(&mut m, [ctrl('w')]);
    run(&mut m, typed("sncf"));
    let screen = render(&mut m, 80, 24);
    assert!(screen.contains("cb sncf"), "{screen}");
    assert!(
        !screen.contains("monow") && !screen.contains("cb w"),
        "{screen}"
    );
    run(&mut m, [ctrl('u')]);
    let screen = render(&mut m, 80, 24);
    assert!(
        screen.contains("/▏ ") && !screen.contains("sncf"),
        "{screen}"
    );
}

/// dev / dev typed in the test bank's form and sent: the bank is checking.
fn form_being_checked() -> (Model, Vec<Command>) {
    let mut m = at_form();
    let mut script = typed("dev");
    script.push(key(KeyCode::Enter));
    script.extend(typed("dev"));
    script.extend([key(KeyCode::Enter), key(KeyCode::Enter)]);
    let cmds = run(&mut m, script);
    (m, cmds)
}

#[test]
fn while_the_bank_checks_the_form_no_field_reads_required_and_values_stay() {
    let (mut m, cmds) = form_being_checked();
    assert!(matches!(
        cmds.as_slice(),
        [Command::SubmitCredentials { .. }]
    ));
    let screen = render(&mut m, 80, 24);
    assert!(!screen.contains("required"), "{screen}");
    assert!(screen.contains("Checking with the bank…"), "{screen}");
    assert!(screen.contains("dev"), "the login stays shown: {screen}");
    assert_snapshot!("form_checking_with_the_bank", screen);
    assert_snapshot!("form_checking_with_the_bank_20x10", render(&mut m, 20, 10));
}

#[test]
fn a_field_says_its_rule_in_words_as_the_user_types() {
    let mut m = at_picker();
    run(&mut m, typed("hsbc"));
    run(&mut m, [key(KeyCode::Enter)]);
    run(&mut m, typed("abc"));
    let screen = render(&mut m, 80, 24);
    assert!(
        screen.contains("7 characters at least (letters, digits, @ . _ -)"),
        "before any Enter: {screen}"
    );
}
