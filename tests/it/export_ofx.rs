//! The OFX export read back by a validating OFX parser (Python's `ofxtools`) in every store
//! state: no balance, no IBAN, pending lines only, several currencies, every account kind,
//! ids and labels longer than OFX allows, and an empty store.

use crate::support::python;
use crate::support::store_sample::*;

use chrono::{DateTime, Utc};
use coffre::domain::{AccountKind, ConnectionId};
use coffre::export::{ExportData, Format, ofx, warnings};

/// Prints one line per statement: kind, ACCTID, BANKID, ACCTTYPE, CURDEF, BALAMT, FITIDs.
const READ: &str = r#"
import sys
from ofxtools.Parser import OFXTree
tree = OFXTree()
tree.parse(sys.argv[1])
ofx = tree.convert()
for s in ofx.statements:
    a = s.account
    fitids = ",".join(t.fitid for t in s.transactions)
    print(type(s).__name__, a.acctid, getattr(a, "bankid", "-"), getattr(a, "accttype", "-"),
          s.curdef, s.balance.balamt, fitids or "-")
"#;

fn now() -> DateTime<Utc> {
    at(1_700_000_000)
}

/// The statements `ofxtools` reads from the OFX export of `data`, one line each.
fn parsed(data: &ExportData) -> Vec<String> {
    let mut out = Vec::new();
    ofx::write(data, now(), &mut out).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.ofx");
    std::fs::write(&file, &out).unwrap();
    python::run("ofxtools", "ofxtools", READ, &[&file])
        .lines()
        .map(str::to_owned)
        .collect()
}

fn every_state() -> ExportData {
    let mut no_balance = account("nobal", "c1", "Compte joint", "0", "EUR");
    no_balance.balance = None;
    let mut no_iban = account("noiban", "c1", "Livret", "10.5", "EUR");
    no_iban.iban = None;
    no_iban.kind = AccountKind::Savings;
    no_iban.connection_id = Some(ConnectionId::oxlin("a-connection-id-far-too-long"));
    let mut card = account("card", "c1", "Visa Premier", "-340.2", "EUR");
    card.kind = AccountKind::CreditCard;
    let mut loan = account("loan", "c1", "Prêt immobilier", "-95000", "EUR");
    loan.kind = AccountKind::Loan;
    let mut pea = account("pea", "c1", "PEA", "0", "EUR");
    pea.kind = AccountKind::Other("PEA".into());
    let mut pending_only = account("pend", "c1", "Compte pro", "50", "EUR");
    pending_only.iban = Some("DE89 3704 0044 0532 0130 00".into());
    let long_id = "x".repeat(40);
    let chf = account(&long_id, "c1", "Konto", "1500", "CHF");
    let mut long_label = transaction("t-long", &long_id, "2024-01-03", "-4.6", &"Z".repeat(80));
    long_long_notes(&mut long_label);
    ExportData {
        accounts: vec![no_balance, no_iban, card, loan, pea, pending_only, chf],
        transactions: vec![
            transaction("t-nobal", "nobal", "2024-01-02", "-1", "LOST"),
            transaction("t-card", "card", "2024-01-02", "-40.2", "CB AMAZON"),
            transaction("t-loan", "loan", "2024-01-05", "950", "ECHEANCE PRET"),
            pending(transaction(
                "t-pend",
                "pend",
                "2024-01-06",
                "-9",
                "EN COURS",
            )),
            long_label,
            transaction(&"f".repeat(300), "noiban", "2024-01-07", "10.5", ""),
        ],
    }
}

fn long_long_notes(t: &mut coffre::domain::Transaction) {
    t.notes = Some("<note> & \"more\"\n".repeat(40));
}

#[test]
fn ofxtools_reads_every_account_kind_and_store_state() {
    let lines = parsed(&every_state());
    // Ids longer than OFX allows become their stable hash (ACCTID 22, FITID 255 characters).
    let long_account = ofx::ids::sized(&"x".repeat(40), 22);
    let long_fitid = ofx::ids::sized(&"f".repeat(300), 255);
    assert_eq!(long_account.len(), 16);
    assert_eq!(
        lines,
        [
            format!("STMTRS noiban COFFRE SAVINGS EUR 10.50 {long_fitid}"),
            "STMTRS loan 30001 CREDITLINE EUR -95000.00 t-loan".into(),
            "STMTRS pea 30001 CHECKING EUR 0.00 -".into(),
            "STMTRS pend 37040044 CHECKING EUR 50.00 -".into(),
            format!("STMTRS {long_account} 30001 CHECKING CHF 1500.00 t-long"),
            "CCSTMTRS card - - EUR -340.20 t-card".into(),
        ]
    );
}

#[test]
fn an_account_without_a_balance_is_left_out_with_a_warning() {
    let data = every_state();
    let warned = warnings(Format::Ofx, &data);
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(
        warned[0].contains("Compte joint (nobal)") && warned[0].contains("no balance"),
        "{warned:?}"
    );
    assert!(parsed(&data).iter().all(|l| !l.contains("nobal")));
    assert!(warnings(Format::Ledger, &data).is_empty());
}

#[test]
fn the_bank_sample_with_two_currencies_parses_with_its_balances() {
    let batch = bank_batch();
    let synced = &batch.synced[0];
    let data = ExportData {
        accounts: synced.accounts.clone(),
        transactions: synced.transactions.clone(),
    };
    assert_eq!(
        parsed(&data),
        [
            "STMTRS a1 30001 CHECKING EUR 1234.56 t1,t2",
            "STMTRS a2 30001 SAVINGS CHF 1500.00 t4",
        ]
    );
}

#[test]
fn an_empty_store_is_a_valid_ofx_file() {
    assert!(parsed(&ExportData::default()).is_empty());
}
