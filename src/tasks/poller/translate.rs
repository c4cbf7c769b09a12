//! What one queue event means for the app: a sync step, a challenge, a consent request, or
//! nothing. A `*_FAILED` event's channel status (read typed by `wire::Event`) becomes the
//! step's `ChannelHealth` through `to_domain::channel_health`.
//!
//! Docs gaps (oxlin-api.md §11), our choices: `LIST_ACCOUNTS_SUCCESS` with accounts in
//! `PENDING_CONSENT` opens the consent checklist (read with `GET /accounts?connection_id=…`);
//! without any but with `ACTIVE` accounts of that channel a SYNC_ALL follows; with neither the
//! sync is done. A `*_FAILED` event whose payload names no status ends the sync as `FAILED`.

use crate::app::ApiEvent;
use crate::domain::{ChannelHealth, ConnectionId, SyncStep};
use crate::oxlin::client::Client;
use crate::oxlin::endpoints::AccountFilter;
use crate::oxlin::to_domain;
use crate::oxlin::wire::{AccountStatus, Event, EventType, JobFailure};

/// What one queue event means for the app.
pub(super) async fn translate(
    client: &Client,
    event: &Event,
    connection: ConnectionId,
    generation: u64,
) -> Vec<ApiEvent> {
    let channel = event.channel_definition_id.clone().unwrap_or_default();
    let progressed = |step| {
        vec![ApiEvent::SyncProgressed {
            connection: connection.clone(),
            generation,
            step,
        }]
    };
    if event.event_type.asks_user_input() {
        return vec![ApiEvent::ChallengeReceived {
            connection,
            channel,
            generation,
            challenge: event.challenges.iter().map(to_domain::challenge).collect(),
        }];
    }
    match (&event.event_type, &event.failure) {
        (EventType::ListAccountsStarted, _) => progressed(SyncStep::ListingAccounts),
        (EventType::SyncAllStarted | EventType::SyncAllAccountSynced, _) => {
            progressed(SyncStep::Syncing)
        }
        (EventType::SyncAllSuccess, _) => progressed(SyncStep::Done),
        (EventType::ListAccountsSuccess, _) => {
            after_listing(client, connection, channel, generation).await
        }
        (_, Some(failure)) => progressed(SyncStep::Failed(failed_health(failure))),
        _ => Vec::new(),
    }
}

/// After LIST_ACCOUNTS: consent, or wait for the SYNC_ALL, or done.
async fn after_listing(
    client: &Client,
    connection: ConnectionId,
    channel: String,
    generation: u64,
) -> Vec<ApiEvent> {
    let filter = AccountFilter {
        connection_id: Some(connection.raw().to_owned()),
        ..AccountFilter::default()
    };
    let accounts = match client.accounts(&filter).await {
        Ok(accounts) => accounts,
        Err(e) => {
            return vec![ApiEvent::Failed {
                connection: Some(connection),
                error: to_domain::call_failure(&e),
            }];
        }
    };
    let pending: Vec<_> = accounts
        .iter()
        .filter(|a| a.status == Some(AccountStatus::PendingConsent))
        .map(to_domain::account)
        .collect();
    if !pending.is_empty() {
        return vec![ApiEvent::ConsentRequested {
            connection,
            channel,
            generation,
            accounts: pending,
        }];
    }
    // Only this channel's accounts make its SYNC_ALL follow: a channel added to a connection
    // may list nothing new (its accounts are the ones the other channel already holds).
    let active = accounts
        .iter()
        .filter(|a| {
            a.last_channel_definition_id
                .as_deref()
                .is_none_or(|c| c == channel)
        })
        .any(|a| a.status.is_none() || a.status == Some(AccountStatus::Active));
    let step = if active {
        SyncStep::Syncing
    } else {
        SyncStep::Done
    };
    vec![ApiEvent::SyncProgressed {
        connection,
        generation,
        step,
    }]
}

/// The channel health a failed job ended with; a failure that names no status is `FAILED`.
fn failed_health(failure: &JobFailure) -> ChannelHealth {
    match &failure.status {
        Some(status) => to_domain::channel_health(Some(status)),
        None => ChannelHealth::Other("FAILED".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oxlin::wire::ChannelStatus;
    use crate::sanitize::clean_line;

    fn failed(status: Option<&str>) -> ChannelHealth {
        failed_health(&JobFailure {
            status: status.map(ChannelStatus::from),
            message: None,
        })
    }

    #[test]
    fn a_failed_job_names_its_channel_health_and_unknown_statuses_are_cleaned() {
        assert_eq!(
            failed(Some("AUTH_FAILED")),
            ChannelHealth::CredentialsRejected
        );
        assert_eq!(
            failed(Some("USER_ACTION_REQUIRED")),
            ChannelHealth::ActionAtBankRequired
        );
        assert_eq!(
            failed(Some("BANK\u{1b}[2J_DOWN")),
            ChannelHealth::Other(clean_line("BANK\u{1b}[2J_DOWN"))
        );
        assert_eq!(failed(None), ChannelHealth::Other("FAILED".into()));
    }
}
