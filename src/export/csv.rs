//! CSV (RFC 4180, UTF-8, `\n` line ends): one row per transaction, with its API id.
//!
//! Spreadsheet guard: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return
//! is prefixed with `'` so a spreadsheet shows it instead of running it as a formula. The amount
//! column is written as a plain decimal (`-12.30`) so it stays a number.

use std::io::Write;

use super::ExportData;
use crate::domain::Booking;
use crate::sanitize::{clean_line, clean_multiline};

/// The header row.
pub const HEADER: &str = "id,date,account_id,account,amount,currency,status,label,category,notes";

/// A text cell, guarded against formulas and quoted when needed.
pub fn text_cell(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The `status` column: `BOOKED`, `PENDING`, or the bank's own word.
fn status_word(booking: &Booking) -> &str {
    match booking {
        Booking::Booked => "BOOKED",
        Booking::Pending => "PENDING",
        Booking::Other(word) => word,
    }
}

/// Writes `data` as CSV.
pub fn write(data: &ExportData, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{HEADER}")?;
    for t in &data.transactions {
        let account = data.account(&t.account_id).map(|a| a.name.as_str());
        let cells = [
            text_cell(&clean_line(t.id.raw())),
            t.filing_date().to_string(),
            text_cell(&clean_line(t.account_id.raw())),
            text_cell(&clean_line(account.unwrap_or_default())),
            t.amount.amount.to_string(),
            text_cell(&clean_line(&t.amount.currency)),
            text_cell(&clean_line(status_word(&t.booking))),
            text_cell(&clean_line(&t.label)),
            text_cell(&clean_line(t.category.as_deref().unwrap_or_default())),
            text_cell(&clean_multiline(t.notes.as_deref().unwrap_or_default())),
        ];
        writeln!(out, "{}", cells.join(","))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_quotes_doubled() {
        assert_eq!(text_cell("=1+1"), "'=1+1");
        assert_eq!(text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_cell("-cmd"), "'-cmd");
        assert_eq!(text_cell("say \"hi\", ok"), "\"say \"\"hi\"\", ok\"");
        assert_eq!(text_cell("CARTE 12"), "CARTE 12");
    }
}
