//! Issued access and refresh tokens.
//!
//! Access tokens look like the API's (three base64url parts, `eyJ…`, as a JWT), but the sandbox
//! only ever looks them up whole: the signature part is random, nothing is verified
//! cryptographically. Refresh tokens rotate: using one deletes it and its access token
//! (as the Anvil server behind the real API does, oxlin-api.md §2).

use std::collections::{BTreeSet, HashMap};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand08::RngCore;

/// Who a token speaks for and what it may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// `None` for a client-credentials token (the application itself).
    pub user_id: Option<String>,
    pub scopes: BTreeSet<String>,
}

#[derive(Debug, Clone)]
struct AccessRecord {
    grant: Grant,
    expires_at: Instant,
}

/// Every live token of the sandbox.
#[derive(Debug, Default)]
pub struct TokenStore {
    access: HashMap<String, AccessRecord>,
    /// refresh token -> (grant, the access token issued with it)
    refresh: HashMap<String, (Grant, String)>,
}

/// Why a bearer token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenProblem {
    Unknown,
    Expired,
}

/// A freshly issued token pair.
#[derive(Debug, Clone)]
pub struct Issued {
    pub access_token: String,
    pub refresh_token: Option<String>,
    pub expires_in: u64,
}

impl TokenStore {
    /// Issues an access token (and a refresh token for users) valid for `ttl`.
    pub fn issue(&mut self, grant: Grant, ttl: Duration, with_refresh: bool) -> Issued {
        self.issue_with_life(grant, ttl, ttl, with_refresh)
    }

    /// Issues a token that announces `ttl` in `expires_in` but really dies after `life` (the
    /// early-expiry fault gives a `life` shorter than `ttl`).
    pub fn issue_with_life(
        &mut self,
        grant: Grant,
        ttl: Duration,
        life: Duration,
        with_refresh: bool,
    ) -> Issued {
        let access_token = jwt_like(&grant);
        self.access.insert(
            access_token.clone(),
            AccessRecord {
                grant: grant.clone(),
                expires_at: Instant::now() + life,
            },
        );
        let refresh_token = with_refresh.then(|| {
            let token = random_hex(20);
            self.refresh
                .insert(token.clone(), (grant, access_token.clone()));
            token
        });
        Issued {
            access_token,
            refresh_token,
            expires_in: ttl.as_secs(),
        }
    }

    /// The grant behind a bearer token, if it is known and not expired. `max_age` shortens every
    /// token's life (the early-expiry fault).
    pub fn check(&self, token: &str, now: Instant) -> Result<&Grant, TokenProblem> {
        let record = self.access.get(token).ok_or(TokenProblem::Unknown)?;
        if now >= record.expires_at {
            return Err(TokenProblem::Expired);
        }
        Ok(&record.grant)
    }

    /// Makes a token expire now (the early-expiry fault, and tests).
    pub fn expire(&mut self, token: &str) {
        if let Some(record) = self.access.get_mut(token) {
            record.expires_at = Instant::now();
        }
    }

    /// Consumes a refresh token: it and the access token issued with it stop working.
    pub fn take_refresh(&mut self, refresh_token: &str) -> Option<Grant> {
        let (grant, access) = self.refresh.remove(refresh_token)?;
        self.access.remove(&access);
        Some(grant)
    }

    /// Forgets every token of a user (the user was deleted).
    pub fn revoke_user(&mut self, user_id: &str) {
        self.access
            .retain(|_, r| r.grant.user_id.as_deref() != Some(user_id));
        self.refresh
            .retain(|_, (g, _)| g.user_id.as_deref() != Some(user_id));
    }
}

/// An OpenID Connect id token for a user: a JWT-like string whose claims say who logged in
/// (`sub`, `email`, `aud`, `iat`, `exp`); its signature is random, as the access token's.
pub fn id_token(user_id: &str, email: &str, client_id: &str, now: i64, ttl: Duration) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"RS256"}"#);
    let claims = serde_json::json!({
        "sub": user_id,
        "email": email,
        "aud": client_id,
        "iat": now,
        "exp": now + i64::try_from(ttl.as_secs()).unwrap_or(i64::MAX / 2),
    });
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let mut signature = [0u8; 32];
    rand08::thread_rng().fill_bytes(&mut signature);
    format!("{header}.{payload}.{}", URL_SAFE_NO_PAD.encode(signature))
}

fn jwt_like(grant: &Grant) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"RS256"}"#);
    let claims = serde_json::json!({
        "sub": grant.user_id.clone().unwrap_or_else(|| "client".to_owned()),
        "scope": grant.scopes.iter().cloned().collect::<Vec<_>>().join(" "),
        "jti": random_hex(8),
    });
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let mut signature = [0u8; 32];
    rand08::thread_rng().fill_bytes(&mut signature);
    format!("{header}.{payload}.{}", URL_SAFE_NO_PAD.encode(signature))
}

fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand08::thread_rng().fill_bytes(&mut buf);
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user_grant() -> Grant {
        Grant {
            user_id: Some("1".into()),
            scopes: ["accounts_read".to_owned()].into(),
        }
    }

    #[test]
    fn access_token_looks_like_a_jwt_and_checks() {
        let mut store = TokenStore::default();
        let issued = store.issue(user_grant(), Duration::from_secs(60), true);
        assert!(issued.access_token.starts_with("eyJ"));
        assert_eq!(issued.access_token.split('.').count(), 3);
        assert_eq!(
            store.check(&issued.access_token, Instant::now()),
            Ok(&user_grant())
        );
    }

    #[test]
    fn expired_token_is_refused_as_expired() {
        let mut store = TokenStore::default();
        let issued = store.issue(user_grant(), Duration::from_secs(60), false);
        let later = Instant::now() + Duration::from_secs(61);
        assert_eq!(
            store.check(&issued.access_token, later),
            Err(TokenProblem::Expired)
        );
        assert_eq!(
            store.check("nope", Instant::now()),
            Err(TokenProblem::Unknown)
        );
    }

    #[test]
    fn refresh_token_rotates_and_kills_its_access_token() {
        let mut store = TokenStore::default();
        let issued = store.issue(user_grant(), Duration::from_secs(60), true);
        let refresh = issued.refresh_token.unwrap();
        assert_eq!(store.take_refresh(&refresh), Some(user_grant()));
        assert_eq!(store.take_refresh(&refresh), None);
        assert_eq!(
            store.check(&issued.access_token, Instant::now()),
            Err(TokenProblem::Unknown)
        );
    }
}
