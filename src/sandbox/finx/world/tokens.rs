//! The finX sandbox's authorization codes, access tokens and rotating refresh tokens.
//!
//! Choices (finx-api.md §6, §9.2): tokens are opaque random strings (the seed's example is not
//! JWT-shaped either). A code works once and for `code_ttl` (1 h); an access token for 1 h
//! (shortened by the early-expiry fault); a refresh token for 90 days and once: redeeming it
//! deletes it and the caller issues a new pair. Access tokens issued before a refresh stay valid
//! until they expire (the docs revoke nothing). Used codes and rotated refresh tokens are
//! remembered so the refusal can say "already used". Nothing here prints a token: `Debug`
//! shows counts only.

use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::{DateTime, Duration, Utc};
use rand08::Rng;
use rand08::distributions::Alphanumeric;

/// Why a code or a refresh token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrantRefusal {
    Unknown,
    AlreadyUsed,
    Expired,
    /// The `redirect_uri` given with a code is not the link's (the code stays usable).
    RedirectMismatch,
}

/// Why a bearer token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BearerRefusal {
    Unknown,
    Expired,
}

/// A freshly issued token pair.
pub struct IssuedPair {
    pub access_token: String,
    pub refresh_token: String,
    /// Seconds announced in `expires_in`.
    pub expires_in: i64,
}

struct CodeGrant {
    access_id: String,
    redirect_uri: String,
    expires_at: DateTime<Utc>,
}

/// Every live code and token, each pointing at the access (`X…`) it opens.
#[derive(Default)]
pub struct Tokens {
    codes: HashMap<String, CodeGrant>,
    spent_codes: HashSet<String>,
    access: HashMap<String, (String, DateTime<Utc>)>,
    refresh: HashMap<String, (String, DateTime<Utc>)>,
    rotated: HashSet<String>,
}

impl fmt::Debug for Tokens {
    /// Counts only: a token never reaches a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tokens")
            .field("codes", &self.codes.len())
            .field("access", &self.access.len())
            .field("refresh", &self.refresh.len())
            .finish()
    }
}

