//! The parts of the placement's signed documents (the learning agreement, the mid-point
//! review and the final report), their labels, and who writes each: once both have signed,
//! a part is amended only by the person who writes it.

use super::access::Access;
use crate::error::{AppError, AppResult};
use crate::platform::policy::PlacementCapabilities;

/// The learning agreement's name in amendments.
pub const AGREEMENT: &str = "agreement";

/// Who writes a part of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    /// The student or the practice educator (the learning agreement).
    Either,
    /// The practice educator (a review's assessment, plan and recommendation).
    Educator,
    /// The student (their comment on a review).
    Student,
}

/// One part of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentPart {
    /// Its field name (in amendments and the API).
    pub field: &'static str,
    /// Its label.
    pub label: &'static str,
    /// Who writes it.
    pub writer: Writer,
}

const fn part(field: &'static str, label: &'static str, writer: Writer) -> DocumentPart {
    DocumentPart {
        field,
        label,
        writer,
    }
}

/// The learning agreement's parts.
pub const AGREEMENT_PARTS: [DocumentPart; 3] = [
    part("goals", "Learning goals", Writer::Either),
    part(
        "support",
        "Support and supervision arrangements",
        Writer::Either,
    ),
    part("expectations", "Expectations", Writer::Either),
];

/// The mid-point review's parts.
pub const MIDPOINT_PARTS: [DocumentPart; 4] = [
    part("progress", "Progress and assessment", Writer::Educator),
    part("concerns", "Concerns", Writer::Educator),
    part("plan", "Plan to the end", Writer::Educator),
    part("student_comment", "Student's comment", Writer::Student),
];

/// The final report's parts.
pub const FINAL_PARTS: [DocumentPart; 5] = [
    part("progress", "Progress and assessment", Writer::Educator),
    part("concerns", "Concerns", Writer::Educator),
    part("recommendation", "Recommendation", Writer::Educator),
    part("reasons", "Reasons", Writer::Educator),
    part("student_comment", "Student's comment", Writer::Student),
];

/// The parts of a document by its name (`agreement`, `midpoint`, `final`); none for any
/// other name.
pub fn parts_of(document: &str) -> &'static [DocumentPart] {
    match document {
        AGREEMENT => &AGREEMENT_PARTS,
        "midpoint" => &MIDPOINT_PARTS,
        "final" => &FINAL_PARTS,
        _ => &[],
    }
}

/// One part of a document, if it has it.
pub fn part_of(document: &str, field: &str) -> Option<DocumentPart> {
    parts_of(document)
        .iter()
        .copied()
        .find(|part| part.field == field)
}

/// A part's label, or the field name for a part no document has.
pub fn label_of(document: &str, field: &str) -> String {
    part_of(document, field).map_or_else(|| field.to_string(), |part| part.label.to_string())
}

impl DocumentPart {
    /// Whether the asker writes this part (and so may amend it).
    pub fn written_by(&self, can: PlacementCapabilities) -> bool {
        match self.writer {
            Writer::Either => can.signs(),
            Writer::Educator => can.writes_feedback(),
            Writer::Student => can.changes_details(),
        }
    }

    /// Refuses an amendment by someone who does not write this part.
    pub fn require_writer(&self, access: &Access) -> AppResult<()> {
        if self.written_by(access.can) {
            return Ok(());
        }
        Err(AppError::Forbidden(match self.writer {
            Writer::Student => "Only the student amends their own comment.".into(),
            _ => format!(
                "Only the practice educator amends the {}; you can amend your own comment to give your view.",
                self.label.to_lowercase()
            ),
        }))
    }
}
