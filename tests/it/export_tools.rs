//! Exports that the real tools accept: `hledger -f FILE bal` reads the ledger journal,
//! `bean-check` the beancount file, `xmllint` finds the OFX well-formed; the CSV keeps exact
//! amounts as numbers, defuses formulas, and every format carries the stable transaction ids.

use crate::support::store_sample as sample;
use crate::support::tools::tool;

use coffre::export::{ExportData, Format, write};
use coffre::store::Store;
use sample::*;

fn exported(format: Format) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("coffre.sqlite")).unwrap();
    let mut batch = bank_batch();
    batch.synced[0].transactions[0].notes =
        Some("line one\nline two; with <xml> & \"quotes\"".into());
    batch.synced[0].transactions[1].label = "PAIEMENT; \"CB\" \\ \u{202e}EVIL".into();
    store.apply(&batch, at(1_700_000_100)).unwrap();
    let data = ExportData::load(&store, None, None).unwrap();
    let mut out = Vec::new();
    write(format, &data, &mut out).unwrap();
    (dir, String::from_utf8(out).unwrap())
}

/// Runs a checking tool on `text` saved as `name`; panics with its output when it refuses.
fn check_with(program: &str, args: &[&str], name: &str, text: &str) -> String {
    let (dir, _) = exported(Format::Csv);
    let file = dir.path().join(name);
    std::fs::write(&file, text).unwrap();
    let package = match program {
        "bean-check" => "beancount",
        "xmllint" => "libxml2-utils",
        other => other,
    };
    let output = tool(program, package)
        .args(args)
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("`{program}` did not start: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{program} refused the export:\n{stdout}\n{stderr}\n--- file ---\n{text}"
    );
    stdout
}

#[test]
fn hledger_reads_the_ledger_export_and_booked_totals_are_the_banks_balances() {
    let (_dir, text) = exported(Format::Ledger);
    assert!(text.contains("coffre-id: t1"), "{text}");
    assert!(text.contains("2024-01-09 ! PRLV SEPA EDF"), "{text}");
    assert!(text.contains("Equity:Opening-Balances"), "{text}");
    check_with("hledger", &["bal", "-f"], "export.journal", &text);
    // Booked (cleared) entries add up to the balance the bank reported: 1234.56 EUR.
    let booked = check_with(
        "hledger",
        &["bal", "-C", "--flat", "Assets:Bank:CompteCourant-a1", "-f"],
        "export.journal",
        &text,
    );
    assert!(booked.contains("1234.56 EUR"), "{booked}");
    // With the pending EDF debit (-79.99) on top.
    let all = check_with(
        "hledger",
        &["bal", "--flat", "Assets:Bank:CompteCourant-a1", "-f"],
        "export.journal",
        &text,
    );
    assert!(all.contains("1154.57 EUR"), "{all}");
}

#[test]
fn bean_check_accepts_the_beancount_export() {
    let (_dir, text) = exported(Format::Beancount);
    assert!(text.contains("coffre_id: \"t2\""), "{text}");
    assert!(text.contains("PAIEMENT; \\\"CB\\\" \\\\ EVIL"), "{text}");
    assert!(text.contains("* \"Opening balance\""), "{text}");
    check_with("bean-check", &[], "export.beancount", &text);
}

#[test]
fn the_ofx_export_is_well_formed_xml_with_one_statement_per_account() {
    let (_dir, text) = exported(Format::Ofx);
    check_with("xmllint", &["--noout"], "export.ofx", &text);
    assert_eq!(text.matches("<STMTTRNRS>").count(), 2);
    assert!(text.contains("<FITID>t1</FITID>") && text.contains("<TRNAMT>-12.30</TRNAMT>"));
    assert!(
        !text.contains("<FITID>t3</FITID>"),
        "pending lines are left out"
    );
    assert!(text.contains("&lt;xml&gt; &amp; \"quotes\""), "{text}");
}

#[test]
fn csv_keeps_amounts_numeric_and_defuses_formulas() {
    let (_dir, text) = exported(Format::Csv);
    let lines: Vec<_> = text.lines().collect();
    assert_eq!(lines[0], coffre::export::csv::HEADER);
    assert!(
        lines[1].starts_with("t1,2024-01-05,a1,Compte courant,-12.30,EUR,BOOKED,"),
        "{text}"
    );
    assert!(text.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "{text}");
    assert!(!text.contains('\u{202e}'), "bidi controls are sanitised");
}

#[test]
fn a_second_export_is_identical_so_reimports_deduplicate() {
    for format in [Format::Csv, Format::Ledger, Format::Beancount] {
        assert_eq!(exported(format).1, exported(format).1, "{format:?}");
    }
    let (_dir, ofx) = exported(Format::Ofx);
    assert_eq!(ofx.matches("<FITID>").count(), 3);
}
