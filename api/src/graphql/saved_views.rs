//! Agents' saved views of the worklist: a name for a set of filters and a
//! sort, kept per account on the server so they follow the agent.

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::context::{app, request_id, require_view};
use crate::auth::View;
use crate::error::{ApiError, IntoGql};
use crate::storage::saved_views::{self, SavedViewRow};

/// The screen saved views belong to (the only one with filters to keep).
const SCREEN: &str = "worklist";

/// The URL query keys a view may keep: filters and sort. Not the search
/// box (`q`): it may hold a customer's name or phone, which no table keeps
/// in the clear.
pub const VIEW_KEYS: [&str; 7] = [
    "status",
    "kind",
    "channel",
    "assignee",
    "sla",
    "attention",
    "sort",
];

const MAX_NAME: usize = 60;
const MAX_QUERY: usize = 1000;

/// A named set of worklist filters and a sort.
#[derive(SimpleObject, Debug, Clone)]
pub struct SavedView {
    /// Its name, unique per account.
    pub name: String,
    /// The worklist's filters and sort as its URL query
    /// (`status=APPLIED&sort=-paid`).
    pub query: String,
    /// When it was last saved.
    pub saved_at: DateTime<Utc>,
}

impl From<SavedViewRow> for SavedView {
    fn from(row: SavedViewRow) -> Self {
        Self {
            name: row.name,
            query: row.query,
            saved_at: row.saved_at,
        }
    }
}

/// The view's name, trimmed, or why it cannot be one.
fn check_name(name: &str) -> Result<String, ApiError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
        return Err(ApiError::Validation(format!(
            "a view's name is 1..={MAX_NAME} characters without control characters"
        )));
    }
    Ok(name.to_owned())
}

/// The query, if it keeps only filters and sort (`key=value` pairs joined
/// by `&`, keys from [`VIEW_KEYS`], each at most once).
fn check_query(query: &str) -> Result<String, ApiError> {
    let query = query.trim().trim_start_matches('?');
    if query.len() > MAX_QUERY {
        return Err(ApiError::Validation(format!(
            "a view's query is at most {MAX_QUERY} bytes"
        )));
    }
    let mut seen = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if !VIEW_KEYS.contains(&key) {
            return Err(ApiError::Validation(format!(
                "a view keeps filters and sort ({}), not `{key}`",
                VIEW_KEYS.join(", ")
            )));
        }
        if seen.contains(&key) || value.is_empty() || value.chars().any(char::is_control) {
            return Err(ApiError::Validation(format!(
                "`{key}` must appear once, with a value"
            )));
        }
        seen.push(key);
    }
    Ok(query.to_owned())
}

fn store_error(ctx: &Context<'_>, error: &returns_eventstore::Error) -> ApiError {
    ApiError::from_store(request_id(ctx), error)
}

/// The caller's saved views.
#[derive(Default)]
pub struct SavedViewQuery;

#[Object]
impl SavedViewQuery {
    /// The caller's saved views of the worklist, by name.
    async fn saved_views(&self, ctx: &Context<'_>) -> Result<Vec<SavedView>> {
        async {
            let who = require_view(ctx, View::CustomerService)?;
            let rows = saved_views::of(app(ctx)?.store.db(), &who.actor, SCREEN)
                .await
                .map_err(|e| store_error(ctx, &e))?;
            Ok(rows.into_iter().map(Into::into).collect())
        }
        .await
        .gql()
    }
}

/// Saving and deleting the caller's views.
#[derive(Default)]
pub struct SavedViewMutation;

#[Object]
impl SavedViewMutation {
    /// Saves a view of the worklist under `name` for the caller, replacing
    /// their view of that name.
    async fn save_view(&self, ctx: &Context<'_>, name: String, query: String) -> Result<SavedView> {
        async {
            let who = require_view(ctx, View::CustomerService)?;
            let app = app(ctx)?;
            let row = SavedViewRow {
                actor: who.actor,
                screen: SCREEN.to_owned(),
                name: check_name(&name)?,
                query: check_query(&query)?,
                saved_at: app.store.clock().now(),
            };
            saved_views::save(app.store.db(), &row)
                .await
                .map_err(|e| store_error(ctx, &e))?;
            Ok(SavedView::from(row))
        }
        .await
        .gql()
    }

    /// Deletes the caller's view `name`; false when they had none.
    async fn delete_view(&self, ctx: &Context<'_>, name: String) -> Result<bool> {
        async {
            let who = require_view(ctx, View::CustomerService)?;
            saved_views::delete(app(ctx)?.store.db(), &who.actor, SCREEN, name.trim())
                .await
                .map_err(|e| store_error(ctx, &e))
        }
        .await
        .gql()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_keeps_filters_and_sort_but_never_a_search() {
        assert_eq!(
            check_query("?status=APPLIED&sort=-paid").ok().as_deref(),
            Some("status=APPLIED&sort=-paid")
        );
        assert_eq!(check_query("").ok().as_deref(), Some(""));
        assert!(check_query("q=%E5%BC%A0%E4%B8%89").is_err());
        assert!(check_query("status=APPLIED&status=CLOSED").is_err());
        assert!(check_query("status=").is_err());
        assert!(check_name("  ").is_err());
        assert_eq!(check_name(" 待审核 ").ok().as_deref(), Some("待审核"));
    }
}
