//! The charts' store queries (`store::dashboard::load_charts`) on a small hand-made store: the
//! daily balances walk back exactly from each account's balance (pending lines and lines dated
//! after today included, three-decimal amounts exact), every currency keeps its own series, an
//! account without lines stays flat, one without a balance has none; the spending per month
//! counts debits only, per category and currency, and a month without any has no line.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use coffre::domain::{
    Account, AccountId, AccountKind, AccountState, Booking, Connection, ConnectionId,
    ConnectionState, Money, Transaction, TransactionId,
};
use coffre::store::dashboard::load_charts;
use coffre::store::read_model::charts::{ChartData, DAYS, MONTHS, Spending};
use coffre::store::{ConnectionSync, Store, SyncBatch};
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    day(2024, 6, 15)
}

fn account(id: &str, currency: &str, balance: Option<&str>) -> Account {
    Account {
        id: AccountId::oxlin(id),
        connection_id: Some(ConnectionId::oxlin("c1")),
        name: format!("Compte {id}"),
        kind: AccountKind::Checking,
        state: AccountState::Active,
        iban: None,
        balance: balance.map(|b| Money::new(dec(b), currency)),
        balance_date: None,
        owner: None,
    }
}

fn line(n: usize, account: &str, date: NaiveDate, amount: &str, category: &str) -> Transaction {
    let currency = if account == "usd" { "USD" } else { "EUR" };
    Transaction {
        id: TransactionId::oxlin(&format!("t{n}")),
        account_id: AccountId::oxlin(account),
        amount: Money::new(dec(amount), currency),
        date: Some(date),
        value_date: None,
        booking_date: None,
        imported_at: None,
        booking: Booking::Booked,
        label: format!("line {n}"),
        notes: None,
        category: Some(category.into()),
        kind: None,
    }
}

fn charts() -> ChartData {
    let mut lines = vec![
        line(1, "eur", day(2024, 6, 10), "-50.00", "FOOD"),
        line(2, "eur", day(2024, 6, 14), "-20.00", "FOOD"),
        line(3, "eur", day(2024, 6, 16), "-5", "FOOD"),
        line(4, "eur", day(2024, 5, 1), "2000.00", "SALARY"),
        line(5, "eur", day(2024, 5, 3), "-800.00", "HOUSING"),
        line(6, "eur", day(2024, 3, 20), "-12.345", "SERVICES"),
        line(7, "eur", day(2023, 6, 20), "-30.00", "FOOD"),
        line(8, "eur", day(2023, 1, 1), "-99.00", "FOOD"),
        line(9, "usd", day(2024, 6, 1), "-25.50", "FOOD"),
    ];
    // Not booked yet: they count all the same.
    lines[1].booking = Booking::Pending;
    lines[2].booking = Booking::Pending;
    let batch = SyncBatch {
        synced: vec![ConnectionSync {
            connection: Connection {
                id: ConnectionId::oxlin("c1"),
                provider_id: None,
                name: "Banque".into(),
                state: ConnectionState::Ok,
                channels: Vec::new(),
                last_success: None,
            },
            accounts: vec![
                account("eur", "EUR", Some("1000.00")),
                account("usd", "USD", Some("500.00")),
                account("empty", "EUR", Some("300")),
                account("unknown", "EUR", None),
            ],
            transactions: lines,
        }],
        skipped: Vec::new(),
    };
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("charts.sqlite")).unwrap();
    let now = DateTime::<Utc>::from_timestamp(1_718_445_600, 0).unwrap();
    store.apply(&batch, now).unwrap();
    load_charts(&store, today()).unwrap()
}

/// The balance of `account` at the end of `date`.
fn balance(data: &ChartData, account: &str, date: NaiveDate) -> Decimal {
    let series = data.balance_of(&AccountId::oxlin(account)).unwrap();
    let i = (0..DAYS).find(|i| data.day(*i) == date).unwrap();
    series.points[i]
}

#[test]
fn balances_walk_back_from_each_accounts_balance_day_by_day() {
    let data = charts();
    assert_eq!(
        data.balances.len(),
        3,
        "the account without a balance has no line"
    );
    assert!(data.balances.iter().all(|b| b.points.len() == DAYS));
    // The line dated tomorrow is already in the balance: today is before it.
    assert_eq!(balance(&data, "eur", today()), dec("1005"));
    assert_eq!(
        balance(&data, "eur", day(2024, 6, 13)),
        dec("1025"),
        "pending counts"
    );
    assert_eq!(balance(&data, "eur", day(2024, 6, 9)), dec("1075"));
    assert_eq!(balance(&data, "eur", day(2024, 5, 1)), dec("1875"));
    assert_eq!(balance(&data, "eur", day(2024, 4, 30)), dec("-125"));
    assert_eq!(
        balance(&data, "eur", day(2024, 3, 19)),
        dec("-112.655"),
        "exact"
    );
    let eur = data.balance_of(&AccountId::oxlin("eur")).unwrap();
    assert_eq!(
        eur.points[0],
        dec("-82.655"),
        "the year's first day: the old line is out"
    );
    assert_eq!(data.day(0), day(2023, 6, 17));
    let usd = data.balance_of(&AccountId::oxlin("usd")).unwrap();
    assert_eq!(usd.currency, "USD");
    assert_eq!(balance(&data, "usd", day(2024, 5, 31)), dec("525.50"));
    let empty = data.balance_of(&AccountId::oxlin("empty")).unwrap();
    assert!(
        empty.points.iter().all(|p| *p == dec("300")),
        "no line: flat"
    );
}

#[test]
fn spending_counts_debits_per_month_category_and_currency() {
    let data = charts();
    assert_eq!(data.months.len(), MONTHS);
    assert_eq!(data.months[0], day(2023, 7, 1));
    assert_eq!(data.months[MONTHS - 1], day(2024, 6, 1));
    let mut spending = data.spending.clone();
    spending.sort_by(|a, b| {
        (a.month, &a.currency, &a.category).cmp(&(b.month, &b.currency, &b.category))
    });
    let spent = |month: usize, category: &str, currency: &str, amount: &str| Spending {
        month,
        category: Some(category.into()),
        currency: currency.into(),
        spent: dec(amount),
    };
    assert_eq!(
        spending,
        vec![
            spent(8, "SERVICES", "EUR", "12.345"),
            spent(10, "HOUSING", "EUR", "800"),
            spent(11, "FOOD", "EUR", "75"),
            spent(11, "FOOD", "USD", "25.50"),
        ],
        "no credit, nothing before July 2023, nothing in April (month 9)"
    );
}
