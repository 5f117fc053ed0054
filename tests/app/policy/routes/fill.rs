//! How a mounted route's path becomes requests: its dynamic segments filled from the world,
//! one variant per resource a person might try, each with its missing-id twin.

use super::world::{Ids, LINKS, PEOPLE};

/// Who may read a resource, by the principles; the first reader is its owner.
#[derive(Debug, Clone)]
pub(super) struct Resource {
    pub(super) what: String,
    pub(super) readers: Vec<&'static str>,
}

/// One request to try: the filled path, the same path with the resource missing, and the
/// resource it reaches.
#[derive(Debug, Clone)]
pub(super) struct Variant {
    pub(super) path: String,
    pub(super) missing: Option<String>,
    pub(super) resource: Resource,
}

/// Routes whose segments the world cannot fill, each with the reason.
pub(super) const NOT_COVERED: &[(&str, &str)] = &[
    ("/static/<path..>", "public assets, no resource of anyone's"),
    (
        "/reset-password/<token>",
        "a one-time link only its recipient holds",
    ),
];

/// Those with a live link to `person` (supervisors, educators).
fn linked_to(person: &str) -> Vec<&'static str> {
    LINKS
        .iter()
        .filter(|(_, supervisee)| *supervisee == person)
        .map(|(by, _)| *by)
        .collect()
}

fn everyone() -> Vec<&'static str> {
    PEOPLE.iter().map(|(name, _)| *name).collect()
}

fn owned(what: &str, owner: &'static str) -> Resource {
    Resource {
        what: what.to_string(),
        readers: vec![owner],
    }
}

/// An entry: its author, and while shared, whoever is linked to the author.
fn entry(what: &str, author: &'static str, shared: bool) -> Resource {
    let mut readers = vec![author];
    if shared {
        readers.extend(linked_to(author));
    }
    Resource {
        what: what.to_string(),
        readers,
    }
}

