//! The German IBAN typed to skip the bank choice in finX's page, checked as it is typed: the
//! country (`DE`), the length (22), digits after the country, and the ISO 13616 check digits
//! (mod 97).
//!
//! Docs gap (ours): no IBAN crate is in the dependency tree and the registry is out of reach
//! here, so the mod-97 check is written out (a dozen lines, property-tested); spaces are
//! ignored and letters uppercased, as banks print IBANs in groups of four.

/// Where the IBAN typed so far stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IbanCheck {
    /// Nothing typed: the bank is chosen in finX's page.
    Empty,
    /// Not a German IBAN (another country, or not starting with two letters).
    NotGerman,
    /// A character that is not a letter, digit or space, or a letter after the country.
    BadCharacter,
    /// German so far, shorter than 22 characters (still being typed).
    TooShort,
    /// Longer than a German IBAN's 22 characters.
    TooLong,
    /// 22 characters whose check digits do not match: a typo.
    WrongCheckDigits,
    /// A valid German IBAN, without spaces, upper case.
    Valid(String),
}

/// A German IBAN's length.
const GERMAN_LENGTH: usize = 22;

/// Checks `typed` as a German IBAN.
pub fn check_german_iban(typed: &str) -> IbanCheck {
    let iban: String = typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if iban.is_empty() {
        return IbanCheck::Empty;
    }
    let country: String = iban.chars().take(2).collect();
    if !"DE".starts_with(&country) {
        return IbanCheck::NotGerman;
    }
    if !iban.chars().skip(2).all(|c| c.is_ascii_digit()) {
        return IbanCheck::BadCharacter;
    }
    match iban.chars().count() {
        n if n < GERMAN_LENGTH => IbanCheck::TooShort,
        n if n > GERMAN_LENGTH => IbanCheck::TooLong,
        _ if mod97(&iban) != 1 => IbanCheck::WrongCheckDigits,
        _ => IbanCheck::Valid(iban),
    }
}

/// ISO 13616's remainder: the first four characters moved to the end, letters as 10..35.
fn mod97(iban: &str) -> u32 {
    let (head, tail) = iban.split_at(4);
    tail.chars().chain(head.chars()).fold(0u32, |rest, c| {
        let value = c.to_digit(36).unwrap_or(0);
        let rest = if value >= 10 { rest * 100 } else { rest * 10 };
        (rest + value) % 97
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The example IBAN of finx-api.md and the sandbox's Giro account.
    const VALID: &str = "DE89 3704 0044 0532 0130 00";

    #[test]
    fn a_german_iban_is_checked_as_it_is_typed() {
        assert_eq!(check_german_iban(""), IbanCheck::Empty);
        assert_eq!(check_german_iban("d"), IbanCheck::TooShort);
        assert_eq!(check_german_iban("DE89 3704"), IbanCheck::TooShort);
        assert_eq!(check_german_iban("FR76 3000"), IbanCheck::NotGerman);
        assert_eq!(check_german_iban("DE89 37A4"), IbanCheck::BadCharacter);
        assert_eq!(
            check_german_iban(VALID),
            IbanCheck::Valid("DE89370400440532013000".into())
        );
        assert_eq!(
            check_german_iban("DE88 3704 0044 0532 0130 00"),
            IbanCheck::WrongCheckDigits
        );
        assert_eq!(check_german_iban(&format!("{VALID}0")), IbanCheck::TooLong);
    }

    proptest! {
        /// Whatever is typed, the check never panics, and only 22 characters starting with
        /// DE are ever valid.
        #[test]
        fn anything_typed_is_checked_without_panicking(typed in "\\PC{0,40}") {
            if let IbanCheck::Valid(iban) = check_german_iban(&typed) {
                prop_assert_eq!(iban.len(), 22);
                prop_assert!(iban.starts_with("DE"));
            }
        }

        /// Changing one digit of a valid IBAN is always caught by its check digits.
        #[test]
        fn one_wrong_digit_is_always_caught(at in 4usize..22, digit in 0u32..10) {
            let mut iban: Vec<char> = "DE89370400440532013000".chars().collect();
            let new = char::from_digit(digit, 10).unwrap();
            prop_assume!(iban[at] != new);
            iban[at] = new;
            let typed: String = iban.into_iter().collect();
            prop_assert_eq!(check_german_iban(&typed), IbanCheck::WrongCheckDigits);
        }
    }
}
