//! Finds likely personal identifiers in text before it is saved.
//!
//! Practitioners write about real families and must not identify them, so entry bodies,
//! case labels and the like are scanned here and what was found is shown back, with where,
//! for the author to edit or confirm. The scan is a heuristic over the shapes UK
//! identifiers take; it errs towards quiet on ordinary prose (dates, times, money, case
//! references such as "FAM-017", legislation such as "s47", acronyms) because a warning
//! that fires on everything teaches people to ignore it.
//!
//! Rules chosen for ambiguous text, each pinned by a test:
//! - NHS number or phone number: an NHS number is never taken to start with 0 (those
//!   issued in England and Wales start 4, 6 or 7, test numbers 999; Scottish CHI numbers,
//!   which can start 0, are out of scope) while a UK phone number always starts with 0 or
//!   +44, so the two never compete. Ten digits starting 0 are only ever a phone number, and
//!   only when they start 01 (the few areas with 9-digit national numbers); ten digits not
//!   starting 0 are an NHS number only if they pass the modulus 11 check, else nothing.
//! - Phone numbers count only with 11 digits starting 01, 02 or 07 (or 10 starting 01), in
//!   national or +44 form. 03, 08 and 09 numbers belong to organisations and helplines, not
//!   households, and are left alone. The first group must hold at least 3 digits ("020",
//!   "0161", "07700"), which keeps dates such as "01-03-2015" out. Where digit groups run on
//!   after a space ("07700 900123 07700 900456") the longest valid leading part is taken;
//!   after a dash the whole run must be valid.
//! - "QQ 12 34 56 C", the prefix used in official examples, is not reported: Q is never
//!   issued as a first letter, so it is an example, not somebody's number. Likewise the
//!   unallocated prefixes BG, GB, KN, NK, NT, TN and ZZ. The suffix letter is required.
//! - A postcode written with any lower-case letter whose inward code reads as an ordinal
//!   ("a1 2nd", "y7 1st") is prose, not a postcode; in capitals ("B33 8TH") it is kept.
//! - A date of birth needs a marker (DOB, D.O.B., date of birth, born, born on) and a full
//!   date with a year; d/m/y dates are also accepted in m/d/y order, since either way it
//!   identifies the child.
//! - Overlapping findings: the longest wins (a date of birth over anything inside it, an
//!   email address over a postcode-shaped local part); on equal length the more specific
//!   kind wins, in the order date of birth, NHS, National Insurance, email, postcode, phone.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::{Captures, Regex, RegexBuilder};

/// Kinds of likely personal identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentifierKind {
    /// An email address.
    Email,
    /// A UK mobile or landline number.
    PhoneNumber,
    /// A full UK postcode.
    Postcode,
    /// An NHS number that passes its check digit.
    NhsNumber,
    /// A National Insurance number with an issued prefix.
    NiNumber,
    /// A date introduced as someone's date of birth.
    DateOfBirth,
}

impl IdentifierKind {
    /// How the kind is named in a sentence shown to the author, e.g. "an email address".
    pub fn label(self) -> &'static str {
        match self {
            Self::Email => "an email address",
            Self::PhoneNumber => "a UK phone number",
            Self::Postcode => "a UK postcode",
            Self::NhsNumber => "an NHS number",
            Self::NiNumber => "a National Insurance number",
            Self::DateOfBirth => "a date of birth",
        }
    }

    /// Which kind wins when two findings of the same length overlap: lower is more specific.
    fn rank(self) -> u8 {
        match self {
            Self::DateOfBirth => 0,
            Self::NhsNumber => 1,
            Self::NiNumber => 2,
            Self::Email => 3,
            Self::Postcode => 4,
            Self::PhoneNumber => 5,
        }
    }
}

/// One likely identifier found in a field.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PrivacyWarning {
    /// The form or API field name the caller passed, e.g. "body" or "sections.description".
    pub field: String,
    /// What the text looks like.
    pub kind: IdentifierKind,
    /// The matched text exactly as written.
    pub found: String,
    /// 1-based line within the field.
    pub line: usize,
    /// Byte offset of the first byte of `found` in the field text.
    pub start: usize,
    /// Byte offset just past the end of `found` in the field text.
    pub end: usize,
}

