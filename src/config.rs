//! The one configuration loader of coffre (the TUI and `coffre sync` both use it): a TOML file
//! whose `[oxlin]` section says where the API is and who logs in. No file at all means the TUI
//! runs on its built-in sandbox.
//!
//! ```toml
//! [oxlin]
//! auth_url = "https://auth.oxlin.io"
//! api_url = "https://api.oxlin.io/v2.1"
//! embed_url = "https://embed.oxlin.io"
//! client_id = "my-app"
//! client_secret_command = "pass show oxlin/client-secret"   # or client_secret = "…"
//! username = "claire@example.com"
//! password_command = "pass show oxlin/claire"
//! mode = "widget"            # or "api" (own PSD2 agreement): see below
//!
//! [session]
//! store = "auto"      # or "keyring" (the OS keyring) or "file" (the store, in the data dir)
//! ```
//!
//! `mode` says how banks are added (`"widget"`, the default for real hosts, or `"api"`): see
//! [`OxlinMode`].
//!
//! The user's password comes from `COFFRE_OXLIN_PASSWORD` when set, else from
//! `password_command`. Commands run with `sh -c`; the first line they print is the secret.
//! Secrets are `SecretString`s at once: no `Debug`, error or log shows them. Without `--config`,
//! `$XDG_CONFIG_HOME/coffre/config.toml` is read when it exists.
//!
//! A command that runs longer than [`COMMAND_TIMEOUT`] (30 s) is killed with every process it
//! started (its process group) and the error says it did not finish: a `pass` waiting for a
//! passphrase nobody types cannot hold `coffre sync` (and its lock) forever.
//!
//! A file that holds a `client_secret` and that group or others may read gets a warning on
//! stderr when it is loaded; it is still used (refusing would break a
//! working cron job over a mode; ssh refuses, gpg warns: we warn). See [`permissions`].
//!
//! A `[ui]` section sets the theme, mouse capture and language ([`ui`]).
//!
//! A `[finx]` section says where the finX API is and who the app is ([`finx`]); a file may
//! have `[finx]`, `[oxlin]`, or both.
//!
//! Docs gaps: an API on a loopback host is taken to be the sandbox (its store is
//! `sandbox.sqlite`); a command that fails or prints nothing is an error naming the setting,
//! never the output.

mod command;
pub mod finx;
#[cfg(test)]
mod fuzz;
mod mode;
mod permissions;
mod session;
pub mod ui;

pub use command::COMMAND_TIMEOUT;
use command::run_secret_command;
#[cfg(test)]
use command::run_secret_command_within;
pub use mode::OxlinMode;

use std::path::{Path, PathBuf};

use secrecy::SecretString;
use serde::Deserialize;

use crate::oxlin::config::OxlinConfig;
pub use session::{SessionSection, SessionStore};

/// The environment variable that holds the user's Oxlin password.
pub const PASSWORD_ENV: &str = "COFFRE_OXLIN_PASSWORD";

/// What went wrong with the configuration. Holds no secret.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the configuration {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("the configuration {path} is not valid: {reason}")]
    Parse { path: String, reason: String },
    #[error("the configuration has no [oxlin] section")]
    NoOxlin,
    #[error("[oxlin] {0}")]
    Missing(String),
    #[error("[oxlin] `{setting}` failed: {reason}")]
    Command { setting: String, reason: String },
    /// The `[finx]` section is unusable (what to set, or which command failed).
    #[error("[finx] {0}")]
    Finx(String),
}

/// The whole file.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub oxlin: Option<OxlinSection>,
    /// The finX API (`[finx]`, [`finx`]); a file may have it, `[oxlin]`, or both.
    pub finx: Option<finx::FinxSection>,
    /// How the TUI looks and behaves ([`ui`]).
    pub ui: Option<ui::UiSection>,
    /// Where the saved session lives (`[session]`); absent means `store = "auto"`.
    pub session: Option<SessionSection>,
}

