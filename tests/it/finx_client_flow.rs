//! The finX client through the one-time access flow against a scripted finX server (issue 12):
//! the widget link with client Basic auth, the callback's code exchanged once, the accounts
//! read with the access token, every rotated refresh token kept before it is used, and a
//! refused one told as "link the bank again".

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use coffre::domain::CallFailure;
use coffre::finx::Client;
use coffre::finx::error::FinxError;
use coffre::finx::to_domain;
use coffre::finx::tokens::TokenKeeper;
use coffre::finx::wire::Callback;
use coffre::oxlin::secret::secret;
use secrecy::{ExposeSecret, SecretString};

use crate::support::finx_server::{CLIENT_ID, CODE, FinxServer, REDIRECT_URI};

/// A keeper that writes what it keeps to the server's log, and can be made to fail.
struct LogKeeper {
    log: Arc<Mutex<Vec<String>>>,
    kept: Mutex<Option<SecretString>>,
    broken: AtomicBool,
}

impl LogKeeper {
    fn new(server: &FinxServer) -> Arc<LogKeeper> {
        Arc::new(LogKeeper {
            log: server.log.clone(),
            kept: Mutex::new(None),
            broken: AtomicBool::new(false),
        })
    }

    fn kept(&self) -> Option<String> {
        self.kept
            .lock()
            .unwrap()
            .as_ref()
            .map(|t| t.expose_secret().to_owned())
    }
}

impl TokenKeeper for LogKeeper {
    fn stored(&self) -> Result<Option<SecretString>, String> {
        Ok(self.kept.lock().unwrap().clone())
    }

    fn keep(&self, token: &SecretString) -> Result<(), String> {
        if self.broken.load(Ordering::SeqCst) {
            return Err("database is locked".into());
        }
        self.log
            .lock()
            .unwrap()
            .push(format!("kept {}", token.expose_secret()));
        *self.kept.lock().unwrap() = Some(token.clone());
        Ok(())
    }

    fn hold(&self) -> Option<Box<dyn Send>> {
        None
    }
}

fn position(log: &[String], line: &str) -> usize {
    log.iter()
        .position(|l| l.starts_with(line))
        .unwrap_or_else(|| panic!("no `{line}` in {log:#?}"))
}

#[tokio::test]
async fn a_widget_link_is_asked_with_client_basic_auth_and_the_iban_shortcut() {
    let server = FinxServer::start(0).await;
    let link = server
        .client()
        .create_access(
            REDIRECT_URI,
            "st-7fe78733",
            Some("en"),
            Some("DE89370400440532013000"),
            Some(90),
        )
        .await
        .unwrap();
    assert_eq!(link.location, "https://widget.example/?token=w1");
    assert_eq!(link.id, "3ca31c37");
    let sent = server.world.lock().unwrap().bodies[0].1.clone();
    let sent: serde_json::Value = serde_json::from_str(&sent).unwrap();
    assert_eq!(
        sent,
        serde_json::json!({"redirect_uri": REDIRECT_URI, "state": "st-7fe78733", "language": "en",
            "accounts": [{"id": "DE89370400440532013000"}], "sync_period": 90})
    );
}

#[tokio::test]
async fn the_callback_code_is_exchanged_once_and_the_accounts_are_read_with_its_token() {
    let server = FinxServer::start(3).await;
    let client = server.client();
    let keeper = LogKeeper::new(&server);
    client.keep_tokens_with(keeper.clone());
    let callback = Callback::from_query(&format!("state=s1&code={CODE}&success=true"));
    assert!(callback.success && !callback.cancel);
    client
        .exchange_code(callback.code.unwrap(), REDIRECT_URI)
        .await
        .unwrap();
    assert_eq!(keeper.kept().as_deref(), Some("rt-1"));
    assert!(client.refreshed_at().await.is_some());
    let accounts = client.accounts().await.unwrap();
    assert_eq!(accounts.len(), 2);
    let balance = client.balance("A1.1").await.unwrap();
    assert_eq!(balance.balance.unwrap().to_string(), "1234.56");
    assert_eq!(
        client.account("A1.2").await.unwrap().name.as_deref(),
        Some("Tagesgeld")
    );
    let log = server.log();
    assert!(position(&log, "kept rt-1") < position(&log, "GET /rest/accounts with at-1"));
    assert_eq!(
        server.count("issued"),
        1,
        "one exchange, no refresh: {log:#?}"
    );
    let domain: Vec<_> = accounts.iter().map(to_domain::account).collect();
    assert_eq!(domain[0].name, "Girokonto");
    assert_eq!(
        to_domain::connections(&accounts, client.refreshed_at().await).len(),
        1
    );

    let again = server.client();
    let used = again
        .exchange_code(secret(CODE), REDIRECT_URI)
        .await
        .unwrap_err();
    assert!(matches!(used, FinxError::AccessLost(_)), "{used}");
}

