//! Checking placement drafts: every problem is named by its field and nothing is stored
//! until the whole draft is valid.

use chrono::NaiveDate;

use super::model::{
    AgreementDraft, DayDraft, Level, ObservationDraft, Placement, PlacementDraft, Portion,
    Recommendation, ReviewDraft, Stage,
};
use crate::error::FieldErrors;
use crate::platform::input::{check_length, parse_date, trimmed};

/// Longest free-text part of an agreement, review, observation or comment.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Longest setting, team or observer name.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest note on an evidence link.
pub const MAX_NOTE_CHARS: usize = 1_000;
/// Most entries linked to one day.
pub const MAX_DAY_ENTRIES: usize = 20;
/// Longest placement a custom level may ask for, in days.
pub const MAX_DAYS: f64 = 365.0;

/// The nine PCF domain codes.
pub fn domain_codes() -> impl Iterator<Item = String> {
    (1..=9).map(|n| format!("PCF-{n}"))
}

/// A checked placement, with its people still named by username.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacementInput {
    /// Practice educator's username.
    pub educator: String,
    /// On-site supervisor's username.
    pub onsite_supervisor: Option<String>,
    /// Setting.
    pub setting: String,
    /// Team.
    pub team: String,
    /// Level.
    pub level: Level,
    /// Days required.
    pub required_days: f64,
    /// Start.
    pub starts_on: NaiveDate,
    /// Expected end.
    pub expected_end_on: NaiveDate,
}

fn required_text(
    field: &str,
    value: &Option<String>,
    max: usize,
    missing: &str,
    errors: &mut FieldErrors,
) -> String {
    let value = trimmed(value.as_deref()).unwrap_or_default();
    if value.is_empty() {
        errors.add(field, missing);
    }
    check_length(field, &value, max, errors);
    value
}

fn optional_text(field: &str, value: &Option<String>, errors: &mut FieldErrors) -> String {
    let value = value.as_deref().unwrap_or("").trim_end().to_string();
    check_length(field, &value, MAX_TEXT_CHARS, errors);
    value
}

fn required_date(
    field: &str,
    value: &Option<String>,
    missing: &str,
    errors: &mut FieldErrors,
) -> Option<NaiveDate> {
    match trimmed(value.as_deref()) {
        Some(text) => parse_date(field, &text, errors),
        None => {
            errors.add(field, missing);
            None
        }
    }
}

/// Checks a placement draft.
pub fn placement(draft: &PlacementDraft) -> Result<PlacementInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    let educator = required_text(
        "educator",
        &draft.educator,
        100,
        "Choose your practice educator.",
        &mut errors,
    );
    let onsite_supervisor = trimmed(draft.onsite_supervisor.as_deref());
    let setting = required_text(
        "setting",
        &draft.setting,
        MAX_NAME_CHARS,
        "Name the setting, for example \"Local authority children's services\".",
        &mut errors,
    );
    let team = required_text(
        "team",
        &draft.team,
        MAX_NAME_CHARS,
        "Name the team.",
        &mut errors,
    );
    let level = match trimmed(draft.level.as_deref()) {
        Some(name) => Level::parse(&name).or_else(|| {
            errors.add("level", format!("Use one of {}.", Level::names()));
            None
        }),
        None => {
            errors.add("level", "Choose the placement's level.");
            None
        }
    };
    let required_days = match level {
        Some(level) => match (level.default_days(), draft.required_days) {
            (Some(days), _) => days,
            (None, Some(days)) if days > 0.0 && days <= MAX_DAYS && (days * 2.0).fract() == 0.0 => {
                days
            }
            (None, Some(_)) => {
                errors.add(
                    "required_days",
                    "Give a number of days between 0.5 and 365, in half days.",
                );
                0.0
            }
            (None, None) => {
                errors.add("required_days", "Give the number of days required.");
                0.0
            }
        },
        None => 0.0,
    };
    let starts_on = required_date(
        "starts_on",
        &draft.starts_on,
        "Give the first day of the placement.",
        &mut errors,
    );
    let expected_end_on = required_date(
        "expected_end_on",
        &draft.expected_end_on,
        "Give the date the placement is expected to end.",
        &mut errors,
    );
    if let (Some(start), Some(end)) = (starts_on, expected_end_on)
        && end < start
    {
        errors.add(
            "expected_end_on",
            "The expected end cannot be before the start.",
        );
    }
    match (level, starts_on, expected_end_on) {
        (Some(level), Some(starts_on), Some(expected_end_on)) if errors.is_empty() => {
            Ok(PlacementInput {
                educator,
                onsite_supervisor,
                setting,
                team,
                level,
                required_days,
                starts_on,
                expected_end_on,
            })
        }
        _ => Err(errors),
    }
}

/// A checked day.
#[derive(Debug, Clone, PartialEq)]
pub struct DayInput {
    /// The date.
    pub day: NaiveDate,
    /// Full, half or absent.
    pub portion: Portion,
    /// Hours.
    pub hours: f64,
    /// What was done.
    pub activities: String,
    /// Why absent.
    pub absence_reason: Option<String>,
    /// Linked entries (ownership is checked by the service).
    pub entries: Vec<i32>,
}

