//! Queue and webhook `Event`s (oxlin-api.md §5.7, §5.8).
//!
//! The type-specific payload lives under the lower-cased `event_type` key (for example
//! `list_accounts_user_input_requested.challenge`); it is lifted into [`Event::payload`] and, when
//! it holds challenges, [`Event::challenges`]; when the event ends a job in failure (`*_FAILED`),
//! its `{"status","message"}` is read into [`Event::failure`].
//!
//! Docs gap: a resource that is not a readable Connection (the docs once print a placeholder) is
//! kept raw as [`EventResource::Other`] rather than rejecting the event. Likewise a failure
//! payload that is not `{"status","message"}` (or has no status) gives a [`JobFailure`] without
//! a status, never an error: an unknown status is kept as [`ChannelStatus::Other`].

use serde::{Deserialize, Serialize};

use super::Extra;
use super::connection::Connection;
use super::open_enum::{ChannelStatus, EventType, ResourceType};
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
    /// Why a job stopped, for a `*_FAILED` event.
    pub failure: Option<JobFailure>,
    pub extra: Extra,
}

/// The payload of a `*_FAILED` event: the channel status the job ended with, and a message.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct JobFailure {
    /// The channel status the job ended with (`AUTH_FAILED`, …).
    #[serde(default)]
    pub status: Option<ChannelStatus>,
    /// The bank's or the server's message (untrusted text).
    #[serde(default)]
    pub message: Option<String>,
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
        let failure = raw.event_type.is_failure().then(|| {
            payload
                .clone()
                .and_then(|value| serde_json::from_value::<JobFailure>(value).ok())
                .unwrap_or_default()
        });
        Ok(Event {
            id: raw.id,
            event_type: raw.event_type,
            resource_type: raw.resource_type,
            creation_date: raw.creation_date,
            channel_definition_id: raw.channel_definition_id,
            resource: raw.resource,
            payload,
            challenges,
            failure,
            extra,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: serde_json::Value) -> Event {
        serde_json::from_value(json).expect("an event")
    }

    #[test]
    fn a_failed_job_carries_its_channel_status_typed() {
        let event = read(serde_json::json!({
            "id": "1", "event_type": "LIST_ACCOUNTS_FAILED",
            "list_accounts_failed": {"status": "AUTH_FAILED", "message": "wrong password"}
        }));
        assert_eq!(event.event_type, EventType::ListAccountsFailed);
        let failure = event.failure.expect("a failure");
        assert_eq!(failure.status, Some(ChannelStatus::AuthFailed));
        assert_eq!(failure.message.as_deref(), Some("wrong password"));
    }

    #[test]
    fn an_unknown_failure_kind_or_status_is_data_not_an_error() {
        let event = read(serde_json::json!({
            "id": "2", "event_type": "REFRESH_FAILED",
            "refresh_failed": {"status": "BANK_ON_FIRE"}
        }));
        assert_eq!(event.event_type, EventType::Other("REFRESH_FAILED".into()));
        let status = event.failure.and_then(|f| f.status);
        assert_eq!(status, Some(ChannelStatus::Other("BANK_ON_FIRE".into())));
    }

    #[test]
    fn a_failure_payload_of_the_wrong_shape_gives_no_status() {
        let event = read(serde_json::json!({
            "id": "3", "event_type": "SYNC_ALL_FAILED", "sync_all_failed": {"status": 42}
        }));
        assert_eq!(event.failure, Some(JobFailure::default()));
        let no_payload = read(serde_json::json!({"id": "4", "event_type": "SYNC_ALL_FAILED"}));
        assert_eq!(no_payload.failure, Some(JobFailure::default()));
        let success = read(serde_json::json!({"id": "5", "event_type": "SYNC_ALL_SUCCESS"}));
        assert_eq!(success.failure, None);
    }
}
