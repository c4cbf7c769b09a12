//! Issue 10, reproduction 3, headless: `coffre sync` stores every connection `GET /connections`
//! lists, with its status, even one that never synced and has no account (the bank refused
//! its password from the start), so the dashboard shows it with what to do.

use crate::support::sync_bank as support;

use coffre::domain::NextAction;
use support::{bank_with_user, stored, sync};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_refused_before_its_first_sync_is_stored_with_what_to_do() {
    let bank = bank_with_user("refused-first@example.com", &["default", "sanity"]).await;
    let refused = {
        let mut world = bank.sandbox.state.world();
        let last = world
            .bank
            .connections
            .values_mut()
            .filter(|c| c.user_id == bank.user_id)
            .last()
            .unwrap();
        last.channels[0].status = "AUTH_FAILED".into();
        last.id.clone()
    };
    let (code, output) = sync(&bank).await;
    assert_eq!(code, 2, "{output}");
    let connections = stored(&bank).connections().unwrap();
    assert_eq!(
        connections.len(),
        2,
        "both banks are stored: {connections:?}"
    );
    let shown = connections
        .iter()
        .find(|c| c.id().raw() == refused)
        .expect("the refused bank is stored");
    assert_eq!(shown.next_action, NextAction::UpdateCredentials);
    let accounts = stored(&bank).accounts().unwrap();
    assert!(
        accounts
            .iter()
            .all(|a| a.connection_id().map(|c| c.raw()) != Some(refused.as_str())),
        "nothing of the refused bank was fetched"
    );
}
