//! Connections: list, get, create (EMBEDDED, with PGP encryption of `encrypt: true` fields),
//! REDIRECT `authorize_url`, credential updates, delete, sync, `user_input` and consents.

use std::collections::{BTreeMap, HashSet};

use reqwest::Method;
use secrecy::SecretString;

use super::accounts::MAX_LIMIT;
use super::{every_page, seg, with_json};
use crate::oxlin::challenge::validate;
use crate::oxlin::client::{Client, Page};
use crate::oxlin::error::OxlinError;
use crate::oxlin::pgp::RecipientKey;
use crate::oxlin::wire::{
    AuthorizeUrlRequest, ChannelCredentialsRequest, Connection, ConsentDecision, ConsentsRequest,
    CreateConnectionRequest, CredentialDefinition, CredentialValue, SingleCredentialRequest,
    SyncType, UserInputRequest,
};

/// Page size used to walk `GET /connections`.
const CONNECTION_PAGE: usize = 100;

impl Client {
    /// Checks each value by its definition's regexp and encrypts the `encrypt: true` ones to a
    /// fresh server key; returns the key id used (if any) and the values to send.
    async fn prepare_credentials(
        &self,
        definitions: &[CredentialDefinition],
        values: &BTreeMap<String, SecretString>,
    ) -> Result<(Option<String>, Vec<CredentialValue>), OxlinError> {
        let mut recipient: Option<(String, RecipientKey)> = None;
        let mut out = Vec::new();
        for definition in definitions {
            let Some(value) = values.get(&definition.id) else {
                continue;
            };
            validate(&definition.label, definition.regexp.as_deref(), value)?;
            let value = if definition.encrypt {
                if recipient.is_none() {
                    let key = self.create_key().await?;
                    recipient =
                        Some((key.id.clone(), RecipientKey::from_armored(&key.public_key)?));
                }
                let Some((_, key)) = &recipient else {
                    unreachable!("set just above")
                };
                SecretString::from(key.encrypt(value)?)
            } else {
                value.clone()
            };
            out.push(CredentialValue {
                id: definition.id.clone(),
                value,
            });
        }
        Ok((recipient.map(|(id, _)| id), out))
    }

    /// `POST /connections` for an EMBEDDED channel: the new connection id. Never retried.
    pub async fn create_connection(
        &self,
        provider_id: &str,
        channel_definition_id: Option<&str>,
        definitions: &[CredentialDefinition],
        values: &BTreeMap<String, SecretString>,
    ) -> Result<String, OxlinError> {
        let (key_id, credentials) = self.prepare_credentials(definitions, values).await?;
        let body = CreateConnectionRequest {
            provider_id: provider_id.to_owned(),
            key_id,
            credentials,
            channel_definition_id: channel_definition_id.map(str::to_owned),
            auto_sync: None,
        };
        let call = with_json(self.api(Method::POST, "/connections", false), &body)?;
        self.send(call).await?.created_id()
    }

    /// `PUT /connections/{id}/channels/{cdid}`: replace a channel's credentials, or add an
    /// EMPTY channel.
    pub async fn update_channel_credentials(
        &self,
        connection_id: &str,
        channel_definition_id: &str,
        definitions: &[CredentialDefinition],
        values: &BTreeMap<String, SecretString>,
    ) -> Result<(), OxlinError> {
        let (key_id, credentials) = self.prepare_credentials(definitions, values).await?;
        let body = ChannelCredentialsRequest {
            id: channel_definition_id.to_owned(),
            key_id,
            credentials,
        };
        let path = format!(
            "/connections/{}/channels/{}",
            seg(connection_id),
            seg(channel_definition_id)
        );
        self.send(with_json(self.api(Method::PUT, &path, true), &body)?)
            .await
            .map(drop)
    }

    /// `PUT /connections/{id}/credentials/{credential_id}`: change one credential.
    pub async fn update_credential(
        &self,
        connection_id: &str,
        definition: &CredentialDefinition,
        value: &SecretString,
    ) -> Result<(), OxlinError> {
        let values = BTreeMap::from([(definition.id.clone(), value.clone())]);
        let (key_id, mut prepared) = self
            .prepare_credentials(std::slice::from_ref(definition), &values)
            .await?;
        let Some(prepared) = prepared.pop() else {
            unreachable!("one value was given")
        };
        let body = SingleCredentialRequest {
            value: prepared.value,
            key_id,
        };
        let path = format!(
            "/connections/{}/credentials/{}",
            seg(connection_id),
            seg(&definition.id)
        );
        self.send(with_json(self.api(Method::PUT, &path, true), &body)?)
            .await
            .map(drop)
    }

