//! Negotiation: an unanswered counter-offer expires at its deadline, once;
//! an answer stops the timer.

use chrono::Duration;
use returns_domain::command::{MakeCounterOffer, RecordOfferAnswer};
use returns_domain::ticket::{CounterOffer, OfferAnswer, OfferStatus};
use returns_domain::{Command, TicketKind};
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use returns_workflows::timers::{TimerKind, TimerState};
use uuid::Uuid;

use super::helpers::{cny, Application, Harness};

contract_tests!(
    an_unanswered_offer_expires_at_its_deadline_once,
    an_answer_stops_the_timer_and_a_new_offer_gets_its_own,
);

async fn make_offer(h: &Harness, id: Uuid, offer_id: Uuid, hours: i64) {
    let at = h.clock_now();
    h.act(
        id,
        "customer_service",
        Command::MakeCounterOffer(MakeCounterOffer {
            offer_id,
            offer: CounterOffer::PartialRefund { amount: cny(3_000) },
            respond_by: at + Duration::hours(hours),
            note: "keep it, we refund 30.00".into(),
            at,
        }),
    )
    .await;
}

fn refund_only() -> Application {
    Application {
        kind: TicketKind::RefundOnly,
        ..Application::default()
    }
}

async fn an_unanswered_offer_expires_at_its_deadline_once(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h.open(refund_only()).await;
    let offer_id = Uuid::now_v7();
    make_offer(&h, id, offer_id, 24).await;
    h.run().await;

    h.advance(Duration::hours(23)).await;
    assert_eq!(h.count(id, "CounterOfferExpired").await, 0, "not yet");
    // Timers fire once their time has passed, not at it.
    h.advance(Duration::hours(1)).await;
    assert_eq!(h.count(id, "CounterOfferExpired").await, 0);
    h.advance(Duration::minutes(1)).await;
    let expired = h.by_system(id, "CounterOfferExpired").await;
    assert_eq!(expired.len(), 1);
    assert_eq!(
        expired[0].metadata.source.as_deref(),
        Some("workflow:negotiation")
    );
    let state = h.state(id).await;
    assert_eq!(state.offer(offer_id).unwrap().status, OfferStatus::Expired);
    // Nothing was agreed: the whole payment is still what the ticket is about.
    assert_eq!(state.agreed_refund_minor, None);

    h.advance(Duration::hours(48)).await;
    assert_eq!(h.count(id, "CounterOfferExpired").await, 1, "fires once");
}

async fn an_answer_stops_the_timer_and_a_new_offer_gets_its_own(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h.open(refund_only()).await;
    let first = Uuid::now_v7();
    make_offer(&h, id, first, 24).await;
    h.run().await;
    let at = h.clock_now();
    h.act(
        id,
        "customer_service",
        Command::RecordOfferAnswer(RecordOfferAnswer {
            offer_id: first,
            answer: OfferAnswer::Declined,
            at,
        }),
    )
    .await;
    h.run().await;
    let second = Uuid::now_v7();
    make_offer(&h, id, second, 48).await;
    h.run().await;

    let timers = h.workflows.timers().for_ticket(id).await.unwrap();
    let offers: Vec<_> = timers
        .iter()
        .filter(|t| t.kind == TimerKind::CounterOfferDeadline)
        .map(|t| (t.subject.clone(), t.state))
        .collect();
    assert!(offers.contains(&(first.to_string(), TimerState::Cancelled)));
    assert!(offers.contains(&(second.to_string(), TimerState::Scheduled)));

    h.advance(Duration::hours(30)).await;
    assert_eq!(h.count(id, "CounterOfferExpired").await, 0);
    h.advance(Duration::hours(18) + Duration::minutes(1)).await;
    let state = h.state(id).await;
    assert_eq!(state.offer(first).unwrap().status, OfferStatus::Declined);
    assert_eq!(state.offer(second).unwrap().status, OfferStatus::Expired);
}
