//! The student's placement portfolio as one document: a front sheet, the learning agreement
//! as in force, the day log summary, the evidence index by PCF domain, the direct
//! observations and the reviews. [`to_markdown`] writes the download; the printable page
//! reads the same pieces through the helpers here, so both say the same thing.

use chrono::{NaiveDate, NaiveDateTime};

use super::model::{DayRow, Observation, Recommendation, ReviewRow, Stage};
use super::parts::{AGREEMENT, AGREEMENT_PARTS, DocumentPart, part_of};
use super::view::{AmendmentView, EvidenceView, PlacementView};
use crate::platform::clock;

mod markdown;

pub use markdown::{to_markdown, to_markdown_on};

/// The longest activities summary in the day log table, in characters.
pub const ACTIVITIES_CHARS: usize = 120;

/// What a part of a document says when nothing is written.
pub const NOTHING_WRITTEN: &str = "Nothing written.";

/// A date as the portfolio writes it: `2 March 2026`.
pub fn date(day: NaiveDate) -> String {
    day.format("%-d %B %Y").to_string()
}

/// A stored (UTC) time as the portfolio writes it, in the service's zone:
/// `2 March 2026 at 14:05 GMT`.
pub fn moment(at: NaiveDateTime) -> String {
    crate::platform::clock::local(at)
        .format("%-d %B %Y at %H:%M %Z")
        .to_string()
}

/// A number of days or hours without needless decimals: `70`, `12.5`, `7.25`.
pub fn number(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.to_string()
    }
}

/// `1 absence`, `2 absences`.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// Text on one line: runs of white space (line breaks included) become one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The day's activities on one line, cut at a word near [`ACTIVITIES_CHARS`] with an
/// ellipsis when longer.
pub fn activities_summary(text: &str) -> String {
    let line = one_line(text);
    if line.chars().count() <= ACTIVITIES_CHARS {
        return line;
    }
    let cut: String = line.chars().take(ACTIVITIES_CHARS).collect();
    // Back up to the last space when it is not too far back, so no word is cut in half.
    let cut = match cut.rfind(' ') {
        Some(space) if space >= ACTIVITIES_CHARS / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:.-–—".contains(c))
    )
}

/// Text made safe for a Markdown table cell: one line, with `|` (and the backslash that
/// could otherwise escape it) escaped so it cannot end the cell.
pub fn table_cell(text: &str) -> String {
    one_line(text).replace('\\', "\\\\").replace('|', "\\|")
}

/// A PCF domain's code and title (`PCF-1 Professionalism`), or the code when unknown.
pub fn domain_label(view: &PlacementView, code: &str) -> String {
    view.coverage
        .iter()
        .find(|domain| domain.code == code)
        .map_or_else(
            || code.to_string(),
            |domain| format!("{} {}", domain.code, domain.title),
        )
}

/// The codes of the domains an observation evidences (stored separated by spaces; commas
/// are accepted too).
pub fn observation_domains(observation: &Observation) -> Vec<&str> {
    observation
        .domains
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|code| !code.is_empty())
        .collect()
}

/// The domains an observation evidences, labelled, or `None given`.
pub fn observation_domain_labels(view: &PlacementView, observation: &Observation) -> String {
    let labels: Vec<String> = observation_domains(observation)
        .into_iter()
        .map(|code| domain_label(view, code))
        .collect();
    if labels.is_empty() {
        "None given".into()
    } else {
        labels.join(", ")
    }
}

/// The day log, oldest first.
pub fn days_oldest_first(view: &PlacementView) -> Vec<&DayRow> {
    let mut days: Vec<&DayRow> = view.day_log.iter().map(|line| &line.row).collect();
    days.sort_by_key(|row| (row.day, row.id));
    days
}

/// One part of a signed document as it is now in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The field's name (`goals`, `progress`, ... or `recommendation`).
    pub field: &'static str,
    /// Its heading.
    pub label: &'static str,
    /// The text in force: the latest amendment's, or as written.
    pub text: String,
    /// Whether it has been amended since both signed.
    pub amended: bool,
}

fn part(
    view: &PlacementView,
    document: &str,
    (field, label): (&'static str, &'static str),
    written: &str,
) -> Part {
    Part {
        field,
        label,
        text: view.current(document, field, written),
        amended: view
            .amendments_of(document)
            .iter()
            .any(|amendment| amendment.row.field == field),
    }
}

/// The learning agreement's three sections as in force (none without an agreement).
pub fn agreement_parts(view: &PlacementView) -> Vec<Part> {
    let Some(agreement) = &view.agreement else {
        return Vec::new();
    };
    AGREEMENT_PARTS
        .into_iter()
        .map(|DocumentPart { field, label, .. }| {
            let written = match field {
                "goals" => &agreement.goals,
                "support" => &agreement.support,
                _ => &agreement.expectations,
            };
            part(view, AGREEMENT, (field, label), written)
        })
        .collect()
}

