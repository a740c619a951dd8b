//! AssignTicket, AddNote, UpdateCustomFields, ScheduleFollowUp,
//! CompleteFollowUp and RecordMissedDeadline: allowed at any step until the
//! ticket ends. After a close, notes and follow-up calls are still accepted
//! (after-sale care, the follow-up call, happens after close by definition);
//! after a cancel, notes only.

use super::validate;
use crate::command::{
    AddNote, AssignTicket, CompleteFollowUp, RecordMissedDeadline, ScheduleFollowUp,
    UpdateCustomFields,
};
use crate::error::DomainError;
use crate::event::{
    CustomFieldsUpdated, DeadlineMissed, Event, FollowUpCompleted, FollowUpScheduled, NoteAdded,
    TicketAssigned,
};
use crate::state::TicketState;

pub(super) fn assign(c: &AssignTicket) -> Result<Vec<Event>, DomainError> {
    if let Some(assignee) = &c.assignee {
        validate::short_text("assignee", assignee)?;
    }
    Ok(vec![Event::TicketAssigned(TicketAssigned {
        assignee: c.assignee.clone(),
        assigned_at: c.at,
    })])
}

pub(super) fn add_note(c: &AddNote) -> Result<Vec<Event>, DomainError> {
    validate::short_text("author", &c.author)?;
    validate::long_text("text", &c.text)?;
    Ok(vec![Event::NoteAdded(NoteAdded {
        author: c.author.clone(),
        text: c.text.clone(),
        added_at: c.at,
    })])
}

pub(super) fn update_custom_fields(c: &UpdateCustomFields) -> Result<Vec<Event>, DomainError> {
    if c.fields.is_empty() {
        return Err(DomainError::validation("fields", "nothing to update"));
    }
    for key in c.fields.keys() {
        validate::short_text("fields (key)", key)?;
    }
    Ok(vec![Event::CustomFieldsUpdated(CustomFieldsUpdated {
        fields: c.fields.clone(),
        updated_at: c.at,
    })])
}

pub(super) fn schedule_follow_up(
    state: &TicketState,
    c: &ScheduleFollowUp,
) -> Result<Vec<Event>, DomainError> {
    if c.follow_up_id.is_nil() {
        return Err(DomainError::validation("follow_up_id", "must not be nil"));
    }
    if state.follow_up(c.follow_up_id).is_some() {
        return Err(DomainError::AlreadyExists {
            what: "follow_up",
            id: c.follow_up_id.to_string(),
        });
    }
    if c.due_at < c.at {
        return Err(DomainError::validation("due_at", "must not be in the past"));
    }
    validate::short_text("purpose", &c.purpose)?;
    Ok(vec![Event::FollowUpScheduled(FollowUpScheduled {
        follow_up_id: c.follow_up_id,
        due_at: c.due_at,
        purpose: c.purpose.clone(),
        scheduled_at: c.at,
    })])
}

pub(super) fn complete_follow_up(
    state: &TicketState,
    c: &CompleteFollowUp,
) -> Result<Vec<Event>, DomainError> {
    let Some(follow_up) = state.follow_up(c.follow_up_id) else {
        return Err(DomainError::NotFound {
            what: "follow_up",
            id: c.follow_up_id.to_string(),
        });
    };
    if follow_up.completed_at.is_some() {
        return Err(DomainError::validation(
            "follow_up_id",
            "this follow-up is already completed",
        ));
    }
    validate::long_text("outcome", &c.outcome)?;
    Ok(vec![Event::FollowUpCompleted(FollowUpCompleted {
        follow_up_id: c.follow_up_id,
        outcome: c.outcome.clone(),
        completed_at: c.at,
    })])
}

pub(super) fn record_missed_deadline(
    state: &TicketState,
    c: &RecordMissedDeadline,
) -> Result<Vec<Event>, DomainError> {
    let Some((running, due_at)) = state.running_deadline() else {
        return Err(DomainError::validation(
            "deadline",
            "no deadline is running",
        ));
    };
    if running != c.deadline {
        return Err(DomainError::validation(
            "deadline",
            format!("the running deadline is {running:?}, not {:?}", c.deadline),
        ));
    }
    // Timers may fire early after clock skew; recording a miss before the due
    // time would let a workflow expire a ticket that still had time.
    if c.at <= due_at {
        return Err(DomainError::validation(
            "at",
            format!("the {running:?} deadline is not due until {due_at}"),
        ));
    }
    Ok(vec![Event::DeadlineMissed(DeadlineMissed {
        deadline: c.deadline,
        due_at,
        missed_at: c.at,
    })])
}
