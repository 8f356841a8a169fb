//! The respondents tallied per group by polars: one group-by at the finest grain any table
//! needs (service × period × the four profile answers) computes each cell's respondents,
//! element tallies and pairwise moments as integer sums; every grouping (service, period,
//! profile answer, everyone) is rolled up from those cells.
//!
//! Every quantity is an integer count or sum, so native and wasm32 builds agree to the bit and
//! groups add up exactly; the arithmetic on them happens once, in `skm-core`.

use std::collections::HashMap;
use std::sync::Arc;

use polars::prelude::*;

use skm_core::analysis::{GroupKey, PeriodKey, ProfileBreakdown};
use skm_core::date::from_epoch_days;
use skm_core::ikm::{ElementTally, Moments, Tally, WeightConvention};
use skm_core::profile::{ProfileField, PROFILE_FIELDS};
use skm_core::{Period, PeriodKind};

use crate::collect::collect_many;
use crate::input::ResponseTable;
use crate::parallel::in_parts;
use crate::slots::TextSlots;
use crate::AnalyticsError;

/// What the respondents are grouped by (no keys: one group of everyone).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Grouping {
    /// By service.
    pub service: bool,
    /// By period of this kind (undated rows form their own group).
    pub period: Option<PeriodKind>,
}

/// The tallies of one group.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GroupTally {
    /// The group's key.
    pub key: GroupKey,
    /// Its pairwise moments (respondents, answers and sums included).
    pub moments: Moments,
    /// Per profile question (in [`PROFILE_FIELDS`] order), per answer in the question's code
    /// order and then "not given".
    profile: [Vec<Tally>; 5],
}

impl GroupTally {
    fn new(key: GroupKey) -> GroupTally {
        let profile = PROFILE_FIELDS.map(|field| vec![Tally::default(); field.codes().len() + 1]);
        GroupTally { key, moments: Moments::default(), profile }
    }

    /// Adds another group's tallies to this one.
    pub fn merge(&mut self, other: &GroupTally) {
        self.moments.merge(&other.moments);
        for (mine, theirs) in self.profile.iter_mut().zip(&other.profile) {
            for (a, b) in mine.iter_mut().zip(theirs) {
                a.merge(b);
            }
        }
    }

    /// The group's profile breakdowns, one per question; an answer of fewer than `min_sample`
    /// respondents is marked.
    pub fn breakdowns(&self, weight: WeightConvention, min_sample: u64) -> Vec<ProfileBreakdown> {
        PROFILE_FIELDS
            .iter()
            .zip(&self.profile)
            // The channel is only in the server's export: a breakdown of nothing but "not
            // recorded" says nothing and is left out.
            .filter(|(field, tallies)| {
                **field != ProfileField::Channel || tallies.iter().rev().skip(1).any(|t| t.respondents > 0)
            })
            .map(|(field, tallies)| {
                let codes = field.codes();
                let counts: Vec<(Option<String>, Tally)> = tallies
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.respondents > 0)
                    .map(|(slot, t)| (codes.get(slot).map(|c| (*c).to_owned()), *t))
                    .collect();
                ProfileBreakdown::new(*field, self.moments.respondents, &counts, weight, min_sample)
            })
            .collect()
    }
}

/// Everyone in one group.
pub(crate) fn everyone(groups: &[GroupTally]) -> GroupTally {
    let mut all = GroupTally::new(GroupKey::default());
    for g in groups {
        all.merge(g);
    }
    all
}

/// The groups of a coarser grouping, each the sum of the `cells` it holds: the cells' keys
/// without their service (unless `service`) and without their period (unless `period`).
pub(crate) fn roll_up(cells: &[GroupTally], service: bool, period: bool) -> Vec<GroupTally> {
    let mut groups: std::collections::BTreeMap<GroupKey, GroupTally> = std::collections::BTreeMap::new();
    for cell in cells {
        let key = GroupKey {
            service: cell.key.service.clone().filter(|_| service),
            period: cell.key.period.filter(|_| period),
        };
        groups.entry(key.clone()).or_insert_with(|| GroupTally::new(key)).merge(cell);
    }
    groups.into_values().collect()
}

/// The profile column of a question.
fn profile_column(table: &ResponseTable, field: ProfileField) -> &[Option<u8>] {
    match field {
        ProfileField::Gender => &table.gender,
        ProfileField::AgeBand => &table.age_band,
        ProfileField::Education => &table.education,
        ProfileField::Occupation => &table.occupation,
        ProfileField::Channel => &table.channel,
    }
}

