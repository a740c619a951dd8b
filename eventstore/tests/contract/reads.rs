use chrono::Duration;
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{contract_tests, ExpectedVersion};

use crate::helpers::*;

contract_tests!(
    read_stream_from_a_version,
    read_stream_as_of_a_version_and_a_time,
    read_all_in_pages_in_position_order,
    unknown_stream_reads_empty,
);

async fn read_stream_from_a_version(db: TestDatabase) {
    let f = open(db).await;
    f.store
        .append(
            "s",
            ExpectedVersion::NoStream,
            (1..=5).map(event).collect(),
            meta(),
        )
        .await
        .unwrap();
    let tail = f.store.read_stream("s", 4).await.unwrap();
    assert_eq!(
        tail.iter().map(|e| e.stream_version).collect::<Vec<_>>(),
        vec![4, 5]
    );
}

async fn read_stream_as_of_a_version_and_a_time(db: TestDatabase) {
    let f = open(db).await;
    for n in 1..=4 {
        f.store
            .append("s", ExpectedVersion::Exact(n - 1), vec![event(n)], meta())
            .await
            .unwrap();
        f.clock.advance(Duration::hours(1));
    }
    let at_v2 = f.store.read_stream_to_version("s", 2).await.unwrap();
    assert_eq!(at_v2.len(), 2);
    assert_eq!(at_v2[1].payload["n"], 2);
    // Events were recorded at t0, t0+1h, t0+2h, t0+3h.
    let as_of = f
        .store
        .read_stream_as_of("s", t0() + Duration::minutes(150))
        .await
        .unwrap();
    assert_eq!(as_of.len(), 3);
    let before = f
        .store
        .read_stream_as_of("s", t0() - Duration::seconds(1))
        .await
        .unwrap();
    assert!(before.is_empty());
    let exact = f
        .store
        .read_stream_as_of("s", t0() + Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(
        exact.len(),
        2,
        "an event recorded exactly at the time is included"
    );
}

async fn read_all_in_pages_in_position_order(db: TestDatabase) {
    let f = open(db).await;
    for s in 0..10 {
        f.store
            .append(
                &format!("s{s}"),
                ExpectedVersion::NoStream,
                (1..=3).map(event).collect(),
                meta(),
            )
            .await
            .unwrap();
    }
    let mut after = 0;
    let mut seen = Vec::new();
    loop {
        let page = f.store.read_all(after, 7).await.unwrap();
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= 7);
        after = page.last().unwrap().position;
        seen.extend(page);
    }
    assert_eq!(seen.len(), 30);
    assert!(seen.windows(2).all(|w| w[0].position < w[1].position));
    assert_eq!(
        seen.last().unwrap().position,
        f.store.head_position().await.unwrap()
    );
}

async fn unknown_stream_reads_empty(db: TestDatabase) {
    let f = open(db).await;
    assert!(f.store.read_stream("nope", 1).await.unwrap().is_empty());
    assert_eq!(f.store.stream_version("nope").await.unwrap(), 0);
    assert_eq!(f.store.head_position().await.unwrap(), 0);
}
