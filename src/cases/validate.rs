//! Checking a case draft: every problem is named against its field.

use chrono::NaiveDate;

use super::model::{AbuseCategory, CaseCategory, CaseDraft, CaseInput, CaseStatus};
use crate::error::FieldErrors;
use crate::platform::input::{check_length, parse_date, trimmed};

/// Longest reference.
pub const MAX_REFERENCE_CHARS: usize = 30;
/// Longest label.
pub const MAX_LABEL_CHARS: usize = 120;

/// Checks a draft; `today` bounds the dates.
pub fn validate(draft: &CaseDraft, today: NaiveDate) -> Result<CaseInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    let reference = trimmed(draft.reference.as_deref()).unwrap_or_default();
    if reference.is_empty() {
        errors.add(
            "reference",
            "Give the case a reference, such as FAM-017 or Child B.",
        );
    } else if reference.chars().count() > MAX_REFERENCE_CHARS {
        errors.add(
            "reference",
            format!("Use at most {MAX_REFERENCE_CHARS} characters."),
        );
    } else if !reference
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '/'))
    {
        errors.add("reference", "Use letters, digits, spaces and - _ . / only.");
    }
    let label = trimmed(draft.label.as_deref());
    if let Some(label) = &label {
        check_length("label", label, MAX_LABEL_CHARS, &mut errors);
    }
    let category = match trimmed(draft.category.as_deref()) {
        None => {
            errors.add("category", "Choose a category.");
            None
        }
        Some(text) => CaseCategory::parse(&text).or_else(|| {
            errors.add(
                "category",
                format!(
                    "Unknown category {text:?}; use one of {}.",
                    CaseCategory::names()
                ),
            );
            None
        }),
    };
    let abuse = |field: &str, value: &Option<String>, errors: &mut FieldErrors| {
        trimmed(value.as_deref()).and_then(|text| {
            AbuseCategory::parse(&text).or_else(|| {
                errors.add(
                    field,
                    format!(
                        "Unknown category {text:?}; use one of {}.",
                        AbuseCategory::names()
                    ),
                );
                None
            })
        })
    };
    let cp_primary = abuse("cp_primary", &draft.cp_primary, &mut errors);
    let cp_secondary = abuse("cp_secondary", &draft.cp_secondary, &mut errors);
    if category != Some(CaseCategory::ChildProtection)
        && (cp_primary.is_some() || cp_secondary.is_some())
    {
        errors.add(
            "cp_primary",
            "Abuse categories belong to child protection cases only.",
        );
    }
    if cp_secondary.is_some() && cp_primary.is_none() {
        errors.add("cp_secondary", "Give the primary category first.");
    }
    if cp_secondary.is_some() && cp_secondary == cp_primary {
        errors.add(
            "cp_secondary",
            "The secondary category must differ from the primary.",
        );
    }
    let status = match trimmed(draft.status.as_deref()) {
        None => Some(CaseStatus::Open),
        Some(text) => CaseStatus::parse(&text).or_else(|| {
            errors.add("status", "Use open or closed.");
            None
        }),
    };
    let opened_on = match trimmed(draft.opened_on.as_deref()) {
        None => Some(today),
        Some(text) => parse_date("opened_on", &text, &mut errors),
    };
    let closed_on = trimmed(draft.closed_on.as_deref())
        .and_then(|text| parse_date("closed_on", &text, &mut errors));
    check_dates(opened_on, closed_on, status, today, &mut errors);
    match (category, status, opened_on) {
        (Some(category), Some(status), Some(opened_on)) if errors.is_empty() => Ok(CaseInput {
            reference,
            label,
            category,
            cp_primary,
            cp_secondary,
            status,
            opened_on,
            closed_on: closed_on.or((status == CaseStatus::Closed).then_some(today)),
        }),
        _ => Err(errors),
    }
}

fn check_dates(
    opened_on: Option<NaiveDate>,
    closed_on: Option<NaiveDate>,
    status: Option<CaseStatus>,
    today: NaiveDate,
    errors: &mut FieldErrors,
) {
    if opened_on.is_some_and(|opened| opened > today) {
        errors.add("opened_on", "A case cannot be opened in the future.");
    }
    if let Some(closed) = closed_on {
        if closed > today {
            errors.add("closed_on", "A case cannot close in the future.");
        }
        if opened_on.is_some_and(|opened| closed < opened) {
            errors.add("closed_on", "A case cannot close before it opened.");
        }
        if status == Some(CaseStatus::Open) {
            errors.add(
                "closed_on",
                "An open case has no closing date; set it to closed.",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn draft(reference: &str, category: &str) -> CaseDraft {
        CaseDraft {
            reference: Some(reference.into()),
            category: Some(category.into()),
            ..CaseDraft::default()
        }
    }

    #[test]
    fn a_minimal_case_defaults_to_open_today() {
        let input = validate(&draft(" FAM-017 ", "child_in_need"), today()).unwrap();
        assert_eq!(input.reference, "FAM-017");
        assert_eq!(input.status, CaseStatus::Open);
        assert_eq!(input.opened_on, today());
    }

    #[test]
    fn bad_input_is_named_by_field() {
        let mut bad = draft("", "burglary");
        bad.cp_primary = Some("neglect".into());
        bad.opened_on = Some("2026-13-01".into());
        let errors = validate(&bad, today()).unwrap_err();
        for field in ["reference", "category", "cp_primary", "opened_on"] {
            assert!(errors.get(field).is_some(), "{field}: {errors}");
        }
    }

    #[test]
    fn child_protection_categories_and_closing_dates() {
        let mut cp = draft("CP-1", "child_protection");
        cp.cp_primary = Some("neglect".into());
        cp.cp_secondary = Some("neglect".into());
        assert!(
            validate(&cp, today())
                .unwrap_err()
                .get("cp_secondary")
                .is_some()
        );
        cp.cp_secondary = Some("emotional".into());
        assert!(validate(&cp, today()).is_ok());

        let mut closed = draft("C-2", "other");
        closed.status = Some("closed".into());
        closed.opened_on = Some("2026-05-01".into());
        closed.closed_on = Some("2026-04-01".into());
        assert!(
            validate(&closed, today())
                .unwrap_err()
                .get("closed_on")
                .is_some()
        );
        closed.closed_on = None;
        assert_eq!(validate(&closed, today()).unwrap().closed_on, Some(today()));
        closed.opened_on = Some("2027-01-01".into());
        assert!(
            validate(&closed, today())
                .unwrap_err()
                .get("opened_on")
                .is_some()
        );
    }
}
