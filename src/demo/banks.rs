//! Who the stage demo is about, Camille Durand, and their banks, each with its story:
//!
//! - Crédit Agricole Paris et Île-de-France, through the bank's website (REDIRECT): the main
//!   bank (current and joint accounts, Livret A, LDDS, the mortgage, a Visa card, and a Swiss
//!   franc account), the sandbox's own `default` test-bank file; its PSD2 authorisation
//!   expires in [`RENEWAL_DAYS_LEFT`] days, so the dashboard asks to renew it;
//! - BoursoBank, through a form (EMBEDDED): a euro account fed from the main bank, a US dollar
//!   account paid by an American client, a savings book (`assets/demo/boursobank.txt`);
//! - Crédit Mutuel Île-de-France (EMBEDDED): the car loan and family savings; it asks the
//!   documented SMS code (`123456`) at every sync the user starts
//!   (`assets/demo/credit_mutuel.txt`), so right after the demo starts, the background refresh
//!   brings a bank waiting for a code.
//! - beside them, a German bank through finX (`super::german_bank`), so both aggregators show.
//!
//! The files use the sandbox's test-bank format and directives (`COFFRE_RECURRING` for the
//! salary, rent and subscriptions, `COFFRE_GENERATE` with a fixed seed for card payments).
//!
//! Docs gap (ours): the renewal bank runs the shipped `default` file because renewing a
//! channel in the sandbox (the bank's website or a new form) connects it to that file: the
//! renewal keeps the same data.
//!
//! The files end on [`DATA_TODAY`]; the demo moves every date of them by the same number of
//! days so that their year ends on the demo's today (the Paris day of the `now` the demo
//! started at, [`seeds`]): a demo shown in March shows March. Choice (ours): a shift by whole
//! days, so the gaps between transactions, the balances and the order stay as written (a rent
//! paid on the 3rd may read the 15th); the same `now` gives the same data.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, TimeDelta};
use chrono_tz::Europe::Paris;

use crate::sandbox::testbank::{self, BankSeed, ChallengeEvery, TestBank};

/// The last day of the demo data: every balance is dated this day (the files say so).
pub const DATA_TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 20) {
    Some(day) => day,
    None => panic!("a valid date"),
};

/// Days left before the renewal bank's authorisation expires, from the demo's start.
pub const RENEWAL_DAYS_LEFT: i64 = 9;

/// The right answer to the Crédit Mutuel's SMS challenge (the docs' example code).
pub const SMS_CODE: &str = "123456";

/// What a demo bank does besides holding its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Story {
    /// Nothing to do: it syncs.
    Plain,
    /// Its authorisation expires in [`RENEWAL_DAYS_LEFT`] days.
    Renewal,
    /// It asks an SMS code at every sync the user starts.
    AsksCode,
}

/// One bank of the demo.
#[derive(Debug, Clone, Copy)]
pub struct DemoBank {
    /// The bank's name in the sandbox's catalogue.
    pub name: &'static str,
    /// Its regional branch (`""` for a national bank).
    pub branch: &'static str,
    /// `REDIRECT` or `EMBEDDED`.
    pub mode: &'static str,
    /// The test-bank file: a shipped one by name, or the demo's own text.
    pub data: Data,
    pub story: Story,
}

/// Where a demo bank's test-bank file comes from.
#[derive(Debug, Clone, Copy)]
pub enum Data {
    /// A file the sandbox ships (`assets/testbank/NAME.txt`).
    Shipped(&'static str),
    /// The demo's own file: (name, text).
    Own(&'static str, &'static str),
}

/// Every bank of the demo, in the order they are connected.
pub const BANKS: &[DemoBank] = &[
    DemoBank {
        name: "Crédit Agricole",
        branch: "Paris et Île-de-France",
        mode: "REDIRECT",
        data: Data::Shipped("default"),
        story: Story::Renewal,
    },
    DemoBank {
        name: "BoursoBank",
        branch: "",
        mode: "EMBEDDED",
        data: Data::Own(
            "demo_boursobank",
            include_str!("../../assets/demo/boursobank.txt"),
        ),
        story: Story::Plain,
    },
    DemoBank {
        name: "Crédit Mutuel",
        branch: "Île-de-France",
        mode: "EMBEDDED",
        data: Data::Own(
            "demo_credit_mutuel",
            include_str!("../../assets/demo/credit_mutuel.txt"),
        ),
        story: Story::AsksCode,
    },
];

/// How the banks behave in this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asking {
    /// As their stories say (`coffre demo`).
    AsStoried,
    /// No bank asks a code on its own (`--autoplay`: the played onboarding brings its own, and
    /// a question from the background refresh would come between the script's keys).
    Quiet,
}

