//! The mapping of finX wire values into the domain, as the dashboard will show them.

use super::*;
use crate::domain::{NextAction, RENEWAL_WINDOW_DAYS};
use chrono::TimeZone;

fn transaction_json(extra: &str) -> wire::Transaction {
    let text = format!(
        r#"{{"transaction_id":"T1","account_id":"A1","amount":"-23.99","currency":"EUR"{extra}}}"#
    );
    serde_json::from_str(&text).unwrap()
}

#[test]
fn a_sepa_debit_reads_as_counterparty_and_remittance() {
    let t = transaction(&transaction_json(
        r#","name":"AMAZON EU S.A R.L.","booked":true,"booked_at":"2024-03-01T00:00:00.000Z",
           "settled_at":"2024-03-02T00:00:00.000Z","purpose":"EREF+5B5U3FFS MREF+xJbw SVWZ+Order 123",
           "type":"Direct debit","categories":[{"id":1,"name":"Shopping"},{"id":2,"parent_id":1,"name":"Online"}],
           "created_at":"2024-03-01T06:00:00.000Z""#,
    ));
    assert_eq!(t.id, TransactionId::finx("T1"));
    assert_eq!(t.account_id, AccountId::finx("A1"));
    assert_eq!(t.label, "AMAZON EU S.A R.L. · Order 123");
    assert_eq!(
        t.notes.as_deref(),
        Some("EREF+5B5U3FFS MREF+xJbw SVWZ+Order 123")
    );
    assert_eq!(t.booking, Booking::Booked);
    assert_eq!(t.date.unwrap().to_string(), "2024-03-01");
    assert_eq!(t.value_date.unwrap().to_string(), "2024-03-02");
    assert_eq!(t.category.as_deref(), Some("Online"));
    assert_eq!(t.kind.as_deref(), Some("Direct debit"));
    assert_eq!(t.amount.to_string(), "-23.99 EUR");
}

#[test]
fn pending_is_booked_false_and_is_filed_without_a_booking_date() {
    let t = transaction(&transaction_json(
        r#","booked":false,"booked_at":null,"settled_at":"2024-03-05","name":"REWE Markt""#,
    ));
    assert_eq!(t.booking, Booking::Pending);
    assert_eq!(t.date, None);
    assert_eq!(t.filing_date().to_string(), "2024-03-05");
    assert_eq!(t.label, "REWE Markt");
}

#[test]
fn bank_text_is_sanitised_and_an_empty_transaction_falls_back_to_its_booking_text() {
    let t = transaction(&transaction_json(
        r#","name":"Evil\u001b[2J\u202e Corp","sepa_remittance_info":"Miete\nMärz""#,
    ));
    assert_eq!(t.label, "Evil Corp · Miete März");
    let t = transaction(&transaction_json(r#","booking_text":"Abschluss""#));
    assert_eq!(t.label, "Abschluss");
}

#[test]
fn a_giro_account_maps_with_its_embedded_balance_and_access() {
    let a: wire::Account = serde_json::from_str(
        r#"{"account_id":"A1","access_id":"X1","type":"Giro account","name":"Girokonto",
            "iban":"DE93300308800013441006","owner":"Jürgen Müller","currency":"EUR",
            "balance":{"balance":"1234.56","balance_date":"2024-03-01T00:00:00.000Z"}}"#,
    )
    .unwrap();
    let account = account(&a);
    assert_eq!(account.id, AccountId::finx("A1"));
    assert_eq!(account.connection_id, Some(ConnectionId::finx("X1")));
    assert_eq!(account.kind, AccountKind::Checking);
    assert_eq!(account.balance.unwrap().to_string(), "1234.56 EUR");
    assert_eq!(account.owner.as_deref(), Some("Jürgen Müller"));
    let savings = wire::Account {
        kind: Some(AccountType::DailySavings),
        name: None,
        account_number: Some("0013441006".into()),
        ..a
    };
    let mapped = super::account(&savings);
    assert_eq!(mapped.kind, AccountKind::Savings);
    assert_eq!(mapped.name, "0013441006");
}

#[test]
fn one_connection_per_access_ends_ninety_days_after_the_last_refresh() {
    let accounts: Vec<wire::Account> = serde_json::from_str(
        r#"[{"account_id":"A1","access_id":"X1","bank_name":"Sparkasse Köln"},
            {"account_id":"A2","access_id":"X1","bank_name":"Sparkasse Köln",
             "status":{"succeeded_at":"2024-03-01T06:00:00Z"}},
            {"account_id":"A3","access_id":"X2","bank_name":"DKB"},
            {"account_id":"A4"}]"#,
    )
    .unwrap();
    let refreshed = Utc.with_ymd_and_hms(2024, 3, 1, 12, 0, 0).unwrap();
    let found = connections(&accounts, Some(refreshed));
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].id, ConnectionId::finx("X1"));
    assert_eq!(found[0].name, "Sparkasse Köln");
    let expires = found[0].channels[0].expires.unwrap();
    assert_eq!(
        expires,
        Utc.with_ymd_and_hms(2024, 5, 30, 12, 0, 0).unwrap()
    );
    assert!(found[0].last_success.is_some());
    let calm = expires - chrono::TimeDelta::days(RENEWAL_WINDOW_DAYS + 1);
    assert_eq!(found[0].next_action(calm, 0), NextAction::None);
    let close = expires - chrono::TimeDelta::days(3);
    assert!(matches!(
        found[0].next_action(close, 0),
        NextAction::RenewBefore(_)
    ));
}
