//! Dashboard fixtures: two banks shaped like the Linxo test bank and HSBC, four accounts, a
//! few weeks of transactions, plus generators for hostile, long and thousands of rows. A
//! [`Board`] is what the store will hold; [`loaded`] writes it to this test's store and reads
//! what the dashboard loads from there (the balance histories come from the store's loader, as
//! in the app).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use coffre::app::{ApiEvent, Model, Msg, Screen};
use coffre::domain::{
    Account, AccountId, AccountKind, AccountState, Booking, Connection, ConnectionId,
    ConnectionState, Money, NextAction, Transaction, TransactionId,
};
use coffre::screens::dashboard::Dashboard;
use coffre::store::dashboard::account_histories;
use coffre::store::read_model::{AccountSummary, ConnectionSummary, DashboardData};
use coffre::store::{ConnectionSync, SyncBatch};
use rust_decimal::Decimal;
use std::str::FromStr;

use crate::common::{now, run};
use crate::settle::{empty_store, use_store, with_store};

/// What a test's store holds: the dashboard's banks and accounts, and the transactions.
#[derive(Debug, Clone, Default)]
pub struct Board {
    /// The banks and accounts (its histories are read from the store: [`loaded`]).
    pub data: DashboardData,
    /// The transactions.
    pub rows: Vec<Transaction>,
}

impl std::ops::Deref for Board {
    type Target = DashboardData;
    fn deref(&self) -> &DashboardData {
        &self.data
    }
}

impl std::ops::DerefMut for Board {
    fn deref_mut(&mut self) -> &mut DashboardData {
        &mut self.data
    }
}

impl From<DashboardData> for Board {
    fn from(data: DashboardData) -> Self {
        Board {
            data,
            rows: Vec::new(),
        }
    }
}

/// Writes `board` to this test's store and returns what the dashboard loads: its banks and
/// accounts, with the balance histories the store's loader reads.
pub fn loaded(board: impl Into<Board>) -> DashboardData {
    let board = board.into();
    write_store(&board);
    let mut data = board.data;
    data.histories = with_store(|store| account_histories(store, &data.accounts))
        .expect("the fixture's histories");
    data
}

/// Writes `board`'s connections, accounts and rows to a new store for this test.
pub fn write_store(board: &Board) {
    let (dir, mut store) = empty_store();
    let data = &board.data;
    let rows = board.rows.clone();
    let mut synced: Vec<ConnectionSync> = data
        .connections
        .iter()
        .map(|c| ConnectionSync {
            connection: c.connection.clone(),
            accounts: data
                .accounts
                .iter()
                .filter(|a| a.account.connection_id.as_ref() == Some(c.id()))
                .map(|a| a.account.clone())
                .collect(),
            transactions: Vec::new(),
        })
        .collect();
    for row in rows {
        let home = synced
            .iter()
            .position(|s| s.accounts.iter().any(|a| a.id == row.account_id))
            .unwrap_or(0);
        if let Some(sync) = synced.get_mut(home) {
            sync.transactions.push(row);
        }
    }
    let batch = SyncBatch {
        synced,
        skipped: Vec::new(),
    };
    store
        .apply(&batch, now())
        .expect("the fixture's rows stored");
    use_store(dir, store);
}

pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn day(offset: i64) -> NaiveDate {
    now().date_naive() - Duration::days(offset)
}

fn ago(minutes: i64) -> DateTime<Utc> {
    now() - Duration::minutes(minutes)
}

fn connection(id: &str, bank: &str, next_action: NextAction) -> ConnectionSummary {
    ConnectionSummary {
        connection: Connection {
            id: ConnectionId::oxlin(id),
            provider_id: None,
            name: bank.into(),
            state: ConnectionState::Ok,
            channels: Vec::new(),
            last_success: None,
        },
        next_action,
        accounts_pending_consent: 0,
        synced_at: None,
        login: None,
    }
}

pub fn connections() -> Vec<ConnectionSummary> {
    let mut linxo = connection("c1", "Linxo Test Bank", NextAction::RenewBefore(day(-5)));
    linxo.synced_at = Some(ago(3));
    let mut hsbc = connection("c2", "HSBC", NextAction::UpdateCredentials);
    hsbc.accounts_pending_consent = 1;
    hsbc.synced_at = Some(ago(60 * 50));
    vec![linxo, hsbc]
}

fn account(id: &str, conn: &str, name: &str, kind: AccountKind, balance: &str) -> AccountSummary {
    AccountSummary {
        account: Account {
            id: AccountId::oxlin(id),
            connection_id: Some(ConnectionId::oxlin(conn)),
            name: name.into(),
            kind,
            state: AccountState::Active,
            iban: Some(format!("FR76 3000 4000 0{id}00 1234 5678 9{}", id.len())),
            balance: Some(Money::new(dec(balance), "EUR")),
            balance_date: Some(now()),
            owner: Some("M. Dupont".into()),
        },
        synced_at: Some(ago(3)),
    }
}

