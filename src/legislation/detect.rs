//! Legislation mentioned in free text, offered as tags.
//!
//! Workers write law in many ways ("s47", "S.20 accommodation", "section 17 of the Children Act
//! 1989", "ss.1-4 MCA", "Art. 8 ECHR"). Two kinds of mention are found: phrases (the names of an
//! Act, the aliases of a catalogue item) and numbered references (sections, articles, parts). A
//! reference belongs to an Act named next to it in the same clause; failing that a section means
//! the default Act (the Children Act 1989) if it has that section, else the only Act that has it.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::catalogue::{Act, Catalogue, shipped};

/// Keywords (singular, plural) of section, article and part references. "art" needs a dot or a
/// capital ("Art 8") so that "art 2 lesson" stays out.
const SECTION: (&str, &str) = (r"section|sect\.?|sec\.?|s\.?", r"sections|secs\.?|ss\.?");
const ARTICLE: (&str, &str) = (
    r"article|art\.|(?-i:Art|ART)",
    r"articles|arts\.|(?-i:Arts)",
);
const PART: (&str, &str) = ("part", "parts");
/// Roman numerals of parts ("Part III"), by value less one.
const ROMAN: [&str; 10] = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
/// Words that end a clause between a number and an Act: "s47 enquiry and an MCA assessment".
const BREAKS: &[&str] = &[
    "and", "or", "but", "nor", "then", "with", "while", "so", "as", "also",
];
/// Words that only link a number to its Act ("section 17 of the Children Act").
const LINKS: &[&str] = &["of", "the", "under", "in", "per"];
/// Lower-case words allowed inside a Title Case alias.
const SMALL: &[&str] = &["of", "to", "and", "in", "the", "for", "on", "a"];

/// A keyword and one or more numbers. After a plural keyword ("ss.", "sections") bare numbers may
/// follow ("ss.1-4", "sections 17, 20 and 47"); after a singular one only a range may ("s.1-4"),
/// others need their own keyword ("s.17 and s.47"), so "s47 and 17 visits" names one section.
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    let sep = r"\s*(?:,\s*(?:and|or|&)?|and|or|&|/|-|–|to)\s*";
    let list = |(one, many): (&str, &str), n: &str| {
        format!(
            r"(?:{many})\s{{0,2}}{n}(?:{sep}(?:(?:{many}|{one})\s{{0,2}})?{n})*|(?:{one})\s{{0,2}}{n}(?:{sep}(?:{one})\s{{0,2}}{n}|\s*[-–]\s*{n})*"
        )
    };
    let num = r"\d{1,3}[a-z]{0,3}\b";
    let (s, a, p) = (
        list(SECTION, num),
        list(ARTICLE, num),
        list(PART, r"(?:\d{1,2}|[ivx]{1,4})\b"),
    );
    regex(&format!(r"(?i)\b(?:(?P<s>{s})|(?P<a>{a})|(?P<p>{p}))"))
});
/// One number inside a reference, with any letters ("22C") or in roman numerals ("III").
static NUMBER: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\d{1,3}[a-z]{0,3}\b|\b[ivx]{1,4}\b"));
/// A time or a decimal after a number ("s 10.30", "s 4 pm"): not a section.
static TIME_AFTER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)^(?:[.:]\d|\s*(?:am|pm)\b|\s*%)"));
/// "section 1 of the ...": the reference belongs to whatever follows, statute or not.
static OF_AFTER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)^\s+of\s+(?:(?:the|this|that|a|an|my|our|your|their)\s+)?"));
/// A year right after a phrase ("Working Together 2018"), and a year in a code or title.
static YEAR_AFTER: LazyLock<Regex> = LazyLock::new(|| regex(r"^\s+((?:1[89]|20)\d{2})\b"));
static YEAR: LazyLock<Regex> = LazyLock::new(|| regex(r"(?:1[89]|20)\d{2}"));
/// Phrases of the shipped catalogue, compiled once; other catalogues compile theirs per call.
static SHIPPED_PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(shipped()));

