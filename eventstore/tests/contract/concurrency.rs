use std::collections::{BTreeSet, HashSet};
use std::time::Duration;

use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{contract_tests, Error, ExpectedVersion, NewEvent};
use serde_json::json;

use crate::helpers::*;

contract_tests!(
    sixteen_writers_on_one_stream_with_retry_leave_no_gaps,
    subscriber_sees_every_event_of_sixteen_writers_once_in_order,
);

async fn sixteen_writers_on_one_stream_with_retry_leave_no_gaps(db: TestDatabase) {
    let f = open(db).await;
    let mut tasks = Vec::new();
    for writer in 0..16 {
        let store = f.store.clone();
        tasks.push(tokio::spawn(async move {
            let mut successes = Vec::new();
            for seq in 0..5 {
                loop {
                    let version = store.stream_version("hot").await.unwrap();
                    let e = NewEvent::new("Tick", 1, json!({"writer": writer, "seq": seq}));
                    match store
                        .append("hot", ExpectedVersion::Exact(version), vec![e], meta())
                        .await
                    {
                        Ok(r) => {
                            successes.push((writer, seq, r.next_version));
                            break;
                        }
                        Err(Error::Conflict { .. }) => tokio::task::yield_now().await,
                        Err(other) => panic!("{other:?}"),
                    }
                }
            }
            successes
        }));
    }
    let mut successes = Vec::new();
    for t in tasks {
        successes.extend(t.await.unwrap());
    }
    assert_eq!(successes.len(), 80);
    let events = f.store.read_stream("hot", 1).await.unwrap();
    let versions: Vec<i64> = events.iter().map(|e| e.stream_version).collect();
    assert_eq!(versions, (1..=80).collect::<Vec<_>>());
    let stored: HashSet<(i64, i64, i64)> = events
        .iter()
        .map(|e| {
            (
                e.payload["writer"].as_i64().unwrap(),
                e.payload["seq"].as_i64().unwrap(),
                e.stream_version,
            )
        })
        .collect();
    for (writer, seq, version) in successes {
        assert!(
            stored.contains(&(writer, seq, version)),
            "success {writer}/{seq} at v{version} is stored"
        );
    }
    assert!(f.store.verify_stream("hot").await.unwrap().is_intact());
}

async fn subscriber_sees_every_event_of_sixteen_writers_once_in_order(db: TestDatabase) {
    let f = open(db).await;
    let mut sub = f.store.subscribe(0);
    let total = 16 * 20;
    let reader = tokio::spawn(async move {
        let mut seen = Vec::with_capacity(total);
        while seen.len() < total {
            let e = tokio::time::timeout(Duration::from_secs(30), sub.next())
                .await
                .unwrap()
                .unwrap();
            seen.push(e);
        }
        assert!(tokio::time::timeout(Duration::from_millis(200), sub.next())
            .await
            .is_err());
        seen
    });
    let mut tasks = Vec::new();
    for writer in 0..16 {
        let store = f.store.clone();
        tasks.push(tokio::spawn(async move {
            for seq in 0..20 {
                let e = NewEvent::new("Tick", 1, json!({"writer": writer, "seq": seq}));
                store
                    .append(
                        &format!("w{writer}"),
                        ExpectedVersion::Exact(seq),
                        vec![e],
                        meta(),
                    )
                    .await
                    .unwrap();
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let seen = reader.await.unwrap();
    assert!(
        seen.windows(2).all(|w| w[0].position < w[1].position),
        "position order"
    );
    let distinct: BTreeSet<(String, i64)> = seen
        .iter()
        .map(|e| (e.stream_id.clone(), e.stream_version))
        .collect();
    assert_eq!(distinct.len(), total, "every event exactly once");
}
