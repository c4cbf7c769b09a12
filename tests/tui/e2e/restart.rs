//! End to end across a restart: the built-in sandbox keeps its world in the data dir, so after
//! quitting and starting again the dashboard shows the store at once and the background refresh
//! syncs the same connection (no "connection not found"). With a configuration (a "real" host,
//! here the in-process sandbox on 127.0.0.1), a stored refresh token logs in without a password
//! and is replaced by the rotated one; a refused one opens the login screen saying so.

use std::path::Path;
use std::time::Duration;

use coffre::app::{ApiEvent, AutoLogin, Model, Msg, Startup};
use coffre::cli::{DEMO_EMAIL, DEMO_PASSWORD, SANDBOX_STATE_FILE, start_demo_sandbox};
use coffre::domain::{ConnectionId, SyncStep};
use coffre::oxlin::client::Client;
use coffre::oxlin::config::OxlinConfig;
use coffre::oxlin::config::SCOPES;
use coffre::oxlin::secret::{Expose, secret};
use coffre::sandbox::{RunningSandbox, SandboxConfig};
use coffre::store::Store;
use coffre::sync::session::{REFRESH_TOKEN, TokenOwner, save_token};
use crossterm::event::KeyCode;
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

use super::store_first::{demo_startup, onboard};
use super::{DEADLINE, Person, launch, launch_with, runner_options};

/// Every sync step the app is told about, as (connection, step).
fn sync_steps() -> (
    impl Fn(&Msg) + Send + 'static,
    UnboundedReceiver<(ConnectionId, SyncStep)>,
) {
    let (tx, rx) = unbounded_channel();
    let tap = move |msg: &Msg| {
        if let Msg::Api(ApiEvent::SyncProgressed {
            connection, step, ..
        }) = msg
        {
            let _ = tx.send((connection.clone(), step.clone()));
        }
    };
    (tap, rx)
}

/// Waits for the end of a sync: `Done` or `Failed`.
async fn sync_end(
    steps: &mut UnboundedReceiver<(ConnectionId, SyncStep)>,
) -> (ConnectionId, SyncStep) {
    loop {
        let next = tokio::time::timeout(DEADLINE, steps.recv()).await;
        let (connection, step) = next.expect("no sync ended in time").unwrap();
        if matches!(step, SyncStep::Done | SyncStep::Failed(_)) {
            return (connection, step);
        }
    }
}

async fn demo_sandbox(dir: &Path) -> (RunningSandbox, OxlinConfig) {
    start_demo_sandbox(Duration::ZERO, Some(dir.join(SANDBOX_STATE_FILE)))
        .await
        .unwrap()
}

fn demo_model() -> Model {
    Model::new(chrono::Utc::now(), true, Some((DEMO_EMAIL, DEMO_PASSWORD)))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_restart_the_dashboard_shows_at_once_and_the_refresh_syncs_the_same_bank() {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, oxlin) = demo_sandbox(dir.path()).await;
    let (person, app) = launch(|_| {}, oxlin, dir.path(), demo_model(), None);
    onboard(&person).await;
    person.sees("Linxo Test Bank").await;
    person.press(KeyCode::Char('q'));
    tokio::time::timeout(DEADLINE, app)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    sandbox.stop().await;
    assert!(dir.path().join(SANDBOX_STATE_FILE).exists());

    // Everything starts again on the same data dir (a new port, the same world).
    let (sandbox, oxlin) = demo_sandbox(dir.path()).await;
    let (tap, mut steps) = sync_steps();
    let (person, app) = launch(tap, oxlin, dir.path(), demo_model(), Some(demo_startup()));
    let first = person.sees("Linxo Test Bank").await;
    assert!(first.contains("SANDBOX   Dashboard"), "{first}");
    let (_, step) = sync_end(&mut steps).await;
    assert_eq!(step, SyncStep::Done, "the background refresh syncs");
    let screen = person.sees("Every bank is up to date.").await;
    assert!(screen.contains("SANDBOX   Dashboard"), "{screen}");
    assert!(!screen.contains("not found"), "{screen}");
    quit(&person, app).await;
    sandbox.stop().await;
}

