//! Parcels nobody announced (无头件): a parcel the warehouse received that
//! no ticket expected (no waybill given, a wrong one, one the buyer
//! corrected later). Each is its own small aggregate, kept apart from the
//! tickets: it is registered into the pool, matched to a ticket once one
//! names it (automatically by its tracking number, or by a person), or,
//! when old and still unmatched, disposed of with a supervisor's approval.
//!
//! Matching a parcel is two facts on two streams: the parcel's
//! [`ParcelEvent::Assigned`] (which claims it, once, by the parcel stream's
//! optimistic version) and the ticket's `PoolParcelMatched` with the
//! receipt (the ticket's `ReceiveMatchedParcel`). The parcel is claimed
//! first, so two tickets can never both receive it.
//!
//! The sender's name and phone as printed on the label are personal data:
//! [`PERSONAL_FIELDS`] lists them for the store's encryption.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::decide::validate;
use crate::personal::PersonalKind;

/// The pool's statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ParcelStatus {
    /// Not registered (no such parcel).
    #[default]
    None,
    /// In the pool, waiting for its ticket.
    Unmatched,
    /// Claimed by a ticket, which records it as received.
    Matched,
    /// Old and unmatched: a disposition waits for approval.
    DispositionRequested,
    /// Sent back, kept or written off, as approved.
    Disposed,
}

impl ParcelStatus {
    /// The stored and API name.
    pub fn as_str(self) -> &'static str {
        match self {
            ParcelStatus::None => "none",
            ParcelStatus::Unmatched => "unmatched",
            ParcelStatus::Matched => "matched",
            ParcelStatus::DispositionRequested => "disposition_requested",
            ParcelStatus::Disposed => "disposed",
        }
    }
}

/// What happens to a parcel no ticket ever claimed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    /// Sent back to the sender printed on the label.
    ReturnToSender,
    /// Kept in stock.
    Keep,
    /// Written off.
    WriteOff,
}

/// Who matched a parcel to its ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    /// The engine: a ticket named the parcel's tracking number.
    Automatic,
    /// A person who searched the tickets by order, phone or SKU.
    Person,
}

/// A parcel younger than this cannot be disposed of: the buyer's
/// application or corrected waybill usually arrives within days, and a
/// parcel sent back too early is a refund the merchant pays without the
/// goods.
pub const DISPOSITION_AFTER_DAYS: i64 = 14;

/// The warehouse registers a parcel no ticket expects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterParcel {
    /// The parcel's id (the pool's key; chosen by the caller).
    pub parcel_id: Uuid,
    /// Carrier as on the label.
    pub carrier: String,
    /// Tracking number as on the label.
    pub tracking_number: String,
    /// What is inside, as found (SKUs, counts, state).
    pub contents: String,
    /// The sender's name as printed (personal).
    pub sender_name: Option<String>,
    /// The sender's phone as printed (personal).
    pub sender_phone: Option<String>,
    /// Photos of the label and contents (evidence references).
    pub photo_refs: Vec<String>,
    /// When it was registered.
    pub at: DateTime<Utc>,
}

/// The parcel is claimed by a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignParcel {
    /// The ticket that receives it.
    pub ticket_id: Uuid,
    /// The engine or a person.
    pub by: MatchedBy,
    /// When.
    pub at: DateTime<Utc>,
}

/// The warehouse asks to dispose of an old unmatched parcel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestParcelDisposition {
    /// What to do with it.
    pub disposition: Disposition,
    /// Why (what was tried to find its ticket).
    pub reason: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// A supervisor approves or refuses the requested disposition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecideParcelDisposition {
    /// Approved (the parcel is disposed of) or refused (back to the pool).
    pub approve: bool,
    /// Why, in words.
    pub note: Option<String>,
    /// When.
    pub at: DateTime<Utc>,
}

/// What a caller asks of a parcel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParcelCommand {
    /// See [`RegisterParcel`].
    Register(RegisterParcel),
    /// See [`AssignParcel`].
    Assign(AssignParcel),
    /// See [`RequestParcelDisposition`].
    RequestDisposition(RequestParcelDisposition),
    /// See [`DecideParcelDisposition`].
    DecideDisposition(DecideParcelDisposition),
}

impl ParcelCommand {
    /// The command's name, in errors and the audit.
    pub fn name(&self) -> &'static str {
        match self {
            ParcelCommand::Register(_) => "RegisterParcel",
            ParcelCommand::Assign(_) => "AssignParcel",
            ParcelCommand::RequestDisposition(_) => "RequestParcelDisposition",
            ParcelCommand::DecideDisposition(_) => "DecideParcelDisposition",
        }
    }
}

/// The parcel was registered into the pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParcelRegistered {
    /// The parcel.
    pub parcel_id: Uuid,
    /// Carrier.
    pub carrier: String,
    /// Tracking number as on the label.
    pub tracking_number: String,
    /// What is inside.
    pub contents: String,
    /// Sender's name as printed (encrypted when stored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_name: Option<String>,
    /// Sender's phone as printed (encrypted when stored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_phone: Option<String>,
    /// Photo references.
    #[serde(default)]
    pub photo_refs: Vec<String>,
    /// When.
    pub registered_at: DateTime<Utc>,
}

