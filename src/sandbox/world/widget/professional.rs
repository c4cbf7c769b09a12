//! The professional-account webview's world side: the user's accounts as the page lists them,
//! and setting each one's `usage` (`PERSONAL` or `PROFESSIONAL`, oxlin-api.md §5.5), which
//! `GET /accounts` then shows. A sync keeps the usage (it updates balances, not `usage`).

use std::collections::BTreeMap;

use super::super::state::World;

/// The two `usage` values an account can have.
pub const USAGES: [&str; 2] = ["PERSONAL", "PROFESSIONAL"];

/// An account as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub id: String,
    /// The connection's name (the bank).
    pub bank: String,
    pub name: String,
    /// The IBAN (or else the account number) masked: its first 4 and last 4 characters.
    pub masked_iban: String,
    pub usage: String,
}

/// The user's accounts, by connection then id (`CLOSED` ones left out).
pub fn accounts(world: &World, user_id: &str) -> Vec<Listed> {
    let mut listed: Vec<(String, Listed)> = world
        .bank
        .accounts
        .values()
        .filter(|a| a.user_id == user_id && a.status != "CLOSED")
        .map(|a| {
            let bank = world
                .bank
                .connections
                .get(&a.connection_id)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            let number = a.iban.as_deref().or(a.account_number.as_deref());
            let listed = Listed {
                id: a.id.clone(),
                bank,
                name: a.name.clone().unwrap_or_default(),
                masked_iban: number.map(mask).unwrap_or_default(),
                usage: a.usage.clone(),
            };
            (format!("{:>20}{:>20}", a.connection_id, a.id), listed)
        })
        .collect();
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    listed.into_iter().map(|(_, l)| l).collect()
}

/// `FR7630001007941234567890185` → `FR76 •••• 0185`; 8 characters or fewer: all masked.
pub fn mask(value: &str) -> String {
    let compact: Vec<char> = value.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() <= 8 {
        return "••••".to_owned();
    }
    let head: String = compact[..4].iter().collect();
    let tail: String = compact[compact.len() - 4..].iter().collect();
    format!("{head} •••• {tail}")
}

/// Sets the usage of the user's accounts named in `chosen` (account id → usage); ids of other
/// users and values other than [`USAGES`] are ignored. Answers how many accounts changed.
pub fn set_usages(world: &mut World, user_id: &str, chosen: &BTreeMap<String, String>) -> usize {
    let mut changed = 0;
    for (id, usage) in chosen {
        if !USAGES.contains(&usage.as_str()) {
            continue;
        }
        if let Some(account) = world.bank.accounts.get_mut(id)
            && account.user_id == user_id
            && account.usage != *usage
        {
            account.usage = usage.clone();
            changed += 1;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn masks_keep_the_country_check_digits_and_the_last_four() {
        assert_eq!(mask("FR76 3000 1007 9412 3456 7890 185"), "FR76 •••• 0185");
        assert_eq!(mask("12345678"), "••••");
    }
}
