//! S002's "Respond to challenge" commands, run with the real `curl` as printed (host replaced as
//! in `sandbox_curl.rs`; `{connection_id}` from the connection's `Location`,
//! `{channel_definition_id}` = the test bank's EMBEDDED `13400`) on a connection to the `sms`
//! test-bank file, so that the SMS challenges exist. The connection is S002's printed one
//! (`printed.rs`) with credential `302` = `sms` instead of the dropbox `sanity.txt` URL.
//!
//! What differs from the print, and why:
//! - The code + validate command prints `https://sandbox-api.oxlin.io/v2.1}/connections/…`: the
//!   stray `}` is dropped.
//! - Its body, `{"credentials":[{"id":"306","value":"123456","id":"307","value":"true"}]}`, is ONE
//!   object with duplicate keys. We run it as printed: the sandbox answers 400 naming
//!   `duplicate field `id`` (a JSON object's keys are unique; taking the last pair would
//!   silently drop the code) and the challenge stays pending. Then we run the intended form,
//!   two objects `[{"id":"306",…},{"id":"307",…}]`, which gets the documented 204.

use crate::support::curl_run;

use crate::support::printed;

use curl_run::Queue;
use printed::Printed;
use serde_json::Value;

const LIST_INPUT: &str = "LIST_ACCOUNTS_USER_INPUT_REQUESTED";
/// S002: the user responds "OK" to the SMS offer.
const OK: &str = r#"{"credentials":[{"id":"304","value":"true"}]}"#;
/// S002: the user responds "CANCEL" to the SMS offer.
const CANCEL: &str = r#"{"credentials":[{"id":"304","value":"false"}]}"#;
/// S002: "Send the input of the user", as printed (duplicate keys in one object).
const CODE_AS_PRINTED: &str =
    r#"{"credentials":[{"id":"306","value":"123456","id":"307","value":"true"}]}"#;
/// The same, as intended: two objects.
const CODE_AS_INTENDED: &str =
    r#"{"credentials":[{"id":"306","value":"123456"},{"id":"307","value":"true"}]}"#;
/// S002: "Send the cancel action from the user".
const CANCEL_CODE: &str = r#"{"credentials":[{"id":"307","value":"false"}]}"#;

fn challenge_ids(event: &Value) -> Vec<String> {
    event["list_accounts_user_input_requested"]["challenge"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

/// A user, its queue and a connection to the `sms` file waiting at the SMS offer.
async fn at_the_sms_offer() -> (Printed, Queue, String) {
    let user = Printed::new().await;
    let mut queue = user.subscribe();
    let created = user.create_connection("sms");
    assert_eq!(created.status, 201, "{}", created.body);
    let connection_id = created.location_id();
    let offer = queue.wait_for(LIST_INPUT).await;
    assert_eq!(offer["resource"]["id"], connection_id.as_str());
    assert_eq!(offer["channel_definition_id"], "13400");
    assert_eq!(challenge_ids(&offer), ["303", "304"]);
    (user, queue, connection_id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ok_then_the_code_as_printed_is_refused_and_as_intended_lists_the_accounts() {
    let (user, mut queue, connection_id) = at_the_sms_offer().await;
    let ok = user.user_input(&connection_id, "13400", OK);
    assert_eq!(ok.status, 204, "{}", ok.body);
    let form = queue.wait_for(LIST_INPUT).await;
    assert_eq!(challenge_ids(&form), ["305", "306", "308", "307"]);

    let printed = user.user_input(&connection_id, "13400", CODE_AS_PRINTED);
    assert_eq!(printed.status, 400, "{}", printed.body);
    let error = printed.json();
    assert_eq!(error["error"], "invalid_request");
    let description = error["error_description"].as_str().unwrap();
    assert!(
        description.contains("duplicate field `id`"),
        "{description}"
    );
    assert!(!description.contains("123456"), "{description}");

    let intended = user.user_input(&connection_id, "13400", CODE_AS_INTENDED);
    assert_eq!(intended.status, 204, "{}", intended.body);
    let listed = queue.wait_for("LIST_ACCOUNTS_SUCCESS").await;
    let pending = listed["list_accounts_success"]["pending_consent"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(pending, 3, "sms.txt has three accounts: {listed}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_at_the_sms_offer_stops_the_sync() {
    let (user, mut queue, connection_id) = at_the_sms_offer().await;
    let cancel = user.user_input(&connection_id, "13400", CANCEL);
    assert_eq!(cancel.status, 204, "{}", cancel.body);
    let failed = queue.wait_for("LIST_ACCOUNTS_FAILED").await;
    assert_eq!(
        failed["list_accounts_failed"]["status"],
        "CHALLENGE_CANCELLED"
    );
    let shown = user.get(&format!("/connections/{connection_id}")).json();
    assert_eq!(shown["status"], "FAILED");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_at_the_code_form_stops_the_sync() {
    let (user, mut queue, connection_id) = at_the_sms_offer().await;
    assert_eq!(user.user_input(&connection_id, "13400", OK).status, 204);
    queue.wait_for(LIST_INPUT).await;
    let cancel = user.user_input(&connection_id, "13400", CANCEL_CODE);
    assert_eq!(cancel.status, 204, "{}", cancel.body);
    let failed = queue.wait_for("LIST_ACCOUNTS_FAILED").await;
    assert_eq!(
        failed["list_accounts_failed"]["status"],
        "CHALLENGE_CANCELLED"
    );
}
