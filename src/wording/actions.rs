//! What the user must do about a connection, in words: one sentence per
//! [`crate::domain::NextAction`] for `coffre sync`'s lines ([`sentence`], and a sync
//! `Problem`'s `Display`), the short notes the
//! dashboard puts beside a bank ([`dashboard_note`]), and the words for an account's kind and a
//! transaction's booking status. The store and the domain keep codes only; rewording here never
//! changes a status.
//!
//! Choice of ours: the dashboard counts the days to a renewal in Paris calendar days (the
//! renewal date is a Paris date), and a renewal due today counts as expired.
//!
//! Docs gap (ours): the screens' words follow the UI's [`Lang`] (catalogue `locales/wording.toml`);
//! the headless commands' sentences (`coffre sync`: [`sentence`], [`FINX_ACCESS_LOST`], a
//! `Problem`'s `Display`) stay English, like the log they end up in and the scripts that read them.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Paris;

use rust_i18n::t;

use crate::domain::{AccountKind, BookingStatus, NextAction};
use crate::i18n::Lang;
use crate::sync::fetch::Problem;

/// Credentials expiring within this many days get a "renew" note on the dashboard.
pub const RENEW_WITHIN_DAYS: i64 = 14;

/// A short English sentence for what the user must do (`coffre sync`'s lines).
pub fn sentence(action: &NextAction) -> String {
    match action {
        NextAction::None => "none".into(),
        NextAction::Wait => "wait for the running sync".into(),
        NextAction::AnswerChallenge => "answer the bank's challenge".into(),
        NextAction::AddCredentials => "add credentials".into(),
        NextAction::UpdateCredentials => "update the credentials (the bank refused them)".into(),
        NextAction::ActAtBank => "log in at the bank's website and do what it asks".into(),
        NextAction::RenewBefore(day) => format!("renew the authorisation before {day}"),
        NextAction::ConsentToAccounts => "consent to the new accounts".into(),
        NextAction::RetryLater => "sync again later".into(),
        NextAction::Other(code) => format!("see the dashboard ({code})"),
    }
}

/// `coffre sync`'s words for a finX link whose refresh token was refused.
pub const FINX_ACCESS_LOST: &str = "finX access lost: link the bank again (coffre connect finx)";

/// `coffre sync`'s words for accounts that wait for consent.
pub fn accounts_wait_for_consent(count: usize) -> String {
    format!("{count} account(s) wait for your consent")
}

/// `coffre sync`'s words for a connection that could not be fetched.
pub fn sync_failed(reason: &str) -> String {
    format!("{} ({reason})", sentence(&NextAction::RetryLater))
}

/// `coffre sync`'s words for a bank authorisation that expired on `day` (its data was still
/// fetched).
pub fn authorisation_expired(day: NaiveDate) -> String {
    format!(
        "the bank's authorisation expired on {day}: renew it in the dashboard (r) to get new \
         transactions; what the aggregator still held was synced"
    )
}

/// `coffre sync`'s words for a connection's problem (and the TUI's status line after a save).
impl std::fmt::Display for Problem {
    /// The problem in words (`crate::wording::actions`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Action(NextAction::RetryLater) => f.write_str(
                "part of it could not be read this time, the rest is saved: sync again in a \
                 few minutes (s)",
            ),
            Problem::Action(action) => f.write_str(&sentence(action)),
            Problem::AccountsWaitForConsent(n) => f.write_str(&accounts_wait_for_consent(*n)),
            Problem::Failed(reason) => f.write_str(&sync_failed(reason)),
            Problem::AuthorisationExpired(day) => f.write_str(&authorisation_expired(*day)),
            Problem::FinxAccessLost => f.write_str(FINX_ACCESS_LOST),
        }
    }
}

/// What a connection needs from the user, if anything, as the dashboard's short note beside
/// its bank, in `lang`: its state in words and the key that moves it on. From its stored next
/// action, whether it is closed, how many accounts wait for consent and how many are shared (on
/// screen), at `now`. A bank with nothing shared and nothing waiting can only be deleted.
pub fn dashboard_note(
    action: &NextAction,
    closed: bool,
    pending_consent: usize,
    shared: usize,
    now: DateTime<Utc>,
    lang: Lang,
) -> Option<String> {
    let code = lang.code();
    let note = |key: &str| Some(t!(key, locale = code).into_owned());
    match action {
        NextAction::UpdateCredentials => return note("wording.note.password_refused"),
        NextAction::ActAtBank => return note("wording.note.act_at_bank"),
        NextAction::AnswerChallenge => return note("wording.note.answer_challenge"),
        NextAction::AddCredentials => return note("wording.note.add_credentials"),
        _ if closed => return note("wording.note.closed"),
        NextAction::RetryLater => return note("wording.note.retry_later"),
        NextAction::Other(_) => return note("wording.note.other"),
        NextAction::RenewBefore(day) => {
            if let Some(note) = renewal_note(*day, now, lang) {
                return Some(note);
            }
        }
        NextAction::None | NextAction::Wait | NextAction::ConsentToAccounts => {}
    }
    match pending_consent {
        0 if shared == 0 && *action != NextAction::Wait => note("wording.note.nothing_shared"),
        0 => None,
        1 => note("wording.note.one_waits_for_consent"),
        n => Some(t!("wording.note.many_wait_for_consent", locale = code, n = n).into_owned()),
    }
}

/// "credentials expire in N days" when the renewal date `day` is near.
fn renewal_note(day: NaiveDate, now: DateTime<Utc>, lang: Lang) -> Option<String> {
    let code = lang.code();
    let days = (day - now.with_timezone(&Paris).date_naive()).num_days();
    if days <= 0 {
        Some(t!("wording.note.credentials_expired", locale = code).into_owned())
    } else if days < RENEW_WITHIN_DAYS {
        Some(
            t!(
                "wording.note.credentials_expire_in",
                locale = code,
                days = days
            )
            .into_owned(),
        )
    } else {
        None
    }
}

