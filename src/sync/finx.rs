//! `coffre sync` for finX: every finX link of the configured server and app (`store::
//! finx_links`) is refreshed, read and stored, one output line per link.
//!
//! For each link: the refresh token is spent at once (`Client::refresh`), the new one kept in
//! the link's row before anything uses it ([`keeper::FinxLinkKeeper`]), so a daily cron keeps
//! the access alive (it ends 90 days after the last refresh); then every account of the
//! access, and each account's transactions, pending ones included, whole the first time and
//! incrementally after that ([`account_read`]: `since` a reconcile window like Oxlin's; every
//! pending line is listed whatever `since` says, and the stored pending lines it no longer
//! lists are dropped, so pending → booked lands each line once), mapped by `finx::to_domain`
//! and written through the Oxlin path: each account's lines in one `Store::apply_pages` group,
//! then the link's connection and accounts in the run's one `SyncBatch`.
//!
//! Pending → booked: the finX sandbox books a pending line under a NEW id (finx-api.md §9
//! says nothing either way): its new self is booked today, inside the window; its pending
//! self is no longer listed and is removed (recorded as `dropped` in `booking_changes`). A
//! booked line is never removed.
//!
//! A refused refresh token (`FinxError::AccessLost`) is the user's to fix: the line says
//! "finX access lost: link the bank again (coffre connect finx)" and the exit code is 2; the
//! link's stored data stays as it was. A network or server failure is transient (exit 75).
//!
//! Where each link's token lives follows `[session] store` as the Oxlin session does
//! ([`token_place`]: the link's row, or the OS keyring, recorded in the row). A link whose
//! token is in a keyring this process cannot reach (cron, SSH) is not refreshed: its line says
//! what to do (a bank needing the user: exit code 2) and nothing is changed.
//!
//! Docs gaps (ours): a transaction naming another account than the one asked is not stored.
//! A link whose accounts carry no `access_id` is shown as a bank named after its link id.

mod account_read;
pub mod keeper;
pub mod token_place;

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::ConnectionLine;
use super::fetch::Problem;
use crate::domain::{
    Account, ChannelHealth, ChannelState, Connection, ConnectionId, ConnectionState,
};
use crate::finx::error::FinxError;
use crate::finx::tokens::access_ends;
use crate::finx::{Client, FinxConfig, to_domain};
use crate::sanitize::clean_line;
use crate::store::finx_links::FinxLink;
use crate::store::{ConnectionSync, Store, StoreError, SyncBatch};
use crate::sync::session::SessionStore;
use keeper::FinxLinkKeeper;
use token_place::{FinxTokenError, link_token};

