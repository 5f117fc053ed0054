use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::placements::model::{
    DayRow, EvidenceRow, LearningAgreement, Observation, Placement, PlacementAmendment, ReviewRow,
};
use crate::placements::progress::{DayCount, DomainCoverage};
use crate::placements::view::{
    AmendmentView, CommentView, DayLine, EntryLink, EvidenceView, Person, PlacementView,
};
use crate::platform::markdown;
use crate::platform::policy::PlacementRole;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn at(m: u32, d: u32, h: u32) -> NaiveDateTime {
    day(m, d).and_hms_opt(h, 0, 0).unwrap()
}

fn person(username: &str, name: &str) -> Person {
    Person {
        username: username.into(),
        name: name.into(),
    }
}

const DOMAINS: [&str; 9] = [
    "Professionalism",
    "Values and ethics",
    "Diversity and equality",
    "Rights, justice and economic wellbeing",
    "Knowledge",
    "Critical reflection and analysis",
    "Skills and interventions",
    "Contexts and organisations",
    "Professional leadership",
];

fn coverage(counts: [usize; 9]) -> Vec<DomainCoverage> {
    DOMAINS
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(index, (title, count))| DomainCoverage {
            code: format!("PCF-{}", index + 1),
            title: (*title).into(),
            count,
            latest: None,
        })
        .collect()
}

fn logged(
    id: i32,
    on: NaiveDate,
    portion: &str,
    activities: &str,
    absence: Option<&str>,
) -> DayLine {
    DayLine {
        row: DayRow {
            id,
            placement_id: 1,
            day: on,
            portion: portion.into(),
            hours: if portion == "absent" { 0.0 } else { 7.5 },
            activities: activities.into(),
            absence_reason: absence.map(Into::into),
            created_at: at(3, 1, 9),
        },
        entries: Vec::new(),
    }
}

fn review(stage: &str, recommendation: Option<&str>, signed: bool) -> ReviewRow {
    ReviewRow {
        id: if stage == "midpoint" { 1 } else { 2 },
        placement_id: 1,
        stage: stage.into(),
        progress: format!("Progress at the {stage} stage."),
        concerns: String::new(),
        plan: if stage == "midpoint" {
            "Take on two more assessments.".into()
        } else {
            String::new()
        },
        recommendation: recommendation.map(Into::into),
        reasons: if stage == "final" {
            "Met every domain at the expected level.".into()
        } else {
            String::new()
        },
        student_comment: "I agree with this review.".into(),
        student_signed_at: signed.then(|| at(5, 1, 10)),
        educator_signed_at: signed.then(|| at(5, 2, 11)),
        created_at: at(4, 1, 9),
        updated_at: at(4, 1, 9),
    }
}

