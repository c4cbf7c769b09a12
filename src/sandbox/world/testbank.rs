//! The Linxo test bank (provider `87`): files in the public test-bank format that say what the
//! bank holds (`CREDENTIALS|…`, `ACCOUNT|…`, `TRANSACTION|…`, oxlin-api.md §8) and, through
//! directives of our own (namespaced `COFFRE_…`), how it behaves (challenges, failures, accounts
//! that appear later, transaction details, recurring and generated transactions).
//!
//! Credential `302` of the EMBEDDED channel selects the file: a URL or a name whose file name
//! without `.txt` names a file shipped in `assets/testbank/` (nothing is fetched); empty means
//! `default`. `https://www.dropbox.com/s/2j3d4gcrd031fkc/sanity.txt?dl=1` (the seed's example)
//! selects `sanity`. Files are embedded in the binary and parsed once (cached).
//!
//! # Shipped files
//! `default` (login `dev` / `dev`, every account type, EUR and CHF, a year of transactions),
//! `sanity` (a small plain bank), `sms` (the documented SMS challenge, asked again after 90
//! days), `sms_every_sync` (the same, asked at every user-started sync), `large` (≥ 100,000
//! generated transactions), `medium` (10,000 generated transactions, for syncs over a flaky
//! link in tests), and scenarios: `wrong_password` (its credentials are `dev` /
//! `wrong-on-purpose`, so `dev`/`dev` ends in AUTH_FAILED), `password_change`, `user_action`,
//! `new_accounts` (an account that appears on the second sync), `provider_error`, `reconcile`
//! (pending lines booked, revised and dropped on later syncs, `COFFRE_ON_SYNC`).
//!
//! # Grammar
//! One record per line, fields separated by `|`, each field trimmed. Blank lines and lines
//! starting with `#` are ignored. Dates are `DD/MM/YY` (20YY) or `DD/MM/YYYY`; amounts are
//! decimals with `.` or `,` (signed: a debit is negative).
//!
//! Public records (oxlin-api.md §8):
//! - `CREDENTIALS|<login>|<password>`: defaults to `dev` / `dev` when absent.
//! - `CREDENTIALS_OWNER|<owner name>`
//! - `ACCOUNT|<uid>|<number>|<balance_date>|<balance>|<type>|<acceptable_uid_regexp>|
//!   <match_existing>|<owner>|<name>|<payment_source>|<payment_destination>|<iban>|<currency>`,
//!   type `Checkings`, `Savings`, `Loans` or `CreditCard` (→ `CHECKINGS`, `SAVINGS`, `LOAN`,
//!   `CREDIT_CARD`). Docs gap: fields after the type may be left out; they default to empty /
//!   `false`, and the currency to `EUR`. An empty name falls back to the number.
//! - `TRANSACTION|<amount>|<date>|<label>`: belongs to the ACCOUNT above it.
//!
//! Our directives (the public syntax for these is not published, oxlin-api.md §11):
//! - `COFFRE_TX|key=value|…`: details of the TRANSACTION just above: `notes=…` (`\n` is a line
//!   break), `pending` (or `pending=true`), `booked_on_sync=N` (pending on the connection's syncs
//!   before N, booked from sync N on; syncs are numbered from 0, each one that lists accounts
//!   counting, so the first sync after the connection's creation is 1), `type=DIRECT_DEBIT` (a
//!   Transaction.type; default `DEBIT` for a negative amount, `CREDIT` otherwise),
//!   `category=SERVICES` (default `UNCATEGORIZED`).
//! - `COFFRE_RECURRING|<amount>|<start date>|<every>|<count>|<label>|key=value…`: `count`
//!   transactions on the account above, from `start`, every `<n>d` days, `<n>w` weeks or `<n>m`
//!   months (same day of month, clamped to its end); the `key=value` fields are COFFRE_TX's.
//! - `COFFRE_GENERATE|<count>|<seed>|<start date>|<end date>`: `count` deterministic,
//!   realistic card payments, debits and credits on the account above, spread between the two
//!   dates (same seed, same transactions); those dated in the last 3 days are pending.
//! - `COFFRE_ON_SYNC|<n>|<change>|…`: what the TRANSACTION just above becomes from the
//!   connection's sync `n` on: `appear` (not listed before), `book` (as `booked_on_sync=n`),
//!   `drop` (a pending line the bank stops listing), `amount=<amount>`, `label=<label>` (revised
//!   under the same id). Several changes may share a line; see [`later`].
//! - `COFFRE_APPEARS_ON_SYNC|<account uid>|<n>`: the account is listed from the connection's sync
//!   number `n` on (0 = the first sync, the default).
//! - `COFFRE_CHALLENGE|SMS|<phone>|<code>|<code regexp>|<max attempts>`: the bank asks the
//!   documented SMS challenge before listing accounts (oxlin-api.md §5.7).
//! - `COFFRE_CHALLENGE_EVERY|<n>d` or `COFFRE_CHALLENGE_EVERY|sync`: how often the challenge is
//!   asked on the syncs the user starts. Default `90d`, as real PSD2 banks do: strong customer
//!   authentication at most every 90 days per channel, so once a right code came in, the syncs of
//!   the next 90 days ask nothing. `sync` asks at every user-started sync (for tests of the
//!   challenge on a sync; the shipped `sms_every_sync` file does). The first sync of a channel
//!   always asks.
//! - `COFFRE_FAIL|PASSWORD_CHANGE_REQUIRED`, `COFFRE_FAIL|USER_ACTION_REQUIRED`,
//!   `COFFRE_FAIL|PROVIDER_ERROR|<message>`: the bank fails that way (after the credentials are
//!   checked: wrong credentials are AUTH_FAILED whatever the file says).
//!
//! A parse error names the file, the line number and what is wrong.

