//! The checks of response rows, in polars. A batch of rows is read as codes: each column's
//! distinct texts are numbered as they are met (what a categorical column holds). Each distinct
//! text is judged once by the core's rule into the column's lookup table; polars gathers every
//! row's value and problem from it by code, and expressions find the rows to leave out and the
//! rows to report; the good rows become the table's typed columns.

use std::sync::Arc;

use polars::prelude::*;

use skm_core::channel::CHANNELS;
use skm_core::date::{epoch_days, parse_date};
use skm_core::issue::{InputIssue, IssueKind};
use skm_core::profile::{
    choice_by_code, choice_from_text, index_of, parse_age, AgeBand, AGE_BANDS, EDUCATIONS, GENDERS, OCCUPATIONS,
};
use skm_core::{Element, ELEMENTS};

use super::coded::Coded;
use super::columns::Columns;
use super::ids::IdCheck;
use super::mapping::{Field, Mapping};
use super::sheet;
use super::texts::Texts;
use super::ResponseTable;
use crate::collect::collect_many;

/// Rows read before they are checked together. (Small in the crate's own tests, so that their
/// files span many batches.)
pub(crate) const BATCH: usize = if cfg!(test) { 4_096 } else { 65_536 };

/// The fields whose cells are checked, in the order a row's problems are reported: the nine
/// scores, the date, then (after the duplicate ID and the missing answers) these.
const PROFILE: [Field; 5] = [Field::Gender, Field::Education, Field::Occupation, Field::Channel, Field::Age];

/// Every checked field, in that order.
fn checked_fields() -> impl Iterator<Item = Field> {
    ELEMENTS.into_iter().map(Field::Score).chain([Field::SubmittedAt]).chain(PROFILE)
}

/// The problems a checked cell can have, numbered from 1 in the lookup tables.
const KINDS: [IssueKind; 5] = [
    IssueKind::ScoreOutOfRange,
    IssueKind::UnknownAnswer,
    IssueKind::BadDate,
    IssueKind::UnknownChoice,
    IssueKind::BadAge,
];

/// Column names of a batch's frame: the value and problem of checked field `j`.
fn value(j: usize) -> PlSmallStr {
    format!("v{j}").into()
}
fn problem(j: usize) -> PlSmallStr {
    format!("k{j}").into()
}
const ROW: &str = "i";
const DUPLICATE: &str = "dup";
const DROP: &str = "drop";
const FLAG: &str = "flag";
const ANSWERED: &str = "answered";

/// A cell's value once read: a score, a choice's position, or a date in days since 1970.
fn judge(field: Field, cell: &str, mapping: &Mapping) -> Result<Option<i32>, IssueKind> {
    let unknown = IssueKind::UnknownChoice;
    let position = |found: Option<u8>, kind: IssueKind| found.map(|p| Some(i32::from(p))).ok_or(kind);
    match field {
        Field::Score(e) => mapping.score(e, cell).map(|s| s.map(i32::from)),
        Field::SubmittedAt => parse_date(cell).map(|d| Some(epoch_days(d))).ok_or(IssueKind::BadDate),
        Field::Gender => position(choice_from_text(&GENDERS, cell).and_then(|g| index_of(&GENDERS, g)), unknown),
        Field::Education => {
            position(choice_from_text(&EDUCATIONS, cell).and_then(|e| index_of(&EDUCATIONS, e)), unknown)
        }
        Field::Occupation => {
            position(choice_from_text(&OCCUPATIONS, cell).and_then(|o| index_of(&OCCUPATIONS, o)), unknown)
        }
        Field::Channel => position(choice_by_code(&CHANNELS, cell).and_then(|c| index_of(&CHANNELS, c)), unknown),
        Field::Age => {
            position(parse_age(cell).and_then(|age| index_of(&AGE_BANDS, AgeBand::of_age(age))), IssueKind::BadAge)
        }
        Field::Id | Field::Service | Field::Suggestion => Ok(None),
    }
}

/// Every row's value and problem (null when none) in column `coded` of checked field `j`: the
/// lookup table of its distinct texts, each judged once, gathered by code; with the problems
/// met that leave a row out (by the core's [`IssueKind::drops_row`]).
fn judged(coded: &Coded, j: usize, field: Field, mapping: &Mapping) -> PolarsResult<([Column; 2], Vec<u32>)> {
    let (values, problems) = coded.judge(|text| {
        judge(field, text, mapping).map_err(|kind| KINDS.iter().position(|k| *k == kind).map(|p| p as u32 + 1))
    });
    let drops = |k: &u32| KINDS.get((*k as usize).wrapping_sub(1)).is_some_and(|kind| kind.drops_row());
    let mut dropping: Vec<u32> = problems.iter().flatten().copied().filter(drops).collect();
    dropping.sort_unstable();
    dropping.dedup();
    let values = coded.gathered(&value(j), Series::new("".into(), values))?;
    let problems = coded.gathered(&problem(j), Series::new("".into(), problems))?;
    Ok(([values, problems], dropping))
}

