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

/// The SQL each projection makes of a batch, by projection name: the CPU
/// half of a batch, which a rebuild overlaps with the previous batch's I/O.
/// Every projection is at checkpoint `from`.
pub fn statements(
    store: &EventStore,
    projections: &[&dyn Projection],
    events: &[TicketEvent],
    from: i64,
    states: &ReplayStates,
) -> Result<Vec<(String, Vec<Statement>)>> {
    projections
        .iter()
        .map(|p| {
            Ok((
                p.name().to_owned(),
                share(store, *p, events, from, states)?.0,
            ))
        })
        .collect()
}

/// The SQL `projection` makes of the events of a batch after its own
/// checkpoint `from`, and how many events that was: projections read
/// together from the lowest checkpoint each take only their part.
pub fn share(
    store: &EventStore,
    projection: &dyn Projection,
    events: &[TicketEvent],
    from: i64,
    states: &ReplayStates,
) -> Result<(Vec<Statement>, usize)> {
    let after = events.partition_point(|e| e.position <= from);
    let batch = Batch {
        events: &events[after..],
        states,
    };
    let statements = projection.apply(store.db().dialect(), &batch)?;
    Ok((statements, events.len() - after))
}

/// Runs each projection's statements and moves its checkpoint from `from`
/// to `to`, all in one transaction.
pub async fn execute(
    store: &EventStore,
    work: &[(String, Vec<Statement>)],
    from: i64,
    to: i64,
) -> Result<()> {
    let shares: Vec<Share<'_>> = work
        .iter()
        .map(|(name, statements)| Share {
            name,
            statements,
            from,
        })
        .collect();
    execute_shares(store, &shares, to).await
}

/// One projection's part of a batch: the statements it makes of the events
/// after its own checkpoint, `from`.
#[derive(Debug, Clone, Copy)]
pub struct Share<'a> {
    /// The projection.
    pub name: &'a str,
    /// Its statements.
    pub statements: &'a [Statement],
    /// Its checkpoint before the batch.
    pub from: i64,
}

/// Runs each share's statements and moves each share's checkpoint from its
/// own `from` to `to`, all in one transaction: projections at different
/// checkpoints commit one batch of the log together.
pub async fn execute_shares(store: &EventStore, shares: &[Share<'_>], to: i64) -> Result<()> {
    let now = store.clock().now().timestamp_micros();
    let mut tx = crate::checkpoint::begin(store.db()).await?;
    for share in shares {
        for statement in share.statements {
            tx.run(statement).await.map_err(|e| Error::Projection {
                name: share.name.to_owned(),
                message: format!("{e} (in: {})", abbreviate(&statement.sql)),
            })?;
        }
        checkpoint::advance(&mut tx, share.name, share.from, to, now).await?;
    }
    Ok(tx.commit().await?)
}

fn abbreviate(sql: &str) -> &str {
    let end = sql.char_indices().nth(120).map_or(sql.len(), |(i, _)| i);
    &sql[..end]
}
