//! The real `gpg` binary, as a client would use it: encrypt a credential to the public key the
//! sandbox serves (`GET /keys/{id}`), in a throwaway GNUPGHOME.

use std::io::Write;
use std::process::Stdio;

use super::tools::tool;

/// `gpg --armor --encrypt` to `public_armored`, in a throwaway GNUPGHOME.
pub fn gpg_encrypt(public_armored: &str, plaintext: &str) -> String {
    let home = tempfile::tempdir().unwrap();
    let key_file = home.path().join("key.asc");
    std::fs::write(&key_file, public_armored).unwrap();
    let gpg = || {
        let mut command = tool("gpg", "gnupg");
        command
            .arg("--homedir")
            .arg(home.path())
            .args(["--batch", "--quiet"]);
        command
    };
    let import = gpg().arg("--import").arg(&key_file).output().unwrap();
    assert!(import.status.success(), "gpg --import: {import:?}");
    let mut child = gpg()
        .args(["--trust-model", "always", "--armor", "--encrypt"])
        .args(["-r", "keys@sandbox.invalid"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(plaintext.as_bytes()).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "gpg --encrypt: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}
