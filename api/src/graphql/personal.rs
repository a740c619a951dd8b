//! Personal data in the API: what each role is shown, and the admin's
//! erasure of a data subject (`eraseDataSubject`).
//!
//! Values are stored sealed (see `returns_tickets::privacy`); resolvers open
//! them here, per the caller's role: customer service and admins see them,
//! warehouse and finance see masked contacts (family name, `138****0000`,
//! free text hidden), auditors see only whether a value is there or was
//! erased. Values written before sealing existed are shown as stored.

use async_graphql::{Context, Object, Result, SimpleObject};
use returns_domain::{Role, TicketState};
use returns_eventstore::Metadata;
use returns_tickets::privacy::{erase, grants, Access};
use uuid::Uuid;

use crate::auth::View;
use crate::error::{ApiError, IntoGql};
use crate::graphql::context::{app, principal, request_id, require_view};
use crate::graphql::types::Ticket;

/// What `role` is shown of personal fields.
pub fn access(role: Role) -> Access {
    match role {
        Role::CustomerService | Role::Admin | Role::System => Access::Full,
        Role::Warehouse | Role::Finance => Access::Masked,
        Role::Auditor => Access::Presence,
    }
}

fn caller_access(ctx: &Context<'_>) -> Result<Access, ApiError> {
    Ok(access(principal(ctx)?.role))
}

/// `state` as the caller may see it.
pub async fn shown_state(ctx: &Context<'_>, state: &TicketState) -> Result<TicketState, ApiError> {
    let app = app(ctx)?;
    match app.tickets.keys() {
        Some(keys) => keys
            .open_state(state, caller_access(ctx)?)
            .await
            .map_err(|e| ApiError::from_store(request_id(ctx), &e)),
        None => Ok(state.clone()),
    }
}

/// One stored value as the caller may see it.
pub async fn shown_text(ctx: &Context<'_>, text: &str) -> Result<String, ApiError> {
    let app = app(ctx)?;
    match app.tickets.keys() {
        Some(keys) => keys
            .open_text(text, caller_access(ctx)?)
            .await
            .map_err(|e| ApiError::from_store(request_id(ctx), &e)),
        None => Ok(text.to_owned()),
    }
}

/// Opens every sealed value in `value` as the caller may see it.
pub async fn open_value(ctx: &Context<'_>, value: &mut serde_json::Value) -> Result<(), ApiError> {
    let app = app(ctx)?;
    match app.tickets.keys() {
        Some(keys) => keys
            .open_value(value, caller_access(ctx)?)
            .await
            .map_err(|e| ApiError::from_store(request_id(ctx), &e)),
        None => Ok(()),
    }
}

/// The data subject a stored ticket belongs to, for admins only.
pub fn data_subject(ctx: &Context<'_>, state: &TicketState) -> Option<String> {
    let role = principal(ctx).ok()?.role;
    if !View::DataSubjects.allows(role) {
        return None;
    }
    app(ctx).ok()?.tickets.keys()?.subject_of_state(state)
}

/// An event that still holds personal data in plaintext.
#[derive(SimpleObject, Debug, Clone)]
pub struct PlaintextEvent {
    /// The ticket.
    pub ticket_id: Uuid,
    /// The event's version in the ticket.
    pub stream_version: i64,
    /// Its type.
    pub event_type: String,
    /// Its personal fields held in the clear.
    pub fields: Vec<String>,
}

/// What an erasure did.
#[derive(SimpleObject, Debug, Clone)]
pub struct DataSubjectErasure {
    /// The subject.
    pub subject: String,
    /// Whether its key was deleted now (false: it was gone already).
    pub key_deleted: bool,
    /// Its tickets.
    pub tickets: Vec<Uuid>,
    /// Events written before encryption that still hold its data; the hash
    /// chain forbids rewriting them.
    pub plaintext_events: Vec<PlaintextEvent>,
    /// Where the erasure was recorded in the log.
    pub position: i64,
    /// Evidence files (photos of its tickets) deleted from the evidence
    /// directory; the encrypted ones were unreadable once the key went.
    pub evidence_files_deleted: i32,
}

