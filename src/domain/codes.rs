//! The stable codes of every status, kind and action the store keeps (`code()` /
//! `from_code()`): [`AccountKind`], [`AccountState`], [`ConnectionState`], [`NextAction`],
//! [`Booking`] (and [`BookingStatus`], its summary). Codes are lower-case words of ours
//! (`credit_card`, `update_credentials`), `renew_before:2024-03-15` for a renewal with its Paris
//! date. A variant `Other` keeps the aggregator's own word (upper-case for Oxlin, so it never
//! meets one of ours); an unknown code (a newer coffre wrote it) reads back as `Other`, never an
//! error that loses a row. Words for people are `crate::wording`'s, never these.

use chrono::NaiveDate;

use super::{AccountKind, AccountState, Booking, BookingStatus, ConnectionState, NextAction};

impl AccountKind {
    /// The stable code the store keeps (`checking`, `savings`, `loan`, `credit_card`, or the
    /// aggregator's own word).
    pub fn code(&self) -> &str {
        match self {
            AccountKind::Checking => "checking",
            AccountKind::Savings => "savings",
            AccountKind::Loan => "loan",
            AccountKind::CreditCard => "credit_card",
            AccountKind::Other(other) => other,
        }
    }

    /// The kind a code written by [`Self::code`] stands for (unknown codes: `Other`).
    pub fn from_code(code: &str) -> Self {
        match code {
            "checking" => AccountKind::Checking,
            "savings" => AccountKind::Savings,
            "loan" => AccountKind::Loan,
            "credit_card" => AccountKind::CreditCard,
            other => AccountKind::Other(other.to_owned()),
        }
    }
}

impl AccountState {
    /// The stable code the store keeps (`active`, `pending_consent`, `closed`, `error`, or the
    /// aggregator's own word).
    pub fn code(&self) -> &str {
        match self {
            AccountState::Active => "active",
            AccountState::PendingConsent => "pending_consent",
            AccountState::Closed => "closed",
            AccountState::Error => "error",
            AccountState::Other(other) => other,
        }
    }

    /// The state a code written by [`Self::code`] stands for (unknown codes: `Other`).
    pub fn from_code(code: &str) -> Self {
        match code {
            "active" => AccountState::Active,
            "pending_consent" => AccountState::PendingConsent,
            "closed" => AccountState::Closed,
            "error" => AccountState::Error,
            other => AccountState::Other(other.to_owned()),
        }
    }
}

impl Booking {
    /// The stable code the store keeps.
    pub fn code(&self) -> &str {
        match self {
            Booking::Booked => "booked",
            Booking::Pending => "pending",
            Booking::Other(other) => other,
        }
    }

    /// The booking a code written by [`Self::code`] stands for (unknown codes: `Other`).
    pub fn from_code(code: &str) -> Self {
        match code {
            "booked" => Booking::Booked,
            "pending" => Booking::Pending,
            other => Booking::Other(other.to_owned()),
        }
    }
}

impl BookingStatus {
    /// The status a stored [`Booking::code`] summarises to.
    pub fn from_code(code: &str) -> Self {
        match code {
            "pending" => BookingStatus::Pending,
            _ => BookingStatus::Booked,
        }
    }
}

impl ConnectionState {
    /// The stable code the store keeps.
    pub fn code(&self) -> &str {
        match self {
            ConnectionState::Syncing => "syncing",
            ConnectionState::Ok => "ok",
            ConnectionState::PartlyOk => "partly_ok",
            ConnectionState::Failed => "failed",
            ConnectionState::Closed => "closed",
            ConnectionState::NeverSynced => "never_synced",
            ConnectionState::Other(other) => other,
        }
    }

    /// The state a code written by [`Self::code`] stands for (unknown codes: `Other`).
    pub fn from_code(code: &str) -> Self {
        match code {
            "syncing" => ConnectionState::Syncing,
            "ok" => ConnectionState::Ok,
            "partly_ok" => ConnectionState::PartlyOk,
            "failed" => ConnectionState::Failed,
            "closed" => ConnectionState::Closed,
            "never_synced" => ConnectionState::NeverSynced,
            other => ConnectionState::Other(other.to_owned()),
        }
    }
}

