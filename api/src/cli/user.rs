//! `returns user create|list|disable|reset-password`.

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use anyhow::Context;

use crate::auth::Users;
use crate::settings::UserCommand;
use crate::startup::open;

/// A password from the terminal (asked twice), or the first line of
/// standard input when that is not a terminal (scripts pipe it in).
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("password: ").context("cannot read the password")?;
        let again = rpassword::prompt_password("again: ").context("cannot read the password")?;
        anyhow::ensure!(first == again, "the passwords differ");
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

/// Manages staff accounts in the database at `database_url`.
pub async fn run(database_url: &str, command: UserCommand) -> anyhow::Result<ExitCode> {
    let (store, _tokens) = open(database_url).await?;
    // The command line serves no requests, but the servers on the same
    // PostgreSQL must hear that an account's sessions ended.
    let users = Users::new(store.db().clone(), store.clock())
        .with_cache(crate::auth::CredentialCache::announcer(&store));
    match command {
        UserCommand::Create { name, role } => {
            let password = read_password()?;
            let user = users.create(&name, &role, &password).await?;
            println!("created {} as {}", user.name, user.role);
        }
        UserCommand::List => {
            println!("{:<24}  {:<16}  {:<25}  status", "name", "role", "created");
            for u in users.list().await? {
                let status = match u.disabled_at {
                    Some(at) => format!("disabled {}", at.to_rfc3339()),
                    None => "active".to_owned(),
                };
                println!(
                    "{:<24}  {:<16}  {:<25}  {status}",
                    u.name,
                    u.role,
                    u.created_at.to_rfc3339()
                );
            }
        }
        UserCommand::Disable { name } => {
            users.disable(&name).await?;
            println!("disabled {name}; its sessions ended");
        }
        UserCommand::ResetPassword { name } => {
            let password = read_password()?;
            users.reset_password(&name, &password).await?;
            println!("password of {name} reset; its sessions ended");
        }
    }
    Ok(ExitCode::SUCCESS)
}
