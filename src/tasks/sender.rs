//! `MsgSender`: the one way background tasks talk to the UI. It wraps the unbounded channel the
//! loop reads; a send to a closed channel (the UI has quit) is logged and dropped, never a
//! panic, so a task finishing after the loop ended is harmless.
//!
//! Background tasks are started with [`MsgSender::spawn`]: a task that panics answers the UI
//! with a failure (`ApiEvent::Failed` with `CallFailure::Internal`) and the panic goes to the log,
//! so the loop goes on and the user hears about it (tokio alone would drop the panic silently
//! and leave the screen waiting for an answer that never comes).
//!
//! The sender also knows the language of the UI it talks to ([`MsgSender::speaking`]), so a
//! task's notice (`ApiEvent::Notice`, a failure's words) reaches the screen in that language
//! without every task carrying it. Choice (ours): the language is fixed at start, like the
//! model's.

use std::future::Future;
use std::panic::AssertUnwindSafe;

use futures_util::FutureExt;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::task::JoinHandle;

use crate::app::{ApiEvent, Msg};
use crate::domain::CallFailure;
use crate::i18n::Lang;

/// A cloneable handle that sends `Msg`s to the loop.
#[derive(Debug, Clone)]
pub struct MsgSender {
    tx: UnboundedSender<Msg>,
    lang: Lang,
}

impl MsgSender {
    /// A sender and the receiver the loop reads (its notices in English until
    /// [`MsgSender::speaking`] says otherwise).
    pub fn channel() -> (Self, UnboundedReceiver<Msg>) {
        let (tx, rx) = unbounded_channel();
        let lang = Lang::default();
        (MsgSender { tx, lang }, rx)
    }

    /// The same sender, its tasks' notices in `lang`.
    pub fn speaking(self, lang: Lang) -> Self {
        MsgSender { lang, ..self }
    }

    /// The language of the UI this sender talks to (for a task's notice).
    pub fn lang(&self) -> Lang {
        self.lang
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

    /// Runs `task` on tokio. If it panics, the panic is logged and the UI gets
    /// `ApiEvent::Failed` saying coffre failed while `doing` (e.g. "loading the dashboard").
    /// Aborting the returned handle cancels the task without any message.
    pub fn spawn<F>(&self, doing: &'static str, task: F) -> JoinHandle<()>
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let sender = self.clone();
        tokio::spawn(async move {
            if let Err(panic) = AssertUnwindSafe(task).catch_unwind().await {
                let message = crate::terminal::panic_message(panic.as_ref());
                tracing::error!("a background task stopped while {doing}: {message}");
                sender.api(ApiEvent::Failed {
                    connection: None,
                    error: CallFailure::Internal(doing.to_owned()),
                });
            }
        })
    }

    /// Runs the blocking `work` (the store, an export) on tokio's blocking pool; a panic is
    /// answered like one of [`MsgSender::spawn`].
    pub fn spawn_blocking<F>(&self, doing: &'static str, work: F)
    where
        F: FnOnce() + Send + 'static,
    {
        let handle = tokio::task::spawn_blocking(work);
        self.spawn(doing, async move {
            if let Err(e) = handle.await
                && let Ok(panic) = e.try_into_panic()
            {
                std::panic::resume_unwind(panic);
            }
        });
    }

    /// True once the loop has stopped reading.
    pub fn is_closed(&self) -> bool {
        self.tx.is_closed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// The next message, or `None` after 5 s without one.
    async fn next(rx: &mut UnboundedReceiver<Msg>) -> Option<Msg> {
        tokio::time::timeout(Duration::from_secs(5), rx.recv())
            .await
            .ok()
            .flatten()
    }

    #[test]
    fn sending_after_the_ui_quit_is_harmless() {
        let (sender, rx) = MsgSender::channel();
        drop(rx);
        assert!(sender.is_closed());
        sender.send(Msg::Resized(1, 1));
    }

    #[tokio::test]
    async fn a_task_that_panics_answers_with_a_failure_and_the_next_task_still_runs() {
        let (sender, mut rx) = MsgSender::channel();
        sender.spawn("loading the dashboard", async { panic!("boom") });
        let failure = next(&mut rx).await.expect("an answer");
        let Msg::Api(ApiEvent::Failed { connection, error }) = failure else {
            panic!("expected a failure, got {failure:?}");
        };
        assert_eq!(connection, None);
        assert_eq!(error, CallFailure::Internal("loading the dashboard".into()));
        let again = sender.clone();
        sender.spawn("resizing", async move { again.send(Msg::Resized(2, 3)) });
        assert!(matches!(next(&mut rx).await, Some(Msg::Resized(2, 3))));
    }

    #[tokio::test]
    async fn blocking_work_that_panics_answers_with_a_failure() {
        let (sender, mut rx) = MsgSender::channel();
        sender.spawn_blocking("exporting", || panic!("disk on fire"));
        let failure = next(&mut rx).await.expect("an answer");
        assert!(
            matches!(
                &failure,
                Msg::Api(ApiEvent::Failed { error: CallFailure::Internal(doing), .. })
                    if doing == "exporting"
            ),
            "{failure:?}"
        );
    }

    #[tokio::test]
    async fn a_cancelled_task_sends_nothing() {
        let (sender, mut rx) = MsgSender::channel();
        let task = sender.spawn("waiting", std::future::pending());
        task.abort();
        assert!(task.await.unwrap_err().is_cancelled());
        drop(sender);
        assert!(rx.recv().await.is_none());
    }
}