/// Rows read and not yet checked, column by column.
pub(crate) struct Batch {
    /// The checked fields the file has, with their column's header.
    fields: Vec<(Field, String)>,
    /// The position of each checked field's column.
    positions: Vec<usize>,
    /// The positions of the ID, the service and the suggestion, where the file has them.
    id: Option<usize>,
    service_at: Option<usize>,
    suggestion_at: Option<usize>,
    /// The header of U1 (named when a row has no answer) and of the ID.
    first_score: String,
    id_header: String,
    /// The cells of each checked field, coded.
    cells: Vec<Coded>,
    /// Each row's number in its sheet.
    rows: Vec<u64>,
    /// The rows whose ID was met before, with the ID.
    repeated: Vec<(usize, String)>,
    service: Vec<Arc<str>>,
    /// The suggestions given, by row of the batch.
    suggestions: Vec<(usize, String)>,
}

/// The good rows of a batch and what was found in it.
pub(crate) struct Checked {
    /// The rows kept, with the batch's issues and counts.
    pub table: ResponseTable,
    /// How many rows were left out.
    pub dropped: u64,
}

impl Batch {
    /// An empty batch of a file with these columns.
    pub(crate) fn new(columns: &Columns) -> Batch {
        let found: Vec<(Field, usize, &str)> =
            checked_fields().filter_map(|f| columns.column(f).map(|(i, h)| (f, i, h))).collect();
        let cells = found.iter().map(|_| Coded::default()).collect();
        let position = |field| columns.column(field).map(|(i, _)| i);
        let header = |field, default| columns.column(field).map_or(default, |(_, h)| h).to_owned();
        Batch {
            fields: found.iter().map(|(f, _, h)| (*f, (*h).to_owned())).collect(),
            positions: found.iter().map(|(_, i, _)| *i).collect(),
            id: position(Field::Id),
            service_at: position(Field::Service),
            suggestion_at: position(Field::Suggestion),
            first_score: header(Field::Score(Element::U1), "u1"),
            id_header: header(Field::Id, "id"),
            cells,
            rows: Vec::with_capacity(BATCH),
            repeated: Vec::new(),
            service: Vec::with_capacity(BATCH),
            suggestions: Vec::new(),
        }
    }

