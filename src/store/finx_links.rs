//! Where a finX link lives: one row of `finx_links` per bank access linked through the finX
//! widget, with the refresh token that keeps it alive, the finX server (`api_url`) and app
//! (`client_id`) it belongs to, when it was last refreshed and when it ends (90 days later,
//! `finx::tokens::access_ends`).
//!
//! The refresh token rotates at every refresh and the old one is spent, so each new one is
//! written by [`Store::keep_finx_token`] in its own committed transaction, synced to disk
//! (`synchronous = FULL` for it, as `Store::set_secrets` does), before anything uses it.
//!
//! Docs gap (ours): finX says nothing of where a client keeps its tokens. The token lives in
//! this table, in the store file (`0600`, in a `0700` data dir, like the Oxlin session's `file`
//! place), or in the OS keyring when `[session] store` says so: the row then holds an empty
//! token (never the secret) and its `place` column records where the token is (the line of a
//! `sync::session::Place`, which this layer keeps without reading; NULL is the row:
//! [`Store::keep_finx_token_elsewhere`], decided in `sync::finx::token_place`). A link is keyed
//! by a local `link_id` (the `id` of the widget link that made it) because the access id is
//! only known once the accounts are read; [`Store::set_finx_access_id`] records it then. Links
//! are listed per server and app, so a sandbox link is never sent to a real host.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use secrecy::{ExposeSecret, SecretString};

use super::{Store, StoreError};
use crate::finx::tokens::access_ends;

/// Whose a finX link is: its local id, and the finX server and app it was made with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinxLinkOwner {
    /// The local id of the link (the widget link's `id`).
    pub link_id: String,
    /// The finX API the link was made on.
    pub api_url: String,
    /// The app (client id) that made it.
    pub client_id: String,
}

/// One linked finX access, as stored.
#[derive(Debug, Clone)]
pub struct FinxLink {
    /// Whose it is.
    pub owner: FinxLinkOwner,
    /// finX's access id, once the accounts were read.
    pub access_id: Option<String>,
    /// The current refresh token (a secret: never printed, `Debug` hides it); empty when it
    /// lives elsewhere (`place`).
    pub refresh_token: SecretString,
    /// Where the token lives when not in this row (a recorded place line, never the token);
    /// `None`: in `refresh_token`.
    pub place: Option<String>,
    /// When it was linked.
    pub linked_at: DateTime<Utc>,
    /// When its token was last refreshed.
    pub refreshed_at: Option<DateTime<Utc>>,
    /// When the access ends unless refreshed again.
    pub access_ends: Option<DateTime<Utc>>,
}

fn instant(seconds: Option<i64>) -> Option<DateTime<Utc>> {
    seconds.and_then(|s| DateTime::from_timestamp(s, 0))
}

/// The columns [`link_row`] reads, in its order.
const LINK_COLUMNS: &str =
    "link_id, access_id, refresh_token, linked_at, refreshed_at, access_ends, place";

/// One `finx_links` row of this server and app.
fn link_row(r: &rusqlite::Row, api_url: &str, client_id: &str) -> rusqlite::Result<FinxLink> {
    Ok(FinxLink {
        owner: FinxLinkOwner {
            link_id: r.get(0)?,
            api_url: api_url.to_owned(),
            client_id: client_id.to_owned(),
        },
        access_id: r.get(1)?,
        refresh_token: SecretString::from(r.get::<_, String>(2)?),
        linked_at: instant(r.get(3)?).unwrap_or_default(),
        refreshed_at: instant(r.get(4)?),
        access_ends: instant(r.get(5)?),
        place: r.get(6)?,
    })
}

impl Store {
    /// Every finX link made on `api_url` by `client_id`, oldest first.
    pub fn finx_links(&self, api_url: &str, client_id: &str) -> Result<Vec<FinxLink>, StoreError> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {LINK_COLUMNS} FROM finx_links WHERE api_url = ?1 AND client_id = ?2
             ORDER BY linked_at, link_id"
        ))?;
        let rows =
            statement.query_map([api_url, client_id], |r| link_row(r, api_url, client_id))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// `owner`'s link, if it is stored.
    pub fn finx_link(&self, owner: &FinxLinkOwner) -> Result<Option<FinxLink>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {LINK_COLUMNS} FROM finx_links
                 WHERE link_id = ?1 AND api_url = ?2 AND client_id = ?3"
            ))?
            .query_row([&owner.link_id, &owner.api_url, &owner.client_id], |r| {
                link_row(r, &owner.api_url, &owner.client_id)
            })
            .optional()?)
    }

    /// Removes `owner`'s link, giving it back (to remove its token where it lives); `None` when
    /// it was not stored.
    pub fn delete_finx_link(&self, owner: &FinxLinkOwner) -> Result<Option<FinxLink>, StoreError> {
        let link = self.finx_link(owner)?;
        if link.is_some() {
            self.conn.execute(
                "DELETE FROM finx_links WHERE link_id = ?1 AND api_url = ?2 AND client_id = ?3",
                [&owner.link_id, &owner.api_url, &owner.client_id],
            )?;
        }
        Ok(link)
    }

    /// The refresh token kept in `owner`'s row; `None` when there is no such link or its token
    /// lives elsewhere (`FinxLink::place`).
    pub fn finx_refresh_token(
        &self,
        owner: &FinxLinkOwner,
    ) -> Result<Option<SecretString>, StoreError> {
        Ok(self
            .finx_link(owner)?
            .map(|link| link.refresh_token)
            .filter(|token| !token.expose_secret().is_empty()))
    }

    /// Keeps `token` as `owner`'s refresh token, in the row, refreshed at `at` (the link is
    /// created by its first token), in one committed transaction synced to disk before this
    /// returns.
    pub fn keep_finx_token(
        &self,
        owner: &FinxLinkOwner,
        token: &SecretString,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write_finx_link(owner, token.expose_secret(), None, at)
    }

    /// Records that `owner`'s refresh token, refreshed at `at`, was kept at `place` (a place
    /// line, not the token): the row's token is emptied in the same committed, synced write.
    pub fn keep_finx_token_elsewhere(
        &self,
        owner: &FinxLinkOwner,
        place: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write_finx_link(owner, "", Some(place), at)
    }

    fn write_finx_link(
        &self,
        owner: &FinxLinkOwner,
        token: &str,
        place: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if owner.link_id.is_empty() {
            return Err(StoreError::Invalid("a finX link without an id".into()));
        }
        self.conn.execute_batch("PRAGMA synchronous = FULL")?;
        let written = self.conn.execute(
            "INSERT INTO finx_links (link_id, api_url, client_id, refresh_token, linked_at,
               refreshed_at, access_ends, place)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7)
             ON CONFLICT(link_id) DO UPDATE SET api_url = excluded.api_url,
               client_id = excluded.client_id, refresh_token = excluded.refresh_token,
               refreshed_at = excluded.refreshed_at, access_ends = excluded.access_ends,
               place = excluded.place",
            params![
                owner.link_id,
                owner.api_url,
                owner.client_id,
                token,
                at.timestamp(),
                access_ends(at).map(|end| end.timestamp()),
                place,
            ],
        );
        self.conn.execute_batch("PRAGMA synchronous = NORMAL")?;
        written?;
        Ok(())
    }

    /// Records finX's access id of the link `link_id` (known once its accounts are read).
    pub fn set_finx_access_id(&self, link_id: &str, access_id: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE finx_links SET access_id = ?2 WHERE link_id = ?1",
            [link_id, access_id],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