#[tokio::test]
async fn every_rotated_refresh_token_is_kept_before_it_is_used() {
    let server = FinxServer::start(0).await;
    let client =
        Client::with_refresh_token(server.config(), secret(server.grant_refresh_token())).unwrap();
    let keeper = LogKeeper::new(&server);
    client.keep_tokens_with(keeper.clone());
    client.accounts().await.unwrap();
    // The server forgets the access token (it expired early): one refresh, then the call again.
    server.world.lock().unwrap().access_tokens.clear();
    client.accounts().await.unwrap();
    client.refresh().await.unwrap();
    let log = server.log();
    for n in 1..=3 {
        let kept = position(&log, &format!("kept rt-{n}"));
        assert!(position(&log, &format!("issued rt-{n}")) < kept, "{log:#?}");
        if n < 3 {
            assert!(
                kept < position(&log, &format!("GET /rest/accounts with at-{n}")),
                "{log:#?}"
            );
        }
        if n > 1 {
            // The old refresh token was spent only after the new one before it was kept.
            assert!(
                position(&log, &format!("kept rt-{}", n - 1))
                    < position(&log, &format!("issued rt-{n}"))
            );
        }
    }
    assert_eq!(keeper.kept().as_deref(), Some("rt-3"));
    assert_eq!(
        client.refresh_token().await.unwrap().expose_secret(),
        "rt-3"
    );
    assert!(client.unsaved_refresh_token().await.is_none());
}

#[tokio::test]
async fn a_keeper_that_fails_holds_the_new_token_back_until_it_is_kept() {
    let server = FinxServer::start(0).await;
    let client =
        Client::with_refresh_token(server.config(), secret(server.grant_refresh_token())).unwrap();
    let keeper = LogKeeper::new(&server);
    keeper.broken.store(true, Ordering::SeqCst);
    client.keep_tokens_with(keeper.clone());
    let error = client.accounts().await.unwrap_err();
    assert!(matches!(error, FinxError::NotKept(_)), "{error}");
    assert!(error.to_string().contains("database is locked"), "{error}");
    assert_eq!(
        server.count("GET /rest/accounts"),
        0,
        "used before it was kept"
    );
    assert_eq!(
        client
            .unsaved_refresh_token()
            .await
            .unwrap()
            .expose_secret(),
        "rt-1"
    );
    keeper.broken.store(false, Ordering::SeqCst);
    client.accounts().await.unwrap();
    assert_eq!(keeper.kept().as_deref(), Some("rt-1"));
    assert_eq!(
        server.count("issued"),
        1,
        "no second refresh: {:#?}",
        server.log()
    );
}

#[tokio::test]
async fn a_refused_refresh_token_says_link_the_bank_again() {
    let server = FinxServer::start(0).await;
    let client =
        Client::with_refresh_token(server.config(), secret("rt-expired-long-ago")).unwrap();
    let error = client.transactions(&Default::default()).await.unwrap_err();
    assert!(matches!(error, FinxError::AccessLost(_)), "{error}");
    assert!(error.to_string().contains("link the bank again"), "{error}");
    assert!(
        !error.to_string().contains("rt-expired-long-ago"),
        "{error}"
    );
    assert_eq!(to_domain::call_failure(&error), CallFailure::SessionExpired);
    assert!(client.refresh_token().await.is_none());
    // Nothing retries a dead token in a loop.
    let again = client.accounts().await.unwrap_err();
    assert!(matches!(again, FinxError::AccessLost(_)), "{again}");
    assert_eq!(server.count("refused grant"), 1, "{:#?}", server.log());
}

#[tokio::test]
async fn a_wrong_client_secret_is_the_apps_fault_not_a_lost_access() {
    let server = FinxServer::start(0).await;
    let mut config = server.config();
    config.client_secret = secret("not-the-secret");
    let client = Client::new(config).unwrap();
    let error = client
        .create_access(REDIRECT_URI, "s", None, None, None)
        .await
        .unwrap_err();
    assert!(matches!(error, FinxError::ClientRefused(_)), "{error}");
    assert_eq!(
        to_domain::call_failure(&error),
        CallFailure::BadClientCredentials
    );
    let error = client
        .exchange_code(secret(CODE), REDIRECT_URI)
        .await
        .unwrap_err();
    assert!(matches!(error, FinxError::ClientRefused(_)), "{error}");
    assert!(format!("{client:?}").contains(CLIENT_ID));
}

#[tokio::test]
async fn two_processes_sharing_one_access_never_spend_the_same_refresh_token() {
    let server = FinxServer::start(0).await;
    let kept = secret(server.grant_refresh_token());
    let keeper = LogKeeper::new(&server);
    let (tui, cron) = (
        Client::with_refresh_token(server.config(), kept.clone()).unwrap(),
        Client::with_refresh_token(server.config(), kept).unwrap(),
    );
    tui.keep_tokens_with(keeper.clone());
    cron.keep_tokens_with(keeper.clone());
    tui.accounts().await.unwrap();
    cron.accounts().await.unwrap();
    tui.refresh().await.unwrap();
    assert_eq!(server.count("refused grant"), 0, "{:#?}", server.log());
    assert_eq!(server.count("issued"), 3);
    assert_eq!(keeper.kept().as_deref(), Some("rt-3"));
}

#[tokio::test]
async fn a_short_lived_access_token_is_not_refreshed_before_every_call() {
    let server = FinxServer::start(0).await;
    server.world.lock().unwrap().expires_in = 30;
    let client =
        Client::with_refresh_token(server.config(), secret(server.grant_refresh_token())).unwrap();
    for _ in 0..3 {
        client.accounts().await.unwrap();
    }
    assert_eq!(server.count("issued"), 1, "{:#?}", server.log());
}

#[tokio::test]
async fn a_wrong_api_url_is_not_taken_for_a_lost_access() {
    let server = FinxServer::start(0).await;
    let mut config = server.config();
    config.api_url = format!("{}/v9", server.base_url);
    let client = Client::with_refresh_token(config, secret(server.grant_refresh_token())).unwrap();
    let error = client.accounts().await.unwrap_err();
    assert!(matches!(error, FinxError::NotFound(_)), "{error}");
    assert!(
        client.refresh_token().await.is_some(),
        "the kept token is not dropped"
    );
}
