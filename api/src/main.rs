//! The `returns` binary: parses the command line and runs the subcommand.

use std::process::ExitCode;

use clap::Parser;
use returns::settings::Cli;

// Reads build a JSON tree per event, so the allocator matters (the store bench
// measured read_all at 0.28x of a plain scan with glibc's allocator, 0.48x
// with mimalloc). jemalloc is as quick, and it also serves SQLite's malloc
// (the crate's `unprefixed_malloc_on_supported_platforms`), whose connections
// each had a glibc arena of their own before; mimalloc v3 also kept freed
// memory in transparent huge pages. Under the same loads the server now holds
// 30-55 MiB less (bench/REPORT.md, issue #28).
#[cfg(feature = "jemalloc")]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    returns::logging::init(cli.log_format);
    match returns::cli::run(cli).await {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
