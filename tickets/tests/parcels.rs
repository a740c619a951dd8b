//! Parcels nobody announced (无头件) on SQLite and PostgreSQL: the sender's
//! label encrypted under the parcel's own subject and found by phone, the
//! pool row written with each append, one ticket only ever claiming a
//! parcel (a person and the engine at the same moment), a match repeated
//! after a failure completing without writing twice, a disposition after
//! 14 days with an approval, and the customer's erasure reaching the
//! parcels their tickets claimed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use returns_domain::command::{ApproveApplication, OpenTicket};
use returns_domain::parcel::*;
use returns_domain::personal::ERASED;
use returns_domain::ticket::{PackageCondition, ReturnAddress, TicketLine};
use returns_domain::{Command, Currency, Money, TicketKind, TicketStatus};
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{contract_tests, EventStore, ManualClock, Metadata, StoreOptions};
use returns_tickets::parcels::{parcel_stream, MatchError, MatchRequest};
use returns_tickets::privacy::{erase, Access, MasterKey};
use returns_tickets::{TicketSettings, Tickets};
use uuid::Uuid;

contract_tests!(
    a_registered_parcel_is_pooled_with_its_sender_encrypted_and_found_by_phone,
    a_person_and_the_engine_matching_at_once_give_the_parcel_to_one_ticket,
    a_match_repeated_after_the_claim_completes_once,
    an_old_parcel_is_disposed_of_with_an_approval,
    erasing_the_customer_erases_the_sender_of_the_parcels_their_tickets_claimed,
);

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap()
}

async fn tickets(db: &TestDatabase) -> (EventStore, Tickets) {
    let options = StoreOptions {
        clock: Arc::new(ManualClock::new(t0())),
        ..StoreOptions::default()
    };
    let store = EventStore::connect_with(db.url(), options).await.unwrap();
    let tickets = Tickets::open(
        store.clone(),
        MasterKey::generate(),
        TicketSettings::default(),
    )
    .await
    .unwrap();
    (store, tickets)
}

fn meta() -> Metadata {
    let mut m = Metadata::new("wh_zhao", "warehouse");
    m.command_id = Some(Uuid::now_v7());
    m
}

/// A return-and-refund ticket of `customer`, approved, no waybill yet.
async fn approved_ticket(tickets: &Tickets, customer: &str) -> Uuid {
    let id = Uuid::now_v7();
    let cny = Currency::parse("CNY").unwrap();
    let open = Command::OpenTicket(OpenTicket {
        ticket_id: id,
        kind: TicketKind::ReturnAndRefund,
        channel: "douyin".into(),
        platform_order_id: Some(format!("DY-{id}")),
        platform_after_sale_id: None,
        customer: customer.into(),
        reason_code: "quality_issue".into(),
        reason_text: "torn".into(),
        lines: vec![TicketLine {
            line_id: "L1".into(),
            sku: "SKU-TEE".into(),
            name: "T-shirt".into(),
            qty: 2,
            paid: Money::new(9900, cny),
        }],
        currency: cny,
        custom_fields: BTreeMap::new(),
        customer_phone: Some("13900001111".into()),
        customer_address: None,
        review_deadline: t0() + Duration::hours(24),
        at: t0(),
    });
    let approve = Command::ApproveApplication(ApproveApplication {
        return_address: Some(ReturnAddress {
            recipient: "Returns desk".into(),
            phone: "021-5555-0100".into(),
            address: "88 Warehouse Rd".into(),
        }),
        ship_back_deadline: Some(t0() + Duration::days(7)),
        at: t0(),
    });
    for command in [open, approve] {
        tickets
            .execute(id.into(), None, &command, meta())
            .await
            .unwrap();
    }
    id
}

async fn register(tickets: &Tickets, tracking: &str) -> Uuid {
    let parcel_id = Uuid::now_v7();
    let command = ParcelCommand::Register(RegisterParcel {
        parcel_id,
        carrier: "YTO".into(),
        tracking_number: tracking.into(),
        contents: "2 x T-shirt, tags on".into(),
        sender_name: Some("王小二".into()),
        sender_phone: Some("13900001111".into()),
        photo_refs: Vec::new(),
        at: t0(),
    });
    tickets
        .execute_parcel(parcel_id, Some(0), &command, meta())
        .await
        .unwrap();
    parcel_id
}

