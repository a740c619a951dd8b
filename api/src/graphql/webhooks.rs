//! Outbound webhooks: admins register, disable and rotate endpoints and
//! replay dead letters; admins and auditors read endpoints and every
//! delivery of a ticket (who was told what, when, after how many attempts).

use async_graphql::{Context, Enum, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use returns_domain::Event;
use returns_workflows::storage::webhooks::{Delivery, Endpoint, Webhooks};
use uuid::Uuid;

use crate::auth::View;
use crate::error::{ApiError, IntoGql};
use crate::graphql::context::{app, request_id, require_view};
use crate::graphql::MAX_PAGE_SIZE;

/// The shortest secret accepted: it is all that proves a delivery is ours.
pub const MIN_SECRET_LEN: usize = 16;

/// A registered endpoint (its secret is never shown).
#[derive(SimpleObject, Debug, Clone)]
pub struct Webhook {
    /// Its id.
    pub id: Uuid,
    /// Where deliveries go.
    pub url: String,
    /// The event types it receives (`*`: all).
    pub events: Vec<String>,
    /// Whether deliveries are written and sent for it.
    pub enabled: bool,
    /// What it receives of a ticket's personal fields.
    pub personal_data: WebhookPersonalData,
    /// Who registered it.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
}

impl From<Endpoint> for Webhook {
    fn from(e: Endpoint) -> Self {
        Self {
            id: e.endpoint_id,
            url: e.url,
            events: e.events,
            enabled: e.enabled,
            personal_data: e.personal_data.into(),
            created_by: e.created_by,
            created_at: e.created_at,
            updated_at: e.updated_at,
        }
    }
}

/// Where a delivery stands.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "returns_workflows::storage::webhooks::DeliveryState")]
pub enum DeliveryState {
    /// Waiting for its (next) attempt.
    Pending,
    /// The endpoint answered 2xx.
    Delivered,
    /// Retried for the whole window in vain: dead-lettered, replayable.
    Dead,
}

/// One event delivered (or being delivered) to one endpoint.
#[derive(SimpleObject, Debug, Clone)]
pub struct WebhookDelivery {
    /// Its id, sent as `Idempotency-Key` with every attempt.
    pub id: Uuid,
    /// The endpoint.
    pub webhook_id: Uuid,
    /// The ticket.
    pub ticket_id: Uuid,
    /// The event's log position.
    pub position: i64,
    /// The event.
    pub event_id: Uuid,
    /// Its type.
    pub event_type: String,
    /// Where it stands.
    pub state: DeliveryState,
    /// Attempts so far.
    pub attempts: i64,
    /// When it is (next) due.
    pub next_attempt_at: DateTime<Utc>,
    /// The last HTTP status, if an answer came.
    pub last_status: Option<i64>,
    /// The last error.
    pub last_error: Option<String>,
    /// When it was written.
    pub created_at: DateTime<Utc>,
    /// When it was delivered.
    pub delivered_at: Option<DateTime<Utc>>,
    /// When it was dead-lettered.
    pub dead_at: Option<DateTime<Utc>>,
}

impl From<Delivery> for WebhookDelivery {
    fn from(d: Delivery) -> Self {
        Self {
            id: d.delivery_id,
            webhook_id: d.endpoint_id,
            ticket_id: d.ticket_id,
            position: d.position,
            event_id: d.event_id,
            event_type: d.event_type,
            state: d.state.into(),
            attempts: d.attempts,
            next_attempt_at: d.next_attempt_at,
            last_status: d.last_status,
            last_error: d.last_error,
            created_at: d.created_at,
            delivered_at: d.delivered_at,
            dead_at: d.dead_at,
        }
    }
}

/// An endpoint to register.
#[derive(InputObject, Debug, Clone)]
pub struct CreateWebhookInput {
    /// `http://` or `https://` URL.
    pub url: String,
    /// Event types to receive (`TicketOpened`, `RefundIssued`, …) or `*`.
    pub events: Vec<String>,
    /// The shared secret deliveries are signed with (at least 16 characters).
    pub secret: String,
    /// What the receiver gets of a ticket's personal fields (default: left
    /// out). `FULL` is the admin's grant of the values to this receiver.
    #[graphql(default)]
    pub personal_data: WebhookPersonalData,
}

/// What a webhook receiver gets of a ticket's personal fields (customer,
/// phone, address, free text). Never the stored ciphertext. Every delivery
/// says which it was sent with (`personal_data` in the body).
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[graphql(remote = "returns_workflows::storage::webhooks::PersonalData")]
pub enum WebhookPersonalData {
    /// Left out of the event's data.
    #[default]
    Omit,
    /// As warehouse and finance see them: `李*`, `138****0000`, `***`.
    Mask,
    /// The values.
    Full,
}

fn webhooks(ctx: &Context<'_>) -> Result<Webhooks, ApiError> {
    Ok(Webhooks::new(app(ctx)?.store.db().clone()))
}

fn check_secret(secret: &str) -> Result<(), ApiError> {
    if secret.chars().count() < MIN_SECRET_LEN {
        return Err(ApiError::Validation(format!(
            "secret must be at least {MIN_SECRET_LEN} characters"
        )));
    }
    Ok(())
}

fn check_url(url: &str) -> Result<(), ApiError> {
    let uri: axum::http::Uri = url
        .parse()
        .map_err(|_| ApiError::Validation(format!("url {url:?} is not a URL")))?;
    let scheme_ok = matches!(uri.scheme_str(), Some("http" | "https"));
    if !scheme_ok || uri.host().is_none() {
        return Err(ApiError::Validation(
            "url must be an absolute http:// or https:// URL".to_owned(),
        ));
    }
    Ok(())
}

fn check_events(events: &[String]) -> Result<Vec<String>, ApiError> {
    if events.is_empty() {
        return Err(ApiError::Validation(
            "events must name at least one event type, or *".to_owned(),
        ));
    }
    let mut checked = Vec::with_capacity(events.len());
    for event in events {
        let event = event.trim();
        if event != "*" && !Event::TYPES.contains(&event) {
            return Err(ApiError::Validation(format!(
                "unknown event type {event:?}: one of {} or *",
                Event::TYPES.join(", ")
            )));
        }
        if !checked.iter().any(|e| e == event) {
            checked.push(event.to_owned());
        }
    }
    Ok(checked)
}

async fn endpoint(ctx: &Context<'_>, store: &Webhooks, id: Uuid) -> Result<Webhook, ApiError> {
    store
        .endpoint(id)
        .await
        .map_err(|e| ApiError::from_error(request_id(ctx), &e))?
        .map(Webhook::from)
        .ok_or_else(|| ApiError::NotFound(format!("webhook {id} not found")))
}

/// Reading endpoints and deliveries.
#[derive(Default)]
pub struct WebhookQuery;

#[Object]
impl WebhookQuery {
    /// Every registered endpoint, oldest first.
    async fn webhooks(&self, ctx: &Context<'_>) -> Result<Vec<Webhook>> {
        async {
            require_view(ctx, View::WebhookDeliveries)?;
            let rows = webhooks(ctx)?
                .endpoints()
                .await
                .map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
            Ok(rows.into_iter().map(Webhook::from).collect())
        }
        .await
        .gql()
    }

    /// A ticket's deliveries, in the order they go out.
    async fn webhook_deliveries(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
    ) -> Result<Vec<WebhookDelivery>> {
        async {
            require_view(ctx, View::WebhookDeliveries)?;
            let rows = webhooks(ctx)?
                .for_ticket(ticket_id)
                .await
                .map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
            Ok(rows.into_iter().map(WebhookDelivery::from).collect())
        }
        .await
        .gql()
    }

    /// Dead-lettered deliveries, oldest first.
    async fn webhook_dead_letters(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 50)] first: i32,
    ) -> Result<Vec<WebhookDelivery>> {
        async {
            require_view(ctx, View::WebhookDeliveries)?;
            if first < 1 || i64::from(first) > MAX_PAGE_SIZE {
                return Err(ApiError::Validation(format!(
                    "first must be 1..={MAX_PAGE_SIZE}"
                )));
            }
            let rows = webhooks(ctx)?
                .dead_letters(i64::from(first))
                .await
                .map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
            Ok(rows.into_iter().map(WebhookDelivery::from).collect())
        }
        .await
        .gql()
    }
}