/// Compiles one of this module's fixed patterns.
fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("the fixed patterns of detect.rs are valid")
}

/// Codes of catalogue tags the text mentions, in order of first mention, without duplicates.
pub fn suggest_tags(text: &str, catalogue: &Catalogue) -> Vec<String> {
    let own;
    let phrases = if std::ptr::eq(catalogue, shipped()) {
        &*SHIPPED_PHRASES
    } else {
        own = Phrases::new(catalogue);
        &own
    };
    let mentions = phrases.find(text);
    // An Act name that placed a section is part of that mention, not a mention of the whole Act.
    let mut consumed = vec![false; mentions.len()];
    let mut found = Vec::new();
    for reference in references(text) {
        let Some(attached) = attachments(text, &mentions, &reference) else {
            continue;
        };
        for number in &reference.numbers {
            if let Some((code, by)) = resolve(catalogue, reference.unit, number, &attached) {
                found.push((reference.start, code));
                if let Some(index) = by {
                    consumed[index] = true;
                }
            }
        }
    }
    for (mention, used) in mentions.iter().zip(consumed) {
        if let (false, Some(code)) = (used, &mention.named.code) {
            found.push((mention.start, code.clone()));
        }
    }
    found.sort_by_key(|(start, _)| *start);
    let mut seen = HashSet::new();
    found.retain(|(_, code)| seen.insert(code.clone()));
    found.into_iter().map(|(_, code)| code).collect()
}

/// What a phrase names, and how it must be written to count.
struct Named {
    /// The Act it names (index into the catalogue's acts), to which numbers next to it belong.
    act: Option<usize>,
    /// The tag offered when the phrase stands alone.
    code: Option<String>,
    /// For a Title Case alias of several words ("Working Together"), which words need their
    /// capital in the text, so that "working together with dad" is not taken for the guidance.
    capitals: Vec<bool>,
    /// The year of the Act or edition named: "Working Together 2018" is not the 2023 edition,
    /// "Mental Health Act 2007" not the 1983 Act; "KCSIE 2024" is KCSIE, whose tag has no year.
    year: Option<String>,
}

/// A phrase found in the text, by byte offsets.
struct Mention<'p> {
    start: usize,
    end: usize,
    named: &'p Named,
}

/// A catalogue's phrases as one regex, longest first so "Children Act 2004" beats "Children Act".
struct Phrases {
    regex: Option<Regex>,
    /// By lower-case phrase with single spaces.
    named: HashMap<String, Named>,
}

impl Phrases {
    fn new(catalogue: &Catalogue) -> Phrases {
        let year = |text: &str| YEAR.find(text).map(|m| m.as_str().to_owned());
        let mut named = HashMap::new();
        for (index, act) in catalogue.acts.iter().enumerate() {
            let code = catalogue.tag(&act.prefix).map(|tag| tag.code.clone());
            for name in &act.names {
                let (act, code, year) = (Some(index), code.clone(), year(&act.prefix));
                let entry = Named {
                    act,
                    code,
                    capitals: Vec::new(),
                    year,
                };
                named.entry(key(name)).or_insert(entry);
            }
        }
        for tag in &catalogue.tags {
            for alias in &tag.aliases {
                let (code, capitals, year) =
                    (Some(tag.code.clone()), capitals(alias), year(&tag.title));
                named.entry(key(alias)).or_insert(Named {
                    act: None,
                    code,
                    capitals,
                    year,
                });
            }
        }
        let mut keys: Vec<&String> = named.keys().filter(|k| !k.is_empty()).collect();
        keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
        let escaped: Vec<String> = keys
            .iter()
            .map(|k| regex::escape(k).replace(' ', r"\s+"))
            .collect();
        let pattern = format!(r"(?i)\b(?:{})\b", escaped.join("|"));
        let regex = (!keys.is_empty())
            .then(|| Regex::new(&pattern).ok())
            .flatten();
        Phrases { regex, named }
    }