/// The prefix of a renewal's code, before its date.
const RENEW_BEFORE: &str = "renew_before:";

impl NextAction {
    /// The stable code the store keeps (`none`, `update_credentials`,
    /// `renew_before:2024-03-15`, …).
    pub fn code(&self) -> String {
        match self {
            NextAction::None => "none".into(),
            NextAction::Wait => "wait".into(),
            NextAction::AnswerChallenge => "answer_challenge".into(),
            NextAction::AddCredentials => "add_credentials".into(),
            NextAction::UpdateCredentials => "update_credentials".into(),
            NextAction::ActAtBank => "act_at_bank".into(),
            NextAction::RenewBefore(day) => format!("{RENEW_BEFORE}{day}"),
            NextAction::ConsentToAccounts => "consent_to_accounts".into(),
            NextAction::RetryLater => "retry_later".into(),
            NextAction::Other(code) => code.clone(),
        }
    }

    /// The action a code written by [`Self::code`] stands for (unknown codes: `Other`).
    pub fn from_code(code: &str) -> Self {
        match code {
            "none" => NextAction::None,
            "wait" => NextAction::Wait,
            "answer_challenge" => NextAction::AnswerChallenge,
            "add_credentials" => NextAction::AddCredentials,
            "update_credentials" => NextAction::UpdateCredentials,
            "act_at_bank" => NextAction::ActAtBank,
            "consent_to_accounts" => NextAction::ConsentToAccounts,
            "retry_later" => NextAction::RetryLater,
            other => other
                .strip_prefix(RENEW_BEFORE)
                .and_then(|day| day.parse::<NaiveDate>().ok())
                .map_or_else(
                    || NextAction::Other(other.to_owned()),
                    NextAction::RenewBefore,
                ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_and_state_reads_back_from_its_code_and_unknown_codes_survive() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 15).unwrap();
        let actions = [
            NextAction::None,
            NextAction::Wait,
            NextAction::AnswerChallenge,
            NextAction::AddCredentials,
            NextAction::UpdateCredentials,
            NextAction::ActAtBank,
            NextAction::RenewBefore(day),
            NextAction::ConsentToAccounts,
            NextAction::RetryLater,
        ];
        for action in actions {
            assert_eq!(NextAction::from_code(&action.code()), action, "{action:?}");
        }
        assert_eq!(
            NextAction::RenewBefore(day).code(),
            "renew_before:2024-03-15"
        );
        assert_eq!(
            NextAction::from_code("renew_before:someday"),
            NextAction::Other("renew_before:someday".into())
        );
        assert_eq!(
            NextAction::from_code("call_the_bank"),
            NextAction::Other("call_the_bank".into())
        );
        for state in [
            ConnectionState::Syncing,
            ConnectionState::Ok,
            ConnectionState::PartlyOk,
            ConnectionState::Failed,
            ConnectionState::Closed,
            ConnectionState::NeverSynced,
            ConnectionState::Other("MIGRATING".into()),
        ] {
            assert_eq!(ConnectionState::from_code(state.code()), state);
        }
    }

    #[test]
    fn kinds_states_and_bookings_read_back_and_unknown_codes_survive() {
        for kind in [
            AccountKind::Checking,
            AccountKind::Savings,
            AccountKind::Loan,
            AccountKind::CreditCard,
            AccountKind::Other("PEA".into()),
        ] {
            assert_eq!(AccountKind::from_code(kind.code()), kind);
        }
        for state in [
            AccountState::Active,
            AccountState::PendingConsent,
            AccountState::Closed,
            AccountState::Error,
            AccountState::Other("FROZEN".into()),
        ] {
            assert_eq!(AccountState::from_code(state.code()), state);
        }
        for booking in [
            Booking::Booked,
            Booking::Pending,
            Booking::Other("REJECTED".into()),
        ] {
            assert_eq!(Booking::from_code(booking.code()), booking);
            assert_eq!(BookingStatus::from_code(booking.code()), booking.status());
        }
        assert_eq!(
            Booking::from_code("refunded"),
            Booking::Other("refunded".into())
        );
    }
}
