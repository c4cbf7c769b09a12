//! Where the saved session lives (`[session] store`): in the OS keyring, a real Secret Service
//! as a desktop session has one, and a cron job beside it with no session bus at all
//! (`support::desktop`, which says what the desktop needs).
//!
//! Every run here asks for `store = "keyring"` or `"file"` explicitly: `auto` keeps a loopback
//! server's session (the sandbox) in the store.

use std::path::Path;

use crate::support::desktop::{Where, coffre_at};
use crate::support::sync_bank::{Bank, PASSWORD, bank_with_user, refresh_token, stored};

use coffre::oxlin::secret::Expose;
use coffre::sync::session::REFRESH_TOKEN_PLACE;

/// Sets `[session] store = STORE` in the bank's config file.
fn keep_session_in(bank: &Bank, store: &str) {
    let file = bank.dir.path().join("config.toml");
    let config = std::fs::read_to_string(&file).unwrap();
    let oxlin = config.split("\n[session]").next().unwrap();
    std::fs::write(&file, format!("{oxlin}\n[session]\nstore = \"{store}\"\n")).unwrap();
}

/// Runs `coffre sync` there, with `password` or none: (exit code, stdout then stderr). Fails
/// when the password, the client secret or the store's token shows in the output.
fn sync_from(bank: &Bank, place: Where, password: Option<&str>) -> (i32, String) {
    let dir = bank.dir.path();
    let mut command = coffre_at(place, dir);
    command
        .arg("sync")
        .arg("--config")
        .arg(dir.join("config.toml"))
        .arg("--data-dir")
        .arg(dir.join("data"))
        .stdin(std::process::Stdio::null());
    match password {
        Some(password) => command.env("COFFRE_OXLIN_PASSWORD", password),
        None => command.env_remove("COFFRE_OXLIN_PASSWORD"),
    };
    let out = command.output().unwrap();
    let output = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut secrets = vec![PASSWORD.to_owned(), "sandbox-secret".to_owned()];
    secrets.extend(refresh_token(bank).filter(|t| !t.is_empty()));
    for secret in secrets {
        assert!(!output.contains(&secret), "a secret was printed: {output}");
    }
    (out.status.code().unwrap_or(-1), output)
}

/// The place the store records for the session.
fn recorded_place(bank: &Bank) -> String {
    stored(bank)
        .secret(REFRESH_TOKEN_PLACE)
        .unwrap()
        .map(|line| line.expose_secret().to_owned())
        .unwrap_or_default()
}

