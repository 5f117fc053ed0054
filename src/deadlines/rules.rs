//! Timescale rules as data: the event kinds a case can record and the deadlines they start.
//!
//! The shipped rules live in `rules.toml` (its header documents the format) and are embedded in
//! the binary. A deployment may add or replace event kinds and rules with a file in the same
//! format; a file that cannot be used is refused with a message naming the file and the line, so
//! a typo stops start-up rather than silently dropping a statutory deadline.

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::span::Span;

/// The shipped event kinds and rules (format in the file's header).
pub const SHIPPED_RULES: &str = include_str!("rules.toml");

/// Where messages about the shipped file say the problem is.
const SHIPPED_SOURCE: &str = "src/deadlines/rules.toml";

/// Where messages about a merged book (no single file to blame) say the problem is.
const MERGED_SOURCE: &str = "timescale rules";

/// Reserved for one-off events that carry their own label and due date.
const RESERVED_KIND: &str = "custom";

/// Parsed once per process; every request clones it (it is small).
static SHIPPED: LazyLock<RuleBook> = LazyLock::new(|| {
    RuleBook::parse_with(SHIPPED_RULES, SHIPPED_SOURCE, &[])
        .unwrap_or_else(|err| panic!("the shipped timescale rules are malformed: {err}"))
});

/// A kind of event a case can record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventKind {
    /// Identifier, lower_snake_case (e.g. `strategy_discussion`).
    pub kind: String,
    /// What people read (e.g. "Strategy discussion").
    pub title: String,
    /// Whether it may be recorded with a future date (a scheduled meeting or visit); things that
    /// can only have happened, like a case closing, may not.
    pub future: bool,
}

/// From some time after a clock chain's first start, repeats use another interval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phase {
    /// How long after the chain's first start event the phase begins.
    pub after: Span,
    /// The interval after each meeting event in this phase.
    pub then_within: Span,
}

/// A timescale: which events start a clock, how long it runs, what meets it and what stops it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// What is due, the deadline's `kind` in the API (e.g. `icpc`).
    pub kind: String,
    /// What people read (e.g. "Initial child protection conference").
    pub title: String,
    /// One sentence giving the timescale and its source, shown with each deadline.
    pub summary: String,
    /// Event kinds that start the clock (a new one restarts an open clock).
    pub starts: Vec<String>,
    /// How long after the start event the deadline falls.
    pub within: Span,
    /// Event kinds that meet the deadline.
    pub met_by: Vec<String>,
    /// Event kinds that cancel an open clock.
    pub stops: Vec<String>,
    /// Whether the meeting event starts the next clock.
    pub repeat: bool,
    /// With `repeat`, the interval after each meeting event (`within` if `None`).
    pub then_within: Option<Span>,
    /// With `repeat`, later intervals from some time after the chain's first start.
    pub phases: Vec<Phase>,
}

/// Event kinds and rules: the shipped ones, possibly with a deployment's overrides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleBook {
    /// Event kinds in file order (shipped first, then added ones).
    pub events: Vec<EventKind>,
    /// Rules in file order (shipped first, then added ones).
    pub rules: Vec<Rule>,
}

/// A rules file that cannot be used, with the file and (where known) the 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesError {
    /// The file (or "timescale rules" for a merged book).
    pub source: String,
    /// 1-based line of the problem, when it can be pinned to one.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

// Written by hand rather than derived: thiserror treats a field named `source` as the
// underlying error, which a file name is not.
impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}, line {line}: {}", self.source, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

impl std::error::Error for RulesError {}

impl RuleBook {
    /// The shipped event kinds and rules.
    ///
    /// # Panics
    ///
    /// Only if the shipped `rules.toml` is malformed, which the tests rule out.
    pub fn shipped() -> RuleBook {
        SHIPPED.clone()
    }

    /// Parses and checks a rules file; `source` names it in messages.
    ///
    /// The file is an overlay on the shipped rules, so its rules may use event kinds it defines
    /// or shipped ones.
    pub fn parse(text: &str, source: &str) -> Result<RuleBook, RulesError> {
        Self::parse_with(text, source, &SHIPPED.events)
    }

    /// These rules with `local` ones laid over them: an event kind or rule of the same kind
    /// replaces this one in place, a new kind is added at the end. The result is checked again.
    pub fn with_overrides(mut self, local: RuleBook) -> Result<RuleBook, RulesError> {
        for event in local.events {
            match self.events.iter_mut().find(|e| e.kind == event.kind) {
                Some(slot) => *slot = event,
                None => self.events.push(event),
            }
        }
        for rule in local.rules {
            match self.rules.iter_mut().find(|r| r.kind == rule.kind) {
                Some(slot) => *slot = rule,
                None => self.rules.push(rule),
            }
        }
        self.check().map_err(|message| RulesError {
            source: MERGED_SOURCE.to_string(),
            line: None,
            message,
        })?;
        Ok(self)
    }

