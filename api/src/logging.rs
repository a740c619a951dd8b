//! The log on stderr: `tracing` events filtered by `RETURNS_LOG`, written as
//! text or JSON lines ([`LogFormat`]).

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

use crate::settings::LogFormat;

/// Installs the process's log subscriber; call once, at start-up.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_env("RETURNS_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        // Colour codes would end up as noise in files, pipes and collectors.
        LogFormat::Text => builder.with_ansi(std::io::stderr().is_terminal()).init(),
        LogFormat::Json => builder.json().with_ansi(false).init(),
    }
}
