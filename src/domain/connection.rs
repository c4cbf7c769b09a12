//! `Connection`: a link to one bank, the state of each of its channels, when their credentials
//! expire, and what the user must do about it ([`NextAction`]).
//!
//! Docs gap: the docs say PSD2 credentials expire after 90 days and should be renewed "before
//! the expiration date", without saying how early. We chose to ask for renewal
//! [`RENEWAL_WINDOW_DAYS`] days before `expires`.
//!
//! Expiry dates come from the server: the renewal test compares instants (never overflows in
//! chrono's range), and the day to renew before is the Paris day of `expires`, or its UTC day
//! when `expires` is in the last hour of chrono's calendar (no Paris day exists there).
//!
//! The stable codes of [`ConnectionState`] and [`NextAction`] (what the store keeps) are in
//! [`super::codes`].

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use super::ids::ConnectionId;
use super::money::paris_day;

/// How many days before a channel's credentials expire the user is asked to renew them.
pub const RENEWAL_WINDOW_DAYS: i64 = 14;

/// The overall state of a connection (derived by the server from its channels).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ConnectionState {
    /// A sync is running.
    Syncing,
    /// The last sync succeeded.
    Ok,
    /// The last sync succeeded on some channels only.
    PartlyOk,
    /// The last sync failed.
    Failed,
    /// Closed on the aggregator's side.
    Closed,
    /// Never synced yet.
    NeverSynced,
    /// A state this version does not know, as the aggregator named it.
    Other(String),
}

/// The state of one channel.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ChannelHealth {
    Ok,
    Syncing,
    /// A REDIRECT channel never used.
    NeverUsed,
    /// No credentials yet.
    NoCredentials,
    CredentialsRejected,
    TooManyAttempts,
    PasswordChangeRequired,
    ActionAtBankRequired,
    ChallengeRequired,
    ChallengeTimedOut,
    ChallengeFailed,
    ChallengeCancelled,
    Other(String),
    /// A German bank (finX) could not be synced from the TUI, for this reason.
    German(super::GermanSyncFailure),
}

/// What the user must do next about a channel or connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextAction {
    /// Nothing: all is well.
    None,
    /// A sync is running: wait for it.
    Wait,
    /// Answer the bank's challenge (SMS code, confirmation).
    AnswerChallenge,
    /// Enter credentials for a channel that has none (or connect a REDIRECT channel).
    AddCredentials,
    /// The bank refused the credentials: enter them again.
    UpdateCredentials,
    /// Log in on the bank's own website or app and do what it asks.
    ActAtBank,
    /// Renew the (PSD2) authorisation before this Paris date.
    RenewBefore(NaiveDate),
    /// Consent to (or refuse) the accounts waiting for it.
    ConsentToAccounts,
    /// The last attempt did not finish: sync again later.
    RetryLater,
    /// An action this version does not know (its code, written by a newer coffre).
    Other(String),
}

/// One channel of a connection.
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelState {
    pub definition_id: String,
    /// `true` for REDIRECT (PSD2) channels.
    pub redirect: bool,
    pub health: ChannelHealth,
    /// When the channel's credentials stop working (90 days after a PSD2 authorisation).
    pub expires: Option<DateTime<Utc>>,
    pub last_success: Option<DateTime<Utc>>,
}

impl ChannelState {
    /// What the user must do about this channel at `now`.
    pub fn next_action(&self, now: DateTime<Utc>) -> NextAction {
        match &self.health {
            ChannelHealth::Ok => match self.expires {
                Some(expires) if expires - now <= TimeDelta::days(RENEWAL_WINDOW_DAYS) => {
                    NextAction::RenewBefore(paris_day(expires).unwrap_or(expires.date_naive()))
                }
                _ => NextAction::None,
            },
            ChannelHealth::Syncing => NextAction::Wait,
            ChannelHealth::NeverUsed | ChannelHealth::NoCredentials => NextAction::AddCredentials,
            ChannelHealth::CredentialsRejected
            | ChannelHealth::TooManyAttempts
            | ChannelHealth::PasswordChangeRequired => NextAction::UpdateCredentials,
            ChannelHealth::ActionAtBankRequired => NextAction::ActAtBank,
            ChannelHealth::ChallengeRequired => NextAction::AnswerChallenge,
            ChannelHealth::ChallengeTimedOut
            | ChannelHealth::ChallengeFailed
            | ChannelHealth::ChallengeCancelled
            | ChannelHealth::Other(_)
            | ChannelHealth::German(_) => NextAction::RetryLater,
        }
    }
}

