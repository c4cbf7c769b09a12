//! Every screen in each of its states, as insta snapshots of a `TestBackend` render at 80x24
//! (and 50x15 for the layout-sensitive ones). States are reached through `update` with scripts
//! of `Msg`s, from a fixed clock: no port, clock or random id can reach a snapshot.

use chrono::Duration;
use coffre::app::{ApiEvent, Model, Msg, Screen};
use coffre::domain::{CallFailure, ChannelHealth, SyncStep};
use crossterm::event::KeyCode;
use insta::assert_snapshot;

use crate::common::*;

fn snap(name: &str, model: &mut Model) {
    assert_snapshot!(name, render(model, 80, 24));
}

fn snap_small(name: &str, model: &mut Model) {
    assert_snapshot!(format!("{name}_50x15"), render(model, 50, 15));
}

fn login_failed(error: CallFailure) -> Model {
    let mut m = Model::new(now(), false, None);
    run(&mut m, typed("someone@example.org"));
    run(&mut m, [key(KeyCode::Tab)]);
    run(&mut m, typed("wrong"));
    let request = last_id(&run(&mut m, [key(KeyCode::Enter)]));
    run(
        &mut m,
        [Msg::Api(ApiEvent::LoggedIn {
            request,
            result: Err(error),
        })],
    );
    m
}

#[test]
fn login_screen_states() {
    snap("login_empty", &mut Model::new(now(), false, None));
    let mut demo = Model::new(now(), true, Some(("demo@coffre.test", "demo-password")));
    snap("login_sandbox_demo_masked", &mut demo);
    snap_small("login_sandbox_demo_masked", &mut demo);
    run(&mut demo, [key(KeyCode::Enter)]);
    snap("login_loading", &mut demo);
    snap(
        "login_wrong_password",
        &mut login_failed(CallFailure::WrongPassword),
    );
    snap(
        "login_unreachable",
        &mut login_failed(CallFailure::Unreachable),
    );
    snap(
        "login_bad_client_credentials",
        &mut login_failed(CallFailure::BadClientCredentials),
    );
}

#[test]
fn login_never_shows_the_password_unless_revealed() {
    let mut m = Model::new(now(), true, Some(("demo@coffre.test", "s3cr3t-pass")));
    assert!(!render(&mut m, 80, 24).contains("s3cr3t"));
    run(&mut m, [ctrl('r')]);
    assert!(render(&mut m, 80, 24).contains("s3cr3t-pass"));
}

#[test]
fn provider_picker_states() {
    let mut m = at_picker();
    snap("picker_list", &mut m);
    snap_small("picker_list", &mut m);
    run(&mut m, typed("agri"));
    snap("picker_search_agri", &mut m);
    run(&mut m, typed("zzzz"));
    snap("picker_search_no_match", &mut m);

    let mut choice = at_picker();
    run(&mut choice, typed("test"));
    run(&mut choice, [key(KeyCode::Enter)]);
    snap("picker_channel_choice", &mut choice);
    snap_small("picker_channel_choice", &mut choice);

    let mut loading = Model::new(now(), true, None);
    let request = last_id(&run(
        &mut loading,
        typed("a@b.c")
            .into_iter()
            .chain([key(KeyCode::Enter)])
            .chain(typed("x"))
            .chain([key(KeyCode::Enter)]),
    ));
    run(
        &mut loading,
        [Msg::Api(ApiEvent::LoggedIn {
            request,
            result: Ok(()),
        })],
    );
    snap("picker_loading", &mut loading);
    run(
        &mut loading,
        [Msg::Api(ApiEvent::ProvidersLoaded(Err(
            CallFailure::Unreachable,
        )))],
    );
    snap("picker_error", &mut loading);
}

#[test]
fn provider_picker_cleans_hostile_and_long_names() {
    let mut m = at_picker();
    let mut list = providers();
    list.push(hostile_provider());
    list[0].name =
        "Banque Populaire Auvergne Rhône Alpes - Agence de la Très Longue Avenue du Général".into();
    if let Screen::ProviderPicker(p) = &mut m.screen {
        p.set_providers(list);
    }
    let text = render(&mut m, 80, 24);
    // ratatui drops ESC itself: what would show is the sequences' printable rest.
    assert!(!text.contains("[2J") && !text.contains("pwned") && !text.contains('\u{202e}'));
    snap("picker_hostile_and_long_names", &mut m);
}

