//! Issue 10, reproductions 3, 7 and 9: every connection the API has is on the dashboard, with
//! its status in words and the key that moves it on, even with no account; a retry after a
//! refused password fixes the connection that failed (the form refilled, secrets excepted)
//! instead of creating a second one; `r` and `s` with nothing to act on say so; `i` shows the
//! raw API status.

use coffre::app::{ApiEvent, Command, Model, Msg, Screen};
use coffre::domain::{
    ChannelHealth, Connection, ConnectionId, ConnectionState, NextAction, SyncStep,
};
use coffre::store::read_model::{ConnectionSummary, DashboardData};
use coffre::ui::widgets::status_line::Status;
use crossterm::event::KeyCode;
use insta::assert_snapshot;

use crate::common::{key, render, run, syncing, typed};
use crate::dashboard::fixtures::dashboard;

fn bank(id: &str, next_action: NextAction, state: ConnectionState) -> ConnectionSummary {
    ConnectionSummary {
        connection: Connection {
            id: ConnectionId::oxlin(id),
            provider_id: Some("87".into()),
            name: "Linxo Test Bank".into(),
            state,
            channels: Vec::new(),
            last_success: None,
        },
        next_action,
        accounts_pending_consent: 0,
        synced_at: None,
        login: Some("**ev".into()),
    }
}

/// The dashboard with one bank whose password was refused at its first sync: no account.
fn refused_bank() -> Model {
    dashboard(DashboardData {
        connections: vec![bank(
            "10003",
            NextAction::UpdateCredentials,
            ConnectionState::Failed,
        )],
        ..DashboardData::default()
    })
}

fn status(m: &Model) -> String {
    match &m.status {
        Some(Status::Info(s) | Status::Error(s)) => s.clone(),
        other => format!("{other:?}"),
    }
}

#[test]
fn a_bank_whose_first_sync_failed_has_a_heading_with_what_to_do() {
    let mut m = refused_bank();
    let screen = render(&mut m, 100, 12);
    assert!(!screen.contains("No bank yet"), "{screen}");
    assert!(screen.contains("Linxo Test Bank · login **ev"), "{screen}");
    assert!(
        screen.contains("password refused: update it (r)"),
        "{screen}"
    );
    assert_snapshot!("connections_visible_refused_bank", screen);
    assert_snapshot!(
        "connections_visible_refused_bank_20_columns",
        render(&mut m, 20, 10)
    );
}

#[test]
fn r_on_a_refused_bank_without_accounts_renews_its_credentials() {
    let mut m = refused_bank();
    let cmds = run(&mut m, [key(KeyCode::Char('r'))]);
    assert!(
        matches!(cmds.as_slice(), [Command::RenewCredentials { connection }]
            if *connection == ConnectionId::oxlin("10003")),
        "{cmds:?}"
    );
}

#[test]
fn a_bank_without_accounts_is_deleted_after_a_confirmation() {
    let mut m = refused_bank();
    assert!(run(&mut m, [key(KeyCode::Char('D'))]).is_empty());
    assert!(render(&mut m, 100, 12).contains("Delete this bank and its accounts? (y/n)"));
    let cmds = run(&mut m, [key(KeyCode::Char('y'))]);
    assert!(
        matches!(cmds.as_slice(), [Command::DeleteConnection { connection }]
            if *connection == ConnectionId::oxlin("10003")),
        "{cmds:?}"
    );
}

#[test]
fn a_bank_whose_accounts_were_all_refused_offers_to_delete_it() {
    let mut m = dashboard(DashboardData {
        connections: vec![bank("10004", NextAction::None, ConnectionState::Ok)],
        ..DashboardData::default()
    });
    let screen = render(&mut m, 100, 12);
    assert!(
        screen.contains("no account shared: delete it (D)"),
        "{screen}"
    );
    assert!(run(&mut m, [key(KeyCode::Char('r'))]).is_empty());
    assert!(status(&m).contains("D deletes it"), "{}", status(&m));
}

#[test]
fn a_timed_out_code_is_answered_again_by_syncing_that_bank_with_r() {
    let mut m = dashboard(DashboardData {
        connections: vec![bank(
            "10005",
            NextAction::RetryLater,
            ConnectionState::Failed,
        )],
        ..DashboardData::default()
    });
    let cmds = run(&mut m, [key(KeyCode::Char('r'))]);
    assert!(
        matches!(cmds.as_slice(), [Command::SyncNow { connection, .. }]
            if *connection == ConnectionId::oxlin("10005")),
        "{cmds:?}"
    );
}

