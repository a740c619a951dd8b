//! `returns demo` (or `serve --demo`): seeds the demo tickets, prints one
//! console user with a fresh password and one token per role, then serves.

use std::process::ExitCode;

use rand::distr::{Alphanumeric, SampleString};
use returns_domain::Role;
use sha2::Digest;

use crate::auth::principal::TOKEN_ROLES;
use std::sync::Arc;

use crate::demo::{seed, DemoClock};
use returns_eventstore::{EventStore, StoreOptions};
use returns_tickets::privacy::MasterKey;
use returns_tickets::TicketSettings;

use crate::settings::{ServeArgs, Settings};
use crate::startup::Application;

/// Seeds, prints tokens and serves.
pub async fn run(
    database_url: &str,
    args: &ServeArgs,
    master_key: Option<MasterKey>,
    tickets: TicketSettings,
    connect: returns_eventstore::ConnectOptions,
) -> anyhow::Result<ExitCode> {
    let mut settings = Settings::for_demo(database_url, args);
    settings.tickets = tickets;
    settings.connect = connect;
    settings.master_key = Some(match master_key {
        Some(key) => key,
        None => demo_master_key(database_url)?,
    });
    // The store records each seeded step at its past time through this clock,
    // which runs with the machine's time again once seeding is done.
    let clock = Arc::new(DemoClock::default());
    let store = EventStore::connect_with(
        &settings.database_url,
        StoreOptions {
            clock: clock.clone(),
            ..StoreOptions::default()
        },
    )
    .await?;
    let (store, tokens) = crate::startup::open_store(store).await?;
    let app = Application::build_with(settings, store, tokens).await?;
    let summary = seed(&app.state().tickets, &app.state().policies, Some(&clock)).await?;
    println!(
        "demo: {} tickets ready ({} new commands) in {database_url}",
        summary.tickets, summary.commands_written
    );
    println!(
        "console: sign in at http://{}/ as (user / password, new on every start):",
        app.address()
    );
    for role in TOKEN_ROLES {
        let name = format!("demo-{}", role.as_str().replace('_', "-"));
        let password = Alphanumeric.sample_string(&mut rand::rng(), 16);
        let users = &app.state().users;
        match users.create(&name, role.as_str(), &password).await {
            Ok(_) => {}
            Err(crate::auth::UserError::Exists(_)) => {
                users.reset_password(&name, &password).await?
            }
            Err(e) => return Err(e.into()),
        }
        println!("  {:<17} {name} / {password}", role.as_str());
    }
    println!("tokens (send as `Authorization: Bearer <token>`; in GraphiQL, under Headers):");
    for role in TOKEN_ROLES {
        let actor = format!("demo-{}", role.as_str().replace('_', "-"));
        let (token, _) = app
            .state()
            .tokens
            .create(&actor, role.as_str(), None)
            .await?;
        println!("  {:<17} {token}", role.as_str());
    }
    println!("try, with each role's token (every role may also read ticket(id: …)):");
    for role in TOKEN_ROLES {
        println!("  {:<17} {}", role.as_str(), example_query(role));
    }
    super::serve::serve(app).await
}

/// A query that `role` may run and that shows its department's work; the
/// end-to-end suite runs each with its role's token, so none can fail.
pub fn example_query(role: Role) -> &'static str {
    match role {
        Role::CustomerService => "{ worklist(first: 5) { nodes { ticketId status nextAction } } }",
        Role::Warehouse => {
            "{ warehouseQueue(queue: AWAITING_INSPECTION, first: 5) { nodes { ticketId status trackingNumber } } }"
        }
        Role::Finance => "{ refunds(first: 5) { nodes { refundId status amount { amountMinor currency } } } }",
        Role::Auditor => "{ auditLog(first: 5) { nodes { position eventType actor } } }",
        Role::Admin | Role::System => "{ projectionLag { name checkpoint head behind } }",
    }
}

/// The demo's master key: read from, or made into, a file beside the SQLite
/// database (`<file>.master-key`), or in the temporary directory for a
/// server database; the path is printed so the key can be found again.
fn demo_master_key(database_url: &str) -> anyhow::Result<MasterKey> {
    let path = match database_url.strip_prefix("sqlite:") {
        Some(file) => {
            let file = file.trim_start_matches("//");
            let file = file.split('?').next().unwrap_or(file);
            std::path::PathBuf::from(format!("{file}.master-key"))
        }
        None => {
            let digest = sha2::Sha256::digest(database_url.as_bytes());
            std::env::temp_dir().join(format!(
                "returns-demo-{}.master-key",
                hex::encode(&digest[..6])
            ))
        }
    };
    if path.exists() {
        let key = MasterKey::from_file(&path)?;
        println!("demo: master key read from {}", path.display());
        return Ok(key);
    }
    let key = MasterKey::generate();
    write_secret(&path, &format!("{}\n", key.to_hex()))?;
    println!(
        "demo: made a master key in {} (RETURNS_MASTER_KEY_FILE for other commands)",
        path.display()
    );
    tracing::info!(path = %path.display(), "demo master key made");
    Ok(key)
}

/// Writes `text` to a new file only its owner may read.
fn write_secret(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(text.as_bytes())
}