    fn find(&self, text: &str) -> Vec<Mention<'_>> {
        let mut found = Vec::new();
        for m in self.regex.iter().flat_map(|regex| regex.find_iter(text)) {
            let phrase = key(m.as_str());
            let Some(named) = self.named.get(&phrase) else {
                continue;
            };
            let mut words = m.as_str().split_whitespace();
            let upper = |w: Option<&str>| w.is_some_and(|w| w.starts_with(char::is_uppercase));
            let capitalised = named
                .capitals
                .iter()
                .all(|&cap| upper(words.next()) || !cap);
            let written = YEAR_AFTER.captures(&text[m.end()..]).and_then(|c| c.get(1));
            let dated = phrase.ends_with(|c: char| c.is_ascii_digit());
            let other_year = !dated
                && written
                    .zip(named.year.as_ref())
                    .is_some_and(|(w, y)| w.as_str() != y);
            if capitalised && !other_year {
                found.push(Mention {
                    start: m.start(),
                    end: m.end(),
                    named,
                });
            }
        }
        found
    }
}

/// Lower case with single spaces, so phrases compare whatever the spacing.
fn key(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Which words of a Title Case alias of several words must keep their capital (see [`Named`]).
fn capitals(alias: &str) -> Vec<bool> {
    let words: Vec<&str> = alias.split_whitespace().collect();
    let upper: Vec<bool> = words
        .iter()
        .map(|w| w.starts_with(char::is_uppercase))
        .collect();
    let title = words
        .iter()
        .zip(&upper)
        .all(|(w, &up)| up || SMALL.contains(w));
    if words.len() > 1 && title {
        upper
    } else {
        Vec::new()
    }
}

/// Which numbered thing a reference names; its infix in tag codes is `s`, `art` or `pt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Section,
    Article,
    Part,
}

/// A numbered reference in the text: its byte span and numbers ("14A"; "3" for "III").
struct Reference {
    start: usize,
    end: usize,
    unit: Unit,
    numbers: Vec<String>,
}

fn references(text: &str) -> Vec<Reference> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(caps) = REFERENCE.captures_at(text, at) {
        let Some(whole) = caps.get(0) else { break };
        let (start, end) = (whole.start(), whole.end());
        // "it's 17", "mum's 20", "P.S. 20" and times are not sections. Retry one byte on (the
        // keyword starts with an ASCII letter) in case a real reference starts inside.
        let before = text[..start].chars().next_back();
        if before.is_some_and(|c| "'’._".contains(c)) || TIME_AFTER.is_match(&text[end..]) {
            at = start + 1;
            continue;
        }
        at = end;
        let unit = match (caps.name("s"), caps.name("a")) {
            (Some(_), _) => Unit::Section,
            (_, Some(_)) => Unit::Article,
            _ => Unit::Part,
        };
        found.push(Reference {
            start,
            end,
            unit,
            numbers: numbers(whole.as_str()),
        });
    }
    found
}

/// The numbers in a reference, upper case, roman as arabic, and ranges filled in ("ss.1-4").
fn numbers(reference: &str) -> Vec<String> {
    let mut numbers: Vec<String> = Vec::new();
    let mut previous_end = 0;
    for token in NUMBER.find_iter(reference) {
        let raw = token.as_str().to_lowercase();
        let number = match ROMAN.iter().position(|roman| *roman == raw) {
            Some(index) => (index + 1).to_string(),
            None => raw.to_uppercase(),
        };
        let between = &reference[previous_end..token.start()];
        let to = between
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("to"));
        let low = numbers.last().and_then(|n| n.parse::<u32>().ok());
        // A long or backward range is read as its two ends.
        if (to || between.contains(['-', '–']))
            && let (Some(low), Ok(high)) = (low, number.parse::<u32>())
            && low < high
            && high - low <= 20
        {
            numbers.extend((low + 1..high).map(|n| n.to_string()));
        }
        numbers.push(number);
        previous_end = token.end();
    }
    numbers
}

