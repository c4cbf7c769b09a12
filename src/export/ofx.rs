//! OFX 2.2 (XML) that validating parsers (`ofxtools`, GnuCash, banks' importers) accept: one
//! statement per account, its posted transactions with the API id as `FITID`, and its ledger
//! balance. Bank accounts (checking, savings, loans, other kinds) go out as bank statements
//! (`STMTRS`), credit cards as card statements (`CCSTMTRS`). Pending lines are left out (see
//! the export's module doc). `NAME` is cut to the 32 characters OFX allows; the full label goes
//! to `MEMO` when longer, and the notes after it, cut to 255 characters. Identifiers are sized
//! by [`ids`].
//!
//! OFX requires a ledger balance (`LEDGERBAL`) and an ISO currency (`CURDEF`) for every
//! statement: an account the bank gave neither is left out of the file and named by
//! [`left_out`], which `coffre export` prints on standard error.

pub mod ids;

use std::io::Write;

use chrono::{DateTime, NaiveDate, Utc};

use super::amount::amount_text;
use super::source::ExportSource;
use crate::domain::{Account, AccountKind, Money};
use crate::sanitize::{clean_line, clean_multiline};

/// Escapes XML text (element content only, so quotes stay as they are).
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn ofx_date(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

fn account_type(kind: &AccountKind) -> &'static str {
    match kind {
        AccountKind::Savings => "SAVINGS",
        AccountKind::Loan | AccountKind::CreditCard => "CREDITLINE",
        _ => "CHECKING",
    }
}

/// The balance an account's statement carries, or why it cannot have one.
fn statement_balance(account: &Account) -> Result<(&Money, &str), &'static str> {
    let balance = account
        .balance
        .as_ref()
        .ok_or("the bank gave no balance, and OFX requires one")?;
    let currency = ids::currency(&balance.currency)
        .ok_or("its currency is not an ISO 4217 code, and OFX requires one")?;
    Ok((balance, currency))
}

/// One warning per account that [`write()`] leaves out, saying which and why.
pub fn left_out(data: &dyn ExportSource) -> Vec<String> {
    data.accounts()
        .iter()
        .filter_map(|account| {
            let reason = statement_balance(account).err()?;
            Some(format!(
                "account {} ({}) left out of the OFX file: {reason}",
                clean_line(&account.name),
                clean_line(account.id.raw())
            ))
        })
        .collect()
}

/// Writes `data` as an OFX 2.2 document produced at `now`.
pub fn write(
    data: &dyn ExportSource,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>"
    )?;
    writeln!(
        out,
        "<?OFX OFXHEADER=\"200\" VERSION=\"220\" SECURITY=\"NONE\" OLDFILEUID=\"NONE\" NEWFILEUID=\"NONE\"?>"
    )?;
    let stamp = now.format("%Y%m%d%H%M%S").to_string();
    writeln!(out, "<OFX>")?;
    writeln!(
        out,
        "<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS><DTSERVER>{stamp}</DTSERVER><LANGUAGE>FRA</LANGUAGE></SONRS></SIGNONMSGSRSV1>"
    )?;
    let exportable = || {
        data.accounts()
            .iter()
            .filter(|a| statement_balance(a).is_ok())
    };
    let banks: Vec<_> = exportable()
        .filter(|a| a.kind != AccountKind::CreditCard)
        .collect();
    let cards: Vec<_> = exportable()
        .filter(|a| a.kind == AccountKind::CreditCard)
        .collect();
    if !banks.is_empty() {
        writeln!(out, "<BANKMSGSRSV1>")?;
        for account in banks {
            statement(data, account, now, out)?;
        }
        writeln!(out, "</BANKMSGSRSV1>")?;
    }
    if !cards.is_empty() {
        writeln!(out, "<CREDITCARDMSGSRSV1>")?;
        for account in cards {
            statement(data, account, now, out)?;
        }
        writeln!(out, "</CREDITCARDMSGSRSV1>")?;
    }
    writeln!(out, "</OFX>")
}

