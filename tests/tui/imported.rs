//! Issue 13: while a sync writes a bank to the store, the person sees how many transactions were
//! fetched and stored so far, on the sync screen and on the bank's line of the dashboard; the
//! count goes once the sync is over.

use coffre::app::{ApiEvent, Model, Msg};
use coffre::domain::{ConnectionId, SyncStep};
use crossterm::event::KeyCode;
use insta::assert_snapshot;

use crate::common::*;
use crate::dashboard::fixtures::{dashboard, data};

fn imported(connection: &str, imported: usize) -> Msg {
    Msg::Api(ApiEvent::TransactionsImported {
        connection: ConnectionId::oxlin(connection),
        imported,
    })
}

fn step(connection: &str, generation: u64, step: SyncStep) -> Msg {
    Msg::Api(ApiEvent::SyncProgressed {
        connection: ConnectionId::oxlin(connection),
        generation,
        step,
    })
}

#[test]
fn the_sync_screen_counts_the_transactions_imported_so_far() {
    let (mut m, generation) = syncing();
    run(&mut m, [step("c1", generation, SyncStep::Syncing)]);
    run(&mut m, [imported("c1", 4_000), imported("c1", 12_345)]);
    let screen = render(&mut m, 80, 24);
    assert!(screen.contains("12 345 transactions imported"), "{screen}");
    assert_snapshot!("syncing_with_imported_count", screen);
    assert_snapshot!("syncing_with_imported_count_50x15", render(&mut m, 50, 15));
}

#[test]
fn one_transaction_is_said_in_the_singular() {
    let (mut m, generation) = syncing();
    run(&mut m, [step("c1", generation, SyncStep::Syncing)]);
    run(&mut m, [imported("c1", 1)]);
    let screen = render(&mut m, 80, 24);
    assert!(screen.contains("1 transaction imported "), "{screen}");
}

#[test]
fn the_dashboard_shows_the_count_beside_the_syncing_bank_only() {
    let mut m = dashboard(data());
    run(&mut m, typed("s"));
    run(&mut m, [imported("c1", 120_000)]);
    let screen = render(&mut m, 80, 24);
    assert!(
        screen.contains("⠋ 120 000 imported…  ⚠ credentials expire in 5 days: renew (r)"),
        "{screen}"
    );
    assert_eq!(screen.matches("imported").count(), 1, "{screen}");
    assert_snapshot!("accounts_syncing_with_imported_count", screen);
    assert_snapshot!(
        "accounts_syncing_with_imported_count_50x15",
        render(&mut m, 50, 15)
    );
}

#[test]
fn the_count_is_gone_once_the_bank_is_synced() {
    let mut m = dashboard(data());
    run(&mut m, typed("s"));
    run(&mut m, [imported("c1", 10_000)]);
    let generation = m.sync.rows[0].generation;
    run(&mut m, [step("c1", generation, SyncStep::Done)]);
    let screen = render(&mut m, 80, 24);
    assert!(!screen.contains("imported"), "{screen}");
}

#[test]
fn a_count_for_a_bank_not_syncing_is_not_shown() {
    let mut m: Model = dashboard(data());
    run(&mut m, [imported("c1", 10_000)]);
    run(&mut m, [key(KeyCode::Char('x'))]);
    let screen = render(&mut m, 80, 24);
    assert!(!screen.contains("imported"), "{screen}");
}
