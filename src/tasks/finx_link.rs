//! Linking a German bank from the TUI: the finX widget in the browser, from the widget link to
//! the bank on the dashboard. The same steps as `coffre connect finx`, on a task of the runner:
//! the wait is the widget mode's ([`ReturnWait`]: the loopback `redirect_uri` on 127.0.0.1 with
//! a fresh unguessable `state`, or the address pasted on the wait screen, every return checked
//! by `tasks::redirect::browser_return`); `POST /onetime/access` gives the widget's address
//! (the IBAN, when given, skips the bank choice), shown with `BrowserEvent::PageReady`; the
//! callback's code is exchanged with the refresh token kept first, where `[session] store` says
//! (the link's `finx_links` row or the OS keyring: `sync::finx::keeper`,
//! [`Runner::keeping_finx_tokens_in`]), then the link is read and stored by `sync::finx` (the
//! code of `coffre sync`), and `BrowserEvent::Finished` names the bank.
//!
//! Every failure is a typed reason worded on the wait screen ([`outcome`], in the UI's
//! language) and nothing stored is touched: the browser's cancel, `success=false`, a used or
//! expired code, an error envelope, an unreadable answer. A return with another attempt's
//! state is refused by the reader and the wait goes on.
//!
//! Renewing a finX bank (`r`) is the same flow with the link to renew: the new refresh token
//! replaces that link's own (the keeper writes into its row), so `coffre sync` and `s` keep
//! using the same link.
//!
//! Docs gap (ours, finx-api.md says nothing of renewing): the widget makes a new access, with
//! its own id and account ids (as the sandbox does), so once the renewed link is read and
//! stored, the old access's connection is removed from the store (its history was read again
//! under the new access, up to the widget's `sync_period` of 90 days): one bank, not two.
//!
//! Docs gaps (ours): the widget is asked in finX's default language (German: the banks are
//! German); the sync waits for `coffre sync`'s lock as the TUI's other writes do
//! (`SyncLock::wait`, [`TUI_WAIT`]).

mod forget;
mod outcome;
mod sync_one;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rust_i18n::t;
use tokio::sync::mpsc::UnboundedReceiver;

use super::redirect::{ReturnWait, Waits, open_browser, within};
use crate::app::Msg;
use crate::app::widget::{BrowserEvent, WidgetDone};
use crate::domain::{CallFailure, ConnectionId};
use crate::finx::{Client, FinxConfig};
use crate::i18n::Lang;
use crate::store::Store;
use crate::store::finx_links::FinxLinkOwner;
use crate::sync::finx::keeper::FinxLinkKeeper;
use crate::sync::lock::{SyncLock, TUI_WAIT};
use crate::sync::session::SessionStore;
use crate::tasks::Runner;

/// A German bank to link (or a finX link to renew) through the finX widget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FinxLinkRequest {
    /// The wait's id (the answers carry it).
    pub request: u64,
    /// An IBAN that skips the bank choice in the widget.
    pub iban: Option<String>,
    /// The bank being renewed (`None`: a new bank).
    pub renew: Option<ConnectionId>,
}

impl Runner {
    /// Starts linking a German bank as wait `link.request` (`CancelRedirect` stops it).
    pub(super) fn open_finx(&self, link: FinxLinkRequest) {
        let request = link.request;
        let (paste, pasted) = Waits::paste_channel();
        let runner = self.clone();
        let task = self.sender.spawn("linking a German bank", async move {
            let result = runner.finx_flow(link, pasted).await;
            runner
                .sender
                .send(Msg::Browser(BrowserEvent::Finished { request, result }));
        });
        self.browser
            .waits
            .register(request, task.abort_handle(), paste);
    }

