//! Widget mode's screens (an Oxlin page in the browser) in each state, as snapshots at 80x24,
//! 50x15 and 20x10 (a tiny terminal), and its flows through `update`: the login that stops on the
//! terms, the add-connection page from the login and from `a`, a wrong paste, an expired page,
//! the bank on the dashboard at the end. Fixed clock, fixed addresses: nothing random reaches a
//! snapshot.

use std::time::Duration;

use coffre::app::widget::{BrowserCommand, BrowserEvent, WidgetDone, WidgetPage};
use coffre::app::{ApiEvent, Command, Model, Msg, Screen, Session};
use coffre::domain::{CallFailure, ConnectionId, PageFailure};
use crossterm::event::KeyCode;
use insta::assert_snapshot;

use crate::common::*;

const PAGE: &str = "http://127.0.0.1:40401/widget/add_connection?session_id=wS1&redirect_url=http%3A%2F%2F127.0.0.1%3A40402%2Fcallback%3Fstate%3D0f1e&lng=en";

fn snap_all(name: &str, model: &mut Model) {
    assert_snapshot!(name, render(model, 80, 24));
    assert_snapshot!(format!("{name}_50x15"), render(model, 50, 15));
    assert_snapshot!(format!("{name}_20x10"), render(model, 20, 10));
}

fn opened(cmds: &[Command]) -> Option<(u64, WidgetPage)> {
    cmds.iter().find_map(|c| match c {
        Command::Browser(BrowserCommand::OpenWidget { request, page }) => {
            Some((*request, page.clone()))
        }
        _ => None,
    })
}

/// Widget mode, logged in from the login screen: the add-connection page opens.
fn at_add_page() -> (Model, u64) {
    at_add_page_in(coffre::i18n::Lang::En)
}

/// [`at_add_page`] with the UI in `lang`.
pub(crate) fn at_add_page_in(lang: coffre::i18n::Lang) -> (Model, u64) {
    let mut m = Model::new(now(), true, Some(("demo@coffre.test", "demo")));
    m.lang = lang;
    m.widget = true;
    let login = last_id(&run(&mut m, [key(KeyCode::Enter)]));
    let cmds = run(
        &mut m,
        [Msg::Api(ApiEvent::LoggedIn {
            request: login,
            result: Ok(()),
        })],
    );
    assert!(
        !cmds.iter().any(|c| matches!(c, Command::LoadProviders)),
        "no bank picker in widget mode: {cmds:?}"
    );
    let (request, page) = opened(&cmds).expect("the add-connection page opens");
    assert_eq!(page, WidgetPage::AddConnection);
    (m, request)
}

pub(crate) fn page_ready(m: &mut Model, request: u64) {
    run(
        m,
        [Msg::Browser(BrowserEvent::PageReady {
            request,
            url: PAGE.into(),
            wait_for: Duration::from_secs(600),
        })],
    );
}

#[test]
fn widget_add_connection_page_states() {
    let (mut m, request) = at_add_page();
    snap_all("widget_add_asking_for_the_page", &mut m);
    page_ready(&mut m, request);
    run(&mut m, [Msg::Tick(now() + chrono::Duration::seconds(75))]);
    snap_all("widget_add_waiting_with_countdown", &mut m);
    assert_snapshot!("widget_add_waiting_large_with_qr", render(&mut m, 120, 45));
    run(&mut m, [key(KeyCode::Tab)]);
    run(&mut m, typed("http://127.0.0.1:9/elsewhere"));
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    assert!(matches!(
        cmds.as_slice(),
        [Command::Browser(BrowserCommand::Paste { request: r, address })]
            if *r == request && address == "http://127.0.0.1:9/elsewhere"
    ));
    run(
        &mut m,
        [Msg::Browser(BrowserEvent::PasteRefused {
            request,
            reason: PageFailure::NotTheRedirect("http://127.0.0.1:40402/callback".into()),
        })],
    );
    snap_all("widget_add_paste_refused", &mut m);
    run(
        &mut m,
        [Msg::Browser(BrowserEvent::Progress {
            request,
            step: "Oxlin is reading Linxo Test Bank…".into(),
        })],
    );
    snap_all("widget_add_oxlin_reading", &mut m);
}

#[test]
fn widget_expired_page_says_what_to_do_and_esc_goes_back_to_the_dashboard() {
    let (mut m, request) = at_add_page();
    page_ready(&mut m, request);
    run(
        &mut m,
        [Msg::Browser(BrowserEvent::Finished {
            request,
            result: Err(CallFailure::Page(PageFailure::Expired)),
        })],
    );
    snap_all("widget_add_expired", &mut m);
    let cmds = run(&mut m, [key(KeyCode::Esc)]);
    assert!(matches!(cmds.first(), Some(Command::CancelRedirect { request: r }) if *r == request));
    assert!(cmds.iter().any(|c| matches!(c, Command::LoadDashboard)));
    assert!(matches!(m.screen, Screen::Dashboard(_)));
}

#[test]
fn widget_the_new_bank_lands_on_the_dashboard_with_a_message() {
    let (mut m, request) = at_add_page();
    page_ready(&mut m, request);
    let cmds = run(
        &mut m,
        [Msg::Browser(BrowserEvent::Finished {
            request,
            result: Ok(WidgetDone {
                connection: Some(ConnectionId::oxlin("10003")),
                bank: "Linxo Test Bank".into(),
                new_transactions: 42,
            }),
        })],
    );
    assert!(matches!(cmds.as_slice(), [Command::LoadDashboard]));
    assert!(render(&mut m, 80, 24).contains("Linxo Test Bank is connected: 42 new transactions."));
}

#[test]
fn widget_terms_page_opens_when_the_login_stops_on_them() {
    let mut m = Model::new(now(), true, Some(("demo@coffre.test", "demo")));
    m.widget = true;
    let login = last_id(&run(&mut m, [key(KeyCode::Enter)]));
    let cmds = run(
        &mut m,
        [Msg::Api(ApiEvent::LoggedIn {
            request: login,
            result: Err(CallFailure::TermsNotAccepted),
        })],
    );
    let (request, page) = opened(&cmds).expect("the terms page opens");
    assert_eq!(page, WidgetPage::Terms);
    assert_eq!(m.session, Session::LoggedOut);
    run(
        &mut m,
        [Msg::Browser(BrowserEvent::PageReady {
            request,
            url: "http://127.0.0.1:40401/widget/terms?session_id=wS1&lng=en".into(),
            wait_for: Duration::from_secs(600),
        })],
    );
    snap_all("widget_terms_waiting", &mut m);
}

#[test]
fn widget_letters_type_into_the_paste_field_instead_of_quitting() {
    let (mut m, request) = at_add_page();
    page_ready(&mut m, request);
    run(&mut m, [key(KeyCode::Tab)]);
    let cmds = run(&mut m, typed("q?"));
    assert!(cmds.is_empty(), "{cmds:?}");
    assert!(!m.should_quit && !m.help_open);
    let Screen::Redirect(wait) = &m.screen else {
        panic!("the wait was left");
    };
    assert_eq!(wait.paste.value(), "q?");
}
