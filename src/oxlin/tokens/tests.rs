//! The token manager against a tiny token endpoint that answers what each test needs: an
//! endless `expires_in`, rotating refresh tokens, or refusing every refresh token.

use std::collections::HashMap;
use std::sync::Mutex as StdMutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::extract::{Form, State as Extract};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;

use super::*;
use crate::oxlin::secret::secret;

/// What the fake token endpoint does.
#[derive(Clone, Copy)]
enum Endpoint {
    /// Answers every grant with a new refresh token, with this `expires_in`.
    Rotates { expires_in: u64 },
    /// Refuses every refresh token (`invalid_grant`).
    RefusesRefresh,
}

struct Server {
    config: OxlinConfig,
    requests: Arc<AtomicUsize>,
}

async fn server(endpoint: Endpoint) -> Server {
    let requests = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&requests);
    let app = axum::Router::new()
        .route(
            "/token",
            post(
                move |Extract(count): Extract<Arc<AtomicUsize>>,
                      Form(form): Form<HashMap<String, String>>| async move {
                    let n = count.fetch_add(1, Ordering::SeqCst) + 1;
                    answer(endpoint, &form, n)
                },
            ),
        )
        .with_state(counted);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let config = OxlinConfig::with_hosts(&base, &base, &base, "app", secret("app-secret"));
    Server { config, requests }
}

fn answer(endpoint: Endpoint, form: &HashMap<String, String>, n: usize) -> Response {
    let refreshing = form.get("grant_type").map(String::as_str) == Some("refresh_token");
    match endpoint {
        Endpoint::RefusesRefresh if refreshing => (
            StatusCode::BAD_REQUEST,
            axum::Json(serde_json::json!({"error": "invalid_grant"})),
        )
            .into_response(),
        Endpoint::Rotates { .. } | Endpoint::RefusesRefresh => {
            let expires_in = match endpoint {
                Endpoint::Rotates { expires_in } => expires_in,
                Endpoint::RefusesRefresh => 3600,
            };
            axum::Json(serde_json::json!({
                "access_token": format!("access-{n}"),
                "token_type": "bearer",
                "expires_in": expires_in,
                "refresh_token": format!("refresh-{n}"),
            }))
            .into_response()
        }
    }
}

/// A keeper that remembers what it was given and can be told to fail its next writes.
#[derive(Default)]
struct Recorder {
    kept: StdMutex<Vec<String>>,
    failures_left: AtomicUsize,
}

impl TokenKeeper for Recorder {
    fn stored(&self) -> Result<Option<SecretString>, String> {
        Ok(self.kept.lock().unwrap().last().cloned().map(secret))
    }
    fn keep(&self, token: &SecretString) -> Result<(), String> {
        if self.failures_left.load(Ordering::SeqCst) > 0 {
            self.failures_left.fetch_sub(1, Ordering::SeqCst);
            return Err("database is locked".into());
        }
        self.kept
            .lock()
            .unwrap()
            .push(token.expose_secret().to_owned());
        Ok(())
    }
    fn hold(&self) -> Option<Box<dyn Send>> {
        None
    }
}

/// An HTTP client (reqwest is built without a TLS provider: the client module installs ring).
fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

fn password() -> Grant {
    Grant::Password {
        username: "claire@example.com".into(),
        password: secret("pw"),
        scope: "accounts_read".into(),
    }
}

#[test]
fn an_endless_lifetime_is_clamped_to_a_day() {
    let now = Instant::now();
    assert_eq!(expires_at(now, Some(u64::MAX)), now + MAX_LIFETIME);
    assert_eq!(expires_at(now, Some(120)), now + Duration::from_secs(120));
}

#[tokio::test]
async fn a_server_announcing_an_endless_token_is_believed_for_a_day_not_a_panic() {
    let server = server(Endpoint::Rotates {
        expires_in: 18446744073709551615,
    })
    .await;
    let manager = TokenManager::new(password());
    let http = http();
    let first = manager.access_token(&http, &server.config).await.unwrap();
    let again = manager.access_token(&http, &server.config).await.unwrap();
    assert_eq!(
        first.generation, again.generation,
        "no second token request"
    );
    assert_eq!(server.requests.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn every_new_refresh_token_is_kept_before_its_access_token_is_used() {
    // expires_in below the refresh margin: every call refreshes and rotates.
    let server = server(Endpoint::Rotates { expires_in: 1 }).await;
    let manager = TokenManager::new(password());
    let recorder = Arc::new(Recorder::default());
    manager.keep_with(recorder.clone());
    let http = http();
    for n in 1..=3 {
        manager.access_token(&http, &server.config).await.unwrap();
        let kept = recorder.kept.lock().unwrap().clone();
        assert_eq!(
            kept.last().map(String::as_str),
            Some(&*format!("refresh-{n}"))
        );
    }
    assert!(manager.unsaved_refresh_token().await.is_none());
}

#[tokio::test]
async fn a_token_the_keeper_could_not_write_is_written_at_the_next_call() {
    let server = server(Endpoint::Rotates { expires_in: 3600 }).await;
    let manager = TokenManager::new(password());
    let recorder = Arc::new(Recorder::default());
    recorder.failures_left.store(1, Ordering::SeqCst);
    manager.keep_with(recorder.clone());
    let http = http();
    manager.access_token(&http, &server.config).await.unwrap();
    assert!(recorder.kept.lock().unwrap().is_empty());
    let unsaved = manager.unsaved_refresh_token().await.unwrap();
    assert_eq!(unsaved.expose_secret(), "refresh-1");

    manager.access_token(&http, &server.config).await.unwrap();
    assert_eq!(*recorder.kept.lock().unwrap(), vec!["refresh-1".to_owned()]);
    assert!(manager.unsaved_refresh_token().await.is_none());
    assert_eq!(
        server.requests.load(Ordering::SeqCst),
        1,
        "no refresh needed"
    );
}

#[tokio::test]
async fn a_dead_saved_session_says_so_once_and_never_asks_the_server_again() {
    let server = server(Endpoint::RefusesRefresh).await;
    let manager = TokenManager::new(Grant::RefreshToken {
        refresh_token: secret("spent"),
    });
    let http = http();
    let error = manager
        .access_token(&http, &server.config)
        .await
        .unwrap_err();
    assert!(matches!(error, OxlinError::SessionExpired(_)), "{error:?}");
    for _ in 0..5 {
        let again = manager
            .access_token(&http, &server.config)
            .await
            .unwrap_err();
        assert!(matches!(again, OxlinError::SessionExpired(_)), "{again:?}");
    }
    assert_eq!(server.requests.load(Ordering::SeqCst), 1);
}