/// A review's parts as in force, in reading order. The mid-point review has its plan; the
/// final report its recommendation (shown by its label) and reasons; a part only the other
/// stage has is shown when something is written in it.
pub fn review_parts(view: &PlacementView, review: &ReviewRow) -> Vec<Part> {
    let stage = review.stage();
    let document = stage.as_str();
    let other = match stage {
        Stage::Midpoint => Stage::Final,
        Stage::Final => Stage::Midpoint,
    };
    let recommendation = review.recommendation.clone().unwrap_or_default();
    let mut parts = Vec::new();
    for field in REVIEW_ORDER {
        let written = match field {
            "progress" => &review.progress,
            "concerns" => &review.concerns,
            "plan" => &review.plan,
            "recommendation" => &recommendation,
            "reasons" => &review.reasons,
            _ => &review.student_comment,
        };
        let (label, needed) = match (part_of(document, field), part_of(other.as_str(), field)) {
            (Some(own), _) => (own.label, true),
            (None, Some(theirs)) => (theirs.label, false),
            (None, None) => continue,
        };
        let mut shown = part(view, document, (field, label), written);
        if field == "recommendation" && !needed {
            continue;
        } else if field == "recommendation" {
            shown.text = Recommendation::parse(&shown.text)
                .map_or("Not made yet.", Recommendation::label)
                .to_string();
        } else if !needed && shown.text.trim().is_empty() {
            continue;
        }
        parts.push(shown);
    }
    parts
}

/// Every part a review can have, in reading order.
const REVIEW_ORDER: [&str; 6] = [
    "progress",
    "concerns",
    "plan",
    "recommendation",
    "reasons",
    "student_comment",
];

/// A signature line: the role, the person's name and when they signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// `Student` or `Practice educator`.
    pub role: &'static str,
    /// Their name.
    pub name: String,
    /// When they signed, if they have.
    pub signed_at: Option<NaiveDateTime>,
}

/// The student's and the practice educator's signatures on a document.
pub fn signatures(
    view: &PlacementView,
    student_signed_at: Option<NaiveDateTime>,
    educator_signed_at: Option<NaiveDateTime>,
) -> Vec<Signature> {
    vec![
        Signature {
            role: "Student",
            name: view.student.name.clone(),
            signed_at: student_signed_at,
        },
        Signature {
            role: "Practice educator",
            name: view.educator.name.clone(),
            signed_at: educator_signed_at,
        },
    ]
}

/// A signature as a sentence: `Student, Alex Doe: signed 3 March 2026 at 10:00 GMT`.
pub fn signature_line(signature: &Signature) -> String {
    format!(
        "{}, {}: {}",
        signature.role,
        signature.name,
        signature.signed_at.map_or_else(
            || "not yet signed".to_string(),
            |at| format!("signed {}", moment(at))
        )
    )
}

/// The evidence of one PCF domain: entries linked to it and observations of it.
#[derive(Debug, Clone, PartialEq)]
pub struct DomainIndex<'a> {
    /// `PCF-1`..`PCF-9`.
    pub code: &'a str,
    /// The domain's name.
    pub title: &'a str,
    /// Pieces of evidence (links and observations).
    pub count: usize,
    /// Entries linked to the domain.
    pub links: Vec<&'a EvidenceView>,
    /// Direct observations that evidence it.
    pub observations: Vec<&'a Observation>,
}

impl DomainIndex<'_> {
    /// Whether nothing evidences the domain yet.
    pub fn is_gap(&self) -> bool {
        self.links.is_empty() && self.observations.is_empty()
    }

    /// The kinds of evidence, leaving out a kind there is none of: `1 linked entry, 1 direct
    /// observation`, `2 linked entries`, or `No evidence yet`.
    pub fn kinds(&self) -> String {
        let mut kinds = Vec::new();
        if !self.links.is_empty() {
            kinds.push(plural(self.links.len(), "linked entry", "linked entries"));
        }
        if !self.observations.is_empty() {
            kinds.push(plural(
                self.observations.len(),
                "direct observation",
                "direct observations",
            ));
        }
        if kinds.is_empty() {
            "No evidence yet".into()
        } else {
            kinds.join(", ")
        }
    }

    /// `2 pieces: 1 linked entry, 1 direct observation`, or `No evidence yet`.
    pub fn summary(&self) -> String {
        if self.is_gap() {
            return "No evidence yet".into();
        }
        format!(
            "{}: {}",
            plural(self.count, "piece", "pieces"),
            self.kinds()
        )
    }
}

/// Every PCF domain in order with its evidence.
pub fn evidence_index(view: &PlacementView) -> Vec<DomainIndex<'_>> {
    view.coverage
        .iter()
        .map(|domain| {
            let links: Vec<&EvidenceView> = view
                .evidence
                .iter()
                .filter(|evidence| evidence.row.domain == domain.code)
                .collect();
            let observations: Vec<&Observation> = view
                .observations
                .iter()
                .filter(|observation| observation_domains(observation).contains(&&*domain.code))
                .collect();
            DomainIndex {
                code: &domain.code,
                title: &domain.title,
                count: domain.count.max(links.len() + observations.len()),
                links,
                observations,
            }
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests;
