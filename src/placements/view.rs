//! A placement put together for one reader: people, days against the target, the coverage
//! matrix, evidence with comments, observations, the agreement, reviews and amendments.
//! The page, the API and the portfolio all read this.

use crate::platform::db::DbConnection;
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::access::{self, Access};
use super::model::{
    DayRow, EvidenceRow, LearningAgreement, Observation, Placement, PlacementAmendment, ReviewRow,
    Stage,
};
use super::progress::{self, DayCount, DomainCoverage, Piece};
use super::store::{self, EntryLine};
use crate::accounts::directory;
use crate::deadlines::calendar::WorkingCalendar;
use crate::error::AppResult;
use crate::platform::auth::Actor;
use crate::platform::policy::{self, PlacementCapabilities, PlacementRole, Scope};

/// A person on the placement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// Username.
    pub username: String,
    /// Display name.
    pub name: String,
}

/// An entry linked to the placement, as the reader may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryLink {
    /// Entry id.
    pub id: i32,
    /// Its title, or a placeholder when the reader may no longer read it.
    pub title: String,
    /// Its date.
    pub occurred_on: NaiveDate,
    /// Whether the reader may open it.
    pub readable: bool,
}

/// A day in the log with the entries about it the reader may see.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayLine {
    /// The day.
    pub row: DayRow,
    /// Its entries.
    pub entries: Vec<EntryLink>,
}

/// A comment with its author's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommentView {
    /// Who.
    pub author: String,
    /// What.
    pub body: String,
    /// When.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub created_at: NaiveDateTime,
}

/// An evidence link with its entry and comments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceView {
    /// The link.
    pub row: EvidenceRow,
    /// The entry.
    pub entry: EntryLink,
    /// Comments, oldest first.
    pub comments: Vec<CommentView>,
}

/// An amendment with its author's name and the document's and field's labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AmendmentView {
    /// The amendment.
    pub row: PlacementAmendment,
    /// Who made it.
    pub author: String,
    /// The field's label.
    pub field_label: String,
}

/// Everything about a placement one reader may see.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacementView {
    /// The placement.
    pub placement: Placement,
    /// The reader's part in it.
    #[serde(skip)]
    pub role: PlacementRole,
    /// What the reader may do with it, from the policy.
    #[serde(skip)]
    pub can: PlacementCapabilities,
    /// The student.
    pub student: Person,
    /// The practice educator.
    pub educator: Person,
    /// The on-site supervisor.
    pub onsite_supervisor: Option<Person>,
    /// Days done against required, with the projection.
    pub days: DayCount,
    /// The day log, latest first.
    pub day_log: Vec<DayLine>,
    /// Hours logged.
    pub hours: f64,
    /// The coverage matrix, PCF-1 to PCF-9.
    pub coverage: Vec<DomainCoverage>,
    /// Evidence links, by domain.
    pub evidence: Vec<EvidenceView>,
    /// Observations, oldest first.
    pub observations: Vec<Observation>,
    /// Observations required at this level.
    pub observations_required: usize,
    /// The learning agreement.
    pub agreement: Option<LearningAgreement>,
    /// Reviews (not shown to an on-site supervisor).
    pub reviews: Vec<ReviewRow>,
    /// Amendments to signed documents the reader may see.
    pub amendments: Vec<AmendmentView>,
}

impl PlacementView {
    /// Whether the reader is the student.
    pub fn is_student(&self) -> bool {
        self.can.changes_details()
    }

    /// Whether the reader is the practice educator.
    pub fn is_educator(&self) -> bool {
        self.can.writes_feedback()
    }

    /// Whether the reader may read reviews.
    pub fn reads_reviews(&self) -> bool {
        self.can.reads_reviews()
    }

    /// The review of a stage, if drafted.
    pub fn review(&self, stage: Stage) -> Option<&ReviewRow> {
        self.reviews.iter().find(|row| row.stage() == stage)
    }

    /// Observations done (may exceed the number required).
    pub fn observations_done(&self) -> usize {
        self.observations.len()
    }

    /// Domains with no evidence yet.
    pub fn gaps(&self) -> Vec<&DomainCoverage> {
        self.coverage
            .iter()
            .filter(|domain| domain.count == 0)
            .collect()
    }

    /// Amendments to one document.
    pub fn amendments_of(&self, document: &str) -> Vec<&AmendmentView> {
        self.amendments
            .iter()
            .filter(|amendment| amendment.row.document == document)
            .collect()
    }

