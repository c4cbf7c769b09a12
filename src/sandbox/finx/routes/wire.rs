//! The JSON objects finX answers with, spelled exactly as finx-api.md §5 spells them, made
//! from the world's records: Account (§5.1), Balance (§5.2), Transaction (§5.3).
//!
//! Choices: amounts are JSON numbers in major units (`-23.99`; with `cents=true`, integer
//! cents); timestamps are ISO 8601 UTC with milliseconds (`2024-03-01T00:00:00.000Z`), dates at
//! midnight; a pending transaction has `booked: false` and `booked_at`/`settled_at` null;
//! counterparty and SEPA fields the bank does not give are left out (not null); `categories`
//! is always `[]` and enrichment fields (`payment_partner`, `contract_id`, …) are never sent;
//! `supported_payments` is `{}`; the credit card has no `iban`. The icon is a small SVG served
//! by the sandbox (`/finx/icons/{bank}.svg`).

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Number};

use crate::sandbox::finx::world::ledger::Ledger;
use crate::sandbox::finx::world::records::{AccountRecord, TransactionRecord};

/// `cents` as finX writes an amount: major units, or integer cents when asked.
pub fn amount(cents: i64, in_cents: bool) -> Number {
    if in_cents {
        return Number::from(cents);
    }
    let major = Decimal::new(cents, 2).normalize().to_string();
    // A decimal string with two places at most is a valid JSON number.
    major.parse().unwrap_or_else(|_| Number::from(0))
}

/// A timestamp as finX writes it.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// `status` of an account or a balance.
#[derive(Debug, Serialize)]
pub struct SyncStatus {
    pub synced_at: String,
    pub succeeded_at: String,
}

/// A Balance (§5.2).
#[derive(Debug, Serialize)]
pub struct Balance {
    pub balance: Number,
    pub balance_date: String,
    pub status: SyncStatus,
}

/// `icon` of an account.
#[derive(Debug, Serialize)]
pub struct Icon {
    pub url: String,
    pub resolutions: Map<String, serde_json::Value>,
}

/// An Account (§5.1).
#[derive(Debug, Serialize)]
pub struct Account {
    pub account_id: String,
    pub access_id: String,
    pub account_number: String,
    pub bank_code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    pub bic: String,
    pub bank_name: String,
    pub icon: Icon,
    pub currency: &'static str,
    pub balance: Balance,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub name: String,
    pub owner: String,
    pub auto_sync: bool,
    pub save_pin: bool,
    pub is_jointly_managed: bool,
    pub supported_payments: Map<String, serde_json::Value>,
    pub status: SyncStatus,
}

fn status(ledger: &Ledger) -> SyncStatus {
    SyncStatus {
        synced_at: timestamp(ledger.synced_at),
        succeeded_at: timestamp(ledger.synced_at),
    }
}

/// The Balance of `account`.
pub fn balance(ledger: &Ledger, account: &AccountRecord, in_cents: bool) -> Balance {
    Balance {
        balance: amount(ledger.balance_cents(account), in_cents),
        balance_date: timestamp(ledger.synced_at),
        status: status(ledger),
    }
}

/// The Account object of `account`; `base_url` is the sandbox's (`http://127.0.0.1:PORT`).
pub fn account(ledger: &Ledger, account: &AccountRecord, base_url: &str) -> Account {
    let icon = format!("{base_url}/finx/icons/{}.svg", ledger.bank.id);
    let mut resolutions = Map::new();
    resolutions.insert("48x48".to_owned(), icon.clone().into());
    Account {
        account_id: account.account_id.clone(),
        access_id: account.access_id.clone(),
        account_number: account.account_number.clone(),
        bank_code: account.bank_code.clone(),
        iban: account.iban.clone(),
        bic: account.bic.clone(),
        bank_name: account.bank_name.clone(),
        icon: Icon {
            url: icon,
            resolutions,
        },
        currency: "EUR",
        balance: balance(ledger, account, false),
        kind: account.kind.wire_name(),
        name: account.name.clone(),
        owner: account.owner.clone(),
        auto_sync: false,
        save_pin: false,
        is_jointly_managed: false,
        supported_payments: Map::new(),
        status: status(ledger),
    }
}

/// A Transaction (§5.3).
#[derive(Debug, Serialize)]
pub struct Transaction<'a> {
    pub transaction_id: &'a str,
    pub account_id: &'a str,
    pub amount: Number,
    pub currency: &'static str,
    pub name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iban: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bic: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bank_name: Option<&'a str>,
    pub booked: bool,
    pub booked_at: Option<String>,
    pub settled_at: Option<String>,
    pub purpose: String,
    pub sepa_remittance_info: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sepa_purpose_code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_to_end_reference: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mandate_reference: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creditor_id: Option<&'a str>,
    pub booking_text: &'static str,
    pub booking_key: &'static str,
    pub transaction_code: u32,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub categories: [(); 0],
    pub created_at: String,
    pub modified_at: String,
}

/// The Transaction object of `tx`.
pub fn transaction(tx: &TransactionRecord, in_cents: bool) -> Transaction<'_> {
    let midnight =
        |day: chrono::NaiveDate| timestamp(crate::sandbox::finx::world::records::midnight(day));
    Transaction {
        transaction_id: &tx.transaction_id,
        account_id: &tx.account_id,
        amount: amount(tx.amount_cents, in_cents),
        currency: "EUR",
        name: &tx.name,
        iban: tx.counterparty.iban.as_deref(),
        bic: tx.counterparty.bic.as_deref(),
        bank_name: tx.counterparty.bank_name.as_deref(),
        booked: tx.booked,
        booked_at: tx.booked_at().map(timestamp),
        settled_at: tx.settled.filter(|_| tx.booked).map(midnight),
        purpose: tx.purpose(),
        sepa_remittance_info: &tx.sepa.remittance_info,
        sepa_purpose_code: tx.sepa.purpose_code.as_deref(),
        end_to_end_reference: tx.sepa.end_to_end_reference.as_deref(),
        mandate_reference: tx.sepa.mandate_reference.as_deref(),
        creditor_id: tx.sepa.creditor_id.as_deref(),
        booking_text: tx.booking_text,
        booking_key: tx.booking_key,
        transaction_code: tx.transaction_code,
        kind: tx.kind,
        categories: [],
        created_at: timestamp(tx.created_at),
        modified_at: timestamp(tx.modified_at),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_json_numbers_in_major_units_or_cents() {
        let text = |cents, in_cents| serde_json::to_string(&amount(cents, in_cents)).unwrap();
        assert_eq!(text(-2399, false), "-23.99");
        assert_eq!(text(1050, false), "10.5");
        assert_eq!(text(-5000, false), "-50");
        assert_eq!(text(324_567, false), "3245.67");
        assert_eq!(text(-2399, true), "-2399");
    }
}
