//! The preparation pack for a pair's next session, the same for supervisor and supervisee:
//! what the supervisee chose to bring, open actions, case deadlines, the wellbeing trend,
//! CPD progress and agenda items. It becomes the draft agenda of the record.

use crate::platform::db::DbConnection;
use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

use super::history::{held_sessions, next_due};
use super::model::{
    ActionDraft, ActionReviewDraft, ActionStatus, CaseDiscussionDraft, SessionDraft,
};
use super::pair::{self, Pair};
use super::store;
use super::view::{self, ActionView};
use crate::deadlines::disclosed::{self, DisclosedDeadline};
use crate::deadlines::engine::DeadlineStatus;
use crate::deadlines::timescales::Timescales;
use crate::error::{AppError, AppResult};
use crate::journal::cpd::{self, CpdCounts};
use crate::journal::model::EntryView;
use crate::journal::projection::{self as journal_store, ListQuery};
use crate::platform::auth::Actor;
use crate::platform::policy;

/// Weeks of moods the trend covers.
const MOOD_WEEKS: u64 = 12;
/// Deadlines due within this many days are "upcoming".
const UPCOMING_DAYS: u64 = 30;

/// One week's average mood on shared entries.
#[derive(Debug, Clone, PartialEq)]
pub struct MoodWeek {
    /// Monday of the week.
    pub week_of: NaiveDate,
    /// Average mood, 1 to 5.
    pub average: f64,
    /// Entries with a mood that week.
    pub entries: usize,
}

/// Everything to prepare one session.
#[derive(Debug, Clone)]
pub struct Pack {
    /// The pair.
    pub pair: Pair,
    /// The last session held (what "since" means).
    pub since: Option<NaiveDate>,
    /// When the next session is due.
    pub due: Option<NaiveDate>,
    /// Shared entries flagged for supervision since the last session.
    pub flagged: Vec<EntryView>,
    /// Open actions from earlier sessions, late ones first.
    pub open_actions: Vec<ActionView>,
    /// The supervisee's overdue and upcoming deadlines, as disclosed to a supervisor.
    pub deadlines: Vec<DisclosedDeadline>,
    /// Cases discussed at the last session.
    pub last_cases: Vec<String>,
    /// Weekly average mood on shared entries.
    pub moods: Vec<MoodWeek>,
    /// The supervisee's CPD this registration year, as counts: the records themselves stay
    /// private to the supervisee.
    pub cpd: CpdCounts,
    /// Items either of them added for the agenda.
    pub agenda_items: Vec<(i32, String)>,
}

/// The text of a brought entry as Markdown: its body, then each written section of a
/// structured reflection under its stage name (a structured reflection's text is all in
/// its sections).
pub fn brought_text(entry: &EntryView) -> String {
    let mut text = entry.body.trim().to_string();
    for section in entry
        .sections
        .iter()
        .filter(|section| !section.body.trim().is_empty())
    {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&format!(
            "#### {}\n\n{}",
            section.title,
            section.body.trim()
        ));
    }
    text
}

