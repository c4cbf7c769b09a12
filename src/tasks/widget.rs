//! Widget mode's task: one Oxlin page in the browser, from the widget session to the connection
//! in the store. It creates the widget session (with the refresh token), opens the page with a
//! loopback `redirect_url` carrying this flow's unguessable state (`…/callback?state=S`, the
//! webview appends its results and keeps that query), and waits on the loopback callback or a
//! pasted address ([`ReturnWait`], the same as a REDIRECT channel's), while polling the
//! connections' status ([`StatusPoll`]), within `RunnerOptions::redirect_timeout`. Then, for a
//! connection page, it checks the connection Oxlin named, waits until Oxlin has synced it (its
//! status, every `poll_every`; the queue's events as progress when the page returned one,
//! `captive_mode=false`), and writes it to the store (the same fetch as every sync), before
//! `Finished`. For the terms page, a login that stopped on the terms resumes.
//!
//! Choices where the docs are silent: the pages are asked in English (`lng=en`, coffre speaks
//! English); a renewal opens `user_input` when a channel waits for an answer
//! (`CHALLENGE_REQUIRED`), else `edit_credentials`; a connection that ends `FAILED` is still
//! written to the store (the dashboard shows it with its action) and the wait says so.

mod copy;
mod settle;

use std::sync::{Arc, Mutex};

use tokio::sync::mpsc::UnboundedReceiver;

pub(crate) use copy::copy_to_clipboard;
pub use copy::osc52;

use super::redirect::status_poll::StatusPoll;
use super::redirect::{ReturnWait, Waits, open_browser, outcome, within};
use crate::app::Msg;
use crate::app::widget::{BrowserCommand, BrowserEvent, WidgetDone, WidgetPage};
use crate::domain::{CallFailure, ConnectionId};
use crate::oxlin::client::Client;
use crate::oxlin::to_domain;
use crate::oxlin::wire::ChannelStatus;
use crate::tasks::{Runner, Session};

/// The runner's browser waits, and the client of a login that stopped on Oxlin's terms.
#[derive(Debug, Clone, Default)]
pub struct Browser {
    /// The waits in progress (REDIRECT channels and widget pages).
    pub waits: Waits,
    terms_client: Arc<Mutex<Option<Client>>>,
}

impl Browser {
    /// Keeps the client of a login that must first accept the terms.
    pub fn await_terms(&self, client: Client) {
        if let Ok(mut slot) = self.terms_client.lock() {
            *slot = Some(client);
        }
    }

    fn terms_client(&self) -> Option<Client> {
        self.terms_client.lock().ok()?.clone()
    }
}

impl Runner {
    /// Runs a browser command: open a widget page, hand over a pasted address, copy a link.
    pub(super) fn browser_command(&self, command: BrowserCommand) {
        match command {
            BrowserCommand::OpenWidget { request, page } => self.open_widget(request, page),
            BrowserCommand::LinkGermanBank {
                request,
                iban,
                renew,
            } => self.open_finx(super::finx_link::FinxLinkRequest {
                request,
                iban,
                renew,
            }),
            BrowserCommand::Paste { request, address } => {
                if !self.browser.waits.paste(request, address) {
                    self.sender.send(Msg::Browser(BrowserEvent::PasteRefused {
                        request,
                        reason: crate::domain::PageFailure::NoLongerWaiting,
                    }));
                }
            }
            BrowserCommand::Copy { text } => copy_to_clipboard(&text),
        }
    }

    /// Starts the widget page `page` as wait `request`.
    pub(super) fn open_widget(&self, request: u64, page: WidgetPage) {
        let Some(client) = self.client().or_else(|| self.browser.terms_client()) else {
            self.not_logged_in();
            return;
        };
        let (paste, pasted) = Waits::paste_channel();
        let runner = self.clone();
        let task = self.sender.spawn("waiting for the Oxlin page", async move {
            let result = runner.widget_flow(&client, request, &page, pasted).await;
            let result = match (result, &page) {
                (Ok(done), WidgetPage::Terms) => runner.after_terms(client).await.map(|_| done),
                (result, _) => result,
            };
            runner
                .sender
                .send(Msg::Browser(BrowserEvent::Finished { request, result }));
        });
        self.browser
            .waits
            .register(request, task.abort_handle(), paste);
    }

