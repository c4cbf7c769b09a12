//! German banks (finX) in the TUI, issue 12: `a` asks France or Germany when German banks are
//! offered; Germany opens an optional IBAN field checked as it is typed, then the wait on
//! finX's page (the widget mode's screen: URL, QR, countdown, paste field). A cancel in finX's
//! page and an address of another attempt are said on the wait screen; Esc goes back to the
//! dashboard. Snapshots at 80x24, fixed clock and addresses.

use std::time::Duration;

use coffre::app::widget::{BrowserCommand, BrowserEvent, WidgetDone};
use coffre::app::{Command, Model, Msg, Screen, Session};
use coffre::domain::{CallFailure, ConnectionId, NextAction, PageFailure};
use crossterm::event::KeyCode;
use insta::assert_snapshot;

use crate::common::*;
use crate::dashboard::fixtures::{dashboard, data};

const FINX_PAGE: &str = "http://127.0.0.1:40401/finx/widget/?token=wT1";

/// Logged in on the dashboard, German banks offered.
fn with_german_banks() -> Model {
    let mut m = dashboard(data());
    m.session = Session::LoggedIn;
    m.finx = true;
    m
}

fn german_link(cmds: &[Command]) -> Option<(u64, Option<String>)> {
    cmds.iter().find_map(|c| match c {
        Command::Browser(BrowserCommand::LinkGermanBank { request, iban, .. }) => {
            Some((*request, iban.clone()))
        }
        _ => None,
    })
}

/// `a`, `2`, the IBAN typed, Enter: the wait on finX's page, its id.
fn at_finx_page(iban: &str) -> (Model, u64) {
    let mut m = with_german_banks();
    run(&mut m, typed("a2"));
    run(&mut m, typed(iban));
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    let (request, _) = german_link(&cmds).expect("finX's page is asked for");
    run(
        &mut m,
        [Msg::Browser(BrowserEvent::PageReady {
            request,
            url: FINX_PAGE.into(),
            wait_for: Duration::from_secs(600),
        })],
    );
    (m, request)
}

#[test]
fn add_a_bank_asks_france_or_germany_when_german_banks_are_offered() {
    let mut m = with_german_banks();
    let cmds = run(&mut m, typed("a"));
    assert_snapshot!("finx_add_asks_the_country", render(&mut m, 80, 24));
    assert!(cmds.iter().any(|c| matches!(c, Command::LoadProviders)));
    run(&mut m, typed("1"));
    let Screen::ProviderPicker(picker) = &m.screen else {
        panic!("France opens the French banks' list");
    };
    assert!(!picker.asks_country());
}

#[test]
fn without_german_banks_add_a_bank_opens_the_french_list_at_once() {
    let mut m = with_german_banks();
    m.finx = false;
    run(&mut m, typed("a"));
    assert!(matches!(&m.screen, Screen::ProviderPicker(p) if !p.asks_country()));
}

#[test]
fn the_german_iban_is_checked_as_it_is_typed_and_a_wrong_one_is_not_sent() {
    let mut m = with_german_banks();
    run(&mut m, typed("a2"));
    assert_snapshot!("finx_iban_empty", render(&mut m, 80, 24));
    run(&mut m, typed("DE88 3704 0044 0532 0130 00"));
    assert_snapshot!("finx_iban_wrong_check_digits", render(&mut m, 80, 24));
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    assert!(german_link(&cmds).is_none(), "a typo is not sent: {cmds:?}");
    for _ in 0.."DE88 3704 0044 0532 0130 00".len() {
        run(&mut m, [key(KeyCode::Backspace)]);
    }
    run(&mut m, typed("DE89 3704 0044 0532 0130 00"));
    assert_snapshot!("finx_iban_valid", render(&mut m, 80, 24));
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    let (_, iban) = german_link(&cmds).expect("a valid IBAN opens finX's page");
    assert_eq!(iban.as_deref(), Some("DE89370400440532013000"));
}

#[test]
fn esc_in_the_iban_field_goes_back_to_the_country_question() {
    let mut m = with_german_banks();
    run(&mut m, typed("a2"));
    run(&mut m, [key(KeyCode::Esc)]);
    let Screen::ProviderPicker(picker) = &m.screen else {
        panic!("still adding a bank");
    };
    assert!(picker.asks_country() && !picker.is_choosing());
}

#[test]
fn finx_page_is_waited_on_with_its_address() {
    let (mut m, _) = at_finx_page("");
    assert_snapshot!("finx_waiting_for_the_page", render(&mut m, 80, 24));
}

