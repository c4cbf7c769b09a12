//! The session through `update`: the background login at start, the login opened from the
//! dashboard with `l`, and answers that arrive when no longer awaited. The state is one
//! `Session`, so these check that it never says two things at once.

use coffre::app::{ApiEvent, AutoLogin, Command, Model, Msg, Screen, Session, Startup, start};
use coffre::domain::CallFailure;
use crossterm::event::KeyCode;
use secrecy::SecretString;

use crate::common::*;
use crate::dashboard::fixtures::{data, loaded};

/// A store with data and a password to log in with: the dashboard, with a background login.
fn started_with_a_password() -> (Model, u64) {
    let mut m = Model::new(now(), false, None);
    let login = AutoLogin::Password("claire@example.com".into(), SecretString::from("pw"));
    let cmds = start(
        &mut m,
        Startup {
            store_has_data: true,
            auto_login: Some(login),
        },
    );
    let request = last_id(&cmds);
    assert_eq!(
        m.session,
        Session::LoggingIn {
            request,
            in_background: true
        }
    );
    (m, request)
}

fn logged_in(request: u64, result: Result<(), CallFailure>) -> Msg {
    Msg::Api(ApiEvent::LoggedIn { request, result })
}

#[test]
fn logged_in_before_the_store_was_read_syncs_every_bank_once_it_is() {
    let (mut m, request) = started_with_a_password();
    let cmds = run(&mut m, [logged_in(request, Ok(()))]);
    assert!(cmds.is_empty(), "nothing to sync yet: {cmds:?}");
    assert_eq!(m.session, Session::LoggedIn);

    let cmds = run(
        &mut m,
        [Msg::Api(ApiEvent::DashboardLoaded(Ok(loaded(data()))))],
    );
    let synced = cmds
        .iter()
        .filter(|c| matches!(c, Command::SyncNow { .. }))
        .count();
    assert_eq!(synced, 2, "one sync per bank: {cmds:?}");
    let again = run(
        &mut m,
        [Msg::Api(ApiEvent::DashboardLoaded(Ok(loaded(data()))))],
    );
    assert!(again.is_empty(), "a reload does not sync again: {again:?}");
}

#[test]
fn an_unreachable_server_leaves_the_store_offline_and_l_still_logs_in() {
    let (mut m, request) = started_with_a_password();
    run(
        &mut m,
        [Msg::Api(ApiEvent::DashboardLoaded(Ok(loaded(data()))))],
    );
    run(&mut m, [logged_in(request, Err(CallFailure::Unreachable))]);
    assert_eq!(m.session, Session::Offline);
    let Screen::Dashboard(d) = &m.screen else {
        panic!("not on the dashboard: {:?}", m.screen)
    };
    assert!(d.offline);

    run(&mut m, [key(KeyCode::Char('l'))]);
    let Screen::Login(login) = &m.screen else {
        panic!("l did not open the login: {:?}", m.screen)
    };
    assert!(login.behind.is_some(), "the dashboard waits behind");
}

#[test]
fn leaving_the_login_screen_drops_its_login_under_way() {
    let (mut m, request) = started_with_a_password();
    run(
        &mut m,
        [Msg::Api(ApiEvent::DashboardLoaded(Ok(loaded(data()))))],
    );
    run(&mut m, [logged_in(request, Err(CallFailure::Unreachable))]);
    run(&mut m, [key(KeyCode::Char('l'))]);
    run(&mut m, typed("claire@example.com"));
    run(&mut m, [key(KeyCode::Enter)]);
    run(&mut m, typed("pw"));
    let submitted = last_id(&run(&mut m, [key(KeyCode::Enter)]));
    assert!(matches!(
        m.session,
        Session::LoggingIn {
            in_background: false,
            ..
        }
    ));

    run(&mut m, [key(KeyCode::Esc)]);
    assert!(matches!(m.screen, Screen::Dashboard(_)));
    assert_eq!(m.session, Session::LoggedOut);
    let cmds = run(&mut m, [logged_in(submitted, Ok(()))]);
    assert!(cmds.is_empty(), "a stale answer does nothing: {cmds:?}");
    assert_eq!(m.session, Session::LoggedOut);
}

#[test]
fn a_login_from_the_dashboard_brings_it_back_and_refreshes_every_bank() {
    let (mut m, request) = started_with_a_password();
    run(
        &mut m,
        [Msg::Api(ApiEvent::DashboardLoaded(Ok(loaded(data()))))],
    );
    run(
        &mut m,
        [logged_in(request, Err(CallFailure::SessionExpired))],
    );
    let Screen::Login(login) = &m.screen else {
        panic!("a refused session asks for the password: {:?}", m.screen)
    };
    assert_eq!(login.form.error, Some(CallFailure::SessionExpired));
    assert_eq!(m.session, Session::LoggedOut);

    run(&mut m, typed("claire@example.com"));
    run(&mut m, [key(KeyCode::Enter)]);
    run(&mut m, typed("pw"));
    let submitted = last_id(&run(&mut m, [key(KeyCode::Enter)]));
    let cmds = run(&mut m, [logged_in(submitted, Ok(()))]);
    assert!(matches!(m.screen, Screen::Dashboard(_)));
    assert_eq!(m.session, Session::LoggedIn);
    let synced = cmds
        .iter()
        .filter(|c| matches!(c, Command::SyncNow { .. }))
        .count();
    assert_eq!(synced, 2, "{cmds:?}");
}
