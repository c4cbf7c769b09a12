//! Issue 10, reproduction 5: adding a bank already connected with the same login says so
//! before anything is created and offers to refresh it instead; another login of the same
//! bank is connected as usual; Ctrl+N connects it again anyway (logins whose masks look alike).

use coffre::app::{Command, Model, Screen};
use coffre::domain::{ConnectionId, KnownConnection};
use crossterm::event::KeyCode;
use insta::assert_snapshot;

use crate::common::{at_form, ctrl, key, render, run, typed};

/// On the test bank's form, the user already having it with the login `**ev`.
fn form_with_a_known_login() -> Model {
    let mut m = at_form();
    m.onboarding.known = vec![KnownConnection {
        id: ConnectionId::oxlin("10003"),
        provider_id: Some("87".into()),
        bank: "Linxo Test Bank".into(),
        login: Some("**ev".into()),
    }];
    m
}

/// Types `login`, the password and the file, then Enter on the last field.
fn submit(m: &mut Model, login: &str) -> Vec<Command> {
    let mut script = typed(login);
    script.push(key(KeyCode::Enter));
    script.extend(typed("dev"));
    script.push(key(KeyCode::Enter));
    script.extend(typed("default"));
    script.push(key(KeyCode::Enter));
    run(m, script)
}

fn creates(cmds: &[Command]) -> bool {
    cmds.iter()
        .any(|c| matches!(c, Command::SubmitCredentials { renew: None, .. }))
}

#[test]
fn the_same_bank_and_login_again_is_caught_before_anything_is_created() {
    let mut m = form_with_a_known_login();
    let cmds = submit(&mut m, "dev");
    assert!(!creates(&cmds), "{cmds:?}");
    let screen = render(&mut m, 100, 16);
    assert!(
        screen.contains("already connected with the login **ev"),
        "{screen}"
    );
    assert_snapshot!("same_bank_twice_warning", screen);
}

#[test]
fn enter_on_the_warning_refreshes_the_existing_connection_instead() {
    let mut m = form_with_a_known_login();
    submit(&mut m, "dev");
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    assert!(
        cmds.iter()
            .any(|c| matches!(c, Command::SyncNow { connection, .. }
            if *connection == ConnectionId::oxlin("10003"))),
        "{cmds:?}"
    );
    assert!(!creates(&cmds));
    assert!(matches!(m.screen, Screen::Dashboard(_)));
}

#[test]
fn the_same_bank_with_another_login_is_connected() {
    let mut m = form_with_a_known_login();
    let cmds = submit(&mut m, "alice");
    assert!(creates(&cmds), "{cmds:?}");
}

#[test]
fn ctrl_n_on_the_warning_connects_it_again_anyway() {
    let mut m = form_with_a_known_login();
    submit(&mut m, "dev");
    let cmds = run(&mut m, [ctrl('n')]);
    assert!(creates(&cmds), "{cmds:?}");
}
