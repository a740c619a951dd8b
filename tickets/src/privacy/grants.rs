//! An admin's time-boxed grant to an auditor of one ticket's personal
//! fields. Auditors see only whether a value is there; when an audit needs
//! the values of one ticket (a complaint, a regulator's question), an admin
//! grants it for a bounded time. The grant is recorded on the data
//! subject's stream, like each use of it (a reveal, `PersonalDataRevealed`),
//! so the log answers who could see whom, granted by whom, until when, and
//! who did.
//!
//! The log is the grant's only store: a grant is found by reading the
//! subject's stream, which holds only the subject's erasures, reveals and
//! grants, so it stays short.

use chrono::{DateTime, Duration, Utc};
use returns_eventstore::{Error, EventStore, ExpectedVersion, Metadata, NewEvent, Result};
use serde_json::json;
use uuid::Uuid;

use super::erase::SUBJECT_STREAM_PREFIX;

/// The event type of a grant.
pub const GRANTED_EVENT: &str = "PersonalDataAccessGranted";

/// The longest grant: an audit's question is answered within days; a
/// longer need is a role, not a grant.
pub const LONGEST_GRANT: Duration = Duration::days(7);

/// A grant as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The ticket whose personal fields it opens.
    pub ticket_id: Uuid,
    /// The auditor (an actor name, as tokens and sign-ins carry it).
    pub grantee: String,
    /// The admin who granted it.
    pub granted_by: String,
    /// When it ends.
    pub until: DateTime<Utc>,
    /// Where it was recorded in the log.
    pub position: i64,
}

/// Records that the admin of `metadata` grants `grantee` the personal
/// fields of `ticket` (of `subject`) for `length`, from `at`.
pub async fn grant(
    store: &EventStore,
    subject: &str,
    ticket: Uuid,
    grantee: &str,
    length: Duration,
    metadata: Metadata,
    at: DateTime<Utc>,
) -> Result<Grant> {
    let grantee = grantee.trim();
    if grantee.is_empty() {
        return Err(Error::Invalid("grantee: name the auditor".into()));
    }
    if length <= Duration::zero() || length > LONGEST_GRANT {
        return Err(Error::Invalid(format!(
            "a grant lasts more than nothing and at most {} hours",
            LONGEST_GRANT.num_hours()
        )));
    }
    let until = at + length;
    let granted_by = metadata.actor.clone();
    let payload = json!({
        "subject": subject,
        "ticket_id": ticket,
        "grantee": grantee,
        "by": granted_by,
        "granted_at": at,
        "until": until,
    });
    let append = store
        .append(
            &format!("{SUBJECT_STREAM_PREFIX}{subject}"),
            ExpectedVersion::Any,
            vec![NewEvent::new(GRANTED_EVENT, 1, payload)],
            metadata,
        )
        .await?;
    Ok(Grant {
        ticket_id: ticket,
        grantee: grantee.to_owned(),
        granted_by,
        until,
        position: append.last_position,
    })
}

/// Every grant recorded for `ticket` (of `subject`), oldest first.
pub async fn grants(store: &EventStore, subject: &str, ticket: Uuid) -> Result<Vec<Grant>> {
    let events = store
        .read_stream(&format!("{SUBJECT_STREAM_PREFIX}{subject}"), 0)
        .await?;
    Ok(events
        .iter()
        .filter(|e| e.event_type == GRANTED_EVENT)
        .filter_map(|e| {
            let p = &e.payload;
            Some(Grant {
                ticket_id: p["ticket_id"].as_str()?.parse().ok()?,
                grantee: p["grantee"].as_str()?.to_owned(),
                granted_by: p["by"].as_str()?.to_owned(),
                until: p["until"].as_str()?.parse().ok()?,
                position: e.position,
            })
        })
        .filter(|g| g.ticket_id == ticket)
        .collect())
}

/// The end of the longest grant to `grantee` of `ticket` still running at
/// `now`, if any.
pub async fn live_grant(
    store: &EventStore,
    subject: &str,
    ticket: Uuid,
    grantee: &str,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>> {
    Ok(grants(store, subject, ticket)
        .await?
        .into_iter()
        .filter(|g| g.grantee == grantee && g.until > now)
        .map(|g| g.until)
        .max())
}
