//! The IKM analysis of a survey: what was asked for, what was read, and the results overall and
//! per group. Filled by the analytics crate from pairwise [`Moments`]; read by the dashboard,
//! the CLI and the annual report.

use serde::{Deserialize, Serialize};

use crate::grade::Grade;
use crate::ikm::{IkmSummary, Moments, RankedElement, Tally, WeightConvention};
use crate::issue::{InputIssue, ReasonCount};
use crate::period::{Period, PeriodKind};
use crate::profile::ProfileField;
use crate::sample::{krejcie_morgan, DEFAULT_MIN_SAMPLE};
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IkmOptions {
    /// Weight convention (exact 1/9 by default).
    pub weight: WeightConvention,
    /// Grouping; empty for the overall result only.
    pub by: Vec<GroupBy>,
    /// Length of a period when grouping by period, and for matching a requests file.
    pub period: PeriodKind,
    /// The fewest respondents a group needs when its population is not known
    /// ([`DEFAULT_MIN_SAMPLE`] unless set).
    #[serde(default = "default_min_sample")]
    pub min_sample: u64,
}

fn default_min_sample() -> u64 {
    DEFAULT_MIN_SAMPLE
}

impl Default for IkmOptions {
    fn default() -> IkmOptions {
        IkmOptions {
            weight: WeightConvention::default(),
            by: Vec::new(),
            period: PeriodKind::default(),
            min_sample: DEFAULT_MIN_SAMPLE,
        }
    }
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
    /// Whether the group has enough respondents: the Krejcie–Morgan sample of its population
    /// when that is known, else the minimum.
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
    /// Whether as many answered as the minimum sample: an IKM of fewer is shown as such.
    pub sample_met: bool,
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
    /// `None`) with its tally; an answer of fewer than `min_sample` respondents is marked.
    pub fn new(
        field: ProfileField,
        total: u64,
        counts: &[(Option<String>, Tally)],
        weight: WeightConvention,
        min_sample: u64,
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
                sample_met: respondents >= min_sample,
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

/// Whether a group has enough respondents for its IKM to speak for the group: the
/// Krejcie–Morgan sample of its population (N) when that is known, else a minimum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleCheck {
    /// Service users in the period (N), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
    /// The respondents required: Krejcie–Morgan for N, or the minimum.
    pub required: u64,
    /// Respondents counted.
    pub respondents: u64,
    /// True when respondents ≥ required.
    pub met: bool,
    /// Where the requirement came from: `given` (N given), the requests files' names (N counted
    /// from them), or `minimum`.
    pub source: String,
}

/// The [`SampleCheck::source`] of a check against the minimum.
pub const MINIMUM_SOURCE: &str = "minimum";

impl SampleCheck {
    /// Checks `respondents` against the sample required for `population`.
    pub fn new(population: u64, respondents: u64, source: &str) -> SampleCheck {
        let required = krejcie_morgan(population);
        SampleCheck {
            population: Some(population),
            required,
            respondents,
            met: respondents >= required,
            source: source.to_owned(),
        }
    }

    /// Checks `respondents` against a minimum, for a group whose population is not known.
    pub fn minimum(minimum: u64, respondents: u64) -> SampleCheck {
        SampleCheck {
            population: None,
            required: minimum,
            respondents,
            met: respondents >= minimum,
            source: MINIMUM_SOURCE.to_owned(),
        }
    }

    /// The Krejcie–Morgan check where the population is known and not zero (no recorded user
    /// says the records are incomplete, not that no sample is needed), else the minimum.
    pub fn of(population: Option<(u64, &str)>, respondents: u64, minimum: u64) -> SampleCheck {
        match population {
            Some((n, source)) if n > 0 => SampleCheck::new(n, respondents, source),
            _ => SampleCheck::minimum(minimum, respondents),
        }
    }

    /// What a reader is told when the sample falls short: «sampel belum cukup» with the numbers
    /// (`sampel belum cukup: 1 dari 30 responden`).
    pub fn remark(&self, lang: crate::Lang) -> Option<String> {
        if self.met {
            return None;
        }
        let (respondents, required) =
            (crate::format::integer(self.respondents, lang), crate::format::integer(self.required, lang));
        Some(match lang {
            crate::Lang::Id => format!("{}: {respondents} dari {required} responden", SAMPLE_TOO_SMALL.id),
            crate::Lang::En => format!("{}: {respondents} of {required} respondents", SAMPLE_TOO_SMALL.en),
        })
    }
}

/// The words that mark a group short of its sample.
pub const SAMPLE_TOO_SMALL: crate::i18n::Text = crate::i18n::Text { id: "sampel belum cukup", en: "sample too small" };

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
    /// The earliest date of the rows kept (`2026-01-02`), when they are dated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_date: Option<String>,
    /// The latest date of the rows kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_date: Option<String>,
    /// What the reader noticed about the file's layout (a title, a summary block, a sheet).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<crate::note::FileNote>,
}

