//! A realistic set of tickets for newcomers: every kind, four channels, and
//! every step of the main line, seeded through the same command path as the
//! API. Command ids are derived from the ticket number and step, so seeding
//! twice writes nothing new.
//!
//! The tickets are spread over the past four weeks with step durations such
//! as a shop sees them (hours to review, days in transit), so management's
//! cycle times and a period's figures mean something: each step is
//! recorded at its past time by standing the store's clock there
//! ([`DemoClock`]). Tickets waiting on a deadline (review, ship-back) end
//! their history recently, so no deadline has passed when the server starts.

use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use returns_domain::command as c;
use returns_domain::ticket::{
    Grade, PackageCondition, ReceivedLine, ReturnAddress, TicketLine, Verdict,
};
use returns_domain::{Command, Currency, Money, Resolution, Role, TicketKind, TicketState};
use returns_eventstore::Clock;
use returns_eventstore::Metadata;
use returns_tickets::{TicketError, Tickets};
use uuid::Uuid;

use returns_tickets::ids;
use returns_workflows::Policies;

/// How many tickets the demo seeds.
pub const DEMO_TICKETS: usize = 30;

/// The namespace every demo id is derived from.
const DEMO_NAMESPACE: Uuid = Uuid::from_u128(0x0192_0000_d3e0_7000_8000_0000_0000_0001);

/// One step of a ticket's life in the demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Open,
    Assign,
    Approve,
    Reject,
    RegisterShipment,
    Receive,
    Inspect(usize),
    CompleteInspection,
    Feedback,
    RequestRefund,
    ApproveRefund,
    IssueRefund,
    ShipReplacement,
    Close(Resolution),
}

/// What seeding did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    /// Tickets seeded (or found seeded).
    pub tickets: usize,
    /// Commands that wrote events this time (0 on a second run).
    pub commands_written: usize,
}

const CHANNELS: [&str; 4] = ["taobao", "douyin", "kuaishou", "manual"];
const REASONS: [(&str, &str); 5] = [
    ("quality_issue", "The seam came apart after one wash"),
    ("size_issue", "Too small, need one size up"),
    ("logistics_damage", "The box arrived crushed"),
    ("changed_mind", "No longer needed (7 days no reason)"),
    ("not_as_described", "Colour differs from the photos"),
];
const PRODUCTS: [(&str, &str, i64); 4] = [
    ("SKU-JACKET-M", "Down jacket, M", 59_900),
    ("SKU-SNEAKER-42", "Running shoes, 42", 39_900),
    ("SKU-KETTLE", "Electric kettle", 12_900),
    ("SKU-TEE-L", "Cotton T-shirt, L", 7_900),
];

/// The demo server's clock: the machine's, except while seeding, when it
/// stands at each step's past time so the step is recorded when it happened.
#[derive(Debug, Default)]
pub struct DemoClock {
    standing: Mutex<Option<DateTime<Utc>>>,
}

impl DemoClock {
    /// Stands the clock at `at`; `None` lets it run with the machine's again.
    pub fn stand_at(&self, at: Option<DateTime<Utc>>) {
        *self
            .standing
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = at;
    }
}

impl Clock for DemoClock {
    fn now(&self) -> DateTime<Utc> {
        self.standing
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .unwrap_or_else(Utc::now)
    }
}

/// How long a shop typically takes before `step` (since the step before),
/// varied per ticket: minutes to assign, hours to review and inspect, days
/// for the customer to ship and the carrier to deliver.
fn step_duration(n: usize, i: usize, step: Step) -> Duration {
    // A deterministic spread in 0..span, different per ticket and step.
    let vary = |span: i64| i64::try_from((n * 37 + i * 53) % 97).unwrap_or(0) * span / 97;
    match step {
        Step::Open => Duration::zero(),
        Step::Assign => Duration::minutes(5 + vary(55)),
        Step::Approve | Step::Reject => Duration::hours(2) + Duration::minutes(vary(20 * 60)),
        Step::RegisterShipment => Duration::hours(12) + Duration::minutes(vary(60 * 60)),
        Step::Receive => Duration::hours(24) + Duration::minutes(vary(72 * 60)),
        Step::Inspect(_) => Duration::minutes(30 + vary(5 * 60)),
        Step::CompleteInspection => Duration::minutes(5 + vary(25)),
        Step::Feedback => Duration::minutes(30 + vary(3 * 60)),
        Step::RequestRefund => Duration::minutes(20 + vary(4 * 60)),
        Step::ApproveRefund => Duration::hours(1) + Duration::minutes(vary(11 * 60)),
        Step::IssueRefund => Duration::minutes(30 + vary(23 * 60)),
        Step::ShipReplacement => Duration::hours(4) + Duration::minutes(vary(26 * 60)),
        Step::Close(_) => Duration::hours(1) + Duration::minutes(vary(11 * 60)),
    }
}

