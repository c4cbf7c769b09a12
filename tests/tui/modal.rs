//! Modal state belongs to the screen that asked for it (issue 10): the quit question is
//! cancelled, saying so, when another screen takes over, and only `y` confirms it; a bank
//! question that arrives during a background sync is announced and never answered by keys
//! typed before it opened; Esc leaves the consent checklist. Flow tests through `update`, and
//! snapshots of a background question announced and opened.

use chrono::Duration;
use coffre::app::{ApiEvent, Command, Model, Msg, Screen};
use coffre::domain::{ChannelHealth, ConnectionId, CredentialField, SyncStep};
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use secrecy::ExposeSecret;

use crate::common::*;
use crate::dashboard::fixtures::{dashboard, data};

fn c1() -> ConnectionId {
    ConnectionId::oxlin("c1")
}

fn question(generation: u64, challenge: Vec<CredentialField>) -> Msg {
    Msg::Api(ApiEvent::ChallengeReceived {
        connection: c1(),
        channel: "13400".into(),
        generation,
        challenge,
    })
}

fn after(millis: i64) -> Msg {
    Msg::Tick(now() + Duration::milliseconds(millis))
}

fn status(m: &Model) -> String {
    format!("{:?}", m.status)
}

fn answers(cmds: &[Command]) -> Vec<(String, String)> {
    cmds.iter()
        .filter_map(|c| match c {
            Command::AnswerChallenge { answers, .. } => Some(answers),
            _ => None,
        })
        .flatten()
        .map(|(id, v)| (id.clone(), v.expose_secret().to_owned()))
        .collect()
}

/// The dashboard after `s`: every bank syncing; returns the generation of `c1`'s sync.
fn syncing_dashboard() -> (Model, u64) {
    let mut m = dashboard(data());
    let cmds = run(&mut m, [key(KeyCode::Char('s'))]);
    let generation = cmds
        .iter()
        .find_map(|c| match c {
            Command::SyncNow {
                connection,
                generation,
            } if *connection == c1() => Some(*generation),
            _ => None,
        })
        .expect("s syncs c1");
    (m, generation)
}

#[test]
fn quit_question_is_cancelled_when_the_bank_asks_and_enter_never_quits() {
    let (mut m, generation) = syncing();
    run(&mut m, [key(KeyCode::Char('q'))]);
    assert!(m.quit_confirm);
    run(&mut m, [question(generation, send_sms_question())]);
    assert!(matches!(m.screen, Screen::Challenge(_)));
    assert!(!m.quit_confirm, "the question left with its screen");
    assert!(status(&m).contains("Quit cancelled: the bank asks a question"));
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    assert!(!m.should_quit && !cmds.iter().any(|c| matches!(c, Command::Quit)));
    assert_eq!(answers(&cmds), [("304".to_string(), "true".to_string())]);
}

#[test]
fn enter_does_not_confirm_quitting_only_y_does() {
    let (mut m, _) = syncing();
    run(&mut m, [key(KeyCode::Char('q'))]);
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    assert!(!m.should_quit && cmds.is_empty() && !m.quit_confirm);
    assert!(status(&m).contains("Quit cancelled"));
    run(&mut m, [key(KeyCode::Char('q'))]);
    let cmds = run(&mut m, [key(KeyCode::Char('y'))]);
    assert!(matches!(cmds.as_slice(), [Command::Quit]));
}

#[test]
fn a_digit_typed_after_the_quit_question_reaches_the_code_field() {
    let (mut m, generation) = syncing();
    run(&mut m, [question(generation, send_sms_question())]);
    run(&mut m, [key(KeyCode::Enter)]);
    run(&mut m, [question(generation, sms_code_challenge(None))]);
    run(&mut m, [ctrl('c')]);
    assert!(m.quit_confirm);
    run(&mut m, typed("12"));
    assert!(!m.quit_confirm && !m.should_quit);
    let screen = render(&mut m, 80, 24);
    assert!(screen.contains("12▏"), "{screen}");
}

#[test]
fn enter_typed_in_the_search_just_after_a_background_challenge_does_not_answer_it() {
    let (mut m, generation) = syncing_dashboard();
    run(&mut m, [key(KeyCode::Tab), key(KeyCode::Char('/'))]);
    run(&mut m, typed("mono"));
    let cmds = run(&mut m, [question(generation, send_sms_question())]);
    assert!(matches!(cmds.as_slice(), [Command::Bell]), "{cmds:?}");
    assert!(matches!(m.screen, Screen::Dashboard(_)));
    assert!(m.questions.open().is_none());
    assert!(status(&m).contains("Linxo Test Bank asks a question"));
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    assert!(answers(&cmds).is_empty(), "{cmds:?}");
    run(&mut m, [after(1_000)]);
    assert!(m.questions.open().is_none(), "not under a moving finger");
    run(&mut m, [after(2_250)]);
    assert!(m.questions.open().is_some(), "opens once the user is idle");
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    assert!(
        answers(&cmds).is_empty(),
        "an Enter on its way when it opened"
    );
    run(&mut m, [after(3_500)]);
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    assert_eq!(answers(&cmds), [("304".to_string(), "true".to_string())]);
    assert!(
        matches!(m.screen, Screen::Dashboard(_)),
        "the screen stayed"
    );
}

