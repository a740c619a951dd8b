//! Kuaishou's request signature, as the open platform's «API调用说明»
//! (pageSign 8cca5d25ba0015e5045a7ebec6383b741614263875756, §4 签名算法说明;
//! copied in AndersonBY/kwaixiaodian-python-sdk
//! `docs/开发指南和规则协议/开发文档/API调用说明.md`) defines it:
//!
//! 1. take the common parameters `access_token`, `appkey`, `method`,
//!    `param`, `signMethod`, `timestamp`, `version` (never `sign`);
//! 2. sort them by name and join them as `k=v` with `&`, values raw (the
//!    signature is computed before any url-encoding);
//! 3. append `&signSecret=<signSecret>`;
//! 4. `HMAC_SHA256` keyed with the signSecret, Base64 of the digest (the
//!    document's Java `HMACSHA256SignUtils`), or `MD5` as lowercase hex.
//!
//! The document recommends HMAC_SHA256, which is what the client sends.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The `signMethod` the client sends (the documented recommendation).
pub const SIGN_METHOD: &str = "HMAC_SHA256";

/// The signature of `params` (name, value; any `sign` among them is left
/// out) with the application's `sign_secret`, by `HMAC_SHA256`: Base64 of
/// HMAC-SHA256 over the sorted `k=v&…&signSecret=<sign_secret>`.
pub fn sign(params: &[(&str, &str)], sign_secret: &str) -> String {
    let mut sorted: Vec<&(&str, &str)> = params.iter().filter(|(k, _)| *k != "sign").collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut text = String::new();
    for (name, value) in sorted {
        text.push_str(name);
        text.push('=');
        text.push_str(value);
        text.push('&');
    }
    text.push_str("signSecret=");
    text.push_str(sign_secret);
    // Any key length is valid for HMAC, so this cannot fail.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(sign_secret.as_bytes()) else {
        return String::new();
    };
    mac.update(text.as_bytes());
    base64(&mac.finalize().into_bytes())
}

/// Standard Base64 with padding (RFC 4648 §4), as Java's
/// `Base64.encodeBase64String` writes it; the crate has no base64 dependency.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (raw, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(raw.as_bytes()), encoded);
        }
    }
}
