//! Staff accounts, their sign-in sessions, API tokens and the audit log, as stored. Secrets are
//! never stored: passwords as argon2id hashes, sessions and tokens as SHA-256 hashes.

use serde::Serialize;
use skm_core::access::{Grant, Scope, StaffRole, TokenInfo, TokenPermission, UserInfo};

use super::db::{args, Db, Row, Value};
use super::{Store, StoreError};

/// A staff account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredUser {
    /// Row id.
    pub id: i64,
    /// The name it signs in with.
    pub username: String,
    /// Its role.
    pub role: StaffRole,
    /// Its units (empty for an `admin_pemda`, who has all).
    pub units: Vec<String>,
    /// Whether it may no longer sign in.
    pub disabled: bool,
    /// The password's argon2id hash (PHC string).
    pub password_hash: String,
    /// When it was made.
    pub created_at: String,
    /// When it last changed.
    pub changed_at: String,
}

impl StoredUser {
    /// The account as the API lists it.
    pub fn info(&self) -> UserInfo {
        UserInfo {
            username: self.username.clone(),
            role: self.role,
            units: self.units.clone(),
            disabled: self.disabled,
        }
    }

    /// What the account may do.
    pub fn grant(&self) -> Grant {
        let scope = if self.role == StaffRole::AdminPemda { Scope::All } else { Scope::Units(self.units.clone()) };
        Grant::Staff { role: self.role, scope }
    }
}

/// An API token, without its secret: its row and what the API lists of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredToken {
    /// Row id.
    pub id: i64,
    /// Prefix, permission, scope, note, maker, and when it was made, last used and revoked.
    pub info: TokenInfo,
}

impl StoredToken {
    /// What the token may do.
    pub fn grant(&self) -> Grant {
        Grant::Token { permission: self.info.permission, scope: self.info.scope.clone() }
    }
}

pub use skm_core::access::AuditEntry;

/// A line to add to the audit log.
#[derive(Debug, Clone, Default)]
pub struct Audit<'a> {
    /// Who.
    pub actor: &'a str,
    /// From where.
    pub address: &'a str,
    /// What.
    pub action: &'a str,
    /// On what.
    pub target: &'a str,
    /// How it ended.
    pub outcome: &'a str,
    /// Before.
    pub old: Option<&'a str>,
    /// After.
    pub new: Option<&'a str>,
}

fn now_text() -> String {
    crate::now_wib().strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

fn role_of(text: String) -> Result<StaffRole, StoreError> {
    StaffRole::from_code(&text).ok_or(StoreError::Corrupt(text))
}

fn check_units(tx: &Db, units: &[String]) -> Result<(), StoreError> {
    for unit in units {
        let known: bool = tx.query_one("SELECT COUNT(*) > 0 FROM units WHERE code = ?1", args![unit], |r| r.get(0))?;
        if !known {
            return Err(StoreError::NoUnit(unit.clone()));
        }
    }
    Ok(())
}

/// Appends a line to the audit log inside a transaction.
pub(super) fn append(tx: &Db, a: &Audit<'_>) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO audit (at, actor, address, action, target, outcome, old, new) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        args![now_text(), a.actor, a.address, a.action, a.target, a.outcome, a.old, a.new],
    )?;
    Ok(())
}

const USER_COLUMNS: &str = "id, username, role, disabled, password, created_at, changed_at";

/// A row of `users` in [`USER_COLUMNS`]' order.
type UserRow = (i64, String, String, bool, String, String, String);

fn user_row(r: &Row) -> Result<UserRow, StoreError> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
}

impl Store {
    fn read_user(&self, row: UserRow) -> Result<StoredUser, StoreError> {
        let (id, username, role, disabled, password_hash, created_at, changed_at) = row;
        let units =
            self.db
                .query_map("SELECT unit FROM user_units WHERE user_id = ?1 ORDER BY unit", args![id], |r| r.get(0))?;
        Ok(StoredUser { id, username, role: role_of(role)?, units, disabled, password_hash, created_at, changed_at })
    }

