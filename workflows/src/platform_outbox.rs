//! Platform actions sent through the shops' open APIs (api mode): the
//! outbox of `PlatformActionRequested`, a runner that sends what is due in
//! the batches each platform allows, and the answer recorded on the ticket
//! (`RecordPlatformActionOutcome`).
//!
//! A shop is in api mode when this server has a client for it
//! ([`PlatformApi`]); every other shop is in manual mode, where the action
//! waits on the platform-tasks queue for a person and nothing leaves the
//! server. Exactly once, as far as a platform allows it:
//! - the filler writes one row per (ticket, action number), with its
//!   checkpoint in the same transaction, and runs on the leader only;
//! - the sender claims due rows (`SKIP LOCKED` on PostgreSQL), reads the
//!   ticket first, and skips an action a person or the platform's record
//!   already showed done;
//! - a crash between the call and the answer's append leaves the row
//!   pending: it is sent again with the same key and the record's version,
//!   and the platform's "already done" is recorded as done.
//!
//! A stale version is re-read from intake's newest record and sent once
//! more if it moved; a second stale answer goes to a person. A rate limit
//! or an outage is retried with backoff, unless the retry would come too
//! close to the platform's deadline: then a person gets it with the time left.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use returns_domain::command::{PlatformActionOutcome, RecordPlatformActionOutcome};
use returns_domain::platform_action::PlatformAction;
use returns_domain::{Command, Event, TicketState};
use returns_eventstore::EventStore;
use returns_platforms::{ActionOrder, Outcome, PersonReason, PlatformClient, Refusal};

use crate::error::Result;
use crate::ids;
use crate::runtime::context::{Cause, Context};
use crate::storage::checkpoints;
use crate::storage::platform_outbox::{OutboxRow, PlatformOutboxTable};

const CHECKPOINT: &str = "platform_outbox";
const NAME: &str = "platform_outbox";

/// The future a version lookup returns.
pub type VersionFuture<'a> =
    Pin<Box<dyn Future<Output = std::result::Result<Option<i64>, String>> + Send + 'a>>;

/// Where the runner reads a record's newest version: intake's records,
/// which this crate must not depend on (the server wires them in).
pub trait PlatformVersions: Send + Sync + 'static {
    /// The newest version intake holds of `platform`'s after-sale.
    fn latest<'a>(&'a self, platform: &'a str, after_sale_id: &'a str) -> VersionFuture<'a>;
}

/// How the runner paces itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlatformOutboxOptions {
    /// Rows claimed per pass.
    pub batch: i64,
    /// Attempts (rate limits and outages) before a person takes over.
    pub max_attempts: i64,
    /// The first retry's wait; it doubles per attempt.
    pub backoff: Duration,
    /// The longest wait between attempts.
    pub max_backoff: Duration,
    /// A retry that would come later than this before the platform's
    /// deadline goes to a person instead.
    pub deadline_margin: Duration,
}

impl Default for PlatformOutboxOptions {
    fn default() -> Self {
        Self {
            batch: 100,
            max_attempts: 8,
            backoff: Duration::from_secs(2),
            max_backoff: Duration::from_secs(600),
            deadline_margin: Duration::from_secs(2 * 3600),
        }
    }
}

/// The shops this server sends for, and how it learns versions.
#[derive(Clone, Default)]
pub struct PlatformApi {
    clients: HashMap<String, Arc<dyn PlatformClient>>,
    versions: Option<Arc<dyn PlatformVersions>>,
    simulated: bool,
    options: PlatformOutboxOptions,
}

impl PlatformApi {
    /// Every shop in manual mode: nothing is sent.
    pub fn manual() -> Self {
        Self::default()
    }

    /// Api mode for the shops of `clients` (keyed by the channel their
    /// tickets carry); `simulated` when they speak to the contract simulator,
    /// which every recorded answer then says.
    pub fn new(
        clients: Vec<(String, Box<dyn PlatformClient>)>,
        versions: Arc<dyn PlatformVersions>,
        simulated: bool,
    ) -> Self {
        Self {
            clients: clients
                .into_iter()
                .map(|(shop, client)| (shop, Arc::from(client)))
                .collect(),
            versions: Some(versions),
            simulated,
            options: PlatformOutboxOptions::default(),
        }
    }

