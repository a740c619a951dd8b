//! The GraphQL schema: one file per area, merged into one `Query`,
//! `Mutation` and `Subscription`, so a new area plugs in with one line here.
//!
//! - [`ticket_query`] — `ticket(id)`;
//! - [`audit`] — history, state as of, verification, the raw log, seals;
//! - [`department`] — each department's read-model queries;
//! - [`payouts`] — finance's payout queue and the server's payout mode;
//! - [`saved_views`] — agents' saved worklist views;
//! - [`webhooks`] — outbound webhook endpoints, deliveries and dead letters;
//! - [`mutations`] — one mutation per domain command, by department;
//! - [`subscription`] — `ticketEvents`, `departmentQueue`;
//! - [`context`] — the guards each resolver calls first;
//! - [`types`] — shared output and input types.
//!
//! Abuse limits: [`MAX_DEPTH`], [`MAX_COMPLEXITY`] and [`MAX_PAGE_SIZE`]
//! (the request body limit is in [`crate::http`]).

pub mod audit;
pub mod context;
pub mod department;
pub mod error_codes;
pub mod mutations;
pub mod parcels;
pub mod payouts;
pub mod personal;
pub mod platform_tasks;
pub mod saved_views;
pub mod subscription;
pub mod ticket_query;
pub mod types;
pub mod webhooks;

use async_graphql::{MergedObject, Schema, SchemaBuilder};

use crate::state::AppState;

pub use mutations::Mutation;
pub use subscription::Subscription;

/// Deepest selection a query may nest. GraphiQL's introspection query nests
/// about 13 levels (`ofType` chains), so the limit leaves room for it.
pub const MAX_DEPTH: usize = 16;
/// Most fields one query may select in total.
pub const MAX_COMPLEXITY: usize = 1000;
/// Most items one page of a list may hold.
pub const MAX_PAGE_SIZE: i64 = 100;

/// Every query of the API.
#[derive(MergedObject, Default)]
pub struct Query(
    ticket_query::TicketQuery,
    audit::AuditQuery,
    department::DepartmentQuery,
    payouts::PayoutQuery,
    webhooks::WebhookQuery,
    saved_views::SavedViewQuery,
    parcels::ParcelQuery,
    platform_tasks::PlatformTaskQuery,
);

/// The API's schema type.
pub type AppSchema = Schema<Query, Mutation, Subscription>;

/// The schema with its limits, without data (for SDL export and tests).
pub fn schema_builder() -> SchemaBuilder<Query, Mutation, Subscription> {
    Schema::build(Query::default(), Mutation::default(), Subscription)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .extension(error_codes::ErrorCodes)
}

/// The schema serving `state`.
pub fn build_schema(state: AppState) -> AppSchema {
    schema_builder().data(state).finish()
}

/// The SDL as committed in `schema.graphql`: sorted, so it never churns.
pub fn sdl() -> String {
    schema_builder().finish().sdl_with_options(
        async_graphql::SDLExportOptions::new()
            .sorted_fields()
            .sorted_arguments()
            .sorted_enum_items(),
    )
}
