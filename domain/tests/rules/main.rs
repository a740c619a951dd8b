//! The domain's rules as given/when/then scenarios, one file per step of the
//! main line. Test names state the rule.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod exchange;
mod housekeeping;
mod inspection;
mod kinds;
mod lifecycle;
mod negotiation;
mod open_and_review;
mod parcels;
mod platform;
mod platform_actions;
mod refunds;
mod shipping;
