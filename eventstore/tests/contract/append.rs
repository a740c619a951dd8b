use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{contract_tests, CommandFingerprint, Error, ExpectedVersion, Metadata};
use uuid::Uuid;

use crate::helpers::*;

contract_tests!(
    append_returns_positions_and_next_version,
    wrong_expected_version_is_a_conflict_and_writes_nothing,
    any_appends_whatever_the_version,
    all_events_of_one_append_commit_together,
    repeated_command_id_returns_first_result_and_writes_nothing,
    metadata_and_recorded_at_are_stored,
    invalid_appends_are_rejected_before_writing,
    conflict_in_one_append_never_fails_another_in_the_same_batch,
    command_id_reused_on_another_stream_is_refused_and_writes_nothing,
    command_id_reused_for_another_kind_or_input_is_refused_and_writes_nothing,
    command_id_reused_within_one_batch_is_refused_for_the_other_stream,
    command_record_remembers_stream_kind_and_input_hash,
);

async fn append_returns_positions_and_next_version(db: TestDatabase) {
    let f = open(db).await;
    let r = f
        .store
        .append(
            "ticket-1",
            ExpectedVersion::NoStream,
            vec![event(1), event(2)],
            meta(),
        )
        .await
        .unwrap();
    assert_eq!(r.next_version, 2);
    assert_eq!(r.last_position - r.first_position, 1);
    let r2 = f
        .store
        .append(
            "ticket-1",
            ExpectedVersion::Exact(2),
            vec![event(3)],
            meta(),
        )
        .await
        .unwrap();
    assert_eq!(r2.next_version, 3);
    assert!(r2.first_position > r.last_position);
    let events = f.store.read_stream("ticket-1", 1).await.unwrap();
    let versions: Vec<i64> = events.iter().map(|e| e.stream_version).collect();
    assert_eq!(versions, vec![1, 2, 3]);
    assert_eq!(events[2].payload["n"], 3);
    assert_eq!(f.store.stream_version("ticket-1").await.unwrap(), 3);
    assert_eq!(f.store.head_position().await.unwrap(), r2.last_position);
}

async fn wrong_expected_version_is_a_conflict_and_writes_nothing(db: TestDatabase) {
    let f = open(db).await;
    f.store
        .append("s", ExpectedVersion::NoStream, vec![event(1)], meta())
        .await
        .unwrap();
    for expected in [
        ExpectedVersion::NoStream,
        ExpectedVersion::Exact(0),
        ExpectedVersion::Exact(5),
    ] {
        let err = f
            .store
            .append("s", expected, vec![event(2), event(3)], meta())
            .await
            .unwrap_err();
        match err {
            Error::Conflict {
                stream,
                expected: e,
                actual,
            } => {
                assert_eq!(stream, "s");
                assert_eq!(e, expected);
                assert_eq!(actual, 1);
            }
            other => panic!("expected a conflict, got {other:?}"),
        }
    }
    assert_eq!(count_events(&f.store).await, 1);
    let err = f
        .store
        .append("new", ExpectedVersion::Exact(1), vec![event(1)], meta())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Conflict { actual: 0, .. }));
    assert_eq!(count_events(&f.store).await, 1);
}

async fn any_appends_whatever_the_version(db: TestDatabase) {
    let f = open(db).await;
    for n in 1..=3 {
        let r = f
            .store
            .append("s", ExpectedVersion::Any, vec![event(n)], meta())
            .await
            .unwrap();
        assert_eq!(r.next_version, n);
    }
}

async fn all_events_of_one_append_commit_together(db: TestDatabase) {
    let f = open(db).await;
    let events: Vec<_> = (1..=50).map(event).collect();
    let r = f
        .store
        .append("s", ExpectedVersion::NoStream, events, meta())
        .await
        .unwrap();
    assert_eq!(r.next_version, 50);
    assert_eq!(r.last_position - r.first_position, 49);
    // A conflicting multi-event append leaves no trace at all.
    let err = f
        .store
        .append(
            "s",
            ExpectedVersion::Exact(10),
            (1..=5).map(event).collect(),
            meta(),
        )
        .await;
    assert!(err.is_err());
    assert_eq!(count_events(&f.store).await, 50);
}

