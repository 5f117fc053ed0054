//! A pair's history against the agreed frequency, the balance of the 4x4x4 functions, how
//! actions were completed, and a supervisor's overview of everyone they supervise.

use crate::platform::db::DbConnection;
use chrono::NaiveDate;

use super::chart::{self, ActionTimeliness, Chart, SessionBalance};
use super::model::{ActionStatus, Agreement, Function, SessionRow, functions_from_text};
use super::pair::{self, Pair};
use super::schedule;
use super::store;
use super::view::{self, ActionView};
use crate::error::AppResult;
use crate::platform::auth::Actor;

/// Sessions the charts cover.
pub const CHART_SESSIONS: usize = 8;

/// Sessions that have taken place (drafts for later dates are left out).
pub fn held_sessions(sessions: &[SessionRow], today: NaiveDate) -> Vec<&SessionRow> {
    sessions
        .iter()
        .filter(|session| session.held_on <= today)
        .collect()
}

/// When the next session is due, from the agreement and the last session held.
pub fn next_due(agreement: Option<&Agreement>, last_held: Option<NaiveDate>) -> Option<NaiveDate> {
    schedule::next_due(
        agreement.map(|agreement| (agreement.frequency(), agreement.starts_on)),
        last_held,
    )
}

/// One session in the history, with when it was due.
#[derive(Debug, Clone)]
pub struct SessionLine {
    /// The record.
    pub session: SessionRow,
    /// When it was due by the agreement, if there was one.
    pub due: Option<NaiveDate>,
    /// Days after the due date it was held.
    pub days_late: i64,
}

