//! The checks of request and complaint rows, in polars. A batch of rows is read as coded
//! columns (`coded.rs`): each distinct service, tier and date asked for is judged once by the
//! core's rule, and each moment (nearly all distinct) once per row; polars gathers the results
//! by code, looks up the standard in force once per distinct service, day and tier and joins it
//! back, and one expression gives each row its first failed check, in the order the checks
//! have always been reported. The rows that pass become items with what they promise.

use std::sync::Arc;

use jiff::civil::DateTime;
use polars::prelude::*;
use skm_core::catalog::{ComplaintTier, Limit, COMPLAINT_TIERS};
use skm_core::compliance::ItemKind;
use skm_core::date::{epoch_days, from_epoch_days, parse_date};
use skm_core::issue::{InputIssue, IssueKind};
use skm_core::sla::{deadline, Judgement, Outcome};

use super::coded::Coded;
use super::items::{Item, SlaContext};
use super::named::{moment_of, Name, Row, BATCH};
use super::texts::Texts;
use crate::working::{seconds_of, Promise};

/// The checks of a row, in the order they are made; a row's issue is its first that fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    IdMissing = 1,
    ServiceMissing,
    ServiceUnknown,
    ReceivedMissing,
    ReceivedBad,
    NoStandard,
    TierMissing,
    TierUnknown,
    NoComplaintLimit,
    RequestedForMissing,
    RequestedForBad,
    CompletedBad,
    CompletedBefore,
}

/// Every check, by its number less one.
const CHECKS: [Check; 13] = [
    Check::IdMissing,
    Check::ServiceMissing,
    Check::ServiceUnknown,
    Check::ReceivedMissing,
    Check::ReceivedBad,
    Check::NoStandard,
    Check::TierMissing,
    Check::TierUnknown,
    Check::NoComplaintLimit,
    Check::RequestedForMissing,
    Check::RequestedForBad,
    Check::CompletedBad,
    Check::CompletedBefore,
];

/// The cell a failed check shows in its message.
#[derive(Clone, Copy)]
enum Shown {
    Nothing,
    Service,
    Tier,
    Received,
    RequestedFor,
    Completed,
}

impl Check {
    /// Its number in the frames.
    fn code(self) -> u32 {
        self as u32
    }

    /// The column named, the problem, and the cell shown.
    fn issue(self, kind: ItemKind) -> (Name, IssueKind, Shown) {
        match self {
            Check::IdMissing => (Name::Id, IssueKind::Missing, Shown::Nothing),
            Check::ServiceMissing => (Name::Service, IssueKind::Missing, Shown::Nothing),
            Check::ServiceUnknown | Check::NoStandard | Check::NoComplaintLimit => {
                (Name::Service, IssueKind::UnknownService, Shown::Service)
            }
            Check::ReceivedMissing => (Name::ReceivedAt, IssueKind::Missing, Shown::Nothing),
            Check::ReceivedBad => (Name::ReceivedAt, IssueKind::BadDate, Shown::Received),
            Check::TierMissing => (Name::Tier, IssueKind::Missing, Shown::Nothing),
            Check::TierUnknown => (Name::Tier, IssueKind::UnknownTier, Shown::Tier),
            Check::RequestedForMissing => (Name::RequestedFor, IssueKind::MissingRequestedFor, Shown::Nothing),
            Check::RequestedForBad => (Name::RequestedFor, IssueKind::BadDate, Shown::RequestedFor),
            Check::CompletedBad => (completed_column(kind), IssueKind::BadDate, Shown::Completed),
            Check::CompletedBefore => (completed_column(kind), IssueKind::CompletedBeforeReceived, Shown::Completed),
        }
    }
}

/// The column that says when an item was done.
pub(crate) fn completed_column(kind: ItemKind) -> Name {
    match kind {
        ItemKind::Request => Name::CompletedAt,
        ItemKind::Complaint => Name::ResolvedAt,
    }
}

