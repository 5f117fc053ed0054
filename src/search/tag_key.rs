//! How a tag is written in the index. The catalogue is shared, so its codes stand as they
//! are; a topic belongs to the person who made it, and two people may each keep a topic
//! with the same code. Writing the owner into a topic's term keeps their entries apart in
//! filters and counts, so one person's "resilience" never gathers another's.

const TOPIC: &str = "topic:";

/// The indexed term for a tag with this code and owner (`None` for the catalogue).
pub fn tag_key(code: &str, owner: Option<i32>) -> String {
    match owner {
        None => code.to_string(),
        Some(owner) => format!("{TOPIC}{owner}:{code}"),
    }
}

/// The owner (`None` for the catalogue) and code written in an indexed tag term.
pub fn tag_of_key(key: &str) -> (Option<i32>, &str) {
    key.strip_prefix(TOPIC)
        .and_then(|rest| rest.split_once(':'))
        .and_then(|(owner, code)| Some((Some(owner.parse().ok()?), code)))
        .unwrap_or((None, key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn catalogue_codes_stand_as_they_are() {
        assert_eq!(tag_key("CA1989-s47", None), "CA1989-s47");
        assert_eq!(tag_of_key("CA1989-s47"), (None, "CA1989-s47"));
    }

    #[test]
    fn topics_of_different_owners_differ() {
        assert_ne!(
            tag_key("resilience", Some(1)),
            tag_key("resilience", Some(2))
        );
        assert_ne!(tag_key("resilience", Some(1)), tag_key("resilience", None));
    }

    proptest! {
        #[test]
        fn every_key_reads_back(code in "[^\\x00-\\x1f]{1,40}", owner in proptest::option::of(1i32..i32::MAX)) {
            let key = tag_key(&code, owner);
            prop_assert_eq!(tag_of_key(&key), (owner, code.as_str()));
        }
    }
}