#[test]
fn credential_form_states() {
    let mut m = at_form();
    snap("form_empty", &mut m);
    run(&mut m, typed("dev"));
    run(&mut m, [key(KeyCode::Enter)]);
    run(&mut m, typed("secret-pw"));
    snap("form_password_masked", &mut m);
    snap_small("form_password_masked", &mut m);
    run(&mut m, [ctrl('r')]);
    snap("form_password_revealed", &mut m);

    let mut invalid = at_picker();
    run(&mut invalid, typed("hsbc"));
    run(&mut invalid, [key(KeyCode::Enter)]);
    run(&mut invalid, typed("abc"));
    run(&mut invalid, [key(KeyCode::Enter), key(KeyCode::Enter)]);
    snap("form_invalid_fields_marked", &mut invalid);
}

#[test]
fn challenge_dialog_states() {
    let (mut m, generation) = syncing();
    let ask = |challenge| {
        Msg::Api(ApiEvent::ChallengeReceived {
            connection: coffre::domain::ConnectionId::oxlin("c1"),
            channel: "13400".into(),
            generation,
            challenge,
        })
    };
    run(&mut m, [ask(send_sms_question())]);
    snap("challenge_ok_cancel", &mut m);
    run(&mut m, [ask(sms_code_challenge(None))]);
    run(&mut m, typed("12"));
    snap("challenge_sms_code_countdown", &mut m);
    run(&mut m, [Msg::Tick(now() + Duration::seconds(75))]);
    snap("challenge_sms_code_countdown_later", &mut m);
    run(
        &mut m,
        [ask(sms_code_challenge(Some(
            "Code erroné, il vous reste {remaining_attempts} essais.\u{1b}[31m",
        )))],
    );
    snap("challenge_error_msg", &mut m);
    snap_small("challenge_error_msg", &mut m);
}

#[test]
fn consent_checklist_states() {
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
    snap("consent_all_ticked", &mut m);
    run(&mut m, [key(KeyCode::Down), key(KeyCode::Char(' '))]);
    snap("consent_one_refused", &mut m);
    snap_small("consent_one_refused", &mut m);
    let (mut empty, generation) = syncing();
    run(
        &mut empty,
        [Msg::Api(ApiEvent::ConsentRequested {
            connection: coffre::domain::ConnectionId::oxlin("c1"),
            channel: "13400".into(),
            generation,
            accounts: Vec::new(),
        })],
    );
    snap("consent_empty", &mut empty);
}

#[test]
fn syncing_states() {
    let (mut m, generation) = syncing();
    snap("syncing_starting", &mut m);
    let step = |step| {
        Msg::Api(ApiEvent::SyncProgressed {
            connection: coffre::domain::ConnectionId::oxlin("c1"),
            generation,
            step,
        })
    };
    run(&mut m, [step(SyncStep::Syncing)]);
    snap("syncing_importing", &mut m);
    run(
        &mut m,
        [step(SyncStep::Failed(ChannelHealth::CredentialsRejected))],
    );
    snap("syncing_auth_failed", &mut m);
    let (mut action, generation) = syncing();
    let step = |step| {
        Msg::Api(ApiEvent::SyncProgressed {
            connection: coffre::domain::ConnectionId::oxlin("c1"),
            generation,
            step,
        })
    };
    run(
        &mut action,
        [step(SyncStep::Failed(
            ChannelHealth::PasswordChangeRequired,
        ))],
    );
    snap("syncing_password_change_required", &mut action);
    snap_small("syncing_password_change_required", &mut action);
}

#[test]
fn redirect_states() {
    let mut m = at_picker();
    run(&mut m, typed("test"));
    let request = last_id(&run(&mut m, [key(KeyCode::Enter), key(KeyCode::Enter)]));
    snap("redirect_waiting_for_url", &mut m);
    let url = "http://127.0.0.1/authorize?state=abc".to_string();
    run(
        &mut m,
        [Msg::Api(ApiEvent::AuthorizeUrlReady {
            request,
            result: Ok(url),
        })],
    );
    snap("redirect_url_and_qr", &mut m);
    run(
        &mut m,
        [Msg::Api(ApiEvent::RedirectCompleted {
            request,
            result: Err(CallFailure::Rejected(
                "the bank did not send you back in time".into(),
            )),
        })],
    );
    snap("redirect_timed_out", &mut m);
}

#[test]
fn help_overlay_and_quit_confirmation() {
    let (mut m, _) = syncing();
    run(&mut m, [key(KeyCode::Char('?'))]);
    snap("help_on_syncing", &mut m);
    run(&mut m, [key(KeyCode::Esc), key(KeyCode::Char('q'))]);
    snap("quit_confirm_while_syncing", &mut m);
}
