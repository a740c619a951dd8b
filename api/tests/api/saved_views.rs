//! Saved worklist views are each account's own, replaced by name, deleted
//! by name, and never keep a search (it may name a customer).

use returns::auth::Principal;
use returns::graphql::context::{Auth, RequestId};
use returns_domain::Role;
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{error_code, TestApp};

contract_tests!(saved_views_follow_their_agent_and_keep_no_search);

const SAVE: &str = "mutation($name: String!, $query: String!) {
  saveView(name: $name, query: $query) { name query savedAt }
}";
const LIST: &str = "{ savedViews { name query } }";
const DELETE: &str = "mutation($name: String!) { deleteView(name: $name) }";

async fn as_agent(app: &TestApp, actor: &str, query: &str, variables: Value) -> Value {
    let request = async_graphql::Request::new(query)
        .variables(async_graphql::Variables::from_json(variables))
        .data(Auth(Some(Principal {
            actor: actor.into(),
            role: Role::CustomerService,
        })))
        .data(RequestId(Uuid::now_v7()));
    serde_json::to_value(app.schema.execute(request).await).unwrap()
}

async fn saved_views_follow_their_agent_and_keep_no_search(db: TestDatabase) {
    let app = TestApp::new(db).await;
    for (name, query) in [
        ("a 待审核", "status=APPLIED&sort=-paid"),
        ("b 抖音", "channel=douyin"),
        ("a 待审核", "status=APPLIED&sort=due"),
    ] {
        let saved = as_agent(&app, "li", SAVE, json!({ "name": name, "query": query })).await;
        assert_eq!(saved["data"]["saveView"]["query"], json!(query), "{saved}");
    }
    let mine = as_agent(&app, "li", LIST, json!({})).await;
    assert_eq!(
        mine["data"]["savedViews"],
        json!([
            { "name": "a 待审核", "query": "status=APPLIED&sort=due" },
            { "name": "b 抖音", "query": "channel=douyin" },
        ]),
        "saving a name again replaces that view"
    );
    let theirs = as_agent(&app, "wang", LIST, json!({})).await;
    assert_eq!(
        theirs["data"]["savedViews"],
        json!([]),
        "another agent's views"
    );

    // A search may hold a customer's name or phone: never stored.
    let refused = as_agent(
        &app,
        "li",
        SAVE,
        json!({ "name": "张三", "query": "q=%E5%BC%A0%E4%B8%89&status=APPLIED" }),
    )
    .await;
    assert_eq!(error_code(&refused).as_deref(), Some("VALIDATION"));
    let blank = as_agent(&app, "li", SAVE, json!({ "name": " ", "query": "" })).await;
    assert_eq!(error_code(&blank).as_deref(), Some("VALIDATION"));

    let deleted = as_agent(&app, "li", DELETE, json!({ "name": "b 抖音" })).await;
    assert_eq!(deleted["data"]["deleteView"], json!(true));
    let again = as_agent(&app, "li", DELETE, json!({ "name": "b 抖音" })).await;
    assert_eq!(again["data"]["deleteView"], json!(false));
    let left = as_agent(&app, "li", LIST, json!({})).await;
    assert_eq!(
        left["data"]["savedViews"],
        json!([{ "name": "a 待审核", "query": "status=APPLIED&sort=due" }]),
        "refused saves wrote nothing"
    );
}
