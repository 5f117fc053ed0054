use super::*;

/// A local file in the shape deployments write: one shipped rule changed, one kind added.
const LOCAL: &str = r#"# Our local procedures.
[[event]]
kind = "s7_report_ordered"
title = "Section 7 report ordered"

[[event]]
kind = "s7_report_filed"
title = "Section 7 report filed"
future = false

[[rule]]
kind = "cp_visit"
title = "Child protection visit"
summary = "Child protection visits at least every 15 working days (local rule)."
starts = ["icpc"]
within = "15 working days"
met_by = ["cp_visit"]
stops = ["cp_plan_ended", "case_closed"]
repeat = true

[[rule]]
kind = "s7_report"
title = "Section 7 report"
summary = "Section 7 report filed within 8 weeks of the order (local rule)."
starts = ["s7_report_ordered"]
within = "8 weeks"
met_by = ["s7_report_filed"]
stops = ["case_closed"]
"#;

/// A minimal valid rule, for building bad files around.
const GOOD_RULE: &str = r#"[[rule]]
kind = "x"
title = "X"
summary = "X within 2 working days."
starts = ["icpc"]
within = "2 working days"
met_by = ["core_group"]
"#;

fn parse(text: &str) -> Result<RuleBook, RulesError> {
    RuleBook::parse(text, "local.toml")
}

#[test]
fn shipped_rules_parse_and_list_every_event_kind() {
    let book = RuleBook::shipped();
    let kinds: Vec<(&str, bool)> = book
        .events
        .iter()
        .map(|e| (e.kind.as_str(), e.future))
        .collect();
    assert_eq!(
        kinds,
        [
            ("strategy_discussion", false),
            ("s47_started", false),
            ("icpc", true),
            ("core_group", true),
            ("review_conference", true),
            ("cp_plan_ended", false),
            ("assessment_started", false),
            ("assessment_completed", false),
            ("cp_visit", true),
            ("cin_visit", true),
            ("lac_placement_start", false),
            ("lac_placement_ended", false),
            ("lac_visit", true),
            ("lac_review", true),
            ("care_proceedings_issued", false),
            ("care_proceedings_concluded", false),
            ("court_hearing", true),
            ("case_closed", false),
        ]
    );
    assert!(book.events.iter().all(|e| !e.title.is_empty()));
}

#[test]
fn shipped_rules_say_what_the_issue_says() {
    let book = RuleBook::shipped();
    let rules: Vec<String> = book
        .rules
        .iter()
        .map(|r| {
            let then = match (r.repeat, r.then_within) {
                (false, _) => String::new(),
                (true, None) => ", repeats".to_string(),
                (true, Some(span)) => format!(", repeats within {span}"),
            };
            format!(
                "{}: {} + {}, met by {}{then}",
                r.kind,
                r.starts.join(" or "),
                r.within,
                r.met_by.join(" or ")
            )
        })
        .collect();
    assert_eq!(
        rules,
        [
            "icpc: strategy_discussion + 15 working days, met by icpc",
            "first_core_group: icpc + 10 working days, met by core_group",
            "review_conference: icpc + 3 months, met by review_conference, repeats within 6 months",
            "assessment: assessment_started + 45 working days, met by assessment_completed",
            "cp_visit: icpc + 10 working days, met by cp_visit, repeats",
            "cin_visit: cin_visit + 20 working days, met by cin_visit, repeats",
            "lac_visit: lac_placement_start + 1 week, met by lac_visit, repeats within 6 weeks",
            "care_proceedings: care_proceedings_issued + 26 weeks, met by care_proceedings_concluded",
        ]
    );
    let lac = book.rule("lac_visit").unwrap();
    assert_eq!(
        lac.phases,
        [Phase {
            after: Span::Years(1),
            then_within: Span::Months(3)
        }]
    );
    for rule in &book.rules {
        assert!(
            rule.stops.iter().any(|k| k == "case_closed"),
            "{} must stop when the case closes",
            rule.kind
        );
        assert!(!rule.summary.is_empty() && !rule.title.is_empty());
    }
    for kind in ["review_conference", "cp_visit", "first_core_group"] {
        assert!(
            book.rule(kind)
                .unwrap()
                .stops
                .contains(&"cp_plan_ended".to_string())
        );
    }
    assert!(
        book.rule("lac_visit")
            .unwrap()
            .stops
            .contains(&"lac_placement_ended".to_string())
    );
    assert_eq!(book.check(), Ok(()));
}