pub fn accounts() -> Vec<AccountSummary> {
    let mut savings = account("a2", "c1", "Livret A", AccountKind::Savings, "12000.00");
    savings.account.iban = None;
    let mut usd = account("a3", "c2", "HSBC Dollar", AccountKind::Checking, "830.10");
    usd.account.balance = Some(Money::new(dec("830.10"), "USD"));
    usd.synced_at = Some(ago(60 * 50));
    let mut loan = account("a4", "c2", "Prêt immo", AccountKind::Loan, "-85000.00");
    loan.synced_at = Some(ago(60 * 50));
    vec![
        account(
            "a1",
            "c1",
            "Compte chèques",
            AccountKind::Checking,
            "2441.46",
        ),
        savings,
        usd,
        loan,
    ]
}

pub fn tx(i: usize, account: &str, days_ago: i64, label: &str, amount: &str) -> Transaction {
    let currency = if account == "a3" { "USD" } else { "EUR" };
    Transaction {
        id: TransactionId::oxlin(&format!("t{i}")),
        account_id: AccountId::oxlin(account),
        date: Some(day(days_ago)),
        value_date: Some(day(days_ago - 1)),
        booking_date: None,
        amount: Money::new(dec(amount), currency),
        label: label.into(),
        notes: None,
        category: None,
        kind: Some("CARD".into()),
        booking: Booking::Booked,
        imported_at: Some(ago(3)),
    }
}

pub fn transactions() -> Vec<Transaction> {
    let mut rows = vec![
        tx(1, "a1", 1, "CB CARREFOUR MARKET", "-54.20"),
        tx(2, "a1", 2, "VIR SALAIRE ACME SAS", "2450.00"),
        tx(3, "a1", 3, "PRLV EDF CLIENTS PARTICULIERS", "-79.99"),
        tx(4, "a1", 8, "CB SNCF INTERNET", "-112.00"),
        tx(5, "a1", 15, "RETRAIT DAB PARIS 11", "-60.00"),
        tx(6, "a1", 22, "CB BOULANGERIE DU COIN", "-4.80"),
        tx(7, "a2", 30, "VIR LIVRET A", "500.00"),
        tx(8, "a3", 4, "STARBUCKS NEW YORK", "-6.45"),
        tx(9, "a3", 12, "AMAZON.COM", "-42.00"),
        tx(10, "a4", 28, "ECHEANCE PRET", "850.00"),
        tx(11, "a1", 0, "CB MONOPRIX", "-23.10"),
    ];
    rows[0].category = Some("Groceries".into());
    rows[1].category = Some("Salary".into());
    rows[1].notes = Some("Salaire février\nRéf. 2024-02".into());
    rows[2].category = Some("Energy".into());
    rows[10].booking = Booking::Pending;
    rows[10].value_date = None;
    rows
}

pub fn data() -> Board {
    with_rows(transactions())
}

/// The two banks and four accounts with these transactions.
pub fn with_rows(rows: Vec<Transaction>) -> Board {
    Board {
        data: DashboardData {
            connections: connections(),
            accounts: accounts(),
            ..DashboardData::default()
        },
        rows,
    }
}

/// `n` synthetic rows over the four accounts, one a day going back.
pub fn many(n: usize) -> Board {
    let labels = [
        "CB CARREFOUR",
        "VIR SALAIRE",
        "PRLV EDF",
        "CB SNCF",
        "RETRAIT DAB",
    ];
    let ids = ["a1", "a2", "a3", "a4"];
    let rows = (0..n)
        .map(|i| {
            let amount = format!("{}.{:02}", (i as i64 * 37) % 500 - 250, i % 100);
            tx(i, ids[i % 4], (i / 4) as i64, labels[i % 5], &amount)
        })
        .collect();
    with_rows(rows)
}

/// A model on the dashboard, loaded with `board`; its rows are written to this test's store
/// first, where the transactions view reads its windows (`crate::settle`).
pub fn dashboard(board: impl Into<Board>) -> Model {
    let data = loaded(board);
    let mut m = Model::new(now(), true, None);
    m.screen = Screen::Dashboard(Box::new(Dashboard::loading()));
    run(&mut m, [Msg::Api(ApiEvent::DashboardLoaded(Ok(data)))]);
    m
}

/// The dashboard state inside the model.
pub fn board(m: &Model) -> &Dashboard {
    match &m.screen {
        Screen::Dashboard(d) => d,
        other => panic!("not on the dashboard: {other:?}"),
    }
}
