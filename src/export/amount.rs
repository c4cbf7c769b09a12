//! Amounts as every export writes them: the stored decimal, digit for digit, padded to at least
//! its currency's minor units (`-4.6 EUR` → `-4.60`, `1500 JPY` → `1500`, `2.5 KWD` → `2.500`),
//! so a spreadsheet or a journal shows what the bank shows. Nothing is ever rounded away.
//!
//! The minor units are ISO 4217's; a code not listed here gets 2, the most common.

use rust_decimal::Decimal;

/// The number of decimals ISO 4217 gives `currency` (2 when the code is not one we list).
pub fn minor_units(currency: &str) -> u32 {
    match currency.trim().to_ascii_uppercase().as_str() {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX"
        | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        "CLF" | "UYW" => 4,
        _ => 2,
    }
}

/// `amount` with at least `currency`'s decimals, as a plain decimal with a `.` (`-4.60`).
pub fn amount_text(amount: Decimal, currency: &str) -> String {
    let mut padded = amount;
    let wanted = minor_units(currency);
    if padded.scale() < wanted {
        padded.rescale(wanted);
    }
    padded.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn amounts_show_their_currencys_decimals_and_never_lose_one() {
        assert_eq!(amount_text(dec("-4.6"), "EUR"), "-4.60");
        assert_eq!(amount_text(dec("950"), "eur"), "950.00");
        assert_eq!(amount_text(dec("1500"), "JPY"), "1500");
        assert_eq!(amount_text(dec("2.5"), "KWD"), "2.500");
        assert_eq!(amount_text(dec("-0.123456"), "EUR"), "-0.123456");
        assert_eq!(amount_text(dec("7"), "???"), "7.00");
    }
}