/// Why one link could not be synced.
#[derive(Debug, thiserror::Error)]
pub(crate) enum LinkError {
    #[error(transparent)]
    Api(#[from] FinxError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Token(#[from] FinxTokenError),
}

/// What reading one link gave.
struct Read {
    sync: ConnectionSync,
    new_transactions: usize,
}

/// Refreshes, reads and stores every finX link of `config`'s server and app in `store`, as of
/// `now`, each rotated token kept where `tokens` (`[session] store`) and the link's recorded
/// place say: one line per link. Only a store failure fails the whole run.
pub async fn sync_links(
    config: &FinxConfig,
    tokens: SessionStore,
    store: &mut Store,
    now: DateTime<Utc>,
) -> Result<Vec<ConnectionLine>, StoreError> {
    sync_some_links(config, tokens, store, now, |_| true).await
}

/// [`sync_links`] for the links `wanted` keeps only (`coffre connect finx` syncs the new one).
pub async fn sync_some_links(
    config: &FinxConfig,
    tokens: SessionStore,
    store: &mut Store,
    now: DateTime<Utc>,
    wanted: impl Fn(&FinxLink) -> bool,
) -> Result<Vec<ConnectionLine>, StoreError> {
    let mut links = store.finx_links(&config.api_url, &config.client_id)?;
    links.retain(|link| wanted(link));
    let mut batch = SyncBatch::default();
    let mut lines = Vec::new();
    for link in &links {
        let mut line = ConnectionLine {
            connection_id: clean_line(link.access_id.as_deref().unwrap_or(&link.owner.link_id)),
            name: format!("finX link {}", clean_line(&link.owner.link_id)),
            problem: None,
            synced: false,
            failed_transiently: false,
            accounts: 0,
            new_transactions: 0,
        };
        match read_link(config, tokens, store, link, now).await {
            Ok(read) => {
                line.connection_id = clean_line(read.sync.connection.id.raw());
                line.name = read.sync.connection.name.clone();
                line.synced = true;
                line.accounts = read.sync.accounts.len();
                line.new_transactions = read.new_transactions;
                batch.synced.push(read.sync);
            }
            Err(LinkError::Store(e)) => return Err(e),
            Err(LinkError::Api(FinxError::AccessLost(_))) => {
                line.problem = Some(Problem::FinxAccessLost);
            }
            Err(LinkError::Api(e)) => {
                line.failed_transiently = e.is_transient();
                line.problem = Some(Problem::Failed(e.to_string()));
            }
            Err(LinkError::Token(e)) => line.problem = Some(Problem::Failed(e.to_string())),
        }
        lines.push(line);
    }
    store.apply(&batch, now)?;
    Ok(lines)
}

/// Refreshes `link` (the rotated token kept first), reads its accounts and transactions and
/// writes each account's lines.
async fn read_link(
    config: &FinxConfig,
    tokens: SessionStore,
    store: &mut Store,
    link: &FinxLink,
    now: DateTime<Utc>,
) -> Result<Read, LinkError> {
    let kept = link.clone();
    // A keyring call blocks (up to `KEYRING_WAIT`): never on a runtime thread.
    let token = tokio::task::spawn_blocking(move || link_token(&kept))
        .await
        .map_err(|e| FinxTokenError::KeyringUnreachable { why: e.to_string() })??
        .ok_or_else(|| FinxError::AccessLost("no refresh token is kept for this link".into()))?;
    let client = Client::with_refresh_token(config.clone(), token)?;
    let keeper = FinxLinkKeeper::new(store.path(), link.owner.clone()).keeping_in(tokens);
    client.keep_tokens_with(Arc::new(keeper));
    client.refresh().await?;
    let wire_accounts = client.accounts().await?;
    let refreshed_at = client.refreshed_at().await;
    let connection = to_domain::connections(&wire_accounts, refreshed_at)
        .into_iter()
        .next()
        .unwrap_or_else(|| unnamed_connection(link, refreshed_at));
    if let Some(access) = wire_accounts.iter().find_map(|a| a.access_id.as_deref()) {
        store.set_finx_access_id(&link.owner.link_id, access)?;
    }
    let accounts: Vec<Account> = wire_accounts
        .iter()
        .map(to_domain::account)
        .map(|account| Account {
            connection_id: Some(connection.id.clone()),
            ..account
        })
        .collect();
    let mut new_transactions = 0;
    for account in &accounts {
        new_transactions +=
            account_read::read_account(&client, store, &connection, account, now).await?;
    }
    Ok(Read {
        sync: ConnectionSync {
            connection,
            accounts,
            transactions: Vec::new(),
        },
        new_transactions,
    })
}

/// The connection of a link whose accounts name no access: named after the link.
fn unnamed_connection(link: &FinxLink, refreshed_at: Option<DateTime<Utc>>) -> Connection {
    let id = link.access_id.as_deref().unwrap_or(&link.owner.link_id);
    Connection {
        id: ConnectionId::finx(id),
        provider_id: None,
        name: format!("finX link {}", clean_line(&link.owner.link_id)),
        state: ConnectionState::Ok,
        channels: vec![ChannelState {
            definition_id: to_domain::ACCESS_CHANNEL.to_owned(),
            redirect: true,
            health: ChannelHealth::Ok,
            expires: refreshed_at.and_then(access_ends),
            last_success: None,
        }],
        last_success: None,
    }
}
