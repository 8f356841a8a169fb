//! The worker's keeping of the files the page has handed over, kept between requests so that each travels once; the
//! least recently named are let go beyond a bound (the page then sends them again).

use std::collections::HashMap;

use crate::FileId;

/// How many bytes of files the worker keeps at most (besides those the current request names).
pub const KEPT_BYTES: usize = 512 << 20;

/// The files kept, by id.
#[derive(Debug, Default)]
pub struct Store {
    files: HashMap<FileId, Vec<u8>>,
    /// Ids, least recently named first.
    recent: Vec<FileId>,
    bytes: usize,
}

impl Store {
    /// Keeps a file's bytes (replacing any under the same id).
    pub fn put(&mut self, id: FileId, bytes: Vec<u8>) {
        self.bytes += bytes.len();
        if let Some(old) = self.files.insert(id, bytes) {
            self.bytes -= old.len();
        }
        self.recent.retain(|r| *r != id);
        self.recent.push(id);
    }

    /// The bytes of a file, if kept.
    pub fn get(&self, id: FileId) -> Option<&[u8]> {
        self.files.get(&id).map(Vec::as_slice)
    }

    /// Of `ids`, those not kept.
    pub fn missing(&self, ids: &[FileId]) -> Vec<FileId> {
        ids.iter().copied().filter(|id| !self.files.contains_key(id)).collect()
    }

    /// Marks `ids` as just named, then lets the least recently named others go until the rest
    /// fit within `limit` bytes.
    pub fn use_and_trim(&mut self, ids: &[FileId], limit: usize) {
        self.recent.retain(|r| !ids.contains(r));
        self.recent.extend(ids.iter().copied().filter(|id| self.files.contains_key(id)));
        let mut i = 0;
        while self.bytes > limit && i < self.recent.len() {
            let id = self.recent[i];
            if ids.contains(&id) {
                i += 1;
                continue;
            }
            self.recent.remove(i);
            if let Some(old) = self.files.remove(&id) {
                self.bytes -= old.len();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_recently_named_files_go_first_and_never_those_in_use() {
        let mut store = Store::default();
        for id in 1..=4 {
            store.put(id, vec![0; 10]);
        }
        store.use_and_trim(&[1], 100);
        assert!(store.missing(&[1, 2, 3, 4]).is_empty());
        // 40 bytes kept, 20 allowed: 2 and 3 are the least recently named after 1 was used.
        store.use_and_trim(&[4], 20);
        assert_eq!(store.missing(&[1, 2, 3, 4]), [2, 3]);
        // Files in use stay even beyond the bound.
        store.use_and_trim(&[1, 4], 0);
        assert_eq!(store.missing(&[1, 4]), Vec::<FileId>::new());
        store.put(4, vec![0; 5]);
        assert_eq!(store.bytes, 15);
        assert_eq!(store.get(4).map(<[u8]>::len), Some(5));
    }
}
