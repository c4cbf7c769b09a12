//! The REDIRECT callback against the sandbox: coffre's loopback listener takes only the
//! callback carrying the `redirect_state` it sent with `authorize_url` (the sandbox gives it back
//! as `state`, as Oxlin does). Forged callbacks from another local process are answered "ignored"
//! and the real approval at the bank still completes.

use coffre::oxlin::wire::AuthorizeUrlRequest;
use coffre::tasks::redirect::browser_return::ReturnAddress;
use coffre::tasks::redirect::{LoopbackReturn, new_state, outcome};
use tokio::net::TcpListener;

use crate::support::oxlin_sandbox::{DEADLINE, sandbox_and_user};

/// A browser that does not follow redirects (each hop is looked at).
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_callbacks_are_ignored_and_the_real_approval_still_completes() {
    let (sandbox, client) = sandbox_and_user("forged@example.com").await;
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let callback = format!("http://{}/callback", listener.local_addr().unwrap());
    let state = new_state();
    let request = AuthorizeUrlRequest {
        redirect_uri: Some(callback.clone()),
        redirect_state: Some(state.clone()),
        ..AuthorizeUrlRequest::default()
    };
    let bank = client.authorize_url("87", "8701", &request).await.unwrap();
    let expected = state.clone();
    let port = listener.local_addr().unwrap().port();
    let mut back = LoopbackReturn::serve(listener, ReturnAddress::new(port, expected));
    let waiting = tokio::spawn(async move { outcome::bank_website(&back.next().await) });

    // Any local process: no state, then a guessed one.
    for forged in [
        format!("{callback}?connection_id=999999&status=success"),
        format!("{callback}?connection_id=999999&status=success&state=00000000"),
    ] {
        let page = browser().get(&forged).send().await.unwrap();
        assert_eq!(page.status(), 403, "{forged}");
        assert!(page.text().await.unwrap().contains("ignored"));
    }
    assert!(!waiting.is_finished(), "a forged callback ended the wait");

    // The person approves at the bank; the browser follows the 303 back to the listener.
    let bank_state = url::Url::parse(&bank)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let decision = browser()
        .get(format!(
            "{}/testbank/authorize/decision?state={bank_state}&approve=true",
            sandbox.base_url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(decision.status(), 303);
    let back = decision.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.contains(&format!("state={state}")), "{back}");
    let page = browser()
        .get(&back)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Done"), "{page}");
    let connection = tokio::time::timeout(DEADLINE, waiting)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_ne!(connection, "999999");
    assert_eq!(client.connection(&connection).await.unwrap().id, connection);
}
