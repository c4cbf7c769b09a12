//! What the finX widget's return and finX's answers mean for a German bank being linked from
//! the TUI: each failure of the page is a typed reason ([`PageFailure`], worded in the user's
//! language with what to do by `crate::wording::page_failure`, on the wait screen), and none of
//! them touches what is stored.
//!
//! Docs gap (ours, finx-api.md §9.4): a return with neither `success=true` and a code nor
//! `cancel` is "finX did not link the bank"; a refused code (`FinxError::AccessLost` from
//! `/auth/token`: used, expired or unknown) says to start again, since a code lives one hour
//! and serves once.

use secrecy::SecretString;

use crate::app::widget::WidgetDone;
use crate::domain::{CallFailure, ConnectionId, PageFailure};
use crate::finx::error::FinxError;
use crate::sync::ConnectionLine;
use crate::sync::fetch::Problem;
use crate::tasks::redirect::browser_return::BrowserReturn;

/// The single-use code of a widget that linked the bank, or why there is none.
pub(super) fn code(answer: &BrowserReturn) -> Result<SecretString, CallFailure> {
    let Some(finx) = &answer.finx else {
        return Err(CallFailure::Page(PageFailure::FinxNoAnswer));
    };
    if finx.cancel {
        return Err(CallFailure::Page(PageFailure::FinxCancelled));
    }
    match (&finx.code, finx.success) {
        (Some(code), true) => Ok(code.clone()),
        _ => Err(CallFailure::Page(PageFailure::FinxNotLinked)),
    }
}

/// A failed finX call, as a sentence.
pub(super) fn failure(error: &FinxError) -> CallFailure {
    match error {
        FinxError::AccessLost(_) => CallFailure::Page(PageFailure::FinxCodeRefused),
        FinxError::ClientRefused(_) => CallFailure::BadClientCredentials,
        FinxError::Network { .. } => CallFailure::Unreachable,
        other => CallFailure::Page(PageFailure::FinxRefused(crate::sanitize::clean_line(
            &other.to_string(),
        ))),
    }
}

/// The sync of the new link, as the wait's end.
pub(super) fn synced(line: ConnectionLine) -> Result<WidgetDone, CallFailure> {
    if line.synced {
        return Ok(WidgetDone {
            connection: Some(ConnectionId::finx(&line.connection_id)),
            bank: line.name,
            new_transactions: line.new_transactions,
        });
    }
    Err(match line.problem {
        Some(Problem::FinxAccessLost) => CallFailure::Page(PageFailure::FinxAccessRefused),
        _ => CallFailure::Page(PageFailure::LinkedButNotRead(crate::sanitize::clean_line(
            &line.to_string(),
        ))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finx::wire::Callback;

    fn back(query: &str) -> BrowserReturn {
        BrowserReturn {
            finx: Some(Callback::from_query(query)),
            ..BrowserReturn::default()
        }
    }

    fn said(result: Result<SecretString, CallFailure>) -> PageFailure {
        match result {
            Err(CallFailure::Page(why)) => why,
            other => panic!("expected a page failure, got {:?}", other.is_ok()),
        }
    }

    #[test]
    fn a_cancel_or_a_failure_in_the_widget_links_nothing_and_says_which() {
        use PageFailure as F;
        assert_eq!(
            said(code(&back("success=false&cancel=true"))),
            F::FinxCancelled
        );
        assert_eq!(said(code(&back("success=false"))), F::FinxNotLinked);
        assert_eq!(said(code(&back("success=true"))), F::FinxNotLinked);
        assert_eq!(said(code(&BrowserReturn::default())), F::FinxNoAnswer);
        assert!(code(&back("success=true&code=C1")).is_ok());
    }

    #[test]
    fn a_used_or_expired_code_says_to_link_again() {
        assert_eq!(
            failure(&FinxError::AccessLost("invalid_grant".into())),
            CallFailure::Page(PageFailure::FinxCodeRefused)
        );
    }
}
