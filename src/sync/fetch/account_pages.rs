//! Reading one account's transactions a few pages at a time, each group written to the store as
//! soon as it arrives (`Store::apply_pages`: whole pages, with where the read stands), so a read
//! that fails or is killed halfway keeps what it downloaded and the next sync resumes it: from
//! the same `start_import_date`, at the last page it wrote (read again: a line the bank
//! inserted or removed before that point between the two runs shifts the pages by that much,
//! and the overlap catches it). The last group reconciles the re-read window.
//!
//! A failed page (after the client's retries) costs only itself and the pages after it: the
//! pages of its group read before it are written, and one fetched ahead past the end of the
//! list, after the short page that ends it, fails nothing. (Before, any failed page of a group
//! of four discarded the group: a run that had read a whole bank could still end in 75 on a
//! page past its end.)
//!
//! Fetching and writing overlap: a task of its own reads and decodes the next group of pages
//! while the store writes the one before (a bounded channel between them, [`GROUPS_AHEAD`]
//! groups waiting at most). What is written, and when a read stops, is as before: groups in
//! page order, each one whole pages, the progress with it. When the writer is the slower side
//! (a big first read), the groups waiting when it is ready are written together, in one store
//! transaction of up to [`LINES_PER_WRITE`] lines: a commit costs the index pages it dirtied,
//! and a bigger one dirties each page once for many lines (perf of `benches/store_million`).
//!
//! Incremental reads are narrowed by transaction date too (`Store::reread_since`): the last
//! [`REREAD_DAYS`] days before the latest line stored and every pending line, AND the import
//! window, so a bank imported in one batch is no longer read whole at every sync for the two
//! weeks its import date stays in the window.
//!
//! Docs gap (ours): a line the bank imports late, dated more than [`REREAD_DAYS`] days before
//! the latest line stored, is not read (banks import a line within days of its date). The
//! `start_date` filter is on `date`: a line without one would not be listed; every line the
//! docs show has one.
//!
//! Docs gap: the API does not say that its pages are stable between two calls. They are ordered
//! by `import_date` then `id`, so new imports go at the end; only a removed line moves earlier
//! pages, by one line per removal, which the one-page overlap covers.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use futures_util::future::join_all;
use tokio::sync::mpsc;

use super::recent_ids::RecentIds;
use super::{FetchError, PAGE_CONCURRENCY, PAGE_SIZE, REREAD_DAYS, REREAD_WINDOW};
use crate::domain::{Account, Connection, Transaction};
use crate::oxlin::client::Client;
use crate::oxlin::endpoints::TransactionFilter;
use crate::oxlin::error::OxlinError;
use crate::oxlin::to_domain;
use crate::store::{Pages, Progress, Store};

/// Groups fetched ahead of the writer: up to this many wait in the channel while the writer
/// stores the ones before them (and one more is being fetched), so memory stays a few groups
/// whatever the account's size.
const GROUPS_AHEAD: usize = 2;

/// The most lines the writer takes in one store transaction when groups are waiting: each
/// commit writes every index page its rows dirtied, and rows of a big bank land on the same
/// pages of the random-key indexes (`id`, label, amount) group after group, so one commit of
/// several waiting groups writes each such page once instead of once per group (perf of
/// `benches/store_million`). A kill still loses at most the groups of one write. Three groups at
/// most: five (10,000 lines, four waiting) saved a few percent more of the writes' time and
/// raised the headless sync's peak memory from 62–68 MB to 70–72 MB (120,000 lines).
const LINES_PER_WRITE: usize = 6_000;