/// A placement: its student, and those it names (educator, on-site supervisor) while a
/// live link to the student remains.
fn placement(what: &str, named: &[&'static str]) -> Resource {
    let linked = linked_to("stu");
    let mut readers = vec!["stu"];
    readers.extend(named.iter().filter(|person| linked.contains(person)));
    Resource {
        what: what.to_string(),
        readers,
    }
}

/// The segments of a path: `Some(name)` for a dynamic one.
fn segments(path: &str) -> Vec<Option<String>> {
    path.split('/')
        .skip(1)
        .map(|part| {
            part.strip_prefix('<')
                .and_then(|rest| rest.strip_suffix('>'))
                .map(|name| name.trim_end_matches("..").to_string())
        })
        .collect()
}

/// The route's path with its segments replaced by `values` in order.
fn filled(path: &str, values: &[String]) -> String {
    let mut values = values.iter();
    let parts: Vec<String> = path
        .split('/')
        .skip(1)
        .zip(segments(path))
        .map(|(part, dynamic)| match dynamic {
            Some(_) => values.next().cloned().unwrap_or_default(),
            None => part.to_string(),
        })
        .collect();
    format!("/{}", parts.join("/"))
}

/// The fixture values for the segments after the first, by name; `None` when the world
/// has no such thing under `first`.
fn inner(name: &str, ids: &Ids, first: &str) -> Option<String> {
    let on_placement = first == ids.placement.to_string();
    Some(match name {
        "day_id" | "evidence_id" | "observation_id" if !on_placement => return None,
        "id" if first == "ANN-1" => ids.ann_event.to_string(),
        "id" => ids.stranger_event.to_string(),
        "day_id" => ids.day.to_string(),
        "evidence_id" => ids.evidence.to_string(),
        "observation_id" => ids.observation.to_string(),
        "stage" => "midpoint".to_string(),
        _ => return None,
    })
}

/// The resources the first segment of `path` may name for `person`: `(value, resource)`.
fn firsts(path: &str, person: &'static str, ids: &Ids) -> Option<Vec<(String, Resource)>> {
    let base = path.trim_start_matches("/api/v1");
    let id = |value: i64| value.to_string();
    let pair = || Resource {
        what: "ann and sue's supervision".into(),
        readers: vec!["ann", "sue"],
    };
    Some(if base.starts_with("/entries/<id>") {
        vec![
            (
                id(ids.ann_private),
                entry("ann's private entry", "ann", false),
            ),
            (id(ids.ann_shared), entry("ann's shared entry", "ann", true)),
            (id(ids.ann_cpd), entry("ann's CPD entry", "ann", false)),
            (id(ids.stu_shared), entry("stu's shared entry", "stu", true)),
            (
                id(ids.stranger_entry),
                entry("stranger's entry", "stranger", false),
            ),
        ]
    } else if base.starts_with("/cases/<reference>") {
        vec![
            (
                "ANN-1".into(),
                owned("ann's case and custom deadline", "ann"),
            ),
            ("STR-1".into(), owned("stranger's case", "stranger")),
        ]
    } else if base.starts_with("/placements/<id>") {
        vec![
            (
                id(ids.placement),
                placement("stu's placement", &["pe", "lisa"]),
            ),
            (
                id(ids.rex_placement),
                placement(
                    "stu's placement with an unlinked educator",
                    &["rex", "lisa"],
                ),
            ),
        ]
    } else if base.starts_with("/supervision/with/<other>")
        || base.starts_with("/supervision/pairs/<other>")
    {
        // The pair is named by the other party: each person tries every other one.
        PEOPLE
            .iter()
            .map(|(other, _)| *other)
            .filter(|other| *other != person)
            .map(|other| {
                let linked = LINKS
                    .iter()
                    .any(|pair| *pair == (person, other) || *pair == (other, person));
                let readers = if linked { vec![person, other] } else { vec![] };
                let what = format!("{person}'s supervision with {other}");
                (other.to_string(), Resource { what, readers })
            })
            .collect()
    } else if base.starts_with("/supervision/sessions/<id>") {
        vec![(id(ids.session), pair())]
    } else if base.starts_with("/supervision/actions/<id>") {
        vec![(id(ids.action), pair())]
    } else if base.starts_with("/imported/<id>") {
        vec![(
            id(ids.ann_imported),
            owned("ann's imported supervision record", "ann"),
        )]
    } else if base.starts_with("/account/tokens/<id>") {
        vec![(id(ids.ann_spare_token), owned("ann's API token", "ann"))]
    } else if base.starts_with("/admin/users/<id>") {
        vec![(id(ids.spare_user), owned("an account", "root"))]
    } else if base.starts_with("/admin/links/<id>") {
        vec![(id(ids.spare_link), owned("a supervision link", "root"))]
    } else if base.starts_with("/tags/<code>") {
        let what = "the catalogue".to_string();
        vec![(
            "CA1989-s47".into(),
            Resource {
                what,
                readers: everyone(),
            },
        )]
    } else if base.starts_with("/cpd/year/<year>") {
        // A year names no one's resource: each asker reads their own records of it.
        let (_, ends) = praxis::journal::cpd::registration_year(praxis::platform::clock::today());
        let what = "the asker's own CPD year".to_string();
        vec![(
            chrono::Datelike::year(&ends).to_string(),
            Resource {
                what,
                readers: everyone(),
            },
        )]
    } else if base.starts_with("/calendar/<file>") {
        let what = "ann's calendar feed".to_string();
        vec![(
            ids.feed_file.clone(),
            Resource {
                what,
                readers: everyone(),
            },
        )]
    } else {
        return None;
    })
}

/// The value that names nothing, for a first segment.
fn missing_value(name: &str) -> String {
    match name {
        "reference" => "NONE-404".into(),
        "other" => "nobody".into(),
        "code" => "NO-SUCH-TAG".into(),
        "file" => format!("{}.ics", "0".repeat(64)),
        _ => "999999".into(),
    }
}

/// The variants of `path` (a mounted route's, query stripped) for `person`; `None` when the
/// world cannot fill its segments.
pub(super) fn variants(path: &str, person: &'static str, ids: &Ids) -> Option<Vec<Variant>> {
    let names: Vec<String> = segments(path).into_iter().flatten().collect();
    // Searched for words the private entry shares with others, so its snippet could show.
    let query = if path.contains("search") {
        "?q=discharge+planning".to_string()
    } else {
        String::new()
    };
    let Some(first) = names.first() else {
        // Administration is the admin's alone; others find no such page there.
        // With no missing id to compare with, the status alone is checked.
        // There is no missing id to compare with, so only the status is checked.
        let (resource, missing) = if path.starts_with("/admin") {
            (owned("administration", "root"), None)
        } else {
            let what = "the asker's own space".to_string();
            (
                Resource {
                    what,
                    readers: everyone(),
                },
                None,
            )
        };
        return Some(vec![Variant {
            path: format!("{path}{query}"),
            missing,
            resource,
        }]);
    };
    let mut found = Vec::new();
    for (value, resource) in firsts(path, person, ids)? {
        let inners: Option<Vec<String>> = names[1..]
            .iter()
            .map(|name| inner(name, ids, &value))
            .collect();
        let Some(rest) = inners else {
            continue;
        };
        let with = |first: String| {
            let mut all = vec![first];
            all.extend(rest.iter().cloned());
            format!("{}{query}", filled(path, &all))
        };
        found.push(Variant {
            path: with(value.clone()),
            missing: Some(with(missing_value(first))),
            resource,
        });
    }
    (!found.is_empty()).then_some(found)
}