/// One statement (`STMTTRNRS`, or `CCSTMTTRNRS` for a card) of an exportable account.
fn statement(
    data: &dyn ExportSource,
    account: &Account,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let Ok((balance, currency)) = statement_balance(account) else {
        return Ok(());
    };
    let card = account.kind == AccountKind::CreditCard;
    let (wrapper, body) = if card {
        ("CCSTMTTRNRS", "CCSTMTRS")
    } else {
        ("STMTTRNRS", "STMTRS")
    };
    // The first and last posted lines' days, then the lines: two passes over the account's.
    let (mut first, mut last) = (None, None);
    data.each(Some(&account.id), &mut |t| {
        if !t.is_pending() {
            first = first.or(Some(t.filing_date()));
            last = Some(t.filing_date());
        }
        Ok(())
    })?;
    let first = first.unwrap_or(now.date_naive());
    let last = last.unwrap_or(now.date_naive());
    let raw = clean_line(account.id.raw());
    let acct_id = xml(&ids::sized(&raw, 22));
    writeln!(
        out,
        "<{wrapper}><TRNUID>{}</TRNUID><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>",
        xml(&ids::sized(&raw, 36))
    )?;
    writeln!(out, "<{body}><CURDEF>{currency}</CURDEF>")?;
    if card {
        writeln!(out, "<CCACCTFROM><ACCTID>{acct_id}</ACCTID></CCACCTFROM>")?;
    } else {
        writeln!(
            out,
            "<BANKACCTFROM><BANKID>{}</BANKID><ACCTID>{acct_id}</ACCTID><ACCTTYPE>{}</ACCTTYPE></BANKACCTFROM>",
            xml(&ids::bank_id(account)),
            account_type(&account.kind)
        )?;
    }
    writeln!(
        out,
        "<BANKTRANLIST><DTSTART>{}</DTSTART><DTEND>{}</DTEND>",
        ofx_date(first),
        ofx_date(last)
    )?;
    data.each(Some(&account.id), &mut |t| match t.is_pending() {
        true => Ok(()),
        false => transaction(t, currency, out),
    })?;
    writeln!(out, "</BANKTRANLIST>")?;
    let asof = account.balance_date.unwrap_or(now);
    writeln!(
        out,
        "<LEDGERBAL><BALAMT>{}</BALAMT><DTASOF>{}</DTASOF></LEDGERBAL>",
        amount_text(balance.amount, currency),
        asof.format("%Y%m%d%H%M%S")
    )?;
    writeln!(out, "</{body}></{wrapper}>")
}

/// One `STMTTRN`.
fn transaction(
    t: &crate::domain::Transaction,
    currency: &str,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let label = clean_line(&t.label);
    let name: String = label.chars().take(32).collect();
    let mut memo = if name.len() < label.len() {
        label.clone()
    } else {
        String::new()
    };
    if let Some(notes) = &t.notes {
        if !memo.is_empty() {
            memo.push_str(" / ");
        }
        memo.push_str(&clean_multiline(notes).replace('\n', " "));
    }
    let memo: String = memo.trim().chars().take(255).collect();
    write!(
        out,
        "<STMTTRN><TRNTYPE>{}</TRNTYPE><DTPOSTED>{}</DTPOSTED><TRNAMT>{}</TRNAMT><FITID>{}</FITID>",
        if t.amount.is_debit() {
            "DEBIT"
        } else {
            "CREDIT"
        },
        ofx_date(t.filing_date()),
        amount_text(t.amount.amount, currency),
        xml(&ids::sized(&clean_line(t.id.raw()), 255)),
    )?;
    if !name.trim().is_empty() {
        write!(out, "<NAME>{}</NAME>", xml(name.trim()))?;
    }
    if !memo.is_empty() {
        write!(out, "<MEMO>{}</MEMO>", xml(&memo))?;
    }
    writeln!(out, "</STMTTRN>")
}
