//! Fuzzing event and command deserialization: whatever bytes or JSON reach
//! the domain (a corrupt log row, a hostile client), decoding returns an
//! error instead of panicking, and whatever does decode folds through
//! `evolve` and is decided by `decide` without a panic either.
//!
//! Inputs: arbitrary bytes; arbitrary JSON shaped like events and commands
//! (a known `type` tag and field names drawn from the real payloads);
//! golden events and real commands mutated at random paths (fields removed,
//! replaced by any JSON, set to extreme numbers or huge strings, retagged).
//! `PROPTEST_CASES` raises the case count for a longer run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::OnceLock;

use common::*;
use proptest::prelude::*;
use proptest::sample::Index;
use returns_domain::command::*;
use returns_domain::ticket::{DeadlineKind, Resolution};
use returns_domain::{decide, evolve, Command, Event, TicketKind, TicketState};
use serde_json::{json, Map, Value};

const GOLDEN: &str = include_str!("golden/events.json");

/// Cases per property unless `PROPTEST_CASES` says otherwise.
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

/// One golden example of every event, as JSON.
fn golden_events() -> &'static Vec<Value> {
    static G: OnceLock<Vec<Value>> = OnceLock::new();
    G.get_or_init(|| {
        let map: Map<String, Value> = serde_json::from_str(GOLDEN).unwrap();
        map.into_iter().map(|(_, v)| v).collect()
    })
}

/// Real commands of every kind, as JSON.
fn seed_commands() -> &'static Vec<Value> {
    static C: OnceLock<Vec<Value>> = OnceLock::new();
    C.get_or_init(|| {
        let commands = vec![
            open(TicketKind::ReturnAndRefund),
            open(TicketKind::RefundOnly),
            approve(TicketKind::Exchange),
            Command::RejectApplication(RejectApplication {
                reason: "outside the window".into(),
                reason_code: None,
                at: at(5),
            }),
            register_shipment(),
            receive(&[("L1", 2), ("L2", 1)]),
            inspect("L1", 2, 1, 500),
            complete_inspection(),
            dispute(),
            Command::SendInspectionFeedback(SendInspectionFeedback {
                message: "one unit was worn".into(),
                at: at(3 * 24 * 60 + 70),
            }),
            request_refund(id(9), 10_000),
            approve_refund(id(9)),
            issue_refund(id(9)),
            fail_refund(id(9)),
            ship_replacement(),
            return_goods(),
            close(Resolution::Refunded),
            cancel(),
            note("call back tomorrow"),
            Command::AssignTicket(AssignTicket {
                assignee: Some("agent_wang".into()),
                at: at(2),
            }),
            Command::UpdateCustomFields(UpdateCustomFields {
                fields: [("priority".to_owned(), json!("high"))].into(),
                at: at(3),
            }),
            Command::ScheduleFollowUp(ScheduleFollowUp {
                follow_up_id: id(7),
                due_at: at(24 * 60),
                purpose: "quality_complaint".into(),
                at: at(4),
            }),
            Command::CompleteFollowUp(CompleteFollowUp {
                follow_up_id: id(7),
                outcome: "satisfied".into(),
                at: at(25 * 60),
            }),
            Command::RecordMissedDeadline(RecordMissedDeadline {
                deadline: DeadlineKind::Review,
                at: at(49 * 60),
            }),
        ];
        commands
            .iter()
            .map(|c| serde_json::to_value(c).unwrap())
            .collect()
    })
}

/// Every object key and string value seen in the seeds: fuzzed objects use
/// these so they get past the first missing-field error into the real parsing.
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
        for v in golden_events().iter().chain(seed_commands()) {
            walk(v, &mut out);
        }
        out.sort();
        out.dedup();
        out
    })
}

fn type_tags() -> Vec<String> {
    golden_events()
        .iter()
        .chain(seed_commands())
        .filter_map(|v| v.get("type").and_then(Value::as_str).map(str::to_owned))
        .collect()
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vocabulary().clone()),
        2 => ".{0,40}",
        1 => Just(String::new()),
        1 => (0usize..200_000).prop_map(|n| "x".repeat(n)),
        1 => prop::sample::select(vec![
            "9999-12-31T23:59:59Z".to_owned(),
            "0000-01-01T00:00:00Z".to_owned(),
            "2025-02-30T25:61:61+99:00".to_owned(),
            "00000000-0000-0000-0000-000000000000".to_owned(),
            "not-a-uuid".to_owned(),
            "cny".to_owned(),
            "ÇNY".to_owned(),
            "'; DROP TABLE events; --".to_owned(),
            "\u{0}\u{FFFF}\u{1F600}".to_owned(),
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
            json!(1),
            json!(i64::MAX),
            json!(i64::MIN),
            json!(u64::MAX),
            json!(u32::MAX),
            json!(i64::from(u32::MAX) + 1),
            json!(1e308),
            json!(-0.0),
            json!(0.5),
        ]),
    ]
}

