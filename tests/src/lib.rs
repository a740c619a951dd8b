//! End-to-end tests of the `returns` binary through HTTP, WebSocket and the
//! CLI. The tests live in `tests/e2e/`; this library is empty on purpose.
//!
//! Depends on everything; nothing may depend on it.
