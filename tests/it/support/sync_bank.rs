//! Shared by the `sync_*` integration tests: an in-process sandbox with one user holding some
//! test-bank files, a config file for it, and `coffre` run as cron runs it (with or without a
//! password in the environment), checking that no secret reaches its output.

use std::path::Path;
use std::process::Output;

use coffre::oxlin::client::Client;
use coffre::oxlin::config::OxlinConfig;
use coffre::oxlin::secret::secret;
use coffre::sandbox::testbank::seed;
use coffre::sandbox::{RunningSandbox, SandboxConfig, start};
use coffre::store::Store;

pub const PASSWORD: &str = "correct horse battery";

pub struct Bank {
    pub sandbox: RunningSandbox,
    pub dir: tempfile::TempDir,
    pub user_id: String,
}

pub async fn bank_with_user(email: &str, files: &[&str]) -> Bank {
    bank_on(SandboxConfig::default(), email, files).await
}

/// A sandbox started with `config` (faults, a state file), one user holding `files`, and a
/// config file for it.
pub async fn bank_on(config: SandboxConfig, email: &str, files: &[&str]) -> Bank {
    let sandbox = start(config.clone()).await.unwrap();
    let oxlin = OxlinConfig::with_hosts(
        &sandbox.base_url,
        &sandbox.api_url(),
        &sandbox.base_url,
        config.client_id.clone(),
        secret(config.client_secret.clone()),
    );
    let admin = Client::with_client_credentials(oxlin, "users_create").unwrap();
    let user_id = admin.create_user(email, &secret(PASSWORD)).await.unwrap();
    for file in files {
        seed(&sandbox.state, &user_id, file, &["accounts_read"]).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    write_config(dir.path(), &sandbox, &config, email);
    Bank {
        sandbox,
        dir,
        user_id,
    }
}

/// Writes `DIR/config.toml` for `email` on `sandbox` (again, after a restart on a new port).
pub fn write_config(dir: &Path, sandbox: &RunningSandbox, config: &SandboxConfig, email: &str) {
    let toml = format!(
        "[oxlin]\nauth_url = \"{base}\"\napi_url = \"{api}\"\nclient_id = \"{id}\"\n\
         client_secret = \"{secret}\"\nusername = \"{email}\"\n",
        base = sandbox.base_url,
        api = sandbox.api_url(),
        id = config.client_id,
        secret = config.client_secret,
    );
    let config = dir.join("config.toml");
    std::fs::write(&config, toml).unwrap();
    // It holds a client_secret: private, as the README asks (else coffre warns on stderr).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

/// Runs `coffre ARGS --data-dir DIR/data` with the user's password in the environment.
pub async fn coffre(dir: &Path, args: &[&str]) -> Output {
    coffre_with(dir, args, Some(PASSWORD)).await
}

/// Runs `coffre ARGS --data-dir DIR/data` with `password` in the environment, or none at all.
pub async fn coffre_with(dir: &Path, args: &[&str], password: Option<&str>) -> Output {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_coffre"));
    command
        .args(args)
        .arg("--data-dir")
        .arg(dir.join("data"))
        .env("NO_COLOR", "1");
    match password {
        Some(password) => command.env("COFFRE_OXLIN_PASSWORD", password),
        None => command.env_remove("COFFRE_OXLIN_PASSWORD"),
    };
    command.output().await.unwrap()
}

/// `coffre sync` with the password: (exit code, stdout then stderr).
pub async fn sync(bank: &Bank) -> (i32, String) {
    sync_with(bank, Some(PASSWORD)).await
}

/// `coffre sync EXTRA…` with the password, in `dir` (its `config.toml` and `data/`), as a
/// command to spawn.
pub fn sync_command(dir: &Path, extra: &[&str]) -> tokio::process::Command {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_coffre"));
    command
        .arg("sync")
        .arg("--config")
        .arg(dir.join("config.toml"))
        .arg("--data-dir")
        .arg(dir.join("data"))
        .args(extra)
        .env("COFFRE_OXLIN_PASSWORD", PASSWORD)
        .env("NO_COLOR", "1")
        .env_remove("COFFRE_SYNC_DEADLINE")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    command
}

/// `coffre sync` with `password` or none; asserts that neither the password, the client secret
/// nor the stored refresh token (before or after the run) is printed.
pub async fn sync_with(bank: &Bank, password: Option<&str>) -> (i32, String) {
    let config = bank.dir.path().join("config.toml");
    let token_before = refresh_token(bank);
    let out = coffre_with(
        bank.dir.path(),
        &["sync", "--config", config.to_str().unwrap()],
        password,
    )
    .await;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut secrets = vec![PASSWORD.to_owned(), "sandbox-secret".to_owned()];
    secrets.extend(token_before);
    secrets.extend(refresh_token(bank));
    for secret in secrets {
        assert!(!stdout.contains(&secret) && !stderr.contains(&secret));
    }
    (out.status.code().unwrap_or(-1), format!("{stdout}{stderr}"))
}

pub fn stored(bank: &Bank) -> Store {
    Store::open(&bank.dir.path().join("data/sandbox.sqlite")).unwrap()
}

/// The refresh token the store keeps, in clear (tests only), if the store exists.
pub fn refresh_token(bank: &Bank) -> Option<String> {
    use coffre::oxlin::secret::Expose;
    let file = bank.dir.path().join("data/sandbox.sqlite");
    if !file.exists() {
        return None;
    }
    let store = Store::open(&file).unwrap();
    let token = store
        .secret(coffre::sync::session::REFRESH_TOKEN)
        .unwrap()?;
    Some(token.expose_secret().to_owned())
}

/// Kills the `coffre sync` in `child` (a store in `data`) once its write has spilled megabytes
/// into the WAL: mid-write, whatever the machine's speed. Fails when it ends first or never
/// writes within two minutes.
pub async fn kill_while_writing(child: &mut tokio::process::Child, data: &Path) {
    let wal = data.join("sandbox.sqlite-wal");
    let started = std::time::Instant::now();
    loop {
        let size = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        if size > 4_000_000 {
            break;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the sync ended ({status}) before it could be killed while writing");
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(120),
            "the write never started"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    child.kill().await.unwrap();
}