/// An auditor's time-boxed access to one ticket's personal fields.
#[derive(SimpleObject, Debug, Clone)]
pub struct PersonalDataGrant {
    /// The ticket.
    pub ticket_id: Uuid,
    /// The auditor it was granted to.
    pub grantee: String,
    /// The admin who granted it.
    pub granted_by: String,
    /// When it ends.
    pub until: chrono::DateTime<chrono::Utc>,
    /// Where it was recorded in the log.
    pub position: i64,
}

/// Why a data subject is erased: a code, never free text, since the
/// erasure record outlives the subject's key and text about why a person is
/// erased tends to name them (GDPR Art. 17(1), PIPL Art. 47).
#[derive(async_graphql::Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum ErasureReason {
    /// The person asked, naming no ground.
    DataSubjectRequest,
    /// The purpose is achieved or the data is no longer necessary for it.
    NoLongerNecessary,
    /// The retention period ended or the service stopped.
    RetentionExpired,
    /// The person withdrew consent.
    ConsentWithdrawn,
    /// The person objected to the processing.
    Objection,
    /// The data was processed unlawfully or against the agreement.
    UnlawfulProcessing,
    /// A law or an authority requires the erasure.
    LegalObligation,
}

impl ErasureReason {
    /// The code recorded on `DataSubjectErased` (one of
    /// `erase::ERASURE_REASONS`).
    pub fn code(self) -> &'static str {
        match self {
            Self::DataSubjectRequest => "data_subject_request",
            Self::NoLongerNecessary => "no_longer_necessary",
            Self::RetentionExpired => "retention_expired",
            Self::ConsentWithdrawn => "consent_withdrawn",
            Self::Objection => "objection",
            Self::UnlawfulProcessing => "unlawful_processing",
            Self::LegalObligation => "legal_obligation",
        }
    }
}

/// The admin's erasure, and a person's reveal of masked values.
#[derive(Default)]
pub struct PersonalDataMutation;

#[Object]
impl PersonalDataMutation {
    /// Shows one ticket's personal fields unmasked to a role that sees them
    /// masked (warehouse, finance) or to an admin, when the work needs it.
    /// Each reveal is recorded in the log (`PersonalDataRevealed`: who, in
    /// which role, which ticket, why) on the data subject's stream.
    async fn reveal_personal_data(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        reason: String,
    ) -> Result<Ticket> {
        async {
            // An auditor passes only with an admin's running grant for this
            // ticket, checked once the ticket's subject is known.
            let who = match require_view(ctx, View::Reveal) {
                Ok(who) => who,
                Err(forbidden) => match principal(ctx)? {
                    who if who.role == Role::Auditor => who,
                    _ => return Err(forbidden),
                },
            };
            let needs_grant = !View::Reveal.allows(who.role);
            let no_grant = || ApiError::Forbidden {
                role: who.role.as_str().to_owned(),
                action: "reveal personal data without an admin's grant for this ticket".to_owned(),
            };
            if reason.trim().is_empty() {
                return Err(ApiError::Validation("reason: say why".into()));
            }
            let app = app(ctx)?;
            let loaded = app
                .tickets
                .load(ticket_id.into())
                .await
                .map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
            if loaded.version == 0 {
                // Nobody holds a grant for a ticket that does not exist,
                // and an auditor learns nothing of which ones do.
                if needs_grant {
                    return Err(no_grant());
                }
                return Err(ApiError::NotFound(format!("ticket {ticket_id} not found")));
            }
            let Some(keys) = app.tickets.keys() else {
                if needs_grant {
                    return Err(no_grant());
                }
                return Ok(Ticket::new(ticket_id, loaded.state));
            };
            let subject = keys.subject_of_state(&loaded.state).unwrap_or_default();
            if needs_grant {
                let now = app.store.clock().now();
                let granted = grants::live_grant(&app.store, &subject, ticket_id, &who.actor, now)
                    .await
                    .map_err(|e| ApiError::from_store(request_id(ctx), &e))?;
                if granted.is_none() {
                    return Err(no_grant());
                }
            }
            let metadata = Metadata::new(who.actor.clone(), who.role.as_str());
            erase::record_reveal(
                &app.store,
                keys,
                &subject,
                ticket_id,
                &reason,
                metadata,
                app.store.clock().now(),
            )
            .await
            .map_err(|e| ApiError::from_store(request_id(ctx), &e))?;
            let opened = keys
                .open_state(&loaded.state, Access::Full)
                .await
                .map_err(|e| ApiError::from_store(request_id(ctx), &e))?;
            Ok(Ticket::revealed(ticket_id, loaded.state, opened))
        }
        .await
        .gql()
    }

