//! [`SyncStep`]: where a connection's sync is, from its start to done or failed. A failed sync
//! carries the channel's [`ChannelHealth`], the one status type from the wire to the screen.

use super::connection::ChannelHealth;

/// Where a connection's sync is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncStep {
    /// Created, waiting for the first queue event.
    Starting,
    /// Listing the accounts.
    ListingAccounts,
    /// The bank asks something: the challenge dialog is (or was) open.
    WaitingForUser,
    /// Importing balances and transactions.
    Syncing,
    /// Done.
    Done,
    /// Stopped with a channel status that tells what to do next.
    Failed(ChannelHealth),
}

/// Whether a sync that stopped with `failure` is retried from the credential form (otherwise
/// from the bank picker): only what must be done on the bank's own site sends the user back.
pub fn retry_from_form(failure: &ChannelHealth) -> bool {
    !matches!(
        failure,
        ChannelHealth::PasswordChangeRequired | ChannelHealth::ActionAtBankRequired
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_to_change_at_the_bank_is_not_retried_from_the_form() {
        assert!(!retry_from_form(&ChannelHealth::PasswordChangeRequired));
        assert!(!retry_from_form(&ChannelHealth::ActionAtBankRequired));
        assert!(retry_from_form(&ChannelHealth::CredentialsRejected));
        assert!(retry_from_form(&ChannelHealth::Other("DOWN".into())));
    }
}
