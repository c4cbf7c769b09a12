//! The formatting's own tests: both notations, Paris dates, relative times, countdowns, IBAN
//! masking, and privacy mode (property tests: a masked amount or IBAN shows no digit).

use super::*;
use chrono::TimeZone;
use std::str::FromStr;

use crate::i18n::Lang;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn money_in_both_styles() {
    assert_eq!(
        money(d("2441.46"), "EUR", NumberStyle::PLAIN),
        "2441.46 EUR"
    );
    assert_eq!(
        money(d("-1234567.5"), "EUR", NumberStyle::FRENCH),
        "-1 234 567,50 €"
    );
    assert_eq!(money(d("999"), "CHF", NumberStyle::FRENCH), "999,00 CHF");
    assert_eq!(
        signed_money(d("50"), "EUR", NumberStyle::PLAIN),
        "+50.00 EUR"
    );
    assert_eq!(
        signed_money(d("-79.99"), "EUR", NumberStyle::PLAIN),
        "-79.99 EUR"
    );
    assert_eq!(money(d("-0.001"), "EUR", NumberStyle::PLAIN), "0.00 EUR");
}

#[test]
fn dates_are_paris_days() {
    // 1639954800 = 2021-12-20 00:00 Europe/Paris (23:00 UTC the day before).
    assert_eq!(date(1_639_954_800, Lang::Fr), "20/12/2021");
    assert_eq!(date(i64::MAX, Lang::Fr), "?");
    assert_eq!(date(i64::MIN, Lang::En), "?");
    assert_eq!(date(DateTime::<Utc>::MAX_UTC.timestamp(), Lang::Fr), "?");
    assert_eq!(
        date(DateTime::<Utc>::MIN_UTC.timestamp(), Lang::Fr),
        "01/01/-262143"
    );
}

#[test]
fn an_english_reader_gets_unambiguous_iso_dates_and_a_french_one_day_first() {
    assert_eq!(date(1_639_954_800, Lang::En), "2021-12-20");
    let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    assert_eq!(day(d, Lang::En), "2026-11-02");
    assert_eq!(day(d, Lang::Fr), "02/11/2026");
    let at = Utc.with_ymd_and_hms(2026, 11, 2, 14, 3, 0).unwrap();
    assert_eq!(day_time(at, Lang::En), "2026-11-02 14:03 UTC");
    assert_eq!(day_time(at, Lang::Fr), "02/11/2026 14:03 UTC");
}

#[test]
fn ago_reads_like_a_person() {
    let now = Utc.timestamp_opt(1_700_000_000, 0).unwrap();
    let at = |s: i64| Utc.timestamp_opt(1_700_000_000 - s, 0).unwrap();
    assert_eq!(ago(at(10), now, Lang::En), "just now");
    assert_eq!(ago(at(-10), now, Lang::En), "just now");
    assert_eq!(ago(at(180), now, Lang::En), "3 min ago");
    assert_eq!(ago(at(7200), now, Lang::En), "2 h ago");
    assert_eq!(ago(at(90_000), now, Lang::En), "yesterday");
    assert_eq!(ago(at(5 * 86_400), now, Lang::En), "5 days ago");
    assert_eq!(ago(at(180), now, Lang::Fr), "il y a 3 min");
    assert_eq!(ago(at(90_000), now, Lang::Fr), "hier");
}

#[test]
fn countdown_and_iban_masking() {
    assert_eq!(countdown(125), "2:05");
    assert_eq!(countdown(-3), "0:00");
    let shown = NumberStyle::FRENCH;
    assert_eq!(
        masked_iban("FR62 3000 3000 5023 7684 3574 B66", shown),
        "FR62 •••• 4B66"
    );
    assert_eq!(masked_iban("FR12", shown), "••••");
}

#[test]
fn privacy_mode_hides_every_digit_of_amounts_and_ibans() {
    let private = NumberStyle::FRENCH.private(true);
    assert_eq!(money(d("-1234567.5"), "EUR", private), "•••,•• €");
    assert_eq!(signed_money(d("2450"), "EUR", private), "•••,•• €");
    assert_eq!(signed_money(d("-6.45"), "USD", private), "•••,•• $");
    let plain = NumberStyle::PLAIN.private(true);
    assert_eq!(money(d("830.10"), "USD", plain), "•••.•• USD");
    assert_eq!(
        masked_iban("FR62 3000 3000 5023 7684 3574 B66", private),
        "FR•• •••• ••••"
    );
    assert_eq!(masked_iban("12", private), "•••• •••• ••••");
    assert_eq!(count(1234, private), "1 234", "counts are not amounts");
    assert!(
        !NumberStyle::FRENCH
            .private(true)
            .private(false)
            .is_private()
    );
}

proptest::proptest! {
    /// Whatever the amount and currency, privacy mode writes no digit of it and the same
    /// text for every amount (so neither the sign nor the magnitude shows).
    #[test]
    fn a_masked_amount_shows_nothing_of_its_value(
        units in proptest::num::i64::ANY,
        scale in 0u32..10,
        currency in "(EUR|USD|GBP|CHF)",
        french in proptest::bool::ANY,
    ) {
        let amount = Decimal::new(units, scale);
        let base = if french { NumberStyle::FRENCH } else { NumberStyle::PLAIN };
        let style = base.private(true);
        let text = money(amount, &currency, style);
        proptest::prop_assert!(!text.chars().any(|c| c.is_ascii_digit()), "{}", text);
        proptest::prop_assert_eq!(&text, &money(Decimal::ONE, &currency, style));
        proptest::prop_assert_eq!(&text, &signed_money(amount, &currency, style));
    }

    /// Whatever the IBAN, privacy mode writes none of its digits.
    #[test]
    fn a_masked_iban_shows_no_digit(iban in "[A-Z0-9 ]{0,40}") {
        let text = masked_iban(&iban, NumberStyle::FRENCH.private(true));
        proptest::prop_assert!(!text.chars().any(|c| c.is_ascii_digit()), "{}", text);
    }
}
