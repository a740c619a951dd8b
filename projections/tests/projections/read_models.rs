//! Every read model after the scripted tickets: one assertion set per table.

use returns_domain::{RefundStatus, TicketKind, TicketStatus};
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use returns_projections::query::finance::DailyRefundTotal;
use returns_projections::query::follow_ups::{FollowUpList, OutcomeCount};
use returns_projections::query::management::{ReasonCount, TicketScope};
use returns_projections::query::warehouse::WarehouseQueue;
use returns_projections::query::worklist::{WorklistFilter, WorklistSort};
use returns_projections::Queries;
use uuid::Uuid;

use crate::helpers::{at, settle, spawn_all, store};
use crate::scenario::{self, Scenario};

contract_tests!(
    worklist_reflects_every_ticket_with_filters_and_pages,
    warehouse_queues_follow_the_goods,
    finance_lists_refunds_by_status_and_totals_per_day_and_channel,
    follow_ups_show_due_overdue_and_outcomes,
    management_counts_statuses_cycle_times_and_reasons,
    a_ticket_whose_platform_record_is_pending_needs_attention_first,
    an_open_arbitration_leads_the_needs_attention_queue_until_decided,
    management_counts_arbitrations_and_outcomes_by_reason_sku_and_channel,
    the_receiving_desk_finds_a_parcel_by_its_corrected_waybill,
    management_and_finance_show_counts_time_and_money_per_kind,
    platform_tasks_list_what_each_marketplace_must_hear_of_until_done,
);

async fn scripted(db: &TestDatabase) -> (Queries, Scenario) {
    let store = store(db).await;
    let runner = spawn_all(&store);
    let scenario = scenario::run(&store).await;
    settle(&store).await;
    runner.stop().await;
    (Queries::new(store), scenario)
}

async fn ids(q: &Queries, filter: WorklistFilter) -> Vec<Uuid> {
    let mut out = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = q.worklist(&filter, after.as_deref(), 5).await.unwrap();
        out.extend(page.items.iter().map(|i| i.ticket_id));
        match page.next_cursor {
            Some(cursor) => after = Some(cursor),
            None => return out,
        }
    }
}

fn sorted(mut v: Vec<Uuid>) -> Vec<Uuid> {
    v.sort();
    v
}

