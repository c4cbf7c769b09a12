//! `[oxlin] mode`: how banks are added and renewed, `"widget"` (Oxlin's webviews in a browser,
//! the only way without a PSD2 agreement) or `"api"` (coffre's own screens through the full API,
//! agreement only), and its default: widget for real hosts, api for a loopback host (a `coffre
//! sandbox`, like the built-in one).

use serde::Deserialize;

use super::OxlinSection;

/// How banks are added and renewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OxlinMode {
    /// Oxlin's webviews in a browser (no PSD2 agreement needed).
    Widget,
    /// coffre's own screens through the full API (a PSD2 agreement).
    Api,
}

impl OxlinSection {
    /// The mode set, else `api` for a loopback host (a sandbox) and `widget` for real hosts.
    pub fn mode(&self) -> OxlinMode {
        self.mode.unwrap_or(if self.is_sandbox() {
            OxlinMode::Api
        } else {
            OxlinMode::Widget
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    const FILE: &str = r#"
[oxlin]
auth_url = "http://127.0.0.1:4000"
api_url = "http://127.0.0.1:4000/v2.1"
client_id = "coffre-sandbox"
client_secret = "hunter2-secret"
"#;

    const HOSTS: &str = r#"[oxlin]
auth_url = "https://auth.oxlin.io"
api_url = "https://api.oxlin.io/v2.1"
embed_url = "https://embed.oxlin.io"
client_id = "me""#;

    #[test]
    fn real_hosts_default_to_the_widget_and_a_local_sandbox_to_the_api() {
        let real = parse(&format!("{HOSTS}\nclient_secret = \"x\"")).unwrap();
        assert_eq!(real.oxlin.unwrap().mode(), OxlinMode::Widget);
        let local = parse(FILE).unwrap().oxlin.unwrap();
        assert_eq!(local.mode(), OxlinMode::Api);
        let chosen = parse(&format!("{FILE}mode = \"widget\"\n")).unwrap();
        assert_eq!(chosen.oxlin.unwrap().mode(), OxlinMode::Widget);
        let api = parse(&format!("{HOSTS}\nmode = \"api\"")).unwrap();
        assert_eq!(api.oxlin.unwrap().mode(), OxlinMode::Api);
    }

    #[test]
    fn an_unknown_mode_is_refused_with_its_line() {
        let error = parse(&format!("{HOSTS}\nmode = \"browser\"")).unwrap_err();
        assert!(error.starts_with("line 6"), "{error}");
        assert!(error.contains("widget") && error.contains("api"), "{error}");
    }
}
