//! Issue 10, reproduction 2(a): coffre quit while the bank waited for an SMS code; at the next
//! start its sync is refused because that one still runs. The runner follows the running sync
//! (no failure, no raw error) and ends it when the server does (here `CHALLENGE_TIMED_OUT`).

use std::time::Duration;

use coffre::app::{ApiEvent, Command, Msg};
use coffre::domain::{ChannelHealth, ConnectionId, CredentialValue, SyncStep};
use coffre::oxlin::config::OxlinConfig;
use coffre::sandbox::SandboxConfig;
use coffre::tasks::{MsgSender, Runner, RunnerOptions};
use secrecy::SecretString;
use tokio::sync::mpsc::UnboundedReceiver;

use crate::support::sandbox_client::{CLIENT_ID, CLIENT_SECRET, harness};

const EMAIL: &str = "left-running@example.com";

/// The next API event that `pick` keeps, or a failure naming what came meanwhile.
async fn next_where<T>(
    msgs: &mut UnboundedReceiver<Msg>,
    what: &str,
    mut pick: impl FnMut(&ApiEvent) -> Option<T>,
) -> (T, Vec<ApiEvent>) {
    let mut seen = Vec::new();
    loop {
        let msg = tokio::time::timeout(Duration::from_secs(20), msgs.recv())
            .await
            .unwrap_or_else(|_| panic!("never got {what}; got {seen:#?}"))
            .expect("the runner stopped");
        if let Msg::Api(event) = msg {
            if let Some(found) = pick(&event) {
                return (found, seen);
            }
            seen.push(event);
        }
    }
}

fn value(id: &str, value: &str, encrypt: bool) -> CredentialValue {
    CredentialValue {
        id: id.into(),
        value: SecretString::from(value.to_owned()),
        encrypt,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_already_running_at_the_bank_is_followed_to_its_end_not_failed() {
    let h = harness(SandboxConfig {
        challenge_timeout: Duration::from_secs(3),
        ..SandboxConfig::default()
    })
    .await;
    h.create_user(EMAIL, "pw").await;
    let base = &h.sandbox.base_url;
    let config = OxlinConfig::with_hosts(
        base,
        &h.sandbox.api_url(),
        base,
        CLIENT_ID,
        SecretString::from(CLIENT_SECRET),
    );
    let (sender, mut msgs) = MsgSender::channel();
    let options = RunnerOptions {
        poll_every: Duration::from_millis(20),
        open_browser: false,
        ..RunnerOptions::default()
    };
    let runner = Runner::new(config, sender, options);
    runner.run(Command::LogIn {
        request: 1,
        email: EMAIL.into(),
        password: SecretString::from("pw"),
    });
    next_where(&mut msgs, "the login", |e| {
        matches!(e, ApiEvent::LoggedIn { result: Ok(()), .. }).then_some(())
    })
    .await;
    runner.run(Command::SubmitCredentials {
        request: 2,
        provider: "87".into(),
        channel: "13400".into(),
        values: vec![
            value("300", "dev", false),
            value("301", "dev", true),
            value("302", "sms", false),
        ],
        renew: None,
    });
    let (connection, _) = next_where(&mut msgs, "the connection", |e| match e {
        ApiEvent::ConnectionCreated { result, .. } => Some(result.clone().unwrap()),
        _ => None,
    })
    .await;
    // The bank asks for its SMS; nobody answers (coffre was quit there)…
    runner.run(Command::PollQueue {
        connection: connection.clone(),
        generation: 3,
    });
    next_where(&mut msgs, "the bank's question", |e| {
        matches!(e, ApiEvent::ChallengeReceived { .. }).then_some(())
    })
    .await;
    runner.run(Command::StopPolling {
        connection: connection.clone(),
    });
    // …and the next start syncs again while that sync still waits for its answer.
    runner.run(Command::SyncNow {
        connection: connection.clone(),
        generation: 4,
    });
    let is_mine = |e: &ApiEvent, c: &ConnectionId| matches!(e, ApiEvent::SyncProgressed { connection, generation: 4, .. } if connection == c);
    let (first, before) = next_where(&mut msgs, "news of the sync", |e| {
        is_mine(e, &connection).then(|| e.clone())
    })
    .await;
    assert!(
        matches!(
            &first,
            ApiEvent::SyncProgressed {
                step: SyncStep::Syncing,
                ..
            }
        ),
        "an already running sync is followed, not failed: {first:?} (before: {before:?})"
    );
    let (end, meanwhile) = next_where(&mut msgs, "the end of the sync", |e| match e {
        ApiEvent::SyncProgressed { step, .. } if is_mine(e, &connection) => Some(step.clone()),
        _ => None,
    })
    .await;
    assert_eq!(end, SyncStep::Failed(ChannelHealth::ChallengeTimedOut));
    assert!(
        !meanwhile
            .iter()
            .any(|e| matches!(e, ApiEvent::Failed { .. })),
        "no raw error reaches the user: {meanwhile:#?}"
    );
}
