//! Privacy mode (issue 15): `p` on the dashboard (or `--privacy`, `[ui] privacy`) masks every
//! amount, balance, total and IBAN digit on every screen, says so in the title bar with a word,
//! and changes nothing else: search by amount still finds rows, exports are the same.
//!
//! Every screen is rendered in privacy mode and searched for any amount of the data set (in both
//! notations) and any digit of its IBANs; the dashboard's states are snapshots.

use chrono::Duration;
use coffre::app::{ApiEvent, Command, Model, Msg, Screen};
use coffre::domain::ConnectionId;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use regex::Regex;

use crate::common::*;
use crate::dashboard::fixtures::{self, board, dashboard, data};

/// Turns privacy mode on as `--privacy` would.
fn private(mut m: Model) -> Model {
    m.numbers = m.numbers.private(true);
    m
}

/// The balances and transaction amounts of the fixtures (dashboard and consent), with the
/// totals the accounts view computes from them.
fn amounts() -> Vec<&'static str> {
    vec![
        // balances, consent balances
        "2441.46",
        "12000.00",
        "830.10",
        "-85000.00",
        "15000",
        "-182340.5",
        // totals: Linxo Test Bank, HSBC (EUR), net worth (EUR)
        "14441.46",
        "-70558.54",
        // transactions
        "-54.20",
        "2450.00",
        "-79.99",
        "-112.00",
        "-60.00",
        "-4.80",
        "500.00",
        "-6.45",
        "-42.00",
        "850.00",
        "-23.10",
    ]
}

/// The IBANs of the fixtures.
fn ibans() -> Vec<String> {
    let mut all: Vec<String> = fixtures::accounts()
        .iter()
        .filter_map(|a| a.account.iban.clone())
        .collect();
    all.extend(consent_accounts().into_iter().filter_map(|a| a.iban));
    all
}

/// Fails with the screen when anything on it shows an amount or an IBAN digit.
fn assert_nothing_shows(what: &str, screen: &str) {
    // The help overlay may cover the title bar on a short window.
    let title = screen.lines().next().unwrap_or("");
    assert!(
        title.contains("● private") || title.contains("┌ Keys"),
        "{what}: the title bar says privacy mode is on\n{screen}"
    );
    let amount_shaped = Regex::new(r"\d[.,]\d\d").unwrap();
    assert!(
        !amount_shaped.is_match(screen),
        "{what}: something shaped like an amount is on screen\n{screen}"
    );
    for amount in amounts() {
        let units = amount.trim_start_matches('-').split('.').next().unwrap();
        let grouped = group(units);
        for shown in [units, grouped.as_str()] {
            if shown.len() >= 3 {
                assert!(
                    !screen.contains(shown),
                    "{what}: {shown} (of {amount}) is on screen\n{screen}"
                );
            }
        }
    }
    for iban in ibans() {
        let compact: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
        let check = &compact[..4];
        let last = &compact[compact.len() - 4..];
        assert!(
            !screen.contains(check) && !screen.contains(last),
            "{what}: a digit of the IBAN {iban} is on screen\n{screen}"
        );
    }
}

/// `12000` → `12 000`.
fn group(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

fn check_sizes(what: &str, m: &mut Model) {
    for (w, h) in [(80, 24), (120, 30), (50, 15), (40, 15)] {
        assert_nothing_shows(&format!("{what} at {w}x{h}"), &render(m, w, h));
    }
}

#[test]
fn the_data_set_shows_its_amounts_when_privacy_mode_is_off() {
    // The check itself can fail: without privacy mode, the same screens show the amounts.
    let mut m = dashboard(data());
    let screen = render(&mut m, 80, 24);
    assert!(screen.contains("2 441,46 €"), "{screen}");
    assert!(!screen.contains("● private"), "{screen}");
    run(&mut m, [key(KeyCode::Tab), key(KeyCode::Enter)]);
    assert!(render(&mut m, 120, 30).contains("FR76"));
}

#[test]
fn privacy_mode_hides_every_amount_and_iban_of_the_dashboard() {
    let mut m = dashboard(data());
    run(&mut m, typed("p"));
    assert!(m.numbers.is_private(), "p turns privacy mode on");
    check_sizes("accounts view", &mut m);
    run(&mut m, typed("i"));
    check_sizes("bank details", &mut m);
    run(&mut m, [key(KeyCode::Esc), key(KeyCode::Tab)]);
    check_sizes("transactions view", &mut m);
    run(&mut m, [key(KeyCode::Enter)]);
    check_sizes("transaction detail", &mut m);
    run(&mut m, [key(KeyCode::Char('4'))]);
    check_sizes("sorted by amount", &mut m);
    run(&mut m, typed("f"));
    check_sizes("filter dialog", &mut m);
    run(&mut m, [key(KeyCode::Esc), key(KeyCode::Char('e'))]);
    check_sizes("export dialog", &mut m);
    run(&mut m, [key(KeyCode::Esc), key(KeyCode::Char('?'))]);
    check_sizes("help", &mut m);
}

#[test]
fn privacy_mode_hides_every_amount_on_the_onboarding_screens() {
    check_sizes("login", &mut private(Model::new(now(), true, None)));
    check_sizes("picker", &mut private(at_picker()));
    check_sizes("form", &mut private(at_form()));
    let (m, generation) = syncing();
    let mut m = private(m);
    check_sizes("sync", &mut m);
    let ask = |challenge| {
        Msg::Api(ApiEvent::ChallengeReceived {
            connection: ConnectionId::oxlin("c1"),
            channel: "13400".into(),
            generation,
            challenge,
        })
    };
    run(&mut m, [ask(sms_code_challenge(None))]);
    check_sizes("challenge", &mut m);
    run(&mut m, [Msg::Tick(now() + Duration::seconds(5))]);
    let (m, generation) = syncing();
    let mut m = private(m);
    run(
        &mut m,
        [Msg::Api(ApiEvent::ConsentRequested {
            connection: ConnectionId::oxlin("c1"),
            channel: "13400".into(),
            generation,
            accounts: consent_accounts(),
        })],
    );
    assert!(matches!(m.screen, Screen::Consent(_)));
    check_sizes("consent", &mut m);
    let mut redirect = private(at_picker());
    run(&mut redirect, typed("test"));
    let request = last_id(&run(
        &mut redirect,
        [key(KeyCode::Enter), key(KeyCode::Enter)],
    ));
    run(
        &mut redirect,
        [Msg::Api(ApiEvent::AuthorizeUrlReady {
            request,
            result: Ok("http://127.0.0.1/authorize?state=abc".into()),
        })],
    );
    check_sizes("redirect", &mut redirect);
}

/// The bars of a sparkline: the shape of a balance over time.
const BARS: &[char] = &['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

#[test]
fn privacy_mode_hides_the_shape_of_the_balances_in_the_sparklines() {
    let mut m = dashboard(data());
    assert!(render(&mut m, 80, 24).contains(BARS), "bars when shown");
    run(&mut m, typed("p"));
    for (w, h) in [(80, 24), (120, 30)] {
        let screen = render(&mut m, w, h);
        assert!(!screen.contains(BARS), "no bar at {w}x{h}\n{screen}");
        assert!(screen.contains("········"), "dots in their place\n{screen}");
    }
}

#[test]
fn privacy_mode_masks_the_charts_axes_and_totals_and_keeps_their_lines() {
    let mut m = crate::charts::on_charts();
    let shown = render(&mut m, 100, 30);
    assert!(
        Regex::new(r"\d[.,]\d\d").unwrap().is_match(&shown),
        "{shown}"
    );
    run(&mut m, typed("p"));
    for (w, h) in [(100, 30), (80, 24), (60, 20), (40, 12)] {
        let screen = render(&mut m, w, h);
        assert_nothing_shows(&format!("charts at {w}x{h}"), &screen);
    }
    let screen = render(&mut m, 100, 30);
    assert!(
        screen.contains("•••,•• €"),
        "the axes say an amount is hidden\n{screen}"
    );
    assert!(
        screen
            .chars()
            .any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)),
        "the balance line stays (its scale is hidden)\n{screen}"
    );
    assert_snapshot!("privacy_charts", screen);
}