#[test]
fn a_cancel_in_finx_page_is_said_and_esc_goes_back_to_the_dashboard() {
    let (mut m, request) = at_finx_page("");
    run(
        &mut m,
        [Msg::Browser(BrowserEvent::Finished {
            request,
            result: Err(CallFailure::Page(PageFailure::FinxCancelled)),
        })],
    );
    let screen = render(&mut m, 80, 24);
    assert!(screen.contains("You cancelled"), "{screen}");
    assert_snapshot!("finx_cancelled", screen);
    let cmds = run(&mut m, [key(KeyCode::Esc)]);
    assert!(
        cmds.iter()
            .any(|c| matches!(c, Command::CancelRedirect { request: r } if *r == request)),
        "{cmds:?}"
    );
    assert!(matches!(m.screen, Screen::Dashboard(_)));
}

#[test]
fn an_address_of_another_attempt_is_refused_and_the_wait_goes_on() {
    let (mut m, request) = at_finx_page("");
    run(
        &mut m,
        [Msg::Browser(BrowserEvent::PasteRefused {
            request,
            reason: PageFailure::OtherAttempt,
        })],
    );
    assert_snapshot!("finx_wrong_state_refused", render(&mut m, 80, 24));
    assert!(matches!(m.screen, Screen::Redirect(_)));
}

#[test]
fn the_linked_german_bank_is_named_on_the_dashboard() {
    let (mut m, request) = at_finx_page("");
    let cmds = run(
        &mut m,
        [Msg::Browser(BrowserEvent::Finished {
            request,
            result: Ok(WidgetDone {
                connection: Some(ConnectionId::finx("A1")),
                bank: "Demobank".into(),
                new_transactions: 42,
            }),
        })],
    );
    assert!(
        cmds.iter().any(|c| matches!(c, Command::LoadDashboard)),
        "{cmds:?}"
    );
    let screen = render(&mut m, 80, 24);
    assert!(
        screen.contains("Demobank is connected: 42 new transactions."),
        "{screen}"
    );
}

/// The fixtures' French bank and a German one (finX) whose access ends on `day`, German banks
/// offered.
fn french_and_german(day: chrono::NaiveDate) -> Model {
    let mut data = crate::finx_banks::one_french_one_german();
    data.connections[1].next_action = NextAction::RenewBefore(day);
    let mut m = dashboard(data);
    m.session = Session::LoggedIn;
    m.finx = true;
    m
}

/// Only the German bank (its accounts selected first).
fn only_german() -> Model {
    let mut m = french_and_german(chrono::NaiveDate::from_ymd_opt(2024, 5, 20).unwrap());
    if let Screen::Dashboard(_) = &m.screen {
        let mut data = crate::finx_banks::one_french_one_german();
        data.connections.remove(0);
        data.accounts
            .retain(|a| a.account.connection_id != Some(ConnectionId::oxlin("c1")));
        data.connections[0].next_action =
            NextAction::RenewBefore(chrono::NaiveDate::from_ymd_opt(2024, 5, 20).unwrap());
        m = dashboard(data);
        m.session = Session::LoggedIn;
        m.finx = true;
    }
    m
}

#[test]
fn a_german_bank_says_finx_and_when_its_access_ends() {
    let mut m = french_and_german(chrono::NaiveDate::from_ymd_opt(2024, 5, 20).unwrap());
    let screen = render(&mut m, 100, 30);
    assert!(
        screen.contains("finX · access until 20/05/2024"),
        "{screen}"
    );
    assert_snapshot!("finx_bank_line_access_until", screen);
}

#[test]
fn a_german_access_ending_within_14_days_is_a_warning() {
    let mut m = french_and_german(chrono::NaiveDate::from_ymd_opt(2024, 3, 10).unwrap());
    let screen = render(&mut m, 100, 30);
    assert!(
        screen.contains("finX · access until 10/03/2024"),
        "{screen}"
    );
    assert_snapshot!("finx_bank_line_access_ends_soon", screen);
}

#[test]
fn s_syncs_the_german_banks_from_the_tui_when_finx_is_configured() {
    let mut m = french_and_german(chrono::NaiveDate::from_ymd_opt(2024, 5, 20).unwrap());
    let cmds = run(&mut m, typed("s"));
    let german = cmds.iter().find_map(|c| match c {
        Command::SyncGermanBank {
            connection,
            generation,
        } => Some((connection.clone(), *generation)),
        _ => None,
    });
    let (connection, generation) = german.expect("the German bank syncs too");
    assert_eq!(connection, ConnectionId::finx("X1.1"));
    assert!(
        cmds.iter().any(|c| matches!(c, Command::SyncNow { .. })),
        "and the French one: {cmds:?}"
    );
    let cmds = run(
        &mut m,
        [Msg::Api(coffre::app::ApiEvent::SyncProgressed {
            connection,
            generation,
            step: coffre::domain::SyncStep::Syncing,
        })],
    );
    assert!(cmds.is_empty(), "{cmds:?}");
    assert_snapshot!("finx_bank_syncing", render(&mut m, 100, 30));
}

