//! CSV, written by the `csv` crate (a well-kept RFC 4180 writer: quoting and escaping are its
//! job, not ours): one row per transaction, with its API id, in one of two dialects.
//!
//! - [`Dialect::Rfc4180`] (the default): `,` separator, decimal point, CRLF line ends, UTF-8
//!   without BOM; what scripts, databases and English spreadsheets read.
//! - [`Dialect::ExcelFr`]: `;` separator, decimal comma, CRLF, and a UTF-8 BOM, so a spreadsheet
//!   set to French (Excel, LibreOffice) opens it in columns, with "Prêt" intact and the amounts
//!   as numbers.
//!
//! Spreadsheet guard: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return
//! is prefixed with `'` so a spreadsheet shows it instead of running it as a formula. The amount
//! column is a plain decimal with its currency's decimals (`-12.30`, [`super::amount`]), so it
//! stays a number.

use std::io::Write;

use super::amount::amount_text;
use super::source::ExportSource;
use crate::domain::Booking;
use crate::sanitize::{clean_line, clean_multiline};

/// The header row (RFC 4180 dialect; the other dialects use the same names).
pub const HEADER: &str = "id,date,account_id,account,amount,currency,status,label,category,notes";

/// How the CSV is spelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Dialect {
    /// RFC 4180: `,` separator, decimal point, CRLF, no BOM.
    #[default]
    #[value(name = "rfc4180")]
    Rfc4180,
    /// French spreadsheets: `;` separator, decimal comma, CRLF, UTF-8 BOM.
    #[value(name = "excel-fr")]
    ExcelFr,
}

/// A text cell guarded against formulas (quoting is the writer's job).
pub fn guarded(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
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

/// Writes `data` as CSV in the RFC 4180 dialect.
pub fn write(data: &dyn ExportSource, out: &mut dyn Write) -> std::io::Result<()> {
    write_dialect(data, Dialect::Rfc4180, out)
}

/// Writes `data` as CSV in `dialect`.
pub fn write_dialect(
    data: &dyn ExportSource,
    dialect: Dialect,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let delimiter = match dialect {
        Dialect::Rfc4180 => b',',
        Dialect::ExcelFr => {
            out.write_all("\u{feff}".as_bytes())?;
            b';'
        }
    };
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(HEADER.split(','))?;
    data.each(None, &mut |t| {
        let account = data.account(&t.account_id).map(|a| a.name.as_str());
        let mut amount = amount_text(t.amount.amount, &t.amount.currency);
        if dialect == Dialect::ExcelFr {
            amount = amount.replace('.', ",");
        }
        writer.write_record([
            guarded(&clean_line(t.id.raw())),
            t.filing_date().to_string(),
            guarded(&clean_line(t.account_id.raw())),
            guarded(&clean_line(account.unwrap_or_default())),
            amount,
            guarded(&clean_line(&t.amount.currency)),
            guarded(&clean_line(status_word(&t.booking))),
            guarded(&clean_line(&t.label)),
            guarded(&clean_line(t.category.as_deref().unwrap_or_default())),
            guarded(&clean_multiline(t.notes.as_deref().unwrap_or_default())),
        ])?;
        Ok(())
    })?;
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_quotes_doubled() {
        assert_eq!(guarded("=1+1"), "'=1+1");
        assert_eq!(guarded("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guarded("-cmd"), "'-cmd");
        assert_eq!(guarded("CARTE 12"), "CARTE 12");
        let mut out = Vec::new();
        let mut writer = csv::Writer::from_writer(&mut out);
        writer
            .write_record([guarded("say \"hi\", ok"), guarded("=1+1")])
            .unwrap();
        drop(writer);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"say \"\"hi\"\", ok\",'=1+1\n"
        );
    }
}
