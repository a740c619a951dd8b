//! The master key: 32 bytes from configuration that wrap every data key.

use base64::Engine;
use sha2::{Digest, Sha256};
use zeroize::Zeroize;

/// Why a master key could not be read.
#[derive(Debug, thiserror::Error)]
pub enum MasterKeyError {
    /// Neither 64 hex digits nor base64 of 32 bytes.
    #[error("a master key is 32 bytes as 64 hex digits or base64")]
    Malformed,
    /// The key file could not be read.
    #[error("cannot read the master key file {path}: {message}")]
    File {
        /// The file.
        path: String,
        /// Why.
        message: String,
    },
}

/// 32 secret bytes, wiped from memory when dropped and never printed.
#[derive(Clone)]
pub struct MasterKey([u8; 32]);

impl Drop for MasterKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MasterKey({})", self.id())
    }
}

impl MasterKey {
    /// The key in `text`: 64 hex digits, or standard base64 of 32 bytes
    /// (surrounding whitespace ignored, so a key file may end in a newline).
    pub fn parse(text: &str) -> Result<Self, MasterKeyError> {
        let text = text.trim();
        let mut bytes = if text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            hex::decode(text).map_err(|_| MasterKeyError::Malformed)?
        } else {
            base64::engine::general_purpose::STANDARD
                .decode(text)
                .map_err(|_| MasterKeyError::Malformed)?
        };
        let key: Result<[u8; 32], _> = bytes.as_slice().try_into();
        bytes.zeroize();
        key.map(Self).map_err(|_| MasterKeyError::Malformed)
    }

    /// The key in the file at `path` (as [`MasterKey::parse`] reads it).
    pub fn from_file(path: &std::path::Path) -> Result<Self, MasterKeyError> {
        let mut text = std::fs::read_to_string(path).map_err(|e| MasterKeyError::File {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        let key = Self::parse(&text);
        text.zeroize();
        key
    }

    /// A new random key (the demo's, or `returns keys generate`).
    pub fn generate() -> Self {
        Self(rand::random())
    }

    /// The key as 64 hex digits, for writing it to a key file.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// A public name for the key (16 hex digits of a hash of it), stored
    /// beside every data key it wraps: tells which master key a database
    /// needs without revealing it.
    pub fn id(&self) -> String {
        let digest = Sha256::new()
            .chain_update(b"returns master key id\0")
            .chain_update(self.0)
            .finalize();
        hex::encode(&digest[..8])
    }

    pub(super) fn bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn hex_and_base64_spell_the_same_key() {
        let key = MasterKey::generate();
        let b64 = base64::engine::general_purpose::STANDARD.encode(key.bytes());
        assert_eq!(MasterKey::parse(&key.to_hex()).unwrap().id(), key.id());
        assert_eq!(
            MasterKey::parse(&format!("{b64}\n")).unwrap().id(),
            key.id()
        );
    }

    #[test]
    fn short_or_garbled_keys_are_refused() {
        assert!(MasterKey::parse("abcd").is_err());
        assert!(MasterKey::parse(&"zz".repeat(32)).is_err());
        assert!(MasterKey::parse("").is_err());
    }

    #[test]
    fn debug_output_shows_the_id_not_the_key() {
        let key = MasterKey::generate();
        let shown = format!("{key:?}");
        assert!(!shown.contains(&key.to_hex()));
        assert!(shown.contains(&key.id()));
    }
}