/// Any JSON, leaning towards the shapes and names the domain uses.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(text(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A JSON object with a real `type` tag and fields named like real ones.
fn tagged_object() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(type_tags()),
        prop::collection::btree_map(
            prop::sample::select(vocabulary().clone()),
            any_json(),
            0..16,
        ),
    )
        .prop_map(|(tag, fields)| {
            let mut m: Map<String, Value> = fields.into_iter().collect();
            m.insert("type".into(), Value::String(tag));
            Value::Object(m)
        })
}

/// What to do at the end of a random path.
#[derive(Debug, Clone)]
enum Mutation {
    Remove,
    Replace(Value),
    Retag(String),
}

fn mutation() -> impl Strategy<Value = (Vec<Index>, Mutation)> {
    (
        prop::collection::vec(any::<Index>(), 1..5),
        prop_oneof![
            2 => Just(Mutation::Remove),
            5 => any_json().prop_map(Mutation::Replace),
            3 => number().prop_map(Mutation::Replace),
            1 => prop::sample::select(type_tags()).prop_map(Mutation::Retag),
        ],
    )
}

fn apply(value: &mut Value, path: &[Index], m: &Mutation) {
    if let Mutation::Retag(tag) = m {
        if let Value::Object(o) = value {
            o.insert("type".into(), Value::String(tag.clone()));
        }
        return;
    }
    let Some((first, rest)) = path.split_first() else {
        if let Mutation::Replace(v) = m {
            *value = v.clone();
        }
        return;
    };
    match value {
        Value::Object(o) if !o.is_empty() => {
            let key = o.keys().nth(first.index(o.len())).cloned().unwrap();
            if rest.is_empty() || !o[&key].is_object() && !o[&key].is_array() {
                match m {
                    Mutation::Remove => {
                        o.remove(&key);
                    }
                    Mutation::Replace(v) => {
                        o.insert(key, v.clone());
                    }
                    Mutation::Retag(_) => {}
                }
            } else if let Some(child) = o.get_mut(&key) {
                apply(child, rest, m);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let i = first.index(a.len());
            if rest.is_empty() || !a[i].is_object() && !a[i].is_array() {
                match m {
                    Mutation::Remove => {
                        a.remove(i);
                    }
                    Mutation::Replace(v) => a[i] = v.clone(),
                    Mutation::Retag(_) => {}
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

fn mutated(seeds: &'static [Value]) -> impl Strategy<Value = Value> {
    (any::<Index>(), prop::collection::vec(mutation(), 0..4)).prop_map(move |(pick, mutations)| {
        let mut v = seeds[pick.index(seeds.len())].clone();
        for (path, m) in &mutations {
            apply(&mut v, path, m);
        }
        v
    })
}

/// A ticket walked along its main line some way, so decisions meet many states.
fn state_from(kind: TicketKind, steps: usize) -> TicketState {
    let mut ticket = Ticket::opened(kind);
    let line: Vec<fn(Ticket) -> Ticket> = vec![
        |t| t.approved(),
        |t| t.run(register_shipment()),
        |t| t.run(receive(&[("L1", 2), ("L2", 1)])),
        |t| t.run(inspect("L1", 2, 2, 0)).run(inspect("L2", 1, 1, 0)),
        |t| t.run(complete_inspection()),
    ];
    let steps = if kind.needs_goods_back() {
        steps.min(line.len())
    } else {
        steps.min(1)
    };
    for step in line.into_iter().take(steps) {
        ticket = step(ticket);
    }
    ticket.state()
}

/// Folds every event that decodes, then decides every command that decodes:
/// the only requirement is that nothing panics.
fn fold_and_decide(start: TicketState, events: &[Value], commands: &[Value]) {
    let mut state = start;
    for v in events {
        if let Ok(event) = serde_json::from_value::<Event>(v.clone()) {
            let _ = event.event_type();
            let _ = event.occurred_at();
            state = evolve(state, &event);
        }
    }
    let _ = state.next_actions();
    for v in commands {
        if let Ok(command) = serde_json::from_value::<Command>(v.clone()) {
            if let Ok(events) = decide(&state, &command) {
                state = events.iter().fold(state, evolve);
            }
        }
    }
}

proptest! {
    #![proptest_config(cases(3_000))]

    #[test]
    fn arbitrary_bytes_never_panic_the_decoder(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = serde_json::from_slice::<Event>(&bytes);
        let _ = serde_json::from_slice::<Command>(&bytes);
    }

    #[test]
    fn arbitrary_json_text_around_real_tags_never_panics(
        tag in prop::sample::select(type_tags()),
        body in ".{0,200}",
    ) {
        let text = format!("{{\"type\":\"{tag}\",{body}");
        let _ = serde_json::from_str::<Event>(&text);
        let _ = serde_json::from_str::<Command>(&text);
    }

    #[test]
    fn arbitrary_json_values_never_panic_decode_fold_or_decide(
        events in prop::collection::vec(prop_oneof![any_json(), tagged_object()], 0..8),
        commands in prop::collection::vec(prop_oneof![any_json(), tagged_object()], 0..8),
        kind in prop::sample::select(TicketKind::ALL.to_vec()),
        steps in 0usize..6,
    ) {
        fold_and_decide(state_from(kind, steps), &events, &commands);
    }

    #[test]
    fn mutated_golden_events_and_commands_never_panic(
        events in prop::collection::vec(mutated(golden_events()), 0..24),
        commands in prop::collection::vec(mutated(seed_commands()), 0..12),
        kind in prop::sample::select(TicketKind::ALL.to_vec()),
        steps in 0usize..6,
    ) {
        fold_and_decide(state_from(kind, steps), &events, &commands);
        // The same events also replayed from nothing, as a rebuild would.
        fold_and_decide(TicketState::default(), &events, &commands);
    }
}

/// Every number in `v` replaced by `n`.
fn with_numbers(v: &Value, n: &Value) -> Value {
    match v {
        Value::Number(_) => n.clone(),
        Value::Array(a) => Value::Array(a.iter().map(|x| with_numbers(x, n)).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), with_numbers(x, n)))
                .collect(),
        ),
        other => other.clone(),
    }
}

proptest! {
    #![proptest_config(cases(500))]

    /// Sums of amounts and quantities are where an overflow would panic: every
    /// event at once, twice over, in any order, with every number at an extreme.
    #[test]
    fn extreme_amounts_and_quantities_in_any_order_never_panic_evolve(
        extreme in prop::sample::select(vec![
            json!(u32::MAX), json!(u64::MAX), json!(i64::from(u32::MAX) + 1), json!(-1), json!(0),
            json!(i64::MAX), json!(i64::MIN),
        ]),
        order in Just((0..golden_events().len() * 2).collect::<Vec<_>>()).prop_shuffle(),
        commands in prop::collection::vec(mutated(seed_commands()), 0..12),
    ) {
        let n = golden_events().len();
        let events: Vec<Value> = order
            .iter()
            .map(|&i| with_numbers(&golden_events()[i % n], &extreme))
            .collect();
        let commands: Vec<Value> = commands.iter().map(|c| with_numbers(c, &extreme)).collect();
        fold_and_decide(TicketState::default(), &events, &commands);
        for kind in TicketKind::ALL {
            fold_and_decide(state_from(kind, 5), &events, &commands);
        }
    }
}

/// Found by the property above: two refund requests of `i64::MAX` in a
/// corrupt or tampered log overflowed the sum in
/// `TicketState::committed_refund_minor` (a panic in debug builds, a wrapped
/// total in release). Sums of amounts now saturate.
#[test]
fn refund_amounts_at_i64_extremes_never_panic_the_fold() {
    let golden = |tag: &str| {
        golden_events()
            .iter()
            .find(|e| e["type"] == tag)
            .cloned()
            .unwrap()
    };
    for extreme in [json!(i64::MAX), json!(i64::MIN)] {
        let mut events = vec![golden("TicketOpened")];
        for refund in 1..=2u128 {
            let mut requested = with_numbers(&golden("RefundRequested"), &extreme);
            requested["refund_id"] = json!(id(100 + refund));
            events.push(requested);
        }
        fold_and_decide(TicketState::default(), &events, &[]);
    }
}

/// Guards the generators: without it the properties could pass by never
/// producing anything that decodes, and prove nothing past the first error.
#[test]
fn mutated_seeds_still_decode_often_enough_to_reach_evolve_and_decide() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut events, mut commands) = (0, 0);
    for _ in 0..500 {
        let e = mutated(golden_events())
            .new_tree(&mut runner)
            .unwrap()
            .current();
        events += usize::from(serde_json::from_value::<Event>(e).is_ok());
        let c = mutated(seed_commands())
            .new_tree(&mut runner)
            .unwrap()
            .current();
        commands += usize::from(serde_json::from_value::<Command>(c).is_ok());
    }
    assert!(events > 50, "only {events} of 500 mutated events decoded");
    assert!(
        commands > 50,
        "only {commands} of 500 mutated commands decoded"
    );
    for seed in golden_events() {
        serde_json::from_value::<Event>(seed.clone()).unwrap();
    }
    for seed in seed_commands() {
        serde_json::from_value::<Command>(seed.clone()).unwrap();
    }
}
