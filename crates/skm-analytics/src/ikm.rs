//! The IKM analysis of a response table: overall, per group, per profile answer, with the
//! sample check and the change between periods.

use std::collections::{BTreeSet, HashMap};

use skm_core::analysis::{
    link_changes, GroupBy, GroupKey, GroupResult, Grouping, IkmAnalysis, IkmOptions, PeriodKey, ProfileBreakdown,
    SampleCheck,
};
use skm_core::date::from_epoch_days;
use skm_core::ikm::Moments;
use skm_core::profile::PROFILE_FIELDS;
use skm_core::{Period, PeriodKind};

use crate::input::{read_responses, Input, Mapping, RequestTable, ResponseTable};
use crate::moments::{frame, moments_by, KeySpec, KeyValues};
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
    let polars = |source| AnalyticsError::Polars { context: "IKM".to_owned(), source };
    let df = frame(table).map_err(polars)?;
    let weight = options.weight;
    let kind = options.period;
    let grouped_by_period = options.by.contains(&GroupBy::Period);
    let group_spec = KeySpec {
        service: options.by.contains(&GroupBy::Service),
        period: grouped_by_period.then_some(kind),
        profile: None,
    };
    let result = |spec: KeySpec, values: &KeyValues, moments: &Moments| {
        GroupResult::from_moments(group_key(spec, values, kind), moments, weight)
    };

    let overall_moments =
        moments_by(&df, KeySpec::default()).map_err(polars)?.into_iter().next().map(|(_, m)| m).unwrap_or_default();
    let mut overall = result(KeySpec::default(), &KeyValues::default(), &overall_moments);
    overall.profile = profile_by_group(&df, KeySpec::default(), options)
        .map_err(polars)?
        .remove(&GroupKey::default())
        .unwrap_or_default();

    let mut groups = Vec::new();
    if !options.by.is_empty() {
        let per_group = moments_by(&df, group_spec).map_err(polars)?;
        let mut breakdowns = profile_by_group(&df, group_spec, options).map_err(polars)?;
        for (values, m) in &per_group {
            let mut g = result(group_spec, values, m);
            g.profile = breakdowns.remove(&group_key(group_spec, values, kind)).unwrap_or_default();
            groups.push(g);
        }
        groups.sort_by(|a, b| a.key.cmp(&b.key));
        if grouped_by_period {
            link_changes(&mut groups);
        }
    }

    let mut input = table.input.clone();
    match population {
        Population::Unknown => {}
        Population::Given(n) => overall.sample = Some(SampleCheck::new(n, overall.summary.respondents, "given")),
        Population::Requests(requests) => {
            let source = requests.files.iter().map(|f| f.file.as_str()).collect::<Vec<_>>().join(", ");
            let counts = RequestCounts::new(requests, kind);
            let covered = periods_of(table, kind);
            overall.sample =
                Some(SampleCheck::new(counts.count(None, None, &covered), overall.summary.respondents, &source));
            for g in &mut groups {
                let period = match g.key.period {
                    Some(PeriodKey::Known(p)) => Some(p),
                    _ => None,
                };
                if g.key.period == Some(PeriodKey::Undated) {
                    continue;
                }
                let n = counts.count(g.key.service.as_deref(), period, &covered);
                g.sample = Some(SampleCheck::new(n, g.summary.respondents, &source));
            }
            input.files.extend(requests.files.iter().cloned());
            for issue in &requests.issues {
                input.push_issue(issue.clone());
            }
        }
    }

    Ok(IkmAnalysis { grouping: Grouping { by: options.by.clone(), period: kind }, input, overall, groups })
}

fn group_key(spec: KeySpec, values: &KeyValues, kind: PeriodKind) -> GroupKey {
    GroupKey {
        service: if spec.service { Some(values.service.clone().unwrap_or_default()) } else { None },
        period: spec.period.map(|_| match values.period {
            Some((year, index)) => match i16::try_from(year).ok().zip(u8::try_from(index).ok()) {
                Some((year, index)) => PeriodKey::Known(Period { year, kind, index }),
                None => PeriodKey::Undated,
            },
            None => PeriodKey::Undated,
        }),
    }
}

/// The profile breakdowns of every group, by group key.
fn profile_by_group(
    df: &polars::prelude::DataFrame,
    spec: KeySpec,
    options: &IkmOptions,
) -> polars::prelude::PolarsResult<HashMap<GroupKey, Vec<ProfileBreakdown>>> {
    let mut per_group: HashMap<GroupKey, Vec<(Option<String>, Moments)>> = HashMap::new();
    let mut out: HashMap<GroupKey, Vec<ProfileBreakdown>> = HashMap::new();
    for field in PROFILE_FIELDS {
        per_group.clear();
        for (values, m) in moments_by(df, KeySpec { profile: Some(field), ..spec })? {
            per_group.entry(group_key(spec, &values, options.period)).or_default().push((values.profile, m));
        }
        for (key, counts) in per_group.drain() {
            let total = counts.iter().map(|(_, m)| m.respondents).sum();
            out.entry(key).or_default().push(ProfileBreakdown::new(field, total, &counts, options.weight));
        }
    }
    Ok(out)
}

/// The periods the dated responses fall in.
fn periods_of(table: &ResponseTable, kind: PeriodKind) -> BTreeSet<Period> {
    table.date.iter().flatten().filter_map(|d| from_epoch_days(*d)).map(|d| Period::of_date(kind, d)).collect()
}

/// Requests counted per service and period.
struct RequestCounts {
    counts: HashMap<(String, Period), u64>,
}

impl RequestCounts {
    fn new(requests: &RequestTable, kind: PeriodKind) -> RequestCounts {
        let mut counts = HashMap::new();
        for (service, day) in requests.service.iter().zip(&requests.date) {
            if let Some(date) = from_epoch_days(*day) {
                *counts.entry((service.clone(), Period::of_date(kind, date))).or_insert(0) += 1;
            }
        }
        RequestCounts { counts }
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
