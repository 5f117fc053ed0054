//! Composing one journal entry at a time: who wrote it, when, what kind, about which cases,
//! tagged how, and its text, all drawn from one seeded generator.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::rng::Rng;
use super::text::Expander;
use super::topics::{STUDENT_TOPICS, SUPERVISOR_TOPICS, TOPICS, Topic};
use super::writing::{cpd, diary, reflection};
use crate::journal::model::{CpdRecord, EntryKind, Visibility};
use crate::journal::reflective::ReflectiveModel;
use crate::platform::auth::Role;

/// Days back from today that entries are spread over (two years).
pub const SPAN_DAYS: u64 = 730;

/// A pseudonymised case of a demo worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoCase {
    /// Row id.
    pub id: i32,
    /// Reference, e.g. `FAM-007`.
    pub reference: String,
}

/// Someone whose journal is generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Writer {
    /// User id.
    pub user_id: i32,
    /// Practitioner, student or supervisor.
    pub role: Role,
    /// How many entries they write, relative to the others.
    pub weight: u32,
    /// Their cases.
    pub cases: Vec<DemoCase>,
}

/// One generated entry, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoEntry {
    /// Row id it will be stored under.
    pub id: i32,
    /// Index of its writer.
    pub writer: usize,
    /// Kind.
    pub kind: EntryKind,
    /// Title.
    pub title: String,
    /// Day.
    pub occurred_on: NaiveDate,
    /// Time, sometimes.
    pub occurred_at: Option<NaiveTime>,
    /// Markdown body.
    pub body: String,
    /// Mood 1-5, usually.
    pub mood: Option<i32>,
    /// Private or shared with the supervisor.
    pub visibility: Visibility,
    /// Flagged for supervision.
    pub for_supervision: bool,
    /// Reflective model of some reflections.
    pub model: Option<ReflectiveModel>,
    /// Stage key and text, for reflections following a model.
    pub sections: Vec<(&'static str, String)>,
    /// CPD fields, for CPD records.
    pub cpd: Option<CpdRecord>,
    /// Ids of linked cases (the writer's own).
    pub case_ids: Vec<i32>,
    /// Codes of catalogue tags.
    pub tags: Vec<&'static str>,
    /// When written.
    pub created_at: NaiveDateTime,
}

/// Makes entries one after another, oldest first, as a journal grows; the same seed,
/// writers, day and total give the same entries.
pub struct Composer<'w> {
    rng: Rng,
    writers: &'w [Writer],
    weights: Vec<u32>,
    today: NaiveDate,
    next_id: i32,
    made: usize,
    total: usize,
}

impl<'w> Composer<'w> {
    /// A composer of `total` entries for `writers` (at least one), numbering them from
    /// `first_id`.
    pub fn new(
        rng: Rng,
        writers: &'w [Writer],
        today: NaiveDate,
        first_id: i32,
        total: usize,
    ) -> Self {
        Self {
            rng,
            weights: writers.iter().map(|writer| writer.weight).collect(),
            writers,
            today,
            next_id: first_id,
            made: 0,
            total: total.max(1),
        }
    }

    /// The next entry.
    pub fn entry(&mut self) -> DemoEntry {
        let writers = self.writers;
        let index = self.rng.weighted(&self.weights);
        let writer = &writers[index];
        let kind = match (writer.role, self.rng.below(100)) {
            (Role::Student, 0..=44) | (_, 0..=59) => EntryKind::Diary,
            (Role::Student, 45..=89) | (_, 60..=87) => EntryKind::Reflection,
            _ => EntryKind::Cpd,
        };
        let topic = self.topic(writer.role);
        let case_ids = self.cases(writer, kind);
        let case = case_ids
            .first()
            .and_then(|id| writer.cases.iter().find(|case| case.id == *id))
            .map_or("the family", |case| case.reference.as_str());
        let (occurred_on, occurred_at) = self.when();
        let shared = self.rng.chance(if writer.role == Role::Student {
            0.5
        } else {
            0.28
        });
        let mut entry = DemoEntry {
            id: self.next_id,
            writer: index,
            kind,
            title: String::new(),
            occurred_on,
            occurred_at,
            body: String::with_capacity(900),
            mood: self
                .rng
                .chance(0.85)
                .then(|| 1 + self.rng.weighted(&[5, 15, 35, 30, 15]) as i32),
            visibility: if shared {
                Visibility::Supervisor
            } else {
                Visibility::Private
            },
            for_supervision: self.rng.chance(if shared { 0.3 } else { 0.04 }),
            model: None,
            sections: Vec::new(),
            cpd: None,
            case_ids,
            tags: Vec::new(),
            created_at: NaiveDateTime::default(),
        };
        self.next_id += 1;
        let mut text = Expander {
            rng: &mut self.rng,
            case,
        };
        let tag_pool: &[&'static str] = match kind {
            EntryKind::Diary => diary(&mut text, topic, &mut entry),
            EntryKind::Reflection => reflection(&mut text, topic, &mut entry),
            EntryKind::Cpd => cpd(&mut text, &mut entry),
        };
        entry.tags = self.tags(tag_pool);
        entry.created_at = self.written(&entry);
        entry
    }

