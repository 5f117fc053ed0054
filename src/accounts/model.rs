//! People and the links between supervisors (or practice educators) and those they support.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult, FieldErrors};
use crate::platform::auth::{Actor, Role, password};
use crate::platform::db::schema::users;

/// A user row.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    /// Row id.
    pub id: i32,
    /// Sign-in name (unique, case-insensitive).
    pub username: String,
    /// Name shown to others.
    pub display_name: String,
    /// Stored role name; see [`User::role`].
    pub role: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Disabled accounts cannot sign in or use tokens.
    pub disabled: bool,
    /// When created.
    pub created_at: NaiveDateTime,
    /// When last changed.
    pub updated_at: NaiveDateTime,
}

impl User {
    /// The user's role.
    pub fn role(&self) -> AppResult<Role> {
        Role::parse(&self.role)
            .ok_or_else(|| AppError::Internal(format!("unknown role {:?}", self.role)))
    }

    /// The user as the actor of a request.
    pub fn actor(&self) -> AppResult<Actor> {
        Ok(Actor {
            user_id: self.id,
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role()?,
        })
    }

    /// The role's name for people, or the stored name if unknown.
    pub fn role_label(&self) -> &str {
        match Role::parse(&self.role) {
            Some(role) => role.label(),
            None => &self.role,
        }
    }
}

/// How a supervisor relates to the person they support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// Line-management supervision (a supervisor, or a student's on-site supervisor).
    Line,
    /// A practice educator and their student.
    Educator,
}

impl LinkKind {
    /// The stored and command-line name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Line => "line",
            Self::Educator => "educator",
        }
    }

    /// Parses a stored or command-line name.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "line" => Some(Self::Line),
            "educator" => Some(Self::Educator),
            _ => None,
        }
    }

    /// A phrase for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Line => "supervises",
            Self::Educator => "is practice educator of",
        }
    }
}

/// A supervision link with both people's names, as the admin page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkView {
    /// Row id.
    pub id: i32,
    /// The supervisor's or practice educator's username.
    pub supervisor: String,
    /// The supervisee's or student's username.
    pub supervisee: String,
    /// The kind of link.
    pub kind: LinkKind,
    /// When made.
    pub created_at: NaiveDateTime,
}

/// A new account, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    /// Sign-in name.
    pub username: String,
    /// Shown name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// The password in clear, hashed before it is stored.
    pub password: String,
}

/// Longest username.
pub const MAX_USERNAME_CHARS: usize = 40;
/// Longest display name.
pub const MAX_DISPLAY_NAME_CHARS: usize = 80;

impl NewAccount {
    /// Checks the fields of a new account; the display name defaults to the username.
    pub fn validate(
        username: &str,
        display_name: Option<&str>,
        role: &str,
        password_text: &str,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let username = username.trim().to_string();
        check_username(&username, &mut errors);
        let display_name = display_name
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .unwrap_or(&username)
            .to_string();
        if display_name.chars().count() > MAX_DISPLAY_NAME_CHARS {
            errors.add(
                "display_name",
                format!("Use at most {MAX_DISPLAY_NAME_CHARS} characters."),
            );
        }
        let role = Role::parse(role.trim());
        if role.is_none() {
            errors.add(
                "role",
                "Choose one of practitioner, supervisor, student, practice_educator or admin.",
            );
        }
        password::check_strength("password", password_text, &mut errors);
        match role {
            Some(role) if errors.is_empty() => Ok(Self {
                username,
                display_name,
                role,
                password: password_text.to_string(),
            }),
            _ => Err(errors),
        }
    }
}

/// Usernames are short, plain and unambiguous: letters, digits, `.`, `_` and `-`.
pub fn check_username(username: &str, errors: &mut FieldErrors) {
    let length = username.chars().count();
    if !(2..=MAX_USERNAME_CHARS).contains(&length) {
        errors.add(
            "username",
            format!("Use between 2 and {MAX_USERNAME_CHARS} characters."),
        );
    } else if !username
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        errors.add(
            "username",
            "Use only letters, digits, dots, hyphens and underscores.",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_new_accounts() {
        let account =
            NewAccount::validate("sam.k", None, "practitioner", "a long passphrase").unwrap();
        assert_eq!(account.display_name, "sam.k");
        assert_eq!(account.role, Role::Practitioner);

        let errors = NewAccount::validate("s", Some(""), "boss", "short").unwrap_err();
        assert!(errors.get("username").is_some());
        assert!(errors.get("role").is_some());
        assert!(errors.get("password").is_some());
        let errors =
            NewAccount::validate("sam k", None, "student", "a long passphrase").unwrap_err();
        assert!(errors.get("username").is_some());
    }
}
