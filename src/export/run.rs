//! Producing an export and noting it in the audit log: for the person themselves (account
//! page, API), for an administrator answering a subject access request, or for the command
//! line. One function, so every way out is recorded the same way.

use crate::platform::db::DbConnection;
use chrono::{NaiveDate, NaiveDateTime};

use super::{ExportFormat, build, markdown};
use crate::accounts::directory;
use crate::deadlines::timescales::Timescales;
use crate::error::{AppError, AppResult};
use crate::platform::audit::{self, AuditAction, AuditRecord};
use crate::platform::auth::Actor;
use crate::platform::policy;

/// Who asked for an export.
#[derive(Debug, Clone, Copy)]
pub enum Requester<'a> {
    /// The person it is about.
    Themselves,
    /// An administrator answering a subject access request.
    Administrator(&'a Actor),
    /// The `praxis export` command, run on the server.
    CommandLine,
}

/// A finished export.
#[derive(Debug, Clone)]
pub struct Produced {
    /// The file's bytes.
    pub body: Vec<u8>,
    /// The file name to suggest.
    pub file_name: String,
    /// What it holds, in a few words.
    pub summary: String,
}

/// The person an administrator or the command line names, as they would act themselves;
/// an administrator asking is checked by the policy first.
pub fn subject(
    conn: &mut DbConnection,
    requester: Requester<'_>,
    username: &str,
) -> AppResult<Actor> {
    if let Requester::Administrator(admin) = requester {
        policy::require_change(
            policy::may_administer(admin),
            "Only administrators answer subject access requests.",
        )?;
    }
    directory::find_by_username(conn, username)?
        .ok_or_else(|| AppError::invalid("user", format!("There is no user called {username:?}.")))?
        .actor()
}

/// The person with this id, for an administrator working from the accounts page.
pub fn subject_by_id(conn: &mut DbConnection, admin: &Actor, id: i32) -> AppResult<Actor> {
    let user = directory::find(conn, id)?.ok_or(AppError::NotFound)?;
    subject(conn, Requester::Administrator(admin), &user.username)
}

/// Builds the export of everything `person` holds and records who took it.
#[allow(clippy::too_many_arguments)]
pub fn produce(
    conn: &mut DbConnection,
    person: &Actor,
    requester: Requester<'_>,
    format: ExportFormat,
    timescales: &Timescales,
    today: NaiveDate,
    now: NaiveDateTime,
    address: Option<&str>,
) -> AppResult<Produced> {
    let export = build(conn, person, timescales, today, now)?;
    let body = match format {
        ExportFormat::Json => export.to_json()?,
        ExportFormat::Markdown => markdown::to_zip(&export, today)?,
    };
    let summary = export.summary();
    let (actor_id, action) = match requester {
        Requester::Themselves => (Some(person.user_id), AuditAction::Export),
        Requester::Administrator(admin) => (Some(admin.user_id), AuditAction::SubjectAccessExport),
        Requester::CommandLine => (None, AuditAction::SubjectAccessExport),
    };
    audit::record(
        conn,
        AuditRecord {
            actor_id,
            action,
            subject: &person.username,
            detail: &format!("{summary} as {format:?}"),
            ip: address,
        },
        now,
    )?;
    Ok(Produced {
        body,
        file_name: format!(
            "praxis-export-{}-{today}.{}",
            person.username,
            format.extension()
        ),
        summary,
    })
}
