//! Which channel of a connection a credential form or a bank redirect is for: renewing the
//! channel that needs the user (refused, blocked, or the soonest to expire), or adding the
//! bank's other channel (one the connection has not set up: `NEVER` / `EMPTY`, or not listed).
//!
//! Docs gap, our choice: the API lists every channel definition of the provider on a
//! connection (seed 002's connection 18902 shows a `NEVER` REDIRECT and an `EMPTY` EMBEDDED
//! channel), so "set up" means any other status.

use crate::app::ApiEvent;
use crate::domain::ConnectionId;
use crate::i18n::Lang;
use crate::oxlin::client::Client;
use crate::oxlin::error::OxlinError;
use crate::oxlin::to_domain;
use crate::oxlin::wire::{Channel, ChannelStatus};

/// What the channel is wanted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelPurpose {
    /// Give the credentials of a channel in use again.
    Renew,
    /// Set up a channel the connection does not use yet.
    AddOther,
}

/// The form (or redirect) to open for `connection`, as a `RenewalReady` event; `Notice` when the
/// bank has no other channel to add (in `lang`).
pub async fn channel_for(
    client: &Client,
    connection: &ConnectionId,
    purpose: ChannelPurpose,
    lang: Lang,
) -> Result<ApiEvent, OxlinError> {
    let wire = client.connection(connection.raw()).await?;
    let provider_id = wire
        .provider_id
        .clone()
        .ok_or_else(|| OxlinError::NotFound("the connection names no bank".into()))?;
    let provider = to_domain::provider(&client.provider(&provider_id).await?);
    let chosen = match purpose {
        ChannelPurpose::Renew => to_renew(&wire.channels)
            .map(|c| c.channel_definition_id.clone())
            .or_else(|| provider.channels.first().map(|c| c.id.clone())),
        ChannelPurpose::AddOther => provider
            .channels
            .iter()
            .find(|def| {
                wire.channels
                    .iter()
                    .find(|c| c.channel_definition_id == def.id)
                    .is_none_or(is_unused)
            })
            .map(|def| def.id.clone()),
    };
    let Some(channel) = chosen.and_then(|id| provider.channels.iter().find(|c| c.id == id)) else {
        return Ok(match purpose {
            ChannelPurpose::AddOther => ApiEvent::Notice(
                rust_i18n::t!(
                    "notice.every_channel_set_up",
                    locale = lang.code(),
                    bank = provider.name
                )
                .into(),
            ),
            ChannelPurpose::Renew => {
                return Err(OxlinError::NotFound("the bank offers no channel".into()));
            }
        });
    };
    Ok(ApiEvent::RenewalReady {
        connection: connection.clone(),
        channel: Box::new(channel.clone()),
        provider: Box::new(provider),
    })
}

fn is_unused(channel: &Channel) -> bool {
    matches!(
        channel.status,
        None | Some(ChannelStatus::Never | ChannelStatus::Empty)
    )
}

/// The channel in use that needs the user, else the one in use that expires first.
fn to_renew(channels: &[Channel]) -> Option<&Channel> {
    let in_use = || channels.iter().filter(|c| !is_unused(c));
    in_use()
        .find(|c| {
            matches!(
                c.status,
                Some(
                    ChannelStatus::AuthFailed
                        | ChannelStatus::TooManyAttempts
                        | ChannelStatus::PasswordChangeRequired
                        | ChannelStatus::ChallengeTimedOut
                        | ChannelStatus::ChallengeFailed
                        | ChannelStatus::ChallengeCancelled
                )
            )
        })
        .or_else(|| in_use().min_by_key(|c| c.expires.unwrap_or(i64::MAX)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn channel(id: &str, status: &str, expires: Option<i64>) -> Channel {
        serde_json::from_value(serde_json::json!({
            "channel_definition_id": id, "status": status, "expires": expires
        }))
        .expect("a channel")
    }

    #[test]
    fn renewing_skips_channels_never_set_up() {
        let channels = [
            channel("8701", "NEVER", None),
            channel("13400", "SUCCESS", None),
        ];
        assert_eq!(to_renew(&channels).unwrap().channel_definition_id, "13400");
    }

    #[test]
    fn renewing_prefers_the_refused_channel_then_the_soonest_expiry() {
        let refused = [
            channel("a", "SUCCESS", Some(10)),
            channel("b", "AUTH_FAILED", None),
        ];
        assert_eq!(to_renew(&refused).unwrap().channel_definition_id, "b");
        let expiring = [
            channel("a", "SUCCESS", Some(20)),
            channel("b", "SUCCESS", Some(10)),
        ];
        assert_eq!(to_renew(&expiring).unwrap().channel_definition_id, "b");
    }

    #[test]
    fn empty_and_never_channels_count_as_unused() {
        assert!(is_unused(&channel("x", "EMPTY", None)));
        assert!(is_unused(&channel("x", "NEVER", None)));
        assert!(!is_unused(&channel("x", "AUTH_FAILED", None)));
    }
}
