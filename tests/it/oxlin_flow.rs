//! The client against the in-process sandbox over loopback HTTP: the whole EMBEDDED flow (SMS
//! challenge with a wrong then a right code, consent, sync), and every transaction of the
//! `large` file fetched exactly once while the sandbox injects faults.

use crate::support::oxlin_sandbox as support;

use std::collections::{BTreeMap, HashSet};

use coffre::oxlin::challenge::{Answer, ChallengeRole, build_user_input, role};
use coffre::oxlin::endpoints::{AccountFilter, TransactionFilter};
use coffre::oxlin::secret::secret;
use coffre::oxlin::wire::{AccountStatus, ConsentDecision, CredentialType};
use coffre::sandbox::{SandboxConfig, start};
use support::{config_for, connect_test_bank, new_user, wait_for};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn embedded_sms_flow_wrong_code_then_right_code_consents_and_syncs() {
    let config = SandboxConfig::default();
    let sandbox = start(config.clone()).await.unwrap();
    let client = new_user(config_for(&sandbox, &config), "claire@example.com").await;
    let queue = client.subscribe(&["connections"]).await.unwrap();

    let connection_id = connect_test_bank(&client, "sms").await;

    let mut wrong_code_sent = false;
    let mut saw_error_message = false;
    loop {
        let event = wait_for(&client, &queue, |e| {
            e.event_type.asks_user_input()
                || ["LIST_ACCOUNTS_SUCCESS", "LIST_ACCOUNTS_FAILED"]
                    .contains(&e.event_type.as_str())
        })
        .await;
        if !event.event_type.asks_user_input() {
            assert_eq!(event.event_type.as_str(), "LIST_ACCOUNTS_SUCCESS");
            break;
        }
        saw_error_message |= event
            .challenges
            .iter()
            .any(|c| c.kind == CredentialType::ErrorMsg);
        let mut answers = BTreeMap::new();
        for challenge in &event.challenges {
            let answer = match role(&challenge.kind) {
                ChallengeRole::Choice => Answer::Confirm(true),
                ChallengeRole::Input { .. } if !wrong_code_sent => {
                    wrong_code_sent = true;
                    Answer::Text(secret("000000"))
                }
                ChallengeRole::Input { .. } => Answer::Text(secret("123456")),
                ChallengeRole::Message => continue,
            };
            answers.insert(challenge.id.clone(), answer);
        }
        let body = build_user_input(&event.challenges, &answers).unwrap();
        let cdid = event.channel_definition_id.as_deref().unwrap_or("13400");
        client
            .user_input(&connection_id, cdid, &body)
            .await
            .unwrap();
    }
    assert!(
        wrong_code_sent && saw_error_message,
        "the wrong code must be reported"
    );

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
    client.consents(&connection_id, &pending).await.unwrap();
    wait_for(&client, &queue, |e| {
        e.event_type.as_str().starts_with("SYNC_ALL_SUCCESS")
    })
    .await;

    let transactions = client
        .transactions(&TransactionFilter::default(), 100, 4)
        .await
        .unwrap();
    assert!(!transactions.is_empty());
    let connection =
        coffre::oxlin::to_domain::connection(&client.connection(&connection_id).await.unwrap());
    assert_eq!(
        connection.next_action(chrono::Utc::now(), 0),
        coffre::domain::NextAction::None
    );
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_file_under_faults_returns_every_transaction_exactly_once() {
    // Tokens die after 5 s while the fetch takes far longer, so they expire mid-sync several
    // times; 2 s made a slow (loaded) machine spend every retry on refreshes.
    let config = SandboxConfig {
        faults: "errors=0.1,429=0.05,retry-after=1,drop=0.02,expire=5s"
            .parse()
            .unwrap(),
        ..SandboxConfig::default()
    };
    let sandbox = start(config.clone()).await.unwrap();
    let client = new_user(config_for(&sandbox, &config), "large@example.com").await;
    let me = client.me().await.unwrap();
    let seeded =
        coffre::sandbox::testbank::seed(&sandbox.state, &me.id, "large", &["transactions_read"])
            .unwrap();

    let transactions = client
        .transactions(&TransactionFilter::default(), 500, 8)
        .await
        .unwrap();
    let ids: HashSet<&str> = transactions.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids.len(), transactions.len(), "no transaction twice");
    assert_eq!(transactions.len(), seeded.transactions);
    assert!(seeded.transactions >= 100_000, "{}", seeded.transactions);
    sandbox.stop().await;
}