/// The period key of a date (days since 1970-01-01) under a period kind.
fn period_key(kind: PeriodKind, day: Option<i32>) -> PeriodKey {
    match day.and_then(from_epoch_days) {
        Some(date) => PeriodKey::Known(Period::of_date(kind, date)),
        None => PeriodKey::Undated,
    }
}

/// Column names of the frame.
const GROUP: &str = "group";
const PROFILE: &str = "profile";
const RESPONDENTS: &str = "n";

/// Column of an element's score (0: not answered).
fn score(i: usize) -> String {
    format!("s{i}")
}

/// How many answer patterns there are: the answers (0 for none, else 1–4) of U1–U9 as the
/// digits of one number in base 5.
const PATTERNS: u64 = 5u64.pow(9);

/// How many answers of each profile question there are, "not given" included.
fn profile_sizes() -> [u32; 5] {
    PROFILE_FIELDS.map(|field| field.codes().len() as u32 + 1)
}

/// The respondents as a frame: their group (service slot × periods + period slot; the names in
/// the returned lists), their combination of profile answers (the answer's slot of each question
/// in turn, "not given" last) and their scores, 0 for unanswered.
///
/// The table comes from the hand-read columns, so this is a copy; the group and combination are
/// made in the same pass, each distinct service text and day placed once by the core's rules.
fn frame(table: &ResponseTable, grouping: Grouping) -> PolarsResult<(DataFrame, Vec<Arc<str>>, Vec<PeriodKey>)> {
    // Eleven columns, made side by side natively (one thread per core).
    let mut groups = None;
    let columns = in_parts(11, 1, |tasks| {
        tasks
            .map(|task| match task {
                0..9 => {
                    let values: Vec<u32> = table.scores[task]
                        .iter()
                        .map(|s| s.filter(|s| (1..=4).contains(s)).map_or(0, u32::from))
                        .collect();
                    (Column::new(score(task).into(), values), None)
                }
                9 => (Column::new(PROFILE.into(), combinations(table)), None),
                _ => {
                    let (group, services, periods) = group_slots(table, grouping);
                    (Column::new(GROUP.into(), group), Some((services, periods)))
                }
            })
            .collect()
    });
    let columns = columns
        .into_iter()
        .map(|(column, names)| {
            if names.is_some() {
                groups = names;
            }
            column
        })
        .collect();
    let (services, periods) = groups.unwrap_or_default();
    Ok((DataFrame::new(columns)?, services, periods))
}

/// Each respondent's group: service slot × periods + period slot, with the services and periods
/// by slot. Each distinct service text and day is placed once, by the core's rules.
fn group_slots(table: &ResponseTable, grouping: Grouping) -> (Vec<u32>, Vec<Arc<str>>, Vec<PeriodKey>) {
    let rows = table.service.len();
    let mut services = TextSlots::default();
    let mut periods: Vec<PeriodKey> = Vec::new();
    let mut days: HashMap<Option<i32>, u32, foldhash::fast::RandomState> = HashMap::default();
    let mut last: Option<(Option<i32>, u32)> = None;
    let mut period_slot = |kind: PeriodKind, day: Option<i32>| {
        // Files are mostly in order of time: the day before is likely the same.
        if let Some((seen, slot)) = last {
            if seen == day {
                return slot;
            }
        }
        let slot = *days.entry(day).or_insert_with(|| {
            let key = period_key(kind, day);
            let slot = periods.iter().position(|p| *p == key).unwrap_or_else(|| {
                periods.push(key);
                periods.len() - 1
            });
            slot as u32
        });
        last = Some((day, slot));
        slot
    };
    let mut slots = Vec::with_capacity(rows);
    for row in 0..rows {
        let s = if grouping.service { services.slot(&table.service[row]) } else { 0 };
        let p = grouping.period.map_or(0, |kind| period_slot(kind, table.date[row]));
        slots.push((s, p));
    }
    let per_service = periods.len().max(1) as u32;
    (slots.into_iter().map(|(s, p)| s * per_service + p).collect(), services.texts(), periods)
}