    /// The terms are accepted: a login that stopped on them starts its session now.
    async fn after_terms(&self, client: Client) -> Result<(), CallFailure> {
        if self.client().is_some() {
            return Ok(());
        }
        let session: Session = self.start_session(client).await?;
        if let Ok(mut slot) = self.browser.terms_client.lock() {
            slot.take();
        }
        if let Ok(mut slot) = self.session.lock() {
            *slot = Some(session);
        }
        Ok(())
    }

    async fn widget_flow(
        &self,
        client: &Client,
        request: u64,
        page: &WidgetPage,
        pasted: UnboundedReceiver<String>,
    ) -> Result<WidgetDone, CallFailure> {
        let failure = |e: crate::oxlin::error::OxlinError| to_domain::call_failure(&e);
        let mut back = ReturnWait::bind(pasted, self.sender.clone(), request)
            .await
            .map_err(|e| CallFailure::Rejected(format!("no loopback port: {e}")))?;
        let session = client.widget_session().await.map_err(failure)?;
        let redirect = back.address().callback_with_state();
        let mut params = vec![("redirect_url", redirect.as_str()), ("lng", "en")];
        let (name, renewed) = match page {
            WidgetPage::AddConnection => ("add_connection", None),
            WidgetPage::Terms => ("terms", None),
            WidgetPage::Renew(id) => (renew_page(client, id).await?, Some(id.clone())),
        };
        if let Some(id) = &renewed {
            params.push(("connection_id", id.raw()));
        }
        let url = session.page_url(name, &params);
        let poll = match page {
            WidgetPage::Terms => None,
            _ => Some(StatusPoll::before(client, renewed.clone()).await),
        };
        self.sender.send(Msg::Browser(BrowserEvent::PageReady {
            request,
            url: url.clone(),
            wait_for: self.options.redirect_timeout,
        }));
        if self.options.open_browser {
            open_browser(&url);
        }
        let timeout = self.options.redirect_timeout;
        let started = tokio::time::Instant::now();
        let answer = within(timeout, async {
            match poll {
                None => Ok((back.next().await, None)),
                Some(mut poll) => tokio::select! {
                    answer = back.next() => Ok((answer, None)),
                    id = poll.until_ready(client, STATUS_EVERY) => Ok((Default::default(), Some(id))),
                },
            }
        })
        .await?;
        if *page == WidgetPage::Terms {
            outcome::terms_page(&answer.0)?;
            return Ok(WidgetDone {
                connection: None,
                bank: String::new(),
                new_transactions: 0,
            });
        }
        let (id, queue) = match answer {
            (_, Some(ready)) => (ready, None),
            (back, None) => outcome::connection_page(&back)?,
        };
        let left = timeout.saturating_sub(started.elapsed());
        settle::settle(self, client, request, ConnectionId::oxlin(&id), queue, left).await
    }
}

/// How often the connections' status is asked while the browser is away.
const STATUS_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

/// The page that renews `connection`: `user_input` when its bank waits for an answer.
async fn renew_page(
    client: &Client,
    connection: &ConnectionId,
) -> Result<&'static str, CallFailure> {
    let wire = client
        .connection(connection.raw())
        .await
        .map_err(|e| to_domain::call_failure(&e))?;
    let asks = wire
        .channels
        .iter()
        .any(|c| c.status == Some(ChannelStatus::ChallengeRequired));
    Ok(if asks {
        "user_input"
    } else {
        "edit_credentials"
    })
}
