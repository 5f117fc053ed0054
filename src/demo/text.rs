//! Filling templates: `{slot}` becomes one of the slot's phrasings (which may hold slots
//! themselves), `{sec:N}` a section number written one of the usual ways, and `{case}` the
//! entry's case reference.

use super::phrases::{SECTION_PREFIXES, slot};
use super::rng::Rng;

/// Expands templates with one random generator and one case reference.
pub struct Expander<'r, 'c> {
    /// Where the choices come from.
    pub rng: &'r mut Rng,
    /// What `{case}` becomes.
    pub case: &'c str,
}

impl Expander<'_, '_> {
    /// Appends `template`, filled in, to `out`.
    pub fn expand(&mut self, template: &str, out: &mut String) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}').map(|at| open + at) else {
                break;
            };
            self.fill(&rest[open + 1..close], out);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
    }

    fn fill(&mut self, name: &str, out: &mut String) {
        if name == "case" {
            out.push_str(self.case);
        } else if let Some(number) = name.strip_prefix("sec:") {
            let prefix = *self.rng.pick(SECTION_PREFIXES);
            out.push_str(prefix);
            out.push_str(number);
        } else if let Some(phrasings) = slot(name) {
            let phrasing = *self.rng.pick(phrasings);
            if phrasing.contains('{') {
                self.expand(phrasing, out);
            } else {
                out.push_str(phrasing);
            }
        } else {
            // Unknown slots are a bug in the tables; the unit tests expand every template.
            out.push_str(name);
        }
    }

    /// Appends a sentence: a space after the previous one, then the template filled in with
    /// its first letter in capitals.
    pub fn sentence(&mut self, template: &str, out: &mut String) {
        if !out.is_empty() && !out.ends_with(['\n', ' ']) {
            out.push(' ');
        }
        let start = out.len();
        self.expand(template, out);
        if let Some(first) = out.get_mut(start..start + 1) {
            first.make_ascii_uppercase();
        }
    }

    /// Appends `count` different sentences from `templates` (at most 64), in random order.
    pub fn sentences(&mut self, templates: &[&str], count: usize, out: &mut String) {
        let mut used = 0u64;
        for _ in 0..count.min(templates.len()).min(64) {
            let mut at = self.rng.below(templates.len());
            while used & (1 << at) != 0 {
                at = (at + 1) % templates.len();
            }
            used |= 1 << at;
            self.sentence(templates[at], out);
        }
    }

    /// The template filled in, as a new string with a capital first letter.
    pub fn line(&mut self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 32);
        self.sentence(template, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::lines::{
        ACTION_LINES, CPD_ACTIVITIES, FEELING_LINES, PEER_REFLECTIONS, REFLECTION_LINES,
        REFLECTION_TITLES,
    };
    use super::super::topics::{STUDENT_TOPICS, SUPERVISOR_TOPICS, TOPICS};
    use super::*;

    fn every_template() -> Vec<&'static str> {
        let mut all: Vec<&'static str> = Vec::new();
        for topic in TOPICS.iter().chain(SUPERVISOR_TOPICS).chain(STUDENT_TOPICS) {
            all.extend(topic.titles);
            all.extend(topic.lines);
        }
        for list in [
            ACTION_LINES,
            FEELING_LINES,
            REFLECTION_LINES,
            REFLECTION_TITLES,
            PEER_REFLECTIONS,
        ] {
            all.extend(list);
        }
        for activity in CPD_ACTIVITIES {
            all.extend(activity);
        }
        all
    }

    #[test]
    fn every_slot_of_every_template_is_known() {
        let mut rng = Rng::new(1);
        for template in every_template() {
            for _ in 0..20 {
                let text = Expander {
                    rng: &mut rng,
                    case: "FAM-001",
                }
                .line(template);
                assert!(!text.contains(['{', '}']), "{template:?} gave {text:?}");
            }
            let mut rest = template;
            while let Some(open) = rest.find('{') {
                let close = open + rest[open..].find('}').expect("closed slot");
                let name = &rest[open + 1..close];
                assert!(
                    name == "case" || name.starts_with("sec:") || slot(name).is_some(),
                    "unknown slot {name:?} in {template:?}"
                );
                rest = &rest[close + 1..];
            }
        }
    }

    #[test]
    fn sentences_start_with_a_capital() {
        let mut rng = Rng::new(3);
        let mut out = String::new();
        let mut expander = Expander {
            rng: &mut rng,
            case: "FAM-002",
        };
        expander.sentence("{parent} said so.", &mut out);
        expander.sentence("{sec:47} was started.", &mut out);
        assert!(out.chars().next().is_some_and(char::is_uppercase));
        assert!(out.contains(". "), "{out}");
    }
}
