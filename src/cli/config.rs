//! The configuration of the TUI: `--config FILE` (TOML, an `[oxlin]` section with the hosts,
//! the client id, the client secret or a command that prints it, and the user's e-mail) and the
//! data directory (`--data-dir`, `COFFRE_DATA_DIR`, else `$XDG_DATA_HOME/coffre`, else
//! `~/.local/share/coffre`). No file means the built-in sandbox.
//!
//! Docs gap (ours): `client_secret_command` runs through `sh -c`; its trimmed standard output is
//! the secret. Neither the secret nor the command's output ever appears in an error message.

use std::path::{Path, PathBuf};

use secrecy::SecretString;
use serde::Deserialize;

use crate::oxlin::config::OxlinConfig;

/// Where coffre talks to and keeps its files.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `None`: run against the in-process sandbox.
    pub oxlin: Option<OxlinSettings>,
    /// Where coffre keeps its files (the store comes later).
    pub data_dir: PathBuf,
}

/// Real hosts, from the `[oxlin]` section.
#[derive(Debug, Clone)]
pub struct OxlinSettings {
    /// The client configuration (its secret never prints).
    pub client: OxlinConfig,
    /// The e-mail to pre-fill on the login screen.
    pub username: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    oxlin: Option<OxlinSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OxlinSection {
    auth_url: String,
    api_url: String,
    embed_url: String,
    client_id: String,
    client_secret: Option<String>,
    client_secret_command: Option<String>,
    username: Option<String>,
}

impl std::fmt::Debug for OxlinSection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OxlinSection")
            .field("api_url", &self.api_url)
            .finish_non_exhaustive()
    }
}

/// Reads the settings: the file when given, the data directory from the flag, env or default.
pub fn load(config: Option<&Path>, data_dir: Option<PathBuf>) -> Result<Settings, String> {
    let data_dir = data_dir.unwrap_or_else(default_data_dir);
    let Some(path) = config else {
        return Ok(Settings {
            oxlin: None,
            data_dir,
        });
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let oxlin = parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(Settings { oxlin, data_dir })
}

/// Parses a configuration file's text.
pub fn parse(text: &str) -> Result<Option<OxlinSettings>, String> {
    let file: FileConfig = toml::from_str(text).map_err(|e| e.message().to_owned())?;
    let Some(section) = file.oxlin else {
        return Ok(None);
    };
    let secret = match (&section.client_secret, &section.client_secret_command) {
        (Some(secret), None) => SecretString::from(secret.clone()),
        (None, Some(command)) => secret_from_command(command)?,
        _ => {
            return Err(
                "[oxlin] needs exactly one of `client_secret` and `client_secret_command`".into(),
            );
        }
    };
    let client = OxlinConfig::with_hosts(
        &section.auth_url,
        &section.api_url,
        &section.embed_url,
        section.client_id.clone(),
        secret,
    );
    client.validate().map_err(|e| e.to_string())?;
    Ok(Some(OxlinSettings {
        client,
        username: section.username.clone(),
    }))
}

fn secret_from_command(command: &str) -> Result<SecretString, String> {
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run `client_secret_command`: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`client_secret_command` failed ({})",
            output.status
        ));
    }
    let text = String::from_utf8(output.stdout)
        .map_err(|_| "`client_secret_command` printed something that is not UTF-8".to_owned())?;
    let secret = text.trim().to_owned();
    if secret.is_empty() {
        return Err("`client_secret_command` printed nothing".into());
    }
    Ok(SecretString::from(secret))
}

fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("coffre");
    }
    match std::env::var_os("HOME") {
        Some(home) => PathBuf::from(home).join(".local/share/coffre"),
        None => PathBuf::from(".coffre"),
    }
}

#[cfg(test)]
mod tests {
    use secrecy::ExposeSecret;

    use super::*;

    const HOSTS: &str = r#"auth_url = "https://auth.oxlin.io"
api_url = "https://api.oxlin.io/v2.1"
embed_url = "https://embed.oxlin.io"
client_id = "me""#;

    #[test]
    fn a_secret_command_provides_the_client_secret() {
        let text = format!(
            "[oxlin]\n{HOSTS}\nclient_secret_command = \"echo s3cret\"\nusername = \"a@b.c\""
        );
        let settings = parse(&text).unwrap().unwrap();
        assert_eq!(settings.client.client_secret.expose_secret(), "s3cret");
        assert_eq!(settings.username.as_deref(), Some("a@b.c"));
        assert!(!format!("{settings:?}").contains("s3cret"));
    }

    #[test]
    fn plain_http_to_a_remote_host_and_two_secrets_are_refused() {
        let http = HOSTS.replace("https://api", "http://api");
        let err = parse(&format!("[oxlin]\n{http}\nclient_secret = \"x\"")).unwrap_err();
        assert!(err.contains("only HTTPS"), "{err}");
        let both =
            format!("[oxlin]\n{HOSTS}\nclient_secret = \"x\"\nclient_secret_command = \"y\"");
        let err = parse(&both).unwrap_err();
        assert!(
            err.contains("exactly one") && !err.contains("\"x\""),
            "{err}"
        );
    }

    #[test]
    fn no_oxlin_section_means_the_sandbox() {
        assert!(parse("").unwrap().is_none());
    }
}
