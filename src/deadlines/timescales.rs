//! The rules and the calendar in force: shipped rules plus the deployment's own file, and
//! England and Wales bank holidays plus the deployment's extra closures.

use std::path::Path;

use chrono::NaiveDate;

use super::calendar::WorkingCalendar;
use super::rules::RuleBook;
use crate::config::Settings;
use crate::error::{AppError, AppResult};

/// What deadline calculations need; built once at start-up.
#[derive(Debug, Clone)]
pub struct Timescales {
    /// Event kinds and timescale rules.
    pub book: RuleBook,
    /// Working days.
    pub calendar: WorkingCalendar,
}

impl Timescales {
    /// The shipped rules and calendar only.
    pub fn shipped() -> Self {
        Self {
            book: RuleBook::shipped(),
            calendar: WorkingCalendar::england_and_wales(),
        }
    }

    /// The rules and calendar configured in `settings` (`rules_file`, `closures`). A rules
    /// file that cannot be used stops start-up with a message naming the line.
    pub fn from_settings(settings: &Settings) -> AppResult<Self> {
        let book = RuleBook::load(settings.rules_file.as_deref().map(Path::new))
            .map_err(|error| AppError::Config(format!("timescale rules: {error}")))?;
        let mut closures = Vec::new();
        for text in &settings.closures {
            let day = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
                AppError::Config(format!(
                    "closures: {text:?} is not a date; write dates as YYYY-MM-DD"
                ))
            })?;
            closures.push(day);
        }
        Ok(Self {
            book,
            calendar: WorkingCalendar::england_and_wales().with_closures(closures),
        })
    }

    /// The title of an event kind, or the kind itself if unknown.
    pub fn event_title(&self, kind: &str) -> String {
        match self.book.event(kind) {
            Some(event) => event.title.clone(),
            None if kind == CUSTOM => "Custom event".to_string(),
            None => kind.replace('_', " "),
        }
    }
}

/// The event kind for one-off events with their own label and due date.
pub const CUSTOM: &str = "custom";

/// The timescales as Rocket manages them, shared cheaply with blocking tasks.
pub type SharedTimescales = std::sync::Arc<Timescales>;

#[cfg(test)]
mod tests {
    use super::super::rules::RuleBook;

    /// The example of a local rules file in README.md must be one the app accepts.
    #[test]
    fn the_readme_example_of_local_rules_is_valid() {
        let readme = include_str!("../../README.md");
        let section = &readme[readme
            .find("### Local timescale rules")
            .expect("the README section")..];
        let start = section.find("```toml\n").expect("a TOML example") + "```toml\n".len();
        let example = &section[start..start + section[start..].find("```").expect("its end")];
        let local = RuleBook::parse(example, "README example").expect("the example parses");
        let book = RuleBook::shipped()
            .with_overrides(local)
            .expect("it merges");
        assert_eq!(
            book.rule("cp_visit")
                .map(|rule| rule.within.to_string())
                .as_deref(),
            Some("15 working days")
        );
        assert!(book.rule("s7_report").is_some());
    }
}
