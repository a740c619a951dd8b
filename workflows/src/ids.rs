//! Deterministic ids: the same trigger always yields the same command id,
//! timer id, refund id or follow-up id, so a redelivered event or a timer
//! fired again after a crash writes nothing new (the store returns the first
//! result of a command id it has seen).

use returns_tickets::ids::{derive_str, IdSpace};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The workflows' id named by `parts` (see [`returns_tickets::ids`]).
pub fn derive(parts: &[&str]) -> Uuid {
    derive_str(IdSpace::Workflows, parts)
}

/// The command id of `step` taken by `workflow` because of `trigger` (an
/// event id or a timer id; `origin` says which, so the two never collide).
pub fn command_id(workflow: &str, origin: &str, trigger: Uuid, step: &str) -> Uuid {
    derive(&["command", workflow, origin, &trigger.to_string(), step])
}

/// A number in `0..100` fixed by the ticket id: samples tickets for
/// follow-up calls the same way on every run and every server.
pub fn sample_percent(ticket_id: Uuid) -> u8 {
    let digest = Sha256::digest(ticket_id.as_bytes());
    let mut head = [0u8; 8];
    head.copy_from_slice(&digest[..8]);
    // 2^64 is not a multiple of 100; the bias (< 1e-17) is far below any policy's precision.
    (u64::from_be_bytes(head) % 100) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_parts_same_id_other_parts_other_id() {
        assert_eq!(derive(&["a", "b"]), derive(&["a", "b"]));
        assert_ne!(derive(&["ab", "c"]), derive(&["a", "bc"]));
        let trigger = Uuid::from_u128(7);
        assert_ne!(
            command_id("w", "event", trigger, "one"),
            command_id("w", "timer", trigger, "one")
        );
        assert_eq!(derive(&["x"]).get_version_num(), 8);
    }

    #[test]
    fn sample_is_stable_and_below_one_hundred() {
        let id = Uuid::from_u128(42);
        assert_eq!(sample_percent(id), sample_percent(id));
        assert!((0..1000u128).all(|n| sample_percent(Uuid::from_u128(n)) < 100));
    }
}
