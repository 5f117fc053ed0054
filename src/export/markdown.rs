//! The export as a portfolio of Markdown files in a zip: an index, one file per entry, a
//! CPD summary, one file per case, the supervision agreement and records of each pair, and
//! each placement's portfolio, and the read-only copies imported from another Praxis.

use std::io::{Cursor, Write};

use chrono::NaiveDate;
use serde::Serialize;
use zip::write::SimpleFileOptions;

use super::PersonalExport;
use super::cases::ExportedCase;
use super::placements::ExportedPlacement;
use crate::error::{AppError, AppResult};
use crate::journal::export as journal_markdown;
use crate::legislation::service::topic_code;
use crate::placements::portfolio;
use crate::platform::clock;
use crate::supervision::export as supervision_markdown;

/// The folder every file sits in.
const ROOT: &str = "praxis-export";

/// The export as a zip of Markdown files.
pub fn to_zip(export: &PersonalExport, today: NaiveDate) -> AppResult<Vec<u8>> {
    let mut files: Vec<(String, String)> = vec![("README.md".into(), index(export))];
    for exported in &export.entries {
        let mut text = journal_markdown::to_markdown(&exported.view);
        if !exported.revisions.is_empty() {
            text.push_str("## Earlier versions\n\n");
            for revision in &exported.revisions {
                text.push_str(&format!(
                    "- Version {}, replaced on {}\n",
                    revision.number,
                    clock::local(revision.replaced_at).format("%d %B %Y at %H:%M")
                ));
            }
            text.push('\n');
        }
        files.push((
            format!("journal/{}", journal_markdown::file_name(&exported.view)),
            text,
        ));
    }
    if !export.cpd_records.is_empty() {
        files.push(("cpd.md".into(), cpd(export)));
    }
    for case in &export.cases {
        files.push((
            format!("cases/{}.md", slug(&case.case.reference)),
            case_markdown(case),
        ));
    }
    for pair in &export.supervision {
        let folder = format!(
            "supervision/{}-{}",
            slug(&pair.supervisor),
            slug(&pair.supervisee)
        );
        if let Some(agreement) = &pair.agreement {
            files.push((
                format!("{folder}/agreement.md"),
                document("Supervision agreement", agreement),
            ));
        }
        for view in &pair.views {
            files.push((
                format!("{folder}/{}-record-{}.md", view.row.held_on, view.row.id),
                supervision_markdown::to_markdown(view),
            ));
        }
    }
    for placement in &export.placements {
        let (name, text) = match placement {
            ExportedPlacement::Student { view, .. } => (
                format!("{}-{}", view.placement.id, slug(&view.placement.setting)),
                portfolio::to_markdown_on(view, today),
            ),
            ExportedPlacement::Educator {
                placement,
                agreement,
                reviews,
            } => {
                let mut text = document("Placement", placement);
                if let Some(agreement) = agreement {
                    text.push_str(
                        &document("Learning agreement", agreement).replacen('#', "##", 1),
                    );
                }
                for review in reviews {
                    text.push_str(&document("Review", review).replacen('#', "##", 1));
                }
                (
                    format!("{}-{}", placement.id, slug(&placement.setting)),
                    text,
                )
            }
            ExportedPlacement::OnsiteSupervisor { placement } => (
                format!("{}-{}", placement.id, slug(&placement.setting)),
                document("Placement", placement),
            ),
        };
        files.push((format!("placements/{name}.md"), text));
    }
    for copy in &export.imported_records {
        let dated = copy
            .occurred_on
            .map(|day| day.to_string())
            .unwrap_or_else(|| "undated".into());
        files.push((
            format!("imported/{dated}-{}-{}.md", copy.id, slug(&copy.title)),
            format!(
                "# {}\n\n_Imported from another Praxis on {}; read-only._\n\n{}",
                copy.title,
                clock::local(copy.imported_at).format("%d %B %Y"),
                copy.body
            ),
        ));
    }
    write_zip(&files)
}

fn write_zip(files: &[(String, String)]) -> AppResult<Vec<u8>> {
    let fault = |error: &dyn std::fmt::Display| AppError::Internal(format!("export zip: {error}"));
    let mut archive = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    for (name, text) in files {
        archive
            .start_file(format!("{ROOT}/{name}"), options)
            .map_err(|error| fault(&error))?;
        archive.write_all(text.as_bytes())?;
    }
    let cursor = archive.finish().map_err(|error| fault(&error))?;
    Ok(cursor.into_inner())
}

/// A name safe in a path: lower case words joined by hyphens.
fn slug(text: &str) -> String {
    let slug: String = topic_code(text).chars().take(50).collect();
    if slug.is_empty() {
        "untitled".into()
    } else {
        slug
    }
}

