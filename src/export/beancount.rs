//! Beancount: an `open` for every account used (dated 1970-01-01, so any `--since` keeps the
//! file valid), then one transaction per line, `!` when pending, its API id as `coffre_id`
//! metadata, the bank account against `Expenses:<Category>` or `Income:<Category>`, after one
//! opening balance per account ([`super::opening`]) so that each account's booked total is the
//! bank's balance. A transfer between two exported accounts ([`super::transfers`]) is one
//! transaction between them, each posting with its own transaction's `coffre_id`.
//!
//! Both postings carry their amount: beancount fills an elided one by quantizing in Python's
//! 28-digit decimal context, and crashes (`decimal.InvalidOperation`) on an amount of more
//! digits, which Decimal allows (found by tests/it/export_fuzz.rs).

use std::collections::BTreeSet;
use std::io::Write;

use super::amount::amount_text;
use super::names::{account_name, commodity, counter_account};
use super::opening::{BookedSums, OPENING_ACCOUNT};
use super::source::ExportSource;
use super::transfers::{entries, later_sides, partners_in};
use crate::domain::Transaction;
use crate::sanitize::clean_line;

/// The posting of `t` on its bank account.
fn bank_posting(data: &dyn ExportSource, t: &Transaction) -> String {
    format!(
        "  {}  {} {}",
        account_name(data.account(&t.account_id), t.account_id.raw()),
        amount_text(t.amount.amount, &t.amount.currency),
        commodity(&t.amount.currency)
    )
}

/// A beancount string literal.
fn quoted(text: &str) -> String {
    format!(
        "\"{}\"",
        clean_line(text).replace('\\', "\\\\").replace('"', "\\\"")
    )
}

/// Writes `data` as a beancount file.
pub fn write(data: &dyn ExportSource, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "; coffre export (beancount)")?;
    // Three passes: sums and transfer pairs; the accounts used and the transfers' later
    // sides; the entries.
    let mut sums = BookedSums::default();
    let partner = partners_in(data, &mut |t| sums.add(t))?;
    let openings = sums.openings(data.accounts());
    let mut opened = BTreeSet::new();
    for opening in &openings {
        opened.insert(opening.account.clone());
        opened.insert(OPENING_ACCOUNT.to_owned());
    }
    let later = later_sides(
        data,
        &partner,
        &|t| (bank_posting(data, t), quoted(t.id.raw())),
        &mut |i, t| {
            opened.insert(account_name(
                data.account(&t.account_id),
                t.account_id.raw(),
            ));
            if partner.get(i).copied().flatten().is_none() {
                opened.insert(counter_account(t));
            }
        },
    )?;
    for account in &opened {
        writeln!(out, "1970-01-01 open {account}")?;
    }
    for opening in &openings {
        writeln!(out)?;
        writeln!(out, "{} * \"Opening balance\"", opening.date)?;
        writeln!(
            out,
            "  {}  {} {}",
            opening.account, opening.amount, opening.commodity
        )?;
        writeln!(
            out,
            "  {OPENING_ACCOUNT}  {} {}",
            -opening.amount, opening.commodity
        )?;
    }
    entries(data, &partner, &later, &mut |t, other| {
        let flag = if t.is_pending() { '!' } else { '*' };
        writeln!(out)?;
        writeln!(out, "{} {flag} {}", t.filing_date(), quoted(&t.label))?;
        match other {
            Some((other_posting, other_id)) => {
                writeln!(out, "{}", bank_posting(data, t))?;
                writeln!(out, "    coffre_id: {}", quoted(t.id.raw()))?;
                writeln!(out, "{other_posting}")?;
                writeln!(out, "    coffre_id: {other_id}")?;
            }
            None => {
                writeln!(out, "  coffre_id: {}", quoted(t.id.raw()))?;
                writeln!(out, "{}", bank_posting(data, t))?;
                writeln!(
                    out,
                    "  {}  {} {}",
                    counter_account(t),
                    amount_text(-t.amount.amount, &t.amount.currency),
                    commodity(&t.amount.currency)
                )?;
            }
        }
        Ok(())
    })
}
