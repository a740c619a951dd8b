//! Applying one batch of the log to a set of projections: their rows and
//! their new checkpoints commit in one transaction, or nothing does.

use returns_eventstore::{EventStore, RecordedEvent};

use crate::checkpoint;
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::event::{decode, TicketEvent};
use crate::projection::{Batch, Projection};
use crate::state_cache::StateCache;

/// Decodes `recorded` and folds each ticket event into `states`.
pub async fn prepare(
    store: &EventStore,
    states: &mut StateCache,
    recorded: Vec<RecordedEvent>,
) -> Result<Vec<TicketEvent>> {
    let mut events = Vec::with_capacity(recorded.len());
    for raw in recorded {
        if let Some(event) = decode(raw)? {
            states.apply(store, &event).await?;
            events.push(event);
        }
    }
    Ok(events)
}

/// Writes `events` (already folded into `states`) to every projection in
/// `projections`, each of which must be at checkpoint `from`, and moves all
/// their checkpoints to `to`, in one transaction.
pub async fn commit_batch(
    store: &EventStore,
    projections: &[&dyn Projection],
    events: &[TicketEvent],
    states: &StateCache,
    from: i64,
    to: i64,
) -> Result<()> {
    let dialect = store.backend().kind();
    let batch = Batch { events, states };
    let mut statements = Vec::new();
    for projection in projections {
        statements.push(projection.apply(dialect, &batch)?);
    }
    let now = store.clock().now().timestamp_micros();
    let mut tx = Tx::begin(store.backend()).await?;
    for (projection, statements) in projections.iter().zip(&statements) {
        for statement in statements {
            tx.run(statement).await.map_err(|e| Error::Projection {
                name: projection.name().to_owned(),
                message: format!("{e} (in: {})", abbreviate(&statement.sql)),
            })?;
        }
        checkpoint::advance(&mut tx, projection.name(), from, to, now).await?;
    }
    tx.commit().await
}

fn abbreviate(sql: &str) -> &str {
    let end = sql.char_indices().nth(120).map_or(sql.len(), |(i, _)| i);
    &sql[..end]
}
