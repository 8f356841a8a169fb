//! The sampling plan of a unit's SKM period: how many people each service served (its
//! population N, entered by the unit's admin), the Krejcie–Morgan sample that asks for, how far
//! the respondents so far have got, and the days left to reach it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::analysis::{IkmAnalysis, PeriodKey, SampleCheck};
use crate::calendar::Calendar;
use crate::editing::{period_problem, text_problem, Draft, FieldProblem, Kept};
use crate::i18n::Text;
use crate::period::Period;

/// The largest population accepted (more people than live in Indonesia is a typing error).
pub const MAX_POPULATION: u64 = 300_000_000;
/// The longest note.
pub const MAX_NOTE: usize = 500;
/// The [`SampleCheck::source`] of a population entered on the admin page.
pub const ENTERED: &str = "entered";

/// A service's population in one period, as the admin page sends it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PopulationDraft {
    /// The SKM period (`2026-S1`).
    pub period: String,
    /// The service's code.
    pub service: String,
    /// How many people the service served in the period (N).
    pub population: u64,
    /// Where the number comes from (`buku register loket`).
    #[serde(default)]
    pub note: String,
}

/// A kept population.
pub type PopulationRecord = Kept<PopulationDraft>;

impl Draft for PopulationDraft {
    fn cleaned(&self) -> PopulationDraft {
        PopulationDraft {
            period: self.period.trim().to_owned(),
            service: self.service.trim().to_owned(),
            population: self.population,
            note: crate::response::without_controls(self.note.trim()),
        }
    }

    fn problems(&self) -> Vec<FieldProblem> {
        let mut out: Vec<FieldProblem> = period_problem("period", &self.period).into_iter().collect();
        if !crate::unit::is_code(&self.service) {
            out.push(FieldProblem::new(
                "service",
                format!("layanan '{}' bukan kode layanan", self.service),
                format!("service '{}' is not a service code", self.service),
            ));
        }
        if self.population > MAX_POPULATION {
            out.push(FieldProblem::new(
                "population",
                format!("populasi paling banyak {MAX_POPULATION} (ada {})", self.population),
                format!("the population is at most {MAX_POPULATION} (it is {})", self.population),
            ));
        }
        out.extend(text_problem("note", &self.note, false, MAX_NOTE, Text { id: "Catatan", en: "The note" }));
        out
    }
}

/// The population entered for `service` (the whole unit when `None`) over the periods `within`
/// accepts, summed; `None` when none was entered.
pub fn entered(records: &[PopulationRecord], service: Option<&str>, within: impl Fn(Period) -> bool) -> Option<u64> {
    records
        .iter()
        .filter(|r| service.is_none_or(|s| r.draft.service == s))
        .filter(|r| Period::from_key(&r.draft.period).is_some_and(&within))
        .map(|r| r.draft.population)
        .reduce(u64::saturating_add)
}

/// Checks an analysis' groups against the populations entered for the periods `within` accepts,
/// where no population was known for them (a count from request files stays).
pub fn apply_entered(
    analysis: &mut IkmAnalysis,
    records: &[PopulationRecord],
    within: impl Fn(Period) -> bool + Copy,
    minimum: u64,
) {
    let check = |old: &mut Option<SampleCheck>, n: Option<u64>, respondents: u64| {
        if old.as_ref().is_none_or(|c| c.population.is_none()) {
            *old = Some(SampleCheck::of(n.map(|n| (n, ENTERED)), respondents, minimum));
        }
    };
    let n = entered(records, None, within);
    check(&mut analysis.overall.sample, n, analysis.overall.summary.respondents);
    for g in &mut analysis.groups {
        let n = match g.key.period {
            Some(PeriodKey::Undated) => None,
            Some(PeriodKey::Known(p)) => entered(records, g.key.service.as_deref(), |q| within(q) && q.within(p)),
            None => entered(records, g.key.service.as_deref(), within),
        };
        check(&mut g.sample, n, g.summary.respondents);
    }
}

