//! `returns rebuild [NAME|all]`: drops read models and replays the log into
//! them, with a progress bar; `returns lag`: how far each projection is behind.

use std::process::ExitCode;

use returns_eventstore::EventStore;

use crate::settings::RebuildArgs;

/// Rebuilds the named projection (or all) from position 0.
///
/// On SQLite stop `returns serve` first: SQLite has no cross-process lock to
/// keep a running server's projection runner out (PostgreSQL refuses while
/// a runner holds the projection's lock).
pub async fn run(database_url: &str, args: &RebuildArgs) -> anyhow::Result<ExitCode> {
    let store = EventStore::connect(database_url).await?;
    let report = returns_projections::rebuild_with_progress_bar(&store, &args.projection).await?;
    println!(
        "rebuilt {} from {} events up to position {} in {:.1?} ({:.0} events/s)",
        report.projections.join(", "),
        report.events,
        report.position,
        report.elapsed,
        report.events_per_second()
    );
    Ok(ExitCode::SUCCESS)
}

/// Prints each projection's checkpoint, the log head and the gap.
pub async fn lag(database_url: &str) -> anyhow::Result<ExitCode> {
    let store = EventStore::connect(database_url).await?;
    returns_projections::migrate(&store).await?;
    println!(
        "{:<24} {:>12} {:>12} {:>10}  caught up",
        "projection", "checkpoint", "head", "behind"
    );
    for lag in returns_projections::lag(&store).await? {
        println!(
            "{:<24} {:>12} {:>12} {:>10}  {}",
            lag.name, lag.checkpoint, lag.head, lag.behind, lag.caught_up
        );
    }
    Ok(ExitCode::SUCCESS)
}
