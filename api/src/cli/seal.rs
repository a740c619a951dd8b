//! `returns seal`: records a seal of the log head now.

use std::process::ExitCode;

use returns_eventstore::EventStore;

/// Seals the log at `database_url`.
pub async fn run(database_url: &str) -> anyhow::Result<ExitCode> {
    let store = EventStore::connect(database_url).await?;
    let seal = store.seal().await?;
    println!(
        "seal {} at head position {} over {} streams: {}",
        seal.seal_id,
        seal.head_position,
        seal.stream_count,
        hex::encode(&seal.heads_hash)
    );
    Ok(ExitCode::SUCCESS)
}
