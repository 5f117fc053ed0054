//! The entry list with its filters, and the list of entries shared with the viewer.

use askama::Template;
use rocket::http::Status;
use rocket::{FromForm, get};

use crate::cases::model::Case;
use crate::error::FieldErrors;
use crate::journal::model::{EntryKind, EntryView};
use crate::journal::service::{self, EntryFilter};
use crate::platform::auth::Viewer;
use crate::platform::db::Database;
use crate::platform::input::{parse_date, trimmed};
use crate::platform::markdown;
use crate::platform::web::{Layout, Page, PageResult, Section};
use crate::{cases, legislation};

/// Entries per page of the list.
const PAGE_SIZE: i64 = 25;

/// The list's filters, as typed into the query string.
#[derive(Debug, Clone, Default, FromForm)]
pub struct ListParams {
    kind: Option<String>,
    case: Option<String>,
    tag: Option<String>,
    from: Option<String>,
    to: Option<String>,
    view: Option<String>,
    cursor: Option<String>,
}

impl ListParams {
    fn shared(&self) -> bool {
        self.view.as_deref() == Some("shared")
    }

    /// The query string for the next page, keeping the filters.
    fn next_page(&self, cursor: &str) -> String {
        let mut parts = Vec::new();
        for (name, value) in [
            ("kind", &self.kind),
            ("case", &self.case),
            ("tag", &self.tag),
            ("from", &self.from),
            ("to", &self.to),
            ("view", &self.view),
        ] {
            if let Some(value) = trimmed(value.as_deref()) {
                parts.push(format!(
                    "{name}={}",
                    rocket::http::RawStr::new(&value).percent_encode()
                ));
            }
        }
        parts.push(format!("cursor={cursor}"));
        format!("/entries?{}", parts.join("&"))
    }

    fn filter(&self) -> Result<EntryFilter, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = trimmed(self.kind.as_deref()).and_then(|text| {
            EntryKind::parse(&text).or_else(|| {
                errors.add("kind", "Choose diary, reflection or CPD.");
                None
            })
        });
        let from =
            trimmed(self.from.as_deref()).and_then(|text| parse_date("from", &text, &mut errors));
        let to = trimmed(self.to.as_deref()).and_then(|text| parse_date("to", &text, &mut errors));
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            errors.add("to", "The end date is before the start date.");
        }
        let filter = EntryFilter {
            kind,
            case: trimmed(self.case.as_deref()),
            tags: trimmed(self.tag.as_deref()).into_iter().collect(),
            from,
            to,
            shared: self.shared(),
            for_supervision: false,
            cursor: trimmed(self.cursor.as_deref()),
            limit: PAGE_SIZE,
        };
        errors.into_result(filter).map_err(|error| match error {
            crate::error::AppError::Invalid(errors) => errors,
            _ => FieldErrors::new(),
        })
    }
}

/// An entry as one row of a list.
#[derive(Debug, Clone)]
pub struct EntrySummary {
    /// The entry.
    pub entry: EntryView,
    /// The first words of its text.
    pub excerpt: String,
}

impl EntrySummary {
    /// Summarises an entry.
    pub fn new(entry: EntryView) -> Self {
        let mut text = markdown::plain_text(&entry.body);
        if text.is_empty() {
            text = entry
                .sections
                .first()
                .map(|section| markdown::plain_text(&section.body))
                .unwrap_or_default();
        }
        let mut excerpt: String = text.chars().take(200).collect();
        if text.chars().count() > 200 {
            excerpt.push('…');
        }
        Self { entry, excerpt }
    }
}

#[derive(Template)]
#[template(path = "journal/list.html")]
struct ListPage {
    layout: Layout,
    params: ListParams,
    shared: bool,
    entries: Vec<EntrySummary>,
    next: Option<String>,
    errors: FieldErrors,
    kinds: &'static [EntryKind],
    cases: Vec<Case>,
    tags: Vec<(String, String)>,
}

#[get("/entries?<params..>")]
async fn list_entries(params: ListParams, viewer: Viewer, db: &Database) -> PageResult {
    let actor = viewer.actor.clone();
    let (cases, tags) = db
        .run(move |conn| {
            Ok((
                cases::service::list(conn, &actor, None)?,
                legislation::service::list(conn, &actor, None, None)?,
            ))
        })
        .await?;
    let tags = tags.into_iter().map(|tag| (tag.code, tag.title)).collect();
    let outcome = match params.filter() {
        Ok(filter) => {
            let actor = viewer.actor.clone();
            db.run(move |conn| service::list(conn, &actor, &filter))
                .await
                .map_err(|error| match error {
                    crate::error::AppError::Invalid(errors) => Ok(errors),
                    other => Err(other),
                })
        }
        Err(errors) => Err(Ok(errors)),
    };
    let (entries, next, errors) = match outcome {
        Ok(page) => (
            page.entries.into_iter().map(EntrySummary::new).collect(),
            page.next_cursor.map(|cursor| params.next_page(&cursor)),
            FieldErrors::new(),
        ),
        Err(Ok(errors)) => (Vec::new(), None, errors),
        Err(Err(other)) => return Err(other.into()),
    };
    let shared = params.shared();
    let title = if shared {
        "Shared with you"
    } else {
        "Your journal"
    };
    let status = if errors.is_empty() {
        Status::Ok
    } else {
        Status::UnprocessableEntity
    };
    let page = ListPage {
        layout: Layout::signed_in(&viewer, title, Section::Journal),
        params,
        shared,
        entries,
        next,
        errors,
        kinds: EntryKind::ALL,
        cases,
        tags,
    };
    Ok(Page::render_with(status, &page)?)
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![list_entries]
}