async fn worklist_reflects_every_ticket_with_filters_and_pages(db: TestDatabase) {
    let (q, s) = scripted(&db).await;
    let all = ids(&q, WorklistFilter::default()).await;
    assert_eq!(all.len(), 13, "every ticket once, across pages of 5");
    assert_eq!(
        sorted(all.clone())
            .windows(2)
            .filter(|w| w[0] == w[1])
            .count(),
        0
    );
    // Due-first order puts the only ticket with something due first.
    assert_eq!(all[0], s.awaiting_review.id);

    let newest = ids(
        &q,
        WorklistFilter {
            sort: WorklistSort::Newest,
            ..Default::default()
        },
    )
    .await;
    assert_eq!(sorted(newest), sorted(all));

    let by = |f: WorklistFilter| {
        let q = q.clone();
        async move { sorted(ids(&q, f).await) }
    };
    assert_eq!(
        by(WorklistFilter {
            status: Some(TicketStatus::Closed),
            ..Default::default()
        })
        .await,
        sorted(vec![
            s.refund_only.id,
            s.returned_refunded.id,
            s.failed_inspection.id,
            s.exchanged.id,
            s.rejected.id,
            s.expired.id
        ])
    );
    assert_eq!(
        by(WorklistFilter {
            kind: Some(TicketKind::Exchange),
            ..Default::default()
        })
        .await,
        sorted(vec![s.exchanged.id, s.exchange_pending.id])
    );
    assert_eq!(
        by(WorklistFilter {
            channel: Some("kuaishou".into()),
            ..Default::default()
        })
        .await,
        sorted(vec![s.failed_inspection.id, s.cancelled.id, s.expired.id])
    );
    assert_eq!(
        by(WorklistFilter {
            assignee: Some("alice".into()),
            ..Default::default()
        })
        .await,
        vec![s.refund_only.id]
    );
    assert_eq!(
        by(WorklistFilter {
            reason_code: Some("size_issue".into()),
            ..Default::default()
        })
        .await,
        sorted(vec![s.exchanged.id, s.exchange_pending.id])
    );
    assert_eq!(
        by(WorklistFilter {
            sla_breached: Some(true),
            ..Default::default()
        })
        .await,
        vec![s.awaiting_review.id]
    );
    assert_eq!(
        by(WorklistFilter {
            sla_breached: Some(false),
            ..Default::default()
        })
        .await
        .len(),
        12
    );
    for search in ["hua", "ORD-Hua Qian", "AS-Hua Qian"] {
        assert_eq!(
            by(WorklistFilter {
                search: Some(search.into()),
                ..Default::default()
            })
            .await,
            vec![s.awaiting_review.id],
            "search {search}"
        );
    }
    // One box for every id an agent is given: tracking numbers of the
    // return and the outbound parcels (as a scanner or a person types them),
    // and the 8-character short id (or the whole id) every screen shows.
    let short = s.in_transit.id.to_string()[..8].to_owned();
    let whole = s.in_transit.id.to_string();
    for (search, hit) in [
        ("TRK-300", s.failed_inspection.id),
        (" trk-300 ", s.failed_inspection.id),
        ("back-300", s.failed_inspection.id),
        ("NEW-400", s.exchanged.id),
        ("TRK-900", s.in_transit.id),
        (whole.as_str(), s.in_transit.id),
    ] {
        assert_eq!(
            by(WorklistFilter {
                search: Some(search.into()),
                ..Default::default()
            })
            .await,
            vec![hit],
            "search {search:?}"
        );
    }
    // Ids made in the same minute share their first 8 characters: a short
    // id lists every ticket that starts with it, the one sought among them.
    for typed in [short.clone(), short.to_uppercase()] {
        let found = by(WorklistFilter {
            search: Some(typed.clone()),
            ..Default::default()
        })
        .await;
        assert!(found.contains(&s.in_transit.id), "short id {typed}");
        assert!(
            found.iter().all(|id| id.to_string().starts_with(&short)),
            "short id {typed} lists only ids starting with it"
        );
    }
    for nothing in ["TRK-30", "trk", "00000000"] {
        assert_eq!(
            by(WorklistFilter {
                search: Some(nothing.into()),
                ..Default::default()
            })
            .await,
            Vec::<Uuid>::new(),
            "search {nothing:?} finds nothing"
        );
    }
    for (key, value, hit) in [
        ("vip", serde_json::json!(true), true),
        ("store", serde_json::json!("flagship"), true),
        ("priority", serde_json::json!(2), true),
        ("vip", serde_json::json!(false), false),
        ("priority", serde_json::json!("2"), false),
    ] {
        let found = by(WorklistFilter {
            custom_field: Some((key.into(), value.clone())),
            ..Default::default()
        })
        .await;
        let expected = if hit {
            vec![s.awaiting_review.id]
        } else {
            vec![]
        };
        assert_eq!(found, expected, "custom field {key} = {value}");
    }

    let review = q
        .worklist_item(s.awaiting_review.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(review.status.as_str(), "applied");
    assert_eq!(review.assignee.as_deref(), Some("bob"));
    assert_eq!(review.next_action.as_deref(), Some("follow_up"));
    assert_eq!(review.next_action_due, Some(at(24)));
    assert!(review.sla_breached);
    assert_eq!(review.custom_fields["store"], "flagship");
    assert_eq!(review.reason_category, "logistics");
    assert!(review
        .allowed_commands
        .contains(&"ApproveApplication".to_owned()));

    let paid = q
        .worklist_item(s.returned_refunded.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (paid.paid_minor, paid.refundable_minor, paid.refunded_minor),
        (25_000, 25_000, 25_000)
    );
    assert_eq!(paid.currency, "CNY");
    assert_eq!(paid.status.as_str(), "closed");
    assert_eq!(paid.next_action, None);
    assert_eq!(paid.platform_order_id.as_deref(), Some("ORD-Bo Li"));
    assert_eq!(paid.last_event_at, at(68));

    let cancelled = q.worklist_item(s.cancelled.id).await.unwrap().unwrap();
    assert_eq!(cancelled.status.as_str(), "cancelled");
    // Its approval still has to reach the platform's back office, and the
    // platform's record may still show it done.
    assert_eq!(
        cancelled.allowed_commands,
        vec![
            "AddNote".to_owned(),
            "ConfirmPlatformAction".to_owned(),
            "RecordPlatformConfirmation".to_owned(),
            "RecordPlatformActionOutcome".to_owned()
        ]
    );
}

async fn warehouse_queues_follow_the_goods(db: TestDatabase) {
    let (q, s) = scripted(&db).await;
    let parcel = q.inbound_parcel("TRK-900").await.unwrap();
    assert_eq!(parcel.len(), 1);
    assert_eq!(parcel[0].ticket_id, s.in_transit.id);
    assert!(parcel[0].expecting_inbound && !parcel[0].awaiting_inspection);
    assert_eq!(parcel[0].lines[0].sku, "SKU-A");

    let partly = q.inbound_parcel("TRK-1000").await.unwrap();
    assert!(partly[0].expecting_inbound && partly[0].awaiting_inspection);
    assert_eq!((partly[0].qty_applied, partly[0].qty_received), (2, 1));
    assert_eq!(partly[0].received_at, Some(at(40)));

    let done = q.inbound_parcel("TRK-200").await.unwrap();
    assert!(!done[0].expecting_inbound && !done[0].awaiting_inspection);
    assert_eq!(
        done[0].inspection_outcome,
        Some(returns_domain::ticket::InspectionOutcome::Passed)
    );
    assert!(q.inbound_parcel("NO-SUCH").await.unwrap().is_empty());

    let queue = |queue| {
        let q = q.clone();
        async move {
            q.warehouse_queue(queue, None, 100)
                .await
                .unwrap()
                .items
                .into_iter()
                .map(|t| t.ticket_id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        queue(WarehouseQueue::ExpectedInbound).await,
        vec![s.partly_received.id, s.in_transit.id]
    );
    assert_eq!(
        queue(WarehouseQueue::AwaitingInspection).await,
        vec![s.disputed.id, s.partly_received.id]
    );
    assert_eq!(
        queue(WarehouseQueue::ReplacementsToShip).await,
        vec![s.exchange_pending.id]
    );

    // Keyset pages of one.
    let first = q
        .warehouse_queue(WarehouseQueue::ExpectedInbound, None, 1)
        .await
        .unwrap();
    assert_eq!(first.items[0].ticket_id, s.partly_received.id);
    let second = q
        .warehouse_queue(
            WarehouseQueue::ExpectedInbound,
            first.next_cursor.as_deref(),
            1,
        )
        .await
        .unwrap();
    assert_eq!(second.items[0].ticket_id, s.in_transit.id);
    assert_eq!(second.next_cursor, None);
}

async fn finance_lists_refunds_by_status_and_totals_per_day_and_channel(db: TestDatabase) {
    let (q, s) = scripted(&db).await;
    let requested = q
        .refunds(Some(RefundStatus::Requested), None, None, 100)
        .await
        .unwrap();
    assert_eq!(requested.items.len(), 1);
    assert_eq!(requested.items[0].refund_id, s.refunds["awaiting_approval"]);
    assert_eq!(requested.items[0].amount_minor, 4_500);
    assert_eq!(requested.items[0].ticket_id, s.refund_awaiting_approval.id);

    let issued = q
        .refunds(Some(RefundStatus::Issued), None, None, 100)
        .await
        .unwrap();
    let mut issued_ids: Vec<Uuid> = issued.items.iter().map(|r| r.refund_id).collect();
    issued_ids.sort();
    let mut expected = vec![s.refunds["refund_only"], s.refunds["returned_refunded"]];
    expected.sort();
    assert_eq!(issued_ids, expected);
    let retried = issued
        .items
        .iter()
        .find(|r| r.refund_id == s.refunds["returned_refunded"])
        .unwrap();
    assert_eq!(retried.failures, 1);
    assert_eq!(retried.last_failure.as_deref(), Some("gateway timeout"));
    assert_eq!(retried.approved_at, Some(at(65)));
    assert_eq!(retried.failed_at, Some(at(66)));
    assert_eq!(retried.issued_at, Some(at(67)));
    // Who recorded the payout, from the event's metadata: reconciliation
    // tells a person's payout from the gateway's.
    assert_eq!(retried.issued_by.as_deref(), Some("tester"));
    assert_eq!(retried.channel, "douyin");

    assert!(q
        .refunds(Some(RefundStatus::Failed), None, None, 100)
        .await
        .unwrap()
        .items
        .is_empty());
    assert_eq!(
        q.refunds(None, Some("taobao"), None, 100)
            .await
            .unwrap()
            .items
            .len(),
        2
    );

    let totals = q.refund_totals(None, None, None).await.unwrap();
    assert_eq!(
        totals,
        vec![
            DailyRefundTotal {
                day: "2026-11-02".into(),
                channel: "taobao".into(),
                currency: "CNY".into(),
                issued_count: 1,
                issued_minor: 12_000,
                failed_count: 0
            },
            DailyRefundTotal {
                day: "2026-11-04".into(),
                channel: "douyin".into(),
                currency: "CNY".into(),
                issued_count: 1,
                issued_minor: 25_000,
                failed_count: 1
            },
        ]
    );
    let one_day = q
        .refund_totals(Some("2026-11-03".parse().unwrap()), None, Some("douyin"))
        .await
        .unwrap();
    assert_eq!(one_day.len(), 1);
}

async fn follow_ups_show_due_overdue_and_outcomes(db: TestDatabase) {
    let (q, s) = scripted(&db).await;
    for list in [FollowUpList::Due, FollowUpList::Overdue, FollowUpList::Open] {
        let page = q.follow_ups(list, None, None, 100).await.unwrap();
        assert_eq!(page.items.len(), 1, "{list:?}");
        let item = &page.items[0];
        assert_eq!(item.follow_up_id, s.follow_ups["awaiting_review"]);
        assert!(item.overdue);
        assert_eq!(item.due_at, at(24));
        assert_eq!(item.assignee.as_deref(), Some("bob"));
        assert_eq!(item.customer, "Hua Qian");
    }
    assert!(q
        .follow_ups(FollowUpList::Due, Some("alice"), None, 100)
        .await
        .unwrap()
        .items
        .is_empty());
    let done = q
        .follow_ups(FollowUpList::Completed, None, None, 100)
        .await
        .unwrap();
    assert_eq!(done.items.len(), 1);
    assert_eq!(done.items[0].follow_up_id, s.follow_ups["in_transit"]);
    assert_eq!(done.items[0].outcome.as_deref(), Some("satisfied"));
    assert_eq!(done.items[0].completed_at, Some(at(9)));
    assert!(!done.items[0].overdue);
    assert_eq!(
        q.follow_up_outcomes().await.unwrap(),
        vec![OutcomeCount {
            outcome: "satisfied".into(),
            count: 1
        }]
    );
}

async fn management_counts_statuses_cycle_times_and_reasons(db: TestDatabase) {
    let (q, _s) = scripted(&db).await;
    let counts = q.status_counts(&TicketScope::default()).await.unwrap();
    assert_eq!(counts.iter().map(|c| c.count).sum::<i64>(), 13);
    let count = |status: &str, kind: &str| {
        counts
            .iter()
            .find(|c| c.status.as_str() == status && c.kind.as_str() == kind)
            .map_or(0, |c| c.count)
    };
    assert_eq!(count("closed", "REFUND_ONLY"), 2);
    assert_eq!(count("closed", "RETURN_AND_REFUND"), 3);
    assert_eq!(count("closed", "EXCHANGE"), 1);
    assert_eq!(count("cancelled", "RETURN_AND_REFUND"), 1);
    assert_eq!(count("inspected", "EXCHANGE"), 1);
    assert_eq!(count("disputed", "RETURN_AND_REFUND"), 1);
    assert_eq!(count("refunding", "REFUND_ONLY"), 1);
    assert_eq!(count("applied", "RETURN_AND_REFUND"), 1);
    assert_eq!(
        q.status_counts(&TicketScope::channel(Some("kuaishou")))
            .await
            .unwrap()
            .iter()
            .map(|c| c.count)
            .sum::<i64>(),
        3
    );

    // Kind and the period the application was made in narrow the same figures.
    let total = |scope: TicketScope| {
        let q = q.clone();
        async move {
            q.status_counts(&scope)
                .await
                .unwrap()
                .iter()
                .map(|c| c.count)
                .sum::<i64>()
        }
    };
    let kind = |k: TicketKind| TicketScope {
        kind: Some(k),
        ..TicketScope::default()
    };
    assert_eq!(total(kind(TicketKind::Exchange)).await, 2);
    assert_eq!(total(kind(TicketKind::RefundOnly)).await, 3);
    let period = |from: i64, before: i64| TicketScope {
        opened_from: Some(at(from)),
        opened_before: Some(at(before)),
        ..TicketScope::default()
    };
    assert_eq!(
        total(period(0, 1)).await,
        13,
        "every ticket applied at hour 0"
    );
    assert_eq!(total(period(-24, 0)).await, 0, "the day before");
    assert_eq!(total(period(1, 48)).await, 0, "after");
    let refund_only_steps: Vec<String> = q
        .cycle_times(&kind(TicketKind::RefundOnly))
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.step)
        .collect();
    assert!(
        !refund_only_steps
            .iter()
            .any(|s| s == "ship_back" || s == "inspection"),
        "refund-only tickets ship nothing back: {refund_only_steps:?}"
    );

    let times = q.cycle_times(&TicketScope::default()).await.unwrap();
    let step = |name: &str| times.iter().find(|t| t.step == name).cloned().unwrap();
    // Review: 12 tickets reviewed, 31 hours in all.
    assert_eq!(
        (step("review").tickets, step("review").average_seconds),
        (12, 31 * 3600 / 12)
    );
    // Payout: 22 h and 3 h from request to issue.
    assert_eq!(
        (step("refund").tickets, step("refund").average_seconds),
        (2, 45_000)
    );
    assert_eq!(
        (
            step("replacement").tickets,
            step("replacement").average_seconds
        ),
        (1, 3600)
    );
    // Resolution: 7 tickets ended, 324 hours in all.
    assert_eq!(
        (
            step("resolution").tickets,
            step("resolution").average_seconds
        ),
        (7, 324 * 3600 / 7)
    );
    // Transit: shipped→received for the 6 tickets whose goods arrived.
    assert_eq!(step("transit").tickets, 6);

    assert_eq!(
        q.reasons(Some("douyin"), Some("SKU-A")).await.unwrap(),
        vec![ReasonCount {
            sku: "SKU-A".into(),
            channel: "douyin".into(),
            reason_code: "quality_issue".into(),
            tickets: 2,
            units: 3
        }]
    );
    let all = q.reasons(None, None).await.unwrap();
    assert_eq!(
        all.iter().map(|r| r.tickets).sum::<i64>(),
        14,
        "13 tickets, one with two SKUs"
    );
    assert_eq!(
        all[0],
        ReasonCount {
            sku: "SKU-C".into(),
            channel: "kuaishou".into(),
            reason_code: "changed_mind".into(),
            tickets: 3,
            units: 4
        },
        "most tickets first"
    );
}

async fn a_ticket_whose_platform_record_is_pending_needs_attention_first(db: TestDatabase) {
    use returns_domain::command::{
        PlatformSyncIssueKind, RecordPlatformSyncIssue, ResolvePlatformSync,
    };
    use returns_domain::Command;
    let store = store(&db).await;
    let runner = spawn_all(&store);
    scenario::run(&store).await;
    let mut pending = crate::helpers::Ticket::new();
    let open = scenario::open(
        &pending,
        TicketKind::ReturnAndRefund,
        "douyin",
        "Dana Wu",
        "quality_issue",
        vec![scenario::line("L1", "SKU-D", 1, 9_900)],
        0,
    );
    pending.run(&store, open).await;
    pending
        .run(
            &store,
            Command::RecordPlatformSyncIssue(RecordPlatformSyncIssue {
                issue: PlatformSyncIssueKind::Pending,
                platform: "douyin".into(),
                platform_version: Some(2),
                platform_status: Some("return_shipped".into()),
                details: vec!["tracking number missing".into()],
                at: at(1),
            }),
        )
        .await;
    settle(&store).await;
    let q = Queries::new(store.clone());
    let page = q
        .worklist(&WorklistFilter::default(), None, 100)
        .await
        .unwrap();
    let first = &page.items[0];
    assert_eq!(first.ticket_id, pending.id, "a person must look first");
    assert!(first.needs_attention);
    assert_eq!(first.next_action.as_deref(), Some("platform_sync_pending"));
    assert_eq!(page.items.iter().filter(|i| i.needs_attention).count(), 1);
    let queue = ids(
        &q,
        WorklistFilter {
            needs_attention: Some(true),
            ..WorklistFilter::default()
        },
    )
    .await;
    assert_eq!(queue, vec![pending.id]);
    let by_action = ids(
        &q,
        WorklistFilter {
            next_action: Some("platform_sync_pending".into()),
            ..WorklistFilter::default()
        },
    )
    .await;
    assert_eq!(by_action, vec![pending.id]);
    let rest = ids(
        &q,
        WorklistFilter {
            needs_attention: Some(false),
            ..WorklistFilter::default()
        },
    )
    .await;
    assert_eq!(rest.len(), 13);
    // Resolved: back to its ordinary next step (the review).
    pending
        .run(
            &store,
            Command::ResolvePlatformSync(ResolvePlatformSync {
                note: "buyer sent the tracking number by chat".into(),
                at: at(2),
            }),
        )
        .await;
    settle(&store).await;
    let item = q.worklist_item(pending.id).await.unwrap().unwrap();
    assert!(!item.needs_attention);
    assert_eq!(item.next_action.as_deref(), Some("review"));
    // The platform's deadline flagged near: "the platform decides" at its time.
    use returns_domain::command::{RecordPlatformDeadline, RecordPlatformDeadlineNear};
    for command in [
        Command::RecordPlatformDeadline(RecordPlatformDeadline {
            platform: "douyin".into(),
            platform_status: Some("awaiting_seller".into()),
            due_at: at(12),
            at: at(3),
        }),
        Command::RecordPlatformDeadlineNear(RecordPlatformDeadlineNear {
            due_at: at(12),
            at: at(6),
        }),
    ] {
        pending.run(&store, command).await;
    }
    settle(&store).await;
    runner.stop().await;
    let item = q.worklist_item(pending.id).await.unwrap().unwrap();
    assert_eq!(item.next_action.as_deref(), Some("platform_decides"));
    assert_eq!(item.next_action_due, Some(at(12)));
}

async fn an_open_arbitration_leads_the_needs_attention_queue_until_decided(db: TestDatabase) {
    use returns_domain::command::{
        ArbitrationStage, PlatformSyncIssueKind, RecordPlatformArbitration, RecordPlatformSyncIssue,
    };
    use returns_domain::Command;
    let store = store(&db).await;
    let runner = spawn_all(&store);
    scenario::run(&store).await;
    let opened = |ticket: &crate::helpers::Ticket, customer: &str| {
        scenario::open(
            ticket,
            TicketKind::ReturnAndRefund,
            "douyin",
            customer,
            "quality_issue",
            vec![scenario::line("L1", "SKU-D", 1, 9_900)],
            0,
        )
    };
    // A sync conflict recorded before the arbitration opened: by time alone
    // it would come first.
    let mut conflict = crate::helpers::Ticket::new();
    conflict.run(&store, opened(&conflict, "Dana Wu")).await;
    conflict
        .run(
            &store,
            Command::RecordPlatformSyncIssue(RecordPlatformSyncIssue {
                issue: PlatformSyncIssueKind::Conflict,
                platform: "douyin".into(),
                platform_version: Some(3),
                platform_status: Some("refunded".into()),
                details: vec!["platform refunded, ticket rejected".into()],
                at: at(1),
            }),
        )
        .await;
    let mut disputed = crate::helpers::Ticket::new();
    disputed.run(&store, opened(&disputed, "Evan Li")).await;
    // A deadline a year ahead: due, not overdue, whatever today is.
    let deadline = at(24 * 365);
    disputed
        .run(
            &store,
            Command::RecordPlatformArbitration(RecordPlatformArbitration {
                platform: "douyin".into(),
                stage: ArbitrationStage::Open,
                platform_status: Some("arbitrating".into()),
                due_at: Some(deadline),
                at: at(2),
            }),
        )
        .await;
    settle(&store).await;
    let q = Queries::new(store.clone());
    let queue = ids(
        &q,
        WorklistFilter {
            needs_attention: Some(true),
            ..WorklistFilter::default()
        },
    )
    .await;
    assert_eq!(queue, vec![disputed.id, conflict.id], "arbitration first");
    let page = q
        .worklist(&WorklistFilter::default(), None, 100)
        .await
        .unwrap();
    let first = &page.items[0];
    assert_eq!(first.ticket_id, disputed.id);
    assert_eq!(first.next_action.as_deref(), Some("platform_intervening"));
    assert_eq!(first.next_action_due, Some(deadline));
    assert!(first.needs_attention);
    assert!(!first.sla_breached, "sorted first, yet not overdue");
    let not_overdue = ids(
        &q,
        WorklistFilter {
            sla_breached: Some(false),
            ..WorklistFilter::default()
        },
    )
    .await;
    assert!(not_overdue.contains(&disputed.id));
    // Decided: out of the queue, back to its ordinary next step.
    disputed
        .run(
            &store,
            Command::RecordPlatformArbitration(RecordPlatformArbitration {
                platform: "douyin".into(),
                stage: ArbitrationStage::ForSeller,
                platform_status: Some("arbitrated".into()),
                due_at: None,
                at: at(3),
            }),
        )
        .await;
    settle(&store).await;
    runner.stop().await;
    let item = q.worklist_item(disputed.id).await.unwrap().unwrap();
    assert!(!item.needs_attention);
    assert_eq!(item.next_action.as_deref(), Some("review"));
    let queue = ids(
        &q,
        WorklistFilter {
            needs_attention: Some(true),
            ..WorklistFilter::default()
        },
    )
    .await;
    assert_eq!(queue, vec![conflict.id]);
}

async fn management_counts_arbitrations_and_outcomes_by_reason_sku_and_channel(db: TestDatabase) {
    use returns_domain::command::{ArbitrationStage, RecordPlatformArbitration};
    use returns_domain::Command;
    use returns_projections::query::management::ArbitrationCount;
    let store = store(&db).await;
    let runner = spawn_all(&store);
    let arbitration = |stage, minute| {
        Command::RecordPlatformArbitration(RecordPlatformArbitration {
            platform: "douyin".into(),
            stage,
            platform_status: None,
            due_at: None,
            at: at(minute),
        })
    };
    // (channel, reason, the SKUs of its lines, the stages the platform went through).
    let cases: [(&str, &str, &[&str], &[ArbitrationStage]); 5] = [
        (
            "douyin",
            "quality_issue",
            &["SKU-A"],
            &[ArbitrationStage::Open],
        ),
        (
            "douyin",
            "quality_issue",
            &["SKU-A"],
            &[ArbitrationStage::Open, ArbitrationStage::ForBuyer],
        ),
        (
            "douyin",
            "quality_issue",
            // Two lines of one SKU and one of another: once per SKU.
            &["SKU-A", "SKU-A", "SKU-B"],
            &[ArbitrationStage::Open, ArbitrationStage::ForSeller],
        ),
        (
            "taobao",
            "not_as_described",
            &["SKU-A"],
            &[ArbitrationStage::ForBuyer],
        ),
        // Never arbitrated: not counted, but a ticket of that reason.
        ("douyin", "quality_issue", &["SKU-A"], &[]),
    ];
    for (channel, reason, skus, stages) in cases {
        let mut ticket = crate::helpers::Ticket::new();
        let lines = skus
            .iter()
            .enumerate()
            .map(|(i, sku)| scenario::line(&format!("L{i}"), sku, 1, 1_000))
            .collect();
        ticket
            .run(
                &store,
                scenario::open(
                    &ticket,
                    TicketKind::RefundOnly,
                    channel,
                    "Buyer",
                    reason,
                    lines,
                    0,
                ),
            )
            .await;
        for (i, stage) in stages.iter().enumerate() {
            ticket.run(&store, arbitration(*stage, i as i64 + 1)).await;
        }
    }
    // A return inspected by one person, then decided for the buyer.
    let mut inspected = crate::helpers::Ticket::new();
    inspected
        .run(
            &store,
            scenario::open(
                &inspected,
                TicketKind::ReturnAndRefund,
                "douyin",
                "Buyer",
                "quality_issue",
                vec![scenario::line("L1", "SKU-C", 1, 3_000)],
                0,
            ),
        )
        .await;
    inspected.run(&store, scenario::approve(true, 1)).await;
    inspected.run(&store, scenario::ship("TRK-ARB", 2)).await;
    inspected
        .run(&store, scenario::receive(&[("L1", 1)], 3))
        .await;
    inspected
        .run_as(&store, scenario::inspect("L1", 1, false, 4), "inspector-li")
        .await;
    inspected
        .run(&store, arbitration(ArbitrationStage::Open, 5))
        .await;
    inspected
        .run(&store, arbitration(ArbitrationStage::ForBuyer, 6))
        .await;
    settle(&store).await;
    runner.stop().await;
    let q = Queries::new(store);
    // n: arbitrations, open, for the buyer, for the seller, not stated,
    // tickets of the reason; m: at stake, lost (paid for the lines).
    let count =
        |reason: &str, sku: &str, channel: &str, n: [i64; 6], m: [i64; 2]| ArbitrationCount {
            reason_code: reason.into(),
            sku: sku.into(),
            channel: channel.into(),
            arbitrations: n[0],
            open: n[1],
            for_buyer: n[2],
            for_seller: n[3],
            not_stated: n[4],
            tickets: n[5],
            currency: "CNY".into(),
            at_stake_minor: m[0],
            lost_minor: m[1],
        };
    assert_eq!(
        q.arbitrations(None, None).await.unwrap(),
        vec![
            count(
                "quality_issue",
                "SKU-A",
                "douyin",
                [3, 1, 1, 1, 0, 4],
                [1_000, 1_000]
            ),
            count(
                "not_as_described",
                "SKU-A",
                "taobao",
                [1, 0, 1, 0, 0, 1],
                [0, 1_000]
            ),
            count(
                "quality_issue",
                "SKU-B",
                "douyin",
                [1, 0, 0, 1, 0, 1],
                [0, 0]
            ),
            count(
                "quality_issue",
                "SKU-C",
                "douyin",
                [1, 0, 1, 0, 0, 1],
                [0, 3_000]
            ),
        ]
    );
    assert_eq!(
        q.arbitrations(Some("taobao"), None).await.unwrap(),
        vec![count(
            "not_as_described",
            "SKU-A",
            "taobao",
            [1, 0, 1, 0, 0, 1],
            [0, 1_000]
        )]
    );
    assert_eq!(
        q.arbitrations(None, Some("SKU-B")).await.unwrap(),
        vec![count(
            "quality_issue",
            "SKU-B",
            "douyin",
            [1, 0, 0, 1, 0, 1],
            [0, 0]
        )]
    );
    // By inspector: the inspected return, and the rest arbitrated without one.
    let by = q.arbitrations_by_inspector(None, None).await.unwrap();
    let row = |who: &str| by.iter().find(|r| r.inspector == who).cloned().unwrap();
    let li = row("inspector-li");
    assert_eq!(
        (
            li.arbitrations,
            li.for_buyer,
            li.lost_minor,
            li.currency.as_str()
        ),
        (1, 1, 3_000, "CNY")
    );
    let none = row("");
    assert_eq!(
        (
            none.arbitrations,
            none.open,
            none.for_buyer,
            none.for_seller
        ),
        (5, 1, 2, 2)
    );
    assert_eq!((none.at_stake_minor, none.lost_minor), (1_000, 2_000));
    assert_eq!(by.len(), 2, "{by:?}");
}

async fn the_receiving_desk_finds_a_parcel_by_its_corrected_waybill(db: TestDatabase) {
    use returns_domain::command::{
        CorrectedWaybill, RecordPlatformApproval, RecordPlatformCorrection, RegisterReturnShipment,
    };
    use returns_domain::Command;
    let store = store(&db).await;
    let runner = spawn_all(&store);
    let mut ticket = crate::helpers::Ticket::new();
    let opened = scenario::open(
        &ticket,
        TicketKind::ReturnAndRefund,
        "douyin",
        "Buyer",
        "quality_issue",
        vec![scenario::line("L1", "SKU-W", 1, 5_000)],
        0,
    );
    for command in [
        opened,
        Command::RecordPlatformApproval(RecordPlatformApproval {
            platform: "douyin".into(),
            at: at(1),
        }),
        Command::RegisterReturnShipment(RegisterReturnShipment {
            carrier: "顺丰速运".into(),
            tracking_number: "SF-TYPO-1".into(),
            at: at(2),
        }),
        // The buyer corrects the number on the platform; a later version says so.
        Command::RecordPlatformCorrection(RecordPlatformCorrection {
            platform: "douyin".into(),
            return_shipment: Some(CorrectedWaybill {
                carrier: "顺丰速运".into(),
                tracking_number: "SF-REAL-1".into(),
            }),
            customer_phone: None,
            customer_address: None,
            at: at(3),
        }),
    ] {
        ticket.run(&store, command).await;
    }
    settle(&store).await;
    runner.stop().await;
    let q = Queries::new(store);
    let found = q.inbound_parcel("SF-REAL-1").await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].ticket_id, ticket.id);
    assert!(found[0].expecting_inbound, "still expected at the desk");
    assert_eq!(found[0].tracking_number.as_deref(), Some("SF-REAL-1"));
    assert!(
        q.inbound_parcel("SF-TYPO-1").await.unwrap().is_empty(),
        "the old number matches nothing"
    );
}

