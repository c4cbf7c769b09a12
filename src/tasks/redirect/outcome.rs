//! What an answer the browser came back with means, for each kind of page: the bank's website
//! (REDIRECT channel), an Oxlin webview that creates or edits a connection (add_connection,
//! edit_credentials, user_input), and the terms webview. Each failure is a typed reason
//! ([`PageFailure`], carried in `CallFailure::Page`), worded in the user's language by
//! `crate::wording::page_failure`, with what to do next; what the bank said is kept to be quoted.
//!
//! Docs gap, our choice: an answer without a `status` (or `result`) counts as an error
//! ([`PageFailure::NoStatus`], [`PageFailure::TermsNoResult`]).

use super::browser_return::BrowserReturn;
use crate::domain::{CallFailure, PageFailure};

/// The bank's website (REDIRECT channel): `success` with the connection, or the bank's refusal.
pub fn bank_website(answer: &BrowserReturn) -> Result<String, CallFailure> {
    match (answer.status.as_deref(), &answer.connection_id) {
        (Some("success"), Some(id)) => Ok(id.clone()),
        _ => Err(CallFailure::Page(PageFailure::BankRefused(
            answer.error.clone().or_else(|| answer.status.clone()),
        ))),
    }
}

/// A connection webview: the connection created or edited (and the queue to poll, when the
/// page was not captive), or why not.
pub fn connection_page(answer: &BrowserReturn) -> Result<(String, Option<String>), CallFailure> {
    let why = match answer.status.as_deref() {
        Some("success") => match &answer.connection_id {
            Some(id) => return Ok((id.clone(), answer.queue_id.clone())),
            None => PageFailure::NoConnectionNamed,
        },
        Some("cancelled") => PageFailure::Cancelled,
        Some("expired") => PageFailure::Expired,
        Some("error") => PageFailure::PageError(answer.error.clone()),
        Some(other) => PageFailure::UnknownStatus(other.to_owned()),
        None => PageFailure::NoStatus,
    };
    Err(CallFailure::Page(why))
}

/// The terms webview: accepted, or why not.
pub fn terms_page(answer: &BrowserReturn) -> Result<(), CallFailure> {
    if answer.status.as_deref() == Some("expired") {
        return Err(CallFailure::Page(PageFailure::TermsExpired));
    }
    match answer.result.as_deref() {
        Some("success") => Ok(()),
        Some(_) => Err(CallFailure::Page(PageFailure::TermsRefused(
            answer.error.clone(),
        ))),
        None => Err(CallFailure::Page(PageFailure::TermsNoResult)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn back(status: Option<&str>, connection: Option<&str>) -> BrowserReturn {
        BrowserReturn {
            status: status.map(str::to_owned),
            connection_id: connection.map(str::to_owned),
            ..BrowserReturn::default()
        }
    }

    fn why<T: std::fmt::Debug>(r: Result<T, CallFailure>) -> PageFailure {
        match r {
            Err(CallFailure::Page(why)) => why,
            other => panic!("not a page failure: {other:?}"),
        }
    }

    #[test]
    fn an_expired_or_failed_widget_page_says_which_and_names_no_connection() {
        let expired = why(connection_page(&back(Some("expired"), Some("5"))));
        assert_eq!(expired, PageFailure::Expired);
        let error = why(connection_page(&back(Some("error"), Some("5"))));
        assert_eq!(error, PageFailure::PageError(None));
        let cancelled = why(connection_page(&back(Some("cancelled"), None)));
        assert_eq!(cancelled, PageFailure::Cancelled);
        assert_eq!(
            why(connection_page(&back(None, Some("5")))),
            PageFailure::NoStatus
        );
        assert_eq!(
            why(connection_page(&back(Some("odd"), Some("5")))),
            PageFailure::UnknownStatus("odd".into())
        );
    }

    #[test]
    fn a_successful_widget_page_gives_its_connection_and_queue() {
        let mut answer = back(Some("success"), Some("10003"));
        answer.queue_id = Some("q1".into());
        assert_eq!(
            connection_page(&answer),
            Ok(("10003".into(), Some("q1".into())))
        );
        let nameless = why(connection_page(&back(Some("success"), None)));
        assert_eq!(nameless, PageFailure::NoConnectionNamed);
    }

    #[test]
    fn the_terms_are_accepted_only_on_result_success() {
        let ok = BrowserReturn {
            result: Some("success".into()),
            ..BrowserReturn::default()
        };
        assert_eq!(terms_page(&ok), Ok(()));
        let refused = BrowserReturn {
            result: Some("error".into()),
            error: Some("declined".into()),
            ..BrowserReturn::default()
        };
        assert_eq!(
            why(terms_page(&refused)),
            PageFailure::TermsRefused(Some("declined".into()))
        );
        let expired = back(Some("expired"), None);
        assert_eq!(why(terms_page(&expired)), PageFailure::TermsExpired);
        assert_eq!(
            why(terms_page(&BrowserReturn::default())),
            PageFailure::TermsNoResult
        );
    }

    #[test]
    fn a_refusal_at_the_bank_keeps_what_the_bank_said() {
        let mut answer = back(Some("error"), None);
        answer.error = Some("access_denied".into());
        assert_eq!(
            why(bank_website(&answer)),
            PageFailure::BankRefused(Some("access_denied".into()))
        );
        assert_eq!(
            bank_website(&back(Some("success"), Some("42"))),
            Ok("42".into())
        );
    }
}
