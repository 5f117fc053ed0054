use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn note(body: &str) -> EntryDraft {
    EntryDraft {
        body: Some(body.into()),
        ..EntryDraft::default()
    }
}

#[test]
fn a_quick_note_needs_only_its_text() {
    let input = validate(&note("Core group went well; dad engaged."), today()).unwrap();
    assert_eq!(input.kind, EntryKind::Diary);
    assert_eq!(input.occurred_on, today());
    assert_eq!(input.title, "Core group went well; dad engaged.");
    assert_eq!(input.visibility, Visibility::Private);
}

#[test]
fn long_notes_get_a_shortened_title() {
    let text = "Joint visit with police after the referral this morning; children seen alone \
                and both said they felt safe at home with mum.";
    let title = validate(&note(text), today()).unwrap().title;
    assert!(title.ends_with('…'));
    assert!(title.chars().count() <= 61);
}

#[test]
fn a_structured_reflection_checks_its_stages() {
    let mut draft = EntryDraft {
        kind: Some("reflection".into()),
        title: Some("ICPC".into()),
        model: Some("driscoll".into()),
        ..EntryDraft::default()
    };
    draft
        .sections
        .insert("what".into(), "We held the ICPC.".into());
    draft.sections.insert("now_what".into(), "   ".into());
    let input = validate(&draft, today()).unwrap();
    assert_eq!(input.sections.len(), 1);

    draft.sections.insert("feelings".into(), "Anxious".into());
    let errors = validate(&draft, today()).unwrap_err();
    assert!(errors.get("sections.feelings").is_some());
}

#[test]
fn models_belong_to_reflections() {
    let mut draft = note("x");
    draft.model = Some("gibbs".into());
    assert!(
        validate(&draft, today())
            .unwrap_err()
            .get("model")
            .is_some()
    );
    draft.kind = Some("reflection".into());
    draft.title = Some("t".into());
    draft.model = Some("freud".into());
    assert!(
        validate(&draft, today())
            .unwrap_err()
            .get("model")
            .is_some()
    );
}

#[test]
fn cpd_records_need_their_fields() {
    let mut draft = EntryDraft {
        kind: Some("cpd".into()),
        title: Some("Course on contextual safeguarding".into()),
        ..EntryDraft::default()
    };
    let errors = validate(&draft, today()).unwrap_err();
    for field in [
        "cpd.activity",
        "cpd.description",
        "cpd.learning",
        "cpd.impact",
        "cpd.hours",
    ] {
        assert!(errors.get(field).is_some(), "{field}");
    }
    draft.cpd = Some(CpdDraft {
        activity_type: Some("Course".into()),
        description: Some("One-day course".into()),
        learning: Some("Peer group mapping".into()),
        impact: Some("Used it with a young person".into()),
        peer_reflection: Some("Discussed with a colleague".into()),
        hours: Some(6.5),
        ..CpdDraft::default()
    });
    assert!(
        validate(&draft, today())
            .unwrap_err()
            .get("cpd.peer_role")
            .is_some()
    );
    draft.cpd.as_mut().unwrap().peer_role = Some("Senior practitioner".into());
    let input = validate(&draft, today()).unwrap();
    assert_eq!(input.cpd.unwrap().hours, 6.5);
}

#[test]
fn bad_values_are_named() {
    let draft = EntryDraft {
        kind: Some("poem".into()),
        occurred_on: Some("2026-02-30".into()),
        occurred_at: Some("25:61".into()),
        mood: Some(9),
        visibility: Some("everyone".into()),
        title: Some("x".repeat(MAX_TITLE_CHARS + 1)),
        ..note("text")
    };
    let errors = validate(&draft, today()).unwrap_err();
    for field in [
        "kind",
        "occurred_on",
        "occurred_at",
        "mood",
        "visibility",
        "title",
    ] {
        assert!(errors.get(field).is_some(), "{field}: {errors}");
    }
}

#[test]
fn future_dates_are_refused_but_tomorrow_is_allowed() {
    let mut draft = note("x");
    draft.occurred_on = Some("2026-11-24".into());
    assert!(validate(&draft, today()).is_ok());
    draft.occurred_on = Some("2026-12-25".into());
    assert!(
        validate(&draft, today())
            .unwrap_err()
            .get("occurred_on")
            .is_some()
    );
}

#[test]
fn links_are_deduplicated() {
    let mut draft = note("x");
    draft.cases = vec!["FAM-1".into(), "fam-1".into(), " ".into(), "FAM-2".into()];
    assert_eq!(validate(&draft, today()).unwrap().cases, ["FAM-1", "FAM-2"]);
}
