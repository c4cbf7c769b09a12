//! Ledger journal (the format of hledger and ledger-cli): one entry per transaction,
//! `!` when pending, its API id as the `coffre-id` tag, the bank account against
//! `Expenses:<Category>` or `Income:<Category>`, after one opening balance per account
//! ([`super::opening`]) so that each account's booked total is the bank's balance.
//!
//! Descriptions lose `;` (it starts a comment), a leading `(` becomes `[` (it would open a
//! transaction code) and amounts are written `-12.30 EUR`.

use std::io::Write;

use super::ExportData;
use super::names::{account_name, commodity, counter_account};
use super::opening::{OPENING_ACCOUNT, openings};
use crate::sanitize::clean_line;

/// Writes `data` as a ledger journal.
pub fn write(data: &ExportData, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "; coffre export (ledger journal)")?;
    for opening in openings(data) {
        writeln!(out)?;
        writeln!(out, "{} * Opening balance", opening.date)?;
        writeln!(
            out,
            "    {}    {} {}",
            opening.account, opening.amount, opening.commodity
        )?;
        writeln!(out, "    {OPENING_ACCOUNT}")?;
    }
    for t in &data.transactions {
        let flag = if t.is_pending() { '!' } else { '*' };
        let label = clean_line(&t.label).replace(';', ",");
        let label = label.trim();
        // After the status flag, `(` opens a transaction code: hledger then wants its `)`.
        let label = match label.strip_prefix('(') {
            Some(rest) => format!("[{rest}"),
            None => label.to_owned(),
        };
        writeln!(out)?;
        writeln!(out, "{} {flag} {label}", t.filing_date())?;
        writeln!(
            out,
            "    ; coffre-id: {}",
            clean_line(t.id.raw()).replace(';', ",")
        )?;
        writeln!(
            out,
            "    {}    {} {}",
            account_name(data.account(&t.account_id), t.account_id.raw()),
            t.amount.amount,
            commodity(&t.amount.currency)
        )?;
        writeln!(out, "    {}", counter_account(t))?;
    }
    Ok(())
}
