//! The platform outbox's runner with a scripted platform client: actions of
//! one kind go out in one batch; an item that fails a batch goes to a
//! person while the others are sent again alone; a rate limit waits as long
//! as the platform says before the next attempt; the record's version is
//! sent; manual shops send nothing.

use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use returns_domain::command::PlatformActionOutcome;
use returns_domain::platform_action::PlatformAction;
use returns_domain::TicketKind;
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use returns_platforms::{
    ActionOrder, Outcome, PersonReason, Platform, PlatformClient, RetryReason, SendFuture,
};
use returns_workflows::platform_outbox::VersionFuture;
use returns_workflows::{PlatformApi, PlatformVersions, Policies};

use super::helpers::{Application, Harness};

contract_tests!(
    one_kind_goes_in_one_batch_and_a_failing_item_goes_to_a_person,
    a_rate_limit_waits_as_long_as_the_platform_says,
);

/// What each call carried: the after-sale ids and versions.
type Calls = Arc<Mutex<Vec<Vec<(String, Option<i64>)>>>>;

/// A platform whose answers the test scripts per call.
struct Scripted {
    calls: Calls,
    answer: fn(usize, &ActionOrder, &[ActionOrder]) -> Outcome,
}

impl PlatformClient for Scripted {
    fn platform(&self) -> Platform {
        Platform::Douyin
    }

    fn batch_limit(&self, _action: PlatformAction) -> usize {
        20
    }

    fn send<'a>(&'a self, _now: DateTime<Utc>, orders: &'a [ActionOrder]) -> SendFuture<'a> {
        let call = {
            let mut calls = self.calls.lock().unwrap();
            calls.push(
                orders
                    .iter()
                    .map(|o| (o.after_sale_id.clone(), o.version))
                    .collect(),
            );
            calls.len()
        };
        let answer = self.answer;
        Box::pin(async move { orders.iter().map(|o| answer(call, o, orders)).collect() })
    }
}

struct Versions;

impl PlatformVersions for Versions {
    fn latest<'a>(&'a self, _platform: &'a str, _after_sale_id: &'a str) -> VersionFuture<'a> {
        Box::pin(async { Ok(Some(42)) })
    }
}

async fn harness(
    db: TestDatabase,
    answer: fn(usize, &ActionOrder, &[ActionOrder]) -> Outcome,
) -> (Harness, Calls) {
    let calls: Calls = Arc::default();
    let client = Scripted {
        calls: calls.clone(),
        answer,
    };
    let api = PlatformApi::new(
        vec![("douyin".to_owned(), Box::new(client))],
        Arc::new(Versions),
        false,
    );
    let h = Harness::with_platform_api(db, Policies::default(), api).await;
    (h, calls)
}

fn refund_only() -> Application {
    Application {
        kind: TicketKind::RefundOnly,
        channel: "douyin",
        ..Application::default()
    }
}

fn answer_of(h: &returns_domain::TicketState) -> Option<PlatformActionOutcome> {
    h.platform_actions.first().and_then(|a| a.answer.clone())
}

async fn one_kind_goes_in_one_batch_and_a_failing_item_goes_to_a_person(db: TestDatabase) {
    let (h, calls) = harness(db, |call, order, all| {
        match (call, order.after_sale_id.as_str()) {
            (1, "AS-2") => Outcome::NeedsPerson {
                reason: PersonReason::BatchItemFailed,
                code: Some("isv.business-failed:11005".into()),
                message: "售后单状态不允许".into(),
            },
            (1, _) if all.len() > 1 => Outcome::Retry {
                reason: RetryReason::BatchAborted,
                code: None,
                message: "another item failed the batch".into(),
                after: StdDuration::ZERO,
            },
            _ => Outcome::Done {
                reference: Some(format!("log-{call}")),
                already: false,
            },
        }
    })
    .await;
    // A manual shop's ticket beside them: never sent.
    let manual = h
        .open_marketplace(
            Application {
                channel: "kuaishou",
                ..refund_only()
            },
            "KS-1",
        )
        .await;
    let mut ids = Vec::new();
    for n in 1..=3 {
        ids.push(h.open_marketplace(refund_only(), &format!("AS-{n}")).await);
    }
    h.approve(manual).await;
    for id in &ids {
        h.approve(*id).await;
    }
    h.run().await;

    let calls = calls.lock().unwrap().clone();
    let ids_of = |call: &Vec<(String, Option<i64>)>| -> Vec<String> {
        call.iter().map(|(id, _)| id.clone()).collect()
    };
    // One batch of three, then the two innocent ones again, together.
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert_eq!(ids_of(&calls[0]), ["AS-1", "AS-2", "AS-3"]);
    assert_eq!(ids_of(&calls[1]), ["AS-1", "AS-3"]);
    assert!(
        calls[0].iter().all(|(_, v)| *v == Some(42)),
        "the version is sent"
    );

    let failed = h.state(ids[1]).await;
    assert!(matches!(
        answer_of(&failed),
        Some(PlatformActionOutcome::NeedsPerson { ref reason, .. }) if reason == "batch_item_failed"
    ));
    assert!(failed.platform_actions[0].is_open(), "a person's task now");
    for id in [ids[0], ids[2]] {
        let state = h.state(id).await;
        assert!(matches!(
            answer_of(&state),
            Some(PlatformActionOutcome::Succeeded { ref reference, platform_version: Some(42), .. })
                if reference.as_deref() == Some("log-2")
        ));
    }
    assert!(answer_of(&h.state(manual).await).is_none());
    // Nothing more to send, however often the runner looks.
    h.advance(Duration::hours(1)).await;
    assert_eq!(h.workflows.platform_actions_pending().await.unwrap(), 0);
}

async fn a_rate_limit_waits_as_long_as_the_platform_says(db: TestDatabase) {
    let (h, calls) = harness(db, |call, _, _| {
        if call == 1 {
            Outcome::Retry {
                reason: RetryReason::RateLimited,
                code: Some("7".into()),
                message: "App Call Limited".into(),
                after: StdDuration::from_secs(30),
            }
        } else {
            Outcome::Done {
                reference: None,
                already: false,
            }
        }
    })
    .await;
    let id = h.open_marketplace(refund_only(), "AS-9").await;
    h.approve(id).await;
    h.run().await;
    assert_eq!(calls.lock().unwrap().len(), 1);
    h.advance(Duration::seconds(29)).await;
    assert_eq!(calls.lock().unwrap().len(), 1, "not before the ban ends");
    assert!(answer_of(&h.state(id).await).is_none());
    h.advance(Duration::seconds(2)).await;
    assert_eq!(calls.lock().unwrap().len(), 2);
    assert!(matches!(
        answer_of(&h.state(id).await),
        Some(PlatformActionOutcome::Succeeded { .. })
    ));
}