#[test]
fn a_opens_the_question_and_esc_puts_it_off_until_asked_again() {
    let (mut m, generation) = syncing_dashboard();
    run(&mut m, [question(generation, send_sms_question())]);
    assert!(status(&m).contains("press a to answer"));
    run(&mut m, [key(KeyCode::Char('?'))]);
    let help = render(&mut m, 80, 24);
    assert!(help.contains("F2  answer the bank's question"), "{help}");
    run(&mut m, [key(KeyCode::Char('?'))]);
    run(&mut m, [key(KeyCode::Char('a'))]);
    assert!(m.questions.open().is_some());
    assert!(
        matches!(m.screen, Screen::Dashboard(_)),
        "a did not add a bank"
    );
    let cmds = run(&mut m, [key(KeyCode::Esc)]);
    assert!(cmds.is_empty(), "Esc is 'later', not 'cancel': {cmds:?}");
    assert!(m.questions.open().is_none() && m.questions.waiting() == 1);
    run(&mut m, [after(10_000)]);
    assert!(
        m.questions.open().is_none(),
        "a question put off waits for a key"
    );
    run(&mut m, [key(KeyCode::F(2))]);
    assert!(m.questions.open().is_some());
}

#[test]
fn the_code_form_after_send_the_sms_opens_at_once() {
    let (mut m, generation) = syncing_dashboard();
    run(&mut m, [question(generation, send_sms_question())]);
    run(&mut m, [key(KeyCode::Char('a')), key(KeyCode::Enter)]);
    assert!(m.questions.open().is_none());
    let cmds = run(&mut m, [question(generation, sms_code_challenge(None))]);
    assert!(cmds.is_empty(), "no second bell: {cmds:?}");
    assert!(
        m.questions.open().is_some(),
        "the user expects the code form"
    );
    let cmds = run(
        &mut m,
        typed("123456").into_iter().chain([key(KeyCode::Enter)]),
    );
    assert_eq!(answers(&cmds), [("304".to_string(), "123456".to_string())]);
}

#[test]
fn a_question_whose_sync_failed_is_withdrawn() {
    let (mut m, generation) = syncing_dashboard();
    run(&mut m, [question(generation, send_sms_question())]);
    run(
        &mut m,
        [Msg::Api(ApiEvent::SyncProgressed {
            connection: c1(),
            generation,
            step: SyncStep::Failed(ChannelHealth::Other("CHALLENGE_TIMED_OUT".into())),
        })],
    );
    assert_eq!(m.questions.waiting(), 0);
    run(&mut m, [after(5_000)]);
    assert!(m.questions.open().is_none());
}

#[test]
fn a_background_question_cancels_the_quit_question_saying_so() {
    let (mut m, generation) = syncing_dashboard();
    run(&mut m, [key(KeyCode::Char('q'))]);
    assert!(m.quit_confirm);
    run(&mut m, [question(generation, send_sms_question())]);
    assert!(!m.quit_confirm);
    assert!(status(&m).contains("Quit cancelled: Linxo Test Bank asks a question"));
    run(&mut m, [key(KeyCode::Char('y'))]);
    assert!(!m.should_quit);
}

#[test]
fn esc_on_consent_goes_back_to_the_dashboard_saying_where_the_accounts_wait() {
    let (mut m, generation) = syncing();
    run(
        &mut m,
        [Msg::Api(ApiEvent::ConsentRequested {
            connection: c1(),
            channel: "13400".into(),
            generation,
            accounts: consent_accounts(),
        })],
    );
    let cmds = run(&mut m, [key(KeyCode::Esc)]);
    assert!(matches!(m.screen, Screen::Dashboard(_)));
    assert!(matches!(
        cmds.as_slice(),
        [Command::StopPolling { connection }, Command::LoadDashboard] if *connection == c1()
    ));
    assert!(status(&m).contains("accounts to accept"));
    assert!(
        !m.sync.any_running(),
        "nothing waits for an answer nobody gives"
    );
}

#[test]
fn background_question_announced_then_open_snapshots() {
    let (mut m, generation) = syncing_dashboard();
    run(&mut m, [question(generation, sms_code_challenge(None))]);
    assert_snapshot!("question_announced", render(&mut m, 80, 24));
    assert_snapshot!("question_announced_20x10", render(&mut m, 20, 10));
    run(&mut m, [after(2_000)]);
    assert_snapshot!("question_open_over_dashboard", render(&mut m, 80, 24));
    assert_snapshot!("question_open_over_dashboard_20x10", render(&mut m, 20, 10));
}

#[test]
fn a_sync_does_not_give_up_while_its_question_is_open_over_the_dashboard() {
    use coffre::app::progress::deadline::PATIENCE;
    let (mut m, generation) = syncing_dashboard();
    run(&mut m, [question(generation, send_sms_question())]);
    run(&mut m, [key(KeyCode::Char('a'))]);
    assert!(m.questions.open().is_some());
    // The user takes longer than the sync's patience to read the question: coffre waits for
    // them (the other bank, with no news, gives up).
    let cmds = run(&mut m, [Msg::Tick(now() + PATIENCE * 2)]);
    assert!(
        !cmds
            .iter()
            .any(|c| matches!(c, Command::StopPolling { connection } if *connection == c1())),
        "{cmds:?}"
    );
    let row = m.sync.rows.iter().find(|r| r.connection == c1()).unwrap();
    assert!(
        row.is_running(),
        "gave up under the user's fingers: {row:?}"
    );
    // Put off: the sync waits for the bank again, with a fresh deadline from now.
    run(&mut m, [key(KeyCode::Esc)]);
    run(
        &mut m,
        [Msg::Tick(now() + PATIENCE * 3 - Duration::seconds(1))],
    );
    let row = m.sync.rows.iter().find(|r| r.connection == c1()).unwrap();
    assert!(
        row.is_running(),
        "the deadline restarts when the question is put off"
    );
}
