//! One entry as a Markdown document (with its details at the top) and its file name, for
//! the Markdown layout of the personal export (`crate::export`).

use super::model::EntryView;
use crate::legislation::service::topic_code;

/// One entry as a Markdown document.
pub fn to_markdown(entry: &EntryView) -> String {
    let mut text = format!("# {}\n\n", entry.title);
    let mut detail = |label: &str, value: String| {
        if !value.is_empty() {
            text.push_str(&format!("- **{label}:** {value}\n"));
        }
    };
    detail("Kind", entry.kind.label().to_string());
    let when = match entry.occurred_at {
        Some(time) => format!("{} {}", entry.occurred_on, time.format("%H:%M")),
        None => entry.occurred_on.to_string(),
    };
    detail("Date", when);
    detail(
        "Model",
        entry
            .model
            .map(|model| model.label().to_string())
            .unwrap_or_default(),
    );
    detail(
        "Cases",
        entry
            .cases
            .iter()
            .map(|case| case.reference.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    );
    detail(
        "Tags",
        entry
            .tags
            .iter()
            .map(|tag| tag.code.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    );
    detail(
        "Mood",
        entry
            .mood
            .map(|mood| format!("{mood}/5"))
            .unwrap_or_default(),
    );
    detail("Shared", entry.visibility.label().to_string());
    detail(
        "Revisit on",
        entry
            .revisit_on
            .map(|on| on.to_string())
            .unwrap_or_default(),
    );
    text.push('\n');
    if !entry.body.trim().is_empty() {
        text.push_str(entry.body.trim_end());
        text.push_str("\n\n");
    }
    for section in &entry.sections {
        text.push_str(&format!(
            "## {}\n\n{}\n\n",
            section.title,
            section.body.trim_end()
        ));
    }
    if let Some(cpd) = &entry.cpd {
        text.push_str(&format!(
            "## CPD record\n\n- **Activity:** {}\n- **Hours:** {}\n\n### Description and relevance\n\n{}\n\n### What I learnt\n\n{}\n\n### Impact on practice and people\n\n{}\n\n",
            cpd.activity_type, cpd.hours, cpd.description, cpd.learning, cpd.impact
        ));
        if let (Some(role), Some(reflection)) = (&cpd.peer_role, &cpd.peer_reflection) {
            text.push_str(&format!("### Peer reflection ({role})\n\n{reflection}\n\n"));
        }
    }
    text
}

/// The file name of an entry inside the zip: date, id and a slug of the title.
pub fn file_name(entry: &EntryView) -> String {
    let slug: String = topic_code(&entry.title).chars().take(50).collect();
    format!(
        "{}-{}-{}.md",
        entry.occurred_on,
        entry.id,
        slug.trim_end_matches('-')
    )
}
