//! Transfers between the user's own accounts in the ledger and beancount exports: posted once,
//! between the two bank accounts, with both API ids; income and expense totals leave them out;
//! each account's booked total is still its bank's balance (`hledger bal -C`, `bean-check`).

use crate::support::store_sample::*;
use crate::support::tools::tool;

use coffre::domain::AccountKind;
use coffre::export::{ExportData, Format, transfers, write};

/// A checking account that sends 300 to savings and pays 950 to its loan; a salary comes in,
/// and a 20.00 card payment has no partner.
fn own_accounts() -> ExportData {
    let checking = account("chk", "c1", "Compte courant", "1730.00", "EUR");
    let mut savings = account("sav", "c1", "Livret A", "1300.00", "EUR");
    savings.kind = AccountKind::Savings;
    let mut loan = account("loan", "c1", "Prêt immo", "-94050.00", "EUR");
    loan.kind = AccountKind::Loan;
    let mut transactions = vec![
        transaction("salary", "chk", "2024-03-01", "3000", "VIREMENT SALAIRE"),
        transaction("to-sav", "chk", "2024-03-02", "-300", "VIR VERS LIVRET A"),
        transaction(
            "from-chk",
            "sav",
            "2024-03-04",
            "300.00",
            "VIR DE COMPTE COURANT",
        ),
        transaction("to-loan", "chk", "2024-03-05", "-950", "ECHEANCE PRET"),
        transaction("card", "chk", "2024-03-06", "-20", "CB BOULANGERIE"),
        transaction("repaid", "loan", "2024-03-05", "950", "REMBOURSEMENT"),
    ];
    transactions[0].category = Some("SALARY".into());
    transactions[1].category = Some("TRANSFERS".into());
    transactions[2].category = Some("SAVINGS".into());
    transactions[5].category = Some("LOAN_REPAYMENT".into());
    ExportData {
        accounts: vec![checking, savings, loan],
        transactions,
    }
}

fn exported(format: Format, name: &str) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let mut out = Vec::new();
    write(format, &own_accounts(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, &text).unwrap();
    (dir, file, text)
}

fn hledger(file: &std::path::Path, args: &[&str]) -> String {
    let output = tool("hledger", "hledger")
        .arg("-f")
        .arg(file)
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn opposite_amounts_between_own_accounts_within_days_are_one_transfer() {
    let partners = transfers::partners(&own_accounts());
    assert_eq!(
        partners,
        [None, Some(2), Some(1), Some(5), None, Some(3)],
        "salary and card payment stay alone"
    );
}

#[test]
fn transfers_leave_income_and_expense_totals_and_balances_stay_the_banks() {
    let (_dir, file, text) = exported(Format::Ledger, "export.journal");
    assert_eq!(text.matches("VIR VERS LIVRET A").count(), 1, "{text}");
    assert!(
        !text.contains("VIR DE COMPTE COURANT"),
        "posted once: {text}"
    );
    for id in ["to-sav", "from-chk", "to-loan", "repaid"] {
        assert!(text.contains(&format!("coffre-id: {id}")), "{id}: {text}");
    }
    let income = hledger(&file, &["bal", "--flat", "-N", "Income"]);
    assert_eq!(income.trim(), "-3000.00 EUR  Income:Salary", "{text}");
    let expenses = hledger(&file, &["bal", "--flat", "-N", "Expenses"]);
    assert_eq!(
        expenses.trim(),
        "20.00 EUR  Expenses:Uncategorized",
        "{text}"
    );
    let booked = hledger(
        &file,
        &["bal", "-C", "--flat", "-N", "Assets", "Liabilities"],
    );
    for (balance, account) in [
        ("1730.00 EUR", "Assets:Bank:CompteCourant-chk"),
        ("1300.00 EUR", "Assets:Bank:LivretA-sav"),
        ("-94050.00 EUR", "Liabilities:Bank:PretImmo-loan"),
    ] {
        assert!(
            booked
                .lines()
                .any(|l| l.trim_start().starts_with(balance) && l.trim_end().ends_with(account)),
            "{account} should be {balance}:\n{booked}"
        );
    }
}

#[test]
fn bean_check_accepts_transfers_posted_between_two_accounts_with_both_ids() {
    let (_dir, file, text) = exported(Format::Beancount, "export.beancount");
    assert!(text.contains("    coffre_id: \"to-sav\""), "{text}");
    assert!(text.contains("    coffre_id: \"from-chk\""), "{text}");
    assert!(!text.contains("Income:Savings") && !text.contains("Income:LoanRepayment"));
    let output = tool("bean-check", "beancount").arg(&file).output().unwrap();
    assert!(output.status.success(), "{output:?}\n{text}");
}
