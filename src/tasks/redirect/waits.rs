//! The browser waits in progress, REDIRECT channels and widget pages alike: each is one task,
//! registered under its request id so that `CancelRedirect` aborts it (dropping its loopback
//! listener) and a pasted address reaches it. [`ReturnWait`] is what such a task waits on: the
//! loopback callback or a pasted address, whichever comes first with this flow's state; a pasted
//! address that is not the answer is refused with a typed reason
//! ([`BrowserEvent::PasteRefused`]), and the wait goes on.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::mpsc;
use tokio::task::AbortHandle;

use super::browser_return::{BrowserReturn, ReturnAddress};
use super::callback::LoopbackReturn;
use crate::app::Msg;
use crate::app::widget::BrowserEvent;
use crate::tasks::sender::MsgSender;

/// The registry of running waits (shared by the runner's clones).
#[derive(Debug, Clone, Default)]
pub struct Waits {
    running: Arc<Mutex<HashMap<u64, Registered>>>,
}

#[derive(Debug)]
struct Registered {
    task: AbortHandle,
    pasted: mpsc::UnboundedSender<String>,
}

impl Waits {
    /// A channel for the addresses pasted into wait `request` (register its task with it).
    pub fn paste_channel() -> (
        mpsc::UnboundedSender<String>,
        mpsc::UnboundedReceiver<String>,
    ) {
        mpsc::unbounded_channel()
    }

    /// Keeps wait `request` (its task and where pasted addresses go).
    pub fn register(&self, request: u64, task: AbortHandle, pasted: mpsc::UnboundedSender<String>) {
        if let Ok(mut map) = self.running.lock() {
            map.retain(|_, w| !w.task.is_finished());
            map.insert(request, Registered { task, pasted });
        }
    }

    /// Stops wait `request` (its listener closes with it).
    pub fn cancel(&self, request: u64) {
        if let Ok(mut map) = self.running.lock()
            && let Some(wait) = map.remove(&request)
        {
            wait.task.abort();
        }
    }

    /// Hands a pasted address to wait `request`; `false` when it is not waiting any more.
    pub fn paste(&self, request: u64, address: String) -> bool {
        let Ok(map) = self.running.lock() else {
            return false;
        };
        map.get(&request)
            .filter(|w| !w.task.is_finished())
            .is_some_and(|w| w.pasted.send(address).is_ok())
    }
}

/// What one flow waits on: its loopback callback and the addresses pasted for it.
#[derive(Debug)]
pub struct ReturnWait {
    loopback: LoopbackReturn,
    pasted: mpsc::UnboundedReceiver<String>,
    sender: MsgSender,
    request: u64,
}

impl ReturnWait {
    /// Listens on a fresh loopback port; pasted addresses arrive on `pasted`.
    pub async fn bind(
        pasted: mpsc::UnboundedReceiver<String>,
        sender: MsgSender,
        request: u64,
    ) -> std::io::Result<Self> {
        Ok(ReturnWait {
            loopback: LoopbackReturn::bind().await?,
            pasted,
            sender,
            request,
        })
    }

    /// Where the browser is to be sent back.
    pub fn address(&self) -> &ReturnAddress {
        self.loopback.address()
    }

    /// The next answer with this flow's state, from the loopback or pasted (a wrong paste is
    /// answered with `PasteRefused` and changes nothing).
    pub async fn next(&mut self) -> BrowserReturn {
        loop {
            tokio::select! {
                answer = self.loopback.next() => return answer,
                Some(text) = self.pasted.recv() => {
                    match self.loopback.address().check_pasted(&text) {
                        Ok(answer) => return answer,
                        Err(refused) => self.sender.send(Msg::Browser(BrowserEvent::PasteRefused {
                            request: self.request,
                            reason: refused.reason().clone(),
                        })),
                    }
                }
            }
        }
    }
}
