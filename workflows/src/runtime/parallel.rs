//! Work on many tickets at once, one ticket's work in order.
//!
//! Workflows never relate two tickets, so a page of events or a batch of
//! timers can be handled ticket by ticket in parallel: the commands then
//! reach the store together and its group commit writes them in one
//! transaction instead of one fsync each.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use uuid::Uuid;

use super::Workflows;
use crate::error::{Result, WorkflowError};

/// Runs `work` on every item, items of one ticket in their given order,
/// up to the runtime's concurrency of tickets at once. Every item's work
/// finishes (or fails) before this returns the first error, if any; dropping
/// the returned future aborts the work in flight.
pub(crate) async fn per_ticket<T, F, Fut>(
    runtime: &Workflows,
    items: Vec<(Uuid, T)>,
    work: F,
) -> Result<()>
where
    T: Send + 'static,
    F: Fn(Workflows, T) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<()>> + Send + 'static,
{
    let mut groups: Vec<Vec<T>> = Vec::new();
    let mut index: HashMap<Uuid, usize> = HashMap::new();
    for (ticket_id, item) in items {
        let slot = *index.entry(ticket_id).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[slot].push(item);
    }
    let permits = Arc::new(Semaphore::new(runtime.inner.options.concurrency.max(1)));
    let mut tasks = JoinSet::new();
    for group in groups {
        let runtime = runtime.clone();
        let work = work.clone();
        let permits = permits.clone();
        tasks.spawn(async move {
            let _permit = permits
                .acquire_owned()
                .await
                .map_err(|e| WorkflowError::Task(e.to_string()))?;
            for item in group {
                work(runtime.clone(), item).await?;
            }
            Ok(())
        });
    }
    let mut first_error = None;
    while let Some(joined) = tasks.join_next().await {
        let outcome = joined.unwrap_or_else(|e| Err(WorkflowError::Task(e.to_string())));
        if let Err(err) = outcome {
            first_error.get_or_insert(err);
        }
    }
    first_error.map_or(Ok(()), Err)
}
