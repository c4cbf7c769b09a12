//! A demanding user's checks across every screen at once: each screen state renders at tiny
//! sizes (20x10, 30x8, 1x1, 0x0) without panicking, with the help overlay and the quit question
//! on top too; hostile bank text (escape sequences, bidi overrides, control characters, very
//! long words) never reaches the terminal; the model's `Debug` never shows a typed secret.
//!
//! Control characters are checked on the sanitiser's output ([`crate::sanitiser`]), not on the
//! screen: ratatui drops them from the buffer by itself, so a rendered screen has none whatever
//! coffre does. What the screen can show, and is checked here, is an escape sequence's printable
//! remainder (`[2J`, an OSC title), a bidi override (ratatui keeps those) and the bank's words.

use std::panic::{AssertUnwindSafe, catch_unwind};

use coffre::app::{ApiEvent, Model, Msg, Screen};
use coffre::domain::{CallFailure, ChannelHealth, CredentialField, SyncStep};
use coffre::sanitize::clean_line;
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::common::*;
use crate::dashboard::fixtures;
use crate::sanitiser::invisible;

/// Text no terminal should receive from bank data.
pub const HOSTILE: &str = "Evil\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e}Bank\u{2066}\u{0}\u{8}\r\nX";
/// One word wider than any screen, so it must be cut, never wrapped into a panic.
pub const LONG_WORD: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

fn ask(generation: u64, challenge: Vec<CredentialField>) -> Msg {
    Msg::Api(ApiEvent::ChallengeReceived {
        connection: coffre::domain::ConnectionId::oxlin("c1"),
        channel: "13400".into(),
        generation,
        challenge,
    })
}

/// A challenge whose labels and params carry hostile text and a very long word.
fn hostile_challenge() -> Vec<CredentialField> {
    let mut items = sms_code_challenge(Some(HOSTILE));
    items[1].params = vec![("phone".into(), format!("{HOSTILE}{LONG_WORD}"))];
    items.push(CredentialField {
        id: "x".into(),
        label: format!("{LONG_WORD}{HOSTILE}"),
        regexp: ".*".into(),
        kind: coffre::domain::InputKind::OkCancel,
        encrypt: false,
        params: Vec::new(),
    });
    items
}

/// Every screen in its states, with hostile and long bank text wherever bank text shows.
fn every_state() -> Vec<(&'static str, Model)> {
    let mut states = vec![("login empty", Model::new(now(), false, None))];
    let mut login = Model::new(now(), true, Some(("demo@coffre.test", "demo")));
    run(&mut login, [key(KeyCode::Enter)]);
    states.push(("login loading", login));

    let mut picker = at_picker();
    let mut list = providers();
    list.push(hostile_provider());
    list[0].name = format!("{LONG_WORD} {HOSTILE}");
    if let Screen::ProviderPicker(p) = &mut picker.screen {
        p.set_providers(list);
    }
    states.push(("picker hostile", picker.clone()));
    run(&mut picker, typed("test"));
    run(&mut picker, [key(KeyCode::Enter)]);
    states.push(("picker chooser", picker));

    // Renewing from the dashboard: the bank comes straight from the API, uncleaned.
    let mut bank = test_bank();
    bank.name = format!("{HOSTILE}{LONG_WORD}");
    bank.channels[1].credentials[0].label = format!("{LONG_WORD}{HOSTILE}");
    let renew = |channel: usize| {
        let mut m = fixtures::dashboard(fixtures::data());
        let cmds = run(
            &mut m,
            [Msg::Api(ApiEvent::RenewalReady {
                connection: coffre::domain::ConnectionId::oxlin("c1"),
                provider: Box::new(bank.clone()),
                channel: Box::new(bank.channels[channel].clone()),
            })],
        );
        (m, cmds)
    };
    let (mut form, _) = renew(1);
    run(&mut form, typed("dev"));
    run(&mut form, [key(KeyCode::Enter)]);
    run(&mut form, typed("s3cr3t"));
    states.push(("form hostile", form));

    let (mut redirect, cmds) = renew(0);
    states.push(("redirect waiting", redirect.clone()));
    run(
        &mut redirect,
        [Msg::Api(ApiEvent::AuthorizeUrlReady {
            request: last_id(&cmds),
            result: Ok(format!("http://127.0.0.1/authorize?state={LONG_WORD}")),
        })],
    );
    states.push(("redirect url", redirect));

    let (mut sync, generation) = syncing();
    states.push(("syncing", sync.clone()));
    run(&mut sync, [ask(generation, hostile_challenge())]);
    run(&mut sync, typed("123"));
    states.push(("challenge hostile", sync));

    let (mut consent, generation) = syncing();
    let mut accounts = consent_accounts();
    accounts[0].name = format!("{LONG_WORD}{HOSTILE}");
    accounts[1].kind = coffre::domain::AccountKind::Other(HOSTILE.into());
    run(
        &mut consent,
        [Msg::Api(ApiEvent::ConsentRequested {
            connection: coffre::domain::ConnectionId::oxlin("c1"),
            channel: "13400".into(),
            generation,
            accounts,
        })],
    );
    states.push(("consent hostile", consent));

    // A failure's text is bank text cleaned where the task runner receives it (tasks/poller.rs,
    // tasks/convert.rs): the screen shows it as given.
    let (mut failed, generation) = syncing();
    run(
        &mut failed,
        [Msg::Api(ApiEvent::SyncProgressed {
            connection: coffre::domain::ConnectionId::oxlin("c1"),
            generation,
            step: SyncStep::Failed(ChannelHealth::Other(clean_line(HOSTILE))),
        })],
    );
    states.push(("sync failed", failed));

    let mut data = fixtures::data();
    data.connections[0].connection.name = format!("{HOSTILE}{LONG_WORD}");
    data.accounts[0].account.name = format!("{LONG_WORD}{HOSTILE}");
    let mut board = fixtures::dashboard(data);
    run(
        &mut board,
        [Msg::Api(ApiEvent::Notice(format!("{HOSTILE} exported")))],
    );
    states.push(("dashboard accounts", board.clone()));
    run(&mut board, [key(KeyCode::Tab)]);
    states.push(("dashboard transactions", board.clone()));
    run(&mut board, [key(KeyCode::Enter)]);
    states.push(("dashboard detail", board.clone()));
    run(&mut board, [key(KeyCode::Char('f'))]);
    states.push(("dashboard filter", board.clone()));
    run(&mut board, [key(KeyCode::Esc), key(KeyCode::Char('/'))]);
    run(&mut board, typed(HOSTILE));
    states.push(("dashboard search", board));

    let mut with_overlays = Vec::new();
    for (name, model) in &states {
        let mut help = model.clone();
        help.help_open = true;
        with_overlays.push((name_with(name, "help"), help));
        let mut quit = model.clone();
        quit.quit_confirm = true;
        with_overlays.push((name_with(name, "quit?"), quit));
    }
    states.extend(with_overlays);
    states
}

