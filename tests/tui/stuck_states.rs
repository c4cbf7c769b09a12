//! Issue 10, "no state without a way out": every running sync ends (at the latest at its
//! deadline), the wait shows that deadline, and refusing every account at consent ends on the
//! dashboard instead of "waiting for your answer" for ever.

use chrono::Duration;
use coffre::app::progress::deadline::PATIENCE;
use coffre::app::{ApiEvent, Command, Model, Msg, Screen};
use coffre::domain::{ConnectionId, SyncStep};
use crossterm::event::KeyCode;
use insta::assert_snapshot;

use crate::common::{consent_accounts, key, now, render, run, sms_code_challenge, syncing};

fn c1() -> ConnectionId {
    ConnectionId::oxlin("c1")
}

fn running(m: &Model) -> bool {
    m.sync.any_running()
}

#[test]
fn a_sync_with_no_news_ends_at_its_deadline_and_quitting_no_longer_asks() {
    let (mut m, _) = syncing();
    let early = run(&mut m, [Msg::Tick(now() + PATIENCE - Duration::seconds(1))]);
    assert!(running(&m) && early.is_empty(), "{early:?}");
    let cmds = run(&mut m, [Msg::Tick(now() + PATIENCE)]);
    assert!(!running(&m), "{:?}", m.sync.rows);
    assert!(
        matches!(&cmds[..], [Command::StopPolling { connection }] if *connection == c1()),
        "{cmds:?}"
    );
    let screen = render(&mut m, 80, 24);
    assert!(screen.contains("no news from the bank"), "{screen}");
    let quit = run(&mut m, [key(KeyCode::Char('q'))]);
    assert!(matches!(&quit[..], [Command::Quit]), "{quit:?}");
}

#[test]
fn news_from_the_bank_moves_the_deadline_on() {
    let (mut m, generation) = syncing();
    let later = now() + Duration::minutes(2);
    run(
        &mut m,
        [
            Msg::Tick(later),
            Msg::Api(ApiEvent::SyncProgressed {
                connection: c1(),
                generation,
                step: SyncStep::Syncing,
            }),
            Msg::Tick(now() + PATIENCE + Duration::seconds(30)),
        ],
    );
    assert!(running(&m), "news 2 min in: still within its deadline");
    let screen = render(&mut m, 80, 24);
    assert!(screen.contains("gives up in 1:30"), "{screen}");
}

#[test]
fn the_deadline_waits_while_the_user_answers_the_banks_question() {
    let (mut m, generation) = syncing();
    run(
        &mut m,
        [Msg::Api(ApiEvent::ChallengeReceived {
            connection: c1(),
            channel: "13400".into(),
            generation,
            challenge: sms_code_challenge(None),
        })],
    );
    let cmds = run(&mut m, [Msg::Tick(now() + PATIENCE * 2)]);
    assert!(cmds.is_empty(), "{cmds:?}");
    assert!(matches!(m.screen, Screen::Challenge(_)));
    assert!(running(&m));
    // Dismissed: coffre waits for the bank again, with a fresh deadline.
    run(&mut m, [key(KeyCode::Esc)]);
    let almost = now() + PATIENCE * 3 - Duration::seconds(1);
    run(&mut m, [Msg::Tick(almost)]);
    assert!(running(&m), "the deadline restarts at the dismissal");
    run(&mut m, [Msg::Tick(now() + PATIENCE * 3)]);
    assert!(!running(&m), "{:?}", m.sync.rows);
}

#[test]
fn refusing_every_account_keeps_them_waiting_and_ends_on_the_dashboard() {
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
    let cmds = run(&mut m, [key(KeyCode::Char('a')), key(KeyCode::Enter)]);
    assert!(
        matches!(&cmds[..], [Command::SaveConnection { connection, generation: g }]
            if *connection == c1() && *g == generation),
        "nothing refused, nothing deleted: the connection is kept as it is: {cmds:?}"
    );
    let screen = render(&mut m, 80, 24);
    assert!(screen.contains("No account shared"), "{screen}");
    let cmds = run(
        &mut m,
        [Msg::Api(ApiEvent::SyncProgressed {
            connection: c1(),
            generation,
            step: SyncStep::Done,
        })],
    );
    assert!(matches!(m.screen, Screen::Dashboard(_)), "{:?}", m.screen);
    assert!(cmds.iter().any(|c| matches!(c, Command::LoadDashboard)));
    assert!(!running(&m));
}

#[test]
fn a_failed_answer_to_the_bank_ends_the_wait_for_it() {
    let (mut m, generation) = syncing();
    run(
        &mut m,
        [Msg::Api(ApiEvent::ChallengeReceived {
            connection: c1(),
            channel: "13400".into(),
            generation,
            challenge: sms_code_challenge(None),
        })],
    );
    run(&mut m, crate::common::typed("123456"));
    run(&mut m, [key(KeyCode::Enter)]);
    run(
        &mut m,
        [Msg::Api(ApiEvent::Failed {
            connection: Some(c1()),
            error: coffre::domain::CallFailure::Rejected("no challenge waits".into()),
        })],
    );
    assert!(!running(&m), "{:?}", m.sync.rows);
}

#[test]
fn syncing_shows_when_it_gives_up() {
    let (mut m, _) = syncing();
    run(&mut m, [Msg::Tick(now() + Duration::seconds(75))]);
    assert_snapshot!("syncing_gives_up_in", render(&mut m, 80, 24));
    assert_snapshot!("syncing_gives_up_in_20x5", render(&mut m, 20, 5));
    run(&mut m, [Msg::Tick(now() + PATIENCE)]);
    assert_snapshot!("syncing_no_news_stopped", render(&mut m, 80, 24));
    assert_snapshot!("syncing_no_news_stopped_20x5", render(&mut m, 20, 5));
}
