//! The IKM analysis of a response table: overall, per group, per profile answer, with the
//! sample check and the change between periods.

use std::collections::{BTreeMap, BTreeSet};

use skm_core::analysis::{
    link_changes, GroupBy, GroupKey, GroupResult, Grouping as AnalysisGrouping, IkmAnalysis, IkmOptions, PeriodKey,
    SampleCheck,
};
use skm_core::date::from_epoch_days;
use skm_core::{Period, PeriodKind};

use crate::input::{read_responses, Input, Mapping, RequestTable, ResponseTable};
use crate::moments::{everyone, roll_up, tally, GroupTally, Grouping};
use crate::AnalyticsError;

/// Where the number of service users (N) of the sample check comes from.
#[derive(Debug, Clone, Copy, Default)]
pub enum Population<'a> {
    /// Not known: no sample check.
    #[default]
    Unknown,
    /// Given for the whole survey.
    Given(u64),
    /// Counted per service and period from request files.
    Requests(&'a RequestTable),
}

/// Reads canonical response files with the built-in mapping and analyses them.
pub fn ikm_of_files(inputs: &[Input<'_>], options: &IkmOptions) -> Result<IkmAnalysis, AnalyticsError> {
    let table = read_responses(inputs, &Mapping::builtin()?)?;
    analyse_ikm(&table, options, Population::Unknown)
}

/// Computes the IKM analysis of a response table.
pub fn analyse_ikm(
    table: &ResponseTable,
    options: &IkmOptions,
    population: Population<'_>,
) -> Result<IkmAnalysis, AnalyticsError> {
    let grouping = Grouping {
        service: options.by.contains(&GroupBy::Service),
        period: options.by.contains(&GroupBy::Period).then_some(options.period),
    };
    let tallies = tally(table, grouping)?;
    Ok(of_tallies(table, tallies, options, population))
}

/// The year's two IKM analyses, by service (with `population`) and by period (without), from
/// one tally of the table by service × period rolled up both ways.
pub fn analyse_ikm_by_service_and_period(
    table: &ResponseTable,
    options: &IkmOptions,
    population: Population<'_>,
) -> Result<(IkmAnalysis, IkmAnalysis), AnalyticsError> {
    let cells = tally(table, Grouping { service: true, period: Some(options.period) })?;
    let by_service = IkmOptions { by: vec![GroupBy::Service], ..options.clone() };
    let by_period = IkmOptions { by: vec![GroupBy::Period], ..options.clone() };
    Ok((
        of_tallies(table, roll_up(&cells, true, false), &by_service, population),
        of_tallies(table, roll_up(&cells, false, true), &by_period, Population::Unknown),
    ))
}

/// The analysis from the table's groups, tallied by `options.by`.
fn of_tallies(
    table: &ResponseTable,
    tallies: Vec<GroupTally>,
    options: &IkmOptions,
    population: Population<'_>,
) -> IkmAnalysis {
    let weight = options.weight;
    let kind = options.period;
    let grouped_by_period = options.by.contains(&GroupBy::Period);
    let min = options.min_sample;
    let all = everyone(&tallies);
    let mut overall = GroupResult::from_moments(GroupKey::default(), &all.moments, weight);
    overall.profile = all.breakdowns(weight, min);

    let mut groups = Vec::new();
    if !options.by.is_empty() {
        for t in &tallies {
            let mut g = GroupResult::from_moments(t.key.clone(), &t.moments, weight);
            g.profile = t.breakdowns(weight, min);
            groups.push(g);
        }
        if grouped_by_period {
            link_changes(&mut groups);
        }
    }

    // Every group is checked for its sample: against Krejcie–Morgan where the population is
    // known, else against the minimum.
    let mut input = table.input.clone();
    let respondents = overall.summary.respondents;
    match population {
        Population::Unknown => {
            overall.sample = Some(SampleCheck::minimum(min, respondents));
            for g in &mut groups {
                g.sample = Some(SampleCheck::minimum(min, g.summary.respondents));
            }
        }
        Population::Given(n) => {
            overall.sample = Some(SampleCheck::of(Some((n, "given")), respondents, min));
            // N is the whole survey's: a group's own population is not known.
            for g in &mut groups {
                g.sample = Some(SampleCheck::minimum(min, g.summary.respondents));
            }
        }
        Population::Requests(requests) => {
            let source = requests.files.iter().map(|f| f.file.as_str()).collect::<Vec<_>>().join(", ");
            let counts = RequestCounts::new(requests, kind);
            let covered = periods_of(table, kind);
            let n = counts.count(None, None, &covered);
            overall.sample = Some(SampleCheck::of(Some((n, &source)), respondents, min));
            for g in &mut groups {
                let n = match g.key.period {
                    // Undated respondents belong to no period whose users were counted.
                    Some(PeriodKey::Undated) => None,
                    Some(PeriodKey::Known(p)) => Some(counts.count(g.key.service.as_deref(), Some(p), &covered)),
                    None => Some(counts.count(g.key.service.as_deref(), None, &covered)),
                };
                g.sample = Some(SampleCheck::of(n.map(|n| (n, source.as_str())), g.summary.respondents, min));
            }
            input.files.extend(requests.files.iter().cloned());
            for issue in &requests.issues {
                input.push_issue(issue.clone());
            }
        }
    }

    IkmAnalysis { grouping: AnalysisGrouping { by: options.by.clone(), period: kind }, input, overall, groups }
}

/// The periods the dated responses fall in.
fn periods_of(table: &ResponseTable, kind: PeriodKind) -> BTreeSet<Period> {
    table.date.iter().flatten().filter_map(|d| from_epoch_days(*d)).map(|d| Period::of_date(kind, d)).collect()
}

/// The requests received per service and period of `kind`: the population N of each.
pub fn requests_per_service_and_period(requests: &RequestTable, kind: PeriodKind) -> BTreeMap<(String, Period), u64> {
    let mut counts = BTreeMap::new();
    for (service, day) in requests.service.iter().zip(&requests.date) {
        if let Some(date) = from_epoch_days(*day) {
            *counts.entry((service.clone(), Period::of_date(kind, date))).or_insert(0) += 1;
        }
    }
    counts
}

/// Requests counted per service and period.
struct RequestCounts {
    counts: BTreeMap<(String, Period), u64>,
}

impl RequestCounts {
    fn new(requests: &RequestTable, kind: PeriodKind) -> RequestCounts {
        RequestCounts { counts: requests_per_service_and_period(requests, kind) }
    }

    /// Requests of a service (or all) in a period (or in any of the covered periods).
    fn count(&self, service: Option<&str>, period: Option<Period>, covered: &BTreeSet<Period>) -> u64 {
        self.counts
            .iter()
            .filter(|((s, p), _)| {
                service.is_none_or(|want| want == s) && period.map_or(covered.contains(p), |want| want == *p)
            })
            .map(|(_, n)| n)
            .sum()
    }
}
