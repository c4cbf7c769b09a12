//! The REDIRECT flow through the client against the in-process sandbox: `authorize_url`, the
//! user approving (or denying) on the bank's page, the browser sent back to our `redirect_uri`
//! (read, never connected to), then the queue, consent and accounts through the client; and a
//! renewal that moves the channel's `expires` forward.

use crate::support::oxlin_sandbox as support;

use coffre::domain::NextAction;
use coffre::oxlin::client::Client;
use coffre::oxlin::endpoints::AccountFilter;
use coffre::oxlin::to_domain;
use coffre::oxlin::wire::{AccountStatus, AccountType, ConsentDecision};
use support::{bank_url, decide, sandbox_and_user, wait_for, wait_for_type};

const DAY: i64 = 24 * 3600;

/// The `expires` of the connection's REDIRECT channel.
async fn redirect_expiry(client: &Client, connection_id: &str) -> i64 {
    let connection = client.connection(connection_id).await.unwrap();
    let channel = connection
        .channels
        .iter()
        .find(|c| c.channel_definition_id == "8701")
        .unwrap();
    channel.expires.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approving_at_the_bank_gives_checkings_and_cards_after_consent() {
    let (sandbox, client) = sandbox_and_user("paul@example.com").await;
    let url = bank_url(&client, None).await;
    assert!(url.contains("create=true"), "{url}");

    let back = decide(&sandbox, &url, true).await;
    assert_eq!(back["status"], "success");
    let connection_id = &back["connection_id"];
    let queue = &back["queue_id"];
    let listed = wait_for(&client, queue, |e| {
        ["LIST_ACCOUNTS_SUCCESS", "LIST_ACCOUNTS_FAILED"].contains(&e.event_type.as_str())
    })
    .await;
    assert_eq!(listed.event_type.as_str(), "LIST_ACCOUNTS_SUCCESS");

    let filter = AccountFilter {
        connection_id: Some(connection_id.clone()),
        ..AccountFilter::default()
    };
    let pending: Vec<ConsentDecision> = client
        .accounts(&filter)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.status == Some(AccountStatus::PendingConsent))
        .map(|a| ConsentDecision {
            account_id: a.id,
            consent: true,
        })
        .collect();
    assert!(!pending.is_empty());
    client.consents(connection_id, &pending).await.unwrap();
    wait_for(&client, queue, |e| {
        e.event_type.as_str().starts_with("SYNC_ALL_SUCCESS")
    })
    .await;

    let accounts = client.accounts(&filter).await.unwrap();
    assert_eq!(accounts.len(), pending.len());
    for account in &accounts {
        assert!(
            matches!(
                account.kind,
                Some(AccountType::Checkings | AccountType::CreditCard)
            ),
            "{account:?}"
        );
        assert_eq!(account.status, Some(AccountStatus::Active));
        assert_eq!(client.account(&account.id).await.unwrap().id, account.id);
    }
    let now = chrono::Utc::now().timestamp();
    let expires = redirect_expiry(&client, connection_id).await;
    assert!((expires - now - 90 * DAY).abs() < 60, "{expires}");
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn denying_at_the_bank_creates_no_connection() {
    let (sandbox, client) = sandbox_and_user("rita@example.com").await;
    let back = decide(&sandbox, &bank_url(&client, None).await, false).await;
    assert_eq!(back["status"], "error");
    assert_eq!(back["error"], "access_denied");
    assert!(!back.contains_key("connection_id"));
    assert!(client.connections().await.unwrap().is_empty());
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn renewing_an_authorisation_about_to_expire_moves_expires_forward() {
    let (sandbox, client) = sandbox_and_user("sam@example.com").await;
    let back = decide(&sandbox, &bank_url(&client, None).await, true).await;
    let connection_id = back["connection_id"].clone();
    wait_for_type(&client, &back["queue_id"], "LIST_ACCOUNTS_SUCCESS").await;

    // Eighty-five days later (as the bank sees it): five days of authorisation left.
    let soon = chrono::Utc::now().timestamp() + 5 * DAY;
    {
        let mut world = sandbox.state.world();
        let connection = world.bank.connections.get_mut(&connection_id).unwrap();
        for channel in &mut connection.channels {
            channel.expires = Some(soon);
        }
    }
    let before = to_domain::connection(&client.connection(&connection_id).await.unwrap());
    assert!(matches!(
        before.next_action(chrono::Utc::now(), 0),
        NextAction::RenewBefore(_)
    ));

    let url = bank_url(&client, Some(&connection_id)).await;
    assert!(url.contains("create=false"), "{url}");
    let again = decide(&sandbox, &url, true).await;
    assert_eq!(again["status"], "success");
    assert_eq!(again["connection_id"], connection_id);
    wait_for_type(&client, &again["queue_id"], "LIST_ACCOUNTS_SUCCESS").await;

    let expires = redirect_expiry(&client, &connection_id).await;
    assert!(expires > soon + 80 * DAY, "{expires} vs {soon}");
    let after = to_domain::connection(&client.connection(&connection_id).await.unwrap());
    assert!(!matches!(
        after.next_action(chrono::Utc::now(), 0),
        NextAction::RenewBefore(_)
    ));
    assert_eq!(client.connections().await.unwrap().len(), 1);
    sandbox.stop().await;
}