    async fn finx_flow(
        &self,
        link: FinxLinkRequest,
        pasted: UnboundedReceiver<String>,
    ) -> Result<WidgetDone, CallFailure> {
        let words = self.sender.lang().code();
        let config = self.finx_config().ok_or_else(|| {
            CallFailure::Rejected(t!("redirect.finx.no_section", locale = words).into())
        })?;
        let store = self.options.store.clone().ok_or_else(|| {
            CallFailure::Rejected(t!("redirect.finx.no_store", locale = words).into())
        })?;
        let request = link.request;
        let mut back = ReturnWait::bind(pasted, self.sender.clone(), request)
            .await
            .map_err(|e| {
                let why = t!("redirect.finx.no_port", locale = words, why = e.to_string());
                CallFailure::Rejected(why.into())
            })?;
        let redirect_uri = back.address().callback();
        let client = Client::new(config.clone()).map_err(|e| outcome::failure(&e))?;
        let widget = client
            .create_access(
                &redirect_uri,
                back.address().state(),
                None,
                link.iban.as_deref(),
                Some(90),
            )
            .await
            .map_err(|e| outcome::failure(&e))?;
        self.sender.send(Msg::Browser(BrowserEvent::PageReady {
            request,
            url: widget.location.clone(),
            wait_for: self.options.redirect_timeout,
        }));
        if self.options.open_browser {
            open_browser(&widget.location);
        }
        let answer = within(self.options.redirect_timeout, async {
            Ok(back.next().await)
        })
        .await?;
        let code = outcome::code(&answer)?;
        self.progress(request, &t!("redirect.finx.handing_over", locale = words));
        let link_id = match &link.renew {
            Some(bank) => renewed_link(&store, &config, bank, self.sender.lang())?,
            None => widget.id.clone(),
        };
        let owner = FinxLinkOwner {
            link_id: link_id.clone(),
            api_url: config.api_url.clone(),
            client_id: config.client_id.clone(),
        };
        let keeper = FinxLinkKeeper::new(&store, owner).keeping_in(self.finx_tokens);
        client.keep_tokens_with(Arc::new(keeper));
        client
            .exchange_code(code, &redirect_uri)
            .await
            .map_err(|e| outcome::failure(&e))?;
        self.progress(request, &t!("redirect.finx.reading", locale = words));
        sync_link(&config, self.finx_tokens, store, link_id, link.renew).await
    }

    fn progress(&self, request: u64, step: &str) {
        self.sender.send(Msg::Browser(BrowserEvent::Progress {
            request,
            step: step.to_owned(),
        }));
    }
}

/// The stored link of the finX bank `bank` (its access id), whose token a renewal replaces.
fn renewed_link(
    store: &Path,
    config: &FinxConfig,
    bank: &ConnectionId,
    lang: Lang,
) -> Result<String, CallFailure> {
    let store = Store::open(store).map_err(|e| CallFailure::Rejected(e.to_string()))?;
    let links = store
        .finx_links(&config.api_url, &config.client_id)
        .map_err(|e| CallFailure::Rejected(e.to_string()))?;
    links
        .into_iter()
        .find(|l| l.access_id.as_deref() == Some(bank.raw()))
        .map(|l| l.owner.link_id)
        .ok_or_else(|| {
            CallFailure::Rejected(t!("redirect.finx.link_gone", locale = lang.code()).into())
        })
}

/// Reads and stores the link `link_id` (as `coffre sync` does), under the sync lock. A renewal
/// that gave the link a new access (`replaces`, another connection) removes the old one once
/// the new one is stored.
pub(crate) async fn sync_link(
    config: &FinxConfig,
    tokens: SessionStore,
    store: PathBuf,
    link_id: String,
    replaces: Option<ConnectionId>,
) -> Result<WidgetDone, CallFailure> {
    let dir = SyncLock::dir_of(&store);
    let _lock = tokio::task::spawn_blocking(move || SyncLock::wait(&dir, TUI_WAIT))
        .await
        .map_err(|e| CallFailure::Rejected(e.to_string()))?
        .map_err(|e| CallFailure::Rejected(e.to_string()))?;
    let mut store = Store::open(&store).map_err(|e| CallFailure::Rejected(e.to_string()))?;
    let now = chrono::Utc::now();
    let lines = crate::sync::finx::sync_some_links(config, tokens, &mut store, now, |link| {
        link.owner.link_id == link_id
    })
    .await
    .map_err(|e| CallFailure::Rejected(e.to_string()))?;
    let line = lines
        .into_iter()
        .next()
        .ok_or_else(|| CallFailure::Rejected("the new link was not stored".into()))?;
    let done = outcome::synced(line)?;
    if let Some(old) = replaces.filter(|old| done.connection.as_ref() != Some(old)) {
        store
            .delete_connection(&old)
            .map_err(|e| CallFailure::Rejected(e.to_string()))?;
    }
    Ok(done)
}

impl Runner {
    /// The finX configuration, when German banks are offered.
    pub(super) fn finx_config(&self) -> Option<FinxConfig> {
        self.finx.clone()
    }

    /// This runner keeps finX links' refresh tokens where `choice` (`[session] store`) says.
    pub fn keeping_finx_tokens_in(mut self, choice: SessionStore) -> Self {
        self.finx_tokens = choice;
        self
    }
}
