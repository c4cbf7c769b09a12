//! Names for ledger and beancount: account names both tools accept (`Assets:Bank:Name-id`,
//! components of ASCII letters, digits and `-`, each starting with a capital or a digit),
//! commodities, and a stable text for ids.

use crate::domain::{Account, AccountKind, Transaction};
use crate::fold::fold_accents;

/// One account-name component from free text: ASCII words in CamelCase (accented Latin letters
/// folded to their base letter, `Prêt Immobilier` → `PretImmobilier`; other characters split
/// words), `fallback` when nothing is left.
pub fn component(text: &str, fallback: &str) -> String {
    let folded = fold_accents(text);
    let mut out = String::new();
    for word in folded.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    if out.is_empty() {
        fallback.to_owned()
    } else {
        out
    }
}

/// An id as `[A-Za-z0-9-]` only (other characters become `-`).
pub fn id_text(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// The ledger/beancount account of a bank account: `Assets:Bank:CompteCourant-12`.
pub fn account_name(account: Option<&Account>, account_id: &str) -> String {
    let (root, name) = match account {
        Some(a) if matches!(a.kind, AccountKind::Loan | AccountKind::CreditCard) => {
            ("Liabilities", &a.name)
        }
        Some(a) => ("Assets", &a.name),
        None => ("Assets", &String::new()),
    };
    format!(
        "{root}:Bank:{}-{}",
        component(name, "Account"),
        id_text(account_id)
    )
}

/// The counter account of a transaction: `Expenses:Services` or `Income:Uncategorized`.
pub fn counter_account(t: &Transaction) -> String {
    let root = if t.amount.amount.is_sign_negative() {
        "Expenses"
    } else {
        "Income"
    };
    let category = t.category.as_deref().unwrap_or("UNCATEGORIZED");
    format!("{root}:{}", component(category, "Uncategorized"))
}

/// A commodity both tools accept: the ISO code in capitals, `XXX` (no currency) otherwise.
pub fn commodity(code: &str) -> String {
    let code = code.trim().to_ascii_uppercase();
    if (2..=10).contains(&code.len()) && code.chars().all(|c| c.is_ascii_uppercase()) {
        code
    } else {
        "XXX".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_camel_case_ascii_with_the_id() {
        assert_eq!(component("Compte courant é2", "X"), "CompteCourantE2");
        assert_eq!(
            component("Prêt Immobilier Résidence Principale", "X"),
            "PretImmobilierResidencePrincipale"
        );
        assert_eq!(component("Caisse d'Épargne", "X"), "CaisseDEpargne");
        assert_eq!(component("日本", "Account"), "Account");
        assert_eq!(id_text("a:1 b"), "a-1-b");
        assert_eq!(commodity("eur"), "EUR");
        assert_eq!(commodity("€"), "XXX");
    }
}
