//! The runner's guarantees: rebuild equals the live run row by row, a crash
//! mid-batch changes nothing, versions switch without downtime, lag and
//! read-your-writes, and decoding rules.

use returns_tickets::Tickets;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use returns_eventstore::db::Dialect;
use returns_eventstore::db::Statement;
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{contract_tests, EventStore, ExpectedVersion, Metadata, NewEvent};
use returns_projections::inspect::dump_projection;
use returns_projections::query::worklist::WorklistFilter;
use returns_projections::read_models::worklist::Worklist;
use returns_projections::{
    checkpoint, lag, rebuild, registry, wait_for, wait_for_projection, Batch, Error, Projection,
    ProjectionRunner, Queries,
};
use uuid::Uuid;

use crate::helpers::{options, settle, spawn_all, store, Ticket};
use crate::scenario;

contract_tests!(
    rebuild_after_live_run_matches_row_by_row,
    failed_batch_rolls_back_and_resumes_to_the_same_rows,
    a_projection_that_keeps_failing_holds_up_no_other,
    a_projection_far_behind_catches_up_on_its_own_while_the_others_stay_live,
    runner_aborted_mid_run_restarts_to_the_same_rows_as_a_clean_rebuild,
    new_version_builds_beside_the_old_and_queries_switch_once_caught_up,
    lag_reports_checkpoints_and_wait_for_sees_own_writes,
    unknown_event_types_are_skipped_but_undecodable_known_ones_stop_the_runner,
);

type Dump = BTreeMap<String, BTreeMap<String, Vec<String>>>;

async fn dump_all(store: &EventStore) -> Dump {
    let mut out = BTreeMap::new();
    for projection in registry::current() {
        out.insert(
            projection.name().to_owned(),
            dump_projection(store, projection.as_ref()).await.unwrap(),
        );
    }
    out
}

fn assert_same(live: &Dump, rebuilt: &Dump) {
    assert_eq!(
        live.keys().collect::<Vec<_>>(),
        rebuilt.keys().collect::<Vec<_>>()
    );
    for (name, tables) in live {
        for (table, rows) in tables {
            let other = &rebuilt[name][table];
            assert_eq!(rows.len(), other.len(), "{table}: row count");
            for (a, b) in rows.iter().zip(other) {
                assert_eq!(a, b, "{table}: rows differ");
            }
        }
    }
}

async fn rebuild_all_and_dump(store: &EventStore) -> Dump {
    let mut calls = 0;
    let report = rebuild(store, "all", |done, total| {
        calls += 1;
        assert!(done <= total);
    })
    .await
    .unwrap();
    assert!(calls >= 2, "progress reported at start and per batch");
    assert_eq!(report.position, store.head_position().await.unwrap());
    dump_all(store).await
}

async fn rebuild_after_live_run_matches_row_by_row(db: TestDatabase) {
    let store = store(&db).await;
    // Started before the tickets: it follows them live in small batches.
    let runner = spawn_all(&store);
    scenario::run(&store).await;
    settle(&store).await;
    runner.stop().await;
    let live = dump_all(&store).await;
    assert!(live["worklist_v3"]["rm_worklist_v3"].len() == 13);
    let rebuilt = rebuild_all_and_dump(&store).await;
    assert_same(&live, &rebuilt);
}

