//! Shared by the seed curl tests of the engine: S002's EMBEDDED commands (keys, queue,
//! connection, user_input) as printed, run with the real `curl` by a user of a fresh sandbox.
//!
//! The one value we replace besides the host and the placeholders: the PGP message printed for
//! credential `301` (and `3502`) is encrypted to the docs' own key, which the sandbox does not
//! hold; we put in its place the password encrypted by the real `gpg` to the key that
//! `GET /keys/{key_id}` served.

use coffre::sandbox::SandboxConfig;
use serde_json::Value;

use super::curl_run::{Answer, Queue, curl};
use super::gpg::gpg_encrypt;
use super::sandbox_client::{Harness, harness};

/// The PGP message printed in S002 (inside its JSON string quotes, escapes as printed).
pub const DOCS_PGP_MESSAGE: &str = r#"-----BEGIN PGP MESSAGE-----\nVersion: BCPG v1.43\n\nhIwDwj9RkuzOAeMBA/9iuYDAGJ6QcZZaGLzF2hLNG+cdCIIZl3Yva9y+q12JpuIz\nhlsOuxdYaIQ/KVsQHj7tMULNkKrbLa6mzL2I/tzzbS1ZXXe43Xwcpk76zOPeqikx\ngjTT4ND0gz2NWu2rNAml9Fau/1MsMTNBWXQpBFHooa9QkamYB9MBux/BQKp0Mckl\nhERvVwT6pbXZu+aomrbksBonZYbFt66DQDq7lv3tpWOJht5m1Q==\n=a6mL\n-----END PGP MESSAGE-----\n"#;

/// S002 "Create the connection", the body as printed.
pub const CREATE_CONNECTION: &str = r#"{
"provider_id": "87",
"key_id": "{key_id}",
"credentials": [
{ "id": "300", "value": "dev" },
{ "id": "301", "value": "-----BEGIN PGP MESSAGE-----\nVersion: BCPG v1.43\n\nhIwDwj9RkuzOAeMBA/9iuYDAGJ6QcZZaGLzF2hLNG+cdCIIZl3Yva9y+q12JpuIz\nhlsOuxdYaIQ/KVsQHj7tMULNkKrbLa6mzL2I/tzzbS1ZXXe43Xwcpk76zOPeqikx\ngjTT4ND0gz2NWu2rNAml9Fau/1MsMTNBWXQpBFHooa9QkamYB9MBux/BQKp0Mckl\nhERvVwT6pbXZu+aomrbksBonZYbFt66DQDq7lv3tpWOJht5m1Q==\n=a6mL\n-----END PGP MESSAGE-----\n" },
{ "id": "302", "value": "https://www.dropbox.com/s/2j3d4gcrd031fkc/sanity.txt?dl=1" }
]
}"#;

/// The printed test-bank file URL of credential `302`.
pub const SANITY_URL: &str = "https://www.dropbox.com/s/2j3d4gcrd031fkc/sanity.txt?dl=1";

/// A user of a fresh sandbox with a ROPC token.
pub struct Printed {
    pub h: Harness,
    pub token: String,
    /// `authorization: Bearer {access_token}`, as the seeds spell the header.
    pub auth: String,
}

impl Printed {
    pub async fn new() -> Printed {
        let h = harness(SandboxConfig::default()).await;
        let token = h.new_user_token("claire@example.com").await;
        let auth = format!("authorization: Bearer {token}");
        Printed { h, token, auth }
    }

    /// S002 "Creates the encryption key" then "Gets the encryption key": (key id, public key).
    pub fn key(&self) -> (String, String) {
        let created = curl(&[
            "-X",
            "POST",
            &self.h.api("/keys"),
            "-H",
            &self.auth,
            "-d",
            "{\n\"type\": \"PGP\"\n}",
        ]);
        assert_eq!(created.status, 201, "{}", created.body);
        let key_id = created.location_id();
        let read = curl(&[
            "-sk",
            &self.h.api(&format!("/keys/{key_id}")),
            "-H",
            &self.auth,
        ]);
        assert_eq!(read.status, 200, "{}", read.body);
        let public = read.json()["public_key"].as_str().unwrap().to_owned();
        (key_id, public)
    }

    /// `body` with `{key_id}` filled and the docs' PGP message replaced by `password` encrypted
    /// by gpg to a new key of the user.
    pub fn with_key(&self, body: &str, password: &str) -> String {
        let (key_id, public) = self.key();
        let armored = gpg_encrypt(&public, password);
        let json_string = Value::String(armored).to_string();
        let docs = format!("\"{DOCS_PGP_MESSAGE}\"");
        assert!(body.contains(&docs), "the body holds the docs' message");
        body.replace("{key_id}", &key_id)
            .replace(&docs, &json_string)
    }

    /// S002 "[OPTIONAL] Subscribes to a queue", then the printed poll command reads it.
    pub fn subscribe(&self) -> Queue {
        let answer = curl(&[
            "-X",
            "POST",
            &self.h.api("/queues/subscribe"),
            "-H",
            &self.auth,
            "-d",
            "{\n\"topics\": [\"connections\"]\n}",
        ]);
        assert_eq!(answer.status, 201, "{}", answer.body);
        let location = answer.location();
        assert!(location.starts_with("/queues/"), "{location}");
        Queue::new(self.h.api(&location), &self.auth)
    }

    /// S002 "To create a connection" as printed, with credential `302` set to `file` (the
    /// printed dropbox URL, or a test-bank file name).
    pub fn create_connection(&self, file: &str) -> Answer {
        let body = self
            .with_key(CREATE_CONNECTION, "dev")
            .replace(SANITY_URL, file);
        curl(&[
            "-X",
            "POST",
            &self.h.api("/connections"),
            "-H",
            &self.auth,
            "-d",
            &body,
        ])
    }

    /// S002's user_input command: `curl -X POST …/user_input -H … -d '<body>'`.
    pub fn user_input(
        &self,
        connection_id: &str,
        channel_definition_id: &str,
        body: &str,
    ) -> Answer {
        let path =
            format!("/connections/{connection_id}/channels/{channel_definition_id}/user_input");
        curl(&[
            "-X",
            "POST",
            &self.h.api(&path),
            "-H",
            &self.auth,
            "-d",
            body,
        ])
    }

    /// `curl -sk -X GET {baseUrl}<path> -H 'authorization: Bearer {access_token}'` (S000/S001).
    pub fn get(&self, path: &str) -> Answer {
        curl(&["-sk", "-X", "GET", &self.h.api(path), "-H", &self.auth])
    }
}
