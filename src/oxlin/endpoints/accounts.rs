//! Accounts (list with filters, get, archive/unarchive) and transactions (pages, filters,
//! incremental import, all pages fetched concurrently with a bound).
//!
//! Docs gap: no totals are published, so the number of pages is unknown. We fetch pages in
//! waves of `concurrency` and stop at the first short page; transactions are kept once per id
//! (a page boundary moving under us must not duplicate one).
//!
//! A page item that cannot be read (an amount such as `1e30` that no `Decimal` holds) is left
//! out with a logged warning; the rest of its page is kept (`Answer::json_items`).
//!
//! Paging always ends: a full page that brings no transaction not already seen (a server that
//! ignores `page` and sends the same page again) fails the list as unreadable, and so does a
//! list of more than [`MAX_TRANSACTIONS`] transactions (phantom rows without end).

use std::collections::HashSet;

use futures_util::future::try_join_all;
use reqwest::Method;

use super::seg;
use crate::oxlin::client::{Client, Page};
use crate::oxlin::error::OxlinError;
use crate::oxlin::wire::{Account, AccountStatus, AccountType, AccountUpdate, Transaction};

/// Documented maximum page size of `/transactions`.
pub const MAX_LIMIT: usize = 500;

/// The most transactions one list may bring (the `large` test bank has about 120,000; a
/// million is what the store is measured with).
pub const MAX_TRANSACTIONS: usize = 1_000_000;

/// Filters of `GET /accounts`.
#[derive(Debug, Clone, Default)]
pub struct AccountFilter {
    pub connection_id: Option<String>,
    pub kind: Option<AccountType>,
    pub status: Option<AccountStatus>,
}

/// Filters of `GET /transactions` (dates are epoch seconds).
#[derive(Debug, Clone, Default)]
pub struct TransactionFilter {
    pub account_id: Option<String>,
    pub start_date: Option<i64>,
    pub end_date: Option<i64>,
    /// Only what was imported at or after this instant (incremental sync).
    pub start_import_date: Option<i64>,
    pub included_statuses: Vec<String>,
}

impl TransactionFilter {
    fn query(&self) -> Vec<(String, String)> {
        let mut q = Vec::new();
        let mut put = |k: &str, v: Option<String>| {
            if let Some(v) = v {
                q.push((k.to_owned(), v));
            }
        };
        put("account_id", self.account_id.clone());
        put("start_date", self.start_date.map(|d| d.to_string()));
        put("end_date", self.end_date.map(|d| d.to_string()));
        put(
            "start_import_date",
            self.start_import_date.map(|d| d.to_string()),
        );
        put(
            "included_statuses",
            Some(self.included_statuses.join(",")).filter(|s| !s.is_empty()),
        );
        q
    }
}

impl Client {
    /// `GET /accounts` with filters (every page).
    pub async fn accounts(&self, filter: &AccountFilter) -> Result<Vec<Account>, OxlinError> {
        super::every_page("GET /accounts", MAX_LIMIT, |page| async move {
            let mut call = self.api(Method::GET, "/accounts", true);
            call.query = vec![
                ("page".into(), page.to_string()),
                ("limit".into(), MAX_LIMIT.to_string()),
            ];
            if let Some(c) = &filter.connection_id {
                call.query.push(("connection_id".into(), c.clone()));
            }
            if let Some(k) = &filter.kind {
                call.query.push(("type".into(), k.as_str().to_owned()));
            }
            if let Some(s) = &filter.status {
                call.query.push(("status".into(), s.as_str().to_owned()));
            }
            self.send(call).await?.json_items()
        })
        .await
    }

    /// `GET /accounts/{id}`.
    pub async fn account(&self, id: &str) -> Result<Account, OxlinError> {
        let path = format!("/accounts/{}", seg(id));
        self.send(self.api(Method::GET, &path, true)).await?.json()
    }

    /// `PUT /accounts/{id}` `{"status":"CLOSED"}` (archive) or `"ACTIVE"` (unarchive).
    pub async fn set_archived(&self, id: &str, archived: bool) -> Result<(), OxlinError> {
        let body = AccountUpdate {
            status: Some(if archived {
                AccountStatus::Closed
            } else {
                AccountStatus::Active
            }),
            name: None,
        };
        let path = format!("/accounts/{}", seg(id));
        let call = super::with_json(self.api(Method::PUT, &path, true), &body)?;
        self.send(call).await.map(drop)
    }

    /// One page of `GET /transactions` (its unreadable items left out, see the module doc).
    pub async fn transactions_page(
        &self,
        filter: &TransactionFilter,
        page: usize,
        limit: usize,
    ) -> Result<Vec<Transaction>, OxlinError> {
        Ok(self.counted_page(filter, page, limit).await?.items)
    }

    async fn counted_page(
        &self,
        filter: &TransactionFilter,
        page: usize,
        limit: usize,
    ) -> Result<Page<Transaction>, OxlinError> {
        let mut call = self.api(Method::GET, "/transactions", true);
        call.query = filter.query();
        call.query.push(("page".into(), page.to_string()));
        call.query
            .push(("limit".into(), limit.min(MAX_LIMIT).to_string()));
        self.send(call).await?.json_items()
    }

    /// Every transaction matching `filter`, `concurrency` pages at a time (1 = one by one).
    pub async fn transactions(
        &self,
        filter: &TransactionFilter,
        limit: usize,
        concurrency: usize,
    ) -> Result<Vec<Transaction>, OxlinError> {
        let limit = limit.clamp(1, MAX_LIMIT);
        let concurrency = concurrency.max(1);
        let mut seen = HashSet::new();
        let mut all = Vec::new();
        let mut next_page = 1;
        loop {
            let pages =
                (next_page..next_page + concurrency).map(|p| self.counted_page(filter, p, limit));
            let batches = try_join_all(pages).await?;
            let mut finished = false;
            for (page, batch) in (next_page..).zip(batches) {
                finished |= batch.sent < limit;
                let before = all.len();
                let read = batch.items.len();
                all.extend(
                    batch
                        .items
                        .into_iter()
                        .filter(|t| seen.insert(t.id.clone())),
                );
                if !finished && read > 0 && all.len() == before {
                    let why = "the server sent a full page of transactions already seen";
                    return Err(super::endless("GET /transactions", page, why));
                }
                if all.len() > MAX_TRANSACTIONS || (!finished && page >= super::MAX_PAGES) {
                    let why = format!(
                        "more than {MAX_TRANSACTIONS} transactions or {} pages",
                        super::MAX_PAGES
                    );
                    return Err(super::endless("GET /transactions", page, &why));
                }
                if finished {
                    break;
                }
            }
            next_page += concurrency;
            if finished {
                return Ok(all);
            }
        }
    }

    /// What was imported since `last_import_date` (the latest `import_date` already stored).
    pub async fn transactions_since(
        &self,
        last_import_date: i64,
    ) -> Result<Vec<Transaction>, OxlinError> {
        let filter = TransactionFilter {
            start_import_date: Some(last_import_date),
            ..TransactionFilter::default()
        };
        self.transactions(&filter, MAX_LIMIT, 4).await
    }
}
