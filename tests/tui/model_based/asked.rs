//! The harness's memory of what the model asked for (request ids, generations per
//! connection), so that the API results it sends answer real requests, or stale ones on purpose.

use std::collections::HashMap;

use coffre::app::{ApiEvent, Command, Model, Screen};
use coffre::domain::ConnectionId;

use super::gen_steps::{self, Api, failure, resolve};
use crate::common::{consent_accounts, providers};
use crate::dashboard::fixtures;

/// What the harness knows of the model's requests, to answer them as the runner would.
#[derive(Default)]
pub struct Asked {
    /// The latest request id (login, form, redirect).
    pub request: u64,
    /// The latest generation per connection.
    pub generations: HashMap<ConnectionId, u64>,
    /// The last API result applied (sent again by `Api::Again`).
    pub last_api: Option<ApiEvent>,
    /// The model as the person sees it (80×24), after the last step.
    pub shown: String,
    /// The screen on which "Quit anyway?" was asked.
    pub quit_asked_on: Option<std::mem::Discriminant<Screen>>,
}

impl Asked {
    pub fn note(&mut self, commands: &[Command]) {
        for c in commands {
            match c {
                Command::LogIn { request, .. }
                | Command::Resume { request, .. }
                | Command::SubmitCredentials { request, .. }
                | Command::StartRedirect { request, .. } => self.request = *request,
                Command::PollQueue {
                    connection,
                    generation,
                }
                | Command::SyncNow {
                    connection,
                    generation,
                }
                | Command::GiveConsent {
                    connection,
                    generation,
                } => {
                    self.generations.insert(connection.clone(), *generation);
                }
                _ => {}
            }
        }
    }

    fn generation(&self, model: &Model, conn: gen_steps::Conn, pick: gen_steps::Pick) -> u64 {
        let id = conn.id();
        let latest = model
            .sync
            .rows
            .iter()
            .find(|r| r.connection == id)
            .map(|r| r.generation)
            .or_else(|| self.generations.get(&id).copied())
            .unwrap_or(1);
        resolve(pick, latest)
    }

    /// The API result of `api`, with ids resolved against the model.
    pub fn event(&self, model: &Model, api: &Api) -> Option<ApiEvent> {
        let request = |pick| resolve(pick, self.request);
        let result = |ok: bool| if ok { Ok(()) } else { Err(failure()) };
        Some(match api.clone() {
            Api::LoggedIn(p, ok) => ApiEvent::LoggedIn {
                request: request(p),
                result: result(ok),
            },
            Api::Providers(ok) => ApiEvent::ProvidersLoaded(result(ok).map(|()| providers())),
            Api::Created(p, ok) => ApiEvent::ConnectionCreated {
                request: request(p),
                result: result(ok).map(|()| ConnectionId::oxlin("c1")),
            },
            Api::UrlReady(p, ok) => ApiEvent::AuthorizeUrlReady {
                request: request(p),
                result: result(ok).map(|()| "https://bank.example/authorize?x=1".into()),
            },
            Api::RedirectDone(p, ok) => ApiEvent::RedirectCompleted {
                request: request(p),
                result: result(ok).map(|()| ConnectionId::oxlin("c2")),
            },
            Api::Progress(c, p, s) => ApiEvent::SyncProgressed {
                connection: c.id(),
                generation: self.generation(model, c, p),
                step: s.step(),
            },
            Api::Challenge(c, p, code_form) => ApiEvent::ChallengeReceived {
                connection: c.id(),
                channel: "13400".into(),
                generation: self.generation(model, c, p),
                challenge: gen_steps::challenge(code_form),
            },
            Api::Consent(c, p, n) => ApiEvent::ConsentRequested {
                connection: c.id(),
                channel: "13400".into(),
                generation: self.generation(model, c, p),
                accounts: consent_accounts().into_iter().take(n).collect(),
            },
            Api::Failed(c) => ApiEvent::Failed {
                connection: c.map(gen_steps::Conn::id),
                error: failure(),
            },
            Api::Dashboard(ok) => ApiEvent::DashboardLoaded(
                result(ok)
                    .map(|()| fixtures::loaded(fixtures::data()))
                    .map_err(|_| "the store is locked".to_owned()),
            ),
            Api::Connectivity(online) => ApiEvent::Connectivity { online },
            Api::Notice => ApiEvent::Notice("Export written.".into()),
            Api::Again => return self.last_api.clone(),
        })
    }
}
