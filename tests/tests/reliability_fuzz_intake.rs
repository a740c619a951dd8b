//! Fuzzing the intake mapping: whatever a platform sends (or an admin puts
//! in a mapping file), mapping returns errors instead of panicking, and
//! whatever maps is decided by the domain without a panic either. (It lives
//! here rather than in workflows/tests because this crate has proptest.)
//!
//! Inputs: the sample payloads of every shipped mapping, mutated at random
//! paths (fields removed, replaced by any JSON, set to extreme numbers,
//! huge or malformed strings); arbitrary JSON; every conversion on arbitrary
//! values; mapping files mutated line by line. `PROPTEST_CASES` raises the
//! case count for a longer run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::OnceLock;

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use proptest::sample::Index;
use returns_domain::{decide, evolve, Command, TicketState};
use returns_intake::convert::Convert;
use returns_intake::{preview, Mapping, Mappings};
use serde_json::{json, Map, Value};

fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        max_shrink_iters: 2_000,
        ..ProptestConfig::default()
    }
}

/// (platform, sample payload) for every fixture shipped with the tests.
fn fixtures() -> &'static Vec<(String, Value)> {
    static F: OnceLock<Vec<(String, Value)>> = OnceLock::new();
    F.get_or_init(|| {
        let dir = format!("{}/../intake/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                let name = path.file_stem().unwrap().to_string_lossy().to_string();
                let platform = name.split('_').next().unwrap().to_owned();
                let payload =
                    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                out.push((platform, payload));
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        assert!(!out.is_empty(), "no intake fixtures found");
        out
    })
}

fn mappings() -> &'static Mappings {
    static M: OnceLock<Mappings> = OnceLock::new();
    M.get_or_init(|| Mappings::builtin().unwrap())
}

fn mapping_sources() -> Vec<String> {
    mappings()
        .platforms()
        .iter()
        .map(|p| mappings().get(p).unwrap().source().to_owned())
        .collect()
}

