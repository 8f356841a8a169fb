//! Texts a file repeats a million times (service codes, channels), each kept once and shared.

use std::sync::Arc;

use super::mapping::Mapping;

/// The shared text of each distinct cell met so far.
#[derive(Debug, Default)]
pub(crate) struct Texts {
    known: Vec<(String, Arc<str>)>,
}

impl Texts {
    /// Files name a few dozen services or channels; past this many cells each is made anew.
    const MAX: usize = 64;

    /// The shared text for a cell, made by `make` the first time the cell is met.
    pub(crate) fn get(&mut self, cell: &str, make: impl FnOnce(&str) -> String) -> Arc<str> {
        if let Some((_, text)) = self.known.iter().find(|(c, _)| c == cell) {
            return Arc::clone(text);
        }
        let text: Arc<str> = make(cell).into();
        if self.known.len() < Self::MAX {
            self.known.push((cell.to_owned(), Arc::clone(&text)));
        }
        text
    }

    /// The service code of a cell (`Mapping::service`), looked up once per distinct cell.
    pub(crate) fn service(&mut self, mapping: &Mapping, cell: &str) -> Arc<str> {
        self.get(cell, |c| mapping.service(c))
    }
}
