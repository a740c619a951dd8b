//! The Prometheus exposition behind `/metrics`, through the `metrics`
//! facade: [`Metrics`] counts with its macros, and the recorder of
//! `metrics-exporter-prometheus`, installed once per process, renders what
//! they counted. The names, labels and types are a contract with dashboards
//! and alerts: change them only with a new name.

use std::sync::OnceLock;
use std::time::Duration;

use metrics::{counter, describe_counter, describe_gauge, describe_histogram, gauge, histogram};
use metrics_exporter_prometheus::{
    Matcher, PrometheusBuilder, PrometheusHandle, PrometheusRecorder,
};

/// GraphQL requests over HTTP by `operation` (counter).
const REQUESTS: &str = "returns_graphql_requests_total";
/// Subscription connections opened (counter).
const WEBSOCKETS: &str = "returns_websocket_connections_total";
/// Errors returned to clients by `code` (counter).
const ERRORS: &str = "returns_graphql_errors_total";
/// GraphQL request latency in seconds (histogram).
const LATENCY: &str = "returns_graphql_request_duration_seconds";
/// Commands accepted by `command` (counter).
const COMMANDS: &str = "returns_commands_total";
/// Events appended by this process (counter).
const EVENTS_APPENDED: &str = "returns_events_appended_total";
/// The log's head position (gauge, read at scrape time).
const HEAD_POSITION: &str = "returns_log_head_position";
/// Events a `projection` has not applied yet (gauge, read at scrape time).
const PROJECTION_LAG: &str = "returns_projection_lag_events";

/// The server's default payout mode: 1 for the mode in use (gauge).
const PAYOUT_MODE: &str = "returns_payout_mode";
/// Payouts by `mode` and `state` (gauge, read at scrape time).
const PAYOUTS: &str = "returns_payouts";
/// Outbound webhook deliveries by `state` (gauge, read at scrape time).
const WEBHOOK_DELIVERIES: &str = "returns_webhook_deliveries";

/// A bounded cache's estimated bytes by `cache` (gauge, read at scrape time).
const CACHE_BYTES: &str = "returns_cache_bytes";
/// A bounded cache's entries by `cache` (gauge, read at scrape time).
const CACHE_ENTRIES: &str = "returns_cache_entries";
/// A bounded cache's budget by `cache`, its setting (gauge).
const CACHE_BUDGET: &str = "returns_cache_budget_bytes";

/// jemalloc's figures in bytes by `kind` (gauge, read at scrape time).
const ALLOCATOR: &str = "returns_allocator_bytes";
/// The process's resident set in bytes by `kind` (gauge, read at scrape time).
const RESIDENT: &str = "returns_process_resident_bytes";

/// Upper bounds (seconds) of the request latency histogram.
const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// How often histogram samples are folded into their buckets between
/// scrapes, so an unscraped server does not keep every sample.
const UPKEEP_INTERVAL: Duration = Duration::from_secs(5);

/// The process's recorder, once installed.
static PROCESS: OnceLock<Metrics> = OnceLock::new();