/// Each respondent's combination of profile answers: the answer's slot of each question in
/// turn ("not given" last), as one number.
fn combinations(table: &ResponseTable) -> Vec<u32> {
    let mut combination = vec![0u32; table.service.len()];
    for (field, size) in PROFILE_FIELDS.into_iter().zip(profile_sizes()) {
        let missing = size - 1;
        // A column shorter than the table (a table made without channels) is "not given" below.
        let column = profile_column(table, field);
        for (row, c) in combination.iter_mut().enumerate() {
            let answer = column.get(row).copied().flatten();
            *c = *c * size + answer.map(u32::from).filter(|&a| a < missing).unwrap_or(missing);
        }
    }
    combination
}

/// The answers of a pattern.
fn digits(mut pattern: u64) -> [Option<u8>; 9] {
    std::array::from_fn(|_| {
        let digit = (pattern % 5) as u8;
        pattern /= 5;
        (digit > 0).then_some(digit)
    })
}

/// Tallies every respondent into its group; groups come sorted by key, only those with
/// respondents. Two group-bys run side by side on one integer key each: the respondents per
/// group and answer pattern (a pattern's pairs are then added once, times its count), and the
/// element tallies per group and combination of profile answers (rolled up per question).
pub(crate) fn tally(table: &ResponseTable, grouping: Grouping) -> Result<Vec<GroupTally>, AnalyticsError> {
    let polars = |source| AnalyticsError::Polars { context: "IKM".to_owned(), source };
    if table.is_empty() {
        return Ok(Vec::new());
    }
    let (frame, services, periods) = frame(table, grouping).map_err(polars)?;
    // The answers as the digits of one number in base 5 (5⁹ fits in 32 bits).
    let pattern = (1..9).fold(col(score(8)), |acc, i| acc * lit(5u32) + col(score(8 - i)));
    let key = |inner: Expr, size: u64| {
        (col(GROUP).cast(DataType::UInt64) * lit(size) + inner.cast(DataType::UInt64)).alias("key")
    };
    let by_pattern =
        frame.clone().lazy().group_by([key(pattern, PATTERNS)]).agg([len().cast(DataType::UInt64).alias(RESPONDENTS)]);
    let combinations = profile_sizes().iter().map(|s| u64::from(*s)).product::<u64>();
    let mut sums = vec![len().cast(DataType::UInt64).alias(RESPONDENTS)];
    for i in 0..9 {
        sums.push(col(score(i)).gt(lit(0u32)).sum().cast(DataType::UInt64).alias(format!("a{i}")));
        sums.push(col(score(i)).sum().cast(DataType::UInt64).alias(score(i)));
    }
    let by_profile = frame.lazy().group_by([key(col(PROFILE), combinations)]).agg(sums);
    let mut results = collect_many(vec![by_pattern, by_profile]).map_err(polars)?.into_iter();
    let (Some(by_pattern), Some(by_profile)) = (results.next(), results.next()) else {
        return Err(polars(PolarsError::NoData("IKM".into())));
    };

    let mut groups = Groups::new(grouping, services, periods);
    let column = |frame: &DataFrame, name: &str| -> PolarsResult<Vec<u64>> {
        Ok(frame.column(name)?.u64()?.into_iter().map(|v| v.unwrap_or(0)).collect())
    };
    let (keys, counts) = (column(&by_pattern, "key"), column(&by_pattern, RESPONDENTS));
    for (key, count) in keys.map_err(polars)?.into_iter().zip(counts.map_err(polars)?) {
        if let Some(g) = groups.get(key / PATTERNS) {
            g.moments.add_times(&digits(key % PATTERNS), count);
        }
    }
    let keys = column(&by_profile, "key").map_err(polars)?;
    let respondents = column(&by_profile, RESPONDENTS).map_err(polars)?;
    let answers: Vec<Vec<u64>> =
        (0..9).map(|i| column(&by_profile, &format!("a{i}"))).collect::<PolarsResult<_>>().map_err(polars)?;
    let totals: Vec<Vec<u64>> =
        (0..9).map(|i| column(&by_profile, &score(i))).collect::<PolarsResult<_>>().map_err(polars)?;
    let sizes = profile_sizes();
    for (row, key) in keys.into_iter().enumerate() {
        let Some(g) = groups.get(key / combinations) else { continue };
        let tally = Tally {
            respondents: respondents[row],
            elements: std::array::from_fn(|i| ElementTally { answers: answers[i][row], sum: totals[i][row] }),
        };
        // The combination's answers, last question first.
        let mut rest = key % combinations;
        for (tallies, size) in g.profile.iter_mut().zip(sizes).rev() {
            if let Some(t) = tallies.get_mut((rest % u64::from(size)) as usize) {
                t.merge(&tally);
            }
            rest /= u64::from(size);
        }
    }
    let mut groups: Vec<GroupTally> = groups.slots.into_iter().flatten().collect();
    groups.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(groups)
}