/// Reads `account`'s transactions (resuming an unfinished read) and writes them to `store` a
/// group of pages at a time; returns how many were not stored before.
///
/// The pages are fetched and decoded by a task of their own ([`fetch_groups`]) while this
/// function writes the group before: fetching and writing overlap, the store's single writer
/// never waits for the network unless the network is the slower of the two.
pub async fn read_account(
    client: &Client,
    store: &mut Store,
    connection: &Connection,
    account: &Account,
    now: DateTime<Utc>,
) -> Result<usize, FetchError> {
    let mut progress = match store.progress(&account.id)? {
        Some(progress) => progress,
        None => Progress {
            from: store.reread_from(&account.id, REREAD_WINDOW)?,
            pages_done: 0,
            started_at: now.timestamp(),
        },
    };
    // An incremental read (`from` set) also starts at a transaction date. That date moves as
    // lines are written and booked, and the pages with it: a resumed incremental read (a
    // page or two) starts again at page 1; a first read (everything) resumes where it stood.
    let since = match progress.from {
        Some(_) => store.reread_since(&account.id, REREAD_DAYS, paris_day(now))?,
        None => None,
    };
    let filter = TransactionFilter {
        account_id: Some(account.id.raw().to_owned()),
        start_import_date: progress.from,
        start_date: since.map(start_of_day_before),
        ..TransactionFilter::default()
    };
    let first = match since {
        Some(_) => 1,
        None => progress.pages_done.max(1),
    };
    let (sender, mut groups) = mpsc::channel(GROUPS_AHEAD);
    let fetcher = Fetcher(tokio::spawn(fetch_groups(
        client.clone(),
        filter,
        first,
        sender,
    )));
    let mut new = 0;
    while let Some(mut group) = groups.recv().await {
        // Groups already waiting join this write (the writer is the slower side of a big read).
        while group.continues() && group.lines.len() < LINES_PER_WRITE {
            match groups.try_recv() {
                Ok(next) => group.absorb(next),
                Err(_) => break,
            }
        }
        if let Some(pages_done) = group.pages_done {
            // The pages read before a failed one are kept; a failed page past the end of the
            // list (fetched ahead) fails nothing: the read is complete.
            progress.pages_done = pages_done;
            let pages = Pages {
                connection,
                account,
                lines: &group.lines,
                progress,
                last: group.last,
            };
            new += store.apply_pages(&pages, now)?.new_transactions;
        }
        if group.last {
            return Ok(new);
        }
        if let Some(error) = group.failed {
            return Err(error.into());
        }
    }
    drop(fetcher);
    Err(FetchError::Api(OxlinError::Network {
        call: "GET /transactions".to_owned(),
        reason: "the page reader stopped before the end of the list".to_owned(),
    }))
}

/// The page-reading task, stopped when the read ends early (a store error): dropping the
/// reader drops its half-read pages.
struct Fetcher(tokio::task::JoinHandle<()>);

impl Drop for Fetcher {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A group of up to [`PAGE_CONCURRENCY`] whole pages, as read, in domain values.
struct Group {
    /// The lines of the pages read (each id once in the group and the one before: `RecentIds`).
    lines: Vec<Transaction>,
    /// The last page read (`None`: none, the first page of the group failed).
    pages_done: Option<usize>,
    /// The read's last group: a short page ended the list.
    last: bool,
    /// The page that failed (after the client's retries): the read stops there.
    failed: Option<OxlinError>,
}

impl Group {
    /// True when the read goes on after this group (it is not the last, no page failed).
    fn continues(&self) -> bool {
        !self.last && self.failed.is_none()
    }