/// Managing endpoints (admins).
#[derive(Default)]
pub struct WebhookMutation;

#[Object]
impl WebhookMutation {
    /// Registers an endpoint; it receives matching events recorded from now on.
    async fn create_webhook(
        &self,
        ctx: &Context<'_>,
        input: CreateWebhookInput,
    ) -> Result<Webhook> {
        async {
            let who = require_view(ctx, View::Webhooks)?;
            check_url(&input.url)?;
            check_secret(&input.secret)?;
            let events = check_events(&input.events)?;
            let now = app(ctx)?.store.clock().now();
            let endpoint = Endpoint {
                endpoint_id: Uuid::now_v7(),
                url: input.url.trim().to_owned(),
                events,
                enabled: true,
                personal_data: input.personal_data.into(),
                created_by: who.actor,
                created_at: now,
                updated_at: now,
            };
            webhooks(ctx)?
                .create(&endpoint, &input.secret)
                .await
                .map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
            Ok(Webhook::from(endpoint))
        }
        .await
        .gql()
    }

    /// Stops delivering to an endpoint (its pending deliveries wait).
    async fn disable_webhook(&self, ctx: &Context<'_>, id: Uuid) -> Result<Webhook> {
        async {
            require_view(ctx, View::Webhooks)?;
            let store = webhooks(ctx)?;
            let now = app(ctx)?.store.clock().now();
            let found = store
                .disable(id, now)
                .await
                .map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
            if !found {
                return Err(ApiError::NotFound(format!("webhook {id} not found")));
            }
            endpoint(ctx, &store, id).await
        }
        .await
        .gql()
    }

    /// Replaces an endpoint's secret; every later attempt signs with the new one.
    async fn rotate_webhook_secret(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        secret: String,
    ) -> Result<Webhook> {
        async {
            require_view(ctx, View::Webhooks)?;
            check_secret(&secret)?;
            let store = webhooks(ctx)?;
            let now = app(ctx)?.store.clock().now();
            let found = store
                .rotate_secret(id, &secret, now)
                .await
                .map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
            if !found {
                return Err(ApiError::NotFound(format!("webhook {id} not found")));
            }
            endpoint(ctx, &store, id).await
        }
        .await
        .gql()
    }

    /// Puts a dead-lettered delivery back in the outbox, due now, with a new retry window.
    async fn replay_webhook_delivery(&self, ctx: &Context<'_>, id: Uuid) -> Result<bool> {
        async {
            require_view(ctx, View::Webhooks)?;
            let now = app(ctx)?.store.clock().now();
            let replayed = webhooks(ctx)?
                .replay(id, now)
                .await
                .map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
            if !replayed {
                return Err(ApiError::NotFound(format!(
                    "no dead-lettered delivery {id}"
                )));
            }
            Ok(true)
        }
        .await
        .gql()
    }
}
