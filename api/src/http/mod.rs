//! The HTTP surface: `/graphql` (POST and GET), `/graphql/ws`
//! (graphql-transport-ws), the console at `/` and GraphiQL at `/graphiql`
//! (both from the binary, see [`crate::console`]), sign-in at `/auth/*`,
//! evidence photos at `/evidence`, `/healthz`, `/metrics` and
//! `/payouts/callback`.

use std::time::Instant;

use async_graphql::http::ALL_WEBSOCKET_PROTOCOLS;
use async_graphql::Data;
use async_graphql::ErrorExtensions;
use async_graphql_axum::{GraphQLProtocol, GraphQLRequest, GraphQLResponse, GraphQLWebSocket};
use axum::extract::{State, WebSocketUpgrade};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
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
    // Photos are far larger than any GraphQL request: their own limit.
    let evidence_limit = app.evidence.max_bytes() + 1;
    let evidence = Router::new()
        .route("/evidence", post(crate::evidence_http::upload))
        .layer(RequestBodyLimitLayer::new(evidence_limit));
    Router::new()
        .route(
            "/graphql",
            get(graphql)
                .post(graphql)
                .layer(middleware::from_fn(require_json)),
        )
        .route("/graphql/ws", get(graphql_ws))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .route("/payouts/callback", post(crate::payouts::callback))
        .route("/auth/sign-in", post(crate::auth_http::sign_in))
        .route("/auth/sign-out", post(crate::auth_http::sign_out))
        .route("/auth/session", get(crate::auth_http::session))
        .route(
            "/evidence/{ticket}/{digest}",
            get(crate::evidence_http::download),
        )
        .route("/graphiql", get(crate::console::graphiql))
        .fallback(get(crate::console::asset))
        .route(
            "/intake/{platform}",
            axum::routing::post(crate::intake_push::receive),
        )
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .merge(evidence)
        .with_state(HttpState { app, schema })
}

/// How long a client should wait before retrying when the store cannot be
/// reached (seconds): long enough for a pool to reconnect after a restart.
pub const RETRY_AFTER_SECS: u64 = 2;

/// The token of an `Authorization: Bearer …` header.
pub(crate) fn bearer(headers: &HeaderMap) -> Option<&str> {
    credentials(headers.get(header::AUTHORIZATION)?.to_str().ok()?)
}

/// The token of an authorization value `Bearer <token>`: the scheme name is
/// case-insensitive (RFC 7235 §2.1), so `bearer` and `BEARER` work too.
pub(crate) fn credentials(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(char::is_whitespace)?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// The token table could not be read: the caller is neither known nor
/// unknown, and the request must be retried, not signed out.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StoreUnavailable;

/// The caller a token stands for (`None` when there is no token or it is
/// unknown, revoked or expired). A failing token lookup is not a verdict
/// on the credential: it is `StoreUnavailable`.
pub(crate) async fn authenticate(
    app: &AppState,
    token: Option<&str>,
    request: Uuid,
) -> Result<Option<Principal>, StoreUnavailable> {
    let Some(token) = token else {
        return Ok(None);
    };
    let found = if token.starts_with(crate::auth::sessions::SESSION_PREFIX) {
        app.sessions
            .authenticate(token)
            .await
            .map_err(|e| e.to_string())
    } else {
        app.tokens
            .authenticate(token)
            .await
            .map_err(|e| e.to_string())
    };
    found.map_err(|error| {
        tracing::error!(%request, %error, "token lookup failed");
        StoreUnavailable
    })
}

/// A GraphQL-shaped error answer with an HTTP status of its own, for
/// requests refused before the schema runs.
fn refusal(status: StatusCode, code: &str, message: &str, request_id: Uuid) -> Response {
    let body = serde_json::json!({
        "errors": [{
            "message": message,
            "extensions": { "code": code, "requestId": request_id.to_string() },
        }]
    });
    let mut response = (status, axum::Json(body)).into_response();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
    }
    if status == StatusCode::METHOD_NOT_ALLOWED {
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
    }
    response
}

pub(crate) fn unavailable(request_id: Uuid) -> Response {
    refusal(
        StatusCode::SERVICE_UNAVAILABLE,
        "UNAVAILABLE",
        "the database cannot be reached; retry shortly with the same credentials",
        request_id,
    )
}

/// Refuses a POST whose body is not declared JSON before it is read. A
/// browser sends `text/plain`, `application/x-www-form-urlencoded` and
/// `multipart/form-data` cross-site without a preflight, so accepting them
/// would let any web page post mutations with a signed-in user's cookies or
/// a console's stored credentials (CSRF).
async fn require_json(request: axum::extract::Request, next: Next) -> Response {
    if request.method() == Method::POST {
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let essence = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if essence != "application/json" {
            return refusal(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "VALIDATION",
                "POST /graphql takes Content-Type: application/json",
                Uuid::now_v7(),
            );
        }
    }
    next.run(request).await
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
    method: Method,
    headers: HeaderMap,
    request: GraphQLRequest,
) -> Response {
    let started = Instant::now();
    let request_id = Uuid::now_v7();
    let request = request.into_inner();
    let kind = operation_kind(&request);
    if method == Method::GET && kind == "mutation" {
        // GraphQL over HTTP: GET is safe, so it may only read. Refused
        // before authentication, so nothing at all runs.
        return refusal(
            StatusCode::METHOD_NOT_ALLOWED,
            "VALIDATION",
            "mutations are only accepted by POST",
            request_id,
        );
    }
    let Ok(principal) = authenticate(&state.app, bearer(&headers), request_id).await else {
        state.app.metrics.record_error("UNAVAILABLE");
        return unavailable(request_id);
    };
    let request = request.data(Auth(principal)).data(RequestId(request_id));
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
    let store_down = response.errors.iter().any(|e| {
        e.extensions
            .as_ref()
            .and_then(|x| x.get("code"))
            .is_some_and(|c| *c == async_graphql::Value::from("UNAVAILABLE"))
    });
    let mut answer = GraphQLResponse::from(response).into_response();
    if store_down {
        *answer.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
        answer
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
    }
    answer
}

async fn graphql_ws(
    State(state): State<HttpState>,
    headers: HeaderMap,
    protocol: GraphQLProtocol,
    upgrade: WebSocketUpgrade,
) -> Response {
    let request_id = Uuid::now_v7();
    let Ok(from_header) = authenticate(&state.app, bearer(&headers), request_id).await else {
        return unavailable(request_id);
    };
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
                        .map(|t| credentials(t).unwrap_or(t).trim().to_owned());
                    let principal =
                        match token {
                            Some(token) => authenticate(&app, Some(&token), request_id)
                                .await
                                .map_err(|_| {
                                    async_graphql::Error::new(
                                        "the database cannot be reached; reconnect shortly",
                                    )
                                    .extend_with(|_, e| e.set("code", "UNAVAILABLE"))
                                })?,
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
        Ok(_) => (
            StatusCode::OK,
            crate::payouts::health_line(&state.app.payout),
        )
            .into_response(),
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
        ..crate::payouts::gauges(&state.app).await
    };
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.app.metrics.render(&gauges),
    )
        .into_response()
}