/// When each step of `steps` happened, ending before `now`. A ticket that
/// stops where a deadline runs (waiting for review or for the customer's
/// parcel) ends within the last hours; the others end up to 24 days ago,
/// so the whole demo spans about four weeks.
fn schedule(n: usize, steps: &[Step], now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let durations: Vec<Duration> = steps
        .iter()
        .enumerate()
        .map(|(i, s)| step_duration(n, i, *s))
        .collect();
    let total = durations.iter().fold(Duration::zero(), |a, d| a + *d);
    let waits_on_deadline = matches!(
        steps.last(),
        None | Some(Step::Open | Step::Assign | Step::Approve)
    );
    let days_ago = if waits_on_deadline {
        0
    } else {
        i64::try_from((n * 11) % 25).unwrap_or(0)
    };
    let end = now
        - Duration::days(days_ago)
        - Duration::minutes(10 + i64::try_from(n % 7).unwrap_or(0) * 37);
    let mut at = end - total;
    durations
        .into_iter()
        .map(|d| {
            at += d;
            at
        })
        .collect()
}

/// The demo ticket number `n`'s id.
pub fn demo_ticket_id(n: usize) -> Uuid {
    ids::from_command(DEMO_NAMESPACE, &format!("ticket-{n}"))
}

fn plan(n: usize, kind: TicketKind, lines: usize) -> Vec<Step> {
    use Step::*;
    if n % 10 == 9 {
        return vec![Open, Reject, Close(Resolution::Rejected)];
    }
    let mut full = vec![Open, Assign, Approve];
    if kind.needs_goods_back() {
        full.extend([RegisterShipment, Receive]);
        full.extend((0..lines).map(Inspect));
        full.extend([CompleteInspection, Feedback]);
    }
    match kind {
        TicketKind::Exchange => full.extend([ShipReplacement, Close(Resolution::Exchanged)]),
        _ => full.extend([
            RequestRefund,
            ApproveRefund,
            IssueRefund,
            Close(Resolution::Refunded),
        ]),
    }
    // Spread each kind's tickets over every step of its plan, from just
    // opened to closed: the i-th ticket of a kind stops after i/9 of it.
    let i = n / 3;
    let keep = (1 + i * full.len() / 9).min(full.len());
    full.truncate(keep);
    full
}

fn role_for(step: Step) -> Role {
    match step {
        Step::Receive | Step::Inspect(_) | Step::CompleteInspection | Step::ShipReplacement => {
            Role::Warehouse
        }
        Step::RequestRefund | Step::ApproveRefund | Step::IssueRefund => Role::Finance,
        _ => Role::CustomerService,
    }
}

