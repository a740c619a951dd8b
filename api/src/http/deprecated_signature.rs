//! The push intake signature headers of before (`X-Returns-Timestamp`,
//! `X-Returns-Signature: sha256=<hex>`), accepted for one release so that
//! senders can move to `Returns-Timestamp` / `Returns-Signature: v1=<hex>`.
//!
//! Both schemes sign the same bytes (`"{timestamp}.{raw body}"`, HMAC-SHA256)
//! so this shim only renames: it hands the old values to the one verifier
//! ([`returns_workflows::signature::verify`]). A request signed the old way
//! is logged as a warning and answered with `Deprecation: true`.
//! Delete this file (and its call in [`super::intake`]) in the next release.

use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::response::Response;

/// The old timestamp header.
const OLD_TIMESTAMP_HEADER: &str = "x-returns-timestamp";
/// The old signature header: `sha256=<hex>`.
const OLD_SIGNATURE_HEADER: &str = "X-Returns-Signature";
/// The old signature's prefix; the current scheme's is `v1=`.
const OLD_PREFIX: &str = "sha256=";

/// The old headers of a request, rewritten in the current scheme.
#[derive(Debug, PartialEq, Eq)]
pub struct Translated {
    /// The signing time, as sent.
    pub timestamp: Option<String>,
    /// `v1=<hex>`, or the value as sent when it is not `sha256=<hex>` (so
    /// the verifier calls it malformed).
    pub signature: Option<String>,
}

/// The request's old signature headers as the current ones, or `None` when
/// it sends neither.
pub fn translate(headers: &HeaderMap) -> Option<Translated> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let timestamp = header(OLD_TIMESTAMP_HEADER);
    let signature = header(OLD_SIGNATURE_HEADER);
    if timestamp.is_none() && signature.is_none() {
        return None;
    }
    let signature = signature.map(|s| {
        let s = s.trim();
        s.strip_prefix(OLD_PREFIX)
            .map_or_else(|| s.to_owned(), |hex| format!("v1={hex}"))
    });
    Some(Translated {
        timestamp: timestamp.map(str::to_owned),
        signature,
    })
}

/// Marks the answer to a request signed the old way, and says so in the log.
pub fn mark(platform: &str, response: &mut Response) {
    tracing::warn!(
        %platform,
        "push intake signed with X-Returns-Signature (deprecated): sign with Returns-Signature: v1=…"
    );
    response.headers_mut().insert(
        HeaderName::from_static("deprecation"),
        HeaderValue::from_static("true"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_old_headers_become_the_current_scheme_and_others_are_left_alone() {
        let mut headers = HeaderMap::new();
        assert_eq!(translate(&headers), None);
        headers.insert("x-returns-timestamp", HeaderValue::from_static("1000"));
        headers.insert(
            "x-returns-signature",
            HeaderValue::from_static("sha256=ab12"),
        );
        assert_eq!(
            translate(&headers),
            Some(Translated {
                timestamp: Some("1000".to_owned()),
                signature: Some("v1=ab12".to_owned()),
            })
        );
        // Not the old prefix: passed on as sent, for the verifier to refuse.
        headers.insert("x-returns-signature", HeaderValue::from_static("md5=ab12"));
        assert_eq!(
            translate(&headers).and_then(|t| t.signature).as_deref(),
            Some("md5=ab12")
        );
    }
}
