//! The CSV export read back as a program and a spreadsheet read it: by the `csv` crate and by
//! Python's `csv` module, in both dialects (RFC 4180, and `excel-fr` for spreadsheets set to
//! French: `;`, decimal comma, UTF-8 BOM, CRLF). Amounts keep their currency's decimals.

use crate::support::python;
use crate::support::store_sample::*;

use coffre::export::ExportData;
use coffre::export::csv::{Dialect, HEADER, write_dialect};

fn sample() -> ExportData {
    let batch = bank_batch();
    let synced = &batch.synced[0];
    let mut transactions = synced.transactions.clone();
    transactions.push(transaction(
        "t5",
        "a1",
        "2024-01-10",
        "-4.6",
        "Prêt; \"immo\"",
    ));
    ExportData {
        accounts: synced.accounts.clone(),
        transactions,
    }
}

fn exported(dialect: Dialect) -> Vec<u8> {
    let mut out = Vec::new();
    write_dialect(&sample(), dialect, &mut out).unwrap();
    out
}

/// Rows as Python's `csv` module reads the file (`excel-fr`: `;`, BOM stripped by `utf-8-sig`).
fn python_rows(bytes: &[u8], delimiter: char) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.csv");
    std::fs::write(&file, bytes).unwrap();
    let script = format!(
        "import csv, json, sys\n\
         with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n\
         \x20   print(json.dumps(list(csv.reader(f, delimiter='{delimiter}'))))"
    );
    let out = python::run("csv", "(the standard library)", &script, &[&file]);
    serde_json::from_str(&out).unwrap()
}

fn crate_rows(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(bytes);
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn rfc4180_csv_reads_back_with_amounts_at_two_decimals() {
    let bytes = exported(Dialect::Rfc4180);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.starts_with(&format!("{HEADER}\r\n")), "{text:?}");
    let rows = crate_rows(&bytes, b',');
    assert_eq!(rows, python_rows(&bytes, ','));
    assert_eq!(rows.len(), 6);
    let last = &rows[5];
    assert_eq!(last[4], "-4.60", "{last:?}");
    assert_eq!(last[7], "Prêt; \"immo\"");
    assert_eq!(rows[4][7], "'=HYPERLINK(\"x\")", "the formula guard stays");
}

#[test]
fn excel_fr_csv_has_a_bom_semicolons_decimal_commas_and_crlf() {
    let bytes = exported(Dialect::ExcelFr);
    assert!(bytes.starts_with("\u{feff}id;date;".as_bytes()));
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert_eq!(text.matches("\r\n").count(), 6, "{text:?}");
    assert!(!text.replace("\r\n", "").contains('\n'), "{text:?}");
    let rows = python_rows(&bytes, ';');
    let mut by_crate = crate_rows(&bytes, b';');
    by_crate[0][0] = by_crate[0][0].trim_start_matches('\u{feff}').to_owned();
    assert_eq!(rows, by_crate);
    assert_eq!(rows[0].len(), 10);
    assert_eq!(rows[1][4], "-12,30");
    assert_eq!(rows[2][4], "2500,00");
    assert_eq!(rows[5][4], "-4,60");
    assert_eq!(rows[5][7], "Prêt; \"immo\"");
}
