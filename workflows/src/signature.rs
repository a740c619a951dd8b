//! The one signature every signed request carries, in both directions:
//! payout requests and event deliveries going out, payout callbacks and
//! push intake coming in (the API verifies those with [`verify`]; it is the
//! only verifier).
//!
//! `Returns-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`
//! with `Returns-Timestamp: <Unix seconds>`. Signing the timestamp with the
//! body lets a receiver refuse a replayed request once its timestamp is older
//! than [`TOLERANCE_SECS`]; the comparison is constant-time (`hmac`'s
//! `verify_slice`), so the signature cannot be guessed byte by byte.

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Header with the signature (`v1=<hex>`).
pub const SIGNATURE_HEADER: &str = "returns-signature";
/// Header with the signing time, Unix seconds.
pub const TIMESTAMP_HEADER: &str = "returns-timestamp";
/// Header with the key a receiver deduplicates on: the same for every
/// attempt at one payout or one delivery.
pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";
/// Header naming what the request is about (`refund.payout_requested`, an event type).
pub const EVENT_HEADER: &str = "returns-event";
/// How far a timestamp may be from the receiver's clock, in seconds.
pub const TOLERANCE_SECS: i64 = 300;

/// Why a signed request is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// A header is missing.
    #[error("missing {0} header")]
    Missing(&'static str),
    /// A header cannot be read.
    #[error("malformed {0} header")]
    Malformed(&'static str),
    /// The timestamp is too old (a replay) or too far ahead.
    #[error("timestamp outside the {TOLERANCE_SECS} s tolerance")]
    Stale,
    /// The signature does not match the body, timestamp and secret.
    #[error("signature does not match")]
    Mismatch,
}

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> HmacSha256 {
    let Ok(mut mac) = HmacSha256::new_from_slice(secret.as_bytes()) else {
        unreachable!("HMAC takes keys of any length")
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// The `Returns-Signature` value for `body` sent at `timestamp` (Unix seconds).
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    format!(
        "v1={}",
        hex::encode(mac(secret, timestamp, body).finalize().into_bytes())
    )
}

/// Checks a request's signature and timestamp headers against `body`,
/// `secret` and the receiver's time `now` (Unix seconds).
pub fn verify(
    secret: &str,
    timestamp: Option<&str>,
    signature: Option<&str>,
    body: &[u8],
    now: i64,
) -> Result<(), SignatureError> {
    let timestamp = timestamp.ok_or(SignatureError::Missing(TIMESTAMP_HEADER))?;
    let signature = signature.ok_or(SignatureError::Missing(SIGNATURE_HEADER))?;
    let timestamp: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| SignatureError::Malformed(TIMESTAMP_HEADER))?;
    if (now - timestamp).abs() > TOLERANCE_SECS {
        return Err(SignatureError::Stale);
    }
    let given = signature
        .trim()
        .strip_prefix("v1=")
        .and_then(|h| hex::decode(h).ok())
        .ok_or(SignatureError::Malformed(SIGNATURE_HEADER))?;
    mac(secret, timestamp, body)
        .verify_slice(&given)
        .map_err(|_| SignatureError::Mismatch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_what_the_readme_snippet_computes() {
        // Computed with the README's Python (hmac.new(secret, ts + b"." + body, sha256)).
        assert_eq!(
            sign(
                "whsec-example-0001",
                1_764_500_000,
                br#"{"status":"paid","reference":"ERP-1"}"#
            ),
            "v1=147f6f2e5626b89833785393c98a120df79737d4d682df77399ae9ded7e39714"
        );
    }

    #[test]
    fn a_signature_verifies_only_with_its_secret_body_and_a_fresh_timestamp() {
        let sig = sign("s3cret", 1_000, b"{\"a\":1}");
        let ok =
            |secret, ts: &str, body: &[u8], now| verify(secret, Some(ts), Some(&sig), body, now);
        assert_eq!(ok("s3cret", "1000", b"{\"a\":1}", 1_010), Ok(()));
        assert_eq!(
            ok("other", "1000", b"{\"a\":1}", 1_010),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            ok("s3cret", "1000", b"{\"a\":2}", 1_010),
            Err(SignatureError::Mismatch)
        );
        // The timestamp is signed: moving it forward breaks the signature.
        assert_eq!(
            ok("s3cret", "1100", b"{\"a\":1}", 1_100),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            ok("s3cret", "1000", b"{\"a\":1}", 1_000 + TOLERANCE_SECS + 1),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verify("s3cret", None, Some(&sig), b"", 1_000),
            Err(SignatureError::Missing(TIMESTAMP_HEADER))
        );
        assert_eq!(
            verify("s3cret", Some("1000"), Some("v1=zz"), b"", 1_000),
            Err(SignatureError::Malformed(SIGNATURE_HEADER))
        );
    }
}