/// A short name for an account's kind, for a column, in `lang` (a kind the API names itself
/// stays as sent).
pub fn kind_short(kind: &AccountKind, lang: Lang) -> String {
    let key = match kind {
        AccountKind::Checking => "wording.kind.checking",
        AccountKind::Savings => "wording.kind.savings",
        AccountKind::CreditCard => "wording.kind.card",
        AccountKind::Loan => "wording.kind.loan",
        AccountKind::Other(name) => return name.clone(),
    };
    t!(key, locale = lang.code()).into_owned()
}

/// The word shown for a booking status, in `lang`.
pub fn booking_word(status: BookingStatus, lang: Lang) -> String {
    let key = match status {
        BookingStatus::Booked => "wording.booking.booked",
        BookingStatus::Pending => "wording.booking.pending",
    };
    t!(key, locale = lang.code()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_ten(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .unwrap()
            .and_utc()
    }

    #[test]
    fn a_renewal_counts_paris_days_and_is_expired_on_its_day() {
        let now = at_ten(2024, 3, 1);
        let day = |d| NextAction::RenewBefore(NaiveDate::from_ymd_opt(2024, 3, d).unwrap());
        assert_eq!(
            dashboard_note(&day(6), false, 0, 1, now, Lang::En).as_deref(),
            Some("credentials expire in 5 days: renew (r)")
        );
        assert_eq!(
            dashboard_note(&day(1), false, 0, 1, now, Lang::En).as_deref(),
            Some("credentials expired: renew (r)")
        );
        assert_eq!(
            dashboard_note(&NextAction::None, false, 2, 1, now, Lang::En).as_deref(),
            Some("2 accounts wait for consent: accept them (r)")
        );
        assert_eq!(
            dashboard_note(&NextAction::None, true, 0, 1, now, Lang::En).as_deref(),
            Some("closed at the bank: delete it (D)")
        );
    }

    #[test]
    fn every_state_of_a_bank_without_accounts_names_the_key_that_moves_it_on() {
        let now = at_ten(2024, 3, 1);
        let cases = [
            (NextAction::UpdateCredentials, "(r)"),
            (NextAction::ActAtBank, "press r"),
            (NextAction::AnswerChallenge, "(r)"),
            (NextAction::AddCredentials, "(r)"),
            (NextAction::RetryLater, "(r)"),
            (NextAction::Other("bank_down".into()), "(r)"),
            (NextAction::None, "(D)"),
        ];
        for (action, key) in cases {
            let note = dashboard_note(&action, false, 0, 0, now, Lang::En).unwrap_or_default();
            assert!(note.contains(key), "{action:?}: {note}");
        }
        assert_eq!(
            dashboard_note(&NextAction::Wait, false, 0, 0, now, Lang::En),
            None
        );
        assert_eq!(
            dashboard_note(&NextAction::None, false, 0, 2, now, Lang::En),
            None
        );
    }

    #[test]
    fn a_french_user_reads_the_bank_states_in_french() {
        let now = at_ten(2024, 3, 1);
        let soon = NextAction::RenewBefore(NaiveDate::from_ymd_opt(2024, 3, 6).unwrap());
        assert_eq!(
            dashboard_note(&soon, false, 0, 1, now, Lang::Fr).as_deref(),
            Some("les identifiants expirent dans 5 jours : renouvelez (r)")
        );
        assert_eq!(
            dashboard_note(&NextAction::None, false, 3, 1, now, Lang::Fr).as_deref(),
            Some("3 comptes attendent votre accord : acceptez-les (r)")
        );
        assert_eq!(kind_short(&AccountKind::Savings, Lang::Fr), "Épargne");
        assert_eq!(kind_short(&AccountKind::Savings, Lang::En), "Savings");
        assert_eq!(
            kind_short(&AccountKind::Other("PEA".into()), Lang::Fr),
            "PEA",
            "a kind the bank names stays as sent"
        );
        assert_eq!(booking_word(BookingStatus::Pending, Lang::Fr), "en attente");
        assert_eq!(booking_word(BookingStatus::Booked, Lang::En), "booked");
    }

    #[test]
    fn every_bank_state_kind_and_booking_word_is_in_the_catalogue_in_both_languages() {
        let now = at_ten(2024, 3, 1);
        let soon = NextAction::RenewBefore(NaiveDate::from_ymd_opt(2024, 3, 6).unwrap());
        let actions = [
            NextAction::UpdateCredentials,
            NextAction::ActAtBank,
            NextAction::AnswerChallenge,
            NextAction::AddCredentials,
            NextAction::RetryLater,
            NextAction::Other("x".into()),
            soon,
            NextAction::None,
        ];
        let kinds = [
            AccountKind::Checking,
            AccountKind::Savings,
            AccountKind::CreditCard,
            AccountKind::Loan,
        ];
        for lang in [Lang::En, Lang::Fr] {
            let mut words: Vec<String> = Vec::new();
            for action in &actions {
                for (closed, pending, shared) in [(false, 0, 0), (true, 0, 1), (false, 1, 1)] {
                    words.extend(dashboard_note(action, closed, pending, shared, now, lang));
                }
            }
            words.extend(kinds.iter().map(|k| kind_short(k, lang)));
            words.extend(
                [BookingStatus::Booked, BookingStatus::Pending].map(|s| booking_word(s, lang)),
            );
            for w in words {
                assert!(!w.is_empty() && !w.starts_with("wording."), "{lang:?}: {w}");
            }
        }
    }
}
