//! The respondent IDs met so far, to find duplicates: a UUID (what the survey and most form
//! tools write) is kept as its 128-bit number, compared without regard to the case of its hex
//! digits as RFC 9562 asks; any other ID is kept as text.
//!
//! A set of a million IDs is bound by memory latency, so the reader first only collects the
//! IDs ([`IdCheck::Later`]) and sorts them at the end; in the rare case that one was met twice,
//! it reads the files again with the set ([`IdCheck::Inline`]) to report which rows.

use std::collections::HashSet;

use std::hash::BuildHasher;

use foldhash::fast::{FixedState, RandomState};

/// The IDs met so far.
#[derive(Debug, Default)]
pub(crate) struct SeenIds {
    uuids: HashSet<u128, RandomState>,
    others: HashSet<String, RandomState>,
}

/// The IDs of the rows read, to be checked for duplicates once all are read: UUIDs as their
/// numbers, other IDs as a 64-bit hash (two IDs with one hash only cost reading again with the
/// exact set, which then finds no duplicate).
#[derive(Debug, Default)]
pub(crate) struct LaterIds {
    uuids: Vec<u128>,
    others: Vec<u64>,
}

impl LaterIds {
    /// Room for about `n` UUIDs.
    pub fn with_capacity(n: usize) -> LaterIds {
        LaterIds { uuids: Vec::with_capacity(n), others: Vec::new() }
    }

    /// Makes room for `n` more IDs, as UUIDs.
    pub fn reserve(&mut self, n: usize) {
        self.uuids.reserve(n);
    }

    /// Adds the IDs of a later part of the reading.
    pub fn append(&mut self, later: LaterIds) {
        self.uuids.extend(later.uuids);
        self.others.extend(later.others);
    }

    /// True when any ID may have been met twice.
    pub fn has_duplicates(&mut self) -> bool {
        self.uuids.sort_unstable();
        self.others.sort_unstable();
        self.uuids.windows(2).any(|w| w[0] == w[1]) || self.others.windows(2).any(|w| w[0] == w[1])
    }
}

/// How the reader finds duplicate IDs.
#[derive(Debug)]
pub(crate) enum IdCheck {
    /// As it reads: a duplicate row is reported and left out.
    Inline(SeenIds),
    /// Once all is read: the reader only collects the IDs.
    Later(LaterIds),
}

/// Reads with the IDs checked at the end (which lets files be read in parts) and, in the rare
/// case that one repeats, again in order with the exact set, to report which rows; `read` is
/// given the check and gives it back with what it read. `capacity`: about how many IDs.
pub(crate) fn read_checked<T, E>(capacity: usize, read: impl Fn(IdCheck) -> Result<(T, IdCheck), E>) -> Result<T, E> {
    let (result, ids) = read(IdCheck::Later(LaterIds::with_capacity(capacity)))?;
    let IdCheck::Later(mut ids) = ids else { return Ok(result) };
    if !ids.has_duplicates() {
        return Ok(result);
    }
    read(IdCheck::Inline(SeenIds::with_capacity(capacity))).map(|(result, _)| result)
}

impl IdCheck {
    /// True when IDs are checked at the end, so rows may be read in parts.
    pub fn allows_parts(&self) -> bool {
        matches!(self, IdCheck::Later(_))
    }

    /// Makes room for `n` more IDs.
    pub fn reserve(&mut self, n: usize) {
        if let IdCheck::Later(ids) = self {
            ids.reserve(n);
        }
    }

    /// Adds the IDs of the part read after these (parts are only read with the check at the end).
    pub fn join(&mut self, later: IdCheck) {
        match (self, later) {
            (IdCheck::Later(mine), IdCheck::Later(theirs)) => mine.append(theirs),
            (mine, theirs) => debug_assert!(false, "parts joined with {mine:?} and {theirs:?}"),
        }
    }

    /// Records an ID; false when it is known to be a duplicate now.
    pub fn is_new(&mut self, id: &str) -> bool {
        match self {
            IdCheck::Inline(seen) => seen.insert(id),
            IdCheck::Later(ids) => {
                match uuid_number(id.as_bytes()) {
                    Some(n) => ids.uuids.push(n),
                    None => ids.others.push(FixedState::default().hash_one(id)),
                }
                true
            }
        }
    }
}

/// The number a UUID in its 8-4-4-4-12 form stands for.
fn uuid_number(id: &[u8]) -> Option<u128> {
    let id: &[u8; 36] = id.try_into().ok()?;
    if [8, 13, 18, 23].iter().any(|&i| id[i] != b'-') {
        return None;
    }
    let mut n = 0u128;
    let mut invalid = 0u8;
    for (i, &c) in id.iter().enumerate() {
        if matches!(i, 8 | 13 | 18 | 23) {
            continue;
        }
        let digit = HEX[usize::from(c)];
        invalid |= digit;
        n = n << 4 | u128::from(digit & 0x0F);
    }
    (invalid & 0x80 == 0).then_some(n)
}

/// The value of each byte as a hex digit, either case; 0x80 for any other byte.
const HEX: [u8; 256] = {
    let mut table = [0x80u8; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = 10 + i as u8;
        table[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    table
};

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

    #[test]
    fn uuids_are_read_as_numbers_and_nothing_else_is() {
        assert_eq!(uuid_number(b"00000000-0000-0000-0000-00000000001f"), Some(31));
        assert_eq!(uuid_number(b"FFFFFFFF-ffff-FFFF-ffff-FFFFFFFFFFFF"), Some(u128::MAX));
        for bad in [
            "00000000-0000-0000-0000-00000000001g",
            "00000000+0000-0000-0000-000000000000",
            "short",
            "00000000-0000-0000-0000-0000000000é",
        ] {
            assert_eq!(uuid_number(bad.as_bytes()), None, "{bad}");
        }
    }

    #[test]
    fn collected_ids_are_checked_at_the_end() {
        let check = |ids: &[&str]| {
            let mut later = IdCheck::Later(LaterIds::default());
            assert!(ids.iter().all(|id| later.is_new(id)));
            let IdCheck::Later(mut later) = later else { unreachable!() };
            later.has_duplicates()
        };
        assert!(!check(&[
            "9038c5af-5b6e-416c-b015-569870f099bb",
            "9038c5af-5b6e-416c-b015-569870f099bc",
            "R-1",
            "r-1"
        ]));
        assert!(check(&["9038c5af-5b6e-416c-b015-569870f099bb", "R-1", "9038C5AF-5B6E-416C-B015-569870F099BB"]));
        assert!(check(&["R-1", "x", "R-1"]));
    }
}
