//! A personal value as stored: a string that names its subject and kind and
//! carries the AES-256-GCM ciphertext of the value under the subject's key.
//!
//! `$enc:v1:<subject>:<kind>:<base64url(nonce ‖ ciphertext)>`
//!
//! A string, not an object, so an event with encrypted fields still decodes as
//! the same domain type: every reader folds it without keys, read models
//! hold the ciphertext, and only the places that show a value open it. The
//! subject and kind are bound to the ciphertext as associated data, so a
//! encrypted value cannot be moved to another subject or kind unnoticed.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use returns_domain::personal::PersonalKind;
use zeroize::Zeroize;

const PREFIX: &str = "$enc:v1:";
const NONCE_LEN: usize = 12;

/// A subject's data key, unwrapped; wiped from memory when dropped.
#[derive(Clone)]
pub struct DataKey(pub(super) [u8; 32]);

impl Drop for DataKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(..)")
    }
}

impl DataKey {
    /// A new random key.
    pub fn generate() -> Self {
        Self(rand::random())
    }
}

/// The parts of a encrypted value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encrypted<'a> {
    /// The data subject whose key encrypted it.
    pub subject: &'a str,
    /// What it holds.
    pub kind: PersonalKind,
    /// Nonce and ciphertext, base64url.
    body: &'a str,
}

/// Whether `value` is a encrypted value (cheap; no decoding).
pub fn is_encrypted(value: &str) -> bool {
    value.starts_with(PREFIX)
}

/// The parts of `value`, if it is a well-formed encrypted value.
pub fn parse(value: &str) -> Option<Encrypted<'_>> {
    let rest = value.strip_prefix(PREFIX)?;
    let mut parts = rest.splitn(3, ':');
    let subject = parts.next()?;
    let kind = PersonalKind::from_tag(parts.next()?)?;
    let body = parts.next()?;
    Some(Encrypted {
        subject,
        kind,
        body,
    })
}

fn aad(subject: &str, kind: PersonalKind) -> String {
    format!("v1:{subject}:{}", kind.tag())
}

/// Encrypts `plain` for `subject` under `key` with a fresh random nonce.
pub fn encrypt(key: &DataKey, subject: &str, kind: PersonalKind, plain: &str) -> String {
    let cipher = Aes256Gcm::new((&key.0).into());
    let nonce: [u8; NONCE_LEN] = rand::random();
    let aad = aad(subject, kind);
    // Encryption with a valid key and nonce length cannot fail (the only
    // error is a message beyond GCM's 64 GiB limit, far above any field).
    let ciphertext = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: plain.as_bytes(),
                aad: aad.as_bytes(),
            },
        )
        .unwrap_or_default();
    let mut body = Vec::with_capacity(NONCE_LEN + ciphertext.len());
    body.extend_from_slice(&nonce);
    body.extend_from_slice(&ciphertext);
    format!(
        "{PREFIX}{subject}:{}:{}",
        kind.tag(),
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(body)
    )
}

/// The plaintext of `encrypted` under `key`; `None` when the key does not
/// open it (another key: the subject's key was erased and made anew) or
/// the value was tampered with.
pub fn decrypt(key: &DataKey, encrypted: &Encrypted<'_>) -> Option<String> {
    let body = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(encrypted.body)
        .ok()?;
    if body.len() < NONCE_LEN {
        return None;
    }
    let (nonce, ciphertext) = body.split_at(NONCE_LEN);
    let cipher = Aes256Gcm::new((&key.0).into());
    let aad = aad(encrypted.subject, encrypted.kind);
    let plain = cipher
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad: aad.as_bytes(),
            },
        )
        .ok()?;
    String::from_utf8(plain).ok()
}

/// The first bytes of an encrypted file, so a reader (or an operator with
/// `head -c 20`) tells it from a plain photo at once.
pub const FILE_MAGIC: &[u8] = b"RETURNS-ENC-FILE-v1\n";

fn file_aad(subject: &str, name: &str) -> String {
    format!("file-v1:{subject}:{name}")
}

/// `plain` (a whole file) encrypted under `key`: magic, nonce, ciphertext.
/// The subject and the file's `name` (its plaintext digest) are bound as
/// associated data, so a file renamed or moved to another subject does not
/// open.
pub fn encrypt_file(key: &DataKey, subject: &str, name: &str, plain: &[u8]) -> Vec<u8> {
    let cipher = Aes256Gcm::new((&key.0).into());
    let nonce: [u8; NONCE_LEN] = rand::random();
    let aad = file_aad(subject, name);
    // As in `encrypt`: only a message beyond 64 GiB fails, far above any
    // upload limit.
    let ciphertext = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: plain,
                aad: aad.as_bytes(),
            },
        )
        .unwrap_or_default();
    let mut out = Vec::with_capacity(FILE_MAGIC.len() + NONCE_LEN + ciphertext.len());
    out.extend_from_slice(FILE_MAGIC);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ciphertext);
    out
}