/// Scans one field's text. Findings are in order of position, never overlapping.
pub fn scan(field: &str, text: &str) -> Vec<PrivacyWarning> {
    let mut spans = Vec::new();
    collect(&EMAIL, text, IdentifierKind::Email, &mut spans, email_span);
    collect(&PHONE, text, IdentifierKind::PhoneNumber, &mut spans, |c| {
        phone_span(text, c)
    });
    collect(&POSTCODE, text, IdentifierKind::Postcode, &mut spans, |c| {
        standalone(text, c).filter(|_| !reads_as_ordinal(&c[0]))
    });
    collect(&NHS, text, IdentifierKind::NhsNumber, &mut spans, |c| {
        standalone(text, c).filter(|_| nhs_check_passes(&c[0]))
    });
    collect(&NINO, text, IdentifierKind::NiNumber, &mut spans, |c| {
        let prefix = c[0][..2].to_ascii_uppercase();
        let unissued = ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].contains(&prefix.as_str());
        standalone(text, c).filter(|_| !unissued)
    });
    collect(&DOB, text, IdentifierKind::DateOfBirth, &mut spans, |c| {
        let whole = c.get_match();
        dob_date_valid(c).then_some((whole.start(), whole.end()))
    });

    let mut line = 1;
    let mut counted = 0;
    resolve(spans)
        .into_iter()
        .map(|span| {
            // Spans come sorted by start, so each newline is counted once.
            line += text.as_bytes()[counted..span.start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted = span.start;
            PrivacyWarning {
                field: field.to_owned(),
                kind: span.kind,
                found: text[span.start..span.end].to_owned(),
                line,
                start: span.start,
                end: span.end,
            }
        })
        .collect()
}

/// Scans several (field, text) pairs and concatenates findings.
pub fn scan_all<'a>(fields: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<PrivacyWarning> {
    fields
        .into_iter()
        .flat_map(|(field, text)| scan(field, text))
        .collect()
}

/// A candidate finding, as byte offsets, before overlaps are resolved.
#[derive(Debug, Clone, Copy)]
struct Span {
    kind: IdentifierKind,
    start: usize,
    end: usize,
}

/// Compiles a built-in pattern. Unicode is off so that letters and digits mean ASCII ones
/// only (no Arabic-Indic digits, no Kelvin sign standing in for "k" under case folding).
fn build(pattern: &str) -> Regex {
    RegexBuilder::new(pattern)
        .unicode(false)
        .build()
        .expect("built-in pattern compiles")
}

/// Month names and the usual abbreviations, for written dates.
const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

// Leftmost-first matching starts the local part at the beginning of its run, and the
// domain must end in a dot and letters so that a sentence's full stop is left outside.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    build(r"[A-Za-z0-9._%+'\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\b")
});

// A run of digit groups after "+44" (with an optional "(0)"), after "(0...)" or after "0";
// the digits are checked afterwards. Group sizes and counts are bounded so that a long
// run of digits costs little each time the search resumes inside it.
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?x)
        \+44 [\ -]? (?: \(0\) [\ -]? )? (?P<intl> [0-9]{1,11} (?: [\ -][0-9]{1,11} ){0,5} )
        | \( (?P<paren> 0[0-9]{1,5} \) [\ -]? [0-9]{1,11} (?: [\ -][0-9]{1,11} ){0,5} )
        | (?P<nat> 0[0-9]{1,11} (?: [\ -][0-9]{1,11} ){0,5} )",
    )
});

// Outward code A9, A99, A9A, AA9, AA99 or AA9A with the letters each place may hold, then
// the inward code 9AA without C, I, K, M, O or V.
static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?i)[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?) ?[0-9][ABD-HJLNP-UW-Z]{2}",
    )
});