    /// With other pacing.
    pub fn with_options(mut self, options: PlatformOutboxOptions) -> Self {
        self.options = options;
        self
    }

    /// `api` for a shop this server sends for, else `manual`.
    pub fn mode(&self, shop: &str) -> &'static str {
        if self.clients.contains_key(shop) {
            "api"
        } else {
            "manual"
        }
    }

    /// The shops in api mode.
    pub fn api_shops(&self) -> Vec<String> {
        let mut shops: Vec<_> = self.clients.keys().cloned().collect();
        shops.sort();
        shops
    }

    /// Whether the clients speak to the contract simulator.
    pub fn simulated(&self) -> bool {
        self.simulated
    }

    /// The client of `shop`, if it is in api mode.
    pub fn client(&self, shop: &str) -> Option<Arc<dyn PlatformClient>> {
        self.clients.get(shop).cloned()
    }
}

impl std::fmt::Debug for PlatformApi {
    // Which shops are in api mode; the clients hold credentials.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlatformApi")
            .field("api_shops", &self.api_shops())
            .field("simulated", &self.simulated)
            .finish()
    }
}

/// The outbox and its runner.
#[derive(Clone)]
pub(crate) struct PlatformOutbox {
    table: PlatformOutboxTable,
    api: PlatformApi,
}

impl PlatformOutbox {
    pub fn new(table: PlatformOutboxTable, api: PlatformApi) -> Self {
        Self { table, api }
    }

    pub fn table(&self) -> &PlatformOutboxTable {
        &self.table
    }

    /// Writes a row for each action requested after the checkpoint on a
    /// shop in api mode; returns how many events it read.
    pub async fn fill(&self, store: &EventStore, now: DateTime<Utc>, page: i64) -> Result<usize> {
        let mut position = checkpoints::load(store.db(), CHECKPOINT).await?;
        let head = store.head_position().await?;
        if self.api.clients.is_empty() {
            // Manual everywhere: a shop given credentials later sends what
            // is decided from then on; older actions stay a person's task.
            if head > position {
                self.table.enqueue(CHECKPOINT, &[], head, now).await?;
            }
            return Ok(0);
        }
        let mut read = 0;
        while position < head {
            let events = store.read_all(position, page).await?;
            let Some(last) = events.last().map(|e| e.position) else {
                break;
            };
            read += events.len();
            let mut rows = Vec::new();
            for recorded in events
                .iter()
                .filter(|e| e.event_type == "PlatformActionRequested")
            {
                let Ok(Some(decoded)) = returns_tickets::decode(recorded.clone()) else {
                    continue;
                };
                let Event::PlatformActionRequested(e) = decoded.event else {
                    continue;
                };
                if !self.api.clients.contains_key(&e.platform) {
                    continue;
                }
                rows.push(OutboxRow {
                    ticket_id: decoded.ticket_id,
                    seq: e.seq,
                    shop: e.platform.clone(),
                    action: e.action.as_str().to_owned(),
                    due_by: e.due_by,
                    attempts: 0,
                    stale_answers: 0,
                });
            }
            self.table.enqueue(CHECKPOINT, &rows, last, now).await?;
            position = last;
        }
        Ok(read)
    }