fn command(
    n: usize,
    id: Uuid,
    step: Step,
    state: &TicketState,
    at: DateTime<Utc>,
    policies: &Policies,
) -> Option<Command> {
    let cny = Currency::parse("CNY").ok()?;
    let kind = TicketKind::ALL[n % 3];
    let refund_id = ids::from_command(id, "demo-refund");
    Some(match step {
        Step::Open => {
            let (reason_code, reason_text) = REASONS[n % REASONS.len()];
            let line_count = 1 + n % 2;
            let lines = (0..line_count)
                .map(|l| {
                    let (sku, name, price) = PRODUCTS[(n + l) % PRODUCTS.len()];
                    let qty = 1 + u32::try_from(l).unwrap_or(0);
                    TicketLine {
                        line_id: format!("L{}", l + 1),
                        sku: sku.to_owned(),
                        name: name.to_owned(),
                        qty,
                        paid: Money::new(price * i64::from(qty), cny),
                    }
                })
                .collect();
            let channel = CHANNELS[n % CHANNELS.len()];
            Command::OpenTicket(c::OpenTicket {
                ticket_id: id,
                kind,
                channel: channel.to_owned(),
                platform_order_id: Some(format!("ORD-2026-{:05}", 1000 + n)),
                // A ticket taken by hand has no marketplace after-sale.
                platform_after_sale_id: (channel != "manual")
                    .then(|| format!("AS-{:05}", 5000 + n)),
                customer: format!("buyer-{:03}", n),
                reason_code: reason_code.to_owned(),
                reason_text: reason_text.to_owned(),
                lines,
                currency: cny,
                custom_fields: Default::default(),
                customer_phone: None,
                customer_address: None,
                review_deadline: policies.review_deadline(CHANNELS[n % CHANNELS.len()], at),
                at,
            })
        }
        Step::Assign => Command::AssignTicket(c::AssignTicket {
            assignee: Some(["alice", "bob", "chen"][n % 3].to_owned()),
            at,
        }),
        Step::Approve => {
            let return_address = kind.needs_goods_back().then(|| ReturnAddress {
                recipient: "Returns desk".to_owned(),
                phone: "+86 21 5555 0100".to_owned(),
                address: "No. 8 Warehouse Road, Jiading, Shanghai".to_owned(),
            });
            let ship_back_deadline = return_address
                .as_ref()
                .map(|_| policies.ship_back_deadline(CHANNELS[n % CHANNELS.len()], at));
            Command::ApproveApplication(c::ApproveApplication {
                return_address,
                ship_back_deadline,
                at,
            })
        }
        Step::Reject => Command::RejectApplication(c::RejectApplication {
            reason: "Outside the after-sale window".to_owned(),
            reason_code: None,
            at,
        }),
        Step::RegisterShipment => Command::RegisterReturnShipment(c::RegisterReturnShipment {
            carrier: "SF".to_owned(),
            tracking_number: format!("SF{:010}", 1_000_000 + n),
            at,
        }),
        Step::Receive => Command::ReceiveReturn(c::ReceiveReturn {
            lines: state
                .lines
                .iter()
                .map(|l| ReceivedLine {
                    line_id: l.line.line_id.clone(),
                    qty: l.qty_applied(),
                })
                .collect(),
            package_condition: if n.is_multiple_of(4) {
                PackageCondition::Damaged
            } else {
                PackageCondition::Intact
            },
            at,
        }),
        Step::Inspect(line) => {
            let l = state.lines.get(line)?;
            let qty = l.qty_received;
            let worn = n.is_multiple_of(5);
            Command::RecordInspection(c::RecordInspection {
                line_id: l.line.line_id.clone(),
                qty_inspected: qty,
                qty_accepted: qty,
                grade: if worn { Grade::Opened } else { Grade::New },
                verdict: Verdict::Pass,
                deduction: Money::new(if worn { 1_000 } else { 0 }, cny),
                notes: if worn {
                    "Tags removed".to_owned()
                } else {
                    String::new()
                },
                photo_refs: vec![format!("photos/{id}/{}.jpg", l.line.line_id)],
                at,
            })
        }
        Step::CompleteInspection => Command::CompleteInspection(c::CompleteInspection { at }),
        Step::Feedback => Command::SendInspectionFeedback(c::SendInspectionFeedback {
            message: "Your return passed inspection.".to_owned(),
            at,
        }),
        Step::RequestRefund => {
            let amount = match state.remaining_refundable_minor() {
                0 => state.lines.iter().map(|l| l.line.paid.amount_minor).sum(),
                remaining => remaining,
            };
            Command::RequestRefund(c::RequestRefund {
                refund_id,
                amount: Money::new(amount, cny),
                at,
            })
        }
        Step::ApproveRefund => Command::ApproveRefund(c::ApproveRefund { refund_id, at }),
        Step::IssueRefund => Command::IssueRefund(c::IssueRefund {
            refund_id,
            gateway_reference: format!("PAY-{:08}", 70_000 + n),
            at,
        }),
        Step::ShipReplacement => Command::ShipReplacement(c::ShipReplacement {
            carrier: "YTO".to_owned(),
            tracking_number: format!("YT{:010}", 2_000_000 + n),
            at,
        }),
        Step::Close(resolution) => Command::CloseTicket(c::CloseTicket {
            resolution,
            note: None,
            at,
        }),
    })
}

/// Seeds the demo tickets into `tickets` (idempotent). With `clock` (the
/// store's), each step is recorded at its past time; without, now.
pub async fn seed(
    tickets: &Tickets,
    policies: &Policies,
    clock: Option<&DemoClock>,
) -> Result<DemoSummary, TicketError> {
    let result = seed_at(tickets, policies, clock).await;
    // Whatever happened, the server runs on the machine's time from here.
    if let Some(clock) = clock {
        clock.stand_at(None);
    }
    result
}