async fn repeated_command_id_returns_first_result_and_writes_nothing(db: TestDatabase) {
    let f = open(db).await;
    let id = Uuid::now_v7();
    let first = f
        .store
        .append(
            "s",
            ExpectedVersion::NoStream,
            vec![event(1)],
            meta().with_command_id(id),
        )
        .await
        .unwrap();
    // Same id again, even with an expectation that would now conflict.
    let again = f
        .store
        .append(
            "s",
            ExpectedVersion::NoStream,
            vec![event(1)],
            meta().with_command_id(id),
        )
        .await
        .unwrap();
    assert!(first.same_write(&again) && again.repeated && !first.repeated);
    assert_eq!(count_events(&f.store).await, 1);
    assert!(f
        .store
        .command_result(id)
        .await
        .unwrap()
        .unwrap()
        .same_write(&first));
    // Concurrent repeats of one new id: exactly one write.
    let id2 = Uuid::now_v7();
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let store = f.store.clone();
        tasks.push(tokio::spawn(async move {
            store
                .append(
                    "s",
                    ExpectedVersion::Any,
                    vec![event(2)],
                    meta().with_command_id(id2),
                )
                .await
                .unwrap()
        }));
    }
    let mut results = Vec::new();
    for t in tasks {
        results.push(t.await.unwrap());
    }
    assert!(results.windows(2).all(|w| w[0].same_write(&w[1])));
    assert_eq!(results.iter().filter(|r| !r.repeated).count(), 1);
    assert_eq!(count_events(&f.store).await, 2);
}

async fn metadata_and_recorded_at_are_stored(db: TestDatabase) {
    let f = open(db).await;
    let at = t0() + chrono::Duration::microseconds(123_456_789);
    f.clock.set(at);
    let metadata = Metadata {
        actor: "wh-07".into(),
        role: "warehouse".into(),
        command_id: Some(Uuid::now_v7()),
        correlation_id: Some(Uuid::now_v7()),
        causation_id: Some(Uuid::now_v7()),
        source: Some("graphql".into()),
        fingerprint: None,
    };
    f.store
        .append(
            "s",
            ExpectedVersion::NoStream,
            vec![event(1)],
            metadata.clone(),
        )
        .await
        .unwrap();
    let stored = &f.store.read_stream("s", 1).await.unwrap()[0];
    assert_eq!(stored.metadata, metadata);
    assert_eq!(stored.recorded_at, at);
    assert_eq!(stored.event_type, "ThingHappened");
    assert_eq!(stored.schema_version, 1);
    assert_eq!(stored.event_id.get_version_num(), 7);
    assert_eq!(stored.hash.len(), 32);
}

async fn invalid_appends_are_rejected_before_writing(db: TestDatabase) {
    let f = open(db).await;
    assert!(matches!(
        f.store
            .append("s", ExpectedVersion::Any, vec![], meta())
            .await,
        Err(Error::Invalid(_))
    ));
    assert!(matches!(
        f.store
            .append(" ", ExpectedVersion::Any, vec![event(1)], meta())
            .await,
        Err(Error::Invalid(_))
    ));
    let mut bad = event(1);
    bad.event_type = String::new();
    assert!(matches!(
        f.store
            .append("s", ExpectedVersion::Any, vec![event(1), bad], meta())
            .await,
        Err(Error::Invalid(_))
    ));
    assert_eq!(count_events(&f.store).await, 0);
}

async fn conflict_in_one_append_never_fails_another_in_the_same_batch(db: TestDatabase) {
    let f = open(db).await;
    // Many concurrent appends land in shared group commits: eight race for
    // one new stream (one may win), twenty-four write their own streams.
    let mut tasks = Vec::new();
    for i in 0..32 {
        let store = f.store.clone();
        tasks.push(tokio::spawn(async move {
            let stream = if i % 4 == 0 {
                "contested".to_owned()
            } else {
                format!("own-{i}")
            };
            (
                i,
                store
                    .append(&stream, ExpectedVersion::NoStream, vec![event(i)], meta())
                    .await,
            )
        }));
    }
    let mut contested_wins = 0;
    for t in tasks {
        let (i, result) = t.await.unwrap();
        if i % 4 == 0 {
            match result {
                Ok(_) => contested_wins += 1,
                Err(Error::Conflict { actual: 1, .. }) => {}
                Err(other) => panic!("unexpected error {other:?}"),
            }
        } else {
            result.unwrap();
        }
    }
    assert_eq!(contested_wins, 1);
    assert_eq!(count_events(&f.store).await, 25);
}

fn fingerprinted(id: Uuid, kind: &str, input: &str) -> Metadata {
    meta()
        .with_command_id(id)
        .with_fingerprint(CommandFingerprint::new(kind, input))
}

