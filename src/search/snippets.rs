//! Highlighted snippets of the hits' text: the fragment of at most [`SNIPPET_CHARS`]
//! characters with the most (and rarest) searched terms, those terms in `<mark>`, escaped.
//! The text is analysed as it was indexed; vocabulary keys are only looked for when the
//! search asked for one, since finding them costs about as much as the rest of the analysis.

use std::collections::{BTreeMap, BTreeSet};

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::{Score, Searcher, TantivyDocument, Term};

use super::analysis;
use super::hits::SNIPPET_CHARS;

/// Makes the snippets of one search.
pub struct Snippets {
    generator: SnippetGenerator,
}

impl Snippets {
    /// Snippets highlighting the terms `query` looks for in `field`, each weighted by how
    /// rare it is in the index.
    pub fn for_query(
        searcher: &Searcher,
        query: &dyn Query,
        field: Field,
    ) -> tantivy::Result<Self> {
        let mut terms: BTreeSet<Term> = BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field {
                terms.insert(term.clone());
            }
        });
        let mut weights: BTreeMap<String, Score> = BTreeMap::new();
        for term in &terms {
            let value = term.value();
            let Some(text) = value.as_str() else {
                continue;
            };
            let doc_freq = searcher.doc_freq(term)?;
            if doc_freq > 0 {
                weights.insert(text.to_string(), 1.0 / (1.0 + doc_freq as Score));
            }
        }
        Ok(Self::weighted(weights, field))
    }

    fn weighted(weights: BTreeMap<String, Score>, field: Field) -> Self {
        let analyzer = if weights.keys().any(|term| analysis::is_key(term)) {
            analysis::analyzer()
        } else {
            analysis::base_analyzer()
        };
        Self {
            generator: SnippetGenerator::new(weights, analyzer, field, SNIPPET_CHARS),
        }
    }

    /// The snippet of a stored document, as safe HTML (empty when no term occurs in it).
    pub fn html(&self, document: &TantivyDocument) -> String {
        let mut snippet = self.generator.snippet_from_doc(document);
        snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
        snippet.to_html()
    }

    /// The snippet of a text, as safe HTML.
    pub fn html_of_text(&self, text: &str) -> String {
        let mut snippet = self.generator.snippet(text);
        snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
        snippet.to_html()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Home visit after the s47 enquiry. The child, looked after by the \
        council, spoke about school; the core group met on Friday and agreed the safeguarding \
        plan. <Mum> & the looked after children's team disagreed about contact.";

    fn field() -> Field {
        Field::from_field_id(0)
    }

    fn stems(words: &str) -> Vec<String> {
        analysis::analyse(words)
            .into_iter()
            .map(|token| token.text)
            .collect()
    }

    fn weights(terms: &[String]) -> BTreeMap<String, Score> {
        terms.iter().map(|term| (term.clone(), 0.5)).collect()
    }

    fn with_full_analyser(terms: &[String]) -> String {
        let generator =
            SnippetGenerator::new(weights(terms), analysis::analyzer(), field(), SNIPPET_CHARS);
        let mut snippet = generator.snippet(TEXT);
        snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
        snippet.to_html()
    }

    #[test]
    fn words_are_highlighted_as_the_full_analyser_would() {
        for words in [
            "safeguarding plans",
            "school contact",
            "visits",
            "council Friday",
        ] {
            let terms = stems(words);
            let made = Snippets::weighted(weights(&terms), field()).html_of_text(TEXT);
            assert!(made.contains("<mark>"), "{words}: {made}");
            assert_eq!(made, with_full_analyser(&terms), "{words}");
        }
    }

    #[test]
    fn vocabulary_keys_are_highlighted_over_the_words_they_cover() {
        let terms = vec!["_lac".to_string()];
        let made = Snippets::weighted(weights(&terms), field()).html_of_text(TEXT);
        assert!(
            made.contains("<mark>looked after children</mark>"),
            "{made}"
        );
        let terms = vec!["_s47".to_string()];
        let made = Snippets::weighted(weights(&terms), field()).html_of_text(TEXT);
        assert!(made.contains("<mark>s47</mark>"), "{made}");
    }

    #[test]
    fn the_text_is_escaped() {
        let terms = stems("council");
        let made = Snippets::weighted(weights(&terms), field()).html_of_text(TEXT);
        assert!(made.contains("&lt;Mum&gt; &amp; the"), "{made}");
        assert!(!made.contains("<Mum>"));
    }
}
