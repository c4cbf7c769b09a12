//! The address a browser ends on when a bank's website or an Oxlin webview sends it back to
//! coffre: ONE reader for both ways it arrives, the loopback listener (the browser on this
//! machine reaches `http://127.0.0.1:PORT/callback`) and the address pasted by the user (the
//! browser on a phone or on the other side of SSH, where 127.0.0.1 is not coffre: the page does
//! not load, but its address bar holds the answer).
//!
//! An answer counts only when every `state` it carries is this flow's unguessable state (RFC 6749
//! §10.12, RFC 8252 §8.9): a forged request, a stale tab of an earlier attempt, a state given
//! twice with two values are refused with a typed reason ([`Refused`], worded in the user's
//! language where the app words everything), and the wait goes on.
//!
//! Docs gaps, our choices: the path is `/callback`; a pasted address may omit `http://`; its host
//! must be `127.0.0.1` (or `localhost`) with this flow's port; the webviews' results are read from
//! `status` (`success`, `error`, `cancelled`, `expired`), `result` (terms), `connection_id`,
//! `queue_id` and `error` (a reason some banks add).
//!
//! The finX widget comes back the same way (the TUI's German banks and `coffre connect finx`
//! share this reader and the loopback listener): when the query carries finX's parameters
//! (`success`, `code`, `cancel`), they are read by `finx::wire::Callback` into
//! [`BrowserReturn::finx`], after the state was checked here.

use crate::domain::PageFailure;
use crate::finx::wire::Callback;
use crate::sanitize::clean_line;

/// Where this flow waits to be sent back: the loopback port and the flow's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnAddress {
    port: u16,
    state: String,
}

/// What the browser was sent back with (every Oxlin value sanitised; `Debug` never shows a
/// finX code).
#[derive(Debug, Clone, Default)]
pub struct BrowserReturn {
    /// `connection_id`: the connection created or edited.
    pub connection_id: Option<String>,
    /// `status`: `success`, `error`, `cancelled` or `expired`.
    pub status: Option<String>,
    /// `queue_id`: the queue to poll (webviews opened with `captive_mode=false`).
    pub queue_id: Option<String>,
    /// `result`: the terms webview's `success` or `error`.
    pub result: Option<String>,
    /// `error`: a reason, when the bank gives one.
    pub error: Option<String>,
    /// The finX widget's answer (`success`, `code`, `cancel`), when the query carries one.
    pub finx: Option<Callback>,
}

/// Why an address is not this flow's answer: which kind of refusal (the loopback answers 404
/// or 403), and the reason to tell the user (worded by `crate::wording::page_failure`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Not the callback at all (another site, another port, another path, not an address):
    /// [`PageFailure::NotTheRedirect`].
    NotTheRedirect(PageFailure),
    /// The callback, without this flow's state (forged, or an earlier attempt's tab):
    /// [`PageFailure::NoState`] or [`PageFailure::OtherAttempt`].
    WrongState(PageFailure),
}

impl Refused {
    /// The reason for the user.
    pub fn reason(&self) -> &PageFailure {
        match self {
            Refused::NotTheRedirect(why) | Refused::WrongState(why) => why,
        }
    }
}

impl ReturnAddress {
    /// The return address of a flow listening on `port` with `state`.
    pub fn new(port: u16, state: impl Into<String>) -> Self {
        ReturnAddress {
            port,
            state: state.into(),
        }
    }

    /// The flow's state.
    pub fn state(&self) -> &str {
        &self.state
    }

    /// `http://127.0.0.1:PORT/callback`: the REDIRECT channel's `redirect_uri` (its state
    /// travels apart, as `redirect_state`).
    pub fn callback(&self) -> String {
        format!("http://127.0.0.1:{}/callback", self.port)
    }

    /// The callback with the state in its query: a webview's `redirect_url` (the webview
    /// appends its results and keeps this query).
    pub fn callback_with_state(&self) -> String {
        format!("{}?state={}", self.callback(), self.state)
    }

    /// Reads the target of a request the loopback listener received (`/callback?…`).
    pub fn check_target(&self, target: &str) -> Result<BrowserReturn, Refused> {
        let url = url::Url::parse(&format!("http://127.0.0.1:{}{target}", self.port))
            .map_err(|_| self.not_the_redirect())?;
        self.check_url(&url)
    }

    /// Reads an address the user pasted (the browser's address bar on another device).
    pub fn check_pasted(&self, pasted: &str) -> Result<BrowserReturn, Refused> {
        let text = pasted.trim();
        let with_scheme = if text.contains("://") {
            text.to_owned()
        } else {
            format!("http://{text}")
        };
        let url = url::Url::parse(&with_scheme).map_err(|_| self.not_the_redirect())?;
        let host_ok = matches!(url.host_str(), Some("127.0.0.1" | "localhost"));
        if url.scheme() != "http" || !host_ok || url.port() != Some(self.port) {
            return Err(self.not_the_redirect());
        }
        self.check_url(&url)
    }

    fn check_url(&self, url: &url::Url) -> Result<BrowserReturn, Refused> {
        if url.path() != "/callback" {
            return Err(self.not_the_redirect());
        }
        let states: Vec<_> = url
            .query_pairs()
            .filter(|(k, _)| k == "state")
            .map(|(_, v)| v.into_owned())
            .collect();
        if states.is_empty() {
            return Err(Refused::WrongState(PageFailure::NoState));
        }
        if states.iter().any(|s| s != &self.state) {
            return Err(Refused::WrongState(PageFailure::OtherAttempt));
        }
        let param = |name: &str| {
            url.query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| clean_line(&v))
                .filter(|v| !v.is_empty())
        };
        Ok(BrowserReturn {
            connection_id: param("connection_id"),
            status: param("status"),
            queue_id: param("queue_id"),
            result: param("result"),
            error: param("error"),
            finx: finx_answer(url),
        })
    }

    fn not_the_redirect(&self) -> Refused {
        Refused::NotTheRedirect(PageFailure::NotTheRedirect(self.callback()))
    }
}

/// The finX widget's parameters in `url`'s query, when it has any.
fn finx_answer(url: &url::Url) -> Option<Callback> {
    let finx_keys = ["success", "code", "cancel"];
    url.query_pairs()
        .any(|(k, _)| finx_keys.contains(&k.as_ref()))
        .then(|| Callback::from_query(url.query().unwrap_or("")))
}

#[cfg(test)]
mod tests;
