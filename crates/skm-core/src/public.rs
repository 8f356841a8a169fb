//! What a unit's survey results show to anyone (`/hasil/<unit>`, its JSON and CSV): the latest
//! period's IKM per service and per element, the trend over periods; aggregates only, and no
//! group smaller than the unit's minimum.

use serde::{Deserialize, Serialize};

use crate::analysis::{GroupResult, IkmAnalysis, PeriodKey};
use crate::follow_up::{by_period, FollowUpProgress, FollowUpRecord, FollowUpStatus};
use crate::period::Period;

/// The public results of one unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicResults {
    /// The unit's code.
    pub unit: String,
    /// Its name.
    pub unit_name: String,
    /// Its pemda.
    pub pemda: String,
    /// The latest period with responses, if any.
    pub period: Option<PublicPeriod>,
    /// The fewest respondents a group shown has; smaller groups are left out.
    pub min_group: u64,
    /// The unit's result in the latest period; `None` when it has fewer respondents than the
    /// minimum.
    pub overall: Option<GroupResult>,
    /// The result per service in the latest period, services too small to show left out.
    pub services: Vec<GroupResult>,
    /// The unit's result per period, oldest first, periods too small to show left out.
    pub trend: Vec<GroupResult>,
    /// How many services and periods were left out for being too small.
    pub groups_hidden: u64,
    /// The follow-up of the results: the newest periods with actions up to the shown one (at
    /// most two), newest first.
    #[serde(default)]
    pub follow_up: Vec<PublicFollowUp>,
}

/// The follow-up actions of one period's results, as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicFollowUp {
    /// The period whose results they follow up.
    pub period: Period,
    /// How many are at each status.
    pub progress: FollowUpProgress,
    /// The actions, in the order they were made.
    pub actions: Vec<PublicAction>,
}

/// A follow-up action as published: without its evidence, which may be an internal note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicAction {
    /// What the results showed.
    pub finding: String,
    /// What is done about it.
    pub action: String,
    /// Who is responsible.
    pub owner: String,
    /// By when.
    pub deadline: String,
    /// How far it has got.
    pub status: FollowUpStatus,
}

/// How many periods of follow-up the public results show.
const FOLLOW_UP_PERIODS: usize = 2;

/// The follow-up shown with results of `shown` (every period when none).
fn public_follow_up(records: &[FollowUpRecord], shown: Option<Period>) -> Vec<PublicFollowUp> {
    by_period(records)
        .into_iter()
        .filter(|(p, _)| shown.is_none_or(|s| (p.year, p.months().0) <= (s.year, s.months().1)))
        .take(FOLLOW_UP_PERIODS)
        .map(|(period, records)| PublicFollowUp {
            period,
            progress: FollowUpProgress::of(records.iter().map(|r| &r.draft)),
            actions: records
                .iter()
                .map(|r| PublicAction {
                    finding: r.draft.finding.clone(),
                    action: r.draft.action.clone(),
                    owner: r.draft.owner.clone(),
                    deadline: r.draft.deadline.clone(),
                    status: r.draft.status,
                })
                .collect(),
        })
        .collect()
}

/// The period the results are of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicPeriod {
    /// The period (`2026-S2`).
    pub key: Period,
    /// Whether it is over; a period still running gives provisional results.
    pub complete: bool,
}

impl PublicResults {
    /// Assembles the results from the latest period's analysis by service and the analysis by
    /// period, keeping only groups of at least the unit's `results.min_group` respondents (and
    /// only what is an aggregate: no profile breakdown, nothing of the files read), with the
    /// follow-up actions of the latest periods up to that one.
    pub fn assemble(
        unit: &crate::unit::Unit,
        period: Option<PublicPeriod>,
        latest: Option<IkmAnalysis>,
        by_period: IkmAnalysis,
        follow_up: &[FollowUpRecord],
    ) -> PublicResults {
        let min_group = unit.results.min_group;
        let mut hidden = 0u64;
        let mut keep = |groups: Vec<GroupResult>| -> Vec<GroupResult> {
            let (shown, small): (Vec<GroupResult>, Vec<GroupResult>) =
                groups.into_iter().map(public_group).partition(|g| g.summary.respondents >= min_group);
            hidden += small.len() as u64;
            shown
        };
        let trend =
            keep(by_period.groups.into_iter().filter(|g| matches!(g.key.period, Some(PeriodKey::Known(_)))).collect());
        let (overall, services) = match latest {
            Some(a) if a.overall.summary.respondents >= min_group => (Some(public_group(a.overall)), keep(a.groups)),
            Some(a) => {
                hidden += a.groups.len() as u64;
                (None, Vec::new())
            }
            None => (None, Vec::new()),
        };
        PublicResults {
            unit: unit.code.clone(),
            unit_name: unit.name.clone(),
            pemda: unit.pemda.clone(),
            period,
            min_group,
            overall,
            services,
            trend,
            groups_hidden: hidden,
            follow_up: public_follow_up(follow_up, period.map(|p| p.key)),
        }
    }
}