    /// The shipped rules, with the deployment's file laid over them if one is named.
    pub fn load(local: Option<&Path>) -> Result<RuleBook, RulesError> {
        let shipped = Self::shipped();
        let Some(path) = local else {
            return Ok(shipped);
        };
        let source = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|err| RulesError {
            source: source.clone(),
            line: None,
            message: format!("cannot read the rules file: {err}"),
        })?;
        shipped.with_overrides(Self::parse(&text, &source)?)
    }

    /// The event kind called `kind`, if there is one.
    pub fn event(&self, kind: &str) -> Option<&EventKind> {
        self.events.iter().find(|e| e.kind == kind)
    }

    /// The rule for deadlines of kind `kind`, if there is one.
    pub fn rule(&self, kind: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.kind == kind)
    }

    /// Parses `text`, whose rules may also use the event kinds in `base_events`.
    fn parse_with(
        text: &str,
        source: &str,
        base_events: &[EventKind],
    ) -> Result<RuleBook, RulesError> {
        let at = |span: Range<usize>, message: String| RulesError {
            source: source.to_string(),
            line: Some(line_of(text, span.start)),
            message,
        };
        let file: RawFile = toml::from_str(text).map_err(|err| RulesError {
            source: source.to_string(),
            line: err.span().map(|span| line_of(text, span.start)),
            // Some messages run over several lines; the error is shown on one.
            message: err.message().trim().replace('\n', "; "),
        })?;

        let mut events = Vec::with_capacity(file.event.len());
        let mut seen = HashSet::new();
        for raw in file.event {
            let kind = raw.kind.get_ref();
            check_kind(kind, "event").map_err(|m| at(raw.kind.span(), m))?;
            if !seen.insert(kind.clone()) {
                return Err(at(
                    raw.kind.span(),
                    format!("event kind {kind:?} is defined twice in this file"),
                ));
            }
            check_text(raw.title.get_ref(), "title", kind).map_err(|m| at(raw.title.span(), m))?;
            events.push(EventKind {
                kind: raw.kind.into_inner(),
                title: raw.title.into_inner().trim().to_string(),
                future: raw.future,
            });
        }

        let known: HashSet<&str> = events
            .iter()
            .chain(base_events)
            .map(|e| e.kind.as_str())
            .collect();
        let mut rules = Vec::with_capacity(file.rule.len());
        let mut seen = HashSet::new();
        for raw in file.rule {
            let kind = raw.kind.get_ref().clone();
            check_kind(&kind, "rule").map_err(|m| at(raw.kind.span(), m))?;
            if !seen.insert(kind.clone()) {
                return Err(at(
                    raw.kind.span(),
                    format!("rule {kind:?} is defined twice in this file"),
                ));
            }
            check_text(raw.title.get_ref(), "title", &kind).map_err(|m| at(raw.title.span(), m))?;
            check_text(raw.summary.get_ref(), "summary", &kind)
                .map_err(|m| at(raw.summary.span(), m))?;
            let events_in = |field: &str, list: Vec<Spanned<String>>| {
                list.into_iter()
                    .map(|name| {
                        check_reference(name.get_ref(), field, &kind, &known)
                            .map_err(|m| at(name.span(), m))?;
                        Ok(name.into_inner())
                    })
                    .collect::<Result<Vec<_>, RulesError>>()
            };
            for (field, list) in [("starts", &raw.starts), ("met_by", &raw.met_by)] {
                if list.get_ref().is_empty() {
                    return Err(at(list.span(), empty_list(field, &kind)));
                }
            }
            let span = |field: &str, text: &Spanned<String>| {
                parse_span(text.get_ref(), field, &kind).map_err(|m| at(text.span(), m))
            };
            let within = span("within", &raw.within)?;
            let then_within = match &raw.then_within {
                Some(text) if !raw.repeat => {
                    return Err(at(text.span(), needs_repeat("then_within", &kind)));
                }
                Some(text) => Some(span("then_within", text)?),
                None => None,
            };
            let mut phases = Vec::with_capacity(raw.phases.len());
            for phase in &raw.phases {
                if !raw.repeat {
                    return Err(at(
                        phase.after.span(),
                        needs_repeat("[[rule.phase]]", &kind),
                    ));
                }
                phases.push(Phase {
                    after: span("after", &phase.after)?,
                    then_within: span("then_within", &phase.then_within)?,
                });
            }
            rules.push(Rule {
                title: raw.title.into_inner().trim().to_string(),
                summary: raw.summary.into_inner().trim().to_string(),
                starts: events_in("starts", raw.starts.into_inner())?,
                within,
                met_by: events_in("met_by", raw.met_by.into_inner())?,
                stops: events_in("stops", raw.stops)?,
                repeat: raw.repeat,
                then_within,
                phases,
                kind,
            });
        }
        Ok(RuleBook { events, rules })
    }

    /// Checks a whole book, e.g. after overrides; there are no lines to report here, because
    /// each file was already checked with its lines and this only catches mixing problems.
    fn check(&self) -> Result<(), String> {
        let mut known = HashSet::new();
        for event in &self.events {
            check_kind(&event.kind, "event")?;
            if !known.insert(event.kind.as_str()) {
                return Err(format!("event kind {:?} is defined twice", event.kind));
            }
        }
        let mut seen = HashSet::new();
        for rule in &self.rules {
            check_kind(&rule.kind, "rule")?;
            if !seen.insert(rule.kind.as_str()) {
                return Err(format!("rule {:?} is defined twice", rule.kind));
            }
            for (field, list) in [("starts", &rule.starts), ("met_by", &rule.met_by)] {
                if list.is_empty() {
                    return Err(empty_list(field, &rule.kind));
                }
            }
            for (field, list) in [
                ("starts", &rule.starts),
                ("met_by", &rule.met_by),
                ("stops", &rule.stops),
            ] {
                for name in list {
                    check_reference(name, field, &rule.kind, &known)?;
                }
            }
            if !rule.repeat && rule.then_within.is_some() {
                return Err(needs_repeat("then_within", &rule.kind));
            }
            if !rule.repeat && !rule.phases.is_empty() {
                return Err(needs_repeat("[[rule.phase]]", &rule.kind));
            }
        }
        Ok(())
    }
}

