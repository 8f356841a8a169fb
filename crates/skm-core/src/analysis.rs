//! The IKM analysis of a survey: what was asked for, what was read, and the results overall and
//! per group. Filled by the analytics crate from pairwise [`Moments`]; read by the dashboard,
//! the CLI and the annual report.

use serde::{Deserialize, Serialize};

use crate::grade::Grade;
use crate::ikm::{IkmSummary, Moments, RankedElement, Tally, WeightConvention};
use crate::issue::{InputIssue, ReasonCount};
use crate::period::{Period, PeriodKind};
use crate::profile::ProfileField;
use crate::sample::krejcie_morgan;
use crate::stats::{Change, Interval};

/// What the respondents are grouped by, besides the overall result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    /// The service received.
    Service,
    /// The reporting period of the submission date.
    Period,
}

/// How to compute and group an IKM.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IkmOptions {
    /// Weight convention (exact 1/9 by default).
    pub weight: WeightConvention,
    /// Grouping; empty for the overall result only.
    pub by: Vec<GroupBy>,
    /// Length of a period when grouping by period, and for matching a requests file.
    pub period: PeriodKind,
}

/// The period of a group: a reporting period, or "undated" for rows without a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodKey {
    /// Rows dated within this period.
    Known(Period),
    /// Rows without a date.
    Undated,
}

impl PeriodKey {
    /// The key as written in outputs: a period key (`2026-Q1`) or `undated`.
    pub fn key(self) -> String {
        match self {
            PeriodKey::Known(p) => p.key(),
            PeriodKey::Undated => "undated".to_owned(),
        }
    }

    /// A label for people.
    pub fn label(self, lang: crate::Lang) -> String {
        match (self, lang) {
            (PeriodKey::Known(p), _) => p.label(lang),
            (PeriodKey::Undated, crate::Lang::Id) => "Tanpa tanggal".to_owned(),
            (PeriodKey::Undated, crate::Lang::En) => "Undated".to_owned(),
        }
    }
}

impl Serialize for PeriodKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.key())
    }
}

impl<'de> Deserialize<'de> for PeriodKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<PeriodKey, D::Error> {
        let key = String::deserialize(deserializer)?;
        if key == "undated" {
            return Ok(PeriodKey::Undated);
        }
        Period::from_key(&key)
            .map(PeriodKey::Known)
            .ok_or_else(|| serde::de::Error::custom(format!("not a period key: {key}")))
    }
}

/// The keys of a group; a key is `None` when the analysis is not grouped by it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct GroupKey {
    /// The service code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// The period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<PeriodKey>,
}

/// The IKM of one group of respondents (or of all of them), with its interval and ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupResult {
    /// Which group.
    #[serde(flatten)]
    pub key: GroupKey,
    /// Respondents, IKM, grade, weight convention and the nine elements.
    #[serde(flatten)]
    pub summary: IkmSummary,
    /// The 95 % confidence interval of the converted IKM.
    pub ci: Option<Interval>,
    /// The elements from the lowest NRR up.
    pub weakest: Vec<RankedElement>,
    /// Respondents and IKM by each profile question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub profile: Vec<ProfileBreakdown>,
    /// Whether the sample was large enough, when the population is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<SampleCheck>,
    /// The change from the previous period of the same service, when grouped by period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
}

impl GroupResult {
    /// The result of a group from its moments.
    pub fn from_moments(key: GroupKey, moments: &Moments, weight: WeightConvention) -> GroupResult {
        let summary = moments.summary(weight);
        let (min, max) = (25.0 * 9.0 * weight.weight(), 100.0 * 9.0 * weight.weight());
        let ci = summary
            .ikm
            .zip(moments.standard_error(weight))
            .map(|(ikm, se)| Interval::around(ikm, se, moments.respondents, min, max));
        GroupResult { key, weakest: summary.weakest(), summary, ci, profile: Vec::new(), sample: None, change: None }
    }
}

/// One answer of a profile question: how many chose it and their IKM.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileRow {
    /// The answer's code (`L`, `31-40`, `D4/S1`, `PNS`); `None` for "not given".
    pub value: Option<String>,
    /// Respondents who gave it.
    pub respondents: u64,
    /// Their share of the group's respondents, in percent.
    pub share: f64,
    /// Their converted IKM.
    pub ikm: Option<f64>,
    /// Its grade.
    pub grade: Option<Grade>,
}

/// The respondents and IKM by the answers of one profile question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileBreakdown {
    /// The question.
    pub field: ProfileField,
    /// Every choice in questionnaire order (with 0 where nobody chose it), then "not given".
    pub rows: Vec<ProfileRow>,
}