/// One service's progress towards its sample.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleProgress {
    /// The service's code (empty for the whole unit).
    pub service: String,
    /// Its name (the unit's, for the whole unit).
    pub name: String,
    /// Its population, when entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
    /// The respondents required: Krejcie–Morgan for the population, else the minimum.
    pub required: u64,
    /// The respondents so far.
    pub respondents: u64,
    /// Respondents as a share of the required, in whole percent, at most 100.
    pub percent: u8,
    /// Whether the sample is reached.
    pub met: bool,
}

impl SampleProgress {
    fn of(service: &str, name: &str, population: Option<u64>, respondents: u64, minimum: u64) -> SampleProgress {
        let check = SampleCheck::of(population.map(|n| (n, ENTERED)), respondents, minimum);
        let percent = (respondents.min(check.required) * 100).checked_div(check.required).map_or(100, |p| p as u8);
        SampleProgress {
            service: service.to_owned(),
            name: name.to_owned(),
            population: check.population,
            required: check.required,
            respondents,
            percent,
            met: check.met,
        }
    }

    /// How many respondents are still missing.
    pub fn missing(&self) -> u64 {
        self.required.saturating_sub(self.respondents)
    }
}

/// The sampling plan of one period: per service, population, sample and progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SamplingPlan {
    /// The period.
    pub period: Period,
    /// Its first day (ISO).
    pub first_day: String,
    /// Its last day.
    pub last_day: String,
    /// Calendar days from today to its last day, both counted; 0 once it is over.
    pub days_left: u32,
    /// Working days left on the unit's calendar, today counted.
    pub working_days_left: u32,
    /// The whole unit: the sum of the entered populations, every respondent.
    pub overall: SampleProgress,
    /// One per service: the unit's services in order, then any other with respondents.
    pub services: Vec<SampleProgress>,
}

/// What the plan is made of.
pub struct PlanInputs<'a> {
    /// The unit's name.
    pub unit_name: &'a str,
    /// The unit's services (code, name), in the order it lists them.
    pub services: &'a [(String, String)],
    /// Its entered populations (of every period).
    pub populations: &'a [PopulationRecord],
    /// Respondents in the period, per service.
    pub respondents: &'a BTreeMap<String, u64>,
    /// The fewest respondents a service needs when its population is not entered.
    pub minimum: u64,
}

