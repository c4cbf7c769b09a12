//! Property tests of the exporters: for arbitrary labels, notes and account names (any Unicode,
//! control characters, quotes, semicolons, formula starters, XML-illegal characters), hostile
//! ids and amounts anywhere in Decimal's range at any scale, the real tools accept the output
//! (`hledger bal`, `bean-check`, `xmllint --noout`, `ofxtools`) and the CSV parses back (RFC 4180) with one
//! row per transaction and the header's number of columns. Each case starts a tool, so each
//! property runs 24 cases.
//!
//! Beancount computes in Python's 28-digit decimal context: sums of amounts of more digits are
//! rounded and then "do not balance". Its property keeps amounts to 18 digits and 8 decimals
//! (every real bank amount); the other formats get Decimal's whole range.

use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::support::store_sample::{account, at, bank_batch, transaction};
use crate::support::tools::tool;

use coffre::domain::{AccountId, Money, TransactionId};
use coffre::export::{ExportData, Format, write};
use coffre::store::Store;

/// Hostile text: anything, or a string built from the characters exporters must escape.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(
            prop_oneof![
                Just("="),
                Just("+"),
                Just("-"),
                Just("@"),
                Just(";"),
                Just("\""),
                Just("'"),
                Just(","),
                Just("\\"),
                Just("\n"),
                Just("\r"),
                Just("\t"),
                Just("\u{0}"),
                Just("\u{1b}[2J"),
                Just("\u{7f}"),
                Just("\u{FFFE}"),
                Just("\u{202e}"),
                Just("<"),
                Just("&"),
                Just("]]>"),
                Just("  "),
                Just("*"),
                Just("!"),
                Just("|"),
                Just("{"),
                Just("}"),
                Just("#"),
                Just("é"),
                Just("𝕏"),
                Just("a"),
            ],
            0..16,
        )
        .prop_map(|parts| parts.concat()),
    ]
}

/// An amount anywhere in Decimal's range, at any scale.
fn amount(narrow: bool) -> impl Strategy<Value = Decimal> {
    let wide = if narrow {
        Just(false).boxed()
    } else {
        any::<bool>().boxed()
    };
    let scale = if narrow { 0u32..=8 } else { 0u32..=28 };
    let low = if narrow {
        (-999_999_999_999_999_999i64..=999_999_999_999_999_999).boxed()
    } else {
        any::<i64>().boxed()
    };
    (low, any::<u32>(), scale, wide).prop_map(|(low, high, scale, wide)| {
        let mantissa = if wide {
            (i128::from(high) << 64 | i128::from(low as u64)) * if low < 0 { -1 } else { 1 }
        } else {
            i128::from(low)
        };
        Decimal::from_i128_with_scale(mantissa, scale)
    })
}

/// One exported transaction's varying parts: id, amount, label, notes.
type Line = (String, Decimal, String, Option<String>);

fn lines(narrow: bool) -> impl Strategy<Value = (String, Vec<Line>)> {
    let line = (
        "[A-Za-z0-9_:;\"' =-]{1,12}",
        amount(narrow),
        hostile_text(),
        prop::option::of(hostile_text()),
    );
    (hostile_text(), prop::collection::vec(line, 1..4))
}

/// The export in `format` of a store holding the sample bank plus `lines` on its first account
/// named `name`.
fn exported(format: Format, name: &str, lines: &[Line]) -> (tempfile::TempDir, String, usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("coffre.sqlite")).unwrap();
    let mut batch = bank_batch();
    let sync = &mut batch.synced[0];
    sync.accounts[0] = account("a1", "c1", name, "1234.56", "EUR");
    for (index, (id, amount, label, notes)) in lines.iter().enumerate() {
        let mut t = transaction("x", "a1", "2024-02-01", "0", "");
        t.id = TransactionId::oxlin(&format!("{index}{id}"));
        t.account_id = AccountId::oxlin("a1");
        t.amount = Money::new(*amount, "EUR");
        t.label = label.clone();
        t.notes = notes.clone();
        sync.transactions.push(t);
    }
    let count = sync.transactions.len();
    store.apply(&batch, at(1_700_000_100)).unwrap();
    let data = ExportData::load(&store, None, None).unwrap();
    let mut out = Vec::new();
    write(format, &data, &mut out).unwrap();
    (dir, String::from_utf8(out).unwrap(), count)
}

