//! `returns serve`: runs the server until SIGINT/SIGTERM.

use std::io::Write;
use std::process::ExitCode;

use returns_tickets::privacy::MasterKey;
use returns_tickets::TicketSettings;

use crate::settings::{ServeArgs, Settings};
use crate::startup::{shutdown_signal, Application};

/// The line the server prints once it accepts connections; tests parse it.
pub const LISTENING_PREFIX: &str = "listening on http://";

/// Builds and serves the application.
pub async fn run(
    database_url: &str,
    args: &ServeArgs,
    master_key: Option<MasterKey>,
    tickets: TicketSettings,
    connect: returns_eventstore::ConnectOptions,
) -> anyhow::Result<ExitCode> {
    // Serving without a key would store personal data that can never be
    // erased; a production default must not pretend.
    let Some(master_key) = master_key else {
        anyhow::bail!("{}", super::privacy::NO_MASTER_KEY);
    };
    let mut settings = Settings::new(database_url, args);
    settings.master_key = Some(master_key);
    settings.tickets = tickets;
    settings.connect = connect;
    let app = Application::build(settings).await?;
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
