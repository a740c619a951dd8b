//! Prometheus counters for `/metrics`, kept by hand: a handful of counters
//! and one histogram do not justify a metrics framework.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds (seconds) of the request latency histogram.
const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// The server's counters.
#[derive(Debug, Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<String, u64>>,
    errors: Mutex<BTreeMap<String, u64>>,
    latency_buckets: [AtomicU64; BUCKETS.len()],
    latency_count: AtomicU64,
    latency_sum_micros: AtomicU64,
    events_appended: AtomicU64,
    websockets: AtomicU64,
    commands: Mutex<BTreeMap<String, u64>>,
}

fn bump(map: &Mutex<BTreeMap<String, u64>>, key: &str, by: u64) {
    let mut map = map.lock().unwrap_or_else(|p| p.into_inner());
    *map.entry(key.to_owned()).or_default() += by;
}

fn snapshot(map: &Mutex<BTreeMap<String, u64>>) -> BTreeMap<String, u64> {
    map.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

/// Figures read at scrape time rather than counted.
#[derive(Debug, Default, Clone)]
pub struct Gauges {
    /// The log's head position.
    pub head_position: i64,
    /// Events each projection still has to apply, by name.
    pub projection_lag: Vec<(String, i64)>,
}

impl Metrics {
    /// Counts one GraphQL request over HTTP of `kind` (`query`, `mutation`, `subscription`) and its latency.
    pub fn record_request(&self, kind: &str, elapsed: Duration) {
        bump(&self.requests, kind, 1);
        let seconds = elapsed.as_secs_f64();
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                self.latency_buckets[i].fetch_add(1, Ordering::Relaxed);
            }
        }
        self.latency_count.fetch_add(1, Ordering::Relaxed);
        let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
        self.latency_sum_micros.fetch_add(micros, Ordering::Relaxed);
    }

    /// Counts one WebSocket (subscription) connection.
    pub fn record_websocket(&self) {
        self.websockets.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one error reported to a client, by its `extensions.code`.
    pub fn record_error(&self, code: &str) {
        bump(&self.errors, code, 1);
    }

    /// Counts a successful command and the events it appended.
    pub fn record_command(&self, command: &str, events: u64) {
        bump(&self.commands, command, 1);
        self.events_appended.fetch_add(events, Ordering::Relaxed);
    }

    /// The Prometheus text exposition of every counter and `gauges`.
    pub fn render(&self, gauges: &Gauges) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP returns_graphql_requests_total GraphQL requests by operation type."
        );
        let _ = writeln!(out, "# TYPE returns_graphql_requests_total counter");
        for (kind, n) in snapshot(&self.requests) {
            let _ = writeln!(
                out,
                "returns_graphql_requests_total{{operation=\"{kind}\"}} {n}"
            );
        }
        let _ = writeln!(
            out,
            "# HELP returns_websocket_connections_total Subscription connections opened."
        );
        let _ = writeln!(out, "# TYPE returns_websocket_connections_total counter");
        let websockets = self.websockets.load(Ordering::Relaxed);
        let _ = writeln!(out, "returns_websocket_connections_total {websockets}");
        let _ = writeln!(
            out,
            "# HELP returns_graphql_errors_total Errors returned to clients by extensions.code."
        );
        let _ = writeln!(out, "# TYPE returns_graphql_errors_total counter");
        for (code, n) in snapshot(&self.errors) {
            let _ = writeln!(out, "returns_graphql_errors_total{{code=\"{code}\"}} {n}");
        }
        let _ = writeln!(
            out,
            "# HELP returns_graphql_request_duration_seconds GraphQL request latency."
        );
        let _ = writeln!(
            out,
            "# TYPE returns_graphql_request_duration_seconds histogram"
        );
        for (i, bound) in BUCKETS.iter().enumerate() {
            let n = self.latency_buckets[i].load(Ordering::Relaxed);
            let _ = writeln!(
                out,
                "returns_graphql_request_duration_seconds_bucket{{le=\"{bound}\"}} {n}"
            );
        }
        let count = self.latency_count.load(Ordering::Relaxed);
        let sum = self.latency_sum_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(
            out,
            "returns_graphql_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}"
        );
        let _ = writeln!(out, "returns_graphql_request_duration_seconds_sum {sum}");
        let _ = writeln!(
            out,
            "returns_graphql_request_duration_seconds_count {count}"
        );
        let _ = writeln!(
            out,
            "# HELP returns_commands_total Ticket commands accepted by this process, by command."
        );
        let _ = writeln!(out, "# TYPE returns_commands_total counter");
        for (command, n) in snapshot(&self.commands) {
            let _ = writeln!(out, "returns_commands_total{{command=\"{command}\"}} {n}");
        }
        let _ = writeln!(out, "# HELP returns_events_appended_total Events appended by this process (rate() gives the append rate).");
        let _ = writeln!(out, "# TYPE returns_events_appended_total counter");
        let _ = writeln!(
            out,
            "returns_events_appended_total {}",
            self.events_appended.load(Ordering::Relaxed)
        );
        let _ = writeln!(out, "# HELP returns_log_head_position Position of the newest event in the log (all processes).");
        let _ = writeln!(out, "# TYPE returns_log_head_position gauge");
        let _ = writeln!(out, "returns_log_head_position {}", gauges.head_position);
        let _ = writeln!(
            out,
            "# HELP returns_projection_lag_events Events a projection has not applied yet."
        );
        let _ = writeln!(out, "# TYPE returns_projection_lag_events gauge");
        for (name, lag) in &gauges.projection_lag {
            let _ = writeln!(
                out,
                "returns_projection_lag_events{{projection=\"{name}\"}} {lag}"
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_exposes_every_counter_in_prometheus_text_format() {
        let metrics = Metrics::default();
        metrics.record_request("mutation", Duration::from_millis(30));
        metrics.record_request("query", Duration::from_secs(20));
        metrics.record_error("FORBIDDEN");
        metrics.record_command("ReceiveReturn", 1);
        metrics.record_command("CompleteInspection", 1);
        metrics.record_websocket();
        let text = metrics.render(&Gauges {
            head_position: 42,
            projection_lag: vec![("worklist_v1".into(), 3)],
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
        ] {
            assert!(
                text.lines().any(|l| l == line),
                "missing {line:?} in\n{text}"
            );
        }
    }
}
