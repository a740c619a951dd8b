//! The figures of one benchmark run, written as Markdown and CSV.

use std::fmt::Write as _;
use std::path::Path;

use crate::stats::Summary;

/// Which direction of a figure is the good one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    /// Throughput: more is better.
    Higher,
    /// Latency, memory: less is better.
    Lower,
}

/// One measured figure, with the baseline measured in the same run.
#[derive(Debug, Clone)]
pub struct Row {
    /// The section, e.g. `store (SQLite)`.
    pub part: String,
    /// What was measured, e.g. `append, 8 writers, batch 10`.
    pub metric: String,
    /// The unit, e.g. `events/s` or `µs`.
    pub unit: &'static str,
    /// Our figure over the runs.
    pub ours: Summary,
    /// What the baseline is, e.g. `plain sqlx INSERT`.
    pub baseline_name: String,
    /// The baseline's figure over the same runs, if there is one.
    pub baseline: Option<Summary>,
    /// Which direction is good.
    pub better: Better,
}

impl Row {
    /// Our median over the baseline's median.
    pub fn ratio(&self) -> Option<f64> {
        self.baseline
            .filter(|b| b.median > 0.0)
            .map(|b| self.ours.median / b.median)
    }
}

/// A target from the issue, and whether this run met it.
#[derive(Debug, Clone)]
pub struct Goal {
    /// The goal as the issue states it.
    pub target: String,
    /// The measured figure(s) it was judged on.
    pub measured: String,
    /// Whether it was met; `None` when it could not be measured.
    pub met: Option<bool>,
    /// By how much it was missed or met.
    pub margin: String,
}

/// Everything one run measured.
#[derive(Debug, Default)]
pub struct Report {
    /// The figures, in the order measured.
    pub rows: Vec<Row>,
    /// The goals, judged.
    pub goals: Vec<Goal>,
    /// Remarks per part: workload definitions, what could not be measured and why.
    pub notes: Vec<(String, String)>,
    /// Facts about the run: command, commit, machine, load.
    pub header: Vec<(String, String)>,
}

impl Report {
    /// Adds a figure.
    pub fn row(&mut self, row: Row) {
        self.rows.push(row);
    }

    /// Adds a remark to a part.
    pub fn note(&mut self, part: &str, text: impl Into<String>) {
        self.notes.push((part.to_owned(), text.into()));
    }

    /// The row of `part` whose metric is `metric`.
    /// Judges `metric`'s ratio to its baseline against `bound` (at least,
    /// or at most) and adds it to the goals; nothing when not measured.
    pub fn goal_ratio(
        &mut self,
        part: &str,
        metric: &str,
        target: &str,
        bound: f64,
        at_least: bool,
    ) {
        let Some(row) = self.find(part, metric) else {
            return;
        };
        let Some(ratio) = row.ratio() else {
            return;
        };
        let base = row.baseline.map(|b| b.median).unwrap_or_default();
        let met = if at_least {
            ratio >= bound
        } else {
            ratio <= bound
        };
        let margin = ((ratio / bound) - 1.0).abs() * 100.0;
        let goal = Goal {
            target: target.into(),
            measured: format!(
                "ours {} {} vs {} {} {} = {ratio:.2}×",
                fmt_num(row.ours.median),
                row.unit,
                row.baseline_name,
                fmt_num(base),
                row.unit
            ),
            met: Some(met),
            margin: if met {
                format!("met by {margin:.0}%")
            } else {
                format!("missed by {margin:.0}%")
            },
        };
        self.goals.push(goal);
    }

