//! The respondents tallied per group in one pass over the response table: per group the
//! answer pairs (for the IKM and its interval) and, per answer of each profile question, the
//! element tallies (for the profile breakdowns).
//!
//! Every quantity is an integer count or sum, so native and wasm32 builds agree to the bit and
//! groups add up exactly; the arithmetic on them happens once, in `skm-core`. Tallying by hand
//! rather than with polars expressions: the moments are 172 sums per group, which polars
//! computed in 5 s for a million respondents and this pass does in a fraction of that
//! (docs/benchmarks.md).

use std::collections::HashMap;

use foldhash::fast::RandomState;

use skm_core::analysis::{GroupKey, PeriodKey, ProfileBreakdown};
use skm_core::date::from_epoch_days;
use skm_core::ikm::{Tally, WeightConvention};
use skm_core::pairs::AnswerPairs;
use skm_core::profile::{ProfileField, PROFILE_FIELDS};
use skm_core::{Period, PeriodKind};

use crate::input::ResponseTable;
use crate::parallel::in_parts;

/// What the respondents are grouped by (no keys: one group of everyone).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Grouping {
    /// By service.
    pub service: bool,
    /// By period of this kind (undated rows form their own group).
    pub period: Option<PeriodKind>,
}

/// The tallies of one group.
#[derive(Debug, Clone)]
pub(crate) struct GroupTally {
    /// The group's key.
    pub key: GroupKey,
    /// Its answer pairs.
    pub pairs: AnswerPairs,
    /// Per profile question (in [`PROFILE_FIELDS`] order), per answer in the question's code
    /// order and then "not given".
    profile: [Vec<Tally>; 4],
}

impl GroupTally {
    fn new(key: GroupKey) -> GroupTally {
        let profile = PROFILE_FIELDS.map(|field| vec![Tally::default(); field.codes().len() + 1]);
        GroupTally { key, pairs: AnswerPairs::default(), profile }
    }

    /// Adds another group's tallies to this one.
    pub fn merge(&mut self, other: &GroupTally) {
        self.pairs.merge(&other.pairs);
        for (mine, theirs) in self.profile.iter_mut().zip(&other.profile) {
            for (a, b) in mine.iter_mut().zip(theirs) {
                a.respondents += b.respondents;
                for (x, y) in a.elements.iter_mut().zip(&b.elements) {
                    x.answers += y.answers;
                    x.sum += y.sum;
                }
            }
        }
    }

    /// The group's profile breakdowns, one per question; an answer of fewer than `min_sample`
    /// respondents is marked.
    pub fn breakdowns(&self, weight: WeightConvention, min_sample: u64) -> Vec<ProfileBreakdown> {
        PROFILE_FIELDS
            .iter()
            .zip(&self.profile)
            .map(|(field, tallies)| {
                let codes = field.codes();
                let counts: Vec<(Option<String>, Tally)> = tallies
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.respondents > 0)
                    .map(|(slot, t)| (codes.get(slot).map(|c| (*c).to_owned()), *t))
                    .collect();
                ProfileBreakdown::new(*field, self.pairs.respondents(), &counts, weight, min_sample)
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

/// The profile column of a question.
fn profile_column(table: &ResponseTable, field: ProfileField) -> &[Option<u8>] {
    match field {
        ProfileField::Gender => &table.gender,
        ProfileField::AgeBand => &table.age_band,
        ProfileField::Education => &table.education,
        ProfileField::Occupation => &table.occupation,
    }
}

/// The period key of a date (days since 1970-01-01) under a period kind.
fn period_key(kind: PeriodKind, day: Option<i32>) -> PeriodKey {
    match day.and_then(from_epoch_days) {
        Some(date) => PeriodKey::Known(Period::of_date(kind, date)),
        None => PeriodKey::Undated,
    }
}

/// Tallies every respondent into its group; groups come sorted by key, only those with
/// respondents. Natively a large table is tallied in parts, one per core, and the parts' groups
/// added up: the counts are integers, so the result is the same to the bit.
pub(crate) fn tally(table: &ResponseTable, grouping: Grouping) -> Vec<GroupTally> {
    /// Fewer rows than this per part are not worth a thread.
    const MIN_ROWS: usize = 100_000;
    let mut groups = in_parts(table.service.len(), MIN_ROWS, |rows| tally_rows(table, grouping, rows));
    groups.sort_by(|a, b| a.key.cmp(&b.key));
    groups.dedup_by(|later, kept| {
        let same = later.key == kept.key;
        if same {
            kept.merge(later);
        }
        same
    });
    groups
}

/// [`tally`] of the rows in `range`.
fn tally_rows(table: &ResponseTable, grouping: Grouping, range: std::ops::Range<usize>) -> Vec<GroupTally> {
    let codes = PROFILE_FIELDS.map(|field| field.codes());
    let columns = PROFILE_FIELDS.map(|field| profile_column(table, field));
    let mut groups: Vec<GroupTally> = Vec::new();
    // Group of each (service slot, period slot); the slots are numbered as they are met.
    let mut slots: HashMap<(u32, u32), usize, RandomState> = HashMap::default();
    let mut services: HashMap<&str, u32, RandomState> = HashMap::default();
    let mut period_slots: HashMap<PeriodKey, u32, RandomState> = HashMap::default();
    let mut days: HashMap<Option<i32>, (u32, PeriodKey), RandomState> = HashMap::default();
    let mut scores = [None; 9];
    for row in range {
        let service_slot = if grouping.service {
            let next = services.len() as u32;
            *services.entry(&*table.service[row]).or_insert(next)
        } else {
            0
        };
        let (period_slot, period) = match grouping.period {
            Some(kind) => {
                let day = table.date[row];
                *days.entry(day).or_insert_with(|| {
                    let key = period_key(kind, day);
                    let next = period_slots.len() as u32;
                    (*period_slots.entry(key).or_insert(next), key)
                })
            }
            None => (0, PeriodKey::Undated),
        };
        let index = *slots.entry((service_slot, period_slot)).or_insert_with(|| {
            groups.push(GroupTally::new(GroupKey {
                service: grouping.service.then(|| table.service[row].to_string()),
                period: grouping.period.map(|_| period),
            }));
            groups.len() - 1
        });
        for (score, column) in scores.iter_mut().zip(&table.scores) {
            *score = column[row];
        }
        let group = &mut groups[index];
        group.pairs.add(&scores);
        for ((tallies, column), codes) in group.profile.iter_mut().zip(&columns).zip(&codes) {
            let slot = column[row].map(usize::from).filter(|&i| i < codes.len()).unwrap_or(codes.len());
            tallies[slot].add(&scores);
        }
    }
    groups.sort_by(|a, b| a.key.cmp(&b.key));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_tallied_in_parts_gives_the_groups_of_one_pass() {
        let rows = 250_000;
        let services: Vec<std::sync::Arc<str>> = ["a", "b", "c"].map(std::sync::Arc::from).to_vec();
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
            let (g, a, e, o) = (code(0), code(1), code(2), code(3));
            table.gender.push(g);
            table.age_band.push(a);
            table.education.push(e);
            table.occupation.push(o);
        }
        let grouping = Grouping { service: true, period: Some(PeriodKind::Quarter) };
        let whole = tally_rows(&table, grouping, 0..rows);
        let mut whole_sorted = whole.clone();
        whole_sorted.sort_by(|a, b| a.key.cmp(&b.key));
        let in_parts = tally(&table, grouping);
        assert_eq!(format!("{in_parts:?}"), format!("{whole_sorted:?}"));
        assert_eq!(in_parts.len(), 3 * 5);
    }
}
