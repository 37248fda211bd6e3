//! The signature of a webhook delivery: HMAC-SHA256 over `"<timestamp>.<body>"`.
//!
//! Signing the timestamp with the body lets a receiver reject a replayed request (a timestamp
//! older than a few minutes) as well as a forged one; this is the scheme Stripe and Slack use, so
//! receivers already know how to check it. The headers are
//! `X-Promptctl-Timestamp: <unix seconds>` and `X-Promptctl-Signature: sha256=<lowercase hex>`.

use std::fmt::Write as _;

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The header carrying the Unix time the delivery was signed at.
pub const TIMESTAMP_HEADER: &str = "X-Promptctl-Timestamp";
/// The header carrying `sha256=<hex>`.
pub const SIGNATURE_HEADER: &str = "X-Promptctl-Signature";

/// `sha256=<hex of HMAC-SHA256(secret, "<timestamp>.<body>")>`.
pub fn signature(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    let mut mac = mac(secret);
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    let mut hex = String::with_capacity(7 + digest.len() * 2);
    hex.push_str("sha256=");
    for byte in digest {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// Whether `header` is the signature of `body` at `timestamp` (compared in constant time), as a
/// receiver checks it.
pub fn verify(secret: &[u8], timestamp: i64, body: &[u8], header: &str) -> bool {
    let Some(hex) = header.strip_prefix("sha256=") else {
        return false;
    };
    let Some(bytes) = decode_hex(hex) else {
        return false;
    };
    let mut mac = mac(secret);
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.verify_slice(&bytes).is_ok()
}

fn mac(secret: &[u8]) -> Hmac<Sha256> {
    // HMAC takes a key of any length; `new_from_slice` cannot fail for it.
    <Hmac<Sha256> as Mac>::new_from_slice(secret).unwrap_or_else(|_| unreachable!())
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{signature, verify};

    #[test]
    fn signature_is_hmac_sha256_of_timestamp_dot_body() {
        // An independent value: `printf '1700000000.{}' | openssl dgst -sha256 -hmac key`.
        assert_eq!(
            signature(b"key", 1_700_000_000, b"{}"),
            "sha256=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae"
        );
    }

    #[test]
    fn a_changed_body_timestamp_or_secret_fails_verification() {
        let header = signature(b"s3cret", 1_700_000_000, b"{\"a\":1}");
        assert!(verify(b"s3cret", 1_700_000_000, b"{\"a\":1}", &header));
        assert!(!verify(b"s3cret", 1_700_000_000, b"{\"a\":2}", &header));
        assert!(!verify(b"s3cret", 1_700_000_001, b"{\"a\":1}", &header));
        assert!(!verify(b"other", 1_700_000_000, b"{\"a\":1}", &header));
        assert!(!verify(b"s3cret", 1_700_000_000, b"{\"a\":1}", "sha256=zz"));
        assert!(!verify(b"s3cret", 1_700_000_000, b"{\"a\":1}", "md5=00"));
    }
}
