//! What every screen draws with: the [`theme`] (colours, NO_COLOR), [`format`] (money, dates,
//! counts) and the shared [`widgets`] (text field with masking, checklist, key hints, help
//! overlay, QR code, sparkline, badges, spinner, status line). Nothing here knows the app's
//! model or its screens: the view that puts the screens together is `crate::app::view`.

pub mod format;
pub mod theme;
pub mod widgets;
