//! `returns token create|list|revoke`.

use std::process::ExitCode;

use crate::settings::TokenCommand;
use crate::startup::open;

/// Manages tokens in the database at `database_url`.
pub async fn run(database_url: &str, command: TokenCommand) -> anyhow::Result<ExitCode> {
    let (store, tokens) = open(database_url).await?;
    match command {
        TokenCommand::Create {
            role,
            actor,
            expires_in_days,
        } => {
            let expires_at =
                expires_in_days.map(|d| store.clock().now() + chrono::Duration::days(d));
            let (token, info) = tokens.create(&actor, &role, expires_at).await?;
            eprintln!(
                "token {} for {} as {} (shown once; store it now):",
                info.id, info.actor, info.role
            );
            println!("{token}");
        }
        TokenCommand::List => {
            println!(
                "{:<12}  {:<16}  {:<16}  {:<25}  status",
                "id", "actor", "role", "created"
            );
            for t in tokens.list().await? {
                let status = match (t.revoked_at, t.expires_at) {
                    (Some(at), _) => format!("revoked {}", at.to_rfc3339()),
                    (None, Some(at)) => format!("expires {}", at.to_rfc3339()),
                    (None, None) => "active".to_owned(),
                };
                println!(
                    "{:<12}  {:<16}  {:<16}  {:<25}  {status}",
                    t.id,
                    t.actor,
                    t.role,
                    t.created_at.to_rfc3339()
                );
            }
        }
        TokenCommand::Revoke { id } => {
            let revoked = tokens.revoke(&id).await?;
            if revoked == 0 {
                eprintln!("no active token with id {id} (give at least 8 hex digits)");
                return Ok(ExitCode::FAILURE);
            }
            println!("revoked {revoked} token(s)");
        }
    }
    Ok(ExitCode::SUCCESS)
}