/// Presses `q` and waits for the app to end; confirms when the loop has not yet seen the end of
/// the sync that the test already saw (the key and the task message race).
async fn quit<E: std::fmt::Debug>(person: &Person, app: tokio::task::JoinHandle<Result<Model, E>>) {
    person.press(KeyCode::Char('q'));
    let started = std::time::Instant::now();
    while !app.is_finished() {
        if person.screen.text().contains("Quit anyway?") {
            person.press(KeyCode::Char('y'));
        }
        assert!(started.elapsed() < DEADLINE, "the app did not quit");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    app.await.unwrap().unwrap();
}

/// A sandbox on 127.0.0.1 used as a configured host: a user with the `default` bank, its data in
/// the store and a stored refresh token (as `coffre sync` leaves them). Returns the token.
async fn configured_host(dir: &Path, email: &str) -> (RunningSandbox, OxlinConfig, String) {
    let config = SandboxConfig::default();
    let sandbox = coffre::sandbox::start(config.clone()).await.unwrap();
    let oxlin = OxlinConfig::with_hosts(
        &sandbox.base_url,
        &sandbox.api_url(),
        &sandbox.base_url,
        config.client_id.clone(),
        secret(config.client_secret.clone()),
    );
    let admin = Client::with_client_credentials(oxlin.clone(), "users_create").unwrap();
    let password = secret("correct horse battery");
    let user_id = admin.create_user(email, &password).await.unwrap();
    let seeded = coffre::sandbox::testbank::seed(&sandbox.state, &user_id, "default", &[]).unwrap();
    let client = Client::with_password(oxlin.clone(), email, password, SCOPES).unwrap();
    let target = coffre::tasks::store_sync::StoreTarget {
        path: dir.join("sandbox.sqlite"),
        session_owner: Some(owner(&oxlin, email)),
    };
    let connection = coffre::domain::ConnectionId::oxlin(&seeded.connection_id);
    coffre::tasks::store_sync::save_connection(client.clone(), target, connection)
        .await
        .unwrap();
    let token = stored_token(dir).expect("the sync keeps the session");
    (sandbox, oxlin, token)
}

fn owner(oxlin: &OxlinConfig, email: &str) -> TokenOwner {
    TokenOwner::new(&oxlin.auth_url, &oxlin.client_id, Some(email))
}

fn stored_token(dir: &Path) -> Option<String> {
    let store = Store::open(&dir.join("sandbox.sqlite")).unwrap();
    let token = store.secret(REFRESH_TOKEN).unwrap()?;
    Some(token.expose_secret().to_owned())
}

fn token_startup(token: &str) -> Startup {
    Startup {
        store_has_data: true,
        auto_login: Some(AutoLogin::RefreshToken(secret(token))),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stored_refresh_token_logs_in_without_a_password_and_is_rotated() {
    let dir = tempfile::tempdir().unwrap();
    let email = "token-tui@example.com";
    let (sandbox, oxlin, token) = configured_host(dir.path(), email).await;
    let mut options = runner_options(dir.path());
    options.session_owner = Some(owner(&oxlin, email));
    let (tap, mut steps) = sync_steps();
    let model = Model::new(chrono::Utc::now(), false, Some((email, "")));
    let (person, app) = launch_with(tap, oxlin, options, model, Some(token_startup(&token)));
    let first = person.sees("Linxo Test Bank").await;
    assert!(
        first.contains("Dashboard") && !first.contains("Password"),
        "{first}"
    );
    let (_, step) = sync_end(&mut steps).await;
    assert_eq!(step, SyncStep::Done, "the refresh works from the token");
    let rotated = stored_token(dir.path()).unwrap();
    assert_ne!(rotated, token, "the rotated token replaces the used one");
    let screen = person.screen.text();
    assert!(!screen.contains(&rotated) && !screen.contains(&token));
    quit(&person, app).await;
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_refresh_token_opens_the_login_screen_saying_why() {
    let dir = tempfile::tempdir().unwrap();
    let email = "refused-tui@example.com";
    let (sandbox, oxlin, _) = configured_host(dir.path(), email).await;
    let store = Store::open(&dir.path().join("sandbox.sqlite")).unwrap();
    save_token(&store, &owner(&oxlin, email), &secret("no-longer-valid")).unwrap();
    let model = Model::new(chrono::Utc::now(), false, Some((email, "")));
    let options = runner_options(dir.path());
    let startup = token_startup("no-longer-valid");
    let (person, app) = launch_with(|_| {}, oxlin, options, model, Some(startup));
    let login = person.sees("saved session has expired").await;
    assert!(
        login.contains(email),
        "the login screen, pre-filled: {login}"
    );
    person.press(KeyCode::Esc);
    person.sees("Linxo Test Bank").await;
    person.press(KeyCode::Char('q'));
    tokio::time::timeout(DEADLINE, app)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    sandbox.stop().await;
}
