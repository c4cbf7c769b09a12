//! The user of the flow stories: a sandbox, a user token, a queue, PGP keys with `gpg`, and a
//! queue poller that waits for an event with a deadline.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use coffre::sandbox::SandboxConfig;
use serde_json::{Value, json};

pub use crate::support::gpg::gpg_encrypt;
use crate::support::sandbox_client::{Harness, harness};

/// How long a story waits for an event before it fails.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// A user with a token and a queue.
pub struct User {
    pub h: Harness,
    pub token: String,
    queue: String,
    /// Events polled but not consumed yet.
    seen: Mutex<Vec<Value>>,
}

impl User {
    pub async fn new(config: SandboxConfig) -> User {
        let h = harness(config).await;
        let token = h.new_user_token("claire@example.com").await;
        let response = h
            .http
            .post(h.api("/queues/subscribe"))
            .bearer_auth(&token)
            .body(r#"{"topics":["connections"]}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        let location = response.headers()["location"].to_str().unwrap();
        let queue = location.strip_prefix("/queues/").unwrap().to_owned();
        User {
            h,
            token,
            queue,
            seen: Mutex::new(Vec::new()),
        }
    }

    pub async fn get(&self, path: &str) -> Value {
        let response = self
            .h
            .http
            .get(self.h.api(path))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "GET {path}");
        response.json().await.unwrap()
    }

    /// Sends `body` with `method` to `path` and answers the status.
    pub async fn send(&self, method: reqwest::Method, path: &str, body: Value) -> u16 {
        self.h
            .http
            .request(method, self.h.api(path))
            .bearer_auth(&self.token)
            .body(body.to_string())
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }

    /// A PGP key of the user and `password` encrypted to it by gpg.
    pub async fn encrypted(&self, password: &str) -> (String, String) {
        let response = self
            .h
            .http
            .post(self.h.api("/keys"))
            .bearer_auth(&self.token)
            .body(r#"{"type":"PGP"}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        let key = self.get(&location).await;
        let key_id = key["id"].as_str().unwrap().to_owned();
        let armored = gpg_encrypt(key["public_key"].as_str().unwrap(), password);
        (key_id, armored)
    }

    /// Creates an EMBEDDED test-bank connection with `file`; answers its id.
    pub async fn connect(&self, file: &str, password: &str) -> String {
        let (key_id, armored) = self.encrypted(password).await;
        let body = json!({"provider_id": "87", "key_id": key_id, "credentials": [
            {"id": "300", "value": "dev"},
            {"id": "301", "value": armored},
            {"id": "302", "value": file}]});
        let response = self
            .h
            .http
            .post(self.h.api("/connections"))
            .bearer_auth(&self.token)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        let location = response.headers()["location"].to_str().unwrap();
        location.strip_prefix("/connections/").unwrap().to_owned()
    }

    /// Polls the queue until an event of `event_type` comes; earlier events are dropped.
    pub async fn wait_for(&self, event_type: &str) -> Value {
        let start = Instant::now();
        let mut skipped = Vec::new();
        loop {
            {
                let mut seen = self.seen.lock().unwrap();
                while !seen.is_empty() {
                    let event = seen.remove(0);
                    if event["event_type"] == event_type {
                        return event;
                    }
                    skipped.push(event["event_type"].to_string());
                }
            }
            assert!(
                start.elapsed() < DEADLINE,
                "no {event_type} event; saw {skipped:?}"
            );
            let events = self.get(&format!("/queues/{}", self.queue)).await;
            let events = events.as_array().unwrap().clone();
            if events.is_empty() {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            self.seen.lock().unwrap().extend(events);
        }
    }

    pub async fn answer(&self, connection: &str, answers: &[(&str, &str)]) -> u16 {
        let credentials: Vec<Value> = answers
            .iter()
            .map(|(id, value)| json!({"id": id, "value": value}))
            .collect();
        let path = format!("/connections/{connection}/channels/13400/user_input");
        self.send(
            reqwest::Method::POST,
            &path,
            json!({ "credentials": credentials }),
        )
        .await
    }
}
