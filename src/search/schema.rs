//! The index's fields, resolved once. Bump [`SCHEMA_VERSION`] whenever the fields or the
//! analyser change: an index built by another version is rebuilt at start-up.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, TantivyDocument};

use super::analysis::{self, ANALYZER, WORDS_ANALYZER};

/// Version of the fields and the analyser; stored with every commit.
pub const SCHEMA_VERSION: u32 = 6;

/// Handles on every field of the index.
#[derive(Debug, Clone, Copy)]
pub struct SearchFields {
    /// `entry:12`: the one term that identifies a record, for replacing and deleting it.
    pub key: Field,
    /// `entry` (later `supervision`, `review`).
    pub record_type: Field,
    /// The record's row id.
    pub record_id: Field,
    /// Users who may always read the record (its author; both parties of a record).
    pub readers: Field,
    /// The student whose placement a supervision record is about: a fact, so that who
    /// educates them now is decided at query time, never baked in.
    pub placement_of: Field,
    /// The author, when the record is shared with the author's supervisors and educators.
    pub shared_by: Field,
    /// The author (for supervisors filtering by supervisee).
    pub author: Field,
    /// `diary`, `reflection`, `cpd`, `supervision` (a column too, for counts).
    pub kind: Field,
    /// Ids of linked cases (a column too, for counts).
    pub case: Field,
    /// Linked tags as [`super::tag_key::tag_key`] writes them (a column too, for counts).
    pub tag: Field,
    /// How many tags (0 means untagged).
    pub tag_count: Field,
    /// The day, as days since 1970-01-01, for ranges and sorting by date.
    pub day: Field,
    /// Title words.
    pub title: Field,
    /// Body, reflective sections and CPD text; stored for snippets.
    pub body: Field,
    /// Case references and tag codes, so that "FAM-017" finds its entries.
    pub links: Field,
    /// Title, body and links as written (not stemmed), for words typed in part.
    pub words: Field,
}

impl SearchFields {
    /// Builds the schema and its field handles.
    pub fn schema() -> (Schema, Self) {
        let mut builder = Schema::builder();
        let text = |stored: bool| {
            let indexing = TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions);
            let options = TextOptions::default().set_indexing_options(indexing);
            if stored {
                options.set_stored()
            } else {
                options
            }
        };
        let fields = Self {
            key: builder.add_text_field("key", STRING),
            record_type: builder.add_text_field("record_type", STRING | STORED),
            record_id: builder.add_u64_field("record_id", INDEXED | STORED | FAST),
            readers: builder.add_u64_field("readers", INDEXED),
            placement_of: builder.add_u64_field("placement_of", INDEXED),
            shared_by: builder.add_u64_field("shared_by", INDEXED),
            author: builder.add_u64_field("author", INDEXED),
            kind: builder.add_text_field("kind", STRING | FAST),
            case: builder.add_u64_field("case", INDEXED | FAST),
            tag: builder.add_text_field("tag", STRING | FAST),
            tag_count: builder.add_u64_field("tag_count", INDEXED),
            day: builder.add_i64_field("day", INDEXED | FAST),
            title: builder.add_text_field("title", text(false)),
            body: builder.add_text_field("body", text(true)),
            links: builder.add_text_field("links", text(false)),
            words: builder.add_text_field(
                "words",
                TextOptions::default().set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(WORDS_ANALYZER)
                        .set_index_option(IndexRecordOption::Basic),
                ),
            ),
        };
        (builder.build(), fields)
    }

    /// The handles of an existing index's schema, if it has every field.
    pub fn of(index: &Index) -> tantivy::Result<Self> {
        let schema = index.schema();
        let field = |name: &str| schema.get_field(name);
        Ok(Self {
            key: field("key")?,
            record_type: field("record_type")?,
            record_id: field("record_id")?,
            readers: field("readers")?,
            placement_of: field("placement_of")?,
            shared_by: field("shared_by")?,
            author: field("author")?,
            kind: field("kind")?,
            case: field("case")?,
            tag: field("tag")?,
            tag_count: field("tag_count")?,
            day: field("day")?,
            title: field("title")?,
            body: field("body")?,
            links: field("links")?,
            words: field("words")?,
        })
    }

    /// A new, empty document.
    pub fn document(&self) -> TantivyDocument {
        TantivyDocument::default()
    }
}

/// Registers the analyser on an index (it is not saved with the index).
pub fn register_analyzer(index: &Index) {
    index.tokenizers().register(ANALYZER, analysis::analyzer());
    index
        .tokenizers()
        .register(WORDS_ANALYZER, analysis::words_analyzer());
}