/// What a [`Wrapped`] projection does to the statements of each batch.
type Hook = Box<dyn Fn(&Batch<'_>, &mut Vec<Statement>) + Send + Sync>;

/// A real projection whose statements pass through a hook: to fail a batch
/// or hold it back.
struct Wrapped {
    inner: Arc<dyn Projection>,
    hook: Hook,
}

impl Projection for Wrapped {
    fn name(&self) -> &str {
        self.inner.name()
    }
    fn read_model(&self) -> &str {
        self.inner.read_model()
    }
    fn version(&self) -> u32 {
        self.inner.version()
    }
    fn tables(&self) -> Vec<String> {
        self.inner.tables()
    }
    fn schema(&self, dialect: Dialect) -> String {
        self.inner.schema(dialect)
    }
    fn apply(&self, dialect: Dialect, batch: &Batch<'_>) -> Result<Vec<Statement>, Error> {
        let mut statements = self.inner.apply(dialect, batch)?;
        (self.hook)(batch, &mut statements);
        Ok(statements)
    }
}

/// `inner`, failing the first batch that contains `fail_at` (every such
/// batch when `always`): a crash in the middle of a batch, or a projection
/// with a bug.
fn failing(inner: Arc<dyn Projection>, fail_at: i64, always: bool) -> Arc<dyn Projection> {
    let failed = AtomicBool::new(false);
    let hook: Hook = Box::new(move |batch, statements| {
        let hit = batch.events.iter().any(|e| e.position == fail_at);
        if hit && (!failed.swap(true, Ordering::SeqCst) || always) {
            // Half the batch's rows are written, then a statement fails:
            // the transaction must take the written half back.
            let half = statements.len() / 2;
            statements.truncate(half.max(1));
            statements.push(Statement::new("SELECT * FROM no_such_table", vec![]));
        }
    });
    Arc::new(Wrapped { inner, hook })
}

/// `inner`, each batch waiting (up to 30 s) until `open`: a projection that
/// is slow to catch up.
fn gated(inner: Arc<dyn Projection>, open: Arc<AtomicBool>) -> Arc<dyn Projection> {
    let hook: Hook = Box::new(move |_, _| {
        // block_in_place hands this worker's queued tasks to another, as a
        // long CPU-bound batch would need; a bare sleep would strand them.
        tokio::task::block_in_place(|| {
            for _ in 0..3000 {
                if open.load(Ordering::SeqCst) {
                    break;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        });
    });
    Arc::new(Wrapped { inner, hook })
}

async fn failed_batch_rolls_back_and_resumes_to_the_same_rows(db: TestDatabase) {
    let store = store(&db).await;
    scenario::run(&store).await;
    let head = store.head_position().await.unwrap();
    let current = registry::current();
    let count = current.len() as i64;
    // Each projection fails once, each in a batch of its own.
    let projections: Vec<Arc<dyn Projection>> = current
        .into_iter()
        .zip(1..)
        .map(|(inner, n)| failing(inner, head * n / (count + 1), false))
        .collect();
    let runner =
        ProjectionRunner::spawn_with(&Tickets::plaintext(store.clone()), projections, options());
    settle(&store).await;
    let status = runner.status();
    runner.stop().await;
    for s in &status {
        assert_eq!(s.failures, 1, "{}: one failed batch", s.name);
        assert!(s.last_error.as_deref().unwrap().contains("no_such_table"));
    }
    let live = dump_all(&store).await;
    let rebuilt = rebuild_all_and_dump(&store).await;
    assert_same(&live, &rebuilt);
}

async fn a_projection_that_keeps_failing_holds_up_no_other(db: TestDatabase) {
    let store = store(&db).await;
    scenario::run(&store).await;
    let head = store.head_position().await.unwrap();
    let mut projections = registry::current();
    let broken = projections[0].name().to_owned();
    projections[0] = failing(projections[0].clone(), head / 2, true);
    let names: Vec<String> = projections.iter().map(|p| p.name().to_owned()).collect();
    let runner =
        ProjectionRunner::spawn_with(&Tickets::plaintext(store.clone()), projections, options());
    // The five others share its reader and its batches, yet reach the head.
    for name in names.iter().filter(|n| **n != broken) {
        wait_for_projection(&store, name, head, Duration::from_secs(20))
            .await
            .unwrap_or_else(|e| panic!("{name} held up by {broken}: {e}"));
    }
    let status = runner.status();
    runner.stop().await;
    for s in &status {
        if s.name == broken {
            assert!(s.failures >= 1, "{s:?}");
            assert!(s.position < head / 2, "{s:?}");
        } else {
            assert_eq!((s.failures, s.position), (0, head), "{s:?}");
        }
    }
}

async fn a_projection_far_behind_catches_up_on_its_own_while_the_others_stay_live(
    db: TestDatabase,
) {
    let store = store(&db).await;
    scenario::run(&store).await;
    let first = spawn_all(&store);
    settle(&store).await;
    first.stop().await;

    // The next version of the worklist is deployed: it starts from nothing,
    // and it is held at its first batch.
    let open = Arc::new(AtomicBool::new(false));
    let upgrade = gated(
        Arc::new(Worklist::at_version(Worklist::CURRENT + 1)),
        open.clone(),
    );
    let mut projections = registry::current();
    projections.push(upgrade.clone());
    let runner =
        ProjectionRunner::spawn_with(&Tickets::plaintext(store.clone()), projections, options());
    scenario::run(&store).await;
    let head = store.head_position().await.unwrap();
    for current in registry::current() {
        wait_for_projection(&store, current.name(), head, Duration::from_secs(20))
            .await
            .unwrap_or_else(|e| panic!("{} waited for the upgrade: {e}", current.name()));
    }
    let held = runner
        .status()
        .into_iter()
        .find(|s| s.name == upgrade.name())
        .unwrap();
    assert!(held.leading && held.position < head / 2, "{held:?}");

    open.store(true, Ordering::SeqCst);
    wait_for_projection(&store, upgrade.name(), head, Duration::from_secs(20))
        .await
        .unwrap();
    // Caught up, it joined the others: what comes next reaches all of them.
    scenario::run(&store).await;
    let head = store.head_position().await.unwrap();
    wait_for_projection(&store, upgrade.name(), head, Duration::from_secs(20))
        .await
        .unwrap();
    settle(&store).await;
    let status = runner.status();
    runner.stop().await;
    assert!(status.iter().all(|s| s.failures == 0), "{status:?}");
}

async fn runner_aborted_mid_run_restarts_to_the_same_rows_as_a_clean_rebuild(db: TestDatabase) {
    scenario::run(&store(&db).await).await;
    // Kill the runner at several moments of the catch-up, each time in a
    // "process" of its own whose connections die with it, as in a crash;
    // the next one resumes from whatever the last commit left.
    for delay_ms in [5, 20, 60] {
        let crashing = store(&db).await;
        let runner = spawn_all(&crashing);
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
        runner.abort();
        crashing.db().close().await;
        drop(crashing);
        // More tickets arrive while no runner runs.
        scenario::run(&store(&db).await).await;
    }
    let store = store(&db).await;
    let runner = spawn_all(&store);
    settle(&store).await;
    runner.stop().await;
    let live = dump_all(&store).await;
    assert_eq!(live["worklist_v3"]["rm_worklist_v3"].len(), 13 * 4);
    let rebuilt = rebuild_all_and_dump(&store).await;
    assert_same(&live, &rebuilt);
}

async fn new_version_builds_beside_the_old_and_queries_switch_once_caught_up(db: TestDatabase) {
    // The build under test serves `old`; a later build serves `new`.
    let old = Worklist::CURRENT;
    let new = old + 1;
    let store = store(&db).await;
    scenario::run(&store).await;
    let runner = spawn_all(&store);
    settle(&store).await;
    let old_build = Queries::new(store.clone());
    let served_by_old = old_build
        .worklist(&WorklistFilter::default(), None, 100)
        .await
        .unwrap();
    assert_eq!(served_by_old.items.len(), 13);

    // A build whose worklist is the next version is deployed: its tables
    // exist, empty, and it has not caught up, so its queries still read `old`.
    let upgrade: Arc<dyn Projection> = Arc::new(Worklist::at_version(new));
    let new_build = Queries::with_projections(store.clone(), std::slice::from_ref(&upgrade));
    checkpoint::install(&store, upgrade.as_ref()).await.unwrap();
    assert_eq!(
        registry::serving_version_for(&store, "worklist", new)
            .await
            .unwrap(),
        old
    );
    assert_eq!(
        new_build
            .worklist(&WorklistFilter::default(), None, 100)
            .await
            .unwrap(),
        served_by_old,
        "the old version keeps serving while the new one builds"
    );

    // The new version builds from position 0 while the old one's runner keeps going.
    let upgrade_runner = ProjectionRunner::spawn_with(
        &Tickets::plaintext(store.clone()),
        vec![upgrade.clone()],
        options(),
    );
    let head = store.head_position().await.unwrap();
    wait_for_projection(
        &store,
        &format!("worklist_v{new}"),
        head,
        Duration::from_secs(20),
    )
    .await
    .unwrap();
    let mut switched = false;
    for _ in 0..200 {
        if registry::serving_version_for(&store, "worklist", new)
            .await
            .unwrap()
            == new
        {
            switched = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(
        switched,
        "the new build's queries switch once the new version has caught up"
    );
    assert_eq!(
        new_build
            .worklist(&WorklistFilter::default(), None, 100)
            .await
            .unwrap(),
        served_by_old,
        "the new version serves the same answers"
    );
    // The old build never reads tables newer than it knows.
    assert_eq!(
        registry::serving_version(&store, "worklist").await.unwrap(),
        old
    );
    let old_rows = dump_projection(&store, &Worklist::current()).await.unwrap();
    let new_rows = dump_projection(&store, upgrade.as_ref()).await.unwrap();
    assert_eq!(
        old_rows[&format!("rm_worklist_v{old}")],
        new_rows[&format!("rm_worklist_v{new}")]
    );
    upgrade_runner.stop().await;
    runner.stop().await;
}

async fn lag_reports_checkpoints_and_wait_for_sees_own_writes(db: TestDatabase) {
    let store = store(&db).await;
    scenario::run(&store).await;
    let runner = spawn_all(&store);
    settle(&store).await;
    let head = store.head_position().await.unwrap();
    // The caught-up mark follows the commit that reached the head.
    let mut lags = lag(&store).await.unwrap();
    for _ in 0..100 {
        if lags.iter().all(|l| l.caught_up) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
        lags = lag(&store).await.unwrap();
    }
    assert_eq!(lags.len(), 6);
    for l in &lags {
        assert_eq!(
            (l.checkpoint, l.head, l.behind),
            (head, head, 0),
            "{}",
            l.name
        );
        assert!(l.caught_up);
    }

    // A new ticket is visible right after wait_for its append's position.
    let mut ticket = Ticket::new();
    let scenario_again = scenario::run(&store).await; // keeps the runner busy
    let _ = scenario_again;
    let open = returns_domain::Command::OpenTicket(returns_domain::command::OpenTicket {
        ticket_id: ticket.id,
        kind: returns_domain::TicketKind::RefundOnly,
        channel: "taobao".into(),
        platform_order_id: None,
        platform_after_sale_id: None,
        customer: "Read Mywrites".into(),
        reason_code: "other".into(),
        reason_text: String::new(),
        lines: vec![returns_domain::ticket::TicketLine {
            line_id: "L1".into(),
            sku: "SKU-Z".into(),
            name: "z".into(),
            qty: 1,
            paid: crate::helpers::yuan(100),
        }],
        currency: crate::helpers::cny(),
        custom_fields: Default::default(),
        customer_phone: None,
        customer_address: None,
        review_deadline: crate::helpers::at(200),
        at: crate::helpers::at(1),
    });
    let appended = ticket.run(&store, open).await;
    wait_for(&store, appended.last_position, Duration::from_secs(20))
        .await
        .unwrap();
    let queries = Queries::new(store.clone());
    let row = queries.worklist_item(ticket.id).await.unwrap();
    assert_eq!(row.map(|r| r.customer), Some("Read Mywrites".to_owned()));

    // Beyond the head, the wait ends in a timeout that says how far it got.
    let err = wait_for(
        &store,
        appended.last_position + 1000,
        Duration::from_millis(100),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err}");
    runner.stop().await;
}

async fn unknown_event_types_are_skipped_but_undecodable_known_ones_stop_the_runner(
    db: TestDatabase,
) {
    let store = store(&db).await;
    scenario::run(&store).await;
    let ticket_stream = format!("ticket-{}", Uuid::now_v7());
    let meta = || Metadata::new("tester", "admin");
    store
        .append(
            &ticket_stream,
            ExpectedVersion::Any,
            vec![NewEvent::new(
                "SomethingInvented",
                1,
                serde_json::json!({"x": 1}),
            )],
            meta(),
        )
        .await
        .unwrap();
    store
        .append(
            "timer-42",
            ExpectedVersion::Any,
            vec![NewEvent::new("TimerSet", 1, serde_json::json!({}))],
            meta(),
        )
        .await
        .unwrap();
    let runner = spawn_all(&store);
    settle(&store).await;
    assert!(runner.status().iter().all(|s| s.failures == 0));

    let bad = store
        .append(
            &ticket_stream,
            ExpectedVersion::Any,
            vec![NewEvent::new(
                "TicketAssigned",
                1,
                serde_json::json!({"assignee": 42}),
            )],
            meta(),
        )
        .await
        .unwrap();
    let stuck = wait_for(&store, bad.last_position, Duration::from_millis(500)).await;
    assert!(
        matches!(stuck, Err(Error::Timeout { .. })),
        "the bad event is never skipped"
    );
    let status = runner.status();
    runner.stop().await;
    for s in status {
        let error = s.last_error.unwrap_or_default();
        assert!(
            error.contains(&format!(
                "cannot decode TicketAssigned at position {}",
                bad.last_position
            )),
            "{}: {error}",
            s.name
        );
        assert_eq!(s.position, bad.last_position - 1);
    }
}