/// An Act named next to a reference: its mention and Act, the number of words between them,
/// whether those words only link the two ("of the"), and whether the Act comes after.
struct Attached {
    mention: usize,
    act: usize,
    words: usize,
    tight: bool,
    after: bool,
}

/// The Acts named right before and after a reference, or `None` when the reference belongs to
/// something that is not an Act ("section 1 of the report", "Article 2 of the contract").
fn attachments(text: &str, mentions: &[Mention], reference: &Reference) -> Option<Vec<Attached>> {
    let acts = || {
        mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.named.act.is_some())
    };
    let before = acts().rfind(|(_, m)| m.end <= reference.start);
    let after = acts().find(|(_, m)| m.start >= reference.end);
    if let Some(of) = OF_AFTER.find(&text[reference.end..])
        && after.is_none_or(|(_, m)| m.start != reference.end + of.end())
    {
        return None;
    }
    let mut attached = Vec::new();
    for (side, after) in [(before, false), (after, true)] {
        let Some((mention, m)) = side else { continue };
        let (from, to) = if after {
            (reference.end, m.start)
        } else {
            (m.end, reference.start)
        };
        if let (Some(act), Some((words, tight))) = (m.named.act, gap(&text[from..to])) {
            attached.push(Attached {
                mention,
                act,
                words,
                tight,
                after,
            });
        }
    }
    Some(attached)
}

/// The words between a reference and an Act name if the two belong together: the same clause
/// (no sentence punctuation, no comma between words), at most three words and no conjunction;
/// and whether every word only links the two.
fn gap(between: &str) -> Option<(usize, bool)> {
    let words = between
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let words: Vec<String> = words.map(str::to_lowercase).collect();
    let broken = words.iter().any(|w| BREAKS.contains(&w.as_str()));
    let comma = !words.is_empty() && between.contains(',');
    if between.contains(['.', ';', ':', '!', '?', '\n']) || words.len() > 3 || broken || comma {
        return None;
    }
    Some((
        words.len(),
        words.iter().all(|w| LINKS.contains(&w.as_str())),
    ))
}

/// The catalogued code a number stands for, and the Act mention that placed it, if any.
fn resolve(
    catalogue: &Catalogue,
    unit: Unit,
    number: &str,
    attached: &[Attached],
) -> Option<(String, Option<usize>)> {
    // "s47s" is the plural of s47, unless a section 47S is catalogued.
    let plural = number
        .strip_suffix('S')
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let variants = [Some(number), plural];
    for variant in variants.iter().flatten() {
        let fits = attached
            .iter()
            .filter_map(|a| Some((code(&catalogue.acts[a.act], unit, variant, catalogue)?, a)));
        if let Some((code, a)) = fits.min_by_key(|(_, a)| (a.words, a.after)) {
            return Some((code, Some(a.mention)));
        }
    }
    // An Act named tightly ("Care Act s.47") is taken at its word: a section it lacks is no tag.
    if attached.iter().any(|a| a.tight) || unit == Unit::Part {
        return None;
    }
    for variant in variants.iter().flatten() {
        let find = |act: &Act| code(act, unit, variant, catalogue);
        let default = catalogue
            .acts
            .iter()
            .filter(|act| act.default_for_bare_sections);
        let mut default = default.filter(|_| unit == Unit::Section).filter_map(find);
        let mut having = catalogue.acts.iter().filter_map(find);
        if let Some(code) = default.next() {
            return Some((code, None));
        } else if let (Some(code), None) = (having.next(), having.next()) {
            return Some((code, None));
        }
    }
    None
}

/// The code of an Act's section, article or part, if the catalogue has it.
fn code(act: &Act, unit: Unit, number: &str, catalogue: &Catalogue) -> Option<String> {
    let infix = match unit {
        Unit::Section => "s",
        Unit::Article => "art",
        Unit::Part => "pt",
    };
    let tag = catalogue.tag(&format!("{}-{infix}{number}", act.prefix))?;
    Some(tag.code.clone())
}

#[cfg(test)]
mod tests;
