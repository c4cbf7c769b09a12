use proptest::prelude::*;

use super::*;

const STATE: &str = "0123456789abcdef0123456789abcdef";

fn flow() -> ReturnAddress {
    ReturnAddress::new(41234, STATE)
}

#[test]
fn the_address_pasted_from_a_phone_finishes_the_flow() {
    let pasted = format!(
        "  http://127.0.0.1:41234/callback?state={STATE}&connection_id=17&status=success&queue_id=q9\n"
    );
    let back = flow().check_pasted(&pasted).unwrap();
    assert_eq!(back.connection_id.as_deref(), Some("17"));
    assert_eq!(back.status.as_deref(), Some("success"));
    assert_eq!(back.queue_id.as_deref(), Some("q9"));
}

#[test]
fn a_pasted_address_without_its_scheme_is_read_too() {
    let pasted = format!("127.0.0.1:41234/callback?state={STATE}&result=success");
    let back = flow().check_pasted(&pasted).unwrap();
    assert_eq!(back.result.as_deref(), Some("success"));
}

#[test]
fn a_pasted_address_that_is_not_the_redirect_says_what_to_paste() {
    for wrong in [
        "https://embed.oxlin.io/widget/add_connection?session_id=abc".to_string(),
        format!("http://127.0.0.1:41235/callback?state={STATE}&status=success"),
        format!("http://127.0.0.1:41234/elsewhere?state={STATE}&status=success"),
        format!("http://192.168.1.2:41234/callback?state={STATE}&status=success"),
        "hello".to_string(),
        String::new(),
    ] {
        let Err(Refused::NotTheRedirect(why)) = flow().check_pasted(&wrong) else {
            panic!("{wrong:?} was taken for the redirect");
        };
        assert_eq!(
            why,
            PageFailure::NotTheRedirect("http://127.0.0.1:41234/callback".into())
        );
    }
}

#[test]
fn a_redirect_without_or_with_a_wrong_state_is_refused_with_a_reason() {
    let missing = "/callback?connection_id=17&status=success";
    let Err(Refused::WrongState(why)) = flow().check_target(missing) else {
        panic!("accepted without a state");
    };
    assert_eq!(why, PageFailure::NoState);
    for wrong in [
        format!("/callback?state={STATE}x&status=success"),
        "/callback?state=guess&status=success".to_string(),
        format!("/callback?state={STATE}&state=other&status=success"),
    ] {
        let Err(Refused::WrongState(why)) = flow().check_target(&wrong) else {
            panic!("{wrong} accepted");
        };
        assert_eq!(why, PageFailure::OtherAttempt);
    }
}

#[test]
fn values_from_the_browser_are_sanitised() {
    let target = format!("/callback?state={STATE}&status=error&error=%1B%5B31mdenied");
    let back = flow().check_target(&target).unwrap();
    assert_eq!(back.error.as_deref(), Some("denied"));
}

#[test]
fn the_webview_redirect_url_keeps_the_state_in_its_query() {
    assert_eq!(
        flow().callback_with_state(),
        format!("http://127.0.0.1:41234/callback?state={STATE}")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Whatever is pasted, coffre never panics and never accepts an answer without the state.
    #[test]
    fn nothing_pasted_without_the_state_is_ever_accepted(pasted in "\\PC{0,300}") {
        if flow().check_pasted(&pasted).is_ok() {
            prop_assert!(pasted.contains(STATE));
        }
    }

    /// Any value appended by the webview comes back as it was sent.
    #[test]
    fn any_connection_id_comes_back(id in "[0-9A-Za-z_-]{1,40}") {
        let pasted = format!("http://127.0.0.1:41234/callback?state={STATE}&connection_id={id}&status=success");
        let back = flow().check_pasted(&pasted).unwrap();
        prop_assert_eq!(back.connection_id, Some(id));
    }
}

#[test]
fn a_finx_widget_answer_is_read_from_the_loopback_or_a_paste_with_its_code_hidden() {
    let target = format!("/callback?code=C-1%2B2&state={STATE}&success=true");
    let back = flow().check_target(&target).unwrap();
    let finx = back.finx.clone().expect("finX's parameters are read");
    assert!(finx.success && !finx.cancel);
    assert_eq!(
        secrecy::ExposeSecret::expose_secret(finx.code.as_ref().unwrap()),
        "C-1+2"
    );
    assert!(!format!("{back:?}").contains("C-1"), "{back:?}");
    let pasted = format!("127.0.0.1:41234/callback?state={STATE}&success=false&cancel=true");
    let cancelled = flow().check_pasted(&pasted).unwrap().finx.unwrap();
    assert!(cancelled.cancel && !cancelled.success && cancelled.code.is_none());
    let oxlin = format!("/callback?state={STATE}&status=success&connection_id=4");
    assert!(flow().check_target(&oxlin).unwrap().finx.is_none());
}

#[test]
fn a_finx_answer_with_another_attempts_state_is_refused() {
    let target = "/callback?code=C-1&state=another-attempt&success=true";
    assert!(matches!(
        flow().check_target(target),
        Err(Refused::WrongState(_))
    ));
}
