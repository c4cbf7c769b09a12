//! The exit codes `coffre sync --help` documents (`src/sync/outcome.rs`), the paths the other
//! `sync_*` tests do not reach: a configuration or a data dir only the user can fix exits 1
//! with what to do, and `--help` lists every code. Reached elsewhere: 0 everywhere; 1 for the
//! login (`sync_headless::without_a_password…`, `sync_login`, `session_keyring`); 2
//! (`sync_headless::refused_credentials…`, `sync_try_later::an_expired_bank_authorisation…`);
//! 75 for a failing server, the resume exchange, the deadline (`sync_try_later`) and another
//! sync running (`sync_lock`).

use std::process::Output;

fn coffre_sync(dir: &std::path::Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_coffre"))
        .arg("sync")
        .args(args)
        .env_remove("COFFRE_OXLIN_PASSWORD")
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

fn private_config(dir: &std::path::Path, text: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let file = dir.join("config.toml");
    std::fs::write(&file, text).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    file.to_str().unwrap().to_owned()
}

const CONFIG: &str = "[oxlin]\nauth_url = \"http://127.0.0.1:9\"\napi_url = \
                      \"http://127.0.0.1:9/v2.1\"\nclient_id = \"c\"\nclient_secret = \
                      \"exit-code-secret\"\nusername = \"u@example.com\"\n";

#[test]
fn a_broken_configuration_exits_1_naming_the_line_and_never_the_secret() {
    let dir = tempfile::tempdir().unwrap();
    let config = private_config(
        dir.path(),
        &format!("{CONFIG}\n[session]\nstore = \"vault\"\n"),
    );
    let data = dir.path().join("data");
    let out = coffre_sync(
        dir.path(),
        &["--config", &config, "--data-dir", data.to_str().unwrap()],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("line 9"), "{stderr}");
    assert!(stderr.contains("vault"), "{stderr}");
    assert!(!stderr.contains("exit-code-secret"), "{stderr}");
}

#[test]
fn no_configuration_exits_1_saying_which_to_pass() {
    let dir = tempfile::tempdir().unwrap();
    let config = private_config(dir.path(), "[session]\nstore = \"file\"\n");
    let out = coffre_sync(dir.path(), &["--config", &config, "--data-dir", "data"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("[oxlin]"), "{stderr}");
}

#[test]
fn a_data_dir_that_is_a_file_exits_1_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    let config = private_config(dir.path(), CONFIG);
    std::fs::write(dir.path().join("not-a-dir"), "").unwrap();
    let out = coffre_sync(
        dir.path(),
        &["--config", &config, "--data-dir", "not-a-dir"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("not-a-dir"), "{stderr}");
}

#[test]
fn sync_help_lists_every_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let out = coffre_sync(dir.path(), &["--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{help}");
    for line in ["  0 ", "  1 ", "  2 ", "  75 "] {
        assert!(help.contains(line), "no `{line}` in {help}");
    }
}