async fn management_and_finance_show_counts_time_and_money_per_kind(db: TestDatabase) {
    use returns_domain::TicketKind;
    use returns_projections::query::finance::KindRefundTotal;

    let (q, s) = scripted(&db).await;
    let kinds = q.kind_summaries(&TicketScope::default()).await.unwrap();
    // The per-kind figures are the status counts summed over statuses.
    let counts = q.status_counts(&TicketScope::default()).await.unwrap();
    for summary in &kinds {
        let counted: i64 = counts
            .iter()
            .filter(|c| c.kind == summary.kind)
            .map(|c| c.count)
            .sum();
        assert_eq!(summary.tickets, counted, "{:?}", summary.kind);
        let ended: i64 = counts
            .iter()
            .filter(|c| c.kind == summary.kind && c.status.is_terminal())
            .map(|c| c.count)
            .sum();
        assert_eq!(summary.ended, ended, "{:?}", summary.kind);
        assert_eq!(summary.open, summary.tickets - ended);
        assert_eq!(summary.currency, "CNY");
        assert!(summary.average_resolution_seconds > 0 || ended == 0);
    }
    let of = |kind: TicketKind| kinds.iter().find(|k| k.kind == kind).unwrap();
    // 120.00 on the refund-only ticket; 250.00 on the returned one.
    assert_eq!(of(TicketKind::RefundOnly).refunded_minor, 12_000);
    assert_eq!(of(TicketKind::ReturnAndRefund).refunded_minor, 25_000);
    assert_eq!(of(TicketKind::Exchange).refunded_minor, 0);
    // Scoped like the other figures: one channel.
    let taobao = q
        .kind_summaries(&TicketScope::channel(Some("taobao")))
        .await
        .unwrap();
    assert_eq!(taobao.iter().map(|k| k.refunded_minor).sum::<i64>(), 12_000);

    // Finance: what each kind paid out and what it still owes.
    let finance = q.refunds_by_kind(None).await.unwrap();
    assert_eq!(
        finance,
        vec![
            KindRefundTotal {
                kind: TicketKind::RefundOnly,
                currency: "CNY".into(),
                issued_count: 1,
                issued_minor: 12_000,
                open_count: 1,
                open_minor: 4_500,
            },
            KindRefundTotal {
                kind: TicketKind::ReturnAndRefund,
                currency: "CNY".into(),
                issued_count: 1,
                issued_minor: 25_000,
                open_count: 0,
                open_minor: 0,
            },
        ]
    );
    let awaiting = q
        .refunds(Some(RefundStatus::Requested), None, None, 100)
        .await
        .unwrap();
    assert_eq!(awaiting.items[0].kind, TicketKind::RefundOnly);
    assert_eq!(awaiting.items[0].refund_id, s.refunds["awaiting_approval"]);
    let douyin = q.refunds_by_kind(Some("douyin")).await.unwrap();
    assert_eq!(douyin.len(), 1);
    assert_eq!(douyin[0].kind, TicketKind::ReturnAndRefund);
}