    /// Sends every due action once, in batches; returns how many it sent.
    pub async fn send_due(&self, ctx: &Context) -> Result<usize> {
        if self.api.clients.is_empty() {
            return Ok(0);
        }
        let mut claim = self
            .table
            .claim_due(ctx.now(), self.api.options.batch)
            .await?;
        let rows = std::mem::take(&mut claim.rows);
        let mut sent = 0;
        // One call carries one shop's actions of one kind.
        let mut groups: Vec<((String, String), Vec<OutboxRow>)> = Vec::new();
        for row in rows {
            let key = (row.shop.clone(), row.action.clone());
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, rows)) => rows.push(row),
                None => groups.push((key, vec![row])),
            }
        }
        for ((shop, action), rows) in groups {
            let (Some(client), Some(action)) = (
                self.api.clients.get(&shop).cloned(),
                PlatformAction::parse(&action),
            ) else {
                // Another server's shop, or a name this build does not know:
                // looked at again later rather than lost.
                for row in &rows {
                    let later = ctx.now() + chrono::Duration::minutes(1);
                    claim
                        .retry(row, later, "no client for this shop here", false, false)
                        .await?;
                }
                continue;
            };
            for chunk in rows.chunks(client.batch_limit(action).max(1)) {
                let mut ready = Vec::new();
                for row in chunk {
                    let state = ctx.load(row.ticket_id).await?;
                    match self.order(&state, row).await? {
                        Some(order) => match evidence_required(&*client, ctx.now(), &order).await {
                            Some(outcome) => {
                                self.settle(ctx, &mut claim, row, &order, outcome).await?
                            }
                            None => ready.push((row, order)),
                        },
                        None => claim.drop_row(row, ctx.now()).await?,
                    }
                }
                if ready.is_empty() {
                    continue;
                }
                let orders: Vec<ActionOrder> = ready.iter().map(|(_, o)| o.clone()).collect();
                if self.api.simulated {
                    tracing::warn!(%shop, action = action.as_str(), count = orders.len(), "SIMULATED platform call: nothing reaches the marketplace");
                }
                let outcomes = client.send(ctx.now(), &orders).await;
                sent += orders.len();
                for (i, (row, order)) in ready.into_iter().enumerate() {
                    let outcome = outcomes.get(i).cloned().unwrap_or(Outcome::Retry {
                        reason: returns_platforms::RetryReason::Unavailable,
                        code: None,
                        message: "the adapter gave no answer for this item".to_owned(),
                        after: Duration::from_secs(1),
                    });
                    self.settle(ctx, &mut claim, row, &order, outcome).await?;
                }
            }
        }
        claim.commit().await?;
        Ok(sent)
    }

    /// What to send for `row`, or `None` when it is no longer open.
    async fn order(&self, state: &TicketState, row: &OutboxRow) -> Result<Option<ActionOrder>> {
        let Some(action) = state
            .platform_actions
            .iter()
            .find(|a| a.requested.seq == row.seq)
        else {
            return Ok(None);
        };
        // Answered before (a refusal or a person's task stays open for the
        // person, not for another call), or shown done some other way.
        if !action.is_open() || action.answer.is_some() {
            return Ok(None);
        }
        let requested = &action.requested;
        let version = self
            .version(&requested.platform, &requested.after_sale_id)
            .await;
        let refusal = match requested.action {
            PlatformAction::RefuseApplication => Some(Refusal {
                code: requested.params.reason_code.clone(),
                message: state
                    .rejection_reason
                    .clone()
                    .unwrap_or_else(|| "商家拒绝了申请".to_owned()),
            }),
            PlatformAction::RefuseAfterInspection => Some(Refusal {
                code: None,
                message: "质检未通过，商品已寄回".to_owned(),
            }),
            _ => None,
        };
        Ok(Some(ActionOrder {
            key: format!("{}:{}", row.ticket_id, row.seq),
            after_sale_id: requested.after_sale_id.clone(),
            action: requested.action,
            params: requested.params.clone(),
            version,
            refusal,
        }))
    }

    async fn version(&self, platform: &str, after_sale_id: &str) -> Option<i64> {
        let versions = self.api.versions.as_ref()?;
        match versions.latest(platform, after_sale_id).await {
            Ok(version) => version,
            Err(error) => {
                tracing::warn!(%platform, %after_sale_id, %error, "cannot read the record's version; sending without it");
                None
            }
        }
    }

    /// Records the answer for one row, or schedules its next attempt.
    async fn settle(
        &self,
        ctx: &Context,
        claim: &mut crate::storage::platform_outbox::OutboxClaim,
        row: &OutboxRow,
        order: &ActionOrder,
        outcome: Outcome,
    ) -> Result<()> {
        let now = ctx.now();
        let answer = match outcome {
            Outcome::Done { reference, already } => PlatformActionOutcome::Succeeded {
                platform_version: order.version,
                reference,
                already_done: already,
            },
            Outcome::Refused { code, message } => PlatformActionOutcome::Refused { code, message },
            Outcome::NeedsPerson {
                reason: PersonReason::StaleVersion,
                code,
                message,
            } if row.stale_answers == 0 => {
                // Re-read: intake may hold a newer record than the one sent.
                let newest = self.version(&row.shop, &order.after_sale_id).await;
                if newest.is_some() && newest != order.version {
                    tracing::info!(ticket_id = %row.ticket_id, seq = row.seq, "stale version; sending again on the newer record");
                    return claim.retry(row, now, &message, true, true).await;
                }
                PlatformActionOutcome::NeedsPerson {
                    reason: PersonReason::StaleVersion.as_str().to_owned(),
                    code,
                    message,
                }
            }
            Outcome::NeedsPerson {
                reason,
                code,
                message,
            } => PlatformActionOutcome::NeedsPerson {
                reason: reason.as_str().to_owned(),
                code,
                message,
            },
            Outcome::Retry {
                reason,
                code,
                message,
                after,
            } => {
                let attempts = row.attempts + 1;
                let wait = after.max(self.backoff(attempts));
                let next = now + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::MAX);
                let margin = chrono::Duration::from_std(self.api.options.deadline_margin)
                    .unwrap_or(chrono::Duration::MAX);
                let close = row.due_by.is_some_and(|due| next + margin > due);
                if close || attempts >= self.api.options.max_attempts {
                    let why = if close {
                        PersonReason::DeadlineClose
                    } else {
                        PersonReason::RetriesExhausted
                    };
                    let left = row.due_by.map(|due| due - now);
                    PlatformActionOutcome::NeedsPerson {
                        reason: why.as_str().to_owned(),
                        code,
                        message: match left {
                            Some(left) if close => format!(
                                "{message} ({} h {} min left before the platform decides by itself)",
                                left.num_hours().max(0),
                                (left.num_minutes() % 60).max(0)
                            ),
                            _ => format!("{message} (after {attempts} attempts)"),
                        },
                    }
                } else {
                    // Batch aborts are not the item's fault: sent again at
                    // once, and not counted against it.
                    let counted = reason != returns_platforms::RetryReason::BatchAborted;
                    let next = if counted { next } else { now };
                    tracing::info!(ticket_id = %row.ticket_id, seq = row.seq, ?reason, %message, "platform call to be retried");
                    return claim.retry(row, next, &message, false, counted).await;
                }
            }
        };
        let mut cause = Cause::outbox(
            NAME,
            ids::derive(&[
                "platform-action",
                &row.ticket_id.to_string(),
                &row.seq.to_string(),
                &row.attempts.to_string(),
            ]),
        );
        if self.api.simulated {
            cause = cause.simulated();
        }
        let command = Command::RecordPlatformActionOutcome(RecordPlatformActionOutcome {
            seq: row.seq,
            outcome: answer,
            at: now,
        });
        ctx.issue(&cause, row.ticket_id, "answer", command).await?;
        claim.finish(row, now).await
    }

    fn backoff(&self, attempts: i64) -> Duration {
        let shift = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
        self.api
            .options
            .backoff
            .saturating_mul(1u32 << shift)
            .min(self.api.options.max_backoff)
    }
}

