//! Who may do what: the staff roles, what an API token may do, and the one rule that decides
//! whether a caller may act on a unit. The server asks it on every route; nothing else decides.

use serde::{Deserialize, Serialize};

/// A staff member's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// The pemda's Diskominfo: every unit, users and tokens.
    AdminPemda,
    /// A unit's admin: its units' standards, exports and follow-up.
    AdminUnit,
    /// A head of office: reads the dashboard and reports of its units.
    Pimpinan,
    /// Types in paper forms for its units.
    Operator,
}

/// Every role, most powerful first.
pub const STAFF_ROLES: [StaffRole; 4] =
    [StaffRole::AdminPemda, StaffRole::AdminUnit, StaffRole::Pimpinan, StaffRole::Operator];

impl StaffRole {
    /// The code written in the database and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            StaffRole::AdminPemda => "admin_pemda",
            StaffRole::AdminUnit => "admin_unit",
            StaffRole::Pimpinan => "pimpinan",
            StaffRole::Operator => "operator",
        }
    }

    /// Reads a code.
    pub fn from_code(text: &str) -> Option<StaffRole> {
        STAFF_ROLES.into_iter().find(|r| r.code() == text.trim())
    }
}

/// What an API token may do on its units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenPermission {
    /// Read: exports and the dashboard's data.
    Read,
    /// Read and write: also standards and paper forms.
    Write,
}

impl TokenPermission {
    /// The code written in the database and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            TokenPermission::Read => "read",
            TokenPermission::Write => "write",
        }
    }

    /// Reads a code.
    pub fn from_code(text: &str) -> Option<TokenPermission> {
        match text.trim() {
            "read" => Some(TokenPermission::Read),
            "write" => Some(TokenPermission::Write),
            _ => None,
        }
    }
}

/// Something a caller asks to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Read a unit's responses (the dashboard's data, the CSV export).
    ReadResponses,
    /// Save or retire a unit's service standards.
    EditStandards,
    /// Enter paper forms for a unit.
    EnterPaper,
    /// Record and change a unit's follow-up actions and publications.
    EditFollowUp,
    /// See the users of a unit.
    SeeUsers,
    /// Add, change or disable users; make and revoke tokens; add units.
    Administer,
    /// Read the audit log.
    ReadAudit,
    /// Read the server's operating figures (`/metrics`).
    ReadMetrics,
}

/// The units a grant covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Every unit, now and later.
    All,
    /// These units.
    Units(Vec<String>),
}

impl Scope {
    /// Whether the scope covers `unit` (`None`: every unit at once).
    pub fn covers(&self, unit: Option<&str>) -> bool {
        match (self, unit) {
            (Scope::All, _) => true,
            (Scope::Units(units), Some(unit)) => units.iter().any(|u| u == unit),
            (Scope::Units(_), None) => false,
        }
    }
}

/// What a signed-in user or a token was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Grant {
    /// A staff member with a role over some units.
    Staff {
        /// The role.
        role: StaffRole,
        /// Its units (every unit for an `admin_pemda`).
        scope: Scope,
    },
    /// An API token.
    Token {
        /// Read or write.
        permission: TokenPermission,
        /// Its units.
        scope: Scope,
    },
}

impl Grant {
    /// The units the grant covers.
    pub fn scope(&self) -> &Scope {
        match self {
            Grant::Staff { scope, .. } | Grant::Token { scope, .. } => scope,
        }
    }

    /// Whether the grant allows `action` on `unit` (`None`: on every unit at once, or an action
    /// of no unit such as the audit log).
    pub fn allows(&self, action: Action, unit: Option<&str>) -> bool {
        let role_allows = match self {
            Grant::Staff { role: StaffRole::AdminPemda, .. } => return true,
            Grant::Staff { role: StaffRole::AdminUnit, .. } => {
                matches!(
                    action,
                    Action::ReadResponses
                        | Action::EditStandards
                        | Action::EnterPaper
                        | Action::EditFollowUp
                        | Action::SeeUsers
                )
            }
            Grant::Staff { role: StaffRole::Pimpinan, .. } => matches!(action, Action::ReadResponses),
            Grant::Staff { role: StaffRole::Operator, .. } => matches!(action, Action::EnterPaper),
            Grant::Token { permission: TokenPermission::Read, .. } => {
                matches!(action, Action::ReadResponses | Action::ReadMetrics)
            }
            Grant::Token { permission: TokenPermission::Write, .. } => {
                matches!(
                    action,
                    Action::ReadResponses
                        | Action::EditStandards
                        | Action::EnterPaper
                        | Action::EditFollowUp
                        | Action::ReadMetrics
                )
            }
        };
        role_allows && self.scope().covers(unit)
    }
}

/// A sign-in, as the page sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    /// The username.
    pub username: String,
    /// The password.
    pub password: String,
}

/// A password change by the account's owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangePassword {
    /// The password now.
    pub current: String,
    /// The new one.
    pub new: String,
}

/// The signed-in account as the page sees it, with the CSRF token its changes must carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// The username.
    pub username: String,
    /// Its role.
    pub role: StaffRole,
    /// Its units (every unit when the role is `admin_pemda`).
    pub scope: Scope,
    /// Sent back as `X-CSRF-Token` with every change.
    pub csrf: String,
}

/// A staff account as the API lists it (never its password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserInfo {
    /// The username.
    pub username: String,
    /// Its role.
    pub role: StaffRole,
    /// Its units (empty for an `admin_pemda`: every unit).
    pub units: Vec<String>,
    /// Whether it may no longer sign in.
    pub disabled: bool,
}

