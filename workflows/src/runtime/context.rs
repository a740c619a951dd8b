//! What every workflow step needs: the store, policies, payout modes, clock
//! and timers, and the one way a workflow issues a command.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use returns_domain::{Command, Role, TicketState};
use returns_eventstore::aggregate::ExecuteError;
use returns_eventstore::{Clock, CommandFingerprint, EventStore, Metadata, RecordedEvent};
use uuid::Uuid;

use crate::error::Result;
use crate::ids;
use crate::payout::Payouts;
use crate::policies::Policies;
use crate::storage::payouts::PayoutQueue;
use crate::timers::{NewTimer, Timer, TimerKind, Timers};
use returns_tickets::Tickets;

/// The actor every automatic command is recorded with.
pub const SYSTEM_ACTOR: &str = "system";

/// Shared by all workflows of one runtime.
pub(crate) struct Context {
    /// The log under `tickets`, for the workflows' own reads.
    pub store: EventStore,
    pub tickets: Tickets,
    pub policies: Policies,
    pub payouts: Payouts,
    pub payouts_queue: PayoutQueue,
    pub clock: Arc<dyn Clock>,
    pub timers: Timers,
}

/// Why a workflow acts: an event it saw or a timer that fired. Determines
/// the command ids (so a repeat writes nothing) and the audit metadata.
#[derive(Debug, Clone)]
pub(crate) struct Cause {
    workflow: &'static str,
    origin: &'static str,
    seed: Uuid,
    causation_id: Option<Uuid>,
    correlation_id: Option<Uuid>,
    simulated: bool,
}

impl Cause {
    /// `workflow` reacting to `event`.
    pub fn event(workflow: &'static str, event: &RecordedEvent) -> Self {
        Self {
            workflow,
            origin: "event",
            seed: event.event_id,
            causation_id: Some(event.event_id),
            correlation_id: Some(event.metadata.correlation_id.unwrap_or(event.event_id)),
            simulated: false,
        }
    }

    /// `workflow` reacting to `timer` firing.
    pub fn timer(workflow: &'static str, timer: &Timer) -> Self {
        Self {
            workflow,
            origin: "timer",
            seed: timer.timer_id,
            causation_id: timer.causation_id,
            correlation_id: timer.correlation_id,
            simulated: false,
        }
    }

    /// The platform outbox's runner answering for one attempt at one
    /// action: `seed` names the attempt, so a runner that recorded the
    /// answer and died before it could mark the row repeats the same
    /// command, which the log recognises.
    pub fn outbox(workflow: &'static str, seed: Uuid) -> Self {
        Self {
            workflow,
            origin: "outbox",
            seed,
            causation_id: None,
            correlation_id: None,
            simulated: false,
        }
    }

    /// The same cause acting through the simulated gateway: its events'
    /// source says so (`workflow:<name>:simulated`), for every auditor to see.
    pub fn simulated(mut self) -> Self {
        self.simulated = true;
        self
    }

    /// A timer scheduled because of this cause carries its ids on.
    pub fn new_timer(
        &self,
        kind: TimerKind,
        ticket_id: Uuid,
        subject: String,
        attempt: u32,
        due_at: DateTime<Utc>,
    ) -> NewTimer {
        NewTimer {
            kind,
            ticket_id,
            subject,
            attempt,
            due_at,
            correlation_id: self.correlation_id,
            causation_id: self.causation_id,
        }
    }

    /// A deterministic id for something this cause creates (a refund, a follow-up).
    pub fn derived_id(&self, what: &str) -> Uuid {
        ids::derive(&[what, self.workflow, self.origin, &self.seed.to_string()])
    }

    /// A workflow's command is fully determined by (workflow, trigger,
    /// step), the inputs its id is derived from; they are its input hash too,
    /// so a redelivered trigger repeats the command even though times in it
    /// come from the clock anew.
    pub fn metadata(&self, step: &str, kind: &str) -> Metadata {
        let input = ids::derive(&[
            "input",
            self.workflow,
            self.origin,
            &self.seed.to_string(),
            step,
        ]);
        Metadata {
            actor: SYSTEM_ACTOR.to_owned(),
            role: Role::System.as_str().to_owned(),
            command_id: Some(ids::command_id(self.workflow, self.origin, self.seed, step)),
            correlation_id: self.correlation_id,
            causation_id: self.causation_id,
            source: Some(if self.simulated {
                format!("workflow:{}:simulated", self.workflow)
            } else {
                format!("workflow:{}", self.workflow)
            }),
            fingerprint: Some(CommandFingerprint::new(kind, input.simple().to_string())),
        }
    }
}

