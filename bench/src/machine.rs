//! What the report says about the machine and the run.

use std::time::Duration;

use crate::Settings;

/// The 1/5/15-minute load averages, as `/proc/loadavg` prints them.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn first_minute(load: &str) -> f64 {
    load.split_whitespace()
        .next()
        .and_then(|x| x.parse().ok())
        .unwrap_or(0.0)
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn memory_gib() -> String {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("MemTotal"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| format!("{:.0} GiB", kb / 1024.0 / 1024.0))
        .unwrap_or_else(|| "unknown".into())
}

fn git_commit() -> String {
    std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "unknown".into())
}

/// The report's header lines.
pub fn header(
    command: &str,
    s: &Settings,
    load_before: &str,
    load_after: &str,
    took: Duration,
) -> Vec<(String, String)> {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let busy = first_minute(load_before) > 0.5 || first_minute(load_after) > cores as f64;
    let mut h = vec![
        ("Command".to_owned(), format!("`{command}`")),
        (
            "When".to_owned(),
            chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string(),
        ),
        ("Commit".to_owned(), git_commit()),
        (
            "Machine".to_owned(),
            format!("{cores} cores ({}), {}", cpu_model(), memory_gib()),
        ),
        (
            "Load average (1/5/15 min)".to_owned(),
            format!("before {load_before}; after {load_after}"),
        ),
        (
            "Settings".to_owned(),
            format!(
                "{} runs per figure, {:.1} s per throughput run, {} loads per latency run",
                s.runs,
                s.duration.as_secs_f64(),
                s.loads
            ),
        ),
        ("Took".to_owned(), format!("{:.0} s", took.as_secs_f64())),
    ];
    if busy {
        h.push((
            "Caution".to_owned(),
            "the machine had other work running (load average above idle before the run); \
             figures are lower and noisier than on a quiet machine"
                .to_owned(),
        ));
    }
    h
}
