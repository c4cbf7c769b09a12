//! Small comforts (issue 15): `y` copies the selected IBAN or label (OSC 52, through a
//! `Command`) and says what it copied (not the IBAN in privacy mode); clicks select tabs, rows,
//! banks and consent boxes; the bank picker says why a greyed bank cannot be chosen; the help
//! lists `p` and `y`.

use coffre::app::widget::BrowserCommand;
use coffre::app::{Command, Model, Msg, Screen};
use coffre::domain::Provider;
use coffre::ui::widgets::status_line::Status;
use crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use insta::assert_snapshot;

use crate::common::*;
use crate::dashboard::fixtures::{board, dashboard, data};

/// What the commands put on the clipboard.
fn copied(cmds: &[Command]) -> Option<&str> {
    cmds.iter().find_map(|c| match c {
        Command::Browser(BrowserCommand::Copy { text }) => Some(text.as_str()),
        _ => None,
    })
}

fn status(m: &Model) -> String {
    match &m.status {
        Some(Status::Info(t) | Status::Error(t)) => t.clone(),
        None => String::new(),
    }
}

/// A left click at the first place `needle` shows on the 80x24 screen (drawn first, as the
/// terminal would have).
fn click_on(m: &mut Model, needle: &str) -> Vec<Command> {
    let screen = render(m, 80, 24);
    let (row, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} is not on screen:\n{screen}"));
    // The backend's lines are quoted: one column for the quote.
    let column = line[..line.find(needle).unwrap()].chars().count() - 1;
    run(
        m,
        [Msg::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: column as u16,
            row: row as u16,
            modifiers: KeyModifiers::NONE,
        })],
    )
}

#[test]
fn y_on_an_account_copies_its_iban_and_says_so() {
    let mut m = dashboard(data());
    let cmds = run(&mut m, typed("y"));
    assert_eq!(copied(&cmds), Some("FR76 3000 4000 0a100 1234 5678 92"));
    assert_eq!(
        status(&m),
        "Copied the IBAN of Compte chèques: FR76 3000 4000 0a100 1234 5678 92"
    );
}

#[test]
fn y_in_privacy_mode_copies_the_iban_without_showing_it() {
    let mut m = dashboard(data());
    run(&mut m, typed("p"));
    let cmds = run(&mut m, typed("y"));
    assert_eq!(copied(&cmds), Some("FR76 3000 4000 0a100 1234 5678 92"));
    let said = status(&m);
    assert!(said.contains("Copied the IBAN of Compte chèques"), "{said}");
    assert!(!said.contains("FR76") && !said.contains("5678"), "{said}");
    assert!(!render(&mut m, 80, 24).contains("5678"));
}

#[test]
fn y_on_an_account_without_iban_copies_nothing_and_says_why() {
    let mut m = dashboard(data());
    let cmds = run(&mut m, [key(KeyCode::Down), key(KeyCode::Char('y'))]);
    assert_eq!(copied(&cmds), None);
    assert_eq!(status(&m), "Livret A has no IBAN to copy.");
}

#[test]
fn y_on_a_transaction_copies_its_label() {
    let mut m = dashboard(data());
    let cmds = run(
        &mut m,
        [
            key(KeyCode::Tab),
            key(KeyCode::Down),
            key(KeyCode::Char('y')),
        ],
    );
    assert_eq!(copied(&cmds), Some("CB CARREFOUR MARKET"));
    assert_eq!(status(&m), "Copied the label: CB CARREFOUR MARKET");
}

#[test]
fn y_in_the_search_field_is_typed() {
    let mut m = dashboard(data());
    let cmds = run(&mut m, [key(KeyCode::Tab), key(KeyCode::Char('/'))]);
    assert!(copied(&cmds).is_none());
    let cmds = run(&mut m, typed("y"));
    assert!(copied(&cmds).is_none());
    assert_eq!(board(&m).tx.selection.search, "y");
}

#[test]
fn a_click_on_a_tab_opens_it() {
    let mut m = dashboard(data());
    click_on(&mut m, "Transactions");
    assert_eq!(board(&m).tab, coffre::screens::dashboard::Tab::Transactions);
    click_on(&mut m, "Accounts");
    assert_eq!(board(&m).tab, coffre::screens::dashboard::Tab::Accounts);
}

#[test]
fn a_click_on_an_account_selects_it() {
    let mut m = dashboard(data());
    click_on(&mut m, "Prêt immo");
    let cmds = run(&mut m, typed("y"));
    assert_eq!(copied(&cmds), Some("FR76 3000 4000 0a400 1234 5678 92"));
    run(&mut m, [key(KeyCode::Enter)]);
    assert!(render(&mut m, 80, 24).contains("Prêt immo  1 of 11"));
}

