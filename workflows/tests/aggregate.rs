//! Load–decide–append for tickets, on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use returns_domain::command::{
    AddNote, ApproveApplication, OpenTicket, RegisterReturnShipment, RejectApplication,
};
use returns_domain::ticket::{ReturnAddress, TicketLine};
use returns_domain::{Command, Currency, DomainError, Money, TicketKind, TicketStatus};
use returns_domain::{TicketState, Version};
use returns_eventstore::aggregate::ExecuteError;
use returns_eventstore::aggregate::Executed;
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{contract_tests, Error, EventStore, ExpectedVersion, Metadata, NewEvent};
use returns_tickets::{self as ticket, stream_id, TicketError, Tickets};
use uuid::Uuid;

fn open_command(ticket_id: Uuid) -> Command {
    let cny = Currency::parse("CNY").unwrap();
    let at = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
    Command::OpenTicket(OpenTicket {
        ticket_id,
        kind: TicketKind::ReturnAndRefund,
        channel: "taobao".into(),
        platform_order_id: Some("T-1".into()),
        // No platform after-sale: each decision is one event, so the
        // versions below count decisions (a marketplace ticket's decisions
        // also record their platform actions).
        platform_after_sale_id: None,
        customer: "buyer-1".into(),
        reason_code: "quality_issue".into(),
        reason_text: "seam came apart".into(),
        lines: vec![TicketLine {
            line_id: "L1".into(),
            sku: "SKU-1".into(),
            name: "Jacket".into(),
            qty: 1,
            paid: Money::new(29_900, cny),
        }],
        currency: cny,
        custom_fields: Default::default(),
        customer_phone: None,
        customer_address: None,
        review_deadline: at + chrono::Duration::hours(48),
        at,
    })
}

/// Executes through a plaintext handle: these tests are about the
/// load–decide–append loop, not personal data.
async fn execute(
    store: &EventStore,
    id: Uuid,
    expected: Option<i64>,
    command: &Command,
    metadata: Metadata,
) -> Result<Executed<TicketState>, TicketError> {
    Tickets::plaintext(store.clone())
        .execute(id.into(), expected.map(Version::new), command, metadata)
        .await
}

fn note(text: &str) -> Command {
    Command::AddNote(AddNote {
        author: "alice".into(),
        text: text.into(),
        at: Utc.with_ymd_and_hms(2026, 11, 1, 10, 0, 0).unwrap(),
    })
}

fn meta() -> Metadata {
    Metadata::new("alice", "customer_service").with_command_id(Uuid::now_v7())
}

contract_tests!(
    execute_opens_and_folds_the_ticket,
    execute_retries_once_after_a_concurrent_change,
    expected_version_mismatch_is_a_conflict_without_retry,
    rejected_command_writes_nothing,
    repeated_command_id_returns_the_first_result,
    a_stale_cached_state_never_decides,
);

async fn execute_opens_and_folds_the_ticket(db: TestDatabase) {
    let store = EventStore::connect(db.url()).await.unwrap();
    let id = Uuid::now_v7();
    let done = execute(&store, id, None, &open_command(id), meta())
        .await
        .unwrap();
    assert_eq!(done.version, 1);
    assert_eq!(done.state.status, TicketStatus::Applied);
    let loaded = ticket::load(&store, id).await.unwrap();
    assert_eq!(loaded.version, 1);
    assert_eq!(loaded.state, done.state);
}

async fn execute_retries_once_after_a_concurrent_change(db: TestDatabase) {
    let store = EventStore::connect(db.url()).await.unwrap();
    let id = Uuid::now_v7();
    execute(&store, id, None, &open_command(id), meta())
        .await
        .unwrap();
    // Many writers at once without expectations: each retry reloads and all succeed or
    // conflict twice; at least the stream stays gap-free and every success is stored.
    let mut tasks = Vec::new();
    for i in 0..8 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            execute(&store, id, None, &note(&format!("n{i}")), meta()).await
        }));
    }
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(ExecuteError::Store(Error::Conflict { .. })) => {}
            Err(other) => panic!("{other:?}"),
        }
    }
    assert!(
        ok >= 2,
        "a conflict is retried once, so more than one writer gets through"
    );
    let loaded = ticket::load(&store, id).await.unwrap();
    assert_eq!(loaded.version, 1 + ok);
    assert_eq!(loaded.state.notes.len() as i64, ok);
}

async fn expected_version_mismatch_is_a_conflict_without_retry(db: TestDatabase) {
    let store = EventStore::connect(db.url()).await.unwrap();
    let id = Uuid::now_v7();
    execute(&store, id, None, &open_command(id), meta())
        .await
        .unwrap();
    execute(&store, id, Some(1), &note("first"), meta())
        .await
        .unwrap();
    let err = execute(&store, id, Some(1), &note("stale"), meta())
        .await
        .unwrap_err();
    assert!(
        matches!(err, ExecuteError::Store(Error::Conflict { actual: 2, .. })),
        "{err:?}"
    );
    assert_eq!(store.stream_version(&stream_id(id)).await.unwrap(), 2);
}