fn assert_reused(err: Error, id: Uuid, first_stream: &str, first_kind: &str) {
    match err {
        Error::CommandIdReused {
            command_id,
            stream,
            used_for,
        } => {
            assert_eq!(command_id, id);
            assert_eq!(stream, first_stream);
            assert_eq!(used_for, first_kind);
        }
        other => panic!("expected CommandIdReused, got {other:?}"),
    }
}

async fn command_id_reused_on_another_stream_is_refused_and_writes_nothing(db: TestDatabase) {
    let f = open(db).await;
    let id = Uuid::now_v7();
    let first = f
        .store
        .append(
            "ticket-a",
            ExpectedVersion::Any,
            vec![event(1)],
            fingerprinted(id, "Approve", "h1"),
        )
        .await
        .unwrap();
    let again = f
        .store
        .append(
            "ticket-a",
            ExpectedVersion::Any,
            vec![event(1)],
            fingerprinted(id, "Approve", "h1"),
        )
        .await
        .unwrap();
    assert!(again.repeated);
    assert!(again.same_write(&first));
    let err = f
        .store
        .append(
            "ticket-b",
            ExpectedVersion::Any,
            vec![event(1)],
            fingerprinted(id, "Approve", "h1"),
        )
        .await
        .unwrap_err();
    assert_reused(err, id, "ticket-a", "Approve");
    assert_eq!(f.store.stream_version("ticket-b").await.unwrap(), 0);
    assert_eq!(count_events(&f.store).await, 1);
}

async fn command_id_reused_for_another_kind_or_input_is_refused_and_writes_nothing(
    db: TestDatabase,
) {
    let f = open(db).await;
    let id = Uuid::now_v7();
    f.store
        .append(
            "ticket-a",
            ExpectedVersion::Any,
            vec![event(1)],
            fingerprinted(id, "AddNote", "h1"),
        )
        .await
        .unwrap();
    for (kind, input) in [("Approve", "h1"), ("AddNote", "h2")] {
        let err = f
            .store
            .append(
                "ticket-a",
                ExpectedVersion::Any,
                vec![event(2)],
                fingerprinted(id, kind, input),
            )
            .await
            .unwrap_err();
        assert_reused(err, id, "ticket-a", "AddNote");
    }
    // Without a fingerprint the caller cannot show it is the same command.
    let err = f
        .store
        .append(
            "ticket-a",
            ExpectedVersion::Any,
            vec![event(2)],
            meta().with_command_id(id),
        )
        .await
        .unwrap_err();
    assert_reused(err, id, "ticket-a", "AddNote");
    assert_eq!(count_events(&f.store).await, 1);
}

async fn command_id_reused_within_one_batch_is_refused_for_the_other_stream(db: TestDatabase) {
    let f = open(db).await;
    let id = Uuid::now_v7();
    // Sent together so the writer sees both in one group commit: the first
    // to be planned takes the id, the other is refused, whichever it is.
    let (a, b) = tokio::join!(
        f.store.append(
            "ticket-a",
            ExpectedVersion::Any,
            vec![event(1)],
            fingerprinted(id, "Approve", "h1"),
        ),
        f.store.append(
            "ticket-b",
            ExpectedVersion::Any,
            vec![event(1)],
            fingerprinted(id, "Approve", "h1"),
        ),
    );
    let (won, lost, loser) = match (a, b) {
        (Ok(won), Err(lost)) => (won, lost, "ticket-b"),
        (Err(lost), Ok(won)) => (won, lost, "ticket-a"),
        other => panic!("expected one success and one refusal, got {other:?}"),
    };
    assert!(!won.repeated);
    let winner = if loser == "ticket-a" {
        "ticket-b"
    } else {
        "ticket-a"
    };
    assert_reused(lost, id, winner, "Approve");
    assert_eq!(f.store.stream_version(loser).await.unwrap(), 0);
    assert_eq!(count_events(&f.store).await, 1);
}

async fn command_record_remembers_stream_kind_and_input_hash(db: TestDatabase) {
    let f = open(db).await;
    let id = Uuid::now_v7();
    assert_eq!(f.store.command_record(id).await.unwrap(), None);
    let first = f
        .store
        .append(
            "ticket-a",
            ExpectedVersion::Any,
            vec![event(1), event(2)],
            fingerprinted(id, "Receive", "abc"),
        )
        .await
        .unwrap();
    let record = f.store.command_record(id).await.unwrap().unwrap();
    assert_eq!(record.stream, "ticket-a");
    assert_eq!(record.kind, "Receive");
    assert_eq!(record.input_hash, "abc");
    assert!(record.result.same_write(&first));
}
