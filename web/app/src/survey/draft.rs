//! The answers given so far, kept in the browser's storage as the respondent goes, so a reload,
//! a closed tab or a dead battery loses nothing. Cleared once the submission is handed to the
//! outbox, and by the kiosk's reset.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use skm_core::profile::{parse_age, Profile};
use skm_core::response::Submission;

const KEY: &str = "skm.draft";

/// What the respondent has entered so far.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Form {
    /// The respondent pressed «Mulai» after the privacy statement.
    pub consented: bool,
    /// The nine answers, by element.
    pub scores: [Option<u8>; 9],
    /// The profile; its age is read from `age_text`.
    pub profile: Profile,
    /// The age as typed, never rewritten under the respondent's fingers.
    pub age_text: String,
    /// The suggestion as typed.
    pub suggestion: String,
}

/// The stored draft, tied to its service.
#[derive(Serialize, Deserialize)]
struct Draft {
    service: String,
    form: Form,
}

impl Form {
    /// How many of the nine questions are answered.
    pub fn answered(&self) -> usize {
        self.scores.iter().filter(|s| s.is_some()).count()
    }

    /// The typed age is empty or one the survey accepts.
    pub fn age_ok(&self) -> bool {
        self.age_text.trim().is_empty() || parse_age(&self.age_text).is_some()
    }

    /// The submission, once all nine questions are answered.
    pub fn submission(&self, service: &str) -> Option<Submission> {
        let mut scores = [0u8; 9];
        for (score, answer) in scores.iter_mut().zip(self.scores) {
            *score = answer?;
        }
        let mut profile = self.profile.clone();
        profile.age = parse_age(&self.age_text);
        Some(Submission {
            profile,
            suggestion: (!self.suggestion.trim().is_empty()).then(|| self.suggestion.clone()),
            ..Submission::from_scores(service, scores)
        })
    }
}

/// The draft of this service, or an empty form.
pub fn load(service: &str) -> Form {
    LocalStorage::get::<Draft>(KEY).ok().filter(|d| d.service == service).map(|d| d.form).unwrap_or_default()
}

/// Keeps the form (an empty one is forgotten).
pub fn save(service: &str, form: &Form) {
    if *form == Form::default() {
        clear();
    } else {
        // Storage full or refused: the survey goes on; only a reload would lose the answers.
        let _ = LocalStorage::set(KEY, Draft { service: service.to_owned(), form: form.clone() });
    }
}

/// Forgets the draft.
pub fn clear() {
    LocalStorage::delete(KEY);
}