    fn user_where(&self, clause: &str, values: &[Value]) -> Result<Option<StoredUser>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE {clause}");
        let row = self.db.query_opt(&sql, values, user_row)?;
        row.map(|row| self.read_user(row)).transpose()
    }

    /// Adds an account (its password already hashed) with its units; audited as `actor`.
    pub fn add_user(
        &mut self,
        username: &str,
        password_hash: &str,
        role: StaffRole,
        units: &[String],
        audit: Audit<'_>,
    ) -> Result<StoredUser, StoreError> {
        self.db.transaction(|tx| {
            let exists: bool =
                tx.query_one("SELECT COUNT(*) > 0 FROM users WHERE username = ?1", args![username], |r| r.get(0))?;
            if exists {
                return Err(StoreError::UserExists(username.to_owned()));
            }
            check_units(tx, units)?;
            let now = now_text();
            let id: i64 = tx.query_one(
                "INSERT INTO users (username, password, role, created_at, changed_at) VALUES (?1, ?2, ?3, ?4, ?4)
                 RETURNING id",
                args![username, password_hash, role.code(), now],
                |r| r.get(0),
            )?;
            for unit in units {
                tx.execute("INSERT INTO user_units (user_id, unit) VALUES (?1, ?2)", args![id, unit])?;
            }
            let new = format!("role={} units={}", role.code(), units.join(","));
            append(tx, &Audit { action: "user.add", target: username, outcome: "ok", new: Some(&new), ..audit })
        })?;
        self.user(username)?.ok_or_else(|| StoreError::NoUser(username.to_owned()))
    }

    /// The account with this username.
    pub fn user(&self, username: &str) -> Result<Option<StoredUser>, StoreError> {
        self.user_where("username = ?1", args![username])
    }

    /// The account with this id.
    pub fn user_by_id(&self, id: i64) -> Result<Option<StoredUser>, StoreError> {
        self.user_where("id = ?1", args![id])
    }

    /// Every account, by username.
    pub fn users(&self) -> Result<Vec<StoredUser>, StoreError> {
        let rows = self.db.query_map(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY username"), &[], user_row)?;
        rows.into_iter().map(|row| self.read_user(row)).collect()
    }

    /// Sets a new password hash and ends the account's sessions (a reset, or a change by its
    /// owner, which then signs in again); audited without either value.
    pub fn set_password(&mut self, username: &str, password_hash: &str, audit: Audit<'_>) -> Result<(), StoreError> {
        self.db.transaction(|tx| {
            let changed = tx.execute(
                "UPDATE users SET password = ?2, changed_at = ?3 WHERE username = ?1",
                args![username, password_hash, now_text()],
            )?;
            if changed == 0 {
                return Err(StoreError::NoUser(username.to_owned()));
            }
            tx.execute(
                "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = ?1)",
                args![username],
            )?;
            append(tx, &Audit { action: audit.action, target: username, outcome: "ok", ..audit })
        })
    }

    /// Disables (or enables again) an account; disabling ends its sessions.
    pub fn set_disabled(&mut self, username: &str, disabled: bool, audit: Audit<'_>) -> Result<(), StoreError> {
        self.db.transaction(|tx| {
            let before: Option<bool> =
                tx.query_opt("SELECT disabled FROM users WHERE username = ?1", args![username], |r| r.get(0))?;
            let Some(before) = before else { return Err(StoreError::NoUser(username.to_owned())) };
            tx.execute(
                "UPDATE users SET disabled = ?2, changed_at = ?3 WHERE username = ?1",
                args![username, disabled, now_text()],
            )?;
            if disabled {
                tx.execute(
                    "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = ?1)",
                    args![username],
                )?;
            }
            let (old, new) = (format!("disabled={before}"), format!("disabled={disabled}"));
            let action = if disabled { "user.disable" } else { "user.enable" };
            append(tx, &Audit { action, target: username, outcome: "ok", old: Some(&old), new: Some(&new), ..audit })
        })
    }

    /// Starts a session (its id and CSRF token hashed by the caller) until `expires_at`.
    pub fn add_session(&mut self, id_hash: &str, user_id: i64, csrf: &str, expires_at: &str) -> Result<(), StoreError> {
        self.db.execute(
            "INSERT INTO sessions (id_hash, user_id, csrf, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            args![id_hash, user_id, csrf, now_text(), expires_at],
        )?;
        Ok(())
    }

    /// The live session with this id hash at `now`: its account and CSRF token.
    pub fn session(&self, id_hash: &str, now: &str) -> Result<Option<(StoredUser, String)>, StoreError> {
        let found: Option<(i64, String)> = self.db.query_opt(
            "SELECT user_id, csrf FROM sessions WHERE id_hash = ?1 AND expires_at > ?2",
            args![id_hash, now],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let Some((user_id, csrf)) = found else { return Ok(None) };
        Ok(self.user_by_id(user_id)?.filter(|u| !u.disabled).map(|u| (u, csrf)))
    }

    /// Ends a session; expired ones are swept out at the same time.
    pub fn end_session(&mut self, id_hash: &str, now: &str) -> Result<(), StoreError> {
        self.db.execute("DELETE FROM sessions WHERE id_hash = ?1 OR expires_at <= ?2", args![id_hash, now])?;
        Ok(())
    }

    /// Adds an API token (its secret hashed by the caller); audited.
    pub fn add_token(
        &mut self,
        prefix: &str,
        hash: &str,
        permission: TokenPermission,
        scope: &Scope,
        note: &str,
        audit: Audit<'_>,
    ) -> Result<StoredToken, StoreError> {
        let units = match scope {
            Scope::All => Vec::new(),
            Scope::Units(units) => units.clone(),
        };
        let id = self.db.transaction(|tx| {
            check_units(tx, &units)?;
            let id: i64 = tx.query_one(
                "INSERT INTO api_tokens (prefix, hash, permission, all_units, note, created_by, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
                args![prefix, hash, permission.code(), *scope == Scope::All, note, audit.actor, now_text()],
                |r| r.get(0),
            )?;
            for unit in &units {
                tx.execute("INSERT INTO token_units (token_id, unit) VALUES (?1, ?2)", args![id, unit])?;
            }
            let new = format!(
                "permission={} units={}",
                permission.code(),
                if units.is_empty() { "*".to_owned() } else { units.join(",") }
            );
            append(tx, &Audit { action: "token.add", target: prefix, outcome: "ok", new: Some(&new), ..audit })?;
            Ok(id)
        })?;
        self.read_tokens("id = ?1", args![id])?.pop().ok_or_else(|| StoreError::NoToken(prefix.to_owned()))
    }

    fn read_tokens(&self, clause: &str, values: &[Value]) -> Result<Vec<StoredToken>, StoreError> {
        let sql = format!(
            "SELECT id, prefix, permission, all_units, note, created_by, created_at, last_used, revoked_at
             FROM api_tokens WHERE {clause} ORDER BY id"
        );
        let rows = self.db.query_map(&sql, values, |r| {
            Ok((
                r.get::<i64>(0)?,
                r.get::<String>(1)?,
                r.get::<String>(2)?,
                r.get::<bool>(3)?,
                r.get::<String>(4)?,
                r.get::<String>(5)?,
                r.get::<String>(6)?,
                r.get::<Option<String>>(7)?,
                r.get::<Option<String>>(8)?,
            ))
        })?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, prefix, permission, all, note, created_by, created_at, last_used, revoked_at) in rows {
            let scope = if all {
                Scope::All
            } else {
                let sql = "SELECT unit FROM token_units WHERE token_id = ?1 ORDER BY unit";
                Scope::Units(self.db.query_map(sql, args![id], |r| r.get(0))?)
            };
            let permission = TokenPermission::from_code(&permission).ok_or(StoreError::Corrupt(permission))?;
            let info = TokenInfo { prefix, permission, scope, note, created_by, created_at, last_used, revoked_at };
            out.push(StoredToken { id, info });
        }
        Ok(out)
    }

    /// Every API token, revoked ones too, oldest first.
    pub fn tokens(&self) -> Result<Vec<StoredToken>, StoreError> {
        self.read_tokens("TRUE", &[])
    }

    /// The live (not revoked) token with this hash, its last use set to now.
    pub fn use_token(&mut self, hash: &str) -> Result<Option<StoredToken>, StoreError> {
        let found = self.read_tokens("hash = ?1 AND revoked_at IS NULL", args![hash])?.pop();
        if let Some(token) = &found {
            self.db.execute("UPDATE api_tokens SET last_used = ?2 WHERE id = ?1", args![token.id, now_text()])?;
        }
        Ok(found)
    }

    /// Revokes the token with this prefix (or whose hash this is); audited.
    pub fn revoke_token(&mut self, prefix_or_hash: &str, audit: Audit<'_>) -> Result<StoredToken, StoreError> {
        let prefix: String = self.db.transaction(|tx| {
            let changed = tx.execute(
                "UPDATE api_tokens SET revoked_at = ?2 WHERE (prefix = ?1 OR hash = ?1) AND revoked_at IS NULL",
                args![prefix_or_hash, now_text()],
            )?;
            if changed == 0 {
                return Err(StoreError::NoToken(prefix_or_hash.chars().take(12).collect()));
            }
            let sql = "SELECT prefix FROM api_tokens WHERE prefix = ?1 OR hash = ?1";
            let prefix: String = tx.query_one(sql, args![prefix_or_hash], |r| r.get(0))?;
            append(tx, &Audit { action: "token.revoke", target: &prefix, outcome: "ok", ..audit })?;
            Ok(prefix)
        })?;
        self.read_tokens("prefix = ?1", args![prefix])?.pop().ok_or(StoreError::NoToken(prefix))
    }

    /// Appends a line to the audit log.
    pub fn audit(&mut self, entry: Audit<'_>) -> Result<(), StoreError> {
        self.db.transaction(|tx| append(tx, &entry))
    }

    /// The audit log, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>, StoreError> {
        let sql = "SELECT seq, at, actor, address, action, target, outcome, old, new FROM audit ORDER BY seq";
        self.db.query_map(sql, &[], |r| {
            Ok(AuditEntry {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                address: r.get(3)?,
                action: r.get(4)?,
                target: r.get(5)?,
                outcome: r.get(6)?,
                old: r.get(7)?,
                new: r.get(8)?,
            })
        })
    }

    /// Forgets what citizens wrote and told of themselves (suggestion, gender, age, education,
    /// occupation) in responses submitted before `cutoff` (an RFC 3339 time); their scores stay,
    /// so every count and index stays. Returns how many responses lost something; audited.
    pub fn apply_retention(&mut self, cutoff: &str, audit: Audit<'_>) -> Result<u64, StoreError> {
        self.db.transaction(|tx| {
            let cleared = tx.execute(
                "UPDATE responses SET suggestion = NULL, gender = NULL, age = NULL, education = NULL, occupation = NULL
                 WHERE submitted_at < ?1 AND (suggestion IS NOT NULL OR gender IS NOT NULL OR age IS NOT NULL
                   OR education IS NOT NULL OR occupation IS NOT NULL)",
                args![cutoff],
            )?;
            if cleared > 0 {
                let new = format!("{cleared} responses before {cutoff}: suggestion and profile removed");
                append(tx, &Audit { action: "retention", outcome: "ok", new: Some(&new), ..audit })?;
            }
            Ok(cleared)
        })
    }

    /// How many accounts there are.
    pub fn user_count(&self) -> Result<u64, StoreError> {
        self.db.query_one("SELECT COUNT(*) FROM users", &[], |r| r.get(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_forgets_old_suggestions_and_profiles_but_keeps_the_scores() {
        use skm_core::response::ResponseRecord;
        let mut store = Store::in_memory_demo().unwrap();
        let record = |id: &str, at: &str| {
            let mut r = ResponseRecord::new(id.to_owned(), at.to_owned(), &test_submission());
            r.suggestion = Some("Loket lambat".to_owned());
            r
        };
        store
            .insert_many(&[record("lama", "2022-03-01T09:00:00+07:00"), record("baru", "2026-03-01T09:00:00+07:00")])
            .unwrap();
        let cleared = store
            .apply_retention("2023-11-30T00:00:00+07:00", Audit { actor: "retention", ..Audit::default() })
            .unwrap();
        assert_eq!(cleared, 1);
        let old = store.get("lama").unwrap().unwrap();
        assert_eq!((old.suggestion.as_deref(), old.gender, old.age), (None, None, None));
        assert_eq!(old.scores(), store.get("baru").unwrap().unwrap().scores(), "the scores stay");
        assert_eq!(store.get("baru").unwrap().unwrap().suggestion.as_deref(), Some("Loket lambat"));
        assert_eq!(store.count().unwrap(), 2);
        assert_eq!(store.apply_retention("2023-11-30T00:00:00+07:00", Audit::default()).unwrap(), 0, "once");
        assert!(store.audit_log().unwrap().iter().any(|e| e.action == "retention"));
    }

    fn test_submission() -> skm_core::response::ValidSubmission {
        let json = r#"{"service":"publikasi-media-sosial","answers":{"u1":4,"u2":3,"u3":3,"u4":4,"u5":3,"u6":4,"u7":4,"u8":2,"u9":3},"profile":{"gender":"P","age":30}}"#;
        skm_core::wire::decode_submission(json.as_bytes()).unwrap().validate(|_| true).unwrap()
    }

    #[test]
    fn the_audit_log_is_append_only_even_in_the_database() {
        let mut store = Store::in_memory_demo().unwrap();
        store.audit(Audit { actor: "cli", action: "user.add", outcome: "ok", ..Audit::default() }).unwrap();
        let update = store.db.execute("UPDATE audit SET outcome = 'refused'", &[]);
        assert!(update.unwrap_err().to_string().contains("append-only"));
        let delete = store.db.execute("DELETE FROM audit", &[]);
        assert!(delete.unwrap_err().to_string().contains("append-only"));
        assert_eq!(store.audit_log().unwrap().len(), 1);
    }
}
