//! The projection runner and each department's read model: functions from
//! events to rows, checkpointed so every event takes effect exactly once.
//!
//! Must never depend on the api crate: read models are shaped for their
//! audience, not for a transport.