impl ProfileBreakdown {
    /// Orders the groups of a breakdown by the question's choices; `counts` pairs a code (or
    /// `None`) with its tally.
    pub fn new(
        field: ProfileField,
        total: u64,
        counts: &[(Option<String>, Tally)],
        weight: WeightConvention,
    ) -> ProfileBreakdown {
        let row = |value: Option<String>, tally: Option<&Tally>| {
            let summary = tally.map(|m| m.summary(weight));
            let respondents = tally.map_or(0, |m| m.respondents);
            ProfileRow {
                value,
                respondents,
                share: if total > 0 { respondents as f64 * 100.0 / total as f64 } else { 0.0 },
                ikm: summary.as_ref().and_then(|s| s.ikm),
                grade: summary.as_ref().and_then(|s| s.grade),
            }
        };
        let find = |code: Option<&str>| counts.iter().find(|(v, _)| v.as_deref() == code).map(|(_, m)| m);
        let mut rows: Vec<ProfileRow> =
            field.codes().into_iter().map(|code| row(Some(code.to_owned()), find(Some(code)))).collect();
        if let Some(m) = find(None) {
            rows.push(row(None, Some(m)));
        }
        ProfileBreakdown { field, rows }
    }
}

/// Whether the survey reached the Krejcie–Morgan sample for its population.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleCheck {
    /// Service users in the period (N).
    pub population: u64,
    /// The required sample (Krejcie–Morgan).
    pub required: u64,
    /// Respondents counted.
    pub respondents: u64,
    /// True when respondents ≥ required.
    pub met: bool,
    /// Where N came from: `given` or the requests file's name.
    pub source: String,
}

impl SampleCheck {
    /// Checks `respondents` against the sample required for `population`.
    pub fn new(population: u64, respondents: u64, source: &str) -> SampleCheck {
        let required = krejcie_morgan(population);
        SampleCheck { population, required, respondents, met: respondents >= required, source: source.to_owned() }
    }
}

/// One file read: its role, format and rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileSummary {
    /// The file, as named by the user.
    pub file: String,
    /// `responses` or `requests`.
    pub role: String,
    /// The container: `csv-comma`, `csv-semicolon`, `csv-tab` or `spreadsheet` (XLSX, XLS, ODS).
    pub format: String,
    /// The layout of the columns: `canonical` or `google_forms`.
    pub layout: String,
    /// Data rows (blank rows are not counted).
    pub rows_read: u64,
    /// Rows left out.
    pub rows_dropped: u64,
}

/// What was read from the input files, and what was left out and why.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InputSummary {
    /// Each file read.
    pub files: Vec<FileSummary>,
    /// Response rows read from all files.
    pub rows_read: u64,
    /// Response rows left out.
    pub rows_dropped: u64,
    /// Dropped rows by reason, most frequent first.
    pub drop_reasons: Vec<ReasonCount>,
    /// Cells ignored in rows that were kept (unreadable profile answers).
    pub cells_ignored: u64,
    /// The problems found, in file and row order (the first [`InputSummary::MAX_ISSUES`]).
    pub issues: Vec<InputIssue>,
    /// Problems found beyond those listed.
    pub issues_omitted: u64,
}

impl InputSummary {
    /// The most issues listed one by one; the rest are only counted.
    pub const MAX_ISSUES: usize = 1000;

    /// Records a problem.
    pub fn push_issue(&mut self, issue: InputIssue) {
        if self.issues.len() < Self::MAX_ISSUES {
            self.issues.push(issue);
        } else {
            self.issues_omitted += 1;
        }
    }

    /// Counts a dropped row under its reason.
    pub fn count_drop(&mut self, reason: crate::issue::IssueKind) {
        self.rows_dropped += 1;
        match self.drop_reasons.iter_mut().find(|r| r.reason == reason) {
            Some(r) => r.rows += 1,
            None => self.drop_reasons.push(ReasonCount { reason, rows: 1 }),
        }
    }

    /// Adds what was found in a later part of the reading: its files, counts and problems.
    pub fn append(&mut self, later: InputSummary) {
        self.files.extend(later.files);
        self.rows_read += later.rows_read;
        self.rows_dropped += later.rows_dropped;
        for r in later.drop_reasons {
            match self.drop_reasons.iter_mut().find(|mine| mine.reason == r.reason) {
                Some(mine) => mine.rows += r.rows,
                None => self.drop_reasons.push(r),
            }
        }
        self.cells_ignored += later.cells_ignored;
        self.issues_omitted += later.issues_omitted;
        for issue in later.issues {
            self.push_issue(issue);
        }
    }

    /// Puts the reasons in order, most frequent first.
    pub fn finish(&mut self) {
        self.drop_reasons.sort_by(|a, b| b.rows.cmp(&a.rows).then(a.reason.cmp(&b.reason)));
    }
}

