use super::*;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::from(code)
}

fn waiting() -> RedirectWait {
    let mut wait = RedirectWait::widget("Add a bank", 3, WidgetPage::AddConnection);
    wait.url = Some("http://127.0.0.1:9/widget/add_connection?session_id=s".into());
    wait
}

#[test]
fn y_copies_the_whole_link_and_says_so() {
    let mut wait = waiting();
    let action = wait.on_key(key(KeyCode::Char('y')));
    assert_eq!(
        action,
        WaitAction::Copy("http://127.0.0.1:9/widget/add_connection?session_id=s".into())
    );
    assert_eq!(wait.key_note, Some(KeyNote::LinkCopied));
}

#[test]
fn a_pasted_address_is_typed_in_the_field_and_sent_on_enter() {
    let mut wait = waiting();
    assert_eq!(wait.on_key(key(KeyCode::Tab)), WaitAction::None);
    assert!(wait.is_typing());
    for c in "http://127.0.0.1:9/callback?state=yq".chars() {
        assert_eq!(wait.on_key(key(KeyCode::Char(c))), WaitAction::None);
    }
    assert_eq!(
        wait.on_key(key(KeyCode::Enter)),
        WaitAction::Paste("http://127.0.0.1:9/callback?state=yq".into())
    );
}

#[test]
fn an_empty_paste_is_not_sent_and_says_what_to_do() {
    let mut wait = waiting();
    wait.on_key(key(KeyCode::Tab));
    assert_eq!(wait.on_key(key(KeyCode::Enter)), WaitAction::None);
    assert_eq!(wait.key_note, Some(KeyNote::PasteFirst));
}

#[test]
fn esc_cancels_from_every_state_of_the_wait() {
    let mut wait = RedirectWait::new("Test Bank", 1);
    assert_eq!(wait.on_key(key(KeyCode::Esc)), WaitAction::Cancel);
    let mut typing = waiting();
    typing.on_key(key(KeyCode::Tab));
    assert_eq!(typing.on_key(key(KeyCode::Esc)), WaitAction::Cancel);
    let mut failed = waiting();
    failed.error = Some(CallFailure::Unreachable);
    assert_eq!(failed.on_key(key(KeyCode::Char('y'))), WaitAction::None);
    assert_eq!(failed.on_key(key(KeyCode::Esc)), WaitAction::Cancel);
}
