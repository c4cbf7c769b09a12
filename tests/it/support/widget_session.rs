//! Shared by the widget stories: a sandbox with or without agreement, a user with a token and a
//! refresh token, a widget session, and a client that does not follow redirects (so each hop
//! of a webview can be checked).

use std::collections::HashMap;

use coffre::sandbox::SandboxConfig;
use serde_json::Value;

use super::sandbox_client::{CLIENT_ID, CLIENT_SECRET, Harness, harness};

/// A sandbox, one user of it, and their tokens.
pub struct WidgetWorld {
    pub h: Harness,
    pub token: String,
    pub refresh_token: String,
}

/// A sandbox (`without_agreement` as asked) and a new user `email` logged in.
pub async fn widget_world(without_agreement: bool, email: &str) -> WidgetWorld {
    let h = harness(SandboxConfig {
        without_agreement,
        ..SandboxConfig::default()
    })
    .await;
    h.create_user(email, "pw").await;
    let login = h.user_login(email, "pw").await;
    WidgetWorld {
        token: login["access_token"].as_str().unwrap().to_owned(),
        refresh_token: login["refresh_token"].as_str().unwrap().to_owned(),
        h,
    }
}

impl WidgetWorld {
    /// `POST /widget/widget_session`, with the refresh token or without it; the whole answer.
    pub async fn session_answer(&self, refreshable: bool) -> Value {
        let mut form = vec![
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
            ("access_token", self.token.as_str()),
        ];
        if refreshable {
            form.push(("refresh_token", self.refresh_token.as_str()));
        }
        let response = self
            .h
            .http
            .post(self.h.url("/widget/widget_session"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    /// A widget session id.
    pub async fn session(&self, refreshable: bool) -> String {
        self.session_answer(refreshable).await["session_id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// A user-token GET on the API: (status, JSON body).
    pub async fn api_get(&self, path: &str) -> (u16, Value) {
        let response = self
            .h
            .http
            .get(self.h.api(path))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// Posts the Linxo Test Bank's form of the flow in `session`, as a browser without
    /// JavaScript does: `dev` / `dev` and the test-bank file `file` (empty: the default bank).
    /// The answer is not followed (a 303 to the next step, or the redirect URL).
    pub async fn post_test_bank_login(&self, session: &str, file: &str) -> reqwest::Response {
        let form = [
            ("session_id", session),
            ("300", "dev"),
            ("301", "dev"),
            ("302", file),
        ];
        no_redirects()
            .post(self.h.url("/widget/flow/credentials"))
            .form(&form)
            .send()
            .await
            .unwrap()
    }
}

/// A browser-like client that does not follow redirects.
pub fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The `Location` of a 303 answer (panics on another status).
pub fn location(response: &reqwest::Response) -> String {
    assert_eq!(
        response.status(),
        303,
        "expected a 303 from {}",
        response.url()
    );
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// The query of an absolute URL, by name.
pub fn query_of(url: &str) -> HashMap<String, String> {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}
