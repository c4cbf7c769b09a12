//! `coffre connect finx [--no-browser] [--iban IBAN]`: link a German bank through the finX
//! widget without the TUI. It asks finX for a widget link (`POST /onetime/access`, the IBAN
//! skipping the bank choice) whose `redirect_uri` is a listener on 127.0.0.1 (random port) and
//! whose `state` is fresh and unguessable (`tasks::redirect::new_state`), prints the address
//! (and opens the browser unless `--no-browser`), then waits for the browser's return, from the
//! loopback or pasted on standard input (the browser on another device: its address bar holds
//! the answer). Every return is checked by the widget mode's own reader
//! (`tasks::redirect::browser_return::ReturnAddress`: this flow's path, port and state, or it
//! is refused with a sentence and the wait goes on), served by the same loopback listener
//! (`tasks::redirect::LoopbackReturn`). Then the code is exchanged (the refresh
//! token kept before anything else, where `[session] store` says: `sync::finx::keeper`), the new
//! link is synced (`sync::finx`) and one line is printed.
//!
//! Standard output holds only the address to open and the final line; everything else goes to
//! standard error. Exit codes as `coffre connect oxlin` ([`super::connect::EXIT_CODES_HELP`]).
//!
//! Docs gap (ours): a request that is not this flow's callback is answered 404 or 403 and
//! ignored; a return with this flow's state but none of finX's parameters ends the wait
//! with "not added".

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::AsyncBufReadExt;

use super::connect::ConnectArgs;
use crate::finx::error::FinxError;
use crate::finx::wire::Callback;
use crate::finx::{Client, FinxConfig};
use crate::store::finx_links::FinxLinkOwner;
use crate::store::{self, Store};
use crate::sync::finx::keeper::FinxLinkKeeper;
use crate::sync::lock::SyncLock;
use crate::sync::session::SessionStore;
use crate::tasks::redirect::LoopbackReturn;

/// Why `coffre connect finx` stopped, with its exit code.
struct Stop {
    message: String,
    code: u8,
}

impl Stop {
    fn setup(message: impl ToString) -> Self {
        Stop {
            message: message.to_string(),
            code: 1,
        }
    }

    fn not_added(message: impl ToString) -> Self {
        Stop {
            message: message.to_string(),
            code: 2,
        }
    }

    fn api(error: FinxError) -> Self {
        Stop {
            code: if error.is_transient() { 75 } else { 2 },
            message: error.to_string(),
        }
    }
}

/// Runs `coffre connect finx`.
pub async fn run(args: &ConnectArgs, config: Option<&Path>, data_dir: Option<&Path>) -> ExitCode {
    match connect(args, config, data_dir).await {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(stop) => {
            eprintln!("coffre: {}", stop.message);
            ExitCode::from(stop.code)
        }
    }
}

async fn connect(
    args: &ConnectArgs,
    config: Option<&Path>,
    data_dir: Option<&Path>,
) -> Result<String, Stop> {
    let config = crate::config::load(config).map_err(Stop::setup)?;
    let tokens = config
        .as_ref()
        .map(|c| c.session_store())
        .unwrap_or_default();
    let section = config.and_then(|c| c.finx).ok_or_else(|| {
        Stop::setup(
            "coffre connect finx needs a configuration with a [finx] section (--config FILE)",
        )
    })?;
    let finx = section.client_config().map_err(Stop::setup)?;
    let data_dir = store::resolve_data_dir(data_dir).map_err(Stop::setup)?;
    let store_path = store::store_file(&data_dir, section.is_sandbox());
    let loopback = LoopbackReturn::bind()
        .await
        .map_err(|e| Stop::setup(format!("cannot listen on 127.0.0.1: {e}")))?;
    let address = loopback.address().clone();
    let redirect_uri = address.callback();
    let client = Client::new(finx.clone()).map_err(Stop::api)?;
    let link = client
        .create_access(
            &redirect_uri,
            address.state(),
            None,
            args.iban.as_deref(),
            Some(90),
        )
        .await
        .map_err(Stop::api)?;
    eprintln!(
        "Open this address in a browser ({} s at most). If the browser is on another device, \
         paste here the address it ends on, then Enter:",
        args.timeout
    );
    println!("{}", link.location);
    if !args.no_browser {
        crate::tasks::redirect::open_browser(&link.location);
    }
    let wait = wait_for_return(loopback);
    let callback = tokio::time::timeout(Duration::from_secs(args.timeout), wait)
        .await
        .map_err(|_| Stop::not_added("nothing came back from the browser in time"))??;
    if callback.cancel {
        return Err(Stop::not_added("the link was cancelled in the browser"));
    }
    let code = match (callback.success, callback.code) {
        (true, Some(code)) => code,
        _ => {
            return Err(Stop::not_added(
                "finX did not link the bank (the widget failed)",
            ));
        }
    };
    let owner = FinxLinkOwner {
        link_id: link.id.clone(),
        api_url: finx.api_url.clone(),
        client_id: finx.client_id.clone(),
    };
    let keeper = FinxLinkKeeper::new(&store_path, owner).keeping_in(tokens);
    client.keep_tokens_with(Arc::new(keeper));
    client
        .exchange_code(code, &redirect_uri)
        .await
        .map_err(Stop::api)?;
    sync_new_link(&finx, tokens, &data_dir, &store_path, &link.id).await
}

