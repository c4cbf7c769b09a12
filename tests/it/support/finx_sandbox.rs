//! Shared by the finX sandbox stories: a sandbox on loopback, an HTTP client that does not
//! follow redirects (so each hop of the widget can be checked), and the steps every story
//! takes: create a link, post the widget's forms as a browser without JavaScript does, read
//! the callback, exchange the code, read data with the access token.

use std::collections::HashMap;

use coffre::sandbox::{
    RunningSandbox, SANDBOX_FINX_CLIENT_ID, SANDBOX_FINX_CLIENT_SECRET, SandboxConfig, start,
};
use serde_json::{Value, json};

/// The redirect URI the stories' links use (nothing listens there: the callback is read from
/// the 303, as a native client reads its loopback).
pub const CALLBACK: &str = "http://127.0.0.1:9/finx-callback?session=7";

/// A running sandbox and a client that stops at every redirect.
pub struct FinxHarness {
    pub sandbox: RunningSandbox,
    pub http: reqwest::Client,
}

/// What `POST /auth/token` answered on success.
pub struct Tokens {
    pub access_token: String,
    pub refresh_token: String,
}

/// A sandbox with `config`.
pub async fn finx_harness_with(config: SandboxConfig) -> FinxHarness {
    let _ = rustls::crypto::ring::default_provider().install_default();
    FinxHarness::around(start(config).await.unwrap())
}

/// A sandbox with the default configuration.
pub async fn finx_harness() -> FinxHarness {
    finx_harness_with(SandboxConfig::default()).await
}

/// The query pairs of `url` (absolute or a path).
pub fn query_of(url: &str) -> HashMap<String, String> {
    let absolute = if url.starts_with('/') {
        format!("http://x{url}")
    } else {
        url.to_owned()
    };
    url::Url::parse(&absolute)
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect()
}

impl FinxHarness {
    /// The harness of a sandbox already running (one an Oxlin story started, say).
    pub fn around(sandbox: RunningSandbox) -> FinxHarness {
        FinxHarness {
            sandbox,
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
        }
    }

    /// `http://127.0.0.1:PORT/finx` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.finx_url())
    }

    /// `POST /onetime/access` with `body`: status and JSON answer.
    pub async fn create_link(&self, body: Value) -> (u16, Value) {
        let response = self
            .http
            .post(self.url("/onetime/access"))
            .basic_auth(SANDBOX_FINX_CLIENT_ID, Some(SANDBOX_FINX_CLIENT_SECRET))
            .json(&body)
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.json().await.unwrap())
    }

    /// A link to [`CALLBACK`] with `state=S1` and `extra` fields: the widget token.
    pub async fn link(&self, extra: Value) -> String {
        let mut body = json!({ "redirect_uri": CALLBACK, "state": "S1" });
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let (status, answer) = self.create_link(body).await;
        assert_eq!(status, 201, "{answer}");
        query_of(answer["location"].as_str().unwrap())["token"].clone()
    }

    /// The widget page of `token` (`extra` query appended): status and HTML.
    pub async fn page(&self, token: &str, extra: &str) -> (u16, String) {
        let response = self
            .http
            .get(format!("{}?token={token}{extra}", self.url("/widget/")))
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// Posts the widget form `step` with `fields` (the token added) as a browser does: the
    /// address of the 303 it answers.
    pub async fn post(&self, token: &str, step: &str, fields: &[(&str, &str)]) -> String {
        let mut form = vec![("token", token)];
        form.extend_from_slice(fields);
        let response = self
            .http
            .post(self.url(&format!("/widget/{step}")))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303, "POST {step}");
        response.headers()["location"].to_str().unwrap().to_owned()
    }

    /// Bank `bank_id`, the test login and OTP: the address after the OTP (the account page,
    /// or the callback for the IBAN shortcut).
    pub async fn through_login(&self, token: &str, bank_id: Option<&str>) -> String {
        if let Some(bank_id) = bank_id {
            self.post(token, "bank", &[("bank_id", bank_id)]).await;
        }
        self.post(token, "login", &[("login", "figo01"), ("pin", "654321")])
            .await;
        self.post(token, "otp", &[("otp", "123456")]).await
    }

    /// The widget of `token` passed for `bank_id` (login, OTP) with every account shared: the
    /// address the browser is sent to.
    pub async fn through_widget(&self, token: &str, bank_id: &str) -> String {
        self.through_login(token, Some(bank_id)).await;
        let (_, html) = self.page(token, "").await;
        let accounts: Vec<String> = html
            .match_indices("name=\"account\" value=\"")
            .map(|(at, m)| html[at + m.len()..].split('"').next().unwrap().to_owned())
            .collect();
        let fields: Vec<(&str, &str)> = accounts.iter().map(|a| ("account", a.as_str())).collect();
        self.post(token, "accounts", &fields).await
    }

    /// A whole successful link to `bank_id` sharing every account: the callback's query.
    pub async fn linked(&self, bank_id: &str, extra: Value) -> HashMap<String, String> {
        let token = self.link(extra).await;
        let callback = self.through_widget(&token, bank_id).await;
        assert!(callback.starts_with(CALLBACK), "{callback}");
        query_of(&callback)
    }

    /// `POST /auth/token` with `body` (JSON) and the sandbox's client: status and answer.
    pub async fn token_call(&self, body: Value) -> (u16, Value) {
        let response = self
            .http
            .post(self.url("/auth/token"))
            .basic_auth(SANDBOX_FINX_CLIENT_ID, Some(SANDBOX_FINX_CLIENT_SECRET))
            .json(&body)
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.json().await.unwrap())
    }

    /// Exchanges `code` (with [`CALLBACK`], the stories' redirect URI).
    pub async fn exchange(&self, code: &str) -> Tokens {
        self.exchange_to(code, CALLBACK).await
    }

    /// Exchanges `code` of a link to `redirect_uri`.
    pub async fn exchange_to(&self, code: &str, redirect_uri: &str) -> Tokens {
        let (status, answer) = self
            .token_call(json!({ "grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri }))
            .await;
        assert_eq!(status, 200, "{answer}");
        Tokens {
            access_token: answer["access_token"].as_str().unwrap().to_owned(),
            refresh_token: answer["refresh_token"].as_str().unwrap().to_owned(),
        }
    }

    /// A linked access to `bank_id` (every account) and its tokens.
    pub async fn access(&self, bank_id: &str) -> Tokens {
        let callback = self.linked(bank_id, json!({})).await;
        self.exchange(&callback["code"]).await
    }

    /// `GET path` with the bearer `token`: status and JSON answer.
    pub async fn get(&self, path: &str, token: &str) -> (u16, Value) {
        let response = self
            .http
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.json().await.unwrap())
    }

    /// The `transactions` of `GET /rest/transactions?{query}`.
    pub async fn transactions(&self, token: &str, query: &str) -> Vec<Value> {
        let (status, answer) = self
            .get(&format!("/rest/transactions?{query}"), token)
            .await;
        assert_eq!(status, 200, "{answer}");
        answer["transactions"].as_array().unwrap().clone()
    }

    /// Every transaction of `query`, page by page (`count` each) until a short page.
    pub async fn every_page(&self, token: &str, query: &str, count: usize) -> (Vec<Value>, usize) {
        let (mut all, mut pages) = (Vec::new(), 0);
        loop {
            let page = self
                .transactions(
                    token,
                    &format!("{query}&count={count}&offset={}", all.len()),
                )
                .await;
            pages += 1;
            let short = page.len() < count;
            all.extend(page);
            if short {
                return (all, pages);
            }
        }
    }
}
