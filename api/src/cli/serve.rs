//! `returns serve`: runs the server until SIGINT/SIGTERM.

use std::io::Write;
use std::process::ExitCode;

use crate::settings::{ServeArgs, Settings};
use crate::startup::{shutdown_signal, Application};

/// The line the server prints once it accepts connections; tests parse it.
pub const LISTENING_PREFIX: &str = "listening on http://";

/// Builds and serves the application.
pub async fn run(database_url: &str, args: &ServeArgs) -> anyhow::Result<ExitCode> {
    if args.demo {
        return super::demo::run(database_url, args).await;
    }
    let app = Application::build(Settings::new(database_url, args)).await?;
    serve(app).await
}

/// Announces the address and serves `app` until a signal.
pub async fn serve(app: Application) -> anyhow::Result<ExitCode> {
    // Signals are handled from before the address is announced.
    let stop = shutdown_signal();
    let address = app.address();
    println!("{LISTENING_PREFIX}{address}");
    println!("console: http://{address}/  GraphiQL: http://{address}/graphiql");
    std::io::stdout().flush()?;
    tracing::info!(%address, "serving");
    app.run_until(stop).await?;
    Ok(ExitCode::SUCCESS)
}