    /// A document field's current text (the latest amendment's, or as signed).
    pub fn current(&self, document: &str, field: &str, signed: &str) -> String {
        let rows = self.amendments.iter().map(|view| &view.row);
        super::documents::current_text(rows, document, field, signed)
    }
}

fn person(names: &[(i32, String, String)], id: i32) -> Person {
    names.iter().find(|(user, _, _)| *user == id).map_or_else(
        || Person {
            username: String::new(),
            name: "(removed user)".into(),
        },
        |(_, username, name)| Person {
            username: username.clone(),
            name: name.clone(),
        },
    )
}

fn entry_link(scope: &Scope, line: EntryLine) -> EntryLink {
    let (id, title, occurred_on, _kind, visibility, author_id) = line;
    let readable = scope.may_read_entry(author_id, visibility == "supervisor");
    EntryLink {
        id,
        title: if readable {
            title
        } else {
            "An entry the student keeps private".into()
        },
        occurred_on,
        readable,
    }
}

/// Puts a placement together for the asker.
pub fn assemble(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i32,
    today: NaiveDate,
) -> AppResult<PlacementView> {
    let access = access::open(conn, actor, id)?;
    assemble_for(conn, actor, access, today)
}

/// Puts an opened placement together for the asker.
pub fn assemble_for(
    conn: &mut DbConnection,
    actor: &Actor,
    access: Access,
    today: NaiveDate,
) -> AppResult<PlacementView> {
    let Access { placement, can } = access;
    let role = can.role();
    let scope = policy::scope_of(conn, actor)?;
    let mut ids = vec![placement.student_id, placement.educator_id];
    ids.extend(placement.onsite_supervisor_id);
    let comments = store::comments(conn, placement.id)?;
    let amendment_rows = store::amendments(conn, placement.id)?;
    ids.extend(comments.iter().map(|comment| comment.author_id));
    ids.extend(amendment_rows.iter().map(|row| row.author_id));
    let names = directory::names(conn, &ids)?;
    let days = store::days(conn, placement.id)?;
    let mut day_entries = store::day_entries(conn, placement.id)?;
    let day_log: Vec<DayLine> = days
        .iter()
        .map(|row| DayLine {
            row: row.clone(),
            entries: day_entries
                .extract_if(.., |(day_id, _)| *day_id == row.id)
                .map(|(_, line)| entry_link(&scope, line))
                .filter(|link| link.readable)
                .collect(),
        })
        .collect();
    let count = progress::count_days(
        &placement,
        &days,
        &WorkingCalendar::england_and_wales(),
        today,
    );
    let evidence: Vec<EvidenceView> = store::evidence(conn, placement.id)?
        .into_iter()
        .map(|(row, line)| EvidenceView {
            comments: comments
                .iter()
                .filter(|comment| comment.evidence_id == row.id)
                .map(|comment| CommentView {
                    author: person(&names, comment.author_id).name,
                    body: comment.body.clone(),
                    created_at: comment.created_at,
                })
                .collect(),
            entry: entry_link(&scope, line),
            row,
        })
        .collect();
    let observations = store::observations(conn, placement.id)?;
    let mut pieces: Vec<Piece> = evidence
        .iter()
        .map(|view| {
            (
                view.row.domain.clone(),
                view.entry.occurred_on,
                view.entry.title.clone(),
                view.entry.readable.then_some(view.entry.id),
            )
        })
        .collect();
    for observation in &observations {
        for domain in observation.domains.split_whitespace() {
            pieces.push((
                domain.to_string(),
                observation.observed_on,
                format!("Direct observation: {}", observation.observer),
                None,
            ));
        }
    }
    let coverage = progress::coverage(&store::pcf_domains(conn)?, &pieces);
    let reads_reviews = can.reads_reviews();
    let reviews = if reads_reviews {
        store::reviews(conn, placement.id)?
    } else {
        Vec::new()
    };
    let amendments = amendment_rows
        .into_iter()
        .filter(|row| reads_reviews || row.document == super::documents::AGREEMENT)
        .map(|row| AmendmentView {
            author: person(&names, row.author_id).name,
            field_label: super::parts::label_of(&row.document, &row.field),
            row,
        })
        .collect();
    Ok(PlacementView {
        student: person(&names, placement.student_id),
        educator: person(&names, placement.educator_id),
        onsite_supervisor: placement.onsite_supervisor_id.map(|id| person(&names, id)),
        hours: days.iter().fold(0.0, |total, day| total + day.hours),
        days: count,
        day_log,
        coverage,
        evidence,
        observations_required: placement.observations_required(),
        observations,
        agreement: store::agreement(conn, placement.id)?,
        reviews,
        amendments,
        role,
        can,
        placement,
    })
}
