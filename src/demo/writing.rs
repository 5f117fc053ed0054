//! The text of each kind of entry: diary notes, reflections (free or following a
//! reflective model) and CPD records.

use super::compose::DemoEntry;
use super::lines::{
    ACTION_LINES, CPD_ACTIVITIES, FEELING_LINES, PEER_REFLECTIONS, PEER_ROLES, REFLECTION_LINES,
    REFLECTION_TITLES,
};
use super::text::Expander;
use super::topics::Topic;
use crate::journal::cpd_activity::CpdActivity;
use crate::journal::model::CpdRecord;
use crate::journal::reflective::ReflectiveModel;

/// Tags a CPD record may carry.
const CPD_TAGS: &[&str] = &["SWE-4", "PCF-5", "PCF-6", "PCF-1"];

/// Writes a diary note about `topic`; returns the tags it may carry.
pub fn diary(
    text: &mut Expander<'_, '_>,
    topic: &Topic,
    entry: &mut DemoEntry,
) -> &'static [&'static str] {
    let title = *text.rng.pick(topic.titles);
    entry.title = text.line(title);
    let count = 2 + text.rng.below(4);
    text.sentences(topic.lines, count, &mut entry.body);
    if text.rng.chance(0.4) {
        text.sentences(FEELING_LINES, 1, &mut entry.body);
    }
    if text.rng.chance(0.12) {
        entry.body.push_str("\n\nActions:\n\n- ");
        text.expand("{action}", &mut entry.body);
        entry.body.push_str("\n- ");
        text.expand("{action}", &mut entry.body);
    } else if text.rng.chance(0.45) {
        entry.body.push_str("\n\n");
        text.sentences(ACTION_LINES, 1, &mut entry.body);
    }
    topic.tags
}

/// Writes a reflection about `topic`, following a reflective model about half the time;
/// returns the tags it may carry.
pub fn reflection(
    text: &mut Expander<'_, '_>,
    topic: &Topic,
    entry: &mut DemoEntry,
) -> &'static [&'static str] {
    let titles = if text.rng.chance(0.5) {
        REFLECTION_TITLES
    } else {
        topic.titles
    };
    let title = *text.rng.pick(titles);
    entry.title = text.line(title);
    if text.rng.chance(0.45) {
        let model = *text.rng.pick(&ReflectiveModel::ALL);
        entry.model = Some(model);
        let stages = model.stages();
        for (at, stage) in stages.iter().enumerate() {
            if at > 0 && text.rng.chance(0.1) {
                continue;
            }
            let mut section = String::with_capacity(300);
            let (templates, count) = if at == 0 {
                (topic.lines, 2 + text.rng.below(3))
            } else if at + 1 == stages.len() {
                (ACTION_LINES, 1 + text.rng.below(2))
            } else if stage.key.contains("feel") {
                (FEELING_LINES, 1 + text.rng.below(2))
            } else {
                (REFLECTION_LINES, 2 + text.rng.below(3))
            };
            text.sentences(templates, count, &mut section);
            entry.sections.push((stage.key, section));
        }
        if text.rng.chance(0.5) {
            text.sentences(topic.lines, 1, &mut entry.body);
        }
    } else {
        let (opening, thinking) = (2 + text.rng.below(3), 3 + text.rng.below(4));
        text.sentences(topic.lines, opening, &mut entry.body);
        entry.body.push_str("\n\n");
        text.sentences(REFLECTION_LINES, thinking, &mut entry.body);
        text.sentences(FEELING_LINES, 1, &mut entry.body);
        entry.body.push_str("\n\n");
        text.sentences(ACTION_LINES, 1, &mut entry.body);
    }
    topic.tags
}

/// Writes a CPD record; returns the tags it may carry.
pub fn cpd(text: &mut Expander<'_, '_>, entry: &mut DemoEntry) -> &'static [&'static str] {
    let [activity_type, title, description, learning, impact] = *text.rng.pick(CPD_ACTIVITIES);
    entry.title = title.to_string();
    let count = 1 + text.rng.below(2);
    text.sentences(REFLECTION_LINES, count, &mut entry.body);
    let peer = text.rng.chance(0.5);
    let hours = 0.5 * (1 + text.rng.below(15)) as f64;
    entry.cpd = Some(CpdRecord {
        entry_id: entry.id,
        activity: CpdActivity::from_text(activity_type),
        activity_type: activity_type.to_string(),
        description: text.line(description),
        learning: text.line(learning),
        impact: text.line(impact),
        peer_role: peer.then(|| text.rng.pick(PEER_ROLES).to_string()),
        peer_reflection: peer.then(|| text.rng.pick(PEER_REFLECTIONS).to_string()),
        hours,
    });
    CPD_TAGS
}
