//! Abuse limits: depth, complexity, page size and request body size.

use axum::http::StatusCode;
use returns::graphql::{MAX_COMPLEXITY, MAX_DEPTH, MAX_PAGE_SIZE};
use returns::http::MAX_BODY_BYTES;
use returns_domain::Role;
use serde_json::json;

use crate::helpers::{error_code, TestApp};

/// The TypeRef part of GraphiQL's introspection query: the deepest query a
/// legitimate client sends.
const GRAPHIQL_INTROSPECTION: &str = "query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
}";

#[tokio::test]
async fn graphiql_introspection_stays_within_the_limits() {
    let app = TestApp::sqlite().await;
    let response = app.run_as(None, GRAPHIQL_INTROSPECTION, json!({})).await;
    assert!(response["errors"].is_null(), "{response}");
    assert_eq!(response["data"]["__schema"]["queryType"]["name"], "Query");
}

#[tokio::test]
async fn a_query_nested_deeper_than_the_limit_is_rejected() {
    let app = TestApp::sqlite().await;
    let depth = MAX_DEPTH + 2;
    let query = format!(
        "{{ __schema {{ types {{ fields {{ type {{ {} name {} }} }} }} }} }}",
        "ofType { ".repeat(depth),
        "}".repeat(depth)
    );
    let response = app.run_as(Some(Role::Admin), &query, json!({})).await;
    let message = response["errors"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains("nested too deep"), "{response}");
    assert_eq!(error_code(&response).as_deref(), Some("VALIDATION"));
    assert!(response["data"].is_null());
}

#[tokio::test]
async fn a_query_more_complex_than_the_limit_is_rejected() {
    let app = TestApp::sqlite().await;
    let fields: String = (0..=MAX_COMPLEXITY)
        .map(|i| format!("s{i}: seals {{ sealId }} "))
        .collect();
    let response = app
        .run_as(Some(Role::Admin), &format!("{{ {fields} }}"), json!({}))
        .await;
    let message = response["errors"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains("too complex"), "{response}");
    assert_eq!(error_code(&response).as_deref(), Some("VALIDATION"));
}

#[tokio::test]
async fn a_page_larger_than_the_maximum_is_a_validation_error() {
    let app = TestApp::sqlite().await;
    let query =
        "query($n: Int!) { auditLog(first: $n) { nodes { position } pageInfo { endCursor } } }";
    let too_big = app
        .run_as(
            Some(Role::Auditor),
            query,
            json!({ "n": MAX_PAGE_SIZE + 1 }),
        )
        .await;
    assert_eq!(
        error_code(&too_big).as_deref(),
        Some("VALIDATION"),
        "{too_big}"
    );
    let largest = app
        .run_as(Some(Role::Auditor), query, json!({ "n": MAX_PAGE_SIZE }))
        .await;
    assert!(largest["errors"].is_null(), "{largest}");
}

#[tokio::test]
async fn a_request_body_over_the_limit_gets_413() {
    let app = TestApp::sqlite().await;
    let padding = " ".repeat(MAX_BODY_BYTES);
    let body = json!({ "query": format!("{{ seals {{ sealId }} }}{padding}") }).to_string();
    let (status, _) = app.post(None, body).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let (small, response) = app
        .post(None, json!({ "query": "{ seals { sealId } }" }).to_string())
        .await;
    assert_eq!(small, StatusCode::OK);
    assert_eq!(error_code(&response).as_deref(), Some("UNAUTHENTICATED"));
}
