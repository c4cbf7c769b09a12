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
//!
//! The files use the sandbox's test-bank format and directives (`COFFRE_RECURRING` for the
//! salary, rent and subscriptions, `COFFRE_GENERATE` with a fixed seed for card payments).
//!
//! Docs gap (ours): the renewal bank runs the shipped `default` file because renewing a
//! channel in the sandbox (the bank's website or a new form) connects it to that file: the
//! renewal keeps the same data.

use std::sync::Arc;

use chrono::NaiveDate;

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

/// The sandbox seeds of every demo bank, at `now` (epoch seconds).
pub fn seeds(now: i64, asking: Asking) -> Result<Vec<BankSeed>, String> {
    BANKS
        .iter()
        .map(|bank| seed_of(bank, now, asking))
        .collect()
}

fn seed_of(demo: &DemoBank, now: i64, asking: Asking) -> Result<BankSeed, String> {
    let mut bank: TestBank = match demo.data {
        Data::Shipped(name) => testbank::load(name)
            .map_err(|e| e.to_string())?
            .as_ref()
            .clone(),
        Data::Own(name, text) => testbank::parse(name, text).map_err(|e| e.to_string())?,
    };
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