async fn platform_tasks_list_what_each_marketplace_must_hear_of_until_done(db: TestDatabase) {
    use returns_domain::command::ConfirmPlatformAction;
    use returns_domain::Command;
    use returns_projections::query::platform_tasks::PlatformTaskFilter;

    let (q, mut s) = scripted(&db).await;
    let of = |ticket: Uuid| PlatformTaskFilter {
        ticket_id: Some(ticket),
        ..PlatformTaskFilter::default()
    };
    let exchanged = q
        .platform_tasks(&of(s.exchanged.id), None, 100)
        .await
        .unwrap()
        .items;
    // Listed by the platform's deadline (the review's comes last here).
    let mut actions: Vec<(i64, &str, &str)> = exchanged
        .iter()
        .map(|t| (t.seq, t.action.as_str(), t.department.as_str()))
        .collect();
    actions.sort();
    assert_eq!(
        actions,
        [
            (1, "approve_application", "customer_service"),
            (2, "confirm_return_received", "warehouse"),
            (3, "ship_exchange", "warehouse"),
        ]
    );
    assert!(exchanged.iter().all(|t| t.platform == "taobao"
        && t.after_sale_id == "AS-Dan Zhao"
        && t.is_open
        && t.ticket_status == TicketStatus::Closed));
    let by_seq = |seq: i64| exchanged.iter().find(|t| t.seq == seq).unwrap();
    let params: serde_json::Value = serde_json::from_str(&by_seq(3).params).unwrap();
    assert_eq!(
        params,
        serde_json::json!({ "carrier": "SF", "tracking_number": "NEW-400" })
    );

    // A review's task carries the review deadline the platform gave.
    assert_eq!(by_seq(1).due_at, s.exchanged.state.review_deadline);

    // One department's queue, across tickets and pages.
    let warehouse = PlatformTaskFilter {
        department: Some("warehouse".into()),
        ..PlatformTaskFilter::default()
    };
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = q
            .platform_tasks(&warehouse, after.as_deref(), 2)
            .await
            .unwrap();
        seen.extend(page.items);
        match page.next_cursor {
            Some(c) => after = Some(c),
            None => break,
        }
    }
    assert!(seen.iter().all(|t| t.department == "warehouse"));
    // The platform's deadline first, else the oldest decision.
    assert!(seen.windows(2).all(|w| w[0].sort_at <= w[1].sort_at));
    assert!(seen
        .iter()
        .all(|t| t.sort_at == t.due_at.unwrap_or(t.requested_at).timestamp_micros()));
    assert!(seen
        .iter()
        .any(|t| t.ticket_id == s.exchanged.id && t.seq == 3));

    // Confirmed done in the back office: it leaves the open list, joins the done one.
    s.exchanged
        .run(
            q.store(),
            Command::ConfirmPlatformAction(ConfirmPlatformAction { seq: 3, at: at(15) }),
        )
        .await;
    let runner = spawn_all(q.store());
    settle(q.store()).await;
    runner.stop().await;
    let mut open: Vec<i64> = q
        .platform_tasks(&of(s.exchanged.id), None, 100)
        .await
        .unwrap()
        .items
        .iter()
        .map(|t| t.seq)
        .collect();
    open.sort_unstable();
    assert_eq!(open, [1, 2]);
    let done = q
        .platform_tasks(
            &PlatformTaskFilter {
                done: true,
                ..PlatformTaskFilter::default()
            },
            None,
            100,
        )
        .await
        .unwrap()
        .items;
    assert_eq!(done.len(), 1);
    assert_eq!((done[0].ticket_id, done[0].seq), (s.exchanged.id, 3));
    assert_eq!(done[0].done_at, Some(at(15)));

    let counts = q.platform_task_counts().await.unwrap();
    let ship = counts
        .iter()
        .find(|c| c.platform == "taobao" && c.action == "ship_exchange")
        .unwrap();
    assert_eq!((ship.requested, ship.open), (1, 0));
    assert_eq!(
        ship.mean_seconds_to_done,
        Some(2 * 3600),
        "shipped at 13h, done at 15h"
    );
    let refused = counts
        .iter()
        .find(|c| c.platform == "taobao" && c.action == "refuse_application")
        .unwrap();
    assert_eq!((refused.open, refused.mean_seconds_to_done), (1, None));
    assert_eq!(refused.mean_seconds_to_confirmed, None);
    assert_eq!((refused.sent, refused.mean_seconds_to_sent), (0, None));

    // The open API carries out the first action: counted as sent, with the
    // time from the decision to the platform's answer.
    use returns_domain::command::{PlatformActionOutcome, RecordPlatformActionOutcome};
    let first = q
        .platform_tasks(&of(s.exchanged.id), None, 100)
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|t| t.seq == 1)
        .unwrap();
    s.exchanged
        .run(
            q.store(),
            Command::RecordPlatformActionOutcome(RecordPlatformActionOutcome {
                seq: 1,
                outcome: PlatformActionOutcome::Succeeded {
                    platform_version: None,
                    reference: None,
                    already_done: false,
                },
                at: at(20),
            }),
        )
        .await;
    let runner = spawn_all(q.store());
    settle(q.store()).await;
    runner.stop().await;
    let counts = q.platform_task_counts().await.unwrap();
    let sent = counts
        .iter()
        .find(|c| c.platform == first.platform && c.action == first.action)
        .unwrap();
    assert_eq!(sent.sent, 1);
    assert_eq!(
        sent.mean_seconds_to_sent,
        Some((at(20) - first.requested_at).num_seconds())
    );
}