#[test]
fn i_shows_the_raw_api_status_and_any_key_closes_it() {
    let mut m = dashboard(DashboardData {
        connections: vec![bank(
            "10003",
            NextAction::Other("bank_down".into()),
            ConnectionState::Other("MAINTENANCE".into()),
        )],
        ..DashboardData::default()
    });
    run(&mut m, [key(KeyCode::Char('i'))]);
    let screen = render(&mut m, 80, 16);
    assert!(
        screen.contains("MAINTENANCE") && screen.contains("bank_down"),
        "{screen}"
    );
    assert_snapshot!("connections_visible_bank_details", screen);
    run(&mut m, [key(KeyCode::Esc)]);
    assert!(!render(&mut m, 80, 16).contains("Bank details"));
}

#[test]
fn s_and_r_with_no_bank_say_so_on_the_status_line() {
    let mut m = dashboard(DashboardData::default());
    assert!(run(&mut m, [key(KeyCode::Char('s'))]).is_empty());
    assert!(status(&m).contains("No bank to sync yet"), "{}", status(&m));
    m.status = None;
    assert!(run(&mut m, [key(KeyCode::Char('r'))]).is_empty());
    assert!(
        status(&m).contains("press a to connect one"),
        "{}",
        status(&m)
    );
}

#[test]
fn retry_after_a_refused_password_renews_the_same_connection_with_the_login_refilled() {
    let (mut m, generation) = syncing();
    run(
        &mut m,
        [Msg::Api(ApiEvent::SyncProgressed {
            connection: ConnectionId::oxlin("c1"),
            generation,
            step: SyncStep::Failed(ChannelHealth::CredentialsRejected),
        })],
    );
    run(&mut m, [key(KeyCode::Enter)]);
    assert!(matches!(m.screen, Screen::CredentialForm(_)));
    let form = render(&mut m, 80, 16);
    assert!(form.contains("dev"), "the login is refilled: {form}");
    assert!(!form.contains("•"), "the password is not: {form}");
    let mut script = vec![key(KeyCode::Down)];
    script.extend(typed("dev"));
    script.extend([key(KeyCode::Enter), key(KeyCode::Enter)]);
    let cmds = run(&mut m, script);
    let renew = cmds.iter().find_map(|c| match c {
        Command::SubmitCredentials { renew, values, .. } => Some((renew.clone(), values.len())),
        _ => None,
    });
    assert_eq!(renew, Some((Some(ConnectionId::oxlin("c1")), 3)));
}

#[test]
fn a_password_to_change_at_the_bank_lands_on_the_dashboard_saying_so() {
    let (mut m, generation) = syncing();
    run(
        &mut m,
        [Msg::Api(ApiEvent::SyncProgressed {
            connection: ConnectionId::oxlin("c1"),
            generation,
            step: SyncStep::Failed(ChannelHealth::PasswordChangeRequired),
        })],
    );
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    assert!(
        matches!(cmds.as_slice(), [Command::LoadDashboard]),
        "{cmds:?}"
    );
    assert!(matches!(m.screen, Screen::Dashboard(_)));
    assert!(status(&m).contains("password"), "{}", status(&m));
}

#[test]
fn renewing_from_the_dashboard_refills_the_login_typed_for_that_connection() {
    let mut m = refused_bank();
    m.onboarding.typed = vec![("300".into(), "dev".into()), ("302".into(), "sms".into())];
    let renew = |m: &mut Model| {
        run(
            m,
            [Msg::Api(ApiEvent::RenewalReady {
                connection: ConnectionId::oxlin("10003"),
                provider: Box::new(crate::common::test_bank()),
                channel: Box::new(crate::common::embedded_13400()),
            })],
        );
        render(m, 80, 16)
    };
    let form = renew(&mut m);
    assert!(
        form.contains("dev") && form.contains("sms"),
        "the login **ev matches `dev`: {form}"
    );
    let mut other = refused_bank();
    other.onboarding.typed = vec![("300".into(), "alice".into())];
    let form = renew(&mut other);
    assert!(
        !form.contains("alice"),
        "another login is not refilled: {form}"
    );
}
