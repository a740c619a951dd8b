//! A store, a manual clock, a simulated gateway and a workflow runtime on a
//! fresh database, plus builders that walk a ticket to a given step.

use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use returns_domain::command::{
    ApproveApplication, CompleteInspection, OpenTicket, ReceiveReturn, RecordInspection,
    RegisterReturnShipment,
};
use returns_domain::ticket::{
    Grade, PackageCondition, ReceivedLine, ReturnAddress, TicketLine, Verdict,
};
use returns_domain::{Command, Currency, Event, Money, TicketKind, TicketState};
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{EventStore, ManualClock, Metadata, RecordedEvent, StoreOptions};
use returns_tickets as ticket;
use returns_tickets::Tickets;
use returns_workflows::gateway::SimulatedGateway;
use returns_workflows::{Payouts, PlatformApi, Policies, Progress, RuntimeOptions, Workflows};
use uuid::Uuid;

/// When every test's clock starts.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

/// An amount in fen.
pub fn cny(minor: i64) -> Money {
    Money::new(minor, Currency::parse("CNY").unwrap())
}

/// A store on `db` whose `recorded_at` comes from `clock`.
pub async fn connect(db: &TestDatabase, clock: &ManualClock) -> EventStore {
    let options = StoreOptions {
        clock: Arc::new(clock.clone()),
        ..StoreOptions::default()
    };
    EventStore::connect_with(db.url(), options).await.unwrap()
}

/// A ticket to open.
pub struct Application {
    pub kind: TicketKind,
    pub channel: &'static str,
    pub reason_code: &'static str,
    /// Paid for the one line of two units.
    pub paid_minor: i64,
}

impl Default for Application {
    fn default() -> Self {
        Self {
            kind: TicketKind::ReturnAndRefund,
            channel: "manual",
            reason_code: "size_issue",
            paid_minor: 8_000,
        }
    }
}

pub struct Harness {
    pub db: TestDatabase,
    pub store: EventStore,
    pub tickets: Tickets,
    pub clock: ManualClock,
    pub gateway: Arc<SimulatedGateway>,
    pub workflows: Workflows,
    pub policies: Policies,
}

impl Harness {
    pub async fn start(db: TestDatabase) -> Self {
        Self::with_policies(db, Policies::default()).await
    }

    pub async fn with_policies(db: TestDatabase, policies: Policies) -> Self {
        Self::with_platform_api(db, policies, PlatformApi::manual()).await
    }

    /// A harness whose runtime sends platform actions through `platforms`.
    pub async fn with_platform_api(
        db: TestDatabase,
        policies: Policies,
        platforms: PlatformApi,
    ) -> Self {
        let clock = ManualClock::new(t0());
        let store = connect(&db, &clock).await;
        let tickets = Tickets::plaintext(store.clone());
        let gateway = Arc::new(SimulatedGateway::new());
        let workflows = Workflows::with_platform_api(
            tickets.clone(),
            policies.clone(),
            // The simulated gateway stands in for the merchant's payout
            // receiver: the paths under test are webhook mode's.
            Payouts::webhook(gateway.clone()),
            Arc::new(clock.clone()),
            RuntimeOptions::default(),
            platforms,
        )
        .await
        .unwrap();
        Self {
            db,
            store,
            tickets,
            clock,
            gateway,
            workflows,
            policies,
        }
    }

    /// Runs the workflows until nothing is left to do at the current time.
    pub async fn run(&self) -> Progress {
        self.workflows.run_until_idle().await.unwrap()
    }

    /// Moves the clock on, then runs the workflows.
    pub async fn advance(&self, by: Duration) -> Progress {
        self.clock.advance(by);
        self.run().await
    }

    /// A person in `role` issues `command`; it must succeed.
    pub async fn act(&self, ticket_id: Uuid, role: &str, command: Command) -> TicketState {
        let metadata = Metadata::new(format!("{role}-agent"), role)
            .with_command_id(Uuid::now_v7())
            .with_source("test");
        self.tickets
            .execute(ticket_id.into(), None, &command, metadata)
            .await
            .unwrap_or_else(|e| panic!("{command:?} refused: {e}"))
            .state
    }

    pub async fn open(&self, application: Application) -> Uuid {
        self.open_as(Uuid::now_v7(), application).await
    }

    pub async fn open_as(&self, ticket_id: Uuid, a: Application) -> Uuid {
        let command = Command::OpenTicket(self.open_command(ticket_id, a));
        self.act(ticket_id, "customer_service", command).await;
        ticket_id
    }

