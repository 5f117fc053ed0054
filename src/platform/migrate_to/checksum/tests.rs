use chrono::{DateTime, NaiveDateTime};
use proptest::prelude::*;
use serde_json::json;

use super::ColumnType::{self, *};
use super::{TableSum, row_digest};

const ROW: [ColumnType; 7] = [Integer, Boolean, Timestamp, Float, Text, Date, Time];

fn digest(row: serde_json::Value, types: &[ColumnType]) -> u128 {
    row_digest(&row.to_string(), types).unwrap()
}

#[test]
fn each_databases_spelling_of_a_row_hashes_alike() {
    let sqlite = json!([
        7,
        1,
        "2026-12-07 10:15:00",
        "7.5",
        "Home visit",
        "2026-12-07",
        "09:30:00"
    ]);
    let postgres = json!([
        7,
        true,
        "2026-12-07T10:15:00",
        "7.5000000000000000",
        "Home visit",
        "2026-12-07",
        "09:30:00"
    ]);
    assert_eq!(digest(sqlite, &ROW), digest(postgres, &ROW));
    let fraction = json!([
        7,
        0,
        "2026-12-07 10:15:00.250",
        "1e0",
        "",
        "2026-12-07",
        "09:30"
    ]);
    let same = json!([
        7,
        false,
        "2026-12-07T10:15:00.25",
        "1",
        "",
        "2026-12-07",
        "09:30:00.000"
    ]);
    assert_eq!(digest(fraction, &ROW), digest(same, &ROW));
}

#[test]
fn different_values_hash_differently() {
    let base = json!([
        7,
        1,
        "2026-12-07 10:15:00",
        "7.5",
        "a",
        "2026-12-07",
        "09:30:00"
    ]);
    let changed = [
        json!([
            8,
            1,
            "2026-12-07 10:15:00",
            "7.5",
            "a",
            "2026-12-07",
            "09:30:00"
        ]),
        json!([
            7,
            0,
            "2026-12-07 10:15:00",
            "7.5",
            "a",
            "2026-12-07",
            "09:30:00"
        ]),
        json!([
            7,
            1,
            "2026-12-07 10:15:01",
            "7.5",
            "a",
            "2026-12-07",
            "09:30:00"
        ]),
        json!([
            7,
            1,
            "2026-12-07 10:15:00",
            "7.25",
            "a",
            "2026-12-07",
            "09:30:00"
        ]),
        json!([
            7,
            1,
            "2026-12-07 10:15:00",
            "7.5",
            "A",
            "2026-12-07",
            "09:30:00"
        ]),
        json!([
            7,
            1,
            "2026-12-07 10:15:00",
            "7.5",
            "a",
            "2026-12-08",
            "09:30:00"
        ]),
        json!([
            7,
            1,
            "2026-12-07 10:15:00",
            "7.5",
            "a",
            "2026-12-07",
            "09:30:01"
        ]),
        json!([
            7,
            1,
            "2026-12-07 10:15:00",
            "7.5",
            null,
            "2026-12-07",
            "09:30:00"
        ]),
    ];
    let base = digest(base, &ROW);
    for row in changed {
        assert_ne!(digest(row.clone(), &ROW), base, "{row}");
    }
}

#[test]
fn null_empty_and_the_word_null_are_three_values() {
    let types = [Text];
    let null = digest(json!([null]), &types);
    let empty = digest(json!([""]), &types);
    let word = digest(json!(["null"]), &types);
    assert!(null != empty && empty != word && null != word);
}

#[test]
fn values_do_not_run_into_each_other() {
    let types = [Text, Text];
    assert_ne!(
        digest(json!(["ab", "c"]), &types),
        digest(json!(["a", "bc"]), &types)
    );
}

#[test]
fn a_value_of_the_wrong_type_is_an_error_not_a_guess() {
    for (row, types) in [
        (json!([2]), [Boolean]),
        (json!([1]), [Text]),
        (json!(["7"]), [Integer]),
        (json!(["yesterday"]), [Timestamp]),
        (json!(["seven"]), [Float]),
    ] {
        assert!(row_digest(&row.to_string(), &types).is_err(), "{row}");
    }
    assert!(row_digest("[1, 2]", &[Integer]).is_err(), "column count");
}

#[test]
fn a_tables_sum_ignores_row_order_but_not_repeats() {
    let types = [Integer, Text];
    let mut forward = TableSum::default();
    forward.add("[1,\"a\"]", &types).unwrap();
    forward.add("[2,\"b\"]", &types).unwrap();
    let mut backward = TableSum::default();
    backward.add("[2,\"b\"]", &types).unwrap();
    backward.add("[1,\"a\"]", &types).unwrap();
    assert_eq!(forward, backward);
    let mut twice = TableSum::default();
    twice.add("[1,\"a\"]", &types).unwrap();
    twice.add("[1,\"a\"]", &types).unwrap();
    let mut once = TableSum::default();
    once.add("[1,\"a\"]", &types).unwrap();
    assert_ne!(twice.digest, once.digest);
}

/// How SQLite's `printf('%!.17g', x)` writes a float: 17 significant digits.
fn seventeen_digits(x: f64) -> String {
    format!("{x:.16e}")
}

fn timestamp(seconds: i64, micros: u32) -> NaiveDateTime {
    DateTime::from_timestamp(seconds, micros * 1000)
        .unwrap()
        .naive_utc()
}

proptest! {
    #[test]
    fn equal_values_written_either_way_hash_alike(
        id in any::<i64>(),
        flag in any::<bool>(),
        seconds in 0i64..4_102_444_800,
        micros in 0u32..1_000_000,
        hours in any::<f64>().prop_filter("finite", |x| x.is_finite()),
        text in proptest::option::of(".*"),
    ) {
        let types = [Integer, Boolean, Timestamp, Float, Text];
        let at = timestamp(seconds, micros);
        let sqlite = json!([
            id,
            i32::from(flag),
            at.format("%Y-%m-%d %H:%M:%S%.f").to_string(),
            seventeen_digits(hours),
            text,
        ]);
        let postgres = json!([
            id,
            flag,
            at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string(),
            hours.to_string(),
            text,
        ]);
        prop_assert_eq!(digest(sqlite, &types), digest(postgres, &types));
    }

    #[test]
    fn a_changed_value_changes_the_hash(
        a in any::<f64>().prop_filter("finite", |x| x.is_finite()),
        b in any::<f64>().prop_filter("finite", |x| x.is_finite()),
        s in ".*",
        t in ".*",
    ) {
        let types = [Float, Text];
        let same = a.to_bits() == b.to_bits() && s == t;
        let left = digest(json!([seventeen_digits(a), s]), &types);
        let right = digest(json!([b.to_string(), t]), &types);
        prop_assert_eq!(left == right, same);
    }
}
