//! The test-bank files shipped in `assets/testbank/`, embedded in the binary.

/// Every shipped file: (name, text). The name is the file name without `.txt`.
pub const KNOWN_FILES: &[(&str, &str)] = &[
    (
        "default",
        include_str!("../../../../assets/testbank/default.txt"),
    ),
    (
        "sanity",
        include_str!("../../../../assets/testbank/sanity.txt"),
    ),
    ("sms", include_str!("../../../../assets/testbank/sms.txt")),
    (
        "sms_every_sync",
        include_str!("../../../../assets/testbank/sms_every_sync.txt"),
    ),
    (
        "large",
        include_str!("../../../../assets/testbank/large.txt"),
    ),
    (
        "wrong_password",
        include_str!("../../../../assets/testbank/wrong_password.txt"),
    ),
    (
        "password_change",
        include_str!("../../../../assets/testbank/password_change.txt"),
    ),
    (
        "user_action",
        include_str!("../../../../assets/testbank/user_action.txt"),
    ),
    (
        "new_accounts",
        include_str!("../../../../assets/testbank/new_accounts.txt"),
    ),
    (
        "provider_error",
        include_str!("../../../../assets/testbank/provider_error.txt"),
    ),
    (
        "medium",
        include_str!("../../../../assets/testbank/medium.txt"),
    ),
    (
        "reconcile",
        include_str!("../../../../assets/testbank/reconcile.txt"),
    ),
];

/// The text of the shipped file `name`, if there is one.
pub fn text(name: &str) -> Option<&'static str> {
    KNOWN_FILES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, text)| *text)
}
