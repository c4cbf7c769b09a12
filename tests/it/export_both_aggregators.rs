//! One French bank (Oxlin sandbox) and one German bank (finX sandbox) linked into one store,
//! synced with `coffre sync`, then written out with `coffre export` in every format and read
//! back by the real tools: the CSV has every line of both banks; `hledger` reads the ledger
//! journal and its booked total over every asset and liability is the dashboard's one net
//! worth (`Store::totals_by_currency`); `bean-check` accepts the beancount file; `ofxtools`
//! reads one statement per account, with every booked line of both banks.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use coffre::store::{Store, TransactionQuery};
use rust_decimal::Decimal;

use crate::support::finx_link::{append_to_config, finx_section, sandbox_secret_line};
use crate::support::python;
use crate::support::sync_bank::{PASSWORD, coffre};
use crate::support::tools::tool;
use crate::support::two_banks::{TwoBanks, two_banks};

/// Prints each statement's account id and its transactions' FITIDs, one per line.
const READ_OFX: &str = r#"
import sys
from ofxtools.Parser import OFXTree
tree = OFXTree()
tree.parse(sys.argv[1])
for s in tree.convert().statements:
    print("ACCOUNT", s.account.acctid)
    for t in s.transactions:
        print("LINE", t.fitid)
"#;

/// Prints the first field (the transaction id) of every CSV record after the header.
const READ_CSV: &str = r#"
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in list(csv.reader(f))[1:]:
        print(row[0])
"#;

/// Both banks synced: the store's file.
async fn both_synced() -> (TwoBanks, std::path::PathBuf) {
    let banks = two_banks("export-both@example.com").await;
    append_to_config(
        &banks.config(),
        &finx_section(&banks.h, &sandbox_secret_line()),
    );
    let (code, stdout, stderr) = banks.sync(Some(PASSWORD)).await;
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    let (oxlin, finx) = banks.stored();
    assert!(
        oxlin > 0 && finx > 0,
        "both banks are stored: {oxlin} and {finx}"
    );
    let store = banks.dir.path().join("data/sandbox.sqlite");
    (banks, store)
}

/// `coffre export --format FORMAT` of the banks' store, written to `DIR/export.EXT`.
async fn export(banks: &TwoBanks, format: &str, extension: &str) -> (std::path::PathBuf, String) {
    let file = banks.dir.path().join(format!("export.{extension}"));
    let config = banks.config();
    let out = coffre(
        banks.dir.path(),
        &[
            "export",
            "--config",
            config.to_str().unwrap(),
            "--format",
            format,
            "--output",
            file.to_str().unwrap(),
        ],
    )
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    (file, text)
}

/// Runs `program ARGS FILE`; panics with its output when it refuses.
fn check(program: &str, package: &str, args: &[&str], file: &Path) -> String {
    let output = tool(program, package)
        .args(args)
        .arg(file)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{program} refused the export:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// Every stored transaction id (`aggregator:raw`), and the booked ones.
fn stored_ids(store: &Store) -> (BTreeSet<String>, BTreeSet<String>) {
    let lines = store.transactions(&TransactionQuery::default()).unwrap();
    let all = lines.iter().map(|t| t.id.raw().to_owned()).collect();
    let booked = lines
        .iter()
        .filter(|t| !t.is_pending())
        .map(|t| t.id.raw().to_owned())
        .collect();
    (all, booked)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_french_and_a_german_bank_export_together_and_the_real_tools_accept_them() {
    let (banks, store_file) = both_synced().await;
    let store = Store::open(&store_file).unwrap();
    let (every_line, booked_lines) = stored_ids(&store);
    let net_worth = store.totals_by_currency().unwrap();

    let (csv_file, _) = export(&banks, "csv", "csv").await;
    let csv_ids: Vec<String> = python::run("csv", "csv", READ_CSV, &[&csv_file])
        .lines()
        .map(str::to_owned)
        .collect();
    let csv_set: BTreeSet<String> = csv_ids.iter().cloned().collect();
    assert_eq!(csv_ids.len(), csv_set.len(), "a line written twice");
    assert_eq!(csv_set, every_line, "every line of both banks, once");

    let (journal, ledger) = export(&banks, "ledger", "journal").await;
    assert!(ledger.contains("Assets:") || ledger.contains("Liabilities:"));
    check("hledger", "hledger", &["check", "-f"], &journal);
    let total = check(
        "hledger",
        "hledger",
        &["bal", "-C", "--flat", "^(Assets|Liabilities)", "-f"],
        &journal,
    );
    let after_rule = total.rsplit_once("---").map_or("", |(_, t)| t);
    let totals: BTreeMap<String, Decimal> = after_rule
        .lines()
        .filter_map(|l| {
            let (amount, currency) = l.trim().split_once(' ')?;
            Some((currency.trim().to_owned(), amount.parse().ok()?))
        })
        .collect();
    assert_eq!(
        totals, net_worth,
        "the booked total of both banks is the dashboard's net worth:\n{total}"
    );

    let (beancount, _) = export(&banks, "beancount", "beancount").await;
    check("bean-check", "beancount", &[], &beancount);

    let (ofx_file, _) = export(&banks, "ofx", "ofx").await;
    let read = python::run("ofxtools", "ofxtools", READ_OFX, &[&ofx_file]);
    let statements = read.lines().filter(|l| l.starts_with("ACCOUNT ")).count();
    assert_eq!(statements, store.accounts().unwrap().len(), "{read}");
    let fitids: BTreeSet<String> = read
        .lines()
        .filter_map(|l| l.strip_prefix("LINE "))
        .map(str::to_owned)
        .collect();
    let missing: Vec<_> = booked_lines.difference(&fitids).take(5).collect();
    assert!(
        missing.is_empty(),
        "booked lines missing from the OFX: {missing:?}"
    );
}