#[test]
fn r_on_a_german_bank_opens_finx_page_to_renew_its_access() {
    let mut m = only_german();
    let cmds = run(&mut m, typed("r"));
    let renew = cmds.iter().find_map(|c| match c {
        Command::Browser(BrowserCommand::LinkGermanBank { renew, .. }) => renew.clone(),
        _ => None,
    });
    assert_eq!(renew, Some(ConnectionId::finx("X1.1")), "{cmds:?}");
    assert!(matches!(m.screen, Screen::Redirect(_)));
}

#[test]
fn the_bank_details_name_the_aggregator() {
    let mut m = only_german();
    run(&mut m, typed("i"));
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("Aggregator    finX"), "{screen}");
}

#[test]
fn a_german_bank_far_from_its_end_shows_90_days_after_its_last_sync() {
    let mut data = crate::finx_banks::one_french_one_german();
    data.connections[1].next_action = NextAction::None;
    data.connections[1].synced_at = Some(now());
    let mut m = dashboard(data);
    m.finx = true;
    let screen = render(&mut m, 100, 30);
    assert!(
        screen.contains("finX · access until 30/05/2024"),
        "{screen}"
    );
}

#[test]
fn r_on_a_german_bank_that_needs_nothing_yet_still_renews_its_access() {
    let mut m = only_german();
    if let Screen::Dashboard(_) = &m.screen {
        let mut data = crate::finx_banks::one_french_one_german();
        data.connections.remove(0);
        data.accounts
            .retain(|a| a.account.connection_id != Some(ConnectionId::oxlin("c1")));
        data.connections[0].next_action = NextAction::None;
        data.connections[0].accounts_pending_consent = 0;
        m = dashboard(data);
        m.session = Session::LoggedIn;
        m.finx = true;
    }
    let cmds = run(&mut m, typed("r"));
    assert!(
        cmds.iter().any(|c| matches!(
            c,
            Command::Browser(BrowserCommand::LinkGermanBank { renew: Some(_), .. })
        )),
        "{cmds:?}"
    );
}

#[test]
fn s_while_the_dashboard_loads_syncs_the_german_banks_too_once_it_has_loaded() {
    let mut m = Model::new(now(), true, None);
    m.session = Session::LoggedIn;
    m.finx = true;
    m.screen = Screen::Dashboard(Box::new(coffre::screens::dashboard::Dashboard::loading()));
    let early = run(&mut m, typed("s"));
    assert!(
        early.is_empty(),
        "nothing to sync before the banks are known: {early:?}"
    );
    let data = crate::finx_banks::one_french_one_german();
    let cmds = run(
        &mut m,
        [Msg::Api(coffre::app::ApiEvent::DashboardLoaded(Ok(
            crate::dashboard::fixtures::loaded(data),
        )))],
    );
    assert!(
        cmds.iter().any(|c| matches!(
            c,
            Command::SyncGermanBank { connection, .. } if *connection == ConnectionId::finx("X1.1")
        )),
        "the German bank syncs: {cmds:?}"
    );
    assert!(
        cmds.iter().any(|c| matches!(c, Command::SyncNow { .. })),
        "and the French one: {cmds:?}"
    );
}

#[test]
fn s_while_the_dashboard_loads_leaves_german_banks_to_coffre_sync_without_finx() {
    let mut m = Model::new(now(), true, None);
    m.session = Session::LoggedIn;
    m.finx = false;
    m.screen = Screen::Dashboard(Box::new(coffre::screens::dashboard::Dashboard::loading()));
    run(&mut m, typed("s"));
    let data = crate::finx_banks::one_french_one_german();
    let cmds = run(
        &mut m,
        [Msg::Api(coffre::app::ApiEvent::DashboardLoaded(Ok(
            crate::dashboard::fixtures::loaded(data),
        )))],
    );
    assert!(
        !cmds
            .iter()
            .any(|c| matches!(c, Command::SyncGermanBank { .. })),
        "{cmds:?}"
    );
    assert!(
        cmds.iter().any(|c| matches!(c, Command::SyncNow { .. })),
        "the French bank syncs: {cmds:?}"
    );
}
