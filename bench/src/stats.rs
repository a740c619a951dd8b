//! Medians over runs and percentiles over one run's latencies.

use std::time::Duration;

/// The median, minimum and maximum of one figure over several runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// The middle run (mean of the two middle runs for an even count).
    pub median: f64,
    /// The lowest run.
    pub min: f64,
    /// The highest run.
    pub max: f64,
    /// How many runs.
    pub runs: usize,
}

impl Summary {
    /// Summarizes the figures of several runs; `None` when there are none.
    pub fn of(values: &[f64]) -> Option<Self> {
        if values.is_empty() {
            return None;
        }
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
        };
        Some(Self {
            median,
            min: sorted[0],
            max: sorted[n - 1],
            runs: n,
        })
    }
}

/// Latencies of one run, for percentiles.
#[derive(Debug, Default, Clone)]
pub struct Latencies {
    samples: Vec<Duration>,
}

impl Latencies {
    /// Room for `n` samples.
    pub fn with_capacity(n: usize) -> Self {
        Self {
            samples: Vec::with_capacity(n),
        }
    }

    /// Records one sample.
    pub fn push(&mut self, d: Duration) {
        self.samples.push(d);
    }

    /// Takes in another run's samples (another client's).
    pub fn merge(&mut self, other: Latencies) {
        self.samples.extend(other.samples);
    }

    /// The `p`-th percentile (0..=100) in microseconds, nearest-rank; 0 when empty.
    pub fn percentile_us(&mut self, p: f64) -> f64 {
        if self.samples.is_empty() {
            return 0.0;
        }
        self.samples.sort_unstable();
        let n = self.samples.len();
        let rank = ((p / 100.0) * n as f64).ceil() as usize;
        let index = rank.clamp(1, n) - 1;
        self.samples[index].as_secs_f64() * 1e6
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        let odd = Summary::of(&[3.0, 1.0, 2.0]).unwrap_or_else(|| unreachable!());
        assert_eq!((odd.median, odd.min, odd.max), (2.0, 1.0, 3.0));
        let even = Summary::of(&[4.0, 1.0, 2.0, 3.0]).unwrap_or_else(|| unreachable!());
        assert_eq!(even.median, 2.5);
    }

    #[test]
    fn nearest_rank_percentiles() {
        let mut l = Latencies::default();
        for us in 1..=100 {
            l.push(Duration::from_micros(us));
        }
        assert_eq!(l.percentile_us(50.0).round(), 50.0);
        assert_eq!(l.percentile_us(99.0).round(), 99.0);
        assert_eq!(l.percentile_us(100.0).round(), 100.0);
    }
}