    /// A ticket opened from the platform's after-sale `after_sale_id`.
    pub async fn open_marketplace(&self, a: Application, after_sale_id: &str) -> Uuid {
        let ticket_id = Uuid::now_v7();
        let mut open = self.open_command(ticket_id, a);
        open.platform_after_sale_id = Some(after_sale_id.into());
        self.act(ticket_id, "customer_service", Command::OpenTicket(open))
            .await;
        ticket_id
    }

    fn open_command(&self, ticket_id: Uuid, a: Application) -> OpenTicket {
        let at = self.clock_now();
        OpenTicket {
            ticket_id,
            kind: a.kind,
            channel: a.channel.into(),
            platform_order_id: None,
            platform_after_sale_id: None,
            customer: "buyer-1".into(),
            reason_code: a.reason_code.into(),
            reason_text: "words".into(),
            lines: vec![TicketLine {
                line_id: "L1".into(),
                sku: "SKU-1".into(),
                name: "Jacket".into(),
                qty: 2,
                paid: cny(a.paid_minor),
            }],
            currency: Currency::parse("CNY").unwrap(),
            custom_fields: Default::default(),
            customer_phone: None,
            customer_address: None,
            review_deadline: self.policies.review_deadline(a.channel, at),
            at,
        }
    }

    pub fn clock_now(&self) -> DateTime<Utc> {
        returns_eventstore::Clock::now(&self.clock)
    }

    pub async fn approve(&self, ticket_id: Uuid) -> TicketState {
        let at = self.clock_now();
        let state = self.state(ticket_id).await;
        let goods_back = state.kind().unwrap().needs_goods_back();
        let channel = state.info.unwrap().channel;
        self.act(
            ticket_id,
            "customer_service",
            Command::ApproveApplication(ApproveApplication {
                return_address: goods_back.then(|| ReturnAddress {
                    recipient: "Desk".into(),
                    phone: "1".into(),
                    address: "Warehouse 1".into(),
                }),
                ship_back_deadline: goods_back
                    .then(|| self.policies.ship_back_deadline(&channel, at)),
                at,
            }),
        )
        .await
    }

    pub async fn ship_back(&self, ticket_id: Uuid) -> TicketState {
        let at = self.clock_now();
        self.act(
            ticket_id,
            "customer_service",
            Command::RegisterReturnShipment(RegisterReturnShipment {
                carrier: "SF".into(),
                tracking_number: "SF100".into(),
                at,
            }),
        )
        .await
    }

    /// Approves, ships back, receives both units and inspects them, accepting `accepted`.
    pub async fn inspect(&self, ticket_id: Uuid, accepted: u32) -> TicketState {
        self.approve(ticket_id).await;
        self.ship_back(ticket_id).await;
        let at = self.clock_now();
        self.act(
            ticket_id,
            "warehouse",
            Command::ReceiveReturn(ReceiveReturn {
                lines: vec![ReceivedLine {
                    line_id: "L1".into(),
                    qty: 2,
                }],
                package_condition: PackageCondition::Intact,
                at,
            }),
        )
        .await;
        self.act(
            ticket_id,
            "warehouse",
            Command::RecordInspection(RecordInspection {
                line_id: "L1".into(),
                qty_inspected: 2,
                qty_accepted: accepted,
                grade: if accepted > 0 {
                    Grade::New
                } else {
                    Grade::Damaged
                },
                verdict: if accepted > 0 {
                    Verdict::Pass
                } else {
                    Verdict::Fail
                },
                deduction: cny(0),
                notes: String::new(),
                photo_refs: vec![],
                at,
            }),
        )
        .await;
        self.act(
            ticket_id,
            "warehouse",
            Command::CompleteInspection(CompleteInspection { at }),
        )
        .await
    }

    pub async fn state(&self, ticket_id: Uuid) -> TicketState {
        ticket::load(&self.store, ticket_id).await.unwrap().state
    }

    pub async fn history(&self, ticket_id: Uuid) -> Vec<RecordedEvent> {
        self.store
            .read_stream(&ticket::stream_id(ticket_id), 1)
            .await
            .unwrap()
    }

    pub async fn events(&self, ticket_id: Uuid) -> Vec<Event> {
        self.history(ticket_id)
            .await
            .into_iter()
            .map(|e| serde_json::from_value(e.payload).unwrap())
            .collect()
    }

    pub async fn count(&self, ticket_id: Uuid, event_type: &str) -> usize {
        self.history(ticket_id)
            .await
            .iter()
            .filter(|e| e.event_type == event_type)
            .count()
    }

    /// The events of `event_type` a workflow wrote (actor `system`).
    pub async fn by_system(&self, ticket_id: Uuid, event_type: &str) -> Vec<RecordedEvent> {
        self.history(ticket_id)
            .await
            .into_iter()
            .filter(|e| e.event_type == event_type && e.metadata.actor == "system")
            .collect()
    }
}
