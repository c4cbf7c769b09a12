//! The German test banks of the finX widget: a small catalogue, each bank with its Bankleitzahl
//! (BLZ), BIC and how busy its accounts are, and the IBAN rules the shortcut needs.
//!
//! Choices (ours, the docs name no test bank but the figo-style login): every bank accepts the
//! same test login (`figo01` / PIN `654321`, OTP `123456`, see [`TEST_LOGIN`]); two BLZs are the
//! ones of the docs' example IBANs (seed 004's `DE82900948150000002881`, finx-api.md §4.2's
//! `DE89370400440532013000`) and the login's Giro account there has exactly that IBAN, so the
//! docs' own requests take the shortcut. `Großbank Massendaten` is the bank for speed
//! measurements (about 25,000 transactions over the default 90 days), `Sparkasse Vielbuch`
//! the one to page (2,500+).

use crate::sandbox::world::providers::text_match::fold;

/// The test login every bank accepts (figo-style, finx-api.md §1).
pub const TEST_LOGIN: &str = "figo01";
/// The PIN of [`TEST_LOGIN`].
pub const TEST_PIN: &str = "654321";
/// The one-time password every bank's second step accepts.
pub const TEST_OTP: &str = "123456";

/// One test bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TestBank {
    /// Stable id used by the widget's forms.
    pub id: &'static str,
    pub name: &'static str,
    /// Bankleitzahl: eight digits, the part of a German IBAN after the check digits.
    pub bank_code: &'static str,
    pub bic: &'static str,
    /// Card payments per day on the Giro account (the bank's size).
    pub payments_per_day: u32,
    /// The Giro account number of the test login (ten digits).
    pub giro_number: &'static str,
    /// The longest history the bank gives, in days (a larger `sync_period` is cut to it).
    pub max_history_days: u32,
}

/// The catalogue, in the order the widget lists it.
pub const BANKS: &[TestBank] = &[
    TestBank {
        id: "demobank",
        name: "finX Demobank",
        bank_code: "90090042",
        bic: "DEMODE01XXX",
        payments_per_day: 2,
        giro_number: "0012345678",
        max_history_days: 365,
    },
    TestBank {
        id: "musterbank",
        name: "Musterbank Hamburg",
        bank_code: "90094815",
        bic: "MUSTDEHHXXX",
        payments_per_day: 3,
        giro_number: "0000002881",
        max_history_days: 365,
    },
    TestBank {
        id: "kreisbank",
        name: "Kreisbank Köln (Test)",
        bank_code: "37040044",
        bic: "KREIDEKKXXX",
        payments_per_day: 2,
        giro_number: "0532013000",
        max_history_days: 730,
    },
    TestBank {
        id: "vielbuch",
        name: "Sparkasse Vielbuch",
        bank_code: "30030880",
        bic: "SPVBDEDDXXX",
        payments_per_day: 28,
        giro_number: "0013441006",
        max_history_days: 730,
    },
    TestBank {
        id: "massendaten",
        name: "Großbank Massendaten",
        bank_code: "50010517",
        bic: "GROSDEFFXXX",
        payments_per_day: 275,
        giro_number: "0648489890",
        max_history_days: 730,
    },
    TestBank {
        id: "suedbank",
        name: "Süddeutsche Testbank München",
        bank_code: "70050000",
        bic: "SUEDDEMMXXX",
        payments_per_day: 1,
        giro_number: "0000123456",
        max_history_days: 90,
    },
];

/// The bank with this id.
pub fn by_id(id: &str) -> Option<&'static TestBank> {
    BANKS.iter().find(|bank| bank.id == id)
}

/// The banks whose name or BLZ contains `search` (accents and case folded; empty: all).
pub fn search(search: &str) -> Vec<&'static TestBank> {
    let needle = fold(search);
    BANKS
        .iter()
        .filter(|bank| fold(bank.name).contains(&needle) || bank.bank_code.contains(&needle))
        .collect()
}

/// `text` without spaces, upper-cased: how an IBAN is compared.
pub fn normalise_iban(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The test bank of a German IBAN (by its BLZ), when the IBAN is well formed and its check
/// digits are right.
pub fn bank_of_iban(iban: &str) -> Option<&'static TestBank> {
    let iban = normalise_iban(iban);
    if iban.len() != 22 || !iban.starts_with("DE") || !iban[2..].bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    if german_iban(&iban[4..12], &iban[12..]) != iban {
        return None;
    }
    BANKS.iter().find(|bank| bank.bank_code == &iban[4..12])
}

/// The German IBAN of account `number` (ten digits) at `bank_code` (eight digits), with its
/// ISO 13616 check digits (mod 97).
pub fn german_iban(bank_code: &str, number: &str) -> String {
    let bban = format!("{bank_code}{number}");
    // "DE" is 13 14; the check digits start as 00.
    let digits = format!("{bban}131400");
    let remainder = digits
        .bytes()
        .fold(0u32, |acc, digit| (acc * 10 + u32::from(digit - b'0')) % 97);
    format!("DE{:02}{bban}", 98 - remainder)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_docs_example_ibans_belong_to_test_banks_with_valid_check_digits() {
        assert_eq!(
            german_iban("90094815", "0000002881"),
            "DE82900948150000002881"
        );
        assert_eq!(
            german_iban("37040044", "0532013000"),
            "DE89370400440532013000"
        );
        assert_eq!(
            bank_of_iban("DE82 9009 4815 0000 0028 81").unwrap().id,
            "musterbank"
        );
        assert_eq!(
            bank_of_iban("de89370400440532013000").unwrap().id,
            "kreisbank"
        );
    }

    #[test]
    fn a_wrong_check_digit_or_an_unknown_bank_gives_no_bank() {
        assert!(bank_of_iban("DE83900948150000002881").is_none());
        assert!(bank_of_iban(&german_iban("12345678", "0000000001")).is_none());
        assert!(bank_of_iban("FR7630006000011234567890189").is_none());
    }

    #[test]
    fn every_test_login_giro_iban_leads_back_to_its_bank() {
        for bank in BANKS {
            let iban = german_iban(bank.bank_code, bank.giro_number);
            assert_eq!(bank_of_iban(&iban), Some(bank), "{iban}");
        }
    }

    #[test]
    fn search_folds_umlauts_and_finds_by_blz() {
        assert_eq!(search("grossbank")[0].id, "massendaten");
        assert_eq!(search("KOLN")[0].id, "kreisbank");
        assert_eq!(search("30030880")[0].id, "vielbuch");
        assert_eq!(search("").len(), BANKS.len());
    }

    proptest! {
        #[test]
        fn any_text_is_answered_without_panic(text in "\\PC{0,40}") {
            let _ = bank_of_iban(&text);
            let _ = search(&text);
        }
    }
}
