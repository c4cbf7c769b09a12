//! The charts view (`v` on the dashboard) as a user sees it: the selected account's balance and
//! the net worth over a year, the spending per month by category, at 100x30, 60x20 and 30x10
//! (hidden behind one line there, never squeezed); and the `c` category filter of the
//! transactions view, with the search on top. The chart data comes from a real store
//! (`store::load_charts` over a temporary SQLite file), as in the app.

use chrono::{Datelike, Duration, NaiveDate};
use coffre::app::{ApiEvent, Model, Msg};
use coffre::domain::{Booking, Transaction};
use coffre::screens::dashboard::Tab;
use coffre::store::dashboard::load_charts;
use coffre::store::read_model::charts::ChartData;
use coffre::store::{ConnectionSync, Store, SyncBatch};
use crossterm::event::KeyCode;
use insta::assert_snapshot;

use crate::common::*;
use crate::dashboard::fixtures::*;

/// A year of an ordinary life on the checking account (salary, rent, bills, groceries), a few
/// dollars spent on the USD account, the loan's instalments; the last line is pending.
pub fn year_of_lines() -> Vec<Transaction> {
    let today = now().date_naive();
    let mut rows = Vec::new();
    let mut push = |account: &str, day: NaiveDate, label: &str, amount: String, cat: &str| {
        let days_ago = (today - day).num_days();
        if days_ago < 0 {
            return;
        }
        let mut t = tx(rows.len(), account, days_ago, label, &amount);
        t.category = Some(cat.to_string());
        rows.push(t);
    };
    for back in 0..12 {
        let month = today.with_day(1).unwrap() - chrono::Months::new(back);
        let day = |d: u32| month.with_day(d).unwrap();
        push(
            "a1",
            day(28),
            "VIR SALAIRE ACME SAS",
            "1450.00".into(),
            "SALARY",
        );
        push("a1", day(5), "PRLV LOYER", "-900.00".into(), "HOUSING");
        push(
            "a1",
            day(9),
            "PRLV EDF",
            format!("-{}.99", 40 + back * 7),
            "SERVICES",
        );
        push(
            "a4",
            day(10),
            "ECHEANCE PRET",
            "850.00".into(),
            "LOAN_REPAYMENT",
        );
        for week in 0..4 {
            let amount = format!(
                "-{}.{:02}",
                45 + (back * 13 + week * 29) % 70,
                back * 7 % 100
            );
            push("a1", day(2 + week * 7), "CB CARREFOUR", amount, "FOOD");
        }
        if back % 3 == 0 {
            push(
                "a3",
                day(12),
                "AMAZON.COM",
                format!("-{}.00", 30 + back),
                "SHOPPING",
            );
        }
    }
    push("a1", today, "CB MONOPRIX", "-23.10".into(), "FOOD");
    if let Some(last) = rows.last_mut() {
        last.booking = Booking::Pending;
    }
    rows
}

/// What `load_charts` reads from a store holding the fixture banks and `rows`, as of the
/// tests' today.
pub fn chart_data(rows: &[Transaction]) -> ChartData {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("charts.sqlite")).unwrap();
    let accounts = accounts();
    let synced = connections()
        .into_iter()
        .map(|c| {
            let mine: Vec<_> = accounts
                .iter()
                .filter(|a| a.connection_id() == Some(c.id()))
                .map(|a| a.account.clone())
                .collect();
            let lines = rows
                .iter()
                .filter(|t| mine.iter().any(|a| a.id == t.account_id))
                .cloned()
                .collect();
            ConnectionSync {
                connection: c.connection,
                accounts: mine,
                transactions: lines,
            }
        })
        .collect();
    let batch = SyncBatch {
        synced,
        skipped: Vec::new(),
    };
    store.apply(&batch, now()).unwrap();
    load_charts(&store, now().date_naive()).unwrap()
}

/// The dashboard with a year of lines, its charts read, on the charts view.
pub fn on_charts() -> Model {
    let rows = year_of_lines();
    let data = chart_data(&rows);
    let mut m = dashboard(with_rows(rows));
    run(
        &mut m,
        [
            Msg::Api(ApiEvent::ChartsLoaded(Ok(Box::new(data)))),
            key(KeyCode::Char('v')),
        ],
    );
    m
}

