//! Tags named in words: what a person types in the tag box ("s47", "section 47", "care act",
//! "PCF 6", "critical reflection") matched against the tags they may use. Used to resolve a
//! submitted box and to suggest tags as they type.

use super::catalogue::shipped;
use super::detect;

/// A tag a person may choose, as the matcher sees it.
#[derive(Debug, Clone, Copy)]
pub struct Choice<'a> {
    /// The tag's code ("CA1989-s47").
    pub code: &'a str,
    /// Its title ("Children Act 1989, section 47").
    pub title: &'a str,
}

/// Lower-case letters and digits, runs of anything else as one hyphen: "PCF 6" and "pcf-6"
/// fold alike.
fn folded(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// Codes the words may mean, best first, without duplicates: the code itself, then what the
/// legislation detector recognises in the words, then tags whose code or title holds every
/// word (the last word may be a beginning, as when typing).
pub fn matching(words: &str, choices: &[Choice<'_>]) -> Vec<String> {
    let key = folded(words);
    if key.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<String> = Vec::new();
    let mut add = |code: &str| {
        if !found.iter().any(|known| known == code) {
            found.push(code.to_string());
        }
    };
    for choice in choices.iter().filter(|choice| folded(choice.code) == key) {
        add(choice.code);
    }
    for code in detect::suggest_tags(words, shipped()) {
        if let Some(choice) = choices.iter().find(|choice| choice.code == code) {
            add(choice.code);
        }
    }
    let wanted: Vec<&str> = key.split('-').collect();
    for choice in choices {
        let haystack = format!("{}-{}", folded(choice.code), folded(choice.title));
        let held: Vec<&str> = haystack.split('-').collect();
        let all_there = wanted.iter().enumerate().all(|(index, word)| {
            let last = index + 1 == wanted.len();
            held.iter()
                .any(|have| have == word || (last && have.starts_with(word)))
        });
        if all_there {
            add(choice.code);
        }
    }
    found
}

/// The one tag the words name when a box is submitted: the code itself, a mention the
/// detector recognises, or the only tag whose title holds the words. `None` when nothing or
/// more than one tag fits, so the person is asked rather than given a guess.
pub fn resolve(words: &str, choices: &[Choice<'_>]) -> Option<String> {
    // Only words are read as words: text with other marks ("<b>", "a(1)") names no tag.
    let plain = words
        .chars()
        .all(|c| c.is_alphanumeric() || c.is_whitespace() || matches!(c, '-' | '.' | '_' | '\''));
    if !plain {
        return None;
    }
    let key = folded(words);
    if let Some(choice) = choices.iter().find(|choice| folded(choice.code) == key) {
        return Some(choice.code.to_string());
    }
    let detected: Vec<String> = detect::suggest_tags(words, shipped())
        .into_iter()
        .filter(|code| choices.iter().any(|choice| choice.code == *code))
        .collect();
    if let [only] = detected.as_slice() {
        return Some(only.clone());
    }
    match matching(words, choices).as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{Choice, matching, resolve};
    use crate::legislation::catalogue::shipped;

    fn with_catalogue<T>(work: impl FnOnce(&[Choice<'_>]) -> T) -> T {
        let choices: Vec<Choice<'_>> = shipped()
            .tags
            .iter()
            .map(|tag| Choice {
                code: &tag.code,
                title: &tag.title,
            })
            .collect();
        work(&choices)
    }

    #[test]
    fn practitioners_words_name_their_tags() {
        with_catalogue(|choices| {
            for (words, code) in [
                ("s47", "CA1989-s47"),
                ("section 47", "CA1989-s47"),
                ("PCF 6", "PCF-6"),
                ("pcf-6", "PCF-6"),
                ("critical reflection", "PCF-6"),
                ("ca1989-S47", "CA1989-s47"),
                ("care act", "CareAct2014"),
            ] {
                assert_eq!(resolve(words, choices).as_deref(), Some(code), "{words}");
            }
        });
    }

    #[test]
    fn care_act_is_suggested() {
        with_catalogue(|choices| {
            let found = matching("care act", choices);
            assert_eq!(
                found.first().map(String::as_str),
                Some("CareAct2014"),
                "{found:?}"
            );
        });
    }

    #[test]
    fn typing_the_start_of_a_word_suggests() {
        with_catalogue(|choices| {
            assert!(matching("critical refl", choices).contains(&"PCF-6".to_string()));
        });
    }

    #[test]
    fn nonsense_names_nothing() {
        with_catalogue(|choices| {
            assert_eq!(resolve("zebra crossing", choices), None);
            assert_eq!(resolve("<b>PCF-6</b>", choices), None);
            assert!(matching("  ,, ", choices).is_empty());
        });
    }
}
