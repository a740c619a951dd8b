//! Two servers on one PostgreSQL: every timer fires exactly once.

use returns_tickets::Tickets;
use std::sync::Arc;

use chrono::Duration;
use returns_eventstore::testing::TestDatabase;
use returns_workflows::gateway::SimulatedGateway;
use returns_workflows::{Payouts, Policies, Workflows};

use super::helpers::{connect, Application, Harness};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_on_one_postgres_fire_every_timer_once() {
    let Some(db) = TestDatabase::postgres().await else {
        return;
    };
    let h = Harness::start(db).await;
    const TICKETS: usize = 40;
    let mut ids = Vec::new();
    for _ in 0..TICKETS {
        ids.push(h.open(Application::default()).await);
    }
    let server = |gateway: Arc<SimulatedGateway>| {
        let clock = h.clock.clone();
        let db = &h.db;
        async move {
            Workflows::new(
                Tickets::plaintext(connect(db, &clock).await),
                Policies::default(),
                Payouts::webhook(gateway),
                Arc::new(clock),
            )
            .await
            .unwrap()
        }
    };
    let a = server(h.gateway.clone()).await;
    let b = server(h.gateway.clone()).await;
    // Both schedule the review timers (only the leader handles events).
    let (pa, pb) = tokio::join!(a.run_until_idle(), b.run_until_idle());
    let (pa, pb) = (pa.unwrap(), pb.unwrap());
    assert!(pa.leader != pb.leader, "exactly one leads: {pa:?} {pb:?}");

    h.clock.advance(Duration::hours(49));
    let (fa, fb) = tokio::join!(a.run_until_idle(), b.run_until_idle());
    let (fa, fb) = (fa.unwrap(), fb.unwrap());
    assert_eq!(fa.timers_fired + fb.timers_fired, TICKETS, "{fa:?} {fb:?}");
    for id in &ids {
        assert_eq!(h.count(*id, "DeadlineMissed").await, 1);
        assert_eq!(h.count(*id, "TicketAssigned").await, 1);
    }
    eprintln!(
        "timers fired: {} by one server, {} by the other",
        fa.timers_fired, fb.timers_fired
    );

    // The leader stops; the other takes the workflows over.
    let (leader, follower) = if fa.leader { (a, b) } else { (b, a) };
    drop(leader);
    let mut took_over = false;
    for _ in 0..100 {
        if follower.run_until_idle().await.unwrap().leader {
            took_over = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(took_over, "the second server leads once the first is gone");
    let late = h.open(Application::default()).await;
    h.clock.advance(Duration::hours(49));
    follower.run_until_idle().await.unwrap();
    follower.run_until_idle().await.unwrap();
    assert_eq!(h.count(late, "TicketAssigned").await, 1);
    let lagging: Vec<_> = follower
        .status()
        .await
        .unwrap()
        .into_iter()
        .filter(|s| s.lag > 0)
        .collect();
    assert!(lagging.is_empty(), "{lagging:?}");
}
