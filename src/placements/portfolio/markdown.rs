//! The portfolio as one Markdown document, for download.

use chrono::NaiveDate;

use super::*;
/// The portfolio as Markdown, generated today.
pub fn to_markdown(view: &PlacementView) -> String {
    to_markdown_on(view, clock::today())
}

/// The portfolio as Markdown, saying it was generated on `generated`.
pub fn to_markdown_on(view: &PlacementView, generated: NaiveDate) -> String {
    let mut text = format!("# Placement portfolio: {}\n\n", view.student.name);
    front_sheet(&mut text, view, generated);
    agreement(&mut text, view);
    day_log(&mut text, view);
    evidence(&mut text, view);
    observations(&mut text, view);
    reviews(&mut text, view);
    while text.ends_with("\n\n") {
        text.pop();
    }
    text
}

/// Text written as Markdown, or a placeholder in italics when empty.
fn block(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        format!("_{NOTHING_WRITTEN}_")
    } else {
        text.to_string()
    }
}

/// Text indented to continue a list item.
fn indented(text: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    text.trim()
        .lines()
        .map(|line| {
            if line.trim().is_empty() {
                String::new()
            } else {
                format!("{pad}{line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text as a block quote.
fn quoted(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return "> _(empty)_".into();
    }
    text.lines()
        .map(|line| {
            if line.trim().is_empty() {
                ">".to_string()
            } else {
                format!("> {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn front_sheet(text: &mut String, view: &PlacementView, generated: NaiveDate) {
    let placement = &view.placement;
    let days = &view.days;
    let level = placement.level();
    text.push_str("## Front sheet\n\n");
    let mut lines = vec![
        ("Student", view.student.name.clone()),
        ("Practice educator", view.educator.name.clone()),
        (
            "On-site supervisor",
            view.onsite_supervisor
                .as_ref()
                .map_or_else(|| "None".to_string(), |person| person.name.clone()),
        ),
        ("Setting", one_line(&placement.setting)),
        ("Team", one_line(&placement.team)),
        ("Level", level.label().to_string()),
        ("Days required", number(placement.required_days)),
        (
            "Dates",
            format!(
                "{} to {} (expected end)",
                date(placement.starts_on),
                date(placement.expected_end_on)
            ),
        ),
        (
            "Days done",
            format!(
                "{} of {} ({}%), {} to go",
                number(days.done),
                number(days.required),
                days.percent,
                number(days.remaining)
            ),
        ),
    ];
    if let Some(end) = days.projected_end {
        lines.push((
            if days.remaining > 0.0 {
                "Projected end"
            } else {
                "Last day"
            },
            date(end),
        ));
    }
    lines.extend([
        ("Hours logged", number(view.hours)),
        ("Absences", days.absences.to_string()),
        (
            "Direct observations",
            format!(
                "{} of {} required",
                view.observations_done(),
                view.observations_required
            ),
        ),
        ("Generated", date(generated)),
    ]);
    for (label, value) in lines {
        text.push_str(&format!("- **{label}:** {value}\n"));
    }
    text.push('\n');
}

fn amendments(text: &mut String, list: &[&AmendmentView], heading: &str) {
    if list.is_empty() {
        return;
    }
    text.push_str(&format!("{heading} Amendments after signing\n\n"));
    for amendment in list {
        let row = &amendment.row;
        text.push_str(&format!(
            "{heading}# {}: amended by {} on {}\n\n**Why:** {}\n\nWas:\n\n{}\n\nNow:\n\n{}\n\n",
            amendment.field_label,
            amendment.author,
            moment(row.created_at),
            one_line(&row.reason),
            quoted(&row.previous_text),
            quoted(&row.new_text)
        ));
    }
}

fn sign_off(text: &mut String, heading: &str, signatures: &[Signature]) {
    text.push_str(&format!("{heading} Signatures\n\n"));
    for signature in signatures {
        text.push_str(&format!("- {}\n", signature_line(signature)));
    }
    text.push('\n');
}

fn agreement(text: &mut String, view: &PlacementView) {
    text.push_str("## Learning agreement\n\n");
    let Some(agreement) = &view.agreement else {
        text.push_str("No learning agreement has been written yet.\n\n");
        return;
    };
    text.push_str(if agreement.locked() {
        "Signed by both, so locked: the sections read as now in force, with every later amendment listed below with who made it, when and why.\n\n"
    } else {
        "A draft: not yet signed by both.\n\n"
    });
    for part in agreement_parts(view) {
        let marker = if part.amended { " (amended)" } else { "" };
        text.push_str(&format!(
            "### {}{marker}\n\n{}\n\n",
            part.label,
            block(&part.text)
        ));
    }
    sign_off(
        text,
        "###",
        &signatures(
            view,
            agreement.student_signed_at,
            agreement.educator_signed_at,
        ),
    );
    amendments(text, &view.amendments_of(AGREEMENT), "###");
}

fn day_log(text: &mut String, view: &PlacementView) {
    let days = &view.days;
    text.push_str("## Day log summary\n\n");
    text.push_str(&format!(
        "- **Days done:** {} of {} ({}%), {} to go\n- **Days logged:** {}\n- **Hours logged:** {}\n- **Absences:** {}\n",
        number(days.done),
        number(days.required),
        days.percent,
        number(days.remaining),
        view.day_log.len(),
        number(view.hours),
        days.absences
    ));
    if let Some(end) = days.projected_end {
        if days.remaining > 0.0 {
            text.push_str(&format!(
                "- **Projected end:** {} at the current pace (working days only)\n",
                date(end)
            ));
        } else {
            text.push_str(&format!(
                "- **All days done;** the last was {}\n",
                date(end)
            ));
        }
    }
    text.push('\n');
    if view.day_log.is_empty() {
        text.push_str("No days logged yet.\n\n");
        return;
    }
    text.push_str("| Date | Portion | Hours | Activities | Absence reason |\n| --- | --- | ---: | --- | --- |\n");
    for row in days_oldest_first(view) {
        text.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            date(row.day),
            row.portion().label(),
            number(row.hours),
            table_cell(&activities_summary(&row.activities)),
            row.absence_reason
                .as_deref()
                .filter(|reason| !reason.trim().is_empty())
                .map_or_else(String::new, table_cell)
        ));
    }
    text.push('\n');
}

fn evidence(text: &mut String, view: &PlacementView) {
    text.push_str("## Evidence index by PCF domain\n\n");
    let index = evidence_index(view);
    let gaps: Vec<&str> = index
        .iter()
        .filter(|domain| domain.is_gap())
        .map(|domain| domain.code)
        .collect();
    text.push_str(&if gaps.is_empty() {
        format!("Every one of the {} domains has evidence.\n\n", index.len())
    } else {
        format!(
            "{} of {} domains have evidence. No evidence yet for {}.\n\n",
            index.len() - gaps.len(),
            index.len(),
            gaps.join(", ")
        )
    });
    for domain in &index {
        text.push_str(&format!("### {} {}\n\n", domain.code, domain.title));
        if domain.is_gap() {
            text.push_str("No evidence yet.\n\n");
            continue;
        }
        text.push_str(&format!("{}.\n\n", domain.summary()));
        for link in &domain.links {
            text.push_str(&format!(
                "- **{}: {}** (linked {})\n\n",
                date(link.entry.occurred_on),
                one_line(&link.entry.title),
                date(link.row.created_at.date())
            ));
            if !link.row.note.trim().is_empty() {
                text.push_str(&format!("{}\n\n", indented(&link.row.note, 2)));
            }
            for comment in &link.comments {
                text.push_str(&format!(
                    "  Practice educator's comment, by {} on {}:\n\n{}\n\n",
                    comment.author,
                    moment(comment.created_at),
                    indented(&quoted(&comment.body), 2)
                ));
            }
        }
        for observation in &domain.observations {
            text.push_str(&format!(
                "- **{}: direct observation by {}** (see Direct observations)\n\n",
                date(observation.observed_on),
                one_line(&observation.observer)
            ));
        }
    }
}

fn observations(text: &mut String, view: &PlacementView) {
    text.push_str("## Direct observations\n\n");
    text.push_str(&format!(
        "{} of {} required.\n\n",
        view.observations_done(),
        view.observations_required
    ));
    if view.observations.is_empty() {
        text.push_str("No direct observations recorded yet.\n\n");
        return;
    }
    for (index, observation) in view.observations.iter().enumerate() {
        text.push_str(&format!(
            "### Observation {}: {}\n\n- **Observer:** {}\n- **PCF domains:** {}\n\n#### What was observed\n\n{}\n\n#### Student's reflection\n\n{}\n\n#### Feedback\n\n{}\n\n",
            index + 1,
            date(observation.observed_on),
            one_line(&observation.observer),
            observation_domain_labels(view, observation),
            block(&observation.observed),
            block(&observation.reflection),
            block(&observation.feedback)
        ));
    }
}

fn reviews(text: &mut String, view: &PlacementView) {
    text.push_str("## Reviews\n\n");
    if !view.reads_reviews() {
        text.push_str("The reviews are between the student and the practice educator, so this copy does not include them.\n\n");
        return;
    }
    for stage in [Stage::Midpoint, Stage::Final] {
        text.push_str(&format!("### {}\n\n", stage.label()));
        let Some(review) = view.review(stage) else {
            text.push_str("Not drafted yet.\n\n");
            continue;
        };
        text.push_str(if review.locked() {
            "Signed by both, so locked: later changes are listed as amendments.\n\n"
        } else {
            "A draft: not yet signed by both.\n\n"
        });
        for part in review_parts(view, review) {
            let marker = if part.amended { " (amended)" } else { "" };
            text.push_str(&format!(
                "#### {}{marker}\n\n{}\n\n",
                part.label,
                block(&part.text)
            ));
        }
        sign_off(
            text,
            "####",
            &signatures(view, review.student_signed_at, review.educator_signed_at),
        );
        amendments(text, &view.amendments_of(stage.as_str()), "####");
    }
}
