//! The confidentiality guard's findings as forms list them.

use crate::platform::privacy::PrivacyWarning;

/// A confidentiality finding as the form lists it.
#[derive(Debug, Clone)]
pub struct FindingLine {
    /// Where: "Body, line 3".
    pub place: String,
    /// What: "a UK phone number".
    pub what: &'static str,
    /// The text found.
    pub found: String,
}

/// Readable lines for the guard's findings.
pub fn finding_lines(warnings: &[PrivacyWarning]) -> Vec<FindingLine> {
    warnings
        .iter()
        .map(|warning| FindingLine {
            place: format!("{}, line {}", field_label(&warning.field), warning.line),
            what: warning.kind.label(),
            found: warning.found.clone(),
        })
        .collect()
}

fn field_label(field: &str) -> String {
    let name = field.rsplit('.').next().unwrap_or(field).replace('_', " ");
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name,
    }
}