/// Runs `program args FILE` on `text`; the tool's complaint, or `Ok`.
fn accepted(program: &str, package: &str, args: &[&str], text: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export");
    std::fs::write(&file, text).unwrap();
    let output = tool(program, package)
        .args(args)
        .arg(&file)
        .output()
        .unwrap();
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{program} refused:\n{}\n{}\n--- file ---\n{text}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Prints how many statements and transactions `ofxtools` reads from the OFX file `argv[1]`.
const OFX_COUNT: &str = r#"
import sys
from ofxtools.Parser import OFXTree
tree = OFXTree()
tree.parse(sys.argv[1])
statements = tree.convert().statements
print(len(statements), sum(len(s.transactions) for s in statements))
"#;

/// A minimal RFC 4180 reader: rows of fields, quoted fields may hold `,`, `"` (doubled), line ends.
fn csv_rows(text: &str) -> Result<Vec<Vec<String>>, String> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, '"') => return Err(format!("a quote inside an unquoted field: {field}")),
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            // RFC 4180 ends a row with CRLF; a carriage return alone is an error.
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\r') => return Err("a bare carriage return".into()),
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err("an unclosed quote".into());
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    Ok(rows)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn hledger_reads_any_ledger_export((name, lines) in lines(false)) {
        let (_dir, text, _) = exported(Format::Ledger, &name, &lines);
        let verdict = accepted("hledger", "hledger", &["bal", "-f"], &text);
        prop_assert!(verdict.is_ok(), "{}", verdict.unwrap_err());
    }

    #[test]
    fn bean_check_accepts_any_beancount_export((name, lines) in lines(true)) {
        let (_dir, text, _) = exported(Format::Beancount, &name, &lines);
        let verdict = accepted("bean-check", "beancount", &[], &text);
        prop_assert!(verdict.is_ok(), "{}", verdict.unwrap_err());
    }

    #[test]
    fn xmllint_finds_any_ofx_export_well_formed((name, lines) in lines(false)) {
        let (_dir, text, _) = exported(Format::Ofx, &name, &lines);
        let verdict = accepted("xmllint", "libxml2-utils", &["--noout"], &text);
        prop_assert!(verdict.is_ok(), "{}", verdict.unwrap_err());
    }

    #[test]
    fn any_csv_export_parses_back_row_for_row((name, lines) in lines(false)) {
        let (_dir, text, count) = exported(Format::Csv, &name, &lines);
        let rows = csv_rows(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(rows.len(), count + 1, "{}", text);
        let columns = coffre::export::csv::HEADER.split(',').count();
        for row in &rows {
            prop_assert_eq!(row.len(), columns, "{:?}", row);
        }
    }
}

proptest! {
    // Python and ofxtools start for each case (about two seconds): fewer cases.
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn ofxtools_reads_any_ofx_export((name, lines) in lines(false)) {
        let (dir, text, _) = exported(Format::Ofx, &name, &lines);
        let file = dir.path().join("export.ofx");
        std::fs::write(&file, &text).unwrap();
        let read = crate::support::python::run("ofxtools", "ofxtools", OFX_COUNT, &[&file]);
        // Both accounts have a balance, so both statements are there, every posted line in them.
        prop_assert_eq!(read.trim(), format!("2 {}", lines.len() + 3), "{}", text);
    }
}

/// Found by the property test: a label starting with `(` opened a transaction code that hledger
/// wanted closed.
#[test]
fn hledger_reads_a_label_that_starts_with_a_parenthesis() {
    let lines = [("p".to_owned(), Decimal::ONE, "(é".to_owned(), None)];
    let (_dir, text, _) = exported(Format::Ledger, "Compte", &lines);
    accepted("hledger", "hledger", &["bal", "-f"], &text).unwrap();
}

/// Found by the property test: beancount fills an elided posting by quantizing in 28 digits
/// and crashed (`decimal.InvalidOperation`) on a 29-digit amount.
#[test]
fn bean_check_reads_an_amount_of_29_digits() {
    let amount: Decimal = "1002867175138903466.1973852160".parse().unwrap();
    let lines = [("p".to_owned(), amount, "x".to_owned(), None)];
    let (_dir, text, _) = exported(Format::Beancount, "Compte", &lines);
    let verdict = accepted("bean-check", "beancount", &[], &text);
    assert!(
        !verdict
            .as_ref()
            .is_err_and(|e| e.contains("InvalidOperation")),
        "{verdict:?}"
    );
}
