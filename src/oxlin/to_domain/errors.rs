//! `OxlinError` classified once into the failure classes the app explains
//! ([`CallFailure`]).
//!
//! Docs gap, our choice: the token endpoint's `invalid_grant` does not say whether the password
//! or a saved refresh token was refused; a refused login is "wrong email or password" here, and
//! the login task, which knows it sent a refresh token, says "session expired" instead.

use crate::domain::CallFailure;
use crate::oxlin::error::OxlinError;
use crate::sanitize::clean_line;

/// The failure class of an Oxlin error.
pub fn call_failure(e: &OxlinError) -> CallFailure {
    match e {
        OxlinError::Network { .. } => CallFailure::Unreachable,
        OxlinError::ClientRefused(_) => CallFailure::BadClientCredentials,
        OxlinError::LogInAgain(_) => CallFailure::WrongPassword,
        OxlinError::SessionExpired(_) => CallFailure::SessionExpired,
        OxlinError::UserActionRequired { .. } => CallFailure::TermsNotAccepted,
        other => CallFailure::Rejected(clean_line(&other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_client_and_a_refused_password_are_told_apart() {
        let client = OxlinError::from_response(
            "POST /token",
            401,
            None,
            r#"{"error":"invalid_client","error_description":"unknown client or wrong client secret"}"#,
        );
        assert_eq!(call_failure(&client), CallFailure::BadClientCredentials);
        let user = OxlinError::from_response(
            "POST /token",
            400,
            None,
            r#"{"error":"invalid_grant","error_description":"wrong username or password"}"#,
        );
        assert_eq!(call_failure(&user), CallFailure::WrongPassword);
        let down = OxlinError::Network {
            call: "POST /token".into(),
            reason: "connection failed".into(),
        };
        assert_eq!(call_failure(&down), CallFailure::Unreachable);
    }

    #[test]
    fn a_password_refusal_that_mentions_the_client_is_still_a_wrong_password() {
        let user = OxlinError::from_response(
            "POST /token",
            400,
            None,
            r#"{"error":"invalid_grant","error_description":"client says: wrong password"}"#,
        );
        assert_eq!(call_failure(&user), CallFailure::WrongPassword);
    }

    #[test]
    fn terms_to_accept_are_their_own_failure_never_an_expired_session() {
        let terms = OxlinError::from_response(
            "GET /connections",
            401,
            None,
            r#"{"error":"user_action_required","error_description":"The user has an action to perform: accept the Oxlin terms and conditions (GET /widget/terms).","action":"ACCEPT_TERMS"}"#,
        );
        assert!(
            matches!(&terms, OxlinError::UserActionRequired { action, .. } if action == "ACCEPT_TERMS"),
            "{terms:?}"
        );
        assert_eq!(call_failure(&terms), CallFailure::TermsNotAccepted);
        let dead = OxlinError::from_response(
            "GET /connections",
            401,
            None,
            r#"{"error":"invalid_token"}"#,
        );
        assert_eq!(call_failure(&dead), CallFailure::WrongPassword);
    }

    #[test]
    fn other_refusals_keep_their_reason_cleaned() {
        let e = OxlinError::NotFound("no bank \u{1b}[31m42".into());
        let CallFailure::Rejected(why) = call_failure(&e) else {
            panic!("not a rejection");
        };
        assert!(why.contains("no bank") && !why.contains('\u{1b}'), "{why}");
    }
}
