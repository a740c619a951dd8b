//! Erasure and export of one data subject across the log.
//!
//! The erasure is recorded on the subject's own stream
//! (`data-subject-<id>`), not on each ticket: it is one fact about a person
//! whatever the number of their tickets, it must be accepted whatever state
//! a ticket is in (closed, cancelled), and it changes no ticket's state —
//! every reader already shows the fields as erased once the key is gone.

use chrono::{DateTime, Utc};
use returns_domain::personal::{personal_fields, PersonalKind};
use returns_eventstore::{Error, EventStore, ExpectedVersion, Metadata, NewEvent, Result};
use serde::Serialize;
use serde_json::{json, Value};
use uuid::Uuid;

use super::{cipher, Access, KeyRing};
use crate::stream::{stream_id, ticket_id_of};

/// The stream prefix of data subjects' own streams.
pub const SUBJECT_STREAM_PREFIX: &str = "data-subject-";

/// The event type recorded when a subject is erased.
pub const ERASED_EVENT: &str = "DataSubjectErased";

/// Why a subject may be erased, as codes: the erasure record must stay
/// readable after the erasure, and free text about why a person is erased
/// tends to name them ("Zhang San called on 3 May"). The grounds of GDPR
/// Art. 17(1) and PIPL Art. 47, with `data_subject_request` for a request
/// that names no ground.
pub const ERASURE_REASONS: &[&str] = &[
    "data_subject_request",
    "no_longer_necessary",
    "retention_expired",
    "consent_withdrawn",
    "objection",
    "unlawful_processing",
    "legal_obligation",
];

/// One event that still holds a subject's personal data in plaintext: it
/// was written before encryption existed, and the chain forbids rewriting it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlaintextEvent {
    /// The ticket.
    pub ticket_id: Uuid,
    /// The event's version in the ticket's stream.
    pub stream_version: i64,
    /// Its log position.
    pub position: i64,
    /// Its type.
    pub event_type: String,
    /// The personal fields it holds in the clear.
    pub fields: Vec<String>,
}

/// What erasing a subject did.
#[derive(Debug, Clone, Serialize)]
pub struct Erasure {
    /// The subject.
    pub subject: String,
    /// Whether it had a data key (false: already erased, or only old events).
    pub key_deleted: bool,
    /// Its tickets.
    pub tickets: Vec<Uuid>,
    /// Events that still hold its data in plaintext.
    pub plaintext_events: Vec<PlaintextEvent>,
    /// Parcels from the unmatched pool its tickets claimed: the sender
    /// printed on their labels is this subject, erased with it.
    pub parcels: Vec<Uuid>,
    /// Where the erasure was recorded.
    pub position: i64,
}

/// The subject named by `reference`: a subject id (`s…`) as shown to
/// admins, or `CHANNEL:BUYER` (the channel and the platform's buyer id).
pub fn resolve(keys: &KeyRing, reference: &str) -> String {
    match reference.split_once(':') {
        Some((channel, buyer)) => keys.subject_id(channel, buyer),
        None => reference.trim().to_owned(),
    }
}

/// Every ticket of `subject` in the log, with its events that hold the
/// subject's personal data in plaintext. Reads the whole log: tickets
/// opened before encryption existed are in no index.
pub async fn tickets_of(
    store: &EventStore,
    keys: &KeyRing,
    subject: &str,
) -> Result<(Vec<Uuid>, Vec<PlaintextEvent>)> {
    let mut tickets = Vec::new();
    let mut plaintext = Vec::new();
    let mut after = 0;
    loop {
        let page = store.read_all(after, 1_000).await?;
        let Some(last) = page.last() else {
            break;
        };
        after = last.position;
        for recorded in page {
            let Some(ticket) = ticket_id_of(&recorded.stream_id) else {
                continue;
            };
            if recorded.event_type == "TicketOpened" {
                let customer = recorded.payload["customer"].as_str().unwrap_or_default();
                let of_subject = match cipher::parse(customer) {
                    Some(parts) => parts.subject == subject,
                    None => {
                        let channel = recorded.payload["channel"].as_str().unwrap_or_default();
                        keys.subject_id(channel, customer) == subject
                    }
                };
                if of_subject && !tickets.contains(&ticket) {
                    tickets.push(ticket);
                }
            }
            if !tickets.contains(&ticket) {
                continue;
            }
            let fields: Vec<String> = personal_fields(&recorded.event_type)
                .filter(|f| holds_plaintext(&recorded.payload, f.path))
                .map(|f| f.path.to_owned())
                .collect();
            if !fields.is_empty() {
                plaintext.push(PlaintextEvent {
                    ticket_id: ticket,
                    stream_version: recorded.stream_version,
                    position: recorded.position,
                    event_type: recorded.event_type.clone(),
                    fields,
                });
            }
        }
    }
    Ok((tickets, plaintext))
}

fn holds_plaintext(payload: &Value, path: &str) -> bool {
    let clear =
        |v: &Value| matches!(v, Value::String(s) if !s.is_empty() && !cipher::is_encrypted(s));
    match path.strip_suffix("[]") {
        Some(name) => payload[name]
            .as_array()
            .is_some_and(|items| items.iter().any(clear)),
        None => clear(&payload[path]),
    }
}

