//! Shared by the seed curl tests: runs the real `curl` binary with a printed command's arguments
//! and reads its answer, and polls a queue with the seed's printed poll command until an event
//! comes (with a deadline, never a fixed sleep).

use std::time::{Duration, Instant};

use serde_json::Value;

use super::tools::tool;

/// How long a story waits for a queue event before it fails.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// What curl got back.
pub struct Answer {
    pub status: u16,
    pub headers: String,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    pub fn location(&self) -> String {
        self.headers
            .lines()
            .find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.eq_ignore_ascii_case("location")
                    .then(|| value.trim().to_owned())
            })
            .unwrap_or_default()
    }

    /// The last segment of `Location` (`/connections/42` → `42`).
    pub fn location_id(&self) -> String {
        self.location().rsplit('/').next().unwrap_or("").to_owned()
    }
}

/// Runs curl with the printed arguments (plus `-i` and a time limit). It blocks its thread, so
/// the tests run on a multi-thread runtime where the sandbox keeps serving meanwhile.
pub fn curl(args: &[&str]) -> Answer {
    let out = tool("curl", "curl")
        .args(args)
        .args(["-i", "--max-time", "20"])
        .output()
        .expect("curl must be installed");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (headers, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = headers
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Answer {
        status,
        headers: headers.to_owned(),
        body: body.to_owned(),
    }
}

/// A queue read with S002's printed poll command,
/// `curl -sk …/v2.1/queues/{queue_id} -H 'authorization: Bearer {access_token}'`.
pub struct Queue {
    pub url: String,
    pub auth: String,
    /// Events polled but not consumed yet.
    seen: Vec<Value>,
}

impl Queue {
    pub fn new(url: String, auth: &str) -> Queue {
        Queue {
            url,
            auth: auth.to_owned(),
            seen: Vec::new(),
        }
    }

    /// Polls until an event of `event_type` comes; the events before it are dropped.
    pub async fn wait_for(&mut self, event_type: &str) -> Value {
        let start = Instant::now();
        let mut skipped = Vec::new();
        loop {
            while !self.seen.is_empty() {
                let event = self.seen.remove(0);
                if event["event_type"] == event_type {
                    return event;
                }
                skipped.push(event["event_type"].to_string());
            }
            assert!(
                start.elapsed() < DEADLINE,
                "no {event_type} event; saw {skipped:?}"
            );
            let answer = curl(&["-sk", &self.url, "-H", &self.auth]);
            assert_eq!(answer.status, 200, "{}", answer.body);
            let events = answer.json().as_array().cloned().unwrap_or_default();
            if events.is_empty() {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            self.seen.extend(events);
        }
    }
}