/// Syncs the link `link_id` just made (its tokens kept where `tokens` says): its one line, as
/// `coffre connect` prints it.
async fn sync_new_link(
    finx: &FinxConfig,
    tokens: SessionStore,
    data_dir: &Path,
    store_path: &Path,
    link_id: &str,
) -> Result<String, Stop> {
    let _lock = SyncLock::acquire(data_dir).map_err(Stop::setup)?;
    let mut store = Store::open(store_path).map_err(Stop::setup)?;
    let now = chrono::Utc::now();
    let lines = crate::sync::finx::sync_some_links(finx, tokens, &mut store, now, |link| {
        link.owner.link_id == link_id
    })
    .await
    .map_err(Stop::setup)?;
    let line = lines
        .into_iter()
        .next()
        .ok_or_else(|| Stop::setup("the new link was not stored"))?;
    if !line.synced {
        return Err(Stop::not_added(format!("linked, but not synced: {line}")));
    }
    Ok(match line.new_transactions {
        1 => format!(
            "{} connected (finX {}): 1 new transaction stored.",
            line.name, line.connection_id
        ),
        n => format!(
            "{} connected (finX {}): {n} new transactions stored.",
            line.name, line.connection_id
        ),
    })
}

/// Waits for this flow's return, from the loopback (`tasks::redirect::LoopbackReturn`, the
/// widget mode's listener) or pasted on standard input; a refused paste is told on standard
/// error and the wait goes on.
async fn wait_for_return(mut loopback: LoopbackReturn) -> Result<Callback, Stop> {
    let mut stdin = tokio::io::BufReader::new(tokio::io::stdin()).lines();
    let mut reading = true;
    loop {
        let answer = tokio::select! {
            answer = loopback.next() => answer,
            line = stdin.next_line(), if reading => match line {
                Ok(Some(pasted)) if !pasted.trim().is_empty() => {
                    match loopback.address().check_pasted(&pasted) {
                        Ok(answer) => answer,
                        Err(refused) => {
                            eprintln!(
                                "Not used: {}",
                                crate::wording::page_failure::page_failure(
                                    refused.reason(),
                                    crate::i18n::Lang::En
                                )
                            );
                            continue;
                        }
                    }
                }
                Ok(Some(_)) => continue,
                Ok(None) | Err(_) => {
                    reading = false;
                    continue;
                }
            },
        };
        return answer.finx.ok_or_else(|| {
            Stop::not_added(
                "the browser came back without finX's answer (no success, code or cancel)",
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::tasks::redirect::browser_return::{Refused, ReturnAddress};
    use proptest::prelude::*;
    use secrecy::ExposeSecret;

    #[test]
    fn a_pasted_final_address_gives_its_code_and_another_attempts_is_refused() {
        let flow = ReturnAddress::new(4242, "s-1");
        let pasted = "127.0.0.1:4242/callback?code=C-9&state=s-1&success=true";
        let callback = flow.check_pasted(pasted).unwrap().finx.unwrap();
        assert!(callback.success && !callback.cancel);
        assert_eq!(callback.code.unwrap().expose_secret(), "C-9");
        let other = "http://127.0.0.1:4242/callback?code=C-9&state=s-0&success=true";
        assert!(matches!(
            flow.check_pasted(other),
            Err(Refused::WrongState(_))
        ));
    }

    proptest! {
        /// Whatever a browser or a user sends back, reading it never panics, and an address
        /// without `success=true` and a code never links a bank.
        #[test]
        fn any_returned_address_is_read_without_panicking(text in "\\PC{0,200}") {
            let flow = ReturnAddress::new(4242, "s-1");
            let linked = flow
                .check_pasted(&text)
                .ok()
                .and_then(|answer| answer.finx)
                .is_some_and(|f| f.success && f.code.is_some());
            if !text.contains("success=true") {
                prop_assert!(!linked);
            }
        }
    }
}
