//! A transaction's category as people read it: the aggregator sends a code (`FOOD`,
//! `SERVICES`, `UNCATEGORIZED`; Oxlin's `category_id`), the screens show a name in the UI's
//! language. One small table, English and French side by side, so it can move into the
//! translation layer as it is.
//!
//! Docs gap: the API publishes no category list (`docs/oxlin-api.md`, Gaps: two values seen).
//! We chose: the codes the sandbox's test bank uses get names; any other code is shown as sent
//! (already sanitised by `to_domain`), a missing one as "Uncategorised".

/// The language of a category's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NameLanguage {
    /// English.
    #[default]
    English,
    /// French.
    French,
}

/// Known codes: (code, English, French).
const NAMES: &[(&str, &str, &str)] = &[
    ("BANK_FEES", "Bank fees", "Frais bancaires"),
    ("CASH", "Cash", "Retraits d'espèces"),
    ("CHILDREN", "Children", "Enfants"),
    ("FOOD", "Groceries", "Alimentation"),
    ("HEALTH", "Health", "Santé"),
    ("HOUSING", "Housing", "Logement"),
    ("INSURANCE", "Insurance", "Assurances"),
    ("LEISURE", "Leisure", "Loisirs"),
    (
        "LOAN_REPAYMENT",
        "Loan repayments",
        "Remboursements de prêt",
    ),
    ("RESTAURANTS", "Restaurants", "Restaurants"),
    ("SALARY", "Salary", "Salaire"),
    ("SAVINGS", "Savings", "Épargne"),
    ("SERVICES", "Bills and services", "Factures et services"),
    ("SHOPPING", "Shopping", "Achats"),
    ("SPORT", "Sport", "Sport"),
    ("TAXES", "Taxes", "Impôts et taxes"),
    ("TRANSFERS", "Transfers", "Virements"),
    ("TRANSPORT", "Transport", "Transports"),
    ("UNCATEGORIZED", "Uncategorised", "Non catégorisé"),
];

/// The readable name of a category code (`None`: the transaction has none).
pub fn category_name(code: Option<&str>, language: NameLanguage) -> &str {
    let code = code.unwrap_or("UNCATEGORIZED");
    NAMES
        .iter()
        .find(|(known, _, _)| known.eq_ignore_ascii_case(code))
        .map_or(code, |(_, en, fr)| match language {
            NameLanguage::English => en,
            NameLanguage::French => fr,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_read_in_both_languages_and_unknown_ones_as_sent() {
        assert_eq!(
            category_name(Some("FOOD"), NameLanguage::English),
            "Groceries"
        );
        assert_eq!(
            category_name(Some("food"), NameLanguage::French),
            "Alimentation"
        );
        assert_eq!(category_name(None, NameLanguage::French), "Non catégorisé");
        assert_eq!(
            category_name(Some("CRYPTO"), NameLanguage::English),
            "CRYPTO"
        );
    }
}
