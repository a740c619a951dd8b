//! Two runner processes on one PostgreSQL database: one applies each
//! projection, the other takes over when it stops. (SQLite serves one
//! process, so there is nothing to test there.)

use returns_tickets::Tickets;
use std::time::Duration;

use returns_eventstore::testing::TestDatabase;
use returns_projections::{rebuild, registry, ProjectionRunner, RunnerHandle};

use crate::helpers::{options, settle, store};
use crate::scenario;

async fn wait_until(what: &str, mut check: impl FnMut() -> bool) {
    for _ in 0..300 {
        if check() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("timed out waiting until {what}");
}

/// How many projections a runner leads when it leads them all.
fn every() -> usize {
    registry::current().len()
}

fn leading(runner: &RunnerHandle) -> usize {
    runner.status().iter().filter(|s| s.leading).count()
}

fn applied(runner: &RunnerHandle) -> u64 {
    runner.status().iter().map(|s| s.applied_events).sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn only_one_of_two_postgres_runners_applies_and_the_other_takes_over() {
    let Some(db) = TestDatabase::postgres().await else {
        return;
    };
    // Two stores on one database: two processes as far as PostgreSQL can tell.
    let store_a = store(&db).await;
    let store_b = store(&db).await;
    let a = ProjectionRunner::spawn_with(
        &Tickets::plaintext(store_a.clone()),
        registry::current(),
        options(),
    );
    wait_until("A leads every projection", || leading(&a) == every()).await;
    let b = ProjectionRunner::spawn_with(
        &Tickets::plaintext(store_b.clone()),
        registry::current(),
        options(),
    );

    scenario::run(&store_a).await;
    settle(&store_b).await;
    assert_eq!(leading(&b), 0, "B waits while A holds the locks");
    assert!(applied(&a) > 0);
    assert_eq!(applied(&b), 0, "B applied nothing while A ran");

    a.stop().await;
    wait_until("B takes over every projection", || leading(&b) == every()).await;
    scenario::run(&store_b).await;
    settle(&store_b).await;
    assert!(applied(&b) > 0, "B applies after taking over");
    b.stop().await;

    // Nothing lost or doubled across the hand-over.
    let live = dump(&store_b).await;
    rebuild(&store_b, "all", |_, _| {}).await.unwrap();
    assert_eq!(live, dump(&store_b).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn rebuild_refuses_while_another_process_runs_the_projection() {
    let Some(db) = TestDatabase::postgres().await else {
        return;
    };
    let store_a = store(&db).await;
    let store_b = store(&db).await;
    let a = ProjectionRunner::spawn_with(
        &Tickets::plaintext(store_a.clone()),
        registry::current(),
        options(),
    );
    wait_until("A leads every projection", || leading(&a) == every()).await;
    let refused = rebuild(&store_b, "worklist", |_, _| {}).await;
    let err = refused.expect_err(&format!("runner A: {:?}", a.status()));
    assert!(err.to_string().contains("stop the runner"), "{err}");
    a.stop().await;
    rebuild(&store_b, "worklist", |_, _| {}).await.unwrap();
}

async fn dump(
    store: &returns_eventstore::EventStore,
) -> Vec<std::collections::BTreeMap<String, Vec<String>>> {
    let mut out = Vec::new();
    for p in registry::current() {
        out.push(
            returns_projections::inspect::dump_projection(store, p.as_ref())
                .await
                .unwrap(),
        );
    }
    out
}
