//! LIST_ACCOUNTS against the test bank: the accounts a connection's bank holds, into the `Bank`;
//! and the user's changes to an account (`Bank::update_account`).
//!
//! Docs gap: a PENDING_CONSENT account is listed with the bank's balance (the docs say "no data
//! stored at this time" about transactions; the consent screen is more useful with a balance);
//! its `balance_date` is the listing instant, and it has no transactions until consented.
//! Docs gap: every account is `usage: PERSONAL` (the test-bank format has no usage field).
//! Docs gap: an account the connection already holds through its other channel (same bank uid)
//! is matched, not listed twice: a bank account is one account whether it came through the
//! bank's website (REDIRECT) or its form (EMBEDDED). This is what the public test-bank format's
//! `match_existing` field is for; we match always.
//!
//! Docs gap: an account is updated (`PUT /accounts/{id}`) in its name and its status
//! (`ACTIVE` or `CLOSED`). A CLOSED account is not synced; setting it ACTIVE again syncs it at
//! once from its connection's test bank. An account waiting for consent cannot be updated (a
//! conflict: answer the consent first).

use super::super::bank::{AccountRecord, Bank};
use super::super::error::{WorldError, WorldResult};
use super::super::state::{Sandbox, epoch_now};
use super::super::testbank::TestBank;

impl Bank {
    /// Creates the accounts of `connection_id`'s channel that `bank` holds at sync number
    /// `sync_number` and whose type is in `account_types` (all when empty), in status
    /// PENDING_CONSENT. Accounts listed before (same connection and bank uid, through either
    /// channel) are kept as they are: nothing is duplicated, and an account deleted after a
    /// refused consent comes back.
    /// Returns the ids of the channel's accounts now waiting for consent.
    #[allow(clippy::too_many_arguments)] // the agreed interface (interfaces.md)
    pub fn list_accounts(
        &mut self,
        sandbox: &Sandbox,
        connection_id: &str,
        channel_definition_id: &str,
        account_types: &[String],
        bank: &TestBank,
        sync_number: u32,
        now: i64,
    ) -> Vec<String> {
        let Some(connection) = self.connections.get(connection_id) else {
            return Vec::new();
        };
        let user_id = connection.user_id.clone();
        let connection_owner = connection.owner_name.clone();
        for held in &bank.accounts {
            let listed = held.appears_on_sync <= sync_number;
            let wanted = account_types.is_empty() || account_types.contains(&held.account_type);
            let known = self
                .accounts
                .values()
                .any(|a| a.connection_id == connection_id && a.bank_uid == held.uid);
            if !listed || !wanted || known {
                continue;
            }
            let id = sandbox.next_id();
            let owner_name = held
                .owner
                .clone()
                .or_else(|| bank.owner.clone())
                .or_else(|| connection_owner.clone());
            let record = AccountRecord {
                id: id.clone(),
                user_id: user_id.clone(),
                connection_id: connection_id.to_owned(),
                channel_definition_id: channel_definition_id.to_owned(),
                name: Some(held.name.clone()).filter(|n| !n.is_empty()),
                currency: held.currency.clone(),
                balance: held.balance,
                balance_date: now,
                iban: held.iban.clone(),
                status: "PENDING_CONSENT".to_owned(),
                account_type: held.account_type.clone(),
                creation_date: now,
                account_number: Some(held.number.clone()).filter(|n| !n.is_empty()),
                owner_name,
                usage: "PERSONAL".to_owned(),
                bank_uid: held.uid.clone(),
            };
            self.accounts.insert(id, record);
        }
        let mut pending: Vec<&AccountRecord> = self
            .accounts
            .values()
            .filter(|a| {
                a.connection_id == connection_id
                    && a.channel_definition_id == channel_definition_id
                    && a.status == "PENDING_CONSENT"
            })
            .collect();
        pending.sort_by(|a, b| id_order(&a.id, &b.id));
        pending.into_iter().map(|a| a.id.clone()).collect()
    }
}

impl Bank {
    /// Renames the user's account `id` and/or sets its status (`ACTIVE` or `CLOSED`, checked by
    /// the caller); an account set ACTIVE again is synced at once from its connection's test bank.
    pub fn update_account(
        &mut self,
        sandbox: &Sandbox,
        user_id: &str,
        id: &str,
        name: Option<String>,
        status: Option<String>,
    ) -> WorldResult<()> {
        let account = match self.accounts.get_mut(id) {
            Some(account) if account.user_id == user_id => account,
            _ => return Err(WorldError::not_found("account", id)),
        };
        if account.status == "PENDING_CONSENT" {
            return Err(WorldError::Conflict(
                "this account waits for consent: answer PUT /connections/{id}/consents first"
                    .to_owned(),
            ));
        }
        if let Some(name) = name {
            account.name = Some(name);
        }
        let reopened = status.as_deref() == Some("ACTIVE") && account.status != "ACTIVE";
        if let Some(status) = status {
            account.status = status;
        }
        let connection_id = account.connection_id.clone();
        if reopened {
            let test_bank = self
                .connections
                .get(&connection_id)
                .and_then(|c| c.test_bank.clone());
            if let Some(test_bank) = test_bank {
                self.sync_account(sandbox, id, &test_bank, epoch_now());
            }
        }
        Ok(())
    }
}

/// Ids are strings of digits: compare them as numbers (shorter is smaller).
pub fn id_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}