#[test]
fn lookups_find_by_kind() {
    let book = RuleBook::shipped();
    assert_eq!(
        book.event("icpc").unwrap().title,
        "Initial child protection conference"
    );
    assert_eq!(book.rule("icpc").unwrap().within, Span::WorkingDays(15));
    assert!(book.event("custom").is_none());
    assert!(book.rule("core_group").is_none());
    assert!(book.event("nope").is_none());
}

#[test]
fn overrides_replace_in_place_and_add() {
    let local = parse(LOCAL).unwrap();
    let book = RuleBook::shipped().with_overrides(local).unwrap();
    let shipped = RuleBook::shipped();
    assert_eq!(book.events.len(), shipped.events.len() + 2);
    assert_eq!(book.rules.len(), shipped.rules.len() + 1);
    // The replaced rule keeps its place; everything else shipped is untouched.
    let position = |b: &RuleBook| b.rules.iter().position(|r| r.kind == "cp_visit");
    assert_eq!(position(&book), position(&shipped));
    assert_eq!(book.rule("cp_visit").unwrap().within, Span::WorkingDays(15));
    assert_eq!(book.rule("icpc"), shipped.rule("icpc"));
    let s7 = book.rule("s7_report").unwrap();
    assert_eq!(s7.within, Span::Weeks(8));
    assert_eq!(s7.starts, ["s7_report_ordered"]);
    assert_eq!(book.rules.last().unwrap().kind, "s7_report");
    // `future` defaults to false: refusing future dates is the safe side.
    assert!(!book.event("s7_report_ordered").unwrap().future);
}

#[test]
fn an_event_kind_can_be_overridden() {
    let local =
        parse("[[event]]\nkind = \"case_closed\"\ntitle = \"Case closed (NFA)\"\n").unwrap();
    let book = RuleBook::shipped().with_overrides(local).unwrap();
    assert_eq!(
        book.event("case_closed").unwrap().title,
        "Case closed (NFA)"
    );
    assert_eq!(book.events.len(), RuleBook::shipped().events.len());
}

#[test]
fn an_empty_local_file_changes_nothing() {
    let local = parse("# nothing local yet\n").unwrap();
    assert_eq!(
        local,
        RuleBook {
            events: vec![],
            rules: vec![]
        }
    );
    assert_eq!(
        RuleBook::shipped().with_overrides(local),
        Ok(RuleBook::shipped())
    );
}

#[test]
fn load_reads_the_named_file() {
    assert_eq!(RuleBook::load(None), Ok(RuleBook::shipped()));
    let path = std::env::temp_dir().join(format!("praxis-rules-{}.toml", std::process::id()));
    std::fs::write(&path, LOCAL).unwrap();
    let book = RuleBook::load(Some(&path));
    std::fs::remove_file(&path).unwrap();
    assert_eq!(
        book.unwrap().rule("s7_report").unwrap().within,
        Span::Weeks(8)
    );
}

#[test]
fn load_names_a_missing_file() {
    let path = std::env::temp_dir().join("praxis-no-such-rules-file.toml");
    let err = RuleBook::load(Some(&path)).unwrap_err();
    assert_eq!(err.source, path.display().to_string());
    assert_eq!(err.line, None);
    assert!(
        err.message.starts_with("cannot read the rules file: "),
        "{err}"
    );
}

