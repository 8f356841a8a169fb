//! The follow-up plan of survey results (rencana tindak lanjut, RTL) as records: what a unit
//! will do about a finding, who owns it, by when, how far it has got and the evidence; the rule
//! of what a record may hold, the proposals from the weakest elements, and the share done.

use serde::{Deserialize, Serialize};

use crate::editing::{date_problem, period_problem, text_problem, Draft, FieldProblem};
use crate::i18n::{Lang, Text};
use crate::ikm::RankedElement;
use crate::period::Period;

/// How far an action has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpStatus {
    /// Planned, not started.
    #[default]
    Planned,
    /// Started.
    InProgress,
    /// Done.
    Done,
    /// Dropped (the reason goes in the evidence).
    Dropped,
}

/// Every status, in the order of the work.
pub const STATUSES: [FollowUpStatus; 4] =
    [FollowUpStatus::Planned, FollowUpStatus::InProgress, FollowUpStatus::Done, FollowUpStatus::Dropped];

impl FollowUpStatus {
    /// The code in the API and the database (`in_progress`).
    pub fn code(self) -> &'static str {
        match self {
            FollowUpStatus::Planned => "planned",
            FollowUpStatus::InProgress => "in_progress",
            FollowUpStatus::Done => "done",
            FollowUpStatus::Dropped => "dropped",
        }
    }

    /// Reads a code.
    pub fn from_code(code: &str) -> Option<FollowUpStatus> {
        STATUSES.into_iter().find(|s| s.code() == code.trim())
    }

    /// The status in both languages.
    pub fn label(self) -> Text {
        match self {
            FollowUpStatus::Planned => Text { id: "Direncanakan", en: "Planned" },
            FollowUpStatus::InProgress => Text { id: "Sedang berjalan", en: "In progress" },
            FollowUpStatus::Done => Text { id: "Selesai", en: "Done" },
            FollowUpStatus::Dropped => Text { id: "Dibatalkan", en: "Dropped" },
        }
    }
}

/// The longest finding, in characters.
pub const MAX_FINDING: usize = 300;
/// The longest action.
pub const MAX_ACTION: usize = 1000;
/// The longest owner.
pub const MAX_OWNER: usize = 200;
/// The longest evidence (a note or a link).
pub const MAX_EVIDENCE: usize = 2000;

/// A follow-up action as the admin page sends it, and as it is kept.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpDraft {
    /// The SKM period whose results it follows up (`2026`, `2026-S1`, `2026-Q3`).
    pub period: String,
    /// What the results showed (`U6 Kompetensi pelaksana · NRR 2,91 (C)`).
    #[serde(default)]
    pub finding: String,
    /// What will be done.
    pub action: String,
    /// Who is responsible (a position or a team).
    pub owner: String,
    /// By when (`2026-12-31`).
    pub deadline: String,
    /// How far it has got.
    #[serde(default)]
    pub status: FollowUpStatus,
    /// A note or a link that shows the work (required once done or dropped).
    #[serde(default)]
    pub evidence: String,
}

/// A kept follow-up action.
pub type FollowUpRecord = crate::editing::Kept<FollowUpDraft>;

impl Draft for FollowUpDraft {
    /// The draft with its texts trimmed and control characters but line breaks dropped.
    fn cleaned(&self) -> FollowUpDraft {
        let clean = |t: &str| crate::response::without_controls(t.trim());
        FollowUpDraft {
            period: self.period.trim().to_owned(),
            finding: clean(&self.finding),
            action: clean(&self.action),
            owner: clean(&self.owner),
            deadline: self.deadline.trim().to_owned(),
            status: self.status,
            evidence: clean(&self.evidence),
        }
    }

    /// Every rule the draft breaks, by field; empty when it may be kept.
    fn problems(&self) -> Vec<FieldProblem> {
        let mut out: Vec<FieldProblem> = period_problem("period", &self.period).into_iter().collect();
        let texts = [
            ("finding", &self.finding, false, MAX_FINDING, Text { id: "Temuan", en: "The finding" }),
            ("action", &self.action, true, MAX_ACTION, Text { id: "Tindakan", en: "The action" }),
            ("owner", &self.owner, true, MAX_OWNER, Text { id: "Penanggung jawab", en: "The owner" }),
            ("evidence", &self.evidence, false, MAX_EVIDENCE, Text { id: "Bukti", en: "The evidence" }),
        ];
        out.extend(texts.into_iter().filter_map(|(f, t, req, max, name)| text_problem(f, t, req, max, name)));
        out.extend(date_problem("deadline", &self.deadline, Text { id: "Batas waktu", en: "The deadline" }));
        let closed = matches!(self.status, FollowUpStatus::Done | FollowUpStatus::Dropped);
        if closed && self.evidence.trim().is_empty() {
            out.push(FieldProblem::new(
                "evidence",
                "tindakan yang selesai atau dibatalkan perlu bukti atau alasan".to_owned(),
                "an action done or dropped needs its evidence or reason".to_owned(),
            ));
        }
        out
    }
}

impl FollowUpDraft {
    /// The period it follows up, when its key is valid.
    pub fn period(&self) -> Option<Period> {
        Period::from_key(&self.period)
    }
}

/// How many actions are at each status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FollowUpProgress {
    /// Every action.
    pub total: u32,
    /// Planned.
    pub planned: u32,
    /// In progress.
    pub in_progress: u32,
    /// Done.
    pub done: u32,
    /// Dropped.
    pub dropped: u32,
}

