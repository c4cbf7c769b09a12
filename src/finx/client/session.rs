//! The one-time access flow and its tokens: [`Client::create_access`] (the widget link),
//! [`Client::exchange_code`] (the callback's code for tokens), [`Client::refresh`], and the
//! access token every data call asks for (refreshed when stale, under the token lock, the new
//! refresh token kept before anything uses it: see `finx::tokens`).
//!
//! Two processes may share one access (the TUI and a cron `coffre sync`): before refreshing,
//! the keeper's hold is taken and the kept token re-read; it wins over this process's own when
//! another process rotated it, and the other one is tried once if it is refused.
//!
//! Docs gap (ours, §9.3): a 400 from `/auth/token` (finX's code 1000, or `invalid_grant`) is a
//! refused code or refresh token: [`FinxError::AccessLost`]. A 401 there is the app refused
//! (`call`), and a 404 a wrong `api_url` (not found), never a reason to link the bank again.

use chrono::Utc;
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};

use super::Client;
use super::call::{Auth, Call, Retry};
use crate::finx::error::FinxError;
use crate::finx::tokens::{AccessToken, State, blocking, refresh_at};
use crate::finx::wire::{AccessLink, AccessRequest, AccountRef, TokenRequest, TokenResponse};
use crate::sanitize::clean_line;

impl Client {
    /// `POST /onetime/access`: a widget link for one-time account access. `iban` skips the
    /// bank choice; `language` is `de` by default, `sync_period` 90 days.
    pub async fn create_access(
        &self,
        redirect_uri: &str,
        state: &str,
        language: Option<&str>,
        iban: Option<&str>,
        sync_period: Option<u32>,
    ) -> Result<AccessLink, FinxError> {
        let request = AccessRequest {
            redirect_uri: redirect_uri.to_owned(),
            state: Some(state.to_owned()),
            language: language.map(str::to_owned),
            accounts: iban
                .map(|id| vec![AccountRef { id: id.to_owned() }])
                .unwrap_or_default(),
            sync_period,
            extra: Default::default(),
        };
        let call = Call::new(
            Method::POST,
            "/onetime/access",
            Auth::Client,
            Retry::Transient,
        )
        .json(&request)?;
        let body = self.send(call).await?;
        crate::finx::wire::list::read_one(&body).map_err(|reason| FinxError::Malformed {
            call: "POST /onetime/access".into(),
            reason,
        })
    }

    /// `POST /auth/token` with the callback's single-use `code`: the access's first tokens,
    /// the refresh token kept before this returns.
    pub async fn exchange_code(
        &self,
        code: SecretString,
        redirect_uri: &str,
    ) -> Result<(), FinxError> {
        let request = TokenRequest::AuthorizationCode {
            code: code.clone(),
            redirect_uri: Some(redirect_uri.to_owned()),
        };
        let answer = self.token_call(&request, code).await?;
        let tokens = &self.inner.tokens;
        let mut state = tokens.state.lock().await;
        take_answer(&mut state, answer, None);
        tokens.keep(&mut state).await.map_err(FinxError::NotKept)
    }

    /// Refreshes now (rotating the refresh token): what `coffre sync` does to keep an access
    /// alive without reading anything.
    pub async fn refresh(&self) -> Result<(), FinxError> {
        let mut state = self.inner.tokens.state.lock().await;
        state.access = None;
        self.renew(&mut state).await.map(drop)
    }

    /// A current access token: the one held when still fresh, else a refreshed one.
    pub(crate) async fn access_token(&self) -> Result<AccessToken, FinxError> {
        let tokens = &self.inner.tokens;
        let mut state = tokens.state.lock().await;
        // A rotated token not kept yet is kept before anything goes on.
        tokens.keep(&mut state).await.map_err(FinxError::NotKept)?;
        match state.fresh_access() {
            Some(token) => Ok(token),
            None => self.renew(&mut state).await,
        }
    }

    /// Spends the best refresh token for new tokens, under the keeper's hold; the new refresh
    /// token is kept before the access token is handed out.
    async fn renew(&self, state: &mut State) -> Result<AccessToken, FinxError> {
        let tokens = &self.inner.tokens;
        let keeper = tokens.keeper();
        let _hold = match keeper {
            Some(keeper) => blocking(keeper, |k| k.hold()).await.ok().flatten(),
            None => None,
        };
        let kept = match keeper {
            Some(keeper) => match blocking(keeper, |k| k.stored()).await {
                Ok(Ok(kept)) => kept,
                Ok(Err(e)) | Err(e) => {
                    tracing::warn!(
                        "the kept finX session could not be read: {}",
                        clean_line(&e)
                    );
                    None
                }
            },
            None => None,
        };
        let own = state.refresh.clone();
        let mut candidates: Vec<SecretString> = match (kept, own) {
            (Some(kept), Some(own)) if state.unsaved => vec![own, kept],
            (Some(kept), Some(own)) => vec![kept, own],
            (one, other) => one.or(other).into_iter().collect(),
        };
        candidates.dedup_by(|a, b| a.expose_secret() == b.expose_secret());
        let mut refused = FinxError::AccessLost("no refresh token: link the bank first".into());
        for token in candidates {
            let request = TokenRequest::RefreshToken {
                refresh_token: token.clone(),
            };
            match self.token_call(&request, token.clone()).await {
                Ok(answer) => {
                    take_answer(state, answer, Some(token));
                    tokens.keep(state).await.map_err(FinxError::NotKept)?;
                    // Even a token announced to expire at once is tried (a 401 refreshes).
                    return state.access_token().ok_or_else(|| FinxError::Malformed {
                        call: "POST /auth/token".into(),
                        reason: "no access token".into(),
                    });
                }
                Err(error @ FinxError::AccessLost(_)) => {
                    tracing::info!("a finX refresh token was refused ({error})");
                    refused = error;
                }
                Err(other) => return Err(other),
            }
        }
        state.refresh = None;
        state.unsaved = false;
        Err(refused)
    }

    /// One `POST /auth/token` carrying `spent` (a code or a refresh token).
    async fn token_call(
        &self,
        request: &TokenRequest,
        spent: SecretString,
    ) -> Result<TokenResponse, FinxError> {
        let name = "POST /auth/token";
        let mut call =
            Call::new(Method::POST, "/auth/token", Auth::Client, Retry::Unspent).json(request)?;
        call.hidden.push(spent);
        // Boxed: a data call's `send` may come here to refresh, and this sends too.
        let body = Box::pin(self.send(call))
            .await
            .map_err(|error| match error {
                FinxError::FixField { message, .. } => FinxError::AccessLost(message),
                other => other,
            })?;
        // The body holds tokens: report where it is broken, never what it says.
        serde_json::from_slice(&body).map_err(|e| FinxError::Malformed {
            call: name.into(),
            reason: format!(
                "{:?} error at line {} column {}",
                e.classify(),
                e.line(),
                e.column()
            ),
        })
    }
}

/// Takes a token answer into `state`: the access token, and the new refresh token (else
/// `spent`, the one just used, stays), marked unsaved until the keeper has it.
fn take_answer(state: &mut State, answer: TokenResponse, spent: Option<SecretString>) {
    state.generation += 1;
    state.access = Some((
        answer.access_token,
        refresh_at(std::time::Instant::now(), answer.expires_in),
    ));
    let previous = state.refresh.take();
    state.refresh = answer.refresh_token.or(spent).or(previous);
    state.unsaved = state.refresh.is_some();
    state.refreshed_at = Some(Utc::now());
}