impl Config {
    /// Where the configuration wants the session kept (`auto` without a `[session]` section).
    pub fn session_store(&self) -> SessionStore {
        self.session.map(|s| s.store).unwrap_or_default()
    }
}

/// The `[oxlin]` section.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OxlinSection {
    pub auth_url: String,
    pub api_url: String,
    pub embed_url: Option<String>,
    pub client_id: String,
    pub client_secret: Option<SecretString>,
    pub client_secret_command: Option<String>,
    pub username: Option<String>,
    pub password_command: Option<String>,
    /// How banks are added (`None`: the default of the host, see [`OxlinSection::mode`]).
    pub mode: Option<OxlinMode>,
}

/// The default file: `$XDG_CONFIG_HOME/coffre/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("coffre").join("config.toml"))
}

/// Reads `path`, or the default file when there is one; `Ok(None)` when neither.
pub fn load(path: Option<&Path>) -> Result<Option<Config>, ConfigError> {
    let path = match path {
        Some(p) => p.to_path_buf(),
        None => match default_path().filter(|p| p.exists()) {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(&path).map_err(|e| ConfigError::Read {
        path: shown.clone(),
        reason: e.to_string(),
    })?;
    let config = parse(&text).map_err(|reason| ConfigError::Parse {
        path: shown.clone(),
        reason,
    })?;
    if let Some(warning) =
        permissions::file_mode(&path).and_then(|mode| permissions::warning(&shown, mode, &config))
    {
        eprintln!("{warning}");
    }
    Ok(Some(config))
}

/// Parses the text of a configuration file.
pub fn parse(text: &str) -> Result<Config, String> {
    // toml's messages quote the offending line, which may hold a secret: keep only the first
    // line of the message (what is wrong and where).
    toml::from_str(text).map_err(|e: toml::de::Error| {
        let message = e.message().to_owned();
        match e.span() {
            Some(span) => {
                let before = text.get(..span.start).unwrap_or(text);
                let line = before.matches('\n').count() + 1;
                format!("line {line}: {message}")
            }
            None => message,
        }
    })
}

impl OxlinSection {
    /// True when the API is on a loopback host (the local sandbox).
    pub fn is_sandbox(&self) -> bool {
        url::Url::parse(&self.api_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .is_some_and(|h| {
                h == "localhost"
                    || h.trim_matches(['[', ']'])
                        .parse::<std::net::IpAddr>()
                        .is_ok_and(|ip| ip.is_loopback())
            })
    }

    /// The client configuration, running `client_secret_command` if needed.
    pub fn client_config(&self) -> Result<OxlinConfig, ConfigError> {
        let secret = match (&self.client_secret, &self.client_secret_command) {
            (Some(_), Some(_)) => {
                return Err(ConfigError::Missing(
                    "set exactly one of `client_secret` and `client_secret_command`".into(),
                ));
            }
            (Some(secret), None) => secret.clone(),
            (None, Some(command)) => run_secret_command("client_secret_command", command)?,
            (None, None) => {
                return Err(ConfigError::Missing(
                    "set `client_secret` or `client_secret_command`".into(),
                ));
            }
        };
        let embed = self.embed_url.as_deref().unwrap_or(&self.auth_url);
        let config = OxlinConfig::with_hosts(
            &self.auth_url,
            &self.api_url,
            embed,
            self.client_id.clone(),
            secret,
        );
        config
            .validate()
            .map_err(|e| ConfigError::Missing(e.to_string()))?;
        Ok(config)
    }

    /// The user's password: `COFFRE_OXLIN_PASSWORD`, else `password_command`.
    pub fn password(&self) -> Result<Option<SecretString>, ConfigError> {
        if let Ok(password) = std::env::var(PASSWORD_ENV)
            && !password.is_empty()
        {
            return Ok(Some(SecretString::from(password)));
        }
        self.password_command
            .as_deref()
            .map(|c| run_secret_command("password_command", c))
            .transpose()
    }
}

#[cfg(test)]
mod tests;