fn request(parcel_id: Uuid, ticket_id: Uuid, by: MatchedBy) -> MatchRequest {
    MatchRequest {
        parcel_id,
        ticket_id,
        by,
        lines: Vec::new(),
        package_condition: PackageCondition::Intact,
    }
}

async fn a_registered_parcel_is_pooled_with_its_sender_encrypted_and_found_by_phone(
    db: TestDatabase,
) {
    let (store, tickets) = tickets(&db).await;
    let parcel_id = register(&tickets, "yt 0001-22").await;
    let stored = store
        .read_stream(&parcel_stream(parcel_id), 1)
        .await
        .unwrap();
    let text = stored[0].payload.to_string();
    assert!(
        !text.contains("王小二") && !text.contains("13900001111"),
        "{text}"
    );
    assert_eq!(stored[0].event_type, "ParcelRegistered");

    let loaded = tickets.load_parcel(parcel_id).await.unwrap();
    assert_eq!(loaded.state.status, ParcelStatus::Unmatched);
    let registered = loaded.state.registered.unwrap();
    let full = tickets
        .open_parcel(&registered, Access::Full)
        .await
        .unwrap();
    assert_eq!(full.sender_name.as_deref(), Some("王小二"));
    assert_eq!(full.sender_phone.as_deref(), Some("13900001111"));
    let masked = tickets
        .open_parcel(&registered, Access::Masked)
        .await
        .unwrap();
    assert_ne!(masked.sender_phone.as_deref(), Some("13900001111"));

    let keys = tickets.keys().unwrap();
    assert!(keys
        .search("139 0000 1111")
        .await
        .unwrap()
        .contains(&parcel_stream(parcel_id)));
    assert_eq!(
        tickets.claimable_parcels("YT000122").await.unwrap(),
        vec![parcel_id]
    );
    assert!(tickets
        .claimable_parcels("YT000123")
        .await
        .unwrap()
        .is_empty());
    let pool = tickets
        .parcel_pool(&[ParcelStatus::Unmatched], 10)
        .await
        .unwrap();
    assert_eq!(pool.len(), 1);
    assert_eq!(pool[0].tracking_key, "YT000122");
}

async fn a_person_and_the_engine_matching_at_once_give_the_parcel_to_one_ticket(db: TestDatabase) {
    let (_store, tickets) = tickets(&db).await;
    let a = approved_ticket(&tickets, "buyer_a").await;
    let b = approved_ticket(&tickets, "buyer_b").await;
    let parcel_id = register(&tickets, "YT-RACE-1").await;
    let (to_a, to_b) = (
        request(parcel_id, a, MatchedBy::Automatic),
        request(parcel_id, b, MatchedBy::Person),
    );
    let (left, right) = tokio::join!(
        tickets.match_parcel(&to_a, meta(), t0()),
        tickets.match_parcel(&to_b, meta(), t0()),
    );
    let (won, lost) = match (left, right) {
        (Ok(done), Err(err)) => ((a, done), (b, err)),
        (Err(err), Ok(done)) => ((b, done), (a, err)),
        other => panic!("exactly one match must win: {other:?}"),
    };
    assert!(matches!(lost.1, MatchError::Parcel(_)), "{:?}", lost.1);
    assert_eq!(won.1.state.status, TicketStatus::Received);
    assert_eq!(won.1.state.pool_parcels, vec![parcel_id]);
    let loser = tickets.load(lost.0.into()).await.unwrap().state;
    assert_eq!(
        loser.status,
        TicketStatus::Approved,
        "the loser received nothing"
    );
    let parcel = tickets.load_parcel(parcel_id).await.unwrap().state;
    assert_eq!(parcel.ticket_id, Some(won.0));
    let row = &tickets.parcels_of_ticket(won.0).await.unwrap()[0];
    assert_eq!(row.status, "matched");
}

