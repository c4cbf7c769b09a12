//! German (finX) banks on the dashboard: the TUI's API session is Oxlin's, so they are
//! refreshed by `coffre sync`. The dashboard shows them from the store like any bank; `s`
//! syncs the French ones only, and on a German bank alone it says where its refresh comes from
//! instead of asking Oxlin about a bank it does not know ("the server no longer knows this
//! bank").

use coffre::app::Command;
use coffre::domain::{AccountId, ConnectionId};

use crate::common::*;
use crate::dashboard::fixtures::{dashboard, data};

/// The fixtures' two banks, the second (HSBC) a finX link with its accounts.
pub(crate) fn one_french_one_german() -> crate::dashboard::fixtures::Board {
    let mut data = data();
    let german = ConnectionId::finx("X1.1");
    data.connections[1].connection.id = german.clone();
    for a in &mut data.accounts {
        if a.account.connection_id == Some(ConnectionId::oxlin("c2")) {
            a.account.connection_id = Some(german.clone());
            a.account.id = AccountId::finx(a.account.id.raw());
        }
    }
    data
}

fn synced(cmds: &[Command]) -> Vec<ConnectionId> {
    cmds.iter()
        .filter_map(|c| match c {
            Command::SyncNow { connection, .. } => Some(connection.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn s_syncs_the_french_banks_and_leaves_the_german_ones_to_coffre_sync() {
    let mut m = dashboard(one_french_one_german());
    let cmds = run(&mut m, typed("s"));
    assert_eq!(synced(&cmds), vec![ConnectionId::oxlin("c1")]);
}

#[test]
fn s_with_only_german_banks_says_coffre_sync_refreshes_them() {
    let mut data = one_french_one_german();
    data.connections.remove(0);
    data.accounts
        .retain(|a| a.account.connection_id != Some(ConnectionId::oxlin("c1")));
    let mut m = dashboard(data);
    let cmds = run(&mut m, typed("s"));
    assert!(synced(&cmds).is_empty(), "{cmds:?}");
    let screen = render(&mut m, 100, 30);
    assert!(
        screen.contains("refreshed by `coffre sync`"),
        "the status line says where German banks are refreshed:\n{screen}"
    );
    assert!(!screen.contains("syncing already"), "{screen}");
}