/// A group as published: without its profile breakdown, whose rows may be as small as one
/// respondent.
fn public_group(mut group: GroupResult) -> GroupResult {
    group.profile.clear();
    group
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{GroupKey, Grouping};
    use crate::ikm::Moments;
    use crate::{PeriodKind, WeightConvention};

    fn group(service: Option<&str>, period: Option<Period>, respondents: u64) -> GroupResult {
        let mut moments = Moments::default();
        for _ in 0..respondents {
            moments.add(&[Some(3); 9]);
        }
        let key = GroupKey { service: service.map(str::to_owned), period: period.map(PeriodKey::Known) };
        GroupResult::from_moments(key, &moments, WeightConvention::Exact)
    }

    fn analysis(overall: GroupResult, groups: Vec<GroupResult>) -> IkmAnalysis {
        IkmAnalysis {
            grouping: Grouping { by: Vec::new(), period: PeriodKind::Semester },
            input: Default::default(),
            overall,
            groups,
        }
    }

    #[test]
    fn groups_under_the_minimum_are_left_out() {
        let mut unit =
            crate::unit::Unit::from_toml(crate::unit::DEMO_UNITS[0].0, crate::unit::DEMO_UNITS[0].1).unwrap();
        assert_eq!(unit.results.min_group, 5);
        let s1 = Period::from_key("2026-S1").unwrap();
        let s2 = Period::from_key("2026-S2").unwrap();
        let latest = analysis(group(None, None, 9), vec![group(Some("a"), None, 5), group(Some("b"), None, 4)]);
        let trend = analysis(group(None, None, 12), vec![group(None, Some(s1), 3), group(None, Some(s2), 9)]);
        let period = Some(PublicPeriod { key: s2, complete: false });
        let public = PublicResults::assemble(&unit, period, Some(latest.clone()), trend.clone(), &[]);
        assert_eq!(public.services.iter().map(|g| g.key.service.as_deref()).collect::<Vec<_>>(), [Some("a")]);
        assert_eq!(public.trend.len(), 1);
        assert_eq!(public.groups_hidden, 2);
        assert_eq!(public.overall.as_ref().map(|g| g.summary.respondents), Some(9));

        // Too few respondents in all: nothing of the period is shown.
        unit.results.min_group = 10;
        let public = PublicResults::assemble(&unit, period, Some(latest), trend, &[]);
        assert!(public.overall.is_none() && public.services.is_empty());
        assert_eq!(public.trend.len(), 0);
        assert_eq!(public.groups_hidden, 4);
    }

    #[test]
    fn the_follow_up_shows_the_two_newest_periods_up_to_the_shown_one_without_evidence() {
        let record = |id: i64, period: &str, status| FollowUpRecord {
            id,
            unit: "u".into(),
            draft: crate::follow_up::FollowUpDraft {
                period: period.into(),
                action: format!("tindakan {id}"),
                owner: "Sekretaris".into(),
                deadline: "2026-12-31".into(),
                status,
                evidence: "catatan internal".into(),
                ..Default::default()
            },
            version: 1,
            created_at: String::new(),
            updated_at: String::new(),
        };
        let records = [
            record(1, "2025-S1", FollowUpStatus::Done),
            record(2, "2025-S2", FollowUpStatus::Done),
            record(3, "2025-S2", FollowUpStatus::Planned),
            record(4, "2026-S1", FollowUpStatus::InProgress),
            record(5, "2026-S2", FollowUpStatus::Planned),
        ];
        let shown = Period::from_key("2026-S1");
        let f = public_follow_up(&records, shown);
        let periods: Vec<String> = f.iter().map(|p| p.period.key()).collect();
        assert_eq!(periods, ["2026-S1", "2025-S2"]);
        assert_eq!((f[1].progress.total, f[1].progress.done), (2, 1));
        assert_eq!(f[1].actions[0].action, "tindakan 2");
        let json = serde_json::to_string(&f).unwrap_or_default();
        assert!(!json.contains("catatan internal"), "{json}");
        assert_eq!(public_follow_up(&records, None).len(), 2);
    }
}
