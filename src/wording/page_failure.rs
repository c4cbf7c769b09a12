//! Why a browser page failed, or why the address it came back with was not used
//! ([`PageFailure`]), as one or two sentences in the UI's [`Lang`] (catalogue
//! `locales/redirect.toml`): what happened, then what to do next. What the bank or the page said
//! is quoted as sent, after our sentence (a failed sync of a new link quotes its `coffre sync`
//! line, which is English on purpose).
//!
//! Choice (ours): the bank's website's words are "the bank said", a webview's (`error`, a reason
//! some banks add) too, and the terms page's "the page said". `coffre connect` and the loopback
//! listener's page speak English (headless and browser text), through the same words.

use rust_i18n::t;

use crate::domain::PageFailure;
use crate::i18n::Lang;

/// `failure` in `lang`: what happened, what to do, and what was said when anything was.
pub fn page_failure(failure: &PageFailure, lang: Lang) -> String {
    use PageFailure as F;
    let code = lang.code();
    let bank_said = |said: &Option<String>| {
        said.as_ref()
            .map(|why| t!("wording.next.bank_said", locale = code, why = why))
    };
    let (sentence, said) = match failure {
        F::BankRefused(said) => (
            t!("redirect.failure.bank_refused", locale = code),
            bank_said(said),
        ),
        F::NoConnectionNamed => (t!("redirect.failure.no_connection", locale = code), None),
        F::Cancelled => (t!("redirect.failure.cancelled", locale = code), None),
        F::Expired => (t!("redirect.failure.expired", locale = code), None),
        F::PageError(said) => (
            t!("redirect.failure.page_error", locale = code),
            bank_said(said),
        ),
        F::UnknownStatus(status) => (
            t!(
                "redirect.failure.unknown_status",
                locale = code,
                status = status
            ),
            None,
        ),
        F::NoStatus => (t!("redirect.failure.no_status", locale = code), None),
        F::TermsExpired => (t!("redirect.failure.terms_expired", locale = code), None),
        F::TermsRefused(said) => (
            t!("redirect.failure.terms_refused", locale = code),
            said.as_ref()
                .map(|said| t!("redirect.failure.page_said", locale = code, said = said)),
        ),
        F::TermsNoResult => (t!("redirect.failure.terms_no_result", locale = code), None),
        F::UnknownConnection(id) => (
            t!(
                "redirect.failure.unknown_connection",
                locale = code,
                id = id
            ),
            None,
        ),
        F::NotTheRedirect(expected) => (
            t!(
                "redirect.failure.not_the_redirect",
                locale = code,
                expected = expected
            ),
            None,
        ),
        F::NoState => (t!("redirect.failure.no_state", locale = code), None),
        F::OtherAttempt => (t!("redirect.failure.other_attempt", locale = code), None),
        F::NoLongerWaiting => (
            t!("redirect.failure.no_longer_waiting", locale = code),
            None,
        ),
        F::FinxNoAnswer => (t!("redirect.failure.finx_no_answer", locale = code), None),
        F::FinxCancelled => (t!("redirect.failure.finx_cancelled", locale = code), None),
        F::FinxNotLinked => (t!("redirect.failure.finx_not_linked", locale = code), None),
        F::FinxCodeRefused => (
            t!("redirect.failure.finx_code_refused", locale = code),
            None,
        ),
        F::FinxAccessRefused => (
            t!("redirect.failure.finx_access_refused", locale = code),
            None,
        ),
        F::FinxRefused(said) => (
            t!("redirect.failure.finx_refused", locale = code),
            Some(t!("redirect.failure.finx_said", locale = code, said = said)),
        ),
        F::LinkedButNotRead(said) => (
            t!("redirect.failure.linked_not_read", locale = code),
            Some(t!("redirect.failure.sync_said", locale = code, said = said)),
        ),
    };
    match said {
        Some(said) => format!("{sentence} {said}"),
        None => sentence.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of each case; what was said is `« said »`-quotable text.
    fn every_failure() -> Vec<PageFailure> {
        use PageFailure as F;
        let said = Some("access_denied".to_owned());
        vec![
            F::BankRefused(said.clone()),
            F::BankRefused(None),
            F::NoConnectionNamed,
            F::Cancelled,
            F::Expired,
            F::PageError(said.clone()),
            F::PageError(None),
            F::UnknownStatus("weird".into()),
            F::NoStatus,
            F::TermsExpired,
            F::TermsRefused(said),
            F::TermsRefused(None),
            F::TermsNoResult,
            F::UnknownConnection("10003".into()),
            F::NotTheRedirect("http://127.0.0.1:4242/callback".into()),
            F::NoState,
            F::OtherAttempt,
            F::NoLongerWaiting,
            F::FinxNoAnswer,
            F::FinxCancelled,
            F::FinxNotLinked,
            F::FinxCodeRefused,
            F::FinxAccessRefused,
            F::FinxRefused("finX is busy; try again".into()),
            F::LinkedButNotRead("finX link L1: failed".into()),
        ]
    }

    #[test]
    fn every_page_failure_is_worded_in_english_and_in_french_with_what_to_do() {
        for failure in every_failure() {
            let english = page_failure(&failure, Lang::En);
            let french = page_failure(&failure, Lang::Fr);
            assert!(!english.contains("redirect.failure"), "{english}");
            assert!(!french.contains("redirect.failure"), "{french}");
            assert_ne!(english, french, "{failure:?} is not in French");
            assert!(
                english.ends_with('.') && french.ends_with('.'),
                "{english} / {french}"
            );
            let next = [
                "try again",
                "start again",
                "Esc",
                "paste",
                "copy",
                "use the page",
                "look on",
                "until they are",
                "press s",
            ];
            assert!(
                next.iter().any(|n| english.contains(n)),
                "no next step: {english}"
            );
        }
    }

    #[test]
    fn what_the_bank_or_the_page_said_is_quoted_as_sent() {
        let refused = PageFailure::BankRefused(Some("access_denied".into()));
        assert!(page_failure(&refused, Lang::Fr).ends_with("La banque a dit : « access_denied »."));
        assert!(page_failure(&refused, Lang::En).ends_with("The bank said: “access_denied”."));
        let terms = PageFailure::TermsRefused(Some("refus".into()));
        assert!(page_failure(&terms, Lang::Fr).contains("« refus »"));
        let unknown = PageFailure::UnknownConnection("10003".into());
        assert!(page_failure(&unknown, Lang::Fr).contains("10003"));
    }
}
