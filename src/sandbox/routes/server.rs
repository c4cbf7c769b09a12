//! Binding, routing and serving: `start` (in-process, tests and the TUI) and `serve_forever`
//! (`coffre sandbox`).

use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::{AppState, router};
use crate::sandbox::config::{SANDBOX_FINX_CLIENT_ID, SANDBOX_FINX_CLIENT_SECRET};
use crate::sandbox::config::{SandboxArgs, SandboxConfig};
use crate::sandbox::world::persist;
use crate::sandbox::world::state::Sandbox;

/// A sandbox serving on 127.0.0.1. Dropping it shuts the server down.
#[derive(Debug)]
pub struct RunningSandbox {
    /// `http://127.0.0.1:PORT` (the auth server's root; `/token` lives here).
    pub base_url: String,
    pub state: AppState,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl RunningSandbox {
    /// The API base URL, `…/v2.1`.
    pub fn api_url(&self) -> String {
        format!("{}/v2.1", self.base_url)
    }

    /// The widget base URL, `…/widget`.
    pub fn widget_url(&self) -> String {
        format!("{}/widget", self.base_url)
    }

    /// The finX API base URL, `…/finx`.
    pub fn finx_url(&self) -> String {
        format!("{}/finx", self.base_url)
    }

    /// Stops serving, waits for the server task to end, and saves the state file (if any).
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
        let state = Arc::clone(&self.state);
        let _ = tokio::task::spawn_blocking(move || persist::save_if_changed(&state)).await;
    }
}

impl Drop for RunningSandbox {
    /// Stops serving and saves the state file when it changed (a no-op after `stop`).
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        persist::save_if_changed(&self.state);
    }
}

/// Starts a sandbox on 127.0.0.1 (port from the config, 0 for a free one) inside the current
/// tokio runtime. Its state file, if any, is read before this returns.
pub async fn start(config: SandboxConfig) -> std::io::Result<RunningSandbox> {
    launch(config, StateLoad::Now).await
}

/// Like [`start`], but returns as soon as the port is bound: the state file is read on a
/// blocking thread before the first request is served (requests wait in the listen backlog
/// meanwhile). The TUI uses this so that a large sandbox state never delays its first frame.
pub async fn start_loading_in_background(config: SandboxConfig) -> std::io::Result<RunningSandbox> {
    launch(config, StateLoad::BeforeServing).await
}

/// When the state file is read.
enum StateLoad {
    Now,
    BeforeServing,
}

async fn launch(config: SandboxConfig, load: StateLoad) -> std::io::Result<RunningSandbox> {
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, config.port))).await?;
    let addr = listener.local_addr()?;
    let base_url = format!("http://{addr}");
    let state_file = config.state_file.clone();
    let state: AppState = match (&state_file, &load) {
        (Some(path), StateLoad::Now) => {
            let (world, next_id) = persist::load(path);
            Arc::new(Sandbox::restored(config, base_url.clone(), world, next_id))
        }
        _ => Arc::new(Sandbox::new(config, base_url.clone())),
    };
    let app = router(&state);
    let (tx, rx) = oneshot::channel::<()>();
    let serving = Arc::clone(&state);
    let task = tokio::spawn(async move {
        if let (Some(path), StateLoad::BeforeServing) = (state_file, load) {
            match tokio::task::spawn_blocking(move || persist::load(&path)).await {
                Ok((world, next_id)) => serving.restore(world, next_id),
                Err(error) => tracing::error!(%error, "sandbox state could not be read"),
            }
        }
        // The saver starts after the load, so it never writes an empty world over the file.
        persist::spawn_saver(&serving);
        let serve = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            let _ = rx.await;
        });
        if let Err(error) = serve.await {
            tracing::error!(%error, "sandbox server stopped");
        }
    });
    Ok(RunningSandbox {
        base_url,
        state,
        shutdown: Some(tx),
        task: Some(task),
    })
}

/// `coffre sandbox`: serve until Ctrl-C, after printing where and with which credentials.
pub async fn serve_forever(args: SandboxArgs) -> ExitCode {
    let config = SandboxConfig::from(args);
    let (client_id, client_secret) = (config.client_id.clone(), config.client_secret.clone());
    let agreement = if config.without_agreement {
        "none (--without-agreement): connections through the widget only; users accept the terms first"
    } else {
        "PSD2 agreement: the full API (--without-agreement emulates a client without one)"
    };
    let sandbox = match start(config).await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("coffre sandbox: cannot listen on 127.0.0.1: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("coffre sandbox listening on {}", sandbox.base_url);
    println!("  auth server  {}/token", sandbox.base_url);
    println!("  API          {}", sandbox.api_url());
    println!("  widget       {}", sandbox.widget_url());
    println!("  client_id     {client_id}");
    println!("  client_secret {client_secret}");
    println!("  agreement     {agreement}");
    println!("  finX API      {}", sandbox.finx_url());
    println!("  finX client   {SANDBOX_FINX_CLIENT_ID} / {SANDBOX_FINX_CLIENT_SECRET}");
    println!("  finX login    figo01 / PIN 654321, TAN 123456");
    println!("Press Ctrl-C to stop.");
    let _ = tokio::signal::ctrl_c().await;
    sandbox.stop().await;
    ExitCode::SUCCESS
}