    fn topic(&mut self, role: Role) -> &'static Topic {
        let own = match role {
            Role::Student if self.rng.chance(0.4) => STUDENT_TOPICS,
            Role::Supervisor if self.rng.chance(0.6) => SUPERVISOR_TOPICS,
            _ => TOPICS,
        };
        let total: u32 = own.iter().map(|topic| topic.weight).sum();
        let mut roll = self.rng.below(total as usize) as u32;
        for topic in own {
            if roll < topic.weight {
                return topic;
            }
            roll -= topic.weight;
        }
        &own[own.len() - 1]
    }

    fn cases(&mut self, writer: &Writer, kind: EntryKind) -> Vec<i32> {
        let weights: &[u32] = match kind {
            EntryKind::Diary => &[15, 70, 12, 3],
            EntryKind::Reflection => &[30, 50, 15, 5],
            EntryKind::Cpd => &[92, 8],
        };
        let wanted = self.rng.weighted(weights).min(writer.cases.len());
        let mut ids: Vec<i32> = Vec::with_capacity(wanted);
        while ids.len() < wanted {
            let id = self.rng.pick(&writer.cases).id;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    fn tags(&mut self, pool: &[&'static str]) -> Vec<&'static str> {
        let wanted = self.rng.weighted(&[35, 35, 20, 10]).min(pool.len());
        let mut tags: Vec<&'static str> = Vec::with_capacity(wanted);
        while tags.len() < wanted {
            let code = *self.rng.pick(pool);
            if !tags.contains(&code) {
                tags.push(code);
            }
        }
        tags
    }

    /// A working day, mostly, in the last two years, later for each entry (so that ids
    /// follow dates, as in a real journal, and storing them touches few index pages); a time
    /// for most entries.
    fn when(&mut self) -> (NaiveDate, Option<NaiveTime>) {
        let left = self.total.saturating_sub(self.made + 1) as u64;
        self.made += 1;
        // At most SPAN_DAYS back, weekend moves included.
        let back = left * (SPAN_DAYS - 3) / self.total as u64 + self.rng.below(2) as u64;
        let mut day = self
            .today
            .checked_sub_days(Days::new(back))
            .unwrap_or(self.today);
        let weekend = match day.weekday() {
            Weekday::Sat => 1,
            Weekday::Sun => 2,
            _ => 0,
        };
        if weekend > 0 && self.rng.chance(0.8) {
            day = day.checked_sub_days(Days::new(weekend)).unwrap_or(day);
        }
        let time = self.rng.chance(0.6).then(|| {
            let minutes = 7 * 60 + 30 + 5 * self.rng.below(162) as u32;
            NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).unwrap_or_default()
        });
        (day, time)
    }

    /// Notes are written the same day; reflections and CPD records up to three days later.
    fn written(&mut self, entry: &DemoEntry) -> NaiveDateTime {
        let time = entry
            .occurred_at
            .unwrap_or_else(|| NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default());
        let later = match entry.kind {
            EntryKind::Diary => 0,
            _ => self.rng.below(4) as u64,
        };
        let day = entry
            .occurred_on
            .checked_add_days(Days::new(later))
            .unwrap_or(entry.occurred_on)
            .min(self.today);
        day.and_time(time) + chrono::Duration::minutes(10 + self.rng.below(50) as i64)
    }
}