#[test]
fn v_opens_the_charts_of_the_first_account_and_the_net_worth() {
    let mut m = on_charts();
    assert_eq!(board(&m).tab, Tab::Charts);
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("Balance: Compte chèques"), "{screen}");
    assert!(screen.contains("Net worth EUR"), "{screen}");
    assert!(
        screen.contains("not added: USD"),
        "dollars are not added: {screen}"
    );
    assert_snapshot!("charts_100x30", screen);
}

#[test]
fn charts_shrink_then_hide_behind_one_line() {
    let mut m = on_charts();
    let medium = render(&mut m, 60, 20);
    assert!(medium.contains("Balance") && medium.contains("Spending per month"));
    assert_snapshot!("charts_60x20", medium);
    let small = render(&mut m, 30, 10);
    assert!(small.contains("Too small for charts"), "{small}");
    assert!(
        !small.contains('⣀') && !small.contains('█'),
        "no squeezed chart: {small}"
    );
    assert_snapshot!("charts_30x10", small);
}

#[test]
fn arrows_choose_the_category_and_the_account() {
    let mut m = on_charts();
    run(&mut m, [key(KeyCode::Right)]);
    let screen = render(&mut m, 100, 30);
    assert!(
        screen.contains("◂ Housing ▸ EUR"),
        "the largest first: {screen}"
    );
    assert!(screen.contains("▶ Housing"), "{screen}");
    run(&mut m, [key(KeyCode::Down)]);
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("Balance: Livret A"), "{screen}");
    assert_snapshot!("charts_housing_livret_a", screen);
    run(&mut m, [key(KeyCode::Left), key(KeyCode::Esc)]);
    assert_eq!(board(&m).tab, Tab::Accounts);
}

#[test]
fn charts_say_they_are_loading_then_why_they_could_not_be_read() {
    let mut m = dashboard(data());
    run(&mut m, [key(KeyCode::Char('v'))]);
    assert_snapshot!("charts_loading", render(&mut m, 100, 30));
    run(
        &mut m,
        [Msg::Api(ApiEvent::ChartsLoaded(Err(
            "disk I/O error\x1b[2J".into(),
        )))],
    );
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("The charts could not be read: disk I/O error"));
    assert!(!screen.contains('\x1b'));
}

#[test]
fn c_shows_one_category_in_the_filter_bar_and_composes_with_the_search() {
    let mut m = dashboard(with_rows(year_of_lines()));
    run(&mut m, [key(KeyCode::Tab), key(KeyCode::Char('c'))]);
    // Categories go by code: FOOD first.
    let d = board(&m);
    assert_eq!(d.tx.selection.category.as_deref(), Some("FOOD"));
    assert_eq!(
        d.tx.count().unwrap_or(usize::MAX),
        45,
        "44 weeks of groceries (March's are to come) and today's line"
    );
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("filter: Groceries"), "{screen}");
    run(&mut m, [key(KeyCode::Char('/'))]);
    run(&mut m, typed("monoprix"));
    run(&mut m, [key(KeyCode::Enter)]);
    assert_eq!(
        board(&m).tx.count().unwrap_or(usize::MAX),
        1,
        "the search narrows the category"
    );
    assert_snapshot!("charts_category_filter_and_search", render(&mut m, 100, 30));
    run(&mut m, [key(KeyCode::Char('C'))]);
    assert_eq!(
        board(&m).tx.selection.category,
        None,
        "back to every category"
    );
}

#[test]
fn chart_days_run_up_to_today() {
    let data = chart_data(&year_of_lines());
    assert_eq!(data.today, now().date_naive());
    assert_eq!(data.day(364), data.today);
    assert_eq!(data.day(0), data.today - Duration::days(364));
}

#[test]
fn privacy_mode_masks_every_amount_of_the_charts_axes_and_totals() {
    let mut m = on_charts();
    let shown = render(&mut m, 100, 30);
    let amount_shaped = regex::Regex::new(r"\d[.,]\d\d").unwrap();
    assert!(
        amount_shaped.is_match(&shown),
        "amounts show first: {shown}"
    );
    run(&mut m, typed("p"));
    for (w, h) in [(100, 30), (60, 20)] {
        let screen = render(&mut m, w, h);
        assert!(screen.contains("● private"), "{screen}");
        assert!(
            !amount_shaped.is_match(&screen),
            "an amount is on the charts in privacy mode at {w}x{h}:\n{screen}"
        );
    }
}
