//! Users (create, me, delete), providers, keys and queues.

use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde_json::json;

use super::{seg, with_json};
use crate::oxlin::client::{Client, Page};
use crate::oxlin::error::OxlinError;
use crate::oxlin::wire::{Event, Key, Provider, User};

/// Page size used to walk `/providers`.
const PROVIDER_PAGE: usize = 100;

impl Client {
    /// `POST /users` (client token, `users_create`): the new user's id.
    pub async fn create_user(
        &self,
        email: &str,
        password: &SecretString,
    ) -> Result<String, OxlinError> {
        let body = json!({ "email": email, "password": password.expose_secret() });
        let call = with_json(self.api(Method::POST, "/users", false), &body)?;
        self.send(call).await?.created_id()
    }

    /// `GET /users/me`.
    pub async fn me(&self) -> Result<User, OxlinError> {
        self.send(self.api(Method::GET, "/users/me", true))
            .await?
            .json()
    }

    /// `DELETE /users/me`: removes the user and all their data.
    pub async fn delete_me(&self) -> Result<(), OxlinError> {
        self.send(self.api(Method::DELETE, "/users/me", true))
            .await
            .map(drop)
    }

    /// `DELETE /users/{id}` (client token).
    pub async fn delete_user(&self, id: &str) -> Result<(), OxlinError> {
        let path = format!("/users/{}", seg(id));
        self.send(self.api(Method::DELETE, &path, true))
            .await
            .map(drop)
    }

    /// One page of `GET /providers`.
    pub async fn providers_page(
        &self,
        page: usize,
        limit: usize,
    ) -> Result<Vec<Provider>, OxlinError> {
        let mut call = self.api(Method::GET, "/providers", true);
        call.query = vec![
            ("page".into(), page.to_string()),
            ("limit".into(), limit.to_string()),
        ];
        self.send(call).await?.json()
    }

    /// Every provider, page after page until a short page.
    pub async fn providers(&self) -> Result<Vec<Provider>, OxlinError> {
        super::every_page("GET /providers", PROVIDER_PAGE, |page| async move {
            self.providers_page(page, PROVIDER_PAGE)
                .await
                .map(Page::whole)
        })
        .await
    }

    /// `GET /providers/{id}`.
    pub async fn provider(&self, id: &str) -> Result<Provider, OxlinError> {
        let path = format!("/providers/{}", seg(id));
        self.send(self.api(Method::GET, &path, true)).await?.json()
    }

    /// `POST /keys` then `GET /keys/{id}`: a fresh PGP key to encrypt credentials to.
    pub async fn create_key(&self) -> Result<Key, OxlinError> {
        let call = with_json(
            self.api(Method::POST, "/keys", false),
            &json!({ "type": "PGP" }),
        )?;
        let id = self.send(call).await?.created_id()?;
        self.key(&id).await
    }

    /// `GET /keys/{id}`.
    pub async fn key(&self, id: &str) -> Result<Key, OxlinError> {
        let path = format!("/keys/{}", seg(id));
        self.send(self.api(Method::GET, &path, true)).await?.json()
    }

    /// `POST /queues/subscribe` to `topics` (e.g. `connections`): the queue id.
    pub async fn subscribe(&self, topics: &[&str]) -> Result<String, OxlinError> {
        let call = with_json(
            self.api(Method::POST, "/queues/subscribe", false),
            &json!({ "topics": topics }),
        )?;
        self.send(call).await?.created_id()
    }

    /// `GET /queues/{id}`: the events waiting (each returned once).
    pub async fn poll(&self, queue_id: &str) -> Result<Vec<Event>, OxlinError> {
        let path = format!("/queues/{}", seg(queue_id));
        // Not retried: a poll whose answer was lost may have consumed events.
        self.send(self.api(Method::GET, &path, false)).await?.json()
    }
}