impl SamplingPlan {
    /// The plan of `period` as of `today`, on the unit's `calendar`.
    pub fn new(period: Period, today: jiff::civil::Date, calendar: &Calendar, inputs: &PlanInputs<'_>) -> SamplingPlan {
        let (first, last) = days_of(period);
        let from = today.max(first);
        let mut working = 0;
        let mut day = from;
        while day <= last {
            working += u32::from(calendar.is_working_day(day));
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
        let days_left = if from > last { 0 } else { (last - from).get_days() + 1 };
        let in_period = |p: Period| p.within(period);
        let mut listed: Vec<(&str, &str)> = inputs.services.iter().map(|(c, n)| (c.as_str(), n.as_str())).collect();
        let others = inputs.respondents.keys().filter(|s| !inputs.services.iter().any(|(c, _)| c == *s));
        listed.extend(others.map(|c| (c.as_str(), c.as_str())));
        let services: Vec<SampleProgress> = listed
            .into_iter()
            .map(|(code, name)| {
                let n = entered(inputs.populations, Some(code), in_period);
                SampleProgress::of(code, name, n, inputs.respondents.get(code).copied().unwrap_or(0), inputs.minimum)
            })
            .collect();
        let all = inputs.respondents.values().sum();
        SamplingPlan {
            period,
            first_day: first.to_string(),
            last_day: last.to_string(),
            days_left: u32::try_from(days_left).unwrap_or(0),
            working_days_left: working,
            overall: SampleProgress::of(
                "",
                inputs.unit_name,
                entered(inputs.populations, None, in_period),
                all,
                inputs.minimum,
            ),
            services,
        }
    }
}

/// The first and last day of a period.
pub fn days_of(period: Period) -> (jiff::civil::Date, jiff::civil::Date) {
    let (first, last) = period.months();
    let start = jiff::civil::Date::new(period.year, first as i8, 1).unwrap_or_default();
    let end = jiff::civil::Date::new(period.year, last as i8, 1).map_or(start, |d| d.last_of_month());
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::PeriodKind;

    fn record(period: &str, service: &str, population: u64) -> PopulationRecord {
        Kept {
            id: 1,
            unit: "u".to_owned(),
            draft: PopulationDraft {
                period: period.to_owned(),
                service: service.to_owned(),
                population,
                note: String::new(),
            },
            version: 1,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    #[test]
    fn a_plan_asks_krejcie_morgan_of_the_entered_population() {
        let period = Period { year: 2026, kind: PeriodKind::Semester, index: 2 };
        let populations = [record("2026-S2", "ktp", 1000), record("2026-S1", "ktp", 50), record("2026-S2", "kk", 100)];
        let respondents = BTreeMap::from([("ktp".to_owned(), 139), ("akta".to_owned(), 7)]);
        let services = [("ktp".to_owned(), "KTP-el".to_owned()), ("kk".to_owned(), "Kartu Keluarga".to_owned())];
        let inputs = PlanInputs {
            unit_name: "Disdukcapil",
            services: &services,
            populations: &populations,
            respondents: &respondents,
            minimum: 30,
        };
        let calendar = Calendar::default_wib().unwrap_or_else(|e| panic!("{e}"));
        let today = jiff::civil::date(2026, 12, 28);
        let plan = SamplingPlan::new(period, today, &calendar, &inputs);
        assert_eq!((plan.first_day.as_str(), plan.last_day.as_str(), plan.days_left), ("2026-07-01", "2026-12-31", 4));
        // 28–31 December 2026: Monday to Thursday, no national holiday in the default calendar.
        assert!(plan.working_days_left <= 4);
        let ktp = &plan.services[0];
        assert_eq!(
            (ktp.population, ktp.required, ktp.respondents, ktp.percent, ktp.met),
            (Some(1000), 278, 139, 50, false)
        );
        assert_eq!(ktp.missing(), 139);
        let kk = &plan.services[1];
        assert_eq!((kk.population, kk.required, kk.respondents, kk.percent), (Some(100), 80, 0, 0));
        let akta = &plan.services[2];
        assert_eq!((akta.service.as_str(), akta.population, akta.required, akta.respondents), ("akta", None, 30, 7));
        assert_eq!((plan.overall.population, plan.overall.required, plan.overall.respondents), (Some(1100), 285, 146));
        let over = SamplingPlan::new(period, jiff::civil::date(2027, 1, 5), &calendar, &inputs);
        assert_eq!((over.days_left, over.working_days_left), (0, 0));
        let before = SamplingPlan::new(period, jiff::civil::date(2026, 3, 1), &calendar, &inputs);
        assert_eq!(before.days_left, 184);
        // The year's plan adds up its semesters.
        let year =
            SamplingPlan::new(Period { year: 2026, kind: PeriodKind::Year, index: 1 }, today, &calendar, &inputs);
        assert_eq!((year.services[0].population, year.services[0].required), (Some(1050), 281));
    }

    #[test]
    fn drafts_are_checked() {
        let draft = PopulationDraft {
            period: "2026-S3".into(),
            service: "KTP!".into(),
            population: u64::MAX,
            note: String::new(),
        };
        let fields: Vec<String> = draft.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["period", "service", "population"]);
        assert!(record("2026", "ktp", 0).draft.problems().is_empty());
    }

    #[test]
    fn entered_populations_add_up_over_the_periods_asked() {
        let records = [record("2026-S1", "ktp", 40), record("2026-S2", "ktp", 60), record("2026-S2", "kk", 5)];
        assert_eq!(entered(&records, Some("ktp"), |p| p.year == 2026), Some(100));
        assert_eq!(entered(&records, None, |p| p.year == 2026), Some(105));
        assert_eq!(entered(&records, Some("akta"), |p| p.year == 2026), None);
        assert_eq!(entered(&records, None, |p| p.year == 2025), None);
    }
}
