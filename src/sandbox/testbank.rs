//! The Linxo test bank (provider `87`): files in the public test-bank format that say what the
//! bank holds (`CREDENTIALS|…`, `ACCOUNT|…`, `TRANSACTION|…`, oxlin-api.md §8) and, through
//! directives of our own (namespaced `COFFRE_…`), how it behaves (challenges, failures, accounts
//! that appear later).
//!
//! Credential `302` of the EMBEDDED channel selects the file: a URL or a name whose file name
//! without `.txt` names a file shipped in `assets/testbank/` (nothing is fetched); empty means
//! `default`.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// What one test-bank file says the bank holds and does.
#[derive(Debug, Clone, PartialEq)]
pub struct TestBank {
    /// The file's name (`default`, `sms`, …).
    pub name: String,
    /// `CREDENTIALS|login|password` (the docs' default: `dev` / `dev`).
    pub login: String,
    pub password: String,
    /// `CREDENTIALS_OWNER|name`.
    pub owner: Option<String>,
    pub accounts: Vec<BankAccount>,
    /// A challenge the bank asks before listing accounts (`COFFRE_CHALLENGE|…`).
    pub challenge: Option<ChallengeScript>,
    /// A scripted failure instead of success (`COFFRE_FAIL|…`).
    pub failure: Option<ScriptedFailure>,
}

/// An `ACCOUNT|…` record and the `TRANSACTION|…` records that follow it.
#[derive(Debug, Clone, PartialEq)]
pub struct BankAccount {
    pub uid: String,
    pub number: String,
    pub balance_date: NaiveDate,
    pub balance: Decimal,
    /// The API's Account.type: `CHECKINGS`, `SAVINGS`, `LOAN` or `CREDIT_CARD`.
    pub account_type: String,
    pub owner: Option<String>,
    pub name: String,
    pub iban: Option<String>,
    pub currency: String,
    /// 0: listed from the first sync; n: appears on sync number n (0-based).
    pub appears_on_sync: u32,
    pub transactions: Vec<BankTransaction>,
}

/// A `TRANSACTION|…` record.
#[derive(Debug, Clone, PartialEq)]
pub struct BankTransaction {
    pub amount: Decimal,
    pub date: NaiveDate,
    pub label: String,
    pub notes: Option<String>,
    pub pending: bool,
    /// The API's Transaction.type (`DEBIT`, `CREDIT`, `CHECK`, …).
    pub transaction_type: String,
    pub category_id: String,
}

/// The challenge sequence a bank runs (the documented SMS one, oxlin-api.md §5.7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeScript {
    /// Shown through the `{phone}` param.
    pub phone: String,
    /// The right code (the docs' example: `123456`).
    pub code: String,
    /// Regexp of the code field (the docs: `^[0-9]{6}$`).
    pub code_regexp: String,
    /// Wrong codes allowed before TOO_MANY_ATTEMPTS.
    pub max_attempts: u32,
}

/// How a scripted connection fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScriptedFailure {
    /// The channel ends in PASSWORD_CHANGE_REQUIRED.
    PasswordChangeRequired,
    /// The channel ends in USER_ACTION_REQUIRED.
    UserActionRequired,
    /// The provider answers with an error: the sync fails (channel status from the directive).
    ProviderError { message: String },
}
