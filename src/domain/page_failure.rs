//! Why a browser page (the bank's website, an Oxlin webview, the terms page, the finX widget)
//! did not do what it was opened for, or why an address it came back with was not used: one
//! variant per case, carried from the tasks that read the browser's return
//! (`tasks::redirect`, `tasks::widget::settle`, `tasks::finx_link`) to the app, and worded in
//! the user's language by `crate::wording::page_failure`, with what to do next. What a bank or a
//! server said is kept as sent (sanitised), to be quoted.

/// Why a browser page failed, or why its address was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageFailure {
    /// The bank's website did not authorise the connection; what it said (its `error`, else its
    /// `status`), when it said anything.
    BankRefused(Option<String>),
    /// An Oxlin page said `success` but named no connection.
    NoConnectionNamed,
    /// The user cancelled on the Oxlin page: nothing was changed.
    Cancelled,
    /// The Oxlin page expired before the user finished: nothing was changed.
    Expired,
    /// The Oxlin page ended with `status=error`; what the bank said, when it said anything.
    PageError(Option<String>),
    /// The Oxlin page ended with a status this version does not know (quoted).
    UnknownStatus(String),
    /// The Oxlin page ended without a status.
    NoStatus,
    /// The terms page expired before the user accepted.
    TermsExpired,
    /// The terms were not accepted; what the page said, when it said anything.
    TermsRefused(Option<String>),
    /// The terms page ended without a result.
    TermsNoResult,
    /// Oxlin does not know the connection the page named (quoted): nothing was added.
    UnknownConnection(String),
    /// A pasted address is not the callback coffre waits for, which starts with this address.
    NotTheRedirect(String),
    /// A pasted address is the callback but carries no state.
    NoState,
    /// A pasted address carries another attempt's state.
    OtherAttempt,
    /// A pasted address arrived after the wait had ended.
    NoLongerWaiting,
    /// The browser came back from finX's page without finX's answer.
    FinxNoAnswer,
    /// The user cancelled in finX's page: nothing was added.
    FinxCancelled,
    /// finX's page ended without linking the bank.
    FinxNotLinked,
    /// finX refused the page's code (already used, or more than an hour old).
    FinxCodeRefused,
    /// finX refused the new access as soon as it was read.
    FinxAccessRefused,
    /// finX refused a call of the linking for another reason: what it said (quoted).
    FinxRefused(String),
    /// The bank is linked but its accounts could not be read: the sync's line (quoted).
    LinkedButNotRead(String),
}
