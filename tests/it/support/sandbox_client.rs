//! Shared by the platform's sandbox tests: a sandbox on loopback and a few calls every story
//! starts with (client token, user creation, user token).

use coffre::sandbox::{RunningSandbox, SandboxConfig, start};
use serde_json::Value;

pub const CLIENT_ID: &str = "coffre-sandbox";
pub const CLIENT_SECRET: &str = "sandbox-secret";

/// A started sandbox and an HTTP client to talk to it.
pub struct Harness {
    pub sandbox: RunningSandbox,
    pub http: reqwest::Client,
}

pub async fn harness(config: SandboxConfig) -> Harness {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let sandbox = start(config).await.unwrap();
    Harness {
        sandbox,
        http: reqwest::Client::new(),
    }
}

impl Harness {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.base_url)
    }

    pub fn api(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.api_url())
    }

    /// A client-credentials token with `scope`.
    pub async fn client_token(&self, scope: &str) -> String {
        let answer: Value = self
            .http
            .post(self.url("/token"))
            .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
            .form(&[("grant_type", "client_credentials"), ("scope", scope)])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        answer["access_token"].as_str().unwrap().to_owned()
    }

    /// Creates a user and returns its id.
    pub async fn create_user(&self, email: &str, password: &str) -> String {
        let token = self.client_token("users_create").await;
        let response = self
            .http
            .post(self.api("/users"))
            .bearer_auth(token)
            .form(&[("email", email), ("password", password)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        location.rsplit('/').next().unwrap().to_owned()
    }

    /// The whole ROPC answer for a user (every user scope).
    pub async fn user_login(&self, email: &str, password: &str) -> Value {
        let response = self
            .http
            .post(self.url("/token"))
            .form(&[
                ("grant_type", "password"),
                ("username", email),
                ("password", password),
                ("client_id", CLIENT_ID),
                ("client_secret", CLIENT_SECRET),
                ("provider", "connect"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    /// A user's access token, creating the user first.
    pub async fn new_user_token(&self, email: &str) -> String {
        self.create_user(email, "pw").await;
        let login = self.user_login(email, "pw").await;
        login["access_token"].as_str().unwrap().to_owned()
    }
}
