//! Dashboard speed at 100,000 and 1,000,000 synthetic transactions: the load (compact rows,
//! search text, index, balance histories) and the memory of the compact rows, a frame of the transactions view on a 200x50 `TestBackend`, a
//! search keystroke (the first over every row, then narrowing ones), a sort change and a filter
//! change. Prints the median of several runs of each. Goals: frame < 5 ms, keystroke < 50 ms.
//!
//! Run: `cargo bench --bench dashboard_render` (add `-- 100000` for one size only).

use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone, Utc};
use coffre::app::{ApiEvent, Model, Msg, Screen, update};
use coffre::domain::{
    Account, AccountId, AccountKind, AccountState, Booking, Connection, ConnectionId,
    ConnectionState, Money, NextAction, Transaction, TransactionId,
};
use coffre::screens::dashboard::Dashboard;
use coffre::store::read_model::{AccountSummary, ConnectionSummary, DashboardData};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;

const LABELS: [&str; 8] = [
    "CB CARREFOUR MARKET",
    "VIR SALAIRE ACME SAS",
    "PRLV EDF CLIENTS PARTICULIERS",
    "CB SNCF INTERNET",
    "RETRAIT DAB PARIS 11",
    "CB BOULANGERIE DU COIN",
    "PRLV FREE MOBILE",
    "CB AMAZON EU SARL",
];

fn data(n: usize) -> (DashboardData, Vec<Transaction>) {
    let connections = vec![ConnectionSummary {
        connection: Connection {
            id: ConnectionId::oxlin("c1"),
            provider_id: None,
            name: "Linxo Test Bank".into(),
            state: ConnectionState::Ok,
            channels: Vec::new(),
            last_success: None,
        },
        next_action: NextAction::None,
        accounts_pending_consent: 0,
        synced_at: None,
        login: None,
    }];
    let accounts = (0..4)
        .map(|i| AccountSummary {
            account: Account {
                id: AccountId::oxlin(&format!("a{i}")),
                connection_id: Some(ConnectionId::oxlin("c1")),
                name: format!("Compte {i}"),
                kind: AccountKind::Checking,
                state: AccountState::Active,
                iban: None,
                balance: Some(Money::new(Decimal::from(1000 * i), "EUR")),
                balance_date: None,
                owner: None,
            },
            synced_at: None,
        })
        .collect();
    let start = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap_or_default();
    let transactions = (0..n)
        .map(|i| Transaction {
            id: TransactionId::oxlin(&format!("t{i}")),
            account_id: AccountId::oxlin(&format!("a{}", i % 4)),
            date: Some(start - chrono::Duration::days((i / 50) as i64)),
            value_date: None,
            booking_date: None,
            amount: Money::new(
                Decimal::new((i as i64 * 7919) % 200_000 - 100_000, 2),
                "EUR",
            ),
            label: format!("{} {}", LABELS[i % LABELS.len()], i % 997),
            notes: (i % 10 == 0).then(|| format!("ref {i}")),
            category: Some(["Food", "Salary", "Energy", "Travel"][i % 4].into()),
            kind: None,
            booking: if i % 20 == 0 {
                Booking::Pending
            } else {
                Booking::Booked
            },
            imported_at: None,
        })
        .collect();
    let data = DashboardData {
        connections,
        accounts,
        ..DashboardData::default()
    };
    (data, transactions)
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn time(f: impl FnOnce()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

fn bench(n: usize) {
    let now = Utc
        .with_ymd_and_hms(2024, 3, 1, 10, 0, 0)
        .single()
        .unwrap_or_default();
    let mut model = Model::new(now, true, None);
    model.screen = Screen::Dashboard(Box::new(Dashboard::loading()));
    let (mut data, rows) = data(n);
    let mut bytes = 0;
    let load = time(|| {
        data.transactions = rows.into();
        bytes = data.transactions.heap_bytes();
        update(&mut model, Msg::Api(ApiEvent::DashboardLoaded(Ok(data))));
    });
    update(&mut model, key(KeyCode::Tab));
    let Ok(mut terminal) = Terminal::new(TestBackend::new(200, 50));
    let mut frames = Vec::new();
    for i in 0..30 {
        update(
            &mut model,
            key(if i % 2 == 0 {
                KeyCode::PageDown
            } else {
                KeyCode::Down
            }),
        );
        frames.push(time(|| {
            let _ = terminal.draw(|f| coffre::app::view(&mut model, f));
        }));
    }
    let mut first_key = Vec::new();
    let mut narrowing = Vec::new();
    let mut widening = Vec::new();
    for _ in 0..5 {
        update(&mut model, key(KeyCode::Char('/')));
        first_key.push(time(|| {
            update(&mut model, key(KeyCode::Char('c')));
        }));
        narrowing.push(time(|| {
            update(&mut model, key(KeyCode::Char('b')));
        }));
        widening.push(time(|| {
            update(&mut model, key(KeyCode::Backspace));
        }));
        update(&mut model, key(KeyCode::Esc));
    }
    let mut sorts = Vec::new();
    // The first sort by a column computes its order once; the later ones reuse it.
    for column in ['4', '3', '1', '2', '4', '3'] {
        sorts.push(time(|| {
            update(&mut model, key(KeyCode::Char(column)));
        }));
    }
    let mut filters = Vec::new();
    for _ in 0..3 {
        // Pending only: f, to Status, →, Enter; then Esc clears it.
        update(&mut model, key(KeyCode::Char('f')));
        for _ in 0..3 {
            update(&mut model, key(KeyCode::Tab));
        }
        update(&mut model, key(KeyCode::Right));
        filters.push(time(|| {
            update(&mut model, key(KeyCode::Enter));
        }));
        update(&mut model, key(KeyCode::Esc));
    }
    println!("dashboard with {n} transactions:");
    println!("  load (compact rows, index, histories)  {}", ms(load));
    println!(
        "  compact rows in memory                 {:.1} MB",
        bytes as f64 / 1e6
    );
    println!(
        "  frame, transactions view 200x50       {} (median of 30, goal < 5 ms)",
        ms(median(frames))
    );
    println!(
        "  search, first key over every row      {} (median of 5, goal < 50 ms)",
        ms(median(first_key))
    );
    println!(
        "  search, narrowing key                  {}",
        ms(median(narrowing))
    );
    println!(
        "  search, Backspace (widening)           {}",
        ms(median(widening))
    );
    let each: Vec<String> = sorts.iter().map(|d| ms(*d)).collect();
    println!(
        "  sort change by amount, label, date, account, amount, label: {}",
        each.join(", ")
    );
    println!(
        "  filter change (pending only)           {} (median of 3)",
        ms(median(filters))
    );
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![100_000, 1_000_000]
    } else {
        sizes
    };
    for n in sizes {
        bench(n);
    }
}
