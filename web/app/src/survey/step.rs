//! The survey's screens in order, their place in the URL (`#u3`), and how far a respondent may go.
//!
//! Each screen has its own URL fragment, so the phone's back button steps back one screen
//! instead of leaving the survey, and a reload returns to the same screen.

use skm_core::{Element, ELEMENTS};

use super::draft::Form;

/// One screen of the survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Purpose, privacy and consent.
    Intro,
    /// The optional questions about the respondent.
    Profile,
    /// One of the nine questions.
    Question(Element),
    /// The optional suggestion.
    Suggestion,
    /// Everything answered, to check before sending.
    Review,
}

/// How many screens there are.
pub const COUNT: usize = 13;

impl Step {
    /// Position in the flow, 0 (intro) to 12 (review).
    pub fn index(self) -> usize {
        match self {
            Step::Intro => 0,
            Step::Profile => 1,
            Step::Question(e) => 2 + e.index(),
            Step::Suggestion => 11,
            Step::Review => 12,
        }
    }

    /// The screen at a position.
    pub fn at(index: usize) -> Step {
        match index {
            0 => Step::Intro,
            1 => Step::Profile,
            i @ 2..=10 => Step::Question(ELEMENTS[i - 2]),
            11 => Step::Suggestion,
            _ => Step::Review,
        }
    }

    /// The next screen.
    pub fn next(self) -> Step {
        Step::at(self.index() + 1)
    }

    /// The previous screen.
    pub fn back(self) -> Step {
        Step::at(self.index().saturating_sub(1))
    }

    /// The URL fragment of the screen.
    pub fn fragment(self) -> String {
        match self {
            Step::Intro => "#mulai".into(),
            Step::Profile => "#profil".into(),
            Step::Question(e) => format!("#{}", e.column()),
            Step::Suggestion => "#saran".into(),
            Step::Review => "#ringkasan".into(),
        }
    }

    /// The screen a URL fragment names; the intro for anything else.
    pub fn from_fragment(fragment: &str) -> Step {
        match fragment.trim_start_matches('#') {
            "profil" => Step::Profile,
            "saran" => Step::Suggestion,
            "ringkasan" => Step::Review,
            other => Element::from_id(other).map_or(Step::Intro, Step::Question),
        }
    }

    /// The furthest screen a form may show: nothing before consent, no question before the
    /// previous one is answered, no review before all nine are.
    pub fn furthest(form: &Form) -> Step {
        if !form.consented {
            return Step::Intro;
        }
        ELEMENTS.iter().find(|e| form.scores[e.index()].is_none()).map_or(Step::Review, |&e| Step::Question(e))
    }

    /// The screen asked for, or the furthest one allowed if it lies beyond.
    pub fn within(self, form: &Form) -> Step {
        let furthest = Step::furthest(form);
        if self.index() > furthest.index() {
            furthest
        } else {
            self
        }
    }
}
