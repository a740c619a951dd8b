//! The `returns` subcommands, one file each. CLI glue reports with `anyhow`.

pub mod demo;
pub mod import;
pub mod mapping;
pub mod pack;
pub mod privacy;
pub mod rebuild;
pub mod schema;
pub mod seal;
pub mod serve;
pub mod token;
pub mod user;
pub mod verify;

use crate::settings::{normalise_database_url, Cli, Command};

/// Runs the parsed command line; the exit code is non-zero on any failure
/// (and on a broken chain for `verify`).
pub async fn run(cli: Cli) -> anyhow::Result<std::process::ExitCode> {
    let database_url = normalise_database_url(&cli.database_url);
    // Parsed here, reported only by the commands that need it.
    let master_key = cli.master_key();
    let tickets = cli.ticket_settings();
    let connect = cli.connect_options();
    match cli.command {
        // `serve --demo` is `demo`: decided here, so `serve` and `demo`
        // do not call each other.
        Command::Serve(args) if args.demo => {
            demo::run(&database_url, &args, master_key?, tickets, connect).await
        }
        Command::Serve(args) => {
            serve::run(&database_url, &args, master_key?, tickets, connect).await
        }
        Command::Demo(args) => demo::run(&database_url, &args, master_key?, tickets, connect).await,
        Command::Token(command) => token::run(&database_url, command).await,
        Command::User(command) => user::run(&database_url, command).await,
        Command::Verify(args) => verify::run(&database_url, &args, master_key?).await,
        Command::EvidencePack(args) => pack::write(&database_url, &args, master_key?).await,
        Command::VerifyPack(args) => pack::check(&args),
        Command::Import(args) => import::run(&database_url, &args, master_key?, tickets).await,
        Command::Mapping(command) => mapping::run(command).await,
        Command::Seal => seal::run(&database_url).await,
        Command::Rebuild(args) => rebuild::run(&database_url, &args).await,
        Command::Lag => rebuild::lag(&database_url).await,
        Command::Schema => schema::run(),
        Command::Erase(args) => privacy::erase(&database_url, &args, master_key?, tickets).await,
        Command::ExportSubject(args) => {
            privacy::export(&database_url, &args, master_key?, tickets).await
        }
        Command::Keys(command) => privacy::keys(&database_url, command, master_key?).await,
    }
}
