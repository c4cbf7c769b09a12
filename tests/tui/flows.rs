//! Flow tests: scripts of key presses and API results through `update`, asserting the `Command`s
//! produced (what the app would send) and the screen reached.

use coffre::app::{ApiEvent, Command, Msg, Screen};
use coffre::domain::{AccountId, CallFailure, ChannelHealth, ConnectionId, SyncStep};
use crossterm::event::KeyCode;
use secrecy::ExposeSecret;

use crate::common::*;

#[test]
fn demo_login_sends_the_credentials_then_loads_banks() {
    let mut m = coffre::app::Model::new(now(), true, Some(("demo@coffre.test", "demo")));
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    let [
        Command::LogIn {
            request,
            email,
            password,
        },
    ] = cmds.as_slice()
    else {
        panic!("{cmds:?}")
    };
    assert_eq!(email, "demo@coffre.test");
    assert_eq!(password.expose_secret(), "demo");
    assert!(
        !format!("{cmds:?}").contains("demo\""),
        "the password must not be in Debug"
    );
    let cmds = run(
        &mut m,
        [Msg::Api(ApiEvent::LoggedIn {
            request: *request,
            result: Ok(()),
        })],
    );
    assert!(matches!(cmds.as_slice(), [Command::LoadProviders]));
    assert!(matches!(m.screen, Screen::ProviderPicker(_)));
}

#[test]
fn stale_login_result_is_dropped() {
    let mut m = coffre::app::Model::new(now(), true, Some(("demo@coffre.test", "demo")));
    let request = last_id(&run(&mut m, [key(KeyCode::Enter)]));
    let cmds = run(
        &mut m,
        [Msg::Api(ApiEvent::LoggedIn {
            request: request + 7,
            result: Ok(()),
        })],
    );
    assert!(cmds.is_empty());
    assert!(matches!(m.screen, Screen::Login(_)));
}

#[test]
fn typing_part_of_the_name_then_choosing_the_form_channel_opens_its_form() {
    let m = at_form();
    let Screen::CredentialForm(form) = &m.screen else {
        panic!("not on the form")
    };
    assert_eq!(form.provider.id, "87");
    assert_eq!(form.channel.id, "13400");
}

#[test]
fn choosing_the_website_channel_starts_the_redirect() {
    let mut m = at_picker();
    run(&mut m, typed("test"));
    let cmds = run(&mut m, [key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert!(
        matches!(cmds.as_slice(), [Command::StartRedirect { provider, channel, .. }] if provider == "87" && channel == "8701")
    );
    let cmds = run(&mut m, [key(KeyCode::Esc)]);
    assert!(matches!(cmds.first(), Some(Command::CancelRedirect { .. })));
    assert!(matches!(m.screen, Screen::ProviderPicker(_)));
}

#[test]
fn typing_a_channel_number_picks_that_channel() {
    let mut m = at_picker();
    run(&mut m, typed("test"));
    run(&mut m, [key(KeyCode::Enter), key(KeyCode::Char('2'))]);
    let Screen::CredentialForm(form) = &m.screen else {
        panic!("`2` should open the form channel")
    };
    assert_eq!(form.channel.id, "13400");
}

#[test]
fn unavailable_bank_cannot_be_picked() {
    let mut m = at_picker();
    run(&mut m, typed("fermée"));
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    assert!(cmds.is_empty());
    assert!(matches!(m.screen, Screen::ProviderPicker(_)));
}

#[test]
fn nothing_is_sent_while_a_field_is_invalid() {
    let mut m = at_picker();
    run(&mut m, typed("hsbc"));
    run(&mut m, [key(KeyCode::Enter)]);
    run(&mut m, typed("short"));
    run(&mut m, [key(KeyCode::Enter)]);
    run(&mut m, typed("12345678"));
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    assert!(cmds.is_empty(), "sent with an invalid login: {cmds:?}");
    assert!(
        matches!(&m.status, Some(coffre::ui::widgets::status_line::Status::Error(e)) if e.contains("7 characters at least"))
    );
    // Fix the login (focus went back to it): now it is sent.
    run(&mut m, typed("99"));
    run(&mut m, [key(KeyCode::Enter)]);
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    let [Command::SubmitCredentials { values, .. }] = cmds.as_slice() else {
        panic!("{cmds:?}")
    };
    assert_eq!(values[0].value.expose_secret(), "short99");
    assert!(values[1].encrypt && !values[0].encrypt);
}

#[test]
fn dev_dev_creates_the_connection_and_polls_its_queue() {
    let (m, _) = syncing();
    assert!(matches!(m.screen, Screen::Syncing));
    assert!(m.sync.any_running());
}

#[test]
fn sms_challenge_wrong_code_then_right_code_answers_in_order() {
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
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    let [
        Command::AnswerChallenge {
            answers, channel, ..
        },
    ] = cmds.as_slice()
    else {
        panic!("{cmds:?}")
    };
    assert_eq!(channel, "13400");
    assert_eq!(answers.len(), 1);
    assert_eq!(
        (answers[0].0.as_str(), answers[0].1.expose_secret()),
        ("304", "true")
    );

    run(&mut m, [ask(sms_code_challenge(None))]);
    run(&mut m, typed("12a34"));
    assert!(
        run(&mut m, [key(KeyCode::Enter)]).is_empty(),
        "a 4-digit code is invalid"
    );
    run(&mut m, typed("55"));
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    let [Command::AnswerChallenge { answers, .. }] = cmds.as_slice() else {
        panic!("{cmds:?}")
    };
    assert_eq!(answers[0].1.expose_secret(), "123455");

    run(&mut m, [ask(sms_code_challenge(Some("Code erroné")))]);
    run(&mut m, typed("654321"));
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    let [Command::AnswerChallenge { answers, .. }] = cmds.as_slice() else {
        panic!("{cmds:?}")
    };
    assert_eq!(answers[0].1.expose_secret(), "654321");
}

#[test]
fn cancelling_an_ok_cancel_question_answers_false() {
    let (mut m, generation) = syncing();
    run(
        &mut m,
        [Msg::Api(ApiEvent::ChallengeReceived {
            connection: coffre::domain::ConnectionId::oxlin("c1"),
            channel: "13400".into(),
            generation,
            challenge: send_sms_question(),
        })],
    );
    let cmds = run(&mut m, [key(KeyCode::Esc)]);
    let [Command::AnswerChallenge { answers, .. }] = cmds.as_slice() else {
        panic!("{cmds:?}")
    };
    assert_eq!(answers[0].1.expose_secret(), "false");
}

#[test]
fn consent_with_one_account_refused_is_sent() {
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
            key(KeyCode::Down),
            key(KeyCode::Down),
            key(KeyCode::Char(' ')),
            key(KeyCode::Enter),
        ],
    );
    let [
        Command::SendConsents {
            accepted,
            refused,
            connection,
            ..
        },
    ] = cmds.as_slice()
    else {
        panic!("{cmds:?}")
    };
    assert_eq!(*connection, ConnectionId::oxlin("c1"));
    assert_eq!(accepted, &[AccountId::oxlin("a1"), AccountId::oxlin("a2")]);
    assert_eq!(refused, &[AccountId::oxlin("a3")]);
    assert!(matches!(m.screen, Screen::Syncing));
}