/// Column names of a batch's frames.
const ID: &str = "id";
const SERVICE: &str = "service";
const SERVICE_PROBLEM: &str = "service_problem";
const TIER: &str = "tier";
const TIER_PROBLEM: &str = "tier_problem";
const RECEIVED: &str = "received";
const RECEIVED_PROBLEM: &str = "received_problem";
const ASKED: &str = "asked";
const ASKED_PROBLEM: &str = "asked_problem";
const COMPLETED: &str = "completed";
const COMPLETED_PROBLEM: &str = "completed_problem";
const RECEIVED_DAY: &str = "received_day";
const KEY: &str = "key";
const NO_STANDARD: &str = "no_standard";
const NO_LIMIT: &str = "no_limit";
const LIMIT: &str = "limit";
const AS_REQUESTED: &str = "as_requested";
const PROBLEM: &str = "problem";

/// The tier of a row without one, in the keys.
const NO_TIER: i64 = 15;

/// A row checked: its item (not yet judged) with what it promises, or its issue.
pub(crate) type CheckedRow = Result<(Item, Promise), InputIssue>;

/// Rows read and not yet checked, column by column.
pub(crate) struct ItemBatch {
    kind: ItemKind,
    /// Each row's number in its sheet.
    numbers: Vec<u64>,
    id: Coded,
    service: Coded,
    tier: Coded,
    received: Coded,
    asked: Coded,
    completed: Coded,
    channel: Vec<Arc<str>>,
}

impl ItemBatch {
    /// An empty batch of requests or complaints.
    pub(crate) fn new(kind: ItemKind) -> ItemBatch {
        ItemBatch {
            kind,
            numbers: Vec::with_capacity(BATCH),
            id: Coded::each_row(),
            service: Coded::default(),
            tier: Coded::default(),
            received: Coded::each_row(),
            asked: Coded::default(),
            completed: Coded::each_row(),
            channel: Vec::with_capacity(BATCH),
        }
    }

    /// How many rows wait to be checked.
    pub(crate) fn len(&self) -> usize {
        self.numbers.len()
    }

    /// Adds a row.
    pub(crate) fn push(&mut self, row: &Row<'_>, channels: &mut Texts) {
        let cell = |name| Some(row.get(name)).filter(|text| !text.is_empty());
        self.numbers.push(row.number);
        self.id.push(cell(Name::Id));
        self.service.push(cell(Name::Service));
        if self.kind == ItemKind::Complaint {
            self.tier.push(cell(Name::Tier));
        }
        self.received.push(cell(Name::ReceivedAt));
        self.asked.push(cell(Name::RequestedFor));
        self.completed.push(cell(completed_column(self.kind)));
        self.channel.push(channels.get(row.get(Name::Channel), str::to_owned));
    }

    /// The row number of row `row` of the batch.
    pub(crate) fn number(&self, row: usize) -> u64 {
        self.numbers.get(row).copied().unwrap_or_default()
    }

    /// The `received_at` cell of row `row` of the batch.
    pub(crate) fn received_text(&self, row: usize) -> &str {
        self.received.text(self.received.code(row))
    }

    /// Empties the batch for the next rows.
    pub(crate) fn clear(&mut self) {
        self.numbers.clear();
        self.channel.clear();
        for coded in [&mut self.id, &mut self.service, &mut self.tier, &mut self.received, &mut self.asked] {
            coded.clear();
        }
        self.completed.clear();
    }

