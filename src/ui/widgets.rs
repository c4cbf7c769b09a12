//! Reusable widgets: plain structs with methods plus a `render`, no trait objects.

pub mod badge;
pub mod checklist;
pub mod help_overlay;
pub mod key_hints;
pub mod qr;
pub mod rule_words;
pub mod sparkline;
pub mod spinner;
pub mod status_line;
pub mod text_field;