async fn a_match_repeated_after_the_claim_completes_once(db: TestDatabase) {
    let (store, tickets) = tickets(&db).await;
    let ticket = approved_ticket(&tickets, "buyer_c").await;
    let parcel_id = register(&tickets, "YT-REPEAT-1").await;
    // The claim landed and the ticket's receipt did not (a crash between
    // the two appends): the claim alone, under the match's command id.
    let metadata = meta();
    let claim = ParcelCommand::Assign(AssignParcel {
        ticket_id: ticket,
        by: MatchedBy::Person,
        at: t0(),
    });
    tickets
        .execute_parcel(parcel_id, None, &claim, metadata.clone())
        .await
        .unwrap();
    let first = tickets
        .match_parcel(
            &request(parcel_id, ticket, MatchedBy::Person),
            metadata.clone(),
            t0(),
        )
        .await
        .unwrap();
    assert_eq!(first.state.status, TicketStatus::Received);
    assert!(!first.repeated);
    let again = tickets
        .match_parcel(
            &request(parcel_id, ticket, MatchedBy::Person),
            metadata,
            t0(),
        )
        .await
        .unwrap();
    assert!(again.repeated, "the same match again writes nothing");
    let parcel_events = store
        .read_stream(&parcel_stream(parcel_id), 1)
        .await
        .unwrap();
    assert_eq!(parcel_events.len(), 2, "registered and assigned, once");
    let history = store
        .read_stream(&returns_tickets::stream_id(ticket), 1)
        .await
        .unwrap();
    let matched = history
        .iter()
        .filter(|e| e.event_type == "PoolParcelMatched")
        .count();
    assert_eq!(matched, 1);
}

async fn an_old_parcel_is_disposed_of_with_an_approval(db: TestDatabase) {
    let (_store, tickets) = tickets(&db).await;
    let parcel_id = register(&tickets, "YT-OLD-1").await;
    let ask = |days: i64| {
        ParcelCommand::RequestDisposition(RequestParcelDisposition {
            disposition: Disposition::WriteOff,
            reason: "searched order, phone and SKU".into(),
            at: t0() + Duration::days(days),
        })
    };
    let early = tickets
        .execute_parcel(parcel_id, None, &ask(3), meta())
        .await;
    assert!(early.is_err());
    tickets
        .execute_parcel(parcel_id, None, &ask(15), meta())
        .await
        .unwrap();
    assert!(tickets
        .claimable_parcels("YT-OLD-1")
        .await
        .unwrap()
        .contains(&parcel_id));
    let approve = ParcelCommand::DecideDisposition(DecideParcelDisposition {
        approve: true,
        note: None,
        at: t0() + Duration::days(16),
    });
    let done = tickets
        .execute_parcel(parcel_id, None, &approve, meta())
        .await
        .unwrap();
    assert_eq!(done.state.status, ParcelStatus::Disposed);
    assert!(tickets
        .claimable_parcels("YT-OLD-1")
        .await
        .unwrap()
        .is_empty());
    let counts = tickets.parcel_pool_counts().await.unwrap();
    assert!(counts
        .iter()
        .any(|c| c.status == "disposed" && c.parcels == 1));
}

async fn erasing_the_customer_erases_the_sender_of_the_parcels_their_tickets_claimed(
    db: TestDatabase,
) {
    let (store, tickets) = tickets(&db).await;
    let ticket = approved_ticket(&tickets, "buyer_erase").await;
    let claimed = register(&tickets, "YT-ERASE-1").await;
    let other = register(&tickets, "YT-ERASE-2").await;
    tickets
        .match_parcel(&request(claimed, ticket, MatchedBy::Person), meta(), t0())
        .await
        .unwrap();
    let keys = tickets.keys().unwrap();
    let subject = keys.subject_id("douyin", "buyer_erase");
    let erasure = erase::erase(
        &store,
        keys,
        &subject,
        Metadata::new("admin", "admin"),
        erase::ERASURE_REASONS[0],
        t0(),
    )
    .await
    .unwrap();
    assert_eq!(erasure.parcels, vec![claimed]);
    let opened = |id: Uuid| {
        let tickets = &tickets;
        async move {
            let state = tickets.load_parcel(id).await.unwrap().state;
            tickets
                .open_parcel(state.registered.as_ref().unwrap(), Access::Full)
                .await
                .unwrap()
        }
    };
    let gone = opened(claimed).await;
    assert_eq!(gone.sender_name.as_deref(), Some(ERASED));
    assert_eq!(gone.sender_phone.as_deref(), Some(ERASED));
    assert!(!keys
        .search("13900001111")
        .await
        .unwrap()
        .contains(&parcel_stream(claimed)));
    let kept = opened(other).await;
    assert_eq!(
        kept.sender_name.as_deref(),
        Some("王小二"),
        "another parcel's sender stays"
    );
}