/// True when the store holds no refresh token (none, or emptied).
fn no_token_in_store(bank: &Bank) -> bool {
    refresh_token(bank).is_none_or(|token| token.is_empty())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_told_to_use_a_keyring_where_none_runs_says_so_and_leaves_no_token_behind() {
    let bank = bank_with_user("no-keyring@example.com", &["default"]).await;
    keep_session_in(&bank, "keyring");
    let (code, output) = sync_from(&bank, Where::Cron, Some(PASSWORD));
    assert_eq!(code, 0, "the data is synced all the same: {output}");
    assert!(output.contains(": synced"), "{output}");
    assert!(
        output.contains("could not be kept in the OS keyring"),
        "{output}"
    );
    assert!(output.contains("store = \"file\""), "{output}");
    assert!(no_token_in_store(&bank), "a token was left in the store");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_in_the_keyring_resumes_with_no_copy_in_the_store_and_cron_loses_nothing() {
    let bank = bank_with_user("keyring@example.com", &["default"]).await;
    keep_session_in(&bank, "keyring");
    let (code, output) = sync_from(&bank, Where::Desktop, Some(PASSWORD));
    assert_eq!(code, 0, "{output}");
    assert!(recorded_place(&bank).starts_with("keyring "), "{output}");
    assert!(no_token_in_store(&bank), "a copy was left in the store");

    let (code, output) = sync_from(&bank, Where::Desktop, None);
    assert_eq!(code, 0, "resumed from the keyring: {output}");
    assert!(!output.contains("refused"), "{output}");

    // Cron cannot reach the keyring: it says what to do and changes nothing.
    let (code, output) = sync_from(&bank, Where::Cron, None);
    assert_eq!(code, 1, "{output}");
    assert!(output.contains("OS keyring"), "{output}");
    assert!(output.contains("store = \"file\""), "{output}");
    // With a password it syncs for this run only, leaving the saved session where it is.
    let (code, output) = sync_from(&bank, Where::Cron, Some(PASSWORD));
    assert_eq!(code, 0, "{output}");
    assert!(recorded_place(&bank).starts_with("keyring "));
    assert!(no_token_in_store(&bank));

    let (code, output) = sync_from(&bank, Where::Desktop, None);
    assert_eq!(code, 0, "the keyring's session survived cron: {output}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn store_file_moves_a_keyring_session_to_the_data_dir_where_cron_resumes_it() {
    let bank = bank_with_user("to-file@example.com", &["default"]).await;
    keep_session_in(&bank, "keyring");
    let (code, output) = sync_from(&bank, Where::Desktop, Some(PASSWORD));
    assert_eq!(code, 0, "{output}");

    keep_session_in(&bank, "file");
    let (code, output) = sync_from(&bank, Where::Desktop, None);
    assert_eq!(code, 0, "{output}");
    assert_eq!(recorded_place(&bank), "store");
    assert!(!no_token_in_store(&bank), "the session moved to the store");

    let (code, output) = sync_from(&bank, Where::Cron, None);
    assert_eq!(code, 0, "cron resumes the session from the store: {output}");
    assert!(!output.contains("refused"), "{output}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn store_file_lets_a_cron_sync_with_a_password_take_over_a_keyring_session_it_cannot_reach() {
    let bank = bank_with_user("cron-takes-over@example.com", &["default"]).await;
    keep_session_in(&bank, "keyring");
    let (code, output) = sync_from(&bank, Where::Desktop, Some(PASSWORD));
    assert_eq!(code, 0, "{output}");

    keep_session_in(&bank, "file");
    let (code, output) = sync_from(&bank, Where::Cron, Some(PASSWORD));
    assert_eq!(code, 0, "{output}");
    assert_eq!(recorded_place(&bank), "store");
    let (code, output) = sync_from(&bank, Where::Cron, None);
    assert_eq!(code, 0, "the next cron run needs no password: {output}");
}

/// True when this process may reach a session bus (a developer's desktop): then the TUI here
/// is not "over SSH", and the story below has nothing to show.
fn has_session_bus() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| Path::new(&dir).join("bus").exists())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tui_started_over_ssh_on_a_keyring_session_shows_the_store_offline_and_says_what_to_do() {
    use coffre::app::{ApiEvent, AutoLogin, Command, Model, Msg, Session, Startup, start, update};
    let bank = bank_with_user("over-ssh@example.com", &["default"]).await;
    keep_session_in(&bank, "keyring");
    let (code, output) = sync_from(&bank, Where::Desktop, Some(PASSWORD));
    assert_eq!(code, 0, "{output}");
    assert!(recorded_place(&bank).starts_with("keyring "), "{output}");
    if has_session_bus() {
        eprintln!("skipped: this test process has a session bus (it is not over SSH)");
        return;
    }

    // The TUI starts here, without a session bus (as over SSH): it used to stop with the
    // keyring's error.
    let file = bank.dir.path().join("config.toml");
    let section = coffre::config::load(Some(&file))
        .unwrap()
        .unwrap()
        .oxlin
        .unwrap();
    let store_path = coffre::store::store_file(&bank.dir.path().join("data"), section.is_sandbox());
    let auto_login = coffre::cli::real_host_login(&section, &store_path).expect("the TUI starts");
    assert!(
        matches!(auto_login, Some(AutoLogin::KeyringOutOfReach(_))),
        "{auto_login:?}"
    );
    let mut model = Model::new(
        chrono::Utc::now(),
        false,
        Some(("over-ssh@example.com", "")),
    );
    let startup = Startup {
        store_has_data: true,
        auto_login,
    };
    let commands = start(&mut model, startup);
    assert!(
        matches!(commands[..], [Command::LoadDashboard]),
        "read-only: nothing is asked of the server: {commands:?}"
    );
    let data = coffre::store::load_dashboard_summary(&stored(&bank), chrono::Utc::now()).unwrap();
    update(&mut model, Msg::Api(ApiEvent::DashboardLoaded(Ok(data))));
    assert_eq!(model.session, Session::Offline);

    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|frame| coffre::app::view(&mut model, frame))
        .unwrap();
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|cell| cell.symbol())
        .collect();
    assert!(screen.contains("OFFLINE"), "{screen}");
    assert!(
        screen.contains("Linxo Test Bank"),
        "the store's banks: {screen}"
    );
    assert!(screen.contains("Keyring out of reach here"), "{screen}");
    assert!(screen.contains("store = \"file\""), "{screen}");
}
