//! The ticket as a stored aggregate: the one place that knows a ticket's
//! stream, turns stored rows back into ticket events, folds them, and runs a
//! domain command through the store's load–decide–append loop.
//!
//! The API, the workflows, intake and the projections all reach tickets
//! through this crate, so stream naming, decoding and folding exist once.
//!
//! Layout:
//! - [`stream`]: `ticket-<uuid>` stream ids and back;
//! - [`repository`]: [`TicketDecider`], typed [`load`] and [`execute`], and
//!   [`state_at`] for a ticket as it was at a version;
//! - [`event`]: [`decode`] of a recorded row into a [`TicketEvent`] and
//!   [`fold`] of recorded rows into a state;
//! - [`states`]: the process's one bounded cache of folded states, shared by
//!   commands and projection runners;
//! - [`state_cache`]: a runner's or rebuild's states, checked by version;
//! - [`queue`]: which department a ticket waits on;
//! - [`privacy`]: personal fields sealed per data subject, opened per
//!   reader, erased by deleting the subject's key;
//! - [`storage`]: the key tables (the crate's only SQL).
//!
//! Depends on the domain and the event store only; must never depend on
//! projections, workflows, intake or the api.

pub mod event;
pub mod privacy;
pub mod queue;
pub mod repository;
pub mod state_cache;
pub mod states;
pub mod storage;
pub mod stream;

pub use event::{decode, fold, DecodeError, TicketEvent};
pub use queue::Department;
pub use repository::{execute, load, state_at, TicketDecider, TicketError};
pub use state_cache::StateCache;
pub use states::TicketStates;
pub use stream::{stream_id, ticket_id_of, STREAM_PREFIX};
