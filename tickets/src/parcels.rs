//! Parcels nobody announced (无头件) as stored aggregates, beside the
//! tickets: each is a `parcel-<uuid>` stream decided by
//! [`returns_domain::parcel`], and each append also writes the parcel's
//! row of `parcel_pool` (the warehouse's pool, the lookup by tracking
//! number) in its own transaction, with the sender's name and phone as
//! printed encrypted under the parcel's own data subject.
//!
//! Matching ([`Tickets::match_parcel`]) claims the parcel on its stream
//! first, so two tickets (or a person and the engine) can never both
//! receive it, then records it received on the ticket.

use returns_domain::command::ReceiveMatchedParcel;
use returns_domain::parcel::{
    self, tracking_key, AssignParcel, MatchedBy, ParcelCommand, ParcelError, ParcelEvent,
    ParcelRegistered, ParcelState, ParcelStatus, PERSONAL_FIELDS,
};
use returns_domain::ticket::{PackageCondition, ReceivedLine};
use returns_domain::{Command, DomainError, TicketState};
use returns_eventstore::aggregate::{
    self, Decider, Encrypted, Encryptor, ExecuteError, Executed, Loaded,
};
use returns_eventstore::{Error, Metadata, Result};
use serde_json::Value;
use uuid::Uuid;

use crate::handle::Tickets;
use crate::ids;
use crate::privacy::{Access, KeyRing};
use crate::repository::TicketError;
use crate::storage::{self, PoolRow};

/// The prefix of every parcel stream id.
pub const PARCEL_PREFIX: &str = "parcel-";

/// The stream that holds a parcel's events.
pub fn parcel_stream(parcel_id: Uuid) -> String {
    format!("{PARCEL_PREFIX}{parcel_id}")
}

/// The parcel id of a parcel stream, `None` for other streams.
pub fn parcel_id_of(stream_id: &str) -> Option<Uuid> {
    stream_id
        .strip_prefix(PARCEL_PREFIX)
        .and_then(|id| Uuid::parse_str(id).ok())
}

/// The parcel as the store's load–decide–append loop sees it.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParcelDecider;

impl Decider for ParcelDecider {
    type State = ParcelState;
    type Command = ParcelCommand;
    type Event = ParcelEvent;
    type Error = ParcelError;

    fn decide(
        state: &ParcelState,
        command: &ParcelCommand,
    ) -> Result<Vec<ParcelEvent>, ParcelError> {
        parcel::decide(state, command)
    }

    fn evolve(state: ParcelState, event: &ParcelEvent) -> ParcelState {
        parcel::evolve(state, event)
    }

    fn event_type(event: &ParcelEvent) -> &'static str {
        event.event_type()
    }

    fn schema_version(_: &ParcelEvent) -> i32 {
        1
    }

    fn decode_stored(event_type: &str, json: &str) -> serde_json::Result<ParcelEvent> {
        ParcelEvent::decode(event_type, json)
    }
}

/// What a parcel's append writes beside its events: the pool row, and for
/// the registration the sender's fields encrypted (with the key, if new,
/// and the blind-index rows that let a person find the parcel by phone).
struct ParcelWrites<'a> {
    keys: Option<&'a KeyRing>,
}

impl Encryptor<ParcelDecider> for ParcelWrites<'_> {
    async fn encrypt(
        &self,
        state: &ParcelState,
        event: &ParcelEvent,
        payload: Value,
    ) -> Result<Encrypted> {
        let after = parcel::evolve(state.clone(), event);
        let Some(registered) = after.registered.as_ref() else {
            return Err(Error::Invalid(
                "a parcel event before its registration".into(),
            ));
        };
        let stream = parcel_stream(registered.parcel_id);
        let mut encrypted = match (event, self.keys) {
            (ParcelEvent::Registered(r), Some(keys)) => {
                let subject = keys.parcel_subject(r.parcel_id);
                let searchable: Vec<&str> = [&r.sender_name, &r.sender_phone]
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .collect();
                keys.encrypt_fields(&subject, payload, &PERSONAL_FIELDS, &searchable, &stream)
                    .await?
            }
            _ => Encrypted::plain(payload),
        };
        encrypted.side_writes.push(storage::pool_row(
            &registered.parcel_id.to_string(),
            &tracking_key(&registered.tracking_number),
            after.status.as_str(),
            registered.registered_at,
            after.ticket_id.map(|t| t.to_string()),
            after.version,
        ));
        Ok(encrypted)
    }
}