// Never starting with 0 (see the module notes); one separator style throughout.
static NHS: LazyLock<Regex> =
    LazyLock::new(|| build(r"[1-9][0-9]{2}(?: [0-9]{3} |-[0-9]{3}-|[0-9]{3})[0-9]{4}"));

// First letter not D, F, I, Q, U or V; second not D, F, I, O, Q, U or V.
static NINO: LazyLock<Regex> = LazyLock::new(|| {
    build(r"(?i)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]")
});

// A birth marker, a few characters of punctuation or a linking word (and perhaps the day
// of the week), then a full date.
static DOB: LazyLock<Regex> = LazyLock::new(|| {
    build(
        &r"(?xi)
        \b (?: d(?:\.\s?)?o(?:\.\s?)?b\b\.? | date\s+of\s+birth\b | born\b (?:\s+on\b)? )
        [\s:=(\-]{0,4} (?: (?:is|was|on|of) \s+ )?
        (?: (?:mon|tues|wednes|thurs|fri|satur|sun)day ,? \s+ )? (?: the \s+ )?
        (?: (?P<d1>[0-9]{1,2}) [/.\-] (?P<m1>[0-9]{1,2}) [/.\-] (?:[0-9]{4}|[0-9]{2})
          | [0-9]{4} [/.\-] (?P<m2>[0-9]{1,2}) [/.\-] (?P<d2>[0-9]{1,2})
          | (?P<d3>[0-9]{1,2}) (?:st|nd|rd|th)? \s+ (?:of\s+)? MONTH ,? \s+ (?:[0-9]{4}|[0-9]{2})
          | MONTH \s+ (?P<d4>[0-9]{1,2}) (?:st|nd|rd|th)? ,? \s+ [0-9]{4} )
        \b"
        .replace("MONTH", MONTH),
    )
});

/// Runs `re` over `text`, turning each match into a span with `accept` (which may shorten
/// it) or rejecting it. After a rejection the search resumes one character past the
/// match's start, so an identifier beginning inside a rejected match is still found.
fn collect(
    re: &Regex,
    text: &str,
    kind: IdentifierKind,
    out: &mut Vec<Span>,
    accept: impl Fn(&Captures<'_>) -> Option<(usize, usize)>,
) {
    let mut pos = 0;
    while pos <= text.len() {
        let Some(caps) = re.captures_at(text, pos) else {
            break;
        };
        let start = caps.get_match().start();
        let next_char = start + text[start..].chars().next().map_or(1, char::len_utf8);
        pos = match accept(&caps) {
            Some((s, e)) if s < e => {
                out.push(Span {
                    kind,
                    start: s,
                    end: e,
                });
                e.max(next_char)
            }
            _ => next_char,
        };
    }
}

/// Keeps the longest candidates (then the most specific) that do not overlap, in order.
fn resolve(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by_key(|s| (Reverse(s.end - s.start), s.kind.rank(), s.start));
    // Kept spans are disjoint, so only the last one starting before a candidate's end can
    // overlap it; keyed by start, that is one lookup rather than a pass over all of them.
    let mut kept: BTreeMap<usize, Span> = BTreeMap::new();
    for span in spans {
        let clashes = kept
            .range(..span.end)
            .next_back()
            .is_some_and(|(_, k)| k.end > span.start);
        if !clashes {
            kept.insert(span.start, span);
        }
    }
    kept.into_values().collect()
}

/// Whether the character before `start` lets an identifier begin there, rather than it
/// continuing a word, an amount or a longer number such as "12-0161...".
fn clear_before(text: &str, start: usize) -> bool {
    let mut before = text[..start].chars().rev();
    match before.next() {
        None => true,
        Some(c) if c.is_alphanumeric() || "_+£$€#@&".contains(c) => false,
        Some(c) if "-/.,:".contains(c) => !before.next().is_some_and(|c| c.is_ascii_digit()),
        Some(_) => true,
    }
}

/// Whether the identifier can end at `end`: not followed by more of a word or number, by
/// a decimal part, or by "@" (then it is an email's local part).
fn clear_after(text: &str, end: usize) -> bool {
    let mut after = text[end..].chars();
    match after.next() {
        None => true,
        Some(c) if c.is_alphanumeric() || c == '_' || c == '@' => false,
        Some(c) if "-/.,:".contains(c) => !after.next().is_some_and(|c| c.is_ascii_digit()),
        Some(_) => true,
    }
}

/// The whole match, if it stands apart from the text around it.
fn standalone(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let m = caps.get_match();
    (clear_before(text, m.start()) && clear_after(text, m.end())).then_some((m.start(), m.end()))
}

/// Drops quotes or dots the local-part pattern swallowed from the text before an address.
fn email_span(caps: &Captures<'_>) -> Option<(usize, usize)> {
    let m = caps.get_match();
    let trimmed = m.as_str().trim_start_matches(['\'', '.']);
    (!trimmed.starts_with('@')).then_some((m.end() - trimmed.len(), m.end()))
}

/// The longest leading run of digit groups that is a plausible UK phone number.
fn phone_span(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let start = caps.get_match().start();
    if !clear_before(text, start) {
        return None;
    }
    let (groups, international) = match (caps.name("intl"), caps.name("paren")) {
        (Some(m), _) => (m, true),
        (_, Some(m)) => (m, false),
        _ => (caps.name("nat")?, false),
    };
    // People write "+44 07700 ..." as well as "+44 7700 ..."; both mean the same number.
    let mut national = String::with_capacity(12);
    if international && !groups.as_str().starts_with('0') {
        national.push('0');
    }
    // The groups are ASCII (digits, spaces, dashes, one ")"), so bytes are characters.
    let (base, bytes) = (groups.start(), groups.as_str().as_bytes());
    let mut best = None;
    let mut i = 0;
    while i < bytes.len() && national.len() <= 11 {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let first_group = i == 0;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            national.push(char::from(bytes[i]));
            i += 1;
        }
        // A first group of fewer than 3 digits is a date or a list, not an area code.
        if first_group && national.len() < 3 {
            return None;
        }
        let valid_length = match national.as_bytes().get(1) {
            Some(b'1') => national.len() == 10 || national.len() == 11,
            Some(b'2' | b'7') => national.len() == 11,
            _ => false,
        };
        if valid_length && clear_after(text, base + i) {
            best = Some((start, base + i));
        }
    }
    best
}

/// True for a postcode written in lower case whose inward code reads as an ordinal.
fn reads_as_ordinal(found: &str) -> bool {
    let suffix = found[found.len() - 2..].to_ascii_lowercase();
    found.bytes().any(|b| b.is_ascii_lowercase()) && ["st", "nd", "rd", "th"].contains(&&*suffix)
}

/// The NHS modulus 11 check: weights 10 down to 2 on the first nine digits, check digit
/// 11 minus the remainder (11 becomes 0; 10 means no valid number).
fn nhs_check_passes(found: &str) -> bool {
    let digits: Vec<u32> = found.chars().filter_map(|c| c.to_digit(10)).collect();
    let Some((&check, body)) = digits.split_last() else {
        return false;
    };
    let sum: u32 = body.iter().zip((2..=10).rev()).map(|(d, w)| d * w).sum();
    match 11 - sum % 11 {
        11 => check == 0,
        10 => false,
        expected => check == expected,
    }
}

/// Whether the date after a birth marker is a real day and month.
fn dob_date_valid(caps: &Captures<'_>) -> bool {
    let num = |name| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let day = |d: u32| (1..=31).contains(&d);
    let month = |m: u32| (1..=12).contains(&m);
    if let (Some(a), Some(b)) = (num("d1"), num("m1")) {
        (day(a) && month(b)) || (month(a) && day(b))
    } else if let (Some(m), Some(d)) = (num("m2"), num("d2")) {
        month(m) && day(d)
    } else {
        num("d3").or_else(|| num("d4")).is_some_and(day)
    }
}

#[cfg(test)]
mod tests;
