//! Every dashboard state as an insta snapshot at 80x24 (the layout-sensitive ones also at 50x15
//! and 20 columns, which must not panic). States are reached through `update` from a fixed clock.

use coffre::app::{ApiEvent, Model, Msg, Screen};
use coffre::domain::{ChannelHealth, SyncStep};
use coffre::screens::dashboard::Dashboard;
use coffre::store::read_model::DashboardData;
use crossterm::event::KeyCode;
use insta::assert_snapshot;

use super::fixtures::*;
use crate::common::*;

fn snap(name: &str, model: &mut Model) {
    assert_snapshot!(name, render(model, 80, 24));
}

fn snap_sizes(name: &str, model: &mut Model) {
    assert_snapshot!(name, render(model, 80, 24));
    assert_snapshot!(format!("{name}_50x15"), render(model, 50, 15));
    assert_snapshot!(format!("{name}_20x10"), render(model, 20, 10));
}

fn on_transactions(data: Board) -> Model {
    let mut m = dashboard(data);
    run(&mut m, [key(KeyCode::Tab)]);
    m
}

#[test]
fn loading_empty_and_unreadable_store() {
    let mut m = Model::new(now(), false, None);
    m.screen = Screen::Dashboard(Box::new(Dashboard::loading()));
    snap("dashboard_loading", &mut m);
    run(
        &mut m,
        [Msg::Api(ApiEvent::DashboardLoaded(Err(
            "database is locked\x1b[31m".into(),
        )))],
    );
    snap("dashboard_store_error", &mut m);
    snap_sizes(
        "dashboard_empty_store",
        &mut dashboard(DashboardData::default()),
    );
}

#[test]
fn accounts_view_states() {
    let mut m = dashboard(data());
    snap_sizes("accounts_grouped_by_bank", &mut m);
    run(&mut m, [Msg::Api(ApiEvent::Connectivity { online: false })]);
    snap("accounts_offline", &mut m);
    run(&mut m, [Msg::Api(ApiEvent::Connectivity { online: true })]);
    let cmds = run(&mut m, typed("s"));
    assert_eq!(cmds.len(), 2, "{cmds:?}");
    snap("accounts_syncing", &mut m);
    let generation = m.sync.rows[1].generation;
    run(
        &mut m,
        [Msg::Api(ApiEvent::SyncProgressed {
            connection: coffre::domain::ConnectionId::oxlin("c2"),
            generation,
            step: SyncStep::Failed(ChannelHealth::CredentialsRejected),
        })],
    );
    snap("accounts_sync_error", &mut m);
    run(&mut m, [key(KeyCode::Char('?'))]);
    snap("accounts_help", &mut m);
}

#[test]
fn transactions_view_states() {
    let mut m = on_transactions(data());
    snap_sizes("transactions_all", &mut m);
    run(&mut m, [key(KeyCode::Enter)]);
    snap_sizes("transactions_detail", &mut m);
    let mut sorted = on_transactions(data());
    run(&mut sorted, [key(KeyCode::Char('4'))]);
    snap("transactions_sorted_by_amount", &mut sorted);
}

#[test]
fn search_and_filter_states() {
    let mut m = on_transactions(data());
    run(&mut m, [key(KeyCode::Char('/'))]);
    run(&mut m, typed("cb "));
    snap("transactions_search_active", &mut m);
    let mut f = on_transactions(data());
    run(&mut f, [key(KeyCode::Char('f'))]);
    run(&mut f, [key(KeyCode::Right)]);
    run(&mut f, [key(KeyCode::Tab)]);
    run(&mut f, typed("2024-02-20"));
    snap("transactions_filter_dialog", &mut f);
    run(&mut f, [key(KeyCode::Enter)]);
    snap("transactions_filter_active", &mut f);
    let mut nothing = on_transactions(data());
    run(&mut nothing, [key(KeyCode::Char('/'))]);
    run(&mut nothing, typed("zzz"));
    snap("transactions_search_no_match", &mut nothing);
}

#[test]
fn thousands_hostile_and_long_labels() {
    let mut m = on_transactions(many(5000));
    run(&mut m, [key(KeyCode::PageDown), key(KeyCode::PageDown)]);
    snap("transactions_thousands_paged", &mut m);
    run(&mut m, [key(KeyCode::End)]);
    snap("transactions_thousands_end", &mut m);

    let mut rows = transactions();
    rows[0].label = "\x1b[2J\x1b[31mPAY ME\u{202e}gnp.exe\u{200b}\r\nrm -rf".into();
    rows[1].label = "=HYPERLINK(\"http://evil\")\x07\x08".into();
    let mut hostile = with_rows(rows);
    hostile.accounts[0].account.name = "\x1b]0;pwned\x07Compte".into();
    hostile.connections[0].connection.name = "Bank\u{2066}\u{202d}Evil".into();
    let mut m = on_transactions(hostile.clone());
    let text = render(&mut m, 80, 24);
    assert!(
        !text.contains("[2J") && !text.contains("pwned") && !text.contains('\u{202e}'),
        "{text}"
    );
    snap("transactions_hostile_labels", &mut m);
    snap("accounts_hostile_names", &mut dashboard(hostile));

    let mut rows = transactions();
    rows[0].label = "PRLV SEPA ".repeat(30);
    let mut long = with_rows(rows);
    long.accounts[0].account.name =
        "Compte courant joint de monsieur et madame Dupont-Martin".into();
    long.connections[1].connection.name = "Crédit Agricole Languedoc — Caisse régionale ".repeat(3);
    let mut m = dashboard(long.clone());
    snap_sizes("accounts_long_names", &mut m);
    let mut m = on_transactions(long);
    run(&mut m, [key(KeyCode::Char('j')), key(KeyCode::Enter)]);
    snap_sizes("transactions_long_labels_detail", &mut m);
}
