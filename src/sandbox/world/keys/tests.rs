//! Key stories: the real `gpg` encrypts to a sandbox key, `KeyStore::decrypt` opens it; wrong
//! inputs are refused with the right error.

use std::io::Write;
use std::process::{Command, Stdio};

use super::*;

/// Encrypts `plaintext` with the real gpg binary to `public_armored`, in a throwaway GNUPGHOME.
pub(crate) fn gpg_encrypt(public_armored: &str, plaintext: &str) -> String {
    let home = tempfile::tempdir().unwrap();
    let key_file = home.path().join("key.asc");
    std::fs::write(&key_file, public_armored).unwrap();
    let import = Command::new("gpg")
        .arg("--homedir")
        .arg(home.path())
        .args(["--batch", "--quiet", "--import"])
        .arg(&key_file)
        .output()
        .expect("`gpg` is needed by this test: install the Debian package `gnupg` (scripts/test installs it)");
    assert!(import.status.success(), "gpg --import: {import:?}");
    let mut child = Command::new("gpg")
        .arg("--homedir")
        .arg(home.path())
        .args([
            "--batch",
            "--quiet",
            "--trust-model",
            "always",
            "--armor",
            "--encrypt",
        ])
        .args(["-r", "keys@sandbox.invalid"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(plaintext.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "gpg --encrypt: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn store_with_key(id: &str, user: &str) -> KeyStore {
    let mut store = KeyStore::default();
    store.create(id.to_owned(), user, 1_700_000_000).unwrap();
    store
}

#[test]
fn new_key_expires_an_hour_after_creation_and_is_armored() {
    let store = store_with_key("7", "u1");
    let key = &store.by_id["7"];
    assert_eq!(key.expiration_date, 1_700_000_000 + 3600);
    assert!(
        key.public_armored
            .starts_with("-----BEGIN PGP PUBLIC KEY BLOCK-----")
    );
    let json = key.to_json();
    assert_eq!(json["id"], "7");
    assert_eq!(json["type"], "PGP");
}

#[test]
fn password_encrypted_by_gpg_decrypts_to_the_plaintext() {
    let store = store_with_key("7", "u1");
    let armored = gpg_encrypt(&store.by_id["7"].public_armored, "dév-pässword ✓");
    assert_eq!(
        store.decrypt("7", "u1", &armored).unwrap(),
        "dév-pässword ✓"
    );
}

#[test]
fn plain_value_and_garbage_are_not_pgp_messages() {
    let store = store_with_key("7", "u1");
    assert_eq!(
        store.decrypt("7", "u1", "dev"),
        Err(DecryptError::NotArmoredMessage)
    );
    let garbage = "-----BEGIN PGP MESSAGE-----\n\nnot base64 at all!!\n-----END PGP MESSAGE-----\n";
    assert_eq!(
        store.decrypt("7", "u1", garbage),
        Err(DecryptError::NotArmoredMessage)
    );
}

#[test]
fn message_to_another_key_cannot_be_decrypted_and_says_nothing_of_its_content() {
    let mut store = store_with_key("7", "u1");
    store.create("8".to_owned(), "u1", 1_700_000_000).unwrap();
    let to_seven = gpg_encrypt(&store.by_id["7"].public_armored, "hunter2");
    let error = store.decrypt("8", "u1", &to_seven).unwrap_err();
    assert_eq!(error, DecryptError::CannotDecrypt("8".to_owned()));
    assert!(!error.to_string().contains("hunter2"));
}

#[test]
fn unknown_key_and_key_of_another_user_are_refused() {
    let store = store_with_key("7", "u1");
    assert_eq!(
        store.decrypt("9", "u1", "x"),
        Err(DecryptError::UnknownKey("9".to_owned()))
    );
    assert_eq!(
        store.decrypt("7", "u2", "x"),
        Err(DecryptError::KeyOfAnotherUser("7".to_owned()))
    );
}

#[test]
fn debug_of_a_key_hides_the_secret_half() {
    let store = store_with_key("7", "u1");
    let debug = format!("{:?}", store.by_id["7"]);
    assert!(debug.contains("<redacted>"));
    assert!(!debug.contains("PRIVATE KEY"));
}

#[test]
fn deleting_a_user_removes_only_their_keys() {
    let mut store = store_with_key("7", "u1");
    store.create("8".to_owned(), "u2", 1_700_000_000).unwrap();
    store.remove_user("u1");
    assert_eq!(store.by_id.keys().collect::<Vec<_>>(), ["8"]);
}
