//! The keys a user expects everywhere: the mouse wheel scrolls every list, Esc leaves the sync
//! screen for the dashboard, help and quit follow the focus (F1 and Ctrl+C while typing), the
//! hint bar always shows how to open the help, and Enter between form fields is not a refusal.

use coffre::app::{ApiEvent, Command, Msg, Screen};
use coffre::domain::AccountId;
use coffre::ui::widgets::status_line::Status;
use crossterm::event::{KeyCode, KeyModifiers, MouseEvent, MouseEventKind};

use crate::common::*;
use crate::dashboard::fixtures;

fn wheel(kind: MouseEventKind) -> Msg {
    Msg::Mouse(MouseEvent {
        kind,
        column: 10,
        row: 5,
        modifiers: KeyModifiers::NONE,
    })
}

#[test]
fn mouse_wheel_scrolls_the_bank_list_skipping_unavailable_banks() {
    let mut m = at_picker();
    run(&mut m, [wheel(MouseEventKind::ScrollDown)]);
    let Screen::ProviderPicker(p) = &m.screen else {
        panic!("not on the picker")
    };
    // HSBC → Crédit Agricole → (Banque Fermée skipped) → Linxo Test Bank.
    assert_eq!(
        p.selected().map(|b| b.name.as_str()),
        Some("Linxo Test Bank")
    );
    run(&mut m, [wheel(MouseEventKind::ScrollUp)]);
    let Screen::ProviderPicker(p) = &m.screen else {
        panic!("not on the picker")
    };
    assert_eq!(p.selected().map(|b| b.name.as_str()), Some("HSBC"));
}

#[test]
fn mouse_wheel_then_space_refuses_the_second_account() {
    let (mut m, generation) = syncing();
    run(
        &mut m,
        [Msg::Api(ApiEvent::ConsentRequested {
            connection: coffre::domain::ConnectionId::oxlin("c1"),
            channel: "13400".into(),
            generation,
            accounts: consent_accounts(),
        })],
    );
    let cmds = run(
        &mut m,
        [
            wheel(MouseEventKind::ScrollDown),
            key(KeyCode::Char(' ')),
            key(KeyCode::Enter),
        ],
    );
    assert!(
        matches!(&cmds[..], [Command::SendConsents { accepted, refused, .. }]
            if accepted == &[AccountId::oxlin("a1"), AccountId::oxlin("a3")]
                && refused == &[AccountId::oxlin("a2")]),
        "{cmds:?}"
    );
}

#[test]
fn esc_on_the_sync_screen_opens_the_dashboard_while_the_sync_goes_on() {
    let (mut m, _) = syncing();
    let cmds = run(&mut m, [key(KeyCode::Esc)]);
    assert!(matches!(&cmds[..], [Command::LoadDashboard]), "{cmds:?}");
    assert!(matches!(m.screen, Screen::Dashboard(_)));
    assert!(m.sync.any_running(), "the sync must not be forgotten");
}

#[test]
fn enter_between_fields_is_silent_and_a_refused_submit_names_the_field() {
    let mut m = at_picker();
    run(&mut m, typed("hsbc"));
    run(&mut m, [key(KeyCode::Enter)]);
    run(&mut m, typed("abc"));
    run(&mut m, [key(KeyCode::Enter)]);
    assert_eq!(m.status, None, "moving to the next field is not a refusal");
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    assert!(cmds.is_empty(), "nothing is sent while a field is invalid");
    assert_eq!(
        m.status,
        Some(Status::Error(
            "Not sent — Identifiant: 7 characters at least (letters, digits, @ . _ -).".into()
        ))
    );
}

#[test]
fn while_typing_help_is_f1_and_question_mark_is_text() {
    let mut m = coffre::app::Model::new(now(), false, None);
    run(&mut m, typed("who?"));
    assert!(!m.help_open);
    let screen = render(&mut m, 80, 24);
    assert!(screen.contains("who?"), "{screen}");
    assert!(screen.contains("F1 help"), "{screen}");
    run(&mut m, [key(KeyCode::F(1))]);
    let help = render(&mut m, 80, 24);
    assert_eq!(keys_for(&help, "quit"), ["Ctrl+C"], "{help}");
    assert_eq!(keys_for(&help, "show/hide this help"), ["F1"], "{help}");
    run(&mut m, [key(KeyCode::F(1))]);
    assert!(!m.help_open);

    // Where nothing is typed, the same overlay offers the plain letters.
    let (mut syncing, _) = syncing();
    run(&mut syncing, [key(KeyCode::Char('?'))]);
    let help = render(&mut syncing, 80, 24);
    assert_eq!(keys_for(&help, "quit"), ["q"], "{help}");
    assert_eq!(keys_for(&help, "show/hide this help"), ["?"], "{help}");
}

/// The keys that the help overlay on `screen` lists for `action`: on each row where `action`
/// is a whole entry (the key, then the action up to the overlay's border), the word before it.
fn keys_for<'a>(screen: &'a str, action: &str) -> Vec<&'a str> {
    screen
        .lines()
        .filter_map(|row| {
            let (before, after) = row.split_once(&format!(" {action} "))?;
            after.trim_start().starts_with('│').then_some(())?;
            before.split_whitespace().last()
        })
        .collect()
}

#[test]
fn the_help_key_stays_visible_on_the_busiest_hint_bars() {
    let mut board = fixtures::dashboard(fixtures::data());
    for _ in 0..2 {
        let screen = render(&mut board, 80, 24);
        let bar = screen.lines().last().unwrap_or_default();
        assert!(bar.contains("? help"), "{bar}");
        run(&mut board, [key(KeyCode::Tab)]);
    }
    let mut narrow = at_picker();
    let bar = render(&mut narrow, 50, 15);
    assert!(bar.lines().last().unwrap_or_default().contains("F1 help"));
}

#[test]
fn quit_question_shows_its_answers_in_the_hint_bar() {
    let (mut m, _) = syncing();
    run(&mut m, [key(KeyCode::Char('q'))]);
    let screen = render(&mut m, 80, 24);
    assert!(screen.contains("y quit  n stay"), "{screen}");
    run(&mut m, [key(KeyCode::Char('n'))]);
    assert!(!m.should_quit && !m.quit_confirm);
}
