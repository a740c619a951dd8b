//! OpenTicket: a customer applies.

use std::collections::BTreeSet;

use super::validate::{self, MAX_LINES};
use crate::command::OpenTicket;
use crate::error::DomainError;
use crate::event::{Event, TicketOpened};

pub(super) fn open_ticket(c: &OpenTicket) -> Result<Vec<Event>, DomainError> {
    if c.ticket_id.is_nil() {
        return Err(DomainError::validation("ticket_id", "must not be nil"));
    }
    validate::short_text("channel", &c.channel)?;
    validate::short_text("customer", &c.customer)?;
    if let Some(phone) = &c.customer_phone {
        validate::short_text("customer_phone", phone)?;
    }
    if let Some(address) = &c.customer_address {
        validate::long_text("customer_address", address)?;
    }
    validate::short_text("reason_code", &c.reason_code)?;
    validate::optional_text("reason_text", &c.reason_text)?;
    if let Some(id) = &c.platform_order_id {
        validate::short_text("platform_order_id", id)?;
    }
    if let Some(id) = &c.platform_after_sale_id {
        validate::short_text("platform_after_sale_id", id)?;
    }
    if c.lines.is_empty() {
        return Err(DomainError::validation(
            "lines",
            "at least one line is required",
        ));
    }
    if c.lines.len() > MAX_LINES {
        return Err(DomainError::limit(
            "lines",
            validate::to_i64(MAX_LINES),
            validate::to_i64(c.lines.len()),
        ));
    }
    let mut seen = BTreeSet::new();
    for (i, line) in c.lines.iter().enumerate() {
        validate::short_text(&format!("lines[{i}].line_id"), &line.line_id)?;
        validate::short_text(&format!("lines[{i}].sku"), &line.sku)?;
        validate::optional_text(&format!("lines[{i}].name"), &line.name)?;
        if !seen.insert(line.line_id.as_str()) {
            return Err(DomainError::validation(
                format!("lines[{i}].line_id"),
                format!("duplicate line id `{}`", line.line_id),
            ));
        }
        if line.qty == 0 {
            return Err(DomainError::validation(
                format!("lines[{i}].qty"),
                "must be at least 1",
            ));
        }
        validate::non_negative(&format!("lines[{i}].paid"), &line.paid, c.currency)?;
    }
    if c.custom_fields.keys().any(|k| k.trim().is_empty()) {
        return Err(DomainError::validation(
            "custom_fields",
            "keys must not be blank",
        ));
    }
    if c.review_deadline < c.at {
        return Err(DomainError::validation(
            "review_deadline",
            "must not be before the application time",
        ));
    }
    Ok(vec![Event::TicketOpened(TicketOpened {
        ticket_id: c.ticket_id,
        kind: c.kind,
        channel: c.channel.clone(),
        platform_order_id: c.platform_order_id.clone(),
        platform_after_sale_id: c.platform_after_sale_id.clone(),
        customer: c.customer.clone(),
        customer_phone: c.customer_phone.clone(),
        customer_address: c.customer_address.clone(),
        reason_code: c.reason_code.clone(),
        reason_text: c.reason_text.clone(),
        lines: c.lines.clone(),
        currency: c.currency,
        custom_fields: c.custom_fields.clone(),
        opened_at: c.at,
        review_deadline: c.review_deadline,
    })])
}
