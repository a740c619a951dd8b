//! PLACEHOLDER: taobao's side of the contract simulator.

use std::sync::Arc;

use crate::simulator::SimState;

pub(crate) fn routes() -> axum::Router<Arc<SimState>> {
    axum::Router::new()
}
