//! Why a browser page failed, in French on the wait screen: the reason comes typed from the
//! tasks (`PageFailure`) and is worded where the app words everything, with what to do next;
//! what the bank said is quoted as it was sent.

use coffre::app::Msg;
use coffre::app::widget::BrowserEvent;
use coffre::domain::{CallFailure, PageFailure};
use coffre::i18n::Lang;
use insta::assert_snapshot;

use crate::common::*;
use crate::widget::{at_add_page_in, page_ready};

#[test]
fn french_redirect_wait_says_why_the_page_failed_and_quotes_the_bank() {
    let (mut m, request) = at_add_page_in(Lang::Fr);
    page_ready(&mut m, request);
    run(
        &mut m,
        [Msg::Browser(BrowserEvent::PasteRefused {
            request,
            reason: PageFailure::OtherAttempt,
        })],
    );
    let refused = render(&mut m, 100, 30);
    assert!(refused.contains("autre tentative"), "{refused}");
    run(
        &mut m,
        [Msg::Browser(BrowserEvent::Finished {
            request,
            result: Err(CallFailure::Page(PageFailure::PageError(Some(
                "Compte bloqué, appelez votre agence".into(),
            )))),
        })],
    );
    let screen = render(&mut m, 100, 30);
    assert!(screen.contains("s'est terminée par une erreur"), "{screen}");
    assert!(
        screen.contains("« Compte bloqué, appelez votre agence »"),
        "the bank's words as sent: {screen}"
    );
    assert!(!screen.contains("try again"), "{screen}");
    assert_snapshot!("french_redirect_page_failed", screen);
}
