//! The client calls the EMBEDDED and REDIRECT flows do not make, each against the in-process
//! sandbox over loopback: connections through several pages, delete a connection, fix one
//! credential, add a channel, trigger a sync, archive and unarchive an account, delete a user
//! (by the client and by themselves) and open a widget session.

use crate::support::oxlin_sandbox as support;

use std::collections::BTreeSet;

use coffre::oxlin::client::Client;
use coffre::oxlin::endpoints::AccountFilter;
use coffre::oxlin::error::OxlinError;
use coffre::oxlin::secret::secret;
use coffre::oxlin::wire::{AccountStatus, AccountType, SyncType};
use coffre::sandbox::SandboxConfig;
use support::{
    admin, config_for, new_user, redirect_connection, sandbox_and_user, test_bank_form,
    test_bank_values, wait_for, wait_for_type,
};

/// Waits for the end of a LIST_ACCOUNTS: its event type.
async fn list_accounts_outcome(client: &Client, queue: &str) -> String {
    let event = wait_for(client, queue, |e| {
        ["LIST_ACCOUNTS_SUCCESS", "LIST_ACCOUNTS_FAILED"].contains(&e.event_type.as_str())
    })
    .await;
    event.event_type.as_str().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_are_read_across_pages_and_a_deleted_one_is_gone() {
    let (sandbox, client) = sandbox_and_user("nina@example.com").await;
    let definitions = test_bank_form(&client).await;
    let mut created = BTreeSet::new();
    for _ in 0..5 {
        let id = client
            .create_connection(
                "87",
                Some("13400"),
                &definitions,
                &test_bank_values("dev", "default"),
            )
            .await
            .unwrap();
        created.insert(id);
    }
    let first_page = client.connections_page(1, 2).await.unwrap();
    assert_eq!(first_page.len(), 2);
    let listed: BTreeSet<String> = client
        .connections_by_pages_of(2)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(listed, created);

    let gone = created.pop_first().unwrap();
    client.delete_connection(&gone).await.unwrap();
    assert!(matches!(
        client.connection(&gone).await,
        Err(OxlinError::NotFound(_))
    ));
    let left: BTreeSet<String> = client
        .connections()
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(left, created);
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_password_fixed_alone_lists_then_a_triggered_sync_succeeds() {
    let (sandbox, client) = sandbox_and_user("omar@example.com").await;
    let queue = client.subscribe(&["connections"]).await.unwrap();
    let definitions = test_bank_form(&client).await;
    // This bank's password is not `dev`.
    let id = client
        .create_connection(
            "87",
            Some("13400"),
            &definitions,
            &test_bank_values("dev", "wrong_password"),
        )
        .await
        .unwrap();
    assert_eq!(
        list_accounts_outcome(&client, &queue).await,
        "LIST_ACCOUNTS_FAILED"
    );

    let password = definitions.iter().find(|d| d.id == "301").unwrap();
    client
        .update_credential(&id, password, &secret("wrong-on-purpose"))
        .await
        .unwrap();
    assert_eq!(
        list_accounts_outcome(&client, &queue).await,
        "LIST_ACCOUNTS_SUCCESS"
    );
    let filter = AccountFilter {
        connection_id: Some(id.clone()),
        ..AccountFilter::default()
    };
    let decisions: Vec<_> = client
        .accounts(&filter)
        .await
        .unwrap()
        .into_iter()
        .map(|a| coffre::oxlin::wire::ConsentDecision {
            account_id: a.id,
            consent: true,
        })
        .collect();
    assert!(!decisions.is_empty());
    client.consents(&id, &decisions).await.unwrap();
    wait_for_type(&client, &queue, "SYNC_ALL_SUCCESS").await;

    client.sync(&id, SyncType::All).await.unwrap();
    wait_for_type(&client, &queue, "SYNC_ALL_SUCCESS").await;
    let connection = client.connection(&id).await.unwrap();
    assert!(
        connection
            .channels
            .iter()
            .any(|c| c.last_success_date.is_some())
    );
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_embedded_channel_added_to_a_redirect_connection_lists_its_accounts() {
    let (sandbox, client) = sandbox_and_user("pia@example.com").await;
    let (id, queue) = redirect_connection(&sandbox, &client).await;
    let definitions = test_bank_form(&client).await;
    client
        .update_channel_credentials(
            &id,
            "13400",
            &definitions,
            &test_bank_values("dev", "default"),
        )
        .await
        .unwrap();
    let listed = wait_for(&client, &queue, |e| {
        e.event_type.as_str() == "LIST_ACCOUNTS_SUCCESS"
            && e.channel_definition_id.as_deref() == Some("13400")
    })
    .await;
    assert_eq!(listed.event_type.as_str(), "LIST_ACCOUNTS_SUCCESS");
    let connection = client.connection(&id).await.unwrap();
    let embedded = connection
        .channels
        .iter()
        .find(|c| c.channel_definition_id == "13400")
        .unwrap();
    // The sandbox shows the masked identifier and file, never the password.
    assert!(
        embedded.credentials.iter().any(|c| c.id == "300"),
        "{embedded:?}"
    );
    assert_eq!(connection.channels.len(), 2);
    // A bank account reachable through both channels (the checking accounts) is one account.
    let accounts = client
        .accounts(&AccountFilter {
            connection_id: Some(id.clone()),
            ..AccountFilter::default()
        })
        .await
        .unwrap();
    let numbers: Vec<_> = accounts.iter().map(|a| a.account_number.clone()).collect();
    let distinct: BTreeSet<_> = numbers.iter().collect();
    assert_eq!(
        distinct.len(),
        numbers.len(),
        "no account twice: {numbers:?}"
    );
    assert!(
        accounts
            .iter()
            .any(|a| a.kind == Some(AccountType::Savings)),
        "the form adds the savings the website did not show"
    );
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_archived_account_is_closed_until_unarchived() {
    let (sandbox, client) = sandbox_and_user("quentin@example.com").await;
    let me = client.me().await.unwrap();
    coffre::sandbox::testbank::seed(&sandbox.state, &me.id, "default", &["transactions_read"])
        .unwrap();
    let accounts = client.accounts(&AccountFilter::default()).await.unwrap();
    let account = accounts.first().unwrap();

    client.set_archived(&account.id, true).await.unwrap();
    let archived = client.account(&account.id).await.unwrap();
    assert_eq!(archived.status, Some(AccountStatus::Closed));
    let closed = AccountFilter {
        status: Some(AccountStatus::Closed),
        ..AccountFilter::default()
    };
    let closed: Vec<String> = client
        .accounts(&closed)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(closed, vec![account.id.clone()]);

    client.set_archived(&account.id, false).await.unwrap();
    let back = client.account(&account.id).await.unwrap();
    assert_eq!(back.status, Some(AccountStatus::Active));
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_deleted_by_the_client_or_by_themselves_can_no_longer_sign_in() {
    let config = SandboxConfig::default();
    let sandbox = coffre::sandbox::start(config.clone()).await.unwrap();
    let oxlin = config_for(&sandbox, &config);

    let removed = new_user(oxlin.clone(), "rose@example.com").await;
    let id = removed.me().await.unwrap().id;
    admin(oxlin.clone()).delete_user(&id).await.unwrap();
    assert!(matches!(removed.me().await, Err(OxlinError::LogInAgain(_))));

    let leaving = new_user(oxlin.clone(), "simon@example.com").await;
    leaving.delete_me().await.unwrap();
    let again = new_user_session(oxlin, "simon@example.com");
    assert!(matches!(again.me().await, Err(OxlinError::LogInAgain(_))));
    sandbox.stop().await;
}

/// A fresh login of an existing (or deleted) user, without creating them.
fn new_user_session(oxlin: coffre::oxlin::config::OxlinConfig, email: &str) -> Client {
    Client::with_password(oxlin, email, secret(support::PASSWORD), support::SCOPES).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_widget_session_opens_the_add_connection_page_for_a_signed_in_user_only() {
    let (sandbox, client) = sandbox_and_user("tara@example.com").await;
    let session = client.widget_session().await.unwrap();
    assert!(!session.session_id.is_empty());
    assert!(
        session
            .add_connection_url
            .starts_with(&format!("{}/widget/add_connection", sandbox.base_url)),
        "{}",
        session.add_connection_url
    );
    assert!(session.add_connection_url.contains(&session.session_id));

    let config = SandboxConfig::default();
    let not_a_user = admin(config_for(&sandbox, &config));
    assert!(matches!(
        not_a_user.widget_session().await,
        Err(OxlinError::LogInAgain(_))
    ));
    sandbox.stop().await;
}
