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

use super::ExportData;
use super::amount::amount_text;
use super::names::{account_name, commodity, counter_account};
use super::opening::{OPENING_ACCOUNT, openings};
use super::transfers::partners;
use crate::domain::Transaction;
use crate::sanitize::clean_line;

/// The posting of `t` on its bank account.
fn bank_posting(data: &ExportData, t: &Transaction) -> String {
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
pub fn write(data: &ExportData, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "; coffre export (beancount)")?;
    let openings = openings(data);
    let mut opened = BTreeSet::new();
    for opening in &openings {
        opened.insert(opening.account.clone());
        opened.insert(OPENING_ACCOUNT.to_owned());
    }
    let partner = partners(data);
    for (t, partner) in data.transactions.iter().zip(&partner) {
        opened.insert(account_name(
            data.account(&t.account_id),
            t.account_id.raw(),
        ));
        if partner.is_none() {
            opened.insert(counter_account(t));
        }
    }
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
    for (i, t) in data.transactions.iter().enumerate() {
        if partner[i].is_some_and(|j| j < i) {
            continue; // the other side of a transfer already written
        }
        let flag = if t.is_pending() { '!' } else { '*' };
        writeln!(out)?;
        writeln!(out, "{} {flag} {}", t.filing_date(), quoted(&t.label))?;
        match partner[i] {
            Some(j) => {
                let other = &data.transactions[j];
                writeln!(out, "{}", bank_posting(data, t))?;
                writeln!(out, "    coffre_id: {}", quoted(t.id.raw()))?;
                writeln!(out, "{}", bank_posting(data, other))?;
                writeln!(out, "    coffre_id: {}", quoted(other.id.raw()))?;
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
    }
    Ok(())
}
