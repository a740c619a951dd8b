//! `returns token create|list|revoke`.

use std::process::ExitCode;

use chrono::{DateTime, Utc};
use unicode_width::UnicodeWidthStr;

use crate::auth::tokens::TokenInfo;
use crate::settings::TokenCommand;
use crate::startup::open;

/// Manages tokens in the database at `database_url`.
pub async fn run(database_url: &str, command: TokenCommand) -> anyhow::Result<ExitCode> {
    let (store, tokens) = open(database_url).await?;
    // Servers on the same PostgreSQL must hear of a revocation at once.
    let tokens = tokens.with_cache(crate::auth::CredentialCache::announcer(&store));
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
            let now = store.clock().now();
            let rows: Vec<[String; 5]> = tokens
                .list()
                .await?
                .into_iter()
                .map(|t| {
                    [
                        t.id.clone(),
                        t.actor.clone(),
                        t.role.clone(),
                        t.created_at.to_rfc3339(),
                        status(&t, now),
                    ]
                })
                .collect();
            print!(
                "{}",
                table(["id", "actor", "role", "created", "status"], &rows)
            );
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

/// Whether a token still works, and since or until when: a revoked or
/// expired token must never read as if it were live.
fn status(t: &TokenInfo, now: DateTime<Utc>) -> String {
    match (t.revoked_at, t.expires_at) {
        (Some(at), _) => format!("REVOKED {}", at.to_rfc3339()),
        (None, Some(at)) if at <= now => format!("EXPIRED {}", at.to_rfc3339()),
        (None, Some(at)) => format!("active, expires {}", at.to_rfc3339()),
        (None, None) => "active".to_owned(),
    }
}

/// Rows under a header, each column as wide as its widest cell in display
/// columns (a CJK character takes two), so long names never shift the
/// columns after them.
fn table<const N: usize>(header: [&str; N], rows: &[[String; N]]) -> String {
    let mut widths = header.map(UnicodeWidthStr::width);
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let line = |cells: [&str; N]| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 == N {
                out.push_str(cell);
            } else {
                out.push_str(cell);
                out.push_str(&" ".repeat(widths[i] - cell.width() + 2));
            }
        }
        out.push('\n');
        out
    };
    let mut out = line(header);
    for row in rows {
        out.push_str(&line(row.each_ref().map(String::as_str)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_after_long_and_wide_names() {
        let rows = [
            [
                "a1".to_owned(),
                "warehouse-night-shift-lead".to_owned(),
                "x".to_owned(),
            ],
            ["b2".to_owned(), "王小明".to_owned(), "y".to_owned()],
        ];
        let text = table(["id", "actor", "role"], &rows);
        let starts: Vec<usize> = text
            .lines()
            .map(|l| {
                let cut = l.rfind("  ").map_or(0, |i| i + 2);
                l[..cut].width()
            })
            .collect();
        assert_eq!(starts.len(), 3);
        assert!(starts.iter().all(|s| *s == starts[0]), "{text}");
    }

    #[test]
    fn expired_and_revoked_tokens_are_marked() {
        let now = Utc::now();
        let token = |expires_at, revoked_at| TokenInfo {
            id: "abc".into(),
            actor: "a".into(),
            role: "finance".into(),
            created_at: now,
            expires_at,
            revoked_at,
        };
        let hour = chrono::Duration::hours(1);
        assert!(status(&token(Some(now - hour), None), now).starts_with("EXPIRED"));
        assert!(status(&token(None, Some(now - hour)), now).starts_with("REVOKED"));
        assert!(status(&token(Some(now + hour), None), now).starts_with("active"));
        assert_eq!(status(&token(None, None), now), "active");
    }
}
