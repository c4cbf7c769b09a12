//! `MsgSender`: the one way background tasks talk to the UI. It wraps the unbounded channel the
//! loop reads; a send to a closed channel (the UI has quit) is logged and dropped, never a
//! panic, so a task finishing after the loop ended is harmless.

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use crate::app::{ApiEvent, Msg};

/// A cloneable handle that sends `Msg`s to the loop.
#[derive(Debug, Clone)]
pub struct MsgSender {
    tx: UnboundedSender<Msg>,
}

impl MsgSender {
    /// A sender and the receiver the loop reads.
    pub fn channel() -> (Self, UnboundedReceiver<Msg>) {
        let (tx, rx) = unbounded_channel();
        (MsgSender { tx }, rx)
    }

    /// Sends a message; a closed channel is logged, not an error.
    pub fn send(&self, msg: Msg) {
        if self.tx.send(msg).is_err() {
            tracing::debug!("the UI is gone; a task result was dropped");
        }
    }

    /// Sends an API result.
    pub fn api(&self, event: ApiEvent) {
        self.send(Msg::Api(event));
    }

    /// True once the loop has stopped reading.
    pub fn is_closed(&self) -> bool {
        self.tx.is_closed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sending_after_the_ui_quit_is_harmless() {
        let (sender, rx) = MsgSender::channel();
        drop(rx);
        assert!(sender.is_closed());
        sender.send(Msg::Resized(1, 1));
    }
}
