//! The commands of a logged-in session that are one request (or a few): load the providers,
//! create an EMBEDDED connection or give an existing one's channel new credentials (the client
//! checks each value by its regexp and PGP-encrypts
//! the `encrypt: true` ones to a fresh `POST /keys` key), answer a challenge, send consents.
//! The dashboard's commands are in `dashboard`.

use std::collections::BTreeMap;

use crate::app::{ApiEvent, Command};
use crate::domain::{ConnectionId, CredentialValue};
use crate::oxlin::client::Client;
use crate::oxlin::error::OxlinError;
use crate::oxlin::to_domain;
use crate::oxlin::wire::{self, ConsentDecision, UserInputRequest};
use crate::tasks::sender::MsgSender;

/// Runs one command to its answer.
pub(super) async fn run(client: Client, sender: MsgSender, command: Command) {
    let err = |e: OxlinError| to_domain::call_failure(&e);
    match command {
        Command::LoadProviders => {
            let result = client
                .providers()
                .await
                .map(|list| list.iter().map(to_domain::provider).collect())
                .map_err(err);
            sender.api(ApiEvent::ProvidersLoaded(result));
        }
        Command::SubmitCredentials {
            request,
            provider,
            channel,
            values,
            renew,
        } => {
            let result = create_connection(&client, &provider, &channel, values, renew)
                .await
                .map(|raw| ConnectionId::oxlin(&raw))
                .map_err(err);
            sender.api(ApiEvent::ConnectionCreated { request, result });
        }
        Command::AnswerChallenge {
            connection,
            channel,
            answers,
        } => {
            let body = UserInputRequest {
                credentials: answers
                    .into_iter()
                    .map(|(id, value)| wire::CredentialValue { id, value })
                    .collect(),
            };
            if let Err(e) = client.user_input(connection.raw(), &channel, &body).await {
                sender.api(ApiEvent::Failed {
                    connection: Some(connection),
                    error: err(e),
                });
            }
        }
        Command::SendConsents {
            connection,
            channel: _,
            accepted,
            refused,
        } => {
            let decisions: Vec<ConsentDecision> = accepted
                .into_iter()
                .map(|id| (id, true))
                .chain(refused.into_iter().map(|id| (id, false)))
                .map(|(account, consent)| ConsentDecision {
                    account_id: account.raw().to_owned(),
                    consent,
                })
                .collect();
            if let Err(e) = client.consents(connection.raw(), &decisions).await {
                sender.api(ApiEvent::Failed {
                    connection: Some(connection),
                    error: err(e),
                });
            }
        }
        Command::LogIn { .. }
        | Command::Resume { .. }
        | Command::StartRedirect { .. }
        | Command::CancelRedirect { .. }
        | Command::Browser(_)
        | Command::PollQueue { .. }
        | Command::StopPolling { .. }
        | Command::LoadDashboard
        | Command::SyncNow { .. }
        | Command::SyncGermanBank { .. }
        | Command::RenewCredentials { .. }
        | Command::AddChannel { .. }
        | Command::GiveConsent { .. }
        | Command::SaveConnection { .. }
        | Command::DeleteConnection { .. }
        | Command::ArchiveAccount { .. }
        | Command::Export { .. }
        | Command::ExportQuery { .. }
        | Command::ReadTxWindow { .. }
        | Command::CountTx { .. }
        | Command::ReadTxFacts { .. }
        | Command::Bell
        | Command::Quit => {
            // The runner handles these itself; reaching here is a routing slip, not a user error.
            tracing::debug!("command routed to the wrong task");
        }
    }
}

async fn create_connection(
    client: &Client,
    provider_id: &str,
    channel_id: &str,
    values: Vec<CredentialValue>,
    renew: Option<ConnectionId>,
) -> Result<String, OxlinError> {
    let provider = client.provider(provider_id).await?;
    let Some(channel) = provider
        .channel_definitions
        .iter()
        .find(|c| c.id == channel_id)
    else {
        return Err(OxlinError::NotFound(format!(
            "the bank has no channel {}",
            crate::sanitize::clean_line(channel_id)
        )));
    };
    let values: BTreeMap<_, _> = values.into_iter().map(|v| (v.id, v.value)).collect();
    if let Some(connection) = renew {
        let connection = connection.raw().to_owned();
        // The API starts a LIST_ACCOUNTS job on new credentials: the queue follows it.
        client
            .update_channel_credentials(&connection, channel_id, &channel.credentials, &values)
            .await?;
        return Ok(connection);
    }
    client
        .create_connection(provider_id, Some(channel_id), &channel.credentials, &values)
        .await
}
