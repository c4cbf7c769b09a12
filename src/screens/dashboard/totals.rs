//! Sums of balances per currency, for each bank's subtotal and the net worth.
//!
//! Choice of ours (issue 10, reproduction 5): an account reached through two connections (the
//! same bank added twice, before coffre caught it) is counted once: accounts with the same
//! IBAN (spaces and case ignored) are one account, the first one listed counts. Accounts
//! without an IBAN are always counted.

use std::collections::{BTreeMap, HashSet};

use rust_decimal::Decimal;

use crate::store::read_model::AccountSummary;

/// Sums balances per currency (archived accounts left out, an IBAN counted once).
pub fn totals<'a>(accounts: impl Iterator<Item = &'a AccountSummary>) -> BTreeMap<String, Decimal> {
    let mut sums = BTreeMap::new();
    for a in counted(accounts) {
        if let Some(b) = &a.account.balance {
            *sums.entry(b.currency.clone()).or_insert(Decimal::ZERO) += b.amount;
        }
    }
    sums
}

/// The accounts a total counts: archived ones left out, an IBAN once (the first listed).
pub fn counted<'a>(
    accounts: impl Iterator<Item = &'a AccountSummary>,
) -> impl Iterator<Item = &'a AccountSummary> {
    let mut seen = HashSet::new();
    accounts.filter(|a| !a.archived()).filter(move |a| {
        match a.account.iban.as_deref().map(normalised) {
            Some(iban) if !iban.is_empty() => seen.insert(iban),
            _ => true,
        }
    })
}

/// An IBAN without spaces, upper case.
fn normalised(iban: &str) -> String {
    iban.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Account, AccountId, AccountKind, AccountState, ConnectionId, Money};

    fn account(id: &str, connection: &str, iban: Option<&str>, balance: i64) -> AccountSummary {
        AccountSummary {
            account: Account {
                id: AccountId::oxlin(id),
                connection_id: Some(ConnectionId::oxlin(connection)),
                name: "Compte".into(),
                kind: AccountKind::Checking,
                state: AccountState::Active,
                iban: iban.map(str::to_owned),
                balance: Some(Money::new(Decimal::new(balance, 2), "EUR")),
                balance_date: None,
                owner: None,
            },
            synced_at: None,
        }
    }

    #[test]
    fn the_same_account_through_two_connections_counts_once_in_the_net_worth() {
        let accounts = [
            account(
                "a1",
                "c1",
                Some("FR76 3000 4000 0100 0000 0000 001"),
                10_000,
            ),
            account("a9", "c2", Some("fr7630004000010000000000001"), 10_000),
            account("a2", "c1", None, 500),
            account("a3", "c2", None, 500),
        ];
        let sums = totals(accounts.iter());
        assert_eq!(sums["EUR"], Decimal::new(11_000, 2));
    }
}
