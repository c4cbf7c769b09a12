//! OFX 2.2 (XML): one bank statement (`STMTTRNRS`) per account, its posted transactions with
//! the API id as `FITID`, and the ledger balance. Pending lines are left out (see the export's
//! module doc). `NAME` is cut to the 32 characters OFX allows; the full label goes to `MEMO`
//! when longer, and the notes after it.

use std::io::Write;

use chrono::{DateTime, NaiveDate, Utc};

use super::ExportData;
use crate::domain::AccountKind;
use crate::sanitize::{clean_line, clean_multiline};

/// Escapes XML text.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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

/// Writes `data` as an OFX 2.2 document produced at `now`.
pub fn write(data: &ExportData, now: DateTime<Utc>, out: &mut dyn Write) -> std::io::Result<()> {
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
    writeln!(out, "<BANKMSGSRSV1>")?;
    for account in &data.accounts {
        let lines: Vec<_> = data
            .transactions
            .iter()
            .filter(|t| t.account_id == account.id && !t.is_pending())
            .collect();
        let currency = xml(&clean_line(
            account.balance.as_ref().map_or("EUR", |m| &m.currency),
        ));
        let first = lines.first().map_or(now.date_naive(), |t| t.filing_date());
        let last = lines.last().map_or(now.date_naive(), |t| t.filing_date());
        let id = xml(&clean_line(account.id.raw()));
        writeln!(
            out,
            "<STMTTRNRS><TRNUID>{id}</TRNUID><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>"
        )?;
        writeln!(out, "<STMTRS><CURDEF>{currency}</CURDEF>")?;
        writeln!(
            out,
            "<BANKACCTFROM><BANKID>{}</BANKID><ACCTID>{id}</ACCTID><ACCTTYPE>{}</ACCTTYPE></BANKACCTFROM>",
            xml(&clean_line(
                account.connection_id.as_ref().map_or("coffre", |c| c.raw())
            )),
            account_type(&account.kind)
        )?;
        writeln!(
            out,
            "<BANKTRANLIST><DTSTART>{}</DTSTART><DTEND>{}</DTEND>",
            ofx_date(first),
            ofx_date(last)
        )?;
        for t in lines {
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
            write!(
                out,
                "<STMTTRN><TRNTYPE>{}</TRNTYPE><DTPOSTED>{}</DTPOSTED><TRNAMT>{}</TRNAMT><FITID>{}</FITID><NAME>{}</NAME>",
                if t.amount.amount.is_sign_negative() {
                    "DEBIT"
                } else {
                    "CREDIT"
                },
                ofx_date(t.filing_date()),
                t.amount.amount,
                xml(&clean_line(t.id.raw())),
                xml(&name)
            )?;
            if !memo.is_empty() {
                write!(out, "<MEMO>{}</MEMO>", xml(&memo))?;
            }
            writeln!(out, "</STMTTRN>")?;
        }
        writeln!(out, "</BANKTRANLIST>")?;
        if let Some(balance) = account.balance.as_ref().map(|m| m.amount) {
            let asof = account.balance_date.unwrap_or(now);
            writeln!(
                out,
                "<LEDGERBAL><BALAMT>{balance}</BALAMT><DTASOF>{}</DTASOF></LEDGERBAL>",
                asof.format("%Y%m%d%H%M%S")
            )?;
        }
        writeln!(out, "</STMTRS></STMTTRNRS>")?;
    }
    writeln!(out, "</BANKMSGSRSV1>")?;
    writeln!(out, "</OFX>")
}
