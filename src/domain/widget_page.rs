//! The aggregator's web pages that coffre opens in a browser (widget mode): for Oxlin, its
//! webviews (`/widget/add_connection`, `/widget/edit_credentials` or `/widget/user_input`,
//! `/widget/terms`). The screens show which one waits; the task runner builds its address.

use super::ConnectionId;

/// The Oxlin webview to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WidgetPage {
    /// Add a bank (`/widget/add_connection`; it asks for the terms first when needed).
    AddConnection,
    /// Give a connection's credentials again or answer its bank (`/widget/edit_credentials`,
    /// or `/widget/user_input` when the bank waits for an answer: the runner asks the API).
    Renew(ConnectionId),
    /// Accept Oxlin's terms and conditions (`/widget/terms`).
    Terms,
}
