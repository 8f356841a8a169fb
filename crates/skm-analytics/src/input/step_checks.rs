//! The checks of SOP step rows, in polars, as the request checks (`item_checks.rs`): a batch of
//! coded columns, each distinct step number judged once and each moment once per row, and one
//! expression giving each row its first failed check, in the order they have always been
//! reported.

use polars::prelude::*;
use skm_core::issue::{InputIssue, IssueKind};

use super::coded::Coded;
use super::item_checks::{before, failed, moment_columns};
use super::items::{SlaContext, StepTime, STEP_COLUMNS};
use super::named::{moment_of, Batch, Checked, Name, Row, Wanted};

/// The checks of a row, in the order they are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    RequestMissing = 1,
    StepMissing,
    StepBad,
    StartedMissing,
    StartedBad,
    FinishedMissing,
    FinishedBad,
    FinishedBefore,
}

/// Every check, by its number less one.
const CHECKS: [Check; 8] = [
    Check::RequestMissing,
    Check::StepMissing,
    Check::StepBad,
    Check::StartedMissing,
    Check::StartedBad,
    Check::FinishedMissing,
    Check::FinishedBad,
    Check::FinishedBefore,
];

impl Check {
    /// Its number in the frames.
    fn code(self) -> u32 {
        self as u32
    }

    /// The column named, the problem, and whether the cell is shown.
    fn issue(self) -> (Name, IssueKind, bool) {
        match self {
            Check::RequestMissing => (Name::RequestId, IssueKind::Missing, false),
            Check::StepMissing => (Name::Step, IssueKind::Missing, false),
            Check::StepBad => (Name::Step, IssueKind::UnknownStep, true),
            Check::StartedMissing => (Name::StartedAt, IssueKind::Missing, false),
            Check::StartedBad => (Name::StartedAt, IssueKind::BadDate, true),
            Check::FinishedMissing => (Name::FinishedAt, IssueKind::Missing, false),
            Check::FinishedBad => (Name::FinishedAt, IssueKind::BadDate, true),
            Check::FinishedBefore => (Name::FinishedAt, IssueKind::CompletedBeforeReceived, true),
        }
    }
}

const REQUEST: &str = "request";
const STEP_PROBLEM: &str = "step_problem";
const STARTED: &str = "started";
const STARTED_PROBLEM: &str = "started_problem";
const FINISHED: &str = "finished";
const FINISHED_PROBLEM: &str = "finished_problem";
const PROBLEM: &str = "problem";

/// Step rows read and not yet checked, column by column.
pub(crate) struct StepBatch<'a> {
    ctx: SlaContext<'a>,
    numbers: Vec<u64>,
    request: Coded,
    step: Coded,
    started: Coded,
    finished: Coded,
}

impl<'a> StepBatch<'a> {
    /// An empty batch, its moments read on the calendar of `ctx`.
    pub(crate) fn new(ctx: SlaContext<'a>) -> StepBatch<'a> {
        StepBatch {
            ctx,
            numbers: Vec::new(),
            request: Coded::each_row(),
            step: Coded::default(),
            started: Coded::each_row(),
            finished: Coded::each_row(),
        }
    }
}

impl Batch for StepBatch<'_> {
    type Out = StepTime;
    const WANTED: Wanted = STEP_COLUMNS;

    fn len(&self) -> usize {
        self.numbers.len()
    }

    fn push(&mut self, row: &Row<'_>) {
        let cell = |name| Some(row.get(name)).filter(|text| !text.is_empty());
        self.numbers.push(row.number);
        self.request.push(cell(Name::RequestId));
        self.step.push(cell(Name::Step));
        self.started.push(cell(Name::StartedAt));
        self.finished.push(cell(Name::FinishedAt));
    }

    fn clear(&mut self) {
        self.numbers.clear();
        for coded in [&mut self.request, &mut self.step, &mut self.started, &mut self.finished] {
            coded.clear();
        }
    }

    fn check(&self, file: &str) -> PolarsResult<Vec<Checked<StepTime>>> {
        let ctx = self.ctx;
        let table = |values: &[Option<u32>]| Series::new("".into(), values);
        let bad = |check: Check| Some(check.code());
        let (step, mut step_problem) =
            self.step.judge(|text| text.parse::<u32>().map(Some).map_err(|_| bad(Check::StepBad)));
        step_problem[0] = Some(Check::StepMissing.code());
        let moment = |check: Check, end_of_day| {
            move |text: &str| moment_of(text, ctx.calendar, end_of_day).map(Some).ok_or(bad(check))
        };
        let (started, mut started_problem) = self.started.judge(moment(Check::StartedBad, false));
        started_problem[0] = Some(Check::StartedMissing.code());
        let (finished, mut finished_problem) = self.finished.judge(moment(Check::FinishedBad, true));
        finished_problem[0] = Some(Check::FinishedMissing.code());
        let [started_seconds, started_nanos] = moment_columns(&self.started, &started, STARTED)?;
        let [finished_seconds, finished_nanos] = moment_columns(&self.finished, &finished, FINISHED)?;
        let columns = vec![
            self.request.codes().with_name(REQUEST.into()).into_column(),
            self.step.gathered(STEP_PROBLEM, table(&step_problem))?,
            started_seconds,
            started_nanos,
            self.started.gathered(STARTED_PROBLEM, table(&started_problem))?,
            finished_seconds,
            finished_nanos,
            self.finished.gathered(FINISHED_PROBLEM, table(&finished_problem))?,
        ];
        let first = coalesce(&[
            failed(col(REQUEST).eq(lit(0 as IdxSize)), Check::RequestMissing.code()),
            col(STEP_PROBLEM),
            col(STARTED_PROBLEM),
            col(FINISHED_PROBLEM),
            failed(before(FINISHED, STARTED), Check::FinishedBefore.code()),
        ]);
        let judged = DataFrame::new(columns)?.lazy().select([first.alias(PROBLEM)]).collect()?;
        let problem = judged.column(PROBLEM)?.u32()?;
        let mut out = Vec::with_capacity(self.numbers.len());
        for (row, number) in self.numbers.iter().enumerate() {
            let by_code = |coded: &Coded, table: &[Option<jiff::civil::DateTime>]| {
                table.get(coded.code(row) as usize).copied().flatten()
            };
            if let Some(check) = problem.get(row).and_then(|p| CHECKS.get((p as usize).wrapping_sub(1))) {
                let (column, kind, shown) = check.issue();
                let text = match (shown, column) {
                    (false, _) => "",
                    (true, Name::Step) => self.step.text(self.step.code(row)),
                    (true, Name::StartedAt) => self.started.text(self.started.code(row)),
                    (true, _) => self.finished.text(self.finished.code(row)),
                };
                out.push(Err(InputIssue::new(file, *number, column.header(), text, kind)));
                continue;
            }
            let (Some(step), Some(started), Some(finished)) = (
                step.get(self.step.code(row) as usize).copied().flatten(),
                by_code(&self.started, &started),
                by_code(&self.finished, &finished),
            ) else {
                return Err(PolarsError::NoData("step checks".into()));
            };
            let request_id = self.request.text(self.request.code(row)).to_owned();
            out.push(Ok((
                StepTime { source: (file.to_owned(), *number), request_id, step, started, finished },
                Vec::new(),
            )));
        }
        Ok(out)
    }
}