/// A first placement: three days (one absent, one with a pipe in its activities),
/// evidence for PCF-1 (with a comment) and PCF-5, an observation of PCF-1 and PCF-6, a
/// signed and amended agreement, a signed mid-point review and a draft final report.
pub(crate) fn view(role: PlacementRole) -> PlacementView {
    let evidence = vec![
        EvidenceView {
            row: EvidenceRow {
                id: 10,
                placement_id: 1,
                entry_id: 100,
                domain: "PCF-1".into(),
                note: "Shows how I kept to professional boundaries.".into(),
                created_at: at(3, 5, 12),
            },
            entry: EntryLink {
                id: 100,
                title: "Boundaries on a home visit".into(),
                occurred_on: day(3, 4),
                readable: true,
            },
            comments: vec![CommentView {
                author: "Pat Educator".into(),
                body: "Good link; say more about the supervision that followed.".into(),
                created_at: at(3, 6, 15),
            }],
        },
        EvidenceView {
            row: EvidenceRow {
                id: 11,
                placement_id: 1,
                entry_id: 101,
                domain: "PCF-5".into(),
                note: "Applying the Children Act 1989.".into(),
                created_at: at(3, 7, 12),
            },
            entry: EntryLink {
                id: 101,
                title: "Section 17 assessment".into(),
                occurred_on: day(3, 6),
                readable: true,
            },
            comments: Vec::new(),
        },
    ];
    let agreement_amendment = PlacementAmendment {
        id: 1,
        placement_id: 1,
        document: "agreement".into(),
        field: "support".into(),
        previous_text: "Weekly supervision on Mondays.".into(),
        new_text: "Weekly supervision on Tuesdays.".into(),
        reason: "The team meeting moved to Monday.".into(),
        author_id: 2,
        created_at: at(3, 20, 14),
    };
    PlacementView {
        placement: Placement {
            id: 1,
            student_id: 1,
            educator_id: 2,
            onsite_supervisor_id: Some(3),
            setting: "Children's services".into(),
            team: "Assessment team".into(),
            level: "first".into(),
            required_days: 70.0,
            starts_on: day(3, 2),
            expected_end_on: day(6, 26),
            created_at: at(3, 1, 9),
            updated_at: at(3, 1, 9),
        },
        role,
        can: crate::platform::policy::PlacementCapabilities::assumed(role),
        student: person("sam", "Sam Student"),
        educator: person("pat", "Pat Educator"),
        onsite_supervisor: Some(person("olu", "Olu Onsite")),
        days: DayCount {
            done: 1.5,
            required: 70.0,
            remaining: 68.5,
            absences: 1,
            percent: 2,
            pace: Some(0.5),
            projected_end: Some(day(9, 30)),
        },
        // Latest first, as assembled.
        day_log: vec![
            logged(3, day(3, 4), "absent", "", Some("Ill | off sick")),
            logged(2, day(3, 3), "half", "Duty desk | phone calls", None),
            logged(1, day(3, 2), "full", "Induction\nand team meeting", None),
        ],
        hours: 15.0,
        coverage: coverage([2, 0, 0, 0, 1, 1, 0, 0, 0]),
        evidence,
        observations: vec![Observation {
            id: 1,
            placement_id: 1,
            observed_on: day(3, 10),
            observer: "Team manager".into(),
            observed: "A visit to a family with the allocated worker.".into(),
            reflection: "I could have explained my role earlier.".into(),
            feedback: String::new(),
            domains: "PCF-1 PCF-6".into(),
            created_at: at(3, 10, 16),
            updated_at: at(3, 10, 16),
        }],
        observations_required: 2,
        agreement: Some(LearningAgreement {
            placement_id: 1,
            goals: "Complete three assessments.".into(),
            support: "Weekly supervision on Mondays.".into(),
            expectations: "Arrive by nine.".into(),
            student_signed_at: Some(at(3, 3, 10)),
            educator_signed_at: Some(at(3, 3, 11)),
            updated_at: at(3, 3, 11),
        }),
        reviews: if role == PlacementRole::OnsiteSupervisor {
            Vec::new()
        } else {
            vec![
                review("midpoint", None, true),
                review("final", Some("pass"), false),
            ]
        },
        amendments: vec![AmendmentView {
            row: agreement_amendment,
            author: "Pat Educator".into(),
            field_label: "Support and supervision arrangements".into(),
        }],
    }
}

fn markdown_of(role: PlacementRole) -> String {
    to_markdown_on(&view(role), day(3, 21))
}

/// The text of a section, from its `## ` heading to the next.
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text
        .find(&format!("\n## {heading}\n"))
        .unwrap_or_else(|| panic!("no section {heading}"));
    let rest = &text[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |end| end + 3);
    &rest[..end]
}

#[test]
fn every_section_is_there_in_order() {
    let text = markdown_of(PlacementRole::Student);
    assert!(text.starts_with("# Placement portfolio: Sam Student\n"));
    let headings: Vec<&str> = text
        .lines()
        .filter(|line| line.starts_with("## "))
        .collect();
    assert_eq!(
        headings,
        [
            "## Front sheet",
            "## Learning agreement",
            "## Day log summary",
            "## Evidence index by PCF domain",
            "## Direct observations",
            "## Reviews",
        ]
    );
    assert!(!text.ends_with("\n\n"));
}

#[test]
fn the_front_sheet_names_people_dates_and_progress() {
    let text = markdown_of(PlacementRole::Student);
    let front = section(&text, "Front sheet");
    for line in [
        "- **Student:** Sam Student",
        "- **Practice educator:** Pat Educator",
        "- **On-site supervisor:** Olu Onsite",
        "- **Setting:** Children's services",
        "- **Team:** Assessment team",
        "- **Level:** First placement (70 days)",
        "- **Days required:** 70",
        "- **Dates:** 2 March 2026 to 26 June 2026 (expected end)",
        "- **Days done:** 1.5 of 70 (2%), 68.5 to go",
        "- **Projected end:** 30 September 2026",
        "- **Hours logged:** 15",
        "- **Absences:** 1",
        "- **Direct observations:** 1 of 2 required",
        "- **Generated:** 21 March 2026",
    ] {
        assert!(front.contains(line), "missing {line:?} in\n{front}");
    }
}

