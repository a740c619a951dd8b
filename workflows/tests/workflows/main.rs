//! Workflows end to end on both backends: store + runtime + fake clock.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod audit;
mod auto_close;
mod follow_up;
mod fulfilment;
mod gateway;
mod helpers;
mod negotiation;
mod platform_deadline;
mod platform_outbox;
mod policies;
mod price_protection;
mod refunds;
mod review_deadline;
mod server;
mod ship_back;
mod two_servers;
