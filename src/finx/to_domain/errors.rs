//! `FinxError` classified once into the failure classes the app explains ([`CallFailure`]).
//!
//! Docs gap (ours): the domain has no "link again" class yet; a lost finX access is
//! `CallFailure::SessionExpired` (the saved token was refused), which the screens offer to
//! renew. `FinxError::AccessLost` itself says "link the bank again".

use crate::domain::CallFailure;
use crate::finx::error::FinxError;
use crate::sanitize::clean_line;

/// The failure class of a finX error.
pub fn call_failure(e: &FinxError) -> CallFailure {
    match e {
        FinxError::Network { .. } => CallFailure::Unreachable,
        FinxError::ClientRefused(_) => CallFailure::BadClientCredentials,
        FinxError::AccessLost(_) => CallFailure::SessionExpired,
        other => CallFailure::Rejected(clean_line(&other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finx::error::SentSecrets;

    #[test]
    fn a_refused_refresh_token_is_an_expired_session_and_a_refused_client_is_not() {
        let refused = FinxError::AccessLost("invalid_grant".into());
        assert_eq!(call_failure(&refused), CallFailure::SessionExpired);
        let client = FinxError::from_response(
            "POST /auth/token",
            401,
            None,
            br#"{"error":{"code":1004,"group":"client","description":"Invalid client authorization","data":{}}}"#,
            &SentSecrets::new(),
        );
        assert_eq!(call_failure(&client), CallFailure::BadClientCredentials);
    }
}