/// Keys and strings of the samples: mutated values use them to look real.
fn vocabulary() -> &'static Vec<String> {
    static V: OnceLock<Vec<String>> = OnceLock::new();
    V.get_or_init(|| {
        fn walk(v: &Value, out: &mut Vec<String>) {
            match v {
                Value::Object(m) => {
                    for (k, v) in m {
                        out.push(k.clone());
                        walk(v, out);
                    }
                }
                Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
                Value::String(s) => out.push(s.clone()),
                _ => {}
            }
        }
        let mut out = Vec::new();
        for (_, v) in fixtures() {
            walk(v, &mut out);
        }
        out.sort();
        out.dedup();
        out
    })
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vocabulary().clone()),
        2 => ".{0,40}",
        1 => Just(String::new()),
        1 => (0usize..100_000).prop_map(|n| "9".repeat(n)),
        2 => prop::sample::select(vec![
            "12.345".to_owned(), "-0.01".to_owned(), "1e9".to_owned(), "99999999999999999999".to_owned(),
            "9223372036854775807".to_owned(), "-9223372036854775808".to_owned(), " 12 ".to_owned(),
            "12.".to_owned(), ".5".to_owned(), "NaN".to_owned(), "0x1F".to_owned(),
            "2026-02-30 25:61:61".to_owned(), "2026-11-25 10:00:00".to_owned(),
            "9999-12-31T23:59:59+14:00".to_owned(), "not a date".to_owned(),
            "'; DROP TABLE events; --".to_owned(), "\u{0}\u{202E}\u{1F600}".to_owned(),
        ]),
    ]
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        prop::sample::select(vec![
            json!(0),
            json!(-1),
            json!(i64::MAX),
            json!(i64::MIN),
            json!(u64::MAX),
            json!(u32::MAX),
            json!(1e300),
            json!(12.5),
            json!(253_402_300_800_i64),
            json!(-62_135_596_801_i64),
            json!(9_223_372_036_854_775_i64),
        ]),
    ]
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(text(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Remove,
    Replace(Value),
}

fn apply(value: &mut Value, path: &[Index], m: &Mutation) {
    let Some((first, rest)) = path.split_first() else {
        if let Mutation::Replace(v) = m {
            *value = v.clone();
        }
        return;
    };
    let leaf = |v: &Value| !v.is_object() && !v.is_array();
    match value {
        Value::Object(o) if !o.is_empty() => {
            let key = o.keys().nth(first.index(o.len())).cloned().unwrap();
            if rest.is_empty() || leaf(&o[&key]) {
                match m {
                    Mutation::Remove => {
                        o.remove(&key);
                    }
                    Mutation::Replace(v) => {
                        o.insert(key, v.clone());
                    }
                }
            } else if let Some(child) = o.get_mut(&key) {
                apply(child, rest, m);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let i = first.index(a.len());
            if rest.is_empty() || leaf(&a[i]) {
                match m {
                    Mutation::Remove => {
                        a.remove(i);
                    }
                    Mutation::Replace(v) => a[i] = v.clone(),
                }
            } else {
                apply(&mut a[i], rest, m);
            }
        }
        other => {
            if let Mutation::Replace(v) = m {
                *other = v.clone();
            }
        }
    }
}

fn mutation() -> impl Strategy<Value = (Vec<Index>, Mutation)> {
    (
        prop::collection::vec(any::<Index>(), 1..5),
        prop_oneof![
            2 => Just(Mutation::Remove),
            4 => any_json().prop_map(Mutation::Replace),
            4 => number().prop_map(Mutation::Replace),
            3 => text().prop_map(|t| Mutation::Replace(Value::String(t))),
        ],
    )
}

/// A sample payload with a few random mutations, and its platform.
fn mutated_fixture() -> impl Strategy<Value = (String, Value)> {
    (any::<Index>(), prop::collection::vec(mutation(), 0..5)).prop_map(|(pick, mutations)| {
        let (platform, payload) = &fixtures()[pick.index(fixtures().len())];
        let mut payload = payload.clone();
        for (path, m) in &mutations {
            apply(&mut payload, path, m);
        }
        (platform.clone(), payload)
    })
}

/// Maps the payload; whatever maps is opened and its status command decided.
fn map_and_decide(mapping: &Mapping, payload: &Value) -> bool {
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 0, 0, 0).unwrap();
    let Ok(mapped) = preview(mapping, payload, now) else {
        return false;
    };
    let _ = serde_json::to_value(&mapped);
    let mut state = TicketState::default();
    if let Ok(events) = decide(&state, &Command::OpenTicket(mapped.open.clone())) {
        state = events.iter().fold(state, evolve);
    }
    let _ = mapped.custom_fields_update(&state.custom_fields);
    if let Some(status) = &mapped.status_command {
        let _ = decide(&state, &status.command);
    }
    true
}

proptest! {
    #![proptest_config(cases(2_000))]

    #[test]
    fn mutated_platform_payloads_never_panic_mapping_or_deciding((platform, payload) in mutated_fixture()) {
        let mapping = mappings().get(&platform).unwrap();
        map_and_decide(&mapping, &payload);
    }

    #[test]
    fn arbitrary_json_never_panics_any_mapping(payload in any_json()) {
        for platform in mappings().platforms() {
            map_and_decide(&mappings().get(&platform).unwrap(), &payload);
        }
    }

    #[test]
    fn every_conversion_refuses_or_converts_any_value(value in prop_oneof![any_json(), number(), text().prop_map(Value::String)]) {
        for convert in [
            Convert::FenToMinor, Convert::YuanStringToMinor, Convert::UnixSecondsToUtc,
            Convert::UnixMillisToUtc, Convert::DatetimeCstToUtc, Convert::Rfc3339ToUtc,
            Convert::ToString, Convert::ToInteger,
        ] {
            let _ = convert.apply(&value);
        }
    }

    #[test]
    fn mutated_mapping_files_are_refused_or_loaded_never_panic(
        pick in any::<Index>(),
        edits in prop::collection::vec((any::<Index>(), prop_oneof![Just(None), ".{0,60}".prop_map(Some)]), 1..4),
    ) {
        let sources = mapping_sources();
        let source = &sources[pick.index(sources.len())];
        let mut lines: Vec<String> = source.lines().map(str::to_owned).collect();
        for (at, edit) in &edits {
            if lines.is_empty() {
                break;
            }
            let i = at.index(lines.len());
            match edit {
                None => {
                    lines.remove(i);
                }
                Some(text) => lines[i] = text.clone(),
            }
        }
        if let Ok(mapping) = Mapping::from_toml("fuzzed.toml", &lines.join("\n")) {
            for (_, payload) in fixtures() {
                map_and_decide(&mapping, payload);
            }
        }
    }
}

/// Guards the generator: without it the mutation property could pass by
/// never producing a payload that maps, and prove nothing past the first check.
#[test]
fn mutated_payloads_still_map_often_enough_to_reach_the_domain() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut mapped = 0;
    for _ in 0..300 {
        let (platform, payload) = mutated_fixture().new_tree(&mut runner).unwrap().current();
        mapped += usize::from(map_and_decide(
            &mappings().get(&platform).unwrap(),
            &payload,
        ));
    }
    assert!(mapped > 30, "only {mapped} of 300 mutated payloads mapped");
    for (platform, payload) in fixtures() {
        assert!(
            map_and_decide(&mappings().get(platform).unwrap(), payload),
            "fixture of {platform} does not map"
        );
    }
    let _: Map<String, Value> = Map::new();
}
