//! The printed table: each figure in events/s and as a ratio to its
//! baseline, with the target where it sets one.

use std::fmt::Write as _;
use std::time::Duration;

/// A baseline a figure is compared with.
#[derive(Debug, Clone, Copy)]
pub struct Baseline {
    /// Its short name: `(a)`, `(b)`, `(c)`.
    pub name: &'static str,
    /// Its rate.
    pub per_second: f64,
}

/// One line of the table.
#[derive(Debug, Clone)]
pub struct Figure {
    /// What was measured.
    pub scenario: String,
    /// Events (or rows) per second.
    pub per_second: f64,
    /// The yardstick, if this is not one itself.
    pub baseline: Option<Baseline>,
    /// The least ratio to the baseline the issue asks for.
    pub target: Option<f64>,
    /// Median and 99th-percentile append latency.
    pub latency: Option<(Duration, Duration)>,
    /// Events per write transaction.
    pub per_commit: Option<f64>,
}

impl Figure {
    /// A line for a baseline itself.
    pub fn baseline(scenario: &str, per_second: f64, per_commit: Option<f64>) -> Self {
        Self {
            scenario: scenario.to_owned(),
            per_second,
            baseline: None,
            target: None,
            latency: None,
            per_commit,
        }
    }

    fn ratio(&self) -> Option<f64> {
        self.baseline.map(|b| self.per_second / b.per_second)
    }

    /// Whether the target is met; `None` when there is none.
    pub fn met(&self) -> Option<bool> {
        Some(self.ratio()? >= self.target?)
    }
}

fn thousands(value: f64) -> String {
    let digits = format!("{:.0}", value.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn millis(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

/// The figures as a Markdown table.
pub fn table(figures: &[Figure]) -> String {
    let mut out = String::from(
        "| scenario | events/s | baseline | ratio | target | met | p50 / p99 ms | events/commit |\n\
         |---|---:|---|---:|---:|---|---:|---:|\n",
    );
    for f in figures {
        let baseline = f.baseline.map_or("—".to_owned(), |b| {
            format!("{} {}", b.name, thousands(b.per_second))
        });
        let ratio = f.ratio().map_or("—".to_owned(), |r| format!("{r:.2}×"));
        let target = f.target.map_or("—".to_owned(), |t| format!("≥ {t:.2}×"));
        let met = match f.met() {
            Some(true) => "yes",
            Some(false) => "**NO**",
            None => "—",
        };
        let latency = f.latency.map_or("—".to_owned(), |(p50, p99)| {
            format!("{} / {}", millis(p50), millis(p99))
        });
        let per_commit = f.per_commit.map_or("—".to_owned(), |c| format!("{c:.1}"));
        let _ = writeln!(
            out,
            "| {} | {} | {baseline} | {ratio} | {target} | {met} | {latency} | {per_commit} |",
            f.scenario,
            thousands(f.per_second),
        );
    }
    out
}
