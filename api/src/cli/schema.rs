//! `returns schema`: prints the SDL committed as `schema.graphql`.

use std::process::ExitCode;

/// Prints the schema.
pub fn run() -> anyhow::Result<ExitCode> {
    print!("{}", crate::graphql::sdl());
    Ok(ExitCode::SUCCESS)
}
