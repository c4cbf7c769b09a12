//! What the user must do about a connection, in words: one sentence per
//! [`crate::domain::NextAction`].
