//! `returns demo` (or `serve --demo`): seeds the demo tickets, prints one
//! token per role, then serves.

use std::process::ExitCode;

use crate::auth::principal::TOKEN_ROLES;
use crate::demo::seed;
use crate::settings::{ServeArgs, Settings};
use crate::startup::Application;

/// Seeds, prints tokens and serves.
pub async fn run(database_url: &str, args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let app = Application::build(Settings::for_demo(database_url, args)).await?;
    let summary = seed(&app.state().store, &app.state().policies).await?;
    println!(
        "demo: {} tickets ready ({} new commands) in {database_url}",
        summary.tickets, summary.commands_written
    );
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
    println!(
        "try: {{\"Authorization\": \"Bearer <warehouse token>\"}} and query auditLog or ticket(id: …)"
    );
    super::serve::serve(app).await
}