/// Figures read at scrape time rather than counted.
#[derive(Debug, Default, Clone)]
pub struct Gauges {
    /// The log's head position.
    pub head_position: i64,
    /// Events each projection still has to apply, by name.
    pub projection_lag: Vec<(String, i64)>,
    /// The server's default payout mode.
    pub payout_mode: Option<String>,
    /// Payouts by (mode, state).
    pub payouts: Vec<(String, String, i64)>,
    /// Webhook deliveries by state.
    pub webhook_deliveries: Vec<(String, i64)>,
    /// Each bounded cache: name, entries, estimated bytes, budget.
    pub caches: Vec<(String, usize, u64, u64)>,
    /// The allocator's figures by kind ([`crate::memory::allocator`]).
    pub allocator: Vec<(&'static str, u64)>,
    /// The resident set by kind ([`crate::memory::resident`]).
    pub resident: Vec<(&'static str, u64)>,
}

/// What the server counts, and the exposition of it.
#[derive(Debug, Clone)]
pub struct Metrics {
    handle: PrometheusHandle,
}

/// A recorder with the latency histogram's buckets (other histograms would
/// be summaries).
fn recorder() -> PrometheusRecorder {
    let builder = PrometheusBuilder::new();
    match builder.set_buckets_for_metric(Matcher::Full(LATENCY.to_owned()), &BUCKETS) {
        Ok(builder) => builder.build_recorder(),
        // Refused only for an empty bucket list, and BUCKETS is not empty.
        Err(error) => unreachable!("latency buckets: {error}"),
    }
}

/// Describes every metric (the `# HELP` lines) and registers the unlabelled
/// ones, so they show as zero before their first event.
fn describe() {
    describe_counter!(REQUESTS, "GraphQL requests by operation type.");
    describe_counter!(WEBSOCKETS, "Subscription connections opened.");
    describe_counter!(ERRORS, "Errors returned to clients by extensions.code.");
    describe_histogram!(LATENCY, "GraphQL request latency.");
    describe_counter!(
        COMMANDS,
        "Ticket commands accepted by this process, by command."
    );
    describe_counter!(
        EVENTS_APPENDED,
        "Events appended by this process (rate() gives the append rate)."
    );
    describe_gauge!(
        HEAD_POSITION,
        "Position of the newest event in the log (all processes)."
    );
    describe_gauge!(PROJECTION_LAG, "Events a projection has not applied yet.");
    describe_gauge!(
        PAYOUT_MODE,
        "The server's default payout mode (1); simulated means no money moves."
    );
    describe_gauge!(PAYOUTS, "Refund payouts by mode and state.");
    describe_gauge!(WEBHOOK_DELIVERIES, "Outbound webhook deliveries by state.");
    describe_gauge!(
        CACHE_BYTES,
        "Estimated bytes a bounded in-process cache holds."
    );
    describe_gauge!(CACHE_ENTRIES, "Entries a bounded in-process cache holds.");
    describe_gauge!(
        CACHE_BUDGET,
        "The byte budget of a bounded in-process cache (its setting)."
    );
    describe_gauge!(
        ALLOCATOR,
        "jemalloc's bytes by kind: allocated (live heap), active, resident (with the dirty pages it keeps), mapped, retained, metadata."
    );
    describe_gauge!(
        RESIDENT,
        "The process's resident memory by kind: anonymous (heap, stacks), file (code paged in), shmem."
    );
    counter!(WEBSOCKETS).increment(0);
    counter!(EVENTS_APPENDED).increment(0);
    let _ = histogram!(LATENCY);
}

impl Metrics {
    /// The process's metrics. The first call installs the Prometheus
    /// recorder as the global one; later calls (a test that starts several
    /// servers in one process) share it, as the facade's macros do.
    pub fn global() -> Self {
        PROCESS
            .get_or_init(|| {
                let recorder = recorder();
                let handle = recorder.handle();
                if let Err(error) = metrics::set_global_recorder(recorder) {
                    // Only an embedding program installs its own: it gets the counts.
                    tracing::warn!(%error, "another metrics recorder is installed; /metrics stays empty");
                }
                describe();
                Self { handle }
            })
            .clone()
    }

    /// Counts one GraphQL request over HTTP of `kind` (`query`, `mutation`, `subscription`) and its latency.
    pub fn record_request(&self, kind: &str, elapsed: Duration) {
        counter!(REQUESTS, "operation" => kind.to_owned()).increment(1);
        histogram!(LATENCY).record(elapsed);
    }

    /// Counts one WebSocket (subscription) connection.
    pub fn record_websocket(&self) {
        counter!(WEBSOCKETS).increment(1);
    }

    /// Counts one error reported to a client, by its `extensions.code`.
    pub fn record_error(&self, code: &str) {
        counter!(ERRORS, "code" => code.to_owned()).increment(1);
    }

    /// Counts a successful command and the events it appended.
    pub fn record_command(&self, command: &str, events: u64) {
        counter!(COMMANDS, "command" => command.to_owned()).increment(1);
        counter!(EVENTS_APPENDED).increment(events);
    }

    /// The Prometheus text exposition of every metric, with `gauges` as read now.
    pub fn render(&self, gauges: &Gauges) -> String {
        gauge!(HEAD_POSITION).set(gauges.head_position as f64);
        for (name, lag) in &gauges.projection_lag {
            gauge!(PROJECTION_LAG, "projection" => name.clone()).set(*lag as f64);
        }
        if let Some(mode) = &gauges.payout_mode {
            gauge!(PAYOUT_MODE, "mode" => mode.clone()).set(1.0);
        }
        for (mode, state, count) in &gauges.payouts {
            gauge!(PAYOUTS, "mode" => mode.clone(), "state" => state.clone()).set(*count as f64);
        }
        for (state, count) in &gauges.webhook_deliveries {
            gauge!(WEBHOOK_DELIVERIES, "state" => state.clone()).set(*count as f64);
        }
        for (cache, entries, bytes, budget) in &gauges.caches {
            gauge!(CACHE_ENTRIES, "cache" => cache.clone()).set(*entries as f64);
            gauge!(CACHE_BYTES, "cache" => cache.clone()).set(*bytes as f64);
            gauge!(CACHE_BUDGET, "cache" => cache.clone()).set(*budget as f64);
        }
        for (kind, bytes) in &gauges.allocator {
            gauge!(ALLOCATOR, "kind" => *kind).set(*bytes as f64);
        }
        for (kind, bytes) in &gauges.resident {
            gauge!(RESIDENT, "kind" => *kind).set(*bytes as f64);
        }
        self.handle.render()
    }

    /// Folds histogram samples into their buckets every
    /// [`UPKEEP_INTERVAL`] until the task is aborted.
    pub fn spawn_upkeep(&self) -> tokio::task::JoinHandle<()> {
        let handle = self.handle.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(UPKEEP_INTERVAL);
            loop {
                every.tick().await;
                handle.run_upkeep();
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_exposes_every_counter_in_prometheus_text_format() {
        // A recorder of its own, so other tests in this process count elsewhere.
        let recorder = recorder();
        let metrics = Metrics {
            handle: recorder.handle(),
        };
        let text = metrics::with_local_recorder(&recorder, || {
            describe();
            metrics.record_request("mutation", Duration::from_millis(30));
            metrics.record_request("query", Duration::from_secs(20));
            metrics.record_error("FORBIDDEN");
            metrics.record_command("ReceiveReturn", 1);
            metrics.record_command("CompleteInspection", 1);
            metrics.record_websocket();
            metrics.render(&Gauges {
                head_position: 42,
                projection_lag: vec![("worklist_v1".into(), 3)],
                payout_mode: Some("simulated".into()),
                payouts: vec![("webhook".into(), "pending".into(), 2)],
                webhook_deliveries: vec![("dead".into(), 1)],
                caches: vec![("data_keys".into(), 3, 480, 8 << 20)],
                allocator: vec![("allocated", 25 << 20), ("resident", 60 << 20)],
                resident: vec![("anonymous", 70 << 20), ("file", 30 << 20)],
            })
        });
        for line in [
            "returns_graphql_requests_total{operation=\"mutation\"} 1",
            "returns_graphql_errors_total{code=\"FORBIDDEN\"} 1",
            "returns_graphql_request_duration_seconds_bucket{le=\"0.05\"} 1",
            "returns_graphql_request_duration_seconds_bucket{le=\"10\"} 1",
            "returns_graphql_request_duration_seconds_bucket{le=\"+Inf\"} 2",
            "returns_graphql_request_duration_seconds_count 2",
            "returns_events_appended_total 2",
            "returns_commands_total{command=\"ReceiveReturn\"} 1",
            "returns_websocket_connections_total 1",
            "returns_log_head_position 42",
            "returns_projection_lag_events{projection=\"worklist_v1\"} 3",
            "returns_payout_mode{mode=\"simulated\"} 1",
            "returns_payouts{mode=\"webhook\",state=\"pending\"} 2",
            "returns_webhook_deliveries{state=\"dead\"} 1",
            "returns_cache_entries{cache=\"data_keys\"} 3",
            "returns_cache_bytes{cache=\"data_keys\"} 480",
            "returns_cache_budget_bytes{cache=\"data_keys\"} 8388608",
            "returns_allocator_bytes{kind=\"allocated\"} 26214400",
            "returns_allocator_bytes{kind=\"resident\"} 62914560",
            "returns_process_resident_bytes{kind=\"anonymous\"} 73400320",
            "returns_process_resident_bytes{kind=\"file\"} 31457280",
            "# TYPE returns_graphql_requests_total counter",
            "# TYPE returns_graphql_request_duration_seconds histogram",
            "# TYPE returns_log_head_position gauge",
            "# HELP returns_projection_lag_events Events a projection has not applied yet.",
        ] {
            assert!(
                text.lines().any(|l| l == line),
                "missing {line:?} in\n{text}"
            );
        }
    }

    #[test]
    fn unlabelled_counters_and_the_histogram_show_before_their_first_event() {
        let recorder = recorder();
        let handle = recorder.handle();
        metrics::with_local_recorder(&recorder, describe);
        let text = handle.render();
        for line in [
            "returns_websocket_connections_total 0",
            "returns_events_appended_total 0",
            "returns_graphql_request_duration_seconds_bucket{le=\"0.005\"} 0",
            "returns_graphql_request_duration_seconds_count 0",
        ] {
            assert!(
                text.lines().any(|l| l == line),
                "missing {line:?} in\n{text}"
            );
        }
    }
}