/// Checks a day against its placement; `today` bounds it.
pub fn day(
    draft: &DayDraft,
    placement: &Placement,
    today: NaiveDate,
) -> Result<DayInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    let day = required_date("day", &draft.day, "Give the date.", &mut errors);
    if let Some(day) = day {
        if day < placement.starts_on {
            errors.add(
                "day",
                format!(
                    "The placement starts on {}; this day is before it.",
                    placement.starts_on.format("%-d %B %Y")
                ),
            );
        } else if day > today {
            errors.add("day", "Log a day once it has happened.");
        }
    }
    let portion = match trimmed(draft.portion.as_deref()) {
        Some(name) => Portion::parse(&name).or_else(|| {
            errors.add("portion", format!("Use one of {}.", Portion::names()));
            None
        }),
        None => {
            errors.add(
                "portion",
                "Say whether it was a full day, half day or absence.",
            );
            None
        }
    };
    let hours = draft.hours.unwrap_or(0.0);
    if !(0.0..=24.0).contains(&hours) || !hours.is_finite() {
        errors.add("hours", "Give the hours as a number from 0 to 24.");
    } else if portion.is_some_and(|p| p != Portion::Absent) && hours == 0.0 {
        errors.add("hours", "Give the hours worked.");
    }
    let activities = optional_text("activities", &draft.activities, &mut errors);
    let absence_reason = trimmed(draft.absence_reason.as_deref());
    match portion {
        Some(Portion::Absent) if absence_reason.is_none() => {
            errors.add("absence_reason", "Give the reason for the absence.");
        }
        Some(Portion::Full | Portion::Half) if activities.trim().is_empty() => {
            errors.add("activities", "Say briefly what you did.");
        }
        _ => {}
    }
    if let Some(reason) = &absence_reason {
        check_length("absence_reason", reason, MAX_NAME_CHARS, &mut errors);
    }
    let mut entries = draft.entries.clone();
    entries.sort_unstable();
    entries.dedup();
    if entries.len() > MAX_DAY_ENTRIES {
        errors.add(
            "entries",
            format!("Link at most {MAX_DAY_ENTRIES} entries to a day."),
        );
    }
    match (day, portion) {
        (Some(day), Some(portion)) if errors.is_empty() => Ok(DayInput {
            day,
            portion,
            // An absence is time not worked, whatever the form had in its hours box.
            hours: if portion == Portion::Absent {
                0.0
            } else {
                hours
            },
            activities,
            absence_reason: absence_reason.filter(|_| portion == Portion::Absent),
            entries,
        }),
        _ => Err(errors),
    }
}

/// A checked learning agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementInput {
    /// Learning goals.
    pub goals: String,
    /// Support and supervision arrangements.
    pub support: String,
    /// Expectations.
    pub expectations: String,
}

/// Checks a learning agreement; it may be drafted in parts but not saved empty.
pub fn agreement(draft: &AgreementDraft) -> Result<AgreementInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    let goals = optional_text("goals", &draft.goals, &mut errors);
    let support = optional_text("support", &draft.support, &mut errors);
    let expectations = optional_text("expectations", &draft.expectations, &mut errors);
    if [&goals, &support, &expectations]
        .iter()
        .all(|text| text.trim().is_empty())
    {
        errors.add("goals", "Write at least the learning goals.");
    }
    if errors.is_empty() {
        Ok(AgreementInput {
            goals,
            support,
            expectations,
        })
    } else {
        Err(errors)
    }
}

/// What is still missing before a learning agreement can be signed.
pub fn agreement_gaps(goals: &str, support: &str, expectations: &str) -> Vec<&'static str> {
    [
        (goals, "learning goals"),
        (support, "support and supervision arrangements"),
        (expectations, "expectations"),
    ]
    .into_iter()
    .filter(|(text, _)| text.trim().is_empty())
    .map(|(_, name)| name)
    .collect()
}

/// Checks PCF codes: at least one, each one of the nine.
pub fn domains(field: &str, codes: &[String], errors: &mut FieldErrors) -> Vec<String> {
    let known: Vec<String> = domain_codes().collect();
    let mut chosen: Vec<String> = codes
        .iter()
        .map(|code| code.trim().to_uppercase())
        .filter(|code| !code.is_empty())
        .collect();
    chosen.sort_by_key(|code| known.iter().position(|k| k == code));
    chosen.dedup();
    if chosen.is_empty() {
        errors.add(field, "Choose at least one PCF domain.");
    } else if let Some(unknown) = chosen.iter().find(|code| !known.contains(code)) {
        errors.add(
            field,
            format!("{unknown} is not a PCF domain; use PCF-1 to PCF-9."),
        );
    }
    chosen
}

/// A checked evidence link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceInput {
    /// The entry.
    pub entry_id: i32,
    /// Domains it evidences.
    pub domains: Vec<String>,
    /// How it evidences them.
    pub note: String,
}