/// A pair's history page.
#[derive(Debug, Clone)]
pub struct PairHistory {
    /// The pair.
    pub pair: Pair,
    /// The agreement.
    pub agreement: Option<Agreement>,
    /// Sessions, newest first.
    pub sessions: Vec<SessionLine>,
    /// When the next is due.
    pub next_due: Option<NaiveDate>,
    /// It is past due.
    pub overdue: bool,
    /// The 4x4x4 balance over the last sessions.
    pub balance: Chart,
    /// Percentages of each function over those sessions.
    pub balance_summary: Vec<(&'static str, u32)>,
    /// How actions from the last sessions were completed.
    pub timeliness: Chart,
    /// All the pair's actions, late first.
    pub actions: Vec<ActionView>,
}

/// Items of a record per function: each text part and case discussion counts once for each
/// function it was tagged with.
pub fn balance_of(session: &SessionRow, cases: &[super::model::CaseDiscussion]) -> SessionBalance {
    let mut tags: Vec<Function> = Vec::new();
    for functions in [
        &session.agenda_functions,
        &session.workload_functions,
        &session.wellbeing_functions,
        &session.development_functions,
    ] {
        tags.extend(functions_from_text(functions));
    }
    for case in cases {
        tags.extend(functions_from_text(&case.functions));
    }
    let count = |function: Function| {
        u32::try_from(tags.iter().filter(|tag| **tag == function).count()).unwrap_or(u32::MAX)
    };
    SessionBalance {
        label: session.held_on.format("%d %b").to_string(),
        management: count(Function::Management),
        development: count(Function::Development),
        support: count(Function::Support),
        mediation: count(Function::Mediation),
    }
}

/// How a session's actions fared by `today`.
pub fn timeliness_of(
    session: &SessionRow,
    actions: &[ActionView],
    today: NaiveDate,
) -> ActionTimeliness {
    let mine: Vec<&ActionView> = actions
        .iter()
        .filter(|action| action.session_id == session.id)
        .collect();
    let count = |test: &dyn Fn(&ActionView) -> bool| {
        u32::try_from(mine.iter().filter(|a| test(a)).count()).unwrap_or(u32::MAX)
    };
    ActionTimeliness {
        label: session.held_on.format("%d %b").to_string(),
        on_time: count(&|a| {
            a.status == ActionStatus::Done && a.completed_on.is_some_and(|done| done <= a.due_on)
        }),
        late: count(&|a| {
            a.status == ActionStatus::Done && a.completed_on.is_some_and(|done| done > a.due_on)
        }),
        overdue: count(&|a| a.status == ActionStatus::Open && a.due_on < today),
        open: count(&|a| a.status == ActionStatus::Open && a.due_on >= today),
    }
}

/// The history of the pair the actor forms with `other`.
pub fn history(
    conn: &mut DbConnection,
    actor: &Actor,
    other: &str,
    today: NaiveDate,
) -> AppResult<PairHistory> {
    let pair = pair::with(conn, actor, other)?;
    let agreement = store::agreement(conn, pair.parties)?;
    let sessions = store::sessions(conn, pair.parties)?;
    let ids: Vec<i32> = sessions.iter().map(|session| session.id).collect();
    let rows = store::actions_of_sessions(conn, &ids)?;
    let mut actions = view::action_views(conn, rows, today)?;
    let held = held_sessions(&sessions, today);
    let recent = &held[held.len().saturating_sub(CHART_SESSIONS)..];
    let mut balances = Vec::new();
    for session in recent {
        let cases = store::case_discussions(conn, session.id)?;
        balances.push(balance_of(session, &cases));
    }
    let timeliness: Vec<ActionTimeliness> = recent
        .iter()
        .map(|session| timeliness_of(session, &actions, today))
        .collect();
    let mut lines = Vec::new();
    let mut previous: Option<NaiveDate> = None;
    for session in &sessions {
        let due = next_due(agreement.as_ref(), previous);
        let days_late = due.map_or(0, |due| schedule::days_late(due, session.held_on));
        lines.push(SessionLine {
            session: session.clone(),
            due,
            days_late,
        });
        if session.held_on <= today {
            previous = Some(session.held_on);
        }
    }
    lines.reverse();
    let next = next_due(
        agreement.as_ref(),
        held.last().map(|session| session.held_on),
    );
    actions.sort_by_key(|action| {
        (
            !action.overdue,
            action.status != ActionStatus::Open,
            action.due_on,
        )
    });
    Ok(PairHistory {
        balance: chart::balance_chart("balance", &balances),
        balance_summary: chart::balance_summary(&balances),
        timeliness: chart::actions_chart("actions", &timeliness),
        overdue: next.is_some_and(|due| due < today),
        next_due: next,
        sessions: lines,
        actions,
        agreement,
        pair,
    })
}

/// One pair on the overview.
#[derive(Debug, Clone)]
pub struct OverviewLine {
    /// The pair.
    pub pair: Pair,
    /// The last session held.
    pub last_held: Option<NaiveDate>,
    /// When the next is due.
    pub next_due: Option<NaiveDate>,
    /// Past due.
    pub overdue: bool,
    /// Open actions.
    pub open_actions: usize,
    /// Open actions past their due date.
    pub overdue_actions: usize,
    /// Records not yet signed by both.
    pub unsigned: usize,
    /// There is an agreement signed by both.
    pub agreed: bool,
}

/// Every pair the actor is in, with where it stands.
pub fn overview(
    conn: &mut DbConnection,
    actor: &Actor,
    today: NaiveDate,
) -> AppResult<Vec<OverviewLine>> {
    let mut lines = Vec::new();
    for pair in pair::all_of(conn, actor)? {
        let agreement = store::agreement(conn, pair.parties)?;
        let sessions = store::sessions(conn, pair.parties)?;
        let held = held_sessions(&sessions, today);
        let last_held = held.last().map(|session| session.held_on);
        let next = next_due(agreement.as_ref(), last_held);
        let ids: Vec<i32> = sessions.iter().map(|session| session.id).collect();
        let actions = store::actions_of_sessions(conn, &ids)?;
        lines.push(OverviewLine {
            open_actions: actions
                .iter()
                .filter(|action| action.status() == ActionStatus::Open)
                .count(),
            overdue_actions: actions
                .iter()
                .filter(|action| action.overdue(today))
                .count(),
            unsigned: sessions.iter().filter(|session| !session.locked()).count(),
            agreed: agreement.as_ref().is_some_and(Agreement::signed_by_both),
            overdue: next.is_some_and(|due| due < today),
            next_due: next,
            last_held,
            pair,
        });
    }
    Ok(lines)
}
