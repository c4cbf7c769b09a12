//! While the browser is away (the bank's website, an Oxlin page), coffre also asks Oxlin how the
//! connection is doing, so the wait ends as soon as Oxlin says the connection works, even when
//! the browser never comes back to the loopback (a phone, a tab closed too early).
//!
//! Our choice (the docs say nothing of it): a new connection is one whose id was not in the
//! user's list before the page was opened, with status `SUCCESS` or `PARTIAL_SUCCESS`; a renewed
//! one is the same connection whose channels changed (status, expiry or last success) and whose
//! status is one of those. A failed status call is not an error here: the browser's answer or the
//! timeout still ends the wait.

use std::collections::HashSet;
use std::time::Duration;

use crate::domain::ConnectionId;
use crate::oxlin::client::Client;
use crate::oxlin::wire::{Connection, ConnectionStatus};

/// What was there before the page was opened.
#[derive(Debug, Clone, Default)]
pub struct StatusPoll {
    renew: Option<ConnectionId>,
    known: HashSet<String>,
    fingerprint: Option<String>,
}

impl StatusPoll {
    /// Notes the connections (or the renewed connection's channels) before the page opens.
    pub async fn before(client: &Client, renew: Option<ConnectionId>) -> Self {
        let mut poll = StatusPoll {
            renew,
            ..StatusPoll::default()
        };
        match &poll.renew {
            Some(id) => {
                poll.fingerprint = client
                    .connection(id.raw())
                    .await
                    .ok()
                    .map(|c| fingerprint(&c))
            }
            None => {
                poll.known = client
                    .connections()
                    .await
                    .map(|list| list.into_iter().map(|c| c.id).collect())
                    .unwrap_or_default()
            }
        }
        poll
    }

    /// Polls every `every` until Oxlin reports the connection ready; its id.
    pub async fn until_ready(&mut self, client: &Client, every: Duration) -> String {
        loop {
            tokio::time::sleep(every).await;
            if let Some(id) = self.ready(client).await {
                return id;
            }
        }
    }

    /// The ready connection's id, when there is one now.
    pub async fn ready(&self, client: &Client) -> Option<String> {
        match &self.renew {
            Some(id) => {
                let now = client.connection(id.raw()).await.ok()?;
                let changed = self.fingerprint.as_deref() != Some(&fingerprint(&now));
                (changed && works(&now)).then_some(now.id)
            }
            None => client
                .connections()
                .await
                .ok()?
                .into_iter()
                .find(|c| !self.known.contains(&c.id) && works(c))
                .map(|c| c.id),
        }
    }
}

/// Oxlin says the connection works.
pub fn works(connection: &Connection) -> bool {
    matches!(
        connection.status,
        Some(ConnectionStatus::Success | ConnectionStatus::PartialSuccess)
    )
}

/// What changes on a connection whose credentials were given again.
fn fingerprint(connection: &Connection) -> String {
    connection
        .channels
        .iter()
        .map(|c| {
            format!(
                "{}:{:?}:{:?}:{:?}",
                c.channel_definition_id, c.status, c.expires, c.last_success_date
            )
        })
        .collect::<Vec<_>>()
        .join("|")
}