#[test]
fn the_agreement_reads_as_in_force_with_its_amendments_and_signatures() {
    let text = markdown_of(PlacementRole::Student);
    let agreement = section(&text, "Learning agreement");
    assert!(agreement.contains("### Learning goals\n\nComplete three assessments."));
    assert!(agreement.contains(
        "### Support and supervision arrangements (amended)\n\nWeekly supervision on Tuesdays."
    ));
    assert!(agreement.contains("### Expectations\n\nArrive by nine."));
    assert!(agreement.contains("- Student, Sam Student: signed 3 March 2026 at 10:00 GMT"));
    assert!(
        agreement.contains("- Practice educator, Pat Educator: signed 3 March 2026 at 11:00 GMT")
    );
    assert!(agreement.contains(
        "#### Support and supervision arrangements: amended by Pat Educator on 20 March 2026 at 14:00 GMT"
    ));
    assert!(agreement.contains("**Why:** The team meeting moved to Monday."));
    assert!(agreement.contains("Was:\n\n> Weekly supervision on Mondays."));
    assert!(agreement.contains("Now:\n\n> Weekly supervision on Tuesdays."));
}

#[test]
fn without_an_agreement_the_section_says_so() {
    let mut view = view(PlacementRole::Student);
    view.agreement = None;
    view.amendments.clear();
    let text = to_markdown_on(&view, day(3, 21));
    assert!(
        section(&text, "Learning agreement")
            .contains("No learning agreement has been written yet.")
    );
}

#[test]
fn the_day_log_is_a_table_oldest_first_with_pipes_escaped() {
    let text = markdown_of(PlacementRole::Student);
    let log = section(&text, "Day log summary");
    assert!(log.contains("- **Days logged:** 3\n"));
    assert!(log.contains("| Date | Portion | Hours | Activities | Absence reason |"));
    let rows: Vec<&str> = log
        .lines()
        .filter(|line| line.starts_with("| ") && line.contains("March"))
        .collect();
    assert_eq!(
        rows,
        [
            "| 2 March 2026 | Full day | 7.5 | Induction and team meeting |  |",
            "| 3 March 2026 | Half day | 7.5 | Duty desk \\| phone calls |  |",
            "| 4 March 2026 | Absent | 0 |  | Ill \\| off sick |",
        ]
    );
    // Rendered, each row still has five cells and the pipes are in the text.
    let html = markdown::render(log);
    assert_eq!(html.matches("<tr>").count(), 4, "{html}");
    assert_eq!(html.matches("<td").count(), 15, "{html}");
    assert!(html.contains("Duty desk | phone calls"));
    assert!(html.contains("Ill | off sick"));
}

#[test]
fn a_backslash_before_a_pipe_cannot_unescape_it() {
    assert_eq!(table_cell("a\\|b"), "a\\\\\\|b");
    let table = format!(
        "| A | B |\n| --- | --- |\n| {} | x |\n",
        table_cell("a\\|b")
    );
    let html = markdown::render(&table);
    assert_eq!(html.matches("<td").count(), 2, "{html}");
}

#[test]
fn long_activities_are_cut_at_a_word() {
    let long = "Shadowed the duty worker on calls about referrals from schools, then wrote up two contact records and went through the team's threshold document with my practice educator";
    let summary = activities_summary(long);
    assert!(summary.ends_with('…'), "{summary}");
    assert!(summary.chars().count() <= ACTIVITIES_CHARS + 1);
    let kept = summary.trim_end_matches('…');
    assert!(long.starts_with(kept));
    assert_eq!(long[kept.len()..].chars().next(), Some(' '));
    assert_eq!(activities_summary("Short\n\nday"), "Short day");
}

#[test]
fn the_evidence_index_lists_every_domain_and_says_where_there_is_none() {
    let text = markdown_of(PlacementRole::Educator);
    let index = section(&text, "Evidence index by PCF domain");
    assert_eq!(index.matches("\n### PCF-").count(), 9);
    assert!(index.contains(
        "3 of 9 domains have evidence. No evidence yet for PCF-2, PCF-3, PCF-4, PCF-7, PCF-8, PCF-9."
    ));
    assert!(index.contains("### PCF-3 Diversity and equality\n\nNo evidence yet.\n"));
    assert!(index.contains(
        "### PCF-1 Professionalism\n\n2 pieces: 1 linked entry, 1 direct observation.\n"
    ));
    assert!(index.contains("- **4 March 2026: Boundaries on a home visit** (linked 5 March 2026)"));
    assert!(index.contains("  Shows how I kept to professional boundaries."));
    assert!(
        index.contains("Practice educator's comment, by Pat Educator on 6 March 2026 at 15:00 GMT")
    );
    assert!(index.contains("  > Good link; say more about the supervision that followed."));
    // A domain evidenced only by an observation is not a gap.
    let six = &index[index.find("### PCF-6").unwrap()..index.find("### PCF-7").unwrap()];
    assert!(six.contains("1 piece: 1 direct observation.\n"));
    assert!(six.contains("10 March 2026: direct observation by Team manager"));
    assert!(!six.contains("No evidence yet"));
}

