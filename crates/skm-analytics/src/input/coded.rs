//! A column of text cells as codes, the way a categorical column holds them: each distinct
//! text is numbered as it is met, so that a rule is applied once per distinct text and polars
//! gathers the result for every row by its code.

use std::hash::BuildHasher;

use foldhash::fast::RandomState;
use hashbrown::HashTable;
use polars::prelude::{Column, IdxCa, IdxSize, IntoColumn, NewChunkedArray, PolarsResult, Series};

/// A column's cells as codes: 0 for an empty cell, else 1 + the number of its distinct text.
/// The distinct texts are kept end to end in one string (a batch of dates is mostly distinct).
#[derive(Default)]
pub(crate) struct Coded {
    codes: Vec<IdxSize>,
    hasher: RandomState,
    /// The number of each distinct text, found by the text's hash.
    numbers: HashTable<IdxSize>,
    /// The distinct texts, end to end, and where each ends.
    texts: String,
    ends: Vec<usize>,
    /// Every cell is its own distinct text (a column of IDs or moments): none is looked for.
    each_row: bool,
}

impl Coded {
    /// Columns of at most this many distinct texts (scores, choices) are searched in turn;
    /// past it, by hash.
    const SMALL: usize = 8;

    /// A column whose every non-empty cell gets a code of its own, for columns whose texts
    /// are nearly all distinct (looking each up would find nothing).
    pub(crate) fn each_row() -> Coded {
        Coded { each_row: true, ..Coded::default() }
    }

    /// Adds a cell.
    pub(crate) fn push(&mut self, cell: Option<&str>) {
        let code = match cell {
            None => 0,
            Some(text) if self.each_row => self.append(text),
            Some(text) if self.ends.len() <= Self::SMALL => {
                match (1..=self.ends.len() as IdxSize).find(|n| self.text(*n) == text) {
                    Some(n) => n,
                    None => self.add(text, None),
                }
            }
            Some(text) => {
                let hash = self.hasher.hash_one(text);
                let (texts, ends) = (&self.texts, &self.ends);
                match self.numbers.find(hash, |n| distinct(texts, ends, *n) == text) {
                    Some(n) => *n,
                    None => self.add(text, Some(hash)),
                }
            }
        };
        self.codes.push(code);
    }

    /// Keeps a new distinct text after the others; gives its number.
    fn append(&mut self, text: &str) -> IdxSize {
        self.texts.push_str(text);
        self.ends.push(self.texts.len());
        self.ends.len() as IdxSize
    }

    /// Numbers a new distinct text (`hash`: its hash, when the texts are found by hash).
    fn add(&mut self, text: &str, hash: Option<u64>) -> IdxSize {
        let n = self.append(text);
        let (hasher, texts, ends) = (&self.hasher, &self.texts, &self.ends);
        let rehash = |n: &IdxSize| hasher.hash_one(distinct(texts, ends, *n));
        match hash {
            Some(hash) => {
                self.numbers.insert_unique(hash, n, rehash);
            }
            // Past the few searched in turn: every text so far goes into the table.
            None if self.ends.len() > Self::SMALL => {
                for m in 1..=n {
                    self.numbers.insert_unique(hasher.hash_one(distinct(texts, ends, m)), m, rehash);
                }
            }
            None => {}
        }
        n
    }

    /// The text of a code (empty for 0).
    pub(crate) fn text(&self, code: IdxSize) -> &str {
        distinct(&self.texts, &self.ends, code)
    }

    /// The code of row `row` (0 past the end).
    pub(crate) fn code(&self, row: usize) -> IdxSize {
        self.codes.get(row).copied().unwrap_or(0)
    }

    /// The codes of the rows, as polars gathers by them.
    pub(crate) fn codes(&self) -> IdxCa {
        IdxCa::from_slice("code".into(), &self.codes)
    }

    /// Column `name` of every row's entry in `table` (a lookup table by code, as [`Coded::judge`]
    /// gives), gathered by polars.
    pub(crate) fn gathered(&self, name: &str, table: Series) -> PolarsResult<Column> {
        Ok(table.with_name(name.into()).take(&self.codes())?.into_column())
    }

    /// Each distinct text judged once by `judge`, in a lookup table by code (code 0, the empty
    /// cell, is null): the values and the problems (`judge` gives a problem's number, or none).
    pub(crate) fn judge<V>(
        &self,
        mut judge: impl FnMut(&str) -> Result<Option<V>, Option<u32>>,
    ) -> (Vec<Option<V>>, Vec<Option<u32>>) {
        let mut values = Vec::with_capacity(self.ends.len() + 1);
        let mut problems = Vec::with_capacity(self.ends.len() + 1);
        values.push(None);
        problems.push(None);
        for n in 1..=self.ends.len() {
            let (v, k) = match judge(self.text(n as IdxSize)) {
                Ok(v) => (v, None),
                Err(problem) => (None, problem),
            };
            values.push(v);
            problems.push(k);
        }
        (values, problems)
    }

    /// Empties the column for the next batch.
    pub(crate) fn clear(&mut self) {
        self.codes.clear();
        self.numbers.clear();
        self.texts.clear();
        self.ends.clear();
    }
}

/// Distinct text `n` (from 1) of a column; empty for 0.
fn distinct<'t>(texts: &'t str, ends: &[usize], n: IdxSize) -> &'t str {
    let Some(i) = (n as usize).checked_sub(1) else { return "" };
    let start = if i == 0 { 0 } else { ends.get(i - 1).copied().unwrap_or(0) };
    texts.get(start..ends.get(i).copied().unwrap_or(start)).unwrap_or("")
}
