//! Use cases of the journal. Each asks the policy, validates, and writes in one transaction;
//! pages and the API call the same functions.

use crate::platform::db::DbConnection;
use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::model::{EntryDraft, EntryInput, EntryKind, EntryRow, EntryView, Visibility};
use super::store::{self, Links, ListQuery};
use super::validate;
use crate::cases;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::legislation;
use crate::platform::audit::{self, AuditAction, AuditRecord};
use crate::platform::auth::Actor;
use crate::platform::policy;
use crate::platform::privacy::PrivacyWarning;
use crate::platform::privacy_review::{Acknowledgement, Saved, review};
use crate::search::document::RecordType;
use crate::search::outbox;

/// Days an entry stays restorable in the bin.
pub const BIN_DAYS: i64 = 30;
/// Largest page of a list.
pub const MAX_PAGE: i64 = 200;

/// What a list asks for; references and codes are resolved against the caller's own cases
/// and the catalogue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryFilter {
    /// Only this kind.
    pub kind: Option<EntryKind>,
    /// Only entries about this case (one of the caller's).
    pub case: Option<String>,
    /// Only entries with every one of these tags.
    pub tags: Vec<String>,
    /// From this day.
    pub from: Option<NaiveDate>,
    /// To this day.
    pub to: Option<NaiveDate>,
    /// Entries shared with the caller by supervisees or students, instead of their own.
    pub shared: bool,
    /// Only entries flagged for supervision.
    pub for_supervision: bool,
    /// Where the previous page ended.
    pub cursor: Option<String>,
    /// Page size.
    pub limit: i64,
}

/// A page of entries and where the next one starts.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryPage {
    /// The entries, newest first.
    pub entries: Vec<EntryView>,
    /// Pass back as `cursor` for the next page; `None` on the last page.
    pub next_cursor: Option<String>,
}

/// An earlier version of an entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    /// 1 for the first version, counting up.
    pub number: i32,
    /// When it was replaced by the next version.
    pub replaced_at: NaiveDateTime,
    /// The entry as it was.
    pub entry: EntryDraft,
}

fn parse_cursor(cursor: &str) -> AppResult<(NaiveDate, i32)> {
    cursor
        .split_once('_')
        .and_then(|(day, id)| Some((day.parse().ok()?, id.parse().ok()?)))
        .ok_or_else(|| AppError::invalid("cursor", "This cursor is not one this API gave out."))
}

/// Lists entries the caller may read, newest first.
pub fn list(conn: &mut DbConnection, actor: &Actor, filter: &EntryFilter) -> AppResult<EntryPage> {
    let scope = policy::scope_of(conn, actor)?;
    let authors = if filter.shared {
        scope.shared_entries()
    } else {
        scope.own_entries()
    };
    let mut errors = FieldErrors::new();
    let case_id = match &filter.case {
        Some(reference) if !filter.shared => {
            let case = cases::lookup::own_case(conn, actor, reference)?;
            if case.is_none() {
                errors.add(
                    "case",
                    format!("You have no case with the reference {reference}."),
                );
            }
            case.map(|case| case.id)
        }
        _ => None,
    };
    let (tag_ids, unknown) = legislation::service::resolve_codes(conn, actor, &filter.tags)?;
    if !unknown.is_empty() {
        errors.add("tag", format!("Unknown tag: {}.", unknown.join(", ")));
    }
    let after = filter.cursor.as_deref().map(parse_cursor).transpose()?;
    errors.into_result(())?;
    let limit = filter.limit.clamp(1, MAX_PAGE);
    let query = ListQuery {
        authors,
        kind: filter.kind,
        case_id,
        tag_ids,
        from: filter.from,
        to: filter.to,
        for_supervision: filter.for_supervision,
        after,
        limit: limit + 1,
    };
    let mut rows = store::list_rows(conn, &query)?;
    let next_cursor = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last()
            .map(|row| format!("{}_{}", row.occurred_on, row.id))
    } else {
        None
    };
    Ok(EntryPage {
        entries: store::views(conn, rows)?,
        next_cursor,
    })
}

fn visible_row(conn: &mut DbConnection, actor: &Actor, id: i32) -> AppResult<EntryRow> {
    let row = store::find_row(conn, id)?
        .filter(|row| row.deleted_at.is_none())
        .ok_or(AppError::NotFound)?;
    let scope = policy::scope_of(conn, actor)?;
    let shared = row.visibility == Visibility::Supervisor.as_str();
    policy::require_visible(scope.may_read_entry(row.author_id, shared))?;
    Ok(row)
}

pub(super) fn view_of(conn: &mut DbConnection, row: EntryRow) -> AppResult<EntryView> {
    store::views(conn, vec![row])?
        .pop()
        .ok_or_else(|| AppError::Internal("an entry vanished while loading".into()))
}

/// Whether `id` is one of the actor's own entries, not in the bin (what another record of
/// theirs may point to).
pub fn is_own_live_entry(conn: &mut DbConnection, actor: &Actor, id: i32) -> AppResult<bool> {
    Ok(store::find_row(conn, id)?.is_some_and(|entry| {
        entry.deleted_at.is_none() && policy::may_change_entry(actor, entry.author_id)
    }))
}