async fn rejected_command_writes_nothing(db: TestDatabase) {
    let store = EventStore::connect(db.url()).await.unwrap();
    let id = Uuid::now_v7();
    execute(&store, id, None, &open_command(id), meta())
        .await
        .unwrap();
    let err = execute(&store, id, None, &open_command(id), meta())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            ExecuteError::Rejected(DomainError::AlreadyExists { .. })
        ),
        "{err:?}"
    );
    assert_eq!(store.stream_version(&stream_id(id)).await.unwrap(), 1);
    // A foreign event in the stream is a decode error, not a panic.
    store
        .append(
            &stream_id(id),
            ExpectedVersion::Any,
            vec![NewEvent::new("Bogus", 1, serde_json::json!({}))],
            Metadata::new("x", "admin"),
        )
        .await
        .unwrap();
    assert!(matches!(
        ticket::load(&store, id).await,
        Err(ExecuteError::Decode { .. })
    ));
}

async fn repeated_command_id_returns_the_first_result(db: TestDatabase) {
    let store = EventStore::connect(db.url()).await.unwrap();
    let id = Uuid::now_v7();
    let m = meta();
    let first = execute(&store, id, None, &open_command(id), m.clone())
        .await
        .unwrap();
    let again = execute(&store, id, None, &open_command(id), m)
        .await
        .unwrap();
    assert!(again.repeated);
    assert!(again.append.same_write(&first.append));
    assert_eq!(store.stream_version(&stream_id(id)).await.unwrap(), 1);
    // A client retrying with its expected version after the first attempt
    // succeeded gets the first result, not a conflict.
    let n = meta();
    let noted = execute(&store, id, Some(1), &note("once"), n.clone())
        .await
        .unwrap();
    let retried = execute(&store, id, Some(1), &note("once"), n)
        .await
        .unwrap();
    assert!(retried.repeated);
    assert!(retried.append.same_write(&noted.append));
    assert_eq!(retried.version, 2);
    assert_eq!(retried.state.notes.len(), 1);
}

fn approve() -> Command {
    let at = Utc.with_ymd_and_hms(2026, 11, 1, 10, 0, 0).unwrap();
    Command::ApproveApplication(ApproveApplication {
        return_address: Some(ReturnAddress {
            recipient: "Returns desk".into(),
            phone: "021-5555-0100".into(),
            address: "88 Warehouse Rd".into(),
        }),
        ship_back_deadline: Some(at + chrono::Duration::days(7)),
        at,
    })
}

fn ship_back() -> Command {
    Command::RegisterReturnShipment(RegisterReturnShipment {
        carrier: "SF".into(),
        tracking_number: "SF1".into(),
        at: Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap(),
    })
}

/// Each process keeps the states it decided on (`TicketStates`); two stores
/// on one database play two servers, so each one's cache goes stale when the
/// other writes. A stale state may cost a conflict and a reload, never a
/// decision the log's state would not make.
async fn a_stale_cached_state_never_decides(db: TestDatabase) {
    let a = EventStore::connect(db.url()).await.unwrap();
    let b = EventStore::connect(db.url()).await.unwrap();

    // What the stale state refuses, the log's state allows: `a` holds the
    // ticket as applied, `b` approved it, so the shipment can be registered.
    let id = Uuid::now_v7();
    execute(&a, id, None, &open_command(id), meta())
        .await
        .unwrap();
    execute(&b, id, None, &approve(), meta()).await.unwrap();
    let shipped = execute(&a, id, None, &ship_back(), meta()).await.unwrap();
    assert_eq!(shipped.version, 3);
    assert_eq!(shipped.state.status, TicketStatus::ReturnShipped);

    // What the stale state allows, the log's state refuses: `a` holds the
    // ticket as applied, `b` rejected it, so approving must be refused and
    // nothing written.
    let id = Uuid::now_v7();
    execute(&a, id, None, &open_command(id), meta())
        .await
        .unwrap();
    let reject = Command::RejectApplication(RejectApplication {
        reason: "outside the return window".into(),
        reason_code: None,
        at: Utc.with_ymd_and_hms(2026, 11, 1, 10, 0, 0).unwrap(),
    });
    execute(&b, id, None, &reject, meta()).await.unwrap();
    let refused = execute(&a, id, None, &approve(), meta()).await;
    assert!(
        matches!(refused, Err(ExecuteError::Rejected(_))),
        "{refused:?}"
    );
    assert_eq!(ticket::load(&a, id).await.unwrap().version, 2);

    // The caller's own expected version is the log's: the stale state is
    // not used against it, and a stale expectation is a conflict.
    let id = Uuid::now_v7();
    execute(&a, id, None, &open_command(id), meta())
        .await
        .unwrap();
    execute(&b, id, None, &approve(), meta()).await.unwrap();
    let noted = execute(&a, id, Some(2), &note("checked"), meta())
        .await
        .unwrap();
    assert_eq!(noted.version, 3);
    let stale = execute(&b, id, Some(2), &note("late"), meta()).await;
    assert!(
        matches!(
            stale,
            Err(ExecuteError::Store(Error::Conflict { actual: 3, .. }))
        ),
        "{stale:?}"
    );
}
