//! Canonical bytes of an event and the per-stream SHA-256 chain.
//!
//! The bytes must come out the same whether the payload went through SQLite's
//! text column or PostgreSQL's `jsonb` (which reorders keys and drops
//! whitespace), so objects are written with sorted keys by hand rather than
//! relying on serde_json's map order, which a feature flag elsewhere in the
//! build could change.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The fields of an event that its hash covers. Position is left out: it is
/// assigned by the database after the hash is computed.
#[derive(Debug, Clone, Copy)]
pub struct HashInput<'a> {
    /// Stream id.
    pub stream_id: &'a str,
    /// Version in the stream.
    pub stream_version: i64,
    /// Event id.
    pub event_id: Uuid,
    /// Event type.
    pub event_type: &'a str,
    /// Payload schema version as stored.
    pub schema_version: i32,
    /// Payload as stored.
    pub payload: &'a Value,
    /// Metadata as stored.
    pub metadata: &'a Value,
    /// Recording time (microsecond precision).
    pub recorded_at: DateTime<Utc>,
}

/// SHA-256 of `previous` (empty for a stream's first event) followed by the
/// canonical bytes of `event`.
pub fn chain_hash(previous: &[u8], event: &HashInput<'_>) -> Vec<u8> {
    let mut hasher = Sha256::new();
    hasher.update(previous);
    hasher.update(canonical_bytes(event));
    hasher.finalize().to_vec()
}

/// The canonical JSON of the hashed fields: sorted keys, no whitespace.
pub fn canonical_bytes(event: &HashInput<'_>) -> Vec<u8> {
    let value = serde_json::json!({
        "stream_id": event.stream_id,
        "stream_version": event.stream_version,
        "event_id": event.event_id.to_string(),
        "event_type": event.event_type,
        "schema_version": event.schema_version,
        "payload": event.payload,
        "metadata": event.metadata,
        "recorded_at_us": event.recorded_at.timestamp_micros(),
    });
    let mut out = Vec::with_capacity(256);
    write_canonical(&value, &mut out);
    out
}

/// Writes `value` as JSON with object keys in byte order.
pub fn write_canonical(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.push(b'{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_scalar(&Value::String(key.clone()), out);
                out.push(b':');
                write_canonical(item, out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(item, out);
            }
            out.push(b']');
        }
        scalar => write_scalar(scalar, out),
    }
}

fn write_scalar(value: &Value, out: &mut Vec<u8>) {
    // Serializing a scalar Value cannot fail; fall back to null rather than panic.
    match serde_json::to_vec(value) {
        Ok(bytes) => out.extend_from_slice(&bytes),
        Err(_) => out.extend_from_slice(b"null"),
    }
}

/// Hash over the heads of all streams (sorted by stream id): the body of a seal.
pub fn heads_hash<'a>(heads: impl IntoIterator<Item = (&'a str, i64, &'a [u8])>) -> Vec<u8> {
    let mut hasher = Sha256::new();
    for (stream, version, hash) in heads {
        hasher.update((stream.len() as u64).to_be_bytes());
        hasher.update(stream.as_bytes());
        hasher.update(version.to_be_bytes());
        hasher.update(hash);
    }
    hasher.finalize().to_vec()
}

/// Truncates a time to the microsecond precision both backends store.
pub fn to_micros(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(at.timestamp_micros()).unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn canonical_bytes_ignore_key_order_and_whitespace() {
        let a: Value = serde_json::from_str(r#"{"b": 1, "a": {"y": [1, 2], "x": "s"}}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"a":{"x":"s","y":[1,2]},"b":1}"#).unwrap();
        let mut ca = Vec::new();
        let mut cb = Vec::new();
        write_canonical(&a, &mut ca);
        write_canonical(&b, &mut cb);
        assert_eq!(ca, cb);
        assert_eq!(ca, br#"{"a":{"x":"s","y":[1,2]},"b":1}"#.to_vec());
    }

    #[test]
    fn chain_hash_depends_on_previous_hash() {
        let payload = json!({"k": 1});
        let metadata = json!({});
        let input = HashInput {
            stream_id: "s",
            stream_version: 1,
            event_id: Uuid::nil(),
            event_type: "T",
            schema_version: 1,
            payload: &payload,
            metadata: &metadata,
            recorded_at: DateTime::from_timestamp_micros(0).unwrap(),
        };
        assert_ne!(chain_hash(&[], &input), chain_hash(&[1], &input));
        assert_eq!(chain_hash(&[], &input).len(), 32);
    }
}