/// A ticket claimed the parcel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParcelAssigned {
    /// The ticket.
    pub ticket_id: Uuid,
    /// The engine or a person.
    pub matched_by: MatchedBy,
    /// When.
    pub assigned_at: DateTime<Utc>,
}

/// A disposition was asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParcelDispositionRequested {
    /// What to do.
    pub disposition: Disposition,
    /// Why.
    pub reason: String,
    /// When.
    pub requested_at: DateTime<Utc>,
}

/// The disposition was approved or refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParcelDispositionDecided {
    /// What was asked.
    pub disposition: Disposition,
    /// Approved or refused.
    pub approved: bool,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When.
    pub decided_at: DateTime<Utc>,
}

/// What happened to a parcel. Stored as `Parcel<Variant>` with the
/// variant's fields as payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ParcelEvent {
    /// See [`ParcelRegistered`].
    Registered(ParcelRegistered),
    /// See [`ParcelAssigned`].
    Assigned(ParcelAssigned),
    /// See [`ParcelDispositionRequested`].
    DispositionRequested(ParcelDispositionRequested),
    /// See [`ParcelDispositionDecided`].
    DispositionDecided(ParcelDispositionDecided),
}

/// The stored names of parcel events.
pub const PARCEL_EVENT_TYPES: [&str; 4] = [
    "ParcelRegistered",
    "ParcelAssigned",
    "ParcelDispositionRequested",
    "ParcelDispositionDecided",
];

/// The personal fields of `ParcelRegistered`: what the label printed.
pub const PERSONAL_FIELDS: [(&str, PersonalKind); 2] = [
    ("sender_name", PersonalKind::Name),
    ("sender_phone", PersonalKind::Phone),
];

impl ParcelEvent {
    /// The stored event type.
    pub fn event_type(&self) -> &'static str {
        match self {
            ParcelEvent::Registered(_) => PARCEL_EVENT_TYPES[0],
            ParcelEvent::Assigned(_) => PARCEL_EVENT_TYPES[1],
            ParcelEvent::DispositionRequested(_) => PARCEL_EVENT_TYPES[2],
            ParcelEvent::DispositionDecided(_) => PARCEL_EVENT_TYPES[3],
        }
    }

    /// The event from its stored type and JSON (the untagged enum alone
    /// cannot tell variants with overlapping fields apart).
    pub fn decode(event_type: &str, json: &str) -> serde_json::Result<Self> {
        Ok(match event_type {
            "ParcelRegistered" => ParcelEvent::Registered(serde_json::from_str(json)?),
            "ParcelAssigned" => ParcelEvent::Assigned(serde_json::from_str(json)?),
            "ParcelDispositionRequested" => {
                ParcelEvent::DispositionRequested(serde_json::from_str(json)?)
            }
            "ParcelDispositionDecided" => {
                ParcelEvent::DispositionDecided(serde_json::from_str(json)?)
            }
            other => {
                return Err(serde::de::Error::custom(format!(
                    "unknown parcel event {other}"
                )))
            }
        })
    }
}

/// A parcel folded from its events.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParcelState {
    /// Where it is.
    pub status: ParcelStatus,
    /// What the warehouse registered.
    pub registered: Option<ParcelRegistered>,
    /// The ticket that claimed it.
    pub ticket_id: Option<Uuid>,
    /// Who matched it to that ticket.
    pub matched_by: Option<MatchedBy>,
    /// The disposition asked for (kept after the decision).
    pub disposition: Option<ParcelDispositionRequested>,
    /// The last decision on a disposition.
    pub decision: Option<ParcelDispositionDecided>,
    /// How many events made it (the stream's version).
    pub version: i64,
}

impl ParcelState {
    /// How long the parcel has been in the pool at `now`.
    pub fn age(&self, now: DateTime<Utc>) -> Option<Duration> {
        self.registered.as_ref().map(|r| now - r.registered_at)
    }
}

/// Why a parcel command cannot apply; nothing is written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParcelError {
    /// The parcel is not where the command needs it.
    #[error("{command} is not allowed while the parcel is {}", status.as_str())]
    InvalidTransition {
        /// The refused command.
        command: &'static str,
        /// The parcel's status.
        status: ParcelStatus,
    },
    /// A field's value is unacceptable.
    #[error("{field}: {message}")]
    Validation {
        /// The field.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// The parcel id is taken.
    #[error("parcel `{0}` already exists")]
    AlreadyExists(Uuid),
}

impl ParcelError {
    /// The stable code the API passes on.
    pub fn code(&self) -> &'static str {
        match self {
            ParcelError::InvalidTransition { .. } => "INVALID_TRANSITION",
            ParcelError::Validation { .. } => "VALIDATION",
            ParcelError::AlreadyExists(_) => "CONFLICT",
        }
    }
}

