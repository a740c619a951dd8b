//! Which projections exist and which version of each read model queries use.
//!
//! Every read model has one current version in this build; older versions
//! may still have tables (and a checkpoint) from an earlier build. Queries
//! read the newest version that has caught up with the log, so a new
//! version builds its tables from position 0 while the old one keeps
//! serving, and traffic switches the moment the new one reaches the head.

use std::sync::Arc;

use returns_eventstore::EventStore;

use crate::checkpoint;
use crate::declaration::ReadModel;
use crate::error::{Error, Result};
use crate::projection::Projection;
use crate::read_models::finance::{Finance, FINANCE};
use crate::read_models::follow_ups::{FollowUps, FOLLOW_UPS};
use crate::read_models::management::{Management, MANAGEMENT};
use crate::read_models::platform_tasks::{PlatformTasks, PLATFORM_TASKS};
use crate::read_models::warehouse::{Warehouse, WAREHOUSE};
use crate::read_models::worklist::{Worklist, WORKLIST};

/// Every read model's declaration.
pub const DECLARATIONS: [&ReadModel; 6] = [
    &WORKLIST,
    &WAREHOUSE,
    &FINANCE,
    &FOLLOW_UPS,
    &MANAGEMENT,
    &PLATFORM_TASKS,
];

/// The read models, by name.
pub const READ_MODELS: [&str; 6] = [
    WORKLIST.name,
    WAREHOUSE.name,
    FINANCE.name,
    FOLLOW_UPS.name,
    MANAGEMENT.name,
    PLATFORM_TASKS.name,
];

/// The current version of every read model: what a runner should run.
pub fn current() -> Vec<Arc<dyn Projection>> {
    vec![
        Arc::new(Worklist::current()),
        Arc::new(Warehouse::current()),
        Arc::new(Finance::current()),
        Arc::new(FollowUps::current()),
        Arc::new(Management::current()),
        Arc::new(PlatformTasks::current()),
    ]
}

/// The current projections named `name`: a versioned name (`worklist_v1`),
/// a read model (`worklist`) or `all`.
pub fn select(name: &str) -> Result<Vec<Arc<dyn Projection>>> {
    let all = current();
    if name == "all" {
        return Ok(all);
    }
    let chosen: Vec<_> = all
        .into_iter()
        .filter(|p| p.name() == name || p.read_model() == name)
        .collect();
    if chosen.is_empty() {
        Err(Error::UnknownProjection(name.to_owned()))
    } else {
        Ok(chosen)
    }
}

/// The version `name` (`worklist_v3`) carries, if it belongs to `read_model`.
fn version_in(name: &str, read_model: &str) -> Option<u32> {
    name.strip_prefix(read_model)?
        .strip_prefix("_v")?
        .parse()
        .ok()
}

/// The version of `read_model` this build's queries should read: the
/// newest version, up to this build's current one, that has caught up with
/// the log; else the current one (still building, nothing better to show).
/// Versions newer than this build's are never read: their columns may not
/// be what this build's queries expect.
pub async fn serving_version(store: &EventStore, read_model: &str) -> Result<u32> {
    let current = current()
        .into_iter()
        .find(|p| p.read_model() == read_model)
        .map(|p| p.version())
        .ok_or_else(|| Error::UnknownProjection(read_model.to_owned()))?;
    serving_version_for(store, read_model, current).await
}

/// [`serving_version`] for a build whose current version of `read_model` is `current`.
pub async fn serving_version_for(
    store: &EventStore,
    read_model: &str,
    current: u32,
) -> Result<u32> {
    let newest_caught_up = checkpoint::all(store.db())
        .await?
        .into_iter()
        .filter(|c| c.caught_up_at.is_some())
        .filter_map(|c| version_in(&c.name, read_model))
        .filter(|v| *v <= current)
        .max();
    Ok(newest_caught_up.unwrap_or(current))
}
