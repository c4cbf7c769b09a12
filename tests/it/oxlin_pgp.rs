//! Credentials with `encrypt: true` are PGP-encrypted so that GnuPG (and so the real server's
//! Bouncy Castle) reads them: the docs' own key, and a key made by gpg.

use std::process::{Command, Output};

use coffre::oxlin::pgp::RecipientKey;
use coffre::oxlin::secret::secret;
use coffre::oxlin::wire::Key;

use crate::support::tools::tool;

fn docs_key() -> String {
    let path = format!(
        "{}/tests/fixtures/oxlin/key_docs.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let key: Key = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    key.public_key
}

fn gpg(home: &std::path::Path, args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut child = tool("gpg", "gnupg")
        .env("GNUPGHOME", home)
        .args(["--batch", "--pinentry-mode", "loopback", "--passphrase", ""])
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("gpg is installed");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

struct GpgHome(tempfile::TempDir);

impl Drop for GpgHome {
    fn drop(&mut self) {
        let _ = Command::new("gpgconf")
            .env("GNUPGHOME", self.0.path())
            .args(["--kill", "gpg-agent"])
            .status();
    }
}

fn gpg_home() -> GpgHome {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(
        dir.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )
    .unwrap();
    GpgHome(dir)
}

#[test]
fn docs_key_gets_a_message_gpg_can_list() {
    let key = RecipientKey::from_armored(&docs_key()).unwrap();
    let armored = key.encrypt(&secret("dev")).unwrap();
    assert!(armored.starts_with("-----BEGIN PGP MESSAGE-----"));
    let home = gpg_home();
    let out = gpg(home.0.path(), &["--list-packets"], Some(&armored));
    let listing = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(listing.contains("keyid BA95BDE39B83E778"), "{listing}");
    assert!(
        listing.contains("mdc_method: 2"),
        "SEIPD v1 with MDC: {listing}"
    );
    assert!(
        !listing.contains("dev\n"),
        "the plaintext must not be readable: {listing}"
    );
}

#[test]
fn docs_key_without_preferences_gets_aes128() {
    let key = RecipientKey::from_armored(&docs_key()).unwrap();
    assert_eq!(
        key.cipher(),
        pgp::crypto::sym::SymmetricKeyAlgorithm::AES128
    );
}

#[test]
fn message_to_a_gpg_made_key_decrypts_with_gpg() {
    let home = gpg_home();
    let made = gpg(
        home.0.path(),
        &[
            "--quick-gen-key",
            "coffre test <test@example.org>",
            "future-default",
            "default",
            "never",
        ],
        None,
    );
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let exported = gpg(
        home.0.path(),
        &["--armor", "--export", "test@example.org"],
        None,
    );
    let armored_key = String::from_utf8(exported.stdout).unwrap();
    let key = RecipientKey::from_armored(&armored_key).unwrap();
    let message = key.encrypt(&secret("mot de passe ✓")).unwrap();
    let out = gpg(home.0.path(), &["--decrypt"], Some(&message));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "mot de passe ✓");
    assert_eq!(
        key.cipher(),
        pgp::crypto::sym::SymmetricKeyAlgorithm::AES256
    );
}

#[test]
fn garbage_key_is_a_clear_error_not_a_panic() {
    let err = RecipientKey::from_armored("not a key").unwrap_err();
    assert!(
        err.to_string().contains("not a readable OpenPGP key"),
        "{err}"
    );
}
