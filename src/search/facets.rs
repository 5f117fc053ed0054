//! Counts beside the results, by kind, case and tag, read from the fast-field columns of
//! the matching documents. Counting term ordinals per segment and naming only the ordinals
//! that were seen, in one sorted pass over each column's dictionary, keeps this a small part
//! of a search (a facet field would name every counted facet with its own dictionary lookup).

use std::collections::HashMap;

use fnv::FnvHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Field names of the counted columns.
const KIND: &str = "kind";
const CASE: &str = "case";
const TAG: &str = "tag";

/// How many matching records have each kind, case id and tag code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacetCounts {
    /// Kind name to count.
    pub kind: HashMap<String, u64>,
    /// Case id to count.
    pub case: HashMap<u64, u64>,
    /// Tag code to count.
    pub tag: HashMap<String, u64>,
}

/// Collects [`FacetCounts`] for a query.
#[derive(Debug, Clone, Copy, Default)]
pub struct FacetCollector;

/// Counts of one segment, by term ordinal (a dense count per term of the column's
/// dictionary) until harvested.
pub struct SegmentFacets {
    kind: Option<(StrColumn, Vec<u64>)>,
    case: Option<Column<u64>>,
    tag: Option<(StrColumn, Vec<u64>)>,
    case_ids: FnvHashMap<u64, u64>,
}

/// A text column with a zero count for each of its terms.
fn counted(column: Option<StrColumn>) -> Option<(StrColumn, Vec<u64>)> {
    column.map(|column| {
        let terms = column.num_terms();
        (column, vec![0; terms])
    })
}

fn count_ords(counted: &mut Option<(StrColumn, Vec<u64>)>, doc: DocId) {
    if let Some((column, counts)) = counted {
        for ord in column.term_ords(doc) {
            if let Some(count) = usize::try_from(ord).ok().and_then(|at| counts.get_mut(at)) {
                *count += 1;
            }
        }
    }
}

impl Collector for FacetCollector {
    type Fruit = FacetCounts;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let columns = segment.fast_fields();
        Ok(SegmentFacets {
            kind: counted(columns.str(KIND)?),
            case: columns.column_opt(CASE)?,
            tag: counted(columns.str(TAG)?),
            case_ids: FnvHashMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<FacetCounts>) -> tantivy::Result<FacetCounts> {
        let mut all = FacetCounts::default();
        for segment in segments {
            add_all(&mut all.kind, segment.kind);
            add_all(&mut all.case, segment.case);
            add_all(&mut all.tag, segment.tag);
        }
        Ok(all)
    }
}

fn add_all<K: std::hash::Hash + Eq>(into: &mut HashMap<K, u64>, from: HashMap<K, u64>) {
    for (key, count) in from {
        *into.entry(key).or_default() += count;
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = FacetCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        count_ords(&mut self.kind, doc);
        count_ords(&mut self.tag, doc);
        if let Some(case) = &self.case {
            for id in case.values_for_doc(doc) {
                *self.case_ids.entry(id).or_default() += 1;
            }
        }
    }

    fn harvest(self) -> FacetCounts {
        FacetCounts {
            kind: named(self.kind),
            case: self.case_ids.into_iter().collect(),
            tag: named(self.tag),
        }
    }
}

/// The counted terms of a column by name, read in one pass over its dictionary. A term
/// that cannot be read is left out rather than failing the search.
fn named(counted: Option<(StrColumn, Vec<u64>)>) -> HashMap<String, u64> {
    let Some((column, counts)) = counted else {
        return HashMap::new();
    };
    let seen: Vec<(u64, u64)> = (0u64..)
        .zip(counts)
        .filter(|(_, count)| *count > 0)
        .collect();
    let ords: Vec<u64> = seen.iter().map(|(ord, _)| *ord).collect();
    let mut terms = Vec::with_capacity(ords.len());
    let read = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
        terms.push(String::from_utf8_lossy(bytes).into_owned());
    });
    if let Err(error) = read {
        tracing::warn!("search facet terms unreadable: {error}");
        return HashMap::new();
    }
    terms
        .into_iter()
        .zip(seen)
        .map(|(term, (_, count))| (term, count))
        .collect()
}