/// One entry the caller may read.
pub fn get(conn: &mut DbConnection, actor: &Actor, id: i32) -> AppResult<EntryView> {
    let row = visible_row(conn, actor, id)?;
    view_of(conn, row)
}

/// One of the caller's own entries, for changing; a supervisor reading a shared entry is
/// told they cannot change it.
pub fn get_for_change(conn: &mut DbConnection, actor: &Actor, id: i32) -> AppResult<EntryView> {
    let row = visible_row(conn, actor, id)?;
    policy::require_change(
        policy::may_change_entry(actor, row.author_id),
        "Only the author can change an entry.",
    )?;
    view_of(conn, row)
}

/// Resolves case references and tag codes, naming the ones that match nothing.
fn resolve_links(
    conn: &mut DbConnection,
    actor: &Actor,
    references: &[String],
    codes: &[String],
) -> AppResult<Result<Links, FieldErrors>> {
    let mut errors = FieldErrors::new();
    let (case_ids, unknown_cases) = cases::lookup::resolve_own(conn, actor, references)?;
    if !unknown_cases.is_empty() {
        errors.add(
            "cases",
            format!("You have no case called {}.", unknown_cases.join(", ")),
        );
    }
    let (tag_ids, unknown_tags) = legislation::service::resolve_codes(conn, actor, codes)?;
    if !unknown_tags.is_empty() {
        errors.add("tags", format!("Unknown tag: {}.", unknown_tags.join(", ")));
    }
    Ok(if errors.is_empty() {
        Ok(Links { case_ids, tag_ids })
    } else {
        Err(errors)
    })
}

/// An entry's fields and its links, once both are valid; otherwise every problem of both,
/// reported together.
pub(super) fn valid_with_links(
    validated: Result<EntryInput, FieldErrors>,
    links: Result<Links, FieldErrors>,
) -> AppResult<(EntryInput, Links)> {
    match (validated, links) {
        (Ok(input), Ok(links)) => Ok((input, links)),
        (validated, links) => {
            let mut errors = validated.err().unwrap_or_default();
            for error in links.err().unwrap_or_default().iter() {
                errors.add(error.field.clone(), error.message.clone());
            }
            Err(AppError::Invalid(errors))
        }
    }
}

/// Validates a draft and resolves its links, reporting every problem at once; then runs
/// the confidentiality guard.
pub(super) fn checked(
    conn: &mut DbConnection,
    actor: &Actor,
    draft: &EntryDraft,
    acknowledgement: Acknowledgement,
    today: NaiveDate,
) -> AppResult<(EntryInput, Links, Vec<PrivacyWarning>)> {
    let trimmed = |values: &[String]| -> Vec<String> {
        values
            .iter()
            .map(|value| value.trim().to_string())
            .filter(|value| !value.is_empty())
            .collect()
    };
    let validated = validate::validate(draft, today);
    let links = resolve_links(conn, actor, &trimmed(&draft.cases), &trimmed(&draft.tags))?;
    let (input, links) = valid_with_links(validated, links)?;
    let texts = draft.texts();
    let warnings = review(
        texts.iter().map(|(field, text)| (field.as_str(), *text)),
        acknowledgement,
    )?;
    Ok((input, links, warnings))
}

fn record_sharing(
    conn: &mut DbConnection,
    actor: &Actor,
    entry_id: i32,
    detail: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    audit::record(
        conn,
        AuditRecord {
            actor_id: Some(actor.user_id),
            action: AuditAction::SharingChanged,
            subject: &format!("entry {entry_id}"),
            detail,
            ip: None,
        },
        now,
    )
}

/// Writes a checked entry with its outbox row; the caller holds the transaction.
pub(super) fn insert_new(
    conn: &mut DbConnection,
    actor: &Actor,
    input: &EntryInput,
    links: &Links,
    now: NaiveDateTime,
) -> AppResult<EntryView> {
    let id = store::insert(conn, actor.user_id, input, links, now)?;
    outbox::enqueue_new(conn, RecordType::Entry, id)?;
    if input.visibility == Visibility::Supervisor {
        record_sharing(conn, actor, id, "created shared with supervisor", now)?;
    }
    let row = store::find_row(conn, id)?.ok_or(AppError::NotFound)?;
    view_of(conn, row)
}

/// Writes a new entry for the caller.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    draft: &EntryDraft,
    acknowledgement: Acknowledgement,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<Saved<EntryView>> {
    let (mut input, links, privacy_warnings) = checked(conn, actor, draft, acknowledgement, today)?;
    // Left out (not sent empty), a new reflection's action plan comes back in a month.
    if draft.revisit_on.is_none() && input.kind == EntryKind::Reflection {
        input.revisit_on = super::revisit::default_for(input.model, today);
    }
    let record = conn.immediate_transaction(|conn| insert_new(conn, actor, &input, &links, now))?;
    Ok(Saved {
        record,
        privacy_warnings,
    })
}

