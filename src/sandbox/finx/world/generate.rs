//! The data set of one access: a Giro account, a savings account and a credit card of the test
//! login at one test bank, with `history_days` of German transactions up to `today`.
//!
//! Deterministic: the same bank, login, history and day give the same data (a `StdRng` seeded
//! from the bank and the login). Choices (ours): the salary (`Gehalt`, SEPA purpose code
//! `SALA`) arrives on the 28th, the rent leaves by standing order on the 1st, three direct
//! debits (`Lastschrift`, with `MREF+` and `CRED+`), a monthly transfer to savings on the 10th,
//! quarterly interest on savings, the credit card settled from the Giro account on the 20th,
//! card payments every day (the bank's `payments_per_day`). Card payments of today and
//! yesterday are pending (`booked: false`). Every record is created at `now` (the first sync);
//! transaction ids are handed out later, by the ledger.

mod lines;

use chrono::{DateTime, Days, NaiveDate, Utc};
use rand08::rngs::StdRng;
use rand08::{Rng, SeedableRng};

use super::banks::{TestBank, german_iban};
use super::records::{AccountKind, AccountRecord, TransactionRecord};
use super::texts::{CARD_MERCHANTS, GIRO_MERCHANTS};
use lines::Writer;

/// What to generate.
pub struct Request<'a> {
    pub bank: &'static TestBank,
    /// The access the accounts belong to (`X…`).
    pub access_id: &'a str,
    /// The number inside the access id, reused in account ids (`A<serial>.1`).
    pub serial: u64,
    pub owner: &'a str,
    pub history_days: u32,
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
}

/// An access's accounts (Giro, savings, credit card) and their transactions, ids still empty.
pub struct Generated {
    pub accounts: Vec<AccountRecord>,
    pub transactions: Vec<TransactionRecord>,
}

/// Generates the data set of `request`.
pub fn generate(request: &Request<'_>) -> Generated {
    let accounts = accounts(request);
    let mut out = Writer {
        request,
        rng: StdRng::seed_from_u64(seed_of(request.bank.id, request.owner)),
        transactions: Vec::new(),
    };
    let first = request
        .today
        .checked_sub_days(Days::new(u64::from(request.history_days.max(1)) - 1))
        .unwrap_or(request.today);
    let (giro, savings, card) = (&accounts[0], &accounts[1], &accounts[2]);
    let mut card_spent = 0i64;
    let mut savings_balance = savings.opening_cents;
    for day in first.iter_days().take_while(|day| *day <= request.today) {
        out.monthly(
            day,
            giro,
            savings,
            card,
            &mut card_spent,
            &mut savings_balance,
        );
        let rate = request.bank.payments_per_day;
        let payments = out.rng.gen_range(rate / 2..=rate + rate / 2);
        for _ in 0..payments {
            out.card_payment(giro, GIRO_MERCHANTS, day);
        }
        if out.rng.gen_ratio(1, 3) {
            card_spent += out.card_payment(card, &CARD_MERCHANTS[..4], day);
        }
        if out.rng.gen_ratio(1, 10) {
            let cents = out.rng.gen_range(500..=6_000);
            out.transfer_in(
                giro,
                day,
                cents,
                "Jürgen Weiß",
                "Anteil Abendessen Brauhaus",
            );
        }
    }
    let mut accounts = accounts;
    // The Giro account never ends in the red: its opening balance covers the history.
    let giro_total: i64 = out
        .transactions
        .iter()
        .filter(|tx| tx.booked && tx.account_id == accounts[0].account_id)
        .map(|tx| tx.amount_cents)
        .sum();
    accounts[0].opening_cents -= giro_total.min(0);
    Generated {
        accounts,
        transactions: out.transactions,
    }
}

/// What arrives at the bank between two syncs (the `sync`-th): two pending card payments of
/// today on the Giro account and a card payment of yesterday, booked late on the credit card.
pub fn arrivals(request: &Request<'_>, sync: u64) -> Vec<TransactionRecord> {
    let accounts = accounts(request);
    let seed = seed_of(request.bank.id, request.owner) ^ sync.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut out = Writer {
        request,
        rng: StdRng::seed_from_u64(seed),
        transactions: Vec::new(),
    };
    let yesterday = request.today.pred_opt().unwrap_or(request.today);
    out.card_payment(&accounts[0], GIRO_MERCHANTS, request.today);
    out.card_payment(&accounts[0], GIRO_MERCHANTS, request.today);
    out.card_payment(&accounts[2], &CARD_MERCHANTS[..4], yesterday);
    if let Some(late) = out.transactions.last_mut() {
        late.booked = true;
        late.settled = Some(yesterday);
    }
    out.transactions
}

fn accounts(request: &Request<'_>) -> Vec<AccountRecord> {
    let bank = request.bank;
    let savings_number = format!("9{}", &bank.giro_number[1..]);
    let card_number = format!("4111XXXXXXXX{}", &bank.giro_number[6..]);
    let account =
        |n: u32, kind, number: &str, iban: Option<String>, name: &str, opening| AccountRecord {
            account_id: format!("A{}.{n}", request.serial),
            access_id: request.access_id.to_owned(),
            account_number: number.to_owned(),
            bank_code: bank.bank_code.to_owned(),
            iban,
            bic: bank.bic.to_owned(),
            bank_name: bank.name.to_owned(),
            kind,
            name: name.to_owned(),
            owner: request.owner.to_owned(),
            opening_cents: opening,
        };
    vec![
        account(
            1,
            AccountKind::Giro,
            bank.giro_number,
            Some(german_iban(bank.bank_code, bank.giro_number)),
            "Girokonto",
            184_250,
        ),
        account(
            2,
            AccountKind::Savings,
            &savings_number,
            Some(german_iban(bank.bank_code, &savings_number)),
            "Tagesgeldkonto",
            500_000,
        ),
        account(
            3,
            AccountKind::CreditCard,
            &card_number,
            None,
            "Kreditkarte Gold",
            0,
        ),
    ]
}

/// FNV-1a of the bank and the login: the seed of their data.
fn seed_of(bank_id: &str, owner: &str) -> u64 {
    format!("{bank_id}\u{0}{owner}")
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
}
