//! Price protection: a difference within policy is approved and paid by the
//! engine; one at or above it waits for a person.

use returns_domain::command::{ApproveApplication, DifferenceSource, StatePriceDifference};
use returns_domain::{Command, Resolution, TicketKind, TicketStatus};
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use returns_workflows::payout::{PayoutMode, PayoutState};
use returns_workflows::Policies;
use uuid::Uuid;

use super::helpers::{cny, Application, Harness};

contract_tests!(
    a_difference_within_policy_is_approved_paid_and_closed_by_the_engine,
    a_difference_above_policy_goes_to_the_supervisor_and_nothing_is_paid,
    only_the_latest_statement_is_judged,
    in_manual_mode_the_approved_difference_waits_for_a_person_to_pay,
    a_difference_the_platform_states_is_approved_and_left_for_the_platform_to_pay,
);

fn price_protection() -> Application {
    Application {
        kind: TicketKind::PriceProtection,
        channel: "douyin",
        reason_code: "other",
        paid_minor: 19_900,
    }
}

async fn state_difference(h: &Harness, id: Uuid, minor: i64) {
    state_difference_by(h, id, minor, DifferenceSource::Policy).await;
}

async fn state_difference_by(h: &Harness, id: Uuid, minor: i64, source: DifferenceSource) {
    let at = h.clock_now();
    h.act(
        id,
        "customer_service",
        Command::StatePriceDifference(StatePriceDifference {
            amount: cny(minor),
            source,
            basis: format!("listed 199.00, now {}", 19_900 - minor),
            at,
        }),
    )
    .await;
}

async fn a_difference_within_policy_is_approved_paid_and_closed_by_the_engine(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h.open(price_protection()).await;
    state_difference(&h, id, 2_000).await;
    h.run().await;

    let state = h.state(id).await;
    assert_eq!(state.status, TicketStatus::Closed);
    assert_eq!(state.resolution, Some(Resolution::Refunded));
    // The stated difference, not what the lines cost, is what is paid.
    assert_eq!(state.refunds.len(), 1);
    assert_eq!(state.refunds[0].amount, cny(2_000));
    assert_eq!(state.refunded_minor(), 2_000);
    let charges = h.gateway.charges();
    assert_eq!(charges.len(), 1);
    assert_eq!(charges[0].amount, cny(2_000));
    for event_type in [
        "ApplicationApproved",
        "RefundRequested",
        "RefundApproved",
        "RefundIssued",
    ] {
        let by_system = h.by_system(id, event_type).await;
        assert_eq!(by_system.len(), 1, "{event_type}");
        if event_type != "RefundIssued" {
            assert_eq!(
                by_system[0].metadata.source.as_deref(),
                Some("workflow:price_protection"),
                "{event_type}"
            );
        }
    }

    // A second pass (a redelivery would find the same) writes nothing.
    let before = h.history(id).await.len();
    h.run().await;
    assert_eq!(h.history(id).await.len(), before);
}

async fn a_difference_above_policy_goes_to_the_supervisor_and_nothing_is_paid(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h.open(price_protection()).await;
    // The default limit is 50.00 CNY, strictly below.
    state_difference(&h, id, 5_000).await;
    h.run().await;

    let state = h.state(id).await;
    assert_eq!(state.status, TicketStatus::Applied);
    assert_eq!(state.assignee.as_deref(), Some("supervisor"));
    assert!(state.refunds.is_empty());
    assert!(h.gateway.charges().is_empty());
    assert_eq!(h.by_system(id, "TicketAssigned").await.len(), 1);

    // The person's approval is theirs: the engine requests no refund after it.
    let at = h.clock_now();
    h.act(
        id,
        "customer_service",
        Command::ApproveApplication(ApproveApplication {
            return_address: None,
            ship_back_deadline: None,
            at,
        }),
    )
    .await;
    h.run().await;
    let state = h.state(id).await;
    assert_eq!(state.status, TicketStatus::Approved);
    assert!(state.refunds.is_empty());
    assert_eq!(state.remaining_refundable_minor(), 5_000);
}

async fn only_the_latest_statement_is_judged(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h.open(price_protection()).await;
    // Both statements are in the log before the engine sees the first.
    state_difference(&h, id, 1_000).await;
    state_difference(&h, id, 9_000).await;
    h.run().await;

    let state = h.state(id).await;
    assert_eq!(state.status, TicketStatus::Applied);
    assert!(state.refunds.is_empty());
    assert_eq!(h.by_system(id, "TicketAssigned").await.len(), 1);
    assert!(h.by_system(id, "ApplicationApproved").await.is_empty());
}

async fn in_manual_mode_the_approved_difference_waits_for_a_person_to_pay(db: TestDatabase) {
    let mut policies = Policies::default();
    for policy in policies.channels.values_mut() {
        policy.payout = Some(PayoutMode::Manual);
    }
    let h = Harness::with_policies(db, policies).await;
    let id = h.open(price_protection()).await;
    state_difference(&h, id, 3_000).await;
    h.run().await;

    let state = h.state(id).await;
    assert_eq!(state.status, TicketStatus::Refunding);
    assert_eq!(state.refunds.len(), 1);
    assert!(h.gateway.charges().is_empty());
    let payout = h
        .workflows
        .payout_queue()
        .get(state.refunds[0].refund_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(payout.state, PayoutState::AwaitingPerson);
    assert_eq!(payout.amount, cny(3_000));
}

async fn a_difference_the_platform_states_is_approved_and_left_for_the_platform_to_pay(
    db: TestDatabase,
) {
    let h = Harness::start(db).await;
    let id = h.open(price_protection()).await;
    state_difference_by(&h, id, 2_000, DifferenceSource::Platform).await;
    h.run().await;

    let state = h.state(id).await;
    assert_eq!(state.status, TicketStatus::Approved);
    assert_eq!(h.by_system(id, "ApplicationApproved").await.len(), 1);
    // No refund of ours: the platform's own record (intake) pays it.
    assert!(state.refunds.is_empty());
    assert!(h.gateway.charges().is_empty());
    assert_eq!(state.remaining_refundable_minor(), 2_000);
}