    /// How many rows wait to be checked.
    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }

    /// Adds a row: its checked cells (trimmed; empty is no text), its service, its suggestion,
    /// and whether its ID was met before.
    pub(crate) fn push(
        &mut self,
        number: u64,
        cells: &[&str],
        mapping: &Mapping,
        ids: &mut IdCheck,
        services: &mut Texts,
    ) {
        let cell = |at: Option<usize>| at.and_then(|i| cells.get(i)).map(|v| sheet::trim(v)).filter(|v| !v.is_empty());
        let row = self.rows.len();
        for (at, coded) in self.positions.iter().zip(&mut self.cells) {
            coded.push(cell(Some(*at)));
        }
        if let Some(id) = cell(self.id) {
            if !ids.is_new(id) {
                self.repeated.push((row, id.to_owned()));
            }
        }
        self.service.push(cell(self.service_at).map(|v| services.service(mapping, v)).unwrap_or_default());
        // A suggestion exported by this server (or any CSV we write) may carry the mark that
        // keeps a spreadsheet from running it as a formula: it is the citizen's text without it.
        if let Some(v) = cell(self.suggestion_at) {
            self.suggestions.push((row, skm_csv::restore(v).to_owned()));
        }
        self.rows.push(number);
    }

    /// Checks the rows read so far and empties the batch (also when the checks fail, so that
    /// a failed batch is not checked again with the next).
    pub(crate) fn check(&mut self, file: &str, mapping: &Mapping) -> PolarsResult<Checked> {
        let checked = self.checked(file, mapping);
        self.rows.clear();
        self.repeated.clear();
        self.service.clear();
        self.suggestions.clear();
        self.cells.iter_mut().for_each(Coded::clear);
        checked
    }

    /// The checks of the rows read so far.
    fn checked(&mut self, file: &str, mapping: &Mapping) -> PolarsResult<Checked> {
        let height = self.rows.len();
        let mut duplicate = vec![false; height];
        for (row, _) in &self.repeated {
            duplicate[*row] = true;
        }
        let mut columns = vec![Column::new(DUPLICATE.into(), duplicate)];
        // Each field's problems met in this batch that leave the row out (a bad profile answer
        // only blanks its cell).
        let mut dropping = Vec::with_capacity(self.fields.len());
        for (j, ((field, _), coded)) in self.fields.iter().zip(&self.cells).enumerate() {
            let (judged, drops) = judged(coded, j, *field, mapping)?;
            columns.extend(judged);
            dropping.push(drops);
        }
        let frame = DataFrame::new(columns)?;

        let any = |expr: &dyn Fn(usize) -> Expr| (0..self.fields.len()).fold(lit(false), |acc, j| acc.or(expr(j)));
        let scores = self.fields.iter().enumerate().filter(|(_, (f, _))| matches!(f, Field::Score(_)));
        let answered = scores.fold(lit(false), |acc, (j, _)| acc.or(col(value(j)).is_not_null()));
        let drops = |j: usize| {
            let codes = dropping.get(j).into_iter().flatten();
            codes.fold(lit(false), |acc, k| acc.or(col(problem(j)).eq_missing(lit(*k))))
        };
        let drop = any(&drops).or(col(DUPLICATE)).or(answered.clone().not());
        let flag = drop.clone().or(any(&|j| col(problem(j)).is_not_null()));
        let judged = frame
            .lazy()
            .with_row_index(ROW, None)
            .with_columns([drop.alias(DROP), flag.alias(FLAG), answered.alias(ANSWERED)])
            .collect()?;
        let values: Vec<Expr> = (0..self.fields.len()).map(|j| col(value(j))).collect();
        let mut flagged = vec![col(ROW), col(DROP), col(ANSWERED)];
        flagged.extend((0..self.fields.len()).map(|j| col(problem(j))));
        let mut results = collect_many(vec![
            judged.clone().lazy().filter(col(DROP).not()).select(values),
            judged.lazy().filter(col(FLAG)).select(flagged),
        ])?
        .into_iter();
        let (Some(kept), Some(flagged)) = (results.next(), results.next()) else {
            return Err(PolarsError::NoData("checks".into()));
        };

        let mut table = ResponseTable::default();
        let mut dropped_rows = Vec::new();
        self.report(file, &flagged, &mut table, &mut dropped_rows)?;
        self.keep(&kept, &dropped_rows, &mut table)?;
        Ok(Checked { table, dropped: dropped_rows.len() as u64 })
    }

    /// Reports the problems of the flagged rows in row order; gives the rows left out.
    fn report(
        &self,
        file: &str,
        flagged: &DataFrame,
        table: &mut ResponseTable,
        dropped_rows: &mut Vec<usize>,
    ) -> PolarsResult<()> {
        let rows = flagged.column(ROW)?.idx()?;
        let drops = flagged.column(DROP)?.bool()?;
        let answered = flagged.column(ANSWERED)?.bool()?;
        let problems: Vec<&UInt32Chunked> =
            (0..self.fields.len()).map(|j| flagged.column(&problem(j))?.u32()).collect::<PolarsResult<_>>()?;
        let mut repeated = self.repeated.iter().peekable();
        // The scores and the date come first (then the ID and the missing answers), then the rest.
        let choices_from = self.fields.iter().position(|(f, _)| !matches!(f, Field::Score(_) | Field::SubmittedAt));
        let choices_from = choices_from.unwrap_or(self.fields.len());
        for (n, row) in rows.into_no_null_iter().enumerate() {
            let row = row as usize;
            let number = self.rows.get(row).copied().unwrap_or_default();
            let cell_issue = |j: usize| {
                let kind = problems[j].get(n).and_then(|k| KINDS.get((k as usize).wrapping_sub(1))).copied()?;
                let header = &self.fields[j].1;
                let code = self.cells[j].code(row);
                Some(InputIssue::new(file, number, header, self.cells[j].text(code), kind))
            };
            let mut issues: Vec<InputIssue> = (0..choices_from).filter_map(cell_issue).collect();
            while repeated.next_if(|(r, _)| *r < row).is_some() {}
            if let Some((_, id)) = repeated.next_if(|(r, _)| *r == row) {
                issues.push(InputIssue::new(file, number, &self.id_header, id, IssueKind::DuplicateId));
            }
            if answered.get(n) == Some(false) {
                issues.push(InputIssue::new(file, number, &self.first_score, "", IssueKind::NoAnswers));
            }
            issues.extend((choices_from..self.fields.len()).filter_map(cell_issue));
            let input = &mut table.input;
            if drops.get(n) == Some(true) {
                dropped_rows.push(row);
                if let Some(reason) = issues.iter().find(|i| i.kind.drops_row()).map(|i| i.kind) {
                    input.count_drop(reason);
                }
                for mut issue in issues {
                    issue.row_dropped = true;
                    input.push_issue(issue);
                }
            } else {
                input.cells_ignored += issues.len() as u64;
                for issue in issues {
                    input.push_issue(issue);
                }
            }
        }
        Ok(())
    }

    /// Fills the table with the kept rows: the checked values from `kept`, the service and
    /// suggestions of the rows not in `dropped_rows` (sorted).
    fn keep(&mut self, kept: &DataFrame, dropped_rows: &[usize], table: &mut ResponseTable) -> PolarsResult<()> {
        let height = kept.height();
        let mut drop = dropped_rows.iter().peekable();
        let mut before = 0usize;
        let mut new_row = Vec::with_capacity(self.rows.len());
        for row in 0..self.service.len() {
            let out = drop.next_if(|r| **r == row).is_some();
            new_row.push((!out).then_some(row - before));
            before += usize::from(out);
        }
        let service = self.service.drain(..).zip(&new_row);
        table.service = service.filter_map(|(s, r)| r.map(|_| s)).collect();
        table.suggestions = self
            .suggestions
            .drain(..)
            .filter_map(|(row, text)| new_row.get(row).copied().flatten().map(|r| (r as u64, text)))
            .collect();
        let small = |j: Option<usize>| -> PolarsResult<Vec<Option<u8>>> {
            Ok(match j {
                Some(j) => kept.column(&value(j))?.i32()?.into_iter().map(|v| v.map(|v| v as u8)).collect(),
                None => vec![None; height],
            })
        };
        let position = |field: Field| self.fields.iter().position(|(f, _)| *f == field);
        for e in ELEMENTS {
            table.scores[e.index()] = small(position(Field::Score(e)))?;
        }
        table.date = match position(Field::SubmittedAt) {
            Some(j) => kept.column(&value(j))?.i32()?.into_iter().collect(),
            None => vec![None; height],
        };
        table.gender = small(position(Field::Gender))?;
        table.age_band = small(position(Field::Age))?;
        table.education = small(position(Field::Education))?;
        table.occupation = small(position(Field::Occupation))?;
        table.channel = small(position(Field::Channel))?;
        Ok(())
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use skm_core::response::CSV_HEADER;

    /// The table and issues of rows whose U1 is `u1` and whose other answers are 3.
    fn checked(u1: &[&str]) -> (ResponseTable, Vec<IssueKind>) {
        let mapping = Mapping::builtin().unwrap();
        let header: Vec<String> = CSV_HEADER.iter().map(|h| h.to_string()).collect();
        let columns = Columns::from_header("t.csv", &header, &mapping).unwrap();
        let mut batch = Batch::new(&columns);
        let (mut ids, mut services) = (IdCheck::later(), Texts::default());
        for (n, answer) in u1.iter().enumerate() {
            let id = format!("r{n}");
            let mut cells = vec![id.as_str(), "2026-03-04", "izin"];
            cells.push(answer);
            cells.extend(["3"; 8]);
            batch.push(n as u64 + 2, &cells, &mapping, &mut ids, &mut services);
        }
        let checked = batch.check("t.csv", &mapping).unwrap();
        let kinds = checked.table.input.issues.iter().map(|i| i.kind).collect();
        (checked.table, kinds)
    }

    #[test]
    fn a_score_read_in_a_batch_is_what_the_cores_rule_reads() {
        let mapping = Mapping::builtin().unwrap();
        let texts = [
            "1",
            "4",
            "04",
            "0004",
            "+3",
            "-2",
            "0",
            "5",
            "10",
            "3.0",
            "3,0",
            "2.5",
            "1e0",
            "0x3",
            "３",
            "٣",
            "99999999999",
            "-0",
            "Sangat baik",
            "tidak",
            "",
        ];
        for text in texts {
            // One text in the whole column, then beside another.
            for rows in [vec![text, text], vec![text, "2"]] {
                let (table, kinds) = checked(&rows);
                let expected = mapping.score(Element::U1, text);
                match expected {
                    Ok(score) => {
                        assert_eq!(table.scores[0].first().copied().flatten(), score, "{text:?} in {rows:?}");
                        assert!(kinds.is_empty(), "{text:?}: {kinds:?}");
                    }
                    Err(kind) => {
                        assert_eq!(table.len(), rows.len() as u64 - rows.iter().filter(|r| **r == text).count() as u64);
                        assert_eq!(kinds.first(), Some(&kind), "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_batch_reports_each_rows_problems_in_the_order_of_its_cells() {
        let (table, kinds) = checked(&["7", "2", "x"]);
        assert_eq!(table.len(), 1);
        assert_eq!(kinds, [IssueKind::ScoreOutOfRange, IssueKind::UnknownAnswer]);
        assert!(table.input.issues.iter().all(|i| i.row_dropped));
        assert_eq!(table.input.issues.iter().map(|i| i.row).collect::<Vec<_>>(), [2, 4]);
    }
}
