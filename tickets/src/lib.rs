//! The ticket as a stored aggregate: the one place that knows a ticket's
//! stream, turns stored rows back into ticket events, folds them, and runs a
//! domain command through the store's load–decide–append loop.
//!
//! The API, the workflows, intake and the projections all reach tickets
//! through the [`Tickets`] handle this crate builds once at start-up, so
//! stream naming, decoding, folding, the state cache and the encryption of
//! personal data exist once, and none of them hides inside the store.
//!
//! Layout:
//! - [`handle`]: [`Tickets`], the store, the shared state cache and the key
//!   ring together; typed load and execute;
//! - [`stream`]: `ticket-<uuid>` stream ids and back;
//! - [`repository`]: [`TicketDecider`] and [`state_at`] for a ticket as it
//!   was at a version;
//! - [`event`]: [`decode`] of a recorded row into a [`TicketEvent`] and
//!   [`fold`] of recorded rows into a state;
//! - [`shared_states`]: the process's one bounded cache of folded states,
//!   shared by commands and projection runners;
//! - [`replay_states`]: the states a reader replaying the log (a runner, a
//!   rebuild) keeps, checked by version;
//! - [`ids`]: the one deterministic-id function;
//! - [`queue`]: which department a ticket waits on;
//! - [`privacy`]: personal fields encrypted per data subject, opened per
//!   reader, erased by deleting the subject's key;
//! - [`parcels`]: parcels nobody announced (无头件), the warehouse's
//!   other aggregate (`parcel-<uuid>` streams), and their matching to a
//!   ticket;
//! - [`storage`]: the key tables and the parcel pool (the crate's only SQL).
//!
//! Depends on the domain and the event store only; must never depend on
//! projections, workflows, intake or the api.

pub mod event;
pub mod handle;
pub mod ids;
pub mod parcels;
pub mod privacy;
pub mod queue;
pub mod replay_states;
pub mod repository;
pub mod shared_states;
pub mod storage;
pub mod stream;

pub use event::{decode, fold, DecodeError, TicketEvent};
pub use handle::{TicketSettings, Tickets};
pub use queue::Department;
pub use replay_states::ReplayStates;
pub use repository::{load, state_at, TicketDecider, TicketError};
pub use shared_states::SharedStates;
pub use stream::{stream_id, ticket_id_of, STREAM_PREFIX};