/// A random opaque token of `len` letters and digits.
pub fn random_token(len: usize) -> String {
    rand08::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

impl Tokens {
    /// A new code for `access_id`, returned to `redirect_uri`, valid until `expires_at`.
    pub fn issue_code(
        &mut self,
        access_id: &str,
        redirect_uri: &str,
        expires_at: DateTime<Utc>,
    ) -> String {
        let code = random_token(48);
        self.codes.insert(
            code.clone(),
            CodeGrant {
                access_id: access_id.to_owned(),
                redirect_uri: redirect_uri.to_owned(),
                expires_at,
            },
        );
        code
    }

    /// Redeems `code` (once): the access it opens.
    pub fn redeem_code(
        &mut self,
        code: &str,
        redirect_uri: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<String, GrantRefusal> {
        let Some(grant) = self.codes.get(code) else {
            return Err(if self.spent_codes.contains(code) {
                GrantRefusal::AlreadyUsed
            } else {
                GrantRefusal::Unknown
            });
        };
        if grant.expires_at <= now {
            self.codes.remove(code);
            return Err(GrantRefusal::Expired);
        }
        if redirect_uri.is_some_and(|uri| uri != grant.redirect_uri) {
            return Err(GrantRefusal::RedirectMismatch);
        }
        let grant = self.codes.remove(code).expect("looked up above");
        self.spent_codes.insert(code.to_owned());
        Ok(grant.access_id)
    }

    /// A new access token (dying at `access_until`, announcing `expires_in`) and refresh token
    /// (dying at `refresh_until`) for `access_id`.
    pub fn issue_pair(
        &mut self,
        access_id: &str,
        expires_in: Duration,
        access_until: DateTime<Utc>,
        refresh_until: DateTime<Utc>,
    ) -> IssuedPair {
        let access_token = random_token(64);
        let refresh_token = random_token(64);
        self.access
            .insert(access_token.clone(), (access_id.to_owned(), access_until));
        self.refresh
            .insert(refresh_token.clone(), (access_id.to_owned(), refresh_until));
        IssuedPair {
            access_token,
            refresh_token,
            expires_in: expires_in.num_seconds(),
        }
    }

    /// Redeems `refresh_token` (once): the access it opens.
    pub fn redeem_refresh(
        &mut self,
        refresh_token: &str,
        now: DateTime<Utc>,
    ) -> Result<String, GrantRefusal> {
        let Some((access_id, expires_at)) = self.refresh.remove(refresh_token) else {
            return Err(if self.rotated.contains(refresh_token) {
                GrantRefusal::AlreadyUsed
            } else {
                GrantRefusal::Unknown
            });
        };
        if expires_at <= now {
            return Err(GrantRefusal::Expired);
        }
        self.rotated.insert(refresh_token.to_owned());
        Ok(access_id)
    }

    /// The access a bearer token opens.
    pub fn bearer(&self, access_token: &str, now: DateTime<Utc>) -> Result<String, BearerRefusal> {
        match self.access.get(access_token) {
            None => Err(BearerRefusal::Unknown),
            Some((_, expires_at)) if *expires_at <= now => Err(BearerRefusal::Expired),
            Some((access_id, _)) => Ok(access_id.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn later(hours: i64) -> DateTime<Utc> {
        Utc::now() + Duration::hours(hours)
    }

    #[test]
    fn a_code_works_once_and_says_so_the_second_time() {
        let mut tokens = Tokens::default();
        let code = tokens.issue_code("X1.1", "http://127.0.0.1/cb", later(1));
        assert_eq!(
            tokens.redeem_code(&code, None, Utc::now()),
            Ok("X1.1".into())
        );
        assert_eq!(
            tokens.redeem_code(&code, None, Utc::now()),
            Err(GrantRefusal::AlreadyUsed)
        );
    }

    #[test]
    fn a_code_with_another_redirect_uri_is_refused_but_stays_usable() {
        let mut tokens = Tokens::default();
        let code = tokens.issue_code("X1.1", "http://127.0.0.1/cb", later(1));
        assert_eq!(
            tokens.redeem_code(&code, Some("http://evil/cb"), Utc::now()),
            Err(GrantRefusal::RedirectMismatch)
        );
        assert!(
            tokens
                .redeem_code(&code, Some("http://127.0.0.1/cb"), Utc::now())
                .is_ok()
        );
    }

    #[test]
    fn an_expired_code_and_an_expired_refresh_token_are_refused() {
        let mut tokens = Tokens::default();
        let code = tokens.issue_code("X1.1", "u", later(1));
        assert_eq!(
            tokens.redeem_code(&code, None, later(2)),
            Err(GrantRefusal::Expired)
        );
        let pair = tokens.issue_pair("X1.1", Duration::hours(1), later(1), later(24));
        assert_eq!(
            tokens.redeem_refresh(&pair.refresh_token, later(25)),
            Err(GrantRefusal::Expired)
        );
    }

    #[test]
    fn a_rotated_refresh_token_is_refused_as_used() {
        let mut tokens = Tokens::default();
        let pair = tokens.issue_pair("X1.1", Duration::hours(1), later(1), later(24));
        assert!(
            tokens
                .redeem_refresh(&pair.refresh_token, Utc::now())
                .is_ok()
        );
        assert_eq!(
            tokens.redeem_refresh(&pair.refresh_token, Utc::now()),
            Err(GrantRefusal::AlreadyUsed)
        );
        assert_eq!(
            tokens.bearer(&pair.access_token, Utc::now()),
            Ok("X1.1".into())
        );
        assert_eq!(
            tokens.bearer(&pair.access_token, later(2)),
            Err(BearerRefusal::Expired)
        );
    }

    #[test]
    fn debug_output_shows_no_token() {
        let mut tokens = Tokens::default();
        let pair = tokens.issue_pair("X1.1", Duration::hours(1), later(1), later(24));
        let debug = format!("{tokens:?}");
        assert!(!debug.contains(&pair.access_token) && !debug.contains(&pair.refresh_token));
    }
}
