//! `coffre export`: the local store written out as CSV, ledger (hledger), beancount or OFX 2,
//! with no network. One account or all, from a date on.
//!
//! Every format carries each transaction's API id (CSV column `id`, ledger and beancount
//! metadata `coffre-id` / `coffre_id`, OFX `FITID`), so a re-export or a re-import deduplicates.
//! Amounts are the stored decimals, digit for digit. Bank text was sanitised when it was synced
//! and is sanitised again here (`crate::sanitize`), then escaped for the format.
//!
//! Ids are written as the aggregator spells them (`AccountId::raw`); `--account` takes that
//! raw Oxlin id, or a whole key (`oxlin:42`).
//!
//! Docs gaps (ours): pending transactions are flagged `!` in ledger and beancount, have status
//! `PENDING` in CSV, and are left out of OFX (a statement lists posted lines only); the counter
//! posting of ledger and beancount is `Expenses:<Category>` for money out and
//! `Income:<Category>` for money in, except transfers between two exported accounts
//! ([`transfers`]), posted once between them; loans and credit cards are `Liabilities`.
//! `--output FILE` is created `0600` ([`output`]): an export holds bank data.
//!
//! Exports stream: the writers read the transactions from an [`ExportSource`] one at a time,
//! as many passes as the format needs, and write as they read, so an export of a million rows
//! holds one row at a time (ledger and beancount also keep a few bytes per row to pair
//! transfers: [`transfers`]). [`ExportData`] is the same export held in memory.

pub mod amount;
pub mod beancount;
pub mod csv;
pub mod ledger;
pub mod names;
pub mod ofx;
pub mod opening;
pub mod output;
pub mod request;
pub mod source;
pub mod transfers;

pub use csv::Dialect;
pub use request::ExportRequest;
pub use source::{ExportSource, QueryRows, StoredRows};

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{NaiveDate, Utc};

use crate::domain::{Account, AccountId, Transaction};
use crate::store::{self, StoreError, TransactionQuery};

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated values.
    Csv,
    /// ledger / hledger journal.
    Ledger,
    /// beancount.
    Beancount,
    /// OFX.
    Ofx,
}

impl Format {
    /// The file extension of an export in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Ledger => "ledger",
            Format::Beancount => "beancount",
            Format::Ofx => "ofx",
        }
    }
}

/// `coffre export`.
#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// The file format: csv, ledger (hledger / ledger-cli), beancount or ofx.
    #[arg(long, value_enum)]
    pub format: Format,
    /// Write here instead of standard output (the file is created readable by you only).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// How the CSV is spelled: rfc4180 (`,`, decimal point) or excel-fr (`;`, decimal comma,
    /// UTF-8 BOM, for spreadsheets set to French). CSV only.
    #[arg(long, value_enum, default_value_t = Dialect::Rfc4180)]
    pub dialect: Dialect,
    /// Only this account: its id as the aggregator spells it (`10003`) or its key (`oxlin:10003`).
    #[arg(long, value_name = "ID")]
    pub account: Option<String>,
    /// Only transactions on or after this day (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<NaiveDate>,
    /// Read the sandbox's store (`sandbox.sqlite`) instead of the real one (the global
    /// `--config` chooses it too, as `coffre sync` does).
    #[arg(long)]
    pub sandbox: bool,
}

/// What an export writes, held in memory: accounts and their transactions, oldest first (the
/// streamed exports read the store instead: [`StoredRows`], [`QueryRows`]).
#[derive(Debug, Clone, Default)]
pub struct ExportData {
    pub accounts: Vec<Account>,
    /// Read back from the store: each `date` is the day it is filed under.
    pub transactions: Vec<Transaction>,
}

impl ExportData {
    /// Reads what `account` and `since` select from `store`, all at once (tests; an export
    /// streams them instead: [`StoredRows`]).
    pub fn load(
        store: &store::Store,
        account: Option<&str>,
        since: Option<NaiveDate>,
    ) -> Result<Self, StoreError> {
        let account = account.map(account_id);
        let accounts: Vec<_> = store
            .accounts()?
            .into_iter()
            .map(|a| a.account)
            .filter(|a| account.as_ref().is_none_or(|id| a.id == *id))
            .collect();
        let transactions = store.transactions(&TransactionQuery {
            account_id: account,
            since,
            oldest_first: true,
            ..TransactionQuery::default()
        })?;
        Ok(Self {
            accounts,
            transactions,
        })
    }
}

/// The account a user named: an id key (`oxlin:42`), else an Oxlin id as the API spells it.
pub fn account_id(text: &str) -> AccountId {
    AccountId::from_key(text).unwrap_or_else(|_| AccountId::oxlin(text))
}

/// Writes `data` in `format` to `out` (CSV in its default dialect).
pub fn write(format: Format, data: &dyn ExportSource, out: &mut dyn Write) -> std::io::Result<()> {
    write_with(format, Dialect::default(), data, out)
}

/// Writes `data` in `format` to `out`, a CSV in `dialect`.
pub fn write_with(
    format: Format,
    dialect: Dialect,
    data: &dyn ExportSource,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Csv => csv::write_dialect(data, dialect, out),
        Format::Ledger => ledger::write(data, out),
        Format::Beancount => beancount::write(data, out),
        Format::Ofx => ofx::write(data, Utc::now(), out),
    }
}

/// What the user should know about an export of `data` in `format`: the accounts it leaves out
/// and why (OFX requires a balance).
pub fn warnings(format: Format, data: &dyn ExportSource) -> Vec<String> {
    match format {
        Format::Ofx => ofx::left_out(data),
        Format::Csv | Format::Ledger | Format::Beancount => Vec::new(),
    }
}

/// Runs `coffre export` and returns the exit code.
pub fn run(args: &ExportArgs, config: Option<&Path>, data_dir: Option<&Path>) -> ExitCode {
    match run_inner(args, config, data_dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("coffre export: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run_inner(
    args: &ExportArgs,
    config: Option<&Path>,
    data_dir: Option<&Path>,
) -> Result<(), String> {
    let sandbox = args.sandbox
        || crate::config::load(config)
            .map_err(|e| e.to_string())?
            .and_then(|c| c.oxlin)
            .is_some_and(|o| o.is_sandbox());
    let data_dir = store::resolve_data_dir(data_dir).map_err(|e| e.to_string())?;
    let path = store::store_file(&data_dir, sandbox);
    if !path.exists() {
        return Err(format!(
            "nothing synced yet in {}: run `coffre sync` first",
            path.display()
        ));
    }
    let store = store::Store::open(&path).map_err(|e| e.to_string())?;
    let account = args.account.as_deref().map(account_id);
    let data = StoredRows::new(&store, account, args.since).map_err(|e| e.to_string())?;
    if let Some(account) = &args.account
        && data.accounts().is_empty()
    {
        return Err(format!(
            "no account `{}` in the store",
            crate::sanitize::clean_line(account)
        ));
    }
    for warning in warnings(args.format, &data) {
        eprintln!("coffre export: warning: {warning}");
    }
    match &args.output {
        Some(file) => output::write_private_with(file, &mut |out| {
            write_with(args.format, args.dialect, &data, out)
        })
        .map_err(|e| format!("cannot write {}: {e}", file.display())),
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            write_with(args.format, args.dialect, &data, &mut out)
                .and_then(|()| out.flush())
                .map_err(|e| format!("cannot write to standard output: {e}"))
        }
    }
}
