//! The widget service on the embed host: `POST /widget/widget_session` (with the session's
//! refresh token, so the widget session outlives the access token, seed 002), and the addresses
//! of its webviews with coffre's parameters.
//!
//! Docs gap, our choice: a page the answer's `_links` does not name is built as
//! `{embed}/widget/{page}?session_id=…`, the concatenation seed 002 describes.

use reqwest::Method;
use secrecy::ExposeSecret;
use serde_json::json;

use super::with_json;
use crate::oxlin::client::Client;
use crate::oxlin::error::OxlinError;

/// A widget session (`POST /widget/widget_session` on the embed host).
#[derive(Debug, Clone)]
pub struct WidgetSession {
    /// The session's id.
    pub session_id: String,
    /// The add-connection page to open in a browser.
    pub add_connection_url: String,
    /// The `_links` of the answer, by page name (`edit_credentials`, `terms`, …).
    pub links: Vec<(String, String)>,
    embed_url: String,
}

impl WidgetSession {
    /// The address of webview `page` (`add_connection`, `edit_credentials`, `user_input`,
    /// `terms`) with `params` added to its query (the session's own query kept).
    pub fn page_url(&self, page: &str, params: &[(&str, &str)]) -> String {
        let link = self
            .links
            .iter()
            .find(|(name, _)| name == page)
            .map(|(_, url)| url.clone())
            .unwrap_or_else(|| {
                format!(
                    "{}/widget/{page}?session_id={}",
                    self.embed_url, self.session_id
                )
            });
        match url::Url::parse(&link) {
            Ok(mut url) if !params.is_empty() => {
                url.query_pairs_mut().extend_pairs(params);
                url.into()
            }
            _ => link,
        }
    }
}

impl Client {
    /// `POST {embed}/widget/widget_session` with this session's tokens.
    pub async fn widget_session(&self) -> Result<WidgetSession, OxlinError> {
        let config = self.config();
        let access = self.access_token().await?;
        let refresh = self.refresh_token().await;
        let mut body = json!({
            "client_id": config.client_id,
            "client_secret": config.client_secret.expose_secret(),
            "access_token": access.expose_secret(),
        });
        if let Some(refresh) = refresh {
            body["refresh_token"] = json!(refresh.expose_secret());
        }
        let mut call = with_json(self.api(Method::POST, "", false), &body)?;
        call.url = format!("{}/widget/widget_session", config.embed_url);
        call.name = "POST /widget/widget_session".into();
        let answer: serde_json::Value = self.send(call).await?.json()?;
        let session_id = answer["session_id"]
            .as_str()
            .ok_or_else(|| OxlinError::Malformed {
                call: "POST /widget/widget_session".into(),
                reason: "no `session_id` in the answer".into(),
            })?
            .to_owned();
        let links: Vec<(String, String)> = answer["_links"]
            .as_object()
            .map(|links| {
                links
                    .iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                    .collect()
            })
            .unwrap_or_default();
        let mut session = WidgetSession {
            session_id,
            add_connection_url: String::new(),
            links,
            embed_url: config.embed_url.clone(),
        };
        session.add_connection_url = session.page_url("add_connection", &[]);
        Ok(session)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_keeps_its_session_and_gets_coffre_parameters_encoded() {
        let session = WidgetSession {
            session_id: "S1".into(),
            add_connection_url: String::new(),
            links: vec![(
                "terms".into(),
                "https://embed.oxlin.io/widget/terms?session_id=S1".into(),
            )],
            embed_url: "https://embed.oxlin.io".into(),
        };
        let back = "http://127.0.0.1:4321/callback?state=abc";
        let terms = session.page_url("terms", &[("redirect_url", back)]);
        assert_eq!(
            terms,
            "https://embed.oxlin.io/widget/terms?session_id=S1&redirect_url=http%3A%2F%2F127.0.0.1%3A4321%2Fcallback%3Fstate%3Dabc"
        );
        let edit = session.page_url("edit_credentials", &[("connection_id", "7")]);
        assert_eq!(
            edit,
            "https://embed.oxlin.io/widget/edit_credentials?session_id=S1&connection_id=7"
        );
    }
}