    /// Checks the rows read so far: each row's item and promise, or its issue, in row order.
    pub(crate) fn check(&self, file: &str, ctx: SlaContext<'_>, services: &mut Texts) -> PolarsResult<Vec<CheckedRow>> {
        let height = self.numbers.len();
        let complaint = self.kind == ItemKind::Complaint;
        // Each distinct cell judged once by the core's rule.
        let mut codes_of_service: Vec<Arc<str>> = Vec::new();
        let (service_value, mut service_problem) = self.service.judge(|text| {
            let code = services.service(ctx.mapping, text);
            if !ctx.catalog.knows(&code) {
                return Err(Some(Check::ServiceUnknown.code()));
            }
            codes_of_service.push(code);
            Ok(Some(codes_of_service.len() as u32 - 1))
        });
        service_problem[0] = Some(Check::ServiceMissing.code());
        let moment = |check: Check, end_of_day| {
            move |text: &str| moment_of(text, ctx.calendar, end_of_day).map(Some).ok_or(Some(check.code()))
        };
        let (received, mut received_problem) = self.received.judge(moment(Check::ReceivedBad, false));
        received_problem[0] = Some(Check::ReceivedMissing.code());
        let (completed, completed_problem) = self.completed.judge(moment(Check::CompletedBad, true));
        let (asked, asked_problem) = self
            .asked
            .judge(|text| parse_date(text).map(|d| Some(epoch_days(d))).ok_or(Some(Check::RequestedForBad.code())));
        let table = |values| Series::new("".into(), values);
        let [received_seconds, received_nanos] = moment_columns(&self.received, &received, RECEIVED)?;
        let [completed_seconds, completed_nanos] = moment_columns(&self.completed, &completed, COMPLETED)?;
        let days = received.iter().map(|m| m.map(|m| epoch_days(m.date()))).collect::<Vec<_>>();
        let mut columns = vec![
            self.id.codes().with_name(ID.into()).into_column(),
            self.service.gathered(SERVICE, table(&service_value))?,
            self.service.gathered(SERVICE_PROBLEM, table(&service_problem))?,
            received_seconds,
            received_nanos,
            self.received.gathered(RECEIVED_DAY, Series::new("".into(), days))?,
            self.received.gathered(RECEIVED_PROBLEM, table(&received_problem))?,
            completed_seconds,
            completed_nanos,
            self.completed.gathered(COMPLETED_PROBLEM, table(&completed_problem))?,
            self.asked.gathered(ASKED, Series::new("".into(), &asked))?,
            self.asked.gathered(ASKED_PROBLEM, table(&asked_problem))?,
        ];
        if complaint {
            let (tier, mut tier_problem) = self.tier.judge(|text| {
                let tier = ComplaintTier::from_code(text).and_then(|t| COMPLAINT_TIERS.iter().position(|c| *c == t));
                tier.map(|t| Some(t as u32)).ok_or(Some(Check::TierUnknown.code()))
            });
            tier_problem[0] = Some(Check::TierMissing.code());
            columns.push(self.tier.gathered(TIER, table(&tier))?);
            columns.push(self.tier.gathered(TIER_PROBLEM, table(&tier_problem))?);
        } else {
            let none =
                |name: &str| Column::new_scalar(name.into(), Scalar::new(DataType::UInt32, AnyValue::Null), height);
            columns.extend([none(TIER), none(TIER_PROBLEM)]);
        }
        // The standard in force: looked up once per distinct service, day received and tier.
        let key = (col(SERVICE).cast(DataType::Int64) * lit(1i64 << 40))
            + (col(TIER).cast(DataType::Int64).fill_null(lit(NO_TIER)) * lit(1i64 << 32))
            + (col(RECEIVED_DAY).cast(DataType::Int64) + lit(1i64 << 31));
        let rows = DataFrame::new(columns)?.lazy().with_column(key.alias(KEY)).collect()?;
        let keys = rows.column(KEY)?.as_materialized_series().drop_nulls().unique()?;
        let (standards, limits) = self.standards(keys.i64()?, &codes_of_service, ctx)?;

        let when = |condition: Expr, check: Check| failed(condition, check.code());
        let as_requested = col(AS_REQUESTED).fill_null(lit(false));
        let first = coalesce(&[
            when(col(ID).eq(lit(0 as IdxSize)), Check::IdMissing),
            col(SERVICE_PROBLEM),
            col(RECEIVED_PROBLEM),
            when(col(NO_STANDARD).fill_null(lit(false)), Check::NoStandard),
            col(TIER_PROBLEM),
            when(col(NO_LIMIT).fill_null(lit(false)), Check::NoComplaintLimit),
            when(
                as_requested.clone().and(col(ASKED).is_null()).and(col(ASKED_PROBLEM).is_null()),
                Check::RequestedForMissing,
            ),
            when(as_requested.and(col(ASKED_PROBLEM).is_not_null()), Check::RequestedForBad),
            col(COMPLETED_PROBLEM),
            when(before(COMPLETED, RECEIVED), Check::CompletedBefore),
        ]);
        let judged = rows
            .lazy()
            .join(
                standards.lazy(),
                [col(KEY)],
                [col(KEY)],
                JoinArgs { maintain_order: MaintainOrderJoin::Left, ..JoinArgs::new(JoinType::Left) },
            )
            .select([first.alias(PROBLEM), col(SERVICE), col(TIER), col(LIMIT)])
            .collect()?;
        let moments = Moments { received: &received, completed: &completed, asked: &asked };
        self.rows(file, ctx, &judged, moments, &codes_of_service, &limits)
    }

