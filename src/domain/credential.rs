//! [`CredentialValue`]: one value the user typed into a bank's credential form, on its way to
//! the aggregator. It holds a secret: the value is a `SecretString` (redacted `Debug`, wiped
//! when dropped).

use secrecy::SecretString;

/// One value to send, by credential id.
#[derive(Debug, Clone)]
pub struct CredentialValue {
    /// The credential id.
    pub id: String,
    /// The value (never printed).
    pub value: SecretString,
    /// Must be encrypted before sending.
    pub encrypt: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_password_never_prints() {
        let value = CredentialValue {
            id: "301".into(),
            value: SecretString::from("hunter2"),
            encrypt: true,
        };
        let printed = format!("{value:?}");
        assert!(!printed.contains("hunter2"), "{printed}");
        assert!(printed.contains("301"));
    }
}
