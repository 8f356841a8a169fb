//! How a response reached the survey: a link, the QR code at the counter or on a poster, the
//! kiosk tablet at the counter, or a paper form an operator typed in.

use serde::{Deserialize, Serialize};

use crate::i18n::Text;
use crate::profile::Choice;

/// The way a response was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A link (the unit's site, a message, social media).
    #[default]
    Link,
    /// A QR code (a counter poster, a paper form's corner).
    Qr,
    /// The kiosk tablet at the counter (a device with a kiosk key).
    Kiosk,
    /// A paper form typed in by an operator.
    Paper,
}

/// The channels in the order breakdowns show them.
pub const CHANNELS: [Choice<Channel>; 4] = [
    Choice { value: Channel::Link, code: "link", label: Text { id: "Tautan", en: "Link" } },
    Choice { value: Channel::Qr, code: "qr", label: Text { id: "Kode QR", en: "QR code" } },
    Choice { value: Channel::Kiosk, code: "kiosk", label: Text { id: "Kios di loket", en: "Kiosk at the counter" } },
    Choice { value: Channel::Paper, code: "paper", label: Text { id: "Formulir kertas", en: "Paper form" } },
];

impl Channel {
    /// Its code in files and the API (`link`, `qr`, `kiosk`, `paper`).
    pub fn code(self) -> &'static str {
        crate::profile::code_of(&CHANNELS, self)
    }

    /// The channel of a code.
    pub fn from_code(code: &str) -> Option<Channel> {
        crate::profile::choice_by_code(&CHANNELS, code)
    }

    /// Whether a browser may say it came this way; the kiosk and paper channels are the
    /// server's to set (a kiosk key, the operator's screen).
    pub fn is_claimable(self) -> bool {
        matches!(self, Channel::Link | Channel::Qr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_go_both_ways() {
        for c in CHANNELS {
            assert_eq!(Channel::from_code(c.code), Some(c.value));
            assert_eq!(c.value.code(), c.code);
        }
        assert_eq!(Channel::from_code("sms"), None);
        assert!(Channel::Qr.is_claimable() && !Channel::Kiosk.is_claimable() && !Channel::Paper.is_claimable());
    }
}
