//! A test application over a fresh database, driven through the schema or
//! the HTTP router without a socket.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use returns::auth::Principal;
use returns::graphql::context::{Auth, RequestId};
use returns::graphql::{build_schema, AppSchema};
use returns::state::AppState;
use returns_domain::Role;
use returns_eventstore::testing::TestDatabase;
use returns_tickets::privacy::MasterKey;
use returns_tickets::{TicketSettings, Tickets};
use serde_json::{json, Value};
use tokio::sync::watch;
use tower::ServiceExt;
use uuid::Uuid;

/// A running schema and router over a fresh database.
pub struct TestApp {
    pub state: AppState,
    pub schema: AppSchema,
    pub router: axum::Router,
    pub db: TestDatabase,
    /// The master key, for a second server on the same database.
    pub master: MasterKey,
    _shutdown: watch::Sender<bool>,
}

impl TestApp {
    pub async fn new(db: TestDatabase) -> Self {
        let (store, tokens) = returns::startup::open(db.url()).await.unwrap();
        returns_projections::migrate(&store).await.unwrap();
        let master = MasterKey::generate();
        let tickets = Tickets::open(store, master.clone(), TicketSettings::default())
            .await
            .unwrap();
        let (state, shutdown) =
            AppState::new(tickets, tokens, returns_workflows::Policies::default());
        let schema = build_schema(state.clone());
        let router = returns::http::router(state.clone(), schema.clone());
        Self {
            state,
            schema,
            router,
            db,
            master,
            _shutdown: shutdown,
        }
    }

    pub async fn sqlite() -> Self {
        Self::new(TestDatabase::sqlite()).await
    }

    /// Runs `query` with `variables` as `role` (None: no token), in process.
    pub async fn run_as(&self, role: Option<Role>, query: &str, variables: Value) -> Value {
        let auth = Auth(role.map(|role| Principal {
            actor: format!("test-{}", role.as_str()),
            role,
        }));
        let request = async_graphql::Request::new(query)
            .variables(async_graphql::Variables::from_json(variables))
            .data(auth)
            .data(RequestId(Uuid::now_v7()));
        let response = self.schema.execute(request).await;
        serde_json::to_value(&response).unwrap()
    }

    /// POSTs a raw body to `/graphql` with an optional bearer token.
    pub async fn post(&self, token: Option<&str>, body: String) -> (StatusCode, Value) {
        let mut request = Request::post("/graphql")
            .header("content-type", "application/json")
            .header("content-length", body.len());
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let response = self
            .router
            .clone()
            .oneshot(request.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        (status, value)
    }

    /// Opens a return-and-refund ticket as customer service; returns its id.
    pub async fn open_ticket(&self) -> Uuid {
        let response = self
            .run_as(
                Some(Role::CustomerService),
                OPEN_TICKET,
                json!({ "commandId": Uuid::now_v7(), "input": open_input("RETURN_AND_REFUND") }),
            )
            .await;
        let id = response["data"]["openTicket"]["ticket"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("open failed: {response}"));
        id.parse().unwrap()
    }
}

pub const OPEN_TICKET: &str = "mutation($commandId: UUID!, $input: OpenTicketInput!) {
  openTicket(commandId: $commandId, input: $input) { version position repeated ticket { id status kind } }
}";

/// An application for one jacket paid 299.00 CNY.
pub fn open_input(kind: &str) -> Value {
    json!({
        "kind": kind,
        "channel": "taobao",
        "platformOrderId": "T-100",
        "customer": "buyer-1",
        "reasonCode": "quality_issue",
        "reasonText": "seam came apart",
        "currency": "CNY",
        "lines": [{ "lineId": "L1", "sku": "SKU-1", "name": "Jacket", "qty": 1,
                    "paid": { "amountMinor": 29900, "currency": "CNY" } }]
    })
}

/// The `extensions.code` of the first error, if any.
pub fn error_code(response: &Value) -> Option<String> {
    response["errors"][0]["extensions"]["code"]
        .as_str()
        .map(str::to_owned)
}
