//! Dashboard flows: key scripts through `update`, asserting the commands sent and the rows shown.

use coffre::app::{ApiEvent, Command, Msg, update};
use coffre::domain::{AccountId, AccountState, BookingStatus, ConnectionId, NextAction, SyncStep};
use coffre::screens::dashboard::Tab;
use crossterm::event::KeyModifiers;
use crossterm::event::{KeyCode, MouseEvent, MouseEventKind};

use super::fixtures::*;
use crate::common::*;

#[test]
fn sync_now_syncs_every_bank_then_reloads_the_store() {
    let mut m = dashboard(data());
    let cmds = run(&mut m, typed("s"));
    let ids: Vec<(ConnectionId, u64)> = cmds
        .iter()
        .map(|c| match c {
            Command::SyncNow {
                connection,
                generation,
            } => (connection.clone(), *generation),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        ids.iter().map(|(c, _)| c.clone()).collect::<Vec<_>>(),
        [ConnectionId::oxlin("c1"), ConnectionId::oxlin("c2")]
    );
    assert!(
        run(&mut m, typed("s")).is_empty(),
        "a second s while syncing sends nothing"
    );
    let done = |(connection, generation): &(ConnectionId, u64)| {
        Msg::Api(ApiEvent::SyncProgressed {
            connection: connection.clone(),
            generation: *generation,
            step: SyncStep::Done,
        })
    };
    let first = run(&mut m, [done(&ids[0])]);
    assert!(
        matches!(first.as_slice(), [Command::StopPolling { .. }]),
        "{first:?}"
    );
    let last = run(&mut m, [done(&ids[1])]);
    assert!(
        matches!(
            last.as_slice(),
            [Command::StopPolling { .. }, Command::LoadDashboard]
        ),
        "{last:?}"
    );
}

#[test]
fn enter_on_an_account_opens_its_transactions_and_esc_comes_back() {
    let mut m = dashboard(data());
    run(&mut m, [key(KeyCode::Down), key(KeyCode::Enter)]);
    let d = board(&m);
    assert_eq!(d.tab, Tab::Transactions);
    assert_eq!(
        d.tx.count().unwrap_or(usize::MAX),
        1,
        "Livret A has one transaction"
    );
    run(&mut m, [key(KeyCode::Esc)]);
    assert_eq!(
        board(&m).tx.count().unwrap_or(usize::MAX),
        11,
        "Esc clears the account filter first"
    );
    run(&mut m, [key(KeyCode::Esc)]);
    assert_eq!(board(&m).tab, Tab::Accounts);
}

#[test]
fn r_does_what_each_bank_needs() {
    let mut m = dashboard(data());
    let cmds = run(&mut m, typed("r"));
    assert!(
        matches!(&cmds[..], [Command::RenewCredentials { connection }] if *connection == ConnectionId::oxlin("c1")),
        "{cmds:?}"
    );
    run(&mut m, [key(KeyCode::Down), key(KeyCode::Down)]);
    let cmds = run(&mut m, typed("r"));
    assert!(
        matches!(&cmds[..], [Command::RenewCredentials { connection }] if *connection == ConnectionId::oxlin("c2")),
        "AUTH_FAILED first: {cmds:?}"
    );
    let mut consent = data();
    consent.connections[1].next_action = NextAction::None;
    let mut m = dashboard(consent);
    run(&mut m, [key(KeyCode::End)]);
    let cmds = run(&mut m, typed("r"));
    assert!(
        matches!(&cmds[..], [Command::GiveConsent { connection, .. }] if *connection == ConnectionId::oxlin("c2")),
        "{cmds:?}"
    );
}

#[test]
fn c_sets_up_the_other_channel_of_the_selected_bank() {
    let mut m = dashboard(data());
    let cmds = run(&mut m, typed("c"));
    assert!(
        matches!(&cmds[..], [Command::AddChannel { connection }] if *connection == ConnectionId::oxlin("c1")),
        "{cmds:?}"
    );
    run(&mut m, [key(KeyCode::Down), key(KeyCode::Down)]);
    let cmds = run(&mut m, typed("c"));
    assert!(
        matches!(&cmds[..], [Command::AddChannel { connection }] if *connection == ConnectionId::oxlin("c2")),
        "{cmds:?}"
    );
}

#[test]
fn delete_asks_first_and_archive_toggles() {
    let mut m = dashboard(data());
    assert!(run(&mut m, typed("Dn")).is_empty(), "n cancels");
    let cmds = run(&mut m, typed("Dy"));
    assert!(
        matches!(&cmds[..], [Command::DeleteConnection { connection }] if *connection == ConnectionId::oxlin("c1")),
        "{cmds:?}"
    );
    let cmds = run(&mut m, typed("x"));
    assert!(
        matches!(&cmds[..], [Command::ArchiveAccount { account, archived: true }] if *account == AccountId::oxlin("a1")),
        "{cmds:?}"
    );
    let mut archived = data();
    archived.accounts[0].account.state = AccountState::Closed;
    let mut m = dashboard(archived);
    let cmds = run(&mut m, typed("x"));
    assert!(
        matches!(
            &cmds[..],
            [Command::ArchiveAccount {
                archived: false,
                ..
            }]
        ),
        "{cmds:?}"
    );
}

#[test]
fn typing_a_search_never_quits_and_narrowing_then_widening_is_consistent() {
    let mut m = dashboard(data());
    run(&mut m, [key(KeyCode::Tab), key(KeyCode::Char('/'))]);
    let cmds = run(&mut m, typed("q?cb"));
    assert!(cmds.is_empty() && !m.should_quit && !m.help_open);
    assert_eq!(board(&m).tx.selection.search, "q?cb");
    assert_eq!(board(&m).tx.count().unwrap_or(usize::MAX), 0);
    run(&mut m, (0..4).map(|_| key(KeyCode::Backspace)));
    run(&mut m, typed("cb"));
    assert_eq!(
        board(&m).tx.count().unwrap_or(usize::MAX),
        4,
        "every CB label"
    );
    run(&mut m, typed(" s"));
    assert_eq!(
        board(&m).tx.count().unwrap_or(usize::MAX),
        1,
        "CB SNCF only"
    );
    run(&mut m, [key(KeyCode::Backspace), key(KeyCode::Backspace)]);
    assert_eq!(board(&m).tx.count().unwrap_or(usize::MAX), 4);
    let mut amount = dashboard(data());
    run(&mut amount, [key(KeyCode::Tab), key(KeyCode::Char('/'))]);
    run(&mut amount, typed("79,99"));
    assert_eq!(
        board(&amount).tx.count().unwrap_or(usize::MAX),
        1,
        "amounts match with a comma"
    );
    run(&mut amount, [key(KeyCode::Esc)]);
    assert_eq!(board(&amount).tx.count().unwrap_or(usize::MAX), 11);
}

#[test]
fn sorting_by_amount_then_reversing() {
    let mut m = dashboard(data());
    run(&mut m, [key(KeyCode::Tab), key(KeyCode::Char('4'))]);
    let top = |m: &coffre::app::Model| board(m).tx.row_at(0).map(|r| r.label.to_string());
    assert_eq!(
        top(&m).as_deref(),
        Some("VIR SALAIRE ACME SAS"),
        "largest first: the salary"
    );
    run(&mut m, [key(KeyCode::Char('4'))]);
    assert_eq!(
        top(&m).as_deref(),
        Some("CB SNCF INTERNET"),
        "then smallest first: SNCF -112"
    );
    run(&mut m, [key(KeyCode::Char('o'))]);
    assert_eq!(
        board(&m).tx.sort.column,
        coffre::screens::dashboard::query::SortColumn::Status
    );
}

#[test]
fn filter_dialog_applies_pending_only_and_refuses_bad_dates() {
    let mut m = dashboard(data());
    run(&mut m, [key(KeyCode::Tab), key(KeyCode::Char('f'))]);
    run(
        &mut m,
        [
            key(KeyCode::Tab),
            key(KeyCode::Tab),
            key(KeyCode::Tab),
            key(KeyCode::Right),
        ],
    );
    run(&mut m, [key(KeyCode::Enter)]);
    let d = board(&m);
    assert_eq!(d.tx.selection.status, Some(BookingStatus::Pending));
    assert_eq!(d.tx.count().unwrap_or(usize::MAX), 1);
    run(&mut m, [key(KeyCode::Char('f')), key(KeyCode::Tab)]);
    run(&mut m, typed("31/02/2024"));
    run(&mut m, [key(KeyCode::Enter)]);
    assert!(board(&m).is_typing(), "a bad date keeps the dialog open");
    run(&mut m, [key(KeyCode::Esc)]);
    assert_eq!(
        board(&m).tx.selection.from,
        None,
        "Esc cancels without applying"
    );
}

#[test]
fn arrows_pages_ends_and_mouse_wheel_move_the_selection() {
    let mut m = dashboard(many(1000));
    run(&mut m, [key(KeyCode::Tab)]);
    render(&mut m, 80, 24);
    run(&mut m, [key(KeyCode::Char('j')), key(KeyCode::Down)]);
    assert_eq!(board(&m).tx.selected, 2);
    run(&mut m, [key(KeyCode::PageDown)]);
    let page = board(&m).tx.page;
    assert!(page > 10, "a page is the visible rows: {page}");
    assert_eq!(board(&m).tx.selected, 2 + page);
    run(&mut m, [key(KeyCode::Char('G'))]);
    assert_eq!(board(&m).tx.selected, 999);
    let wheel = |kind| {
        Msg::Mouse(MouseEvent {
            kind,
            column: 5,
            row: 5,
            modifiers: KeyModifiers::NONE,
        })
    };
    run(&mut m, [wheel(MouseEventKind::ScrollUp)]);
    assert_eq!(board(&m).tx.selected, 996);
    run(
        &mut m,
        [key(KeyCode::Home), wheel(MouseEventKind::ScrollDown)],
    );
    assert_eq!(board(&m).tx.selected, 3);
    run(
        &mut m,
        [
            key(KeyCode::Char('k')),
            key(KeyCode::PageUp),
            key(KeyCode::PageUp),
        ],
    );
    assert_eq!(board(&m).tx.selected, 0);
}

#[test]
fn a_reload_keeps_the_view_and_offline_comes_and_goes() {
    let mut m = dashboard(data());
    run(&mut m, [key(KeyCode::Tab), key(KeyCode::Char('4'))]);
    let reloaded = loaded(many(40));
    run(&mut m, [Msg::Api(ApiEvent::DashboardLoaded(Ok(reloaded)))]);
    let d = board(&m);
    assert_eq!(d.tab, Tab::Transactions);
    assert_eq!(d.tx.count().unwrap_or(usize::MAX), 40);
    update(&mut m, Msg::Api(ApiEvent::Connectivity { online: false }));
    assert!(board(&m).offline);
    update(&mut m, Msg::Api(ApiEvent::Connectivity { online: true }));
    assert!(!board(&m).offline);
}