impl Context {
    /// The clock's time now.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The ticket's current state.
    pub async fn load(&self, ticket_id: Uuid) -> Result<TicketState> {
        Ok(self.tickets.load(ticket_id.into()).await?.state)
    }

    /// Issues `command` as step `step` of `cause`, returning the ticket's new
    /// state, or `None` when the domain refused it. A refusal is expected
    /// (a person got there first) and only logged; store failures are errors,
    /// so the step is retried later with the same command id.
    pub async fn issue(
        &self,
        cause: &Cause,
        ticket_id: Uuid,
        step: &str,
        command: Command,
    ) -> Result<Option<TicketState>> {
        let kind = command.kind();
        let metadata = cause.metadata(step, kind.name());
        match self
            .tickets
            .execute(ticket_id.into(), None, &command, metadata)
            .await
        {
            Ok(done) => {
                if !done.repeated {
                    tracing::info!(
                        workflow = cause.workflow,
                        %ticket_id,
                        command = kind.name(),
                        step,
                        "workflow issued a command"
                    );
                }
                Ok(Some(done.state))
            }
            Err(ExecuteError::Rejected(refusal)) => {
                tracing::info!(
                    workflow = cause.workflow,
                    %ticket_id,
                    command = kind.name(),
                    step,
                    reason = %refusal,
                    "the ticket refused a workflow command; moving on"
                );
                Ok(None)
            }
            Err(err) => Err(err.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use chrono::TimeZone;
    use returns_domain::command::{CloseTicket, OpenTicket};
    use returns_domain::ticket::TicketLine;
    use returns_domain::{Currency, Money, Resolution, TicketKind};
    use returns_eventstore::testing::TestDatabase;
    use returns_eventstore::SystemClock;

    use super::*;
    use crate::gateway::SimulatedGateway;

    #[tokio::test]
    async fn a_refused_workflow_command_writes_nothing_and_is_not_an_error() {
        let db = TestDatabase::sqlite();
        let store = EventStore::connect(db.url()).await.unwrap();
        crate::storage::migrate(store.db()).await.unwrap();
        let tickets = Tickets::plaintext(store.clone());
        let ctx = Context {
            timers: Timers::new(store.db().clone()),
            store: store.clone(),
            tickets: tickets.clone(),
            policies: Policies::default(),
            payouts: Payouts::simulated(Arc::new(SimulatedGateway::new())),
            payouts_queue: PayoutQueue::new(store.db().clone()),
            clock: Arc::new(SystemClock),
        };
        let ticket_id = Uuid::now_v7();
        let at = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
        let cny = Currency::parse("CNY").unwrap();
        let open = Command::OpenTicket(OpenTicket {
            ticket_id,
            kind: TicketKind::RefundOnly,
            channel: "manual".into(),
            platform_order_id: None,
            platform_after_sale_id: None,
            customer: "c".into(),
            reason_code: "other".into(),
            reason_text: "t".into(),
            lines: vec![TicketLine {
                line_id: "L1".into(),
                sku: "S".into(),
                name: "N".into(),
                qty: 1,
                paid: Money::new(100, cny),
            }],
            currency: cny,
            custom_fields: Default::default(),
            customer_phone: None,
            customer_address: None,
            review_deadline: at,
            at,
        });
        let person = Metadata::new("alice", "customer_service").with_command_id(Uuid::now_v7());
        tickets
            .execute(ticket_id.into(), None, &open, person)
            .await
            .unwrap();
        let seen = store.read_all(0, 10).await.unwrap();
        let cause = Cause::event("test", &seen[0]);

        // "Refunded" does not fit an applied ticket: the domain refuses.
        let close = Command::CloseTicket(CloseTicket {
            resolution: Resolution::Refunded,
            note: None,
            at,
        });
        let outcome = ctx.issue(&cause, ticket_id, "close", close).await.unwrap();
        assert!(outcome.is_none());
        assert_eq!(store.head_position().await.unwrap(), seen[0].position);
    }
}
