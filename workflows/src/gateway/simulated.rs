//! An in-memory refund gateway with an idempotent ledger and scripted
//! failures: for tests and demos.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use returns_domain::Money;

use super::{GatewayError, GatewayFuture, Payout, RefundGateway, RefundOrder};

/// How a scripted call fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureMode {
    /// The call fails before any money moves.
    BeforeCharge,
    /// The money moves, then the call fails (a timeout on the way back).
    AfterCharge,
}

/// Money that actually moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    /// The key it was paid under.
    pub idempotency_key: String,
    /// How much.
    pub amount: Money,
    /// The payout's reference.
    pub reference: String,
}

#[derive(Debug, Default)]
struct Ledger {
    paid: HashMap<String, Charge>,
    charges: Vec<Charge>,
    calls: u64,
    script: VecDeque<FailureMode>,
}

/// A gateway that pays into an in-memory ledger, once per idempotency key.
#[derive(Debug, Default)]
pub struct SimulatedGateway {
    ledger: Mutex<Ledger>,
}

impl SimulatedGateway {
    /// A gateway that answers at once and never fails.
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes the next `times` calls fail with `mode` (after any already scripted).
    pub fn fail_next(&self, mode: FailureMode, times: usize) {
        let mut ledger = self.lock();
        ledger.script.extend(std::iter::repeat_n(mode, times));
    }

    /// Every payout that moved money, in order.
    pub fn charges(&self) -> Vec<Charge> {
        self.lock().charges.clone()
    }

    /// How many calls the gateway answered.
    pub fn calls(&self) -> u64 {
        self.lock().calls
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Ledger> {
        self.ledger
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn settle(&self, order: &RefundOrder) -> Result<Payout, GatewayError> {
        let mut ledger = self.lock();
        ledger.calls += 1;
        let failure = ledger.script.pop_front();
        if failure == Some(FailureMode::BeforeCharge) {
            return Err(GatewayError::Unavailable(
                "simulated outage before charging".into(),
            ));
        }
        let reference = match ledger.paid.get(&order.idempotency_key) {
            Some(first) if first.amount != order.amount => {
                return Err(GatewayError::Refused(format!(
                    "idempotency key {} was used for {} {}",
                    order.idempotency_key, first.amount.amount_minor, first.amount.currency
                )));
            }
            Some(first) => first.reference.clone(),
            None => {
                // Named after the key, not a counter: a counter restarts with
                // the process and would hand out one reference twice.
                let reference = format!("SIM-{}", order.idempotency_key);
                let charge = Charge {
                    idempotency_key: order.idempotency_key.clone(),
                    amount: order.amount,
                    reference: reference.clone(),
                };
                ledger
                    .paid
                    .insert(order.idempotency_key.clone(), charge.clone());
                ledger.charges.push(charge);
                reference
            }
        };
        if failure == Some(FailureMode::AfterCharge) {
            return Err(GatewayError::Unavailable(
                "simulated timeout after charging".into(),
            ));
        }
        Ok(Payout { reference })
    }
}

impl RefundGateway for SimulatedGateway {
    fn refund<'a>(&'a self, order: &'a RefundOrder) -> GatewayFuture<'a> {
        Box::pin(async move { self.settle(order) })
    }
}
