use super::*;

fn words(list: &[&str]) -> Clause {
    Clause {
        negated: false,
        unit: Unit::Words(list.iter().map(|word| word.to_string()).collect()),
    }
}

#[test]
fn words_phrases_and_operators() {
    let query = parse(r#"core group "section 47" -police OR LAC review"#);
    assert_eq!(
        query.any_of,
        vec![
            vec![
                words(&["core", "group"]),
                Clause {
                    negated: false,
                    unit: Unit::Phrase("section 47".into())
                },
                Clause {
                    negated: true,
                    unit: Unit::Words(vec!["police".into()])
                },
            ],
            vec![words(&["LAC", "review"])],
        ]
    );
}

#[test]
fn hostile_input_reads_as_its_words() {
    assert!(parse("").is_empty());
    assert!(parse("-").is_empty());
    assert!(parse("\"").is_empty());
    assert!(parse("OR OR AND NOT").is_empty());
    assert!(parse("((( ))) *** &&& ||").is_empty());
    assert_eq!(
        parse("\"unclosed phrase").any_of,
        vec![vec![Clause {
            negated: false,
            unit: Unit::Phrase("unclosed phrase".into())
        }]]
    );
    assert_eq!(
        parse("NOT drugs").any_of,
        vec![vec![Clause {
            negated: true,
            unit: Unit::Words(vec!["drugs".into()])
        }]]
    );
    assert_eq!(
        parse("safeg*").any_of,
        vec![vec![Clause {
            negated: false,
            unit: Unit::Prefix("safeg".into())
        }]]
    );
    let long = "word ".repeat(1000);
    let parsed = parse(&long);
    assert!(parsed.any_of[0].len() <= MAX_CLAUSES);
}

#[test]
fn the_last_word_can_be_a_prefix() {
    let query = with_last_word_as_prefix(parse("core gro"));
    assert_eq!(
        query.any_of,
        vec![vec![
            words(&["core"]),
            Clause {
                negated: false,
                unit: Unit::Prefix("gro".into())
            }
        ]]
    );
    let single = with_last_word_as_prefix(parse("saf"));
    assert_eq!(
        single.any_of,
        vec![vec![Clause {
            negated: false,
            unit: Unit::Prefix("saf".into())
        }]]
    );
}