/// The grouping an analysis was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grouping {
    /// The keys of the groups.
    pub by: Vec<GroupBy>,
    /// The length of a period.
    pub period: PeriodKind,
}

/// The IKM analysis of a survey: overall (at the top level), then per group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IkmAnalysis {
    /// How the groups were formed.
    pub grouping: Grouping,
    /// What was read.
    pub input: InputSummary,
    /// The result over all respondents.
    #[serde(flatten)]
    pub overall: GroupResult,
    /// One result per group, sorted by service then period.
    pub groups: Vec<GroupResult>,
}

/// Marks, in groups sorted by service then period, each group's change from the previous
/// period of the same service.
pub fn link_changes(groups: &mut [GroupResult]) {
    for i in 1..groups.len() {
        let (before, after) = groups.split_at_mut(i);
        let (prev, cur) = (&before[i - 1], &mut after[0]);
        let same_service = prev.key.service == cur.key.service;
        let (Some(PeriodKey::Known(p)), Some(PeriodKey::Known(_))) = (prev.key.period, cur.key.period) else {
            continue;
        };
        if !same_service {
            continue;
        }
        let (Some(a), Some(b)) = (
            prev.summary.ikm.zip(prev.ci.as_ref().map(|c| c.standard_error)),
            cur.summary.ikm.zip(cur.ci.as_ref().map(|c| c.standard_error)),
        ) else {
            continue;
        };
        cur.change = Some(Change::between(p.key(), a, b));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moments(rows: &[[u8; 9]]) -> Moments {
        let mut m = Moments::default();
        for r in rows {
            m.add(&r.map(Some));
        }
        m
    }

    #[test]
    fn group_result_has_interval_and_ranking() {
        let m = moments(&[[4; 9], [3; 9], [3, 3, 2, 3, 3, 3, 3, 3, 3], [4, 4, 3, 4, 4, 4, 4, 4, 4]]);
        let g = GroupResult::from_moments(GroupKey::default(), &m, WeightConvention::Exact);
        let ci = g.ci.unwrap();
        let ikm = g.summary.ikm.unwrap();
        assert!(ci.low < ikm && ikm < ci.high);
        assert_eq!(g.weakest[0].element, crate::Element::U3);
    }

    #[test]
    fn changes_link_periods_of_the_same_service() {
        let low = moments(&[[3; 9], [2; 9], [3; 9], [2; 9]]);
        let high = moments(&[[4; 9], [4; 9], [4; 9], [3; 9]]);
        let key = |s: &str, y: i16| GroupKey {
            service: Some(s.to_owned()),
            period: Some(PeriodKey::Known(Period { year: y, kind: PeriodKind::Year, index: 1 })),
        };
        let mut groups = vec![
            GroupResult::from_moments(key("a", 2025), &low, WeightConvention::Exact),
            GroupResult::from_moments(key("a", 2026), &high, WeightConvention::Exact),
            GroupResult::from_moments(key("b", 2026), &high, WeightConvention::Exact),
        ];
        link_changes(&mut groups);
        assert_eq!(groups[0].change, None);
        let c = groups[1].change.as_ref().unwrap();
        assert_eq!(c.previous, "2025");
        assert!((c.delta - (93.75 - 62.5)).abs() < 1e-9);
        assert!(c.significant);
        assert_eq!(groups[2].change, None);
    }

    #[test]
    fn profile_rows_follow_the_questionnaire() {
        let mut m = crate::ikm::Tally::default();
        m.add(&[Some(4); 9]);
        let b = ProfileBreakdown::new(
            ProfileField::Gender,
            2,
            &[(Some("P".into()), m), (None, m)],
            WeightConvention::Exact,
        );
        let values: Vec<Option<&str>> = b.rows.iter().map(|r| r.value.as_deref()).collect();
        assert_eq!(values, [Some("L"), Some("P"), None]);
        assert_eq!(b.rows[0].respondents, 0);
        assert_eq!(b.rows[1].share, 50.0);
    }

    #[test]
    fn sample_check() {
        let s = SampleCheck::new(1000, 250, "given");
        assert_eq!(s.required, 278);
        assert!(!s.met);
        assert!(SampleCheck::new(100, 80, "given").met);
    }

    #[test]
    fn period_keys_serialise_as_text() {
        let k = GroupKey { service: None, period: Some(PeriodKey::Undated) };
        assert_eq!(serde_json::to_string(&k).unwrap(), r#"{"period":"undated"}"#);
        let back: GroupKey = serde_json::from_str(r#"{"period":"2026-Q2"}"#).unwrap();
        assert_eq!(back.period.unwrap().key(), "2026-Q2");
    }
}