fn index(export: &PersonalExport) -> String {
    let person = &export.person;
    let mut text = format!(
        "# Praxis export: {}\n\n- **Username:** {}\n- **Role:** {}\n- **Exported:** {}\n- **Format version:** {}\n\n",
        person.display_name,
        person.username,
        person.role,
        clock::local(export.exported_at).format("%d %B %Y at %H:%M %Z"),
        export.format_version
    );
    text.push_str("## Contents\n\n");
    for (folder, count, what) in [
        ("journal/", export.entries.len(), "journal entries"),
        ("cpd.md", export.cpd_records.len(), "CPD records"),
        ("cases/", export.cases.len(), "cases"),
        (
            "supervision/",
            export.supervision.len(),
            "supervision pairs",
        ),
        ("placements/", export.placements.len(), "placements"),
        (
            "imported/",
            export.imported_records.len(),
            "read-only copies imported from another Praxis",
        ),
    ] {
        text.push_str(&format!("- `{folder}`: {count} {what}\n"));
    }
    if !export.topics.is_empty() {
        text.push_str("\n## Your topics\n\n");
        for topic in &export.topics {
            text.push_str(&format!(
                "- **{}** (`{}`) {}\n",
                topic.title, topic.code, topic.summary
            ));
        }
    }
    text.push_str(&format!(
        "\n## Calendar feed\n\n{}\n",
        match export.calendar_feed.live_since {
            Some(since) => format!(
                "A feed address has been live since {} (the address itself is not exported).",
                clock::local(since).format("%d %B %Y")
            ),
            None => "No feed address is live.".to_string(),
        }
    ));
    text
}

fn cpd(export: &PersonalExport) -> String {
    let mut text = String::from(
        "# CPD records\n\n| Date | Title | Activity | Hours | Registration year ends | Peer reflection |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for record in &export.cpd_records {
        text.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            record.occurred_on,
            record.title.replace('|', "/"),
            record.record.activity_type.replace('|', "/"),
            record.record.hours,
            record.registration_year_ends,
            if record.record.peer_reflection.is_some() {
                "yes"
            } else {
                "no"
            }
        ));
    }
    text
}

fn case_markdown(case: &ExportedCase) -> String {
    let details = &case.case;
    let mut text = format!(
        "# Case {}\n\n- **Status:** {:?}\n- **Opened:** {}\n",
        details.reference, details.status, details.opened_on
    );
    if let Some(closed) = details.closed_on {
        text.push_str(&format!("- **Closed:** {closed}\n"));
    }
    if let Some(label) = &details.label {
        text.push_str(&format!("- **Label:** {label}\n"));
    }
    text.push_str("\n## Events\n\n");
    for event in &case.events {
        text.push_str(&format!(
            "- {}: {}{}\n",
            event.occurred_on,
            event.kind,
            event
                .label
                .as_deref()
                .map(|label| format!(" ({label})"))
                .unwrap_or_default()
        ));
    }
    text.push_str("\n## Deadlines\n\n| Due | What | Status | Met |\n| --- | --- | --- | --- |\n");
    for deadline in &case.deadlines {
        text.push_str(&format!(
            "| {} | {} | {:?} | {} |\n",
            deadline.due_on,
            deadline.title.replace('|', "/"),
            deadline.status,
            deadline
                .met_on
                .map(|day| day.to_string())
                .unwrap_or_default()
        ));
    }
    text
}

/// Any exported document as Markdown: a heading, then each field of its JSON form, short
/// ones as a list and text as sections. Used where a slice has no Markdown layout of its own.
pub fn document(title: &str, value: &impl Serialize) -> String {
    let mut text = format!("# {title}\n\n");
    let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(value) else {
        return text;
    };
    let mut sections = String::new();
    for (name, field) in &fields {
        let label = name.replace('_', " ");
        match field {
            serde_json::Value::String(body) if body.contains('\n') || body.len() > 80 => {
                sections.push_str(&format!("## {label}\n\n{}\n\n", body.trim_end()));
            }
            serde_json::Value::String(value) => text.push_str(&format!("- **{label}:** {value}\n")),
            serde_json::Value::Null => {}
            serde_json::Value::Array(items) if items.is_empty() => {}
            serde_json::Value::Array(_) | serde_json::Value::Object(_) => {
                sections.push_str(&format!(
                    "## {label}\n\n```json\n{}\n```\n\n",
                    serde_json::to_string_pretty(field).unwrap_or_default()
                ))
            }
            other => text.push_str(&format!("- **{label}:** {other}\n")),
        }
    }
    text.push('\n');
    text.push_str(&sections);
    text
}
