//! Queue and webhook `Event`s (oxlin-api.md §5.7, §5.8).
//!
//! The type-specific payload lives under the lower-cased `event_type` key (for example
//! `list_accounts_user_input_requested.challenge`); it is lifted into [`Event::payload`] and, when
//! it holds challenges, [`Event::challenges`].
//!
//! Docs gap: a resource that is not a readable Connection (the docs once print a placeholder) is
//! kept raw as [`EventResource::Other`] rather than rejecting the event.

use serde::{Deserialize, Serialize};

use super::Extra;
use super::connection::Connection;
use super::open_enum::{EventType, ResourceType};
use super::provider::Challenge;

/// Something that happened to a resource, read from a queue or a webhook.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "RawEvent")]
pub struct Event {
    pub id: String,
    pub event_type: EventType,
    pub resource_type: Option<ResourceType>,
    pub creation_date: Option<i64>,
    pub channel_definition_id: Option<String>,
    pub resource: Option<EventResource>,
    /// The object found under the lower-cased `event_type` key, if any.
    pub payload: Option<serde_json::Value>,
    /// The challenges of a `*_USER_INPUT_REQUESTED` event, in the order sent.
    pub challenges: Vec<Challenge>,
    pub extra: Extra,
}

/// The resource an event is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum EventResource {
    Connection(Box<Connection>),
    Other(serde_json::Value),
}

impl Event {
    /// The connection the event is about, when it is one.
    pub fn connection(&self) -> Option<&Connection> {
        match &self.resource {
            Some(EventResource::Connection(connection)) => Some(connection),
            _ => None,
        }
    }
}

#[derive(Deserialize)]
struct RawEvent {
    id: String,
    event_type: EventType,
    #[serde(default)]
    resource_type: Option<ResourceType>,
    #[serde(default)]
    creation_date: Option<i64>,
    #[serde(default)]
    channel_definition_id: Option<String>,
    #[serde(default)]
    resource: Option<EventResource>,
    #[serde(flatten)]
    extra: Extra,
}

#[derive(Deserialize)]
struct ChallengePayload {
    #[serde(default)]
    challenge: Vec<Challenge>,
}

impl TryFrom<RawEvent> for Event {
    type Error = String;

    fn try_from(raw: RawEvent) -> Result<Self, Self::Error> {
        let mut extra = raw.extra;
        let key = raw.event_type.payload_key();
        let payload = extra.remove(&key);
        let challenges = match &payload {
            Some(value) if raw.event_type.asks_user_input() => {
                serde_json::from_value::<ChallengePayload>(value.clone())
                    .map_err(|e| format!("`{key}` is not a challenge list: {e}"))?
                    .challenge
            }
            _ => Vec::new(),
        };
        Ok(Event {
            id: raw.id,
            event_type: raw.event_type,
            resource_type: raw.resource_type,
            creation_date: raw.creation_date,
            channel_definition_id: raw.channel_definition_id,
            resource: raw.resource,
            payload,
            challenges,
            extra,
        })
    }
}