    /// The standard of each distinct key (service, tier, day received): whether there is none,
    /// whether a complaint's tier has no limit, and the limit (its place in the list given back).
    fn standards(
        &self,
        keys: &Int64Chunked,
        codes_of_service: &[Arc<str>],
        ctx: SlaContext<'_>,
    ) -> PolarsResult<(DataFrame, Vec<Limit>)> {
        let mut limits: Vec<Limit> = Vec::new();
        let (mut no_standard, mut no_limit, mut limit, mut as_requested) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let all: Vec<i64> = keys.into_no_null_iter().collect();
        for key in &all {
            let service = codes_of_service.get((key >> 40) as usize).map_or("", |s| &**s);
            let tier = ((key >> 32) & 0xFF) as usize;
            let day = from_epoch_days(((key & 0xFFFF_FFFF) - (1i64 << 31)) as i32);
            let standard = day.and_then(|day| ctx.catalog.standard_on(service, day));
            let found = match (self.kind, standard) {
                (_, None) => None,
                (ItemKind::Request, Some(s)) => Some(Some(s.completion_time.limit)),
                (ItemKind::Complaint, Some(s)) => Some(
                    COMPLAINT_TIERS
                        .get(tier)
                        .and_then(|t| s.complaints.as_ref().and_then(|c| c.deadline(*t)).map(|d| d.limit)),
                ),
            };
            no_standard.push(found.is_none());
            // A complaint without a tier fails on its tier first.
            no_limit.push(matches!(found, Some(None)) && tier < COMPLAINT_TIERS.len());
            let place = found.flatten().map(|l| match limits.iter().position(|known| *known == l) {
                Some(p) => p as u32,
                None => {
                    limits.push(l);
                    limits.len() as u32 - 1
                }
            });
            as_requested.push(found.flatten().is_some_and(|l| Promise::of_limit(l).is_none()));
            limit.push(place);
        }
        let frame = DataFrame::new(vec![
            Column::new(KEY.into(), all),
            Column::new(NO_STANDARD.into(), no_standard),
            Column::new(NO_LIMIT.into(), no_limit),
            Column::new(LIMIT.into(), limit),
            Column::new(AS_REQUESTED.into(), as_requested),
        ])?;
        Ok((frame, limits))
    }

