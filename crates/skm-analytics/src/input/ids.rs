//! The respondent IDs met so far, to find duplicates: a UUID (what the survey and most form
//! tools write) is kept as its 128-bit number, compared without regard to the case of its hex
//! digits as RFC 9562 asks; any other ID is kept as text.
//!
//! A set of a million IDs is bound by memory latency (a quarter of the reading time), so
//! natively the reader hands the IDs to a second thread in batches ([`IdCheck::Deferred`]) and
//! reads the files again inline in the rare case that thread met one twice.

use std::collections::HashSet;

use foldhash::fast::RandomState;

/// The IDs met so far.
#[derive(Debug, Default)]
pub(crate) struct SeenIds {
    uuids: HashSet<u128, RandomState>,
    others: HashSet<String, RandomState>,
}

/// A respondent ID handed to the checking thread: as UUID-long bytes (parsed there), or text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Id {
    /// 36 bytes, perhaps a UUID.
    Long([u8; 36]),
    /// Any other ID.
    Text(String),
}

impl Id {
    /// The ID of a cell.
    pub fn of(id: &str) -> Id {
        match <[u8; 36]>::try_from(id.as_bytes()) {
            Ok(bytes) => Id::Long(bytes),
            Err(_) => Id::Text(id.to_owned()),
        }
    }
}

/// How the reader finds duplicate IDs.
pub(crate) enum IdCheck {
    /// As it reads: a duplicate row is reported and left out.
    Inline(SeenIds),
    /// On another thread, in order: the reader only hands the IDs over.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    Deferred {
        /// IDs not sent yet.
        batch: Vec<Id>,
        /// To the checking thread.
        to_checker: std::sync::mpsc::SyncSender<Vec<Id>>,
    },
}

impl IdCheck {
    /// IDs handed over at a time.
    const BATCH: usize = 8192;

    /// Records an ID; false when it is known to be a duplicate now.
    pub fn is_new(&mut self, id: &str) -> bool {
        match self {
            IdCheck::Inline(seen) => seen.insert(id),
            IdCheck::Deferred { batch, to_checker } => {
                batch.push(Id::of(id));
                if batch.len() >= Self::BATCH {
                    // A checker that is gone has failed; the caller then reads inline anyway.
                    let _ = to_checker.send(std::mem::replace(batch, Vec::with_capacity(Self::BATCH)));
                }
                true
            }
        }
    }
}

impl Drop for IdCheck {
    fn drop(&mut self) {
        if let IdCheck::Deferred { batch, to_checker } = self {
            if !batch.is_empty() {
                let _ = to_checker.send(std::mem::take(batch));
            }
        }
    }
}

/// The number a UUID in its 8-4-4-4-12 form stands for.
fn uuid_number(id: &[u8]) -> Option<u128> {
    if id.len() != 36 {
        return None;
    }
    let mut n = 0u128;
    for (i, &c) in id.iter().enumerate() {
        if matches!(i, 8 | 13 | 18 | 23) {
            if c != b'-' {
                return None;
            }
            continue;
        }
        let digit = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => return None,
        };
        n = n << 4 | u128::from(digit);
    }
    Some(n)
}

impl SeenIds {
    /// Room for about `n` UUIDs without growing (growing a large set rehashes all of it).
    pub fn with_capacity(n: usize) -> SeenIds {
        SeenIds { uuids: HashSet::with_capacity_and_hasher(n, RandomState::default()), others: HashSet::default() }
    }

    /// Records an ID; false when it was met before.
    pub fn insert(&mut self, id: &str) -> bool {
        match uuid_number(id.as_bytes()) {
            Some(n) => self.uuids.insert(n),
            None => !self.others.contains(id) && self.others.insert(id.to_owned()),
        }
    }

    /// Records an ID already made an [`Id`]; false when it was met before.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub fn insert_id(&mut self, id: Id) -> bool {
        match id {
            Id::Long(bytes) => match (uuid_number(&bytes), std::str::from_utf8(&bytes)) {
                (Some(n), _) => self.uuids.insert(n),
                (None, Ok(text)) => self.insert(text),
                // The bytes came from a text cell; a cut through a character cannot happen.
                (None, Err(_)) => true,
            },
            Id::Text(text) => self.others.insert(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_are_found_in_either_form() {
        let mut seen = SeenIds::default();
        assert!(seen.insert("9038c5af-5b6e-416c-b015-569870f099bb"));
        assert!(!seen.insert("9038C5AF-5B6E-416C-B015-569870F099BB"));
        assert!(seen.insert("9038c5af-5b6e-416c-b015-569870f099bc"));
        assert!(seen.insert("R-001"));
        assert!(!seen.insert("R-001"));
        assert!(seen.insert("r-001"));
    }
}
