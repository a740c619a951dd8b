//! The one function that derives ids deterministically, so a command
//! retried, an event redelivered, a timer fired twice or a platform record
//! imported again makes the same ticket, refund, follow-up or command id
//! instead of a second one.
//!
//! Each [`IdSpace`] keeps, bit for bit, the derivation its callers used
//! before they shared this function: ids derived earlier are stored in the
//! log (intake's ticket ids, refund ids, workflow command ids), and a retry
//! after an upgrade must land on the same ones.

use sha2::{Digest, Sha256};
use uuid::{Builder, Uuid};

/// Whose ids: spaces never collide, since each hashes a different prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdSpace {
    /// Ids a client's command implies (a new ticket's, a refund's): the
    /// name of what is derived, then the command id's 16 bytes, with no
    /// length prefix, and version-4 bits.
    Command,
    /// Workflow command, timer and record ids: length-prefixed parts under
    /// the prefix `returns-workflows/ids/v1`, version-8 bits.
    Workflows,
    /// Intake's ticket ids of platform records: length-prefixed parts under
    /// a fixed random namespace, version-8 bits.
    Intake,
}

/// Fixed namespace of intake ticket ids (random once; never change it).
const INTAKE_NAMESPACE: Uuid = Uuid::from_u128(0x6f1c_7d2e_52b4_4c8e_9a51_3e0f_d1a2_b7c4);

/// The id `parts` name in `space`: the first 16 bytes of a SHA-256.
pub fn derive(space: IdSpace, parts: &[&[u8]]) -> Uuid {
    let mut hasher = Sha256::new();
    match space {
        IdSpace::Command => parts.iter().for_each(|part| hasher.update(part)),
        IdSpace::Workflows | IdSpace::Intake => {
            let prefix: &[u8] = match space {
                IdSpace::Workflows => b"returns-workflows/ids/v1",
                _ => INTAKE_NAMESPACE.as_bytes(),
            };
            hasher.update(prefix);
            for part in parts {
                // Length-prefixed, so ("ab","c") and ("a","bc") differ.
                hasher.update((part.len() as u64).to_be_bytes());
                hasher.update(part);
            }
        }
    }
    let digest = hasher.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    match space {
        IdSpace::Command => Builder::from_random_bytes(bytes).into_uuid(),
        IdSpace::Workflows | IdSpace::Intake => Builder::from_custom_bytes(bytes).into_uuid(),
    }
}

/// An id derived from a client's command id, so a retried command creates
/// the same ticket, refund or follow-up instead of a second one.
pub fn from_command(command_id: Uuid, what: &str) -> Uuid {
    derive(IdSpace::Command, &[what.as_bytes(), command_id.as_bytes()])
}

/// The id `parts` name in `space` (text parts).
pub fn derive_str(space: IdSpace, parts: &[&str]) -> Uuid {
    let parts: Vec<&[u8]> = parts.iter().map(|p| p.as_bytes()).collect();
    derive(space, &parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Values the three derivations produced before they were merged here
    // (computed apart from this code, from the old encodings): stored ids
    // depend on them never changing.
    #[test]
    fn derivations_are_unchanged() {
        let command = Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
        assert_eq!(
            from_command(command, "ticket").to_string(),
            "7bc2fb87-799a-49ee-8d0a-d57ea16ecf5f"
        );
        assert_eq!(
            derive_str(IdSpace::Workflows, &["command", "w", "event"]).to_string(),
            "6b174493-9c14-8a74-ae68-4c104710587d"
        );
        assert_eq!(
            derive_str(IdSpace::Intake, &["douyin", "A1"]).to_string(),
            "1784c8de-4785-8a36-b72f-d4013fc5cd41"
        );
    }

    #[test]
    fn parts_are_length_prefixed_and_spaces_differ() {
        assert_ne!(
            derive_str(IdSpace::Workflows, &["ab", "c"]),
            derive_str(IdSpace::Workflows, &["a", "bc"])
        );
        assert_ne!(
            derive_str(IdSpace::Workflows, &["x"]),
            derive_str(IdSpace::Intake, &["x"])
        );
        assert_eq!(derive_str(IdSpace::Intake, &["x"]).get_version_num(), 8);
        assert_eq!(from_command(Uuid::nil(), "x").get_version_num(), 4);
    }
}
