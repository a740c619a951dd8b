//! The append-only event log of Returns, on SQLite (embedded) and PostgreSQL.
//!
//! Layout:
//! - [`store`]: [`EventStore`], the one entry point: append, read, subscribe,
//!   verify, seal;
//! - [`writer`]: the group-commit writer that batches concurrent appends into
//!   one transaction;
//! - [`db`]: the one way every crate reaches the database: [`db::Db`] runs a
//!   statement on either backend, [`db::Migrations`] and one migrate routine,
//!   [`db::Lease`] for one holder of a duty across processes; the backends'
//!   own SQL stays private to this crate;
//! - [`subscription`]: catch-up then live reading that never skips or repeats;
//! - [`hash`]: canonical bytes and the per-stream SHA-256 chain;
//! - [`verify`]: chain and seal verification;
//! - [`upcast`]: turning old payload versions into current ones on read;
//! - [`aggregate`]: load–decide–append with optimistic concurrency for any
//!   [`aggregate::Decider`].
//!
//! The store keeps opaque typed JSON: it must never depend on any crate of
//! ours (the domain included) or know what a ticket is.

pub mod aggregate;
mod backend;
pub mod clock;
pub mod db;
pub mod error;
pub mod event;
pub mod hash;
pub mod store;
pub mod subscription;
#[cfg(feature = "testing")]
pub mod testing;
pub mod upcast;
pub mod verify;
pub mod writer;

pub use backend::{
    ConnectOptions, DEFAULT_READ_CONNECTIONS, DEFAULT_SQLITE_PAGE_CACHE_KIB,
    DEFAULT_STATEMENT_CACHE,
};
pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{Error, Result};
pub use event::{
    AppendResult, CommandFingerprint, CommandRecord, ExpectedVersion, Metadata, NewEvent, Payload,
    PayloadRow, RecordedEvent, RowShape, SideWrite, ERASED_INPUT,
};
pub use store::{EventStore, StoreOptions, ACCESS_CHANNEL, ACCESS_RESYNC, ERASURE_CHANNEL};
pub use subscription::Subscription;
pub use upcast::Upcasters;
pub use verify::{
    check_stored_chain, ChainBreak, LogReport, Seal, SealBreak, StoredEvent, StreamReport,
};