    /// Grants an auditor (by actor name) one ticket's personal fields for
    /// `hours` (at most a week): within that time the auditor may
    /// `revealPersonalData` on that ticket, and each reveal is recorded as
    /// any other. The grant is recorded on the data subject's stream
    /// (`PersonalDataAccessGranted`: ticket, auditor, by, until). Admins only.
    async fn grant_personal_data_access(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        grantee: String,
        hours: i32,
    ) -> Result<PersonalDataGrant> {
        async {
            let who = require_view(ctx, View::DataSubjects)?;
            let app = app(ctx)?;
            let loaded = app
                .tickets
                .load(ticket_id.into())
                .await
                .map_err(|e| ApiError::internal(request_id(ctx), &e))?;
            if loaded.version == 0 {
                return Err(ApiError::NotFound(format!("ticket {ticket_id} not found")));
            }
            let Some(subject) = app
                .tickets
                .keys()
                .and_then(|keys| keys.subject_of_state(&loaded.state))
            else {
                return Err(ApiError::Validation(
                    "this ticket holds no encrypted personal data to grant".into(),
                ));
            };
            let metadata = Metadata::new(who.actor.clone(), who.role.as_str());
            let done = grants::grant(
                &app.store,
                &subject,
                ticket_id,
                &grantee,
                chrono::Duration::hours(i64::from(hours)),
                metadata,
                app.store.clock().now(),
            )
            .await
            .map_err(|e| match e {
                returns_eventstore::Error::Invalid(message) => ApiError::Validation(message),
                other => ApiError::from_store(request_id(ctx), &other),
            })?;
            Ok(PersonalDataGrant {
                ticket_id: done.ticket_id,
                grantee: done.grantee,
                granted_by: done.granted_by,
                until: done.until,
                position: done.position,
            })
        }
        .await
        .gql()
    }

    /// Erases a data subject (a subject id as `Ticket.dataSubject` shows it,
    /// or `CHANNEL:BUYER`): deletes its key and blind-index entries and
    /// records who, when and why. Every read then shows its fields as
    /// `[erased]`; the hash chain still verifies.
    async fn erase_data_subject(
        &self,
        ctx: &Context<'_>,
        subject: String,
        reason: ErasureReason,
    ) -> Result<DataSubjectErasure> {
        async {
            let who = require_view(ctx, View::DataSubjects)?;
            let reason = reason.code();
            let app = app(ctx)?;
            let Some(keys) = app.tickets.keys() else {
                return Err(ApiError::Validation(
                    "this server has no master key, so it holds no erasable data".into(),
                ));
            };
            let subject = erase::resolve(keys, &subject);
            let metadata = Metadata::new(who.actor.clone(), who.role.as_str());
            let now = app.store.clock().now();
            let done = erase::erase(&app.store, keys, &subject, metadata, reason, now)
                .await
                .map_err(|e| match e {
                    returns_eventstore::Error::Invalid(message) => ApiError::NotFound(message),
                    other => ApiError::from_store(request_id(ctx), &other),
                })?;
            let deleted =
                crate::evidence::shred_subject(&app.evidence, &app.store, &subject, &done.tickets)
                    .await
                    .map_err(|e| ApiError::internal(request_id(ctx), &e))?
                    + crate::evidence::shred_parcels(&app.evidence, keys, &done.parcels)
                        .await
                        .map_err(|e| ApiError::internal(request_id(ctx), &e))?;
            Ok(DataSubjectErasure {
                evidence_files_deleted: i32::try_from(deleted).unwrap_or(i32::MAX),
                subject: done.subject,
                key_deleted: done.key_deleted,
                tickets: done.tickets,
                plaintext_events: done
                    .plaintext_events
                    .into_iter()
                    .map(|e| PlaintextEvent {
                        ticket_id: e.ticket_id,
                        stream_version: e.stream_version,
                        event_type: e.event_type,
                        fields: e.fields,
                    })
                    .collect(),
                position: done.position,
            })
        }
        .await
        .gql()
    }
}
