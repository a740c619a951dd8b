//! `GET /metrics`: the process's counters in the Prometheus text format,
//! with the figures read at scrape time (log head, projection lag, payouts
//! by mode and state, webhook deliveries by state, the caches' use, the
//! allocator's figures and the resident set).

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use returns_workflows::storage::payouts::PayoutQueue;
use returns_workflows::storage::webhooks::{DeliveryState, Webhooks};
use returns_workflows::{PayoutMode, PayoutState};

use crate::http::HttpState;
use crate::metrics::Gauges;
use crate::state::AppState;

/// `GET /metrics`.
pub async fn metrics(State(state): State<HttpState>) -> Response {
    let lag = returns_projections::lag(&state.app.store)
        .await
        .unwrap_or_else(|error| {
            tracing::warn!(%error, "cannot read projection lag");
            Vec::new()
        });
    let gauges = Gauges {
        head_position: state.app.store.head_position().await.unwrap_or(-1),
        projection_lag: lag.into_iter().map(|l| (l.name, l.behind)).collect(),
        caches: cache_gauges(&state.app),
        allocator: crate::memory::allocator(),
        resident: crate::memory::resident(),
        ..payout_gauges(&state.app).await
    };
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.app.metrics.render(&gauges),
    )
        .into_response()
}

/// The bounded caches' use against their budgets (`--ticket-cache-mib`,
/// `--key-cache-mib`, `--credential-cache-kib`).
fn cache_gauges(app: &AppState) -> Vec<(String, usize, u64, u64)> {
    let (entries, bytes, budget) = app.tickets.states().usage();
    let mut caches = vec![("ticket_states".to_owned(), entries, bytes, budget)];
    if let Some(keys) = app.tickets.keys() {
        let (entries, bytes, budget) = keys.cache_usage();
        caches.push(("data_keys".to_owned(), entries, bytes, budget));
    }
    let (entries, bytes, budget) = app.credentials.usage();
    caches.push(("credentials".to_owned(), entries, bytes, budget));
    caches
}

/// The payout and webhook figures of `/metrics`, read now. Every (mode,
/// state) and delivery state is reported, zero when empty, so a gauge never
/// keeps a count that has gone; a table that cannot be read is logged and
/// left out.
async fn payout_gauges(app: &AppState) -> Gauges {
    let db = app.store.db().clone();
    let payouts = match PayoutQueue::new(db.clone()).counts().await {
        Ok(counts) => PayoutMode::ALL
            .iter()
            .flat_map(|mode| PayoutState::ALL.iter().map(move |state| (*mode, *state)))
            .map(|(mode, state)| {
                let n = counts
                    .iter()
                    .find(|(m, s, _)| m == mode.as_str() && s == state.as_str())
                    .map_or(0, |(_, _, n)| *n);
                (mode.as_str().to_owned(), state.as_str().to_owned(), n)
            })
            .collect(),
        Err(error) => {
            tracing::warn!(%error, "cannot count payouts");
            Vec::new()
        }
    };
    let deliveries = match Webhooks::new(db).counts().await {
        Ok(counts) => DeliveryState::ALL
            .iter()
            .map(|state| {
                let n = counts
                    .iter()
                    .find(|(s, _)| s == state.as_str())
                    .map_or(0, |(_, n)| *n);
                (state.as_str().to_owned(), n)
            })
            .collect(),
        Err(error) => {
            tracing::warn!(%error, "cannot count webhook deliveries");
            Vec::new()
        }
    };
    Gauges {
        payout_mode: Some(app.payout.mode.as_str().to_owned()),
        payouts,
        webhook_deliveries: deliveries,
        ..Default::default()
    }
}