mod fields;
mod files;
mod generate;
mod later;
mod parse;
mod seed;
mod seed_bank;

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::NaiveDate;
use rust_decimal::Decimal;

pub use files::KNOWN_FILES;
pub use later::{Later, Listed, Revision};
pub use parse::parse;
pub use seed::{Seeded, seed, seed_parsed, seed_user, sync_again};
pub use seed_bank::{BankSeed, SeededConnection, provider_id, seed_bank};

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
    /// How often the challenge is asked (`COFFRE_CHALLENGE_EVERY|…`; default every 90 days).
    pub challenge_every: ChallengeEvery,
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
    /// The public format's fields the emulator keeps but does not act on.
    pub acceptable_uid_regexp: String,
    pub match_existing: bool,
    pub payment_source: bool,
    pub payment_destination: bool,
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
    /// With `pending`: the connection sync from which the bank books it (None: stays pending).
    pub booked_on_sync: Option<u32>,
    /// Whether it appears, is dropped or revised on a later sync (`COFFRE_ON_SYNC`).
    pub later: Later,
}

impl BankTransaction {
    /// Is this transaction pending at the connection's sync number `sync_number`?
    pub fn is_pending_at(&self, sync_number: u32) -> bool {
        self.pending && self.booked_on_sync.is_none_or(|n| sync_number < n)
    }
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

/// How often a bank asks its challenge again after a right answer (`COFFRE_CHALLENGE_EVERY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChallengeEvery {
    /// At every sync the user starts.
    Sync,
    /// When the last right answer on the channel is this many days old or more.
    Days(u32),
}

impl ChallengeEvery {
    /// PSD2's strong customer authentication: at most every 90 days.
    pub const DEFAULT: ChallengeEvery = ChallengeEvery::Days(90);

    /// Whether a sync at `now` (epoch seconds) asks, the last right answer being at `last`.
    pub fn asks(self, last: Option<i64>, now: i64) -> bool {
        match (self, last) {
            (ChallengeEvery::Sync, _) | (_, None) => true,
            (ChallengeEvery::Days(days), Some(last)) => now - last >= i64::from(days) * 86_400,
        }
    }
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

/// Why a test-bank file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestBankError {
    /// Credential 302 names no shipped file.
    UnknownFile { name: String, known: Vec<String> },
    /// A line of a file breaks the grammar.
    Parse {
        file: String,
        line: usize,
        message: String,
    },
    /// The parsed bank could not be given to a user (an unknown provider or channel).
    Seed(String),
}

impl fmt::Display for TestBankError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownFile { name, known } => write!(
                f,
                "unknown test-bank file `{name}`; the sandbox ships: {}",
                known.join(", ")
            ),
            Self::Parse {
                file,
                line,
                message,
            } => write!(f, "test-bank file `{file}.txt`, line {line}: {message}"),
            Self::Seed(why) => write!(f, "cannot seed the test bank: {why}"),
        }
    }
}

impl std::error::Error for TestBankError {}

/// The test bank credential 302 selects: a URL or a name (see the module doc). Parsed once.
/// A bank [`register`]ed under that name in this process wins over the shipped files.
pub fn load(selector: &str) -> Result<Arc<TestBank>, TestBankError> {
    let name = file_name(selector);
    let cached = loaded().get(&name).cloned();
    if let Some(bank) = cached {
        return Ok(bank);
    }
    let text = files::text(&name).ok_or_else(|| TestBankError::UnknownFile {
        name: name.clone(),
        known: KNOWN_FILES.iter().map(|(n, _)| (*n).to_owned()).collect(),
    })?;
    // Parsed outside the lock: two first loads may both parse, the result is the same.
    let bank = Arc::new(parse(&name, text)?);
    loaded().insert(name, Arc::clone(&bank));
    Ok(bank)
}

/// Makes `bank` selectable as credential 302 `name` in this process's sandboxes, as if it were a
/// shipped file (the benchmarks reach `large` scaled to a million transactions through the
/// TUI's real onboarding this way). Never persisted: a sandbox restarted in another process
/// does not know it.
pub fn register(name: &str, bank: Arc<TestBank>) {
    loaded().insert(file_name(name), bank);
}

/// The banks parsed (or registered) so far, by file name.
fn loaded() -> std::sync::MutexGuard<'static, HashMap<String, Arc<TestBank>>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<TestBank>>>> = OnceLock::new();
    CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The file name a selector names: the last path segment of a URL (query and fragment dropped)
/// or of a plain name, without `.txt`; `default` when empty.
pub fn file_name(selector: &str) -> String {
    let selector = selector.trim();
    let path = match url::Url::parse(selector) {
        Ok(url) => url.path().to_owned(),
        Err(_) => selector.split(['?', '#']).next().unwrap_or("").to_owned(),
    };
    let last = path.rsplit('/').next().unwrap_or("");
    let name = last
        .strip_suffix(".txt")
        .or_else(|| last.strip_suffix(".TXT"))
        .unwrap_or(last);
    if name.is_empty() {
        "default".to_owned()
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod tests;
