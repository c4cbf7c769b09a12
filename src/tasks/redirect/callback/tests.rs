use std::time::Instant;

use proptest::prelude::*;

use super::*;

const STATE: &str = "0123456789abcdef0123456789abcdef";

async fn listening() -> (LoopbackReturn, u16) {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let flow = LoopbackReturn::serve(listener, ReturnAddress::new(port, STATE));
    (flow, port)
}

async fn get(port: u16, target: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let req = format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).await.unwrap();
    out
}

#[tokio::test]
async fn the_bank_sends_the_browser_back_with_the_connection() {
    let (mut flow, port) = listening().await;
    assert!(get(port, "/favicon.ico").await.starts_with("HTTP/1.1 404"));
    let page = get(
        port,
        &format!("/callback?connection_id=42&status=success&state={STATE}"),
    )
    .await;
    assert!(page.contains("Done"), "{page}");
    let answer = flow.next().await;
    assert_eq!(answer.connection_id.as_deref(), Some("42"));
    assert_eq!(answer.status.as_deref(), Some("success"));
}

#[tokio::test]
async fn a_refusal_at_the_bank_comes_back_with_its_reason() {
    let (mut flow, port) = listening().await;
    let page = get(
        port,
        &format!("/callback?status=error&error=access_denied&state={STATE}"),
    )
    .await;
    assert!(page.contains("Go back to coffre"), "{page}");
    let answer = flow.next().await;
    assert_eq!(answer.status.as_deref(), Some("error"));
    assert_eq!(answer.error.as_deref(), Some("access_denied"));
}

#[tokio::test]
async fn forged_callbacks_without_the_state_are_ignored_and_the_wait_goes_on() {
    let (mut flow, port) = listening().await;
    for forged in [
        "/callback?connection_id=999999&status=success".to_string(),
        "/callback?connection_id=999999&status=success&state=guess".to_string(),
        format!("/callback?connection_id=999999&status=success&state={STATE}x"),
        "/callback?status=error&error=access_denied".to_string(),
    ] {
        let page = get(port, &forged).await;
        assert!(page.starts_with("HTTP/1.1 403"), "{forged}: {page}");
        assert!(page.contains("ignored"), "{page}");
    }
    let early = tokio::time::timeout(Duration::from_millis(100), flow.next()).await;
    assert!(early.is_err(), "a forged callback ended the wait");
    get(
        port,
        &format!("/callback?connection_id=7&status=success&state={STATE}"),
    )
    .await;
    assert_eq!(flow.next().await.connection_id.as_deref(), Some("7"));
}

#[tokio::test]
async fn a_slow_connection_does_not_hold_up_the_real_callback() {
    let (mut flow, port) = listening().await;
    // Two silent connections (a browser's pre-connection, a stuck local process) come first.
    let mut silent = Vec::new();
    for _ in 0..2 {
        let mut s = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        s.write_all(b"GET /callback?sta").await.unwrap();
        silent.push(s);
    }
    tokio::time::sleep(Duration::from_millis(50)).await;
    let started = Instant::now();
    let page = get(
        port,
        &format!("/callback?connection_id=8&status=success&state={STATE}"),
    )
    .await;
    let answer = tokio::time::timeout(Duration::from_secs(2), flow.next())
        .await
        .expect("the real callback waited behind the slow ones");
    assert!(page.contains("Done"), "{page}");
    assert_eq!(answer.connection_id.as_deref(), Some("8"));
    // Served at once, not after the slow connections' 5 s head timeout.
    assert!(
        started.elapsed() < HEAD_TIMEOUT / 2,
        "{:?}",
        started.elapsed()
    );
    drop(silent);
}

#[test]
fn each_flow_gets_its_own_unguessable_state() {
    let (a, b) = (new_state(), new_state());
    assert_ne!(a, b);
    assert_eq!(a.len(), 32);
    assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
}

#[test]
fn a_request_head_gives_its_target() {
    assert_eq!(
        parse_target(b"GET /callback?a=1 HTTP/1.1\r\nHost: x\r\n\r\n").as_deref(),
        Some("/callback?a=1")
    );
    assert_eq!(parse_target(b"GET http://evil/ HTTP/1.1\r\n\r\n"), None);
    assert_eq!(parse_target(b""), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_bytes_as_a_request_head_never_panic(head in prop::collection::vec(any::<u8>(), 0..10_000)) {
        if let Some(target) = parse_target(&head) {
            prop_assert!(target.starts_with('/'));
            prop_assert!(target.len() <= MAX_HEAD);
        }
    }

    #[test]
    fn any_target_after_a_method_is_read_back(target in "/[!-~]{0,200}") {
        let head = format!("GET {target} HTTP/1.1\r\n\r\n");
        prop_assert_eq!(parse_target(head.as_bytes()), Some(target));
    }
}
