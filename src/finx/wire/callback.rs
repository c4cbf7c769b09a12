//! The widget's callback: the query finX adds to `redirect_uri` (finx-api.md §4.3, seed 004):
//! `code` (success only, single use), `state`, `success`, `cancel` (only when the user
//! cancelled), maybe `flow_id`. Parameters may come in any order.
//!
//! Docs gap (ours, §9.4): `success` other than `true` is a failure; `cancel` present with any
//! value but `false` is a cancellation; a parameter given twice keeps its first value.

use secrecy::SecretString;

/// What the callback said. `Debug` never shows the code.
#[derive(Debug, Clone)]
pub struct Callback {
    /// The single-use authorization code (a secret).
    pub code: Option<SecretString>,
    /// The `state` given to the access request, to be checked by the caller.
    pub state: Option<String>,
    /// The user completed the flow.
    pub success: bool,
    /// The user cancelled the flow.
    pub cancel: bool,
    /// The link's id, when sent.
    pub flow_id: Option<String>,
}

impl Callback {
    /// Reads a callback's query (without the leading `?`); unknown parameters are ignored.
    pub fn from_query(query: &str) -> Self {
        let mut callback = Callback {
            code: None,
            state: None,
            success: false,
            cancel: false,
            flow_id: None,
        };
        let (mut success, mut cancel) = (None, None);
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            match key.as_ref() {
                "code" if callback.code.is_none() => {
                    callback.code = Some(SecretString::from(value.into_owned()))
                }
                "state" if callback.state.is_none() => callback.state = Some(value.into_owned()),
                "flow_id" if callback.flow_id.is_none() => {
                    callback.flow_id = Some(value.into_owned())
                }
                "success" if success.is_none() => success = Some(value == "true"),
                "cancel" if cancel.is_none() => cancel = Some(value != "false"),
                _ => {}
            }
        }
        callback.success = success.unwrap_or(false);
        callback.cancel = cancel.unwrap_or(false);
        callback
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    #[test]
    fn a_cancelled_or_failed_flow_has_no_code_and_says_so() {
        let cancelled = Callback::from_query("state=s1&success=false&cancel=true");
        assert!(!cancelled.success && cancelled.cancel && cancelled.code.is_none());
        let failed = Callback::from_query("success=false&state=s1");
        assert!(!failed.success && !failed.cancel);
        assert_eq!(failed.state.as_deref(), Some("s1"));
    }

    #[test]
    fn parameters_in_any_order_encoded_or_repeated_keep_their_first_value() {
        let callback =
            Callback::from_query("success=true&code=a%2Bb&state=x%20y&state=evil&flow_id=3ca3");
        assert_eq!(callback.code.as_ref().unwrap().expose_secret(), "a+b");
        assert_eq!(callback.state.as_deref(), Some("x y"));
        assert_eq!(callback.flow_id.as_deref(), Some("3ca3"));
        assert!(callback.success);
        assert!(!format!("{callback:?}").contains("a+b"));
    }
}
