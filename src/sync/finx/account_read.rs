//! Reading one finX account's transactions, incrementally after the first time, and writing
//! them in one `Store::apply_pages` group.
//!
//! The first read of an account lists everything (`include_pending`, no `since`). The next
//! ones ask `since` = the first day of the reconcile window, `since_type=booked`
//! (finx-api.md §4.5): [`REREAD_DAYS`] days before the latest line stored (or before today,
//! when a line is dated later), or the day of the oldest line still pending when that is
//! earlier (`Store::reread_since`, Oxlin's rule), minus one day of margin, so a line booked
//! since the last sync (a pending one booked under a new id, finx-api.md §9) or revised soon
//! after its booking is read again; upserts by id make the overlap harmless.
//!
//! Pending lines: `include_pending` makes finX answer the complete set of them whatever
//! `since` says ([PY-finX], finx-api.md §4.5), so the read still lists every pending line of
//! the account, and `store::pages` drops, in the transaction that writes the read, every
//! stored pending line it did not list (`Progress::from` stays `None`: the whole account is
//! the window for pending lines).
//!
//! Docs gap (ours): a line finX books more than [`REREAD_DAYS`] days before the latest line
//! stored is not read by an incremental sync (banks book within days; the Oxlin sync makes
//! the same bet). `since` is a date, so the boundary day comes again.

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::domain::{Account, Connection, Transaction};
use crate::finx::Client;
use crate::finx::client::{SinceType, TransactionFilter};
use crate::finx::to_domain;
use crate::store::{Pages, Store};
use crate::sync::fetch::REREAD_DAYS;

use super::LinkError;

/// The filter of the next read of `account`: everything the first time, the reconcile window
/// after that (see the module doc).
pub fn filter_for(
    store: &Store,
    account: &Account,
    today: NaiveDate,
) -> Result<TransactionFilter, LinkError> {
    let window = store.reread_since(&account.id, REREAD_DAYS, today)?;
    let since = window.map(|day| day.checked_sub_days(Days::new(1)).unwrap_or(day));
    Ok(TransactionFilter {
        accounts: vec![account.id.raw().to_owned()],
        since: since.map(|day| day.format("%Y-%m-%d").to_string()),
        since_type: since.map(|_| SinceType::Booked),
        include_pending: Some(true),
        ..TransactionFilter::default()
    })
}

/// Reads `account`'s transactions (see the module doc) and writes them as one group, as of
/// `now`: how many were not stored before.
pub async fn read_account(
    client: &Client,
    store: &mut Store,
    connection: &Connection,
    account: &Account,
    now: DateTime<Utc>,
) -> Result<usize, LinkError> {
    let filter = filter_for(store, account, now.date_naive())?;
    let lines: Vec<Transaction> = client
        .transactions(&filter)
        .await?
        .iter()
        .map(to_domain::transaction)
        .filter(|line| line.account_id == account.id)
        .collect();
    let whole_read = Pages::whole_read(connection, account, &lines, now);
    Ok(store.apply_pages(&whole_read, now)?.new_transactions)
}