/// A new password set by an `admin_pemda`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResetPassword {
    /// The new password.
    pub password: String,
}

/// An API token as the API lists it (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenInfo {
    /// Its first characters, to tell tokens apart.
    pub prefix: String,
    /// Read or write.
    pub permission: TokenPermission,
    /// Its units.
    pub scope: Scope,
    /// What it is for.
    pub note: String,
    /// Who made it.
    pub created_by: String,
    /// When.
    pub created_at: String,
    /// When it was last used.
    pub last_used: Option<String>,
    /// When it was revoked.
    pub revoked_at: Option<String>,
}

/// A token to make: its units (`*` for every unit), permission and note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    /// Unit codes, or `["*"]`.
    pub units: Vec<String>,
    /// Read or write.
    pub permission: TokenPermission,
    /// What it is for.
    #[serde(default)]
    pub note: String,
}

/// A token just made: the secret, shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MadeToken {
    /// The secret.
    pub token: String,
    /// Its prefix.
    pub prefix: String,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Its place in the log.
    pub seq: i64,
    /// When (WIB).
    pub at: String,
    /// Who: a username, `token:<prefix>`, `cli` or `anonymous`.
    pub actor: String,
    /// The client's address (empty from the CLI).
    pub address: String,
    /// What (`sign_in`, `export`, `standards.save`, `user.add`, …).
    pub action: String,
    /// On what (a unit, a unit/service, a username, a token prefix).
    pub target: String,
    /// `ok`, `refused`, `failed` or `locked`.
    pub outcome: String,
    /// The value before, where something changed.
    pub old: Option<String>,
    /// The value after.
    pub new: Option<String>,
}

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Why a password is refused, in both languages; `None` when it will do.
pub fn password_problem(password: &str, username: &str) -> Option<crate::Text> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Some(crate::Text {
            id: "kata sandi paling sedikit 10 karakter",
            en: "a password needs at least 10 characters",
        });
    }
    if password.eq_ignore_ascii_case(username) {
        return Some(crate::Text {
            id: "kata sandi tidak boleh sama dengan nama pengguna",
            en: "the password must not be the username",
        });
    }
    None
}

/// Whether a username will do: 3–64 of lowercase letters, digits, `.`, `_`, `-`.
pub fn is_username(name: &str) -> bool {
    (3..=64).contains(&name.len())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff(role: StaffRole, units: &[&str]) -> Grant {
        let scope = if role == StaffRole::AdminPemda {
            Scope::All
        } else {
            Scope::Units(units.iter().map(|u| (*u).to_owned()).collect())
        };
        Grant::Staff { role, scope }
    }

    #[test]
    fn each_role_acts_on_its_own_units_only() {
        let a = Some("unit-a");
        let b = Some("unit-b");
        let admin_unit = staff(StaffRole::AdminUnit, &["unit-a"]);
        assert!(admin_unit.allows(Action::ReadResponses, a));
        assert!(admin_unit.allows(Action::EditStandards, a));
        assert!(!admin_unit.allows(Action::ReadResponses, b));
        assert!(!admin_unit.allows(Action::EditStandards, b));
        assert!(!admin_unit.allows(Action::ReadResponses, None), "every unit at once");
        assert!(!admin_unit.allows(Action::Administer, a));
        let pimpinan = staff(StaffRole::Pimpinan, &["unit-a"]);
        assert!(pimpinan.allows(Action::ReadResponses, a));
        assert!(!pimpinan.allows(Action::EditStandards, a));
        assert!(admin_unit.allows(Action::EditFollowUp, a) && !admin_unit.allows(Action::EditFollowUp, b));
        assert!(!pimpinan.allows(Action::EditFollowUp, a));
        let operator = staff(StaffRole::Operator, &["unit-a"]);
        assert!(operator.allows(Action::EnterPaper, a) && !operator.allows(Action::ReadResponses, a));
        assert!(!operator.allows(Action::EditFollowUp, a));
        let pemda = staff(StaffRole::AdminPemda, &[]);
        for action in [Action::ReadResponses, Action::Administer, Action::ReadAudit] {
            assert!(pemda.allows(action, b) && pemda.allows(action, None));
        }
        let read = Grant::Token { permission: TokenPermission::Read, scope: Scope::Units(vec!["unit-b".into()]) };
        assert!(read.allows(Action::ReadResponses, b) && !read.allows(Action::EditStandards, b));
        assert!(!read.allows(Action::ReadResponses, a));
        // The server's figures are for a grant over every unit only.
        assert!(pemda.allows(Action::ReadMetrics, None));
        assert!(!read.allows(Action::ReadMetrics, None) && !admin_unit.allows(Action::ReadMetrics, None));
        let scraper = Grant::Token { permission: TokenPermission::Read, scope: Scope::All };
        assert!(scraper.allows(Action::ReadMetrics, None));
    }

    #[test]
    fn codes_round_trip_and_weak_passwords_are_named() {
        for role in STAFF_ROLES {
            assert_eq!(StaffRole::from_code(role.code()), Some(role));
        }
        assert_eq!(TokenPermission::from_code("write"), Some(TokenPermission::Write));
        assert!(password_problem("pendek", "budi").is_some());
        assert!(password_problem("budi.santoso", "budi.santoso").is_some());
        assert!(password_problem("kopi-tubruk-2026", "budi").is_none());
        assert!(is_username("budi.santoso") && !is_username("Budi") && !is_username("a"));
    }
}