/// Checks an evidence link.
pub fn evidence(
    entry_id: Option<i32>,
    codes: &[String],
    note: Option<&str>,
) -> Result<EvidenceInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    if entry_id.is_none() {
        errors.add("entry_id", "Choose the entry that is the evidence.");
    }
    let domains = domains("domains", codes, &mut errors);
    let note = trimmed(note).unwrap_or_default();
    if note.is_empty() {
        errors.add(
            "note",
            "Say in a sentence how the entry evidences the domain.",
        );
    }
    check_length("note", &note, MAX_NOTE_CHARS, &mut errors);
    match entry_id {
        Some(entry_id) if errors.is_empty() => Ok(EvidenceInput {
            entry_id,
            domains,
            note,
        }),
        _ => Err(errors),
    }
}

/// A checked observation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObservationInput {
    /// The date.
    pub observed_on: NaiveDate,
    /// Who observed.
    pub observer: String,
    /// What was observed.
    pub observed: String,
    /// The student's reflection.
    pub reflection: String,
    /// The observer's feedback.
    pub feedback: String,
    /// PCF codes.
    pub domains: Vec<String>,
}

/// Checks an observation against its placement.
pub fn observation(
    draft: &ObservationDraft,
    placement: &Placement,
    today: NaiveDate,
) -> Result<ObservationInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    let observed_on = required_date(
        "observed_on",
        &draft.observed_on,
        "Give the date of the observation.",
        &mut errors,
    );
    if let Some(on) = observed_on
        && (on < placement.starts_on || on > today)
    {
        errors.add(
            "observed_on",
            "Give a date from the start of the placement to today.",
        );
    }
    let observer = required_text(
        "observer",
        &draft.observer,
        MAX_NAME_CHARS,
        "Name who observed (their role will do).",
        &mut errors,
    );
    let observed = required_text(
        "observed",
        &draft.observed,
        MAX_TEXT_CHARS,
        "Describe what was observed, without identifying anyone.",
        &mut errors,
    );
    let reflection = optional_text("reflection", &draft.reflection, &mut errors);
    let feedback = optional_text("feedback", &draft.feedback, &mut errors);
    let domains = domains("domains", &draft.domains, &mut errors);
    match observed_on {
        Some(observed_on) if errors.is_empty() => Ok(ObservationInput {
            observed_on,
            observer,
            observed,
            reflection,
            feedback,
            domains,
        }),
        _ => Err(errors),
    }
}

/// A checked review draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewInput {
    /// Progress against the PCF (mid-point) or holistic assessment (final).
    pub progress: String,
    /// Concerns.
    pub concerns: String,
    /// Plan to the end.
    pub plan: String,
    /// Recommendation (final report only).
    pub recommendation: Option<Recommendation>,
    /// Reasons.
    pub reasons: String,
}

/// Checks a review draft of a stage.
pub fn review(draft: &ReviewDraft, stage: Stage) -> Result<ReviewInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    let progress = optional_text("progress", &draft.progress, &mut errors);
    let concerns = optional_text("concerns", &draft.concerns, &mut errors);
    let plan = optional_text("plan", &draft.plan, &mut errors);
    let reasons = optional_text("reasons", &draft.reasons, &mut errors);
    let recommendation = match (stage, trimmed(draft.recommendation.as_deref())) {
        (_, None) => None,
        (Stage::Midpoint, Some(_)) => {
            errors.add(
                "recommendation",
                "A recommendation belongs in the final report, not the mid-point review.",
            );
            None
        }
        (Stage::Final, Some(name)) => Recommendation::parse(&name).or_else(|| {
            errors.add(
                "recommendation",
                format!("Use one of {}.", Recommendation::names()),
            );
            None
        }),
    };
    if progress.trim().is_empty() {
        errors.add(
            "progress",
            match stage {
                Stage::Midpoint => "Write the student's progress against the PCF.",
                Stage::Final => "Write the holistic assessment.",
            },
        );
    }
    if errors.is_empty() {
        Ok(ReviewInput {
            progress,
            concerns,
            plan,
            recommendation,
            reasons,
        })
    } else {
        Err(errors)
    }
}

/// What is still missing before a review can be signed.
pub fn review_gaps(
    stage: Stage,
    progress: &str,
    plan: &str,
    recommendation: Option<&str>,
    reasons: &str,
) -> Vec<&'static str> {
    let mut gaps = Vec::new();
    if progress.trim().is_empty() {
        gaps.push("the assessment of progress");
    }
    match stage {
        Stage::Midpoint if plan.trim().is_empty() => gaps.push("the plan to the end"),
        Stage::Final if recommendation.is_none() => gaps.push("a recommendation"),
        _ => {}
    }
    if stage == Stage::Final && reasons.trim().is_empty() {
        gaps.push("the reasons for the recommendation");
    }
    gaps
}

/// Checks a comment on an evidence link or a student's comment on a review.
pub fn comment(field: &str, body: Option<&str>, errors: &mut FieldErrors) -> String {
    let body = trimmed(body).unwrap_or_default();
    if body.is_empty() {
        errors.add(field, "Write the comment.");
    }
    check_length(field, &body, MAX_TEXT_CHARS, errors);
    body
}

#[cfg(test)]
mod tests;