async fn seed_at(
    tickets: &Tickets,
    policies: &Policies,
    clock: Option<&DemoClock>,
) -> Result<DemoSummary, TicketError> {
    let store = tickets.store();
    let now = store.clock().now();
    let mut summary = DemoSummary::default();
    for n in 0..DEMO_TICKETS {
        let id = demo_ticket_id(n);
        let kind = TicketKind::ALL[n % 3];
        let mut state = tickets.load(id.into()).await?.state;
        let steps = plan(n, kind, 1 + n % 2);
        let last = steps.len().saturating_sub(1);
        // By the plan, not the state: a workflow may close a ticket later,
        // and a second run must decide as the first did.
        let ends = matches!(steps.last(), Some(Step::Close(_)));
        let times = schedule(n, &steps, now);
        for (i, (step, when)) in steps.into_iter().zip(times).enumerate() {
            if let Some(clock) = clock {
                clock.stand_at(Some(when));
            }
            let at = store.clock().now();
            let Some(cmd) = command(n, id, step, &state, at, policies) else {
                break;
            };
            let role = role_for(step);
            let metadata = Metadata::new(format!("demo-{}", role.as_str()), role.as_str())
                .with_command_id(ids::from_command(id, &format!("demo-step-{i}")))
                .with_source("demo");
            let asked = state.platform_actions.len();
            let done = tickets.execute(id.into(), None, &cmd, metadata).await?;
            if !done.repeated {
                summary.commands_written += 1;
            }
            state = done.state;
            // Whoever decided also did it in the platform's back office,
            // except at the step a ticket stands at now: those tasks are
            // what the demo's platform tasks list shows open.
            if i == last && !ends {
                continue;
            }
            // Only this step's: what workflows asked for stays a task.
            let open: Vec<u32> = state
                .platform_actions
                .iter()
                .skip(asked)
                .filter(|a| a.is_open())
                .map(|a| a.requested.seq)
                .collect();
            for seq in open {
                let confirm = Command::ConfirmPlatformAction(c::ConfirmPlatformAction { seq, at });
                let metadata = Metadata::new(format!("demo-{}", role.as_str()), role.as_str())
                    .with_command_id(ids::from_command(
                        id,
                        &format!("demo-step-{i}-platform-{seq}"),
                    ))
                    .with_source("demo");
                let done = tickets.execute(id.into(), None, &confirm, metadata).await?;
                if !done.repeated {
                    summary.commands_written += 1;
                }
                state = done.state;
            }
        }
        summary.tickets += 1;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_spans_weeks_in_order_and_no_deadline_has_passed() {
        let now = Utc::now();
        let policies = Policies::default();
        let mut first = now;
        for n in 0..DEMO_TICKETS {
            let kind = TicketKind::ALL[n % 3];
            let steps = plan(n, kind, 1 + n % 2);
            let times = schedule(n, &steps, now);
            assert_eq!(times.len(), steps.len());
            assert!(
                times.windows(2).all(|w| w[0] <= w[1]),
                "ticket {n} in order"
            );
            assert!(times.iter().all(|t| *t < now), "ticket {n} in the past");
            first = first.min(times[0]);
            let last = *times.last().unwrap_or(&now);
            match steps.last() {
                Some(Step::Open | Step::Assign) => {
                    assert!(
                        policies.review_deadline(CHANNELS[n % CHANNELS.len()], times[0]) > now,
                        "ticket {n}: review still due"
                    )
                }
                Some(Step::Approve) => assert!(
                    policies.ship_back_deadline(CHANNELS[n % CHANNELS.len()], last) > now,
                    "ticket {n}: ship-back still due"
                ),
                _ => {}
            }
            // Review takes hours, not the seconds a seeding loop takes.
            if let Some(approve) = steps
                .iter()
                .position(|s| matches!(s, Step::Approve | Step::Reject))
            {
                assert!(
                    times[approve] - times[0] >= Duration::hours(2),
                    "ticket {n}"
                );
            }
        }
        assert!(
            now - first >= Duration::days(20),
            "the demo spans weeks: {first}"
        );
        assert!(
            now - first <= Duration::days(30),
            "within the last month: {first}"
        );
    }

    #[test]
    fn the_clock_stands_where_told_then_runs_again() {
        let clock = DemoClock::default();
        let past = Utc::now() - Duration::days(3);
        clock.stand_at(Some(past));
        assert_eq!(clock.now(), past);
        clock.stand_at(None);
        assert!(clock.now() > past + Duration::days(2));
    }
}
