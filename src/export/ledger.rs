//! Ledger journal (the format of hledger and ledger-cli): one entry per transaction,
//! `!` when pending, its API id as the `coffre-id` tag, the bank account against
//! `Expenses:<Category>` or `Income:<Category>`, after one opening balance per account
//! ([`super::opening`]) so that each account's booked total is the bank's balance. A transfer
//! between two exported accounts ([`super::transfers`]) is one entry between them, each
//! posting tagged with its own transaction's `coffre-id`.
//!
//! Descriptions lose `;` (it starts a comment), a leading `(` becomes `[` (it would open a
//! transaction code) and amounts are written `-12.30 EUR`.

use std::io::Write;

use super::amount::amount_text;
use super::names::{account_name, commodity, counter_account};
use super::opening::{BookedSums, OPENING_ACCOUNT};
use super::source::ExportSource;
use super::transfers::{entries, later_sides, partners_in};
use crate::domain::Transaction;
use crate::sanitize::clean_line;

/// A description hledger reads as one: no `;` (a comment), no leading `(` (a code).
fn description(t: &Transaction) -> String {
    let label = clean_line(&t.label).replace(';', ",");
    let label = label.trim();
    // After the status flag, `(` opens a transaction code: hledger then wants its `)`.
    match label.strip_prefix('(') {
        Some(rest) => format!("[{rest}"),
        None => label.to_owned(),
    }
}

/// An id as a tag value (a `;` would end it).
fn tag_id(t: &Transaction) -> String {
    clean_line(t.id.raw()).replace(';', ",")
}

/// The posting of `t` on its bank account.
fn bank_posting(data: &dyn ExportSource, t: &Transaction) -> String {
    format!(
        "    {}    {} {}",
        account_name(data.account(&t.account_id), t.account_id.raw()),
        amount_text(t.amount.amount, &t.amount.currency),
        commodity(&t.amount.currency)
    )
}

/// Writes `data` as a ledger journal.
pub fn write(data: &dyn ExportSource, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "; coffre export (ledger journal)")?;
    // Three passes: sums and transfer pairs; the transfers' later sides; the entries.
    let mut sums = BookedSums::default();
    let partner = partners_in(data, &mut |t| sums.add(t))?;
    let later = later_sides(
        data,
        &partner,
        &|t| (bank_posting(data, t), tag_id(t)),
        &mut |_, _| {},
    )?;
    for opening in sums.openings(data.accounts()) {
        writeln!(out)?;
        writeln!(out, "{} * Opening balance", opening.date)?;
        writeln!(
            out,
            "    {}    {} {}",
            opening.account, opening.amount, opening.commodity
        )?;
        writeln!(out, "    {OPENING_ACCOUNT}")?;
    }
    entries(data, &partner, &later, &mut |t, other| {
        let flag = if t.is_pending() { '!' } else { '*' };
        writeln!(out)?;
        writeln!(out, "{} {flag} {}", t.filing_date(), description(t))?;
        match other {
            Some((other_posting, other_id)) => {
                writeln!(out, "{}  ; coffre-id: {}", bank_posting(data, t), tag_id(t))?;
                writeln!(out, "{other_posting}  ; coffre-id: {other_id}")?;
            }
            None => {
                writeln!(out, "    ; coffre-id: {}", tag_id(t))?;
                writeln!(out, "{}", bank_posting(data, t))?;
                writeln!(out, "    {}", counter_account(t))?;
            }
        }
        Ok(())
    })
}
