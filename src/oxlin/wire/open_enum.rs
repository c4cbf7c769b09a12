//! Open enums: the values the docs list (oxlin-api.md §6), plus `Other(String)` for anything else,
//! kept as sent so it can be shown and sent back.

/// Declares an open string enum with serde, `as_str` and `Display`.
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant,)+
            /// A value the docs do not list, kept as sent.
            Other(String),
        }

        impl $name {
            /// The value as the API spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $text,)+
                    Self::Other(text) => text,
                }
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                match text {
                    $($text $(| $alias)* => Self::$variant,)+
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
                Ok(Self::from(text.as_ref()))
            }
        }
    };
}

/// The macro, for the other aggregators' wire types (`crate::finx::wire`).
pub(crate) use open_enum;

open_enum!(
    /// `Account.type`, `account_types`.
    AccountType { Checkings = "CHECKINGS", Savings = "SAVINGS", Loan = "LOAN", CreditCard = "CREDIT_CARD" }
);
open_enum!(
    /// `Account.status`. The docs once write `CONSENT_PENDING`; we read it as `PENDING_CONSENT`.
    AccountStatus {
        Manual = "MANUAL", Active = "ACTIVE", Error = "ERROR", NotFound = "NOT_FOUND",
        Closed = "CLOSED", Suspended = "SUSPENDED", PendingConsent = "PENDING_CONSENT" | "CONSENT_PENDING",
    }
);
open_enum!(
    /// `Account.usage` / `classification`. Older code spells `PERSONNAL`.
    AccountUsage { Personal = "PERSONAL" | "PERSONNAL", Professional = "PROFESSIONAL" }
);
open_enum!(
    /// `Connection.status`.
    ConnectionStatus {
        Running = "RUNNING", Success = "SUCCESS", PartialSuccess = "PARTIAL_SUCCESS",
        Failed = "FAILED", Closed = "CLOSED", None = "NONE",
    }
);
open_enum!(
    /// `Channel.status`.
    ChannelStatus {
        Success = "SUCCESS", Running = "RUNNING", Never = "NEVER", Empty = "EMPTY",
        AuthFailed = "AUTH_FAILED", TooManyAttempts = "TOO_MANY_ATTEMPTS",
        PasswordChangeRequired = "PASSWORD_CHANGE_REQUIRED", UserActionRequired = "USER_ACTION_REQUIRED",
        ChallengeRequired = "CHALLENGE_REQUIRED", ChallengeTimedOut = "CHALLENGE_TIMED_OUT",
        ChallengeFailed = "CHALLENGE_FAILED", ChallengeCancelled = "CHALLENGE_CANCELLED",
    }
);
open_enum!(
    /// `ChannelDefinition.mode`.
    ChannelMode { Redirect = "REDIRECT", Embedded = "EMBEDDED" }
);
open_enum!(
    /// Credential and challenge `type`.
    CredentialType {
        Text = "TEXT", Pwd = "PWD", Numeric = "NUMERIC", NumericPwd = "NUMERIC_PWD", Date = "DATE",
        OkCancel = "OK_CANCEL", InfoMsg = "INFO_MSG", TimeoutMsg = "TIMEOUT_MSG", ErrorMsg = "ERROR_MSG",
        AuthorizationCode = "AUTHORIZATION_CODE", AccessToken = "ACCESS_TOKEN", RefreshToken = "REFRESH_TOKEN",
    }
);
open_enum!(
    /// `Transaction.type`.
    TransactionType {
        Credit = "CREDIT", Debit = "DEBIT", Interest = "INTEREST", Dividend = "DIVIDEND",
        BankFee = "BANK_FEE", Deposit = "DEPOSIT", Atm = "ATM", PointOfSale = "POINT_OF_SALE",
        CreditCardPayment = "CREDIT_CARD_PAYMENT", InternalTransfer = "INTERNAL_TRANSFER",
        PotentialTransfer = "POTENTIAL_TRANSFER", Check = "CHECK", ElectronicPayment = "ELECTRONIC_PAYMENT",
        Cash = "CASH", DirectDeposit = "DIRECT_DEPOSIT", DirectDebit = "DIRECT_DEBIT",
        RepeatingPayment = "REPEATING_PAYMENT", Unclassified = "OTHER",
    }
);
open_enum!(
    /// `Transaction.origin`.
    TransactionOrigin {
        Original = "ORIGINAL", Upcoming = "UPCOMING", Transaction = "TRANSACTION",
        Recurring = "RECURRING", Scheduled = "SCHEDULED",
    }
);
open_enum!(
    /// `Transaction.status`.
    TransactionStatus {
        Booked = "BOOKED", Pending = "PENDING", Unclassified = "OTHER", Expired = "EXPIRED",
        Rejected = "REJECTED", Cancelled = "CANCELLED", Refunded = "REFUNDED",
    }
);
open_enum!(
    /// `Event.event_type`. Only the two `*_USER_INPUT_REQUESTED` are documented; the rest are the
    /// sandbox's names (oxlin-api.md §11), read the same way.
    EventType {
        ListAccountsUserInputRequested = "LIST_ACCOUNTS_USER_INPUT_REQUESTED",
        SyncAllUserInputRequested = "SYNC_ALL_USER_INPUT_REQUESTED",
        Updated = "UPDATED", Created = "CREATED", Deleted = "DELETED",
        ListAccountsStarted = "LIST_ACCOUNTS_STARTED", ListAccountsSuccess = "LIST_ACCOUNTS_SUCCESS",
        ListAccountsFailed = "LIST_ACCOUNTS_FAILED", SyncAllStarted = "SYNC_ALL_STARTED",
        SyncAllAccountSynced = "SYNC_ALL_ACCOUNT_SYNCED", SyncAllSuccess = "SYNC_ALL_SUCCESS",
        SyncAllFailed = "SYNC_ALL_FAILED",
    }
);
open_enum!(
    /// `Event.resource_type`: `CONNECTION` in queues, `CONNECTIONS` in webhooks.
    ResourceType { Connection = "CONNECTION", Connections = "CONNECTIONS" }
);
open_enum!(
    /// `Key.type`.
    KeyType { Pgp = "PGP" }
);
open_enum!(
    /// The kind of sync to trigger.
    SyncType { All = "ALL", ListAccounts = "LIST_ACCOUNTS" }
);

impl EventType {
    /// The key under which this event carries its type-specific payload: the lower-cased type.
    pub fn payload_key(&self) -> String {
        self.as_str().to_ascii_lowercase()
    }

    /// True for the events that end a job in failure (`*_FAILED`, known or not): their payload
    /// carries the channel status.
    pub fn is_failure(&self) -> bool {
        self.as_str().ends_with("_FAILED")
    }

    /// True for the events that carry a challenge to answer.
    pub fn asks_user_input(&self) -> bool {
        self.as_str().ends_with("_USER_INPUT_REQUESTED")
    }
}