fn name_with(name: &str, what: &str) -> &'static str {
    Box::leak(format!("{name} + {what}").into_boxed_str())
}

#[test]
fn every_screen_renders_at_tiny_sizes_without_panicking() {
    for (name, model) in every_state() {
        for (w, h) in [(80, 24), (50, 15), (20, 10), (30, 8), (1, 1), (0, 0)] {
            let mut m = model.clone();
            // Only the drawing: TestBackend's own text view cannot show a 0-wide buffer.
            let drawn = catch_unwind(AssertUnwindSafe(|| {
                let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                terminal.draw(|f| coffre::app::view(&mut m, f)).unwrap();
            }));
            assert!(drawn.is_ok(), "{name} panicked at {w}x{h}");
        }
    }
}

#[test]
fn hostile_bank_text_never_reaches_the_terminal() {
    let mut shown_in_full = Vec::new();
    for (name, mut model) in every_state() {
        for (w, h) in [(80, 24), (50, 15)] {
            let text = render(&mut model, w, h);
            let bad: Vec<char> = text.chars().filter(|c| invisible(*c)).collect();
            assert!(bad.is_empty(), "{name} at {w}x{h} shows {bad:?}");
            // What is left on screen of `ESC[2J` and of the OSC title `ESC]0;pwned BEL`.
            for rest in ["[2J", "pwned"] {
                assert!(
                    !text.contains(rest),
                    "{name} at {w}x{h} shows {rest:?}\n{text}"
                );
            }
            if w == 80 && text.contains("EvilBank X") {
                shown_in_full.push(name);
            }
        }
    }
    // The bank's own words do reach the screen, cleaned (not dropped with the rest).
    for name in ["sync failed", "consent hostile", "challenge hostile"] {
        assert!(shown_in_full.contains(&name), "{name}: {shown_in_full:?}");
    }
}

#[test]
fn debug_of_the_model_never_shows_what_was_typed_in_the_form_or_the_challenge() {
    // The credential form: a password being typed, masked or revealed.
    let mut form = at_form();
    run(&mut form, typed("dev"));
    run(&mut form, [key(KeyCode::Enter)]);
    run(&mut form, typed("Pa55-w0rd-typed"));
    assert!(!format!("{form:?}").contains("Pa55-w0rd-typed"));
    run(&mut form, [ctrl('r')]);
    assert!(render(&mut form, 80, 24).contains("Pa55-w0rd-typed"));
    assert!(!format!("{form:?}").contains("Pa55-w0rd-typed"));

    // The challenge: an SMS code (a NUMERIC field, shown on screen but a secret all the same).
    let (mut m, generation) = syncing();
    run(&mut m, [ask(generation, sms_code_challenge(None))]);
    run(&mut m, typed("987654"));
    assert!(matches!(m.screen, Screen::Challenge(_)));
    assert!(!format!("{m:?}").contains("987654"));

    // The login password.
    let mut login = Model::new(now(), false, None);
    run(&mut login, typed("me@example.org"));
    run(&mut login, [key(KeyCode::Tab)]);
    run(&mut login, typed("Login-S3cret"));
    assert!(!format!("{login:?}").contains("Login-S3cret"));
    assert!(!render(&mut login, 80, 24).contains("Login-S3cret"));
}

#[test]
fn no_screen_shows_the_demo_password_or_a_typed_code_unless_revealed() {
    let mut demo = Model::new(now(), true, Some(("demo@coffre.test", "demo-Pw-42")));
    assert!(!render(&mut demo, 80, 24).contains("demo-Pw-42"));
    let failed = {
        let mut m = Model::new(now(), false, None);
        run(&mut m, typed("a@b.c"));
        run(&mut m, [key(KeyCode::Tab)]);
        run(&mut m, typed("Wr0ng-Pw"));
        let request = last_id(&run(&mut m, [key(KeyCode::Enter)]));
        run(
            &mut m,
            [Msg::Api(ApiEvent::LoggedIn {
                request,
                result: Err(CallFailure::WrongPassword),
            })],
        );
        m
    };
    let mut failed = failed;
    assert!(!render(&mut failed, 80, 24).contains("Wr0ng-Pw"));
    assert!(!format!("{failed:?}").contains("Wr0ng-Pw"));
}