#[test]
fn privacy_mode_hides_the_amounts_of_a_failed_redirect_and_the_export_dialog_in_french() {
    let mut m = dashboard(data());
    m.lang = coffre::i18n::Lang::Fr;
    m.numbers = coffre::ui::format::NumberStyle::of(m.lang);
    run(&mut m, typed("p"));
    run(&mut m, [key(KeyCode::Tab), key(KeyCode::Char('e'))]);
    for (w, h) in [(80, 24), (50, 15)] {
        let screen = render(&mut m, w, h);
        assert!(screen.contains("● privé"), "{screen}");
        let english_title = screen.replace("● privé", "● private");
        assert_nothing_shows(&format!("French export dialog at {w}x{h}"), &english_title);
    }
}

#[test]
fn privacy_mode_snapshots_of_the_dashboard() {
    let mut m = dashboard(data());
    run(&mut m, typed("p"));
    assert_snapshot!("privacy_accounts", render(&mut m, 80, 24));
    run(&mut m, [key(KeyCode::Tab), key(KeyCode::Enter)]);
    assert_snapshot!("privacy_transactions_detail", render(&mut m, 120, 30));
}

#[test]
fn p_again_shows_the_amounts_and_says_so() {
    let mut m = dashboard(data());
    run(&mut m, typed("p"));
    let status = format!("{:?}", m.status);
    assert!(status.contains("hidden"), "{status}");
    run(&mut m, typed("p"));
    assert!(!m.numbers.is_private());
    assert!(render(&mut m, 80, 24).contains("2 441,46 €"));
}

#[test]
fn p_in_the_search_field_is_typed_not_a_toggle() {
    let mut m = dashboard(data());
    run(&mut m, [key(KeyCode::Tab), key(KeyCode::Char('/'))]);
    run(&mut m, typed("pret"));
    assert!(!m.numbers.is_private());
    assert_eq!(board(&m).tx.selection.search, "pret");
}

#[test]
fn search_by_amount_still_finds_rows_in_privacy_mode() {
    let mut m = dashboard(data());
    run(&mut m, typed("p"));
    run(&mut m, [key(KeyCode::Tab), key(KeyCode::Char('/'))]);
    run(&mut m, typed("54.20"));
    run(&mut m, [key(KeyCode::Enter)]);
    assert_eq!(
        board(&m).tx.count().unwrap_or(usize::MAX),
        1,
        "the one row of -54.20"
    );
    let screen = render(&mut m, 80, 24);
    assert!(screen.contains("CB CARREFOUR MARKET"), "{screen}");
    assert!(screen.contains("•••,•• €"), "{screen}");
}

#[test]
fn exports_are_the_same_in_privacy_mode() {
    let export = |privacy: bool| {
        let mut m = dashboard(data());
        if privacy {
            run(&mut m, typed("p"));
        }
        let cmds = run(&mut m, [key(KeyCode::Char('e')), key(KeyCode::Enter)]);
        match cmds.as_slice() {
            [Command::Export(request)] => request.clone(),
            other => panic!("expected one export, got {other:?}"),
        }
    };
    assert_eq!(export(true), export(false));
}
