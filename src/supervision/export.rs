//! A supervision record as a Markdown document: the record as it now stands, the original
//! text of every amended part, both signatures and the comments.

use super::model::functions_from_text;
use super::view::SessionView;
use crate::platform::clock;

fn functions_line(stored: &str) -> String {
    let names: Vec<&str> = functions_from_text(stored)
        .into_iter()
        .map(|f| f.label())
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        format!("_Functions: {}_\n\n", names.join(", "))
    }
}

/// The record as Markdown.
pub fn to_markdown(record: &SessionView) -> String {
    let row = &record.row;
    let pair = &record.pair;
    let mut text = format!(
        "# Supervision record, {}\n\n- **Supervisor:** {}\n- **Supervisee:** {}\n- **Type:** {}\n- **Length:** {} minutes\n",
        row.held_on.format("%A %d %B %Y"),
        pair.supervisor_name,
        pair.supervisee_name,
        row.session_type().label(),
        row.duration_minutes
    );
    if let Some(time) = row.starts_at {
        text.push_str(&format!("- **Started:** {}\n", time.format("%H:%M")));
    }
    let attendees = record.current("attendees");
    if !attendees.trim().is_empty() {
        text.push_str(&format!("- **Attendees:** {}\n", attendees.trim()));
    }
    text.push('\n');
    for (field, heading, current, _) in record.parts() {
        let stored = match field {
            "agenda" => &row.agenda_functions,
            "workload" => &row.workload_functions,
            "wellbeing" => &row.wellbeing_functions,
            _ => &row.development_functions,
        };
        text.push_str(&format!(
            "## {heading}\n\n{}\n\n{}",
            current.trim(),
            functions_line(stored)
        ));
    }
    if !record.reviews.is_empty() {
        text.push_str("## Review of previous actions\n\n");
        for review in &record.reviews {
            text.push_str(&format!(
                "- {} ({}): {}{}\n",
                review.action.description,
                review.action.owner_name,
                review.outcome.label(),
                if review.reason.is_empty() {
                    String::new()
                } else {
                    format!(" because {}", review.reason)
                }
            ));
        }
        text.push('\n');
    }
    for case in &record.cases {
        text.push_str(&format!("## Case {}\n\n", case.case_reference));
        for (part, label) in [
            ("update", "Update"),
            ("risks", "Risks"),
            ("strengths", "Strengths"),
            ("decision", "Decision and reasons"),
        ] {
            text.push_str(&format!(
                "**{label}:** {}\n\n",
                record.current(&format!("case:{}:{part}", case.id)).trim()
            ));
        }
        text.push_str(&functions_line(&case.functions));
    }
    if !record.actions.is_empty() {
        text.push_str(
            "## Actions\n\n| Action | Owner | Due | Status |\n| --- | --- | --- | --- |\n",
        );
        for action in &record.actions {
            text.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                action.description.replace('|', "/"),
                action.owner_name,
                action.due_on,
                action.status.label()
            ));
        }
        text.push('\n');
    }
    if let Some(next) = row.next_session_on {
        text.push_str(&format!(
            "**Next session:** {}\n\n",
            next.format("%A %d %B %Y")
        ));
    }
    text.push_str("## Sign-off\n\n");
    for (name, signed) in [
        (&pair.supervisor_name, row.supervisor_signed_at),
        (&pair.supervisee_name, row.supervisee_signed_at),
    ] {
        match signed {
            Some(at) => text.push_str(&format!(
                "- Signed by {name} on {}\n",
                clock::local(at).format("%d %B %Y at %H:%M %Z")
            )),
            None => text.push_str(&format!("- Not yet signed by {name}\n")),
        }
    }
    if !record.amendments.is_empty() {
        text.push_str("\n## Amendments after sign-off\n\n");
        for amendment in &record.amendments {
            text.push_str(&format!(
                "### {} by {} on {}\n\nReason: {}\n\nWas:\n\n> {}\n\nNow:\n\n> {}\n\n",
                amendment.field_label,
                amendment.author,
                clock::local(amendment.created_at).format("%d %B %Y at %H:%M %Z"),
                amendment.reason,
                amendment.previous_text.trim().replace('\n', "\n> "),
                amendment.new_text.trim().replace('\n', "\n> ")
            ));
        }
    }
    if !record.comments.is_empty() {
        text.push_str("\n## Comments\n\n");
        for comment in &record.comments {
            let kind = if comment.disagrees {
                " (disagrees with the record)"
            } else {
                ""
            };
            text.push_str(&format!(
                "- {}{kind}, {}: {}\n",
                comment.author_name,
                clock::local(comment.created_at).format("%d %B %Y %H:%M %Z"),
                comment.body.trim()
            ));
        }
    }
    text
}
