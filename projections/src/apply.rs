//! Applying one batch of the log to a set of projections: their rows and
//! their new checkpoints commit in one transaction, or nothing does.

use returns_eventstore::{EventStore, RecordedEvent};

use crate::checkpoint;
use crate::error::{Error, Result};
use crate::projection::{Batch, Projection};
use returns_eventstore::db::Statement;
use returns_tickets::ReplayStates;
use returns_tickets::{decode, TicketEvent};

/// Decodes `recorded` and folds each ticket event into `states`.
pub async fn prepare(
    store: &EventStore,
    states: &mut ReplayStates,
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
    states: &ReplayStates,
    from: i64,
    to: i64,
) -> Result<()> {
    let work = statements(store, projections, events, states)?;
    execute(store, &work, from, to).await
}

/// The SQL each projection makes of a batch, by projection name: the CPU
/// half of a batch, which a rebuild overlaps with the previous batch's I/O.
pub fn statements(
    store: &EventStore,
    projections: &[&dyn Projection],
    events: &[TicketEvent],
    states: &ReplayStates,
) -> Result<Vec<(String, Vec<Statement>)>> {
    let dialect = store.db().dialect();
    let batch = Batch { events, states };
    projections
        .iter()
        .map(|p| Ok((p.name().to_owned(), p.apply(dialect, &batch)?)))
        .collect()
}

/// Runs each projection's statements and moves its checkpoint from `from`
/// to `to`, all in one transaction.
pub async fn execute(
    store: &EventStore,
    work: &[(String, Vec<Statement>)],
    from: i64,
    to: i64,
) -> Result<()> {
    let now = store.clock().now().timestamp_micros();
    let mut tx = crate::checkpoint::begin(store.db()).await?;
    for (name, statements) in work {
        for statement in statements {
            tx.run(statement).await.map_err(|e| Error::Projection {
                name: name.clone(),
                message: format!("{e} (in: {})", abbreviate(&statement.sql)),
            })?;
        }
        checkpoint::advance(&mut tx, name, from, to, now).await?;
    }
    Ok(tx.commit().await?)
}

fn abbreviate(sql: &str) -> &str {
    let end = sql.char_indices().nth(120).map_or(sql.len(), |(i, _)| i);
    &sql[..end]
}