/// The groups by their number (service slot × periods + period slot), made as they are met.
struct Groups {
    grouping: Grouping,
    services: Vec<Arc<str>>,
    periods: Vec<PeriodKey>,
    slots: Vec<Option<GroupTally>>,
}

impl Groups {
    fn new(grouping: Grouping, services: Vec<Arc<str>>, periods: Vec<PeriodKey>) -> Groups {
        let slots = vec![None; services.len().max(1) * periods.len().max(1)];
        Groups { grouping, services, periods, slots }
    }

    /// The group of a number, made when new; `None` for a number out of range.
    fn get(&mut self, id: u64) -> Option<&mut GroupTally> {
        let per_service = self.periods.len().max(1) as u64;
        let (s, p) = ((id / per_service) as usize, (id % per_service) as usize);
        let (grouping, services, periods) = (self.grouping, &self.services, &self.periods);
        self.slots.get_mut(usize::try_from(id).ok()?).map(|g| {
            g.get_or_insert_with(|| {
                GroupTally::new(GroupKey {
                    service: grouping.service.then(|| services.get(s).map(|n| n.to_string()).unwrap_or_default()),
                    period: grouping.period.map(|_| periods.get(p).copied().unwrap_or(PeriodKey::Undated)),
                })
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cells_roll_up_to_the_moments_of_each_respondent_added_one_by_one() {
        let rows = 20_000;
        let services: Vec<Arc<str>> = ["a", "b", "c"].map(Arc::from).to_vec();
        let codes = PROFILE_FIELDS.map(|field| field.codes());
        let mut table = ResponseTable::default();
        let mut seed = 2017u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..rows {
            table.service.push(services[next(3) as usize].clone());
            table.date.push((next(10) > 0).then(|| 20_454 + next(365) as i32));
            for column in &mut table.scores {
                column.push((next(8) > 0).then(|| 1 + next(4) as u8));
            }
            let mut code = |field: usize| {
                let i = next(codes[field].len() as u64 + 1);
                (i < codes[field].len() as u64).then_some(i as u8)
            };
            let (g, a, e, o, ch) = (code(0), code(1), code(2), code(3), code(4));
            table.gender.push(g);
            table.age_band.push(a);
            table.education.push(e);
            table.occupation.push(o);
            table.channel.push(ch);
        }
        let grouping = Grouping { service: true, period: Some(PeriodKind::Quarter) };
        let groups = tally(&table, grouping).unwrap();
        assert_eq!(groups.len(), 3 * 5);

        // The same groups, one respondent at a time with the core's own adders.
        let mut by_key: std::collections::BTreeMap<GroupKey, GroupTally> = Default::default();
        for row in 0..rows {
            let key = GroupKey {
                service: Some(table.service[row].to_string()),
                period: Some(period_key(PeriodKind::Quarter, table.date[row])),
            };
            let scores: [Option<u8>; 9] = std::array::from_fn(|i| table.scores[i][row]);
            let group = by_key.entry(key.clone()).or_insert_with(|| GroupTally::new(key));
            group.moments.add(&scores);
            for (field, tallies) in PROFILE_FIELDS.iter().zip(group.profile.iter_mut()) {
                let slot = profile_column(&table, *field)[row].map_or(codes_len(*field), usize::from);
                tallies[slot].add(&scores);
            }
        }
        let expected: Vec<GroupTally> = by_key.into_values().collect();
        assert_eq!(groups, expected);

        // A text of its own on every row (as past the reader's few dozen shared ones) groups alike.
        let mut apart = table.clone();
        apart.service = table.service.iter().map(|s| Arc::from(s.to_string())).collect();
        assert_eq!(tally(&apart, grouping).unwrap(), expected);
        assert!(everyone(&groups).moments.sum[0][0] > 255, "sums beyond a byte");

        // Rolled up to services or periods, the cells are what a tally by those alone gives.
        let by_service = Grouping { service: true, period: None };
        assert_eq!(roll_up(&groups, true, false), tally(&table, by_service).unwrap());
        let by_period = Grouping { service: false, period: Some(PeriodKind::Quarter) };
        assert_eq!(roll_up(&groups, false, true), tally(&table, by_period).unwrap());
    }

    fn codes_len(field: ProfileField) -> usize {
        field.codes().len()
    }
}
