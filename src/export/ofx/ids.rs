//! The identifiers an OFX statement needs, cut to the sizes OFX 2.2 allows (validating parsers
//! such as `ofxtools` refuse longer ones): `BANKID` (9 characters), `ACCTID` (22), `TRNUID`
//! (36), and a `CURDEF` that is an ISO 4217 code.
//!
//! Choices (ours, the OFX spec leaves them to the bank): `BANKID` is the bank code read from
//! the IBAN (its position depends on the country; e.g. the 5-digit "code banque" of a French
//! IBAN, the 8-digit Bankleitzahl of a German one), else the connection's id when it fits,
//! else `COFFRE`. An id longer than its field becomes a stable 16-hex-digit FNV-1a hash of it,
//! so two exports of the same account still match in the importing tool.

use crate::domain::Account;

/// Where the bank code sits in the IBAN of each country we know: (start, length) in the IBAN
/// without spaces. Other countries: the first 9 characters of the BBAN.
fn bank_code_span(country: &str) -> (usize, usize) {
    match country {
        "FR" | "MC" => (4, 5),
        "DE" => (4, 8),
        "AT" => (4, 5),
        "BE" => (4, 3),
        "CH" | "LI" => (4, 5),
        "ES" => (4, 4),
        "IT" | "SM" => (5, 5),
        "LU" => (4, 3),
        "NL" | "GB" | "IE" => (4, 4),
        "PT" => (4, 4),
        _ => (4, 9),
    }
}

/// The bank code of an IBAN (`FR76 3000 1007 …` → `30001`), when it looks like one.
pub fn bank_code(iban: &str) -> Option<String> {
    let compact: String = iban
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let bytes = compact.as_bytes();
    let shaped = compact.len() >= 10
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes[2..4].iter().all(u8::is_ascii_digit)
        && bytes.iter().all(u8::is_ascii_alphanumeric);
    if !shaped {
        return None;
    }
    let (start, len) = bank_code_span(&compact[..2]);
    let end = (start + len).min(compact.len());
    Some(compact[start..end].to_owned())
}

/// The `BANKID` of an account: at most 9 characters, never empty.
pub fn bank_id(account: &Account) -> String {
    if let Some(code) = account.iban.as_deref().and_then(bank_code) {
        return code;
    }
    match account.connection_id.as_ref().map(|c| c.raw()) {
        Some(raw) if fits(raw, 9) => raw.to_owned(),
        _ => "COFFRE".to_owned(),
    }
}

/// `id` when it fits a field of `max` characters, else its stable hash.
pub fn sized(id: &str, max: usize) -> String {
    if fits(id, max) {
        id.to_owned()
    } else {
        format!("{:016x}", fnv1a(id.as_bytes()))
    }
}

fn fits(id: &str, max: usize) -> bool {
    !id.is_empty() && id.chars().count() <= max && !id.chars().any(char::is_control)
}

/// FNV-1a, 64 bits: stable across versions and machines, unlike `std`'s hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// `code` when it is an ISO 4217 code (three capital letters), as `CURDEF` requires.
pub fn currency(code: &str) -> Option<&str> {
    let code = code.trim();
    (code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase())).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bank_code_comes_from_the_iban_of_each_country() {
        assert_eq!(
            bank_code("FR76 3000 1007 9412 3456 7890 185").as_deref(),
            Some("30001")
        );
        assert_eq!(
            bank_code("DE89370400440532013000").as_deref(),
            Some("37040044")
        );
        assert_eq!(
            bank_code("IT60X0542811101000000123456").as_deref(),
            Some("05428")
        );
        assert_eq!(bank_code("FR76"), None);
        assert_eq!(bank_code("not an iban at all"), None);
    }

    #[test]
    fn long_ids_become_a_stable_hash_that_fits() {
        let long = "x".repeat(40);
        assert_eq!(sized(&long, 22), sized(&long, 22));
        assert_eq!(sized(&long, 22).len(), 16);
        assert_ne!(sized(&long, 22), sized(&"y".repeat(40), 22));
        assert_eq!(sized("10003", 22), "10003");
        assert_eq!(currency("EUR"), Some("EUR"));
        assert_eq!(currency("€"), None);
    }
}