/// Erases `subject`: records `DataSubjectErased` (who, when, why, which
/// tickets; no personal data) on the subject's stream, then deletes its key
/// and blind-index entries. Recorded first so an erasure is never without
/// its record; a failure after the record leaves the key, and running the
/// erasure again finishes it.
pub async fn erase(
    store: &EventStore,
    keys: &KeyRing,
    subject: &str,
    metadata: Metadata,
    reason: &str,
    at: DateTime<Utc>,
) -> Result<Erasure> {
    if super::reserved(subject) {
        return Err(Error::Invalid(format!("{subject} is not a data subject")));
    }
    if !ERASURE_REASONS.contains(&reason) {
        return Err(Error::Invalid(format!(
            "the reason of an erasure is one of {}",
            ERASURE_REASONS.join(", ")
        )));
    }
    let (tickets, plaintext_events) = tickets_of(store, keys, subject).await?;
    let has_key = super::read_key(&keys.db, &keys.master, subject)
        .await?
        .is_some();
    if tickets.is_empty() && !has_key {
        return Err(Error::Invalid(format!("no data subject {subject}")));
    }
    let mut parcels = Vec::new();
    for ticket in &tickets {
        for row in crate::storage::pool_of_ticket(&keys.db, &ticket.to_string()).await? {
            if let Ok(parcel) = Uuid::parse_str(&row.parcel_id) {
                parcels.push(parcel);
            }
        }
    }
    let by = metadata.actor.clone();
    let payload = json!({
        "subject": subject,
        "by": by,
        "reason": reason,
        "erased_at": at,
        "tickets": tickets,
        "plaintext_events": plaintext_events.len(),
        "parcels": parcels,
    });
    let append = store
        .append(
            &format!("{SUBJECT_STREAM_PREFIX}{subject}"),
            ExpectedVersion::Any,
            vec![NewEvent::new(ERASED_EVENT, 1, payload)],
            metadata,
        )
        .await?;
    // The fingerprints first: once the key is gone nothing else of the
    // subject's commands can confirm a guess of what they said.
    let streams: Vec<String> = tickets.iter().map(|t| stream_id(*t)).collect();
    crate::storage::forget_fingerprints(&keys.db, &streams).await?;
    let key_deleted = keys.erase_key(subject).await?;
    store.announce_erasure(subject).await?;
    for parcel in &parcels {
        let parcel_subject = keys.parcel_subject(*parcel);
        keys.erase_key(&parcel_subject).await?;
        store.announce_erasure(&parcel_subject).await?;
    }
    Ok(Erasure {
        subject: subject.to_owned(),
        key_deleted,
        tickets,
        plaintext_events,
        parcels,
        position: append.last_position,
    })
}

/// Everything held about `subject`, decrypted (PIPL Art. 45): each of its
/// tickets with every event, personal fields opened (or `[erased]`).
pub async fn export(store: &EventStore, keys: &KeyRing, subject: &str) -> Result<Value> {
    let (tickets, _) = tickets_of(store, keys, subject).await?;
    let mut out = Vec::with_capacity(tickets.len());
    for ticket in &tickets {
        let mut events = Vec::new();
        for recorded in store.read_stream(&stream_id(*ticket), 1).await? {
            let mut payload = recorded.payload.clone();
            keys.open_value(&mut payload, Access::Full).await?;
            events.push(json!({
                "stream_version": recorded.stream_version,
                "event_type": recorded.event_type,
                "recorded_at": recorded.recorded_at,
                "payload": payload,
            }));
        }
        out.push(json!({ "ticket_id": ticket, "events": events }));
    }
    Ok(json!({
        "subject": subject,
        "source": "returns",
        "erased": keys.was_erased(subject).await?,
        "tickets": out,
    }))
}

/// The event type recorded when a person reveals a ticket's masked values.
pub const REVEALED_EVENT: &str = "PersonalDataRevealed";

/// Records that the actor of `metadata` saw `ticket`'s personal fields
/// unmasked, and why, on the subject's stream. The reason is free text
/// about the subject's ticket ("call Mr Li back about the crack"), so it
/// is encrypted under the subject's key like the ticket's own text and is
/// erased with it; a subject without a key (erased) records none.
pub async fn record_reveal(
    store: &EventStore,
    keys: &KeyRing,
    subject: &str,
    ticket: Uuid,
    reason: &str,
    metadata: Metadata,
    at: DateTime<Utc>,
) -> Result<i64> {
    let reason = match keys.key(subject).await? {
        Some(key) => cipher::encrypt(&key, subject, PersonalKind::Text, reason),
        None => returns_domain::personal::ERASED.to_owned(),
    };
    let payload = json!({
        "subject": subject,
        "ticket_id": ticket,
        "by": metadata.actor,
        "role": metadata.role,
        "reason": reason,
        "fields": "all",
        "revealed_at": at,
    });
    let append = store
        .append(
            &format!("{SUBJECT_STREAM_PREFIX}{subject}"),
            ExpectedVersion::Any,
            vec![NewEvent::new(REVEALED_EVENT, 1, payload)],
            metadata,
        )
        .await?;
    Ok(append.last_position)
}

/// The event type recorded when an evidence pack of a subject's ticket is
/// made.
pub const PACK_EVENT: &str = "EvidencePackMade";

/// Records on the subject's stream that the actor of `metadata` made an
/// evidence pack of `ticket`, with the personal data as `personal_data`
/// (`full`, `masked` or `presence`), and the pack's SHA-256: a pack may
/// carry the subject's data out of the engine, so who took which one is
/// kept beside the reveals.
pub async fn record_pack(
    store: &EventStore,
    subject: &str,
    ticket: Uuid,
    personal_data: &str,
    sha256: &str,
    metadata: Metadata,
    at: DateTime<Utc>,
) -> Result<i64> {
    let payload = json!({
        "subject": subject,
        "ticket_id": ticket,
        "by": metadata.actor,
        "role": metadata.role,
        "personal_data": personal_data,
        "sha256": sha256,
        "made_at": at,
    });
    let append = store
        .append(
            &format!("{SUBJECT_STREAM_PREFIX}{subject}"),
            ExpectedVersion::Any,
            vec![NewEvent::new(PACK_EVENT, 1, payload)],
            metadata,
        )
        .await?;
    Ok(append.last_position)
}