#[test]
fn observations_show_every_part_and_their_domains() {
    let text = markdown_of(PlacementRole::Student);
    let observations = section(&text, "Direct observations");
    assert!(observations.contains("1 of 2 required."));
    assert!(observations.contains("### Observation 1: 10 March 2026"));
    assert!(observations.contains("- **Observer:** Team manager"));
    assert!(observations.contains(
        "- **PCF domains:** PCF-1 Professionalism, PCF-6 Critical reflection and analysis"
    ));
    assert!(observations.contains("#### What was observed\n\nA visit to a family"));
    assert!(observations.contains("#### Student's reflection\n\nI could have explained"));
    assert!(observations.contains("#### Feedback\n\n_Nothing written._"));
}

#[test]
fn reviews_show_parts_recommendation_comment_and_signatures() {
    let text = markdown_of(PlacementRole::Student);
    let reviews = section(&text, "Reviews");
    let midpoint = &reviews[..reviews.find("### Final report").unwrap()];
    let last = &reviews[reviews.find("### Final report").unwrap()..];
    assert!(midpoint.contains("### Mid-point review\n\nSigned by both"));
    assert!(midpoint.contains("#### Progress and assessment\n\nProgress at the midpoint stage."));
    assert!(midpoint.contains("#### Concerns\n\n_Nothing written._"));
    assert!(midpoint.contains("#### Plan to the end\n\nTake on two more assessments."));
    assert!(!midpoint.contains("Recommendation"));
    assert!(midpoint.contains("#### Student's comment\n\nI agree with this review."));
    // Signed at 10:00 UTC, which is 11:00 in British Summer Time.
    assert!(midpoint.contains("- Student, Sam Student: signed 1 May 2026 at 11:00 BST"));
    assert!(last.contains("A draft: not yet signed by both."));
    assert!(!last.contains("Plan to the end"));
    assert!(last.contains("#### Recommendation\n\nPass\n\n#### Reasons\n\nMet every domain"));
    assert!(last.contains("- Practice educator, Pat Educator: not yet signed"));
}

#[test]
fn review_amendments_are_listed_under_their_review() {
    let mut view = view(PlacementRole::Educator);
    view.amendments.push(AmendmentView {
        row: PlacementAmendment {
            id: 2,
            placement_id: 1,
            document: "midpoint".into(),
            field: "plan".into(),
            previous_text: "Take on two more assessments.".into(),
            new_text: "Take on three more assessments.".into(),
            reason: "A case closed early.".into(),
            author_id: 2,
            created_at: at(5, 10, 9),
        },
        author: "Pat Educator".into(),
        field_label: "Plan to the end".into(),
    });
    let text = to_markdown_on(&view, day(5, 11));
    let reviews = section(&text, "Reviews");
    let midpoint = &reviews[..reviews.find("### Final report").unwrap()];
    assert!(midpoint.contains("#### Plan to the end (amended)\n\nTake on three more assessments."));
    assert!(midpoint.contains("#### Amendments after signing"));
    assert!(midpoint.contains("##### Plan to the end: amended by Pat Educator on 10 May 2026"));
    assert!(midpoint.contains("**Why:** A case closed early."));
    // The agreement's section is untouched by a review's amendment.
    assert!(!section(&text, "Learning agreement").contains("A case closed early."));
}

#[test]
fn an_onsite_supervisor_gets_no_reviews() {
    let text = markdown_of(PlacementRole::OnsiteSupervisor);
    let reviews = section(&text, "Reviews");
    assert!(reviews.contains("this copy does not include them"));
    assert!(!reviews.contains("Mid-point review"));
}

#[test]
fn numbers_lose_needless_decimals() {
    assert_eq!(number(70.0), "70");
    assert_eq!(number(12.5), "12.5");
    assert_eq!(number(7.25), "7.25");
    assert_eq!(number(0.0), "0");
}
