//! Transactions that files describe rather than list: recurring ones (`COFFRE_RECURRING`) and
//! deterministic generated ones (`COFFRE_GENERATE`, for the `large` file).

use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;

use super::BankTransaction;
use super::parse::transaction;

/// How often a recurring transaction repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Every {
    Days(u32),
    Months(u32),
}

impl Every {
    /// `<n>d`, `<n>w` or `<n>m`, n ≥ 1.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("`{text}` is not a period like 15d, 2w or 1m");
        let unit_at = text.char_indices().last().map_or(0, |(at, _)| at);
        let (n, unit) = text.split_at(unit_at);
        let n: u32 = n.parse().map_err(|_| bad())?;
        if n == 0 {
            return Err(bad());
        }
        match unit {
            "d" => Ok(Self::Days(n)),
            "w" => n.checked_mul(7).map(Self::Days).ok_or_else(bad),
            "m" => Ok(Self::Months(n)),
            _ => Err(bad()),
        }
    }
}

/// `count` copies of `template`, the first on its date, then every `every`.
pub fn recurring(template: &BankTransaction, every: Every, count: u32) -> Vec<BankTransaction> {
    let start = template.date;
    (0..count)
        .map_while(|i| {
            let date = match every {
                Every::Days(n) => start.checked_add_days(Days::new(u64::from(n) * u64::from(i))),
                // Same day of month, clamped to the month's end (chrono clamps).
                Every::Months(n) => start.checked_add_months(Months::new(n * i)),
            }?;
            Some(BankTransaction {
                date,
                ..template.clone()
            })
        })
        .collect()
}

/// What generated transactions look like: label, type, category, amount range in cents.
const MERCHANTS: &[(&str, &str, &str, i64, i64)] = &[
    (
        "CB CARREFOUR MARKET",
        "POINT_OF_SALE",
        "FOOD",
        -12_000,
        -800,
    ),
    ("CB MONOPRIX", "POINT_OF_SALE", "FOOD", -6_000, -300),
    ("CB BOULANGERIE PAUL", "POINT_OF_SALE", "FOOD", -1_500, -120),
    (
        "CB SNCF INTERNET",
        "POINT_OF_SALE",
        "TRANSPORT",
        -15_000,
        -1_500,
    ),
    (
        "CB TOTALENERGIES",
        "POINT_OF_SALE",
        "TRANSPORT",
        -9_000,
        -2_000,
    ),
    ("CB FNAC", "POINT_OF_SALE", "SHOPPING", -30_000, -1_000),
    (
        "CB PHARMACIE DU CENTRE",
        "POINT_OF_SALE",
        "HEALTH",
        -4_000,
        -300,
    ),
    (
        "CB LE PETIT BISTROT",
        "POINT_OF_SALE",
        "RESTAURANTS",
        -8_000,
        -1_200,
    ),
    ("RETRAIT DAB BNP", "ATM", "CASH", -10_000, -2_000),
    (
        "PRLV SEPA FREE MOBILE",
        "DIRECT_DEBIT",
        "SERVICES",
        -2_000,
        -1_000,
    ),
    ("PRLV SEPA EDF", "DIRECT_DEBIT", "SERVICES", -12_000, -4_000),
    ("VIR SEPA REMBOURSEMENT", "CREDIT", "TRANSFERS", 500, 20_000),
    ("VIR INSTANTANE LYDIA", "CREDIT", "TRANSFERS", 1_000, 8_000),
];

/// `count` deterministic transactions between `start` and `end` (inclusive), from `seed`.
/// Those in the last 3 days before `end` are pending.
pub fn generate(count: usize, seed: u64, start: NaiveDate, end: NaiveDate) -> Vec<BankTransaction> {
    let mut rng = XorShift::new(seed);
    let span = (end - start).num_days().max(0) as u64 + 1;
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        // Dates spread evenly (with a little noise) so the file reads like a real history.
        let offset = (i as u64 * span / count.max(1) as u64 + rng.below(2)).min(span - 1);
        let date = start + Days::new(offset);
        let pick = MERCHANTS[rng.below(MERCHANTS.len() as u64) as usize];
        let (label, kind, category, low, high) = pick;
        let cents = low + rng.below((high - low + 1) as u64) as i64;
        let mut tx = transaction(Decimal::new(cents, 2), date, label);
        tx.transaction_type = kind.to_owned();
        tx.category_id = category.to_owned();
        tx.pending = (end - date).num_days() < 3;
        if date.day() == 1 && i % 7 == 0 {
            tx.notes = Some(format!("{label}\nREF {:08}", rng.below(100_000_000)));
        }
        out.push(tx);
    }
    out
}

/// A tiny deterministic generator (xorshift64*): the same seed gives the same file everywhere.
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (n ≥ 1).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}