#[test]
fn load_names_the_line_of_a_bad_file() {
    let path = std::env::temp_dir().join(format!("praxis-bad-rules-{}.toml", std::process::id()));
    std::fs::write(
        &path,
        "[[event]]\nkind = \"x\"\ntitle = \"X\"\nfutur = true\n",
    )
    .unwrap();
    let err = RuleBook::load(Some(&path)).unwrap_err();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(err.source, path.display().to_string());
    assert_eq!(err.line, Some(4));
    assert_eq!(
        err.to_string(),
        format!(
            "{}, line 4: unknown field `futur`, expected one of `kind`, `title`, `future`",
            path.display()
        )
    );
}

#[test]
fn bad_files_are_refused_naming_the_line() {
    let phase = "[[rule.phase]]\nafter = \"1 year\"\nthen_within = \"3 months\"\n";
    // (what is wrong, file, line, part of the message)
    #[rustfmt::skip]
    let cases: Vec<(&str, String, usize, &str)> = vec![
        ("syntax error", "[[event]]\nkind = \"a\"\ntitle = \"A\n".into(), 3, "invalid basic string"),
        ("bare word", "[[event]]\nkind = \"a\"\ntitle = \"A\"\nfuture = yes\n".into(), 4, "string values must be quoted"),
        ("wrong type", format!("{GOOD_RULE}repeat = \"yes\"\n"), 8, "expected a boolean"),
        ("unknown event in starts", GOOD_RULE.replace("[\"icpc\"]", "[\"icpc\", \"strategy_discusion\"]"), 5, "unknown event kind \"strategy_discusion\" in `starts`"),
        ("unknown event in a long list", GOOD_RULE.replace("[\"icpc\"]", "[\n  \"icpc\",\n  \"nope\",\n]"), 7, "unknown event kind \"nope\""),
        ("unknown event in stops", format!("{GOOD_RULE}stops = [\"case_closed\", \"closed\"]\n"), 8, "unknown event kind \"closed\" in `stops`"),
        ("bad span", GOOD_RULE.replace("2 working days", "15 wrking days"), 6, "`within` of rule \"x\": invalid length of time \"15 wrking days\""),
        ("bad span in a phase", format!("{GOOD_RULE}repeat = true\n{}", phase.replace("1 year", "a year")), 10, "`after` of rule \"x\""),
        ("duplicate rule kind", format!("{GOOD_RULE}\n{GOOD_RULE}"), 10, "rule \"x\" is defined twice in this file"),
        ("duplicate event kind", "[[event]]\nkind = \"a\"\ntitle = \"A\"\n[[event]]\nkind = \"a\"\ntitle = \"B\"\n".into(), 5, "event kind \"a\" is defined twice"),
        ("missing field", "[[event]]\nkind = \"a\"\ntitle = \"A\"\n\n[[rule]]\nkind = \"x\"\ntitle = \"X\"\n".into(), 5, "missing field `summary`"),
        ("missing within", GOOD_RULE.replace("within = \"2 working days\"\n", ""), 1, "missing field `within`"),
        ("unknown field", format!("{GOOD_RULE}repeats = true\n"), 8, "unknown field `repeats`"),
        ("unknown field in a phase", format!("{GOOD_RULE}repeat = true\n{phase}every = 1\n"), 12, "unknown field `every`"),
        ("unknown table", "[[events]]\nkind = \"a\"\n".into(), 1, "unknown field `events`, expected `event` or `rule`"),
        ("empty starts", GOOD_RULE.replace("[\"icpc\"]", "[]"), 5, "`starts` of rule \"x\" is empty"),
        ("empty met_by", GOOD_RULE.replace("[\"core_group\"]", "[]"), 7, "`met_by` of rule \"x\" is empty"),
        ("then_within without repeat", format!("{GOOD_RULE}then_within = \"6 months\"\n"), 8, "has `then_within` but not `repeat = true`"),
        ("phase without repeat", format!("{GOOD_RULE}repeat = false\n{phase}"), 10, "has `[[rule.phase]]` but not `repeat = true`"),
        ("rule kind not snake case", GOOD_RULE.replace("\"x\"", "\"Core-Group\""), 2, "must be lower_snake_case"),
        ("event kind not ASCII", "[[event]]\nkind = \"réunion\"\ntitle = \"R\"\n".into(), 2, "must be lower_snake_case"),
        ("double underscore", "[[event]]\nkind = \"a__b\"\ntitle = \"A\"\n".into(), 2, "must be lower_snake_case"),
        ("leading digit", "[[event]]\nkind = \"7_report\"\ntitle = \"A\"\n".into(), 2, "must be lower_snake_case"),
        ("reserved event kind", "[[event]]\nkind = \"custom\"\ntitle = \"C\"\n".into(), 2, "reserved"),
        ("reserved rule kind", GOOD_RULE.replace("\"x\"", "\"custom\""), 2, "reserved"),
        ("empty title", "\n[[event]]\nkind = \"a\"\ntitle = \"  \"\n".into(), 4, "`title` of \"a\" is empty"),
        ("empty summary", GOOD_RULE.replace("X within 2 working days.", ""), 4, "`summary` of \"x\" is empty"),
    ];
    for (name, text, line, fragment) in cases {
        let err = parse(&text).expect_err(name);
        assert_eq!(err.source, "local.toml", "{name}");
        assert_eq!(err.line, Some(line), "{name}: {err}");
        assert!(err.message.contains(fragment), "{name}: {err}");
        assert!(!err.message.contains('\n'), "{name}: {err}");
    }
}

