//! Key stories over HTTP: the real `gpg` imports the public key served by `GET /keys/{id}`,
//! encrypts a password to it, and the sandbox decrypts it.

use crate::support::gpg;
use crate::support::sandbox_client as support;

use coffre::sandbox::SandboxConfig;
use gpg::gpg_encrypt;
use serde_json::Value;
use support::harness;

#[tokio::test]
async fn password_encrypted_by_gpg_to_the_served_key_is_decrypted_by_the_sandbox() {
    let h = harness(SandboxConfig::default()).await;
    let token = h.new_user_token("jane@example.fr").await;
    // The seed's curl sends a JSON body with the form content type.
    let created = h
        .http
        .post(h.api("/keys"))
        .bearer_auth(&token)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("{\n\"type\": \"PGP\"\n}")
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let key_id = location.strip_prefix("/keys/").unwrap().to_owned();
    let key: Value = h
        .http
        .get(h.api(&location))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(key["id"], key_id.as_str());
    assert_eq!(key["type"], "PGP");
    assert!(key["expiration_date"].as_i64().unwrap() > 1_700_000_000);
    let armored = gpg_encrypt(key["public_key"].as_str().unwrap(), "dev");
    let user_id = h
        .sandbox
        .state
        .world()
        .users
        .by_email("jane@example.fr")
        .unwrap()
        .id
        .clone();
    let plaintext = h
        .sandbox
        .state
        .world()
        .keys
        .decrypt(&key_id, &user_id, &armored);
    assert_eq!(plaintext.as_deref(), Ok("dev"));
    let plain = h
        .sandbox
        .state
        .world()
        .keys
        .decrypt(&key_id, &user_id, "dev");
    assert_eq!(
        plain.unwrap_err().to_string(),
        "the value is not an ASCII-armored PGP message"
    );
}

#[tokio::test]
async fn another_users_key_is_not_found_and_other_key_types_are_refused() {
    let h = harness(SandboxConfig::default()).await;
    let jane = h.new_user_token("jane@example.fr").await;
    let john = h.new_user_token("john@example.fr").await;
    let created = h
        .http
        .post(h.api("/keys"))
        .bearer_auth(&jane)
        .send()
        .await
        .unwrap();
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let johns_view = h
        .http
        .get(h.api(&location))
        .bearer_auth(&john)
        .send()
        .await
        .unwrap();
    assert_eq!(johns_view.status(), 404);
    let rsa = h
        .http
        .post(h.api("/keys"))
        .bearer_auth(&jane)
        .body(r#"{"type":"X509"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(rsa.status(), 400);
    let client = h.client_token("users_create").await;
    let by_client = h
        .http
        .post(h.api("/keys"))
        .bearer_auth(client)
        .send()
        .await
        .unwrap();
    assert_eq!(by_client.status(), 403);
}
