//! Sealing the log on demand.

use async_graphql::{Context, Object, Result};

use crate::auth::View;
use crate::error::{ApiError, IntoGql};
use crate::graphql::audit::SealView;
use crate::graphql::context::{app, request_id, require_view};

/// The admin's seal.
#[derive(Default)]
pub struct SealMutation;

#[Object]
impl SealMutation {
    /// Records a seal of the current log head now (the server also seals at an interval).
    async fn seal_log(&self, ctx: &Context<'_>) -> Result<SealView> {
        async {
            require_view(ctx, View::Seal)?;
            let app = app(ctx)?;
            let seal = app
                .store
                .seal()
                .await
                .map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
            Ok(SealView::from(seal))
        }
        .await
        .gql()
    }
}