impl From<crate::DomainError> for ParcelError {
    fn from(e: crate::DomainError) -> Self {
        match e {
            crate::DomainError::Validation { field, message } => {
                ParcelError::Validation { field, message }
            }
            other => ParcelError::Validation {
                field: String::new(),
                message: other.to_string(),
            },
        }
    }
}

/// The events `command` produces for the parcel in `state`.
pub fn decide(
    state: &ParcelState,
    command: &ParcelCommand,
) -> Result<Vec<ParcelEvent>, ParcelError> {
    let refuse = || ParcelError::InvalidTransition {
        command: command.name(),
        status: state.status,
    };
    match command {
        ParcelCommand::Register(c) => {
            if state.status != ParcelStatus::None {
                return Err(ParcelError::AlreadyExists(c.parcel_id));
            }
            validate::short_text("carrier", &c.carrier)?;
            validate::short_text("tracking_number", &c.tracking_number)?;
            validate::long_text("contents", &c.contents)?;
            for (field, value) in [
                ("sender_name", &c.sender_name),
                ("sender_phone", &c.sender_phone),
            ] {
                // A label may print nothing legible: blank is no value.
                if let Some(value) = value.as_ref().filter(|v| !v.trim().is_empty()) {
                    validate::short_text(field, value)?;
                }
            }
            if c.photo_refs.len() > validate::MAX_PHOTOS {
                return Err(ParcelError::Validation {
                    field: "photo_refs".into(),
                    message: format!("at most {} photos", validate::MAX_PHOTOS),
                });
            }
            for (i, photo) in c.photo_refs.iter().enumerate() {
                validate::short_text(&format!("photo_refs[{i}]"), photo)?;
            }
            let blank_is_none = |v: &Option<String>| {
                v.as_ref()
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
            };
            Ok(vec![ParcelEvent::Registered(ParcelRegistered {
                parcel_id: c.parcel_id,
                carrier: c.carrier.trim().to_owned(),
                tracking_number: c.tracking_number.trim().to_owned(),
                contents: c.contents.clone(),
                sender_name: blank_is_none(&c.sender_name),
                sender_phone: blank_is_none(&c.sender_phone),
                photo_refs: c.photo_refs.clone(),
                registered_at: c.at,
            })])
        }
        // A ticket found before the disposition is approved wins: the
        // request is dropped with the match.
        ParcelCommand::Assign(c) => match state.status {
            ParcelStatus::Unmatched | ParcelStatus::DispositionRequested => {
                Ok(vec![ParcelEvent::Assigned(ParcelAssigned {
                    ticket_id: c.ticket_id,
                    matched_by: c.by,
                    assigned_at: c.at,
                })])
            }
            _ => Err(refuse()),
        },
        ParcelCommand::RequestDisposition(c) => {
            if state.status != ParcelStatus::Unmatched {
                return Err(refuse());
            }
            validate::long_text("reason", &c.reason)?;
            let days = state.age(c.at).map_or(0, |age| age.num_days());
            if days < DISPOSITION_AFTER_DAYS {
                return Err(ParcelError::Validation {
                    field: "at".into(),
                    message: format!(
                        "a parcel is disposed of after {DISPOSITION_AFTER_DAYS} days in the pool; this one has been there {days}"
                    ),
                });
            }
            Ok(vec![ParcelEvent::DispositionRequested(
                ParcelDispositionRequested {
                    disposition: c.disposition,
                    reason: c.reason.clone(),
                    requested_at: c.at,
                },
            )])
        }
        ParcelCommand::DecideDisposition(c) => {
            let (ParcelStatus::DispositionRequested, Some(requested)) =
                (state.status, state.disposition.as_ref())
            else {
                return Err(refuse());
            };
            if let Some(note) = &c.note {
                validate::optional_text("note", note)?;
            }
            Ok(vec![ParcelEvent::DispositionDecided(
                ParcelDispositionDecided {
                    disposition: requested.disposition,
                    approved: c.approve,
                    note: c.note.clone().filter(|n| !n.trim().is_empty()),
                    decided_at: c.at,
                },
            )])
        }
    }
}

/// The parcel after `event`.
pub fn evolve(mut state: ParcelState, event: &ParcelEvent) -> ParcelState {
    state.version += 1;
    match event {
        ParcelEvent::Registered(e) => {
            state.status = ParcelStatus::Unmatched;
            state.registered = Some(e.clone());
        }
        ParcelEvent::Assigned(e) => {
            state.status = ParcelStatus::Matched;
            state.ticket_id = Some(e.ticket_id);
            state.matched_by = Some(e.matched_by);
        }
        ParcelEvent::DispositionRequested(e) => {
            state.status = ParcelStatus::DispositionRequested;
            state.disposition = Some(e.clone());
        }
        ParcelEvent::DispositionDecided(e) => {
            state.status = if e.approved {
                ParcelStatus::Disposed
            } else {
                ParcelStatus::Unmatched
            };
            state.decision = Some(e.clone());
        }
    }
    state
}

/// A tracking number as the pool compares it: what scanners and people
/// vary (case, spaces, dashes) removed.
pub fn tracking_key(tracking_number: &str) -> String {
    tracking_number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}