/// The pack for the pair the actor forms with `other`.
pub fn pack(
    conn: &mut DbConnection,
    actor: &Actor,
    other: &str,
    timescales: &Timescales,
    today: NaiveDate,
) -> AppResult<Pack> {
    let pair = pair::with(conn, actor, other)?;
    let parties = pair.parties;
    let sessions = store::sessions(conn, parties)?;
    let held = held_sessions(&sessions, today);
    let since = held.last().map(|session| session.held_on);
    let agreement = store::agreement(conn, parties)?;
    let due = next_due(agreement.as_ref(), since);
    let supervisees_shared = policy::scope_of(conn, actor)?
        .shared_entries_of(parties.supervisee)
        .ok_or(AppError::NotFound)?;
    let shared = |from: Option<NaiveDate>, flagged: bool, limit: i64| ListQuery {
        authors: supervisees_shared.clone(),
        kind: None,
        case_id: None,
        tag_ids: Vec::new(),
        from,
        to: None,
        for_supervision: flagged,
        after: None,
        limit,
    };
    let rows = journal_store::list_rows(conn, &shared(since, true, 100))?;
    let flagged = journal_store::views(conn, rows)?;
    let ids: Vec<i32> = sessions.iter().map(|session| session.id).collect();
    let actions = store::actions_of_sessions(conn, &ids)?;
    let mut open_actions: Vec<ActionView> = view::action_views(conn, actions, today)?
        .into_iter()
        .filter(|action| action.status == ActionStatus::Open)
        .collect();
    open_actions.sort_by_key(|action| (!action.overdue, action.due_on));
    let horizon = today
        .checked_add_days(Days::new(UPCOMING_DAYS))
        .unwrap_or(today);
    let mut upcoming =
        disclosed::open_deadlines_of(conn, actor, parties.supervisee, timescales, today)?;
    upcoming.retain(|item| item.status == DeadlineStatus::Overdue || item.due_on <= horizon);
    let last_cases = match held.last() {
        Some(last) => store::case_discussions(conn, last.id)?
            .into_iter()
            .map(|case| case.case_reference)
            .collect(),
        None => Vec::new(),
    };
    let mood_from = today
        .checked_sub_days(Days::new(MOOD_WEEKS * 7))
        .unwrap_or(today);
    let rows = journal_store::list_rows(conn, &shared(Some(mood_from), false, 1000))?;
    let moods = mood_weeks(&rows);
    Ok(Pack {
        cpd: cpd::counts_of(conn, parties.supervisee, today)?,
        agenda_items: store::open_agenda_items(conn, parties)?,
        pair,
        since,
        due,
        flagged,
        open_actions,
        deadlines: upcoming,
        last_cases,
        moods,
    })
}

fn mood_weeks(rows: &[crate::journal::model::EntryRow]) -> Vec<MoodWeek> {
    let mut weeks: BTreeMap<NaiveDate, (i32, usize)> = BTreeMap::new();
    for row in rows {
        if let Some(mood) = row.mood {
            let monday = row.occurred_on
                - chrono::Duration::days(i64::from(
                    row.occurred_on.weekday().num_days_from_monday(),
                ));
            let week = weeks.entry(monday).or_default();
            week.0 += mood;
            week.1 += 1;
        }
    }
    weeks
        .into_iter()
        .map(|(week_of, (sum, entries))| MoodWeek {
            week_of,
            average: f64::from(sum) / entries as f64,
            entries,
        })
        .collect()
}

/// A first draft of the record from the pack: the agenda lists what was brought, open
/// actions are up for review (carried forward unless changed), cases with deadlines are
/// ready to discuss.
pub fn draft_from(pack: &Pack, today: NaiveDate) -> SessionDraft {
    let mut agenda = Vec::new();
    for (_, item) in &pack.agenda_items {
        agenda.push(format!("- {item}"));
    }
    for entry in &pack.flagged {
        agenda.push(format!(
            "- {} ({})",
            entry.title,
            entry.occurred_on.format("%d %b")
        ));
    }
    let mut references: Vec<String> = pack
        .deadlines
        .iter()
        .map(|item| item.reference.clone())
        .collect();
    references.extend(pack.last_cases.iter().cloned());
    references.dedup();
    let mut seen = Vec::new();
    references.retain(|reference| {
        let new = !seen.contains(reference);
        seen.push(reference.clone());
        new
    });
    SessionDraft {
        // Records are mostly written on the day or after it, rarely ahead: today, not the
        // next due date.
        held_on: Some(today.to_string()),
        agenda: Some(agenda.join("\n")),
        case_discussions: references
            .into_iter()
            .map(|reference| CaseDiscussionDraft {
                case_reference: Some(reference),
                ..CaseDiscussionDraft::default()
            })
            .collect(),
        action_reviews: pack
            .open_actions
            .iter()
            .map(|action| ActionReviewDraft {
                action_id: action.id,
                outcome: Some("carried_forward".into()),
                reason: None,
            })
            .collect(),
        actions: vec![ActionDraft::default()],
        ..SessionDraft::default()
    }
}
