//! Submissions waiting for the server: kept in the browser's storage until the server has
//! acknowledged them, so an answer given on a weak connection, or with the server away, is
//! delivered later, also after the tab was closed and reopened. Each carries its `client_id`,
//! so a resend is stored once (the server answers it with the first receipt).

use gloo_storage::{LocalStorage, Storage};
use skm_core::response::Submission;

use crate::api::{self, SubmitError};

const KEY: &str = "skm.outbox";

/// The submissions waiting.
pub fn pending() -> Vec<Submission> {
    LocalStorage::get(KEY).unwrap_or_default()
}

fn save(list: &[Submission]) {
    // Storage full or refused: the current attempt still goes out; only the retry is lost.
    let _ = LocalStorage::set(KEY, list);
}

/// Keeps a submission until it is acknowledged.
pub fn add(submission: &Submission) {
    let mut list = pending();
    if !list.iter().any(|s| s.client_id == submission.client_id) {
        list.push(submission.clone());
        save(&list);
    }
}

/// Whether the submission with this ID still waits to be delivered.
pub fn is_waiting(client_id: &str) -> bool {
    pending().iter().any(|s| s.client_id.as_deref() == Some(client_id))
}

/// Forgets a submission (acknowledged, or refused for good).
pub fn remove(client_id: Option<&str>) {
    let list: Vec<Submission> = pending().into_iter().filter(|s| s.client_id.as_deref() != client_id).collect();
    save(&list);
}

/// Sends what is waiting; returns how many are still waiting.
pub async fn flush() -> usize {
    for submission in pending() {
        match api::submit(&submission).await {
            Ok(_) | Err(SubmitError::Refused(_)) => remove(submission.client_id.as_deref()),
            Err(SubmitError::Retry(_)) => {}
        }
    }
    pending().len()
}

/// A new random UUID (version 4) from the browser's cryptographic generator, which, unlike
/// `crypto.randomUUID`, also works on a plain-http office network.
pub fn new_client_id() -> Option<String> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut b = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut b).ok()?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    Some(format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32]))
}