impl FollowUpProgress {
    /// The counts of some actions.
    pub fn of<'a>(drafts: impl IntoIterator<Item = &'a FollowUpDraft>) -> FollowUpProgress {
        let mut p = FollowUpProgress::default();
        for d in drafts {
            p.total += 1;
            match d.status {
                FollowUpStatus::Planned => p.planned += 1,
                FollowUpStatus::InProgress => p.in_progress += 1,
                FollowUpStatus::Done => p.done += 1,
                FollowUpStatus::Dropped => p.dropped += 1,
            }
        }
        p
    }

    /// The share done, in percent of every action (a dropped action is not done); `None` for
    /// none.
    pub fn share_done(&self) -> Option<f64> {
        (self.total > 0).then(|| 100.0 * f64::from(self.done) / f64::from(self.total))
    }

    /// «3 dari 5 selesai (60 %)» / «3 of 5 done (60%)».
    pub fn sentence(&self, lang: Lang) -> String {
        let share = crate::format::figure(self.share_done(), 0, lang);
        match lang {
            Lang::Id => format!("{} dari {} tindakan selesai ({share} %)", self.done, self.total),
            Lang::En => format!("{} of {} actions done ({share}%)", self.done, self.total),
        }
    }
}

/// The actions of the periods that have any, newest period first, each with its progress.
pub fn by_period(records: &[FollowUpRecord]) -> Vec<(Period, Vec<&FollowUpRecord>)> {
    let mut periods: Vec<Period> = records.iter().filter_map(|r| r.draft.period()).collect();
    periods.sort();
    periods.dedup();
    periods.into_iter().rev().map(|p| (p, records.iter().filter(|r| r.draft.period() == Some(p)).collect())).collect()
}

/// The finding an element's result gives: `U6 Kompetensi pelaksana · NRR 2,91 (C)`.
pub fn element_finding(e: &RankedElement, lang: Lang) -> String {
    let grade = e.grade.map_or("–", |g| g.letter());
    format!(
        "{} {} · NRR {} ({grade})",
        e.element.id(),
        e.element.text().name.get(lang),
        crate::format::decimal_id(e.nrr, 2)
    )
}

/// The action an element's result asks for, in words staff start from.
pub fn element_action(e: &RankedElement, lang: Lang) -> String {
    match lang {
        Lang::Id => format!("Tingkatkan unsur «{}»", e.element.text().name.id),
        Lang::En => format!("Improve «{}»", e.element.text().name.en),
    }
}

/// Drafts proposed from a period's weakest elements (at most `n`), owner and deadline left for
/// staff.
pub fn propose(period: Period, weakest: &[RankedElement], n: usize, lang: Lang) -> Vec<FollowUpDraft> {
    weakest
        .iter()
        .take(n)
        .map(|e| FollowUpDraft {
            period: period.key(),
            finding: element_finding(e, lang),
            action: element_action(e, lang),
            ..FollowUpDraft::default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> FollowUpDraft {
        FollowUpDraft {
            period: "2026-S1".into(),
            finding: "U6 · NRR 2,91".into(),
            action: "Pelatihan petugas loket".into(),
            owner: "Sekretaris".into(),
            deadline: "2026-12-31".into(),
            status: FollowUpStatus::Planned,
            evidence: String::new(),
        }
    }

    fn fields(d: &FollowUpDraft) -> Vec<String> {
        d.problems().into_iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_complete_draft_has_no_problem_and_each_rule_names_its_field() {
        assert!(draft().problems().is_empty());
        assert_eq!(fields(&FollowUpDraft { period: "2026-S3".into(), ..draft() }), ["period"]);
        assert_eq!(fields(&FollowUpDraft { action: "  ".into(), ..draft() }), ["action"]);
        assert_eq!(fields(&FollowUpDraft { owner: "x".repeat(MAX_OWNER + 1), ..draft() }), ["owner"]);
        assert_eq!(fields(&FollowUpDraft { deadline: "31/12/2026".into(), ..draft() }), ["deadline"]);
        assert_eq!(fields(&FollowUpDraft { status: FollowUpStatus::Done, ..draft() }), ["evidence"]);
        let done = FollowUpDraft { status: FollowUpStatus::Done, evidence: "https://x.go.id/foto".into(), ..draft() };
        assert!(done.problems().is_empty());
    }

    #[test]
    fn cleaning_trims_and_drops_control_characters_but_keeps_line_breaks() {
        let d = FollowUpDraft { action: " a\u{7}b\nc ".into(), ..draft() }.cleaned();
        assert_eq!(d.action, "ab\nc");
    }

    #[test]
    fn the_share_done_counts_every_action() {
        let mut ds = vec![draft(); 5];
        ds[0].status = FollowUpStatus::Done;
        ds[1].status = FollowUpStatus::Done;
        ds[2].status = FollowUpStatus::Dropped;
        ds[3].status = FollowUpStatus::InProgress;
        let p = FollowUpProgress::of(&ds);
        assert_eq!((p.total, p.planned, p.in_progress, p.done, p.dropped), (5, 1, 1, 2, 1));
        assert_eq!(p.share_done(), Some(40.0));
        assert_eq!(p.sentence(Lang::Id), "2 dari 5 tindakan selesai (40 %)");
        assert_eq!(FollowUpProgress::default().share_done(), None);
    }

    #[test]
    fn statuses_round_trip_through_their_codes() {
        for s in STATUSES {
            assert_eq!(FollowUpStatus::from_code(s.code()), Some(s));
            assert_eq!(serde_json::to_value(s).ok(), Some(serde_json::Value::String(s.code().to_owned())));
        }
    }
}