    /// `POST /providers/{pid}/channel_definitions/{cdid}/authorize_url`: the bank URL to open.
    /// With `request.connection_id` it renews that connection's channel.
    pub async fn authorize_url(
        &self,
        provider_id: &str,
        channel_definition_id: &str,
        request: &AuthorizeUrlRequest,
    ) -> Result<String, OxlinError> {
        let path = format!(
            "/providers/{}/channel_definitions/{}/authorize_url",
            seg(provider_id),
            seg(channel_definition_id)
        );
        let answer = self
            .send(with_json(self.api(Method::POST, &path, false), request)?)
            .await?;
        answer
            .location
            .clone()
            .ok_or_else(|| OxlinError::Malformed {
                call: answer.name.clone(),
                reason: "no Location header with the bank's URL".into(),
            })
    }

    /// One page of `GET /connections` (`limit` at most 500).
    pub async fn connections_page(
        &self,
        page: usize,
        limit: usize,
    ) -> Result<Vec<Connection>, OxlinError> {
        let mut call = self.api(Method::GET, "/connections", true);
        call.query = vec![
            ("page".into(), page.to_string()),
            ("limit".into(), limit.clamp(1, MAX_LIMIT).to_string()),
        ];
        self.send(call).await?.json()
    }

    /// `GET /connections`, every page of `page_size`, each connection once (by id).
    pub async fn connections_by_pages_of(
        &self,
        page_size: usize,
    ) -> Result<Vec<Connection>, OxlinError> {
        let limit = page_size.clamp(1, MAX_LIMIT);
        let all = every_page("GET /connections", limit, |page| async move {
            self.connections_page(page, limit).await.map(Page::whole)
        })
        .await?;
        let mut seen = HashSet::new();
        Ok(all
            .into_iter()
            .filter(|c| seen.insert(c.id.clone()))
            .collect())
    }

    /// `GET /connections`: all of them.
    pub async fn connections(&self) -> Result<Vec<Connection>, OxlinError> {
        self.connections_by_pages_of(CONNECTION_PAGE).await
    }

    /// `GET /connections/{id}`.
    pub async fn connection(&self, id: &str) -> Result<Connection, OxlinError> {
        let path = format!("/connections/{}", seg(id));
        self.send(self.api(Method::GET, &path, true)).await?.json()
    }

    /// `DELETE /connections/{id}`.
    pub async fn delete_connection(&self, id: &str) -> Result<(), OxlinError> {
        let path = format!("/connections/{}", seg(id));
        self.send(self.api(Method::DELETE, &path, true))
            .await
            .map(drop)
    }

    /// `POST /connections/{id}/sync?type=…`.
    pub async fn sync(&self, id: &str, kind: SyncType) -> Result<(), OxlinError> {
        let path = format!("/connections/{}/sync", seg(id));
        let mut call = self.api(Method::POST, &path, false);
        call.query = vec![("type".into(), kind.as_str().to_owned())];
        self.send(call).await.map(drop)
    }

    /// `POST /connections/{id}/channels/{cdid}/user_input`.
    pub async fn user_input(
        &self,
        connection_id: &str,
        channel_definition_id: &str,
        answers: &UserInputRequest,
    ) -> Result<(), OxlinError> {
        let path = format!(
            "/connections/{}/channels/{}/user_input",
            seg(connection_id),
            seg(channel_definition_id)
        );
        self.send(with_json(self.api(Method::POST, &path, false), answers)?)
            .await
            .map(drop)
    }

    /// `PUT /connections/{id}/consents`: true → synced, false → deleted.
    pub async fn consents(
        &self,
        connection_id: &str,
        decisions: &[ConsentDecision],
    ) -> Result<(), OxlinError> {
        let path = format!("/connections/{}/consents", seg(connection_id));
        let body = ConsentsRequest {
            consents: decisions.to_vec(),
        };
        self.send(with_json(self.api(Method::PUT, &path, true), &body)?)
            .await
            .map(drop)
    }
}
