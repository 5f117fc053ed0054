//! Reading what people type into the search box. Nothing typed is an error: words, "phrases"
//! (an unclosed quote runs to the end), AND (the default between words), OR, NOT or a
//! leading `-` to exclude, and `word*` for a prefix. Stray operators are ignored.

/// Most clauses read from one query; the rest is ignored, to bound the cost of a search.
pub const MAX_CLAUSES: usize = 24;
/// Most characters read from one query.
pub const MAX_QUERY_CHARS: usize = 500;

/// One thing to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// Words typed without quotes, next to each other (kept together so that phrasings like
    /// "children in care" are recognised).
    Words(Vec<String>),
    /// A quoted phrase.
    Phrase(String),
    /// A word that should match any word it begins.
    Prefix(String),
}

/// A unit, wanted or excluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Excluded (`-word`, `NOT word`).
    pub negated: bool,
    /// What to look for.
    pub unit: Unit,
}

/// A query: any of several groups, each needing all its clauses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Groups separated by OR.
    pub any_of: Vec<Vec<Clause>>,
}

impl ParsedQuery {
    /// Whether nothing was asked for (browse everything the filters allow).
    pub fn is_empty(&self) -> bool {
        self.any_of.iter().all(Vec::is_empty)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Lexeme {
    Word {
        text: String,
        negated: bool,
        prefix: bool,
    },
    Phrase {
        text: String,
        negated: bool,
    },
    Or,
    Not,
}

fn lex(input: &str) -> Vec<Lexeme> {
    let text: String = input.chars().take(MAX_QUERY_CHARS).collect();
    let mut lexemes = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() || matches!(c, '(' | ')' | '+' | '&' | '|') {
            chars.next();
            continue;
        }
        let negated = c == '-';
        if negated {
            chars.next();
        }
        if chars.peek() == Some(&'"') {
            chars.next();
            let phrase: String = chars.by_ref().take_while(|&c| c != '"').collect();
            if !phrase.trim().is_empty() {
                lexemes.push(Lexeme::Phrase {
                    text: phrase.trim().to_string(),
                    negated,
                });
            }
            continue;
        }
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || matches!(c, '"' | '(' | ')') {
                break;
            }
            word.push(c);
            chars.next();
        }
        let prefix = word.ends_with('*');
        let word = word.trim_end_matches('*').to_string();
        if word.is_empty() || !word.chars().any(char::is_alphanumeric) {
            continue;
        }
        match (word.as_str(), negated) {
            ("OR", false) => lexemes.push(Lexeme::Or),
            ("NOT", false) => lexemes.push(Lexeme::Not),
            ("AND", false) => {}
            _ => lexemes.push(Lexeme::Word {
                text: word,
                negated,
                prefix,
            }),
        }
    }
    lexemes
}

/// Parses a query; never fails.
pub fn parse(input: &str) -> ParsedQuery {
    let mut groups: Vec<Vec<Clause>> = vec![Vec::new()];
    let mut negate_next = false;
    let mut clauses = 0;
    for lexeme in lex(input) {
        if clauses >= MAX_CLAUSES {
            break;
        }
        let group = groups.last_mut().expect("there is always a group");
        match lexeme {
            Lexeme::Or => {
                if !group.is_empty() {
                    groups.push(Vec::new());
                }
                negate_next = false;
            }
            Lexeme::Not => negate_next = true,
            Lexeme::Phrase { text, negated } => {
                group.push(Clause {
                    negated: negated || negate_next,
                    unit: Unit::Phrase(text),
                });
                negate_next = false;
                clauses += 1;
            }
            Lexeme::Word {
                text,
                negated,
                prefix,
            } => {
                let negated = negated || negate_next;
                negate_next = false;
                clauses += 1;
                if prefix {
                    group.push(Clause {
                        negated,
                        unit: Unit::Prefix(text),
                    });
                    continue;
                }
                // Words in a row stay together (for phrasings like "children in care").
                match group.last_mut() {
                    Some(Clause {
                        negated: false,
                        unit: Unit::Words(words),
                    }) if !negated => words.push(text),
                    _ => group.push(Clause {
                        negated,
                        unit: Unit::Words(vec![text]),
                    }),
                }
            }
        }
    }
    groups.retain(|group| !group.is_empty());
    ParsedQuery { any_of: groups }
}

/// For search-as-you-type: the last word, still being typed, matches as a prefix.
pub fn with_last_word_as_prefix(mut query: ParsedQuery) -> ParsedQuery {
    if let Some(group) = query.any_of.last_mut()
        && let Some(Clause {
            negated: false,
            unit: Unit::Words(words),
        }) = group.last_mut()
        && let Some(last) = words.pop()
    {
        let emptied = words.is_empty();
        if emptied {
            group.pop();
        }
        group.push(Clause {
            negated: false,
            unit: Unit::Prefix(last),
        });
    }
    query
}

#[cfg(test)]
mod tests;
