//! The config file's mode: a file holding a `client_secret` that group or others may read is
//! warned about on stderr (not refused: see `crate::config`).

use std::path::Path;

use super::Config;

/// The permission bits of `path` (`None` where there are none, or it cannot be read).
pub fn file_mode(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .ok()
            .map(|m| m.permissions().mode() & 0o777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The warning for a file at `path` with permission bits `mode` holding `config`: `Some` when
/// it holds a `client_secret` that group or others may read.
pub fn warning(path: &str, mode: u32, config: &Config) -> Option<String> {
    let holds_secret = config
        .oxlin
        .as_ref()
        .is_some_and(|o| o.client_secret.is_some())
        || config
            .finx
            .as_ref()
            .is_some_and(|f| f.client_secret.is_some());
    (holds_secret && mode & 0o077 != 0).then(|| {
        format!(
            "coffre: warning: {path} holds a client_secret and is readable by others \
             (mode {mode:04o}); run `chmod 600 {path}` or use client_secret_command"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse;

    const HOSTS: &str = "[oxlin]\nauth_url = \"https://auth.example\"\napi_url = \"https://api.example/v2.1\"\nembed_url = \"https://embed.example\"\nclient_id = \"app\"";

    #[test]
    fn a_client_secret_readable_by_others_is_warned_about_and_a_private_one_is_not() {
        let with_secret = parse(&format!("{HOSTS}\nclient_secret = \"hunter2-secret\"")).unwrap();
        let said = warning("c.toml", 0o644, &with_secret).unwrap();
        assert!(said.contains("readable by others") && said.contains("chmod 600 c.toml"));
        assert!(!said.contains("hunter2"), "{said}");
        assert!(warning("c.toml", 0o640, &with_secret).is_some());
        assert!(warning("c.toml", 0o600, &with_secret).is_none());
        let with_command = parse(&format!("{HOSTS}\nclient_secret_command = \"echo s\"")).unwrap();
        assert!(warning("c.toml", 0o644, &with_command).is_none());
        let finx = "[finx]\napi_url = \"https://api.example\"\nclient_id = \"app\"";
        let finx_secret = parse(&format!("{finx}\nclient_secret = \"finx-secret\"")).unwrap();
        assert!(warning("c.toml", 0o644, &finx_secret).is_some());
        assert!(warning("c.toml", 0o600, &finx_secret).is_none());
    }
}