/// Why matching a parcel to a ticket failed.
#[derive(Debug, thiserror::Error)]
pub enum MatchError {
    /// The parcel refused (already matched, disposed of) or could not be stored.
    #[error(transparent)]
    Parcel(#[from] ExecuteError<ParcelError>),
    /// The ticket refused (it expects no goods) or could not be stored.
    #[error(transparent)]
    Ticket(#[from] TicketError),
}

/// What a match asks for besides the two ids.
#[derive(Debug, Clone)]
pub struct MatchRequest {
    /// The pool's parcel.
    pub parcel_id: Uuid,
    /// The ticket that receives it.
    pub ticket_id: Uuid,
    /// The engine or a person.
    pub by: MatchedBy,
    /// Units per line; empty: every unit the ticket still expects.
    pub lines: Vec<ReceivedLine>,
    /// The parcel's condition.
    pub package_condition: PackageCondition,
}

/// Statuses a parcel can still be claimed in.
pub const CLAIMABLE: [ParcelStatus; 2] =
    [ParcelStatus::Unmatched, ParcelStatus::DispositionRequested];

impl Tickets {
    /// Decides `command` against the parcel and appends the result with its
    /// pool row (and, for a registration, its sender's fields encrypted).
    pub async fn execute_parcel(
        &self,
        parcel_id: Uuid,
        expected: Option<i64>,
        command: &ParcelCommand,
        metadata: Metadata,
    ) -> Result<Executed<ParcelState>, ExecuteError<ParcelError>> {
        let mut metadata = metadata;
        if let Some(keys) = self.keys() {
            metadata.fingerprint = metadata.fingerprint.map(|f| keys.keyed_fingerprint(f));
        }
        let writes = ParcelWrites {
            keys: self.keys().map(|keys| keys.as_ref()),
        };
        aggregate::execute_encrypted::<ParcelDecider, _>(
            self.store(),
            &parcel_stream(parcel_id),
            expected,
            command,
            metadata,
            &writes,
        )
        .await
    }

    /// The parcel as stored (sender fields encrypted) and its version.
    pub async fn load_parcel(
        &self,
        parcel_id: Uuid,
    ) -> Result<Loaded<ParcelState>, ExecuteError<ParcelError>> {
        aggregate::load::<ParcelDecider>(self.store(), &parcel_stream(parcel_id)).await
    }

    /// The registration with its sender's fields opened for `access`
    /// (`[erased]` once the parcel's subject is erased).
    pub async fn open_parcel(
        &self,
        registered: &ParcelRegistered,
        access: Access,
    ) -> Result<ParcelRegistered> {
        let Some(keys) = self.keys() else {
            return Ok(registered.clone());
        };
        let mut value = serde_json::to_value(registered)
            .map_err(|e| Error::Invalid(format!("a parcel as JSON: {e}")))?;
        keys.open_value(&mut value, access).await?;
        serde_json::from_value(value)
            .map_err(|e| Error::Invalid(format!("a parcel from JSON: {e}")))
    }

    /// The pool's parcels in `statuses`, oldest first, at most `limit`.
    pub async fn parcel_pool(&self, statuses: &[ParcelStatus], limit: i64) -> Result<Vec<PoolRow>> {
        let names: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
        storage::pool(self.store().db(), &names, limit).await
    }

    /// The parcels still to be claimed whose tracking number is `tracking_number`
    /// (compared as [`tracking_key`]).
    pub async fn claimable_parcels(&self, tracking_number: &str) -> Result<Vec<Uuid>> {
        let key = tracking_key(tracking_number);
        if key.is_empty() {
            return Ok(Vec::new());
        }
        let names: Vec<&str> = CLAIMABLE.iter().map(|s| s.as_str()).collect();
        Ok(storage::pool_by_tracking(self.store().db(), &key, &names)
            .await?
            .iter()
            .filter_map(|row| Uuid::parse_str(&row.parcel_id).ok())
            .collect())
    }

    /// The pool's parcels counted per status.
    pub async fn parcel_pool_counts(&self) -> Result<Vec<storage::PoolCount>> {
        storage::pool_counts(self.store().db()).await
    }

    /// The parcels `ticket_id` claimed.
    pub async fn parcels_of_ticket(&self, ticket_id: Uuid) -> Result<Vec<PoolRow>> {
        storage::pool_of_ticket(self.store().db(), &ticket_id.to_string()).await
    }

    /// Claims the parcel for the ticket, then records it received there.
    ///
    /// The ticket's command is first decided on its current state, so a
    /// ticket that expects no goods refuses before the parcel is claimed.
    /// `metadata`'s command id keys the claim; the ticket's receipt gets an
    /// id derived from it, so repeating a match that failed between the two
    /// appends (a store failure, a crash) completes it and writes nothing
    /// twice.
    pub async fn match_parcel(
        &self,
        request: &MatchRequest,
        metadata: Metadata,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<Executed<TicketState>, MatchError> {
        let loaded = self.load_parcel(request.parcel_id).await?;
        let Some(registered) = loaded.state.registered.clone() else {
            return Err(MatchError::Parcel(ExecuteError::Rejected(
                ParcelError::InvalidTransition {
                    command: "AssignParcel",
                    status: ParcelStatus::None,
                },
            )));
        };
        let receive = Command::ReceiveMatchedParcel(ReceiveMatchedParcel {
            parcel_id: request.parcel_id,
            carrier: registered.carrier.clone(),
            tracking_number: registered.tracking_number.clone(),
            matched_by: request.by,
            lines: request.lines.clone(),
            package_condition: request.package_condition,
            at,
        });
        let claimed_here = loaded.state.ticket_id == Some(request.ticket_id);
        if !claimed_here {
            let ticket = self.load(request.ticket_id.into()).await?;
            if ticket.version == 0 {
                return Err(MatchError::Ticket(ExecuteError::Rejected(
                    DomainError::NotFound {
                        what: "ticket",
                        id: request.ticket_id.to_string(),
                    },
                )));
            }
            returns_domain::decide(&ticket.state, &receive)
                .map_err(|e| MatchError::Ticket(ExecuteError::Rejected(e)))?;
            let assign = ParcelCommand::Assign(AssignParcel {
                ticket_id: request.ticket_id,
                by: request.by,
                at,
            });
            self.execute_parcel(
                request.parcel_id,
                Some(loaded.version),
                &assign,
                metadata.clone(),
            )
            .await?;
        }
        let mut ticket_metadata = metadata;
        ticket_metadata.command_id = ticket_metadata
            .command_id
            .map(|id| ids::from_command(id, "receive matched parcel"));
        ticket_metadata.fingerprint = ticket_metadata.fingerprint.map(|f| {
            returns_eventstore::CommandFingerprint::new("ReceiveMatchedParcel", f.input_hash)
        });
        Ok(self
            .execute(request.ticket_id.into(), None, &receive, ticket_metadata)
            .await?)
    }
}