#[test]
fn errors_display_file_line_and_message() {
    let err = parse(&GOOD_RULE.replace("2 working days", "2 wrking days")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "local.toml, line 6: `within` of rule \"x\": invalid length of time \"2 wrking days\": \
         expected a whole number then \"working days\", \"days\", \"weeks\", \"months\" or \
         \"years\" (singular or plural), e.g. \"15 working days\", \"1 working day\", \"10 days\", \
         \"6 weeks\", \"3 months\", \"1 year\""
    );
    let unknown = parse(&GOOD_RULE.replace("core_group", "core_grp")).unwrap_err();
    assert!(
        unknown.to_string().starts_with(
            "local.toml, line 7: rule \"x\" names unknown event kind \"core_grp\" in `met_by`; \
             define it in an [[event]] table or use one of: assessment_completed, "
        ),
        "{unknown}"
    );
    let no_line = RulesError {
        source: "timescale rules".into(),
        line: None,
        message: "rule \"x\" is defined twice".into(),
    };
    assert_eq!(
        no_line.to_string(),
        "timescale rules: rule \"x\" is defined twice"
    );
}

#[test]
fn a_local_rule_may_use_its_own_and_shipped_event_kinds() {
    let text = format!(
        "[[event]]\nkind = \"family_group_conference\"\ntitle = \"Family group conference\"\n\n{}",
        GOOD_RULE.replace(
            "[\"core_group\"]",
            "[\"family_group_conference\", \"core_group\"]"
        )
    );
    let book = RuleBook::shipped()
        .with_overrides(parse(&text).unwrap())
        .unwrap();
    assert_eq!(
        book.rule("x").unwrap().met_by,
        ["family_group_conference", "core_group"]
    );
}

#[test]
fn merging_is_checked_again() {
    // Laid over a book without the shipped events, the local rule's references dangle.
    let empty = RuleBook {
        events: vec![],
        rules: vec![],
    };
    let err = empty.with_overrides(parse(GOOD_RULE).unwrap()).unwrap_err();
    assert_eq!(err.source, "timescale rules");
    assert_eq!(err.line, None);
    assert!(err.message.contains("unknown event kind \"icpc\""), "{err}");
}
