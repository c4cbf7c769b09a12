//! `Account` and its optional `loan`, `savings`, `credit_card` parts (oxlin-api.md §5.5).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Extra;
use super::connection::Owner;
use super::open_enum::{AccountStatus, AccountType, AccountUsage};

/// A bank account (`GET /accounts`, `GET /accounts/{id}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    #[serde(default)]
    pub connection_id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub balance: Option<Decimal>,
    #[serde(default)]
    pub balance_date: Option<i64>,
    #[serde(default)]
    pub iban: Option<String>,
    #[serde(default)]
    pub status: Option<AccountStatus>,
    #[serde(rename = "type", default)]
    pub kind: Option<AccountType>,
    #[serde(default)]
    pub creation_date: Option<i64>,
    #[serde(default)]
    pub account_number: Option<String>,
    #[serde(default)]
    pub owner: Option<Owner>,
    #[serde(default)]
    pub usage: Option<AccountUsage>,
    #[serde(default)]
    pub classification: Option<AccountUsage>,
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub last_channel_definition_id: Option<String>,
    #[serde(default)]
    pub loan: Option<Loan>,
    #[serde(default)]
    pub savings: Option<Savings>,
    #[serde(default)]
    pub credit_card: Option<CreditCard>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A payment to come.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NextPayment {
    #[serde(default)]
    pub amount: Option<Decimal>,
    #[serde(default)]
    pub due_date: Option<i64>,
}

/// Loan details.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Loan {
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub loan_type: Option<String>,
    #[serde(default)]
    pub frequency: Option<String>,
    #[serde(default)]
    pub initial_balance: Option<Decimal>,
    #[serde(default)]
    pub start_date: Option<i64>,
    #[serde(default)]
    pub end_date: Option<i64>,
    #[serde(default)]
    pub interest: Option<Decimal>,
    #[serde(default)]
    pub debited_account_id: Option<String>,
    #[serde(default)]
    pub next_payment: Option<NextPayment>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A capital gain, in percent and in money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CapitalGain {
    #[serde(default)]
    pub percent: Option<Decimal>,
    #[serde(default)]
    pub amount: Option<Decimal>,
}

/// Savings details.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Savings {
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub savings_type: Option<String>,
    #[serde(default)]
    pub end_date: Option<i64>,
    #[serde(default)]
    pub effect_date: Option<i64>,
    #[serde(default)]
    pub yield_rate: Option<Decimal>,
    #[serde(default)]
    pub earned_ytd: Option<Decimal>,
    #[serde(default)]
    pub invested_net: Option<Decimal>,
    #[serde(default)]
    pub invested_raw: Option<Decimal>,
    #[serde(default)]
    pub disinvested_raw: Option<Decimal>,
    #[serde(default)]
    pub pivot_account_id: Option<String>,
    #[serde(default)]
    pub capital_gain: Option<CapitalGain>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Credit-card details.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreditCard {
    #[serde(default)]
    pub payable_account_id: Option<String>,
    #[serde(default)]
    pub next_payment: Option<NextPayment>,
    #[serde(flatten)]
    pub extra: Extra,
}