/// Replaces one of the caller's entries, keeping the previous version as a revision.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i32,
    draft: &EntryDraft,
    acknowledgement: Acknowledgement,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<Saved<EntryView>> {
    let previous = get_for_change(conn, actor, id)?;
    let (input, links, privacy_warnings) = checked(conn, actor, draft, acknowledgement, today)?;
    let snapshot = serde_json::to_string(&EntryDraft::from_view(&previous))
        .map_err(|error| AppError::Internal(format!("snapshot: {error}")))?;
    let record = conn.immediate_transaction(|conn| {
        store::insert_revision(conn, id, &snapshot, now)?;
        store::update(conn, id, &input, &links, now)?;
        outbox::enqueue(conn, RecordType::Entry, id)?;
        if input.visibility != previous.visibility {
            let detail = format!(
                "{} -> {}",
                previous.visibility.as_str(),
                input.visibility.as_str()
            );
            record_sharing(conn, actor, id, &detail, now)?;
        }
        let row = store::find_row(conn, id)?.ok_or(AppError::NotFound)?;
        view_of(conn, row)
    })?;
    Ok(Saved {
        record,
        privacy_warnings,
    })
}

/// Shares one of the caller's entries with their supervisors and educators, for `purpose`
/// (recorded in the audit log); call it inside the transaction of the change that needs it.
pub fn share(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i32,
    purpose: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let entry = get_for_change(conn, actor, id)?;
    if store::share(conn, entry.id, now)? {
        record_sharing(
            conn,
            actor,
            entry.id,
            &format!("private -> supervisor ({purpose})"),
            now,
        )?;
        outbox::enqueue(conn, RecordType::Entry, entry.id)?;
    }
    Ok(())
}

/// Moves one of the caller's entries to the bin.
pub fn delete(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i32,
    now: NaiveDateTime,
) -> AppResult<()> {
    let entry = get_for_change(conn, actor, id)?;
    conn.immediate_transaction(|conn| {
        store::set_deleted(conn, entry.id, Some(now))?;
        outbox::enqueue(conn, RecordType::Entry, entry.id)
    })
}

/// Takes one of the caller's entries back out of the bin.
pub fn restore(conn: &mut DbConnection, actor: &Actor, id: i32) -> AppResult<EntryView> {
    let row = store::find_row(conn, id)?
        .filter(|row| row.deleted_at.is_some() && policy::may_change_entry(actor, row.author_id))
        .ok_or(AppError::NotFound)?;
    conn.immediate_transaction(|conn| {
        store::set_deleted(conn, row.id, None)?;
        outbox::enqueue(conn, RecordType::Entry, row.id)
    })?;
    get(conn, actor, id)
}

/// The caller's bin, after removing for good what has been there longer than [`BIN_DAYS`].
pub fn bin(
    conn: &mut DbConnection,
    actor: &Actor,
    now: NaiveDateTime,
) -> AppResult<Vec<EntryView>> {
    store::purge_binned_before(conn, now - Duration::days(BIN_DAYS))?;
    let rows = store::binned_rows(conn, actor.user_id)?;
    store::views(conn, rows)
}

/// Earlier versions of one of the caller's entries, newest first.
pub fn revisions(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i32,
) -> AppResult<(EntryView, Vec<Revision>)> {
    let entry = get_for_change(conn, actor, id)?;
    let revisions = store::revisions(conn, id)?
        .into_iter()
        .map(|(number, snapshot, replaced_at)| {
            serde_json::from_str(&snapshot)
                .map(|entry| Revision {
                    number,
                    replaced_at,
                    entry,
                })
                .map_err(|error| AppError::Internal(format!("revision {number}: {error}")))
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok((entry, revisions))
}

/// Every entry of the caller's that is not in the bin, oldest first (for export).
pub fn all_own(conn: &mut DbConnection, actor: &Actor) -> AppResult<Vec<EntryView>> {
    let mut entries = Vec::new();
    let mut cursor = None;
    loop {
        let page = list(
            conn,
            actor,
            &EntryFilter {
                cursor: cursor.take(),
                limit: MAX_PAGE,
                ..EntryFilter::default()
            },
        )?;
        entries.extend(page.entries);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    entries.reverse();
    Ok(entries)
}

/// Legislation the entry's text mentions that it is not yet tagged with.
pub fn suggested_tags(entry: &EntryView) -> Vec<String> {
    let mut texts: Vec<&str> = vec![entry.title.as_str(), entry.body.as_str()];
    texts.extend(entry.sections.iter().map(|section| section.body.as_str()));
    if let Some(cpd) = &entry.cpd {
        texts.extend([
            cpd.description.as_str(),
            cpd.learning.as_str(),
            cpd.impact.as_str(),
        ]);
    }
    legislation::service::suggest(texts)
        .into_iter()
        .filter(|code| {
            !entry
                .tags
                .iter()
                .any(|tag| tag.code.eq_ignore_ascii_case(code))
        })
        .collect()
}
