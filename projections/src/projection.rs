//! What a projection is: a named, versioned function from a batch of ticket
//! events to SQL changes on its own tables.

use std::collections::HashSet;

use returns_domain::TicketState;
use returns_eventstore::db::Dialect;
use uuid::Uuid;

use crate::error::Result;
use returns_eventstore::db::Statement;
use returns_tickets::ReplayStates;
use returns_tickets::TicketEvent;

/// One batch as a projection sees it: the events in log order, and each
/// touched ticket's state after the whole batch (the domain's own fold).
pub struct Batch<'a> {
    /// The events, in log order.
    pub events: &'a [TicketEvent],
    /// States after the batch.
    pub states: &'a ReplayStates,
}

impl Batch<'_> {
    /// The state of `ticket` after this batch.
    pub fn state(&self, ticket: &Uuid) -> Option<&TicketState> {
        self.states.get(ticket)
    }

    /// Each touched ticket once, in order of its last event in the batch:
    /// that last event and the ticket's state after the batch.
    pub fn touched(&self) -> Vec<(&TicketEvent, &TicketState)> {
        let mut seen = HashSet::new();
        let mut out: Vec<(&TicketEvent, &TicketState)> = self
            .events
            .iter()
            .rev()
            .filter(|e| seen.insert(e.ticket_id))
            .filter_map(|e| self.states.get(&e.ticket_id).map(|s| (e, s)))
            .collect();
        out.reverse();
        out
    }
}

/// A read model at one version. `name()` carries the version
/// (`worklist_v1`); its tables carry it too (`rm_worklist_v1`), so a new
/// version builds beside the old one.
pub trait Projection: Send + Sync {
    /// The versioned name, e.g. `worklist_v1`; also its checkpoint's key.
    fn name(&self) -> &str;
    /// The read model it serves, e.g. `worklist`.
    fn read_model(&self) -> &str;
    /// The version number carried in the name.
    fn version(&self) -> u32;
    /// The tables it owns, in a stable order.
    fn tables(&self) -> Vec<String>;
    /// DDL creating its tables and indexes if missing (`;`-separated).
    fn schema(&self, dialect: Dialect) -> String;
    /// The SQL changes `batch` makes to its tables. Must depend on nothing
    /// but the batch, so a replay writes exactly what the live run wrote.
    fn apply(&self, dialect: Dialect, batch: &Batch<'_>) -> Result<Vec<Statement>>;
}

/// `DROP TABLE` for each of the projection's tables.
pub fn drop_script(projection: &dyn Projection) -> String {
    projection
        .tables()
        .iter()
        .map(|t| format!("DROP TABLE IF EXISTS {t};"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `CREATE TABLE` part of `ddl` (`which = false`) or its `CREATE INDEX`
/// part (`which = true`): a rebuild fills bare tables and indexes them once
/// at the end, which is several times faster than updating a dozen indexes
/// row by row.
pub fn ddl_part(ddl: &str, indexes: bool) -> String {
    ddl.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .filter(|s| s.starts_with("CREATE INDEX") == indexes)
        .map(|s| format!("{s};"))
        .collect::<Vec<_>>()
        .join("\n")
}