    pub fn find(&self, part: &str, metric: &str) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.part == part && r.metric == metric)
    }

    /// The report as Markdown.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Returns benchmark report\n");
        for (key, value) in &self.header {
            let _ = writeln!(out, "- **{key}:** {value}");
        }
        let _ = writeln!(
            out,
            "\nEach figure is the median of several runs, with the lowest and highest run; \
             the ratio is our median over the baseline's median, both measured in this run. \
             Latencies are per-run percentiles (p50/p99), then the median over runs.\n"
        );
        if !self.goals.is_empty() {
            let _ = writeln!(out, "## Goals\n");
            let _ = writeln!(out, "| goal | measured | met | margin |");
            let _ = writeln!(out, "|---|---|---|---|");
            for g in &self.goals {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    g.target,
                    g.measured,
                    match g.met {
                        Some(true) => "met",
                        Some(false) => "**missed**",
                        None => "not measured",
                    },
                    g.margin
                );
            }
            out.push('\n');
        }
        let mut parts: Vec<&str> = Vec::new();
        for r in &self.rows {
            if !parts.contains(&r.part.as_str()) {
                parts.push(&r.part);
            }
        }
        for (part, _) in &self.notes {
            if !parts.contains(&part.as_str()) {
                parts.push(part);
            }
        }
        for part in parts {
            let _ = writeln!(out, "## {part}\n");
            let rows: Vec<&Row> = self.rows.iter().filter(|r| r.part == part).collect();
            if !rows.is_empty() {
                let _ = writeln!(
                    out,
                    "| metric | unit | ours (median) | min | max | baseline | baseline (median) | ratio ours/baseline |"
                );
                let _ = writeln!(out, "|---|---|--:|--:|--:|---|--:|--:|");
                for r in rows {
                    let (base, ratio) = match (r.baseline, r.ratio()) {
                        (Some(b), Some(x)) => (fmt_num(b.median), format!("{x:.2}×")),
                        (Some(b), None) => (fmt_num(b.median), "–".to_owned()),
                        _ => ("–".to_owned(), "–".to_owned()),
                    };
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} | {} | {} | {} | {} | {} |",
                        r.metric,
                        r.unit,
                        fmt_num(r.ours.median),
                        fmt_num(r.ours.min),
                        fmt_num(r.ours.max),
                        if r.baseline.is_some() {
                            r.baseline_name.as_str()
                        } else {
                            "–"
                        },
                        base,
                        ratio
                    );
                }
                out.push('\n');
            }
            for (p, text) in &self.notes {
                if p == part {
                    let _ = writeln!(out, "- {text}");
                }
            }
            out.push('\n');
        }
        out
    }

    /// The figures as CSV, one row per figure.
    pub fn csv(&self) -> String {
        let mut out = String::from(
            "part,metric,unit,better,runs,ours_median,ours_min,ours_max,baseline,baseline_median,baseline_min,baseline_max,ratio\n",
        );
        for r in &self.rows {
            let b = r.baseline;
            let _ = writeln!(
                out,
                "{},{},{},{},{},{:.3},{:.3},{:.3},{},{},{},{},{}",
                csv_field(&r.part),
                csv_field(&r.metric),
                csv_field(r.unit),
                match r.better {
                    Better::Higher => "higher",
                    Better::Lower => "lower",
                },
                r.ours.runs,
                r.ours.median,
                r.ours.min,
                r.ours.max,
                csv_field(if b.is_some() { &r.baseline_name } else { "" }),
                b.map(|b| format!("{:.3}", b.median)).unwrap_or_default(),
                b.map(|b| format!("{:.3}", b.min)).unwrap_or_default(),
                b.map(|b| format!("{:.3}", b.max)).unwrap_or_default(),
                r.ratio().map(|x| format!("{x:.4}")).unwrap_or_default(),
            );
        }
        out
    }

    /// Writes the Markdown to `md` and the CSV to `csv`.
    pub fn write(&self, md: &Path, csv: &Path) -> std::io::Result<()> {
        std::fs::write(md, self.markdown())?;
        std::fs::write(csv, self.csv())
    }
}

/// A figure with digits that matter: thousands separated, decimals only when small.
pub fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        return "–".to_owned();
    }
    if x.abs() >= 100.0 {
        let rounded = x.round() as i64;
        let digits = rounded.abs().to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if rounded < 0 {
            format!("-{grouped}")
        } else {
            grouped
        }
    } else if x.abs() >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_and_small_ones_keep_decimals() {
        assert_eq!(fmt_num(1_234_567.4), "1,234,567");
        assert_eq!(fmt_num(12.345), "12.3");
        assert_eq!(fmt_num(0.5), "0.50");
    }

    #[test]
    fn csv_quotes_fields_with_commas() {
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("plain"), "plain");
    }
}
