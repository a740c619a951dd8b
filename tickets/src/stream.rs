//! Which stream holds a ticket: `ticket-<uuid>`. Other streams in the log
//! (none today) are not tickets and are skipped by every ticket reader.

use uuid::Uuid;

/// The prefix of every ticket stream id.
pub const STREAM_PREFIX: &str = "ticket-";

/// The stream that holds a ticket's events.
pub fn stream_id(ticket_id: Uuid) -> String {
    format!("{STREAM_PREFIX}{ticket_id}")
}

/// The ticket id of a ticket stream, `None` for other streams.
pub fn ticket_id_of(stream_id: &str) -> Option<Uuid> {
    stream_id
        .strip_prefix(STREAM_PREFIX)
        .and_then(|id| Uuid::parse_str(id).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ticket_streams_name_a_ticket() {
        let id = Uuid::now_v7();
        assert_eq!(ticket_id_of(&stream_id(id)), Some(id));
        assert_eq!(ticket_id_of(&format!("timer-{id}")), None);
        assert_eq!(ticket_id_of("ticket-not-a-uuid"), None);
    }
}
