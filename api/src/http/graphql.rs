//! GraphQL over HTTP: `POST /graphql` and `GET /graphql` (queries only),
//! `/graphql/ws` (graphql-transport-ws). Failures answer in GraphQL's own
//! `errors` list with `extensions.code`, also those refused before the
//! schema runs (a mutation over GET, a body that is not JSON, the store
//! unreachable while checking the token).

use std::time::Instant;

use async_graphql::http::ALL_WEBSOCKET_PROTOCOLS;
use async_graphql::Data;
use async_graphql::ErrorExtensions;
use async_graphql_axum::{GraphQLProtocol, GraphQLRequest, GraphQLResponse, GraphQLWebSocket};
use axum::extract::{State, WebSocketUpgrade};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

use crate::graphql::context::{Auth, RequestId};
use crate::http::{authenticate, bearer, credentials, HttpState, RETRY_AFTER_SECS};

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

/// The store could not be reached while authenticating a GraphQL request.
fn unavailable(request_id: Uuid) -> Response {
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
pub async fn require_json(request: axum::extract::Request, next: Next) -> Response {
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

/// The type of the operation a request will run, for the request counter.
/// The parsed document stays in the request, and the schema executes it
/// without parsing the text a second time; an unparsable one counts as a
/// query, and the schema reports the parse error.
fn operation_kind(request: &mut async_graphql::Request) -> &'static str {
    use async_graphql::parser::types::{DocumentOperations, OperationType};
    let operation_name = request.operation_name.clone();
    let Ok(document) = request.parsed_query() else {
        return "query";
    };
    let ty = match &document.operations {
        DocumentOperations::Single(op) => Some(op.node.ty),
        DocumentOperations::Multiple(ops) => match &operation_name {
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

/// `POST /graphql` and `GET /graphql` (queries only).
pub async fn graphql(
    State(state): State<HttpState>,
    method: Method,
    headers: HeaderMap,
    request: GraphQLRequest,
) -> Response {
    let started = Instant::now();
    let request_id = Uuid::now_v7();
    let mut request = request.into_inner();
    let kind = operation_kind(&mut request);
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

/// `GET /graphql/ws`: subscriptions over graphql-transport-ws.
pub async fn graphql_ws(
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