/// The sandbox seeds of every demo bank, at `now` (epoch seconds), their data moved to end on
/// `now`'s day.
pub fn seeds(now: i64, asking: Asking) -> Result<Vec<BankSeed>, String> {
    let shift = shift_to(now)?;
    BANKS
        .iter()
        .map(|bank| seed_of(bank, now, shift, asking))
        .collect()
}

/// How far the files' dates move so that [`DATA_TODAY`] becomes `now`'s day in Paris (where
/// the banks date their transactions).
pub fn shift_to(now: i64) -> Result<TimeDelta, String> {
    let today = DateTime::from_timestamp(now, 0)
        .ok_or_else(|| format!("the clock ({now} s) is out of range"))?
        .with_timezone(&Paris)
        .date_naive();
    Ok(today - DATA_TODAY)
}

/// Moves every date of `bank` by `shift`.
fn shift_dates(bank: &mut TestBank, shift: TimeDelta) {
    let moved = |day: NaiveDate| day.checked_add_signed(shift).unwrap_or(day);
    for account in &mut bank.accounts {
        account.balance_date = moved(account.balance_date);
        for tx in &mut account.transactions {
            tx.date = moved(tx.date);
        }
    }
}

fn seed_of(
    demo: &DemoBank,
    now: i64,
    shift: TimeDelta,
    asking: Asking,
) -> Result<BankSeed, String> {
    let mut bank: TestBank = match demo.data {
        Data::Shipped(name) => testbank::load(name)
            .map_err(|e| e.to_string())?
            .as_ref()
            .clone(),
        Data::Own(name, text) => testbank::parse(name, text).map_err(|e| e.to_string())?,
    };
    shift_dates(&mut bank, shift);
    let provider_id = testbank::provider_id(demo.name, demo.branch)
        .ok_or_else(|| format!("the sandbox knows no bank {} {}", demo.name, demo.branch))?;
    let quiet = asking == Asking::Quiet && demo.story == Story::AsksCode;
    if quiet {
        bank.challenge_every = ChallengeEvery::DEFAULT;
    }
    let expires = (demo.story == Story::Renewal).then_some(now + RENEWAL_DAYS_LEFT * 86_400);
    Ok(BankSeed {
        provider_id,
        mode: demo.mode,
        bank: Arc::new(bank),
        expires,
        strong_auth_at: quiet.then_some(now),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    /// Every date of the seeds: (balance dates, transaction dates).
    fn dates(seeds: &[BankSeed]) -> (Vec<NaiveDate>, Vec<NaiveDate>) {
        let accounts = || seeds.iter().flat_map(|s| s.bank.accounts.iter());
        let balances = accounts().map(|a| a.balance_date).collect();
        let transactions = accounts()
            .flat_map(|a| a.transactions.iter().map(|t| t.date))
            .collect();
        (balances, transactions)
    }

    #[test]
    fn the_demo_year_ends_on_the_day_the_demo_starts() {
        let march_15 = NaiveDate::from_ymd_opt(2027, 3, 15).unwrap();
        // 23:30 UTC on 14 March is already 15 March in Paris.
        let now = Utc.with_ymd_and_hms(2027, 3, 14, 23, 30, 0).unwrap();
        let (balances, moved) = dates(&seeds(now.timestamp(), Asking::AsStoried).unwrap());
        assert!(balances.iter().all(|d| *d == march_15), "{balances:?}");
        let as_written = Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap();
        let (_, written) = dates(&seeds(as_written.timestamp(), Asking::AsStoried).unwrap());
        let shift = march_15 - DATA_TODAY;
        assert_eq!(moved.len(), written.len());
        for (moved, written) in moved.iter().zip(&written) {
            assert_eq!(
                *moved - *written,
                shift,
                "every transaction moves by the same days"
            );
        }
    }

    #[test]
    fn the_files_own_today_leaves_the_data_as_written() {
        let now = Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap();
        assert_eq!(shift_to(now.timestamp()), Ok(TimeDelta::zero()));
        let (balances, _) = dates(&seeds(now.timestamp(), Asking::AsStoried).unwrap());
        assert!(balances.iter().all(|d| *d == DATA_TODAY));
    }
}
