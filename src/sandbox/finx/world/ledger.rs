//! The data of one access: its accounts and transactions, kept in one list sorted in ascending
//! order ([`query::sort_key`]), and the next "sync" of the bank (`next_sync`) that books or
//! drops pending lines and brings new ones.
//!
//! Paging is linear: a selection ([`Selection`]) is filtered once into a list of positions,
//! kept until the data or the selection changes, and every page is a slice of it, so reading
//! 25,000 transactions page by page never walks the earlier pages again.
//!
//! Choices for the "next sync" (ours; the docs do not say what happens to a pending line):
//! a pending line that books disappears and a booked line with a **new** `transaction_id`
//! (same amount, name and purpose, `created_at` = the sync) appears; every fourth pending line
//! is dropped (a card reservation released); two new pending card payments (today) and one
//! booked late card payment (yesterday) arrive. So a client must replace its pending lines with
//! each sync, as finX's "complete set" of pending lines suggests.

use chrono::{DateTime, NaiveDate, Utc};

use super::banks::TestBank;
use super::generate::{self, Generated, Request};
use super::query::{Page, QueryRefusal, Selection, SortOrder, sort_key};
use super::records::{AccountRecord, TransactionRecord};

/// What a sync changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyncReport {
    /// Pending lines now booked (under new ids).
    pub booked: usize,
    /// Pending lines gone without booking.
    pub dropped: usize,
    /// New lines (pending or booked).
    pub arrived: usize,
}

/// One access's accounts and transactions.
#[derive(Debug)]
pub struct Ledger {
    pub bank: &'static TestBank,
    pub access_id: String,
    serial: u64,
    pub accounts: Vec<AccountRecord>,
    /// Ascending by [`sort_key`].
    transactions: Vec<TransactionRecord>,
    next_transaction: u64,
    /// When the bank was last read (`status.synced_at`).
    pub synced_at: DateTime<Utc>,
    syncs: u64,
    /// The last selection and the positions it selects, ascending.
    cached: Option<(Selection, Vec<usize>)>,
}

impl Ledger {
    /// The data of a new access (`serial` numbers its ids).
    pub fn new(request: &Request<'_>) -> Self {
        let Generated {
            accounts,
            transactions,
        } = generate::generate(request);
        let mut ledger = Self {
            bank: request.bank,
            access_id: request.access_id.to_owned(),
            serial: request.serial,
            accounts,
            transactions: Vec::new(),
            next_transaction: 1,
            synced_at: request.now,
            syncs: 0,
            cached: None,
        };
        ledger.add(transactions);
        ledger
    }

    /// Gives ids to `arrivals` of the kept accounts and files them in order.
    fn add(&mut self, arrivals: Vec<TransactionRecord>) -> usize {
        let before = self.transactions.len();
        for mut tx in arrivals {
            if self.account(&tx.account_id).is_none() {
                continue;
            }
            tx.transaction_id = format!("T{}.{}", self.serial, self.next_transaction);
            self.next_transaction += 1;
            self.transactions.push(tx);
        }
        self.transactions
            .sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
        self.cached = None;
        self.transactions.len() - before
    }

    /// Keeps only the accounts `ids` (the user's choice in the widget) and their transactions.
    pub fn retain_accounts(&mut self, ids: &[String]) {
        self.accounts.retain(|a| ids.contains(&a.account_id));
        self.transactions.retain(|tx| ids.contains(&tx.account_id));
        self.cached = None;
    }

    /// The account `id`.
    pub fn account(&self, id: &str) -> Option<&AccountRecord> {
        self.accounts.iter().find(|a| a.account_id == id)
    }

    /// The balance of `account_id` in cents: its opening balance plus every booked amount.
    pub fn balance_cents(&self, account: &AccountRecord) -> i64 {
        account.opening_cents
            + self
                .transactions
                .iter()
                .filter(|tx| tx.booked && tx.account_id == account.account_id)
                .map(|tx| tx.amount_cents)
                .sum::<i64>()
    }

    /// The transaction `id`.
    pub fn transaction(&self, id: &str) -> Option<&TransactionRecord> {
        self.transactions.iter().find(|tx| tx.transaction_id == id)
    }

    /// One page of the transactions `selection` picks.
    pub fn select(
        &mut self,
        selection: &Selection,
        page: Page,
    ) -> Result<Vec<&TransactionRecord>, QueryRefusal> {
        if self.cached.as_ref().is_none_or(|(s, _)| s != selection) {
            let positions = self.positions(selection)?;
            self.cached = Some((selection.clone(), positions));
        }
        let positions = &self.cached.as_ref().expect("just filled").1;
        let total = positions.len();
        let start = page.offset.min(total);
        let end = start.saturating_add(page.count).min(total);
        let picked: Box<dyn Iterator<Item = &usize>> = match selection.sort {
            SortOrder::Ascending => Box::new(positions[start..end].iter()),
            SortOrder::Descending => Box::new(positions[total - end..total - start].iter().rev()),
        };
        Ok(picked.map(|&at| &self.transactions[at]).collect())
    }

    fn positions(&self, selection: &Selection) -> Result<Vec<usize>, QueryRefusal> {
        if let Some(accounts) = &selection.accounts
            && let Some(unknown) = accounts.iter().find(|id| self.account(id).is_none())
        {
            return Err(QueryRefusal::UnknownAccount(unknown.clone()));
        }
        let after = match &selection.since {
            Some(super::query::Since::AfterTransaction(id)) => Some(sort_key(
                self.transaction(id)
                    .ok_or_else(|| QueryRefusal::UnknownSince(id.clone()))?,
            )),
            _ => None,
        };
        Ok(self
            .transactions
            .iter()
            .enumerate()
            .filter(|(_, tx)| selection.keeps(tx, after))
            .map(|(at, _)| at)
            .collect())
    }

    /// The bank moves on: pending lines book (new ids) or drop, new lines arrive (see the
    /// module doc). `today` dates the new lines, `now` stamps them.
    pub fn next_sync(&mut self, today: NaiveDate, now: DateTime<Utc>) -> SyncReport {
        let mut report = SyncReport::default();
        let (pending, booked): (Vec<_>, Vec<_>) = std::mem::take(&mut self.transactions)
            .into_iter()
            .partition(|tx| !tx.booked);
        self.transactions = booked;
        let mut arrivals = Vec::new();
        for (index, mut tx) in pending.into_iter().enumerate() {
            if index % 4 == 3 {
                report.dropped += 1;
                continue;
            }
            tx.booked = true;
            tx.settled = Some(tx.date);
            tx.created_at = now;
            tx.modified_at = now;
            arrivals.push(tx);
            report.booked += 1;
        }
        self.syncs += 1;
        let request = Request {
            bank: self.bank,
            access_id: &self.access_id,
            serial: self.serial,
            owner: &self
                .accounts
                .first()
                .map(|a| a.owner.clone())
                .unwrap_or_default(),
            history_days: 2,
            today,
            now,
        };
        arrivals.extend(generate::arrivals(&request, self.syncs));
        report.arrived = self.add(arrivals) - report.booked;
        self.synced_at = now;
        report
    }

    /// How many transactions the access holds (pending included).
    pub fn len(&self) -> usize {
        self.transactions.len()
    }

    /// True when the access holds no transaction.
    pub fn is_empty(&self) -> bool {
        self.transactions.is_empty()
    }
}
