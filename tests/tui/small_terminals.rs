//! Small terminals (issue 15): the net worth and the totals are never cut mid-number (the label
//! shortens, then currencies give way to `…`); account names survive at 40 columns; the
//! challenge dialog at 50x15 keeps the bank's text, the code field, the countdown and OK/Cancel
//! without overlap, and at 20x8 says the window is too small rather than hiding the buttons.
//! Snapshots at 40x15, 50x15 and 20x8.

use coffre::app::{ApiEvent, Model, Msg};
use coffre::domain::{ConnectionId, CredentialField, InputKind};
use crossterm::event::KeyCode;
use insta::assert_snapshot;

use crate::common::*;
use crate::dashboard::fixtures::{dashboard, data};

fn snap_small(name: &str, m: &mut Model) {
    assert_snapshot!(format!("{name}_40x15"), render(m, 40, 15));
    assert_snapshot!(format!("{name}_50x15"), render(m, 50, 15));
    assert_snapshot!(format!("{name}_20x8"), render(m, 20, 8));
}

#[test]
fn the_net_worth_is_never_cut_mid_number() {
    let mut m = dashboard(data());
    let whole = ["-70 558,54 €", "830,10 $"];
    for width in 12..=80 {
        let screen = render(&mut m, width, 15);
        let footer = screen.lines().rev().nth(2).unwrap_or("");
        let text = footer
            .trim_matches('"')
            .trim()
            .trim_start_matches("Net worth")
            .trim_start_matches("Net")
            .trim();
        for part in text.split(" · ") {
            assert!(
                part == "…" || whole.contains(&part),
                "at {width} columns the net worth reads {footer:?}"
            );
        }
    }
    let wide = render(&mut m, 80, 15);
    assert!(
        wide.contains(" Net worth -70 558,54 € · 830,10 $"),
        "{wide}"
    );
}

#[test]
fn no_balance_or_total_is_cut_mid_number_at_any_width() {
    let whole = [
        "2 441,46 €",
        "12 000,00 €",
        "830,10 $",
        "-85 000,00 €",
        "14 441,46 €",
        "-70 558,54 €",
    ];
    let amount = regex::Regex::new(r"-?[0-9]+(?: [0-9]{3})*,[0-9]{2} [€$]").unwrap();
    let mut m = dashboard(data());
    for width in 12..=80 {
        let screen = render(&mut m, width, 15);
        for shown in amount.find_iter(&screen) {
            let shown = shown.as_str().trim_start();
            assert!(
                whole.contains(&shown),
                "at {width} columns {shown:?} is cut:\n{screen}"
            );
        }
    }
}

#[test]
fn account_names_survive_at_40_columns() {
    let mut m = dashboard(data());
    let screen = render(&mut m, 40, 15);
    for name in ["Compte chèques", "Livret A", "HSBC Dollar", "Prêt immo"] {
        assert!(screen.contains(name), "{name} is cut:\n{screen}");
    }
    for balance in ["2 441,46 €", "12 000,00 €", "830,10 $", "-85 000,00 €"] {
        assert!(screen.contains(balance), "{balance} is cut:\n{screen}");
    }
}

#[test]
fn dashboard_at_small_sizes() {
    let mut m = dashboard(data());
    snap_small("small_accounts", &mut m);
    run(&mut m, [key(KeyCode::Tab)]);
    snap_small("small_transactions", &mut m);
}

fn field(id: &str, label: &str, kind: InputKind, params: &[(&str, &str)]) -> CredentialField {
    CredentialField {
        id: id.into(),
        label: label.into(),
        regexp: ".*".into(),
        kind,
        encrypt: false,
        params: params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

/// A bank that explains itself at length, with a countdown, a code to type and OK/Cancel.
fn talkative_challenge() -> Vec<CredentialField> {
    vec![
        field(
            "303",
            "Pour sécuriser votre connexion, un code vous a été envoyé par SMS au {phone}. \
             Il est valable deux minutes.",
            InputKind::Info,
            &[("phone", "06******06")],
        ),
        field(
            "305",
            "Saisissez-le dans les {timeout} secondes.",
            InputKind::Timeout,
            &[("timeout", "120")],
        ),
        field("304", "Code SMS", InputKind::Numeric, &[]),
        field("306", "Valider l'opération", InputKind::OkCancel, &[]),
    ]
}

fn at_challenge(challenge: Vec<CredentialField>) -> Model {
    let (mut m, generation) = syncing();
    run(
        &mut m,
        [Msg::Api(ApiEvent::ChallengeReceived {
            connection: ConnectionId::oxlin("c1"),
            channel: "13400".into(),
            generation,
            challenge,
        })],
    );
    run(&mut m, typed("123"));
    m
}

#[test]
fn the_challenge_at_50x15_keeps_text_code_countdown_and_buttons() {
    let mut m = at_challenge(talkative_challenge());
    let screen = render(&mut m, 50, 15);
    let rows: Vec<&str> = screen.lines().collect();
    let row = |needle: &str| {
        rows.iter()
            .position(|r| r.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} is missing:\n{screen}"))
    };
    let order = [
        row("Pour sécuriser"),
        row("deux minutes."),
        row("⏱ 2:00 left"),
        row("Code SMS"),
        row("[ OK ]  [ Cancel ]"),
    ];
    assert!(
        order.is_sorted(),
        "overlap or disorder {order:?}:\n{screen}"
    );
    snap_small("small_challenge", &mut m);
}

#[test]
fn the_challenge_at_20x8_says_the_window_is_too_small() {
    for challenge in [
        talkative_challenge(),
        sms_code_challenge(None),
        send_sms_question(),
    ] {
        let mut m = at_challenge(challenge);
        let screen = render(&mut m, 20, 8);
        assert!(screen.contains("too small"), "{screen}");
    }
}

/// The fixtures with a long account name holding escape sequences and a large balance.
fn long_name_large_balance() -> crate::dashboard::fixtures::Board {
    let mut board = data();
    let first = &mut board.data.accounts[0].account;
    first.name = "\u{1b}[2J\u{1b}[31mCompte courant joint\u{7} de M. et Mme Dupont-Martin".into();
    first.balance = Some(coffre::domain::Money::new(
        "-1234567890.12".parse().unwrap(),
        "EUR",
    ));
    board
}

#[test]
fn a_long_name_never_touches_a_large_balance_at_any_width() {
    let amount = regex::Regex::new(r"-?[0-9]{1,3}(?: [0-9]{3})*,[0-9]{2} [€$]").unwrap();
    let mut m = dashboard(long_name_large_balance());
    for width in 12..=100 {
        let screen = render(&mut m, width, 15);
        assert!(
            !screen.contains('\u{1b}') && !screen.contains("[2J"),
            "{screen}"
        );
        // The account lines: the first balance on the line has a blank before it.
        for line in screen
            .lines()
            .skip(3)
            .filter(|l| l.starts_with("\"  ") || !l.starts_with("\" "))
        {
            if let Some(found) = amount.find(line) {
                let before = line[..found.start()].chars().last();
                assert!(
                    matches!(before, Some(' ' | '"')),
                    "at {width} columns a name touches its balance: {line}\n{screen}"
                );
            }
        }
    }
    for width in [20, 24, 40] {
        let screen = render(&mut m, width, 10);
        assert!(
            screen.contains('…'),
            "the long name is cut with …:\n{screen}"
        );
        assert_snapshot!(format!("long_name_large_balance_{width}"), screen);
    }
}
