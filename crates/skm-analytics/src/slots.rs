//! Small numbers for the distinct texts of a column (services, channels), so that polars groups
//! on integers.

use std::collections::HashMap;
use std::sync::Arc;

/// The readers share one text per distinct cell (per part of a file read in parts, up to a few
/// dozen cells): the texts met are told apart by their address first, then by content.
const ADDRESSES: usize = 64;

/// The slots given so far, each distinct text its own, in order of first appearance.
#[derive(Debug, Default)]
pub(crate) struct TextSlots {
    texts: Vec<Arc<str>>,
    addresses: Vec<(*const u8, u32)>,
    by_content: HashMap<Arc<str>, u32, foldhash::fast::RandomState>,
}

impl TextSlots {
    /// The slot of a text, given when the text is new.
    pub(crate) fn slot(&mut self, text: &Arc<str>) -> u32 {
        let address = text.as_ptr();
        if let Some((_, slot)) = self.addresses.iter().find(|(a, _)| *a == address) {
            return *slot;
        }
        let texts = &mut self.texts;
        let slot = *self.by_content.entry(text.clone()).or_insert_with(|| {
            texts.push(text.clone());
            texts.len() as u32 - 1
        });
        if self.addresses.len() < ADDRESSES {
            self.addresses.push((address, slot));
        }
        slot
    }

    /// The texts by slot.
    pub(crate) fn texts(self) -> Vec<Arc<str>> {
        self.texts
    }
}
