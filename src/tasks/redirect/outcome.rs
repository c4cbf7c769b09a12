//! What an answer the browser came back with means, for each kind of page: the bank's website
//! (REDIRECT channel), an Oxlin webview that creates or edits a connection (add_connection,
//! edit_credentials, user_input), and the terms webview. Each failure is a sentence saying what
//! happened and what to do next.
//!
//! Docs gap, our choice: an answer without a `status` (or `result`) counts as an error, with
//! "no status given" as its reason.

use super::browser_return::BrowserReturn;
use crate::domain::CallFailure;

/// The bank's website (REDIRECT channel): `success` with the connection, or the bank's refusal.
pub fn bank_website(answer: &BrowserReturn) -> Result<String, CallFailure> {
    match (answer.status.as_deref(), &answer.connection_id) {
        (Some("success"), Some(id)) => Ok(id.clone()),
        _ => Err(CallFailure::Rejected(format!(
            "the bank did not authorise the connection ({}); Esc and try again",
            answer
                .error
                .clone()
                .or_else(|| answer.status.clone())
                .unwrap_or_else(|| "no reason given".into())
        ))),
    }
}

/// A connection webview: the connection created or edited (and the queue to poll, when the
/// page was not captive), or why not.
pub fn connection_page(answer: &BrowserReturn) -> Result<(String, Option<String>), CallFailure> {
    let why = match answer.status.as_deref() {
        Some("success") => match &answer.connection_id {
            Some(id) => return Ok((id.clone(), answer.queue_id.clone())),
            None => "Oxlin said success but named no connection; look on the dashboard and try again if the bank is missing".to_string(),
        },
        Some("cancelled") => "you cancelled on the Oxlin page; nothing was changed".into(),
        Some("expired") => {
            "the Oxlin page expired before you finished; start again (nothing was changed)".into()
        }
        Some("error") => format!(
            "the Oxlin page ended with an error{}; try again, or try later if the bank is down",
            reason(answer)
        ),
        Some(other) => format!("the Oxlin page ended with an unknown status ({other}); try again"),
        None => "the Oxlin page ended without a status; try again".into(),
    };
    Err(CallFailure::Rejected(why))
}

/// The terms webview: accepted, or why not.
pub fn terms_page(answer: &BrowserReturn) -> Result<(), CallFailure> {
    if answer.status.as_deref() == Some("expired") {
        return Err(CallFailure::Rejected(
            "the terms page expired before you accepted; start again".into(),
        ));
    }
    match answer.result.as_deref() {
        Some("success") => Ok(()),
        Some(_) => Err(CallFailure::Rejected(format!(
            "the terms were not accepted{}; Oxlin serves no bank data until they are",
            reason(answer)
        ))),
        None => Err(CallFailure::Rejected(
            "the terms page ended without a result; try again".into(),
        )),
    }
}

fn reason(answer: &BrowserReturn) -> String {
    answer
        .error
        .as_deref()
        .map(|e| format!(" ({e})"))
        .unwrap_or_default()
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

    fn why<T: std::fmt::Debug>(r: Result<T, CallFailure>) -> String {
        match r {
            Err(CallFailure::Rejected(why)) => why,
            other => panic!("not a refusal: {other:?}"),
        }
    }

    #[test]
    fn an_expired_or_failed_widget_page_says_what_to_do_and_names_no_connection() {
        let expired = why(connection_page(&back(Some("expired"), Some("5"))));
        assert!(
            expired.contains("expired") && expired.contains("start again"),
            "{expired}"
        );
        let error = why(connection_page(&back(Some("error"), Some("5"))));
        assert!(
            error.contains("error") && error.contains("try again"),
            "{error}"
        );
        let cancelled = why(connection_page(&back(Some("cancelled"), None)));
        assert!(cancelled.contains("cancelled"), "{cancelled}");
        let none = why(connection_page(&back(None, Some("5"))));
        assert!(none.contains("without a status"), "{none}");
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
        assert!(nameless.contains("named no connection"), "{nameless}");
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
            ..BrowserReturn::default()
        };
        assert!(why(terms_page(&refused)).contains("not accepted"));
        let expired = back(Some("expired"), None);
        assert!(why(terms_page(&expired)).contains("expired"));
    }

    #[test]
    fn a_refusal_at_the_bank_says_why() {
        let mut answer = back(Some("error"), None);
        answer.error = Some("access_denied".into());
        assert!(why(bank_website(&answer)).contains("access_denied"));
        assert_eq!(
            bank_website(&back(Some("success"), Some("42"))),
            Ok("42".into())
        );
    }
}
