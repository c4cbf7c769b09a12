//! Login (ROPC, `provider=connect`): check the password by asking for a token, create the user
//! when it does not exist yet (`POST /users` with a client token), subscribe the user's queue
//! and start its poller. Or resume a saved session from its refresh token (no password); a
//! refused token answers [`CallFailure::SessionExpired`]. Both ask for the one set of scopes
//! ([`SCOPES`], shared with `coffre sync`). With real hosts (`RunnerOptions::session_owner`)
//! the client gets the store as its token keeper ([`session::StoreKeeper`]): every refresh
//! token the session receives, at login and at each later refresh, is in the store before it
//! is used, where `coffre sync` finds it; a token `coffre sync` rotated meanwhile is picked up
//! from there instead of ending the session.
//!
//! Docs gap: the token endpoint answers `invalid_grant` both for an unknown user and for a wrong
//! password. We then try `POST /users`: created → log in again; "already exists" (409) → the
//! password is wrong.

use std::sync::Arc;

use secrecy::SecretString;

use crate::app::ApiEvent;
use crate::domain::CallFailure;
use crate::oxlin::client::Client;
use crate::oxlin::config::SCOPES;
use crate::oxlin::error::OxlinError;
use crate::oxlin::to_domain;
use crate::store::Store;
use crate::sync::session;
use crate::tasks::poller::Poller;
use crate::tasks::store_sync::StoreTarget;
use crate::tasks::{Runner, Session};

impl Runner {
    pub(super) async fn log_in(&self, request: u64, email: String, password: SecretString) {
        let result = self.open_session(&email, password).await;
        self.logged_in(request, result).await;
    }

    /// Logs in with a stored refresh token.
    pub(super) async fn resume(&self, request: u64, token: SecretString) {
        let result = async {
            match session::resume(self.config.clone(), token, self.keeper()).await {
                Ok(client) => self.start_session(client).await,
                Err(OxlinError::LogInAgain(_) | OxlinError::SessionExpired(_)) => {
                    Err(CallFailure::SessionExpired)
                }
                Err(e) => Err(to_domain::call_failure(&e)),
            }
        }
        .await;
        self.logged_in(request, result).await;
    }

    /// Keeps the new session (and its refresh token, with real hosts) and tells the app.
    async fn logged_in(&self, request: u64, result: Result<Session, CallFailure>) {
        let result = match result {
            Ok(session) => {
                self.keep_session(&session.client).await;
                if let Ok(mut slot) = self.session.lock() {
                    *slot = Some(session);
                }
                Ok(())
            }
            Err(e) => Err(e),
        };
        self.sender.api(ApiEvent::LoggedIn { request, result });
    }

    /// Keeps the session's refresh token if its keeper could not (its write failed), when
    /// `session_owner` says to (real hosts).
    async fn keep_session(&self, client: &Client) {
        let (Some(path), Some(owner)) = (&self.options.store, &self.options.session_owner) else {
            return;
        };
        let (path, owner, client) = (path.clone(), owner.clone(), client.clone());
        let runtime = tokio::runtime::Handle::current();
        let keep = move || {
            let store = Store::open(&path).map_err(|e| e.to_string())?;
            runtime
                .block_on(session::keep_token(&store, &owner, &client))
                .map_err(|e| e.to_string())
        };
        if let Ok(Err(e)) = tokio::task::spawn_blocking(keep).await {
            tracing::warn!("the session was not kept for the next start: {e}");
        }
    }

    async fn open_session(
        &self,
        email: &str,
        password: SecretString,
    ) -> Result<Session, CallFailure> {
        let client = self.user_client(email, password.clone())?;
        let client = match client.access_token().await {
            Ok(_) => client,
            Err(OxlinError::LogInAgain(_)) => {
                self.create_user(email, &password).await?;
                let client = self.user_client(email, password)?;
                client
                    .access_token()
                    .await
                    .map_err(|e| to_domain::call_failure(&e))?;
                client
            }
            Err(e) => return Err(to_domain::call_failure(&e)),
        };
        self.start_session(client).await
    }

    /// Subscribes the user's queue and starts its poller.
    pub(super) async fn start_session(&self, client: Client) -> Result<Session, CallFailure> {
        let queue = match client.subscribe(&["connections"]).await {
            Ok(queue) => queue,
            Err(e @ OxlinError::UserActionRequired { .. }) => {
                // The terms first: the widget's terms page resumes from this client.
                self.browser.await_terms(client.clone());
                return Err(to_domain::call_failure(&e));
            }
            Err(e) => return Err(to_domain::call_failure(&e)),
        };
        let poller = Poller::start(
            client.clone(),
            queue,
            self.sender.clone(),
            self.options.poll_every,
            self.options.store.clone().map(|path| StoreTarget {
                path,
                session_owner: self.options.session_owner.clone(),
            }),
        );
        Ok(Session { client, poller })
    }

    fn user_client(&self, email: &str, password: SecretString) -> Result<Client, CallFailure> {
        let client = Client::with_password(self.config.clone(), email, password, SCOPES)
            .map_err(|e| to_domain::call_failure(&e))?;
        if let Some(keeper) = self.keeper() {
            client.keep_tokens_with(Arc::new(keeper));
        }
        Ok(client)
    }

    /// The store as the session's token keeper, with real hosts (`session_owner` set).
    fn keeper(&self) -> Option<session::StoreKeeper> {
        let (Some(path), Some(owner)) = (&self.options.store, &self.options.session_owner) else {
            return None;
        };
        Some(session::StoreKeeper::new(path, owner.clone()))
    }

    /// Creates the user; an existing one means the password given was wrong.
    async fn create_user(&self, email: &str, password: &SecretString) -> Result<(), CallFailure> {
        let admin = Client::with_client_credentials(self.config.clone(), "users_create")
            .map_err(|e| to_domain::call_failure(&e))?;
        match admin.create_user(email, password).await {
            Ok(_) => Ok(()),
            Err(OxlinError::FixField { message, .. }) if message.contains("already exists") => {
                Err(CallFailure::WrongPassword)
            }
            Err(OxlinError::LogInAgain(_)) => Err(CallFailure::BadClientCredentials),
            Err(e) => Err(to_domain::call_failure(&e)),
        }
    }
}