#[test]
fn sync_done_opens_the_dashboard_and_stale_generations_are_ignored() {
    let (mut m, generation) = syncing();
    let step = |generation, step| {
        Msg::Api(ApiEvent::SyncProgressed {
            connection: coffre::domain::ConnectionId::oxlin("c1"),
            generation,
            step,
        })
    };
    assert!(run(&mut m, [step(generation + 100, SyncStep::Done)]).is_empty());
    let cmds = run(&mut m, [step(generation, SyncStep::Done)]);
    assert!(matches!(
        cmds.as_slice(),
        [Command::StopPolling { .. }, Command::LoadDashboard]
    ));
    assert!(matches!(m.screen, Screen::Dashboard(_)));
}

#[test]
fn auth_failed_goes_back_to_the_form_on_enter() {
    let (mut m, generation) = syncing();
    run(
        &mut m,
        [Msg::Api(ApiEvent::SyncProgressed {
            connection: coffre::domain::ConnectionId::oxlin("c1"),
            generation,
            step: SyncStep::Failed(ChannelHealth::CredentialsRejected),
        })],
    );
    run(&mut m, [key(KeyCode::Enter)]);
    assert!(matches!(m.screen, Screen::CredentialForm(_)));
}

#[test]
fn quit_asks_while_a_sync_runs_and_not_otherwise() {
    let (mut m, _) = syncing();
    assert!(run(&mut m, [key(KeyCode::Char('q'))]).is_empty());
    assert!(m.quit_confirm);
    assert!(run(&mut m, [key(KeyCode::Char('n'))]).is_empty());
    assert!(!m.should_quit);
    run(&mut m, [key(KeyCode::Char('q'))]);
    let cmds = run(&mut m, [key(KeyCode::Char('y'))]);
    assert!(matches!(cmds.as_slice(), [Command::Quit]));

    let mut idle = at_picker();
    let cmds = run(&mut idle, [ctrl('c')]);
    assert!(matches!(cmds.as_slice(), [Command::Quit]));
}

#[test]
fn q_types_into_the_search_instead_of_quitting() {
    let mut m = at_picker();
    assert!(run(&mut m, [key(KeyCode::Char('q'))]).is_empty());
    assert!(!m.should_quit);
}

#[test]
fn login_errors_each_have_their_own_message() {
    let texts: Vec<String> = [
        CallFailure::WrongPassword,
        CallFailure::Unreachable,
        CallFailure::BadClientCredentials,
    ]
    .iter()
    .map(|f| coffre::wording::failures::call_failure(f, coffre::i18n::Lang::En))
    .collect();
    assert_eq!(texts.len(), 3);
    assert!(texts[0] != texts[1] && texts[1] != texts[2] && texts[0] != texts[2]);
}
