//! `saved_views`: each account's named views of a console screen.

use chrono::{DateTime, Utc};
use returns_eventstore::db::Db;
use returns_eventstore::{statement, Result};

/// One saved view.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SavedViewRow {
    /// Whose it is (the account's actor name).
    pub actor: String,
    /// The screen it belongs to (`worklist`).
    pub screen: String,
    /// Its name, unique per account and screen.
    pub name: String,
    /// The screen's filters and sort as a URL query.
    pub query: String,
    /// When it was last saved.
    pub saved_at: DateTime<Utc>,
}

/// Stores the view, replacing the account's view of that name on that screen.
pub async fn save(db: &Db, row: &SavedViewRow) -> Result<()> {
    db.execute(&statement!(
        "INSERT INTO saved_views (actor, screen, name, query, saved_at) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (actor, screen, name) \
         DO UPDATE SET query = excluded.query, saved_at = excluded.saved_at",
        row.actor.as_str(),
        row.screen.as_str(),
        row.name.as_str(),
        row.query.as_str(),
        row.saved_at
    ))
    .await?;
    Ok(())
}

/// The account's views of `screen`, by name.
pub async fn of(db: &Db, actor: &str, screen: &str) -> Result<Vec<SavedViewRow>> {
    db.fetch_all(&statement!(
        "SELECT actor, screen, name, query, saved_at FROM saved_views \
         WHERE actor = $1 AND screen = $2 ORDER BY name",
        actor,
        screen
    ))
    .await
}

/// Deletes the account's view; whether there was one.
pub async fn delete(db: &Db, actor: &str, screen: &str, name: &str) -> Result<bool> {
    let deleted = db
        .execute(&statement!(
            "DELETE FROM saved_views WHERE actor = $1 AND screen = $2 AND name = $3",
            actor,
            screen,
            name
        ))
        .await?;
    Ok(deleted > 0)
}
