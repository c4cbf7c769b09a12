//! Where a saved session lives: what the configuration asks for ([`SessionStore`], the
//! `[session] store` setting, defined in `crate::config::session`) and where the token of the session saved now is ([`Place`],
//! recorded in the store beside the token's owner, so that every process, the TUI and a cron
//! `coffre sync` alike, looks in the same place).
//!
//! Choices (ours): the place is decided when a session is first saved for its owner
//! ([`Place::for_new_session`]) and kept while the configuration allows it, so that a cron job
//! that cannot reach the keyring never moves the TUI's session away (nor the TUI cron's); an
//! explicit `keyring` or `file` moves an existing session there at its next rotation. `auto`
//! keeps a loopback server's session (the sandbox, throwaway, on a new port every run) in the
//! store: a test suite or a demo never fills the user's keyring.

pub use crate::config::{SessionSection, SessionStore};

/// Where the current session's refresh token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// In the store's `secrets` table.
    Store,
    /// In the OS keyring, under this account name (service [`super::os_keyring::SERVICE`]).
    Keyring(String),
}

/// The prefix of a recorded keyring place: `"keyring ACCOUNT"`.
const KEYRING_PREFIX: &str = "keyring ";

impl Place {
    /// The recorded form (not a secret: it names where, never what).
    pub fn line(&self) -> String {
        match self {
            Place::Store => "store".to_owned(),
            Place::Keyring(account) => format!("{KEYRING_PREFIX}{account}"),
        }
    }

    /// Reads a recorded place; anything unknown (or nothing, as older coffres wrote) is the
    /// store, where those kept it.
    pub fn parse(line: Option<&str>) -> Place {
        match line.and_then(|l| l.strip_prefix(KEYRING_PREFIX)) {
            Some(account) if !account.is_empty() => Place::Keyring(account.to_owned()),
            _ => Place::Store,
        }
    }

    /// Where a session saved now should live, given where the last one of this owner lives
    /// (`current`, `None` when there is none), the configuration's choice, whether the server is
    /// a loopback one (the sandbox), and whether the keyring answers (`reachable`, asked only
    /// when needed). `Err` when the configuration asks for the keyring and it cannot be
    /// reached.
    pub fn decide(
        current: Option<&Place>,
        choice: SessionStore,
        loopback: bool,
        account: &str,
        reachable: impl FnOnce() -> Result<(), String>,
    ) -> Result<Place, String> {
        let keyring = Place::Keyring(account.to_owned());
        match (choice, current) {
            (SessionStore::File, _) => Ok(Place::Store),
            (SessionStore::Keyring, Some(place @ Place::Keyring(_))) => Ok(place.clone()),
            (SessionStore::Keyring, _) => reachable().map(|()| keyring),
            (SessionStore::Auto, Some(place)) => Ok(place.clone()),
            (SessionStore::Auto, None) if loopback => Ok(Place::Store),
            (SessionStore::Auto, None) => Ok(match reachable() {
                Ok(()) => keyring,
                Err(why) => {
                    tracing::info!("the session is kept in the store: no OS keyring ({why})");
                    Place::Store
                }
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn up() -> Result<(), String> {
        Ok(())
    }

    fn down() -> Result<(), String> {
        Err("no session bus".into())
    }

    fn keyring() -> Place {
        Place::Keyring("acct".into())
    }

    const FILE: &str = "[oxlin]\nauth_url = \"https://auth\"\napi_url = \"https://api\"\n\
                        client_id = \"c\"\nclient_secret = \"hunter2-secret\"\n";

    #[test]
    fn session_store_is_auto_unless_the_file_says_keyring_or_file_and_a_typo_names_its_line() {
        assert_eq!(
            crate::config::parse(FILE).unwrap().session_store(),
            SessionStore::Auto
        );
        for (word, store) in [
            ("auto", SessionStore::Auto),
            ("keyring", SessionStore::Keyring),
            ("file", SessionStore::File),
        ] {
            let text = format!("{FILE}\n[session]\nstore = \"{word}\"\n");
            assert_eq!(
                crate::config::parse(&text).unwrap().session_store(),
                store,
                "{word}"
            );
        }
        let typo = format!("{FILE}\n[session]\nstore = \"keychain\"\n");
        let error = crate::config::parse(&typo).unwrap_err();
        assert!(error.contains("keychain"), "{error}");
        assert!(error.contains("line"), "{error}");
        assert!(!error.contains("hunter2-secret"), "{error}");
    }

    #[test]
    fn auto_keeps_a_first_session_in_the_keyring_only_when_one_answers() {
        let auto = SessionStore::Auto;
        assert_eq!(Place::decide(None, auto, false, "acct", up), Ok(keyring()));
        assert_eq!(
            Place::decide(None, auto, false, "acct", down),
            Ok(Place::Store)
        );
        assert_eq!(
            Place::decide(None, auto, true, "acct", up),
            Ok(Place::Store)
        );
    }

    #[test]
    fn auto_never_moves_a_saved_session_whatever_this_process_reaches() {
        let auto = SessionStore::Auto;
        let lives_in_keyring = Some(keyring());
        assert_eq!(
            Place::decide(lives_in_keyring.as_ref(), auto, false, "other", down),
            Ok(keyring())
        );
        let lives_in_store = Some(Place::Store);
        assert_eq!(
            Place::decide(lives_in_store.as_ref(), auto, false, "acct", up),
            Ok(Place::Store)
        );
    }

    #[test]
    fn an_explicit_choice_moves_the_session_and_keyring_without_one_is_an_error() {
        let in_store = Some(Place::Store);
        let in_keyring = Some(keyring());
        let file = SessionStore::File;
        let wanted = SessionStore::Keyring;
        assert_eq!(
            Place::decide(in_keyring.as_ref(), file, false, "acct", up),
            Ok(Place::Store)
        );
        assert_eq!(
            Place::decide(in_store.as_ref(), wanted, true, "acct", up),
            Ok(keyring())
        );
        assert!(Place::decide(in_store.as_ref(), wanted, false, "acct", down).is_err());
    }

    #[test]
    fn a_recorded_place_reads_back_and_older_stores_mean_the_store() {
        assert_eq!(Place::parse(Some(&keyring().line())), keyring());
        assert_eq!(Place::parse(Some(&Place::Store.line())), Place::Store);
        assert_eq!(Place::parse(None), Place::Store);
        assert_eq!(Place::parse(Some("keyring ")), Place::Store);
    }
}