/// The top level of a rules file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    event: Vec<RawEvent>,
    #[serde(default)]
    rule: Vec<RawRule>,
}

/// An `[[event]]` table; spans are kept so messages can name the line.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    kind: Spanned<String>,
    title: Spanned<String>,
    // Refusing future dates is the safe default for an event kind that forgets to say.
    #[serde(default)]
    future: bool,
}

/// A `[[rule]]` table; intervals are kept as text so a bad one is reported at its own line.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    kind: Spanned<String>,
    title: Spanned<String>,
    summary: Spanned<String>,
    starts: Spanned<Vec<Spanned<String>>>,
    within: Spanned<String>,
    met_by: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    stops: Vec<Spanned<String>>,
    #[serde(default)]
    repeat: bool,
    #[serde(default)]
    then_within: Option<Spanned<String>>,
    #[serde(default, rename = "phase")]
    phases: Vec<RawPhase>,
}

/// A `[[rule.phase]]` table.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhase {
    after: Spanned<String>,
    then_within: Spanned<String>,
}

/// The 1-based line holding byte `offset` of `text`.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Kinds are identifiers in URLs, the API and calendar feeds, so they are kept plain.
fn check_kind(kind: &str, what: &str) -> Result<(), String> {
    let plain = kind.split('_').all(|part| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    }) && kind.starts_with(|c: char| c.is_ascii_lowercase());
    if !plain {
        return Err(format!(
            "{what} kind {kind:?} must be lower_snake_case ASCII (letters, digits and single \
             underscores, starting with a letter)"
        ));
    }
    if kind == RESERVED_KIND {
        return Err(format!(
            "{what} kind {kind:?} is reserved for one-off events with their own due date"
        ));
    }
    Ok(())
}

/// A title or summary must say something.
fn check_text(text: &str, field: &str, kind: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err(format!("`{field}` of {kind:?} is empty"));
    }
    Ok(())
}

/// A rule may only name event kinds that exist.
fn check_reference(
    name: &str,
    field: &str,
    rule: &str,
    known: &HashSet<&str>,
) -> Result<(), String> {
    if known.contains(name) {
        return Ok(());
    }
    let mut kinds: Vec<&str> = known.iter().copied().collect();
    kinds.sort_unstable();
    Err(format!(
        "rule {rule:?} names unknown event kind {name:?} in `{field}`; define it in an [[event]] \
         table or use one of: {}",
        kinds.join(", ")
    ))
}

/// Parses an interval such as "15 working days"; the span's own message lists the forms.
fn parse_span(text: &str, field: &str, rule: &str) -> Result<Span, String> {
    text.parse::<Span>()
        .map_err(|err| format!("`{field}` of rule {rule:?}: {err}"))
}

/// The message for an empty `starts` or `met_by`.
fn empty_list(field: &str, rule: &str) -> String {
    format!("`{field}` of rule {rule:?} is empty; name at least one event kind")
}

/// The message for repeat-only settings on a rule that does not repeat.
fn needs_repeat(field: &str, rule: &str) -> String {
    format!("rule {rule:?} has `{field}` but not `repeat = true`; it only applies to repeats")
}

#[cfg(test)]
#[path = "rules/tests.rs"]
mod tests;