#[test]
fn a_click_on_a_transaction_selects_it() {
    let mut m = dashboard(data());
    run(&mut m, [key(KeyCode::Tab)]);
    click_on(&mut m, "STARBUCKS NEW YORK");
    let cmds = run(&mut m, typed("y"));
    assert_eq!(copied(&cmds), Some("STARBUCKS NEW YORK"));
}

#[test]
fn clicks_do_nothing_under_the_export_dialog() {
    let mut m = dashboard(data());
    run(&mut m, typed("e"));
    click_on(&mut m, "Transactions");
    assert_eq!(board(&m).tab, coffre::screens::dashboard::Tab::Accounts);
    assert!(board(&m).export.is_some());
}

#[test]
fn the_help_lists_privacy_and_copy() {
    let mut m = dashboard(data());
    run(&mut m, typed("?"));
    let screen = render(&mut m, 80, 30);
    assert!(screen.contains("p  privacy (hide amounts)"), "{screen}");
    assert!(screen.contains("y  copy IBAN"), "{screen}");
    run(
        &mut m,
        [
            key(KeyCode::Esc),
            key(KeyCode::Tab),
            key(KeyCode::Char('?')),
        ],
    );
    assert!(render(&mut m, 80, 30).contains("y  copy label"));
}

/// The picker with a bank that offers no channel coffre can use, after the usual catalogue.
fn picker_with_a_bank_without_channel() -> Model {
    let mut m = at_picker();
    let mut banks = providers();
    banks.push(Provider {
        id: "77".into(),
        name: "Banque Sans Canal".into(),
        country: "FRA".into(),
        channels: Vec::new(),
        unavailable: false,
    });
    if let Screen::ProviderPicker(p) = &mut m.screen {
        p.set_providers(banks);
    }
    m
}

#[test]
fn the_picker_says_why_a_greyed_bank_cannot_be_chosen() {
    let mut m = picker_with_a_bank_without_channel();
    let first = render(&mut m, 80, 24);
    assert!(!first.contains("Greyed"), "HSBC is not greyed:\n{first}");
    run(&mut m, [key(KeyCode::Down), key(KeyCode::Down)]);
    let screen = render(&mut m, 80, 24);
    assert!(
        screen.contains("Greyed: unavailable at the aggregator for now; try again later."),
        "{screen}"
    );
    assert_snapshot!("picker_greyed_bank_explained", screen);
    run(&mut m, [key(KeyCode::Down), key(KeyCode::Down)]);
    let screen = render(&mut m, 80, 24);
    assert!(
        screen.contains("Greyed: no channel coffre can use"),
        "{screen}"
    );
    assert!(screen.contains("no usable channel"), "{screen}");
    assert_snapshot!("picker_no_channel_explained_40x15", render(&mut m, 40, 15));
    let cmds = run(&mut m, [key(KeyCode::Enter)]);
    assert!(cmds.is_empty(), "{cmds:?}");
    assert!(render(&mut m, 80, 24).contains("offers no channel coffre can use"));
}

#[test]
fn a_click_on_a_bank_puts_the_cursor_on_it() {
    let mut m = at_picker();
    click_on(&mut m, "Linxo Test Bank");
    let name = match &m.screen {
        Screen::ProviderPicker(p) => p.selected().map(|p| p.name.clone()),
        _ => None,
    };
    assert_eq!(name.as_deref(), Some("Linxo Test Bank"));
}

#[test]
fn a_click_on_a_consent_box_ticks_or_unticks_that_account() {
    let (mut m, generation) = syncing();
    run(
        &mut m,
        [Msg::Api(coffre::app::ApiEvent::ConsentRequested {
            connection: coffre::domain::ConnectionId::oxlin("c1"),
            channel: "13400".into(),
            generation,
            accounts: consent_accounts(),
        })],
    );
    click_on(&mut m, "[x] SAVINGS");
    assert!(render(&mut m, 80, 24).contains("[ ] SAVINGS"));
    click_on(&mut m, "Compte courant");
    assert!(
        render(&mut m, 80, 24).contains("[x] CHECKINGS"),
        "a click on the name selects without ticking"
    );
    let cmds = run(&mut m, [key(KeyCode::Char(' ')), key(KeyCode::Enter)]);
    let refused = cmds.iter().find_map(|c| match c {
        Command::SendConsents { refused, .. } => Some(refused.clone()),
        _ => None,
    });
    assert_eq!(
        refused,
        Some(vec![
            coffre::domain::AccountId::oxlin("a1"),
            coffre::domain::AccountId::oxlin("a2")
        ]),
        "{cmds:?}"
    );
}
