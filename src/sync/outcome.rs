//! What `coffre sync` tells cron through its exit code, and the words `coffre sync --help`
//! gives them ([`EXIT_CODES_HELP`]).
//!
//! Choice (ours): "try again later" is 75, `EX_TEMPFAIL` of BSD's `sysexits.h`, which mail
//! and cron tools already read as "temporary failure, retry". When one connection needs the
//! user and another failed on the server, the user's part wins (2): a later retry alone cannot
//! make the run clean.
//!
//! Choice (ours): with both aggregators configured, each is synced on its own and the exit
//! code is the worst of both ([`Outcome::worst`]): 1 over 2 over 75 over 0. An aggregator that
//! could do nothing (its configuration, its login) is the most urgent, since no retry fixes it
//! and the other's lines may hide it; a bank needing the user comes next, then a retry.

use std::process::ExitCode;

use super::ConnectionLine;

/// The exit codes of `coffre sync`, as `--help` prints them.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0   every connection synced
  1   nothing could be done (configuration, login, store), for both aggregators or one: \
its message says what to do (the other one was still synced and stored)
  2   a bank needs you: its line says what to do (the others were synced and stored)
  75  try again later: the server or the network failed, the sync ran past its deadline, or \
another coffre was syncing; nothing half is stored";

/// How a `coffre sync` run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every connection synced (exit 0).
    AllSynced,
    /// Nothing could be done: configuration, login, store (exit 1).
    NothingDone,
    /// Some connection needs the user (exit 2).
    BankNeedsYou,
    /// The server or the network failed, the deadline passed or another sync held the lock:
    /// the same run later may succeed (exit 75).
    TryAgainLater,
}

impl Outcome {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Outcome::AllSynced => 0,
            Outcome::NothingDone => 1,
            Outcome::BankNeedsYou => 2,
            Outcome::TryAgainLater => 75,
        }
    }

    /// How bad it is, for [`Outcome::worst`]: higher is worse.
    fn severity(self) -> u8 {
        match self {
            Outcome::AllSynced => 0,
            Outcome::TryAgainLater => 1,
            Outcome::BankNeedsYou => 2,
            Outcome::NothingDone => 3,
        }
    }

    /// The worse of two parts' outcomes (see the module doc).
    pub fn worst(self, other: Outcome) -> Outcome {
        if other.severity() > self.severity() {
            other
        } else {
            self
        }
    }

    /// The outcome of a run that printed `lines`.
    pub fn of_lines(lines: &[ConnectionLine]) -> Self {
        let needs_user = |l: &&ConnectionLine| !l.failed_transiently && l.problem.is_some();
        if lines
            .iter()
            .any(|l| needs_user(&l) || (!l.synced && !l.failed_transiently))
        {
            Outcome::BankNeedsYou
        } else if lines.iter().any(|l| l.failed_transiently) {
            Outcome::TryAgainLater
        } else {
            Outcome::AllSynced
        }
    }
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> Self {
        ExitCode::from(outcome.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::NextAction;
    use crate::sync::fetch::Problem;

    fn line(synced: bool, problem: Option<Problem>, transient: bool) -> ConnectionLine {
        ConnectionLine {
            connection_id: "1".into(),
            name: "Bank".into(),
            problem,
            synced,
            failed_transiently: transient,
            accounts: 0,
            new_transactions: 0,
        }
    }

    #[test]
    fn a_server_failure_says_try_again_later_and_a_bank_that_needs_you_wins_over_it() {
        let down = line(false, Some(Problem::Failed("HTTP 503".into())), true);
        let fine = line(true, None, false);
        let refused = line(
            false,
            Some(Problem::Action(NextAction::UpdateCredentials)),
            false,
        );
        assert_eq!(
            Outcome::of_lines(std::slice::from_ref(&fine)),
            Outcome::AllSynced
        );
        assert_eq!(
            Outcome::of_lines(&[fine.clone(), down.clone()]),
            Outcome::TryAgainLater
        );
        assert_eq!(Outcome::of_lines(&[down, refused]), Outcome::BankNeedsYou);
        assert_eq!(Outcome::TryAgainLater.code(), 75);
    }

    #[test]
    fn an_aggregator_that_could_do_nothing_is_worse_than_a_bank_that_needs_you_or_a_retry() {
        use Outcome::*;
        assert_eq!(AllSynced.worst(TryAgainLater), TryAgainLater);
        assert_eq!(TryAgainLater.worst(BankNeedsYou), BankNeedsYou);
        assert_eq!(NothingDone.worst(BankNeedsYou), NothingDone);
        assert_eq!(BankNeedsYou.worst(NothingDone), NothingDone);
        assert_eq!(AllSynced.worst(AllSynced), AllSynced);
    }
}
