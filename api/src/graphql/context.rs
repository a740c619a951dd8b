//! What a resolver knows about its request, and the guards every resolver
//! calls first: authentication, then the role check, before any other work.

use async_graphql::Context;
use returns_domain::CommandKind;
use uuid::Uuid;

use crate::auth::{Principal, View};
use crate::error::ApiError;
use crate::state::AppState;

/// The caller of this request, if its token was valid.
#[derive(Debug, Clone, Default)]
pub struct Auth(pub Option<Principal>);

/// The id under which this request's log lines are written.
#[derive(Debug, Clone, Copy)]
pub struct RequestId(pub Uuid);

/// The shared server state.
pub fn app<'a>(ctx: &Context<'a>) -> Result<&'a AppState, ApiError> {
    ctx.data::<AppState>()
        .map_err(|e| ApiError::internal(request_id(ctx), &e.message))
}

/// This request's id (a fresh one if the transport set none).
pub fn request_id(ctx: &Context<'_>) -> Uuid {
    ctx.data_opt::<RequestId>()
        .map_or_else(Uuid::now_v7, |r| r.0)
}

/// The authenticated caller, or `UNAUTHENTICATED`.
pub fn principal(ctx: &Context<'_>) -> Result<Principal, ApiError> {
    ctx.data_opt::<Auth>()
        .and_then(|a| a.0.clone())
        .ok_or(ApiError::Unauthenticated)
}

/// The caller, if their role may read `view`; else `FORBIDDEN`.
pub fn require_view(ctx: &Context<'_>, view: View) -> Result<Principal, ApiError> {
    let who = principal(ctx)?;
    if view.allows(who.role) {
        Ok(who)
    } else {
        Err(ApiError::Forbidden {
            role: who.role.as_str().to_owned(),
            action: view.describe().to_owned(),
        })
    }
}

/// The caller, if their role may issue commands of `kind`; else `FORBIDDEN`.
pub fn require_command(ctx: &Context<'_>, kind: CommandKind) -> Result<Principal, ApiError> {
    let who = principal(ctx)?;
    if who.role.may_issue(kind) {
        Ok(who)
    } else {
        Err(ApiError::Forbidden {
            role: who.role.as_str().to_owned(),
            action: format!("issue {kind}"),
        })
    }
}