impl FileSummary {
    /// When the file holds dates after `today` (a demo year, or a clock set wrong where it was
    /// written): what to tell the reader, in both languages.
    pub fn after_today(&self, today: jiff::civil::Date) -> Option<crate::i18n::Owned> {
        let last = self.last_date.as_deref()?;
        let last_date = crate::date::parse_date(last)?;
        (last_date > today).then(|| crate::i18n::Owned {
            id: format!(
                "{}: memuat tanggal sesudah hari ini ({}), sampai {}; periksa berkasnya atau jam komputer yang membuatnya",
                self.file,
                crate::format::date_long(today, crate::Lang::Id),
                crate::format::date_long(last_date, crate::Lang::Id)
            ),
            en: format!(
                "{}: holds dates after today ({}), up to {}; check the file, or the clock of the computer that made it",
                self.file,
                crate::format::date_long(today, crate::Lang::En),
                crate::format::date_long(last_date, crate::Lang::En)
            ),
        })
    }
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

    /// What to tell the reader about the layout of each file, in file order.
    pub fn notes(&self) -> Vec<crate::i18n::Owned> {
        self.files.iter().flat_map(|f| f.notes.iter().map(|n| n.message(&f.file))).collect()
    }

    /// What to tell the reader of every file that holds dates after `today`.
    pub fn after_today(&self, today: jiff::civil::Date) -> Vec<crate::i18n::Owned> {
        self.files.iter().filter_map(|f| f.after_today(today)).collect()
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
            30,
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
        assert_eq!(s.remark(crate::Lang::Id).as_deref(), Some("sampel belum cukup: 250 dari 278 responden"));
        assert_eq!(SampleCheck::new(5000, 1200, "given").remark(crate::Lang::En), None);
        let short = SampleCheck::minimum(2000, 1200);
        assert_eq!(short.remark(crate::Lang::En).as_deref(), Some("sample too small: 1,200 of 2,000 respondents"));
        assert!(SampleCheck::new(100, 80, "given").met);
        // Without a population (or with none recorded), the minimum decides.
        let one = SampleCheck::of(None, 1, 30);
        assert_eq!((one.required, one.met, one.source.as_str(), one.population), (30, false, "minimum", None));
        assert_eq!(SampleCheck::of(Some((0, "requests.csv")), 40, 30).source, "minimum");
        let counted = SampleCheck::of(Some((10, "requests.csv")), 10, 30);
        assert_eq!((counted.required, counted.met), (10, true));
    }

    #[test]
    fn a_file_with_dates_after_today_is_named() {
        let file = |last: Option<&str>| FileSummary {
            file: "responses.csv".into(),
            role: "responses".into(),
            format: "csv-comma".into(),
            layout: "canonical".into(),
            rows_read: 3,
            rows_dropped: 0,
            first_date: Some("2026-01-02".into()),
            last_date: last.map(str::to_owned),
            notes: Vec::new(),
        };
        let today = jiff::civil::date(2026, 11, 30);
        let note = file(Some("2026-12-31")).after_today(today).unwrap();
        assert!(note.id.contains("responses.csv") && note.id.contains("31 Desember 2026"), "{}", note.id);
        assert!(note.en.contains("after today (30 November 2026)"), "{}", note.en);
        assert_eq!(file(Some("2026-11-30")).after_today(today), None);
        assert_eq!(file(None).after_today(today), None);
    }

    #[test]
    fn period_keys_serialise_as_text() {
        let k = GroupKey { service: None, period: Some(PeriodKey::Undated) };
        assert_eq!(serde_json::to_string(&k).unwrap(), r#"{"period":"undated"}"#);
        let back: GroupKey = serde_json::from_str(r#"{"period":"2026-Q2"}"#).unwrap();
        assert_eq!(back.period.unwrap().key(), "2026-Q2");
    }
}
