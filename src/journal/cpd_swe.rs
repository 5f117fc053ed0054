//! A registration year's CPD records laid out in the order Social Work England's online form
//! asks for them, ready to copy field by field: as a page, as plain text and as CSV.

use super::model::EntryView;

/// One field of a record, as the form asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SweField {
    /// A key for anchors and CSV headings.
    pub key: &'static str,
    /// What the form asks.
    pub label: &'static str,
    /// The record's answer, as written (Markdown reads as plain text).
    pub text: String,
}

/// One record's fields, in the form's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SweRecord {
    /// The entry's id.
    pub entry_id: i32,
    /// The fields, in the form's order.
    pub fields: Vec<SweField>,
}

/// The form's questions in its order: the kind of activity, what it was and why it was
/// relevant, when, what was learnt, its impact, then the optional peer reflection. The title
/// and hours are the person's own aids, so they come first and last.
const ORDER: &[(&str, &str)] = &[
    ("title", "Title"),
    ("activity", "Type of CPD activity"),
    (
        "description",
        "Description of the activity and why it was relevant",
    ),
    ("date", "Date of the activity"),
    ("learning", "What did you learn?"),
    (
        "impact",
        "What impact has it had on your practice and on people who use services?",
    ),
    ("peer_role", "Peer reflection: the peer's role"),
    ("peer_reflection", "Peer reflection: what you discussed"),
    ("hours", "Hours"),
];

/// The record's fields in the form's order; `None` for an entry that is not a CPD record.
pub fn layout(entry: &EntryView) -> Option<SweRecord> {
    let cpd = entry.cpd.as_ref()?;
    let answer = |key: &str| -> String {
        match key {
            "title" => entry.title.clone(),
            "activity" => cpd.activity_type.clone(),
            "description" => cpd.description.clone(),
            "date" => entry.occurred_on.format("%d/%m/%Y").to_string(),
            "learning" => cpd.learning.clone(),
            "impact" => cpd.impact.clone(),
            "peer_role" => cpd.peer_role.clone().unwrap_or_default(),
            "peer_reflection" => cpd.peer_reflection.clone().unwrap_or_default(),
            _ => cpd.hours.to_string(),
        }
    };
    Some(SweRecord {
        entry_id: entry.id,
        fields: ORDER
            .iter()
            .map(|(key, label)| SweField {
                key,
                label,
                text: answer(key),
            })
            .collect(),
    })
}

/// Every record as plain text: each field's question, then its answer, records apart.
pub fn to_text(heading: &str, records: &[SweRecord]) -> String {
    let mut text = format!("{heading}\n\n");
    for (number, record) in records.iter().enumerate() {
        text.push_str(&format!("Record {}\n\n", number + 1));
        for field in &record.fields {
            text.push_str(&format!("{}\n{}\n\n", field.label, field.text.trim_end()));
        }
    }
    text
}

/// One CSV cell, quoted; a cell a spreadsheet would run as a formula starts with `'`.
fn cell(text: &str) -> String {
    let safe = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    format!("\"{}\"", safe.replace('"', "\"\""))
}

/// Every record as CSV: a heading row of the form's questions, then one row per record.
pub fn to_csv(records: &[SweRecord]) -> String {
    let mut csv = ORDER
        .iter()
        .map(|(_, label)| cell(label))
        .collect::<Vec<_>>()
        .join(",");
    csv.push_str("\r\n");
    for record in records {
        let row: Vec<String> = record.fields.iter().map(|f| cell(&f.text)).collect();
        csv.push_str(&row.join(","));
        csv.push_str("\r\n");
    }
    csv
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_never_run_as_formulas() {
        assert_eq!(cell("plain"), "\"plain\"");
        assert_eq!(cell("said \"no\""), "\"said \"\"no\"\"\"");
        assert_eq!(cell("=SUM(A1)"), "\"'=SUM(A1)\"");
        assert_eq!(cell("- a list item"), "\"'- a list item\"");
        assert_eq!(cell("a,b\nc"), "\"a,b\nc\"");
    }
}
