//! Platform deadline: a ticket is flagged the margin (6 h by default)
//! before the platform decides by itself; a moved deadline re-arms the
//! timer, a closed ticket is left alone.

use chrono::Duration;
use returns_domain::command::{CancelTicket, RecordPlatformDeadline};
use returns_domain::Command;
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;

use super::helpers::{Application, Harness};

contract_tests!(
    the_ticket_is_flagged_six_hours_before_the_platform_decides,
    a_moved_deadline_is_watched_instead_and_a_cancel_stops_it,
);

fn deadline(h: &Harness, in_hours: i64) -> Command {
    Command::RecordPlatformDeadline(RecordPlatformDeadline {
        platform: "douyin".into(),
        platform_status: Some("return_shipped".into()),
        due_at: h.clock_now() + Duration::hours(in_hours),
        at: h.clock_now(),
    })
}

async fn the_ticket_is_flagged_six_hours_before_the_platform_decides(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h
        .open(Application {
            channel: "douyin",
            ..Application::default()
        })
        .await;
    h.act(id, "system", deadline(&h, 72)).await;
    h.run().await;
    h.advance(Duration::hours(65)).await;
    assert_eq!(h.count(id, "PlatformDeadlineNear").await, 0, "not yet");
    h.advance(Duration::hours(2)).await;
    assert_eq!(h.count(id, "PlatformDeadlineNear").await, 1);
    let state = h.state(id).await;
    assert!(state.platform_deadline.unwrap().near);
    let flagged = h.by_system(id, "PlatformDeadlineNear").await;
    assert_eq!(
        flagged[0].metadata.source.as_deref(),
        Some("workflow:platform_deadline")
    );
    // Fires once.
    h.advance(Duration::hours(10)).await;
    assert_eq!(h.count(id, "PlatformDeadlineNear").await, 1);
}

async fn a_moved_deadline_is_watched_instead_and_a_cancel_stops_it(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h
        .open(Application {
            channel: "douyin",
            ..Application::default()
        })
        .await;
    h.act(id, "system", deadline(&h, 24)).await;
    h.run().await;
    // The platform extends its deadline (a newer record version).
    h.act(id, "system", deadline(&h, 96)).await;
    h.run().await;
    h.advance(Duration::hours(30)).await;
    assert_eq!(
        h.count(id, "PlatformDeadlineNear").await,
        0,
        "the old one is moot"
    );
    let other = h
        .open(Application {
            channel: "douyin",
            ..Application::default()
        })
        .await;
    h.act(other, "system", deadline(&h, 24)).await;
    h.run().await;
    h.act(
        other,
        "customer_service",
        Command::CancelTicket(CancelTicket {
            reason: "buyer withdrew".into(),
            at: h.clock_now(),
        }),
    )
    .await;
    h.advance(Duration::hours(80)).await;
    assert_eq!(h.count(id, "PlatformDeadlineNear").await, 1);
    assert_eq!(h.count(other, "PlatformDeadlineNear").await, 0);
}
