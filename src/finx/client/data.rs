//! The data endpoints (Bearer): `GET /rest/accounts`, `/rest/accounts/{id}`,
//! `/rest/accounts/{id}/balance` and `/rest/transactions` with its filters (finx-api.md §4.4,
//! §4.5).
//!
//! Docs gap (§9.5): no paging metadata exists, only `count` and `offset`. We ask pages of
//! `config.page_size` (finX's default, 1000) from offset 0 and stop at the first page shorter
//! than asked. Paging always ends: a full page that brings no transaction not already seen
//! (a server ignoring `offset` sends the same page again) fails the list as unreadable, and so
//! does a list of more than [`MAX_TRANSACTIONS`]; a transaction is kept once per id (a page
//! boundary moving under us must not duplicate one).

use std::collections::HashSet;

use reqwest::Method;

use super::Client;
use super::call::{Auth, Call, Retry};
use crate::finx::error::FinxError;
use crate::finx::wire::{self, Account, Balance, List, Transaction};

/// The most transactions one list may bring.
pub const MAX_TRANSACTIONS: usize = 1_000_000;

/// How `since` (and `until`) is read (`since_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinceType {
    /// By booking date (finX's default).
    Booked,
    /// By when finX created the transaction (incremental syncs).
    Created,
    /// By when finX last modified it (a pending one booked since).
    Modified,
}

impl SinceType {
    /// The value as finX spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            SinceType::Booked => "booked",
            SinceType::Created => "created",
            SinceType::Modified => "modified",
        }
    }
}

/// Filters of `GET /rest/transactions`.
#[derive(Debug, Clone, Default)]
pub struct TransactionFilter {
    /// Only these accounts (finX ids); all when empty.
    pub accounts: Vec<String>,
    /// A finX transaction id or an ISO date: the lower bound.
    pub since: Option<String>,
    /// How `since` and `until` are read.
    pub since_type: Option<SinceType>,
    /// An ISO date: the upper bound, inclusive.
    pub until: Option<String>,
    /// Pending transactions too (always the complete set of them).
    pub include_pending: Option<bool>,
}

impl TransactionFilter {
    fn query(&self) -> Vec<(String, String)> {
        let mut query = Vec::new();
        let mut put = |key: &str, value: Option<String>| {
            if let Some(value) = value {
                query.push((key.to_owned(), value));
            }
        };
        put(
            "accounts",
            Some(self.accounts.join(",")).filter(|a| !a.is_empty()),
        );
        put("since", self.since.clone());
        put("since_type", self.since_type.map(|s| s.as_str().to_owned()));
        put("until", self.until.clone());
        put(
            "include_pending",
            self.include_pending.map(|p| p.to_string()),
        );
        query
    }
}

/// Percent-encodes one path segment (ids come from servers).
fn seg(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

fn malformed(call: &str, reason: String) -> FinxError {
    FinxError::Malformed {
        call: call.to_owned(),
        reason,
    }
}

impl Client {
    /// `GET /rest/accounts`: every account of the access (an unreadable one left out).
    pub async fn accounts(&self) -> Result<Vec<Account>, FinxError> {
        let call = Call::new(
            Method::GET,
            "/rest/accounts",
            Auth::Bearer,
            Retry::Transient,
        );
        let name = call.name.clone();
        let body = self.send(call).await?;
        let list: List<Account> =
            wire::list::read(&body, "accounts", "account_id").map_err(|r| malformed(&name, r))?;
        Ok(list.items)
    }

    /// `GET /rest/accounts/{id}`.
    pub async fn account(&self, account_id: &str) -> Result<Account, FinxError> {
        self.get_one(&format!("/rest/accounts/{}", seg(account_id)))
            .await
    }

    /// `GET /rest/accounts/{id}/balance`.
    pub async fn balance(&self, account_id: &str) -> Result<Balance, FinxError> {
        self.get_one(&format!("/rest/accounts/{}/balance", seg(account_id)))
            .await
    }

    async fn get_one<T: serde::de::DeserializeOwned>(&self, path: &str) -> Result<T, FinxError> {
        let call = Call::new(Method::GET, path, Auth::Bearer, Retry::Transient);
        let name = call.name.clone();
        let body = self.send(call).await?;
        wire::list::read_one(&body).map_err(|r| malformed(&name, r))
    }

    /// One page of `GET /rest/transactions` (`count` items from `offset`), its unreadable
    /// items left out but counted in `sent`.
    pub async fn transactions_page(
        &self,
        filter: &TransactionFilter,
        offset: usize,
        count: usize,
    ) -> Result<List<Transaction>, FinxError> {
        let mut call = Call::new(
            Method::GET,
            "/rest/transactions",
            Auth::Bearer,
            Retry::Transient,
        );
        call.query = filter.query();
        call.query.push(("count".into(), count.to_string()));
        call.query.push(("offset".into(), offset.to_string()));
        let name = call.name.clone();
        let body = self.send(call).await?;
        wire::list::read(&body, "transactions", "transaction_id").map_err(|r| malformed(&name, r))
    }

    /// Every transaction matching `filter`, page after page (see the module doc).
    pub async fn transactions(
        &self,
        filter: &TransactionFilter,
    ) -> Result<Vec<Transaction>, FinxError> {
        let count = self.inner.config.page_size.max(1);
        let mut seen = HashSet::new();
        let mut all = Vec::new();
        let mut offset = 0;
        loop {
            let page = self.transactions_page(filter, offset, count).await?;
            let before = all.len();
            let full = page.sent >= count;
            let read = page.items.len();
            all.extend(
                page.items
                    .into_iter()
                    .filter(|t| seen.insert(t.transaction_id.clone())),
            );
            let stop = |why: &str| {
                malformed(
                    "GET /rest/transactions",
                    format!("paging stopped at offset {offset}: {why}"),
                )
            };
            if full && read > 0 && all.len() == before {
                return Err(stop(
                    "the server sent a full page of transactions already seen",
                ));
            }
            if all.len() > MAX_TRANSACTIONS || offset + page.sent > MAX_TRANSACTIONS {
                return Err(stop(&format!("more than {MAX_TRANSACTIONS} transactions")));
            }
            if !full {
                return Ok(all);
            }
            offset += page.sent;
        }
    }
}