/// A person's task instead of a call, when `order` refuses with a reason
/// that the platform's own reason list says needs evidence: an order
/// carries none yet, so the platform would bounce the refusal (Tmall's
/// `refuse_proof`, Douyin's `evidence`, Kuaishou's `rejectImages`). When the
/// list cannot be read the refusal is sent, and the platform answers it.
async fn evidence_required(
    client: &dyn PlatformClient,
    now: DateTime<Utc>,
    order: &ActionOrder,
) -> Option<Outcome> {
    let code = order.refusal.as_ref()?.code.as_deref()?;
    let reasons = match client
        .refusal_reasons(now, &order.after_sale_id, order.action)
        .await
    {
        Ok(reasons) => reasons,
        Err(outcome) => {
            tracing::warn!(after_sale_id = %order.after_sale_id, ?outcome, "cannot read the platform's refusal reasons; sending the refusal as decided");
            return None;
        }
    };
    let reason = reasons
        .iter()
        .find(|r| r.code == code && r.needs_evidence)?;
    Some(Outcome::NeedsPerson {
        reason: PersonReason::EvidenceRequired,
        code: Some(reason.code.clone()),
        // The reason's own words name what to upload; the console words the
        // `evidence_required` reason itself in the reader's language.
        message: format!("拒绝原因「{}」须附凭证", reason.text),
    })
}