/// A user's link to one bank.
#[derive(Debug, Clone, PartialEq)]
pub struct Connection {
    /// Its id (aggregator and raw id).
    pub id: ConnectionId,
    pub provider_id: Option<String>,
    pub name: String,
    pub state: ConnectionState,
    pub channels: Vec<ChannelState>,
    pub last_success: Option<DateTime<Utc>>,
}

impl Connection {
    /// The most urgent thing the user must do about this connection at `now`, given how many
    /// of its accounts wait for consent. Unusable channels come before renewals; a channel that
    /// was never set up is only worth mentioning when nothing else works.
    pub fn next_action(&self, now: DateTime<Utc>, accounts_pending_consent: usize) -> NextAction {
        if accounts_pending_consent > 0 {
            return NextAction::ConsentToAccounts;
        }
        let actions: Vec<NextAction> = self.channels.iter().map(|c| c.next_action(now)).collect();
        let rank = |a: &NextAction| match a {
            NextAction::AnswerChallenge => 0,
            NextAction::UpdateCredentials => 1,
            NextAction::ActAtBank => 2,
            NextAction::RenewBefore(_) => 3,
            NextAction::RetryLater | NextAction::Other(_) => 4,
            NextAction::Wait => 5,
            NextAction::ConsentToAccounts => 6,
            NextAction::AddCredentials => 7,
            NextAction::None => 8,
        };
        let any_working = actions.iter().any(|a| matches!(a, NextAction::None));
        actions
            .into_iter()
            .filter(|a| !(any_working && *a == NextAction::AddCredentials))
            .min_by_key(rank)
            .unwrap_or(NextAction::None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn channel(health: ChannelHealth, expires: Option<i64>) -> ChannelState {
        ChannelState {
            definition_id: "8701".into(),
            redirect: true,
            health,
            expires: expires.and_then(|e| DateTime::from_timestamp(e, 0)),
            last_success: None,
        }
    }

    fn at(epoch: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(epoch, 0).unwrap()
    }

    #[test]
    fn healthy_psd2_channel_asks_for_renewal_two_weeks_before_expiry() {
        let expires = 1_647_300_580; // 2022-03-14 23:29 UTC = 2022-03-15 Paris
        let c = channel(ChannelHealth::Ok, Some(expires));
        assert_eq!(c.next_action(at(expires - 15 * 86_400)), NextAction::None);
        assert_eq!(
            c.next_action(at(expires - 13 * 86_400)),
            NextAction::RenewBefore(NaiveDate::from_ymd_opt(2022, 3, 15).unwrap())
        );
    }

    #[test]
    fn a_channel_expiring_in_the_last_hour_of_the_calendar_names_its_utc_day() {
        let last = DateTime::<Utc>::MAX_UTC;
        let c = channel(ChannelHealth::Ok, Some(last.timestamp()));
        assert_eq!(
            c.next_action(last),
            NextAction::RenewBefore(last.date_naive())
        );
        assert_eq!(c.next_action(DateTime::<Utc>::MIN_UTC), NextAction::None);
    }

    #[test]
    fn each_failing_status_names_what_to_do() {
        let now = at(0);
        let cases = [
            (
                ChannelHealth::CredentialsRejected,
                NextAction::UpdateCredentials,
            ),
            (ChannelHealth::ActionAtBankRequired, NextAction::ActAtBank),
            (
                ChannelHealth::ChallengeRequired,
                NextAction::AnswerChallenge,
            ),
            (ChannelHealth::ChallengeTimedOut, NextAction::RetryLater),
            (ChannelHealth::NoCredentials, NextAction::AddCredentials),
            (ChannelHealth::Syncing, NextAction::Wait),
        ];
        for (health, action) in cases {
            assert_eq!(
                channel(health.clone(), None).next_action(now),
                action,
                "{health:?}"
            );
        }
    }

    #[test]
    fn connection_puts_consent_first_and_ignores_an_unused_channel_when_one_works() {
        let connection = Connection {
            id: ConnectionId::oxlin("1"),
            provider_id: None,
            name: "Bank".into(),
            state: ConnectionState::Ok,
            channels: vec![
                channel(ChannelHealth::Ok, None),
                channel(ChannelHealth::NoCredentials, None),
            ],
            last_success: None,
        };
        assert_eq!(connection.next_action(at(0), 0), NextAction::None);
        assert_eq!(
            connection.next_action(at(0), 2),
            NextAction::ConsentToAccounts
        );
    }
}
