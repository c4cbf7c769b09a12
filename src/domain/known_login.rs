//! Telling whether a bank is already connected with a login: a [`KnownConnection`] (a
//! connection's bank and the login the API shows for it, masked) and
//! [`login_matches_mask`].
//!
//! Docs gap: the API shows an EMBEDDED login only masked (`**mo`, S002), never whole. We
//! chose: a typed login matches a mask when it starts with the mask's visible characters
//! before the first `*` and ends with those after the last `*` (so `dev` matches `**v` and
//! `**ev`). Two logins of one bank that end alike would be taken for one: the form says so and
//! lets the user connect anyway (Ctrl+N).

use super::ids::ConnectionId;

/// A connection the user already has, as the duplicate check needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownConnection {
    /// Its id.
    pub id: ConnectionId,
    /// Its bank's provider id.
    pub provider_id: Option<String>,
    /// Its bank's name.
    pub bank: String,
    /// The login the API shows for it, masked (`**ev`).
    pub login: Option<String>,
}

impl KnownConnection {
    /// True when `login`, typed for `provider_id`, is (as far as the mask tells) this one's.
    pub fn same_login(&self, provider_id: &str, login: &str) -> bool {
        self.provider_id.as_deref() == Some(provider_id)
            && self
                .login
                .as_deref()
                .is_some_and(|mask| login_matches_mask(login, mask))
    }
}

/// True when `typed` could be the login the API masked as `mask` (see the module doc). A mask
/// without any `*` must be equal; a mask of stars only tells nothing and matches nothing.
pub fn login_matches_mask(typed: &str, mask: &str) -> bool {
    let Some(first) = mask.find('*') else {
        return typed == mask;
    };
    let last = mask.rfind('*').unwrap_or(first);
    let (prefix, suffix) = (&mask[..first], &mask[last + 1..]);
    if prefix.is_empty() && suffix.is_empty() {
        return false;
    }
    typed.chars().count() >= prefix.chars().count() + suffix.chars().count()
        && typed.starts_with(prefix)
        && typed.ends_with(suffix)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_login_matches_its_mask_and_another_does_not() {
        assert!(login_matches_mask("dev", "**v"));
        assert!(login_matches_mask("demo", "**mo"));
        assert!(!login_matches_mask("alice", "**mo"));
        assert!(!login_matches_mask("anything", "****"));
        assert!(login_matches_mask("exact", "exact"));
    }

    proptest! {
        /// Masked as the API does (stars, then at most the last two characters), a login
        /// always matches its own mask.
        #[test]
        fn every_login_matches_its_own_mask(login in "[a-zA-Z0-9._@-]{1,24}", shown in 1usize..=2) {
            let chars: Vec<char> = login.chars().collect();
            let keep = shown.min(chars.len());
            let mask: String = "**".chars().chain(chars[chars.len() - keep..].iter().copied()).collect();
            prop_assert!(login_matches_mask(&login, &mask), "{login} {mask}");
        }
    }
}
