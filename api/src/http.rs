//! The HTTP surface: `/graphql` (POST and GET), `/graphql/ws`
//! (graphql-transport-ws), GraphiQL at `/`, `/healthz` and `/metrics`.

use std::time::Instant;

use async_graphql::http::{GraphiQLSource, ALL_WEBSOCKET_PROTOCOLS};
use async_graphql::Data;
use async_graphql_axum::{GraphQLProtocol, GraphQLRequest, GraphQLResponse, GraphQLWebSocket};
use axum::extract::{State, WebSocketUpgrade};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use uuid::Uuid;

use crate::auth::Principal;
use crate::graphql::context::{Auth, RequestId};
use crate::graphql::AppSchema;
use crate::metrics::Gauges;
use crate::state::AppState;

/// The largest request body accepted (bytes); larger ones get 413.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// What every handler shares.
#[derive(Clone)]
pub struct HttpState {
    /// The server's shared handles.
    pub app: AppState,
    /// The schema.
    pub schema: AppSchema,
}

/// All routes with the body limit applied.
pub fn router(app: AppState, schema: AppSchema) -> Router {
    Router::new()
        .route("/", get(graphiql))
        .route("/graphql", get(graphql).post(graphql))
        .route("/graphql/ws", get(graphql_ws))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .route(
            "/intake/{platform}",
            axum::routing::post(crate::intake_push::receive),
        )
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .with_state(HttpState { app, schema })
}

async fn graphiql() -> Html<String> {
    Html(
        GraphiQLSource::build()
            .endpoint("/graphql")
            .subscription_endpoint("/graphql/ws")
            .title("Returns")
            .finish(),
    )
}

/// The token of an `Authorization: Bearer …` header.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// The caller a token stands for; a failing token table is logged and
/// treated as no caller (the resolver then says UNAUTHENTICATED).
async fn authenticate(app: &AppState, token: Option<&str>, request: Uuid) -> Option<Principal> {
    let token = token?;
    match app.tokens.authenticate(token).await {
        Ok(principal) => principal,
        Err(error) => {
            tracing::error!(%request, %error, "token lookup failed");
            None
        }
    }
}

/// The type of the operation a request will run, for the request counter
/// (the document is parsed again here; an unparsable one counts as a query).
fn operation_kind(request: &async_graphql::Request) -> &'static str {
    use async_graphql::parser::types::{DocumentOperations, OperationType};
    let Ok(document) = async_graphql::parser::parse_query(&request.query) else {
        return "query";
    };
    let ty = match &document.operations {
        DocumentOperations::Single(op) => Some(op.node.ty),
        DocumentOperations::Multiple(ops) => match &request.operation_name {
            Some(name) => ops.get(name.as_str()).map(|op| op.node.ty),
            None => ops.values().next().map(|op| op.node.ty),
        },
    };
    match ty {
        Some(OperationType::Mutation) => "mutation",
        Some(OperationType::Subscription) => "subscription",
        _ => "query",
    }
}

async fn graphql(
    State(state): State<HttpState>,
    headers: HeaderMap,
    request: GraphQLRequest,
) -> GraphQLResponse {
    let started = Instant::now();
    let request_id = Uuid::now_v7();
    let principal = authenticate(&state.app, bearer(&headers), request_id).await;
    let request = request
        .into_inner()
        .data(Auth(principal))
        .data(RequestId(request_id));
    let kind = operation_kind(&request);
    let response = state.schema.execute(request).await;
    let metrics = &state.app.metrics;
    metrics.record_request(kind, started.elapsed());
    for error in &response.errors {
        let code = error
            .extensions
            .as_ref()
            .and_then(|e| e.get("code"))
            .and_then(|v| match v {
                async_graphql::Value::String(s) => Some(s.clone()),
                _ => None,
            })
            // Parse, validation and limit errors come from the GraphQL engine itself.
            .unwrap_or_else(|| "GRAPHQL".to_owned());
        metrics.record_error(&code);
    }
    response.into()
}

async fn graphql_ws(
    State(state): State<HttpState>,
    headers: HeaderMap,
    protocol: GraphQLProtocol,
    upgrade: WebSocketUpgrade,
) -> Response {
    let request_id = Uuid::now_v7();
    let from_header = authenticate(&state.app, bearer(&headers), request_id).await;
    state.app.metrics.record_websocket();
    let app = state.app.clone();
    let schema = state.schema.clone();
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| {
            GraphQLWebSocket::new(socket, schema, protocol)
                .on_connection_init(move |payload| async move {
                    // Browsers cannot set headers on a WebSocket, so the token
                    // may also come in the connection_init payload.
                    let token = ["Authorization", "authorization", "token"]
                        .iter()
                        .find_map(|key| payload.get(*key).and_then(|v| v.as_str()))
                        .map(|t| t.strip_prefix("Bearer ").unwrap_or(t).trim().to_owned());
                    let principal = match token {
                        Some(token) => authenticate(&app, Some(&token), request_id).await,
                        None => from_header,
                    };
                    let mut data = Data::default();
                    data.insert(Auth(principal));
                    data.insert(RequestId(request_id));
                    Ok(data)
                })
                .serve()
        })
}

async fn healthz(State(state): State<HttpState>) -> Response {
    match state.app.store.head_position().await {
        Ok(_) => (StatusCode::OK, "ok\n").into_response(),
        Err(error) => {
            tracing::error!(%error, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

async fn metrics(State(state): State<HttpState>) -> Response {
    let lag = returns_projections::lag(&state.app.store)
        .await
        .unwrap_or_else(|error| {
            tracing::warn!(%error, "cannot read projection lag");
            Vec::new()
        });
    let gauges = Gauges {
        head_position: state.app.store.head_position().await.unwrap_or(-1),
        projection_lag: lag.into_iter().map(|l| (l.name, l.behind)).collect(),
    };
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.app.metrics.render(&gauges),
    )
        .into_response()
}