    /// Each row's item and promise, or its issue, in row order.
    fn rows(
        &self,
        file: &str,
        ctx: SlaContext<'_>,
        judged: &DataFrame,
        moments: Moments<'_>,
        codes_of_service: &[Arc<str>],
        limits: &[Limit],
    ) -> PolarsResult<Vec<CheckedRow>> {
        let problem = judged.column(PROBLEM)?.u32()?;
        let by_code =
            |table: &[Option<DateTime>], coded: &Coded, row| table.get(coded.code(row) as usize).copied().flatten();
        let service = judged.column(SERVICE)?.u32()?;
        let tier = judged.column(TIER)?.u32()?;
        let limit = judged.column(LIMIT)?.u32()?;
        let mut out = Vec::with_capacity(self.numbers.len());
        for (row, number) in self.numbers.iter().enumerate() {
            let issue = |check: Check| {
                let (column, kind, shown) = check.issue(self.kind);
                let text = match shown {
                    Shown::Nothing => "",
                    Shown::Service => self.service.text(self.service.code(row)),
                    Shown::Tier => self.tier.text(self.tier.code(row)),
                    Shown::Received => self.received.text(self.received.code(row)),
                    Shown::RequestedFor => self.asked.text(self.asked.code(row)),
                    Shown::Completed => self.completed.text(self.completed.code(row)),
                };
                InputIssue::new(file, *number, column.header(), text, kind)
            };
            if let Some(check) = problem.get(row).and_then(|p| CHECKS.get((p as usize).wrapping_sub(1))) {
                out.push(Err(issue(*check)));
                continue;
            }
            let (Some(received), Some(service), Some(limit)) = (
                by_code(moments.received, &self.received, row),
                service.get(row).and_then(|s| codes_of_service.get(s as usize)),
                limit.get(row).and_then(|l| limits.get(l as usize)),
            ) else {
                return Err(PolarsError::NoData("item checks".into()));
            };
            let requested_for =
                moments.asked.get(self.asked.code(row) as usize).copied().flatten().and_then(from_epoch_days);
            let promise = match Promise::of_limit(*limit) {
                Some(promise) => promise,
                // By the end of the date asked for: no calendar involved.
                None => match deadline(ctx.calendar, received, *limit, requested_for) {
                    Ok(due) => Promise::Due(due),
                    Err(_) => {
                        out.push(Err(issue(Check::RequestedForMissing)));
                        continue;
                    }
                },
            };
            // Deadline and judgement come when the rows around it are judged together.
            let judgement =
                Judgement { outcome: Outcome::Pending, taken_seconds: None, late_seconds: 0, allowed_seconds: 0 };
            let item = Item {
                kind: self.kind,
                id: self.id.text(self.id.code(row)).to_owned(),
                service: Arc::clone(service),
                channel: self.channel.get(row).cloned().unwrap_or_else(|| Arc::from("")),
                tier: tier.get(row).and_then(|t| COMPLAINT_TIERS.get(t as usize)).copied(),
                received,
                due: received,
                completed: by_code(moments.completed, &self.completed, row),
                judgement,
            };
            out.push(Ok((item, promise)));
        }
        Ok(out)
    }
}

/// The moments and dates of a batch's distinct cells, by code.
#[derive(Clone, Copy)]
struct Moments<'a> {
    received: &'a [Option<DateTime>],
    completed: &'a [Option<DateTime>],
    asked: &'a [Option<i32>],
}

/// The columns `name` (a moment as seconds from 1970-01-01 00:00, `seconds_of`) and `name`
/// with [`NANOS`] (the nanoseconds past it) of every row, gathered from the moments of a
/// coded column's distinct cells, so that moments compare exactly ([`before`]).
pub(crate) fn moment_columns(coded: &Coded, table: &[Option<DateTime>], name: &str) -> PolarsResult<[Column; 2]> {
    let seconds: Vec<Option<i64>> = table.iter().map(|m| m.map(seconds_of)).collect();
    let nanos: Vec<Option<i32>> = table.iter().map(|m| m.map(|m| m.subsec_nanosecond())).collect();
    Ok([
        coded.gathered(name, Series::new("".into(), seconds))?,
        coded.gathered(&format!("{name}{NANOS}"), Series::new("".into(), nanos))?,
    ])
}

/// The suffix of a moment's nanoseconds column.
const NANOS: &str = "_nanos";

/// Whether moment `a` is before moment `b` (columns of [`moment_columns`]).
pub(crate) fn before(a: &str, b: &str) -> Expr {
    let nanos = |name: &str| col(format!("{name}{NANOS}"));
    col(a).lt(col(b)).or(col(a).eq(col(b)).and(nanos(a).lt(nanos(b))))
}

/// Check `code` where `condition` holds, else null (for [`coalesce`], which keeps the first).
pub(crate) fn failed(condition: Expr, code: u32) -> Expr {
    when(condition).then(lit(code)).otherwise(lit(NULL).cast(DataType::UInt32))
}