    /// Takes in `next`, the group read right after this one (which [`continues`]): its lines,
    /// then where the read stands after it.
    ///
    /// [`continues`]: Group::continues
    fn absorb(&mut self, next: Group) {
        self.lines.extend(next.lines);
        self.pages_done = next.pages_done.or(self.pages_done);
        self.last = next.last;
        self.failed = next.failed;
    }
}

/// Reads the pages of `filter` from page `next` on, [`PAGE_CONCURRENCY`] at a time, and sends
/// each group to `groups` until the list ends, a page fails, or the writer stops listening.
async fn fetch_groups(
    client: Client,
    filter: TransactionFilter,
    mut next: usize,
    groups: mpsc::Sender<Group>,
) {
    let mut seen = RecentIds::default();
    loop {
        seen.next_group();
        let pages = (next..next + PAGE_CONCURRENCY)
            .map(|page| client.transactions_page(&filter, page, PAGE_SIZE));
        let answers = join_all(pages).await;
        let mut group = Group {
            lines: Vec::with_capacity(PAGE_CONCURRENCY * PAGE_SIZE),
            pages_done: None,
            last: false,
            failed: None,
        };
        for (page, answer) in (next..).zip(answers) {
            let batch = match answer {
                Ok(batch) => batch,
                Err(error) => {
                    group.failed = Some(error);
                    break;
                }
            };
            let before = group.lines.len();
            let full = batch.len() >= PAGE_SIZE;
            let fresh = batch.into_iter().filter(|t| seen.first_time(&t.id));
            group
                .lines
                .extend(fresh.map(|t| to_domain::transaction(&t)));
            group.pages_done = Some(page);
            // A short page ends the list; a full page of lines already read this run means
            // the server ignores `page`: stop there rather than page for ever.
            if !full || group.lines.len() == before {
                group.last = true;
                break;
            }
        }
        let done = group.last || group.failed.is_some();
        if groups.send(group).await.is_err() || done {
            return;
        }
        next += PAGE_CONCURRENCY;
    }
}

/// The day `now` is in Paris (Oxlin's dates are Paris days).
fn paris_day(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Paris).date_naive()
}

/// `start_date` for a read that must list every line dated `day` or later: midnight in Paris
/// of the day before (one day of margin: a line on the boundary comes again, upserts make that
/// harmless, and a pending line is never left out by a time-zone slip and then dropped).
fn start_of_day_before(day: NaiveDate) -> i64 {
    let before = day.pred_opt().unwrap_or(day);
    Paris
        .from_local_datetime(&before.and_time(chrono::NaiveTime::MIN))
        .earliest()
        .map_or_else(
            || {
                before
                    .and_time(chrono::NaiveTime::MIN)
                    .and_utc()
                    .timestamp()
            },
            |t| t.timestamp(),
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AccountId, Booking, Money, TransactionId};

    fn line(n: usize) -> Transaction {
        Transaction {
            id: TransactionId::oxlin(&format!("t{n}")),
            account_id: AccountId::oxlin("a"),
            amount: Money::new(rust_decimal::Decimal::ONE, "EUR"),
            date: None,
            value_date: None,
            booking_date: None,
            imported_at: None,
            booking: Booking::Booked,
            label: format!("line {n}"),
            notes: None,
            category: None,
            kind: None,
        }
    }

    /// A group of the pages `first..=last`, one line a page.
    fn pages(first: usize, last: usize) -> Group {
        Group {
            lines: (first..=last).map(line).collect(),
            pages_done: Some(last),
            last: false,
            failed: None,
        }
    }

    fn page_failed() -> OxlinError {
        OxlinError::Network {
            call: "GET /transactions".to_owned(),
            reason: "reset".to_owned(),
        }
    }

    #[test]
    fn groups_waiting_for_the_writer_are_written_as_one_with_every_page_in_order() {
        let mut write = pages(1, 4);
        write.absorb(pages(5, 8));
        let mut end = pages(9, 9);
        end.last = true;
        write.absorb(end);
        let ids: Vec<String> = write.lines.iter().map(|t| t.id.raw().to_owned()).collect();
        let expected: Vec<String> = (1..=9).map(|n| format!("t{n}")).collect();
        assert_eq!(ids, expected);
        assert_eq!(write.pages_done, Some(9));
        assert!(
            write.last,
            "the read's last group ends the joined write too"
        );
        assert!(!write.continues());
    }

    #[test]
    fn a_page_failing_after_waiting_groups_keeps_the_pages_read_before_it() {
        let mut write = pages(1, 4);
        let failed_at_once = Group {
            lines: Vec::new(),
            pages_done: None,
            last: false,
            failed: Some(page_failed()),
        };
        write.absorb(failed_at_once);
        assert_eq!(
            write.pages_done,
            Some(4),
            "the progress stays at the last page read"
        );
        assert_eq!(write.lines.len(), 4);
        assert!(
            write.failed.is_some(),
            "the read still stops at the failed page"
        );
        assert!(!write.continues(), "nothing is joined after a failed page");
    }
}
