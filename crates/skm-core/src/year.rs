//! A year of the office at a glance: the IKM, SLA compliance and evaluation meetings computed
//! together from the year's exports, as the dashboard shows them and the annual report prints them.

use serde::{Deserialize, Serialize};

use crate::analysis::IkmAnalysis;
use crate::compliance::SlaReport;
use crate::evaluation::MeetingReport;
use crate::i18n::Text;

/// What an exported file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// Survey responses (canonical CSV, Excel, Google Forms).
    Responses,
    /// Service requests.
    Requests,
    /// Complaints.
    Complaints,
    /// SOP step times of requests.
    Steps,
    /// Evaluation meetings.
    Meetings,
    /// Follow-up actions of the meetings.
    Actions,
}

/// Every kind, in the order the chapters use them.
pub const FILE_KINDS: [FileKind; 6] = [
    FileKind::Responses,
    FileKind::Requests,
    FileKind::Complaints,
    FileKind::Steps,
    FileKind::Meetings,
    FileKind::Actions,
];

impl FileKind {
    /// The kind's name in both languages.
    pub fn label(self) -> Text {
        let (id, en) = match self {
            FileKind::Responses => ("Jawaban survei", "Survey responses"),
            FileKind::Requests => ("Permohonan layanan", "Service requests"),
            FileKind::Complaints => ("Pengaduan", "Complaints"),
            FileKind::Steps => ("Langkah SOP", "SOP steps"),
            FileKind::Meetings => ("Rapat evaluasi", "Evaluation meetings"),
            FileKind::Actions => ("Tindak lanjut", "Follow-up actions"),
        };
        Text { id, en }
    }

    /// The kind a file name suggests (`responses.csv`, `pengaduan-2026.xlsx`), if any.
    pub fn from_file_name(name: &str) -> Option<FileKind> {
        let stem = name.rsplit(['/', '\\']).next().unwrap_or(name).to_lowercase();
        const WORDS: [(FileKind, &[&str]); 6] = [
            (FileKind::Responses, &["response", "jawaban", "skm", "survei", "survey", "tanggapan"]),
            (FileKind::Requests, &["request", "permohonan", "permintaan"]),
            (FileKind::Complaints, &["complaint", "pengaduan", "aduan"]),
            (FileKind::Steps, &["step", "langkah", "sop"]),
            (FileKind::Meetings, &["meeting", "rapat", "notulen"]),
            (FileKind::Actions, &["action", "tindak", "rtl"]),
        ];
        // The most specific first: "sop" in "tindak_lanjut_sop" is an action file.
        [5usize, 3, 2, 4, 1, 0]
            .iter()
            .map(|&i| WORDS[i])
            .find(|(_, words)| words.iter().any(|w| stem.contains(w)))
            .map(|(k, _)| k)
    }
}

/// What the year's figures were restricted to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearFilter {
    /// Only this period of the year (`2026-Q3`, `2026-07`), if set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Only this service code, if set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// Only requests and complaints that came through this channel, if set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
}

/// A citizen's suggestion, as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    /// Service code.
    pub service: String,
    /// Date of the response (`2026-03-17`), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The text.
    pub text: String,
}

/// The suggestions written more than once (the same words, ignoring case and spacing), most
/// frequent first, with how often.
pub fn repeated_suggestions(list: &[Suggestion]) -> Vec<(String, u64)> {
    let mut counts: std::collections::BTreeMap<String, (String, u64)> = std::collections::BTreeMap::new();
    for s in list {
        let key = s.text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        counts.entry(key).or_insert_with(|| (s.text.trim().to_owned(), 0)).1 += 1;
    }
    let mut out: Vec<(String, u64)> = counts.into_values().filter(|(_, n)| *n > 1).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

impl Suggestion {
    /// Whether the text holds every word of `search`, ignoring case (an empty search matches).
    pub fn matches(&self, search: &str) -> bool {
        let text = self.text.to_lowercase();
        search.split_whitespace().all(|word| text.contains(&word.to_lowercase()))
    }
}

/// A file that was read, and as what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearSource {
    /// File name.
    pub file: String,
    /// What it holds.
    pub kind: FileKind,
}

/// The year's IKM, SLA and meeting figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearReport {
    /// The year.
    pub year: i16,
    /// The restriction applied.
    pub filter: YearFilter,
    /// The files read.
    pub sources: Vec<YearSource>,
    /// The kinds no file was given for; their chapters are left out.
    pub missing: Vec<FileKind>,
    /// The IKM per service, with the unit's overall and the profile.
    pub ikm: Option<IkmAnalysis>,
    /// The IKM per period of the year, for the trend.
    pub trend: Option<IkmAnalysis>,
    /// SLA compliance of requests and complaints.
    pub sla: Option<SlaReport>,
    /// Evaluation meetings and follow-up actions.
    pub meetings: Option<MeetingReport>,
    /// The suggestions, newest first.
    pub suggestions: Vec<Suggestion>,
}

impl YearReport {
    /// What was read for each chapter computed: the responses, the requests and complaints,
    /// the meetings and actions.
    pub fn inputs(&self) -> Vec<&crate::analysis::InputSummary> {
        let ikm = self.ikm.as_ref().map(|a| &a.input);
        let sla = self.sla.as_ref().map(|s| &s.input);
        let meetings = self.meetings.as_ref().map(|m| &m.input);
        [ikm, sla, meetings].into_iter().flatten().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_suggestions_are_counted_once_per_wording() {
        let s = |text: &str| Suggestion { service: "x".into(), date: None, text: text.into() };
        let list = [
            s("Parkir kurang luas."),
            s("parkir  kurang luas."),
            s("Bagus"),
            s("Antre lama"),
            s("antre lama"),
            s("Antre lama"),
        ];
        assert_eq!(repeated_suggestions(&list), [("Antre lama".to_owned(), 3), ("Parkir kurang luas.".to_owned(), 2)]);
    }

    #[test]
    fn a_search_matches_every_word_in_any_case() {
        let s = Suggestion { service: "x".into(), date: None, text: "Antrean di loket terlalu LAMA".into() };
        assert!(s.matches(""));
        assert!(s.matches("  lama  antrean "));
        assert!(s.matches("Loket"));
        assert!(!s.matches("antrean parkir"));
    }

    #[test]
    fn file_names_say_what_they_hold() {
        assert_eq!(FileKind::from_file_name("demo/2026/responses.csv"), Some(FileKind::Responses));
        assert_eq!(FileKind::from_file_name("Pengaduan 2026.xlsx"), Some(FileKind::Complaints));
        assert_eq!(FileKind::from_file_name("requests.csv"), Some(FileKind::Requests));
        assert_eq!(FileKind::from_file_name("tindak_lanjut_sop.csv"), Some(FileKind::Actions));
        assert_eq!(FileKind::from_file_name("sop-steps.csv"), Some(FileKind::Steps));
        assert_eq!(FileKind::from_file_name("rapat.csv"), Some(FileKind::Meetings));
        assert_eq!(FileKind::from_file_name("data.csv"), None);
    }
}
