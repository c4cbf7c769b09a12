use proptest::prelude::*;

use super::*;

const STATE: &str = "0123456789abcdef0123456789abcdef";

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
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let waiting = tokio::spawn(async move { wait_for_callback(&listener, STATE).await });
    assert!(get(port, "/favicon.ico").await.starts_with("HTTP/1.1 404"));
    let page = get(
        port,
        &format!("/callback?connection_id=42&status=success&state={STATE}"),
    )
    .await;
    assert!(page.contains("Connected"));
    assert_eq!(waiting.await.unwrap(), Ok("42".to_string()));
}

#[tokio::test]
async fn a_refusal_at_the_bank_says_why() {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let waiting = tokio::spawn(async move { wait_for_callback(&listener, STATE).await });
    get(
        port,
        &format!("/callback?status=error&error=access_denied&state={STATE}"),
    )
    .await;
    let Err(CallFailure::Rejected(why)) = waiting.await.unwrap() else {
        panic!("a refusal is an error");
    };
    assert!(why.contains("access_denied"), "{why}");
}

#[tokio::test]
async fn forged_callbacks_without_the_state_are_ignored_and_the_wait_goes_on() {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let waiting = tokio::spawn(async move { wait_for_callback(&listener, STATE).await });
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
    assert!(!waiting.is_finished());
    get(
        port,
        &format!("/callback?connection_id=7&status=success&state={STATE}"),
    )
    .await;
    assert_eq!(waiting.await.unwrap(), Ok("7".to_string()));
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