/// The plaintext of a file [`encrypt_file`] wrote; `None` when `key` does
/// not open it or it was altered.
pub fn decrypt_file(key: &DataKey, subject: &str, name: &str, stored: &[u8]) -> Option<Vec<u8>> {
    let body = stored.strip_prefix(FILE_MAGIC)?;
    if body.len() < NONCE_LEN {
        return None;
    }
    let (nonce, ciphertext) = body.split_at(NONCE_LEN);
    let cipher = Aes256Gcm::new((&key.0).into());
    let aad = file_aad(subject, name);
    cipher
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad: aad.as_bytes(),
            },
        )
        .ok()
}

/// `key` wrapped under `master` (AES-256-GCM, the subject as associated
/// data so a wrapped key cannot be moved to another subject): (nonce, ciphertext).
pub fn wrap(master: &[u8; 32], subject: &str, key: &DataKey) -> (Vec<u8>, Vec<u8>) {
    let cipher = Aes256Gcm::new(master.into());
    let nonce: [u8; NONCE_LEN] = rand::random();
    let wrapped = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: &key.0,
                aad: subject.as_bytes(),
            },
        )
        .unwrap_or_default();
    (nonce.to_vec(), wrapped)
}

/// The data key `wrapped` under `master`, or `None` when `master` is not
/// the key that wrapped it.
pub fn unwrap(master: &[u8; 32], subject: &str, nonce: &[u8], wrapped: &[u8]) -> Option<DataKey> {
    if nonce.len() != NONCE_LEN {
        return None;
    }
    let cipher = Aes256Gcm::new(master.into());
    let mut plain = cipher
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: wrapped,
                aad: subject.as_bytes(),
            },
        )
        .ok()?;
    let key: Option<[u8; 32]> = plain.as_slice().try_into().ok();
    plain.zeroize();
    key.map(DataKey)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn an_encrypted_value_opens_with_its_key_only() {
        let key = DataKey::generate();
        let encrypted = encrypt(&key, "s1", PersonalKind::Name, "李小龙");
        assert!(is_encrypted(&encrypted));
        assert!(!encrypted.contains("李小龙"));
        let parts = parse(&encrypted).unwrap();
        assert_eq!(parts.subject, "s1");
        assert_eq!(parts.kind, PersonalKind::Name);
        assert_eq!(decrypt(&key, &parts).as_deref(), Some("李小龙"));
        assert_eq!(decrypt(&DataKey::generate(), &parts), None);
    }

    #[test]
    fn an_encrypted_file_opens_with_its_key_subject_and_name_only() {
        let key = DataKey::generate();
        let photo = b"\x89PNG label: 13812340000";
        let stored = encrypt_file(&key, "s1", "ab12", photo);
        assert!(stored.starts_with(FILE_MAGIC));
        assert!(!stored.windows(11).any(|w| w == b"13812340000"));
        assert_eq!(
            decrypt_file(&key, "s1", "ab12", &stored).as_deref(),
            Some(&photo[..])
        );
        assert_eq!(
            decrypt_file(&DataKey::generate(), "s1", "ab12", &stored),
            None
        );
        assert_eq!(decrypt_file(&key, "s2", "ab12", &stored), None);
        assert_eq!(decrypt_file(&key, "s1", "cd34", &stored), None);
        let mut altered = stored.clone();
        if let Some(last) = altered.last_mut() {
            *last ^= 1;
        }
        assert_eq!(decrypt_file(&key, "s1", "ab12", &altered), None);
    }

    #[test]
    fn the_same_value_encrypts_differently_each_time() {
        let key = DataKey::generate();
        assert_ne!(
            encrypt(&key, "s", PersonalKind::Text, "x"),
            encrypt(&key, "s", PersonalKind::Text, "x")
        );
    }

    #[test]
    fn an_encrypted_value_moved_to_another_subject_does_not_open() {
        let key = DataKey::generate();
        let encrypted = encrypt(&key, "s1", PersonalKind::Phone, "13812340000");
        let moved = encrypted.replacen("s1", "s2", 1);
        assert_eq!(decrypt(&key, &parse(&moved).unwrap()), None);
    }

    #[test]
    fn a_wrapped_key_unwraps_only_under_its_master_and_subject() {
        let master = [7u8; 32];
        let key = DataKey::generate();
        let (nonce, wrapped) = wrap(&master, "s1", &key);
        assert_eq!(unwrap(&master, "s1", &nonce, &wrapped).unwrap().0, key.0);
        assert!(unwrap(&[8u8; 32], "s1", &nonce, &wrapped).is_none());
        assert!(unwrap(&master, "s2", &nonce, &wrapped).is_none());
    }
}
